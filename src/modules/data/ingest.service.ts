/**
 * Datastore ingestion: a durable pg-boss job streams a resource file through the tabular pipeline
 * into a NEW table `datastore.ds_<random>`, and — in the same transaction — points the resource at
 * it and drops the table it replaces. Readers keep the previous version until commit; a failed or
 * interrupted load rolls back, leaving no table behind. Real PostgreSQL loads with COPY FROM STDIN;
 * the embedded PGlite (which cannot do COPY FROM STDIN over its socket) with batched multi-row INSERT.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import type { AppContext } from '../../core/app-context.ts';
import { withTransaction, isEmbeddedPool, type Queryable } from '../../core/db.ts';
import { HeapGuard } from '../../core/memory.ts';
import * as repo from './dataset.repo.ts';
import { openTabular, prepareLoad, applyFieldOverrides, type TabularFormat } from './datastore/tabular-pipeline.ts';
import { DatastoreError } from './datastore/datastore-error.ts';
import { pgType, type TableSchema } from './datastore/table-schema.ts';
import { quoteIdent } from './datastore/copy-format.ts';
import { copyFrom, copySupported } from './datastore/pg-copy.ts';
import type { ValidationReport } from './datastore/row-validator.ts';

export const INGEST_JOB = 'data.ingest';

/** Mark a resource queued (with a fresh token) and send the job. */
export async function queueIngest(ctx: AppContext, resourceId: string): Promise<void> {
  const token = crypto.randomUUID();
  await ctx.pool.query(
    `UPDATE data_resources SET ingest_status = 'queued', ingest_progress = jsonb_build_object('token', $2::text, 'at', now()), ingest_report = NULL, updated_at = now() WHERE id = $1`,
    [resourceId, token]);
  try {
    await ctx.jobs.send(INGEST_JOB, { resourceId, token }, { singletonKey: `${resourceId}:${token}`, retryLimit: 2, expireInSeconds: 2 * 3600 } as never);
  } catch (err) {
    // Jobs not started (e.g. tests without workers): the recovery cron or an explicit run picks it up.
    ctx.log.warn({ err, resourceId }, 'ingest job not queued');
  }
}

function formatOf(ext: string): TabularFormat | null {
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  return null;
}

export interface LoadResult { table: string; schema: TableSchema; rowCount: number; report: ValidationReport; meta: Record<string, unknown>; method: 'copy' | 'insert' }

function newTableName(): string {
  return `ds_${crypto.randomBytes(12).toString('hex')}`;
}

/**
 * Load a tabular file into a new datastore table inside `tx` (which must be a dedicated client in a
 * transaction). Throws DatastoreError for bad files (the caller rolls back).
 */
export async function loadTable(
  tx: pg.PoolClient,
  mode: 'embedded' | 'postgres',
  input: { path: string; format: TabularFormat; sheet?: string | null; encoding?: 'windows1252'; schema?: TableSchema | null; overrides?: Record<string, Partial<TableSchema['fields'][number]>> },
  onProgress?: (rows: number) => Promise<void> | void,
  progressEveryMs = 1000,
): Promise<LoadResult> {
  const startedAt = Date.now();
  const file = await openTabular({ path: input.path, format: input.format, sheet: input.sheet ?? undefined, encoding: input.encoding });
  const prep = await prepareLoad(file, {
    schema: input.schema ?? undefined,
    adjust: input.overrides ? (s) => applyFieldOverrides(s, input.overrides!) : undefined,
  });
  const inferredAt = Date.now();
  const table = newTableName();
  const fields = prep.schema.fields;
  const cols = fields.map((f) => `${quoteIdent(f.name)} ${pgType(f)}`).join(', ');
  await tx.query(`CREATE TABLE datastore.${quoteIdent(table)} (_id bigint NOT NULL${cols ? ', ' + cols : ''})`);
  const colList = ['_id', ...fields.map((f) => f.name)].map(quoteIdent).join(', ');
  let n = 0;
  let lastReport = Date.now();
  const tick = async () => {
    if (onProgress && Date.now() - lastReport >= progressEveryMs) { lastReport = Date.now(); await onProgress(n); }
  };
  const method = copySupported(mode) ? 'copy' : 'insert';
  if (method === 'copy') {
    const heap = new HeapGuard(48 * 1024 * 1024);
    async function* lines() {
      for await (const b of prep.copyText) {
        n += b.rows;
        yield b.text;
        heap.collectIfGrown();
        await tick();
      }
    }
    await copyFrom(tx, `COPY datastore.${quoteIdent(table)} (${colList}) FROM STDIN WITH (FREEZE)`, lines());
  } else {
    const width = fields.length + 1;
    const batch = Math.max(1, Math.min(1000, Math.floor(60000 / width)));
    let values: Array<string | null> = [];
    let count = 0;
    const flush = async () => {
      if (!count) return;
      const tuples: string[] = [];
      for (let r = 0; r < count; r++) tuples.push(`(${Array.from({ length: width }, (_v, c) => `$${r * width + c + 1}`).join(',')})`);
      await tx.query(`INSERT INTO datastore.${quoteIdent(table)} (${colList}) VALUES ${tuples.join(',')}`, values);
      values = [];
      count = 0;
      await tick();
    };
    for await (const rows of prep.batches) {
      for (const row of rows) {
        n++;
        values.push(String(n), ...row);
        count++;
        if (count >= batch) await flush();
      }
    }
    await flush();
  }
  if (prep.report.errorCount === 0) await checkUnique(tx, table, fields, prep.report);
  if (prep.report.errorCount > 0) throw new DatastoreError('validation_failed', { count: prep.report.errorCount }, prep.report);
  const phases = { inferMs: inferredAt - startedAt, loadMs: Date.now() - startedAt };
  return { table, schema: prep.schema, rowCount: n, report: prep.report, meta: { ...file.meta, phases, indexed: false }, method };
}

