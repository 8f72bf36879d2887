/**
 * Satu Data NTB as one module: the public portal (/data), the workspace of producers, walidata and
 * heads of agency (/data/kerja), the JSON API (/api/v1/data), the ingestion and housekeeping jobs.
 */
import type { AppModule } from '../../core/module.ts';
import { messages } from './messages.ts';
import { directoryStale, loadOrganisationDirectory } from './data.policy.ts';
import { dataApiRoutes } from './data-api.routes.ts';
import { portalRoutes } from './portal.routes.ts';
import { workspaceRoutes } from './workspace.routes.ts';
import { INGEST_JOB, runIngest, recoverStalled, dropOrphanTables } from './ingest.service.ts';
import { flushCounters } from './view-counters.ts';
import { seedData } from './data-seed.ts';
import { publishDue } from './auto-publish.ts';
import { settingsRoutes } from './settings.routes.ts';
import { WEEKLY_DIGEST_CRON, WEEKLY_DIGEST_JOB, sendWeeklyDigest } from './weekly-digest.ts';
import { formatNumber } from '../../core/i18n/i18n.ts';

export const dataModule: AppModule = {
  name: 'data',
  plugin: async (app) => {
    const ctx = app.ctx;
    // The organisation directory behind the walidata's regional reach (data.policy.ts): loaded now, reloaded
    // every minute in each process, and before a request whose decisions depend on it being current.
    await loadOrganisationDirectory(ctx.pool);
    const reload = setInterval(() => { loadOrganisationDirectory(ctx.pool).catch((err) => ctx.log.warn({ err }, 'organisation directory reload failed')); }, 60_000);
    reload.unref();
    app.addHook('onClose', async () => { clearInterval(reload); });
    app.addHook('preHandler', async (req) => { if (directoryStale(req.actor)) await loadOrganisationDirectory(ctx.pool); });
    await app.register(dataApiRoutes);
    await app.register(portalRoutes);
    await app.register(workspaceRoutes);
    await app.register(settingsRoutes);
    ctx.jobs.register<{ resourceId: string; token?: string }>(INGEST_JOB, async (data) => { await runIngest(ctx, data); }, { retryLimit: 2, expireInSeconds: 2 * 3600 });
    ctx.jobs.register('data.ingest.recover', async () => { await recoverStalled(ctx); await dropOrphanTables(ctx.pool); }, { cron: '* * * * *', retryLimit: 0 });
    ctx.jobs.register('data.counters.flush', async () => { await flushCounters(ctx.pool); }, { cron: '* * * * *', retryLimit: 0 });
    ctx.jobs.register('data.autopublish', async () => { await publishDue(ctx); }, { cron: '* * * * *', retryLimit: 0 });
    ctx.jobs.register(WEEKLY_DIGEST_JOB, async () => { await sendWeeklyDigest(ctx); }, { cron: WEEKLY_DIGEST_CRON, retryLimit: 3, expireInSeconds: 30 * 60 });
    app.addHook('onClose', async () => { await flushCounters(ctx.pool).catch(() => {}); });
  },
  nav: [{ href: '/data', key: 'data.nav', order: 10 }],
  messages,
  homeFigures: async (pool, locale) => {
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM data_datasets WHERE published_revision_id IS NOT NULL`);
    return [{ key: 'data.figure.published', value: formatNumber(locale, rows[0].n), href: '/data' }];
  },
  seed: seedData,
};
