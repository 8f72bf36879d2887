import { MODULES } from '../../../src/app.ts';
import { careModule } from '../../../src/modules/care/index.ts';
if (!MODULES.includes(careModule)) MODULES.push(careModule);
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { multipartBody } from '../../helpers/agent.ts';
import { runSlaTick } from '../../../src/modules/care/care.service.ts';

let p: TestPlatform;
before(async () => { p = await startTestPlatform(); });
after(async () => { await p?.close(); });

const base = {
  type: 'pengaduan', categoryCode: 'jalan-jembatan', title: 'Jalan berlubang', description: 'Lubang besar di depan pasar.',
  regencyCode: '52.71', privacy: 'publik', name: 'Warga Uji', email: 'warga.uji@example.test', phone: '0812 3456 7890',
};

async function fileWeb(fields: Record<string, string>, files: Array<{ field: string; filename: string; content: Buffer; contentType?: string }> = []) {
  const agent = p.anon();
  await agent.get('/pengaduan/baru');
  const body = multipartBody(fields, files);
  const res = await agent.request({ method: 'POST', url: `/pengaduan/baru?_csrf=${encodeURIComponent(agent.csrf)}`, payload: body.payload, headers: body.headers });
  return { agent, res };
}

describe('intake', () => {
  test('web form without JS: creates a report and redirects to the private tracking link', async () => {
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#888' } }).jpeg().withExif({ IFD0: { Make: 'SecretPhone' } }).toBuffer();
    const { agent, res } = await fileWeb({ ...base }, [{ field: 'files', filename: 'foto.jpg', content: photo, contentType: 'image/jpeg' }]);
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const loc = String(res.headers.location);
    assert.match(loc, /^\/pengaduan\/lacak\/[0-9A-Z]{5}-[0-9A-Z]{5}\?k=.+&baru=1$/);
    const page = await agent.get(loc);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Laporan terkirim/);
    const { rows } = await p.ctx.pool.query('SELECT r.state, r.channel, a.public_file_id FROM care_reports r JOIN care_attachments a ON a.report_id = r.id');
    assert.equal(rows[0].state, 'diterima');
    assert.equal(rows[0].channel, 'web');
    assert.ok(rows[0].public_file_id);
  });

  test('a refused report keeps none of its uploads: no file row, no stored object (nor the re-encoded copy)', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const stored = () => (fs.existsSync(path.join(p.dataDir, 'files')) ? fs.readdirSync(path.join(p.dataDir, 'files'), { recursive: true }).filter((f) => /\.\w+$/.test(String(f))).length : 0);
    const count = async () => (await p.ctx.pool.query('SELECT count(*)::int AS n FROM files')).rows[0].n as number;
    const [files0, objects0] = [await count(), stored()];
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#888' } }).jpeg().toBuffer();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    // the photo is stored and re-encoded before the form's own fields are found wrong
    const { res } = await fileWeb({ ...base, categoryCode: 'nope' }, [{ field: 'files', filename: 'foto.jpg', content: photo, contentType: 'image/jpeg' }, { field: 'files', filename: 'surat.pdf', content: pdf, contentType: 'application/pdf' }]);
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Kategori tidak dikenal/);
    assert.equal(await count(), files0);
    assert.equal(stored(), objects0);
  });

  test('missing contact, unknown category: field errors in Indonesian, status 422', async () => {
    const { res } = await fileWeb({ ...base, email: '', phone: '', categoryCode: 'nope' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Kategori tidak dikenal/);
    assert.match(res.body, /Isi e-mail atau nomor telepon/);
  });

  test('a 50 MB upload and a .jpg that is really an executable are refused with clear messages', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 0x90), Buffer.from('PE\0\0'), Buffer.alloc(2000, 1)]);
    const big = Buffer.alloc(50 * 1024 * 1024, 0xff);
    big[0] = 0xff; big[1] = 0xd8; big[2] = 0xff;
    const { res } = await fileWeb({ ...base }, [{ field: 'files', filename: 'foto.jpg', content: exe, contentType: 'image/jpeg' }, { field: 'files', filename: 'besar.jpg', content: big, contentType: 'image/jpeg' }]);
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Berkas “foto.jpg” ditolak/);
    assert.match(res.body, /Berkas “besar.jpg” terlalu besar: paling besar 10 MB/);
    const { rows } = await p.ctx.pool.query(`SELECT count(*)::int AS n FROM care_reports WHERE title = 'Jalan berlubang' AND created_at > now() - interval '1 minute'`);
    assert.equal(rows[0].n, 1); // only the report of the first test
  });

  test('JSON API: the same Idempotency-Key sent 5 times creates one report', async () => {
    const anon = p.anon();
    const key = 'idem-5x-test';
    const send = () => anon.request({ method: 'POST', url: '/api/v1/care/reports', payload: JSON.stringify({ ...base, title: 'Idempoten' }), headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': key } });
    // Retries one after another (as a client retries), then five at once (as a flaky network delivers them).
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await send());
    results.push(...(await Promise.all(Array.from({ length: 5 }, send))));
    for (const r of results) assert.equal(r.statusCode, 201, r.body);
    const codes = new Set(results.map((r) => JSON.parse(r.body).trackingCode));
    assert.equal(codes.size, 1);
    const { rows } = await p.ctx.pool.query(`SELECT count(*)::int AS n FROM care_reports WHERE title = 'Idempoten'`);
    assert.equal(rows[0].n, 1);
    const other = await anon.request({ method: 'POST', url: '/api/v1/care/reports', payload: JSON.stringify({ ...base, title: 'Lain' }), headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': key } });
    assert.equal(other.statusCode, 422);
  });

  test('HTML/script in a description is shown as text', async () => {
    const res = await p.anon().request({ method: 'POST', url: '/api/v1/care/reports', payload: JSON.stringify({ ...base, title: '<b>tebal</b>', description: '<script>alert(1)</script><img src=x onerror=alert(2)>' }), headers: { 'content-type': 'application/json', accept: 'application/json' } });
    assert.equal(res.statusCode, 201);
    const { trackingUrl } = JSON.parse(res.body);
    const page = await p.anon().get(new URL(trackingUrl).pathname + new URL(trackingUrl).search);
    assert.ok(!page.body.includes('<script>alert(1)</script>'));
    assert.ok(page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(page.body.includes('&lt;b&gt;tebal&lt;/b&gt;'));
  });
});

describe('workflow and anonymity', () => {
  test('anonymous report: the liaison never sees the reporter (page and API); the public board shows no personal data', async () => {
    const admin = await p.loginAs([{ org: 'diskominfotik', role: 'complaint_admin' }]);
    const liaison = await p.loginAs([{ org: 'kota-mataram', role: 'complaint_liaison' }]);
    const res = await p.anon().request({ method: 'POST', url: '/api/v1/care/reports', payload: JSON.stringify({ ...base, privacy: 'anonim', name: 'Nama Rahasia Sekali', email: 'anon.rahasia@example.test', phone: '081299998888', description: 'Hubungi saya di 081299998888, NIK 5271012345678901' }), headers: { 'content-type': 'application/json', accept: 'application/json' } });
    const { id, trackingCode } = JSON.parse(res.body);
    const org = (await p.ctx.pool.query(`SELECT id FROM organisations WHERE slug = 'kota-mataram'`)).rows[0].id;
    assert.equal((await admin.postForm(`/pengaduan/staf/${id}/tindakan`, { action: 'verifikasi' })).statusCode, 303);
    assert.equal((await admin.postForm(`/pengaduan/staf/${id}/tindakan`, { action: 'disposisi', organisationId: org })).statusCode, 303);
    const adminPage = await admin.get(`/pengaduan/staf/${id}`);
    assert.match(adminPage.body, /Nama Rahasia Sekali/);
    const page = await liaison.get(`/pengaduan/staf/${id}`);
    assert.equal(page.statusCode, 200);
    const api = await liaison.json('GET', `/api/v1/care/staff/reports/${id}`);
    assert.equal(api.statusCode, 200);
    const list = await liaison.json('GET', '/api/v1/care/staff/reports');
    for (const body of [page.body, api.body, list.body]) {
      for (const secret of ['Nama Rahasia Sekali', 'anon.rahasia@example.test', '081299998888', '+6281299998888', '5271012345678901']) assert.ok(!body.includes(secret), secret);
    }
    assert.equal(JSON.parse(api.body).reporter, null);
    const board = await p.anon().get('/pengaduan');
    assert.ok(board.body.includes(trackingCode));
    for (const secret of ['Nama Rahasia Sekali', '081299998888', '5271012345678901']) assert.ok(!board.body.includes(secret), secret);
    // another organisation's liaison cannot even see it
    const stranger = await p.loginAs([{ org: 'kab-bima', role: 'complaint_liaison' }]);
    assert.equal((await stranger.get(`/pengaduan/staf/${id}`)).statusCode, 404);
    assert.equal((await stranger.json('GET', `/api/v1/care/staff/reports/${id}`)).statusCode, 404);
  });

  test('full cycle: verify, dispatch, follow-up, reporter confirms and rates; audit written', async () => {
    const admin = await p.loginAs([{ org: 'diskominfotik', role: 'complaint_admin' }]);
    const liaison = await p.loginAs([{ org: 'dinas-pupr', role: 'complaint_liaison' }]);
    const res = await p.anon().request({ method: 'POST', url: '/api/v1/care/reports', payload: JSON.stringify({ ...base, regencyCode: undefined, title: 'Siklus penuh' }), headers: { 'content-type': 'application/json', accept: 'application/json' } });
    const { id, trackingUrl } = JSON.parse(res.body);
    const u = new URL(trackingUrl);
    const secret = u.searchParams.get('k')!;
    const suggested = (await p.ctx.pool.query('SELECT o.slug FROM care_reports r JOIN organisations o ON o.id = r.suggested_organisation_id WHERE r.id = $1', [id])).rows[0].slug;
    assert.equal(suggested, 'dinas-pupr'); // no region → the provincial agency
    await admin.postForm(`/pengaduan/staf/${id}/tindakan`, { action: 'verifikasi' });
    await admin.postForm(`/pengaduan/staf/${id}/tindakan`, { action: 'disposisi', organisationId: 'dinas-pupr' });
    const inbox = await liaison.get('/pengaduan/kotak-masuk');
    assert.match(inbox.body, /Siklus penuh/);
    const r1 = await liaison.postForm(`/pengaduan/staf/${id}/tindakan`, { action: 'tindak_lanjut', message: 'Sudah ditambal, hubungi 0370-631234.' });
    assert.equal(r1.statusCode, 303);
    const reporter = p.anon();
    const track = await reporter.get(`${u.pathname}?k=${encodeURIComponent(secret)}`);
    assert.match(track.body, /Sudah ditambal/);
    assert.match(track.body, /Masalah sudah selesai/);
    const publicView = await p.anon().get(u.pathname);
    assert.ok(!publicView.body.includes('0370-631234'));
    assert.ok(!publicView.body.includes('Masalah sudah selesai'));
    const c = await reporter.postForm(`${u.pathname}/tindakan`, { k: secret, action: 'konfirmasi' });
    assert.equal(c.statusCode, 303);
    const r = await reporter.postForm(`${u.pathname}/tindakan`, { k: secret, action: 'beri_nilai', rating: '5', message: 'Cepat' });
    assert.equal(r.statusCode, 303);
    const row = (await p.ctx.pool.query('SELECT state, rating, confirmed_at, first_response_within_sla FROM care_reports WHERE id = $1', [id])).rows[0];
    assert.equal(row.state, 'selesai');
    assert.equal(row.rating, 5);
    assert.ok(row.confirmed_at);
    assert.equal(row.first_response_within_sla, true);
    const audits = (await p.ctx.pool.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id])).rows.map((x) => x.action);
    assert.deepEqual(audits, ['care.report.verifikasi', 'care.report.disposisi', 'care.report.tindak_lanjut', 'care.report.konfirmasi', 'care.report.beri_nilai']);
    const wrong = await p.anon().postForm(`${u.pathname}/tindakan`, { k: 'x'.repeat(43), action: 'keberatan', reason: 'x' });
    assert.equal(wrong.statusCode, 404);
  });

  test('SLA: a report dispatched before Nyepi/Idul Fitri is due on the right day, and an overdue one escalates', async () => {
    const admin = await p.loginAs([{ org: 'diskominfotik', role: 'complaint_admin' }]);
    const head = await p.createUser([{ org: 'dinas-lhk', role: 'kepala_opd' }]);
    const biro = await p.createUser([{ org: 'biro-organisasi', role: 'leader' }]);
    const { createReport, transition } = await import('../../../src/modules/care/care.service.ts');
    const deps = { pool: p.ctx.pool, config: p.ctx.config, files: p.ctx.files };
    const received = new Date('2026-03-16T09:00:00+08:00');
    const created = await createReport(deps, null, { ...base, categoryCode: 'lingkungan-kehutanan', title: 'Sebelum lebaran' }, { channel: 'api', now: received });
    const adminActor = (await import('../../../src/core/auth/users.service.ts'));
    void adminActor;
    const actor = { id: admin.userId, email: admin.email, name: 'Admin', locale: 'id' as const, via: 'session' as const,
      memberships: [{ organisationId: (await p.ctx.pool.query(`SELECT id FROM organisations WHERE slug='diskominfotik'`)).rows[0].id, organisationSlug: 'diskominfotik', organisationName: 'Diskominfotik', role: 'complaint_admin' as const }] };
    await transition(deps, { kind: 'staff', actor }, created.id, { action: 'verifikasi' }, new Date('2026-03-16T10:00:00+08:00'));
    await transition(deps, { kind: 'staff', actor }, created.id, { action: 'disposisi', organisationId: 'dinas-lhk' }, new Date('2026-03-17T14:00:00+08:00'));
    const row = (await p.ctx.pool.query('SELECT sla_stage, sla_due_at FROM care_reports WHERE id = $1', [created.id])).rows[0];
    assert.equal(row.sla_stage, 'tindak_lanjut');
    assert.equal(new Date(row.sla_due_at).toISOString(), new Date('2026-04-01T00:00:00+08:00').toISOString()); // due end of 31 March
    const t1 = await runSlaTick(deps, new Date('2026-04-01T08:00:00+08:00'));
    assert.ok(t1.overdue >= 1, JSON.stringify(t1));
    assert.equal((await p.ctx.pool.query('SELECT sla_level FROM care_reports WHERE id = $1', [created.id])).rows[0].sla_level, 'overdue');
    const headNote = await p.ctx.pool.query(`SELECT title FROM notifications WHERE user_id = $1`, [head.id]);
    assert.ok(headNote.rows.some((n) => /melewati tenggat/.test(n.title)));
    const t2 = await runSlaTick(deps, new Date('2026-04-10T08:00:00+08:00'));
    assert.ok(t2.escalated >= 1, JSON.stringify(t2));
    const biroNote = await p.ctx.pool.query(`SELECT title FROM notifications WHERE user_id = $1`, [biro.id]);
    assert.ok(biroNote.rows.some((n) => /eskalasi/.test(n.title)));
    const again = await runSlaTick(deps, new Date('2026-04-11T08:00:00+08:00'));
    assert.equal(again.escalated, 0);
  });
});