/**
 * Table Schema `unique` constraints, checked in the database after the load (no per-value set in
 * memory): every repeated value counts as one bad cell, reported with its row and the row that holds
 * the value first. `_id` is the row number, since a load with any bad row stops before this check.
 */
async function checkUnique(tx: Queryable, table: string, fields: TableSchema['fields'], report: ValidationReport, maxReported = 300): Promise<void> {
  for (const f of fields) {
    if (!f.constraints?.unique) continue;
    const col = quoteIdent(f.name);
    const { rows } = await tx.query(
      `WITH d AS (SELECT _id, ${col}::text AS v, min(_id) OVER (PARTITION BY ${col}) AS first FROM datastore.${quoteIdent(table)} WHERE ${col} IS NOT NULL)
       SELECT _id, v, first, count(*) OVER () AS total FROM d WHERE _id <> first ORDER BY _id LIMIT $1`, [maxReported]);
    if (!rows.length) continue;
    const total = Number(rows[0].total);
    report.errorCount += total;
    report.byColumn[f.name] = (report.byColumn[f.name] ?? 0) + total;
    for (const r of rows) {
      if (report.errors.length >= maxReported) { report.truncated = true; break; }
      report.errors.push({ row: Number(r._id), line: 0, first: Number(r.first), column: f.name, title: f.title, value: String(r.v).slice(0, 200), code: 'unique' });
    }
    if (total > rows.length) report.truncated = true;
    report.validRowCount -= total;
  }
}

/**
 * The read indexes of a datastore table: the `_id` key (keyset paging), one B-tree per column for
 * filters and sorts (first 16 columns), full text over the text columns, then statistics for the
 * planner. Built after the new version is visible (the table is never written again, so a plain
 * CREATE INDEX only blocks writers, of which there are none); names are deterministic, so running
 * it again after a crash completes what is missing.
 */
export async function buildIndexes(db: Queryable, table: string, schema: TableSchema): Promise<number> {
  if (!/^ds_[0-9a-f]{24}$/.test(table)) throw new Error(`not a datastore table: ${table}`);
  const t0 = Date.now();
  const q = `datastore.${quoteIdent(table)}`;
  const btrees = async () => {
    await db.query(`CREATE UNIQUE INDEX IF NOT EXISTS ${quoteIdent(`${table}_pk`)} ON ${q} (_id)`);
    for (const [i, f] of schema.fields.slice(0, 16).entries()) {
      await db.query(`CREATE INDEX IF NOT EXISTS ${quoteIdent(`${table}_c${i}`)} ON ${q} (${quoteIdent(f.name)})`);
    }
  };
  const textCols = schema.fields.filter((f) => f.type === 'string').map((f) => `coalesce(${quoteIdent(f.name)}, '')`);
  const fullText = async () => {
    if (!textCols.length) return;
    await db.query(`CREATE INDEX IF NOT EXISTS ${quoteIdent(`${table}_fts`)} ON ${q} USING gin (to_tsvector('simple', ${textCols.join(" || ' ' || ")}))`);
  };
  // The full-text GIN (not built in parallel by PostgreSQL, ~60 % of the time) alongside the B-trees when
  // the caller is a pool of real PostgreSQL connections; one after the other on a single client.
  if (db instanceof pg.Pool && !(await isEmbeddedPool(db))) await Promise.all([btrees(), fullText()]);
  else { await btrees(); await fullText(); }
  await db.query(`ANALYZE ${q}`);
  return Date.now() - t0;
}

