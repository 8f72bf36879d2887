/**
 * Organisation pages of the public portal: `/data/organisasi` (the producing organisations with their
 * dataset counts, grouped as provincial agencies, regency/city governments and other institutions)
 * and `/data/organisasi/:slug` (profile, contact role, figures, the organisation's part of this year's
 * regional data list from the monitoring service, newest datasets, sectors and topics, links to the
 * filtered search and to the CKAN `organization_show` equivalent), and the datasets harvested from the
 * organisation's own portal (the external catalogue). Organisations are read from the core registry by
 * slug; datasets from this module's tables.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Queryable } from '../../core/db.ts';
import { html, jsonScript, type SafeHtml } from '../../core/views/html.ts';
import { layout, type PageContext } from '../../core/views/layout.ts';
import { alert, badge, figure } from '../../core/views/components.ts';
import { sendPage } from '../../core/http/reply.ts';
import { formatDate, formatNumber } from '../../core/i18n/i18n.ts';
import { searchDatasets, type SearchHit } from './catalogue.repo.ts';
import { monitoringFigures, type CoverageRow } from './monitoring.service.ts';

const STYLES = ['/assets/css/data.css', '/assets/data/portal.css'];

export type OrgGroup = 'provinsi' | 'kabkota' | 'lainnya';
const GROUPS: readonly OrgGroup[] = ['provinsi', 'kabkota', 'lainnya'];
const PROVINCIAL = new Set(['sekretariat', 'biro', 'dprd', 'inspektorat', 'dinas', 'rumah_sakit', 'badan', 'satpol']);

export function orgGroup(type: string): OrgGroup {
  return PROVINCIAL.has(type) ? 'provinsi' : type === 'pemda' ? 'kabkota' : 'lainnya';
}

export interface ProducerRow {
  id: string;
  slug: string;
  name: string;
  short_name: string | null;
  type: string;
  is_demo: boolean;
  region_code: string | null;
  region_name: string | null;
  region_level: string | null;
  datasets: number;
  downloads: number;
  /** Entries of the external catalogue (harvested from the organisation's own portal). */
  harvested: number;
}

/** Government organisations (and any other that published data) with their published dataset counts. */
export async function listProducers(db: Queryable): Promise<ProducerRow[]> {
  const { rows } = await db.query(
    `SELECT o.id, o.slug, o.name, o.short_name, o.type, o.is_demo, o.region_code, rg.name AS region_name, rg.level AS region_level,
            count(d.id) FILTER (WHERE d.published_revision_id IS NOT NULL)::int AS datasets,
            coalesce(sum(d.download_count) FILTER (WHERE d.published_revision_id IS NOT NULL), 0)::bigint AS downloads,
            coalesce(max(h.n), 0)::int AS harvested
     FROM organisations o LEFT JOIN regions rg ON rg.code = o.region_code LEFT JOIN data_datasets d ON d.organisation_id = o.id
       LEFT JOIN (SELECT e.organisation_id, count(*) AS n FROM data_external_datasets e GROUP BY 1) h ON h.organisation_id = o.id
     GROUP BY o.id, o.slug, o.name, o.short_name, o.type, o.is_demo, o.region_code, rg.name, rg.level
     HAVING o.type NOT IN ('cso', 'platform') OR count(d.id) FILTER (WHERE d.published_revision_id IS NOT NULL) > 0 OR coalesce(max(h.n), 0) > 0
     ORDER BY o.name`);
  return rows.map((r) => ({ ...r, datasets: Number(r.datasets), downloads: Number(r.downloads), harvested: Number(r.harvested) }));
}

export interface OrganisationProfile {
  org: ProducerRow & { parent_slug: string | null; parent_name: string | null };
  figures: { published: number; downloads: number; views: number };
  sectors: Array<{ sector: string; n: number }>;
  topics: Array<{ topic: string; n: number }>;
  contactRole: string | null;
  newest: SearchHit[];
  /** Datasets harvested from the organisation's portal: how many, from which sources, the newest. */
  harvested: { count: number; sources: string[]; newest: SearchHit[] };
  year: number;
  coverage: CoverageRow | null;
  items: Array<{ name: string; release_date: string | null; priority: boolean; published_slug: string | null; collected: boolean }>;
}

