/**
 * Version history: the change summary compares the cells of two versions of a table, matching rows by
 * the Table Schema's primary key, else the first column unique in both versions, else the row position;
 * it is shown on the dataset page.
 */
import { MODULES } from '../../../src/app.ts';
import { dataModule } from '../../../src/modules/data/index.ts';
if (!MODULES.includes(dataModule)) MODULES.push(dataModule);
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { publishSystemDataset, changeSummary } from '../../../src/modules/data/dataset.service.ts';
import * as repo from '../../../src/modules/data/dataset.repo.ts';

let p: TestPlatform;
before(async () => { p = await startTestPlatform(); });
after(async () => { await p?.close(); });

const META = {
  title: 'Penduduk per Kabupaten Uji', description: 'Uji perbandingan sel', sector: 'sosial' as const, topic: 'Kependudukan', tags: ['uji'], licence: 'CC-BY-4.0' as const,
  temporalStart: '2020-01-01', temporalEnd: '2020-12-31', regionCodes: ['52'], frequency: 'tahunan' as const, level: 'kabupaten_kota' as const,
  contactRole: 'Walidata', source: 'Uji', notes: '', msInd: {}, msKeg: {},
};

async function publishTwice(key: string, title: string, v1: string, v2: string) {
  const a = await publishSystemDataset(p.ctx, { systemKey: key, organisationSlug: 'diskominfotik', metadata: { ...META, title }, resourceName: 'Tabel', csv: v1 });
  const b = await publishSystemDataset(p.ctx, { systemKey: key, organisationSlug: 'diskominfotik', metadata: { ...META, title }, resourceName: 'Tabel', csv: v2 });
  assert.notEqual(a.revisionId, b.revisionId);
  const { rows } = await p.ctx.pool.query('SELECT change_summary FROM data_revisions WHERE id = $1', [b.revisionId]);
  return { ...b, first: a.revisionId, summary: rows[0].change_summary };
}

