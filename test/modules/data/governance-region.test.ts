/**
 * A walidata of a regency/city acts only on organisations of their region; the provincial walidata stays
 * province-wide. Monitoring views and the weekly monitoring e-mail follow the same reach.
 */
import { MODULES } from '../../../src/app.ts';
import { dataModule } from '../../../src/modules/data/index.ts';
if (!MODULES.includes(dataModule)) MODULES.push(dataModule);
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { TestAgent } from '../../helpers/agent.ts';
import { actorFor, findUserById } from '../../../src/core/auth/users.repo.ts';
import { can, type Actor } from '../../../src/core/policy.ts';
import { createDataset, addLinkResource, transition } from '../../../src/modules/data/dataset.service.ts';
import { loadOrganisationDirectory, monitoringScope, walidataScope, workflowActor, isWalidata } from '../../../src/modules/data/data.policy.ts';
import { monitoringFigures, weeklyView } from '../../../src/modules/data/monitoring.service.ts';
import { sendWeeklyDigest, isoWeek, makassarYear, WEEKLY_DIGEST_CRON } from '../../../src/modules/data/weekly-digest.ts';

let p: TestPlatform;
const tokens: Record<string, string> = {};
const users: Record<string, { id: string; email: string; password: string }> = {};
const actors: Record<string, Actor> = {};
const orgs: Record<string, string> = {};
const revs: Record<string, string> = {};
const NOW = new Date();
const YEAR = makassarYear(NOW);

const META = {
  description: 'Uji wilayah', sector: 'sosial', topic: 'Kesehatan', tags: [], licence: 'CC-BY-4.0', temporalStart: null, temporalEnd: null,
  regionCodes: ['52'], frequency: 'tahunan', level: 'kabupaten_kota', contactRole: 'Produsen', source: 'Uji', notes: '', msInd: { definition: 'Uji' }, msKeg: {},
};
const CHECKLIST = { metadata_complete: true, schema_valid: true, reference_codes: true, open_format: true };
const TITLES = { prov: 'Data Dinas Provinsi Uji', lobar: 'Data Dinkes Lombok Barat Uji', mataram: 'Data Dinas Kota Mataram Uji' };
const ITEMS = { prov: 'Item Terlambat Provinsi', lobar: 'Item Terlambat Lombok Barat', mataram: 'Item Terlambat Mataram' };

async function api(who: string, method: string, url: string, body?: unknown) {
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${tokens[who]}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return p.app.inject({ method: method as never, url, headers, payload: body === undefined ? undefined : JSON.stringify(body) });
}

async function user(name: string, org: string, role: Parameters<TestPlatform['createUser']>[0][0]['role']) {
  users[name] = await p.createUser([{ org, role }]);
  tokens[name] = await p.apiToken(users[name].id);
  actors[name] = await actorFor(p.ctx.pool, (await findUserById(p.ctx.pool, users[name].id))!, 'session');
}

before(async () => {
  p = await startTestPlatform();
  const pool = p.ctx.pool;
  // Organisations created after the platform started: the policy's directory must pick them up.
  await pool.query(`INSERT INTO organisations (slug, name, type, region_code) VALUES ('dinkes-lombok-barat-uji', 'Dinas Kesehatan Lombok Barat (Uji)', 'dinas', '52.01'),
    ('dinas-kota-mataram-uji', 'Dinas Kota Mataram (Uji)', 'dinas', '52.71')`);
  await user('provWalidata', 'diskominfotik', 'walidata');
  await user('lobarWalidata', 'kab-lombok-barat', 'walidata');
  await user('leader', 'setda', 'leader');
  await user('provProdusen', 'dinas-provinsi-uji', 'produsen_data');
  await user('lobarProdusen', 'dinkes-lombok-barat-uji', 'produsen_data');
  await user('lobarKepala', 'dinkes-lombok-barat-uji', 'kepala_opd');
  await user('mataramProdusen', 'dinas-kota-mataram-uji', 'produsen_data');
  await pool.query(`UPDATE users SET locale = 'en' WHERE id = $1`, [users.lobarWalidata.id]);
  for (const [k, slug] of [['prov', 'dinas-provinsi-uji'], ['lobar', 'dinkes-lombok-barat-uji'], ['mataram', 'dinas-kota-mataram-uji']]) {
    orgs[k] = (await pool.query('SELECT id FROM organisations WHERE slug = $1', [slug])).rows[0].id;
  }
  for (const [k, producer] of [['prov', 'provProdusen'], ['lobar', 'lobarProdusen'], ['mataram', 'mataramProdusen']] as const) {
    const { revisionId } = await createDataset(p.ctx, actors[producer], { ...META, title: TITLES[k], organisationId: orgs[k] });
    await addLinkResource(p.ctx, actors[producer], revisionId, { name: 'Tabel', url: 'https://example.org/tabel.csv', format: 'csv', description: '' });
    await transition(p.ctx, actors[producer], revisionId, 'submit');
    revs[k] = revisionId;
  }
  await pool.query('INSERT INTO data_list_years (year) VALUES ($1) ON CONFLICT DO NOTHING', [YEAR]);
  for (const k of ['prov', 'lobar', 'mataram'] as const) {
    await pool.query(`INSERT INTO data_list_items (year, name, organisation_id, sector, frequency, level, release_date) VALUES ($1, $2, $3, 'sosial', 'tahunan', 'provinsi', '2000-01-01')`, [YEAR, ITEMS[k], orgs[k]]);
  }
});
after(async () => { await p?.close(); });

