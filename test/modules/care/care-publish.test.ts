import { MODULES } from '../../../src/app.ts';
import { careModule } from '../../../src/modules/care/index.ts';
import { dataModule } from '../../../src/modules/data/index.ts';
if (!MODULES.includes(dataModule)) MODULES.push(dataModule);
if (!MODULES.includes(careModule)) MODULES.push(careModule);
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { publishComplaintStatistics, STATS_SYSTEM_KEY } from '../../../src/modules/care/care-publish.service.ts';

let p: TestPlatform;
before(async () => { p = await startTestPlatform(); });
after(async () => { await p?.close(); });

test('complaint statistics are published as a system dataset in Satu Data, and republished under the same key', async () => {
  const r = await p.anon().request({ method: 'POST', url: '/api/v1/care/reports', payload: JSON.stringify({ type: 'pengaduan', categoryCode: 'jalan-jembatan', title: 'Uji', description: 'Uji', privacy: 'anonim' }), headers: { 'content-type': 'application/json', accept: 'application/json' } });
  assert.equal(r.statusCode, 201);
  const first = await publishComplaintStatistics(p.ctx);
  assert.ok(first?.slug);
  const again = await publishComplaintStatistics(p.ctx);
  assert.equal(again?.slug, first!.slug);
  const { rows } = await p.ctx.pool.query('SELECT count(*)::int AS n, bool_and(published_revision_id IS NOT NULL) AS published FROM data_datasets WHERE system_key = $1', [STATS_SYSTEM_KEY]);
  assert.equal(rows[0].n, 1);
  assert.equal(rows[0].published, true);
});
