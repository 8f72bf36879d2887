/** NTB Care as one module: routes, the SLA timer job, navigation, messages, seeds. */
import type { AppModule } from '../../core/module.ts';
import { messages } from './messages.ts';
import './care.policy.ts';
import { careWebRoutes } from './care-web.routes.ts';
import { careStaffRoutes } from './care-staff.routes.ts';
import { careApiRoutes } from './care-api.routes.ts';
import { open311Routes } from './open311.routes.ts';
import { runSlaTick } from './care.service.ts';
import { seedCare } from './care.seed.ts';
import { publishComplaintStatistics } from './care-publish.service.ts';
import { refreshRollup } from './stats.service.ts';
import { formatNumber } from '../../core/i18n/i18n.ts';

export const careModule: AppModule = {
  name: 'care',
  plugin: async (app) => {
    await app.register(careWebRoutes);
    await app.register(careStaffRoutes);
    await app.register(careApiRoutes);
    await app.register(open311Routes);
    const { pool, config, files } = app.ctx;
    // Durable SLA timer: state lives in care_reports.sla_next_check_at; the cron only looks at what is due.
    app.ctx.jobs.register('care.sla.tick', async () => { await runSlaTick({ pool, config, files }); }, { cron: '* * * * *', retryLimit: 1, expireInSeconds: 300 });
    // Statistics rollup for large instances (read above ROLLUP_THRESHOLD reports).
    app.ctx.jobs.register('care.stats.refresh', async () => { await refreshRollup(pool); }, { cron: '*/10 * * * *', retryLimit: 1 });
    // Monthly open dataset in Satu Data (02:00 WITA on the 1st); no-op without the data module.
    app.ctx.jobs.register('care.stats.publish', async () => { await publishComplaintStatistics(app.ctx); }, { cron: '0 18 1 * *', retryLimit: 3 });
  },
  nav: [{ href: '/pengaduan', key: 'care.nav', order: 20 }],
  messages,
  homeFigures: async (pool, locale) => {
    const { rows } = await pool.query(`SELECT count(*)::int AS received, count(first_responded_at)::int AS responded FROM care_reports`);
    return [
      { key: 'care.figure.received', value: formatNumber(locale, rows[0].received), href: '/pengaduan/statistik' },
      { key: 'care.figure.followedUp', value: formatNumber(locale, rows[0].responded), href: '/pengaduan/statistik' },
    ];
  },
  seed: seedCare,
};
