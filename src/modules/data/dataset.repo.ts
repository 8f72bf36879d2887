/** SQL of datasets, revisions, resources and workflow events. Takes a Queryable; no Fastify. */
import type { Queryable } from '../../core/db.ts';
import type { WorkflowState } from './dataset-workflow.ts';
import type { TableSchema } from './datastore/table-schema.ts';

export interface DatasetRow {
  id: string;
  slug: string;
  organisation_id: string;
  organisation_name: string;
  organisation_slug: string;
  data_list_item_id: string | null;
  system_key: string | null;
  is_demo: boolean;
  published_revision_id: string | null;
  latest_revision_id: string | null;
  published_at: Date | null;
  view_count: number;
  download_count: number;
  created_at: Date;
}

export interface RevisionRow {
  id: string;
  dataset_id: string;
  number: number;
  state: WorkflowState;
  title: string;
  description: string;
  sector: string;
  topic: string;
  tags: string[];
  licence: string;
  temporal_start: string | null;
  temporal_end: string | null;
  region_codes: string[];
  frequency: string;
  level: string;
  contact_role: string;
  source: string;
  notes: string;
  ms_ind: Record<string, string>;
  ms_keg: Record<string, string>;
  checklist: Record<string, boolean>;
  change_summary: unknown;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  checked_at: Date | null;
  validated_at: Date | null;
  published_at: Date | null;
  auto_publish_at: Date | null;
}