describe('staff policy', () => {
  test('the inspectorate reads reports read-only, without the identity of anonymous reporters; a citizen account sees no inbox', async () => {
    const insp = await p.loginAs([{ org: 'inspektorat', role: 'inspektorat' }]);
    const res = await p.anon().request({ method: 'POST', url: '/api/v1/care/reports', payload: JSON.stringify({ ...base, privacy: 'anonim', name: 'Pelapor Tersembunyi', title: 'Pengawasan' }), headers: { 'content-type': 'application/json', accept: 'application/json' } });
    const { id } = JSON.parse(res.body);
    const page = await insp.get(`/pengaduan/staf/${id}`);
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes('Pelapor Tersembunyi'));
    const act = await insp.postForm(`/pengaduan/staf/${id}/tindakan`, { action: 'verifikasi' });
    assert.equal(act.statusCode, 422); // shown as "not allowed" on the page
    assert.equal((await p.ctx.pool.query('SELECT state FROM care_reports WHERE id = $1', [id])).rows[0].state, 'diterima');
    const citizen = await p.loginAs([{ org: 'somasi-ntb', role: 'cso_member' }]);
    assert.equal((await citizen.get('/pengaduan/kotak-masuk')).statusCode, 403);
    assert.equal((await citizen.get(`/pengaduan/staf/${id}`)).statusCode, 404);
  });
});

