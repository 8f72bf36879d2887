/**
 * Harvesting against a local fixture portal (CKAN 2.10 answers and DCAT pages, 127.0.0.1 only): paging,
 * idempotence, modified and deleted datasets, broken pages with back-off, provenance, read-only; and one
 * NTB Terbuka instance harvesting another (CKAN API and DCAT).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { publish } from './support/platform-setup.ts';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { startFixtureServer, type FixtureServer } from './support/fixture-server.ts';
import { harvestNow, gather, nextRunAt, sourceHealth } from '../../../src/modules/interop/harvest.service.ts';
import * as repo from '../../../src/modules/interop/harvest.repo.ts';
import { allowPrivateHarvestHosts } from '../../../src/modules/interop/harvest-client.ts';

allowPrivateHarvestHosts(true); // the fixture portal and the second instance listen on 127.0.0.1

let p: TestPlatform;
let srv: FixtureServer;
let wali: Awaited<ReturnType<TestPlatform['loginAs']>>;
let waliToken: string;
const fast = { http: { timeoutMs: 5000, retries: 1, backoffMs: 1, sleep: async () => {} } };

before(async () => {
  [p, srv] = await Promise.all([startTestPlatform(), startFixtureServer({ slowMs: 1500 })]);
  wali = await p.loginAs([{ org: 'diskominfotik', role: 'walidata' }]);
  waliToken = await p.apiToken(wali.userId);
});
after(async () => { await Promise.all([p?.close(), srv?.close()]); });

async function orgId(slug: string) { return (await p.ctx.pool.query('SELECT id FROM organisations WHERE slug = $1', [slug])).rows[0].id as string; }
async function api(method: string, url: string, body?: unknown, token = waliToken) {
  const r = await p.app.inject({ method: method as any, url, payload: body === undefined ? undefined : JSON.stringify(body), headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) } });
  return { status: r.statusCode, body: r.json() as any };
}
async function ckan(action: string, data: Record<string, unknown> = {}) {
  const r = await p.app.inject({ method: 'POST', url: `/api/3/action/${action}`, payload: JSON.stringify(data), headers: { 'content-type': 'application/json' } });
  return { status: r.statusCode, body: r.json() as any };
}

let ckanSource = '';

test('walidata adds a CKAN source through the API; others may not', async () => {
  const producer = await p.createUser([{ org: 'kab-lombok-barat', role: 'produsen_data' }]);
  const denied = await api('POST', '/api/v1/interop/harvest-sources', { title: 'x', kind: 'ckan', url: srv.url, organisationId: await orgId('kab-lombok-barat'), schedule: 'daily', includeOrgs: [], excludeOrgs: [], includeTags: [], excludeTags: [], active: true }, await p.apiToken(producer.id));
  assert.equal(denied.status, 403);
  const r = await api('POST', '/api/v1/interop/harvest-sources', { title: 'Portal Data Lombok Barat', kind: 'ckan', url: srv.url, organisationId: await orgId('kab-lombok-barat'), schedule: 'daily', includeOrgs: [], excludeOrgs: [], includeTags: [], excludeTags: ['rahasia'], active: true });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  ckanSource = r.body.id;
  const dup = await api('POST', '/api/v1/interop/harvest-sources', { title: 'dup', kind: 'ckan', url: srv.url, organisationId: await orgId('kab-lombok-barat'), schedule: 'daily', includeOrgs: [], excludeOrgs: [], includeTags: [], excludeTags: [], active: true });
  assert.equal(dup.status, 422);
});

test('harvesting twice yields the same datasets once each, with provenance', async () => {
  const run1 = (await harvestNow(p.ctx, ckanSource, fast))!;
  assert.equal(run1.status, 'ok', JSON.stringify(run1.errors));
  assert.deepEqual([run1.created, run1.updated, run1.removed], [5, 0, 0]);
  const run2 = (await harvestNow(p.ctx, ckanSource, fast))!;
  assert.equal(run2.mode, 'incremental');
  assert.deepEqual([run2.created, run2.updated, run2.removed], [0, 0, 0]);
  assert.ok(run2.gathered <= 1, 'incremental gather asks only for datasets modified since the high-water mark');
  const list = (await ckan('package_list')).body.result as string[];
  assert.equal(list.length, 5);
  assert.equal(new Set(list).size, 5);
  assert.ok(list.includes('kab-lombok-barat-jumlah-puskesmas'));
  const pkg = (await ckan('package_show', { id: 'kab-lombok-barat-jumlah-puskesmas' })).body.result;
  assert.equal(pkg.organization.name, 'kab-lombok-barat');
  const extras = Object.fromEntries(pkg.extras.map((e: any) => [e.key, e.value]));
  assert.equal(extras.harvest_source_url, srv.url);
  assert.equal(extras.harvest_original_url, `${srv.url}/dataset/jumlah-puskesmas`);
  assert.equal(pkg.resources[0].format, 'CSV');
  const page = await p.anon().get('/data/panen/dataset/kab-lombok-barat-jumlah-puskesmas');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Portal Data Lombok Barat/);
  assert.ok(page.body.includes(`${srv.url}/dataset/jumlah-puskesmas`));
  assert.match(page.body, /hanya-baca/);
  assert.match(page.body, /application\/ld\+json/);
  const ttl = await p.app.inject({ url: '/catalog.ttl' });
  assert.match(ttl.body, /kab-lombok-barat-kasus-dbd/);
});

test('modified datasets are updated, deleted ones removed here, harvested ones read-only', async () => {
  srv.packages[1].title = 'Angka Kematian Bayi (revisi)';
  srv.packages[1].resources[0].url = 'javascript:alert(document.cookie)';
  srv.packages[1].metadata_modified = '2024-06-01T00:00:00.000000';
  srv.packages[3].state = 'deleted';
  const run = (await harvestNow(p.ctx, ckanSource, fast))!;
  assert.deepEqual([run.created, run.updated, run.removed], [0, 1, 1], JSON.stringify(run));
  const revised = (await ckan('package_show', { id: 'kab-lombok-barat-angka-kematian-bayi' })).body.result;
  assert.equal(revised.title, 'Angka Kematian Bayi (revisi)');
  assert.equal(revised.resources[0].url, '', 'non-http URLs from a source are dropped');
  assert.doesNotMatch((await p.anon().get('/data/panen/dataset/kab-lombok-barat-angka-kematian-bayi')).body, /javascript:/);
  assert.equal((await ckan('package_show', { id: 'kab-lombok-barat-tenaga-kesehatan' })).status, 404);
  const removedPage = await p.anon().get('/data/panen/dataset/kab-lombok-barat-tenaga-kesehatan');
  assert.match(removedPage.body, /sudah tidak tersedia/);
  // back at the source → back here, same name, no duplicate
  srv.packages[3].state = 'active';
  srv.packages[3].metadata_modified = '2024-06-02T00:00:00.000000';
  const back = (await harvestNow(p.ctx, ckanSource, fast))!;
  assert.deepEqual([back.created, back.updated], [0, 1]);
  assert.equal((await ckan('package_list')).body.result.length, 5);
  // read-only
  const producer = await p.createUser([{ org: 'kab-lombok-barat', role: 'produsen_data' }]);
  const token = await p.apiToken(producer.id);
  const upd = await p.app.inject({ method: 'POST', url: '/api/action/package_patch', payload: JSON.stringify({ id: 'kab-lombok-barat-kasus-dbd', title: 'x' }), headers: { 'content-type': 'application/json', authorization: token } });
  assert.equal(upd.statusCode, 403);
});

test('a broken source is reported, backs off, and does not disturb what was harvested', async () => {
  srv.breaks.push({ match: 'package_search', mode: 'malformed', times: 100 });
  const before = new Date();
  const run = (await harvestNow(p.ctx, ckanSource, fast))!;
  srv.breaks.length = 0;
  assert.equal(run.status, 'failed');
  assert.match(run.errors[0].reason, /malformed/);
  const src = (await repo.findSource(p.ctx.pool, ckanSource))!;
  assert.equal(src.consecutive_failures, 1);
  assert.ok(src.next_run_at! > before && src.next_run_at!.getTime() - before.getTime() < 10 * 60_000, 'retried after ~5 minutes');
  assert.equal((await ckan('package_list')).body.result.length, 5, 'nothing removed by a failed run');
  srv.breaks.push({ match: 'package_search', mode: 'error500', times: 100 });
  const run2 = (await harvestNow(p.ctx, ckanSource, fast))!;
  srv.breaks.length = 0;
  assert.equal(run2.status, 'failed');
  assert.equal((await repo.findSource(p.ctx.pool, ckanSource))!.consecutive_failures, 2);
  const ok = (await harvestNow(p.ctx, ckanSource, fast))!;
  assert.equal(ok.status, 'ok');
  assert.equal((await repo.findSource(p.ctx.pool, ckanSource))!.consecutive_failures, 0);
  const detail = await api('GET', `/api/v1/interop/harvest-sources/${ckanSource}`);
  assert.equal(detail.body.runs.length, 7);
  assert.equal(detail.body.health.failuresInRow, 0);
  assert.ok(detail.body.health.okRate < 1);
  const page = await wali.get(`/data/panen/${ckanSource}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Laporan panen/);
  assert.match(page.body, /Gagal/);
});

test('DCAT source: follows Hydra pages; a timeout is reported', async () => {
  const r = await api('POST', '/api/v1/interop/harvest-sources', { title: 'Satu Data Kota Bima', kind: 'dcat', url: `${srv.url}/catalog.ttl`, organisationId: await orgId('kota-bima'), schedule: 'weekly', includeOrgs: [], excludeOrgs: [], includeTags: [], excludeTags: [], active: true });
  assert.equal(r.status, 201);
  const run = (await harvestNow(p.ctx, r.body.id, fast))!;
  assert.equal(run.status, 'ok', JSON.stringify(run.errors));
  assert.equal(run.created, 3);
  const pkg = (await ckan('package_show', { id: 'kota-bima-penduduk-kecamatan' })).body.result;
  assert.equal(pkg.resources[0].url, 'https://satudata.bimakota.go.id/files/penduduk-2023.csv');
  srv.breaks.push({ match: 'catalog.ttl', mode: 'slow', times: 10 });
  const slow = (await harvestNow(p.ctx, r.body.id, { http: { ...fast.http, timeoutMs: 100 } }))!;
  srv.breaks.length = 0;
  assert.equal(slow.status, 'failed');
  assert.match(slow.errors[0].reason, /timeout/);
});

test('pure rules: back-off and health', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  assert.equal(nextRunAt('daily', 0, now)?.toISOString(), '2026-01-02T00:00:00.000Z');
  assert.equal(nextRunAt('manual', 0, now), null);
  assert.equal(nextRunAt('daily', 1, now)?.toISOString(), '2026-01-01T00:05:00.000Z');
  assert.equal(nextRunAt('daily', 3, now)?.toISOString(), '2026-01-01T00:20:00.000Z');
  assert.equal(nextRunAt('hourly', 20, now)?.toISOString(), '2026-01-02T00:00:00.000Z');
  const run = (status: string) => ({ status, started_at: now, finished_at: new Date(now.getTime() + 100) }) as any;
  assert.equal(sourceHealth([]).state, 'unknown');
  assert.equal(sourceHealth([run('ok'), run('ok')]).state, 'healthy');
  assert.equal(sourceHealth([run('failed'), run('failed'), run('failed'), run('ok')]).state, 'failing');
  assert.equal(sourceHealth([run('ok'), run('failed')]).state, 'degraded');
});

test('one NTB Terbuka instance harvests another (CKAN API and DCAT)', async () => {
  const a = await startTestPlatform({ listen: true });
  try {
    await publish(a.ctx, 1, { org: 'kab-lombok-timur' });
    await publish(a.ctx, 2, { org: 'kab-lombok-timur', title: 'Produksi Padi' });
    const lotim = await orgId('kab-lombok-timur');
    const viaCkan = await api('POST', '/api/v1/interop/harvest-sources', { title: 'NTB Terbuka A (CKAN)', kind: 'ckan', url: a.url, organisationId: lotim, schedule: 'manual', includeOrgs: ['kab-lombok-timur'], excludeOrgs: [], includeTags: [], excludeTags: [], active: true });
    const run = (await harvestNow(p.ctx, viaCkan.body.id, fast))!;
    assert.equal(run.status, 'ok', JSON.stringify(run.errors));
    assert.equal(run.created, 2);
    const again = (await harvestNow(p.ctx, viaCkan.body.id, fast))!;
    assert.equal(again.created, 0);
    const hits = (await ckan('package_search', { fq: 'organization:kab-lombok-timur', rows: 10 })).body.result;
    assert.equal(hits.count, 2);
    assert.ok(hits.results.every((x: any) => x.extras.some((e: any) => e.key === 'harvest_source_url' && e.value === a.url)));
    const viaDcat = await api('POST', '/api/v1/interop/harvest-sources', { title: 'NTB Terbuka A (DCAT)', kind: 'dcat', url: `${a.url}/catalog.ttl`, organisationId: await orgId('kab-sumbawa'), schedule: 'manual', includeOrgs: [], excludeOrgs: [], includeTags: [], excludeTags: [], active: true });
    const drun = (await harvestNow(p.ctx, viaDcat.body.id, fast))!;
    assert.equal(drun.status, 'ok', JSON.stringify(drun.errors));
    assert.equal(drun.created, 2);
    const d = (await ckan('package_search', { fq: 'organization:kab-sumbawa', rows: 10 })).body.result.results;
    assert.equal(d.length, 2);
    assert.ok(d.some((x: any) => x.title === 'Produksi Padi'));
    assert.ok(d[0].resources[0].url.startsWith(a.url));
    const viaXml = await api('POST', '/api/v1/interop/harvest-sources', { title: 'NTB Terbuka A (RDF/XML)', kind: 'dcat', url: `${a.url}/catalog.xml`, organisationId: await orgId('kab-dompu'), schedule: 'manual', includeOrgs: [], excludeOrgs: [], includeTags: [], excludeTags: [], active: true });
    const xrun = (await harvestNow(p.ctx, viaXml.body.id, fast))!;
    assert.equal(xrun.status, 'ok', JSON.stringify(xrun.errors));
    assert.equal(xrun.created, 2);
  } finally {
    await a.close();
  }
});
