import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { TestAgent } from '../helpers/agent.ts';

let p: TestPlatform;
before(async () => { p = await startTestPlatform(); });
after(async () => { await p?.close(); });

test('login with the right password opens a session; HttpOnly SameSite=Lax cookie', async () => {
  const u = await p.createUser([{ org: 'diskominfotik', role: 'walidata' }]);
  const a = p.anon();
  await a.get('/masuk');
  const res = await a.postForm('/masuk', { email: u.email.toUpperCase(), password: u.password, next: '/akun' });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/akun');
  const setCookie = String(res.headers['set-cookie']);
  assert.match(setCookie, /ntb_sid=[^;]+;.*HttpOnly/i);
  assert.match(setCookie, /SameSite=Lax/i);
  const account = await a.get('/akun');
  assert.equal(account.statusCode, 200);
  assert.match(account.body, /Walidata/);
});

test('wrong password: clear Indonesian message, no session', async () => {
  const u = await p.createUser([]);
  const a = p.anon();
  await a.get('/masuk');
  const res = await a.postForm('/masuk', { email: u.email, password: 'salah-sekali' });
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /E-mail atau kata sandi salah\./);
  assert.equal((await a.get('/akun')).statusCode, 303); // redirected to the login page
});

test('repeated failures are throttled (429) even with the right password afterwards', async () => {
  const u = await p.createUser([]);
  const a = p.anon();
  await a.get('/masuk');
  for (let i = 0; i < 5; i++) assert.equal((await a.postForm('/masuk', { email: u.email, password: `salah-${i}` })).statusCode, 422);
  const blocked = await a.postForm('/masuk', { email: u.email, password: u.password });
  assert.equal(blocked.statusCode, 429);
  assert.match(blocked.body, /Terlalu banyak percobaan masuk yang gagal/);
  assert.ok(Number(blocked.headers['retry-after']) > 0);
});