test('a regency walidata cannot see or check a provincial agency\'s dataset (404), nor another regency\'s', async () => {
  for (const k of ['prov', 'mataram']) {
    assert.equal((await api('lobarWalidata', 'GET', `/api/v1/data/revisions/${revs[k]}`)).statusCode, 404);
    const r = await api('lobarWalidata', 'POST', `/api/v1/data/revisions/${revs[k]}/transitions`, { event: 'check', checklist: CHECKLIST });
    assert.equal(r.statusCode, 404, r.body);
    const ret = await api('lobarWalidata', 'POST', `/api/v1/data/revisions/${revs[k]}/transitions`, { event: 'return', note: 'x' });
    assert.equal(ret.statusCode, 404);
  }
  const agent = new TestAgent(p.app);
  await agent.login(users.lobarWalidata.email, users.lobarWalidata.password);
  assert.equal((await agent.get(`/data/kerja/revisi/${revs.prov}`)).statusCode, 404);
  assert.equal((await agent.get(`/data/kerja/revisi/${revs.lobar}`)).statusCode, 200);
  const state = (await p.ctx.pool.query('SELECT state FROM data_revisions WHERE id = $1', [revs.prov])).rows[0].state;
  assert.equal(state, 'submitted', 'nothing changed');
});

test('a regency walidata checks a dataset of an agency in their region (organisation created after start-up)', async () => {
  const r0 = await api('lobarWalidata', 'GET', `/api/v1/data/revisions/${revs.lobar}`);
  assert.equal(r0.statusCode, 200);
  const r = await api('lobarWalidata', 'POST', `/api/v1/data/revisions/${revs.lobar}/transitions`, { event: 'check', checklist: CHECKLIST });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().state, 'checked');
  assert.equal((await api('lobarKepala', 'POST', `/api/v1/data/revisions/${revs.lobar}/transitions`, { event: 'validate' })).json().state, 'validated');
  const pub = await api('lobarWalidata', 'POST', `/api/v1/data/revisions/${revs.lobar}/transitions`, { event: 'publish' });
  assert.equal(pub.json().state, 'published');
});

test('the provincial walidata stays province-wide', async () => {
  assert.equal((await api('provWalidata', 'GET', `/api/v1/data/revisions/${revs.mataram}`)).statusCode, 200);
  const r = await api('provWalidata', 'POST', `/api/v1/data/revisions/${revs.prov}/transitions`, { event: 'check', checklist: CHECKLIST });
  assert.equal(r.json().state, 'checked', r.body);
});

