/** SQL of harvest sources, runs, gathered objects and harvested datasets (this module's tables; names are checked against the data module's catalogue through its service). */
import type { Queryable } from '../../core/db.ts';
import type { HarvestedDataset } from './harvest-client.ts';
import { catalogueNameTaken } from '../data/catalogue-search.service.ts';

export interface SourceRow {
  id: string; title: string; kind: 'ckan' | 'dcat'; url: string; organisation_id: string; organisation_slug: string; organisation_name: string;
  schedule: 'manual' | 'hourly' | 'daily' | 'weekly'; include_orgs: string[]; exclude_orgs: string[]; include_tags: string[]; exclude_tags: string[];
  active: boolean; high_water_mark: Date | null; next_run_at: Date | null; consecutive_failures: number; created_at: Date; updated_at: Date;
  dataset_count?: number;
}
export interface RunRow {
  id: string; source_id: string; status: 'gathering' | 'importing' | 'ok' | 'partial' | 'failed'; mode: 'incremental' | 'full';
  started_at: Date; finished_at: Date | null; gathered: number; created: number; updated: number; unchanged: number; removed: number; skipped: number;
  errors: Array<{ remoteId?: string; stage: string; reason: string }>; requests: number; retries: number; slowest_ms: number; message: string;
}

const SOURCE_COLS = `s.*, o.slug AS organisation_slug, o.name AS organisation_name,
  (SELECT count(*)::int FROM interop_harvested_datasets h WHERE h.source_id = s.id AND h.state = 'active') AS dataset_count`;

export async function listSources(db: Queryable): Promise<SourceRow[]> {
  const { rows } = await db.query(`SELECT ${SOURCE_COLS} FROM interop_harvest_sources s JOIN organisations o ON o.id = s.organisation_id ORDER BY s.title`);
  return rows;
}
export async function findSource(db: Queryable, id: string, forUpdate = false): Promise<SourceRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { rows } = await db.query(`SELECT ${SOURCE_COLS} FROM interop_harvest_sources s JOIN organisations o ON o.id = s.organisation_id WHERE s.id = $1${forUpdate ? ' FOR UPDATE OF s' : ''}`, [id]);
  return rows[0] ?? null;
}
export interface SourceFields { title: string; kind: 'ckan' | 'dcat'; url: string; organisationId: string; schedule: string; includeOrgs: string[]; excludeOrgs: string[]; includeTags: string[]; excludeTags: string[]; active: boolean }
export async function insertSource(db: Queryable, f: SourceFields, createdBy: string | null): Promise<string> {
  const { rows } = await db.query(
    `INSERT INTO interop_harvest_sources (title, kind, url, organisation_id, schedule, include_orgs, exclude_orgs, include_tags, exclude_tags, active, created_by, next_run_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11, now()) RETURNING id`,
    [f.title, f.kind, f.url, f.organisationId, f.schedule, f.includeOrgs, f.excludeOrgs, f.includeTags, f.excludeTags, f.active, createdBy]);
  return rows[0].id;
}
export async function updateSource(db: Queryable, id: string, f: SourceFields): Promise<void> {
  await db.query(
    `UPDATE interop_harvest_sources SET title=$2, kind=$3, url=$4, organisation_id=$5, schedule=$6, include_orgs=$7, exclude_orgs=$8, include_tags=$9, exclude_tags=$10, active=$11, updated_at=now() WHERE id=$1`,
    [id, f.title, f.kind, f.url, f.organisationId, f.schedule, f.includeOrgs, f.excludeOrgs, f.includeTags, f.excludeTags, f.active]);
}
export async function dueSources(db: Queryable, now: Date): Promise<string[]> {
  const { rows } = await db.query(`SELECT id FROM interop_harvest_sources WHERE active AND schedule <> 'manual' AND (next_run_at IS NULL OR next_run_at <= $1) ORDER BY next_run_at NULLS FIRST LIMIT 100`, [now]);
  return rows.map((r) => r.id);
}
export async function setSchedule(db: Queryable, id: string, next: Date | null, failures: number, hwm?: Date | null): Promise<void> {
  await db.query(`UPDATE interop_harvest_sources SET next_run_at = $2, consecutive_failures = $3, high_water_mark = CASE WHEN $4::timestamptz IS NULL THEN high_water_mark ELSE greatest(coalesce(high_water_mark, $4), $4) END WHERE id = $1`, [id, next, failures, hwm ?? null]);
}

