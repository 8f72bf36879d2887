/**
 * Issue 15.4: ckanapi's create-then-fix sequence, requests shaped as ckanapi 4.11 sends them
 * (RemoteCKAN.call_action: POST /api/action/<name>, a JSON body — or multipart with the file as `upload`
 * — and `Authorization: <token>`): package_create refuses a dataset without `name` as CKAN does; the
 * owner reads and fixes the draft's resources (resource_show / resource_update / resource_patch /
 * resource_delete); package_delete deletes one's own never-published draft and refuses what the SOP
 * keeps. Also issue 15.7: the JSON API applies the defaults its schema declares.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { publish } from './support/platform-setup.ts';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { multipartBody } from '../../helpers/agent.ts';
import { ACTIONS } from '../../../src/modules/interop/ckan-actions.ts';

let p: TestPlatform;
let token = '', otherToken = '';
const UA = 'ckanapi/4.11 (+https://github.com/ckan/ckanapi)';

before(async () => {
  p = await startTestPlatform();
  await publish(p.ctx, 1, { org: 'bps-ntb' });
  token = await p.apiToken((await p.createUser([{ org: 'bps-ntb', role: 'produsen_data' }])).id);
  otherToken = await p.apiToken((await p.createUser([{ org: 'bappeda', role: 'produsen_data' }])).id);
});
after(async () => { await p?.close(); });

async function call(action: string, data: Record<string, unknown> = {}, opts: { token?: string; file?: { name: string; content: Buffer } } = {}) {
  const headers: Record<string, string> = { 'user-agent': UA, ...(opts.token ? { authorization: opts.token } : {}) };
  let payload: string | Buffer = JSON.stringify(data);
  if (opts.file) {
    const mp = multipartBody(Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])), [{ field: 'upload', filename: opts.file.name, content: opts.file.content, contentType: 'text/csv' }]);
    payload = mp.payload;
    Object.assign(headers, mp.headers);
  } else headers['content-type'] = 'application/json';
  const res = await p.app.inject({ method: 'POST', url: `/api/action/${action}`, payload, headers });
  return { status: res.statusCode, body: res.json() as any };
}

const DS = { title: 'Data Perbaikan', owner_org: 'bps-ntb', groups: [{ name: 'sosial' }], notes: 'Dibuat lalu diperbaiki lewat ckanapi.' };

test('package_create without name is CKAN\'s Validation Error (every problem at once); with a name a draft', async () => {
  const noName = await call('package_create', DS, { token });
  assert.equal(noName.status, 409);
  assert.deepEqual(noName.body.error, { name: ['Missing value'], __type: 'Validation Error' });
  const nothing = await call('package_create', {}, { token });
  assert.deepEqual(Object.keys(nothing.body.error).sort(), ['__type', 'groups', 'name', 'owner_org']);
  assert.deepEqual(nothing.body.error.owner_org, ['Missing value']);
  const badName = await call('package_create', { ...DS, name: 'Nama Besar' }, { token });
  assert.match(badName.body.error.name[0], /lowercase alphanumeric/);
  const ok = await call('package_create', { ...DS, name: 'data-perbaikan' }, { token });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.result.name, 'data-perbaikan');
  assert.equal(ok.body.result.state, 'draft');
});

test('the owner shows, updates, patches and deletes the resources of a draft; others get Not Found', async () => {
  const up = await call('resource_create', { package_id: 'data-perbaikan', name: 'Tabel awal' }, { token, file: { name: 'penduduk 2020–2023.csv', content: Buffer.from('kecamatan,jumlah\nAmpenan,10\n') } });
  assert.equal(up.status, 200, JSON.stringify(up.body));
  const rid = up.body.result.id;
  const shown = await call('resource_show', { id: rid }, { token });
  assert.equal(shown.status, 200, JSON.stringify(shown.body));
  assert.equal(shown.body.result.id, rid);
  assert.equal(shown.body.result.name, 'Tabel awal');
  assert.equal((await call('resource_show', { id: rid })).status, 404, 'anonymous');
  assert.equal((await call('resource_show', { id: rid }, { token: otherToken })).status, 404, 'another organisation');
  assert.equal((await call('resource_update', { id: rid, name: 'x' }, { token: otherToken })).status, 404);

  // ckanapi sends back what resource_show gave, changed
  const updated = await call('resource_update', { ...shown.body.result, name: 'Tabel Penduduk', description: 'Per kecamatan' }, { token });
  assert.equal(updated.status, 200, JSON.stringify(updated.body));
  assert.equal(updated.body.result.id, rid);
  assert.equal(updated.body.result.name, 'Tabel Penduduk');
  assert.equal(updated.body.result.description, 'Per kecamatan');
  const patched = await call('resource_patch', { id: rid, format: 'CSV' }, { token });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  assert.equal(patched.body.result.name, 'Tabel Penduduk', 'patch keeps the other fields');
  assert.equal(patched.body.result.description, 'Per kecamatan');
  const cleared = await call('resource_update', { id: rid, name: 'Tabel Penduduk' }, { token });
  assert.equal(cleared.body.result.description, '', 'update resets what it does not send, as CKAN does');

  const link = await call('resource_create', { package_id: 'data-perbaikan', name: 'Tautan', url: 'https://contoh.go.id/a.csv', format: 'CSV' }, { token });
  const lid = link.body.result.id;
  const moved = await call('resource_update', { id: lid, name: 'Tautan', url: 'https://contoh.go.id/b.csv' }, { token });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  assert.equal(moved.body.result.id, lid, 'changed in place');
  assert.equal(moved.body.result.url, 'https://contoh.go.id/b.csv');
  assert.equal(moved.body.result.position, link.body.result.position, 'same position');
  const noUrl = await call('resource_update', { id: lid, name: 'Tautan' }, { token });
  assert.deepEqual(noUrl.body.error, { url: ['Missing value'], __type: 'Validation Error' });
  const badUrl = await call('resource_patch', { id: lid, url: 'javascript:alert(1)' }, { token });
  assert.equal(badUrl.status, 409);
  assert.ok(badUrl.body.error.url);

  assert.equal((await call('resource_delete', { id: lid }, { token: otherToken })).status, 404);
  const del = await call('resource_delete', { id: lid }, { token });
  assert.equal(del.status, 200, JSON.stringify(del.body));
  assert.equal(del.body.result, null);
  const pkg = await call('package_show', { id: 'data-perbaikan' }, { token });
  assert.deepEqual(pkg.body.result.resources.map((r: any) => r.id), [rid]);
  assert.equal((await call('resource_show', { id: lid }, { token })).status, 404);
});

test('package_delete: one\'s own never-published draft is deleted; under review, published or foreign it is refused', async () => {
  assert.equal((await call('package_delete', { id: 'data-perbaikan' }, { token: otherToken })).status, 404, 'a draft of another organisation is not seen');
  const { rows: [before] } = await p.ctx.pool.query(`SELECT d.id, count(x.*)::int AS n FROM data_datasets d JOIN data_revisions r ON r.dataset_id = d.id LEFT JOIN data_resources x ON x.revision_id = r.id WHERE d.slug = 'data-perbaikan' GROUP BY d.id`);
  assert.ok(before.n >= 1);
  const del = await call('package_delete', { id: 'data-perbaikan' }, { token });
  assert.equal(del.status, 200, JSON.stringify(del.body));
  assert.equal(del.body.result, null);
  assert.equal((await call('package_show', { id: 'data-perbaikan' }, { token })).status, 404);
  assert.equal((await p.ctx.pool.query('SELECT count(*)::int AS n FROM data_revisions WHERE dataset_id = $1', [before.id])).rows[0].n, 0);
  const audit = await p.ctx.pool.query(`SELECT 1 FROM audit_log WHERE action = 'data.dataset.delete' AND entity_id = $1`, [before.id]);
  assert.equal(audit.rows.length, 1, 'audited');
  // the name is free again
  assert.equal((await call('package_create', { ...DS, name: 'data-perbaikan' }, { token })).status, 200);

  // under review: withdrawn first
  const rev = (await p.ctx.pool.query(`SELECT r.id FROM data_revisions r JOIN data_datasets d ON d.latest_revision_id = r.id WHERE d.slug = 'data-perbaikan'`)).rows[0].id;
  await p.ctx.pool.query(`UPDATE data_revisions SET state = 'submitted' WHERE id = $1`, [rev]);
  const review = await call('package_delete', { id: 'data-perbaikan' }, { token });
  assert.equal(review.status, 403);
  assert.equal(review.body.error.__type, 'Authorization Error');

  // published: the producer may not delete (403); the SOP's walidata withdraws it
  const published = (await call('package_search', { rows: 1 })).body.result.results[0].name;
  const pub = await call('package_delete', { id: published }, { token });
  assert.equal(pub.status, 403);
  assert.equal(pub.body.error.__type, 'Authorization Error');
  assert.equal((await call('package_show', { id: published })).status, 200, 'still public');
});

test('help_show documents every action the CKAN way', async () => {
  for (const name of Object.keys(ACTIONS)) {
    const r = await p.app.inject({ url: `/api/3/action/help_show?name=${name}` });
    assert.equal(r.statusCode, 200, name);
    const doc: string = r.json().result;
    assert.match(doc, /^[A-Z][^\n]+\n/, `${name}: a summary line`);
    assert.match(doc, /:rtype: /, `${name}: the return type`);
    if (!['site_read', 'status_show', 'license_list'].includes(name)) assert.match(doc, /:param \w[\w.]*: [\s\S]*:type \w/, `${name}: parameters with types`);
  }
  assert.equal((await p.app.inject({ url: '/api/3/action/help_show?name=constructor' })).statusCode, 404);
});

test('POST /api/v1/data/datasets: optional fields take their defaults; problems name real fields', async () => {
  const org = (await p.ctx.pool.query(`SELECT id FROM organisations WHERE slug = 'bps-ntb'`)).rows[0].id;
  const post = (body: unknown) => p.app.inject({ method: 'POST', url: '/api/v1/data/datasets', payload: JSON.stringify(body), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' } });
  const ok = await post({ title: 'Tanpa catatan', sector: 'sosial', licence: 'CC-BY-4.0', frequency: 'tahunan', level: 'provinsi', organisationId: org });
  assert.equal(ok.statusCode, 201, ok.body);
  const rev = (await p.app.inject({ url: `/api/v1/data/revisions/${ok.json().revisionId}`, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } })).json();
  assert.equal(rev.notes ?? rev.revision?.notes ?? '', '');
  const bad = await post({ sector: 'laut', organisationId: org });
  assert.equal(bad.statusCode, 422);
  const fields = bad.json().error.fields.map((f: any) => f.field).sort();
  assert.deepEqual(fields, ['frequency', 'level', 'licence', 'sector', 'title']);
  const arr = await post([1, 2]);
  assert.ok(arr.statusCode === 422 || arr.statusCode === 400, arr.body);
  assert.ok(arr.json().error.fields.every((f: any) => f.field !== '_'), arr.body);
});
