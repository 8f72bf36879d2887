/**
 * The audit trail: append-only and hash-chained. Every privileged write calls `audit(tx, …)` inside the same
 * transaction as the change, so either both exist or neither does. Each entry's hash covers the previous
 * entry's hash and its own canonical content; `verifyAuditChain` finds the first altered or missing row.
 */
import crypto from 'node:crypto';
import type { Queryable } from './db.ts';
import type { Actor } from './policy.ts';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  organisationId?: string | null;
  before?: unknown;
  after?: unknown;
}

const GENESIS = '0'.repeat(64);
const LOCK_KEY = 7_521_002;

/** JSON with object keys sorted at every level, so that jsonb's reordering does not change the hash. */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

interface AuditRow {
  id?: number;
  at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  organisation_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  request_id: string | null;
  prev_hash: string;
}

function entryHash(r: AuditRow): string {
  const content = canonicalJson({
    at: new Date(r.at).toISOString(), actor_id: r.actor_id, actor_label: r.actor_label, action: r.action,
    entity_type: r.entity_type, entity_id: r.entity_id, organisation_id: r.organisation_id,
    before: r.before ?? null, after: r.after ?? null, ip: r.ip, request_id: r.request_id,
  });
  return crypto.createHash('sha256').update(r.prev_hash).update('\n').update(content).digest('hex');
}

/** Normalises a value as jsonb will store it (drops undefined, turns Dates into strings). */
function toJsonValue(v: unknown): unknown {
  return v === undefined ? null : JSON.parse(JSON.stringify(v ?? null));
}

/** Appends one entry. Must be called inside the transaction of the change it records. */
export async function audit(tx: Queryable, actor: Actor | null, input: AuditInput): Promise<void> {
  // Serialises writers so the chain has one order; released at commit or rollback.
  await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
  const last = await tx.query('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const row: AuditRow = {
    at: new Date(),
    actor_id: actor && actor.via !== 'system' ? actor.id : null,
    actor_label: actor ? `${actor.name} <${actor.email}>` : 'anonim',
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId ?? null,
    organisation_id: input.organisationId ?? null,
    before: toJsonValue(input.before),
    after: toJsonValue(input.after),
    ip: actor?.ip ?? null,
    request_id: actor?.requestId ?? null,
    prev_hash: last.rows[0]?.hash ?? GENESIS,
  };
  const hash = entryHash(row);
  await tx.query(
    `INSERT INTO audit_log (at, actor_id, actor_label, action, entity_type, entity_id, organisation_id, before, after, ip, request_id, prev_hash, hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
    [row.at, row.actor_id, row.actor_label, row.action, row.entity_type, row.entity_id, row.organisation_id,
      JSON.stringify(row.before), JSON.stringify(row.after), row.ip, row.request_id, row.prev_hash, hash],
  );
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first entry whose content, hash or link does not match. */
  brokenAt?: { id: number; reason: string };
}

/** Walks the whole chain in id order, in batches. */
export async function verifyAuditChain(db: Queryable): Promise<VerifyResult> {
  let prev = GENESIS;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const { rows } = await db.query('SELECT * FROM audit_log WHERE id > $1 ORDER BY id LIMIT 5000', [lastId]);
    if (!rows.length) break;
    for (const r of rows) {
      if (r.prev_hash !== prev) return { ok: false, checked, brokenAt: { id: Number(r.id), reason: 'link to the previous entry does not match (an entry was removed or reordered)' } };
      if (entryHash(r) !== r.hash) return { ok: false, checked, brokenAt: { id: Number(r.id), reason: 'content does not match its hash (the entry was altered)' } };
      prev = r.hash;
      lastId = Number(r.id);
      checked++;
    }
  }
  return { ok: true, checked };
}
