/**
 * The public portal at /data: home with search and live figures, search with facets, dataset pages
 * (metadata, resources, table preview, chart, downloads, API snippet, citation, history), organisation
 * and sector pages, public data requests. Everything works without JavaScript except the chart.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { datasetHead } from '../interop/dataset-page-hooks.ts';
import crypto from 'node:crypto';
import { html, jsonScript, type SafeHtml } from '../../core/views/html.ts';
import { layout, type PageContext } from '../../core/views/layout.ts';
import { alert, badge, button, errorSummary, figure, form, input, select, table, textarea, type FieldErrors } from '../../core/views/components.ts';
import { sendPage, seeOther, contentDisposition } from '../../core/http/reply.ts';
import { NotFoundError, ValidationError } from '../../core/http/errors.ts';
import { formatDate, formatNumber } from '../../core/i18n/i18n.ts';
import { formErrors, str } from '../../core/web/forms.ts';
import { searchDatasets, type FacetName, type SearchParams } from './catalogue.repo.ts';
import { searchCatalogue } from './catalogue-cache.ts';
import { externalDatasetCard } from './external-catalogue.view.ts';
import { publicDataset } from './data-read.service.ts';
import { parseRecordQuery, queryRecords } from './datastore-query.ts';
import { searchParamsFrom, sendDownload } from './data-api.routes.ts';
import { countView, countDownload } from './view-counters.ts';
import * as repo from './dataset.repo.ts';
import type { TableSchema } from './datastore/table-schema.ts';
import { BadRequestError } from '../../core/http/errors.ts';
import { SECTORS } from './dataset.schema.ts';
import { monitoringFigures } from './monitoring.service.ts';
import { respondToRequest, REQUEST_STATUSES } from './data-request.service.ts';
import { can } from '../../core/policy.ts';
import { requireActor } from '../../core/http/request-context.ts';
import { organisationRoutes } from './organisation-page.ts';
import { geoPreviewBody, loadGeoPreview, sendGeoSvg } from './geojson-figure.ts';
import { describeConstraints } from './schema-edit.service.ts';
import type { DatasetView } from './data-read.service.ts';

const STYLES = ['/assets/css/data.css', '/assets/data/portal.css'];

function num(ctx: PageContext, v: unknown): string {
  return typeof v === 'number' ? formatNumber(ctx.locale, v) : v === null || v === undefined ? '' : String(v);
}

const YEAR_TITLE = /(^|[^a-z])(tahun|year|thn)([^a-z]|$)/i;

/** A year is written `2017`, not `2.017`: integer columns titled as years, for values 1000–2999. */
export function isYearValue(f: { type: string; title?: string; name: string }, v: number): boolean {
  return f.type === 'integer' && v >= 1000 && v <= 2999 && Number.isInteger(v) && (YEAR_TITLE.test(f.title ?? '') || YEAR_TITLE.test(f.name.replace(/_/g, ' ')));
}

function cellText(ctx: PageContext, v: unknown, f: { type: string; title?: string; name: string }): string {
  const type = f.type;
  if (v === null || v === undefined) return '–';
  if (type === 'integer' && isYearValue(f, Number(v))) return String(Number(v));
  if (type === 'number' || type === 'integer') return formatNumber(ctx.locale, Number(v));
  if (type === 'boolean') return v ? ctx.t('data.yes') : ctx.t('data.no');
  return String(v);
}

export function datasetCard(ctx: PageContext, h: { slug: string; title: string; description: string; organisation_name: string; organisation_slug?: string; sector: string; formats: string[]; published_at: Date; is_demo: boolean; download_count: number }): SafeHtml {
  return html`<li class="ds-item">
    <h3><a href="/data/${h.slug}">${h.title}</a></h3>
    <p class="ds-meta">${h.organisation_slug ? html`<a href="/data/organisasi/${h.organisation_slug}">${h.organisation_name}</a>` : h.organisation_name} · ${ctx.t(`data.sector.${h.sector}`)} · ${formatDate(ctx.locale, h.published_at)}${h.is_demo ? html` ${badge(ctx.t('data.demo'), 'warning')}` : ''}</p>
    <p>${(h.description ?? '').split('\n')[0].slice(0, 240)}</p>
    <p class="ds-formats">${h.formats.map((f) => badge(f, 'info'))} <span class="ds-downloads">${ctx.t('data.downloads', { n: formatNumber(ctx.locale, Number(h.download_count)) })}</span></p>
  </li>`;
}

function searchUrl(p: SearchParams, change: Partial<Record<string, string | number | undefined>>, base = '/data/cari'): string {
  const u = new URLSearchParams();
  const merged: Record<string, unknown> = { q: p.q, organisation: p.organisation, sector: p.sector, topic: p.topic, tag: p.tag, format: p.format, level: p.level, year: p.year, sort: p.sort === 'relevance' ? undefined : p.sort, ...change };
  for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `${base}?${s}` : base;
}

