/** SQL for the roadmap (Peta Rencana). */
import type { Queryable } from '../../core/db.ts';
import type { InitiativeStatus, } from './roadmap.ts';
import type { RoadmapGroup } from './seed/roadmap-2019-2024.ts';

export interface InitiativeRow {
  id: string;
  code: string;
  number: number;
  grp: RoadmapGroup;
  title: string;
  start_year: number;
  end_year: number;
  status: InitiativeStatus;
  progress: number;
  framework_code: string | null;
  indicator_codes: string[];
  updated_at: Date;
}

export interface OutputRow {
  id: string;
  initiative_id: string;
  position: number;
  output: string;
  target_text: string;
  start_year: number;
  end_year: number;
  responsible: string | null;
}

export interface UpdateRow {
  id: string;
  initiative_id: string;
  status: InitiativeStatus;
  progress: number;
  note: string | null;
  evidence_url: string | null;
  created_by: string | null;
  author_name: string | null;
  created_at: Date;
}

const ORDER = `ORDER BY CASE grp WHEN 'tata_kelola' THEN 1 WHEN 'infrastruktur' THEN 2 WHEN 'layanan' THEN 3 ELSE 4 END, number, code`;

export async function listInitiatives(db: Queryable): Promise<InitiativeRow[]> {
  return (await db.query(`SELECT * FROM spbe_initiatives ${ORDER}`)).rows;
}

export async function getInitiativeByCode(db: Queryable, code: string, forUpdate = false): Promise<InitiativeRow | null> {
  const r = await db.query(`SELECT * FROM spbe_initiatives WHERE code = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [code]);
  return r.rows[0] ?? null;
}

export async function listOutputs(db: Queryable, initiativeIds?: string[]): Promise<OutputRow[]> {
  const r = initiativeIds
    ? await db.query('SELECT * FROM spbe_initiative_outputs WHERE initiative_id = ANY($1::uuid[]) ORDER BY initiative_id, position', [initiativeIds])
    : await db.query('SELECT * FROM spbe_initiative_outputs ORDER BY initiative_id, position');
  return r.rows;
}

export async function listInitiativeOrganisations(db: Queryable): Promise<Array<{ initiative_id: string; organisation_id: string; name: string; short_name: string | null; slug: string }>> {
  const r = await db.query(`SELECT io.initiative_id, io.organisation_id, o.name, o.short_name, o.slug FROM spbe_initiative_organisations io JOIN organisations o ON o.id = io.organisation_id ORDER BY o.name`);
  return r.rows;
}

export async function listUpdates(db: Queryable, initiativeId: string): Promise<UpdateRow[]> {
  const r = await db.query(
    `SELECT u.*, us.name AS author_name FROM spbe_initiative_updates u LEFT JOIN users us ON us.id = u.created_by
     WHERE u.initiative_id = $1 ORDER BY u.created_at DESC`,
    [initiativeId],
  );
  return r.rows;
}

export async function insertInitiative(db: Queryable, i: { code: string; number: number; grp: RoadmapGroup; title: string; startYear: number; endYear: number; frameworkCode: string | null; indicatorCodes: string[] }): Promise<string> {
  const r = await db.query(
    `INSERT INTO spbe_initiatives (code, number, grp, title, start_year, end_year, framework_code, indicator_codes)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
    [i.code, i.number, i.grp, i.title, i.startYear, i.endYear, i.frameworkCode, i.indicatorCodes],
  );
  return r.rows[0].id;
}

export async function insertOutput(db: Queryable, o: { initiativeId: string; position: number; output: string; targetText: string; startYear: number; endYear: number; responsible: string | null }): Promise<void> {
  await db.query(
    `INSERT INTO spbe_initiative_outputs (initiative_id, position, output, target_text, start_year, end_year, responsible) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
    [o.initiativeId, o.position, o.output, o.targetText, o.startYear, o.endYear, o.responsible],
  );
}

export async function linkInitiativeOrganisation(db: Queryable, initiativeId: string, organisationId: string): Promise<void> {
  await db.query('INSERT INTO spbe_initiative_organisations (initiative_id, organisation_id) VALUES ($1,$2) ON CONFLICT DO NOTHING', [initiativeId, organisationId]);
}

export async function updateInitiativeProgress(db: Queryable, id: string, status: InitiativeStatus, progress: number): Promise<void> {
  await db.query('UPDATE spbe_initiatives SET status = $2, progress = $3, updated_at = now() WHERE id = $1', [id, status, progress]);
}

export async function setInitiativeIndicators(db: Queryable, id: string, frameworkCode: string, codes: string[]): Promise<void> {
  await db.query('UPDATE spbe_initiatives SET framework_code = $2, indicator_codes = $3, updated_at = now() WHERE id = $1', [id, frameworkCode, codes]);
}

export async function insertUpdate(db: Queryable, u: { initiativeId: string; status: InitiativeStatus; progress: number; note: string | null; evidenceUrl: string | null; createdBy: string }): Promise<string> {
  const r = await db.query(
    `INSERT INTO spbe_initiative_updates (initiative_id, status, progress, note, evidence_url, created_by) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
    [u.initiativeId, u.status, u.progress, u.note, u.evidenceUrl, u.createdBy],
  );
  return r.rows[0].id;
}