test('rows are matched by the first column unique in both versions (a region code), whatever their order', async () => {
  const v1 = 'Kode,Wilayah,Penduduk\n52.01,Lombok Barat,100\n52.02,Lombok Tengah,200\n52.03,Lombok Timur,300\n';
  // reordered, one value changed, one row added: matched by position this would be 9 changed cells
  const v2 = 'Kode,Wilayah,Penduduk\n52.03,Lombok Timur,300\n52.01,Lombok Barat,150\n52.02,Lombok Tengah,200\n52.04,Sumbawa,400\n';
  const { summary, slug } = await publishTwice('uji.cells.kode', 'Penduduk per Kabupaten Uji', v1, v2);
  const r = summary.resources[0];
  assert.equal(r.rowsAdded, 2, 'EXCEPT ALL still counts changed rows as removed + added');
  assert.equal(r.rowsRemoved, 1);
  assert.deepEqual(r.cells.key, { kind: 'column', columns: ['kode'], titles: ['Kode'] });
  assert.equal(r.cells.matchedRows, 3);
  assert.equal(r.cells.changedRows, 1);
  assert.equal(r.cells.changedCells, 1);
  assert.deepEqual(r.cells.byColumn, [{ column: 'penduduk', title: 'Penduduk', changed: 1 }]);
  assert.deepEqual(r.cells.sample, [{ key: '52.01', column: 'penduduk', title: 'Penduduk', before: '100', after: '150' }]);

  // shown in the version history of the public page, in both languages
  const page = await p.anon().get(`/data/${slug}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /1 sel berubah pada 1 baris \(baris dicocokkan menurut Kode\) \(Penduduk: 1\)/);
  assert.match(page.body, /52\.01 · Penduduk: <del>100<\/del> → <ins>150<\/ins>/);
  const en = await p.anon().get(`/data/${slug}?lang=en`);
  assert.match(en.body, /1 cells changed in 1 rows \(rows matched by Kode\)/);
});

test('without a unique column, rows are matched by position; sample capped at 20 in file order', async () => {
  const rows1 = ['Kategori,Nilai'];
  const rows2 = ['Kategori,Nilai'];
  for (let i = 1; i <= 30; i++) { rows1.push(`${i % 2 ? 'A' : 'B'},1`); rows2.push(`${i % 2 ? 'A' : 'B'},${i <= 25 ? 2 : 1}`); }
  const { summary, slug } = await publishTwice('uji.cells.row', 'Kategori Uji Posisi', rows1.join('\n') + '\n', rows2.join('\n') + '\n');
  const c = summary.resources[0].cells;
  assert.equal(c.key.kind, 'row');
  assert.equal(c.matchedRows, 30);
  assert.equal(c.changedRows, 25);
  assert.equal(c.changedCells, 25);
  assert.deepEqual(c.byColumn.map((x: { column: string; changed: number }) => [x.column, x.changed]), [['nilai', 25]]);
  assert.equal(c.sample.length, 20);
  assert.deepEqual(c.sample[0], { key: '1', column: 'nilai', title: 'Nilai', before: '1', after: '2' });
  assert.deepEqual(c.sample.map((x: { key: string }) => x.key), Array.from({ length: 20 }, (_, i) => String(i + 1)));
  const page = await p.anon().get(`/data/${slug}`);
  assert.match(page.body, /25 sel berubah pada 25 baris \(baris dicocokkan menurut urutan baris\)/);
  assert.match(page.body, /baris 1 · Nilai: <del>1<\/del> → <ins>2<\/ins>/);
});

test('the Table Schema primary key (composite) wins over a column that happens to be unique', async () => {
  const v1 = 'Tahun,Kode,Nilai\n2020,52.01,10\n2020,52.02,20\n2021,52.01,11\n2021,52.02,21\n';
  const v2 = 'Tahun,Kode,Nilai\n2021,52.02,25\n2021,52.01,11\n2020,52.02,20\n2020,52.01,10\n';
  const { first, revisionId, summary } = await publishTwice('uji.cells.pk', 'Nilai per Tahun Uji', v1, v2);
  // no primary key: tahun and kode repeat, so the first unique column is "nilai" (25 has no partner)
  const c0 = summary.resources[0].cells;
  assert.deepEqual(c0.key.columns, ['nilai']);
  assert.equal(c0.matchedRows, 3);
  assert.equal(c0.changedCells, 0);
  // with a primary key in the new version's schema, rows are matched on (tahun, kode)
  await p.ctx.pool.query(`UPDATE data_resources SET table_schema = jsonb_set(table_schema, '{primaryKey}', '["tahun", "kode"]') WHERE revision_id = $1`, [revisionId]);
  const prev = (await repo.findRevision(p.ctx.pool, first))!;
  const next = (await repo.findRevision(p.ctx.pool, revisionId))!;
  const s = await changeSummary(p.ctx.pool, prev, next) as { resources: Array<{ cells: { key: unknown; matchedRows: number; changedCells: number; sample: unknown[] } }> };
  const c = s.resources[0].cells;
  assert.deepEqual(c.key, { kind: 'primaryKey', columns: ['tahun', 'kode'], titles: ['Tahun', 'Kode'] });
  assert.equal(c.matchedRows, 4);
  assert.equal(c.changedCells, 1);
  assert.deepEqual(c.sample, [{ key: '2021 · 52.02', column: 'nilai', title: 'Nilai', before: '21', after: '25' }]);
});

test('a primary key that is not unique in the data falls back to the next candidate', async () => {
  const v1 = 'Kode,Tahun,Nilai\n52.01,2020,1\n52.02,2020,2\n';
  const v2 = 'Kode,Tahun,Nilai\n52.02,2020,2\n52.01,2020,3\n';
  const { first, revisionId } = await publishTwice('uji.cells.badpk', 'Nilai Kunci Salah Uji', v1, v2);
  await p.ctx.pool.query(`UPDATE data_resources SET table_schema = jsonb_set(table_schema, '{primaryKey}', '["tahun"]') WHERE revision_id = $1`, [revisionId]);
  const s = await changeSummary(p.ctx.pool, (await repo.findRevision(p.ctx.pool, first))!, (await repo.findRevision(p.ctx.pool, revisionId))!) as { resources: Array<{ cells: { key: { kind: string; columns: string[] }; changedCells: number } }> };
  assert.deepEqual([s.resources[0].cells.key.kind, s.resources[0].cells.key.columns], ['column', ['kode']]);
  assert.equal(s.resources[0].cells.changedCells, 1);
});

test('no cell comparison when the columns differ', async () => {
  const { summary } = await publishTwice('uji.cells.cols', 'Kolom Berubah Uji', 'Kode,Nilai\n52.01,1\n', 'Kode,Nilai,Catatan\n52.01,1,baru\n');
  const r = summary.resources[0];
  assert.deepEqual(r.fieldsAdded, ['catatan']);
  assert.equal(r.cells, null);
});

test('columns named like the comparison query\'s own names (k, o, n, key) are compared like any other', async () => {
  const { summary } = await publishTwice('uji.cells.names', 'Nama Kolom Rawan Uji', 'K,O,N,Key\nA,1,2,x\nB,3,4,y\n', 'K,O,N,Key\nB,3,5,y\nA,1,2,z\n');
  const c = summary.resources[0].cells;
  assert.deepEqual(c.key.columns, ['k']);
  assert.deepEqual(c.byColumn.map((x: { column: string }) => x.column), ['n', 'key']);
  assert.deepEqual(c.sample.map((x: { key: string; column: string }) => `${x.key}:${x.column}`), ['B:n', 'A:key']);
});