async function searchPage(req: FastifyRequest, fixed: Partial<SearchParams>, title: string, base: string, intro?: SafeHtml): Promise<SafeHtml> {
  const { pool } = req.server.ctx;
  const ctx = req.page();
  const p = { ...searchParamsFrom(req.query as Record<string, unknown>, 20), ...fixed, external: true };
  const { hits, total, corrected, facets } = await searchCatalogue(pool, p);
  if (corrected) p.q = corrected;
  const page = Math.floor(p.offset / p.limit) + 1;
  const facetNames: FacetName[] = ['organisation', 'sector', 'topic', 'tag', 'format', 'level', 'year'];
  const labelFor = (f: FacetName, v: { value: string; label: string }) => (f === 'sector' ? ctx.t(`data.sector.${v.value}`) : f === 'level' ? ctx.t(`data.level.${v.value}`) : v.label);
  return layout(ctx, {
    title, wide: true, styles: STYLES,
    breadcrumbs: [{ href: '/data', label: ctx.t('data.nav') }, { label: title }],
    body: html`<h1>${title}</h1>${intro ?? ''}
    ${p.organisation ? html`<p class="org-profile-link"><a href="/data/organisasi/${p.organisation}">${ctx.t('data.orgpage.profile')}</a></p>` : ''}
    ${form(ctx, { method: 'get', action: base, class: 'search-form', body: html`
      <label for="q" class="visually-hidden">${ctx.t('data.search.label')}</label>
      <input id="q" name="q" type="search" value="${p.q ?? ''}" placeholder="${ctx.t('data.search.placeholder')}">
      ${Object.entries({ organisation: fixed.organisation ? undefined : p.organisation, sector: fixed.sector ? undefined : p.sector, topic: p.topic, tag: p.tag, format: p.format, level: p.level, year: p.year }).filter(([, v]) => v).map(([k, v]) => html`<input type="hidden" name="${k}" value="${String(v)}">`)}
      <label for="sort">${ctx.t('data.search.sort')}</label>
      <select id="sort" name="sort">${(['relevance', 'newest', 'downloads'] as const).map((s) => html`<option value="${s}"${p.sort === s ? html` selected` : ''}>${ctx.t(`data.sort.${s}`)}</option>`)}</select>
      ${button(ctx.t('data.search.button'))}` })}
    ${corrected ? alert(ctx.t('data.search.corrected', { q: corrected }), 'info') : ''}
    <div class="search-layout">
      <aside class="facets" aria-label="${ctx.t('data.facets')}">
        ${facetNames.filter((f) => facets[f].length).map((f) => html`<section class="facet"><h2>${ctx.t(`data.facet.${f}`)}</h2><ul>
          ${facets[f].map((v) => {
            const active = String((p as unknown as Record<string, unknown>)[f] ?? '') === v.value;
            return html`<li><a href="${searchUrl(p, { [f]: active ? undefined : v.value, page: undefined }, base)}"${active ? html` aria-current="true" class="active"` : ''}>${labelFor(f, v)} <span class="count">${v.count}</span></a></li>`;
          })}
        </ul></section>`)}
      </aside>
      <section class="results" aria-live="polite">
        <p class="result-count">${ctx.t('data.search.count', { n: formatNumber(ctx.locale, total) })}</p>
        ${hits.length ? html`<ul class="ds-list">${hits.map((h) => (h.external ? externalDatasetCard(ctx, h) : datasetCard(ctx, h)))}</ul>` : html`<p class="empty">${ctx.t('data.search.none')} <a href="/data/usulan">${ctx.t('data.request.cta')}</a></p>`}
        <nav class="pager" aria-label="${ctx.t('nav.pagination')}">
          ${page > 1 ? html`<a href="${searchUrl(p, { page: page - 1 }, base)}">${ctx.t('data.prev')}</a>` : ''}
          ${p.offset + hits.length < total ? html`<a href="${searchUrl(p, { page: page + 1 }, base)}">${ctx.t('data.next')}</a>` : ''}
        </nav>
      </section>
    </div>`,
  });
}

