/** SQL for frameworks and recommendations. */
import type { Queryable } from '../../core/db.ts';
import type { Framework } from './framework.ts';

export interface FrameworkRow {
  id: string;
  code: string;
  name: string;
  regulation: string | null;
  version: string;
  definition: Framework;
  source: string;
  created_at: Date;
}

export async function listFrameworks(db: Queryable): Promise<FrameworkRow[]> {
  const r = await db.query('SELECT * FROM spbe_frameworks ORDER BY version, code');
  return r.rows;
}

export async function getFramework(db: Queryable, id: string): Promise<FrameworkRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const r = await db.query('SELECT * FROM spbe_frameworks WHERE id = $1', [id]);
  return r.rows[0] ?? null;
}

export async function getFrameworkByCode(db: Queryable, code: string): Promise<FrameworkRow | null> {
  const r = await db.query('SELECT * FROM spbe_frameworks WHERE code = $1', [code]);
  return r.rows[0] ?? null;
}

export async function insertFramework(db: Queryable, fw: Framework, source: 'seed' | 'json' | 'xlsx', createdBy: string | null): Promise<FrameworkRow> {
  const r = await db.query(
    `INSERT INTO spbe_frameworks (code, name, regulation, version, definition, source, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING *`,
    [fw.code, fw.name, fw.regulation ?? null, fw.version, JSON.stringify(fw), source, createdBy],
  );
  return r.rows[0];
}

export async function frameworkInUse(db: Queryable, id: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM spbe_evaluations WHERE framework_id = $1 LIMIT 1', [id]);
  return r.rows.length > 0;
}

export interface RecommendationRow {
  id: string;
  framework_id: string;
  indicator_code: string;
  entry_label: string;
  source_year: number;
  condition: string | null;
  recommendation: string;
  strategy: string | null;
}

export interface ActionRow {
  id: string;
  recommendation_id: string;
  action_date: string;
  description: string;
  evidence_url: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  created_at: Date;
}

export async function listRecommendations(db: Queryable, frameworkId: string): Promise<RecommendationRow[]> {
  const r = await db.query(
    `SELECT * FROM spbe_recommendations WHERE framework_id = $1
     ORDER BY source_year DESC, (regexp_replace(entry_label, '\\D.*$', ''))::int, entry_label`,
    [frameworkId],
  );
  return r.rows;
}

export async function getRecommendation(db: Queryable, id: string): Promise<RecommendationRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const r = await db.query('SELECT * FROM spbe_recommendations WHERE id = $1', [id]);
  return r.rows[0] ?? null;
}

export async function listActions(db: Queryable, recommendationIds: string[]): Promise<ActionRow[]> {
  if (!recommendationIds.length) return [];
  const r = await db.query(
    `SELECT a.*, o.name AS organisation_name FROM spbe_recommendation_actions a
     LEFT JOIN organisations o ON o.id = a.organisation_id
     WHERE a.recommendation_id = ANY($1::uuid[]) ORDER BY a.action_date, a.created_at`,
    [recommendationIds],
  );
  return r.rows;
}

export async function insertAction(db: Queryable, a: { recommendationId: string; actionDate: string; description: string; evidenceUrl: string | null; organisationId: string | null; createdBy: string }): Promise<ActionRow> {
  const r = await db.query(
    `INSERT INTO spbe_recommendation_actions (recommendation_id, action_date, description, evidence_url, organisation_id, created_by)
     VALUES ($1,$2,$3,$4,$5,$6) RETURNING *, NULL::text AS organisation_name`,
    [a.recommendationId, a.actionDate, a.description, a.evidenceUrl, a.organisationId, a.createdBy],
  );
  return r.rows[0];
}
