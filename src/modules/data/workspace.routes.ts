/**
 * The workspace (/data/kerja) of produsen data, walidata and Kepala OPD: my tasks, creating a dataset,
 * the revision page (metadata, resources with ingestion progress and validation report, data
 * dictionary, workflow actions with checklist, notes and validation letter), plus the data list and
 * monitoring pages (data-list.routes.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { html, raw, type SafeHtml } from '../../core/views/html.ts';
import { layout, type PageContext } from '../../core/views/layout.ts';
import { alert, badge, button, checkbox, errorSummary, form, input, select, table, textarea, type FieldErrors } from '../../core/views/components.ts';
import { sendPage, seeOther } from '../../core/http/reply.ts';
import { requireActor } from '../../core/http/request-context.ts';
import { authorize, can, orgsWithRole, type Actor } from '../../core/policy.ts';
import { formatDate, formatNumber } from '../../core/i18n/i18n.ts';
import { formErrors, str } from '../../core/web/forms.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import * as svc from './dataset.service.ts';
import * as repo from './dataset.repo.ts';
import { availableEvents, CHECKLIST_ITEMS, EDITABLE_STATES, type WorkflowEvent, type WorkflowState } from './dataset-workflow.ts';
import { workflowActor } from './data.policy.ts';
import { FREQUENCIES, LEVELS, LICENCES, SECTORS, MS_IND_KEYS, MS_KEG_KEYS } from './dataset.schema.ts';
import { FIELD_TYPES, type TableSchema, type TableSchemaField } from './datastore/table-schema.ts';
import { formatDataMessage } from './messages.ts';
import { CONSTRAINTS_BY_TYPE, constraintField, describeConstraints, formatBound, saveSchemaForm, type EditableConstraint } from './schema-edit.service.ts';
import { dataListRoutes } from './data-list.routes.ts';
import { geoPreviewBody, loadGeoPreview, sendGeoSvg } from './geojson-figure.ts';

const STYLES = ['/assets/css/data.css', '/assets/data/portal.css'];

export function stateBadge(ctx: PageContext, s: WorkflowState): SafeHtml {
  const tone = s === 'published' ? 'success' : s === 'returned' ? 'danger' : s === 'draft' ? 'neutral' : s === 'unpublished' || s === 'superseded' ? 'warning' : 'info';
  return badge(ctx.t(`data.wf.state.${s}`), tone);
}

function revisionInputFromForm(b: Record<string, unknown>) {
  const list = (s: string) => s.split(/[,;\n]/).map((x) => x.trim()).filter(Boolean);
  const msInd: Record<string, string> = {};
  for (const k of MS_IND_KEYS) { const v = str(b, `msInd.${k}`); if (v) msInd[k] = v; }
  const msKeg: Record<string, string> = {};
  for (const k of MS_KEG_KEYS) { const v = str(b, `msKeg.${k}`); if (v) msKeg[k] = v; }
  return {
    title: str(b, 'title'), description: str(b, 'description'), sector: str(b, 'sector'), topic: str(b, 'topic'), tags: list(str(b, 'tags')),
    licence: str(b, 'licence') || 'CC-BY-4.0', temporalStart: str(b, 'temporalStart') || null, temporalEnd: str(b, 'temporalEnd') || null,
    regionCodes: list(str(b, 'regionCodes').replace(/\s+/g, ',')), frequency: str(b, 'frequency'), level: str(b, 'level'), contactRole: str(b, 'contactRole'),
    source: str(b, 'source'), notes: str(b, 'notes'), msInd, msKeg,
  };
}

type FormValues = ReturnType<typeof revisionInputFromForm> & { organisationId?: string; dataListItemId?: string };

/** The submitted dictionary form of one resource, shown again with its errors. */
interface SchemaDraft { resourceId: string; body: Record<string, unknown> }

