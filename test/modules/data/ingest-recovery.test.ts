/**
 * An interrupted ingest: the previous version keeps being served, no half-table remains, and the
 * recovery job reloads the file. On PostgreSQL the loading backend is killed (pg_terminate_backend);
 * on both engines a failure in the middle of the stream rolls the load back.
 */
import { MODULES } from '../../../src/app.ts';
import { dataModule } from '../../../src/modules/data/index.ts';
if (!MODULES.includes(dataModule)) MODULES.push(dataModule);
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { publishSystemDataset } from '../../../src/modules/data/dataset.service.ts';
import { loadTable, runIngest, queueIngest, recoverStalled, dropOrphanTables } from '../../../src/modules/data/ingest.service.ts';
import { withTransaction } from '../../../src/core/db.ts';

let p: TestPlatform;
before(async () => { p = await startTestPlatform(); });
after(async () => { await p?.close(); });

const META = { title: 'Uji Pemulihan', description: 'x', sector: 'sosial' as const, topic: '', tags: [], licence: 'CC-BY-4.0' as const, temporalStart: null, temporalEnd: null, regionCodes: ['52'], frequency: 'tahunan' as const, level: 'provinsi' as const, contactRole: 'x', source: 'x', notes: '', msInd: {}, msKeg: {} };

function bigCsv(rows: number): string {
  let s = 'Kode;Nama;Nilai;Tanggal\n';
  for (let i = 0; i < rows; i++) s += `52.${String(i % 99).padStart(2, '0')};Baris ${i};${i}.${i % 1000},5;17 Agustus 2021\n`;
  return s;
}

