/** The SPBE module: e-government evaluation and index, roadmap, application registry, architecture. */
import type { AppModule } from '../../core/module.ts';
import { messages } from './messages.ts';
import './spbe.policy.ts';
import { spbeApiRoutes } from './spbe.api.ts';
import { spbePageRoutes } from './spbe.pages.ts';
import { seedSpbe } from './spbe.seed.ts';
import { indexHistory } from './evaluation.service.ts';
import { countsByCategory } from './application.repo.ts';
import { formatIndex } from './index-calc.ts';

export const spbeModule: AppModule = {
  name: 'spbe',
  plugin: async (app) => {
    await app.register(spbeApiRoutes);
    await app.register(spbePageRoutes);
  },
  nav: [{ href: '/spbe', key: 'spbe.nav', order: 40 }],
  messages,
  homeFigures: async (pool, locale) => {
    const h = await indexHistory(pool);
    const last = h[h.length - 1];
    const apps = (await countsByCategory(pool)).reduce((s, r) => s + r.n, 0);
    return [
      ...(last ? [{ key: 'spbe.figure.index', value: `${formatIndex(last.indexRounded, locale)}${last.predicate ? ` (${last.predicate})` : ''}`, href: '/spbe' }] : []),
      { key: 'spbe.figure.applications', value: String(apps), href: '/spbe/aplikasi' },
    ];
  },
  seed: seedSpbe,
};
