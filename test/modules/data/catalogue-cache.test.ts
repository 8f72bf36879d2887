/** The catalogue cache never serves a result older than the last committed change to the catalogue. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { MODULES } from '../../../src/app.ts';
import { dataModule } from '../../../src/modules/data/index.ts';
if (!MODULES.includes(dataModule)) MODULES.push(dataModule);
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { searchCatalogue, catalogueVersion } from '../../../src/modules/data/catalogue-cache.ts';
import { countDownload, flushCounters } from '../../../src/modules/data/view-counters.ts';

let p: TestPlatform;
before(async () => { p = await startTestPlatform({ seedDemo: true }); });
after(async () => { await p?.close(); });

test('a change to the published catalogue is visible on the next search; an unchanged catalogue is served from cache', async () => {
  const params = { q: 'zyxwvutsr', limit: 10, offset: 0 } as const;
  assert.equal((await searchCatalogue(p.ctx.pool, { ...params })).total, 0);
  // Same version, same parameters: the cached answer (even if the table changed behind the trigger's back).
  const target = (await p.ctx.pool.query(`SELECT id FROM data_datasets WHERE published_revision_id IS NOT NULL ORDER BY slug LIMIT 1`)).rows[0].id;
  await p.ctx.pool.query(`ALTER TABLE data_datasets DISABLE TRIGGER data_datasets_catalogue_version`);
  await p.ctx.pool.query(`UPDATE data_datasets SET search_vector = to_tsvector('indonesian', 'zyxwvutsr') WHERE id = $1`, [target]);
  assert.equal((await searchCatalogue(p.ctx.pool, { ...params })).total, 0, 'served from cache while the version is unchanged');
  await p.ctx.pool.query(`ALTER TABLE data_datasets ENABLE TRIGGER data_datasets_catalogue_version`);
  // A committed change through the trigger bumps the version: the next search sees it.
  await p.ctx.pool.query(`UPDATE data_datasets SET search_vector = to_tsvector('indonesian', 'zyxwvutsr kata') WHERE id = $1`, [target]);
  assert.equal((await searchCatalogue(p.ctx.pool, { ...params })).total, 1);
  // And the public search page agrees.
  const page = await p.anon().get('/data/cari?q=zyxwvutsr');
  assert.equal(page.statusCode, 200);
});

test('a flush of view and download counters refreshes the portal search but leaves the catalogue version alone', async () => {
  const params = { sort: 'downloads' as const, limit: 3, offset: 0 };
  const before = await searchCatalogue(p.ctx.pool, { ...params });
  const last = before.hits[before.hits.length - 1];
  const v0 = await catalogueVersion(p.ctx.pool);
  for (let i = 0; i < 1000; i++) countDownload(last.id);
  assert.equal(await flushCounters(p.ctx.pool), 1);
  assert.equal(await catalogueVersion(p.ctx.pool), v0, 'counters are not catalogue content (CKAN caches and the index survive)');
  const after = await searchCatalogue(p.ctx.pool, { ...params });
  assert.equal(after.hits[0].id, last.id, 'the portal search, which sorts by downloads, sees the flushed counts');
  assert.equal(Number(after.hits[0].download_count), Number(last.download_count) + 1000);
});
