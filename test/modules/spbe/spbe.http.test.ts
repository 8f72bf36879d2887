/** SPBE through HTTP against the real database (PGlite, or PostgreSQL with TEST_DATABASE_URL). */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { MODULES } from '../../../src/app.ts';
import { spbeModule } from '../../../src/modules/spbe/index.ts';
if (!MODULES.includes(spbeModule)) MODULES.push(spbeModule);
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { multipartBody } from '../../helpers/agent.ts';
import { frameworkToXlsx } from '../../../src/modules/spbe/framework-io.ts';
import { permenpanrb5of2018 } from '../../../src/modules/spbe/seed/framework-permenpanrb-5-2018.ts';

let p: TestPlatform;
before(async () => {
  p = await startTestPlatform();
});
after(async () => {
  await p?.close();
});

const fixture = (name: string) => JSON.parse(fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

test('public /spbe shows the seeded 2018 figures computed from the indicator levels', async () => {
  const res = await p.anon().get('/spbe');
  assert.equal(res.statusCode, 200);
  for (const s of ['2,95', 'Baik', '2,71', '2,57', '3,21', '3,00', '2,50', '2,00', '2,67', '3,43', '2,83']) assert.ok(res.body.includes(s), `missing ${s}`);
  const list = JSON.parse((await p.anon().request({ method: 'GET', url: '/api/v1/spbe/evaluations', headers: { accept: 'application/json' } })).body);
  const page = await p.anon().get(`/spbe/evaluasi/${list.data[0].id}`);
  assert.match(page.body, /Jalan ke target 4,20/);
  assert.match(page.body, /Paling sedikit \d+ kenaikan tingkat/);
  const en = await p.anon().get('/spbe?lang=en');
  assert.ok(en.body.includes('2.95'));
});

test('API: the 2018 evaluation, its breakdown and the index history', async () => {
  const anon = p.anon();
  const list = JSON.parse((await anon.request({ method: 'GET', url: '/api/v1/spbe/evaluations', headers: { accept: 'application/json' } })).body);
  const e2018 = list.data.find((e: any) => e.year === 2018);
  assert.equal(e2018.state, 'final');
  assert.equal(e2018.result.indexRounded, 2.95);
  assert.equal(e2018.result.predicate, 'Baik');
  assert.deepEqual(e2018.result.domains.map((d: any) => d.index), [2.71, 2.57, 3.21]);
  assert.deepEqual(e2018.result.aspects.map((a: any) => a.index), [3, 2.5, 2, 3, 2.67, 3.43, 2.83]);
  const detail = JSON.parse((await anon.request({ method: 'GET', url: `/api/v1/spbe/evaluations/${e2018.id}`, headers: { accept: 'application/json' } })).body);
  assert.equal(detail.entries.length, 37);
  assert.deepEqual(detail.entries.filter((x: any) => x.indicator === '35').map((x: any) => x.label), ['35-1', '35-2', '35-3']);
  const h = JSON.parse((await anon.request({ method: 'GET', url: '/api/v1/spbe/index-history', headers: { accept: 'application/json' } })).body);
  assert.deepEqual(h.data.map((x: any) => [x.year, x.index]), [[2018, 2.95]]);
  assert.deepEqual(h.target, { index: 4.2, year: 2023 });
  // OpenAPI lists the SPBE API
  const doc = JSON.parse((await anon.get('/api/docs/json')).body);
  assert.ok(doc.paths['/api/v1/spbe/evaluations']);
  assert.ok(doc.paths['/api/v1/spbe/frameworks']);
});

test('framework import: 99 % refused with a clear message (JSON API and XLSX page); valid 59/2020 accepted; a 2021 evaluation runs on it', async () => {
  const admin = await p.loginAs([{ org: 'ntb-terbuka', role: 'admin' }]);
  const bad = await admin.json('POST', '/api/v1/spbe/frameworks', fixture('framework-weights-99.json'));
  assert.equal(bad.statusCode, 422);
  const err = JSON.parse(bad.body).error;
  assert.ok(err.fields.some((f: any) => /99%.*100%/.test(f.message)), bad.body);
  const badEn = await admin.json('POST', '/api/v1/spbe/frameworks?lang=en', fixture('framework-weights-99.json'));
  assert.ok(JSON.parse(badEn.body).error.fields.some((f: any) => /Domain weights add up to 99%, they must add up to 100%/.test(f.message)), badEn.body);

  // XLSX through the page: a domain weight edited to 16 %
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await frameworkToXlsx({ ...permenpanrb5of2018, code: 'uji-xlsx' })) as unknown as ArrayBuffer);
  wb.getWorksheet('Domain')!.getRow(2).getCell(3).value = 16;
  const mp = multipartBody({}, [{ field: 'file', filename: 'kerangka.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) }]);
  await admin.ensureCsrf();
  const page = await admin.request({ method: 'POST', url: `/spbe/kerangka/impor?_csrf=${encodeURIComponent(admin.csrf)}`, payload: mp.payload, headers: mp.headers });
  assert.equal(page.statusCode, 422);
  assert.match(page.body, /Domain weights add up to 99%, they must add up to 100%/); // the agent chose English above (?lang=en)

  // non-admins may not import
  const evaluator = await p.loginAs([{ org: 'diskominfotik', role: 'spbe_evaluator' }]);
  assert.equal((await evaluator.json('POST', '/api/v1/spbe/frameworks', fixture('framework-permenpanrb-59-2020.json'))).statusCode, 403);

  const ok = await admin.json('POST', '/api/v1/spbe/frameworks', fixture('framework-permenpanrb-59-2020.json'));
  assert.equal(ok.statusCode, 201, ok.body);
  const fw = JSON.parse(ok.body);
  assert.deepEqual([fw.domains, fw.aspects, fw.indicators], [4, 8, 47]);
  // importing the same code twice is a conflict
  assert.equal((await admin.json('POST', '/api/v1/spbe/frameworks', fixture('framework-permenpanrb-59-2020.json'))).statusCode, 409);

  const reviewer = await p.loginAs([{ org: 'setda', role: 'spbe_reviewer' }]);
  const created = await reviewer.json('POST', '/api/v1/spbe/evaluations', { year: 2021, frameworkId: fw.id });
  assert.equal(created.statusCode, 201, created.body);
  const evId = JSON.parse(created.body).id;
  let detail = JSON.parse((await evaluator.json('GET', `/api/v1/spbe/evaluations/${evId}`)).body);
  assert.equal(detail.entries.length, 47);
  assert.equal(detail.result.index, null);
  // submit is refused while incomplete
  const early = await evaluator.json('POST', `/api/v1/spbe/evaluations/${evId}/transitions`, { transition: 'submit' });
  assert.equal(early.statusCode, 409);
  for (const e of detail.entries) {
    const r = await evaluator.json('PATCH', `/api/v1/spbe/entries/${e.id}`, { level: e.indicator === '43' ? 4 : 3, justification: 'uji' });
    assert.equal(r.statusCode, 200, r.body);
  }
  detail = JSON.parse((await evaluator.json('GET', `/api/v1/spbe/evaluations/${evId}`)).body);
  assert.equal(detail.result.complete, true);
  assert.equal(detail.result.indexRounded, 3.03); // 3 + 1 × (18 % ÷ 6) / 100
  // the public does not see an evaluation in progress
  assert.equal((await p.anon().request({ method: 'GET', url: `/api/v1/spbe/evaluations/${evId}`, headers: { accept: 'application/json' } })).statusCode, 404);
  assert.equal((await evaluator.json('POST', `/api/v1/spbe/evaluations/${evId}/transitions`, { transition: 'submit' })).statusCode, 200);
  // the reviewers are told
  const notes = await p.ctx.pool.query(`SELECT title, url FROM notifications WHERE user_id = $1 AND kind = 'spbe.evaluation.submit'`, [reviewer.userId]);
  assert.equal(notes.rows.length, 1);
  assert.equal(notes.rows[0].title, 'Evaluasi SPBE 2021 dikirim untuk reviu internal');
  assert.equal(notes.rows[0].url, `/spbe/evaluasi/${evId}`);
  // evaluators cannot edit during internal review, nor finalise
  assert.equal((await evaluator.json('PATCH', `/api/v1/spbe/entries/${detail.entries[0].id}`, { level: 5 })).statusCode, 403);
  assert.equal((await evaluator.json('POST', `/api/v1/spbe/evaluations/${evId}/transitions`, { transition: 'finalise' })).statusCode, 403);
  const fin = await reviewer.json('POST', `/api/v1/spbe/evaluations/${evId}/transitions`, { transition: 'finalise' });
  assert.equal(fin.statusCode, 200, fin.body);
  assert.deepEqual(JSON.parse(fin.body), { state: 'final', result: { indexRounded: 3.03, predicate: 'Baik' } });

  // final: locked for everyone, including the reviewer and the admin
  for (const who of [reviewer, admin]) {
    const r = await who.json('PATCH', `/api/v1/spbe/entries/${detail.entries[0].id}`, { level: 5 });
    assert.equal(r.statusCode, 409, r.body);
    assert.equal((await who.json('POST', `/api/v1/spbe/entries/${detail.entries[0].id}/evidence`, { label: 'x', url: 'https://example.org' })).statusCode, 409);
    assert.equal((await who.json('POST', `/api/v1/spbe/evaluations/${evId}/transitions`, { transition: 'return' })).statusCode, 409);
  }
  const page2 = await reviewer.postForm(`/spbe/evaluasi/${evId}/entri/${detail.entries[0].id}`, { level: '5' });
  assert.equal(page2.statusCode, 409);

  // every change before finalisation is in the audit trail
  const audit = await p.ctx.pool.query(`SELECT action, count(*)::int AS n FROM audit_log WHERE action LIKE 'spbe.%' GROUP BY action`);
  const counts = Object.fromEntries(audit.rows.map((r) => [r.action, r.n]));
  assert.equal(counts['spbe.entry.update'], 47);
  assert.equal(counts['spbe.evaluation.submit'], 1);
  assert.equal(counts['spbe.evaluation.finalise'], 1);
  assert.equal(counts['spbe.framework.import'], 1);
  const one = await p.ctx.pool.query(`SELECT before, after FROM audit_log WHERE action = 'spbe.entry.update' AND entity_id = $1`, [detail.entries[0].id]);
  assert.equal(one.rows[0].before.level, null);
  assert.equal(one.rows[0].after.level, 3);

  // the 2021 index is now public history, on its own framework
  const h = JSON.parse((await p.anon().request({ method: 'GET', url: '/api/v1/spbe/index-history', headers: { accept: 'application/json' } })).body);
  assert.deepEqual(h.data.map((x: any) => [x.year, x.index, x.change]), [[2018, 2.95, null], [2021, 3.03, 0.08]]);
});

test('per-service entries, evidence links, and the live recomputation on a copied evaluation', async () => {
  const reviewer = await p.loginAs([{ org: 'setda', role: 'spbe_reviewer' }]);
  const evaluator = await p.loginAs([{ org: 'diskominfotik', role: 'spbe_evaluator' }]);
  const fws = JSON.parse((await p.anon().request({ method: 'GET', url: '/api/v1/spbe/frameworks', headers: { accept: 'application/json' } })).body).data;
  const fw = fws.find((f: any) => f.code === 'permenpanrb-5-2018');
  const created = await reviewer.json('POST', '/api/v1/spbe/evaluations', { year: 2019, frameworkId: fw.id, copyPrevious: true });
  assert.equal(created.statusCode, 201, created.body);
  const id = JSON.parse(created.body).id;
  let d = JSON.parse((await evaluator.json('GET', `/api/v1/spbe/evaluations/${id}`)).body);
  assert.equal(d.result.indexRounded, 2.95); // started from 2018's levels
  const samsat = d.entries.find((e: any) => e.service === 'e-Samsat');
  const r = await evaluator.json('PATCH', `/api/v1/spbe/entries/${samsat.id}`, { level: 4 });
  assert.equal(JSON.parse(r.body).indexRounded, 2.98);
  const add = await evaluator.json('POST', `/api/v1/spbe/evaluations/${id}/services`, { indicatorCode: '35', service: 'NTB Care', level: 5 });
  assert.equal(add.statusCode, 201, add.body);
  d = JSON.parse((await evaluator.json('GET', `/api/v1/spbe/evaluations/${id}`)).body);
  const a7 = d.result.aspects.find((a: any) => a.code === 'A7');
  assert.equal(a7.entries, 7);
  assert.equal(a7.index, 3.29); // (4+3+1+3+3+4+5)/7 = 23/7
  assert.equal(d.entries.find((e: any) => e.service === 'NTB Care').label, '35-4');
  assert.equal((await evaluator.json('POST', `/api/v1/spbe/evaluations/${id}/services`, { indicatorCode: '1', service: 'x' })).statusCode, 422);
  const ev = await evaluator.json('POST', `/api/v1/spbe/entries/${samsat.id}/evidence`, { label: 'Laporan transaksi', url: '/data/transaksi-samsat' });
  assert.equal(ev.statusCode, 201);
  assert.equal((await evaluator.json('POST', `/api/v1/spbe/entries/${samsat.id}/evidence`, { label: 'x', url: 'javascript:alert(1)' })).statusCode, 422);
  // a file as evidence (type detected from content), readable by the team, hidden from the public until final
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const mp = multipartBody({ label: 'SK pengelola e-Samsat' }, [{ field: 'file', filename: 'sk.pdf', content: pdf, contentType: 'application/pdf' }]);
  await evaluator.ensureCsrf();
  const up = await evaluator.request({ method: 'POST', url: `/spbe/evaluasi/${id}/entri/${samsat.id}/berkas?_csrf=${encodeURIComponent(evaluator.csrf)}`, payload: mp.payload, headers: mp.headers });
  assert.equal(up.statusCode, 303, up.body.slice(0, 500));
  d = JSON.parse((await evaluator.json('GET', `/api/v1/spbe/evaluations/${id}`)).body);
  const fileEv = d.entries.find((e: any) => e.id === samsat.id).evidence.find((v: any) => v.kind === 'file');
  assert.equal(fileEv.label, 'SK pengelola e-Samsat');
  const dl = await evaluator.get(fileEv.url);
  assert.equal(dl.statusCode, 200);
  assert.equal(dl.headers['content-type'], 'application/pdf');
  assert.equal((await p.anon().get(fileEv.url)).statusCode, 404);
  const fake = multipartBody({}, [{ field: 'file', filename: 'virus.pdf', content: Buffer.from('MZ\x90\x00 not a pdf'), contentType: 'application/pdf' }]);
  const refused = await evaluator.request({ method: 'POST', url: `/spbe/evaluasi/${id}/entri/${samsat.id}/berkas?_csrf=${encodeURIComponent(evaluator.csrf)}`, payload: fake.payload, headers: fake.headers });
  assert.ok(refused.statusCode >= 400 && refused.statusCode < 500, String(refused.statusCode));
  // someone without an SPBE role cannot edit
  const other = await p.loginAs([{ org: 'dinas-contoh', role: 'produsen_data' }]);
  assert.equal((await other.json('PATCH', `/api/v1/spbe/entries/${samsat.id}`, { level: 1 })).statusCode, 404);
});

test('roadmap: 24 initiatives; responsible organisation updates progress; others may not; overdue flagged', async () => {
  const list = JSON.parse((await p.anon().request({ method: 'GET', url: '/api/v1/spbe/roadmap', headers: { accept: 'application/json' } })).body).data;
  assert.equal(list.length, 24);
  assert.deepEqual(list.filter((i: any) => i.status === 'done').map((i: any) => i.code), ['A-1']); // the master plan itself
  const a5 = list.find((i: any) => i.code === 'A-5');
  assert.deepEqual(a5.organisations.map((o: any) => o.slug), ['biro-organisasi']);
  assert.equal(a5.overdue, true); // target 2020, not done (the clock is past 2020)
  const org = await p.loginAs([{ org: 'biro-organisasi', role: 'kepala_opd' }]);
  const up = await org.json('POST', '/api/v1/spbe/roadmap/A-5/updates', { status: 'done', progress: 80, note: 'Peta proses bisnis ditetapkan' });
  assert.equal(up.statusCode, 201, up.body);
  const after = JSON.parse((await p.anon().request({ method: 'GET', url: '/api/v1/spbe/roadmap/A-5', headers: { accept: 'application/json' } })).body);
  assert.deepEqual([after.status, after.progress, after.overdue], ['done', 100, false]);
  const stranger = await p.loginAs([{ org: 'dinas-sosial', role: 'kepala_opd' }]);
  assert.equal((await stranger.json('POST', '/api/v1/spbe/roadmap/A-5/updates', { status: 'stuck', progress: 10 })).statusCode, 403);
  const rev = await p.loginAs([{ org: 'setda', role: 'spbe_reviewer' }]);
  assert.equal((await rev.json('PUT', '/api/v1/spbe/roadmap/B-12/indicators', { framework: 'permenpanrb-5-2018', indicators: ['24', '99'] })).statusCode, 422);
  assert.equal((await rev.json('PUT', '/api/v1/spbe/roadmap/B-12/indicators', { framework: 'permenpanrb-5-2018', indicators: ['24', '6'] })).statusCode, 200);
  assert.deepEqual(JSON.parse((await p.anon().request({ method: 'GET', url: '/api/v1/spbe/roadmap/B-12', headers: { accept: 'application/json' } })).body).indicators, ['24', '6']);
  assert.equal((await org.json('PUT', '/api/v1/spbe/roadmap/B-12/indicators', { framework: 'permenpanrb-5-2018', indicators: ['1'] })).statusCode, 403);
  const page = await p.anon().get('/spbe/peta-rencana');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<svg[^>]*viewBox/);
  assert.match(page.body, /Lewat target/);
});

test('application registry: XLSX import refused with row errors, then accepted; counts; export', async () => {
  const staff = await p.loginAs([{ org: 'diskominfotik', role: 'spbe_evaluator' }]);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Aplikasi');
  ws.addRow(['Nama Aplikasi', 'Kategori', 'Umum/Khusus', 'Pemilik (OPD)', 'URL', 'Di Pusat Data Provinsi', 'Terintegrasi SiMANTRA', 'Status', 'Keterangan']);
  ws.addRow(['Aplikasi Uji Satu', 'Situs Web', 'khusus', 'Dinas Sosial', 'https://dinsos.ntbprov.go.id', 'ya', 'tidak', 'aktif', '']);
  ws.addRow(['', 'Permainan', 'umum', 'Dinas Fiktif', 'ftp://x', 'mungkin', '', 'aktif', '']);
  const upload = async (buf: Buffer) => {
    const mp = multipartBody({}, [{ field: 'file', filename: 'aplikasi.xlsx', content: buf }]);
    await staff.ensureCsrf();
    return staff.request({ method: 'POST', url: `/spbe/aplikasi/impor?_csrf=${encodeURIComponent(staff.csrf)}`, payload: mp.payload, headers: mp.headers });
  };
  const refused = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
  assert.equal(refused.statusCode, 422);
  for (const s of ['Baris 3, kolom Nama Aplikasi', 'Baris 3, kolom Kategori', 'Organisasi &quot;Dinas Fiktif&quot; tidak ada', 'Baris 3, kolom URL', 'Baris 3, kolom Di Pusat Data Provinsi']) assert.ok(refused.body.includes(s), s);
  let apps = JSON.parse((await p.anon().request({ method: 'GET', url: '/api/v1/spbe/applications?q=Uji', headers: { accept: 'application/json' } })).body).data;
  assert.equal(apps.length, 0); // nothing imported when any row is bad
  ws.spliceRows(3, 1);
  const ok = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
  assert.equal(ok.statusCode, 303);
  apps = JSON.parse((await p.anon().request({ method: 'GET', url: '/api/v1/spbe/applications?q=Uji', headers: { accept: 'application/json' } })).body).data;
  assert.equal(apps.length, 1);
  assert.equal(apps[0].owner.name, 'Dinas Sosial');
  assert.equal(apps[0].hostedInDataCentre, true);
  const created = await staff.json('POST', '/api/v1/spbe/applications', { name: 'Satu Data NTB', category: 'Situs Web', scope: 'umum', owner: 'diskominfotik', hostedInDataCentre: true, dataRefs: ['daftar-data-2021', '/data/indeks-spbe'] });
  assert.equal(created.statusCode, 201, created.body);
  const sd = JSON.parse((await p.anon().request({ method: 'GET', url: '/api/v1/spbe/applications?q=Satu%20Data', headers: { accept: 'application/json' } })).body).data[0];
  assert.deepEqual(sd.dataRefs, ['daftar-data-2021', '/data/indeks-spbe']);
  const badApi = await staff.json('POST', '/api/v1/spbe/applications', { name: 'x', category: 'nope', scope: 'umum' });
  assert.equal(badApi.statusCode, 422);
  assert.ok(JSON.parse(badApi.body).error.fields.some((f: any) => f.field === 'category'));
  // an agency member may register only its own agency's applications
  const agency = await p.loginAs([{ org: 'dinas-sosial', role: 'produsen_data' }]);
  assert.equal((await agency.json('POST', '/api/v1/spbe/applications', { name: 'Aplikasi Dinsos', category: 'Layanan Publik', scope: 'khusus', owner: 'dinas-sosial' })).statusCode, 201);
  assert.equal((await agency.json('POST', '/api/v1/spbe/applications', { name: 'Aplikasi Orang Lain', category: 'Layanan Publik', scope: 'khusus', owner: 'bappeda' })).statusCode, 403);
  const stats = JSON.parse((await p.anon().request({ method: 'GET', url: '/api/v1/spbe/applications/stats', headers: { accept: 'application/json' } })).body);
  assert.ok(stats.byCategory.find((c: any) => c.category === 'website').count >= 1);
  const xlsx = await p.anon().request({ method: 'GET', url: '/spbe/aplikasi.xlsx' });
  assert.equal(xlsx.statusCode, 200);
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  assert.equal(back.worksheets[0].getRow(1).getCell(1).value, 'Nama Aplikasi');
  assert.ok(back.worksheets[0].rowCount >= 19);
});

test('business-process and data architecture: browse and search', async () => {
  const tree = JSON.parse((await p.anon().request({ method: 'GET', url: '/api/v1/spbe/business-processes', headers: { accept: 'application/json' } })).body).data;
  assert.equal(tree.length, 24);
  assert.equal(tree.find((t: any) => t.code === 'NTB.04').type, 'Manajemen');
  const found = JSON.parse((await p.anon().request({ method: 'GET', url: '/api/v1/spbe/business-processes?q=Indeks%20SPBE', headers: { accept: 'application/json' } })).body).data;
  assert.deepEqual(found.map((t: any) => t.code), ['NTB.06']);
  assert.deepEqual(found[0].subProcesses.map((s: any) => s.code), ['NTB.06.04']);
  const page = await p.anon().get('/spbe/arsitektur?q=irigasi');
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes('NTB.02.04'));
  const sub = JSON.parse((await p.anon().request({ method: 'GET', url: '/api/v1/spbe/business-processes/NTB.06.04', headers: { accept: 'application/json' } })).body);
  assert.equal(sub.organisation, 'Dinas Komunikasi Informasi dan Statistik');
  const walidata = await p.loginAs([{ org: 'diskominfotik', role: 'walidata' }]);
  const link = await walidata.json('PUT', `/api/v1/spbe/data-entities/${sub.dataEntities[0].id}/data-ref`, { dataRef: 'indeks-spbe-provinsi-ntb' });
  assert.equal(link.statusCode, 200);
  assert.equal((await walidata.json('PUT', `/api/v1/spbe/data-entities/${sub.dataEntities[0].id}/data-ref`, { dataRef: 'javascript:alert(1)' })).statusCode, 422);
  assert.equal((await p.anon().request({ method: 'PUT', url: `/api/v1/spbe/data-entities/${sub.dataEntities[0].id}/data-ref`, payload: JSON.stringify({ dataRef: 'x' }), headers: { 'content-type': 'application/json', accept: 'application/json' } })).statusCode, 401);
});

test('pages render for the public and for the team', async () => {
  const anon = p.anon();
  for (const url of ['/spbe', '/spbe/evaluasi', '/spbe/rekomendasi', '/spbe/peta-rencana', '/spbe/peta-rencana/B-13', '/spbe/aplikasi', '/spbe/arsitektur', '/spbe/arsitektur/NTB.08.05', '/spbe/kerangka']) {
    const r = await anon.get(url);
    assert.equal(r.statusCode, 200, `${url}: ${r.statusCode}`);
  }
  const fws = JSON.parse((await anon.request({ method: 'GET', url: '/api/v1/spbe/frameworks', headers: { accept: 'application/json' } })).body).data;
  const j = await anon.get(`/spbe/kerangka/${fws[0].id}.json`);
  assert.equal(JSON.parse(j.body).indicators.length, fws[0].indicators);
  assert.equal((await anon.get(`/spbe/kerangka/${fws[0].id}.xlsx`)).statusCode, 200);
  const rec = await anon.get('/spbe/rekomendasi');
  assert.ok(rec.body.includes('Kampung Media'));
  assert.ok(rec.body.includes('.ntbprov.go.id'));
});
