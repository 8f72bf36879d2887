/** Staff workspace: inbox per organisation, report detail with actions and notes, overdue list, settings. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../core/views/html.ts';
import { layout } from '../../core/views/layout.ts';
import { alert, badge, button, csrfField, errorSummary, form, input, pagination, select, table, textarea, type FieldErrors } from '../../core/views/components.ts';
import { sendPage, seeOther, contentDisposition } from '../../core/http/reply.ts';
import { requireActor } from '../../core/http/request-context.ts';
import { formErrors, str } from '../../core/web/forms.ts';
import { AppError, NotFoundError, ValidationError } from '../../core/http/errors.ts';
import { authorize, orgsWithRole, hasRole, type Actor } from '../../core/policy.ts';
import { decodeCursor, encodeCursor, pageSize } from '../../core/http/pagination.ts';
import { formatDate, t } from '../../core/i18n/i18n.ts';
import { withTransaction } from '../../core/db.ts';
import { audit } from '../../core/audit.ts';
import * as repo from './care.repo.ts';
import * as care from './care.service.ts';
import { isComplaintAdmin } from './care.policy.ts';
import { presentReport, presentTimeline } from './report.presenter.ts';
import { availableActions, rejectReasons, reportStates, type ReportAction, type ReportState } from './report-workflow.ts';
import { channels, reportTypes } from './report.model.ts';
import { metaList, slaBadge, stateBadge, timeline } from './views/care.views.ts';
import { PUBLIC_ACTIONS } from './care-web.routes.ts';
import { cleanIntakeForm } from './intake.ts';

const STYLES = ['/assets/css/care.css'];

/** Organisations whose inbox the actor reads; null = all (complaint administrator). */
export function inboxScope(actor: Actor): string[] | null {
  if (isComplaintAdmin(actor) || hasRole(actor, 'inspektorat') || hasRole(actor, 'leader')) return null;
  return [...new Set([...orgsWithRole(actor, 'complaint_liaison'), ...orgsWithRole(actor, 'kepala_opd')])];
}