describe('category deadlines', () => {
  test('information requests get 10 working days by default; the administrator edits a category deadline per type (audited)', async () => {
    const { createReport, transition, followUpBudget } = await import('../../../src/modules/care/care.service.ts');
    assert.equal(followUpBudget({ followUpWorkingDays: 5, followUpByType: { permintaan_informasi: 10 } }, 'permintaan_informasi'), 10);
    assert.equal(followUpBudget({ followUpWorkingDays: 5, followUpByType: { permintaan_informasi: 10 } }, 'pengaduan'), 5);
    assert.equal(followUpBudget(null, 'pengaduan'), 5);
    const admin = await p.loginAs([{ org: 'diskominfotik', role: 'complaint_admin' }]);
    const deps = { pool: p.ctx.pool, config: p.ctx.config, files: p.ctx.files };
    const actor = { id: admin.userId, email: admin.email, name: 'Admin', locale: 'id' as const, via: 'session' as const,
      memberships: [{ organisationId: (await p.ctx.pool.query(`SELECT id FROM organisations WHERE slug='diskominfotik'`)).rows[0].id, organisationSlug: 'diskominfotik', organisationName: 'Diskominfotik', role: 'complaint_admin' as const }] };
    const at = (s: string) => new Date(`${s}+08:00`);
    const info = await createReport(deps, null, { ...base, type: 'permintaan_informasi', title: 'Minta informasi' }, { channel: 'api', now: at('2026-11-23T09:00:00') });
    await transition(deps, { kind: 'staff', actor }, info.id, { action: 'verifikasi' }, at('2026-11-23T10:00:00'));
    await transition(deps, { kind: 'staff', actor }, info.id, { action: 'disposisi', organisationId: 'kota-mataram' }, at('2026-11-23T11:00:00'));
    const due = (await p.ctx.pool.query('SELECT sla_due_at FROM care_reports WHERE id = $1', [info.id])).rows[0].sla_due_at;
    assert.equal(new Date(due).toISOString(), at('2026-12-08T00:00:00').toISOString()); // 10 working days → end of 7 Dec
    const page = await admin.get('/pengaduan/pengaturan');
    assert.equal(page.statusCode, 200);
    const res = await admin.postForm('/pengaduan/pengaturan/kategori/jalan-jembatan', { verifyWorkingDays: '2', followUpWorkingDays: '4', 'byType.aspirasi': '7', isActive: 'true' });
    assert.equal(res.statusCode, 303);
    const row = (await p.ctx.pool.query(`SELECT verify_working_days, followup_working_days, followup_days_by_type FROM care_categories WHERE code = 'jalan-jembatan'`)).rows[0];
    assert.deepEqual([row.verify_working_days, row.followup_working_days, row.followup_days_by_type], [2, 4, { aspirasi: 7 }]);
    assert.equal((await p.ctx.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'care.category.update' AND entity_id = 'jalan-jembatan'`)).rows[0].n, 1);
    const bad = await admin.postForm('/pengaduan/pengaturan/kategori/jalan-jembatan', { verifyWorkingDays: '0', followUpWorkingDays: '4', isActive: 'true' });
    assert.equal(bad.statusCode, 422);
    const liaison = await p.loginAs([{ org: 'kota-mataram', role: 'complaint_liaison' }]);
    assert.equal((await liaison.postForm('/pengaduan/pengaturan/kategori/jalan-jembatan', { verifyWorkingDays: '9', followUpWorkingDays: '9', isActive: 'false' })).statusCode, 403);
  });
});
