/** Public pages of NTB Care: board, form, tracking, attachments, statistics. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { html, jsonScript } from '../../core/views/html.ts';
import { layout } from '../../core/views/layout.ts';
import { alert, button, errorSummary, form, input, linkButton, pagination, radios, select, textarea, type FieldErrors } from '../../core/views/components.ts';
import { sendPage, seeOther, contentDisposition } from '../../core/http/reply.ts';
import { formErrors } from '../../core/web/forms.ts';
import { AppError, NotFoundError, ValidationError } from '../../core/http/errors.ts';
import { decodeCursor, encodeCursor, pageSize } from '../../core/http/pagination.ts';
import { formatDate, formatNumber, t } from '../../core/i18n/i18n.ts';
import type { StoredFile } from '../../core/files.ts';
import * as repo from './care.repo.ts';
import * as care from './care.service.ts';
import { presentReport, presentTimeline, visibleAttachments } from './report.presenter.ts';
import { cleanIntakeForm } from './intake.ts';
import { privacyOptions, reportTypes } from './report.model.ts';
import { availableActions, reportStates, transitions, type ReportState } from './report-workflow.ts';
import { objectionWindowOpen } from './report-clock.ts';
import { metaList, reportCard, stateBadge, timeline } from './views/care.views.ts';
import { complaintStats, defaultPeriod, statsCsv } from './stats.service.ts';
import { MAX_ATTACHMENTS } from './attachment.policy.ts';
import { normaliseTrackingCode } from './tracking-code.ts';

export const PUBLIC_ACTIONS = new Set(Object.entries(transitions).filter(([, d]) => d.publicEvent).map(([a]) => a));
const STYLES = ['/assets/css/care.css'];

export async function careWebRoutes(app: FastifyInstance) {
  const { pool, config, files } = app.ctx;
  const deps = { pool, config, files };

  // ------------------------------------------------------------ board
  app.get('/pengaduan', { schema: { hide: true } }, async (req, reply) => {
    const ctx = req.page();
    const q = req.query as Record<string, string | undefined>;
    const filters: repo.ListFilters = {
      publicOnly: true,
      state: reportStates.includes(q.status as ReportState) ? (q.status as ReportState) : undefined,
      categoryCode: q.kategori || undefined,
      regencyCode: /^52\.\d{2}$/.test(q.wilayah ?? '') ? q.wilayah : undefined,
      type: (reportTypes as readonly string[]).includes(q.jenis ?? '') ? q.jenis : undefined,
    };
    const limit = pageSize(q.limit, 20, 50);
    const cursor = decodeCursor(q.cursor, 2) as [string, string] | null;
    const rows = await repo.listReports(pool, filters, ctx.locale, limit + 1, cursor);
    const page = rows.slice(0, limit);
    const next = rows.length > limit ? encodeCursor([page[page.length - 1]!.createdAt.toISOString(), page[page.length - 1]!.id]) : null;
    const views = page.map((r) => presentReport(r, 'public')).filter((v) => v !== null);
    const [categories, regencies] = await Promise.all([repo.listCategories(pool, ctx.locale), repo.regencies(pool)]);
    const points = views.filter((v) => v.lat !== null && v.lng !== null).map((v) => ({ lat: v.lat, lng: v.lng, title: v.title ?? v.trackingCode, href: care.trackingPath(v.trackingCode) }));
    const baseUrl = `/pengaduan?${new URLSearchParams(Object.entries({ status: q.status, kategori: q.kategori, wilayah: q.wilayah, jenis: q.jenis }).filter(([, v]) => v) as [string, string][]).toString()}`;
    return sendPage(reply, layout(ctx, {
      title: ctx.t('care.board.title'), styles: [...STYLES, '/assets/vendor/leaflet/leaflet.css'], scripts: ['/assets/vendor/leaflet/leaflet.js', '/assets/js/care/map.js'],
      breadcrumbs: [{ label: ctx.t('care.nav') }],
      body: html`<h1>${ctx.t('care.board.title')}</h1>
        <p class="lead">${ctx.t('care.board.intro')}</p>
        <p class="care-actions">${linkButton('/pengaduan/baru', ctx.t('care.board.new'), 'primary')} ${linkButton('/pengaduan/lacak', ctx.t('care.board.track'))} ${linkButton('/pengaduan/statistik', ctx.t('care.board.stats'))}</p>
        ${form(ctx, { method: 'get', action: '/pengaduan', class: 'care-filters', body: html`
          ${select({ name: 'status', label: ctx.t('care.filter.state'), value: q.status ?? '', placeholder: ctx.t('care.filter.any'), options: reportStates.filter((s) => s !== 'diterima').map((s) => ({ value: s, label: ctx.t(`care.state.${s}`) })) })}
          ${select({ name: 'kategori', label: ctx.t('care.filter.category'), value: q.kategori ?? '', placeholder: ctx.t('care.filter.any'), options: categories.map((c) => ({ value: c.code, label: c.name })) })}
          ${select({ name: 'wilayah', label: ctx.t('care.filter.region'), value: q.wilayah ?? '', placeholder: ctx.t('care.filter.any'), options: regencies.map((r) => ({ value: r.code, label: r.name })) })}
          ${select({ name: 'jenis', label: ctx.t('care.filter.type'), value: q.jenis ?? '', placeholder: ctx.t('care.filter.any'), options: reportTypes.map((x) => ({ value: x, label: ctx.t(`care.type.${x}`) })) })}
          ${button(ctx.t('care.filter.apply'), { variant: 'secondary' })}` })}
        ${points.length ? html`<p class="hint">${ctx.t('care.board.map')}: ${ctx.t('care.board.mapNote')}</p>` : ''}
        <div id="care-map" class="care-map" hidden></div>
        <script type="application/json" id="care-map-data">${jsonScript(points)}</script>
        ${views.length ? html`<div class="cards">${views.map((v) => reportCard(ctx, v, care.trackingPath(v.trackingCode)))}</div>` : html`<p class="empty">${ctx.t('care.board.empty')}</p>`}
        ${pagination(ctx, { baseUrl, nextCursor: next, hasPrevious: Boolean(cursor) })}`,
    }));
  });

  // ------------------------------------------------------------ form
  async function formPage(req: FastifyRequest, reply: FastifyReply, values: Record<string, any> = {}, errors: FieldErrors = {}, status = 200) {
    const ctx = req.page();
    const [categories, regencies, kecamatan] = await Promise.all([repo.listCategories(pool, ctx.locale), repo.regencies(pool), repo.kecamatanList(pool)]);
    const cat = categories.find((c) => c.code === values.categoryCode);
    return sendPage(reply, layout(ctx, {
      title: ctx.t('care.form.title'), styles: STYLES, scripts: ['/assets/js/care/geolocate.js'],
      breadcrumbs: [{ href: '/pengaduan', label: ctx.t('care.nav') }, { label: ctx.t('care.form.title') }],
      body: html`<h1>${ctx.t('care.form.title')}</h1>
        <p>${ctx.t('care.form.intro')}</p>
        ${errorSummary(ctx, errors)}
        ${form(ctx, { action: '/pengaduan/baru', multipart: true, novalidate: true, body: html`
          ${radios({ name: 'type', label: ctx.t('care.form.type'), value: values.type ?? 'pengaduan', required: true, error: errors.type, options: reportTypes.map((x) => ({ value: x, label: ctx.t(`care.type.${x}`) })) })}
          ${select({ name: 'categoryCode', label: ctx.t('care.form.category'), value: values.categoryCode ?? '', required: true, placeholder: '—', error: errors.categoryCode, options: categories.map((c) => ({ value: c.code, label: `${c.group} — ${c.name}` })) })}
          ${cat ? cat.attributes.map((a) => a.values
            ? select({ name: `attribute[${a.code}]`, label: ctx.locale === 'en' ? a.description.en : a.description.id, required: a.required, placeholder: '—', value: values.attributes?.[a.code] ?? '', error: errors[`attribute[${a.code}]`], options: a.values.map((v) => ({ value: v.key, label: ctx.locale === 'en' ? v.name.en : v.name.id })) })
            : input({ name: `attribute[${a.code}]`, label: ctx.locale === 'en' ? a.description.en : a.description.id, required: a.required, value: values.attributes?.[a.code] ?? '', error: errors[`attribute[${a.code}]`] })) : ''}
          ${input({ name: 'title', label: ctx.t('care.form.title.label'), hint: ctx.t('care.form.title.hint'), value: values.title, required: true, maxlength: 150, error: errors.title })}
          ${textarea({ name: 'description', label: ctx.t('care.form.description'), hint: ctx.t('care.form.description.hint'), value: values.description, required: true, rows: 6, maxlength: 5000, error: errors.description })}
          <fieldset class="care-panel"><legend>${ctx.t('care.form.location')}</legend>
            ${select({ name: 'regencyCode', label: ctx.t('care.form.regency'), value: values.regencyCode ?? '', placeholder: '—', error: errors.regencyCode, options: regencies.map((r) => ({ value: r.code, label: r.name })) })}
            ${kecamatan.length ? html`<div class="field${errors.kecamatanCode ? ' has-error' : ''}"><label for="f-kecamatanCode">${ctx.t('care.form.kecamatan')}</label>
              ${errors.kecamatanCode ? html`<p class="error-message" id="f-kecamatanCode-error">${errors.kecamatanCode}</p>` : ''}
              <select id="f-kecamatanCode" name="kecamatanCode"><option value="">—</option>
              ${regencies.map((r) => html`<optgroup label="${r.name}">${kecamatan.filter((k) => k.parent === r.code).map((k) => html`<option value="${k.code}"${values.kecamatanCode === k.code ? html` selected` : ''}>${k.name}</option>`)}</optgroup>`)}
              </select></div>` : ''}
            ${input({ name: 'desa', label: ctx.t('care.form.desa'), value: values.desa, maxlength: 100, error: errors.desa })}
            ${input({ name: 'address', label: ctx.t('care.form.address'), value: values.address, maxlength: 300, error: errors.address })}
            <div class="care-coords">
              ${input({ name: 'lat', label: ctx.t('care.form.lat'), value: values.lat, inputmode: 'decimal', error: errors.lat })}
              ${input({ name: 'lng', label: ctx.t('care.form.lng'), value: values.lng, inputmode: 'decimal', error: errors.lng })}
            </div>
            <p class="hint">${ctx.t('care.form.coords.hint')}</p>
            <button type="button" class="btn btn-secondary care-geo" data-care-geolocate hidden>${ctx.t('care.form.useLocation')}</button>
          </fieldset>
          ${input({ name: 'files', type: 'file', label: ctx.t('care.form.files'), hint: ctx.t('care.form.files.hint'), multiple: true, accept: 'image/jpeg,image/png,image/webp,application/pdf', error: errors.files })}
          ${radios({ name: 'privacy', label: ctx.t('care.form.privacy'), value: values.privacy ?? 'publik', required: true, error: errors.privacy, options: privacyOptions.map((p) => ({ value: p, label: ctx.t(`care.privacy.${p}`), hint: ctx.t(`care.privacy.${p}.hint`) })) })}
          <fieldset class="care-panel"><legend>${ctx.t('care.detail.reporter')}</legend>
            <p class="hint">${ctx.t('care.form.contact.hint')}</p>
            ${input({ name: 'name', label: ctx.t('care.form.name'), value: values.name, autocomplete: 'name', maxlength: 100, error: errors.name })}
            ${input({ name: 'email', type: 'email', label: ctx.t('care.form.email'), value: values.email, autocomplete: 'email', maxlength: 200, error: errors.email })}
            ${input({ name: 'phone', type: 'tel', label: ctx.t('care.form.phone'), value: values.phone, autocomplete: 'tel', inputmode: 'tel', maxlength: 30, error: errors.phone })}
          </fieldset>
          ${button(ctx.t('care.form.submit'))}` })}`,
    }), status);
  }

  app.get('/pengaduan/baru', { schema: { hide: true } }, async (req, reply) => formPage(req, reply, { categoryCode: (req.query as any)?.kategori }));

  app.post('/pengaduan/baru', { schema: { hide: true }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (req, reply) => {
    const fields: Record<string, unknown> = {};
    const stored: StoredFile[] = [];
    const fileErrors: string[] = [];
    if (req.isMultipart()) {
      let n = 0;
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          if (!part.filename) { part.file.resume(); continue; }
          if (n++ >= MAX_ATTACHMENTS) { part.file.resume(); fileErrors.push(t(req.locale, 'care.attachment.tooMany', { max: MAX_ATTACHMENTS })); continue; }
          try {
            stored.push(await files.save(pool, part.file, { originalName: part.filename, accept: care.ATTACHMENT_ACCEPT, maxBytes: care.ATTACHMENT_MAX_BYTES, createdBy: req.actor?.id ?? null, field: 'files' }));
          } catch (err) {
            part.file.resume();
            fileErrors.push(fileErrorMessage(req.locale, part.filename, err));
          }
        } else {
          const prev = fields[part.fieldname];
          const v = String((part as any).value ?? '');
          fields[part.fieldname] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
        }
      }
    } else Object.assign(fields, req.body as object);
    const values = cleanIntakeForm(fields);
    values.locale = req.locale;
    let attachments: Awaited<ReturnType<typeof care.prepareAttachments>> = [];
    try {
      if (fileErrors.length) throw new ValidationError([{ field: 'files', key: 'care.attachment.tooMany', params: {} }]);
      attachments = await care.prepareAttachments(deps, stored);
      const created = await care.createReport(deps, req.actor, values, { channel: 'web', attachments });
      return seeOther(reply, `${care.trackingPath(created.trackingCode)}?k=${encodeURIComponent(created.secret!)}&baru=1`);
    } catch (err) {
      // a refused report keeps none of its attachments (nor their re-encoded public copies)
      await files.discard(pool, [...stored.map((f) => f.id), ...attachments.map((a) => a.publicFileId)]);
      let errors: FieldErrors = {};
      try { errors = formErrors(req.locale, err); } catch (e) { if (!fileErrors.length) throw e; }
      if (fileErrors.length) errors.files = fileErrors.join(' ');
      return formPage(req, reply, values, errors, 422);
    }
  });

  // ------------------------------------------------------------ tracking
  app.get('/pengaduan/lacak', { schema: { hide: true } }, async (req, reply) => {
    const ctx = req.page();
    const raw = String((req.query as any)?.kode ?? '').trim();
    let error: string | undefined;
    if (raw) {
      const code = normaliseTrackingCode(raw);
      if (code) return seeOther(reply, care.trackingPath(code));
      error = ctx.t('care.track.badCode');
    }
    return sendPage(reply, layout(ctx, {
      title: ctx.t('care.track.title'), styles: STYLES,
      breadcrumbs: [{ href: '/pengaduan', label: ctx.t('care.nav') }, { label: ctx.t('care.track.title') }],
      body: html`<h1>${ctx.t('care.track.title')}</h1>
        ${form(ctx, { method: 'get', action: '/pengaduan/lacak', body: html`${input({ name: 'kode', label: ctx.t('care.track.code'), value: raw, required: true, autocomplete: 'off', error })}${button(ctx.t('care.track.submit'))}` })}`,
    }), error ? 422 : 200);
  });

  async function trackingPage(req: FastifyRequest, reply: FastifyReply, errors: FieldErrors = {}, status = 200) {
    const ctx = req.page();
    const { code } = req.params as { code: string };
    const secret = String((req.query as any)?.k ?? (req.body as any)?.k ?? '') || null;
    const found = await care.getByTracking(pool, code, secret, ctx.locale);
    if (!found) throw new NotFoundError('care.track.notFound');
    const { report, isReporter } = found;
    const view = presentReport(report, isReporter ? 'reporter' : 'tracking')!;
    const events = presentTimeline(await repo.listEvents(pool, report.id), isReporter ? 'reporter' : 'tracking', PUBLIC_ACTIONS);
    const attachments = visibleAttachments(await repo.listAttachments(pool, report.id), isReporter ? 'reporter' : 'public', report);
    const sla = await care.reportSla(pool, report);
    const windowOpen = objectionWindowOpen(sla, new Date());
    const actions = isReporter ? availableActions({ role: 'reporter' }, { state: report.state, assignedOrganisationId: report.assignedOrganisationId, rated: report.rating !== null }, { objectionWindowOpen: windowOpen }) : [];
    const q = req.query as Record<string, string | undefined>;
    const actionUrl = `${care.trackingPath(report.trackingCode)}/tindakan`;
    const hidden = html`<input type="hidden" name="k" value="${secret ?? ''}">`;
    const response = events.filter((e) => e.action === 'tindak_lanjut').at(-1);
    return sendPage(reply, layout(ctx, {
      title: view.title ?? `${ctx.t('care.track.title')} ${view.trackingCode}`, styles: STYLES,
      breadcrumbs: [{ href: '/pengaduan', label: ctx.t('care.nav') }, { label: view.trackingCode }],
      body: html`
        ${q.baru ? html`<section class="alert alert-success" role="status"><h2 class="alert-title">${ctx.t('care.created.title')}</h2>
          <p>${ctx.t('care.created.code')}: <strong class="care-code">${view.trackingCode}</strong></p>
          <p>${ctx.t('care.created.keep')}</p><p class="care-secret">${care.reporterLink(config, view.trackingCode, secret)}</p>
          <p>${report.privacy === 'anonim' && !report.reporterEmail ? ctx.t('care.created.anon') : report.reporterEmail ? ctx.t('care.created.sent') : ''}</p></section>` : ''}
        ${q.ok ? alert(ctx.t('care.track.done'), 'success') : ''}
        ${errorSummary(ctx, errors)}
        <h1>${view.title ?? ctx.t('care.track.confidential')}</h1>
        <p class="care-meta">${stateBadge(ctx, view.state)} ${isReporter ? html`<span class="muted">${ctx.t('care.track.asReporter')}</span>` : ''}</p>
        ${metaList(ctx, view, [
          ...(view.rejectReason ? [[ctx.t('care.state.ditolak'), ctx.t(`care.reject.${view.rejectReason}`)] as [string, string]] : []),
          ...(view.duplicateOfCode ? [['', html`<a href="${care.trackingPath(view.duplicateOfCode)}">${ctx.t('care.detail.duplicateOf', { code: view.duplicateOfCode })}</a>`] as [string, any]] : []),
          ...(view.referral ? [['', ctx.t('care.detail.referral', { referral: view.referral })] as [string, string]] : []),
          ...(view.rating ? [[ctx.t('care.detail.rating'), `${view.rating}/5`] as [string, string]] : []),
        ])}
        ${view.description ? html`<p class="care-description">${view.description}</p>` : html`<p class="muted">${ctx.t('care.track.confidential')}</p>`}
        ${attachments.length ? html`<h2>${ctx.t('care.detail.attachments')}</h2><div class="care-photos">${attachments.map((a) => html`<a href="/pengaduan/lampiran/${a.id}"><img src="/pengaduan/lampiran/${a.id}" alt="${ctx.t('care.detail.attachments')}" width="${a.width ?? 160}" height="${a.height ?? 120}" loading="lazy"></a>`)}</div>` : ''}
        ${response?.text ? html`<section class="care-panel"><h2>${ctx.t('care.detail.response')}</h2><p class="care-event-text">${response.text}</p></section>` : ''}
        ${actions.length ? html`<section class="care-panel"><h2>${ctx.t('care.track.reporterActions')}</h2>
          ${actions.includes('jawab_informasi') ? form(ctx, { action: actionUrl, novalidate: true, body: html`${hidden}<input type="hidden" name="action" value="jawab_informasi">${textarea({ name: 'message', label: ctx.t('care.track.answer'), required: true, error: errors.message, rows: 4 })}${button(ctx.t('care.track.sendAnswer'))}` }) : ''}
          ${actions.includes('konfirmasi') ? html`<p class="hint">${ctx.t('care.track.confirm.hint', { date: sla.objectionWindow ? formatDate(ctx.locale, new Date(sla.objectionWindow.dueAt.getTime() - 1)) : '' })}</p>
            ${form(ctx, { action: actionUrl, body: html`${hidden}<input type="hidden" name="action" value="konfirmasi">${button(ctx.t('care.track.confirm'))}` })}` : ''}
          ${actions.includes('keberatan') ? form(ctx, { action: actionUrl, novalidate: true, body: html`${hidden}<input type="hidden" name="action" value="keberatan">${textarea({ name: 'reason', label: ctx.t('care.track.objectReason'), required: true, error: errors.reason, rows: 3 })}${button(ctx.t('care.track.object'), { variant: 'secondary' })}` }) : ''}
          ${actions.includes('beri_nilai') ? form(ctx, { action: actionUrl, novalidate: true, body: html`${hidden}<input type="hidden" name="action" value="beri_nilai">
            ${radios({ name: 'rating', label: ctx.t('care.track.rating'), required: true, error: errors.rating, options: ['1', '2', '3', '4', '5'].map((n) => ({ value: n, label: n })) })}
            ${textarea({ name: 'message', label: ctx.t('care.track.ratingComment'), rows: 2 })}${button(ctx.t('care.track.sendRating'))}` }) : ''}
        </section>` : ''}
        <h2>${ctx.t('care.detail.timeline')}</h2>
        ${timeline(ctx, events)}`,
    }), status);
  }

  app.get('/pengaduan/lacak/:code', { schema: { hide: true } }, async (req, reply) => trackingPage(req, reply));

  app.post('/pengaduan/lacak/:code/tindakan', { schema: { hide: true }, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (req, reply) => {
    const { code } = req.params as { code: string };
    const b = req.body as Record<string, string>;
    const secret = String(b.k ?? '');
    const found = await care.getByTracking(pool, code, secret, req.locale);
    if (!found || !found.isReporter) throw new NotFoundError('care.track.notFound');
    try {
      await care.transition(deps, { kind: 'reporter', code, secret }, found.report.id, cleanIntakeForm({ action: b.action, message: b.message, reason: b.reason, rating: b.rating }));
      return seeOther(reply, `${care.trackingPath(found.report.trackingCode)}?k=${encodeURIComponent(secret)}&ok=1`);
    } catch (err) {
      let errors: FieldErrors;
      if (err instanceof AppError && !err.fields.length && err.status < 500) errors = { _: t(req.locale, err.key, err.params) };
      else errors = formErrors(req.locale, err);
      (req.query as any).k = secret;
      return trackingPage(req, reply, errors, 422);
    }
  });

  // ------------------------------------------------------------ attachments (public copies only)
  app.get('/pengaduan/lampiran/:id', { schema: { hide: true } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError();
    const { rows } = await pool.query(
      `SELECT a.public_file_id, r.privacy, r.state, r.reject_reason FROM care_attachments a JOIN care_reports r ON r.id = a.report_id WHERE a.id = $1`, [id]);
    const a = rows[0];
    if (!a || !a.public_file_id || a.privacy === 'rahasia' || (a.state === 'ditolak' && a.reject_reason === 'spam')) throw new NotFoundError();
    const f = await files.find(pool, a.public_file_id);
    if (!f) throw new NotFoundError();
    reply.header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff').type(f.mime);
    return reply.send(await files.open(f));
  });

  // ------------------------------------------------------------ statistics
  async function stats(req: FastifyRequest) {
    const q = req.query as Record<string, string | undefined>;
    const period = defaultPeriod();
    const from = /^\d{4}-\d{2}$/.test(q.dari ?? '') ? q.dari! : period.from;
    const to = /^\d{4}-\d{2}$/.test(q.sampai ?? '') ? q.sampai! : period.to;
    const org = q.instansi ? await repo.organisationBySlug(pool, q.instansi) : null;
    if (q.instansi && !org) throw new NotFoundError();
    return complaintStats(pool, { organisationId: org?.id ?? null, from: from <= to ? from : to, to });
  }

  app.get('/pengaduan/statistik.csv', { schema: { hide: true } }, async (req, reply) => {
    const s = await stats(req);
    reply.header('content-disposition', contentDisposition(`statistik-pengaduan-${s.scope.organisationSlug ?? 'provinsi'}-${s.from}-${s.to}.csv`));
    return reply.type('text/csv; charset=utf-8').send(statsCsv(s));
  });
  app.get('/pengaduan/statistik.json', { schema: { hide: true } }, async (req) => stats(req));

  app.get('/pengaduan/statistik', { schema: { hide: true } }, async (req, reply) => {
    const ctx = req.page();
    const s = await stats(req);
    const orgs = await repo.routableOrganisations(pool);
    const qs = new URLSearchParams(Object.entries({ instansi: s.scope.organisationSlug ?? '', dari: s.from, sampai: s.to }).filter(([, v]) => v)).toString();
    const n = (v: number | null) => (v === null ? '—' : formatNumber(ctx.locale, v));
    return sendPage(reply, layout(ctx, {
      title: ctx.t('care.stats.title'), styles: STYLES, wide: true,
      breadcrumbs: [{ href: '/pengaduan', label: ctx.t('care.nav') }, { label: ctx.t('care.stats.title') }],
      body: html`<h1>${ctx.t('care.stats.title')}</h1>
        <p>${ctx.t('care.stats.intro')}</p>
        ${form(ctx, { method: 'get', action: '/pengaduan/statistik', class: 'care-filters', body: html`
          ${select({ name: 'instansi', label: ctx.t('care.stats.scope'), value: s.scope.organisationSlug ?? '', placeholder: ctx.t('care.stats.province'), options: orgs.map((o) => ({ value: o.slug, label: o.name })) })}
          ${input({ name: 'dari', type: 'month', label: ctx.t('care.stats.from'), value: s.from })}
          ${input({ name: 'sampai', type: 'month', label: ctx.t('care.stats.to'), value: s.to })}
          ${button(ctx.t('care.stats.show'), { variant: 'secondary' })}` })}
        <p>${s.scope.organisationName ?? ctx.t('care.stats.province')} · ${ctx.t('care.stats.period', { from: s.from, to: s.to })} · ${ctx.t('care.stats.overdueNow')}: <strong>${formatNumber(ctx.locale, s.overdueNow)}</strong></p>
        <p class="care-actions"><a class="btn btn-secondary" href="/pengaduan/statistik.csv?${qs}">${ctx.t('care.stats.csv')}</a> <a class="btn btn-secondary" href="/pengaduan/statistik.json?${qs}">${ctx.t('care.stats.json')}</a></p>
        <div class="table-wrap"><table class="care-stats-table"><caption>${ctx.t('care.stats.title')}</caption>
          <thead><tr><th scope="col">${ctx.t('care.stats.month')}</th><th scope="col">${ctx.t('care.stats.received')}</th><th scope="col">${ctx.t('care.stats.verified')}</th><th scope="col">${ctx.t('care.stats.dispatched')}</th>
          <th scope="col">${ctx.t('care.stats.responded')}</th><th scope="col">${ctx.t('care.stats.respondedInSla')}</th><th scope="col">${ctx.t('care.stats.resolved')}</th><th scope="col">${ctx.t('care.stats.confirmed')}</th>
          <th scope="col">${ctx.t('care.stats.medianVerify')}</th><th scope="col">${ctx.t('care.stats.medianRespond')}</th><th scope="col">${ctx.t('care.stats.medianResolve')}</th><th scope="col">${ctx.t('care.stats.satisfaction')}</th></tr></thead>
          <tbody>${s.months.map((m) => html`<tr><th scope="row">${m.month}</th><td>${n(m.received)}</td><td>${n(m.verified)}</td><td>${n(m.dispatched)}</td><td>${n(m.responded)}</td><td>${n(m.respondedWithinSla)}</td><td>${n(m.resolved)}</td><td>${n(m.confirmed)}</td><td>${n(m.medianDaysToVerify)}</td><td>${n(m.medianDaysToRespond)}</td><td>${n(m.medianDaysToResolve)}</td><td>${n(m.satisfaction)}</td></tr>`)}</tbody>
        </table></div>
        <h2>${ctx.t('care.stats.byOrg')}</h2>
        <div class="table-wrap"><table class="care-stats-table"><thead><tr><th scope="col">${ctx.t('care.stats.org')}</th><th scope="col">${ctx.t('care.stats.dispatched')}</th><th scope="col">${ctx.t('care.stats.responded')}</th><th scope="col">${ctx.t('care.stats.respondedInSla')}</th><th scope="col">${ctx.t('care.stats.resolved')}</th><th scope="col">${ctx.t('care.stats.confirmed')}</th><th scope="col">${ctx.t('care.stats.overdueNow')}</th><th scope="col">${ctx.t('care.stats.satisfaction')}</th></tr></thead>
          <tbody>${s.byOrganisation.map((o) => html`<tr><th scope="row"><a href="/pengaduan/statistik?instansi=${o.organisationSlug}">${o.organisationName}</a></th><td>${n(o.dispatched)}</td><td>${n(o.responded)}</td><td>${n(o.respondedWithinSla)}</td><td>${n(o.resolved)}</td><td>${n(o.confirmed)}</td><td>${n(o.overdueNow)}</td><td>${n(o.satisfaction)}</td></tr>`)}</tbody></table></div>`,
    }));
  });
}

/** A clear, per-file message for a refused upload. */
export function fileErrorMessage(locale: 'id' | 'en', name: string, err: unknown): string {
  if (err instanceof AppError) {
    if (err.status === 413) return t(locale, 'care.attachment.tooLarge', { name, maxMb: care.ATTACHMENT_MAX_BYTES / 1048576 });
    if (err.key === 'file.empty') return t(locale, 'care.attachment.empty', { name });
    if (err.status === 415) return t(locale, 'care.attachment.badType', { name });
  }
  throw err;
}

