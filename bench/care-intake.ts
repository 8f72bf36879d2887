/**
 * NTB Care performance (issue 5):
 * 1. Intake without attachments: POST /api/v1/care/reports with 32 concurrent clients for BENCH_SECONDS
 *    (default 60), against a bare Fastify JSON echo in the same run (ratio); then a count reconciliation:
 *    every accepted report must be in the database.
 * 2. Inbox and statistics queries with BENCH_ROWS synthetic reports (default 1,000,000): p95 over 50 runs.
 * Run on PostgreSQL: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- care-intake
 */
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { MODULES } from '../src/app.ts';
import { careModule } from '../src/modules/care/index.ts';
if (!MODULES.includes(careModule)) MODULES.push(careModule);
import { startBenchPlatform, load, fmt } from './lib.ts';
import { createUserUnchecked } from '../src/core/auth/users.service.ts';
import { newToken } from '../src/core/auth/tokens.ts';
import { SYSTEM_ACTOR } from '../src/core/policy.ts';
import * as repo from '../src/modules/care/care.repo.ts';
import { complaintStats, defaultPeriod, refreshRollup } from '../src/modules/care/stats.service.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const rowsWanted = Number(process.env.BENCH_ROWS ?? 1_000_000);
const connections = 32;
const body = JSON.stringify({ type: 'pengaduan', categoryCode: 'jalan-jembatan', title: 'Jalan berlubang (bench)', description: 'Lubang besar di depan pasar.', regencyCode: '52.71', privacy: 'anonim' });

