import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

let p: TestPlatform;
before(async () => { p = await startTestPlatform(); });
after(async () => { await p?.close(); });

test('home page is Indonesian by default with live figures', async () => {
  const res = await p.anon().get('/');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<html lang="id">/);
  assert.match(res.body, /Pemerintahan terbuka Nusa Tenggara Barat/);
  assert.match(res.body, /<span class="figure-value">10<\/span><span class="figure-label">kabupaten\/kota/);
});

test('?lang=en switches to English and is remembered', async () => {
  const a = p.anon();
  const en = await a.get('/?lang=en');
  assert.match(en.body, /<html lang="en">/);
  assert.match(en.body, /Open government in West Nusa Tenggara/);
  const again = await a.get('/tentang');
  assert.match(again.body, /<html lang="en">/);
});

test('unknown path: 404 page in the user language; JSON for the API', async () => {
  const page = await p.anon().get('/tidak-ada');
  assert.equal(page.statusCode, 404);
  assert.match(page.body, /Halaman tidak ditemukan/);
  const api = await p.anon().request({ method: 'GET', url: '/api/v1/tidak-ada', headers: { accept: 'application/json' } });
  assert.equal(api.statusCode, 404);
  assert.equal(api.json().error.code, 'not_found');
});

test('healthz, readyz, metrics, request id', async () => {
  const h = await p.anon().get('/healthz');
  assert.equal(h.statusCode, 200);
  assert.ok(h.headers['x-request-id']);
  const r = await p.anon().get('/readyz');
  assert.equal(r.statusCode, 200);
  assert.equal(r.json().status, 'ready');
  const m = await p.anon().get('/metrics');
  assert.match(m.body, /http_request_duration_seconds/);
});

test('OpenAPI document lists the endpoints', async () => {
  const res = await p.anon().get('/api/docs/json');
  assert.equal(res.statusCode, 200);
  const doc = res.json();
  assert.equal(doc.openapi, '3.1.0');
  assert.ok(doc.paths['/api/v1/health']);
  assert.ok(doc.paths['/api/v1/organisations']);
  const ui = await p.anon().get('/api/docs/');
  assert.equal(ui.statusCode, 200);
});

test('security headers: CSP without unsafe-inline, frame-ancestors none', async () => {
  const res = await p.anon().get('/');
  const csp = String(res.headers['content-security-policy']);
  assert.match(csp, /default-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
});

test('organisation registry and regions are seeded', async () => {
  const orgs = (await p.anon().get('/api/v1/organisations')).json().data;
  const slugs = orgs.map((o: any) => o.slug);
  for (const s of ['diskominfotik', 'inspektorat', 'biro-organisasi', 'bappeda', 'bps-ntb', 'kota-bima', 'somasi-ntb', 'pwyp-indonesia', 'rsj-mutiara-sukma']) assert.ok(slugs.includes(s), s);
  assert.equal(orgs.filter((o: any) => o.type === 'pemda').length, 10);
  assert.equal(orgs.filter((o: any) => o.type === 'dinas' || o.type === 'rumah_sakit' || o.type === 'satpol').length, 27);
  assert.equal(orgs.filter((o: any) => o.type === 'badan').length, 8);
  const regions = (await p.anon().get('/api/v1/regions')).json().data;
  const sumbawa = regions.find((r: any) => r.code === '52.04');
  assert.deepEqual([sumbawa.kecamatanCount, sumbawa.desaCount, sumbawa.areaKm2], [24, 166, 6643.98]);
  assert.equal(regions.find((r: any) => r.code === '52.72').name, 'Kota Bima');
});

test('metrics cover routes of every plugin, not only the system routes', async () => {
  await p.anon().get('/masuk');
  const m = await p.anon().get('/metrics');
  assert.match(m.body, /http_request_duration_seconds_count\{method="GET",route="\/masuk",status="200"\}/);
});