/** A contact must be a position, never a person: values that look like an e-mail address or a phone number are not shown. */
function roleOnly(s: string | null | undefined): string | null {
  const v = (s ?? '').trim();
  if (!v || /@/.test(v) || /(\+?\d[\d\s().-]{6,}\d)/.test(v)) return null;
  return v;
}

export async function organisationProfile(db: Queryable, slug: string, year = new Date().getUTCFullYear()): Promise<OrganisationProfile | null> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 100) return null;
  const { rows } = await db.query(
    `SELECT o.id, o.slug, o.name, o.short_name, o.type, o.is_demo, o.region_code, rg.name AS region_name, rg.level AS region_level,
            par.slug AS parent_slug, par.name AS parent_name
     FROM organisations o LEFT JOIN regions rg ON rg.code = o.region_code LEFT JOIN organisations par ON par.id = o.parent_id
     WHERE o.slug = $1`, [slug]);
  const org = rows[0];
  if (!org) return null;
  const [fig, sectors, topics, contact, newest, mon, items, harvested, harvestedNewest] = await Promise.all([
    db.query(
      `SELECT count(*) FILTER (WHERE published_revision_id IS NOT NULL)::int AS published,
              coalesce(sum(download_count) FILTER (WHERE published_revision_id IS NOT NULL), 0)::bigint AS downloads,
              coalesce(sum(view_count) FILTER (WHERE published_revision_id IS NOT NULL), 0)::bigint AS views
       FROM data_datasets WHERE organisation_id = $1`, [org.id]),
    db.query(`SELECT pub_sector AS sector, count(*)::int AS n FROM data_datasets WHERE organisation_id = $1 AND published_revision_id IS NOT NULL AND pub_sector IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1`, [org.id]),
    db.query(`SELECT pub_topic AS topic, count(*)::int AS n FROM data_datasets WHERE organisation_id = $1 AND published_revision_id IS NOT NULL AND coalesce(pub_topic, '') <> '' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 12`, [org.id]),
    db.query(
      `SELECT r.contact_role, count(*)::int AS n FROM data_datasets d JOIN data_revisions r ON r.id = d.published_revision_id
       WHERE d.organisation_id = $1 AND r.contact_role <> '' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5`, [org.id]),
    searchDatasets(db, { organisation: slug, sort: 'newest', limit: 5, offset: 0 }),
    monitoringFigures(db, year),
    db.query(
      `SELECT i.name, i.release_date, i.priority,
              (SELECT d.slug FROM data_datasets d WHERE d.data_list_item_id = i.id AND d.published_revision_id IS NOT NULL ORDER BY d.published_at LIMIT 1) AS published_slug,
              EXISTS (SELECT 1 FROM data_datasets d JOIN data_revisions r ON r.dataset_id = d.id JOIN data_resources x ON x.revision_id = r.id WHERE d.data_list_item_id = i.id) AS collected
       FROM data_list_items i WHERE i.year = $1 AND i.organisation_id = $2 ORDER BY i.priority DESC, i.name LIMIT 100`, [year, org.id]),
    db.query(`SELECT count(*)::int AS n, coalesce(array_agg(DISTINCT e.source_label ORDER BY e.source_label), '{}') AS sources FROM data_external_datasets e WHERE e.organisation_id = $1`, [org.id]),
    searchDatasets(db, { organisation: slug, externalOnly: true, sort: 'newest', limit: 5, offset: 0 }),
  ]);
  const f = fig.rows[0];
  return {
    org: { ...org, datasets: Number(f.published), downloads: Number(f.downloads), harvested: harvested.rows[0].n },
    figures: { published: Number(f.published), downloads: Number(f.downloads), views: Number(f.views) },
    sectors: sectors.rows, topics: topics.rows,
    contactRole: contact.rows.map((r) => roleOnly(r.contact_role)).find(Boolean) ?? null,
    newest: newest.hits, year,
    harvested: { count: harvested.rows[0].n, sources: harvested.rows[0].sources, newest: harvestedNewest.hits },
    coverage: mon.byOrg.find((r) => r.organisationId === org.id) ?? null,
    items: items.rows,
  };
}

// ---------------------------------------------------------------------------------------------
// Pages