test('policy: reach, province-wide duties, data list items and the workflow actor', async () => {
  await loadOrganisationDirectory(p.ctx.pool);
  const lobar = actors.lobarWalidata;
  const prov = actors.provWalidata;
  assert.deepEqual(walidataScope(lobar), ['52.01']);
  assert.equal(walidataScope(prov), 'all');
  assert.equal(isWalidata(lobar), false);
  assert.equal(isWalidata(prov), true);
  assert.deepEqual(monitoringScope(lobar), ['52.01']);
  assert.equal(monitoringScope(actors.leader), 'all');
  assert.deepEqual(workflowActor(lobar, orgs.lobar).roles, ['walidata']);
  assert.deepEqual(workflowActor(lobar, orgs.prov).roles, []);
  assert.deepEqual(workflowActor(prov, orgs.mataram).roles, ['walidata']);
  assert.equal(can(lobar, 'data.list.edit_item', { organisationId: orgs.lobar, frozen: false }), true);
  assert.equal(can(lobar, 'data.list.edit_item', { organisationId: orgs.prov, frozen: false }), false);
  assert.equal(can(lobar, 'data.list.comment', { organisationId: orgs.mataram }), false);
  for (const action of ['data.workspace.use', 'data.monitor.read']) assert.equal(can(lobar, action), true, action);
  for (const action of ['data.settings.manage', 'data.report.manage', 'data.requests.manage', 'data.list.manage', 'data.request.respond']) {
    assert.equal(can(lobar, action), false, action);
    assert.equal(can(prov, action), true, action);
  }
  // a child region (kecamatan-level organisation of Lombok Barat) is in reach; the regency's own pemda too
  await p.ctx.pool.query(`INSERT INTO regions (code, name, level, parent_code) VALUES ('52.01.01', 'Gerung (Uji)', 'kecamatan', '52.01') ON CONFLICT DO NOTHING`);
  const { rows } = await p.ctx.pool.query(`INSERT INTO organisations (slug, name, type, region_code) VALUES ('kecamatan-gerung-uji', 'Kecamatan Gerung (Uji)', 'lainnya', '52.01.01') RETURNING id`);
  await loadOrganisationDirectory(p.ctx.pool);
  assert.deepEqual(workflowActor(lobar, rows[0].id).roles, ['walidata']);
  const pemda = (await p.ctx.pool.query(`SELECT id FROM organisations WHERE slug = 'kab-lombok-barat'`)).rows[0].id;
  assert.deepEqual(workflowActor(lobar, pemda).roles, ['walidata']);
});

test('monitoring figures and the weekly view of a regency walidata show only their region', async () => {
  const scope = monitoringScope(actors.lobarWalidata);
  const mine = await monitoringFigures(p.ctx.pool, YEAR, { scope });
  assert.deepEqual(mine.byOrg.map((r) => r.organisation), ['Dinas Kesehatan Lombok Barat (Uji)']);
  assert.equal(mine.total.items, 1);
  const all = await monitoringFigures(p.ctx.pool, YEAR);
  assert.equal(all.total.items, 3);
  const week = await weeklyView(p.ctx.pool, YEAR, { scope });
  assert.ok(week.changes.length >= 4);
  assert.ok(week.changes.every((c) => c.title === TITLES.lobar));
  assert.deepEqual(week.overdue.map((i) => i.name), [ITEMS.lobar]);
  const weekAll = await weeklyView(p.ctx.pool, YEAR);
  assert.deepEqual(new Set(weekAll.changes.map((c) => c.title)), new Set(Object.values(TITLES)));
  assert.equal(weekAll.overdue.length, 3);
});

test('ISO week in Asia/Makassar; the job runs Monday 07:00 WITA', () => {
  assert.equal(WEEKLY_DIGEST_CRON, '0 23 * * 0');
  assert.equal(isoWeek(new Date('2026-11-22T23:00:00Z')), '2026-W48', 'Sunday 23:00 UTC is Monday 23 November 07:00 WITA');
  assert.equal(isoWeek(new Date('2026-11-22T15:59:00Z')), '2026-W47', 'still Sunday 23:59 WITA');
  assert.equal(isoWeek(new Date('2026-12-31T20:00:00Z')), '2026-W53', 'Friday 1 January 2027 belongs to the last week of 2026');
  assert.equal(isoWeek(new Date('2027-01-03T23:00:00Z')), '2027-W01');
});