async function tables(): Promise<string[]> {
  return (await p.ctx.pool.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'datastore' ORDER BY 1`)).rows.map((r) => r.tablename);
}

test('a load that fails mid-stream leaves no table and the served version untouched', async () => {
  const { slug } = await publishSystemDataset(p.ctx, { systemKey: 'test.recovery', organisationSlug: 'diskominfotik', metadata: META, resourceName: 'Data', csv: 'Kode;Nilai\n52.01;1\n52.02;2\n' });
  const before = await tables();
  assert.equal(before.length, 1);
  const file = path.join(p.dataDir, 'big.csv');
  fs.writeFileSync(file, bigCsv(30_000));
  let calls = 0;
  await assert.rejects(withTransaction(p.ctx.pool, async (tx) => loadTable(tx, p.ctx.db.mode, { path: file, format: 'csv' }, () => { if (++calls >= 2) throw new Error('simulated crash'); }, 0)), /simulated crash/);
  assert.deepEqual(await tables(), before);
  const pub = await p.anon().request({ method: 'GET', url: `/api/v1/data/datasets/${slug}`, headers: { accept: 'application/json' } });
  const rid = pub.json().resources[0].id;
  const rec = await p.anon().request({ method: 'GET', url: `/api/v1/data/resources/${rid}/records`, headers: { accept: 'application/json' } });
  assert.equal(rec.json().total, 2);
});

test('killing the loading connection (PostgreSQL): nothing half-loaded; recovery reloads; old table dropped after the swap', { skip: !process.env.TEST_DATABASE_URL }, async () => {
  const { rows } = await p.ctx.pool.query(`SELECT r.id, r.datastore_table FROM data_resources r JOIN data_datasets d ON d.published_revision_id = r.revision_id WHERE d.system_key = 'test.recovery'`);
  const res = rows[0];
  const stored = await p.ctx.files.saveBuffer(p.ctx.pool, Buffer.from(bigCsv(300_000)), { originalName: 'big.csv', mime: 'text/csv', ext: 'csv' });
  await p.ctx.pool.query('UPDATE data_resources SET file_id = $2 WHERE id = $1', [res.id, stored.id]);
  await queueIngest(p.ctx, res.id);
  const token = (await p.ctx.pool.query(`SELECT ingest_progress->>'token' AS t FROM data_resources WHERE id = $1`, [res.id])).rows[0].t;
  const run = runIngest(p.ctx, { resourceId: res.id, token }).catch((e) => e);
  for (let i = 0; i < 200; i++) {
    const k = await p.ctx.pool.query(`SELECT pg_terminate_backend(pid) AS k FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'COPY datastore.%'`);
    if (k.rows.length) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const outcome = await run;
  assert.ok(outcome instanceof Error, 'the load was interrupted');
  assert.deepEqual(await tables(), [res.datastore_table], 'only the served table exists');
  // as after a real crash: the resource is left "running" with an old heartbeat
  await p.ctx.pool.query(`UPDATE data_resources SET ingest_status = 'running', ingest_progress = jsonb_set(ingest_progress, '{at}', to_jsonb(now() - interval '10 minutes')) WHERE id = $1`, [res.id]);
  assert.equal(await recoverStalled(p.ctx), 1);
  const t2 = (await p.ctx.pool.query(`SELECT ingest_progress->>'token' AS t FROM data_resources WHERE id = $1`, [res.id])).rows[0].t;
  assert.equal(await runIngest(p.ctx, { resourceId: res.id, token: t2 }), 'done');
  const after = await p.ctx.pool.query('SELECT datastore_table, row_count, ingest_meta FROM data_resources WHERE id = $1', [res.id]);
  assert.equal(after.rows[0].row_count, 300_000);
  assert.equal(after.rows[0].ingest_meta.method, 'copy');
  assert.deepEqual(await tables(), [after.rows[0].datastore_table]);
  assert.deepEqual(await dropOrphanTables(p.ctx.pool), []);
});

test('read indexes are built after the swap, and a crash between the two is completed by the recovery job', async () => {
  const { rows } = await p.ctx.pool.query(`SELECT r.id, r.datastore_table, r.table_schema, r.ingest_meta FROM data_resources r JOIN data_datasets d ON d.published_revision_id = r.revision_id WHERE d.system_key = 'test.recovery'`);
  const res = rows[0];
  const indexes = async () => (await p.ctx.pool.query(`SELECT indexname FROM pg_indexes WHERE schemaname = 'datastore' AND tablename = $1 ORDER BY 1`, [res.datastore_table])).rows.map((r) => r.indexname);
  assert.equal(res.ingest_meta.indexed, true);
  const built = await indexes();
  assert.ok(built.includes(`${res.datastore_table}_pk`) && built.includes(`${res.datastore_table}_c0`), built.join(','));
  // the process died after the load committed, before its indexes
  for (const i of built) await p.ctx.pool.query(`DROP INDEX datastore."${i}"`);
  await p.ctx.pool.query(`UPDATE data_resources SET ingest_meta = ingest_meta || '{"indexed": false}', updated_at = now() - interval '10 minutes' WHERE id = $1`, [res.id]);
  assert.equal(await recoverStalled(p.ctx), 1);
  assert.deepEqual(await indexes(), built);
  const again = await p.ctx.pool.query('SELECT ingest_meta FROM data_resources WHERE id = $1', [res.id]);
  assert.equal(again.rows[0].ingest_meta.indexed, true);
  assert.equal(await recoverStalled(p.ctx), 0);
});

test('a unique column with repeated values: each repeat reported with its row and the first row; nothing loaded', async () => {
  const { analyseTabular } = await import('../../../src/modules/data/datastore/tabular-pipeline.ts');
  const { DatastoreError } = await import('../../../src/modules/data/datastore/datastore-error.ts');
  const file = path.join(p.dataDir, 'dups.csv');
  fs.writeFileSync(file, 'Kode Wilayah;Nama\n52.01;Lombok Barat\n52.02;Lombok Tengah\n52.01;Lombok Barat lagi\n52.03;Lombok Timur\n52.01;sekali lagi\n');
  const { schema } = await analyseTabular({ path: file, format: 'csv' });
  schema.fields[0].constraints = { unique: true };
  const before = await tables();
  const err = await withTransaction(p.ctx.pool, async (tx) => loadTable(tx, p.ctx.db.mode, { path: file, format: 'csv', schema })).catch((e) => e);
  assert.ok(err instanceof DatastoreError && err.code === 'validation_failed', String(err));
  const report = err.detail as { errorCount: number; errors: Array<{ row: number; first: number; value: string; code: string }> };
  assert.equal(report.errorCount, 2);
  assert.deepEqual(report.errors.map((e) => [e.code, e.row, e.first, e.value]), [['unique', 3, 1, '52.01'], ['unique', 5, 1, '52.01']]);
  assert.deepEqual(await tables(), before);
  // without repeats it loads
  fs.writeFileSync(file, 'Kode Wilayah;Nama\n52.01;Lombok Barat\n52.02;Lombok Tengah\n');
  const ok = await withTransaction(p.ctx.pool, async (tx) => loadTable(tx, p.ctx.db.mode, { path: file, format: 'csv', schema }));
  assert.equal(ok.rowCount, 2);
  await dropOrphanTables(p.ctx.pool);
});
