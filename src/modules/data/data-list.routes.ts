/** Pages of the data list (public and managed), monitoring, reports and data requests for walidata. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { html, type SafeHtml } from '../../core/views/html.ts';
import { layout, type PageContext } from '../../core/views/layout.ts';
import { alert, badge, button, checkbox, errorSummary, figure, form, input, select, table, textarea, type FieldErrors } from '../../core/views/components.ts';
import { sendPage, seeOther, contentDisposition } from '../../core/http/reply.ts';
import { requireActor } from '../../core/http/request-context.ts';
import { authorize, can } from '../../core/policy.ts';
import { formatDate, formatNumber } from '../../core/i18n/i18n.ts';
import { formErrors, str } from '../../core/web/forms.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import * as list from './data-list.service.ts';
import { monitoringFigures, weeklyView, scopeParam, scopeSql, type CoverageRow } from './monitoring.service.ts';
import { monitoringScope } from './data.policy.ts';
import { generateReport, markDelivered, reportTitle } from './report.service.ts';
import { FREQUENCIES, LEVELS, SECTORS } from './dataset.schema.ts';
import { isDatastoreError } from './datastore/datastore-error.ts';
import { formatDataMessage } from './messages.ts';

const STYLES = ['/assets/css/data.css'];

function yearOf(req: FastifyRequest): number {
  const y = Number((req.query as Record<string, unknown>).year);
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : new Date().getUTCFullYear();
}

function coverageTable(ctx: PageContext, rows: CoverageRow[], total: CoverageRow): SafeHtml {
  const pctCell = (n: number) => html`${formatNumber(ctx.locale, n, 2)} % <meter min="0" max="100" value="${n}">${n}</meter>`;
  return table({ rows: [...rows, total], empty: ctx.t('data.list.empty'), columns: [
    { label: ctx.t('data.f.organisation'), cell: (r) => (r.organisationId ? r.organisation : html`<strong>${ctx.t('data.mon.total')}</strong>`) },
    { label: ctx.t('data.mon.items'), cell: (r) => formatNumber(ctx.locale, r.items), numeric: true },
    { label: ctx.t('data.mon.collected'), cell: (r) => formatNumber(ctx.locale, r.collected), numeric: true },
    { label: ctx.t('data.mon.collectedPct'), cell: (r) => pctCell(r.collectedPct), numeric: true },
    { label: ctx.t('data.mon.published'), cell: (r) => formatNumber(ctx.locale, r.published), numeric: true },
    { label: ctx.t('data.mon.publishedPct'), cell: (r) => pctCell(r.publishedPct), numeric: true },
    { label: ctx.t('data.mon.onTime'), cell: (r) => `${formatNumber(ctx.locale, r.onTime)} (${formatNumber(ctx.locale, r.onTimePct, 2)} %)`, numeric: true },
  ] });
}

function itemsTable(ctx: PageContext, rows: list.ListRow[], manage: boolean): SafeHtml {
  return table({ rows, empty: ctx.t('data.list.empty'), columns: [
    { label: ctx.t('data.list.f.name'), cell: (r) => html`${manage ? html`<a href="/data/kerja/daftar-data/item/${r.id}">${r.name}</a>` : r.name}${r.priority ? html` ${badge(ctx.t('data.list.priority'), 'warning')}` : ''}` },
    { label: ctx.t('data.f.organisation'), cell: (r) => r.organisation_name },
    { label: ctx.t('data.f.sector'), cell: (r) => ctx.t(`data.sector.${r.sector}`) },
    { label: ctx.t('data.f.frequency'), cell: (r) => ctx.t(`data.freq.${r.frequency}`) },
    { label: ctx.t('data.f.level'), cell: (r) => ctx.t(`data.level.${r.level}`) },
    { label: ctx.t('data.list.f.reference'), cell: (r) => r.reference_code },
    { label: ctx.t('data.list.f.release'), cell: (r) => formatDate(ctx.locale, r.release_date) },
    { label: ctx.t('data.list.f.status'), cell: (r) => (r.published && r.dataset_slug ? html`<a href="/data/${r.dataset_slug}">${badge(ctx.t('data.wf.state.published'), 'success')}</a>` : r.available ? badge(ctx.t('data.list.available'), 'info') : badge(ctx.t('data.list.notAvailable'), 'neutral')) },
  ] });
}

export async function dataListRoutes(app: FastifyInstance) {
  const ctx0 = app.ctx;
  const { pool } = ctx0;

  app.get('/data/daftar', { schema: { hide: true } }, async (req, reply) => {
    const ctx = req.page();
    const year = yearOf(req);
    const rows = await list.listItems(pool, year);
    const { total } = await monitoringFigures(pool, year);
    return sendPage(reply, layout(ctx, {
      title: ctx.t('data.list.publicTitle', { year }), wide: true, styles: STYLES,
      breadcrumbs: [{ href: '/data', label: ctx.t('data.nav') }, { label: ctx.t('data.list.publicTitle', { year }) }],
      body: html`<h1>${ctx.t('data.list.publicTitle', { year })}</h1><p>${ctx.t('data.list.lead')}</p>
      ${form(ctx, { method: 'get', action: '/data/daftar', class: 'search-form', body: html`${input({ name: 'year', type: 'number', label: ctx.t('data.list.year'), value: year, min: 2000, max: 2100 })}${button(ctx.t('data.list.show'), { variant: 'secondary' })}` })}
      <div class="figures">${figure(ctx.t('data.mon.items'), formatNumber(ctx.locale, total.items))}${figure(ctx.t('data.mon.collectedPct'), `${formatNumber(ctx.locale, total.collectedPct, 2)} %`)}${figure(ctx.t('data.mon.publishedPct'), `${formatNumber(ctx.locale, total.publishedPct, 2)} %`)}</div>
      <p><a href="/data/daftar/unduh.csv?year=${year}" download>CSV</a> · <a href="/data/daftar/unduh.xlsx?year=${year}" download>XLSX</a></p>
      ${itemsTable(ctx, rows, false)}`,
    }));
  });

  app.get('/data/daftar/unduh.:ext', { schema: { hide: true } }, async (req, reply) => {
    const ext = (req.params as { ext: string }).ext;
    if (ext !== 'csv' && ext !== 'xlsx') throw new NotFoundError();
    const year = yearOf(req);
    const out = new PassThrough();
    reply.header('content-type', ext === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition(`daftar-data-daerah-${year}.${ext}`));
    (ext === 'csv' ? list.exportListCsv(pool, year, out) : list.exportListXlsx(pool, year, out)).catch((err) => out.destroy(err));
    return reply.send(out);
  });

  async function managePage(req: FastifyRequest, reply: FastifyReply, opts: { errors?: FieldErrors; problems?: list.ImportProblem[]; notice?: string; status?: number } = {}) {
    const actor = requireActor(req);
    authorize(actor, 'data.workspace.use');
    const ctx = req.page();
    const year = yearOf(req);
    const rows = await list.listItems(pool, year);
    const { rows: y } = await pool.query('SELECT frozen_at FROM data_list_years WHERE year = $1', [year]);
    const frozen = !!y[0]?.frozen_at;
    const { rows: meetings } = await pool.query('SELECT held_on, decision, freezes_list, attendee_org_ids FROM data_forum_meetings WHERE year = $1 ORDER BY held_on', [year]);
    const manage = can(actor, 'data.list.manage');
    const { rows: orgs } = await pool.query(`SELECT id, name FROM organisations WHERE type NOT IN ('platform', 'cso') ORDER BY name`);
    const myOrgs = actor.memberships.filter((m) => m.role === 'produsen_data').map((m) => ({ value: m.organisationId, label: m.organisationName }));
    const orgOptions = manage ? orgs.map((o) => ({ value: o.id, label: o.name })) : myOrgs;
    const e = opts.errors ?? {};
    return sendPage(reply, layout(ctx, {
      title: ctx.t('data.list.title'), wide: true, styles: STYLES,
      breadcrumbs: [{ href: '/data/kerja', label: ctx.t('data.ws.title') }, { label: ctx.t('data.list.title') }],
      body: html`<h1>${ctx.t('data.list.title')} ${year}</h1>
      ${frozen ? alert(ctx.t('data.list.frozen'), 'info') : ''}
      ${opts.notice ? alert(opts.notice, 'success') : ''}
      ${opts.problems?.length ? alert(html`<ul class="cell-errors">${opts.problems.slice(0, 300).map((p) => html`<li>${ctx.t('data.list.problem', { row: p.row, line: p.line, column: p.column, value: p.value })} ${ctx.t(p.key)}</li>`)}</ul>`, 'danger', ctx.t('data.list.importFailed', { n: opts.problems.length })) : ''}
      ${errorSummary(ctx, e)}
      <p><a href="/data/daftar/unduh.csv?year=${year}">${ctx.t('data.list.exportCsv')}</a> · <a href="/data/daftar/unduh.xlsx?year=${year}">${ctx.t('data.list.exportXlsx')}</a></p>
      ${itemsTable(ctx, rows, true)}
      <div class="grid-2"><div>
      ${manage && !frozen ? form(ctx, { action: `/data/kerja/daftar-data/impor?year=${year}`, multipart: true, body: html`<h2>${ctx.t('data.list.import')}</h2>
        <p class="hint">${ctx.t('data.list.importHint', { columns: list.LIST_COLUMNS.map(([h]) => h).join(', ') })}</p>
        ${input({ name: 'file', type: 'file', label: ctx.t('data.ws.file'), accept: '.csv,.xlsx', required: true, error: e.file })}
        ${button(ctx.t('data.list.importButton'))}` }) : ''}
      ${orgOptions.length && !frozen ? form(ctx, { action: `/data/kerja/daftar-data/item?year=${year}`, novalidate: true, body: html`<h2>${ctx.t('data.list.add')}</h2>
        ${input({ name: 'name', label: ctx.t('data.list.f.name'), required: true, error: e.name })}
        ${textarea({ name: 'definition', label: ctx.t('data.list.f.definition'), rows: 2 })}
        ${select({ name: 'organisationId', label: ctx.t('data.f.organisation'), options: orgOptions, error: e.organisationId })}
        ${select({ name: 'sector', label: ctx.t('data.f.sector'), options: SECTORS.map((s) => ({ value: s, label: ctx.t(`data.sector.${s}`) })), error: e.sector })}
        ${input({ name: 'topic', label: ctx.t('data.f.topic') })}${input({ name: 'unit', label: ctx.t('data.list.f.unit') })}
        ${select({ name: 'frequency', label: ctx.t('data.f.frequency'), options: FREQUENCIES.map((s) => ({ value: s, label: ctx.t(`data.freq.${s}`) })) })}
        ${select({ name: 'level', label: ctx.t('data.f.level'), options: LEVELS.map((s) => ({ value: s, label: ctx.t(`data.level.${s}`) })) })}
        ${checkbox({ name: 'priority', label: ctx.t('data.list.priority') })}
        ${input({ name: 'referenceCode', label: ctx.t('data.list.f.reference') })}
        ${input({ name: 'releaseDate', type: 'date', label: ctx.t('data.list.f.release') })}
        ${checkbox({ name: 'available', label: ctx.t('data.list.available') })}
        ${button(ctx.t('data.list.addButton'))}` }) : ''}
      </div><aside>
      <h2>${ctx.t('data.list.meetings')}</h2>
      <ul>${meetings.map((m) => html`<li>${formatDate(ctx.locale, m.held_on)} — ${m.decision} (${ctx.t('data.list.attendees', { n: m.attendee_org_ids.length })})${m.freezes_list ? html` ${badge(ctx.t('data.list.freezes'), 'info')}` : ''}</li>`)}</ul>
      ${manage && !frozen ? form(ctx, { action: `/data/kerja/daftar-data/rapat?year=${year}`, multipart: true, body: html`
        ${input({ name: 'heldOn', type: 'date', label: ctx.t('data.list.heldOn'), required: true, error: e.heldOn })}
        ${textarea({ name: 'decision', label: ctx.t('data.list.decision'), rows: 3 })}
        ${select({ name: 'attendees', label: ctx.t('data.list.attendeeOrgs'), multiple: true, options: orgs.map((o) => ({ value: o.id, label: o.name })) })}
        ${input({ name: 'minutes', type: 'file', label: ctx.t('data.list.minutes'), accept: '.pdf' })}
        ${checkbox({ name: 'freeze', label: ctx.t('data.list.freeze') })}
        ${button(ctx.t('data.list.recordMeeting'), { variant: 'secondary' })}` }) : ''}
      </aside></div>`,
    }), opts.status ?? 200);
  }

  app.get('/data/kerja/daftar-data', { schema: { hide: true } }, async (req, reply) => managePage(req, reply));

  app.post('/data/kerja/daftar-data/impor', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const year = yearOf(req);
    let tmp: string | null = null;
    let format: 'csv' | 'xlsx' = 'csv';
    try {
      for await (const part of req.parts()) {
        if (part.type === 'file' && part.fieldname === 'file' && part.filename && !tmp) {
          format = /\.xlsx$/i.test(part.filename) ? 'xlsx' : 'csv';
          tmp = path.join(ctx0.files.tmpDir, `list-${crypto.randomUUID()}.${format}`);
          await pipeline(part.file, fs.createWriteStream(tmp));
        } else if (part.type === 'file') part.file.resume();
      }
      if (!tmp) return managePage(req, reply, { errors: { file: req.page().t('validation.required') }, status: 422 });
      const r = await list.importList(pool, actor, year, { path: tmp, format });
      if (r.problems.length) return managePage(req, reply, { problems: r.problems, status: 422 });
      return managePage(req, reply, { notice: req.page().t('data.list.imported', { n: r.imported, skipped: r.skippedExisting }) });
    } catch (e) {
      if (isDatastoreError(e)) return managePage(req, reply, { errors: { file: formatDataMessage(req.locale, e.messageKey, e.params) }, status: 422 });
      return managePage(req, reply, { errors: formErrors(req.locale, e), status: 422 });
    } finally {
      if (tmp) fs.rmSync(tmp, { force: true });
    }
  });

  app.post('/data/kerja/daftar-data/item', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const year = yearOf(req);
    const b = req.body as Record<string, unknown>;
    try {
      await list.addItem(pool, actor, year, {
        name: str(b, 'name'), definition: str(b, 'definition'), organisationId: str(b, 'organisationId'), sector: str(b, 'sector'), topic: str(b, 'topic'), unit: str(b, 'unit'),
        frequency: str(b, 'frequency'), level: str(b, 'level'), priority: !!str(b, 'priority'), referenceCode: str(b, 'referenceCode'), releaseDate: str(b, 'releaseDate') || null,
        available: !!str(b, 'available'), businessProcess: '',
      });
      return seeOther(reply, `/data/kerja/daftar-data?year=${year}`);
    } catch (e) {
      return managePage(req, reply, { errors: formErrors(req.locale, e), status: 422 });
    }
  });

  app.post('/data/kerja/daftar-data/rapat', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const year = yearOf(req);
    const f: Record<string, string[]> = {};
    let minutesFileId: string | null = null;
    try {
      for await (const part of req.parts()) {
        if (part.type === 'field') (f[part.fieldname] ??= []).push(String(part.value ?? ''));
        else if (part.fieldname === 'minutes' && part.filename) minutesFileId = (await ctx0.files.save(pool, part.file, { originalName: part.filename, accept: ['pdf'], createdBy: actor.id, field: 'minutes' })).id;
        else part.file.resume();
      }
      await list.recordMeeting(pool, actor, year, { heldOn: f.heldOn?.[0] ?? '', decision: f.decision?.[0] ?? '', attendeeOrgIds: (f.attendees ?? []).filter((x) => /^[0-9a-f-]{36}$/.test(x)), minutesFileId, freeze: !!f.freeze?.[0] });
      return seeOther(reply, `/data/kerja/daftar-data?year=${year}`);
    } catch (e) {
      await ctx0.files.discard(pool, [minutesFileId]);
      return managePage(req, reply, { errors: formErrors(req.locale, e), status: 422 });
    }
  });

  app.get('/data/kerja/daftar-data/item/:id', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    authorize(actor, 'data.workspace.use');
    const ctx = req.page();
    const { rows } = await pool.query('SELECT i.*, o.name AS organisation_name FROM data_list_items i JOIN organisations o ON o.id = i.organisation_id WHERE i.id = $1', [(req.params as { id: string }).id]);
    const it = rows[0];
    if (!it) throw new NotFoundError();
    const { rows: comments } = await pool.query('SELECT c.*, u.name AS author FROM data_list_comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.item_id = $1 ORDER BY c.created_at', [it.id]);
    return sendPage(reply, layout(ctx, {
      title: it.name, styles: STYLES,
      breadcrumbs: [{ href: '/data/kerja', label: ctx.t('data.ws.title') }, { href: `/data/kerja/daftar-data?year=${it.year}`, label: ctx.t('data.list.title') }, { label: it.name }],
      body: html`<h1>${it.name}</h1>
      <dl class="meta"><dt>${ctx.t('data.f.organisation')}</dt><dd>${it.organisation_name}</dd><dt>${ctx.t('data.list.f.definition')}</dt><dd>${it.definition}</dd>
        <dt>${ctx.t('data.list.f.reference')}</dt><dd>${it.reference_code}</dd><dt>${ctx.t('data.list.f.release')}</dt><dd>${formatDate(ctx.locale, it.release_date)}</dd></dl>
      <h2>${ctx.t('data.list.comments')}</h2>
      <ul class="comments">${comments.map((c) => html`<li>${badge(ctx.t(`data.list.kind.${c.kind}`), c.kind === 'recommendation' ? 'info' : 'neutral')} <strong>${c.author ?? ''}</strong> · ${formatDate(ctx.locale, c.created_at, true)}<p>${c.body}</p></li>`)}</ul>
      ${can(actor, 'data.list.comment') ? form(ctx, { action: `/data/kerja/daftar-data/item/${it.id}`, body: html`
        ${select({ name: 'kind', label: ctx.t('data.list.kind'), options: [{ value: 'comment', label: ctx.t('data.list.kind.comment') }, { value: 'recommendation', label: ctx.t('data.list.kind.recommendation') }] })}
        ${textarea({ name: 'body', label: ctx.t('data.list.comment'), required: true, rows: 3 })}
        ${button(ctx.t('data.list.send'))}` }) : ''}`,
    }));
  });

  app.post('/data/kerja/daftar-data/item/:id', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const b = req.body as Record<string, unknown>;
    const id = (req.params as { id: string }).id;
    await list.addComment(pool, actor, id, str(b, 'kind') === 'recommendation' ? 'recommendation' : 'comment', str(b, 'body'));
    return seeOther(reply, `/data/kerja/daftar-data/item/${id}`);
  });

  app.get('/data/kerja/pemantauan', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    authorize(actor, 'data.monitor.read');
    const ctx = req.page();
    const year = yearOf(req);
    // A regency/city walidata sees their region; the provincial walidata, leaders, Pembina Data and the Forum everything.
    const scope = monitoringScope(actor);
    const provincial = scope === 'all';
    const { total, byOrg } = await monitoringFigures(pool, year, { scope });
    const week = await weeklyView(pool, year, { scope });
    const { rows: reports } = provincial ? await pool.query('SELECT * FROM data_reports WHERE year = $1 ORDER BY generated_at DESC', [year]) : { rows: [] };
    const { rows: requests } = provincial ? await pool.query(`SELECT tracking_code, title, status, created_at FROM data_requests WHERE status IN ('diajukan', 'ditinjau') ORDER BY created_at DESC LIMIT 50`) : { rows: [] };
    const { rows: letters } = await pool.query(`SELECT l.letter_number, l.letter_date, l.created_at, o.name AS org, r.title FROM data_validation_letters l JOIN organisations o ON o.id = l.organisation_id JOIN data_revisions r ON r.id = l.revision_id WHERE ${scopeSql('o', 1)} ORDER BY l.created_at DESC LIMIT 100`, [scopeParam(scope)]);
    const manage = can(actor, 'data.report.manage');
    const regionNames = provincial ? [] : (await pool.query('SELECT name FROM regions WHERE code = ANY($1::text[]) ORDER BY code', [scope])).rows.map((r) => r.name as string);
    return sendPage(reply, layout(ctx, {
      title: ctx.t('data.mon.title'), wide: true, styles: STYLES,
      breadcrumbs: [{ href: '/data/kerja', label: ctx.t('data.ws.title') }, { label: ctx.t('data.mon.title') }],
      body: html`<h1>${ctx.t('data.mon.title')} ${year}</h1>
      ${provincial ? '' : html`<p class="lead">${ctx.t('data.mon.scopeRegion', { regions: regionNames.join(', ') || '–' })}</p>`}
      <div class="figures">
        ${figure(ctx.t('data.mon.items'), formatNumber(ctx.locale, total.items))}
        ${figure(ctx.t('data.mon.collected'), `${formatNumber(ctx.locale, total.collected)} (${formatNumber(ctx.locale, total.collectedPct, 2)} %)`)}
        ${figure(ctx.t('data.mon.published'), `${formatNumber(ctx.locale, total.published)} (${formatNumber(ctx.locale, total.publishedPct, 2)} %)`)}
        ${figure(ctx.t('data.mon.onTime'), `${formatNumber(ctx.locale, total.onTime)} (${formatNumber(ctx.locale, total.onTimePct, 2)} %)`)}
      </div>
      <h2>${ctx.t('data.mon.byOrg')}</h2>${coverageTable(ctx, byOrg, total)}
      <h2>${ctx.t('data.mon.weekly')}</h2>
      <div class="grid-2"><div><h3>${ctx.t('data.mon.changes')}</h3>
        ${table({ rows: week.changes, empty: ctx.t('data.mon.noChanges'), columns: [
          { label: ctx.t('data.mon.when'), cell: (r) => formatDate(ctx.locale, r.at, true) },
          { label: ctx.t('data.f.title'), cell: (r) => r.title }, { label: ctx.t('data.f.organisation'), cell: (r) => r.organisation },
          { label: ctx.t('data.mon.event'), cell: (r) => ctx.t(`data.wf.event.${r.event}`) }] })}</div>
      <div><h3>${ctx.t('data.mon.overdue')}</h3>
        ${table({ rows: week.overdue, empty: ctx.t('data.mon.noOverdue'), columns: [
          { label: ctx.t('data.list.f.name'), cell: (r) => r.name }, { label: ctx.t('data.f.organisation'), cell: (r) => r.organisation },
          { label: ctx.t('data.list.f.release'), cell: (r) => formatDate(ctx.locale, r.release_date) }] })}</div></div>
      ${provincial ? html`<h2>${ctx.t('data.mon.reports')}</h2>
      ${table({ rows: reports, empty: ctx.t('data.mon.noReports'), columns: [
        { label: ctx.t('data.mon.report'), cell: (r) => reportTitle(r.year, r.quarter) },
        { label: ctx.t('data.mon.generated'), cell: (r) => formatDate(ctx.locale, r.generated_at, true) },
        { label: ctx.t('data.mon.files'), cell: (r) => html`<a href="/data/kerja/laporan/${r.id}/pdf">PDF</a> · <a href="/data/kerja/laporan/${r.id}/xlsx">XLSX</a>` },
        { label: ctx.t('data.mon.delivered'), cell: (r) => (r.delivered_at ? `${formatDate(ctx.locale, r.delivered_at)} — ${r.delivered_to}` : manage ? form(ctx, { action: `/data/kerja/laporan/${r.id}/disampaikan`, class: 'inline-form', body: html`<label class="visually-hidden" for="to-${r.id}">${ctx.t('data.mon.deliveredTo')}</label><input id="to-${r.id}" name="to" value="Gubernur NTB">${button(ctx.t('data.mon.markDelivered'), { variant: 'secondary' })}` }) : '–') },
      ] })}
      ${manage ? form(ctx, { action: `/data/kerja/laporan?year=${year}`, class: 'search-form', body: html`${select({ name: 'quarter', label: ctx.t('data.mon.period'), options: [{ value: '', label: ctx.t('data.mon.annual') }, ...[1, 2, 3, 4].map((q) => ({ value: String(q), label: ctx.t('data.mon.quarter', { q }) }))] })}${button(ctx.t('data.mon.generate'))}` }) : ''}` : ''}
      <h2>${ctx.t('data.mon.letters')}</h2>
      ${table({ rows: letters, empty: ctx.t('data.mon.noLetters'), columns: [
        { label: ctx.t('data.f.organisation'), cell: (r) => r.org }, { label: ctx.t('data.f.title'), cell: (r) => r.title },
        { label: ctx.t('data.wf.letterNumber'), cell: (r) => r.letter_number }, { label: ctx.t('data.wf.letterDate'), cell: (r) => formatDate(ctx.locale, r.letter_date ?? r.created_at) }] })}
      ${provincial ? html`<h2>${ctx.t('data.mon.requests')}</h2>
      ${table({ rows: requests, empty: ctx.t('data.mon.noRequests'), columns: [
        { label: ctx.t('data.request.code'), cell: (r) => html`<a href="/data/usulan/${r.tracking_code}">${r.tracking_code}</a>` }, { label: ctx.t('data.request.f.title'), cell: (r) => r.title },
        { label: ctx.t('data.request.state'), cell: (r) => ctx.t(`data.request.s.${r.status}`) }, { label: ctx.t('data.request.submitted'), cell: (r) => formatDate(ctx.locale, r.created_at) }] })}` : ''}`,
    }));
  });

  app.post('/data/kerja/laporan', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const year = yearOf(req);
    const q = str(req.body, 'quarter');
    await generateReport(ctx0, actor, year, q ? Number(q) : null);
    return seeOther(reply, `/data/kerja/pemantauan?year=${year}`);
  });

  app.post('/data/kerja/laporan/:id/disampaikan', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    await markDelivered(ctx0, actor, (req.params as { id: string }).id, str(req.body, 'to'));
    return seeOther(reply, '/data/kerja/pemantauan');
  });

  app.get('/data/kerja/laporan/:id/:kind', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    authorize(actor, 'data.monitor.read');
    const { id, kind } = req.params as { id: string; kind: string };
    if (!/^[0-9a-f-]{36}$/.test(id) || (kind !== 'pdf' && kind !== 'xlsx')) throw new NotFoundError();
    const { rows } = await pool.query('SELECT pdf_file_id, xlsx_file_id FROM data_reports WHERE id = $1', [id]);
    if (!rows[0]) throw new NotFoundError();
    const file = await ctx0.files.find(pool, kind === 'pdf' ? rows[0].pdf_file_id : rows[0].xlsx_file_id);
    if (!file) throw new NotFoundError();
    reply.header('content-type', file.mime).header('content-disposition', contentDisposition(file.originalName));
    return reply.send(await ctx0.files.open(file));
  });
}
