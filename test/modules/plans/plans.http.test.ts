/** Rencana Aksi through HTTP against the real database: seeding, limits, drafts, consultation, progress, exports, API. */
import { seedPersonalData } from '../../helpers/personal-data.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { MODULES } from '../../../src/app.ts';
import { plansModule } from '../../../src/modules/plans/index.ts';
if (!MODULES.includes(plansModule)) MODULES.push(plansModule);
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { multipartBody } from '../../helpers/agent.ts';

let p: TestPlatform;
const PLAN = '/rencana-aksi/ogp-local-ntb-2021-2023';
const SD = `${PLAN}/satu-data-ntb`;

before(async () => { p = await startTestPlatform(); });
after(async () => { await p?.close(); });

async function api(method: string, url: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) {
  const res = await p.app.inject({ method: method as any, url, payload: body === undefined ? undefined : JSON.stringify(body), headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  return { status: res.statusCode, json: res.headers['content-type']?.toString().includes('json') ? res.json() : null, body: res.body, headers: res.headers };
}

test('the two seeded NTB commitments are public with every section and milestone', async () => {
  const list = await api('GET', '/api/v1/plans', null);
  assert.equal(list.status, 200);
  assert.equal(list.json.data[0].slug, 'ogp-local-ntb-2021-2023');
  assert.equal(list.json.data[0].progress.total, 14);

  const plan = await api('GET', '/api/v1/plans/ogp-local-ntb-2021-2023', null);
  assert.deepEqual(plan.json.commitments.map((c: any) => [c.slug, c.stage, c.milestones.length]), [['satu-data-ntb', 'final', 9], ['ntb-care', 'final', 5]]);

  const page = await p.anon().get(SD);
  assert.equal(page.statusCode, 200);
  for (const s of ['Mewujudkan Open Governance', 'Kepala Dinas, Diskominfotik Provinsi NTB', 'Somasi', 'PWYP', 'Badan Pusat Statistik', '94.30%', 'Data Terbuka', 'Hak atas Informasi',
    'Ilmu Pengetahuan &amp; Teknologi', 'IDR', '3.312.059.196', 'Sebagian', 'Peraturan Presiden Nomor 39 Tahun 2019', 'Integrasi Portal Satu Data NTB dengan Portal SDI', 'Kepala Bidang Statistik, Diskominfotik Provinsi NTB']) {
    assert.ok(page.body.includes(s), s);
  }
  assert.deepEqual(seedPersonalData(page.body, { allowEmailDomain: /@test\.example$/ }), [], 'no personal data');
  assert.match(page.body, /Melebihi batas karakter templat/); // problem 1009 and status quo 1084 as submitted

  const en = await p.anon().get(`${SD}?lang=en`);
  assert.match(en.body, /Right to Information/);
  assert.match(en.body, /Lead implementing government agency/);
});

test('limits refused with the field and the limit in the user\'s language (API and form)', async () => {
  const sec = await p.createUser([{ org: 'diskominfotik', role: 'plan_secretariat' }]);
  const token = await p.apiToken(sec.id);
  const current = (await api('GET', `/api/v1/plans/ogp-local-ntb-2021-2023/commitments/ntb-care`, null)).json.content;

  const bad = { ...current, title: 'a'.repeat(251), policyAreas: ['open-data', 'right-to-information', 'digital-governance'], problem: 'p'.repeat(1001) };
  const id = await api('PUT', '/api/v1/plans/ogp-local-ntb-2021-2023/commitments/ntb-care', token, bad, { 'accept-language': 'id' });
  assert.equal(id.status, 422);
  const msgs = Object.fromEntries(id.json.error.fields.map((f: any) => [f.field, f.message]));
  assert.equal(msgs.title, 'Judul komitmen paling banyak 250 karakter (saat ini 251).');
  assert.equal(msgs.policyAreas, 'Area kebijakan utama: pilih paling banyak 2 (dipilih 3).');
  assert.equal(msgs.problem, 'Masalah paling banyak 1000 karakter (saat ini 1001).');

  const en = await api('PUT', '/api/v1/plans/ogp-local-ntb-2021-2023/commitments/ntb-care?lang=en', token, bad);
  const msgsEn = Object.fromEntries(en.json.error.fields.map((f: any) => [f.field, f.message]));
  assert.equal(msgsEn.title, 'Commitment title must be at most 250 characters (now 251).');
  assert.equal(msgsEn.policyAreas, 'Primary policy area: select at most 2 (selected 3).');
  assert.equal(msgsEn.problem, 'Problem must be at most 1000 characters (now 1001).');

  // The HTML form re-renders with the message at the field.
  const agent = await p.loginAs([{ org: 'diskominfotik', role: 'plan_secretariat' }]);
  const form = await agent.get(`${PLAN}/ntb-care/ubah`);
  assert.equal(form.statusCode, 200);
  const res = await agent.postForm(`${PLAN}/ntb-care/ubah`, { title: 'x'.repeat(251), problem: 'ok', ms_output_0: 'Tonggak' });
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /Judul komitmen paling banyak 250 karakter \(saat ini 251\)/);

  // Editing another field of Satu Data keeps its over-limit texts (as submitted) but accepts the edit.
  const sd = (await api('GET', '/api/v1/plans/ogp-local-ntb-2021-2023/commitments/satu-data-ntb', null)).json.content;
  const ok = await api('PUT', '/api/v1/plans/ogp-local-ntb-2021-2023/commitments/satu-data-ntb', token, { ...sd, resources: { ...sd.resources, other: '51 komputer dan 2 server' } });
  assert.equal(ok.status, 200, ok.body);
  const worse = await api('PUT', '/api/v1/plans/ogp-local-ntb-2021-2023/commitments/satu-data-ntb', token, { ...sd, problem: `${sd.problem} lagi` });
  assert.equal(worse.status, 422);
});

test('co-creation: drafts, field comment, moderation, reasoned response, next version, diff', async () => {
  const sec = await p.loginAs([{ org: 'diskominfotik', role: 'plan_secretariat' }]);
  const secToken = await p.apiToken(sec.userId);
  // A new commitment goes through Draft 1 → 2 → 3.
  const content = {
    title: 'Data Terbuka Desa', startMonth: '2026-01', endMonth: '2026-12', leadAgencies: [{ organisation: 'diskominfotik', role: 'lead', contactRole: 'Kepala Bidang Statistik' }],
    leadNonGov: [{ organisation: 'somasi-ntb', role: 'support', contactRole: 'Direktur' }], otherStakeholders: [],
    problem: 'Data desa belum terbuka untuk warga.', statusQuo: 'Data desa tersebar.', action: 'Menerbitkan data desa setiap triwulan.', howSolves: 'Warga dapat memantau.', longTermGoal: 'NTB Bersih dan Melayani.', additionalInfo: '',
    policyAreas: ['open-data'], sectors: ['public-services'], values: [{ value: 'transparency', reason: 'Membuka data.' }],
    resources: { budgetAmount: 100000000, currency: 'IDR', staff: 5, months: 12, other: '' }, secured: 'partially',
    milestones: [{ output: 'Daftar data desa prioritas', startMonth: '2026-01', endMonth: '2026-03', responsible: ['diskominfotik'], contactRoles: ['Kepala Bidang Statistik'], status: 'not_started' }],
  };
  const created = await api('POST', '/api/v1/plans/ogp-local-ntb-2021-2023/commitments', secToken, { slug: 'data-desa', content });
  assert.equal(created.status, 201, created.body);
  const C = '/api/v1/plans/ogp-local-ntb-2021-2023/commitments/data-desa';
  for (const stage of ['draft_1', 'draft_2', 'draft_3']) {
    const v = await api('POST', `${C}/versions`, secToken, { stage, authors: [{ organisation: 'somasi-ntb', group: 'cso' }, { organisation: 'diskominfotik', group: 'secretariat' }] });
    assert.equal(v.status, 201, v.body);
  }
  const backwards = await api('POST', `${C}/versions`, secToken, { stage: 'draft_2' });
  assert.equal(backwards.status, 422);

  // Open Draft 3 for consultation.
  const k = await api('POST', `${C}/consultations`, secToken, { versionSeq: 3, closesAt: new Date(Date.now() + 7 * 86400_000).toISOString() });
  assert.equal(k.status, 201, k.body);

  // A citizen without an account comments on one field; the comment waits for the e-mail link, then moderation.
  const anon = p.anon();
  const c1 = await api('POST', `/api/v1/plans/consultations/${k.json.id}/comments`, null, { field: 'action', body: 'Mohon data desa juga diterbitkan dalam format CSV.', name: 'Warga Lingsar', email: 'warga@example.org' });
  assert.equal(c1.status, 201, c1.body);
  assert.equal(c1.json.status, 'unverified');
  const missingEmail = await api('POST', `/api/v1/plans/consultations/${k.json.id}/comments`, null, { field: 'action', body: 'x', name: 'A' });
  assert.equal(missingEmail.status, 422);
  const badField = await api('POST', `/api/v1/plans/consultations/${k.json.id}/comments`, null, { field: 'password', body: 'x', name: 'A', email: 'a@example.org' });
  assert.equal(badField.status, 422);
  await p.ctx.mailer.flush(p.ctx.pool);
  const outbox = path.join(p.dataDir, 'outbox');
  const mail = fs.readdirSync(outbox).map((f) => fs.readFileSync(path.join(outbox, f), 'utf8')).find((m) => m.includes('warga@example.org'))!;
  const link = /\/rencana-aksi\/komentar\/verifikasi\/[A-Za-z0-9_-]+/.exec(mail.replace(/=\r?\n/g, ''))![0];
  let pub = await api('GET', `${C}/comments`, null);
  assert.equal(pub.json.data.length, 0, 'not public before verification and moderation');
  assert.equal((await anon.get(link)).statusCode, 200);
  assert.equal((await anon.get(link)).statusCode, 404, 'a link works once');
  pub = await api('GET', `${C}/comments`, null);
  assert.equal(pub.json.data.length, 0, 'not public before moderation');

  // Moderation queue shows it; the secretariat publishes.
  const queue = await sec.get('/rencana-aksi/kelola');
  assert.match(queue.body, /Mohon data desa juga diterbitkan/);
  const commentId = /komentar\/([0-9a-f-]{36})\/moderasi/.exec(queue.body)![1];
  assert.equal((await api('POST', `/api/v1/plans/comments/${commentId}/moderation`, null, { decision: 'publish' })).status, 401);
  const citizenToken = await p.apiToken((await p.createUser([])).id);
  assert.equal((await api('POST', `/api/v1/plans/comments/${commentId}/moderation`, citizenToken, { decision: 'publish' })).status, 403);
  assert.equal((await api('POST', `/api/v1/plans/comments/${commentId}/moderation`, secToken, { decision: 'publish' })).status, 200);
  pub = await api('GET', `${C}/comments`, null);
  assert.deepEqual(pub.json.data.map((c: any) => [c.field, c.author, c.version.stage]), [['action', 'Warga Lingsar', 'draft_3']]);
  assert.ok(!JSON.stringify(pub.json).includes('warga@example.org'), 'e-mail never shown');

  // A threaded reply by a logged-in citizen, also moderated.
  const citizen = await p.loginAs([]);
  const page = await citizen.get('/rencana-aksi/ogp-local-ntb-2021-2023/data-desa');
  assert.match(page.body, /Beri masukan untuk bagian ini/);
  const reply = await citizen.postForm(`/rencana-aksi/konsultasi/${k.json.id}/komentar`, { parentId: commentId, body: 'Setuju, termasuk format JSON.' });
  assert.equal(reply.statusCode, 303);
  assert.match(reply.headers.location as string, /status=pending/);

  // Responses only after closing.
  const early = await api('POST', `/api/v1/plans/comments/${commentId}/response`, secToken, { outcome: 'accepted', reason: 'x', landed: 'next' });
  assert.equal(early.status, 409);
  assert.equal((await api('POST', `/api/v1/plans/consultations/${k.json.id}/close`, secToken)).status, 200);
  const late = await api('POST', `/api/v1/plans/consultations/${k.json.id}/comments`, null, { body: 'terlambat', name: 'B', email: 'b@example.org' });
  assert.equal(late.status, 409);
  const resp = await api('POST', `/api/v1/plans/comments/${commentId}/response`, secToken, { outcome: 'accepted', reason: 'Format CSV ditambahkan pada aksi.', landed: 'next' });
  assert.equal(resp.status, 200, resp.body);

  // The secretariat edits the action and issues Draft 4; the response lands there; the comment stays attached.
  const cur = (await api('GET', C, null)).json.content;
  assert.equal((await api('PUT', C, secToken, { ...cur, action: 'Menerbitkan data desa setiap triwulan dalam format CSV.' })).status, 200);
  assert.equal((await api('POST', `${C}/versions`, secToken, { stage: 'draft_4', authors: [{ organisation: 'diskominfotik', group: 'secretariat' }] })).status, 201);
  pub = await api('GET', `${C}/comments`, null);
  assert.deepEqual(pub.json.data[0].response, { ...pub.json.data[0].response, outcome: 'accepted', reason: 'Format CSV ditambahkan pada aksi.', landedIn: { seq: 4, stage: 'draft_4' } });

  await p.ctx.mailer.flush(p.ctx.pool);
  const mails = fs.readdirSync(outbox).map((f) => fs.readFileSync(path.join(outbox, f), 'utf8').replace(/=\r?\n/g, '')).filter((m) => m.includes('warga@example.org'));
  assert.equal(mails.length, 3, 'verification, published, answered');
  assert.ok(mails.some((m) => m.includes('menanggapi masukan Anda')));

  const diff = await api('GET', `${C}/diff?from=3&to=4`, null);
  assert.deepEqual(diff.json.changed, ['action']);
  const action = diff.json.fields.find((f: any) => f.field === 'action');
  assert.deepEqual(action.segments.filter((s: any) => s.op !== 'equal'), [{ op: 'added', text: ' dalam format CSV' }]);

  const diffPage = await p.anon().get('/rencana-aksi/ogp-local-ntb-2021-2023/data-desa/beda?dari=3&ke=4');
  assert.equal(diffPage.statusCode, 200);
  assert.match(diffPage.body, /<ins class="diff-added"> dalam format CSV<\/ins>/);
  assert.match(diffPage.body, /Format CSV ditambahkan pada aksi/);

  const cpage = await p.anon().get('/rencana-aksi/ogp-local-ntb-2021-2023/data-desa');
  assert.match(cpage.body, /Mohon data desa juga diterbitkan/);
  assert.match(cpage.body, /pada Draf 3/);
  assert.match(cpage.body, /masuk ke Draf 4/);
  assert.ok(!cpage.body.includes('Setuju, termasuk format JSON.'), 'unmoderated reply not public');
});

test('milestone progress updates with evidence, overdue flags, exports', async () => {
  const liaison = await p.createUser([{ org: 'bps-ntb', role: 'produsen_data' }]);
  const token = await p.apiToken(liaison.id);
  const plan = (await api('GET', '/api/v1/plans/ogp-local-ntb-2021-2023', null)).json;
  const bimtek = plan.commitments[0].milestones.find((m: any) => m.key === 'sd-08-bimtek');
  const regulasi = plan.commitments[0].milestones.find((m: any) => m.key === 'sd-01-regulasi');
  assert.equal(regulasi.overdue, true);
  assert.ok(regulasi.daysOverdue > 1000);

  // BPS is responsible for the Bimtek milestone: it may report; it may not report on the regulation.
  const r = await api('POST', `/api/v1/plans/milestones/${bimtek.id}/updates`, token, { status: 'finished', reportedOn: '2023-11-30', note: 'Bimtek 2022 dan 2023 terlaksana.',
    evidence: [{ kind: 'link', title: 'Berita bimtek', url: 'https://ntbprov.go.id/berita' }, { kind: 'internal', title: 'Daftar rencana aksi', url: '/api/v1/plans/ogp-local-ntb-2021-2023', internalType: 'report' }] });
  assert.equal(r.status, 201, r.body);
  assert.equal((await api('POST', `/api/v1/plans/milestones/${regulasi.id}/updates`, token, { status: 'finished' })).status, 403);
  const bad = await api('POST', `/api/v1/plans/milestones/${bimtek.id}/updates`, token, { status: 'finished', evidence: [{ kind: 'internal', title: 'x', url: 'https://evil.example', internalType: 'report' }] });
  assert.equal(bad.status, 422);

  const after = (await api('GET', '/api/v1/plans/ogp-local-ntb-2021-2023/commitments/satu-data-ntb', null)).json;
  const m = after.milestones.find((x: any) => x.key === 'sd-08-bimtek');
  assert.equal(m.status, 'finished');
  assert.equal(m.overdue, false);
  assert.equal(m.updates[0].reportedOn, '2023-11-30');
  assert.equal(m.evidence.length, 2);
  assert.equal(after.progress.finished, 1);

  const { organisationMilestones } = await import('../../../src/modules/plans/plans.service.ts');
  const bps = await organisationMilestones(p.ctx.pool, 'bps-ntb', new Date('2024-01-15T00:00:00Z'));
  assert.deepEqual(bps.milestones.map((x) => [x.key, x.status, x.overdue]), [['sd-08-bimtek', 'finished', false]]);
  const dk = await organisationMilestones(p.ctx.pool, 'diskominfotik', new Date('2024-01-15T00:00:00Z'));
  assert.equal(dk.summary.total, 15); // 14 seeded + the commitment created above

  const page = await p.anon().get('/rencana-aksi/ogp-local-ntb-2021-2023/satu-data-ntb');
  assert.match(page.body, /Keadaan terkini: OGP Local Provinsi NTB 2021–2023/); // live state of the internal link
  assert.match(page.body, /Terlambat \d+ hari/);

  const csv = await p.anon().get('/rencana-aksi/ogp-local-ntb-2021-2023/tonggak.csv');
  assert.equal(csv.statusCode, 200);
  assert.match(csv.headers['content-type'] as string, /text\/csv/);
  const lines = csv.body.trim().split('\r\n');
  assert.ok(lines.length >= 15);
  assert.deepEqual([...csv.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.match(lines[0], /plan,commitment_number/);

  const json = await p.anon().get('/rencana-aksi/ogp-local-ntb-2021-2023/ekspor.json');
  assert.equal(JSON.parse(json.body).commitments[0].milestones.length, 9);

  const pdf = await p.anon().get('/rencana-aksi/ogp-local-ntb-2021-2023/satu-data-ntb/ekspor.pdf');
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  fs.mkdirSync('test-results', { recursive: true });
  fs.writeFileSync('test-results/plans-satu-data.pdf', pdf.rawPayload);

  const docx = await p.anon().get('/rencana-aksi/ogp-local-ntb-2021-2023/satu-data-ntb/ekspor.docx');
  assert.equal(docx.statusCode, 200);
  assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
});

test('events, working groups and IRM assessment', async () => {
  const sec = await p.loginAs([{ org: 'diskominfotik', role: 'plan_secretariat' }]);
  const ev = await sec.postForm('/rencana-aksi/ogp-local-ntb-2021-2023/kegiatan', { method: 'internal_workshop', heldOn: '2021-07-15', title: 'Lokakarya penyusunan komitmen', organisations: ['diskominfotik', 'somasi-ntb'], participants: '24', outcomes: 'Dua komitmen disepakati.' });
  assert.equal(ev.statusCode, 303, ev.body.slice(0, 500));
  const wg = await sec.postForm('/rencana-aksi/ogp-local-ntb-2021-2023/kelompok-kerja', { name: 'Kelompok Kerja Data Terbuka', theme: 'Satu Data', members: ['diskominfotik', 'bps-ntb', 'somasi-ntb'] });
  assert.equal(wg.statusCode, 303);
  const badEvent = await sec.postForm('/rencana-aksi/ogp-local-ntb-2021-2023/kegiatan', { method: 'party', heldOn: 'kemarin', title: '' });
  assert.equal(badEvent.statusCode, 422);

  const ass = await sec.postForm('/rencana-aksi/ogp-local-ntb-2021-2023/ntb-care/penilaian', { verifiable: 'yes', relevantValues: ['participation', 'tech-participation'], potential: 'modest', completion: 'limited', earlyResults: 'marginal', assessor: 'Peneliti IRM', assessedOn: '2024-03-01' });
  assert.equal(ass.statusCode, 303);
  const plan = (await api('GET', '/api/v1/plans/ogp-local-ntb-2021-2023', null)).json;
  assert.equal(plan.events[0].method, 'internal_workshop');
  assert.deepEqual(plan.events[0].organisations, ['diskominfotik', 'somasi-ntb']);
  assert.equal(plan.workingGroups[0].members.length, 3);
  const c = (await api('GET', '/api/v1/plans/ogp-local-ntb-2021-2023/commitments/ntb-care', null)).json;
  assert.equal(c.assessments[0].potential, 'modest');
  assert.equal(c.assessments[0].earlyResults, 'marginal');
  const page = await p.anon().get('/rencana-aksi/ogp-local-ntb-2021-2023?lang=en');
  assert.match(page.body, /Internal Workshop \(IW\)/);
  assert.match(page.body, /Kelompok Kerja Data Terbuka/);

  // Public visitors cannot reach the management pages.
  assert.equal((await p.anon().get('/rencana-aksi/ogp-local-ntb-2021-2023/ntb-care/ubah')).statusCode, 303);
  const citizen = await p.loginAs([]);
  assert.equal((await citizen.get('/rencana-aksi/ogp-local-ntb-2021-2023/ntb-care/ubah')).statusCode, 404);
});

test('evidence and minutes files are uploaded through the page forms and served back', async () => {
  const sec = await p.loginAs([{ org: 'diskominfotik', role: 'plan_secretariat' }]);
  const plan = (await api('GET', '/api/v1/plans/ogp-local-ntb-2021-2023', null)).json;
  const forum = plan.commitments[0].milestones.find((m: any) => m.key === 'sd-02-forum');
  await sec.get('/rencana-aksi/ogp-local-ntb-2021-2023/satu-data-ntb');
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const body = multipartBody({ status: 'in_progress', percent: '60', reportedOn: '2022-12-20', note: 'Rapat forum kedua 2022.', evidenceKind: 'file', evidenceTitle: 'Notulen rapat forum' }, [{ field: 'evidenceFile', filename: 'notulen.pdf', content: pdf, contentType: 'application/pdf' }]);
  const res = await sec.request({ method: 'POST', url: `/rencana-aksi/tonggak/${forum.id}/laporan?_csrf=${encodeURIComponent(sec.csrf)}`, payload: body.payload, headers: body.headers });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  const c = (await api('GET', '/api/v1/plans/ogp-local-ntb-2021-2023/commitments/satu-data-ntb', null)).json;
  const m = c.milestones.find((x: any) => x.key === 'sd-02-forum');
  assert.equal(m.reportedPercent, 60);
  const ev = m.evidence.find((e: any) => e.kind === 'file');
  assert.equal(ev.title, 'Notulen rapat forum');
  const file = await p.anon().get(ev.url);
  assert.equal(file.statusCode, 200);
  assert.equal(file.headers['content-type'], 'application/pdf');

  // A file whose content is not what it claims is refused with a field error.
  const fake = multipartBody({ status: 'in_progress', evidenceKind: 'file', evidenceTitle: 'x' }, [{ field: 'evidenceFile', filename: 'x.pdf', content: Buffer.from('MZ\x90\x00 not a pdf'), contentType: 'application/pdf' }]);
  const bad = await sec.request({ method: 'POST', url: `/rencana-aksi/tonggak/${forum.id}/laporan?_csrf=${encodeURIComponent(sec.csrf)}`, payload: fake.payload, headers: fake.headers });
  assert.ok([415, 422].includes(bad.statusCode), String(bad.statusCode));

  // A valid file with a refused form (unknown status): the upload is not kept.
  const filesBefore = (await p.ctx.pool.query('SELECT count(*)::int AS n FROM files')).rows[0].n;
  const refused = multipartBody({ status: 'tidak-ada', evidenceKind: 'file', evidenceTitle: 'Notulen' }, [{ field: 'evidenceFile', filename: 'notulen.pdf', content: pdf, contentType: 'application/pdf' }]);
  const r422 = await sec.request({ method: 'POST', url: `/rencana-aksi/tonggak/${forum.id}/laporan?_csrf=${encodeURIComponent(sec.csrf)}`, payload: refused.payload, headers: refused.headers });
  assert.equal(r422.statusCode, 422);
  assert.equal((await p.ctx.pool.query('SELECT count(*)::int AS n FROM files')).rows[0].n, filesBefore, 'the refused form left no file behind');

  const minutes = multipartBody({ method: 'public_consultation_digital', heldOn: '2021-08-01', title: 'Konsultasi publik daring', participants: '57', outcomes: 'Masukan dirangkum.' }, [{ field: 'minutes', filename: 'notulen.pdf', content: pdf, contentType: 'application/pdf' }]);
  const evRes = await sec.request({ method: 'POST', url: `/rencana-aksi/ogp-local-ntb-2021-2023/kegiatan?_csrf=${encodeURIComponent(sec.csrf)}`, payload: minutes.payload, headers: minutes.headers });
  assert.equal(evRes.statusCode, 303, evRes.body.slice(0, 300));
  const events = (await api('GET', '/api/v1/plans/ogp-local-ntb-2021-2023', null)).json.events;
  const e = events.find((x: any) => x.title === 'Konsultasi publik daring');
  assert.equal(e.participants, 57);
  assert.equal((await p.anon().get(e.minutes)).statusCode, 200);
});

test('comments are rate-limited per author', async () => {
  const sec = await p.createUser([{ org: 'diskominfotik', role: 'plan_secretariat' }]);
  const token = await p.apiToken(sec.id);
  const k = await api('POST', '/api/v1/plans/ogp-local-ntb-2021-2023/commitments/ntb-care/consultations', token, { closesAt: new Date(Date.now() + 86400_000).toISOString() });
  assert.equal(k.status, 201, k.body);
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const r = await api('POST', `/api/v1/plans/consultations/${k.json.id}/comments`, null, { field: 'problem', body: `Masukan ${i}`, name: 'Warga', email: 'sering@example.org' }, { 'x-forwarded-for': `10.0.0.${i}` });
    statuses.push(r.status);
  }
  assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429]);
  const other = await api('POST', `/api/v1/plans/consultations/${k.json.id}/comments`, null, { field: 'problem', body: 'Masukan lain', name: 'Warga Lain', email: 'lain@example.org' }, { 'x-forwarded-for': '10.0.1.1' });
  assert.equal(other.status, 201);
});

test('OpenAPI documents the plans API', async () => {
  const res = await p.app.inject({ method: 'GET', url: '/api/docs/json' });
  const doc = res.json();
  assert.ok(doc.paths['/api/v1/plans/{plan}/commitments/{c}/diff']);
  assert.ok(doc.paths['/api/v1/plans/consultations/{id}/comments']);
});
