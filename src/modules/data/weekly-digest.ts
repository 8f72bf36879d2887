/**
 * The weekly monitoring e-mail of Satu Data (OGP milestone "weekly monitoring & evaluation of portal
 * data"): every Monday at 07:00 WITA (cron `0 23 * * 0` UTC) each walidata and each user with the role
 * leader receives, in their language, the figures of the regional data list, what changed in the
 * workflow over the last 7 days and which data list items are overdue — province-wide, or only their
 * region for a walidata pendukung of a regency/city. Mail goes through the core outbox; a row in
 * `data_weekly_digests` per (ISO week, user), written in the same transaction, makes re-runs harmless.
 */
import type pg from 'pg';
import { withTransaction } from '../../core/db.ts';
import { queueMail } from '../../core/mail.ts';
import { formatDate, formatNumber, t, type Locale } from '../../core/i18n/i18n.ts';
import type { Actor, Membership, Role } from '../../core/policy.ts';
import { loadOrganisationDirectory, monitoringScope, type RegionScope } from './data.policy.ts';
import { monitoringFigures, weeklyView, type CoverageRow, type WeeklyView } from './monitoring.service.ts';

export const WEEKLY_DIGEST_JOB = 'data.weekly.digest';
/** Monday 07:00 in Asia/Makassar (UTC+8, no daylight saving) is Sunday 23:00 UTC. */
export const WEEKLY_DIGEST_CRON = '0 23 * * 0';
const MAKASSAR_OFFSET_MS = 8 * 3_600_000;
/** Lines listed per section; the rest is counted. */
const MAX_LINES = 30;

/** ISO 8601 week (`2026-W48`) of the calendar date in Asia/Makassar at `now`. */
export function isoWeek(now: Date): string {
  const local = new Date(now.getTime() + MAKASSAR_OFFSET_MS);
  const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day); // the Thursday of this week decides its year
  const year = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Calendar year in Asia/Makassar at `now` (the data list year the digest reports on). */
export function makassarYear(now: Date): number {
  return new Date(now.getTime() + MAKASSAR_OFFSET_MS).getUTCFullYear();
}

interface Recipient { actor: Actor; scope: RegionScope }

/** Active users holding walidata or leader, with all their memberships (for their reach). */
async function recipients(pool: pg.Pool): Promise<Recipient[]> {
  const { rows } = await pool.query(
    `SELECT u.id, u.email, u.name, u.locale, m.organisation_id, o.slug, o.name AS organisation_name, m.role
     FROM users u JOIN memberships m ON m.user_id = u.id JOIN organisations o ON o.id = m.organisation_id
     WHERE u.is_active AND EXISTS (SELECT 1 FROM memberships w WHERE w.user_id = u.id AND w.role IN ('walidata', 'leader'))
     ORDER BY u.id, o.name, m.role`);
  const byUser = new Map<string, Actor>();
  for (const r of rows) {
    let a = byUser.get(r.id);
    if (!a) {
      a = { id: r.id, email: r.email, name: r.name, locale: r.locale === 'en' ? 'en' : 'id', memberships: [], via: 'session' };
      byUser.set(r.id, a);
    }
    const m: Membership = { organisationId: r.organisation_id, organisationSlug: r.slug, organisationName: r.organisation_name, role: r.role as Role };
    a.memberships.push(m);
  }
  return [...byUser.values()].map((actor) => ({ actor, scope: monitoringScope(actor) }));
}

interface Digest { figures: { total: CoverageRow }; week: WeeklyView; regionNames: string[] }

function lines<T>(locale: Locale, items: T[], line: (x: T) => string, emptyKey: string): string[] {
  if (!items.length) return [t(locale, emptyKey)];
  const out = items.slice(0, MAX_LINES).map((x) => `- ${line(x)}`);
  if (items.length > MAX_LINES) out.push(t(locale, 'data.digest.more', { count: formatNumber(locale, items.length - MAX_LINES) }));
  return out;
}

