/**
 * The walidata's settings page: automatic publication after validation on/off and its delay, with CSRF,
 * policy, validation messages (id/en) and audit; the setting drives the workflow and the auto-publish job.
 */
import { MODULES } from '../../../src/app.ts';
import { dataModule } from '../../../src/modules/data/index.ts';
if (!MODULES.includes(dataModule)) MODULES.push(dataModule);
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { actorFor, findUserById } from '../../../src/core/auth/users.repo.ts';
import type { Actor } from '../../../src/core/policy.ts';
import { createDataset, addLinkResource, transition } from '../../../src/modules/data/dataset.service.ts';
import { publishDue } from '../../../src/modules/data/auto-publish.ts';

let p: TestPlatform;
type Agent = Awaited<ReturnType<TestPlatform['loginAs']>>;
let walidata: Agent;
let produsen: Actor;
let kepala: Actor;
let walidataActor: Actor;
let orgId = '';

const META = {
  title: 'Data Uji Terbit Otomatis', description: 'Uji', sector: 'ekonomi', topic: 'Uji', tags: [], licence: 'CC-BY-4.0', temporalStart: null, temporalEnd: null,
  regionCodes: ['52'], frequency: 'tahunan', level: 'provinsi', contactRole: 'Produsen', source: 'Uji', notes: '', msInd: { definition: 'Uji' }, msKeg: {},
};
const CHECKLIST = { metadata_complete: true, schema_valid: true, reference_codes: true, open_format: true };

async function actorOf(userId: string): Promise<Actor> {
  return actorFor(p.ctx.pool, (await findUserById(p.ctx.pool, userId))!, 'session');
}

/** A revision taken through the SOP up to "validated" (a link resource in an open format). */
async function validatedRevision(title: string): Promise<string> {
  const { revisionId } = await createDataset(p.ctx, produsen, { ...META, title, organisationId: orgId });
  await addLinkResource(p.ctx, produsen, revisionId, { name: 'Tabel', url: 'https://example.org/tabel.csv', format: 'csv', description: '' });
  await transition(p.ctx, produsen, revisionId, 'submit');
  await transition(p.ctx, walidataActor, revisionId, 'check', { checklist: CHECKLIST });
  assert.equal(await transition(p.ctx, kepala, revisionId, 'validate'), 'validated');
  return revisionId;
}

async function revision(id: string) {
  return (await p.ctx.pool.query('SELECT state, validated_at, auto_publish_at FROM data_revisions WHERE id = $1', [id])).rows[0];
}

before(async () => {
  p = await startTestPlatform();
  walidata = await p.loginAs([{ org: 'diskominfotik', role: 'walidata' }]);
  walidataActor = await actorOf(walidata.userId);
  produsen = await actorOf((await p.createUser([{ org: 'dinas-otomatis', role: 'produsen_data' }])).id);
  kepala = await actorOf((await p.createUser([{ org: 'dinas-otomatis', role: 'kepala_opd' }])).id);
  orgId = produsen.memberships[0].organisationId;
});
after(async () => { await p?.close(); });

test('only the provincial walidata opens the settings page', async () => {
  const r = await walidata.get('/data/kerja/pengaturan');
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /Penerbitan otomatis setelah validasi/);
  assert.match(r.body, /Nonaktif/);
  assert.match(r.body, /name="delayMinutes"[^>]*value="3"/, 'the SOP norm is the default delay');
  assert.match(r.body, /name="_csrf"/);
  const prod = await p.loginAs([{ org: 'dinas-otomatis', role: 'produsen_data' }]);
  assert.equal((await prod.get('/data/kerja/pengaturan')).statusCode, 403);
  assert.equal((await prod.postForm('/data/kerja/pengaturan', { enabled: '1', delayMinutes: '0' })).statusCode, 403);
  const regency = await p.loginAs([{ org: 'kab-lombok-barat', role: 'walidata' }]);
  assert.equal((await regency.get('/data/kerja/pengaturan')).statusCode, 403, 'a regency walidata does not set province-wide rules');
  const anon = await p.anon().get('/data/kerja/pengaturan');
  assert.ok([302, 303, 401].includes(anon.statusCode));
  const setting = await p.ctx.pool.query(`SELECT count(*)::int AS n FROM data_settings`);
  assert.equal(setting.rows[0].n, 0);
});