function typeLabel(ctx: PageContext, o: { type: string; region_level: string | null }): string {
  if (o.type === 'pemda' && (o.region_level === 'kabupaten' || o.region_level === 'kota')) return ctx.t(`data.orgpage.type.${o.region_level}`);
  return ctx.t(`data.orgpage.type.${o.type}`);
}

/** A coverage figure: the percentage as the value, "label: n of items" below it. */
function coverageFigure(ctx: PageContext, label: string, n: number, items: number, pct: number): SafeHtml {
  return figure(ctx.t('data.orgpage.fig.pct', { label, n: formatNumber(ctx.locale, n), items: formatNumber(ctx.locale, items) }), `${formatNumber(ctx.locale, pct, 2)} %`);
}

export function organisationListPage(ctx: PageContext, producers: ProducerRow[], coverage: CoverageRow[], year: number): SafeHtml {
  const byGroup = new Map<OrgGroup, ProducerRow[]>(GROUPS.map((g) => [g, []]));
  for (const p of producers) byGroup.get(orgGroup(p.type))!.push(p);
  byGroup.get('kabkota')!.sort((a, b) => (a.region_code ?? '').localeCompare(b.region_code ?? '') || a.name.localeCompare(b.name));
  const cov = new Map(coverage.map((c) => [c.organisationId, c]));
  const active = producers.filter((p) => p.datasets > 0).length;
  const groups = GROUPS.filter((g) => byGroup.get(g)!.length);
  return layout(ctx, {
    title: ctx.t('data.orgpage.list.title'), wide: true, styles: STYLES, description: ctx.t('data.orgpage.list.lead'),
    breadcrumbs: [{ href: '/data', label: ctx.t('data.nav') }, { label: ctx.t('data.orgpage.list.title') }],
    body: html`<h1>${ctx.t('data.orgpage.list.title')}</h1>
    <p class="lead">${ctx.t('data.orgpage.list.lead')}</p>
    <p>${ctx.t('data.orgpage.list.summary', { orgs: formatNumber(ctx.locale, producers.length), active: formatNumber(ctx.locale, active) })}</p>
    <nav class="org-jump" aria-label="${ctx.t('data.orgpage.list.title')}"><ul>${groups.map((g) => html`<li><a href="#${g}">${ctx.t(`data.orgpage.group.${g}`)} <span class="count">${byGroup.get(g)!.length}</span></a></li>`)}</ul></nav>
    ${groups.map((g) => html`<section class="org-group" id="${g}" aria-labelledby="${g}-h">
      <h2 id="${g}-h">${ctx.t(`data.orgpage.group.${g}`)}</h2>
      <ul class="org-list">${byGroup.get(g)!.map((o) => {
        const c = cov.get(o.id);
        return html`<li class="org-item${o.datasets || o.harvested ? '' : ' org-empty'}">
          <a class="org-name" href="/data/organisasi/${o.slug}">${o.name}</a>${o.is_demo ? html` ${badge(ctx.t('data.demo'), 'warning')}` : ''}
          <span class="org-meta">${o.short_name ? html`${o.short_name} · ` : ''}${o.datasets ? html`<strong>${ctx.t('data.orgpage.datasets', { n: formatNumber(ctx.locale, o.datasets) })}</strong>` : ctx.t('data.orgpage.noDatasets')}${o.harvested ? html` · ${ctx.t('data.orgpage.listHarvested', { n: formatNumber(ctx.locale, o.harvested) })}` : ''}${c ? html` · ${ctx.t('data.orgpage.listProgress', { year, published: formatNumber(ctx.locale, c.published), items: formatNumber(ctx.locale, c.items) })}` : ''}</span>
        </li>`;
      })}</ul></section>`)}`,
  });
}