test('weekly digest: each walidata and leader gets one e-mail per ISO week in their language; a regency walidata only their region', async () => {
  const pool = p.ctx.pool;
  const digestMails = async () => (await pool.query(`SELECT to_address, subject, body FROM mail_outbox WHERE subject LIKE '%Satu Data NTB%' ORDER BY id`)).rows;
  const expected = (await pool.query(`SELECT count(DISTINCT m.user_id)::int AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.is_active AND m.role IN ('walidata', 'leader')`)).rows[0].n;
  const first = await sendWeeklyDigest(p.ctx, NOW);
  assert.equal(first.week, isoWeek(NOW));
  assert.equal(first.sent, expected);
  const mails = await digestMails();
  assert.equal(mails.length, expected);
  const to = (name: string) => mails.find((m) => m.to_address === users[name].email);

  const lobar = to('lobarWalidata');
  assert.ok(lobar, 'the regency walidata is a recipient');
  assert.equal(lobar.subject, `[NTB Terbuka] Satu Data NTB weekly digest — ${first.week}`);
  assert.match(lobar.body, /Scope: Lombok Barat \(52\.01\)/);
  assert.match(lobar.body, /Dear /);
  assert.match(lobar.body, new RegExp(TITLES.lobar));
  assert.match(lobar.body, new RegExp(ITEMS.lobar));
  for (const other of [TITLES.prov, TITLES.mataram, ITEMS.prov, ITEMS.mataram]) assert.doesNotMatch(lobar.body, new RegExp(other));
  assert.match(lobar.body, /Regional data list \d{4}: 1 data types/);

  for (const name of ['provWalidata', 'leader']) {
    const m = to(name);
    assert.ok(m, name);
    assert.equal(m.subject, `[NTB Terbuka] Ringkasan mingguan Satu Data NTB — ${first.week}`);
    assert.match(m.body, /Cakupan: seluruh Provinsi NTB/);
    for (const s of [...Object.values(TITLES), ...Object.values(ITEMS)]) assert.match(m.body, new RegExp(s), `${name}: ${s}`);
    assert.match(m.body, /Publikasikan · Data Dinkes Lombok Barat Uji \(Dinas Kesehatan Lombok Barat \(Uji\)\) — Pengguna Uji/);
    assert.match(m.body, /\/data\/kerja\/pemantauan\?year=/);
  }
  assert.equal(to('provProdusen'), undefined, 'producers get no digest');

  // a re-run in the same week (a retry, a second worker) sends nothing twice
  const again = await sendWeeklyDigest(p.ctx, new Date(NOW.getTime() + 60_000));
  assert.equal(again.sent, 0);
  assert.equal((await digestMails()).length, expected);
  const rows = await pool.query(`SELECT user_id, scope FROM data_weekly_digests WHERE iso_week = $1`, [first.week]);
  assert.equal(rows.rows.length, expected);
  assert.deepEqual(rows.rows.find((r) => r.user_id === users.lobarWalidata.id).scope, ['52.01']);

  // delivered through the core outbox (files without SMTP)
  await p.ctx.mailer.flush(pool);
  const files = fs.readdirSync(path.join(p.dataDir, 'outbox')).map((f) => fs.readFileSync(path.join(p.dataDir, 'outbox', f), 'utf8'));
  assert.ok(files.some((f) => f.includes(`To: ${users.lobarWalidata.email}`) && f.includes('Satu Data NTB weekly digest')));

  // next week: sent again
  const next = await sendWeeklyDigest(p.ctx, new Date(NOW.getTime() + 7 * 86_400_000));
  assert.notEqual(next.week, first.week);
  assert.equal(next.sent, expected);
});

test('tasks, notifications and the monitoring page follow the regency walidata\'s reach', async () => {
  const { myTasks } = await import('../../../src/modules/data/dataset.service.ts');
  // fresh submissions in three places (earlier tests moved the first ones on)
  const fresh = { lobar: 'Tugas Baru Lombok Barat', prov: 'Tugas Baru Provinsi', mataram: 'Tugas Baru Mataram' };
  for (const [k, producer] of [['prov', 'provProdusen'], ['lobar', 'lobarProdusen'], ['mataram', 'mataramProdusen']] as const) {
    const { revisionId } = await createDataset(p.ctx, actors[producer], { ...META, title: fresh[k], organisationId: orgs[k] });
    await addLinkResource(p.ctx, actors[producer], revisionId, { name: 'Tabel', url: 'https://example.org/tabel.csv', format: 'csv', description: '' });
    await transition(p.ctx, actors[producer], revisionId, 'submit');
  }
  const lobarTasks = (await myTasks(p.ctx.pool, actors.lobarWalidata)).map((t) => t.title);
  assert.ok(lobarTasks.includes(fresh.lobar), 'own region\'s submission is a task');
  assert.ok(!lobarTasks.includes(fresh.prov) && !lobarTasks.includes(fresh.mataram), lobarTasks.join(', '));
  const provTasks = (await myTasks(p.ctx.pool, actors.provWalidata)).map((t) => t.title);
  for (const t of Object.values(fresh)) assert.ok(provTasks.includes(t), `provincial walidata has ${t}`);
  // the submissions notified the walidata covering each organisation only
  const notes = async (uid: string) => {
    const titles = (await p.ctx.pool.query(`SELECT title FROM notifications WHERE user_id = $1 AND kind = 'data.submit'`, [uid])).rows.map((r) => r.title as string);
    return Object.values(TITLES).filter((t) => titles.some((x) => x.includes(t))).sort();
  };
  assert.deepEqual(await notes(users.lobarWalidata.id), [TITLES.lobar]);
  assert.deepEqual(await notes(users.provWalidata.id), Object.values(TITLES).sort());
  // the monitoring page of the regency walidata lists their region's items, not the others
  const agent = new TestAgent(p.app);
  await agent.login(users.lobarWalidata.email, users.lobarWalidata.password);
  const page = await agent.get(`/data/kerja/pemantauan?year=${YEAR}`);
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes(ITEMS.lobar));
  assert.ok(!page.body.includes(ITEMS.prov) && !page.body.includes(ITEMS.mataram));
});
