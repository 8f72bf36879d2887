/**
 * Harvested datasets in the Satu Data portal search (/data/cari, also filtered by organisation):
 * harvesting the fixture portal lists them with their provenance label and links, with facets and
 * sorting; removal at the source (and a re-harvest) removes them from the search at once (the cached
 * answer is invalidated); an unchanged re-harvest does not invalidate the catalogue cache.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { publish } from './support/platform-setup.ts';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { startFixtureServer, type FixtureServer } from './support/fixture-server.ts';
import { harvestNow, reconcileCatalogue } from '../../../src/modules/interop/harvest.service.ts';
import { allowPrivateHarvestHosts } from '../../../src/modules/interop/harvest-client.ts';
import { catalogueVersion } from '../../../src/modules/data/catalogue-cache.ts';

allowPrivateHarvestHosts(true);

let p: TestPlatform;
let srv: FixtureServer;
let sourceId = '';
const fast = { http: { timeoutMs: 5000, retries: 1, backoffMs: 1, sleep: async () => {} } };

before(async () => {
  [p, srv] = await Promise.all([startTestPlatform(), startFixtureServer()]);
  const wali = await p.loginAs([{ org: 'diskominfotik', role: 'walidata' }]);
  const token = await p.apiToken(wali.userId);
  const org = (await p.ctx.pool.query(`SELECT id FROM organisations WHERE slug = 'kab-lombok-barat'`)).rows[0].id;
  const r = await p.app.inject({
    method: 'POST', url: '/api/v1/interop/harvest-sources', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: JSON.stringify({ title: 'Portal Data Lombok Barat', kind: 'ckan', url: srv.url, organisationId: org, schedule: 'manual', includeOrgs: [], excludeOrgs: [], includeTags: [], excludeTags: [], active: true }),
  });
  assert.equal(r.statusCode, 201, r.body);
  sourceId = r.json().id;
  // a dataset published here about the same subject, to see both kinds side by side
  await publish(p.ctx, 1, { org: 'bps-ntb', title: 'Jumlah Puskesmas per Kabupaten', tags: ['kesehatan', 'puskesmas'] });
});
after(async () => { await Promise.all([p?.close(), srv?.close()]); });

const items = (body: string) => [...body.matchAll(/<li class="ds-item[^"]*">([\s\S]*?)<\/li>/g)].map((m) => m[1]);

test('harvested datasets are found by the portal search, marked with their provenance', async () => {
  const run = (await harvestNow(p.ctx, sourceId, fast))!;
  assert.equal(run.status, 'ok', JSON.stringify(run.errors));
  assert.equal(run.created, 5);
  const anon = p.anon();
  // warm the cache with this exact query before anything changes
  const r = await anon.get('/data/cari?q=imunisasi');
  assert.equal(r.statusCode, 200);
  const hits = items(r.body);
  assert.equal(hits.length, 1, r.body);
  assert.match(hits[0], /Cakupan Imunisasi Dasar Lengkap/);
  assert.match(hits[0], /Dipanen dari Portal Data Lombok Barat/);
  assert.ok(hits[0].includes('href="/data/panen/dataset/kab-lombok-barat-cakupan-imunisasi"'), 'links to the local provenance page');
  assert.ok(hits[0].includes(`href="${srv.url}/dataset/cakupan-imunisasi"`), 'links to the original page');
  assert.match(r.body, /1 dataset ditemukan/);
  // the provenance page the result points to exists
  assert.equal((await anon.get('/data/panen/dataset/kab-lombok-barat-cakupan-imunisasi')).statusCode, 200);
  // English label
  const en = await p.anon().get('/data/cari?q=imunisasi&lang=en');
  assert.match(en.body, /Harvested from Portal Data Lombok Barat/);
});

test('full text, typo tolerance, facets and sorting cover harvested and published datasets alike', async () => {
  const anon = p.anon();
  // "puskesmas": the native dataset and the harvested one
  let r = await anon.get('/data/cari?q=puskesmas');
  let hits = items(r.body);
  assert.equal(hits.length, 2, r.body);
  assert.equal(hits.filter((h) => /Dipanen dari/.test(h)).length, 1);
  // facets: organisation (the harvest source's organisation), tag, format
  assert.match(r.body, /href="\/data\/cari\?q=puskesmas&amp;organisation=kab-lombok-barat"/);
  assert.match(r.body, /href="\/data\/cari\?q=puskesmas&amp;organisation=bps-ntb"/);
  r = await anon.get('/data/cari?q=puskesmas&organisation=kab-lombok-barat');
  hits = items(r.body);
  assert.equal(hits.length, 1);
  assert.match(hits[0], /Jumlah Puskesmas/);
  assert.match(hits[0], /Dipanen dari/);
  r = await anon.get('/data/cari?q=kesehatan&format=XLSX');
  hits = items(r.body);
  assert.equal(hits.length, 1);
  assert.match(hits[0], /Cakupan Imunisasi/);
  r = await anon.get('/data/cari?tag=bayi');
  assert.equal(items(r.body).length, 1);
  assert.match(r.body, /Angka Kematian Bayi/);
  // typo: "imunisas" finds it through trigram similarity on titles
  r = await anon.get('/data/cari?q=imunisasy');
  assert.match(r.body, /Cakupan Imunisasi Dasar Lengkap/);
  // newest first: the dataset published today comes before harvested ones modified in 2024
  r = await anon.get('/data/cari?q=kesehatan&sort=newest');
  hits = items(r.body);
  assert.ok(hits.length >= 5);
  assert.doesNotMatch(hits[0], /Dipanen dari/);
  assert.match(hits[1], /Kasus Demam Berdarah Dengue/, 'harvested ones by their modification date at the source (2024-05-05 newest)');
  // the organisation filter lists the five harvested datasets
  r = await anon.get('/data/cari?organisation=kab-lombok-barat');
  assert.equal(items(r.body).length, 5);
  r = await anon.get('/data/sektor/sosial?q=puskesmas');
  assert.equal(items(r.body).length, 1, 'the source gives no Satu Data sector: harvested datasets are not on sector pages');
  // the JSON API of published datasets is unchanged: it lists what was published here only
  const api = await p.app.inject({ url: '/api/v1/data/datasets?q=imunisasi' });
  assert.equal(api.json().total, 0);
});

test('an unchanged re-harvest keeps the catalogue version (cached answers stay valid)', async () => {
  const v0 = await catalogueVersion(p.ctx.pool);
  const run = (await harvestNow(p.ctx, sourceId, fast))!;
  assert.equal(run.status, 'ok');
  assert.deepEqual([run.created, run.updated, run.removed], [0, 0, 0]);
  assert.equal(await catalogueVersion(p.ctx.pool), v0);
});

test('a change at the source is searchable after the next harvest; removal at the source removes it from the search', async () => {
  const anon = p.anon();
  srv.packages[1].title = 'Angka Kematian Neonatal';
  srv.packages[1].metadata_modified = '2024-06-01T00:00:00.000000';
  srv.packages[2].state = 'deleted';
  const run = (await harvestNow(p.ctx, sourceId, fast))!;
  assert.deepEqual([run.updated, run.removed], [1, 1], JSON.stringify(run));
  const gone = await anon.get('/data/cari?q=imunisasi');
  assert.equal(items(gone.body).length, 0, 'the cached answer of the same query was invalidated');
  assert.doesNotMatch(gone.body, /Cakupan Imunisasi/);
  assert.equal(items((await anon.get('/data/cari?organisation=kab-lombok-barat')).body).length, 4);
  const renamed = await anon.get('/data/cari?q=neonatal');
  assert.equal(items(renamed.body).length, 1);
  assert.match(renamed.body, /Angka Kematian Neonatal/);
  // gone from the CKAN API too; its provenance page says so
  const ckan = await p.app.inject({ url: '/api/3/action/package_search?q=imunisasi' });
  assert.equal(ckan.json().result.count, 0);
  assert.match((await anon.get('/data/panen/dataset/kab-lombok-barat-cakupan-imunisasi')).body, /sudah tidak tersedia/);
  // back at the source → back in the search
  srv.packages[2].state = 'active';
  srv.packages[2].metadata_modified = '2024-06-02T00:00:00.000000';
  await harvestNow(p.ctx, sourceId, fast);
  assert.equal(items((await anon.get('/data/cari?q=imunisasi')).body).length, 1);
});

test('reconciliation lists harvested datasets missing from the catalogue and drops stale entries', async () => {
  await p.ctx.pool.query(`DELETE FROM data_external_datasets WHERE slug = 'kab-lombok-barat-kasus-dbd'`);
  assert.equal(items((await p.anon().get('/data/cari?q=dengue')).body).length, 0);
  await p.ctx.pool.query(`UPDATE interop_harvested_datasets SET state = 'removed' WHERE name = 'kab-lombok-barat-jumlah-puskesmas'`);
  assert.deepEqual(await reconcileCatalogue(p.ctx.pool), { added: 1, removed: 1 });
  assert.equal(items((await p.anon().get('/data/cari?q=dengue')).body).length, 1);
  assert.equal(items((await p.anon().get('/data/cari?q=puskesmas&organisation=kab-lombok-barat')).body).length, 0);
  assert.deepEqual(await reconcileCatalogue(p.ctx.pool), { added: 0, removed: 0 });
});