export async function careStaffRoutes(app: FastifyInstance) {
  const { pool, config, files } = app.ctx;
  const deps = { pool, config, files };

  async function inbox(req: FastifyRequest, reply: FastifyReply, opts: { overdueOnly?: boolean; notice?: string } = {}) {
    const actor = requireActor(req);
    authorize(actor, opts.overdueOnly ? 'care.overdue.read' : 'care.inbox.read');
    const ctx = req.page();
    const q = req.query as Record<string, string | undefined>;
    const scope = opts.overdueOnly ? null : inboxScope(actor);
    const filters: repo.ListFilters = {
      organisationIds: scope,
      state: reportStates.includes(q.status as ReportState) ? (q.status as ReportState) : undefined,
      categoryCode: q.kategori || undefined,
      regencyCode: /^52\.\d{2}$/.test(q.wilayah ?? '') ? q.wilayah : undefined,
      channel: (channels as readonly string[]).includes(q.kanal ?? '') ? q.kanal : undefined,
      type: (reportTypes as readonly string[]).includes(q.jenis ?? '') ? q.jenis : undefined,
      overdue: opts.overdueOnly || q.terlambat === '1',
      q: q.q?.trim() || undefined,
    };
    const limit = pageSize(q.limit, 25, 100);
    const cursor = decodeCursor(q.cursor, 2) as [string, string] | null;
    const rows = await repo.listReports(pool, filters, ctx.locale, limit + 1, cursor);
    const page = rows.slice(0, limit);
    const next = rows.length > limit ? encodeCursor([page[page.length - 1]!.createdAt.toISOString(), page[page.length - 1]!.id]) : null;
    const [categories, regencies] = await Promise.all([repo.listCategories(pool, ctx.locale), repo.regencies(pool)]);
    const admin = isComplaintAdmin(actor);
    const path = opts.overdueOnly ? '/pengaduan/terlambat' : '/pengaduan/kotak-masuk';
    const title = opts.overdueOnly ? ctx.t('care.staff.overdue') : ctx.t('care.staff.inbox');
    const baseUrl = `${path}?${new URLSearchParams(Object.entries(q).filter(([k, v]) => v && k !== 'cursor') as [string, string][]).toString()}`;
    const list = table({
      columns: [
        ...(admin && !opts.overdueOnly ? [{ label: ctx.t('care.staff.select'), cell: (r: repo.ReportRow) => r.state === 'diterima' ? html`<input type="checkbox" name="ids" value="${r.id}" form="care-bulk" aria-label="${ctx.t('care.staff.select')} ${r.trackingCode}">` : '' }] : []),
        { label: ctx.t('care.track.code'), cell: (r: repo.ReportRow) => html`<a href="/pengaduan/staf/${r.id}" class="care-code">${r.trackingCode}</a>` },
        { label: ctx.t('care.form.title.label'), cell: (r: repo.ReportRow) => html`${r.title}${r.isDemo ? html` ${badge(ctx.t('care.demo.label'), 'warning')}` : ''}` },
        { label: ctx.t('care.filter.state'), cell: (r: repo.ReportRow) => html`${stateBadge(ctx, r.state)} ${slaBadge(ctx, r.slaLevel, r.state)}` },
        { label: ctx.t('care.detail.due'), cell: (r: repo.ReportRow) => (r.slaDueAt ? formatDate(ctx.locale, new Date(r.slaDueAt.getTime() - 1)) : '—') },
        { label: ctx.t('care.filter.category'), cell: (r: repo.ReportRow) => r.categoryName },
        { label: ctx.t('care.filter.region'), cell: (r: repo.ReportRow) => r.regionName ?? '—' },
        { label: ctx.t('care.detail.organisation'), cell: (r: repo.ReportRow) => r.assignedOrganisationName ?? '—' },
        { label: ctx.t('care.filter.channel'), cell: (r: repo.ReportRow) => r.channel },
        { label: ctx.t('care.detail.received'), cell: (r: repo.ReportRow) => formatDate(ctx.locale, r.createdAt) },
      ],
      rows: page, empty: ctx.t('care.staff.noReports'),
    });
    return sendPage(reply, layout(ctx, {
      title, styles: STYLES, wide: true,
      breadcrumbs: [{ href: '/pengaduan', label: ctx.t('care.nav') }, { label: title }],
      body: html`<h1>${title}</h1>
        ${opts.notice ? alert(opts.notice, 'success') : ''}
        <p>${ctx.t('care.staff.inbox.intro')}</p>
        <p class="care-actions"><a href="/pengaduan/kotak-masuk">${ctx.t('care.staff.inbox')}</a>${hasRole(actor, 'admin') || admin ? html` · <a href="/pengaduan/terlambat">${ctx.t('care.staff.overdue')}</a> · <a href="/pengaduan/pengaturan">${ctx.t('care.staff.settings')}</a>` : ''}</p>
        ${form(ctx, { method: 'get', action: path, class: 'care-filters', body: html`
          ${input({ name: 'q', type: 'search', label: ctx.t('care.filter.q'), value: q.q ?? '' })}
          ${select({ name: 'status', label: ctx.t('care.filter.state'), value: q.status ?? '', placeholder: ctx.t('care.filter.any'), options: reportStates.map((s) => ({ value: s, label: ctx.t(`care.state.${s}`) })) })}
          ${select({ name: 'kategori', label: ctx.t('care.filter.category'), value: q.kategori ?? '', placeholder: ctx.t('care.filter.any'), options: categories.map((c) => ({ value: c.code, label: c.name })) })}
          ${select({ name: 'wilayah', label: ctx.t('care.filter.region'), value: q.wilayah ?? '', placeholder: ctx.t('care.filter.any'), options: regencies.map((r) => ({ value: r.code, label: r.name })) })}
          ${select({ name: 'kanal', label: ctx.t('care.filter.channel'), value: q.kanal ?? '', placeholder: ctx.t('care.filter.any'), options: channels.map((c) => ({ value: c, label: c })) })}
          ${opts.overdueOnly ? '' : select({ name: 'terlambat', label: ctx.t('care.filter.overdue'), value: q.terlambat ?? '', placeholder: ctx.t('care.filter.any'), options: [{ value: '1', label: ctx.t('care.sla.overdue') }] })}
          ${button(ctx.t('care.filter.apply'), { variant: 'secondary' })}` })}
        ${list}
        ${admin && !opts.overdueOnly ? html`<form id="care-bulk" method="post" action="/pengaduan/kotak-masuk/massal" class="care-actions">${csrfField(ctx)}<span>${ctx.t('care.staff.bulk')}:</span>${button(ctx.t('care.staff.bulkVerify'), { variant: 'secondary' })}</form>` : ''}
        ${pagination(ctx, { baseUrl, nextCursor: next, hasPrevious: Boolean(cursor) })}`,
    }));
  }

  app.get('/pengaduan/kotak-masuk', { schema: { hide: true } }, async (req, reply) => inbox(req, reply, { notice: (req.query as any)?.ok ? req.page().t('care.staff.bulkDone', { n: Number((req.query as any).ok) }) : undefined }));
  app.get('/pengaduan/terlambat', { schema: { hide: true } }, async (req, reply) => inbox(req, reply, { overdueOnly: true }));

  app.post('/pengaduan/kotak-masuk/massal', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const raw = (req.body as any)?.ids;
    const ids = (Array.isArray(raw) ? raw : raw ? [raw] : []).map(String).slice(0, 100);
    let n = 0;
    for (const id of ids) {
      try { await care.transition(deps, { kind: 'staff', actor }, id, { action: 'verifikasi' }); n++; } catch (err) { if (!(err instanceof AppError)) throw err; }
    }
    return seeOther(reply, `/pengaduan/kotak-masuk?ok=${n}`);
  });

  async function detail(req: FastifyRequest, reply: FastifyReply, errors: FieldErrors = {}, status = 200) {
    const actor = requireActor(req);
    const ctx = req.page();
    const { id } = req.params as { id: string };
    const { report, view: viewKind } = await care.getForStaff(pool, actor, id, ctx.locale);
    const view = presentReport(report, viewKind)!;
    const events = presentTimeline(await repo.listEvents(pool, report.id), viewKind, PUBLIC_ACTIONS, { anonymous: report.privacy === 'anonim' });
    const attachments = await repo.listAttachments(pool, report.id);
    const sla = await care.reportSla(pool, report);
    const admin = viewKind === 'admin';
    const wfActor = admin ? { role: 'complaint_admin' as const } : { role: 'complaint_liaison' as const, organisationIds: orgsWithRole(actor, 'complaint_liaison') };
    const actions = availableActions(wfActor, { state: report.state, assignedOrganisationId: report.assignedOrganisationId, rated: report.rating !== null });
    const orgs = admin ? await repo.routableOrganisations(pool) : [];
    const suggested = report.suggestedOrganisationId ? orgs.find((o) => o.id === report.suggestedOrganisationId) : undefined;
    const url = `/pengaduan/staf/${report.id}/tindakan`;
    const orgSelect = (name = 'organisationId') => select({ name, label: ctx.t('care.staff.organisation'), required: true, value: report.suggestedOrganisationId ?? '', placeholder: '—', error: errors.organisationId, options: orgs.map((o) => ({ value: o.id, label: o.name })) });
    const actionForm = (action: ReportAction, body: any, variant: 'primary' | 'secondary' | 'danger' = 'primary') => html`<section class="care-panel"><h3>${ctx.t(`care.action.${action}`)}</h3>
      ${form(ctx, { action: url, novalidate: true, body: html`<input type="hidden" name="action" value="${action}">${body}${button(ctx.t(`care.action.${action}`), { variant })}` })}</section>`;
    const stage = report.slaStage;
    return sendPage(reply, layout(ctx, {
      title: `${report.trackingCode} · ${report.title}`, styles: STYLES,
      breadcrumbs: [{ href: '/pengaduan/kotak-masuk', label: ctx.t('care.staff.inbox') }, { label: report.trackingCode }],
      body: html`${(req.query as any)?.ok ? alert(ctx.t('care.staff.notice'), 'success') : ''}
        ${errorSummary(ctx, errors)}
        <h1>${view.title}</h1>
        <p class="care-meta">${stateBadge(ctx, report.state)} ${slaBadge(ctx, report.slaLevel, report.state)} ${badge(ctx.t(`care.privacy.${report.privacy}`), report.privacy === 'publik' ? 'neutral' : 'warning')} ${report.isDemo ? badge(ctx.t('care.detail.demo'), 'warning') : ''}</p>
        ${metaList(ctx, view, [
          [ctx.t('care.detail.channel'), report.channel],
          [ctx.t('care.detail.due'), report.slaDueAt ? `${formatDate(ctx.locale, new Date(report.slaDueAt.getTime() - 1))}${stage ? ` (${ctx.t(`care.stage.${stage}`)})` : ''}` : '—'],
          ...(view.rejectReason ? [[ctx.t('care.state.ditolak'), ctx.t(`care.reject.${view.rejectReason}`)] as [string, string]] : []),
          ...(view.duplicateOfCode ? [['', ctx.t('care.detail.duplicateOf', { code: view.duplicateOfCode })] as [string, string]] : []),
          ...(view.rating ? [[ctx.t('care.detail.rating'), `${view.rating}/5 ${report.ratingComment ?? ''}`] as [string, string]] : []),
        ])}
        <section class="care-panel"><h2>${ctx.t('care.detail.reporter')}</h2>
          ${view.reporter ? html`<p>${view.reporter.name ?? '—'}<br>${view.reporter.email ?? ''} ${view.reporter.phone ?? ''}${!view.reporter.email && !view.reporter.phone ? ctx.t('care.detail.noContact') : ''}</p>` : html`<p>${ctx.t('care.detail.reporterHidden')}</p>`}
        </section>
        <p class="care-description">${view.description}</p>
        ${Object.keys(report.attributes).length ? html`<dl class="care-dl">${Object.entries(report.attributes).map(([k, v]) => html`<div><dt>${k}</dt><dd>${Array.isArray(v) ? v.join(', ') : v}</dd></div>`)}</dl>` : ''}
        ${view.address ? html`<p>${ctx.t('care.form.address')}: ${view.address}${view.lat !== null ? ` (${view.lat}, ${view.lng})` : ''}</p>` : ''}
        ${attachments.length ? html`<h2>${ctx.t('care.detail.attachments')}</h2><ul>${attachments.map((a, i) => html`<li><a href="/pengaduan/staf/lampiran/${a.id}">${ctx.t('care.detail.attachments')} ${i + 1}</a> (${a.mime}, ${Math.ceil(a.size / 1024)} KB)</li>`)}</ul>` : ''}
        ${suggested && report.state !== 'didisposisi' ? html`<p>${ctx.t('care.staff.suggested', { org: suggested.name })}</p>` : ''}
        ${actions.includes('verifikasi') ? actionForm('verifikasi', '') : ''}
        ${actions.includes('disposisi') ? actionForm('disposisi', orgSelect()) : ''}
        ${actions.includes('tindak_lanjut') ? actionForm('tindak_lanjut', textarea({ name: 'message', label: ctx.t('care.staff.message'), required: true, rows: 5, error: errors.message })) : ''}
        ${actions.includes('minta_informasi') ? actionForm('minta_informasi', textarea({ name: 'message', label: ctx.t('care.staff.message'), required: true, rows: 3, error: errors.message }), 'secondary') : ''}
        ${actions.includes('disposisi_ulang') ? actionForm('disposisi_ulang', html`${orgSelect()}${input({ name: 'reason', label: ctx.t('care.staff.reason'), required: true, error: errors.reason })}`, 'secondary') : ''}
        ${actions.includes('kembalikan') ? actionForm('kembalikan', input({ name: 'reason', label: ctx.t('care.staff.reason'), required: true, error: errors.reason }), 'secondary') : ''}
        ${actions.includes('tolak') ? actionForm('tolak', html`
          ${select({ name: 'rejectReason', label: ctx.t('care.staff.rejectReason'), required: true, placeholder: '—', error: errors.rejectReason, options: rejectReasons.map((r) => ({ value: r, label: ctx.t(`care.reject.${r}`) })) })}
          ${input({ name: 'duplicateOf', label: ctx.t('care.staff.duplicateOf'), error: errors.duplicateOf })}
          ${input({ name: 'referral', label: ctx.t('care.staff.referral'), error: errors.referral })}
          ${textarea({ name: 'message', label: ctx.t('care.staff.message'), rows: 2 })}`, 'danger') : ''}
        <section class="care-panel"><h3>${ctx.t('care.event.note')}</h3>
          ${form(ctx, { action: `/pengaduan/staf/${report.id}/catatan`, novalidate: true, body: html`${textarea({ name: 'note', label: ctx.t('care.staff.note'), required: true, rows: 3, error: errors.note })}${button(ctx.t('care.staff.addNote'), { variant: 'secondary' })}` })}
        </section>
        <h2>${ctx.t('care.detail.timeline')}</h2>
        ${timeline(ctx, events)}
        ${sla.followUp?.calendarGap || sla.verification.calendarGap ? alert(ctx.t('care.staff.holidays'), 'warning') : ''}`,
    }), status);
  }

  app.get('/pengaduan/staf/:id', { schema: { hide: true } }, async (req, reply) => detail(req, reply));

  app.post('/pengaduan/staf/:id/tindakan', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const { id } = req.params as { id: string };
    try {
      await care.transition(deps, { kind: 'staff', actor }, id, cleanIntakeForm(req.body as Record<string, unknown>));
      return seeOther(reply, `/pengaduan/staf/${id}?ok=1`);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) throw err;
      const errors = err instanceof AppError && !err.fields.length && err.status < 500 ? { _: t(req.locale, err.key, err.params) } : formErrors(req.locale, err);
      return detail(req, reply, errors, 422);
    }
  });

  app.post('/pengaduan/staf/:id/catatan', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const { id } = req.params as { id: string };
    try {
      await care.addNote(deps, actor, id, str(req.body, 'note'));
      return seeOther(reply, `/pengaduan/staf/${id}?ok=1`);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) throw err;
      return detail(req, reply, formErrors(req.locale, err), 422);
    }
  });

  app.get('/pengaduan/staf/lampiran/:id', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const { id } = req.params as { id: string };
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError();
    const { rows } = await pool.query('SELECT a.original_file_id, a.public_file_id, r.assigned_organisation_id, r.privacy FROM care_attachments a JOIN care_reports r ON r.id = a.report_id WHERE a.id = $1', [id]);
    if (!rows[0]) throw new NotFoundError();
    authorize(actor, 'care.report.read', { assignedOrganisationId: rows[0].assigned_organisation_id }, { hide: true });
    // The liaison of an anonymous report gets the re-encoded copy: original EXIF/GPS could identify the reporter.
    const useOriginal = isComplaintAdmin(actor) || rows[0].privacy !== 'anonim' || !rows[0].public_file_id;
    const f = await files.find(pool, useOriginal ? rows[0].original_file_id : rows[0].public_file_id);
    if (!f) throw new NotFoundError();
    reply.header('x-content-type-options', 'nosniff').header('content-disposition', contentDisposition(f.originalName)).type(f.mime);
    return reply.send(await files.open(f));
  });

  // ------------------------------------------------------------ settings: routing rules and holidays
  async function settings(req: FastifyRequest, reply: FastifyReply, errors: FieldErrors = {}, status = 200) {
    const actor = requireActor(req);
    authorize(actor, 'care.config.manage');
    const ctx = req.page();
    const [rules, { holidays }, categories, orgs, allCategories] = await Promise.all([repo.listRules(pool), repo.listHolidays(pool), repo.listCategories(pool, ctx.locale), repo.routableOrganisations(pool), repo.listAllCategories(pool, ctx.locale)]);
    return sendPage(reply, layout(ctx, {
      title: ctx.t('care.staff.settings'), styles: STYLES, wide: true,
      breadcrumbs: [{ href: '/pengaduan/kotak-masuk', label: ctx.t('care.staff.inbox') }, { label: ctx.t('care.staff.settings') }],
      body: html`<h1>${ctx.t('care.staff.settings')}</h1>${errorSummary(ctx, errors)}
        <h2>${ctx.t('care.staff.categories')}</h2>
        <p class="hint">${ctx.t('care.staff.categories.hint')}</p>
        ${allCategories.map((c) => html`<details class="care-panel"><summary>${c.name} <span class="care-code">${c.code}</span> · ${ctx.t('care.staff.cat.followUp')}: ${c.followUpWorkingDays}${c.isActive ? '' : html` · ${badge(ctx.t('care.staff.cat.inactive'), 'warning')}`}</summary>
          ${form(ctx, { action: `/pengaduan/pengaturan/kategori/${c.code}`, class: 'care-filters', novalidate: true, body: html`
            ${input({ name: 'verifyWorkingDays', id: `v-${c.code}`, type: 'number', min: 1, max: 60, label: ctx.t('care.staff.cat.verify'), value: c.verifyWorkingDays })}
            ${input({ name: 'followUpWorkingDays', id: `f-${c.code}`, type: 'number', min: 1, max: 60, label: ctx.t('care.staff.cat.followUp'), value: c.followUpWorkingDays })}
            ${reportTypes.map((rt) => input({ name: `byType.${rt}`, id: `t-${c.code}-${rt}`, type: 'number', min: 1, max: 60, label: `${ctx.t('care.staff.cat.followUp')} — ${ctx.t(`care.type.${rt}`)}`, value: c.followUpByType[rt] ?? '' }))}
            ${select({ name: 'isActive', id: `a-${c.code}`, label: ctx.t('care.staff.cat.active'), value: c.isActive ? 'true' : 'false', options: [{ value: 'true', label: ctx.t('care.staff.cat.activeYes') }, { value: 'false', label: ctx.t('care.staff.cat.inactive') }] })}
            ${button(ctx.t('care.staff.cat.save'), { variant: 'secondary' })}` })}</details>`)}
        <h2>${ctx.t('care.staff.rules')}</h2>
        ${form(ctx, { action: '/pengaduan/pengaturan/aturan', class: 'care-filters', novalidate: true, body: html`
          ${select({ name: 'categoryCode', label: ctx.t('care.staff.rule.category'), placeholder: '*', options: categories.map((c) => ({ value: c.code, label: c.name })) })}
          ${input({ name: 'regionCode', label: ctx.t('care.staff.rule.region'), error: errors.regionCode })}
          ${select({ name: 'organisationId', label: ctx.t('care.staff.organisation'), required: true, placeholder: '—', error: errors.organisationId, options: orgs.map((o) => ({ value: o.id, label: o.name })) })}
          ${input({ name: 'priority', type: 'number', label: ctx.t('care.staff.rule.priority'), value: 100 })}
          ${button(ctx.t('care.staff.rule.add'))}` })}
        ${table({ columns: [
          { label: ctx.t('care.filter.category'), cell: (r: any) => r.categoryCode },
          { label: ctx.t('care.filter.region'), cell: (r: any) => r.regionCode },
          { label: ctx.t('care.staff.organisation'), cell: (r: any) => r.organisationName },
          { label: ctx.t('care.staff.rule.priority'), cell: (r: any) => String(r.priority) },
          { label: '', cell: (r: any) => form(ctx, { action: `/pengaduan/pengaturan/aturan/${r.id}/hapus`, body: button(ctx.t('care.staff.rule.delete'), { variant: 'danger' }) }) },
        ], rows: rules })}
        <h2>${ctx.t('care.staff.holidays')}</h2>
        ${form(ctx, { action: '/pengaduan/pengaturan/libur', class: 'care-filters', novalidate: true, body: html`
          ${input({ name: 'date', type: 'date', label: ctx.t('care.staff.holiday.date'), required: true, error: errors.date })}
          ${select({ name: 'kind', label: ctx.t('care.staff.holiday.kind'), options: [{ value: 'libur_nasional', label: ctx.t('care.holiday.libur_nasional') }, { value: 'cuti_bersama', label: ctx.t('care.holiday.cuti_bersama') }] })}
          ${input({ name: 'name', label: ctx.t('care.staff.holiday.name'), required: true, error: errors.name })}
          ${button(ctx.t('care.staff.holiday.add'))}` })}
        ${table({ columns: [
          { label: ctx.t('care.staff.holiday.date'), cell: (h: any) => h.date },
          { label: ctx.t('care.staff.holiday.kind'), cell: (h: any) => ctx.t(`care.holiday.${h.kind}`) },
          { label: ctx.t('care.staff.holiday.name'), cell: (h: any) => h.name },
          { label: '', cell: (h: any) => form(ctx, { action: `/pengaduan/pengaturan/libur/${h.date}/hapus`, body: button(ctx.t('care.staff.holiday.delete'), { variant: 'danger' }) }) },
        ], rows: holidays })}`,
    }), status);
  }

  app.get('/pengaduan/pengaturan', { schema: { hide: true } }, async (req, reply) => settings(req, reply));
  app.post('/pengaduan/pengaturan/aturan', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    authorize(actor, 'care.config.manage');
    const b = req.body as Record<string, string>;
    const regionCode = str(b, 'regionCode') || null;
    try {
      const problems = [];
      if (regionCode && !/^52(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/.test(regionCode)) problems.push({ field: 'regionCode', key: 'care.form.badRegion' });
      const org = await repo.organisationById(pool, str(b, 'organisationId'));
      if (!org) problems.push({ field: 'organisationId', key: 'care.error.unknownOrganisation' });
      if (problems.length) throw new ValidationError(problems);
      await withTransaction(pool, async (tx) => {
        const { rows } = await tx.query('INSERT INTO care_routing_rules (category_code, region_code, organisation_id, priority) VALUES ($1,$2,$3,$4) RETURNING id',
          [str(b, 'categoryCode') || null, regionCode, org!.id, Number(b.priority) || 100]);
        await audit(tx, actor, { action: 'care.rule.create', entityType: 'care_routing_rule', entityId: rows[0].id, after: { category: str(b, 'categoryCode') || '*', region: regionCode ?? '*', organisation: org!.slug } });
      });
      care.invalidateRules();
      return seeOther(reply, '/pengaduan/pengaturan');
    } catch (err) {
      return settings(req, reply, formErrors(req.locale, err), 422);
    }
  });
  app.post('/pengaduan/pengaturan/kategori/:code', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    authorize(actor, 'care.config.manage');
    const { code } = req.params as { code: string };
    const b = req.body as Record<string, string>;
    try {
      const day = (name: string, optional = false): number | null => {
        const raw = str(b, name);
        if (!raw && optional) return null;
        const n = Number(raw);
        if (!Number.isInteger(n) || n < 1 || n > 60) throw new ValidationError([{ field: name, key: 'validation.integer' }]);
        return n;
      };
      const verify = day('verifyWorkingDays')!;
      const followUp = day('followUpWorkingDays')!;
      const byType: Record<string, number> = {};
      for (const rt of reportTypes) { const v = day(`byType.${rt}`, true); if (v !== null) byType[rt] = v; }
      const active = b.isActive !== 'false';
      await withTransaction(pool, async (tx) => {
        const { rows } = await tx.query('SELECT verify_working_days, followup_working_days, followup_days_by_type, is_active FROM care_categories WHERE code = $1 FOR UPDATE', [code]);
        if (!rows[0]) throw new NotFoundError();
        await tx.query('UPDATE care_categories SET verify_working_days = $2, followup_working_days = $3, followup_days_by_type = $4, is_active = $5 WHERE code = $1', [code, verify, followUp, JSON.stringify(byType), active]);
        await audit(tx, actor, { action: 'care.category.update', entityType: 'care_category', entityId: code, before: rows[0], after: { verify_working_days: verify, followup_working_days: followUp, followup_days_by_type: byType, is_active: active } });
      });
      care.invalidateReferenceCaches();
      return seeOther(reply, '/pengaduan/pengaturan');
    } catch (err) {
      if (err instanceof AppError && err.status === 404) throw err;
      return settings(req, reply, formErrors(req.locale, err), 422);
    }
  });
  app.post('/pengaduan/pengaturan/aturan/:id/hapus', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    authorize(actor, 'care.config.manage');
    const { id } = req.params as { id: string };
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError();
    await withTransaction(pool, async (tx) => {
      const { rows } = await tx.query('DELETE FROM care_routing_rules WHERE id = $1 RETURNING category_code, region_code, organisation_id', [id]);
      if (!rows[0]) throw new NotFoundError();
      await audit(tx, actor, { action: 'care.rule.delete', entityType: 'care_routing_rule', entityId: id, before: rows[0] });
    });
    care.invalidateRules();
    return seeOther(reply, '/pengaduan/pengaturan');
  });
  app.post('/pengaduan/pengaturan/libur', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    authorize(actor, 'care.config.manage');
    const b = req.body as Record<string, string>;
    try {
      const date = str(b, 'date');
      const name = str(b, 'name');
      const problems = [];
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) problems.push({ field: 'date', key: 'validation.format.date' });
      if (!name) problems.push({ field: 'name', key: 'validation.required' });
      if (problems.length) throw new ValidationError(problems);
      const kind = b.kind === 'cuti_bersama' ? 'cuti_bersama' : 'libur_nasional';
      await withTransaction(pool, async (tx) => {
        await tx.query('INSERT INTO care_holidays (date, kind, name, source) VALUES ($1,$2,$3,$4) ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name', [date, kind, name, 'admin']);
        await tx.query('INSERT INTO care_calendar_years (year) VALUES ($1) ON CONFLICT DO NOTHING', [Number(date.slice(0, 4))]);
        await audit(tx, actor, { action: 'care.holiday.set', entityType: 'care_holiday', entityId: date, after: { kind, name } });
      });
      care.invalidateCalendar();
      return seeOther(reply, '/pengaduan/pengaturan');
    } catch (err) {
      return settings(req, reply, formErrors(req.locale, err), 422);
    }
  });
  app.post('/pengaduan/pengaturan/libur/:date/hapus', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    authorize(actor, 'care.config.manage');
    const { date } = req.params as { date: string };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new NotFoundError();
    await withTransaction(pool, async (tx) => {
      const { rows } = await tx.query('DELETE FROM care_holidays WHERE date = $1 RETURNING kind, name', [date]);
      if (!rows[0]) throw new NotFoundError();
      await audit(tx, actor, { action: 'care.holiday.delete', entityType: 'care_holiday', entityId: date, before: rows[0] });
    });
    care.invalidateCalendar();
    return seeOther(reply, '/pengaduan/pengaturan');
  });
}