export function organisationPage(ctx: PageContext, p: OrganisationProfile, baseUrl: string, card: (h: SearchHit) => SafeHtml): SafeHtml {
  const o = p.org;
  const slug = encodeURIComponent(o.slug);
  const searchHref = `/data/cari?organisation=${slug}`;
  const region = o.region_name ? `${o.region_name} (${o.region_code})` : o.region_code ?? '';
  const ld = {
    '@context': 'https://schema.org', '@type': 'GovernmentOrganization', name: o.name, alternateName: o.short_name ?? undefined,
    url: `${baseUrl}/data/organisasi/${o.slug}`, areaServed: o.region_name ?? undefined,
    parentOrganization: o.parent_name ? { '@type': 'GovernmentOrganization', name: o.parent_name, url: `${baseUrl}/data/organisasi/${o.parent_slug}` } : undefined,
  };
  const c = p.coverage;
  return layout(ctx, {
    title: o.name, wide: true, styles: STYLES, description: `${o.name} · ${ctx.t('data.orgpage.datasets', { n: p.figures.published })}`,
    head: html`<script type="application/ld+json">${jsonScript(ld)}</script>`,
    breadcrumbs: [{ href: '/data', label: ctx.t('data.nav') }, { href: '/data/organisasi', label: ctx.t('data.orgpage.list.title') }, { label: o.short_name ?? o.name }],
    body: html`<h1>${o.name}</h1>
    <p class="ds-meta">${typeLabel(ctx, o)}${region ? html` · ${region}` : ''}${o.parent_slug ? html` · <a href="/data/organisasi/${o.parent_slug}">${o.parent_name}</a>` : ''}</p>
    ${o.is_demo ? alert(ctx.t('data.demo.label'), 'warning') : ''}
    <div class="grid-2">
      <div>
        <h2>${ctx.t('data.orgpage.figures')}</h2>
        <div class="figures org-figures">
          ${figure(ctx.t('data.figure.published'), formatNumber(ctx.locale, p.figures.published), searchHref)}
          ${figure(ctx.t('data.figure.downloads'), formatNumber(ctx.locale, p.figures.downloads))}
          ${figure(ctx.t('data.orgpage.fig.views'), formatNumber(ctx.locale, p.figures.views))}
          ${p.harvested.count ? figure(ctx.t('data.orgpage.fig.harvested'), formatNumber(ctx.locale, p.harvested.count), '#dipanen') : ''}
        </div>
        <h2>${ctx.t('data.orgpage.dataList', { year: p.year })}</h2>
        ${c ? html`<div class="figures org-figures">
            ${figure(ctx.t('data.orgpage.fig.items'), formatNumber(ctx.locale, c.items))}
            ${coverageFigure(ctx, ctx.t('data.orgpage.fig.collected'), c.collected, c.items, c.collectedPct)}
            ${coverageFigure(ctx, ctx.t('data.orgpage.fig.published'), c.published, c.items, c.publishedPct)}
            ${coverageFigure(ctx, ctx.t('data.orgpage.fig.onTime'), c.onTime, c.items, c.onTimePct)}
          </div>
          <ul class="org-items">${p.items.map((i) => html`<li>${i.published_slug ? html`<a href="/data/${i.published_slug}">${i.name}</a>` : i.name}
            ${i.priority ? badge(ctx.t('data.list.priority'), 'info') : ''}
            ${i.published_slug ? badge(ctx.t('data.orgpage.fig.published'), 'success') : i.collected ? badge(ctx.t('data.orgpage.fig.collected'), 'neutral') : ''}
            ${i.release_date ? html`<span class="muted">${ctx.t('data.orgpage.release', { date: formatDate(ctx.locale, i.release_date) })}</span>` : ''}</li>`)}</ul>`
          : html`<p class="empty">${ctx.t('data.orgpage.dataListNone', { year: p.year })}</p>`}
        <p><a href="/data/daftar?year=${p.year}">${ctx.t('data.orgpage.dataListLink', { year: p.year })}</a></p>
        <h2>${ctx.t('data.orgpage.newest')}</h2>
        ${p.newest.length ? html`<ul class="ds-list">${p.newest.map(card)}</ul>
          <p><a class="btn btn-secondary" href="${searchHref}">${ctx.t('data.orgpage.all', { n: formatNumber(ctx.locale, p.figures.published + p.harvested.count) })}</a></p>`
          : html`<p class="empty">${ctx.t('data.orgpage.none')} <a href="/data/usulan">${ctx.t('data.request.cta')}</a></p>`}
        ${p.harvested.count ? html`<h2 id="dipanen">${ctx.t('data.orgpage.harvested')}</h2>
          <p>${ctx.t('data.orgpage.harvestedLead', { n: formatNumber(ctx.locale, p.harvested.count), sources: p.harvested.sources.join(', ') })}</p>
          <ul class="ds-list">${p.harvested.newest.map(card)}</ul>
          ${p.figures.published ? '' : html`<p><a class="btn btn-secondary" href="${searchHref}">${ctx.t('data.orgpage.harvestedAll', { n: formatNumber(ctx.locale, p.harvested.count) })}</a></p>`}` : ''}
      </div>
      <aside>
        <h2>${ctx.t('data.orgpage.profile')}</h2>
        <dl class="meta">
          <dt>${ctx.t('data.orgpage.f.type')}</dt><dd>${typeLabel(ctx, o)}</dd>
          ${region ? html`<dt>${ctx.t('data.orgpage.f.region')}</dt><dd>${region}</dd>` : ''}
          ${o.parent_slug ? html`<dt>${ctx.t('data.orgpage.f.parent')}</dt><dd><a href="/data/organisasi/${o.parent_slug}">${o.parent_name}</a></dd>` : ''}
          <dt>${ctx.t('data.orgpage.f.contact')}</dt><dd class="org-contact">${p.contactRole ?? ctx.t('data.orgpage.contactFallback', { org: o.short_name ?? o.name })}</dd>
        </dl>
        <p class="hint">${ctx.t('data.orgpage.contactNote')} <a href="/data/usulan">${ctx.t('data.request.cta')}</a></p>
        ${p.sectors.length ? html`<h2>${ctx.t('data.orgpage.sectors')}</h2>
          <ul class="org-sectors">${p.sectors.map((s) => html`<li><a href="${searchHref}&amp;sector=${encodeURIComponent(s.sector)}">${ctx.t(`data.sector.${s.sector}`)}</a> <span class="count">${formatNumber(ctx.locale, s.n)}</span></li>`)}</ul>` : ''}
        ${p.topics.length ? html`<h3>${ctx.t('data.orgpage.topics')}</h3>
          <p>${p.topics.map((t) => html`<a class="tag" href="${searchHref}&amp;topic=${encodeURIComponent(t.topic)}">${t.topic} (${formatNumber(ctx.locale, t.n)})</a> `)}</p>` : ''}
        <h2>${ctx.t('data.orgpage.api')}</h2>
        <ul class="org-api">
          <li><a href="/api/3/action/organization_show?id=${slug}">${ctx.t('data.orgpage.ckan')}</a></li>
          <li><a href="/api/v1/data/datasets?organisation=${slug}">${ctx.t('data.orgpage.apiSearch')}</a></li>
        </ul>
      </aside>
    </div>`,
  });
}

