/**
 * Interoperability of Satu Data: the CKAN Action API v3 (/api/3/action, /api/action, /datastore/dump),
 * DCAT-AP catalogues (/catalog.ttl|rdf|jsonld, /data/{slug}.ttl|rdf|jsonld), schema.org and
 * datapackage.json, sitemap.xml and robots.txt, and harvesting of regency/city portals.
 */
import type { AppModule } from '../../core/module.ts';
import { messages } from './messages.ts';
import './interop.policy.ts';
import { ckanRoutes } from './ckan.routes.ts';
import { dcatRoutes } from './dcat.routes.ts';
import { harvestRoutes } from './harvest.routes.ts';
import { GATHER_JOB, IMPORT_JOB, SCHEDULE_JOB, gather, importRun, reconcileCatalogue } from './harvest.service.ts';
import { dueSources } from './harvest.repo.ts';
import { allowPrivateHarvestHosts } from './harvest-client.ts';

export const interopModule: AppModule = {
  name: 'interop',
  plugin: async (app) => {
    const ctx = app.ctx;
    // Regency portals on the intra-government network live on private addresses: opt in by configuration.
    if (ctx.config.harvestAllowPrivateHosts) allowPrivateHarvestHosts(true);
    await app.register(ckanRoutes);
    await app.register(dcatRoutes);
    await app.register(harvestRoutes);
    // gather → import, one source per job (a slow or broken source never blocks others); our own back-off via next_run_at
    ctx.jobs.register<{ sourceId: string }>(GATHER_JOB, async ({ sourceId }) => {
      const runId = await gather(ctx, sourceId);
      const { rows } = runId ? await ctx.pool.query(`SELECT status FROM interop_harvest_runs WHERE id = $1`, [runId]) : { rows: [] };
      if (runId && rows[0]?.status === 'importing') await ctx.jobs.send(IMPORT_JOB, { runId }, { singletonKey: runId });
    }, { retryLimit: 0, expireInSeconds: 3600, concurrency: 2 });
    ctx.jobs.register<{ runId: string }>(IMPORT_JOB, async ({ runId }) => { await importRun(ctx, runId); }, { retryLimit: 3, expireInSeconds: 3600 });
    ctx.jobs.register(SCHEDULE_JOB, async () => {
      // harvested datasets listed in the data module's catalogue search (self-healing, e.g. after an upgrade)
      await reconcileCatalogue(ctx.pool);
      for (const id of await dueSources(ctx.pool, new Date())) await ctx.jobs.send(GATHER_JOB, { sourceId: id }, { singletonKey: id });
    }, { cron: '*/5 * * * *', retryLimit: 0 });
  },
  messages,
};
