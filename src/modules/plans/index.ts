/** Rencana Aksi Keterbukaan — OGP action plans — as one module of the platform. */
import type { AppModule } from '../../core/module.ts';
import { messages } from './messages.ts';
import { validationMessages } from './validation-messages.ts';
import './plans.policy.ts';
import { plansRoutes } from './plans.routes.ts';
import { plansApiRoutes } from './plans.api.routes.ts';
import { seedPlans } from './plans.seed.ts';
import { listPlans } from './plans.service.ts';
import { formatNumber } from '../../core/i18n/i18n.ts';

export const plansModule: AppModule = {
  name: 'plans',
  plugin: async (app) => {
    await app.register(plansRoutes);
    await app.register(plansApiRoutes);
  },
  nav: [{ href: '/rencana-aksi', key: 'plans.nav', order: 30 }],
  messages: {
    id: { ...messages.id, ...validationMessages.id },
    en: { ...messages.en, ...validationMessages.en },
  },
  homeFigures: async (pool, locale) => {
    const plans = await listPlans(pool, new Date());
    const milestones = plans.reduce((n, p) => n + p.progress.total, 0);
    const finished = plans.reduce((n, p) => n + p.progress.finished, 0);
    return [
      { key: 'plans.figure.commitments', value: formatNumber(locale, plans.reduce((n, p) => n + p.progress.commitments, 0)), href: '/rencana-aksi' },
      { key: 'plans.figure.milestonesFinished', value: `${formatNumber(locale, finished)}/${formatNumber(locale, milestones)}`, href: '/rencana-aksi' },
    ];
  },
  seed: seedPlans,
};