function notFoundPage(ctx: PageContext, slug: string): SafeHtml {
  return layout(ctx, {
    title: ctx.t('data.orgpage.notFound.title'), styles: STYLES,
    breadcrumbs: [{ href: '/data', label: ctx.t('data.nav') }, { href: '/data/organisasi', label: ctx.t('data.orgpage.list.title') }, { label: ctx.t('data.orgpage.notFound.title') }],
    body: html`<h1>${ctx.t('data.orgpage.notFound.title')}</h1>
    <p>${ctx.t('data.orgpage.notFound.body', { slug: slug.slice(0, 100) })}</p>
    <p><a class="btn btn-primary" href="/data/organisasi">${ctx.t('data.orgpage.notFound.link')}</a> <a class="btn btn-secondary" href="/data/cari">${ctx.t('data.search.title')}</a></p>`,
  });
}

/** Registers the two pages; `card` renders a dataset in a list (the portal's dataset card). */
export async function organisationRoutes(app: FastifyInstance, card: (ctx: PageContext, h: SearchHit) => SafeHtml): Promise<void> {
  const { pool } = app.ctx;

  app.get('/data/organisasi', { schema: { hide: true } }, async (req, reply) => {
    const year = new Date().getUTCFullYear();
    const [producers, mon] = await Promise.all([listProducers(pool), monitoringFigures(pool, year)]);
    return sendPage(reply, organisationListPage(req.page(), producers, mon.byOrg, year));
  });

  app.get('/data/organisasi/:slug', { schema: { hide: true } }, async (req, reply: FastifyReply) => {
    const ctx = req.page();
    const slug = String((req.params as { slug: string }).slug);
    const profile = await organisationProfile(pool, slug);
    if (!profile) return sendPage(reply, notFoundPage(ctx, slug), 404);
    return sendPage(reply, organisationPage(ctx, profile, req.server.ctx.config.baseUrl, (h) => card(ctx, h)));
  });
}