/** Build the indexes of a resource's current table and record it (no-op when it was replaced meanwhile). */
export async function indexResource(db: Queryable, resourceId: string, table: string, schema: TableSchema): Promise<void> {
  const ms = await buildIndexes(db, table, schema);
  await db.query(
    `UPDATE data_resources SET ingest_meta = ingest_meta || jsonb_build_object('indexed', true, 'indexMs', $3::int) WHERE id = $1 AND datastore_table = $2`,
    [resourceId, table, ms]);
}

/** Swap a resource onto a freshly loaded table, dropping the one it replaces if nothing else uses it. */
async function swapIn(tx: Queryable, resourceId: string, r: LoadResult, oldTable: string | null, schemaEdited: boolean): Promise<void> {
  await tx.query(
    `UPDATE data_resources SET datastore_table = $2, table_schema = $3, row_count = $4, ingest_status = 'done',
       ingest_report = $5, ingest_meta = $6, ingest_progress = jsonb_build_object('rows', $4::bigint, 'at', now()), updated_at = now() WHERE id = $1`,
    [resourceId, r.table, JSON.stringify(r.schema), r.rowCount, JSON.stringify(r.report), JSON.stringify({ ...r.meta, method: r.method, schemaEdited })]);
  if (oldTable && oldTable !== r.table) {
    const { rows } = await tx.query('SELECT 1 FROM data_resources WHERE datastore_table = $1 LIMIT 1', [oldTable]);
    if (!rows.length) await tx.query(`DROP TABLE IF EXISTS datastore.${quoteIdent(oldTable)}`);
  }
}

function errorReport(e: DatastoreError): unknown {
  return { code: e.code, params: e.params, detail: e.detail ?? null };
}

/**
 * The job: load the resource's file. Idempotent: a job whose token is not the resource's current
 * one (superseded by a newer upload) does nothing; concurrent runs are serialised by an advisory lock.
 */