test('forms without a valid CSRF token are refused', async () => {
  const u = await p.createUser([]);
  const a = p.anon();
  await a.get('/masuk');
  const res = await a.request({ method: 'POST', url: '/masuk', payload: `email=${encodeURIComponent(u.email)}&password=${u.password}&_csrf=forged`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.statusCode, 403);
  assert.match(res.body, /Formulir kedaluwarsa/);
  const logged = await p.loginAs([{ org: 'ntb-terbuka', role: 'admin' }]);
  const noToken = await logged.request({ method: 'POST', url: '/akun/token', payload: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(noToken.statusCode, 403);
});

test('the CSRF cookie is made for pages, not for API calls; a form posted without it is refused', async () => {
  const api = await p.app.inject({ method: 'GET', url: '/api/v1/health' });
  assert.equal(api.statusCode, 200);
  assert.equal(api.headers['set-cookie'], undefined, 'an API call gets no cookie');
  const page = await p.app.inject({ method: 'GET', url: '/masuk' });
  assert.match(String(page.headers['set-cookie'] ?? ''), /csrf/i, 'a page with a form sets the CSRF cookie');
  // a form post from a visitor without the cookie cannot carry a valid token
  const u = await p.createUser([]);
  const blind = await p.app.inject({ method: 'POST', url: '/masuk', payload: `email=${encodeURIComponent(u.email)}&password=${u.password}&_csrf=x`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(blind.statusCode, 403);
});

test('logout ends the session server-side', async () => {
  const a = await p.loginAs([]);
  const cookie = a.cookies.get('ntb_sid');
  assert.ok(cookie);
  assert.equal((await a.postForm('/keluar', {})).statusCode, 303);
  const replay = new TestAgent(p.app);
  replay.cookies.set('ntb_sid', cookie!);
  assert.equal((await replay.get('/akun')).statusCode, 303);
});

test('password reset by e-mailed token; the token works once', async () => {
  const u = await p.createUser([]);
  const a = p.anon();
  await a.get('/lupa-sandi');
  assert.equal((await a.postForm('/lupa-sandi', { email: u.email })).statusCode, 303);
  assert.equal((await a.postForm('/lupa-sandi', { email: 'tidak-ada@test.example' })).statusCode, 303); // same answer
  await p.ctx.mailer.flush(p.ctx.pool);
  const outbox = path.join(p.dataDir, 'outbox');
  const mail = fs.readdirSync(outbox).map((f) => fs.readFileSync(path.join(outbox, f), 'utf8')).find((m) => m.includes(`To: ${u.email}`));
  assert.ok(mail, 'reset mail written to the outbox');
  const token = /atur-sandi\?token=([\w-]+)/.exec(mail!)![1];
  const short = await a.postForm('/atur-sandi', { token, password: 'pendek', confirm: 'pendek' });
  assert.equal(short.statusCode, 422);
  assert.match(short.body, /Paling sedikit 10 karakter/);
  const ok = await a.postForm('/atur-sandi', { token, password: 'sandi-baru-yang-panjang', confirm: 'sandi-baru-yang-panjang' });
  assert.equal(ok.statusCode, 303);
  assert.equal((await a.postForm('/atur-sandi', { token, password: 'sandi-baru-lagi-123', confirm: 'sandi-baru-lagi-123' })).statusCode, 422);
  const b = p.anon();
  await b.login(u.email, 'sandi-baru-yang-panjang');
});

test('personal API token: shown once, stored hashed, accepted as Bearer, revocable', async () => {
  const a = await p.loginAs([{ org: 'diskominfotik', role: 'walidata' }]);
  const res = await a.postForm('/akun/token', { name: 'skrip harian' });
  assert.equal(res.statusCode, 200);
  const token = /<code class="token">(ntb_[\w-]+)<\/code>/.exec(res.body)![1];
  const stored = await p.ctx.pool.query('SELECT token_hash FROM api_tokens WHERE user_id = $1', [a.userId]);
  assert.notEqual(stored.rows[0].token_hash, token);
  assert.doesNotMatch((await a.get('/akun')).body, new RegExp(token));
  const me = await p.anon().request({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  assert.equal(me.statusCode, 200);
  assert.equal(me.json().memberships[0].role, 'walidata');
  const id = (await p.ctx.pool.query('SELECT id FROM api_tokens WHERE user_id = $1', [a.userId])).rows[0].id;
  assert.equal((await a.postForm(`/akun/token/${id}/cabut`, {})).statusCode, 303);
  const after = await p.anon().request({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  assert.equal(after.statusCode, 401);
  assert.equal(after.json().error.code, 'unauthenticated');
});

test('admin manages users and roles; every change is audited; non-admins get 403', async () => {
  const admin = await p.loginAs([{ org: 'ntb-terbuka', role: 'admin' }]);
  const orgId = (await p.ctx.pool.query(`SELECT id FROM organisations WHERE slug = 'inspektorat'`)).rows[0].id;
  const created = await admin.postForm('/admin/pengguna', { name: 'Inspektur Pembantu', email: 'irban@test.example', password: 'panjang-sekali-123', organisationId: orgId, role: 'inspektorat' });
  assert.equal(created.statusCode, 303);
  const dup = await admin.postForm('/admin/pengguna', { name: 'Lagi', email: 'IRBAN@test.example', password: 'panjang-sekali-123' });
  assert.equal(dup.statusCode, 422);
  assert.match(dup.body, /sudah dipakai/);
  const userId = created.headers.location!.split('/').pop()!;
  const page = await admin.get(`/admin/pengguna/${userId}`);
  assert.match(page.body, /Inspektorat Provinsi NTB/);
  const audit = await p.ctx.pool.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [userId]);
  assert.deepEqual(audit.rows.map((r) => r.action), ['user.create', 'membership.add']);
  const auditPage = await admin.get('/admin/audit?action=membership');
  assert.match(auditPage.body, /membership\.add/);
  const other = await p.loginAs([{ org: 'diskominfotik', role: 'walidata' }]);
  assert.equal((await other.get('/admin/pengguna')).statusCode, 403);
  const irban = p.anon();
  await irban.login('irban@test.example', 'panjang-sekali-123');
  assert.equal((await irban.get('/admin/audit')).statusCode, 200);
  assert.equal((await irban.get('/admin/pengguna')).statusCode, 403);
});

test('first-admin setup link works once', async () => {
  const { createSetupToken } = await import('../../src/core/auth/users.service.ts');
  const token = await createSetupToken(p.ctx.pool);
  const a = p.anon();
  assert.equal((await a.get(`/admin/setup?token=${token}`)).statusCode, 200);
  assert.equal((await a.postForm('/admin/setup', { token, name: 'Admin Pertama', email: 'pertama@test.example', password: 'sangat-rahasia-1' })).statusCode, 303);
  assert.equal((await a.get(`/admin/setup?token=${token}`)).statusCode, 404);
  const b = p.anon();
  await b.login('pertama@test.example', 'sangat-rahasia-1');
  assert.equal((await b.get('/admin/pengguna')).statusCode, 200);
});

test('API token accepted in the X-CKAN-API-Key header and as a bare Authorization value (CKAN clients)', async () => {
  const u = await p.createUser([{ org: 'diskominfotik', role: 'walidata' }]);
  const token = await p.apiToken(u.id);
  for (const headers of [{ 'x-ckan-api-key': token }, { authorization: token }] as Array<Record<string, string>>) {
    const me = await p.anon().request({ method: 'GET', url: '/api/v1/me', headers: { ...headers, accept: 'application/json' } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().id, u.id);
  }
});