export async function insertRun(db: Queryable, sourceId: string, mode: 'incremental' | 'full'): Promise<string> {
  const { rows } = await db.query(`INSERT INTO interop_harvest_runs (source_id, mode) VALUES ($1, $2) RETURNING id`, [sourceId, mode]);
  return rows[0].id;
}
export async function findRun(db: Queryable, id: string): Promise<RunRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { rows } = await db.query(`SELECT * FROM interop_harvest_runs WHERE id = $1`, [id]);
  return rows[0] ?? null;
}
export async function listRuns(db: Queryable, sourceId: string, limit = 30): Promise<RunRow[]> {
  const { rows } = await db.query(`SELECT * FROM interop_harvest_runs WHERE source_id = $1 ORDER BY started_at DESC LIMIT $2`, [sourceId, limit]);
  return rows;
}
export async function updateRun(db: Queryable, id: string, f: Partial<Omit<RunRow, 'id' | 'source_id' | 'errors'>> & { errors?: RunRow['errors'] }): Promise<void> {
  const keys = Object.keys(f);
  if (!keys.length) return;
  const sets = keys.map((k, i) => `${k} = $${i + 2}${k === 'errors' ? '::jsonb' : ''}`);
  await db.query(`UPDATE interop_harvest_runs SET ${sets.join(', ')} WHERE id = $1`, [id, ...keys.map((k) => (k === 'errors' ? JSON.stringify((f as any)[k]) : (f as any)[k]))]);
}

export async function putObject(db: Queryable, runId: string, d: HarvestedDataset): Promise<void> {
  await db.query(`INSERT INTO interop_harvest_objects (run_id, remote_id, payload) VALUES ($1,$2,$3) ON CONFLICT (run_id, remote_id) DO UPDATE SET payload = EXCLUDED.payload`, [runId, d.remoteId, JSON.stringify(d)]);
}
export async function pendingObjects(db: Queryable, runId: string, limit: number): Promise<Array<{ remote_id: string; payload: any }>> {
  const { rows } = await db.query(`SELECT remote_id, payload FROM interop_harvest_objects WHERE run_id = $1 AND NOT imported ORDER BY remote_id LIMIT $2`, [runId, limit]);
  return rows;
}
export async function markImported(db: Queryable, runId: string, remoteId: string): Promise<void> {
  await db.query(`UPDATE interop_harvest_objects SET imported = true WHERE run_id = $1 AND remote_id = $2`, [runId, remoteId]);
}

