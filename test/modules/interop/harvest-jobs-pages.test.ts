/**
 * Harvest through the durable jobs (gather → import on pg-boss), the walidata pages, and a resource upload
 * through resource_create (multipart, as ckanapi sends files).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import './support/platform-setup.ts';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { multipartBody } from '../../helpers/agent.ts';
import { startFixtureServer, type FixtureServer } from './support/fixture-server.ts';
import * as repo from '../../../src/modules/interop/harvest.repo.ts';
import { allowPrivateHarvestHosts } from '../../../src/modules/interop/harvest-client.ts';

allowPrivateHarvestHosts(true); // the fixture portal and the second instance listen on 127.0.0.1

let p: TestPlatform;
let srv: FixtureServer;
before(async () => { [p, srv] = await Promise.all([startTestPlatform({ startJobs: true }), startFixtureServer()]); });
after(async () => { await Promise.all([p?.close(), srv?.close()]); });

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('walidata creates a source with the form, runs it, and the jobs gather and import', async () => {
  const wali = await p.loginAs([{ org: 'diskominfotik', role: 'walidata' }]);
  const anonList = await p.anon().get('/data/panen');
  assert.equal(anonList.statusCode, 303, 'pages need a login');
  const producer = await p.loginAs([{ org: 'bappeda', role: 'produsen_data' }]);
  assert.equal((await producer.get('/data/panen')).statusCode, 403);
  const form = await wali.get('/data/panen/baru');
  assert.equal(form.statusCode, 200);
  const org = (await p.ctx.pool.query(`SELECT id FROM organisations WHERE slug = 'kab-lombok-barat'`)).rows[0].id;
  const bad = await wali.postForm('/data/panen/baru', { title: '', kind: 'ckan', url: 'ftp://x', organisationId: org, schedule: 'daily' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /error-message/);
  const created = await wali.postForm('/data/panen/baru', { title: 'Portal Lombok Barat', kind: 'ckan', url: srv.url, organisationId: org, schedule: 'manual', excludeTags: 'bayi', active: 'true' });
  assert.equal(created.statusCode, 303);
  const id = String(created.headers.location).split('/').pop()!;
  const run = await wali.postForm(`/data/panen/${id}/jalankan`, {});
  assert.equal(run.statusCode, 303);
  const done = await waitFor(async () => (await repo.listRuns(p.ctx.pool, id)).find((r) => r.status === 'ok'));
  assert.equal(done.created, 4, 'the dataset tagged "bayi" is excluded by the filter');
  assert.equal(done.skipped, 1);
  const page = await wali.get(`/data/panen/${id}`);
  assert.match(page.body, /Berhasil/);
  const list = await wali.get('/data/panen');
  assert.match(list.body, /Portal Lombok Barat/);
  const edit = await wali.postForm(`/data/panen/${id}/ubah`, { title: 'Portal Lombok Barat (ubah)', kind: 'ckan', url: srv.url, organisationId: org, schedule: 'weekly', active: 'true' });
  assert.equal(edit.statusCode, 303);
  assert.equal((await repo.findSource(p.ctx.pool, id))!.schedule, 'weekly');
});

test('a slow source does not block another: each source is its own job', async () => {
  const slowSrv = await startFixtureServer({ slowMs: 8000 });
  try {
    slowSrv.breaks.push({ match: 'package_search', mode: 'slow', times: 100 });
    const org = (await p.ctx.pool.query(`SELECT id FROM organisations WHERE slug = 'kota-mataram'`)).rows[0].id;
    const mk = async (title: string, url: string) => (await p.ctx.pool.query(
      `INSERT INTO interop_harvest_sources (title, kind, url, organisation_id, schedule) VALUES ($1, 'ckan', $2, $3, 'manual') RETURNING id`, [title, url, org])).rows[0].id as string;
    const slowId = await mk('Lambat', slowSrv.url);
    const fastId = await mk('Cepat', srv.url);
    const { queueHarvest } = await import('../../../src/modules/interop/harvest.service.ts');
    await queueHarvest(p.ctx, null, slowId);
    await queueHarvest(p.ctx, null, fastId);
    const done = await waitFor(async () => (await repo.listRuns(p.ctx.pool, fastId)).find((r) => r.status === 'ok'), 20_000);
    assert.ok(done);
    const slowRuns = await repo.listRuns(p.ctx.pool, slowId);
    assert.ok(slowRuns.length === 0 || slowRuns.every((r) => r.status === 'gathering'), 'the slow source is still gathering while the other finished');
  } finally {
    await slowSrv.close();
  }
});

test('resource_create with a multipart upload adds a file resource to the draft', async () => {
  const producer = await p.createUser([{ org: 'bps-ntb', role: 'produsen_data' }]);
  const token = await p.apiToken(producer.id);
  const c = await p.app.inject({ method: 'POST', url: '/api/3/action/package_create', payload: JSON.stringify({ name: 'unggah-api', title: 'Unggah API', owner_org: 'bps-ntb', groups: [{ name: 'sosial' }] }), headers: { 'content-type': 'application/json', authorization: token } });
  assert.equal(c.statusCode, 200, c.body);
  const mp = multipartBody({ package_id: 'unggah-api', name: 'Tabel unggahan' }, [{ field: 'upload', filename: 'tabel.csv', content: Buffer.from('kecamatan,jumlah\nAmpenan,1\nMataram,2\n'), contentType: 'text/csv' }]);
  const r = await p.app.inject({ method: 'POST', url: '/api/action/resource_create', payload: mp.payload, headers: { ...mp.headers, authorization: token } });
  assert.equal(r.statusCode, 200, r.body);
  const res = r.json().result;
  assert.equal(res.name, 'Tabel unggahan');
  assert.equal(res.format, 'CSV');
  assert.equal(res.url_type, 'upload');
  const show = await p.app.inject({ method: 'POST', url: '/api/3/action/package_show', payload: JSON.stringify({ id: 'unggah-api' }), headers: { 'content-type': 'application/json', authorization: token } });
  assert.equal(show.json().result.num_resources, 1);
});
