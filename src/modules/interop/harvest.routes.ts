/**
 * Harvest management for walidata (pages under /data/panen and JSON under /api/v1/interop) and the public
 * provenance page of a harvested dataset (/data/panen/dataset/{name}).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { requireActor } from '../../core/http/request-context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { ErrorSchema } from '../../core/http/schemas.ts';
import { authorize } from '../../core/policy.ts';
import { sendPage, seeOther } from '../../core/http/reply.ts';
import { layout, type PageContext } from '../../core/views/layout.ts';
import { html, type SafeHtml } from '../../core/views/html.ts';
import { alert, badge, button, checkbox, errorSummary, form, input, linkButton, select, table, type FieldErrors } from '../../core/views/components.ts';
import { formErrors, str } from '../../core/web/forms.ts';
import { formatDate, formatNumber } from '../../core/i18n/i18n.ts';
import * as repo from './harvest.repo.ts';
import { createSource, updateSource, queueHarvest, sourceHealth, SourceInput } from './harvest.service.ts';
import { findPackageId, loadDatasets } from './catalogue.repo.ts';
import { schemaOrgDataset } from './web-metadata.ts';
import { headMarkup } from './dataset-page-hooks.ts';
import { CATALOG_TITLE } from './dcat.routes.ts';

const TONE: Record<string, 'success' | 'warning' | 'danger' | 'info' | 'neutral'> = { ok: 'success', partial: 'warning', failed: 'danger', gathering: 'info', importing: 'info', healthy: 'success', degraded: 'warning', failing: 'danger', unknown: 'neutral' };
const csv = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
/** Only http(s) links from harvested metadata become links (no javascript:, data: …). */
const safeHref = (u: string | null | undefined): string | null => (u && /^https?:\/\//i.test(u) ? u : null);
/** Link text for long URLs, so they do not overflow a 360-px screen (the href keeps the full URL). */
export function shortUrl(u: string, max = 36): string {
  const t = u.replace(/^https?:\/\//, '').replace(/\/$/, '');
  return t.length <= max ? t : `${t.slice(0, max - 12)}…${t.slice(-11)}`;
}

function presentSource(s: repo.SourceRow, runs: repo.RunRow[]) {
  const h = sourceHealth(runs);
  return {
    id: s.id, title: s.title, kind: s.kind, url: s.url, organisation: { id: s.organisation_id, slug: s.organisation_slug, name: s.organisation_name },
    schedule: s.schedule, active: s.active, filters: { includeOrgs: s.include_orgs, excludeOrgs: s.exclude_orgs, includeTags: s.include_tags, excludeTags: s.exclude_tags },
    datasetCount: s.dataset_count ?? 0, nextRunAt: s.next_run_at ? new Date(s.next_run_at).toISOString() : null, consecutiveFailures: s.consecutive_failures,
    health: { ...h, lastOk: h.lastOk ? new Date(h.lastOk).toISOString() : null },
  };
}
function presentRun(r: repo.RunRow) {
  return {
    id: r.id, status: r.status, mode: r.mode, startedAt: new Date(r.started_at).toISOString(), finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    gathered: r.gathered, created: r.created, updated: r.updated, unchanged: r.unchanged, removed: r.removed, skipped: r.skipped, errors: r.errors,
    requests: r.requests, retries: r.retries, slowestMs: r.slowest_ms, message: r.message,
  };
}

export async function harvestRoutes(app: FastifyInstance) {
  const ctx = app.ctx;
  const { pool } = ctx;

  // ---- JSON API
  const SourceOut = Type.Object({ id: Type.String() }, { additionalProperties: true });
  app.get('/api/v1/interop/harvest-sources', {
    schema: { tags: ['interop'], summary: 'Harvest sources with their health (walidata)', security: [{ bearerAuth: [] }], response: { 200: Type.Object({ results: Type.Array(SourceOut) }), 401: ErrorSchema, 403: ErrorSchema } },
  }, async (req) => {
    authorize(requireActor(req), 'interop.harvest.manage');
    const sources = await repo.listSources(pool);
    return { results: await Promise.all(sources.map(async (s) => presentSource(s, await repo.listRuns(pool, s.id, 30)))) };
  });
  app.post('/api/v1/interop/harvest-sources', {
    schema: { tags: ['interop'], summary: 'Add a harvest source (CKAN Action API or DCAT catalogue)', security: [{ bearerAuth: [] }], body: SourceInput, response: { 201: SourceOut, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 422: ErrorSchema } },
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const id = await createSource(ctx, requireActor(req), req.body);
    const s = (await repo.findSource(pool, id))!;
    return reply.status(201).send(presentSource(s, []));
  });
  app.get('/api/v1/interop/harvest-sources/:id', {
    schema: { tags: ['interop'], summary: 'A harvest source with its recent run reports', security: [{ bearerAuth: [] }], params: Type.Object({ id: Type.String() }), response: { 200: SourceOut, 404: ErrorSchema } },
  }, async (req) => {
    authorize(requireActor(req), 'interop.harvest.manage');
    const s = await repo.findSource(pool, (req.params as { id: string }).id);
    if (!s) throw new NotFoundError();
    const runs = await repo.listRuns(pool, s.id, 30);
    return { ...presentSource(s, runs), runs: runs.map(presentRun) };
  });
  app.put('/api/v1/interop/harvest-sources/:id', {
    schema: { tags: ['interop'], summary: 'Change a harvest source', security: [{ bearerAuth: [] }], params: Type.Object({ id: Type.String() }), body: SourceInput, response: { 200: SourceOut, 404: ErrorSchema, 422: ErrorSchema } },
  }, async (req) => {
    const id = (req.params as { id: string }).id;
    await updateSource(ctx, requireActor(req), id, req.body);
    return presentSource((await repo.findSource(pool, id))!, await repo.listRuns(pool, id, 30));
  });
  app.post('/api/v1/interop/harvest-sources/:id/run', {
    schema: { tags: ['interop'], summary: 'Queue a harvest of the source now', security: [{ bearerAuth: [] }], params: Type.Object({ id: Type.String() }), response: { 202: Type.Object({ queued: Type.Boolean() }), 404: ErrorSchema } },
  }, async (req, reply) => {
    await queueHarvest(ctx, requireActor(req), (req.params as { id: string }).id);
    return reply.status(202).send({ queued: true });
  });

  // ---- pages
  async function orgOptions() {
    const { rows } = await pool.query(`SELECT id, name FROM organisations WHERE type IN ('pemda', 'badan', 'dinas', 'bps', 'lainnya', 'sekretariat') ORDER BY name`);
    return rows.map((o) => ({ value: o.id, label: o.name }));
  }
  async function sourceForm(req: FastifyRequest, values: Record<string, string>, errors: FieldErrors, id?: string): Promise<SafeHtml> {
    const c = req.page();
    const opts = (k: string, vs: string[]) => vs.map((v) => ({ value: v, label: c.t(`interop.harvest.f.${k}.${v}`) }));
    return layout(c, {
      title: c.t(id ? 'interop.harvest.edit' : 'interop.harvest.new'),
      breadcrumbs: [{ href: '/data', label: c.t('data.nav') }, { href: '/data/panen', label: c.t('interop.harvest.title') }, { label: c.t(id ? 'interop.harvest.edit' : 'interop.harvest.new') }],
      body: html`<h1>${c.t(id ? 'interop.harvest.edit' : 'interop.harvest.new')}</h1>
      ${errorSummary(c, errors)}
      ${form(c, { action: id ? `/data/panen/${id}/ubah` : '/data/panen/baru', body: html`
        ${input({ name: 'title', label: c.t('interop.harvest.f.title'), value: values.title, required: true, maxlength: 200, error: errors.title })}
        ${select({ name: 'kind', label: c.t('interop.harvest.f.kind'), value: values.kind ?? 'ckan', options: opts('kind', ['ckan', 'dcat']), error: errors.kind })}
        ${input({ name: 'url', type: 'url', label: c.t('interop.harvest.f.url'), hint: c.t('interop.harvest.f.url.hint'), value: values.url, required: true, maxlength: 500, error: errors.url })}
        ${select({ name: 'organisationId', label: c.t('interop.harvest.f.organisation'), value: values.organisationId, options: await orgOptions(), required: true, error: errors.organisationId })}
        ${select({ name: 'schedule', label: c.t('interop.harvest.f.schedule'), value: values.schedule ?? 'daily', options: opts('schedule', ['manual', 'hourly', 'daily', 'weekly']), error: errors.schedule })}
        ${input({ name: 'includeOrgs', label: c.t('interop.harvest.f.includeOrgs'), value: values.includeOrgs })}
        ${input({ name: 'excludeOrgs', label: c.t('interop.harvest.f.excludeOrgs'), value: values.excludeOrgs })}
        ${input({ name: 'includeTags', label: c.t('interop.harvest.f.includeTags'), value: values.includeTags })}
        ${input({ name: 'excludeTags', label: c.t('interop.harvest.f.excludeTags'), value: values.excludeTags })}
        ${checkbox({ name: 'active', label: c.t('interop.harvest.f.active'), checked: values.active !== 'false', value: 'true' })}
        ${button(c.t('interop.harvest.save'))}` })}`,
    });
  }
  const formInput = (body: unknown) => ({
    title: str(body, 'title'), kind: str(body, 'kind'), url: str(body, 'url'), organisationId: str(body, 'organisationId'), schedule: str(body, 'schedule') || 'daily',
    includeOrgs: csv(str(body, 'includeOrgs')), excludeOrgs: csv(str(body, 'excludeOrgs')), includeTags: csv(str(body, 'includeTags')), excludeTags: csv(str(body, 'excludeTags')),
    active: str(body, 'active') === 'true',
  });
  const formValues = (body: unknown) => Object.fromEntries(['title', 'kind', 'url', 'organisationId', 'schedule', 'includeOrgs', 'excludeOrgs', 'includeTags', 'excludeTags', 'active'].map((k) => [k, str(body, k) || (k === 'active' ? 'false' : '')]));

  app.get('/data/panen', { schema: { hide: true } }, async (req, reply) => {
    authorize(requireActor(req), 'interop.harvest.manage');
    const c = req.page();
    const sources = await repo.listSources(pool);
    const rows = await Promise.all(sources.map(async (s) => ({ s, runs: await repo.listRuns(pool, s.id, 30) })));
    return sendPage(reply, layout(c, {
      title: c.t('interop.harvest.title'),
      breadcrumbs: [{ href: '/data', label: c.t('data.nav') }, { label: c.t('interop.harvest.title') }],
      body: html`<h1>${c.t('interop.harvest.title')}</h1><p>${c.t('interop.harvest.lead')}</p>
      <p>${linkButton('/data/panen/baru', c.t('interop.harvest.new'), 'primary')}</p>
      ${table({
        empty: c.t('interop.harvest.empty'), rows,
        columns: [
          { label: c.t('interop.harvest.col.source'), cell: (r) => html`<a href="/data/panen/${r.s.id}">${r.s.title}</a>${r.s.active ? '' : html` ${badge(c.t('interop.harvest.f.schedule.manual'))}`}` },
          { label: c.t('interop.harvest.col.kind'), cell: (r) => c.t(`interop.harvest.f.kind.${r.s.kind}`) },
          { label: c.t('interop.harvest.col.organisation'), cell: (r) => r.s.organisation_name },
          { label: c.t('interop.harvest.col.datasets'), numeric: true, cell: (r) => formatNumber(c.locale, r.s.dataset_count ?? 0) },
          { label: c.t('interop.harvest.col.health'), cell: (r) => { const h = sourceHealth(r.runs); return badge(c.t(`interop.harvest.health.${h.state}`), TONE[h.state]); } },
          { label: c.t('interop.harvest.col.lastRun'), cell: (r) => (r.runs[0] ? html`${formatDate(c.locale, r.runs[0].started_at, true)} ${badge(c.t(`interop.harvest.status.${r.runs[0].status}`), TONE[r.runs[0].status])}` : '—') },
        ],
      })}`,
    }));
  });

  app.get('/data/panen/baru', { schema: { hide: true } }, async (req, reply) => {
    authorize(requireActor(req), 'interop.harvest.manage');
    return sendPage(reply, await sourceForm(req, {}, {}));
  });
  app.post('/data/panen/baru', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    try {
      const id = await createSource(ctx, actor, formInput(req.body));
      return seeOther(reply, `/data/panen/${id}`);
    } catch (e) {
      return sendPage(reply, await sourceForm(req, formValues(req.body), formErrors(req.locale, e)), 422);
    }
  });

  app.get('/data/panen/:id', { schema: { hide: true } }, async (req, reply) => {
    authorize(requireActor(req), 'interop.harvest.manage');
    const c = req.page();
    const s = await repo.findSource(pool, (req.params as { id: string }).id);
    if (!s) throw new NotFoundError();
    const runs = await repo.listRuns(pool, s.id, 30);
    const h = sourceHealth(runs);
    const queued = (req.query as { antre?: string }).antre === '1';
    return sendPage(reply, layout(c, {
      title: s.title,
      breadcrumbs: [{ href: '/data', label: c.t('data.nav') }, { href: '/data/panen', label: c.t('interop.harvest.title') }, { label: s.title }],
      body: html`<h1>${s.title}</h1>
      ${queued ? alert(c.t('interop.harvest.queued'), 'success') : ''}
      <dl class="meta">
        <dt>${c.t('interop.harvest.col.kind')}</dt><dd>${c.t(`interop.harvest.f.kind.${s.kind}`)}</dd>
        <dt>${c.t('interop.harvest.f.url')}</dt><dd><a href="${s.url}" rel="noopener nofollow">${shortUrl(s.url)}</a></dd>
        <dt>${c.t('interop.harvest.col.organisation')}</dt><dd>${s.organisation_name}</dd>
        <dt>${c.t('interop.harvest.f.schedule')}</dt><dd>${c.t(`interop.harvest.f.schedule.${s.schedule}`)}${s.next_run_at ? html` — ${c.t('interop.harvest.nextRun', { at: formatDate(c.locale, s.next_run_at, true) })}` : ''}</dd>
        <dt>${c.t('interop.harvest.col.datasets')}</dt><dd>${formatNumber(c.locale, s.dataset_count ?? 0)}</dd>
        <dt>${c.t('interop.harvest.col.health')}</dt><dd>${badge(c.t(`interop.harvest.health.${h.state}`), TONE[h.state])}
          ${h.okRate !== null ? c.t('interop.harvest.health.summary', { rate: Math.round(h.okRate * 100), n: runs.filter((r) => r.finished_at).length, ms: formatNumber(c.locale, h.meanMs ?? 0), fails: h.failuresInRow }) : ''}</dd>
      </dl>
      ${form(c, { action: `/data/panen/${s.id}/jalankan`, body: button(c.t('interop.harvest.runNow')) })}
      <p><a href="/data/panen/${s.id}/ubah">${c.t('interop.harvest.edit')}</a></p>
      <h2>${c.t('interop.harvest.runs')}</h2>
      ${table({
        empty: c.t('interop.harvest.noRuns'), rows: runs,
        columns: [
          { label: c.t('interop.harvest.col.started'), cell: (r) => formatDate(c.locale, r.started_at, true) },
          { label: c.t('interop.harvest.col.status'), cell: (r) => badge(c.t(`interop.harvest.status.${r.status}`), TONE[r.status]) },
          { label: c.t('interop.harvest.col.created'), numeric: true, cell: (r) => r.created },
          { label: c.t('interop.harvest.col.updated'), numeric: true, cell: (r) => r.updated },
          { label: c.t('interop.harvest.col.unchanged'), numeric: true, cell: (r) => r.unchanged },
          { label: c.t('interop.harvest.col.removed'), numeric: true, cell: (r) => r.removed },
          { label: c.t('interop.harvest.col.errors'), numeric: true, cell: (r) => r.errors.length },
          { label: c.t('interop.harvest.col.duration'), numeric: true, cell: (r) => (r.finished_at ? `${formatNumber(c.locale, new Date(r.finished_at).getTime() - new Date(r.started_at).getTime())} ms` : '…') },
        ],
      })}
      ${runs[0]?.errors.length ? html`<h2>${c.t('interop.harvest.lastErrors')}</h2><ul>${runs[0].errors.slice(0, 50).map((e) => html`<li><code>${e.stage}</code> ${e.remoteId ?? ''} — ${e.reason}</li>`)}</ul>` : ''}`,
    }));
  });

  app.get('/data/panen/:id/ubah', { schema: { hide: true } }, async (req, reply) => {
    authorize(requireActor(req), 'interop.harvest.manage');
    const s = await repo.findSource(pool, (req.params as { id: string }).id);
    if (!s) throw new NotFoundError();
    return sendPage(reply, await sourceForm(req, {
      title: s.title, kind: s.kind, url: s.url, organisationId: s.organisation_id, schedule: s.schedule, includeOrgs: s.include_orgs.join(', '),
      excludeOrgs: s.exclude_orgs.join(', '), includeTags: s.include_tags.join(', '), excludeTags: s.exclude_tags.join(', '), active: String(s.active),
    }, {}, s.id));
  });
  app.post('/data/panen/:id/ubah', { schema: { hide: true } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    try {
      await updateSource(ctx, requireActor(req), id, formInput(req.body));
      return seeOther(reply, `/data/panen/${id}`);
    } catch (e) {
      return sendPage(reply, await sourceForm(req, formValues(req.body), formErrors(req.locale, e), id), 422);
    }
  });
  app.post('/data/panen/:id/jalankan', { schema: { hide: true } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    await queueHarvest(ctx, requireActor(req), id);
    return seeOther(reply, `/data/panen/${id}?antre=1`);
  });

  // ---- public page of a harvested dataset, with its provenance
  app.get('/data/panen/dataset/:name', { schema: { hide: true } }, async (req, reply) => {
    const c: PageContext = req.page();
    const name = (req.params as { name: string }).name;
    const h = await repo.findHarvestedByName(pool, name);
    if (!h) throw new NotFoundError();
    const base = ctx.config.baseUrl.replace(/\/+$/, '');
    let head: SafeHtml | string = '';
    if (h.state === 'active') {
      const id = await findPackageId(pool, name);
      const [ds] = id ? await loadDatasets(pool, [id], base) : [];
      if (ds) head = headMarkup(schemaOrgDataset({ baseUrl: base, catalogName: CATALOG_TITLE }, ds), name);
    }
    return sendPage(reply, layout(c, {
      title: h.title, head, description: String(h.notes).slice(0, 160),
      breadcrumbs: [{ href: '/data', label: c.t('data.nav') }, { label: h.title }],
      body: html`<h1>${h.title} ${badge(c.t('interop.harvested.badge'), 'info')}</h1>
      ${h.state !== 'active' ? alert(c.t('interop.harvested.removed'), 'warning') : ''}
      <p>${h.notes}</p>
      <section aria-labelledby="prov"><h2 id="prov">${c.t('interop.harvested.provenance')}</h2>
      ${alert(c.t('interop.harvested.readOnly'), 'info')}
      <dl class="meta">
        <dt>${c.t('interop.harvest.col.organisation')}</dt><dd>${h.organisation_name}${h.remote_org_title ? html` (${h.remote_org_title})` : ''}</dd>
        <dt>${c.t('interop.harvested.source')}</dt><dd>${h.source_title} — <a href="${h.source_url}" rel="noopener nofollow">${shortUrl(h.source_url)}</a></dd>
        <dt>${c.t('interop.harvested.original')}</dt><dd>${safeHref(h.original_url) ? html`<a href="${h.original_url}" rel="noopener nofollow">${shortUrl(h.original_url)}</a>` : h.original_url || '—'}</dd>
        <dt>${c.t('interop.harvested.lastHarvested')}</dt><dd>${formatDate(c.locale, h.last_harvested_at, true)}</dd>
      </dl></section>
      <h2>${c.t('interop.harvested.resources')}</h2>
      <ul>${(h.resources as Array<{ name: string; url: string; format: string }>).map((r) => html`<li>${safeHref(r.url) ? html`<a href="${r.url}" rel="noopener nofollow">${r.name}</a>` : r.name} ${r.format ? badge(r.format) : ''}</li>`)}</ul>
      ${h.state === 'active' ? html`<p>${c.t('interop.harvested.formats')}: <a href="/data/${name}.ttl">Turtle</a> · <a href="/data/${name}.rdf">RDF/XML</a> · <a href="/data/${name}.jsonld">JSON-LD</a> · <a href="/data/${name}/datapackage.json">datapackage.json</a></p>` : ''}`,
    }));
  });
}