export async function findHarvested(db: Queryable, sourceId: string, remoteId: string): Promise<{ id: string; name: string; content_hash: string; state: string } | null> {
  const { rows } = await db.query(`SELECT id, name, content_hash, state FROM interop_harvested_datasets WHERE source_id = $1 AND remote_id = $2`, [sourceId, remoteId]);
  return rows[0] ?? null;
}
/** Whether a dataset name is free across harvested datasets (also removed ones) and the data module's catalogue. */
export async function nameFree(db: Queryable, name: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM interop_harvested_datasets WHERE name = $1`, [name]);
  return rows.length === 0 && !(await catalogueNameTaken(db, name));
}

export interface HarvestedFields {
  name: string; organisationId: string; title: string; notes: string; tags: string[]; groups: string[]; formats: string[]; licenceId: string;
  remoteOrgName: string; remoteOrgTitle: string; temporalStart: string | null; temporalEnd: string | null; originalUrl: string; extras: Record<string, string>;
  resources: unknown[]; remoteCreated: Date | null; remoteModified: Date | null; contentHash: string;
}
const VECTOR = `setweight(to_tsvector('indonesian', $5), 'A') || setweight(to_tsvector('indonesian', array_to_string($7::text[], ' ')), 'B') || setweight(to_tsvector('indonesian', $6 || ' ' || $12), 'C')`;
export async function insertHarvested(db: Queryable, sourceId: string, remoteId: string, f: HarvestedFields): Promise<string> {
  const { rows } = await db.query(
    `INSERT INTO interop_harvested_datasets (source_id, remote_id, name, organisation_id, title, notes, tags, groups, formats, licence_id, remote_org_name, remote_org_title,
       temporal_start, temporal_end, original_url, extras, resources, remote_created, remote_modified, content_hash, search_vector)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20, ${VECTOR}) RETURNING id`,
    [sourceId, remoteId, f.name, f.organisationId, f.title, f.notes, f.tags, f.groups, f.formats, f.licenceId, f.remoteOrgName, f.remoteOrgTitle,
      f.temporalStart, f.temporalEnd, f.originalUrl, JSON.stringify(f.extras), JSON.stringify(f.resources), f.remoteCreated, f.remoteModified, f.contentHash]);
  return rows[0].id;
}
export async function updateHarvested(db: Queryable, id: string, f: HarvestedFields): Promise<void> {
  await db.query(
    `UPDATE interop_harvested_datasets SET organisation_id=$4, title=$5, notes=$6, tags=$7, groups=$8, formats=$9, licence_id=$10, remote_org_name=$11, remote_org_title=$12,
       temporal_start=$13, temporal_end=$14, original_url=$15, extras=$16, resources=$17, remote_created=$18, remote_modified=$19, content_hash=$20,
       search_vector = ${VECTOR}, state='active', removed_at=NULL, last_harvested_at=now()
     WHERE id = $1 AND $2::text IS NOT NULL AND $3::text IS NOT NULL`,
    [id, 'x', 'x', f.organisationId, f.title, f.notes, f.tags, f.groups, f.formats, f.licenceId, f.remoteOrgName, f.remoteOrgTitle,
      f.temporalStart, f.temporalEnd, f.originalUrl, JSON.stringify(f.extras), JSON.stringify(f.resources), f.remoteCreated, f.remoteModified, f.contentHash]);
}
export async function touchHarvested(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE interop_harvested_datasets SET last_harvested_at = now(), state = 'active', removed_at = NULL WHERE id = $1`, [id]);
}
/** Marks as removed every active dataset of the source whose remote id is not in `live`; returns their ids. */
export async function markRemoved(db: Queryable, sourceId: string, live: string[]): Promise<string[]> {
  const r = await db.query(`UPDATE interop_harvested_datasets SET state = 'removed', removed_at = now() WHERE source_id = $1 AND state = 'active' AND NOT (remote_id = ANY($2::text[])) RETURNING id`, [sourceId, live]);
  return r.rows.map((x) => x.id);
}
/** A harvested dataset with its source's title (what the catalogue entry is made of). */
export async function findHarvestedForCatalogue(db: Queryable, id: string): Promise<any | null> {
  const { rows } = await db.query(`SELECT h.*, s.title AS source_title FROM interop_harvested_datasets h JOIN interop_harvest_sources s ON s.id = h.source_id WHERE h.id = $1`, [id]);
  return rows[0] ?? null;
}
export async function activeHarvestedIds(db: Queryable): Promise<string[]> {
  const { rows } = await db.query(`SELECT id FROM interop_harvested_datasets WHERE state = 'active'`);
  return rows.map((x) => x.id);
}
export async function findHarvestedByName(db: Queryable, name: string): Promise<any | null> {
  const { rows } = await db.query(
    `SELECT h.*, s.title AS source_title, s.url AS source_url, s.kind AS source_kind, o.name AS organisation_name, o.slug AS organisation_slug
     FROM interop_harvested_datasets h JOIN interop_harvest_sources s ON s.id = h.source_id JOIN organisations o ON o.id = h.organisation_id WHERE h.name = $1`, [name]);
  return rows[0] ?? null;
}