/** The e-mail (subject and plain text) of one recipient. */
export function digestMail(locale: Locale, o: { name: string; week: string; year: number; scope: RegionScope; digest: Digest; baseUrl: string }): { subject: string; text: string } {
  const { total } = o.digest.figures;
  const { changes, overdue } = o.digest.week;
  const pct = (n: number) => formatNumber(locale, n, 2);
  const scope = o.scope === 'all' ? t(locale, 'data.digest.scopeAll') : t(locale, 'data.digest.scopeRegions', { regions: o.digest.regionNames.join(', ') });
  const text = [
    t(locale, 'data.digest.heading', { week: o.week }),
    scope,
    '',
    t(locale, 'data.digest.greeting', { name: o.name }),
    '',
    t(locale, 'data.digest.coverage', {
      year: o.year, items: formatNumber(locale, total.items), collected: formatNumber(locale, total.collected), collectedPct: pct(total.collectedPct),
      published: formatNumber(locale, total.published), publishedPct: pct(total.publishedPct), onTime: formatNumber(locale, total.onTime), onTimePct: pct(total.onTimePct),
    }),
    '',
    t(locale, 'data.digest.changes', { count: formatNumber(locale, changes.length) }),
    ...lines(locale, changes, (c) => `${formatDate(locale, c.at, true)} · ${t(locale, `data.wf.event.${c.event}`)} · ${c.title} (${c.organisation}) — ${c.actor ?? t(locale, 'data.system')}`, 'data.digest.noChanges'),
    '',
    t(locale, 'data.digest.overdue', { count: formatNumber(locale, overdue.length) }),
    ...lines(locale, overdue, (i) => t(locale, 'data.digest.overdueLine', { name: i.name, organisation: i.organisation, date: formatDate(locale, i.release_date) }), 'data.digest.noOverdue'),
    '',
    t(locale, 'data.digest.link', { url: `${o.baseUrl}/data/kerja/pemantauan?year=${o.year}` }),
    '',
    t(locale, 'data.digest.footer'),
  ].join('\n');
  return { subject: `[NTB Terbuka] ${t(locale, 'data.digest.subject', { week: o.week })}`, text };
}

/**
 * Queue this week's digest for every recipient who has not had it yet. Returns the ISO week, how many
 * were queued now and how many had already been sent this week (or have nothing in reach).
 */
export async function sendWeeklyDigest(ctx: { pool: pg.Pool; config: { baseUrl: string } }, now = new Date()): Promise<{ week: string; sent: number; skipped: number }> {
  const { pool } = ctx;
  const week = isoWeek(now);
  const year = makassarYear(now);
  await loadOrganisationDirectory(pool);
  const digests = new Map<string, Digest>();
  let sent = 0;
  let skipped = 0;
  for (const r of await recipients(pool)) {
    if (r.scope !== 'all' && !r.scope.length) { skipped++; continue; } // a walidata of an organisation with no region in reach
    const key = JSON.stringify(r.scope);
    let digest = digests.get(key);
    if (!digest) {
      const { rows } = r.scope === 'all' ? { rows: [] } : await pool.query('SELECT code, name FROM regions WHERE code = ANY($1::text[]) ORDER BY code', [r.scope]);
      const regionNames = r.scope === 'all' ? [] : r.scope.map((c) => `${rows.find((x) => x.code === c)?.name ?? c} (${c})`);
      digest = { figures: await monitoringFigures(pool, year, { scope: r.scope }), week: await weeklyView(pool, year, { now, scope: r.scope }), regionNames };
      digests.set(key, digest);
    }
    const d = digest;
    const queued = await withTransaction(pool, async (tx) => {
      const ins = await tx.query(
        `INSERT INTO data_weekly_digests (iso_week, user_id, scope, changes, overdue) VALUES ($1, $2, $3::jsonb, $4, $5)
         ON CONFLICT (iso_week, user_id) DO NOTHING RETURNING user_id`,
        [week, r.actor.id, JSON.stringify(r.scope), d.week.changes.length, d.week.overdue.length]);
      if (!ins.rows.length) return false;
      const mail = digestMail(r.actor.locale, { name: r.actor.name, week, year, scope: r.scope, digest: d, baseUrl: ctx.config.baseUrl });
      await queueMail(tx, { to: r.actor.email, subject: mail.subject, text: mail.text });
      return true;
    });
    if (queued) sent++; else skipped++;
  }
  return { week, sent, skipped };
}
