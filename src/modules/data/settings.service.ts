/**
 * Settings of Satu Data that the provincial walidata manage: automatic publication after validation.
 *
 * Storage (table `data_settings`, key → jsonb):
 * - `auto_publish_minutes`: the delay in minutes when automatic publication is on, JSON null when off
 *   (absent = off). This is the key the workflow reads when a Kepala OPD validates a revision
 *   (dataset.service.ts sets `auto_publish_at = validated_at + delay`), and `publishDue` (auto-publish.ts)
 *   publishes nothing while it is off.
 * - `auto_publish_delay_minutes`: the chosen delay, remembered while automatic publication is off.
 *
 * A change applies to revisions already waiting too: turning it off cancels their scheduled publication
 * (they wait for the walidata to publish them), changing the delay reschedules them from their validation
 * time. Turning it on does not schedule revisions validated while it was off.
 */
import type pg from 'pg';
import { withTransaction, type Queryable } from '../../core/db.ts';
import { audit } from '../../core/audit.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { ValidationError, type FieldProblem } from '../../core/http/errors.ts';

export const AUTO_PUBLISH_KEY = 'auto_publish_minutes';
export const AUTO_PUBLISH_DELAY_KEY = 'auto_publish_delay_minutes';
/** The SOP's time norm for publication after validation (seed 003, stage 4). */
export const SOP_DELAY_MINUTES = 3;
export const MAX_DELAY_MINUTES = 1440;
export const MAX_REASON_LENGTH = 500;

export interface AutoPublishSetting {
  enabled: boolean;
  delayMinutes: number;
  updatedAt: Date | null;
}

export async function autoPublishSetting(db: Queryable): Promise<AutoPublishSetting> {
  const { rows } = await db.query('SELECT key, value, updated_at FROM data_settings WHERE key = ANY($1::text[])', [[AUTO_PUBLISH_KEY, AUTO_PUBLISH_DELAY_KEY]]);
  const on = rows.find((r) => r.key === AUTO_PUBLISH_KEY);
  const remembered = rows.find((r) => r.key === AUTO_PUBLISH_DELAY_KEY);
  const enabled = typeof on?.value === 'number' && on.value >= 0;
  const delay = enabled ? on!.value : typeof remembered?.value === 'number' ? remembered.value : SOP_DELAY_MINUTES;
  const times = rows.map((r) => new Date(r.updated_at).getTime());
  return { enabled, delayMinutes: delay, updatedAt: times.length ? new Date(Math.max(...times)) : null };
}

export interface AutoPublishInput {
  /** Checkbox value ('1', 'on', 'true') or a boolean. */
  enabled?: unknown;
  /** Whole minutes, 0–1440 (form text or a number). */
  delayMinutes?: unknown;
  /** Why the setting changes (optional; kept in the audit trail). */
  reason?: unknown;
}

/** Parse and check the form: every problem names its field and says what is wrong. */
export function parseAutoPublishInput(input: AutoPublishInput): { enabled: boolean; delayMinutes: number; reason: string } {
  const problems: FieldProblem[] = [];
  const e = input.enabled;
  const enabled = e === true || (typeof e === 'string' && ['1', 'on', 'true', 'ya'].includes(e.trim().toLowerCase()));
  const raw = typeof input.delayMinutes === 'number' ? String(input.delayMinutes) : typeof input.delayMinutes === 'string' ? input.delayMinutes.trim() : '';
  let delayMinutes = NaN;
  if (raw === '') problems.push({ field: 'delayMinutes', key: 'data.settings.err.delayRequired' });
  else if (!/^-?\d+$/.test(raw)) problems.push({ field: 'delayMinutes', key: 'data.settings.err.delayInteger', params: { value: raw.slice(0, 20) } });
  else {
    delayMinutes = Number(raw);
    if (delayMinutes < 0 || delayMinutes > MAX_DELAY_MINUTES) problems.push({ field: 'delayMinutes', key: 'data.settings.err.delayRange', params: { value: delayMinutes, max: MAX_DELAY_MINUTES } });
  }
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (reason.length > MAX_REASON_LENGTH) problems.push({ field: 'reason', key: 'data.settings.err.reasonTooLong', params: { max: MAX_REASON_LENGTH, length: reason.length } });
  if (problems.length) throw new ValidationError(problems);
  return { enabled, delayMinutes, reason };
}

async function put(tx: Queryable, key: string, value: unknown): Promise<void> {
  await tx.query(
    `INSERT INTO data_settings (key, value, updated_at) VALUES ($1, $2::jsonb, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`, [key, JSON.stringify(value)]);
}

/** Change automatic publication (provincial walidata); audited with the revisions it rescheduled or cancelled. */
export async function updateAutoPublishSetting(pool: pg.Pool, actor: Actor, input: AutoPublishInput): Promise<{ setting: AutoPublishSetting; rescheduled: number; cancelled: number }> {
  authorize(actor, 'data.settings.manage');
  const i = parseAutoPublishInput(input);
  return withTransaction(pool, async (tx) => {
    // One writer at a time, so the pending revisions match the setting that wins.
    await tx.query('SELECT pg_advisory_xact_lock(7521301)');
    const before = await autoPublishSetting(tx);
    await put(tx, AUTO_PUBLISH_KEY, i.enabled ? i.delayMinutes : null);
    await put(tx, AUTO_PUBLISH_DELAY_KEY, i.delayMinutes);
    let rescheduled = 0;
    let cancelled = 0;
    if (!i.enabled) {
      const r = await tx.query(`UPDATE data_revisions SET auto_publish_at = NULL WHERE state = 'validated' AND auto_publish_at IS NOT NULL`);
      cancelled = r.rowCount ?? 0;
    } else if (before.enabled && before.delayMinutes !== i.delayMinutes) {
      const r = await tx.query(
        `UPDATE data_revisions SET auto_publish_at = validated_at + $1 * interval '1 minute'
         WHERE state = 'validated' AND auto_publish_at IS NOT NULL AND validated_at IS NOT NULL`, [i.delayMinutes]);
      rescheduled = r.rowCount ?? 0;
    }
    await audit(tx, actor, {
      action: 'data.settings.update', entityType: 'data_settings', entityId: 'auto_publish',
      before: { enabled: before.enabled, delayMinutes: before.delayMinutes },
      after: { enabled: i.enabled, delayMinutes: i.delayMinutes, reason: i.reason || undefined, rescheduled, cancelled },
    });
    return { setting: await autoPublishSetting(tx), rescheduled, cancelled };
  });
}

/** Revisions validated and waiting for automatic publication, soonest first. */
export async function pendingAutoPublications(db: Queryable, limit = 50): Promise<Array<{ revision_id: string; title: string; organisation: string; validated_at: Date | null; auto_publish_at: Date }>> {
  const { rows } = await db.query(
    `SELECT r.id AS revision_id, r.title, o.name AS organisation, r.validated_at, r.auto_publish_at
     FROM data_revisions r JOIN data_datasets d ON d.id = r.dataset_id JOIN organisations o ON o.id = d.organisation_id
     WHERE r.state = 'validated' AND r.auto_publish_at IS NOT NULL ORDER BY r.auto_publish_at LIMIT $1`, [limit]);
  return rows;
}
