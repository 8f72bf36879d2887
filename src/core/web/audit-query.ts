import type { Queryable } from '../db.ts';

export interface AuditFilters {
  action?: string;
  entityType?: string;
  entityId?: string;
  actor?: string;
  from?: string;
  to?: string;
}

/** Newest first, keyset-paginated by id. */
export async function listAudit(db: Queryable, f: AuditFilters, beforeId: number | null, limit: number) {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => { params.push(v); where.push(sql.replace('$?', `$${params.length}`)); };
  if (f.action) add(`action LIKE $? || '%'`, f.action);
  if (f.entityType) add('entity_type = $?', f.entityType);
  if (f.entityId) add('entity_id = $?', f.entityId);
  if (f.actor) add(`actor_label ILIKE '%' || $? || '%'`, f.actor);
  if (f.from && /^\d{4}-\d{2}-\d{2}$/.test(f.from)) add('at >= $?::date', f.from);
  if (f.to && /^\d{4}-\d{2}-\d{2}$/.test(f.to)) add(`at < $?::date + 1`, f.to);
  if (beforeId !== null && Number.isInteger(Number(beforeId))) add('id < $?', Number(beforeId));
  params.push(limit + 1);
  const { rows } = await db.query(`SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT $${params.length}`, params);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  return { rows: page, next: more ? Number(page[page.length - 1].id) : null };
}
