/** The portal and workspace pages over the seeded demo content, against the real database. */
import { MODULES } from '../../../src/app.ts';
import { dataModule } from '../../../src/modules/data/index.ts';
if (!MODULES.includes(dataModule)) MODULES.push(dataModule);
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { multipartBody } from '../../helpers/agent.ts';
import { DEMO_DATASETS } from '../../../src/modules/data/seed/demo-datasets.ts';
import { publishSystemDataset } from '../../../src/modules/data/dataset.service.ts';

let p: TestPlatform;
before(async () => { p = await startTestPlatform({ seedDemo: true }); });
after(async () => { await p?.close(); });

test('demo content is seeded as published datasets with datastore tables and a data list', async () => {
  const { rows } = await p.ctx.pool.query(`SELECT d.slug, d.is_demo, r.state, x.row_count FROM data_datasets d JOIN data_revisions r ON r.id = d.published_revision_id JOIN data_resources x ON x.revision_id = r.id ORDER BY d.slug`);
  assert.equal(rows.length, DEMO_DATASETS.length);
  assert.ok(rows.every((r) => r.is_demo && r.state === 'published' && r.row_count > 0));
  const spbe = rows.find((r) => r.slug.startsWith('hasil-evaluasi-spbe'));
  assert.equal(spbe.row_count, 37);
  const list = await p.ctx.pool.query('SELECT count(*)::int AS n FROM data_list_items');
  assert.ok(list.rows[0].n >= 10);
});

test('portal home, search with facets and a typo, sector and organisation pages', async () => {
  const anon = p.anon();
  let r = await anon.get('/data');
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /Satu Data NTB/);
  assert.match(r.body, /Infrastruktur/);
  r = await anon.get('/data/cari?q=pendudk');
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /Jumlah Penduduk Provinsi NTB Tahun 2017/);
  r = await anon.get('/data/cari?sector=sosial&sort=newest');
  assert.match(r.body, /Indeks Pembangunan Manusia/);
  assert.doesNotMatch(r.body, /Hasil Evaluasi SPBE/);
  r = await anon.get('/data/sektor/infrastruktur');
  assert.match(r.body, /Hasil Evaluasi SPBE/);
  r = await anon.get('/data/organisasi/bappeda');
  assert.match(r.body, /Indeks Pembangunan Manusia/);
  r = await anon.get('/data/sektor/tidak-ada');
  assert.equal(r.statusCode, 404);
});

test('dataset page: metadata, sortable/filterable preview, chart config, downloads, JSON-LD', async () => {
  const anon = p.anon();
  const slug = 'jumlah-kecamatan-desa-dan-luas-wilayah-kabupaten-kota';
  let r = await anon.get(`/data/${slug}?sort=-luas_wilayah_km2`);
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /Konten demonstrasi/);
  assert.match(r.body, /application\/ld\+json/);
  assert.match(r.body, /id="chart-config"/);
  const firstRow = /<tbody><tr>(.*?)<\/tr>/s.exec(r.body)![1];
  assert.match(firstRow, /Sumbawa/);
  assert.match(firstRow, /6\.643,98/);
  r = await anon.get(`/data/${slug}?filter.kabupaten_kota.like=kota`);
  assert.match(r.body, /2 baris cocok/);
  const link = /href="(\/data\/[^"]+\/unduh\.csv)"/.exec(r.body)![1];
  const csv = await anon.get(link);
  assert.equal(csv.statusCode, 200);
  assert.match(csv.body, /Kota Mataram/);
  // years are written as years, other integers and decimals in Indonesian form
  r = await anon.get('/data/indikator-ipm-provinsi-ntb-2013-2017?sort=tahun');
  const ipmRow = /<tbody><tr>(.*?)<\/tr>/s.exec(r.body)![1];
  assert.match(ipmRow, /<td class="num">2013<\/td>/);
  assert.doesNotMatch(r.body, /2\.013/);
  assert.match(ipmRow, /64,7/);
  r = await anon.get('/data/tidak-ada-dataset');
  assert.equal(r.statusCode, 404);
});

test('data request: submit and follow by tracking code', async () => {
  const anon = p.anon();
  await anon.get('/data/usulan');
  const r = await anon.postForm('/data/usulan', { title: 'Data jumlah nelayan per desa', description: 'Untuk penelitian', email: '' });
  assert.equal(r.statusCode, 303);
  const page = await anon.get(r.headers.location as string);
  assert.match(page.body, /Data jumlah nelayan per desa/);
  assert.match(page.body, /Diajukan/);
});