export async function portalRoutes(app: FastifyInstance) {
  const ctx0 = app.ctx;
  const { pool } = ctx0;

  app.get('/data', { schema: { hide: true } }, async (req, reply) => {
    const ctx = req.page();
    const { rows: sectors } = await pool.query(`SELECT pub_sector AS s, count(*)::int AS n FROM data_datasets WHERE published_revision_id IS NOT NULL GROUP BY 1`);
    const { rows: totals } = await pool.query(`SELECT count(*) FILTER (WHERE published_revision_id IS NOT NULL)::int AS published, count(DISTINCT organisation_id) FILTER (WHERE published_revision_id IS NOT NULL)::int AS orgs, coalesce(sum(download_count), 0)::bigint AS downloads FROM data_datasets`);
    const year = new Date().getUTCFullYear();
    const mon = await monitoringFigures(pool, year);
    const { hits } = await searchDatasets(pool, { sort: 'newest', limit: 5, offset: 0 });
    const count = (s: string) => sectors.find((x) => x.s === s)?.n ?? 0;
    return sendPage(reply, layout(ctx, {
      title: ctx.t('data.home.title'), styles: STYLES, description: ctx.t('data.home.lead'),
      breadcrumbs: [{ label: ctx.t('data.nav') }],
      body: html`<h1>${ctx.t('data.home.title')}</h1>
      <p class="lead">${ctx.t('data.home.lead')}</p>
      ${form(ctx, { method: 'get', action: '/data/cari', class: 'search-form search-hero', body: html`
        <label for="q">${ctx.t('data.search.label')}</label>
        <input id="q" name="q" type="search" placeholder="${ctx.t('data.search.placeholder')}">
        ${button(ctx.t('data.search.button'))}` })}
      <h2>${ctx.t('data.home.sectors')}</h2>
      <ul class="sector-tiles">${SECTORS.map((s) => html`<li><a href="/data/sektor/${s}" class="sector-tile sector-${s}"><span class="sector-name">${ctx.t(`data.sector.${s}`)}</span><span class="sector-count">${ctx.t('data.home.datasets', { n: formatNumber(ctx.locale, count(s)) })}</span></a></li>`)}</ul>
      <h2>${ctx.t('data.home.figures')}</h2>
      <div class="figures">
        ${figure(ctx.t('data.figure.published'), formatNumber(ctx.locale, totals[0].published), '/data/cari')}
        ${figure(ctx.t('data.figure.organisations'), formatNumber(ctx.locale, totals[0].orgs), '/data/organisasi')}
        ${figure(ctx.t('data.figure.downloads'), formatNumber(ctx.locale, Number(totals[0].downloads)))}
        ${mon.total.items ? figure(ctx.t('data.figure.listPublished', { year }), `${formatNumber(ctx.locale, mon.total.publishedPct, 2)} %`, `/data/daftar?year=${year}`) : ''}
      </div>
      <h2>${ctx.t('data.home.newest')}</h2>
      <ul class="ds-list">${hits.map((h) => datasetCard(ctx, h))}</ul>
      <p><a href="/data/cari">${ctx.t('data.home.all')}</a> · <a href="/data/organisasi">${ctx.t('data.orgpage.list.title')}</a> · <a href="/data/daftar">${ctx.t('data.list.public')}</a> · <a href="/data/usulan">${ctx.t('data.request.cta')}</a> · <a href="/api/docs">${ctx.t('data.home.api')}</a></p>`,
    }));
  });

  app.get('/data/cari', { schema: { hide: true } }, async (req, reply) => sendPage(reply, await searchPage(req, {}, req.page().t('data.search.title'), '/data/cari')));

  app.get('/data/sektor/:sector', { schema: { hide: true } }, async (req, reply) => {
    const sector = (req.params as { sector: string }).sector;
    if (!(SECTORS as readonly string[]).includes(sector)) throw new NotFoundError();
    return sendPage(reply, await searchPage(req, { sector }, req.page().t('data.sector.page', { sector: req.page().t(`data.sector.${sector}`) }), `/data/sektor/${sector}`));
  });

  // organisation pages: the list of producers and one page per organisation (organisation-page.ts)
  await organisationRoutes(app, (ctx, h) => (h.external ? externalDatasetCard(ctx, h) : datasetCard(ctx, h)));

  async function geoSection(req: FastifyRequest, v: DatasetView, chosen: unknown): Promise<SafeHtml> {
    const ctx = req.page();
    const geo = v.resources.filter((r) => r.kind === 'file' && r.file_id && r.format === 'geojson');
    if (!geo.length) return html``;
    const active = geo.find((r) => r.lineage_id === chosen) ?? geo[0];
    const links = { fileHref: `/data/${v.dataset.slug}/sumber/${active.lineage_id}/berkas`, svgHref: `/data/${v.dataset.slug}/sumber/${active.lineage_id}/peta.svg` };
    const body = geoPreviewBody(ctx, await loadGeoPreview(ctx0, req.log, active.file_id!), active.name, active.lineage_id, links);
    return html`<section id="peta" class="geo-preview">
      <h2>${ctx.t('data.geopreview.title')}</h2>
      ${geo.length > 1 ? html`<p>${ctx.t('data.geopreview.others')} ${geo.map((r) => (r === active ? html`<strong>${r.name}</strong> ` : html`<a href="/data/${v.dataset.slug}?peta=${r.lineage_id}#peta">${r.name}</a> `))}</p>` : ''}
      ${body}
    </section>`;
  }

  app.get('/data/:slug/sumber/:lid/peta.svg', { schema: { hide: true } }, async (req, reply) => {
    const { slug, lid } = req.params as { slug: string; lid: string };
    const v = await publicDataset(pool, slug);
    const r = v.resources.find((x) => x.lineage_id === lid);
    if (!r?.file_id || r.kind !== 'file' || r.format !== 'geojson') throw new NotFoundError();
    const { preview } = await loadGeoPreview(ctx0, req.log, r.file_id);
    if (!preview?.ok) throw new NotFoundError();
    return sendGeoSvg(reply, preview, `${v.revision.title} — ${r.name}`, 'public, max-age=300');
  });

  app.get('/data/:slug', { schema: { hide: true } }, async (req, reply) => {
    const ctx = req.page();
    const v = await publicDataset(pool, (req.params as { slug: string }).slug);
    countView(v.dataset.id);
    const rev = v.revision;
    const tabular = v.resources.filter((r) => r.datastore_table && r.table_schema);
    const q = req.query as Record<string, unknown>;
    const active = tabular.find((r) => r.lineage_id === q.sumber) ?? tabular[0];
    let preview: SafeHtml = html``;
    let chartData: unknown = null;
    if (active) {
      const schema = active.table_schema as TableSchema;
      const filterQuery: Record<string, unknown> = {};
      for (const [k, val] of Object.entries(q)) if (k.startsWith('filter.') && String(val).trim()) filterQuery[k] = val;
      let page;
      let problem: string | null = null;
      try {
        const rq = parseRecordQuery(schema, { ...filterQuery, sort: q.sort, cursor: q.cursor, limit: 20 });
        page = await queryRecords(pool, active.datastore_table!, schema, rq, active.row_count);
      } catch (e) {
        if (!(e instanceof BadRequestError)) throw e;
        problem = ctx.t('data.preview.badFilter');
        page = await queryRecords(pool, active.datastore_table!, schema, parseRecordQuery(schema, { limit: 20 }), active.row_count);
      }
      const sort = String(q.sort ?? '');
      const base = (extra: Record<string, string>) => {
        const u = new URLSearchParams();
        u.set('sumber', active.lineage_id);
        for (const [k, val] of Object.entries(filterQuery)) u.set(k, String(val));
        for (const [k, val] of Object.entries(extra)) if (val) u.set(k, val);
        return `/data/${v.dataset.slug}?${u.toString()}#pratinjau`;
      };
      preview = html`<section id="pratinjau" class="preview">
        <h2>${ctx.t('data.preview.title')}</h2>
        ${tabular.length > 1 ? html`<p>${tabular.map((r) => (r === active ? html`<strong>${r.name}</strong> ` : html`<a href="/data/${v.dataset.slug}?sumber=${r.lineage_id}#pratinjau">${r.name}</a> `))}</p>` : ''}
        ${problem ? alert(problem, 'warning') : ''}
        <details class="preview-filter"${Object.keys(filterQuery).length ? html` open` : ''}><summary>${ctx.t('data.preview.filter')}</summary>
          <form method="get" action="/data/${v.dataset.slug}#pratinjau" class="filter-form">
            <input type="hidden" name="sumber" value="${active.lineage_id}">
            ${schema.fields.slice(0, 12).map((f) => html`<div class="field"><label for="flt-${f.name}">${f.title}</label><input id="flt-${f.name}" name="filter.${f.name}${f.type === 'string' ? '.like' : ''}" value="${String(filterQuery[`filter.${f.name}${f.type === 'string' ? '.like' : ''}`] ?? '')}"></div>`)}
            ${button(ctx.t('data.preview.apply'), { variant: 'secondary' })} <a href="/data/${v.dataset.slug}?sumber=${active.lineage_id}#pratinjau">${ctx.t('data.preview.reset')}</a>
          </form></details>
        <p class="result-count">${ctx.t('data.preview.count', { n: formatNumber(ctx.locale, page.total) })}</p>
        <div class="table-wrap" tabindex="0"><table class="data-table">
          <caption class="visually-hidden">${active.name}</caption>
          <thead><tr>${page.fields.map((f) => {
            const dir = sort === f.name ? 'asc' : sort === `-${f.name}` ? 'desc' : null;
            const next = dir === 'asc' ? `-${f.name}` : f.name;
            return html`<th scope="col" class="${f.type === 'number' || f.type === 'integer' ? 'num' : ''}"${dir ? html` aria-sort="${dir === 'asc' ? 'ascending' : 'descending'}"` : ''}><a href="${base({ sort: next })}">${f.title}${f.unit ? html` <span class="unit">(${f.unit})</span>` : ''}${dir ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</a></th>`;
          })}</tr></thead>
          <tbody>${page.records.map((r) => html`<tr>${page.fields.map((f) => html`<td class="${f.type === 'number' || f.type === 'integer' ? 'num' : ''}">${cellText(ctx, r[f.name], f)}</td>`)}</tr>`)}</tbody>
        </table></div>
        <nav class="pager" aria-label="${ctx.t('nav.pagination')}">${q.cursor ? html`<a href="${base({ sort })}">${ctx.t('data.first')}</a>` : ''} ${page.nextCursor ? html`<a href="${base({ sort, cursor: page.nextCursor })}">${ctx.t('data.next')}</a>` : ''}</nav>
      </section>`;
      const numeric = schema.fields.filter((f) => f.type === 'number' || f.type === 'integer');
      const label = schema.fields.find((f) => f.type === 'string' || f.type === 'date') ?? schema.fields.find((f) => f.type === 'integer');
      if (numeric.length && label) {
        chartData = {
          api: `/api/v1/data/resources/${active.lineage_id}/records?limit=200`,
          fields: schema.fields.map((f) => ({ name: f.name, title: f.title, type: f.type })),
          x: label.name, y: (() => {
            const measures = numeric.filter((f) => f.name !== label.name && !/^(no|nomor|urut|id|k_no)$/.test(f.name));
            return (measures.length ? measures : numeric).slice(-3).map((f) => f.name);
          })(),
          labels: { line: ctx.t('data.chart.line'), bar: ctx.t('data.chart.bar'), pie: ctx.t('data.chart.pie'), x: ctx.t('data.chart.x'), y: ctx.t('data.chart.y'), type: ctx.t('data.chart.type'), draw: ctx.t('data.chart.draw') },
        };
      }
    }
    const history = await repo.listRevisions(pool, v.dataset.id);
    const published = history.filter((h) => h.state === 'published' || h.state === 'superseded' || h.state === 'unpublished');
    const apiBase = `${req.server.ctx.config.baseUrl}/api/v1/data`;
    const year = rev.published_at ? new Date(rev.published_at).getUTCFullYear() : new Date().getUTCFullYear();
    const citation = `${v.dataset.organisation_name}. (${year}). ${rev.title} [Dataset, revisi ${rev.number}]. Satu Data NTB. ${req.server.ctx.config.baseUrl}/data/${v.dataset.slug}`;
    const ld = {
      '@context': 'https://schema.org', '@type': 'Dataset', name: rev.title, description: rev.description, url: `${req.server.ctx.config.baseUrl}/data/${v.dataset.slug}`,
      keywords: rev.tags, license: 'https://creativecommons.org/licenses/by/4.0/', creator: { '@type': 'GovernmentOrganization', name: v.dataset.organisation_name },
      temporalCoverage: rev.temporal_start && rev.temporal_end ? `${rev.temporal_start}/${rev.temporal_end}` : undefined, spatialCoverage: 'Nusa Tenggara Barat, Indonesia',
      distribution: tabular.map((r) => ({ '@type': 'DataDownload', encodingFormat: 'text/csv', contentUrl: `${req.server.ctx.config.baseUrl}/data/${v.dataset.slug}/sumber/${r.lineage_id}/unduh.csv` })),
    };
    const ms = rev.ms_ind ?? {};
    const mapPreview = await geoSection(req, v, q.peta);
    const catalogueHead = await datasetHead(pool, req.server.ctx.config.baseUrl, v.dataset.slug);
    return sendPage(reply, layout(ctx, {
      title: rev.title, wide: true, styles: STYLES, description: rev.description.slice(0, 300),
      scripts: [...(chartData ? ['/assets/vendor/echarts/echarts.min.js', '/assets/js/data/chart.js'] : []), ...(mapPreview.toString() ? ['/assets/data/geo-preview.js'] : [])],
      // schema.org Dataset + DCAT/datapackage alternates from the interoperability part of Satu Data;
      // falls back to the page's own JSON-LD while the dataset is not in the public catalogue.
      head: catalogueHead.toString() ? catalogueHead : html`<script type="application/ld+json">${jsonScript(ld)}</script>`,
      breadcrumbs: [{ href: '/data', label: ctx.t('data.nav') }, { href: `/data/organisasi/${v.dataset.organisation_slug}`, label: v.dataset.organisation_name }, { label: rev.title }],
      body: html`<h1>${rev.title}</h1>
      ${v.dataset.is_demo ? alert(ctx.t('data.demo.label'), 'warning') : ''}
      <p class="ds-meta"><a href="/data/organisasi/${v.dataset.organisation_slug}">${v.dataset.organisation_name}</a> · <a href="/data/sektor/${rev.sector}">${ctx.t(`data.sector.${rev.sector}`)}</a> · ${ctx.t('data.revision', { n: rev.number })} · ${ctx.t('data.views', { n: formatNumber(ctx.locale, Number(v.dataset.view_count)) })} · ${ctx.t('data.downloads', { n: formatNumber(ctx.locale, Number(v.dataset.download_count)) })}</p>
      <div class="description">${rev.description.split(/\n\n+/).map((para) => html`<p>${para}</p>`)}</div>
      <div class="grid-2">
        <div>
          <h2>${ctx.t('data.resources')}</h2>
          <ul class="resource-list">${v.resources.map((r) => html`<li>
            <strong>${r.name}</strong> ${badge(r.format.toUpperCase() || 'URL', 'info')}
            ${r.row_count !== null ? html`<span class="muted">${ctx.t('data.rows', { n: formatNumber(ctx.locale, Number(r.row_count)) })}</span>` : ''}
            <p class="downloads">
              ${r.datastore_table ? html`<a href="/data/${v.dataset.slug}/sumber/${r.lineage_id}/unduh.csv" download>CSV</a> · <a href="/data/${v.dataset.slug}/sumber/${r.lineage_id}/unduh.json">JSON</a> · <a href="/data/${v.dataset.slug}/sumber/${r.lineage_id}/unduh.xlsx" download>XLSX</a> · ` : ''}
              ${r.kind === 'link' && r.url ? html`<a href="${r.url}" rel="nofollow noopener">${ctx.t('data.link')}</a>` : html`<a href="/data/${v.dataset.slug}/sumber/${r.lineage_id}/berkas">${ctx.t('data.original')}</a>`}
              ${r.kind === 'file' && r.format === 'geojson' ? html` · <a href="/data/${v.dataset.slug}?peta=${r.lineage_id}#peta">${ctx.t('data.geopreview.title')}</a>` : ''}
            </p></li>`)}</ul>
          ${preview}
          ${chartData ? html`<section class="chart-section" id="grafik"><h2>${ctx.t('data.chart.title')}</h2>
            <script type="application/json" id="chart-config">${jsonScript(chartData)}</script>
            <div id="chart-controls" class="chart-controls"></div>
            <div id="chart" class="chart" role="img" aria-label="${ctx.t('data.chart.title')}"></div>
            <noscript><p>${ctx.t('data.chart.noscript')}</p></noscript></section>` : ''}
          ${mapPreview}
          ${active ? html`<section><h2>${ctx.t('data.dictionary')}</h2>${table({
            columns: [
              { label: ctx.t('data.dict.name'), cell: (f: TableSchema['fields'][number]) => html`<code>${f.name}</code>` },
              { label: ctx.t('data.dict.title'), cell: (f) => f.title },
              { label: ctx.t('data.dict.type'), cell: (f) => ctx.t(`data.type.${f.type}`) + (f['ntb:kind'] ? ` (${ctx.t(`data.kind.${f['ntb:kind']}`)})` : '') },
              { label: ctx.t('data.dict.unit'), cell: (f) => f.unit ?? '' },
              { label: ctx.t('data.dict.description'), cell: (f) => f.description ?? '' },
              ...((active.table_schema as TableSchema).fields.some((f) => Object.keys(f.constraints ?? {}).length)
                ? [{ label: ctx.t('data.constraints.title'), cell: (f: TableSchema['fields'][number]) => constraintList(ctx, f) }] : []),
            ], rows: (active.table_schema as TableSchema).fields })}</section>` : ''}
          <section><h2>${ctx.t('data.api.title')}</h2>
            <pre class="code"><code>curl '${apiBase}/datasets/${v.dataset.slug}'
${active ? `curl '${apiBase}/resources/${active.lineage_id}/records?limit=10&sort=-${(active.table_schema as TableSchema).fields[0]?.name ?? '_id'}'` : ''}</code></pre>
            <p><a href="/api/docs">${ctx.t('data.api.docs')}</a></p></section>
        </div>
        <aside>
          <h2>${ctx.t('data.metadata')}</h2>
          <dl class="meta">
            <dt>${ctx.t('data.f.organisation')}</dt><dd><a href="/data/organisasi/${v.dataset.organisation_slug}">${v.dataset.organisation_name}</a></dd>
            <dt>${ctx.t('data.f.sector')}</dt><dd>${ctx.t(`data.sector.${rev.sector}`)}${rev.topic ? ` · ${rev.topic}` : ''}</dd>
            <dt>${ctx.t('data.f.tags')}</dt><dd>${rev.tags.map((t) => html`<a class="tag" href="/data/cari?tag=${encodeURIComponent(t)}">${t}</a> `)}</dd>
            <dt>${ctx.t('data.f.licence')}</dt><dd>${rev.licence}</dd>
            <dt>${ctx.t('data.f.temporal')}</dt><dd>${formatDate(ctx.locale, rev.temporal_start)} – ${formatDate(ctx.locale, rev.temporal_end)}</dd>
            <dt>${ctx.t('data.f.regions')}</dt><dd>${rev.region_codes.join(', ')}</dd>
            <dt>${ctx.t('data.f.frequency')}</dt><dd>${ctx.t(`data.freq.${rev.frequency}`)}</dd>
            <dt>${ctx.t('data.f.level')}</dt><dd>${ctx.t(`data.level.${rev.level}`)}</dd>
            <dt>${ctx.t('data.f.contact')}</dt><dd>${rev.contact_role}</dd>
            <dt>${ctx.t('data.f.source')}</dt><dd>${rev.source}</dd>
            <dt>${ctx.t('data.f.updated')}</dt><dd>${formatDate(ctx.locale, rev.published_at)}</dd>
            ${rev.notes ? html`<dt>${ctx.t('data.f.notes')}</dt><dd>${rev.notes}</dd>` : ''}
          </dl>
          ${Object.values(ms).some(Boolean) ? html`<h3>${ctx.t('data.msind')}</h3><dl class="meta">${Object.entries(ms).filter(([, val]) => val).map(([k, val]) => html`<dt>${ctx.t(`data.msind.${k}`)}</dt><dd>${val}</dd>`)}</dl>` : ''}
          ${Object.values(rev.ms_keg ?? {}).some(Boolean) ? html`<h3>${ctx.t('data.mskeg')}</h3><dl class="meta">${Object.entries(rev.ms_keg).filter(([, val]) => val).map(([k, val]) => html`<dt>${ctx.t(`data.mskeg.${k}`)}</dt><dd>${val}</dd>`)}</dl>` : ''}
          <h2>${ctx.t('data.citation')}</h2><p class="citation">${citation}</p>
          <h2>${ctx.t('data.history')}</h2>
          <ol class="history">${published.map((h) => html`<li>${ctx.t('data.revision', { n: h.number })} · ${formatDate(ctx.locale, h.published_at)} · ${ctx.t(`data.wf.state.${h.state}`)}${historySummary(ctx, h.change_summary)}</li>`)}</ol>
        </aside>
      </div>`,
    }));
  });

  app.get('/data/:slug/sumber/:lid/unduh.:ext', { schema: { hide: true } }, async (req, reply) => {
    const { lid, ext } = req.params as { lid: string; ext: string };
    return sendDownload(req, reply, lid, ext);
  });

  app.get('/data/:slug/sumber/:lid/berkas', { schema: { hide: true } }, async (req, reply) => {
    const { slug, lid } = req.params as { slug: string; lid: string };
    const v = await publicDataset(pool, slug);
    const r = v.resources.find((x) => x.lineage_id === lid);
    if (!r?.file_id) throw new NotFoundError();
    const file = await ctx0.files.find(pool, r.file_id);
    if (!file) throw new NotFoundError();
    countDownload(v.dataset.id);
    reply.header('content-type', file.mime).header('content-disposition', contentDisposition(file.originalName)).header('x-content-type-options', 'nosniff');
    return reply.send(await ctx0.files.open(file));
  });

  // ---- public data requests (usulan data) ----
  async function requestForm(req: FastifyRequest, values: Record<string, string> = {}, errors: FieldErrors = {}) {
    const ctx = req.page();
    const { rows: orgs } = await pool.query(`SELECT id, name FROM organisations WHERE type NOT IN ('platform', 'cso') ORDER BY name`);
    return layout(ctx, {
      title: ctx.t('data.request.title'), styles: STYLES,
      breadcrumbs: [{ href: '/data', label: ctx.t('data.nav') }, { label: ctx.t('data.request.title') }],
      body: html`<h1>${ctx.t('data.request.title')}</h1><p>${ctx.t('data.request.lead')}</p>
      ${errorSummary(ctx, errors)}
      ${form(ctx, { action: '/data/usulan', novalidate: true, body: html`
        ${input({ name: 'title', label: ctx.t('data.request.f.title'), value: values.title, required: true, maxlength: 300, error: errors.title })}
        ${textarea({ name: 'description', label: ctx.t('data.request.f.description'), value: values.description, maxlength: 4000, error: errors.description })}
        ${textarea({ name: 'purpose', label: ctx.t('data.request.f.purpose'), value: values.purpose, rows: 3, maxlength: 1000 })}
        ${select({ name: 'organisationId', label: ctx.t('data.request.f.organisation'), value: values.organisationId, options: orgs.map((o) => ({ value: o.id, label: o.name })), placeholder: ctx.t('data.request.f.unknownOrg') })}
        ${input({ name: 'email', type: 'email', label: ctx.t('data.request.f.email'), hint: ctx.t('data.request.f.emailHint'), value: values.email, error: errors.email })}
        ${button(ctx.t('data.request.submit'))}` })}`,
    });
  }

  app.get('/data/usulan', { schema: { hide: true } }, async (req, reply) => sendPage(reply, await requestForm(req)));
  app.post('/data/usulan', { schema: { hide: true }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (req, reply) => {
    const b = req.body as Record<string, unknown>;
    const values = { title: str(b, 'title'), description: str(b, 'description'), purpose: str(b, 'purpose'), organisationId: str(b, 'organisationId'), email: str(b, 'email') };
    try {
      const problems = [];
      if (values.title.length < 3) problems.push({ field: 'title', key: 'validation.required' });
      if (values.title.length > 300) problems.push({ field: 'title', key: 'validation.maxLength', params: { limit: 300 } });
      if (values.description.length > 4000) problems.push({ field: 'description', key: 'validation.maxLength', params: { limit: 4000 } });
      if (values.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) problems.push({ field: 'email', key: 'validation.format.email' });
      if (problems.length) throw new ValidationError(problems);
      const code = crypto.randomBytes(5).toString('hex').toUpperCase();
      await pool.query(`INSERT INTO data_requests (tracking_code, title, description, purpose, requester_email, organisation_id) VALUES ($1,$2,$3,$4,$5,$6)`,
        [code, values.title, values.description, values.purpose, values.email || null, /^[0-9a-f-]{36}$/.test(values.organisationId) ? values.organisationId : null]);
      return seeOther(reply, `/data/usulan/${code}`);
    } catch (e) {
      return sendPage(reply, await requestForm(req, values, formErrors(req.locale, e)), 422);
    }
  });
  async function requestPage(req: FastifyRequest, errors: FieldErrors = {}, values: Record<string, string> = {}, notice?: string) {
    const ctx = req.page();
    const { rows } = await pool.query(`SELECT r.*, o.name AS org_name, d.slug AS dataset_slug FROM data_requests r LEFT JOIN organisations o ON o.id = r.organisation_id LEFT JOIN data_datasets d ON d.id = r.dataset_id WHERE r.tracking_code = $1`, [String((req.params as { code: string }).code).toUpperCase()]);
    const r = rows[0];
    if (!r) throw new NotFoundError();
    const mayRespond = can(req.actor, 'data.request.respond');
    return layout(ctx, {
      title: ctx.t('data.request.status'), styles: STYLES,
      breadcrumbs: [{ href: '/data', label: ctx.t('data.nav') }, { href: '/data/usulan', label: ctx.t('data.request.title') }, { label: r.tracking_code }],
      body: html`<h1>${ctx.t('data.request.status')}</h1>
      ${notice ? alert(notice, 'success') : ''}
      <p>${ctx.t('data.request.code')}: <strong>${r.tracking_code}</strong> — ${ctx.t('data.request.keep')}</p>
      <dl class="meta"><dt>${ctx.t('data.request.f.title')}</dt><dd>${r.title}</dd>
      <dt>${ctx.t('data.request.state')}</dt><dd>${badge(ctx.t(`data.request.s.${r.status}`), r.status === 'dipenuhi' ? 'success' : r.status === 'ditolak' ? 'danger' : 'info')}</dd>
      ${r.org_name ? html`<dt>${ctx.t('data.request.f.organisation')}</dt><dd>${r.org_name}</dd>` : ''}
      <dt>${ctx.t('data.request.submitted')}</dt><dd>${formatDate(ctx.locale, r.created_at, true)}</dd>
      ${r.response ? html`<dt>${ctx.t('data.request.response')}</dt><dd>${r.response}</dd>` : ''}
      ${r.dataset_slug ? html`<dt>${ctx.t('data.request.dataset')}</dt><dd><a href="/data/${r.dataset_slug}">${r.dataset_slug}</a></dd>` : ''}</dl>
      ${mayRespond ? html`<h2>${ctx.t('data.request.respond.title')}</h2>
        ${errorSummary(ctx, errors)}
        ${form(ctx, { action: `/data/usulan/${r.tracking_code}/tanggapan`, novalidate: true, body: html`
          ${select({ name: 'status', label: ctx.t('data.request.respond.status'), value: values.status ?? r.status, required: true, options: REQUEST_STATUSES.map((s) => ({ value: s, label: ctx.t(`data.request.s.${s}`) })), error: errors.status })}
          ${textarea({ name: 'response', label: ctx.t('data.request.respond.response'), value: values.response ?? r.response, rows: 4, maxlength: 2000, error: errors.response })}
          ${input({ name: 'datasetSlug', label: ctx.t('data.request.respond.dataset'), value: values.datasetSlug ?? r.dataset_slug ?? '', error: errors.datasetSlug })}
          ${button(ctx.t('data.request.respond.submit'))}` })}` : ''}`,
    });
  }
  app.get('/data/usulan/:code', { schema: { hide: true } }, async (req, reply) => sendPage(reply, await requestPage(req)));
  app.post('/data/usulan/:code/tanggapan', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const b = req.body as Record<string, unknown>;
    const values = { status: str(b, 'status'), response: str(b, 'response'), datasetSlug: str(b, 'datasetSlug') };
    try {
      await respondToRequest(pool, actor, (req.params as { code: string }).code, values, req.server.ctx.config.baseUrl);
      return sendPage(reply, await requestPage(req, {}, {}, req.page().t('data.request.respond.done')));
    } catch (e) {
      return sendPage(reply, await requestPage(req, formErrors(req.locale, e), values), 422);
    }
  });
}

/** A field's constraints in the public data dictionary. */
function constraintList(ctx: PageContext, f: TableSchema['fields'][number]): SafeHtml {
  const parts = describeConstraints(ctx.t, (n) => formatNumber(ctx.locale, n), f);
  return parts.length ? html`<ul class="constraint-list">${parts.map((p) => html`<li>${p}</li>`)}</ul>` : html``;
}

function historySummary(ctx: PageContext, s: unknown): SafeHtml {
  if (!s || typeof s !== 'object') return html``;
  const sum = s as { metadata?: string[]; resources?: Array<Record<string, unknown>> };
  const parts: string[] = [];
  const samples: SafeHtml[] = [];
  if (sum.metadata?.length) parts.push(ctx.t('data.history.metadata', { fields: sum.metadata.join(', ') }));
  for (const r of sum.resources ?? []) {
    if (r.unchanged) continue;
    if (r.added) parts.push(ctx.t('data.history.added', { name: String(r.name) }));
    else if (r.removed) parts.push(ctx.t('data.history.removed', { name: String(r.name) }));
    else parts.push(ctx.t('data.history.data', { name: String(r.name), before: num(ctx, r.rowsBefore), after: num(ctx, r.rowsAfter), added: num(ctx, r.rowsAdded ?? '?'), removed: num(ctx, r.rowsRemoved ?? '?') }));
    // Changed cells (summaries written since cell comparison exists carry `cells`).
    const c = r.cells as { key: { kind: string; titles: string[] }; changedRows: number; changedCells: number; byColumn: Array<{ title: string; changed: number }>; sample: Array<{ key: string; title: string; before: string | null; after: string | null }> } | null | undefined;
    if (!c || r.added || r.removed) continue;
    const key = c.key.kind === 'row' ? ctx.t('data.history.keyRow') : c.key.titles.join(' + ');
    parts.push(ctx.t('data.history.cells', { cells: num(ctx, c.changedCells), rows: num(ctx, c.changedRows), key }) + (c.byColumn.length ? ` (${c.byColumn.map((x) => `${x.title}: ${num(ctx, x.changed)}`).join(', ')})` : ''));
    if (c.sample.length) {
      samples.push(html`<details class="history-cells"><summary>${ctx.t('data.history.sample', { name: String(r.name), count: c.sample.length })}</summary><ul>${c.sample.map((x) => html`<li>${c.key.kind === 'row' ? ctx.t('data.history.row', { n: x.key }) : x.key} · ${x.title}: <del>${x.before ?? '–'}</del> → <ins>${x.after ?? '–'}</ins></li>`)}</ul></details>`);
    }
  }
  return parts.length ? html`<br><small>${parts.join('; ')}</small>${samples}` : html``;
}