const bare = Fastify();
bare.post('/', async (req) => ({ ok: true, echo: (req.body as any)?.title }));
await bare.listen({ port: 0, host: '127.0.0.1' });
const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/`;

const p = await startBenchPlatform();
const user = await createUserUnchecked(p.ctx.pool, SYSTEM_ACTOR, { email: 'bench.client@example.test', name: 'Klien bench', password: 'bench-bench-bench-1' }, []);
const { token, hash } = newToken('ntb_');
await p.ctx.pool.query('INSERT INTO api_tokens (user_id, name, prefix, token_hash) VALUES ($1, $2, $3, $4)', [user.id, 'bench', token.slice(0, 8), hash]);
const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

await load(`${p.url}/api/v1/care/reports`, { method: 'POST', body, headers, seconds: 2, connections }); // warm-up
await new Promise((r) => setTimeout(r, 2000)); // let the warm-up's in-flight requests finish
/** Reports the server itself answered 201 to (counts requests still in flight when the client stopped). */
let answered201 = 0;
p.app.server.on('request', (req, res) => {
  if (req.method === 'POST' && req.url === '/api/v1/care/reports') res.on('finish', () => { if (res.statusCode === 201) answered201++; });
});
const created201 = async () => answered201;
const before = (await p.ctx.pool.query('SELECT count(*)::int AS n FROM care_reports')).rows[0].n;
const created0 = await created201();
const baseline = await load(bareUrl, { method: 'POST', body, headers, seconds: Math.min(seconds, 10), connections });
const intake = await load(`${p.url}/api/v1/care/reports`, { method: 'POST', body, headers, seconds, connections });
await new Promise((r) => setTimeout(r, 2000)); // let in-flight requests finish
const after = (await p.ctx.pool.query('SELECT count(*)::int AS n FROM care_reports')).rows[0].n;
const accepted = (await created201()) - created0;

console.log(`database: ${p.dbLabel}; ${seconds} s; ${connections} connections`);
console.log(`bare Fastify JSON echo : ${fmt(baseline)}`);
console.log(`POST /api/v1/care/reports: ${fmt(intake)}`);
console.log(`ratio intake / bare    : ${(intake.rps / baseline.rps).toFixed(3)}`);
console.log(`target: >= 300 req/s with p99 <= 250 ms -> ${intake.rps >= 300 && intake.p99 <= 250 ? 'MET' : 'NOT MET'}`);
const seen = intake.requests - intake.non2xx - intake.errors;
const extra = after - before - seen;
console.log(`reconciliation: client saw ${seen} 2xx, server answered 201 to ${accepted}, new rows ${after - before}`);
console.log(`  every acknowledged report stored: ${after - before >= seen ? 'YES' : 'NO'}; rows of requests the client abandoned when it stopped: ${extra} (at most ${connections} in flight) -> ${extra >= 0 && extra <= connections ? 'OK' : 'MISMATCH'}`);

// ---- 2. queries at scale
const have = (await p.ctx.pool.query('SELECT count(*)::int AS n FROM care_reports')).rows[0].n;
if (rowsWanted > have) {
  const t0 = Date.now();
  const orgs = (await p.ctx.pool.query(`SELECT id FROM organisations WHERE type IN ('dinas','pemda','badan','biro')`)).rows.map((r) => r.id);
  const batch = 100_000;
  for (let done = have; done < rowsWanted; done += batch) {
    const n = Math.min(batch, rowsWanted - done);
    await p.ctx.pool.query(
      `INSERT INTO care_reports (tracking_code, reporter_secret_hash, type, category_code, title, description, privacy, channel, state, regency_code, region_code,
         assigned_organisation_id, created_at, updated_at, verified_at, first_dispatched_at, first_responded_at, first_response_within_sla, resolved_at, confirmed_at, rating, sla_level)
       SELECT 'B' || lpad(to_hex($1::int + g), 9, '0'), 'x', 'pengaduan', 'jalan-jembatan', 'Bench ' || g, 'Bench', 'publik', 'api',
         (ARRAY['diterima','didisposisi','ditindaklanjuti','selesai'])[1 + g % 4], '52.71', '52.71',
         ($2::uuid[])[1 + g % array_length($2::uuid[], 1)], t, t, t + interval '1 day', t + interval '2 days',
         CASE WHEN g % 4 >= 2 THEN t + interval '5 days' END, CASE WHEN g % 4 >= 2 THEN g % 3 <> 0 END,
         CASE WHEN g % 4 = 3 THEN t + interval '9 days' END, CASE WHEN g % 8 = 3 THEN t + interval '9 days' END,
         CASE WHEN g % 8 = 3 THEN 1 + g % 5 END, CASE WHEN g % 50 = 1 THEN 'overdue' ELSE 'ok' END
       FROM generate_series(1, $3::int) g, LATERAL (SELECT now() - (g % 365) * interval '1 day' - (g % 86400) * interval '1 second' AS t) x`,
      [done, orgs, n]);
  }
  await p.ctx.pool.query('VACUUM ANALYZE care_reports'); // what autovacuum does on a live system
  const t1 = Date.now();
  await refreshRollup(p.ctx.pool);
  console.log(`statistics rollup refreshed in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  console.log(`generated ${rowsWanted - have} reports in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
async function p95(fn: () => Promise<unknown>, runs = 50): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) { const t = performance.now(); await fn(); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  return { p50: +times[Math.floor(runs * 0.5)]!.toFixed(1), p95: +times[Math.floor(runs * 0.95)]!.toFixed(1) };
}
const org = (await p.ctx.pool.query(`SELECT assigned_organisation_id AS id FROM care_reports WHERE assigned_organisation_id IS NOT NULL LIMIT 1`)).rows[0]?.id;
const period = defaultPeriod();
const results = {
  'inbox, one organisation, first page': await p95(() => repo.listReports(p.ctx.pool, { organisationIds: [org] }, 'id', 26, null)),
  'inbox, all, status filter': await p95(() => repo.listReports(p.ctx.pool, { state: 'didisposisi' }, 'id', 26, null)),
  'overdue list': await p95(() => repo.listReports(p.ctx.pool, { overdue: true }, 'id', 26, null)),
  'public board, first page': await p95(() => repo.listReports(p.ctx.pool, { publicOnly: true }, 'id', 21, null)),
  'statistics, one organisation, 12 months': await p95(() => complaintStats(p.ctx.pool, { organisationId: org, ...period }), 10),
  'statistics, province, 12 months': await p95(() => complaintStats(p.ctx.pool, { organisationId: null, ...period }), 5),
};
const total = (await p.ctx.pool.query('SELECT count(*)::int AS n FROM care_reports')).rows[0].n;
console.log(`queries with ${total} reports (target p95 <= 50 ms):`);
for (const [k, v] of Object.entries(results)) console.log(`  ${k.padEnd(42)} p50 ${v.p50} ms, p95 ${v.p95} ms ${v.p95 <= 50 ? 'MET' : 'NOT MET'}`);
await p.close();
await bare.close();
