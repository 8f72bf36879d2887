/** Public data requests: a citizen proposes, the walidata follows up, the requester is told; others may not. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { MODULES } from '../../../src/app.ts';
import { dataModule } from '../../../src/modules/data/index.ts';
if (!MODULES.includes(dataModule)) MODULES.push(dataModule);
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';

let p: TestPlatform;
before(async () => { p = await startTestPlatform({ seedDemo: true }); });
after(async () => { await p?.close(); });

test('walidata follows up a data request; a decline needs a reason; the requester is e-mailed; a producer cannot', async () => {
  const citizen = p.anon();
  await citizen.get('/data/usulan');
  const sent = await citizen.postForm('/data/usulan', { title: 'Data jumlah nelayan per desa', description: 'Untuk penelitian', email: 'peneliti@test.example' });
  assert.equal(sent.statusCode, 303);
  const code = sent.headers.location!.split('/').pop()!;
  const publicPage = await citizen.get(`/data/usulan/${code}`);
  assert.match(publicPage.body, /Diajukan/);
  assert.doesNotMatch(publicPage.body, /Tindak lanjut walidata/);
  assert.doesNotMatch(publicPage.body, /peneliti@test\.example/);

  const producer = await p.loginAs([{ org: 'dinas-contoh', role: 'produsen_data' }]);
  assert.equal((await producer.postForm(`/data/usulan/${code}/tanggapan`, { status: 'dipenuhi', response: 'x' })).statusCode, 404);

  const walidata = await p.loginAs([{ org: 'diskominfotik', role: 'walidata' }]);
  const noReason = await walidata.postForm(`/data/usulan/${code}/tanggapan`, { status: 'ditolak', response: '' });
  assert.equal(noReason.statusCode, 422);
  assert.match(noReason.body, /Alasan wajib diisi bila usulan ditolak/);
  const badSlug = await walidata.postForm(`/data/usulan/${code}/tanggapan`, { status: 'dipenuhi', response: 'Sudah ada', datasetSlug: 'tidak-ada' });
  assert.match(badSlug.body, /Tidak ada dataset terpublikasi dengan slug ini/);
  const slug = (await p.ctx.pool.query('SELECT slug FROM data_datasets WHERE published_revision_id IS NOT NULL ORDER BY slug LIMIT 1')).rows[0].slug;
  const ok = await walidata.postForm(`/data/usulan/${code}/tanggapan`, { status: 'dipenuhi', response: 'Data tersedia di dataset ini.', datasetSlug: slug });
  assert.equal(ok.statusCode, 200);
  const after = await citizen.get(`/data/usulan/${code}`);
  assert.match(after.body, /Dipenuhi/);
  assert.match(after.body, /Data tersedia di dataset ini\./);
  assert.ok(after.body.includes(`href="/data/${slug}"`));
  const audited = await p.ctx.pool.query(`SELECT after FROM audit_log WHERE action = 'data.request.respond'`);
  assert.equal(audited.rows.length, 1);
  await p.ctx.mailer.flush(p.ctx.pool);
  const outbox = path.join(p.dataDir, 'outbox');
  const mails = fs.readdirSync(outbox).map((f) => fs.readFileSync(path.join(outbox, f), 'utf8'));
  assert.ok(mails.some((m) => m.includes('To: peneliti@test.example') && m.includes(`/data/usulan/${code}`) && m.includes('Dipenuhi')));
});