function metadataFields(ctx: PageContext, v: Partial<FormValues>, errors: FieldErrors): SafeHtml {
  return html`
    ${input({ name: 'title', label: ctx.t('data.f.title'), value: v.title, required: true, maxlength: 300, error: errors.title })}
    ${textarea({ name: 'description', label: ctx.t('data.f.description'), value: v.description, error: errors.description })}
    ${select({ name: 'sector', label: ctx.t('data.f.sector'), value: v.sector, required: true, options: SECTORS.map((s) => ({ value: s, label: ctx.t(`data.sector.${s}`) })), error: errors.sector })}
    ${input({ name: 'topic', label: ctx.t('data.f.topic'), value: v.topic, error: errors.topic })}
    ${input({ name: 'tags', label: ctx.t('data.f.tags'), hint: ctx.t('data.f.tagsHint'), value: (v.tags ?? []).join(', '), error: errors.tags })}
    ${select({ name: 'licence', label: ctx.t('data.f.licence'), value: v.licence ?? 'CC-BY-4.0', options: LICENCES.map((l) => ({ value: l, label: l })), error: errors.licence })}
    <div class="field-row">
      ${input({ name: 'temporalStart', type: 'date', label: ctx.t('data.f.temporalStart'), value: v.temporalStart ?? '', error: errors.temporalStart })}
      ${input({ name: 'temporalEnd', type: 'date', label: ctx.t('data.f.temporalEnd'), value: v.temporalEnd ?? '', error: errors.temporalEnd })}
    </div>
    ${input({ name: 'regionCodes', label: ctx.t('data.f.regions'), hint: ctx.t('data.f.regionsHint'), value: (v.regionCodes ?? []).join(', '), error: errors.regionCodes ?? Object.entries(errors).find(([k]) => k.startsWith('regionCodes'))?.[1] })}
    ${select({ name: 'frequency', label: ctx.t('data.f.frequency'), value: v.frequency, options: FREQUENCIES.map((s) => ({ value: s, label: ctx.t(`data.freq.${s}`) })), error: errors.frequency })}
    ${select({ name: 'level', label: ctx.t('data.f.level'), value: v.level, options: LEVELS.map((s) => ({ value: s, label: ctx.t(`data.level.${s}`) })), error: errors.level })}
    ${input({ name: 'contactRole', label: ctx.t('data.f.contact'), hint: ctx.t('data.f.contactHint'), value: v.contactRole, error: errors.contactRole })}
    ${input({ name: 'source', label: ctx.t('data.f.source'), value: v.source, error: errors.source })}
    ${textarea({ name: 'notes', label: ctx.t('data.f.notes'), value: v.notes, rows: 3, error: errors.notes })}
    <fieldset class="fieldset"><legend>${ctx.t('data.msind')}</legend>
      ${MS_IND_KEYS.map((k) => input({ name: `msInd.${k}`, id: `f-msInd-${k}`, label: ctx.t(`data.msind.${k}`), value: v.msInd?.[k] ?? '' }))}
    </fieldset>
    <fieldset class="fieldset"><legend>${ctx.t('data.mskeg')}</legend>
      ${MS_KEG_KEYS.map((k) => input({ name: `msKeg.${k}`, id: `f-msKeg-${k}`, label: ctx.t(`data.mskeg.${k}`), value: v.msKeg?.[k] ?? '' }))}
    </fieldset>`;
}

/** The limit a cell broke, from the schema the file was validated against, e.g. "(nilai maksimum: 100)". */
function limitOf(ctx: PageContext, schema: TableSchema | null | undefined, column: unknown, code: unknown): string {
  const c = schema?.fields.find((f) => f.name === column)?.constraints;
  if (!c) return '';
  const limit = code === 'minimum' ? c.minimum : code === 'maximum' ? c.maximum : code === 'min_length' ? c.minLength : code === 'max_length' ? c.maxLength
    : code === 'pattern' ? c.pattern : code === 'enum' && c.enum ? (c.enum.length > 10 ? `${c.enum.slice(0, 10).join(', ')}, …` : c.enum.join(', ')) : undefined;
  if (limit === undefined) return '';
  return ` ${ctx.t(`data.constraints.limit.${code}`, { limit: typeof limit === 'number' ? formatNumber(ctx.locale, limit) : limit })}`;
}

function reportMessages(ctx: PageContext, report: unknown, schema?: TableSchema | null): SafeHtml {
  if (!report || typeof report !== 'object') return html``;
  const r = report as { code?: string; params?: Record<string, string | number>; detail?: unknown; errorCount?: number };
  if (!r.code) return html``;
  const lang = ctx.locale;
  const main = formatDataMessage(lang, `data.err.${r.code}`, r.params ?? {});
  let list: SafeHtml = html``;
  if (r.code === 'validation_failed' && r.detail && typeof r.detail === 'object') {
    const d = r.detail as { errors: Array<Record<string, string | number>>; errorCount: number; truncated: boolean };
    list = html`<p>${ctx.t('data.report.shown', { shown: d.errors.length, total: d.errorCount })}</p><ul class="cell-errors">${d.errors.slice(0, 300).map((e) => html`<li>${formatDataMessage(lang, `data.cell.${e.code}`, { ...e, example: '1.234,56' })}${limitOf(ctx, schema, e.column, e.code)}</li>`)}</ul>`;
  } else if (r.code === 'ragged_rows' && Array.isArray(r.detail)) {
    list = html`<ul class="cell-errors">${(r.detail as Array<Record<string, number>>).slice(0, 100).map((x) => html`<li>${ctx.t('data.report.ragged', { line: x.line, found: x.found, expected: x.expected })}</li>`)}</ul>`;
  }
  return alert(html`<p>${main}</p>${list}`, 'danger', ctx.t('data.report.title'));
}