export interface ResourceRow {
  id: string;
  revision_id: string;
  lineage_id: string;
  position: number;
  name: string;
  description: string;
  kind: 'file' | 'link';
  file_id: string | null;
  url: string | null;
  format: string;
  sheet: string | null;
  datastore_table: string | null;
  table_schema: TableSchema | null;
  row_count: number | null;
  ingest_status: 'none' | 'queued' | 'running' | 'done' | 'failed';
  ingest_progress: { rows?: number; at?: string; token?: string; phase?: string };
  ingest_report: unknown;
  ingest_meta: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

const DATASET_COLS = `d.id, d.slug, d.organisation_id, o.name AS organisation_name, o.slug AS organisation_slug, d.data_list_item_id,
  d.system_key, d.is_demo, d.published_revision_id, d.latest_revision_id, d.published_at, d.view_count, d.download_count, d.created_at`;

export async function findDatasetBySlug(db: Queryable, slug: string): Promise<DatasetRow | null> {
  const { rows } = await db.query(`SELECT ${DATASET_COLS} FROM data_datasets d JOIN organisations o ON o.id = d.organisation_id WHERE d.slug = $1`, [slug]);
  return rows[0] ?? null;
}

export async function findDatasetById(db: Queryable, id: string): Promise<DatasetRow | null> {
  const { rows } = await db.query(`SELECT ${DATASET_COLS} FROM data_datasets d JOIN organisations o ON o.id = d.organisation_id WHERE d.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function findDatasetBySystemKey(db: Queryable, key: string): Promise<DatasetRow | null> {
  const { rows } = await db.query(`SELECT ${DATASET_COLS} FROM data_datasets d JOIN organisations o ON o.id = d.organisation_id WHERE d.system_key = $1`, [key]);
  return rows[0] ?? null;
}

export async function slugTaken(db: Queryable, slug: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM data_datasets WHERE slug = $1', [slug]);
  return rows.length > 0;
}

export async function insertDataset(db: Queryable, d: { slug: string; organisationId: string; dataListItemId?: string | null; systemKey?: string | null; isDemo?: boolean }): Promise<string> {
  const { rows } = await db.query(
    'INSERT INTO data_datasets (slug, organisation_id, data_list_item_id, system_key, is_demo) VALUES ($1,$2,$3,$4,$5) RETURNING id',
    [d.slug, d.organisationId, d.dataListItemId ?? null, d.systemKey ?? null, d.isDemo ?? false]);
  return rows[0].id;
}

export interface RevisionFields {
  title: string;
  description: string;
  sector: string;
  topic: string;
  tags: string[];
  licence: string;
  temporalStart: string | null;
  temporalEnd: string | null;
  regionCodes: string[];
  frequency: string;
  level: string;
  contactRole: string;
  source: string;
  notes: string;
  msInd: Record<string, string>;
  msKeg: Record<string, string>;
}

export async function insertRevision(db: Queryable, datasetId: string, number: number, f: RevisionFields, createdBy: string | null): Promise<string> {
  const { rows } = await db.query(
    `INSERT INTO data_revisions (dataset_id, number, state, title, description, sector, topic, tags, licence, temporal_start, temporal_end,
       region_codes, frequency, level, contact_role, source, notes, ms_ind, ms_keg, created_by)
     VALUES ($1,$2,'draft',$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19) RETURNING id`,
    [datasetId, number, f.title, f.description, f.sector, f.topic, f.tags, f.licence, f.temporalStart, f.temporalEnd, f.regionCodes,
      f.frequency, f.level, f.contactRole, f.source, f.notes, JSON.stringify(f.msInd), JSON.stringify(f.msKeg), createdBy]);
  await db.query('UPDATE data_datasets SET latest_revision_id = $2, updated_at = now() WHERE id = $1', [datasetId, rows[0].id]);
  return rows[0].id;
}

export async function updateRevisionFields(db: Queryable, id: string, f: RevisionFields): Promise<void> {
  await db.query(
    `UPDATE data_revisions SET title=$2, description=$3, sector=$4, topic=$5, tags=$6, licence=$7, temporal_start=$8, temporal_end=$9,
       region_codes=$10, frequency=$11, level=$12, contact_role=$13, source=$14, notes=$15, ms_ind=$16, ms_keg=$17, updated_at=now() WHERE id=$1`,
    [id, f.title, f.description, f.sector, f.topic, f.tags, f.licence, f.temporalStart, f.temporalEnd, f.regionCodes, f.frequency, f.level,
      f.contactRole, f.source, f.notes, JSON.stringify(f.msInd), JSON.stringify(f.msKeg)]);
}

export async function findRevision(db: Queryable, id: string, forUpdate = false): Promise<RevisionRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { rows } = await db.query(`SELECT * FROM data_revisions WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function listRevisions(db: Queryable, datasetId: string): Promise<RevisionRow[]> {
  const { rows } = await db.query('SELECT * FROM data_revisions WHERE dataset_id = $1 ORDER BY number DESC', [datasetId]);
  return rows;
}

export async function setRevisionState(db: Queryable, id: string, state: WorkflowState, extra: Record<string, unknown> = {}): Promise<void> {
  const sets = ['state = $2', 'updated_at = now()'];
  const vals: unknown[] = [id, state];
  for (const [k, v] of Object.entries(extra)) {
    vals.push(v);
    sets.push(`${k} = $${vals.length}`);
  }
  await db.query(`UPDATE data_revisions SET ${sets.join(', ')} WHERE id = $1`, vals);
}

export async function insertEvent(db: Queryable, e: { revisionId: string; event: string; from: string; to: string; actorId: string | null; note?: string; itemNotes?: Record<string, string> }): Promise<void> {
  await db.query('INSERT INTO data_revision_events (revision_id, event, from_state, to_state, actor_id, note, item_notes) VALUES ($1,$2,$3,$4,$5,$6,$7)',
    [e.revisionId, e.event, e.from, e.to, e.actorId, e.note ?? '', JSON.stringify(e.itemNotes ?? {})]);
}

export async function listEvents(db: Queryable, revisionId: string): Promise<Array<{ event: string; from_state: string; to_state: string; note: string; item_notes: Record<string, string>; at: Date; actor_name: string | null }>> {
  const { rows } = await db.query(
    `SELECT e.event, e.from_state, e.to_state, e.note, e.item_notes, e.at, u.name AS actor_name
     FROM data_revision_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.revision_id = $1 ORDER BY e.id`, [revisionId]);
  return rows;
}

export async function listResources(db: Queryable, revisionId: string): Promise<ResourceRow[]> {
  const { rows } = await db.query('SELECT * FROM data_resources WHERE revision_id = $1 ORDER BY position, created_at', [revisionId]);
  return rows;
}

export async function findResource(db: Queryable, id: string): Promise<ResourceRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { rows } = await db.query('SELECT * FROM data_resources WHERE id = $1', [id]);
  return rows[0] ?? null;
}

export async function insertResource(db: Queryable, r: { revisionId: string; lineageId?: string; name: string; description?: string; kind: 'file' | 'link'; fileId?: string | null; url?: string | null; format: string; sheet?: string | null }): Promise<string> {
  const { rows } = await db.query(
    `INSERT INTO data_resources (revision_id, lineage_id, position, name, description, kind, file_id, url, format, sheet)
     VALUES ($1, coalesce($2::uuid, gen_random_uuid()), (SELECT coalesce(max(position) + 1, 0) FROM data_resources WHERE revision_id = $1), $3, $4, $5, $6, $7, $8, $9)
     RETURNING id`,
    [r.revisionId, r.lineageId ?? null, r.name, r.description ?? '', r.kind, r.fileId ?? null, r.url ?? null, r.format, r.sheet ?? null]);
  return rows[0].id;
}

/** Copy a revision's resources into a new revision (sharing datastore tables). */
export async function copyResources(db: Queryable, fromRevisionId: string, toRevisionId: string): Promise<void> {
  await db.query(
    `INSERT INTO data_resources (revision_id, lineage_id, position, name, description, kind, file_id, url, format, sheet, datastore_table,
       table_schema, row_count, ingest_status, ingest_progress, ingest_report, ingest_meta)
     SELECT $2, lineage_id, position, name, description, kind, file_id, url, format, sheet, datastore_table, table_schema, row_count,
       ingest_status, ingest_progress, ingest_report, ingest_meta FROM data_resources WHERE revision_id = $1`, [fromRevisionId, toRevisionId]);
}

/** Datastore tables no resource references any more. */
export async function orphanTables(db: Queryable): Promise<string[]> {
  const { rows } = await db.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'datastore' AND c.relkind = 'r'
       AND NOT EXISTS (SELECT 1 FROM data_resources r WHERE r.datastore_table = c.relname)`);
  return rows.map((r) => r.name);
}
