import { MODULES } from '../../../src/app.ts';
import { careModule } from '../../../src/modules/care/index.ts';
if (!MODULES.includes(careModule)) MODULES.push(careModule);
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';

let p: TestPlatform;
let apiKey = '';
before(async () => {
  p = await startTestPlatform();
  const u = await p.createUser([{ org: 'ntb-terbuka', role: 'complaint_admin' }]);
  apiKey = await p.apiToken(u.id);
});
after(async () => { await p?.close(); });

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (path: string, fields: Record<string, string>) =>
  p.app.inject({ method: 'POST', url: `/open311/v2/${path}`, payload: form(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

test('discovery and services in JSON and XML', async () => {
  const d = await p.app.inject({ url: '/open311/v2/discovery.json' });
  assert.equal(d.statusCode, 200);
  assert.equal(JSON.parse(d.body).endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2');
  const s = await p.app.inject({ url: '/open311/v2/services.xml' });
  assert.match(String(s.headers['content-type']), /text\/xml/);
  assert.match(s.body, /<services><service><service_code>jalan-jembatan<\/service_code>/);
  const def = await p.app.inject({ url: '/open311/v2/services/bantuan-sosial.json' });
  assert.equal(JSON.parse(def.body).attributes[0].code, 'jenis_bantuan');
  const missing = await p.app.inject({ url: '/open311/v2/services/tidak-ada.xml' });
  assert.equal(missing.statusCode, 404);
  assert.match(missing.body, /<errors><error><code>404<\/code>/);
});

test('POST requests without api_key → 403 in the spec error format', async () => {
  const r = await post('requests.json', { service_code: 'jalan-jembatan', lat: '-8.58', long: '116.11', description: 'x', email: 'a@example.test' });
  assert.equal(r.statusCode, 403);
  const body = JSON.parse(r.body);
  assert.equal(body[0].code, 403);
  assert.ok(body[0].description);
});

test('POST requests as FixMyStreet sends it, then GET it back by id, list and updates', async () => {
  const r = await post('requests.xml', {
    api_key: apiKey, jurisdiction_id: 'ntbprov.go.id', service_code: 'bantuan-sosial', lat: '-8.5833', long: '116.1167',
    address_string: 'Jl. Pejanggik, Mataram', email: 'fms.user@example.test', first_name: 'Warga', last_name: 'FMS', phone: '081234567890',
    description: 'Bantuan belum diterima. Sudah tiga bulan.', 'attribute[jenis_bantuan]': 'pkh', media_url: 'https://example.test/foto.jpg',
  });
  assert.equal(r.statusCode, 201, r.body);
  const id = /<service_request_id>([^<]+)<\/service_request_id>/.exec(r.body)![1]!;
  assert.match(id, /^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  // not public until verified
  assert.equal((await p.app.inject({ url: `/open311/v2/requests/${id}.json` })).statusCode, 404);
  const { rows } = await p.ctx.pool.query('SELECT id, channel, attributes FROM care_reports WHERE tracking_code = $1', [id]);
  assert.equal(rows[0].channel, 'open311');
  assert.equal(rows[0].attributes.jenis_bantuan, 'pkh');
  const admin = await p.loginAs([{ org: 'diskominfotik', role: 'complaint_admin' }]);
  await admin.postForm(`/pengaduan/staf/${rows[0].id}/tindakan`, { action: 'verifikasi' });
  const one = await p.app.inject({ url: `/open311/v2/requests/${id}.json` });
  assert.equal(one.statusCode, 200);
  const req = JSON.parse(one.body)[0];
  assert.equal(req.service_request_id, id);
  assert.equal(req.status, 'open');
  assert.equal(req.service_code, 'bantuan-sosial');
  assert.equal(req.lat, -8.5833);
  assert.match(req.requested_datetime, /\+08:00$/);
  const list = await p.app.inject({ url: `/open311/v2/requests.json?service_code=bantuan-sosial&status=open` });
  assert.ok(JSON.parse(list.body).some((x: any) => x.service_request_id === id));
  const byId = await p.app.inject({ url: `/open311/v2/requests.xml?service_request_id=${id}` });
  assert.match(byId.body, new RegExp(`<service_request_id>${id}</service_request_id>`));
  const tooLong = await p.app.inject({ url: '/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z' });
  assert.equal(tooLong.statusCode, 400);
  const updates = await p.app.inject({ url: '/open311/v2/servicerequestupdates.xml' });
  assert.match(updates.body, /<status>investigating<\/status>/);
  const tok = await p.app.inject({ url: `/open311/v2/tokens/${id}.json` });
  assert.equal(JSON.parse(tok.body)[0].service_request_id, id);
  const upd = await post('servicerequestupdates.xml', { api_key: apiKey, service_request_id: id, update_id: '77', status: 'OPEN', description: 'Masih belum', updated_datetime: '2026-11-23T10:00:00+08:00' });
  assert.equal(upd.statusCode, 200);
  assert.match(upd.body, /<request_update><update_id>\d+<\/update_id><\/request_update>/);
});

test('POST requests with a bad service_code or no location → 400 with descriptions', async () => {
  const a = await post('requests.json', { api_key: apiKey, service_code: 'tidak-ada', lat: '-8.5', long: '116.1', description: 'x', email: 'a@example.test' });
  assert.equal(a.statusCode, 400);
  assert.match(JSON.parse(a.body)[0].description, /service_code/);
  const b = await post('requests.json', { api_key: apiKey, service_code: 'jalan-jembatan', description: 'x', email: 'a@example.test' });
  assert.equal(b.statusCode, 400);
  assert.equal(JSON.parse(b.body)[0].code, 400);
});