test('public data list with coverage and export; import reports bad rows by row and column', async () => {
  const year = new Date().getUTCFullYear();
  const anon = p.anon();
  let r = await anon.get(`/data/daftar?year=${year}`);
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /Indeks Pembangunan Manusia/);
  r = await anon.get(`/data/daftar/unduh.csv?year=${year}`);
  assert.match(r.body, /Nama Data,Definisi,Organisasi/);
  const walidata = await p.loginAs([{ org: 'diskominfotik', role: 'walidata' }]);
  const bad = 'Nama Data;Organisasi;Sektor;Frekuensi;Tingkat Penyajian;Data Prioritas;Jadwal Rilis\nJumlah nelayan;dinas-kelautan-perikanan;ekonomi;tahunan;kabupaten/kota;ya;30 Juni 2026\nProduksi garam;Dinas Tidak Ada;ekonomi;tahunan;provinsi;tidak;\nLuas hutan;DLHK;lingkungan;tahunan;provinsi;ya;\n';
  const mp = multipartBody({}, [{ field: 'file', filename: 'daftar.csv', content: Buffer.from(bad), contentType: 'text/csv' }]);
  await walidata.get(`/data/kerja/daftar-data?year=${year}`);
  r = await walidata.request({ method: 'POST', url: `/data/kerja/daftar-data/impor?year=${year}&_csrf=${encodeURIComponent(walidata.csrf)}`, payload: mp.payload, headers: mp.headers });
  assert.equal(r.statusCode, 422, r.body.slice(0, 500));
  assert.match(r.body, /Baris 2 \(baris berkas 3\), kolom &quot;Organisasi&quot;/);
  assert.match(r.body, /Baris 3 \(baris berkas 4\), kolom &quot;Sektor&quot;/);
  const count = await p.ctx.pool.query(`SELECT count(*)::int AS n FROM data_list_items WHERE name = 'Jumlah nelayan'`);
  assert.equal(count.rows[0].n, 0, 'nothing imported when any row is bad');
  const good = bad.split('\n').slice(0, 2).join('\n') + '\n';
  const mp2 = multipartBody({}, [{ field: 'file', filename: 'daftar.csv', content: Buffer.from(good), contentType: 'text/csv' }]);
  r = await walidata.request({ method: 'POST', url: `/data/kerja/daftar-data/impor?year=${year}&_csrf=${encodeURIComponent(walidata.csrf)}`, payload: mp2.payload, headers: mp2.headers });
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /1 jenis data diimpor/);
  r = await walidata.get(`/data/kerja/pemantauan?year=${year}`);
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /Capaian per perangkat daerah/);
  r = await walidata.postForm(`/data/kerja/laporan?year=${year}`, { quarter: '4' });
  assert.equal(r.statusCode, 303);
  const rep = await p.ctx.pool.query('SELECT id FROM data_reports');
  assert.equal(rep.rows.length, 1);
  const pdf = await walidata.get(`/data/kerja/laporan/${rep.rows[0].id}/pdf`);
  assert.equal(pdf.rawPayload.subarray(0, 4).toString(), '%PDF');
});

test('produsen cannot open the monitoring page; anonymous is sent to log in', async () => {
  const produsen = await p.loginAs([{ org: 'dinas-contoh', role: 'produsen_data' }]);
  assert.equal((await produsen.get('/data/kerja/pemantauan')).statusCode, 403);
  assert.equal((await produsen.get('/data/kerja')).statusCode, 200);
  const anon = await p.anon().get('/data/kerja');
  assert.ok([302, 303, 401].includes(anon.statusCode));
});

test('publishSystemDataset: another module publishes statistics; republishing makes a new revision', async () => {
  const meta = { title: 'Statistik Pengaduan NTB Care per Bulan', description: 'Dihasilkan otomatis', sector: 'sosial' as const, topic: 'Pelayanan Publik', tags: ['NTB Care'], licence: 'CC-BY-4.0' as const, temporalStart: '2026-01-01', temporalEnd: '2026-10-31', regionCodes: ['52'], frequency: 'bulanan' as const, level: 'provinsi' as const, contactRole: 'Admin NTB Care', source: 'NTB Care', notes: '', msInd: {}, msKeg: {} };
  const a = await publishSystemDataset(p.ctx, { systemKey: 'care.monthly', organisationSlug: 'diskominfotik', metadata: meta, resourceName: 'Bulanan', csv: 'Bulan,Masuk,Ditindaklanjuti\n2026-01,40,21\n2026-02,35,30\n' });
  const b = await publishSystemDataset(p.ctx, { systemKey: 'care.monthly', organisationSlug: 'diskominfotik', metadata: meta, resourceName: 'Bulanan', csv: 'Bulan,Masuk,Ditindaklanjuti\n2026-01,40,21\n2026-02,35,30\n2026-03,50,44\n' });
  assert.equal(a.datasetId, b.datasetId);
  assert.notEqual(a.revisionId, b.revisionId);
  const r = await p.anon().get(`/api/v1/data/datasets/${a.slug}`);
  assert.equal(r.json().revision, 2);
  assert.equal(r.json().resources[0].rowCount, 3);
  const s = await p.ctx.pool.query('SELECT change_summary FROM data_revisions WHERE id = $1', [b.revisionId]);
  assert.equal(s.rows[0].change_summary.resources[0].rowsAdded, 1);
});
