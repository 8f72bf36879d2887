import { MODULES } from '../../../src/app.ts';
import { careModule } from '../../../src/modules/care/index.ts';
if (!MODULES.includes(careModule)) MODULES.push(careModule);
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { seedCare } from '../../../src/modules/care/care.seed.ts';
import { complaintStats, defaultPeriod, refreshRollup } from '../../../src/modules/care/stats.service.ts';

let p: TestPlatform;
before(async () => { p = await startTestPlatform({ seedDemo: true }); });
after(async () => { await p?.close(); });

test('demo content: a few dozen synthetic reports across every status, all marked as demonstration data', async () => {
  const { rows } = await p.ctx.pool.query('SELECT state, count(*)::int AS n, bool_and(is_demo) AS demo FROM care_reports GROUP BY state');
  const byState = Object.fromEntries(rows.map((r) => [r.state, r.n]));
  for (const s of ['diterima', 'terverifikasi', 'ditolak', 'didisposisi', 'menunggu_pelapor', 'ditindaklanjuti', 'selesai']) assert.ok(byState[s] > 0, `no demo report in ${s}`);
  assert.ok(rows.every((r) => r.demo));
  assert.ok(rows.reduce((a, r) => a + r.n, 0) >= 20);
  const board = await p.anon().get('/pengaduan');
  assert.equal(board.statusCode, 200);
  assert.match(board.body, /Data demonstrasi/);
  const stats = await p.anon().get('/pengaduan/statistik.json');
  const s = JSON.parse(stats.body);
  const sum = (k: string) => s.months.reduce((a: number, m: any) => a + m[k], 0);
  assert.ok(sum('received') >= 20);
  assert.ok(sum('responded') > sum('confirmed'), 'responded and confirmed are counted separately');
  const csv = await p.anon().get('/pengaduan/statistik.csv');
  assert.match(csv.body.split('\r\n')[0]!, /^scope,month,received,verified,dispatched,responded,respondedWithinSla,resolved,confirmed/);
  // idempotent: seeding again adds nothing
  const before = (await p.ctx.pool.query('SELECT count(*)::int AS n FROM care_reports')).rows[0].n;
  await seedCare({ pool: p.ctx.pool, config: p.ctx.config, log: p.ctx.log, demo: true });
  assert.equal((await p.ctx.pool.query('SELECT count(*)::int AS n FROM care_reports')).rows[0].n, before);
  const rules = (await p.ctx.pool.query('SELECT count(*)::int AS n FROM care_routing_rules')).rows[0].n;
  assert.ok(rules > 50);
});

test('the statistics rollup (for large instances) gives the same figures as the live query', async () => {
  await refreshRollup(p.ctx.pool);
  const period = defaultPeriod();
  const live = await complaintStats(p.ctx.pool, { organisationId: null, ...period, source: 'live' });
  const rollup = await complaintStats(p.ctx.pool, { organisationId: null, ...period, source: 'rollup' });
  assert.deepEqual(rollup.months, live.months);
  assert.deepEqual(rollup.byOrganisation, live.byOrganisation);
  const org = (await p.ctx.pool.query(`SELECT id FROM organisations WHERE slug = 'kota-mataram'`)).rows[0].id;
  const a = await complaintStats(p.ctx.pool, { organisationId: org, ...period, source: 'live' });
  const b = await complaintStats(p.ctx.pool, { organisationId: org, ...period, source: 'rollup' });
  assert.deepEqual(b.months, a.months);
});

test('an organisation with overdue reports is listed even without activity in the period (live and rollup alike)', async () => {
  const quiet = (await p.ctx.pool.query(
    `SELECT o.id, o.slug FROM organisations o WHERE o.type = 'dinas' AND NOT EXISTS (SELECT 1 FROM care_reports r WHERE r.assigned_organisation_id = o.id) ORDER BY o.slug LIMIT 1`)).rows[0];
  assert.ok(quiet, 'an agency without reports');
  const old = "now() - interval '3 years'";
  await p.ctx.pool.query(
    `UPDATE care_reports SET assigned_organisation_id = $1, created_at = ${old}, verified_at = ${old}, first_dispatched_at = ${old},
       first_responded_at = NULL, resolved_at = NULL, confirmed_at = NULL, sla_level = 'overdue'
     WHERE id = (SELECT id FROM care_reports ORDER BY created_at LIMIT 1)`, [quiet.id]);
  await refreshRollup(p.ctx.pool);
  const period = defaultPeriod();
  for (const source of ['live', 'rollup'] as const) {
    const s = await complaintStats(p.ctx.pool, { organisationId: null, ...period, source });
    const row = s.byOrganisation.find((o) => o.organisationSlug === quiet.slug);
    assert.ok(row, `${source}: listed`);
    assert.equal(row.overdueNow, 1);
    assert.equal(row.dispatched, 0);
  }
});
