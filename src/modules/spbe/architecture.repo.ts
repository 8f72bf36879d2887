/** SQL for the business-process map (§7.1) and the data entities (§7.2). */
import type { Queryable } from '../../core/db.ts';

export interface ProcessRow {
  code: string;
  parent_code: string | null;
  level: number;
  name: string;
  process_type: 'Utama' | 'Manajemen' | 'Pendukung' | null;
  organisation: string | null;
  activities: string[];
  note: string | null;
}

export interface DataEntityRow {
  id: string;
  process_code: string;
  position: number;
  name: string;
  data_ref: string | null;
}

export async function listProcesses(db: Queryable): Promise<ProcessRow[]> {
  return (await db.query('SELECT * FROM spbe_business_processes ORDER BY code')).rows;
}

export async function getProcess(db: Queryable, code: string): Promise<ProcessRow | null> {
  return (await db.query('SELECT * FROM spbe_business_processes WHERE code = $1', [code])).rows[0] ?? null;
}

export async function listDataEntities(db: Queryable, codes?: string[]): Promise<DataEntityRow[]> {
  const r = codes
    ? await db.query('SELECT * FROM spbe_data_entities WHERE process_code = ANY($1) ORDER BY process_code, position', [codes])
    : await db.query('SELECT * FROM spbe_data_entities ORDER BY process_code, position');
  return r.rows;
}

export async function processOrganisations(db: Queryable): Promise<Array<{ process_code: string; slug: string; name: string }>> {
  return (await db.query('SELECT po.process_code, o.slug, o.name FROM spbe_bp_organisations po JOIN organisations o ON o.id = po.organisation_id ORDER BY o.name')).rows;
}

/**
 * Full-text (Indonesian stemming) and substring search over process names, organisations, activities and
 * data entities. Returns matching process codes with what matched.
 */
export async function searchArchitecture(db: Queryable, q: string, limit = 200): Promise<Array<{ code: string; kind: 'process' | 'entity'; text: string }>> {
  const like = `%${q}%`;
  const r = await db.query(
    `SELECT code, 'process' AS kind, name AS text FROM spbe_business_processes
       WHERE name ILIKE $2 OR organisation ILIKE $2 OR array_to_string(activities, ' ') ILIKE $2
          OR to_tsvector('indonesian', name || ' ' || coalesce(organisation, '') || ' ' || array_to_string(activities, ' ')) @@ plainto_tsquery('indonesian', $1)
     UNION ALL
     SELECT process_code, 'entity', name FROM spbe_data_entities
       WHERE name ILIKE $2 OR to_tsvector('indonesian', name) @@ plainto_tsquery('indonesian', $1)
     ORDER BY 1, 2 DESC LIMIT $3`,
    [q, like, limit],
  );
  return r.rows;
}

export async function insertProcess(db: Queryable, p: Omit<ProcessRow, 'note'> & { note?: string | null }): Promise<void> {
  await db.query(
    `INSERT INTO spbe_business_processes (code, parent_code, level, name, process_type, organisation, activities, note)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, process_type = EXCLUDED.process_type, organisation = EXCLUDED.organisation, activities = EXCLUDED.activities, note = EXCLUDED.note`,
    [p.code, p.parent_code, p.level, p.name, p.process_type, p.organisation, p.activities, p.note ?? null],
  );
}

export async function insertDataEntity(db: Queryable, processCode: string, position: number, name: string): Promise<void> {
  await db.query(
    `INSERT INTO spbe_data_entities (process_code, position, name) VALUES ($1,$2,$3) ON CONFLICT (process_code, position) DO UPDATE SET name = EXCLUDED.name`,
    [processCode, position, name],
  );
}

export async function linkProcessOrganisation(db: Queryable, code: string, organisationId: string): Promise<void> {
  await db.query('INSERT INTO spbe_bp_organisations (process_code, organisation_id) VALUES ($1,$2) ON CONFLICT DO NOTHING', [code, organisationId]);
}

export async function getDataEntity(db: Queryable, id: string): Promise<DataEntityRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return (await db.query('SELECT * FROM spbe_data_entities WHERE id = $1', [id])).rows[0] ?? null;
}

export async function setDataEntityRef(db: Queryable, id: string, ref: string | null): Promise<void> {
  await db.query('UPDATE spbe_data_entities SET data_ref = $2 WHERE id = $1', [id, ref]);
}
