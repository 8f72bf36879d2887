import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { queueMail } from '../../src/core/mail.ts';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../../src/core/http/errors.ts';

let p: TestPlatform;
before(async () => { p = await startTestPlatform({ startJobs: true }); });
after(async () => { await p?.close(); });

test('pg-boss runs jobs on this database: queued mail is delivered by the core.mail.flush job', async () => {
  await queueMail(p.ctx.pool, { to: 'warga@test.example', subject: 'Uji antrean', text: 'Isi' });
  const id = await p.ctx.jobs.send('core.mail.flush', {});
  assert.ok(id);
  const outbox = path.join(p.dataDir, 'outbox');
  const until = Date.now() + 20_000;
  let found = false;
  while (!found && Date.now() < until) {
    found = fs.existsSync(outbox) && fs.readdirSync(outbox).some((f) => fs.readFileSync(path.join(outbox, f), 'utf8').includes('Subject: Uji antrean'));
    if (!found) await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(found, 'mail delivered by the job');
  const row = (await p.ctx.pool.query(`SELECT sent_at FROM mail_outbox WHERE subject = 'Uji antrean'`)).rows[0];
  assert.ok(row.sent_at);
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

test('files: stored by content type, hashed, streamed back', async () => {
  const f = await p.ctx.files.save(p.ctx.pool, Readable.from([PNG, Buffer.alloc(100)]), { originalName: 'foto peta.png', accept: ['image'] });
  assert.equal(f.mime, 'image/png');
  assert.equal(f.size, PNG.length + 100);
  assert.match(f.sha256, /^[0-9a-f]{64}$/);
  const back = await p.ctx.files.open((await p.ctx.files.find(p.ctx.pool, f.id))!);
  const chunks: Buffer[] = [];
  for await (const c of back) chunks.push(c as Buffer);
  assert.equal(Buffer.concat(chunks).length, f.size);
});

test('files: too large, empty, wrong type and a .jpg that is an executable are refused, nothing kept', async () => {
  const before = (await p.ctx.pool.query('SELECT count(*)::int AS n FROM files')).rows[0].n;
  const big = Readable.from((function* () { for (let i = 0; i < 40; i++) yield Buffer.alloc(64 * 1024, 1); })());
  await assert.rejects(p.ctx.files.save(p.ctx.pool, big, { originalName: 'besar.csv', accept: ['csv'], maxBytes: 1024 * 1024 }), (e: any) => e instanceof PayloadTooLargeError && e.fields[0].key === 'file.tooLarge');
  await assert.rejects(p.ctx.files.save(p.ctx.pool, Readable.from([Buffer.alloc(0)]), { originalName: 'kosong.csv', accept: ['csv'] }), (e: any) => e.fields[0].key === 'file.empty');
  const exe = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000b800000000000000400000000000000000000000000000000000000000000000000000000000000000000000800000000e1fba0e00b409cd21b8014ccd21546869732070726f6772616d2063616e6e6f742062652072756e20696e20444f53206d6f64652e0d0d0a2400000000000000', 'hex'), Buffer.alloc(200)]);
  await assert.rejects(p.ctx.files.save(p.ctx.pool, Readable.from([exe]), { originalName: 'foto.jpg', accept: ['image'] }), (e: any) => e instanceof UnsupportedMediaTypeError && e.fields[0].key === 'file.typeNotAllowed');
  await assert.rejects(p.ctx.files.save(p.ctx.pool, Readable.from([PNG]), { originalName: 'surat.pdf', accept: ['image', 'pdf'] }), (e: any) => e.fields[0].key === 'file.typeMismatch');
  await assert.rejects(p.ctx.files.save(p.ctx.pool, Readable.from([Buffer.from('a,b\n1,2\n')]), { originalName: 'data.csv', accept: ['image', 'pdf'] }), (e: any) => e.fields[0].key === 'file.typeNotAllowed');
  assert.equal((await p.ctx.pool.query('SELECT count(*)::int AS n FROM files')).rows[0].n, before);
  assert.deepEqual(fs.readdirSync(path.join(p.dataDir, 'tmp')), [], 'no temporary file left behind');
});

test('regions CSV import: bad rows reported by row and column, none imported; good file imported', async () => {
  const { importRegionsCsv } = await import('../../src/core/seed/regions-import.ts');
  const { SYSTEM_ACTOR } = await import('../../src/core/policy.ts');
  const bad = path.join(p.dataDir, 'bad.csv');
  fs.writeFileSync(bad, 'kode;nama\n52.01.01;Sekotong\n52.99;Salah\n52.01.01.2001;\n');
  const r1 = await importRegionsCsv(p.ctx.pool, SYSTEM_ACTOR, bad);
  assert.equal(r1.imported, 0);
  assert.deepEqual(r1.errors.map((e) => [e.row, e.column]), [[3, 'code'], [4, 'name']]);
  assert.equal((await p.ctx.pool.query(`SELECT count(*)::int AS n FROM regions WHERE level = 'kecamatan'`)).rows[0].n, 0);
  const good = path.join(p.dataDir, 'good.csv');
  fs.writeFileSync(good, '\ufeffkode,nama\n52.01.01,Sekotong\n52.01.01.2001,Sekotong Barat\n52.71.01,Ampenan\n52.71.01.1001,Ampenan Selatan\n');
  const r2 = await importRegionsCsv(p.ctx.pool, SYSTEM_ACTOR, good);
  assert.equal(r2.imported, 4);
  const kids = (await p.anon().get('/api/v1/regions?parent=52.71.01')).json().data;
  assert.deepEqual(kids.map((k: any) => [k.code, k.level]), [['52.71.01.1001', 'kelurahan']]);
});
