/** SQL for evaluations, their entries and evidence. */
import type { Queryable } from '../../core/db.ts';
import type { EvaluationState } from './evaluation-workflow.ts';

export interface EvaluationRow {
  id: string;
  year: number;
  framework_id: string;
  framework_code: string;
  framework_name: string;
  title: string;
  state: EvaluationState;
  target_index: number | null;
  source: string | null;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  finalised_at: Date | null;
}

export interface EntryRow {
  id: string;
  evaluation_id: string;
  indicator_code: string;
  service: string;
  entry_label: string | null;
  level: number | null;
  justification: string | null;
  assessor_id: string | null;
  assessor_name: string | null;
  updated_at: Date;
}

export interface EvidenceRow {
  id: string;
  entry_id: string;
  kind: 'link' | 'file';
  label: string;
  url: string | null;
  file_id: string | null;
  created_at: Date;
}

const EVAL_SELECT = `SELECT e.*, f.code AS framework_code, f.name AS framework_name
  FROM spbe_evaluations e JOIN spbe_frameworks f ON f.id = e.framework_id`;

const isUuid = (s: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export async function listEvaluations(db: Queryable, opts: { onlyFinal?: boolean } = {}): Promise<EvaluationRow[]> {
  const r = await db.query(`${EVAL_SELECT} ${opts.onlyFinal ? "WHERE e.state = 'final'" : ''} ORDER BY e.year DESC, f.version DESC`);
  return r.rows;
}

export async function getEvaluation(db: Queryable, id: string, forUpdate = false): Promise<EvaluationRow | null> {
  if (!isUuid(id)) return null;
  const r = await db.query(`${EVAL_SELECT} WHERE e.id = $1 ${forUpdate ? 'FOR UPDATE OF e' : ''}`, [id]);
  return r.rows[0] ?? null;
}

export async function findEvaluation(db: Queryable, year: number, frameworkId: string): Promise<EvaluationRow | null> {
  const r = await db.query(`${EVAL_SELECT} WHERE e.year = $1 AND e.framework_id = $2`, [year, frameworkId]);
  return r.rows[0] ?? null;
}

export async function insertEvaluation(db: Queryable, e: { year: number; frameworkId: string; title: string; state?: EvaluationState; targetIndex: number | null; source: string | null; createdBy: string | null }): Promise<string> {
  const r = await db.query(
    `INSERT INTO spbe_evaluations (year, framework_id, title, state, target_index, source, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
    [e.year, e.frameworkId, e.title, e.state ?? 'self_assessment', e.targetIndex, e.source, e.createdBy],
  );
  return r.rows[0].id;
}

export async function setEvaluationState(db: Queryable, id: string, state: EvaluationState, actorId: string | null): Promise<void> {
  await db.query(
    `UPDATE spbe_evaluations SET state = $2, updated_at = now(),
       submitted_at = CASE WHEN $2 = 'internal_review' THEN now() ELSE submitted_at END,
       finalised_at = CASE WHEN $2 = 'final' THEN now() ELSE finalised_at END,
       finalised_by = CASE WHEN $2 = 'final' THEN $3::uuid ELSE finalised_by END
     WHERE id = $1`,
    [id, state, actorId],
  );
}

export async function touchEvaluation(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE spbe_evaluations SET updated_at = now() WHERE id = $1', [id]);
}

export async function listEntries(db: Queryable, evaluationId: string): Promise<EntryRow[]> {
  const r = await db.query(
    `SELECT en.*, u.name AS assessor_name FROM spbe_evaluation_entries en
     LEFT JOIN users u ON u.id = en.assessor_id
     WHERE en.evaluation_id = $1
     ORDER BY (CASE WHEN en.indicator_code ~ '^\\d+$' THEN en.indicator_code::int ELSE 100000 END), en.indicator_code, en.entry_label NULLS LAST, en.service`,
    [evaluationId],
  );
  return r.rows;
}

export async function getEntry(db: Queryable, id: string, forUpdate = false): Promise<EntryRow | null> {
  if (!isUuid(id)) return null;
  const r = await db.query(`SELECT en.*, NULL::text AS assessor_name FROM spbe_evaluation_entries en WHERE en.id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
  return r.rows[0] ?? null;
}

export async function insertEntry(db: Queryable, e: { evaluationId: string; indicatorCode: string; service: string; entryLabel: string | null; level: number | null; justification: string | null; assessorId: string | null }): Promise<string> {
  const r = await db.query(
    `INSERT INTO spbe_evaluation_entries (evaluation_id, indicator_code, service, entry_label, level, justification, assessor_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
    [e.evaluationId, e.indicatorCode, e.service, e.entryLabel, e.level, e.justification, e.assessorId],
  );
  return r.rows[0].id;
}

export async function updateEntry(db: Queryable, id: string, e: { level: number | null; justification: string | null; assessorId: string }): Promise<void> {
  await db.query('UPDATE spbe_evaluation_entries SET level = $2, justification = $3, assessor_id = $4, updated_at = now() WHERE id = $1', [id, e.level, e.justification, e.assessorId]);
}

export async function deleteEntry(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM spbe_evaluation_entries WHERE id = $1', [id]);
}

export async function listEvidence(db: Queryable, entryIds: string[]): Promise<EvidenceRow[]> {
  if (!entryIds.length) return [];
  const r = await db.query('SELECT * FROM spbe_evidence WHERE entry_id = ANY($1::uuid[]) ORDER BY created_at', [entryIds]);
  return r.rows;
}

export async function getEvidence(db: Queryable, id: string): Promise<EvidenceRow | null> {
  if (!isUuid(id)) return null;
  const r = await db.query('SELECT * FROM spbe_evidence WHERE id = $1', [id]);
  return r.rows[0] ?? null;
}

export async function insertEvidence(db: Queryable, e: { entryId: string; kind: 'link' | 'file'; label: string; url: string | null; fileId: string | null; createdBy: string | null }): Promise<EvidenceRow> {
  const r = await db.query(
    `INSERT INTO spbe_evidence (entry_id, kind, label, url, file_id, created_by) VALUES ($1,$2,$3,$4,$5,$6) RETURNING *`,
    [e.entryId, e.kind, e.label, e.url, e.fileId, e.createdBy],
  );
  return r.rows[0];
}

export async function deleteEvidence(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM spbe_evidence WHERE id = $1', [id]);
}

export interface HistoryRow {
  id: number;
  at: Date;
  actor_label: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The evaluation's entries in the core audit trail (append-only, hash-chained), newest first. */
export async function listHistory(db: Queryable, evaluationId: string, limit = 300): Promise<HistoryRow[]> {
  const r = await db.query(
    `SELECT id, at, actor_label, action, before, after FROM audit_log
     WHERE action LIKE 'spbe.%' AND (entity_id = $1 OR after->>'evaluation' = $1 OR before->>'evaluation' = $1)
     ORDER BY id DESC LIMIT $2`,
    [evaluationId, limit],
  );
  return r.rows;
}