export async function workspaceRoutes(app: FastifyInstance) {
  const ctx0 = app.ctx;
  const { pool } = ctx0;
  await app.register(dataListRoutes);

  app.get('/data/kerja', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    authorize(actor, 'data.workspace.use');
    const ctx = req.page();
    const tasks = await svc.myTasks(pool, actor);
    const mine = await svc.myDatasets(pool, actor);
    return sendPage(reply, layout(ctx, {
      title: ctx.t('data.ws.title'), wide: true, styles: STYLES,
      breadcrumbs: [{ href: '/data', label: ctx.t('data.nav') }, { label: ctx.t('data.ws.title') }],
      body: html`<h1>${ctx.t('data.ws.title')}</h1>
      <p class="actions">${orgsWithRole(actor, 'produsen_data').length ? html`<a class="btn btn-primary" href="/data/kerja/baru">${ctx.t('data.ws.new')}</a> ` : ''}
        <a class="btn btn-secondary" href="/data/kerja/daftar-data">${ctx.t('data.list.title')}</a>
        ${can(actor, 'data.monitor.read') ? html` <a class="btn btn-secondary" href="/data/kerja/pemantauan">${ctx.t('data.mon.title')}</a>` : ''}
        ${can(actor, 'data.settings.manage') ? html` <a class="btn btn-secondary" href="/data/kerja/pengaturan">${ctx.t('data.settings.title')}</a>` : ''}</p>
      <h2>${ctx.t('data.ws.tasks')}</h2>
      ${table({ empty: ctx.t('data.ws.noTasks'), rows: tasks, columns: [
        { label: ctx.t('data.f.title'), cell: (r) => html`<a href="/data/kerja/revisi/${r.revision_id}">${r.title}</a>` },
        { label: ctx.t('data.f.organisation'), cell: (r) => r.organisation_name },
        { label: ctx.t('data.ws.state'), cell: (r) => stateBadge(ctx, r.state) },
        { label: ctx.t('data.ws.waiting'), cell: (r) => ctx.t(`data.role.${r.action_role}`) },
        { label: ctx.t('data.ws.since'), cell: (r) => formatDate(ctx.locale, r.updated_at, true) },
      ] })}
      <h2>${ctx.t('data.ws.datasets')}</h2>
      ${table({ empty: ctx.t('data.ws.noDatasets'), rows: mine, columns: [
        { label: ctx.t('data.f.title'), cell: (r) => html`<a href="/data/kerja/revisi/${r.revision_id}">${r.title}</a>${r.published ? html` · <a href="/data/${r.slug}">${ctx.t('data.ws.public')}</a>` : ''}` },
        { label: ctx.t('data.f.organisation'), cell: (r) => r.organisation_name },
        { label: ctx.t('data.ws.revision'), cell: (r) => String(r.number), numeric: true },
        { label: ctx.t('data.ws.state'), cell: (r) => stateBadge(ctx, r.state) },
      ] })}`,
    }));
  });

  async function newPage(req: FastifyRequest, actor: Actor, values: Partial<FormValues> = {}, errors: FieldErrors = {}) {
    const ctx = req.page();
    const orgs = actor.memberships.filter((m) => m.role === 'produsen_data');
    const year = new Date().getUTCFullYear();
    const { rows: items } = await pool.query(`SELECT id, name FROM data_list_items WHERE year = $1 AND organisation_id = ANY($2::uuid[]) ORDER BY name`, [year, orgs.map((o) => o.organisationId)]);
    return layout(ctx, {
      title: ctx.t('data.ws.new'), styles: STYLES,
      breadcrumbs: [{ href: '/data/kerja', label: ctx.t('data.ws.title') }, { label: ctx.t('data.ws.new') }],
      body: html`<h1>${ctx.t('data.ws.new')}</h1><p>${ctx.t('data.ws.newLead')}</p>
      ${errorSummary(ctx, errors)}
      ${form(ctx, { action: '/data/kerja/baru', novalidate: true, body: html`
        ${select({ name: 'organisationId', label: ctx.t('data.f.organisation'), required: true, value: values.organisationId ?? orgs[0]?.organisationId, options: orgs.map((o) => ({ value: o.organisationId, label: o.organisationName })), error: errors.organisationId })}
        ${select({ name: 'dataListItemId', label: ctx.t('data.f.listItem'), value: values.dataListItemId, placeholder: '—', options: items.map((i) => ({ value: i.id, label: i.name })) })}
        ${metadataFields(ctx, values, errors)}
        ${button(ctx.t('data.ws.create'))}` })}`,
    });
  }

  app.get('/data/kerja/baru', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    if (!orgsWithRole(actor, 'produsen_data').length) authorize(actor, 'data.dataset.create', { organisationId: '' });
    return sendPage(reply, await newPage(req, actor, { sector: 'sosial', frequency: 'tahunan', level: 'provinsi', licence: 'CC-BY-4.0' }));
  });

  app.post('/data/kerja/baru', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const b = req.body as Record<string, unknown>;
    const values: FormValues = { ...revisionInputFromForm(b), organisationId: str(b, 'organisationId'), dataListItemId: str(b, 'dataListItemId') };
    try {
      const r = await svc.createDataset(ctx0, actor, { ...values, dataListItemId: values.dataListItemId || null });
      return seeOther(reply, `/data/kerja/revisi/${r.revisionId}`);
    } catch (e) {
      return sendPage(reply, await newPage(req, actor, values, formErrors(req.locale, e)), 422);
    }
  });

  /**
   * The map preview of the revision's GeoJSON files — also of a draft, so the producer and the
   * walidata see the map before publishing: the chosen one (`?peta=<resource id>`) or the first. The
   * image comes from the workspace's own route (below), never from the public one.
   */
  async function geoSection(req: FastifyRequest, rev: repo.RevisionRow, resources: repo.ResourceRow[]): Promise<SafeHtml> {
    const geo = resources.filter((r) => r.kind === 'file' && r.file_id && r.format === 'geojson');
    if (!geo.length) return html``;
    const ctx = req.page();
    const chosen = (req.query as Record<string, unknown> | undefined)?.peta;
    const active = geo.find((r) => r.id === chosen) ?? geo[0];
    const body = geoPreviewBody(ctx, await loadGeoPreview(ctx0, req.log, active.file_id!), active.name, active.id, { fileHref: null, svgHref: `/data/kerja/sumber/${active.id}/peta.svg` });
    return html`<section id="peta" class="geo-preview">
      <h2>${ctx.t('data.geopreview.title')}</h2>
      ${rev.state === 'published' ? '' : html`<p class="hint">${ctx.t('data.geopreview.draft')}</p>`}
      ${geo.length > 1 ? html`<p>${ctx.t('data.geopreview.others')} ${geo.map((r) => (r === active ? html`<strong>${r.name}</strong> ` : html`<a href="/data/kerja/revisi/${rev.id}?peta=${r.id}#peta">${r.name}</a> `))}</p>` : ''}
      ${body}
    </section>`;
  }

  async function revisionPage(req: FastifyRequest, reply: FastifyReply, id: string, errors: FieldErrors = {}, values?: Partial<FormValues>, status = 200, schemaDraft?: SchemaDraft) {
    const actor = requireActor(req);
    const ctx = req.page();
    const { ds, rev, ref } = await svc.loadRevision(pool, actor, id);
    const resources = await repo.listResources(pool, rev.id);
    const events = await repo.listEvents(pool, rev.id);
    const editable = can(actor, 'data.revision.edit', ref);
    const schemaEditable = can(actor, 'data.schema.edit', ref);
    const wa = workflowActor(actor, ds.organisation_id);
    const evs = availableEvents(rev.state, wa, ds.organisation_id);
    const computed = await svc.computedChecklist(pool, rev);
    const busy = resources.some((r) => r.ingest_status === 'queued' || r.ingest_status === 'running');
    const mapSection = await geoSection(req, rev, resources);
    const lastReturn = [...events].reverse().find((e) => e.event === 'return' || e.event === 'reject');
    const v: Partial<FormValues> = values ?? {
      title: rev.title, description: rev.description, sector: rev.sector, topic: rev.topic, tags: rev.tags, licence: rev.licence,
      temporalStart: rev.temporal_start, temporalEnd: rev.temporal_end, regionCodes: rev.region_codes, frequency: rev.frequency, level: rev.level,
      contactRole: rev.contact_role, source: rev.source, notes: rev.notes, msInd: rev.ms_ind, msKeg: rev.ms_keg,
    };
    const eventForm = (event: WorkflowEvent): SafeHtml => {
      const label = ctx.t(`data.wf.event.${event}`);
      const action = `/data/kerja/revisi/${rev.id}/aksi`;
      const hidden = html`<input type="hidden" name="event" value="${event}">`;
      if (event === 'return' || event === 'reject') {
        return form(ctx, { action, class: 'wf-form', body: html`${hidden}<h3>${label}</h3>
          ${textarea({ name: 'note', id: `f-note-${event}`, label: ctx.t('data.wf.note'), required: true, rows: 3, error: errors.note })}
          ${event === 'return' ? html`<details><summary>${ctx.t('data.wf.itemNotes')}</summary>${CHECKLIST_ITEMS.map((k) => input({ name: `item.${k}`, id: `f-item-${k}`, label: ctx.t(`data.wf.check.${k}`) }))}</details>` : ''}
          ${button(label, { variant: 'danger' })}` });
      }
      if (event === 'check') {
        return form(ctx, { action, class: 'wf-form', body: html`${hidden}<h3>${ctx.t('data.wf.checklist')}</h3>
          ${CHECKLIST_ITEMS.map((k) => html`${checkbox({ name: 'checklist', value: k, label: ctx.t(`data.wf.check.${k}`), checked: computed[k] === true, hint: computed[k] === false ? ctx.t('data.wf.check.failsAuto') : computed[k] === true ? ctx.t('data.wf.check.passesAuto') : ctx.t('data.wf.check.manual') })}${errors[`checklist.${k}`] ? html`<p class="error-message">${errors[`checklist.${k}`]}</p>` : ''}`)}
          ${button(label)}` });
      }
      if (event === 'validate') {
        return form(ctx, { action, multipart: true, class: 'wf-form', body: html`${hidden}<h3>${label}</h3>
          <p class="hint">${ctx.t('data.wf.letterHint')}</p>
          ${input({ name: 'letterNumber', label: ctx.t('data.wf.letterNumber') })}
          ${input({ name: 'letterDate', type: 'date', label: ctx.t('data.wf.letterDate') })}
          ${input({ name: 'letter', type: 'file', label: ctx.t('data.wf.letterFile'), accept: '.pdf,image/*' })}
          ${button(label)}` });
      }
      if (event === 'unpublish') {
        return form(ctx, { action, class: 'wf-form', body: html`${hidden}<h3>${label}</h3>
          ${textarea({ name: 'reason', label: ctx.t('data.wf.reason'), required: true, rows: 3, error: errors.reason })}
          ${button(label, { variant: 'danger' })}` });
      }
      return form(ctx, { action, class: 'wf-form wf-inline', body: html`${hidden}${button(label, { variant: event === 'withdraw' ? 'secondary' : 'primary' })}` });
    };
    return sendPage(reply, layout(ctx, {
      title: rev.title, wide: true, styles: STYLES,
      scripts: [...(schemaEditable ? ['/assets/data/schema-editor.js'] : []), ...(mapSection.toString() ? ['/assets/data/geo-preview.js'] : [])],
      head: busy ? raw('<meta http-equiv="refresh" content="2">') : '',
      breadcrumbs: [{ href: '/data/kerja', label: ctx.t('data.ws.title') }, { label: rev.title }],
      body: html`<h1>${rev.title}</h1>
      <p class="ds-meta">${stateBadge(ctx, rev.state)} ${ctx.t('data.revision', { n: rev.number })} · ${ds.organisation_name}${ds.published_revision_id ? html` · <a href="/data/${ds.slug}">${ctx.t('data.ws.public')}</a>` : ''}</p>
      ${errorSummary(ctx, errors)}
      ${lastReturn && EDITABLE_STATES.includes(rev.state) ? alert(html`<p>${lastReturn.note}</p>${Object.keys(lastReturn.item_notes ?? {}).length ? html`<ul>${Object.entries(lastReturn.item_notes).map(([k, n]) => html`<li><strong>${ctx.t(`data.wf.check.${k}`)}:</strong> ${n}</li>`)}</ul>` : ''}`, 'warning', ctx.t('data.wf.returnedNote', { who: lastReturn.actor_name ?? '' })) : ''}
      <div class="grid-2">
      <div>
      <section id="sumber"><h2>${ctx.t('data.resources')}</h2>
        ${resources.length ? html`<ul class="resource-list">${resources.map((r) => html`<li>
          <strong>${r.name}</strong> ${badge(r.format.toUpperCase() || 'URL', 'info')} ${badge(ctx.t(`data.ingest.${r.ingest_status}`), r.ingest_status === 'done' ? 'success' : r.ingest_status === 'failed' ? 'danger' : 'neutral')}
          ${r.ingest_status === 'running' || r.ingest_status === 'queued' ? html`<p role="status">${ctx.t('data.ingest.progress', { n: formatNumber(ctx.locale, Number(r.ingest_progress?.rows ?? 0)) })} <progress></progress></p>` : ''}
          ${r.row_count !== null && r.ingest_status === 'done' ? html`<span class="muted">${ctx.t('data.rows', { n: formatNumber(ctx.locale, Number(r.row_count)) })}</span>` : ''}
          ${r.kind === 'file' && r.file_id && r.format === 'geojson' ? html`<a href="/data/kerja/revisi/${rev.id}?peta=${r.id}#peta">${ctx.t('data.geopreview.title')}</a>` : ''}
          ${r.ingest_status === 'failed' ? reportMessages(ctx, r.ingest_report, r.table_schema) : ''}
          ${editable ? form(ctx, { action: `/data/kerja/sumber/${r.id}/hapus`, class: 'inline-form', body: button(ctx.t('data.ws.deleteResource'), { variant: 'link' }) }) : ''}
          ${r.table_schema && (r.ingest_status === 'done' || r.ingest_status === 'failed') ? schemaEditor(ctx, r, schemaEditable, errors, schemaDraft?.resourceId === r.id ? schemaDraft.body : undefined) : ''}
          ${editable && r.kind === 'file' ? html`<details class="replace-file"${r.ingest_status === 'failed' ? html` open` : ''}><summary>${ctx.t('data.constraints.replace')}</summary>
            ${form(ctx, { action: `/data/kerja/revisi/${rev.id}/sumber`, multipart: true, body: html`<input type="hidden" name="replace" value="${r.id}">
              ${input({ name: 'file', id: `f-replace-${r.id}`, type: 'file', label: ctx.t('data.ws.file'), hint: r.table_schema ? ctx.t('data.constraints.replaceHint') : undefined, required: true, accept: '.csv,.tsv,.txt,.xlsx,.json,.geojson,.pdf,image/*' })}
              ${button(ctx.t('data.constraints.replaceButton'), { variant: 'secondary' })}` })}</details>` : ''}
        </li>`)}</ul>` : html`<p class="empty">${ctx.t('data.ws.noResources')}</p>`}
        ${editable ? form(ctx, { action: `/data/kerja/revisi/${rev.id}/sumber`, multipart: true, class: 'upload-form', body: html`<h3>${ctx.t('data.ws.upload')}</h3>
          ${input({ name: 'file', type: 'file', label: ctx.t('data.ws.file'), hint: ctx.t('data.ws.fileHint'), required: true, accept: '.csv,.tsv,.txt,.xlsx,.json,.geojson,.pdf,image/*', error: errors.file })}
          ${input({ name: 'name', label: ctx.t('data.ws.resourceName') })}
          ${input({ name: 'sheet', label: ctx.t('data.ws.sheet'), hint: ctx.t('data.ws.sheetHint') })}
          ${button(ctx.t('data.ws.uploadButton'))}` }) : ''}
      </section>
      ${mapSection}
      <section id="metadata"><h2>${ctx.t('data.metadata')}</h2>
        ${editable ? form(ctx, { action: `/data/kerja/revisi/${rev.id}`, novalidate: true, body: html`${metadataFields(ctx, v, errors)}${button(ctx.t('data.ws.save'))}` })
          : html`<dl class="meta"><dt>${ctx.t('data.f.description')}</dt><dd>${rev.description}</dd><dt>${ctx.t('data.f.sector')}</dt><dd>${ctx.t(`data.sector.${rev.sector}`)}</dd>
            <dt>${ctx.t('data.f.regions')}</dt><dd>${rev.region_codes.join(', ')}</dd><dt>${ctx.t('data.f.contact')}</dt><dd>${rev.contact_role}</dd><dt>${ctx.t('data.f.source')}</dt><dd>${rev.source}</dd>
            ${Object.entries(rev.ms_ind ?? {}).map(([k, val]) => html`<dt>${ctx.t(`data.msind.${k}`)}</dt><dd>${val}</dd>`)}</dl>`}
      </section>
      </div>
      <aside>
        <section class="wf-panel" id="aksi"><h2>${ctx.t('data.wf.actions')}</h2>
          ${evs.length ? evs.map(eventForm) : html`<p>${ctx.t('data.wf.nothing', { who: ctx.t(`data.role.${svc.nextActor(rev.state) ?? 'none'}`) })}</p>`}
          ${(rev.state === 'published' || rev.state === 'unpublished') && can(actor, 'data.revision.open', ref) && ds.latest_revision_id === rev.id ? form(ctx, { action: `/data/kerja/dataset/${ds.id}/revisi-baru`, body: button(ctx.t('data.ws.openRevision'), { variant: 'secondary' }) }) : ''}
        </section>
        <section><h2>${ctx.t('data.wf.history')}</h2>
          <ol class="history">${events.map((e) => html`<li><strong>${ctx.t(`data.wf.event.${e.event}`)}</strong> — ${e.actor_name ?? ctx.t('data.system')} · ${formatDate(ctx.locale, e.at, true)}${e.note ? html`<br><q>${e.note}</q>` : ''}</li>`)}</ol>
        </section>
      </aside></div>`,
    }), status);
  }

  /** Field types a constraint applies to (for the editor script that hides the others). */
  const typesFor = (c: EditableConstraint) => FIELD_TYPES.filter((t) => CONSTRAINTS_BY_TYPE[t].includes(c)).join(' ');

  function schemaEditor(ctx: PageContext, r: repo.ResourceRow, editable: boolean, errors: FieldErrors = {}, draft?: Record<string, unknown>): SafeHtml {
    const schema = r.table_schema as TableSchema;
    const summary = (f: TableSchemaField) => describeConstraints(ctx.t, (n) => formatNumber(ctx.locale, n), f).join('; ');
    const hasErrors = Object.keys(errors).some((k) => k.startsWith(`schema-${r.id}-`));
    const value = (name: string, fallback: string) => (draft ? (typeof draft[name] === 'string' ? String(draft[name]) : '') : fallback);
    const constraintInputs = (f: TableSchemaField, i: number): SafeHtml => {
      const c = f.constraints ?? {};
      const id = (k: EditableConstraint) => constraintField(r.id, i, k);
      const err = (k: EditableConstraint) => errors[id(k)];
      const text = (k: 'minimum' | 'maximum' | 'minLength' | 'maxLength' | 'pattern', label: string, current: string, hint?: string, inputmode?: string) =>
        input({ name: `${k}.${i}`, id: `f-${id(k)}`, label, value: value(`${k}.${i}`, current), error: err(k), hint, inputmode, maxlength: k === 'pattern' ? 2000 : 40 });
      const open = Object.keys(c).length > 0 || Object.keys(errors).some((k) => k.startsWith(`schema-${r.id}-${i}-`));
      const required = draft ? !!draft[`required.${i}`] : !!c.required;
      return html`<details class="constraints"${open ? html` open` : ''}><summary>${ctx.t('data.constraints.title')}${summary(f) ? html`: <span class="muted">${summary(f)}</span>` : ''}</summary>
        <input type="hidden" name="constraints.${i}" value="1">
        <div class="constraint-grid">
          <div class="c-any">${checkbox({ name: `required.${i}`, id: `f-${id('required')}`, value: '1', label: ctx.t('data.constraints.required'), checked: required })}
            ${f.type === 'boolean' ? '' : checkbox({ name: `unique.${i}`, id: `f-${id('unique')}`, value: '1', label: ctx.t('data.constraints.unique'), checked: draft ? !!draft[`unique.${i}`] : !!c.unique })}</div>
          <fieldset class="c-group c-numeric" data-types="${typesFor('minimum')}"><legend>${ctx.t('data.constraints.numeric')}</legend>
            ${text('minimum', ctx.t('data.constraints.minimum'), formatBound(c.minimum, ctx.locale), undefined, f.type === 'date' ? undefined : 'decimal')}
            ${text('maximum', ctx.t('data.constraints.maximum'), formatBound(c.maximum, ctx.locale), undefined, f.type === 'date' ? undefined : 'decimal')}
          </fieldset>
          <fieldset class="c-group c-text" data-types="${typesFor('pattern')}"><legend>${ctx.t('data.constraints.text')}</legend>
            ${text('minLength', ctx.t('data.constraints.minLength'), c.minLength === undefined ? '' : String(c.minLength), undefined, 'numeric')}
            ${text('maxLength', ctx.t('data.constraints.maxLength'), c.maxLength === undefined ? '' : String(c.maxLength), undefined, 'numeric')}
            ${text('pattern', ctx.t('data.constraints.pattern'), c.pattern ?? '', ctx.t('data.constraints.patternHint'))}
            ${textarea({ name: `enum.${i}`, id: `f-${id('enum')}`, label: ctx.t('data.constraints.enum'), hint: ctx.t('data.constraints.enumHint'), rows: 3, value: value(`enum.${i}`, (c.enum ?? []).join('\n')), error: err('enum') })}
          </fieldset>
        </div></details>`;
    };
    return html`<details class="dictionary"${hasErrors ? html` open` : ''}><summary>${ctx.t('data.dictionary')} (${schema.fields.length})</summary>
      ${editable ? form(ctx, { action: `/data/kerja/sumber/${r.id}/kamus`, novalidate: true, class: 'schema-form', body: html`<p class="hint">${ctx.t('data.constraints.intro')}</p>
        ${schema.fields.map((f, i) => html`<fieldset class="schema-field"><legend><code>${f.name}</code></legend>
          <div class="schema-basics">
            <div class="field"><label for="sf-${r.id}-${i}-t">${ctx.t('data.dict.title')}</label><input id="sf-${r.id}-${i}-t" name="title.${i}" value="${value(`title.${i}`, f.title)}"></div>
            <div class="field"><label for="sf-${r.id}-${i}-y">${ctx.t('data.dict.type')}</label><select id="sf-${r.id}-${i}-y" name="type.${i}" class="schema-type">${FIELD_TYPES.map((t) => html`<option value="${t}"${t === (draft ? value(`type.${i}`, f.type) : f.type) ? html` selected` : ''}>${ctx.t(`data.type.${t}`)}</option>`)}</select></div>
            <div class="field"><label for="sf-${r.id}-${i}-u">${ctx.t('data.dict.unit')}</label><input id="sf-${r.id}-${i}-u" name="unit.${i}" value="${value(`unit.${i}`, f.unit ?? '')}"></div>
            <div class="field"><label for="sf-${r.id}-${i}-d">${ctx.t('data.dict.description')}</label><input id="sf-${r.id}-${i}-d" name="description.${i}" value="${value(`description.${i}`, f.description ?? '')}"></div>
          </div>
          ${constraintInputs(f, i)}
        </fieldset>`)}
        ${button(ctx.t('data.ws.saveDictionary'), { variant: 'secondary' })}` })
      : table({ rows: schema.fields, columns: [
        { label: ctx.t('data.dict.name'), cell: (f) => html`<code>${f.name}</code>` }, { label: ctx.t('data.dict.title'), cell: (f) => f.title },
        { label: ctx.t('data.dict.type'), cell: (f) => ctx.t(`data.type.${f.type}`) }, { label: ctx.t('data.dict.unit'), cell: (f) => f.unit ?? '' },
        { label: ctx.t('data.constraints.title'), cell: (f) => summary(f) },
      ] })}</details>`;
  }

  app.get('/data/kerja/revisi/:id', { schema: { hide: true } }, async (req, reply) => revisionPage(req, reply, (req.params as { id: string }).id));

  // The map image of a GeoJSON resource of any revision the actor may read (a draft too): the same
  // check as the revision page, and a resource the actor may not see answers 404. Never cached by
  // shared caches, since a draft is not public.
  app.get('/data/kerja/sumber/:rid/peta.svg', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const r = await repo.findResource(pool, (req.params as { rid: string }).rid);
    if (!r) throw new NotFoundError();
    const { rev } = await svc.loadRevision(pool, actor, r.revision_id);
    if (r.kind !== 'file' || !r.file_id || r.format !== 'geojson') throw new NotFoundError();
    const { preview } = await loadGeoPreview(ctx0, req.log, r.file_id);
    if (!preview?.ok) throw new NotFoundError();
    return sendGeoSvg(reply, preview, `${rev.title} — ${r.name}`, 'private, no-store');
  });

  app.post('/data/kerja/revisi/:id', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const id = (req.params as { id: string }).id;
    const values = revisionInputFromForm(req.body as Record<string, unknown>);
    try {
      await svc.updateRevision(ctx0, actor, id, values);
      return seeOther(reply, `/data/kerja/revisi/${id}#metadata`);
    } catch (e) {
      return revisionPage(req, reply, id, formErrors(req.locale, e), values, 422);
    }
  });

  app.post('/data/kerja/revisi/:id/sumber', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const id = (req.params as { id: string }).id;
    const f: Record<string, string> = {};
    try {
      let done = false;
      for await (const part of req.parts()) {
        if (part.type === 'field') f[part.fieldname] = String(part.value ?? '');
        else if (part.fieldname === 'file' && !done && part.filename) {
          await svc.addFileResource(ctx0, actor, id, part.file, { originalName: part.filename, name: f.name, sheet: f.sheet || undefined, replaceResourceId: /^[0-9a-f-]{36}$/i.test(f.replace ?? '') ? f.replace : undefined });
          done = true;
        } else part.file.resume();
      }
      if (!done) return revisionPage(req, reply, id, { file: req.page().t('validation.required') }, undefined, 422);
      return seeOther(reply, `/data/kerja/revisi/${id}#sumber`);
    } catch (e) {
      return revisionPage(req, reply, id, formErrors(req.locale, e), undefined, 422);
    }
  });

  app.post('/data/kerja/sumber/:rid/hapus', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const r = await repo.findResource(pool, (req.params as { rid: string }).rid);
    if (!r) throw new NotFoundError();
    await svc.deleteResource(ctx0, actor, r.id);
    return seeOther(reply, `/data/kerja/revisi/${r.revision_id}#sumber`);
  });

  app.post('/data/kerja/sumber/:rid/kamus', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const r = await repo.findResource(pool, (req.params as { rid: string }).rid);
    if (!r || !r.table_schema) throw new NotFoundError();
    const b = req.body as Record<string, unknown>;
    try {
      await saveSchemaForm(ctx0, actor, r.id, b, req.locale);
      return seeOther(reply, `/data/kerja/revisi/${r.revision_id}#sumber`);
    } catch (e) {
      return revisionPage(req, reply, r.revision_id, formErrors(req.locale, e), undefined, 422, { resourceId: r.id, body: b });
    }
  });

  app.post('/data/kerja/revisi/:id/aksi', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const id = (req.params as { id: string }).id;
    let b: Record<string, unknown> = {};
    let letterFileId: string | null = null;
    if (req.isMultipart()) {
      for await (const part of req.parts()) {
        if (part.type === 'field') b[part.fieldname] = part.value;
        else if (part.fieldname === 'letter' && part.filename) {
          const f = await ctx0.files.save(pool, part.file, { originalName: part.filename, accept: ['pdf', 'image'], createdBy: actor.id, field: 'letter' });
          letterFileId = f.id;
        } else part.file.resume();
      }
    } else b = req.body as Record<string, unknown>;
    const event = str(b, 'event') as WorkflowEvent;
    const checklistRaw = b.checklist;
    const ticked = new Set(Array.isArray(checklistRaw) ? checklistRaw.map(String) : checklistRaw ? [String(checklistRaw)] : []);
    const itemNotes: Record<string, string> = {};
    for (const k of CHECKLIST_ITEMS) { const n = str(b, `item.${k}`); if (n) itemNotes[k] = n; }
    const allowed: WorkflowEvent[] = ['submit', 'withdraw', 'return', 'check', 'reject', 'validate', 'publish', 'unpublish', 'republish'];
    if (!allowed.includes(event)) throw new NotFoundError();
    try {
      await svc.transition(ctx0, actor, id, event, {
        note: str(b, 'note') || undefined, reason: str(b, 'reason') || undefined, itemNotes,
        checklist: Object.fromEntries(CHECKLIST_ITEMS.map((k) => [k, ticked.has(k)])),
        letter: { fileId: letterFileId, number: str(b, 'letterNumber'), date: str(b, 'letterDate') || null },
      });
      return seeOther(reply, `/data/kerja/revisi/${id}`);
    } catch (e) {
      await ctx0.files.discard(pool, [letterFileId]);
      return revisionPage(req, reply, id, formErrors(req.locale, e), undefined, 422);
    }
  });

  app.post('/data/kerja/dataset/:id/revisi-baru', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const rid = await svc.openRevision(ctx0, actor, (req.params as { id: string }).id);
    return seeOther(reply, `/data/kerja/revisi/${rid}`);
  });
}
