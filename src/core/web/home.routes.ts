/** The home page (introduction + live figures from every module) and the about page. */
import type { FastifyInstance } from 'fastify';
import { html } from '../views/html.ts';
import { layout } from '../views/layout.ts';
import { figure } from '../views/components.ts';
import { sendPage } from '../http/reply.ts';
import { formatNumber, type Locale } from '../i18n/i18n.ts';
import type { HomeFigure } from '../module.ts';

export async function homeRoutes(app: FastifyInstance) {
  const { pool, modules } = app.ctx;
  const cache = new Map<Locale, { at: number; figures: HomeFigure[] }>();

  async function figures(locale: Locale): Promise<HomeFigure[]> {
    const hit = cache.get(locale);
    if (hit && Date.now() - hit.at < 60_000) return hit.figures;
    const { rows } = await pool.query(`SELECT
      (SELECT count(*) FROM organisations WHERE type NOT IN ('cso', 'platform'))::int AS orgs,
      (SELECT count(*) FROM regions WHERE level IN ('kabupaten', 'kota'))::int AS regencies`);
    const out: HomeFigure[] = [
      { key: 'home.figure.organisations', value: formatNumber(locale, rows[0].orgs) },
      { key: 'home.figure.regencies', value: formatNumber(locale, rows[0].regencies) },
    ];
    for (const m of modules) {
      if (!m.homeFigures) continue;
      try {
        out.push(...(await m.homeFigures(pool, locale)));
      } catch (err) {
        app.log.warn({ err, module: m.name }, 'home figures failed');
      }
    }
    cache.set(locale, { at: Date.now(), figures: out });
    return out;
  }

  app.get('/', { schema: { hide: true } }, async (req, reply) => {
    const ctx = req.page();
    const figs = await figures(ctx.locale);
    const sections = [...ctx.nav].sort((a, b) => a.order - b.order);
    return sendPage(reply, layout(ctx, {
      title: ctx.t('home.title'),
      description: ctx.t('home.lead'),
      body: html`<section class="hero">
        <h1>${ctx.t('home.heading')}</h1>
        <p class="lead">${ctx.t('home.lead')}</p>
      </section>
      <section aria-labelledby="figures-h"><h2 id="figures-h">${ctx.t('home.figures')}</h2>
        <div class="figures">${figs.map((f) => figure(ctx.t(f.key), f.value, f.href))}</div>
      </section>
      <section aria-labelledby="modules-h"><h2 id="modules-h">${ctx.t('home.modules')}</h2>
        <div class="cards">
          ${sections.map((n) => html`<article class="card"><h3><a href="${n.href}">${ctx.t(n.key)}</a></h3><p>${ctx.t(`${n.key}.intro`)}</p></article>`)}
          <article class="card"><h3><a href="/api/docs">${ctx.t('home.api')}</a></h3><p>${ctx.t('home.apiIntro')}</p></article>
        </div>
      </section>`,
    }));
  });

  app.get('/tentang', { schema: { hide: true } }, async (req, reply) => {
    const ctx = req.page();
    return sendPage(reply, layout(ctx, {
      title: ctx.t('about.title'),
      breadcrumbs: [{ label: ctx.t('about.title') }],
      body: html`<h1>${ctx.t('about.title')}</h1><p>${ctx.t('about.body1')}</p><p>${ctx.t('about.body2')}</p>`,
    }));
  });
}
