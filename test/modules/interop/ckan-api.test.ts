/**
 * Contract tests: requests replayed exactly as ckanapi (RemoteCKAN.call_action) sends them — POST
 * /api/action/<name> with a JSON body, Authorization: <token> — and answers compared with recorded CKAN
 * 2.10 answers (fixtures) for envelope, keys and types.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { publish, type Published } from './support/platform-setup.ts';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { fixtureJson } from './support/fixture-server.ts';

let p: TestPlatform;
const pub: Published[] = [];

before(async () => {
  p = await startTestPlatform();
  pub.push(await publish(p.ctx, 1, { tags: ['penduduk', 'kesehatan'] }));
  pub.push(await publish(p.ctx, 2, { org: 'bappeda', sector: 'ekonomi', topic: 'Perdagangan', tags: ['ekonomi'] }));
  pub.push(await publish(p.ctx, 3, { title: 'Angka Partisipasi Sekolah', tags: ['pendidikan'] }));
});
after(async () => { await p?.close(); });

async function ckan(action: string, body?: Record<string, unknown>, opts: { token?: string; method?: 'GET' | 'POST'; raw?: string; prefix?: string } = {}) {
  const method = opts.method ?? 'POST';
  const url = `${opts.prefix ?? '/api/action'}/${action}${method === 'GET' && body ? '?' + new URLSearchParams(body as Record<string, string>).toString() : ''}`;
  const res = await p.app.inject({
    method, url,
    payload: method === 'POST' ? (opts.raw ?? JSON.stringify(body ?? {})) : undefined,
    headers: { ...(method === 'POST' ? { 'content-type': 'application/json' } : {}), 'user-agent': 'ckanapi/4.11 (+https://github.com/ckan/ckanapi)', ...(opts.token ? { authorization: opts.token, 'x-ckan-api-key': opts.token } : {}) },
  });
  return { status: res.statusCode, body: res.json() as any, headers: res.headers };
}
const keys = (o: object) => Object.keys(o).sort();

test('package_search (POST JSON body) has the envelope, result and package shape of CKAN 2.10', async () => {
  const rec = fixtureJson('ckan210-package_search_facets.json');
  const r = await ckan('package_search', { q: '', rows: 2, start: 0, 'facet.field': ['organization', 'tags', 'res_format'], 'facet.limit': 10 });
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'] as string, /application\/json/);
  assert.deepEqual(keys(r.body), keys(rec));
  assert.equal(r.body.success, true);
  assert.equal(r.body.help, 'http://127.0.0.1/api/3/action/help_show?name=package_search');
  assert.deepEqual(keys(r.body.result), keys(rec.result));
  assert.equal(r.body.result.count, 3);
  assert.equal(r.body.result.results.length, 2);
  const ours = r.body.result.results[0], theirs = rec.result.results[0];
  assert.deepEqual(keys(ours), keys(theirs));
  for (const k of Object.keys(theirs)) if (theirs[k] !== null && ours[k] !== null) assert.equal(typeof ours[k], typeof theirs[k], k);
  assert.deepEqual(keys(ours.organization), keys(theirs.organization));
  assert.deepEqual(keys(ours.resources[0]), keys(theirs.resources[0]));
  assert.deepEqual(keys(ours.tags[0]), keys(theirs.tags[0]));
  assert.deepEqual(keys(ours.groups[0]), keys(theirs.groups[0]));
  assert.equal(ours.resources[0].datastore_active, true);
  assert.deepEqual(keys(r.body.result.search_facets.organization), keys(rec.result.search_facets.organization));
  assert.deepEqual(keys(r.body.result.search_facets.tags.items[0]), keys(rec.result.search_facets.tags.items[0]));
  assert.equal(r.body.result.facets.organization['bps-ntb'], 2);
  assert.equal(r.body.result.facets.res_format.CSV, 3);
  assert.equal(r.body.result.sort, 'score desc, metadata_modified desc');
});

test('package_list and paging package_search with rows/start reach every dataset once', async () => {
  const plain = await ckan('package_search', { q: 'penduduk' });
  assert.deepEqual(keys(plain.body.result), keys(fixtureJson('ckan210-package_search.json').result));
  assert.deepEqual(plain.body.result.search_facets, {});
  const list = await ckan('package_list', {});
  assert.deepEqual(list.body.result, pub.map((x) => x.slug).sort());
  assert.deepEqual(keys(list.body), keys(fixtureJson('ckan210-package_list.json')));
  const seen: string[] = [];
  for (let start = 0; ; start += 1) {
    const r = await ckan('package_search', { rows: 1, start, sort: 'metadata_created asc' });
    if (!r.body.result.results.length) break;
    assert.equal(r.body.result.count, 3);
    seen.push(r.body.result.results[0].name);
  }
  assert.deepEqual(seen.sort(), pub.map((x) => x.slug).sort());
  const cpl = await ckan('current_package_list_with_resources', { limit: 2 });
  assert.equal(cpl.body.result.length, 2);
  assert.ok(cpl.body.result[0].resources.length);
  const big = await ckan('package_search', { rows: 5000 });
  assert.equal(big.body.result.results.length, 3, 'rows above 1000 are clamped, not refused');
});

test('package_show by name and by id; a missing dataset is CKAN\'s Not Found', async () => {
  const byName = await ckan('package_show', { id: pub[0].slug });
  const byId = await ckan('package_show', { id: pub[0].datasetId }, { method: 'GET', prefix: '/api/3/action' });
  assert.equal(byName.status, 200);
  assert.deepEqual(byName.body.result, byId.body.result);
  assert.equal(byName.body.result.id, pub[0].datasetId);
  assert.equal(byName.body.result.num_resources, 1);
  assert.ok(byName.body.result.extras.some((e: any) => e.key === 'sdi_level' && e.value === 'kecamatan'));
  const missing = await ckan('package_show', { id: 'tidak-ada' });
  assert.equal(missing.status, 404);
  assert.deepEqual(missing.body.error, fixtureJson('ckan210-not_found.json').error);
  const noId = await ckan('package_show', {});
  assert.equal(noId.status, 409);
  assert.deepEqual(noId.body.error, { id: ['Missing value'], __type: 'Validation Error' });
});

test('q and fq: field terms, negation, OR, ranges, sorting', async () => {
  const names = async (d: Record<string, unknown>) => (await ckan('package_search', { rows: 100, ...d })).body.result.results.map((x: any) => x.name).sort();
  assert.deepEqual(await names({ fq: 'organization:bappeda' }), [pub[1].slug]);
  assert.deepEqual(await names({ fq: '-organization:bappeda' }), [pub[0].slug, pub[2].slug].sort());
  assert.deepEqual(await names({ fq: 'tags:pendidikan OR tags:ekonomi' }), [pub[1].slug, pub[2].slug].sort());
  assert.deepEqual(await names({ q: 'tags:kesehatan' }), [pub[0].slug]);
  assert.deepEqual(await names({ fq: 'groups:ekonomi' }), [pub[1].slug]);
  assert.deepEqual(await names({ fq: 'groups:kependudukan' }), [pub[0].slug, pub[2].slug].sort());
  assert.deepEqual(await names({ fq: 'res_format:csv license_id:CC-BY-4.0' }), pub.map((x) => x.slug).sort());
  assert.deepEqual(await names({ fq: 'metadata_modified:[NOW-1DAY TO *]' }), pub.map((x) => x.slug).sort());
  assert.deepEqual(await names({ fq: 'metadata_modified:[* TO 2001-01-01T00:00:00Z]' }), []);
  assert.deepEqual(await names({ q: 'sekolah' }), [pub[2].slug]);
  const sorted = (await ckan('package_search', { sort: 'title_string asc' })).body.result.results.map((x: any) => x.title);
  assert.deepEqual(sorted, [...sorted].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  const bad = await ckan('package_search', { fq: 'password:x' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.__type, 'Search Query Error');
  const badSort = await ckan('package_search', { sort: 'id; drop table users' });
  assert.equal(badSort.status, 400);
  const badRows = await ckan('package_search', { rows: 'many' });
  assert.equal(badRows.status, 409);
  assert.deepEqual(badRows.body.error, { rows: ['Invalid integer'], __type: 'Validation Error' });
});

test('request errors: bad JSON, unknown action, write action by GET', async () => {
  const badJson = await p.app.inject({ method: 'POST', url: '/api/action/package_search', payload: '{"q": ', headers: { 'content-type': 'application/json' } });
  assert.equal(badJson.statusCode, 400);
  assert.match(badJson.json(), /^Bad request - JSON Error/);
  const unknown = await ckan('package_frobnicate', {});
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body, 'Bad request - Action name not known: package_frobnicate');
  const getWrite = await ckan('package_create', { name: 'x' }, { method: 'GET' });
  assert.equal(getWrite.status, 400);
});

test('organizations, groups, tags, licences, status, site_read, help_show', async () => {
  const orgs = await ckan('organization_list', {});
  assert.deepEqual(keys(orgs.body), keys(fixtureJson('ckan210-organization_list.json')));
  assert.ok(orgs.body.result.every((n: unknown) => typeof n === 'string'));
  assert.ok(orgs.body.result.includes('bps-ntb') && orgs.body.result.includes('bappeda'));
  const full = await ckan('organization_list', { all_fields: true, sort: 'package_count desc', limit: 2 });
  assert.equal(full.body.result[0].name, 'bps-ntb');
  assert.equal(full.body.result[0].package_count, 2);
  const rec = fixtureJson('ckan210-organization_show.json').result;
  const show = await ckan('organization_show', { id: 'bps-ntb', include_datasets: true });
  for (const k of Object.keys(rec)) assert.ok(k in show.body.result, `organization_show has ${k}`);
  assert.equal(show.body.result.packages.length, 2);
  assert.equal((await ckan('organization_show', { id: 'nope' })).status, 404);
  assert.deepEqual((await ckan('group_list', {})).body.result, ['ekonomi', 'kependudukan', 'perdagangan', 'sosial']);
  assert.equal((await ckan('group_show', { id: 'sosial' })).body.result.package_count, 2);
  assert.ok((await ckan('tag_list', {})).body.result.includes('pendidikan'));
  assert.ok((await ckan('license_list', {})).body.result.some((l: any) => l.id === 'CC-BY-4.0' && l.od_conformance === 'approved'));
  const st = await ckan('status_show', {}, { method: 'GET' });
  assert.deepEqual(keys(st.body.result), keys(fixtureJson('ckan210-status_show.json').result));
  assert.equal((await ckan('site_read', {}, { method: 'GET' })).body.result, true);
  assert.match((await ckan('help_show', { name: 'package_search' }, { method: 'GET' })).body.result, /facet\.field/);
});

test('resource_show and datastore_search: filters, fields, sort, formats, totals, limits', async () => {
  const pkg = (await ckan('package_show', { id: pub[0].slug })).body.result;
  const rid = pkg.resources[0].id;
  const rs = await ckan('resource_show', { id: rid });
  assert.equal(rs.body.result.package_id, pkg.id);
  const rec = fixtureJson('ckan210-datastore_search.json').result;
  const ds = await ckan('datastore_search', { resource_id: rid, limit: 2 });
  assert.equal(ds.status, 200);
  assert.deepEqual(keys(ds.body.result), keys(rec));
  assert.equal(ds.body.result.total, 3);
  assert.equal(ds.body.result.records.length, 2);
  assert.deepEqual(ds.body.result.fields.map((f: any) => f.id), ['_id', 'kecamatan', 'tahun', 'jumlah']);
  assert.equal(ds.body.result.fields[0].type, 'int');
  assert.equal(ds.body.result._links.next, `/api/action/datastore_search?offset=2&limit=2&resource_id=${rid}`);
  const f = await ckan('datastore_search', { resource_id: rid, filters: { kecamatan: 'Cakranegara' }, fields: ['kecamatan', 'jumlah'] });
  assert.deepEqual(f.body.result.records, [{ kecamatan: 'Cakranegara', jumlah: 2001 }]);
  const fin = await ckan('datastore_search', { resource_id: rid, filters: JSON.stringify({ kecamatan: ['Ampenan', 'Selaparang'] }), sort: 'jumlah desc' }, { method: 'GET' });
  assert.deepEqual(fin.body.result.records.map((r: any) => r.kecamatan), ['Selaparang', 'Ampenan']);
  const lists = await ckan('datastore_search', { resource_id: rid, records_format: 'lists', sort: 'jumlah asc', limit: 1 });
  assert.deepEqual(lists.body.result.records[0].slice(1), ['Ampenan', 2023, 1001]);
  const csv = await ckan('datastore_search', { resource_id: rid, records_format: 'csv', sort: 'jumlah asc', fields: 'kecamatan,jumlah' });
  assert.equal(csv.body.result.records, 'Ampenan,1001\nCakranegara,2001\nSelaparang,3001\n');
  const q = await ckan('datastore_search', { resource_id: rid, q: 'selaparang' });
  assert.equal(q.body.result.total, 1);
  const capped = await ckan('datastore_search', { resource_id: rid, limit: 100000 });
  assert.equal(capped.body.result.limit, 32000);
  const badField = await ckan('datastore_search', { resource_id: rid, filters: { nope: 1 } });
  assert.equal(badField.status, 409);
  assert.equal(badField.body.error.__type, 'Validation Error');
  assert.equal((await ckan('datastore_search', { resource_id: '00000000-0000-4000-8000-000000000000' })).status, 404);
});

test('datastore_search_sql: read-only SELECT over datastore tables only', async () => {
  const rid = (await ckan('package_show', { id: pub[0].slug })).body.result.resources[0].id;
  const ok = await ckan('datastore_search_sql', { sql: `SELECT kecamatan, sum(jumlah) AS total FROM "${rid}" GROUP BY kecamatan ORDER BY total DESC` });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.result.records.length, 3);
  assert.equal(ok.body.result.records[0].kecamatan, 'Selaparang');
  assert.deepEqual(ok.body.result.fields.map((f: any) => f.id), ['kecamatan', 'total']);
  for (const sql of ['SELECT * FROM users', `SELECT * FROM "${rid}" JOIN api_tokens t ON true`, `SELECT pg_sleep(1) FROM "${rid}"`]) {
    const r = await ckan('datastore_search_sql', { sql });
    assert.equal(r.status, 403, sql);
    assert.equal(r.body.error.__type, 'Authorization Error');
  }
  for (const sql of [`DELETE FROM "${rid}"`, `SELECT 1 FROM "${rid}"; DROP TABLE users`]) {
    const r = await ckan('datastore_search_sql', { sql });
    assert.ok([403, 409].includes(r.status), sql);
    assert.equal(r.body.success, false);
  }
  const bad = await ckan('datastore_search_sql', { sql: `SELECT nope FROM "${rid}"` });
  assert.equal(bad.status, 409);
  assert.match(bad.body.error.query[0], /nope/);
});

test('/datastore/dump streams csv, tsv and json with _id first', async () => {
  const rid = (await ckan('package_show', { id: pub[0].slug })).body.result.resources[0].id;
  const csv = await p.app.inject({ url: `/datastore/dump/${rid}` });
  assert.equal(csv.statusCode, 200);
  assert.equal(csv.body.split('\r\n')[0], '_id,kecamatan,tahun,jumlah');
  assert.equal(csv.body.trim().split('\r\n').length, 4);
  const tsv = await p.app.inject({ url: `/datastore/dump/${rid}?format=tsv&limit=1` });
  assert.equal(tsv.body.trim().split('\r\n').length, 2);
  const json = await p.app.inject({ url: `/datastore/dump/${rid}?format=json` });
  const j = json.json();
  assert.equal(j.records.length, 3);
  assert.equal(j.fields[0].id, '_id');
  assert.equal((await p.app.inject({ url: '/datastore/dump/00000000-0000-4000-8000-000000000000' })).statusCode, 404);
});

test('write actions follow the SOP: drafts only, organisation-scoped, nothing published through the API', async () => {
  const producer = await p.createUser([{ org: 'bps-ntb', role: 'produsen_data' }]);
  const token = await p.apiToken(producer.id);
  const anonCreate = await ckan('package_create', { name: 'tanpa-izin', title: 'x', owner_org: 'bps-ntb', groups: [{ name: 'sosial' }] });
  assert.equal(anonCreate.status, 403);
  assert.equal(anonCreate.body.error.__type, 'Authorization Error');
  const noSector = await ckan('package_create', { name: 'tanpa-sektor', title: 'x', owner_org: 'bps-ntb' }, { token });
  assert.equal(noSector.status, 409);
  assert.ok(noSector.body.error.groups);
  const created = await ckan('package_create', {
    name: 'data-api-baru', title: 'Data dari API', notes: 'Dibuat lewat CKAN API', owner_org: 'bps-ntb', license_id: 'cc-by',
    groups: [{ name: 'sosial' }], tags: [{ name: 'api' }], extras: [{ key: 'sdi_frequency', value: 'bulanan' }],
    resources: [{ name: 'Tautan', url: 'https://example.org/data.csv', format: 'CSV' }],
  }, { token });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.equal(created.body.result.state, 'draft');
  assert.equal(created.body.result.license_id, 'CC-BY-4.0');
  assert.equal(created.body.result.num_resources, 1);
  const dup = await ckan('package_create', { name: 'data-api-baru', title: 'y', owner_org: 'bps-ntb', groups: [{ name: 'sosial' }] }, { token });
  assert.deepEqual(dup.body.error, fixtureJson('ckan210-validation_error.json').error);
  assert.equal(dup.status, 409);
  // not public
  assert.equal((await ckan('package_show', { id: 'data-api-baru' })).status, 404);
  assert.equal((await ckan('package_show', { id: 'data-api-baru' }, { token })).body.result.state, 'draft');
  assert.ok(!(await ckan('package_list', {})).body.result.includes('data-api-baru'));
  const priv = await ckan('package_search', { q: 'name:data-api-baru', include_private: true }, { token });
  assert.equal(priv.body.result.count, 1);
  assert.equal(priv.body.result.results[0].state, 'draft');
  assert.equal((await ckan('package_search', { q: 'name:data-api-baru', include_private: true })).body.result.count, 0, 'anonymous: published only');
  assert.equal((await ckan('package_search', { q: 'name:data-api-baru' }, { token })).body.result.count, 0, 'without include_private: published only');
  // other organisation's producer may not create for bps-ntb
  const other = await p.createUser([{ org: 'bappeda', role: 'produsen_data' }]);
  const otherToken = await p.apiToken(other.id);
  assert.equal((await ckan('package_create', { name: 'lain', title: 'x', owner_org: 'bps-ntb', groups: [{ name: 'sosial' }] }, { token: otherToken })).status, 403);
  // patching a published dataset opens a new (draft) revision; the public one is unchanged
  const patched = await ckan('package_patch', { id: pub[0].slug, title: 'Judul Revisi' }, { token });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  assert.equal(patched.body.result.title, 'Judul Revisi');
  assert.equal(patched.body.result.state, 'draft');
  assert.equal((await ckan('package_show', { id: pub[0].slug })).body.result.title, pub[0].title);
  const again = await ckan('package_patch', { id: pub[0].slug, notes: 'Catatan baru' }, { token });
  assert.equal(again.body.result.title, 'Judul Revisi', 'patch keeps other fields of the working revision');
  // resource_create with a URL
  const res = await ckan('resource_create', { package_id: 'data-api-baru', name: 'Tabel kedua', url: 'https://example.org/b.xlsx', format: 'XLSX' }, { token });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.result.format, 'XLSX');
  // package_delete: not for producers; walidata withdraws publication
  assert.equal((await ckan('package_delete', { id: pub[2].slug }, { token })).status, 403);
  const wali = await p.createUser([{ org: 'diskominfotik', role: 'walidata' }]);
  const waliToken = await p.apiToken(wali.id);
  const del = await ckan('package_delete', { id: pub[2].slug }, { token: waliToken });
  assert.equal(del.status, 200, JSON.stringify(del.body));
  assert.equal((await ckan('package_show', { id: pub[2].slug })).status, 404);
  pub.pop();
});
