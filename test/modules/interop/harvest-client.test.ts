import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { ckanGather, ckanAllIds, ckanAction, dcatGather, fetchText, passesFilters, isPrivateAddress, HarvestFetchError, type HarvestedDataset } from '../../../src/modules/interop/harvest-client.ts';
import { startFixtureServer, type FixtureServer } from './support/fixture-server.ts';

let srv: FixtureServer;
before(async () => { srv = await startFixtureServer({ slowMs: 4000 }); });
after(async () => { await srv.close(); });

const sleeps: number[] = [];
const http = { timeoutMs: 1500, retries: 2, backoffMs: 10, sleep: async (ms: number) => { sleeps.push(ms); }, allowPrivate: true };
async function all(it: AsyncIterable<HarvestedDataset>) { const out: HarvestedDataset[] = []; for await (const d of it) out.push(d); return out; }

test('CKAN gather pages with rows/start sorted by metadata_modified', async () => {
  srv.log.length = 0;
  const got = await all(ckanGather(srv.url, { rows: 2 }, http));
  assert.deepEqual(got.map((d) => d.name), ['jumlah-puskesmas', 'angka-kematian-bayi', 'cakupan-imunisasi', 'tenaga-kesehatan', 'kasus-dbd']);
  assert.equal(srv.log.filter((l) => l.includes('package_search')).length, 3);
  assert.ok(srv.log.every((l) => l.includes('sort=metadata_modified+asc')));
  const d = got[0];
  assert.equal(d.organisation?.name, 'dinas-kesehatan');
  assert.deepEqual(d.tags, ['kesehatan', 'fasilitas']);
  assert.equal(d.resources[0].format, 'CSV');
  assert.equal(d.resources[0].size, 2049);
  assert.equal(d.modified?.toISOString(), '2024-01-10T04:00:00.000Z');
  assert.equal(d.originalUrl, `${srv.url}/dataset/jumlah-puskesmas`);
});

test('CKAN gather is incremental with fq=metadata_modified:[since TO *]', async () => {
  srv.log.length = 0;
  const got = await all(ckanGather(srv.url, { rows: 10, since: new Date('2024-03-20T06:45:00Z') }, http));
  assert.deepEqual(got.map((d) => d.name), ['cakupan-imunisasi', 'tenaga-kesehatan', 'kasus-dbd']);
  assert.equal(new URL(srv.log[0], 'http://x').searchParams.get('fq'), 'metadata_modified:[2024-03-20T06:45:00.000Z TO *]');
});

test('all ids lists every live dataset (removals are what is missing)', async () => {
  const ids = await ckanAllIds(srv.url, http);
  assert.equal(ids.size, 5);
  srv.packages[4].state = 'deleted';
  assert.equal((await ckanAllIds(srv.url, http)).size, 4);
  srv.packages[4].state = 'active';
});

test('malformed JSON is retried with back-off, then reported as malformed', async () => {
  sleeps.length = 0;
  srv.breaks.push({ match: 'package_search', mode: 'malformed', times: 1 });
  const got = await all(ckanGather(srv.url, { rows: 10 }, http));
  assert.equal(got.length, 5, 'recovered after one malformed answer');
  assert.deepEqual(sleeps, [10]);
  srv.breaks.push({ match: 'package_search', mode: 'malformed', times: 10 });
  await assert.rejects(all(ckanGather(srv.url, { rows: 10 }, http)), (e: any) => e instanceof HarvestFetchError && e.kind === 'malformed');
  srv.breaks.length = 0;
});

test('5xx answers are retried with exponential back-off; timeouts are reported', async () => {
  sleeps.length = 0;
  srv.breaks.push({ match: 'package_list', mode: 'error500', times: 2 });
  const names = await ckanAction<string[]>(srv.url, 'package_list', {}, http);
  assert.equal(names.length, 5);
  assert.deepEqual(sleeps, [10, 20]);
  srv.breaks.push({ match: 'package_list', mode: 'slow', times: 5 });
  const attempts: string[] = [];
  await assert.rejects(ckanAction(srv.url, 'package_list', {}, { ...http, onAttempt: (a) => attempts.push(a.error?.kind ?? 'ok') }), (e: any) => e.kind === 'timeout');
  assert.deepEqual(attempts, ['timeout', 'timeout', 'timeout']);
  srv.breaks.length = 0;
});

test('a page that is HTML instead of JSON is malformed; CKAN errors are ckan errors', async () => {
  srv.breaks.push({ match: 'package_show', mode: 'html', times: 10 });
  await assert.rejects(ckanAction(srv.url, 'package_show', { id: 'x' }, { ...http, retries: 0 }), (e: any) => e.kind === 'malformed');
  srv.breaks.length = 0;
  await assert.rejects(ckanAction(srv.url, 'package_show', { id: 'missing' }, http), (e: any) => e.kind === 'ckan' && /Not Found Error/.test(e.message));
  await assert.rejects(fetchText('http://127.0.0.1:1/x', { ...http, retries: 0 }), (e: any) => e.kind === 'network');
});

test('DCAT gather follows hydra:nextPage (literal) and reads datasets and distributions', async () => {
  const got = await dcatGather(`${srv.url}/catalog.ttl`, http);
  assert.equal(got.length, 3);
  const p = got.find((d) => d.title === 'Jumlah Penduduk per Kecamatan')!;
  assert.equal(p.organisation?.title, 'Dinas Kependudukan dan Pencatatan Sipil Kota Bima');
  assert.equal(p.temporalStart, '2023-01-01');
  assert.equal(p.resources[0].url, 'https://satudata.bimakota.go.id/files/penduduk-2023.csv');
  assert.equal(p.resources[0].size, 5120);
  assert.equal(p.licenceId, 'CC-BY-4.0');
  srv.dcatPages['2'] = '@prefix broken';
  await assert.rejects(dcatGather(`${srv.url}/catalog.ttl`, http), (e: any) => e.kind === 'malformed');
});

test('include/exclude filters by organisation and tag', () => {
  const d = { organisation: { name: 'Dinas-Kesehatan', title: '' }, tags: ['kesehatan', 'bayi'] } as HarvestedDataset;
  assert.equal(passesFilters(d, {}), true);
  assert.equal(passesFilters(d, { includeOrganisations: ['dinas-kesehatan'] }), true);
  assert.equal(passesFilters(d, { includeOrganisations: ['bappeda'] }), false);
  assert.equal(passesFilters(d, { excludeTags: ['BAYI'] }), false);
  assert.equal(passesFilters(d, { includeTags: ['sdm', 'kesehatan'] }), true);
});

test('private, loopback and metadata addresses are refused unless allowed (SSRF)', async () => {
  for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) assert.equal(isPrivateAddress(ip), true, ip);
  for (const ip of ['8.8.8.8', '103.10.20.30', '2001:4860:4860::8888']) assert.equal(isPrivateAddress(ip), false, ip);
  srv.log.length = 0;
  await assert.rejects(fetchText(`${srv.url}/api/3/action/package_list`, { ...http, allowPrivate: false }), (e: any) => e.kind === 'network' && /private address/.test(e.message));
  await assert.rejects(fetchText('http://169.254.169.254/latest/meta-data/', { ...http, allowPrivate: false }), /private address/);
  await assert.rejects(fetchText('file:///etc/passwd', { ...http, allowPrivate: false }), /protocol/);
  assert.equal(srv.log.length, 0, 'no request reached the server');
});