test('a POST without the CSRF token changes nothing', async () => {
  const r = await walidata.request({ method: 'POST', url: '/data/kerja/pengaturan', payload: 'enabled=1&delayMinutes=5', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.statusCode, 403);
  assert.equal((await p.ctx.pool.query(`SELECT count(*)::int AS n FROM data_settings`)).rows[0].n, 0);
});

test('invalid values are refused with the field and the reason, in Indonesian and English', async () => {
  let r = await walidata.postForm('/data/kerja/pengaturan', { enabled: '1', delayMinutes: '2000' });
  assert.equal(r.statusCode, 422);
  assert.match(r.body, /Jeda \(menit\): 2000 menit di luar batas: jeda harus antara 0 dan 1440 menit/);
  assert.match(r.body, /aria-invalid="true"/);
  r = await walidata.postForm('/data/kerja/pengaturan', { enabled: '1', delayMinutes: '' });
  assert.match(r.body, /Jeda \(menit\): Isi jeda dalam menit/);
  r = await walidata.postForm('/data/kerja/pengaturan', { enabled: '1', delayMinutes: '2,5', reason: 'x'.repeat(501) });
  assert.match(r.body, /&quot;2,5&quot; bukan bilangan bulat menit/);
  assert.match(r.body, /Alasan perubahan \(opsional\): Alasan terlalu panjang \(501 karakter\)/);
  await walidata.get('/data/kerja/pengaturan?lang=en');
  r = await walidata.postForm('/data/kerja/pengaturan', { enabled: '1', delayMinutes: '-1' });
  assert.equal(r.statusCode, 422);
  assert.match(r.body, /Delay \(minutes\): -1 minutes is out of range: the delay must be between 0 and 1440 minutes/);
  r = await walidata.postForm('/data/kerja/pengaturan', { enabled: '1', delayMinutes: 'tiga' });
  assert.match(r.body, /&quot;tiga&quot; is not a whole number of minutes/);
  await walidata.get('/data/kerja/pengaturan?lang=id');
  assert.equal((await p.ctx.pool.query(`SELECT count(*)::int AS n FROM data_settings`)).rows[0].n, 0, 'nothing stored');
  assert.equal((await p.ctx.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'data.settings.update'`)).rows[0].n, 0);
});

test('turning it on schedules validated revisions; the job publishes them when due (audited)', async () => {
  // off: validation schedules nothing and the job publishes nothing
  const before = await validatedRevision('Data Uji Sebelum Aktif');
  assert.equal((await revision(before)).auto_publish_at, null);

  const r = await walidata.postForm('/data/kerja/pengaturan', { enabled: '1', delayMinutes: '5', reason: 'Sesuai SOP dengan jeda pemeriksaan' });
  assert.equal(r.statusCode, 303);
  assert.equal(r.headers.location, '/data/kerja/pengaturan?disimpan=1');
  const page = await walidata.get('/data/kerja/pengaturan?disimpan=1');
  assert.match(page.body, /Pengaturan disimpan/);
  assert.match(page.body, /Aktif, 5 menit setelah validasi/);
  const stored = await p.ctx.pool.query(`SELECT key, value FROM data_settings ORDER BY key`);
  assert.deepEqual(stored.rows.map((x) => [x.key, x.value]), [['auto_publish_delay_minutes', 5], ['auto_publish_minutes', 5]]);
  const audit = await p.ctx.pool.query(`SELECT actor_id, before, after FROM audit_log WHERE action = 'data.settings.update'`);
  assert.equal(audit.rows.length, 1);
  assert.equal(audit.rows[0].actor_id, walidata.userId);
  assert.deepEqual(audit.rows[0].before, { enabled: false, delayMinutes: 3 });
  assert.equal(audit.rows[0].after.enabled, true);
  assert.equal(audit.rows[0].after.delayMinutes, 5);
  assert.equal(audit.rows[0].after.reason, 'Sesuai SOP dengan jeda pemeriksaan');

  assert.equal((await revision(before)).auto_publish_at, null, 'revisions validated while it was off still wait for the walidata');
  const rev = await validatedRevision('Data Uji Terbit Otomatis');
  const v = await revision(rev);
  assert.equal(new Date(v.auto_publish_at).getTime() - new Date(v.validated_at).getTime(), 5 * 60_000);
  assert.match((await walidata.get('/data/kerja/pengaturan')).body, /Data Uji Terbit Otomatis/, 'listed as waiting');
  assert.equal(await publishDue(p.ctx, new Date(Date.now() + 60_000)), 0, 'not yet due');
  assert.equal(await publishDue(p.ctx, new Date(Date.now() + 6 * 60_000)), 1);
  assert.equal((await revision(rev)).state, 'published');
  assert.equal((await revision(before)).state, 'validated');
});

test('changing the delay reschedules waiting revisions; turning it off cancels them and stops the job', async () => {
  const rev = await validatedRevision('Data Uji Dijadwalkan Ulang');
  let r = await walidata.postForm('/data/kerja/pengaturan', { enabled: '1', delayMinutes: '60' });
  assert.equal(r.statusCode, 303);
  let v = await revision(rev);
  assert.equal(new Date(v.auto_publish_at).getTime() - new Date(v.validated_at).getTime(), 60 * 60_000);
  assert.equal(await publishDue(p.ctx, new Date(Date.now() + 6 * 60_000)), 0, 'the old 5-minute schedule no longer applies');

  r = await walidata.postForm('/data/kerja/pengaturan', { delayMinutes: '60', reason: 'Ditinjau manual' });
  assert.equal(r.statusCode, 303);
  v = await revision(rev);
  assert.equal(v.auto_publish_at, null);
  const stored = await p.ctx.pool.query(`SELECT key, value FROM data_settings ORDER BY key`);
  assert.deepEqual(stored.rows.map((x) => [x.key, x.value]), [['auto_publish_delay_minutes', 60], ['auto_publish_minutes', null]]);
  const page = await walidata.get('/data/kerja/pengaturan');
  assert.match(page.body, /Nonaktif/);
  assert.match(page.body, /name="delayMinutes"[^>]*value="60"/, 'the delay is remembered while off');
  const audit = await p.ctx.pool.query(`SELECT after FROM audit_log WHERE action = 'data.settings.update' ORDER BY id DESC LIMIT 1`);
  assert.equal(audit.rows[0].after.cancelled, 1);

  // even a revision scheduled behind the page's back is not published while the setting is off
  await p.ctx.pool.query(`UPDATE data_revisions SET auto_publish_at = now() - interval '1 minute' WHERE id = $1`, [rev]);
  assert.equal(await publishDue(p.ctx, new Date(Date.now() + 3600_000)), 0);
  assert.equal((await revision(rev)).state, 'validated');
  // a new validation schedules nothing
  const later = await validatedRevision('Data Uji Setelah Nonaktif');
  assert.equal((await revision(later)).auto_publish_at, null);
});