export async function runIngest(ctx: AppContext, data: { resourceId: string; token?: string }): Promise<'done' | 'failed' | 'skipped'> {
  const r0 = await repo.findResource(ctx.pool, data.resourceId);
  if (!r0 || !r0.file_id) return 'skipped';
  if (data.token && r0.ingest_progress?.token && r0.ingest_progress.token !== data.token) return 'skipped';
  if (r0.ingest_status === 'done' && data.token && r0.ingest_progress?.token === undefined) return 'skipped';
  const file = await ctx.files.find(ctx.pool, r0.file_id);
  if (!file) return 'skipped';
  const format = formatOf(file.ext);
  if (!format) {
    await ctx.pool.query(`UPDATE data_resources SET ingest_status = 'none' WHERE id = $1`, [r0.id]);
    return 'skipped';
  }
  const tmp = path.join(ctx.files.tmpDir, `ingest-${crypto.randomUUID()}.${file.ext}`);
  const token = data.token ?? r0.ingest_progress?.token ?? null;
  const progress = async (rows: number, phase = 'load') => {
    await ctx.pool.query(
      `UPDATE data_resources SET ingest_status = 'running', ingest_progress = jsonb_build_object('rows', $2::bigint, 'at', now(), 'phase', $3::text, 'token', $4::text) WHERE id = $1`,
      [r0.id, rows, phase, token]);
  };
  try {
    await pipeline(await ctx.files.open(file), fs.createWriteStream(tmp));
    await progress(0, 'start');
    const schemaEdited = r0.ingest_meta?.schemaEdited === true;
    const attempt = async (encoding?: 'windows1252') => withTransaction(ctx.pool, async (tx) => {
      const lock = await tx.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok', [`data.ingest:${r0.id}`]);
      if (!lock.rows[0].ok) return null;
      const current = (await repo.findResource(tx, r0.id))!;
      if (token && current.ingest_progress?.token && current.ingest_progress.token !== token) return null;
      const result = await loadTable(tx, ctx.db.mode, { path: tmp, format, sheet: current.sheet, encoding, schema: schemaEdited ? current.table_schema : null }, (n) => progress(n));
      await swapIn(tx, r0.id, result, current.datastore_table, schemaEdited);
      return result;
    });
    let result;
    try {
      result = await attempt();
    } catch (e) {
      if (e instanceof DatastoreError && e.code === 'encoding_mismatch') result = await attempt('windows1252');
      else throw e;
    }
    if (!result) return 'skipped';
    // Visible now; the read indexes follow (the recovery cron completes them after a crash).
    await indexResource(ctx.pool, r0.id, result.table, result.schema);
    return 'done';
  } catch (e) {
    if (e instanceof DatastoreError) {
      await ctx.pool.query(`UPDATE data_resources SET ingest_status = 'failed', ingest_report = $2, ingest_progress = ingest_progress || jsonb_build_object('at', now()), updated_at = now() WHERE id = $1`,
        [r0.id, JSON.stringify(errorReport(e))]);
      return 'failed';
    }
    await ctx.pool.query(`UPDATE data_resources SET ingest_status = 'failed', ingest_report = $2, updated_at = now() WHERE id = $1`,
      [r0.id, JSON.stringify({ code: 'internal', params: {} })]).catch(() => {});
    throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * Load CSV text synchronously as a resource of a revision (system datasets, demo content): the same
 * pipeline and table swap as uploads, without the job queue.
 */
export async function ingestCsvText(ctx: AppContext, input: { revisionId: string; resourceId: string | null; name: string; csv: string; filename?: string; schemaOverrides?: Record<string, Partial<TableSchema['fields'][number]>> }): Promise<string> {
  const data = Buffer.from(input.csv, 'utf8');
  const stored = await ctx.files.saveBuffer(ctx.pool, data, { originalName: input.filename ?? `${input.name}.csv`, mime: 'text/csv', ext: 'csv' });
  const tmp = path.join(ctx.files.tmpDir, `ingest-${crypto.randomUUID()}.csv`);
  fs.writeFileSync(tmp, data);
  try {
    return await withTransaction(ctx.pool, async (tx) => {
      let resourceId = input.resourceId;
      let oldTable: string | null = null;
      if (resourceId) {
        const r = await repo.findResource(tx, resourceId);
        oldTable = r?.datastore_table ?? null;
        await tx.query(`UPDATE data_resources SET file_id = $2, format = 'csv', updated_at = now() WHERE id = $1`, [resourceId, stored.id]);
      } else {
        resourceId = await repo.insertResource(tx, { revisionId: input.revisionId, name: input.name, kind: 'file', fileId: stored.id, format: 'csv' });
      }
      const result = await loadTable(tx, ctx.db.mode, { path: tmp, format: 'csv', overrides: input.schemaOverrides });
      await swapIn(tx, resourceId, result, oldTable, false);
      await indexResource(tx, resourceId, result.table, result.schema);
      return resourceId;
    });
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Recovery after a crash: resources stuck in queued/running without a heartbeat for 2 minutes are re-queued. */
export async function recoverStalled(ctx: AppContext): Promise<number> {
  const { rows } = await ctx.pool.query(
    `SELECT id FROM data_resources WHERE ingest_status IN ('queued', 'running')
       AND coalesce((ingest_progress->>'at')::timestamptz, updated_at) < now() - interval '2 minutes'`);
  for (const r of rows) await queueIngest(ctx, r.id);
  // Loads that committed but whose indexes were not finished (crash between the two steps).
  const unindexed = await ctx.pool.query(
    `SELECT id, datastore_table, table_schema FROM data_resources WHERE ingest_status = 'done' AND datastore_table IS NOT NULL
       AND ingest_meta->>'indexed' = 'false' AND updated_at < now() - interval '2 minutes' LIMIT 20`);
  for (const r of unindexed.rows) {
    try { await indexResource(ctx.pool, r.id, r.datastore_table, r.table_schema); } catch (err) { ctx.log.warn({ err, resource: r.id }, 'index build failed'); }
  }
  return rows.length + unindexed.rows.length;
}

/** Drop datastore tables that no resource references (left by a crash outside a transaction, or by deletions). */
export async function dropOrphanTables(db: Queryable): Promise<string[]> {
  const orphans = await repo.orphanTables(db);
  for (const t of orphans) if (/^ds_[0-9a-f]{24}$/.test(t)) await db.query(`DROP TABLE IF EXISTS datastore.${quoteIdent(t)}`);
  return orphans;
}
