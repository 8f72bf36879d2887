/** Pages: recommendations, roadmap (with Gantt timeline), applications, architecture, frameworks. */
import { html, type SafeHtml } from '../../../core/views/html.ts';
import { layout, type PageContext } from '../../../core/views/layout.ts';
import { alert, badge, button, errorSummary, form, input, select, table, textarea, type FieldErrors } from '../../../core/views/components.ts';
import { formatDate } from '../../../core/i18n/i18n.ts';
import type { Framework } from '../framework.ts';
import type { InitiativeView } from '../roadmap.service.ts';
import type { UpdateRow } from '../roadmap.repo.ts';
import { ganttBar, INITIATIVE_STATUSES } from '../roadmap.ts';
import type { ApplicationRow } from '../application.repo.ts';
import { applicationCategories, applicationCategoryNames, applicationCensus2018, type ApplicationCategory } from '../seed/applications-2018.ts';
import type { ProcessNode } from '../architecture.service.ts';
import type { RecommendationRow, ActionRow, FrameworkRow } from '../framework.repo.ts';
import { SPBE_STYLES, spbeTabs, yesNo } from './common.ts';
import { dataRefHref } from '../internal-evidence.ts';

const crumbs = (ctx: PageContext, label: string): Array<{ href?: string; label: string }> => [{ href: '/spbe', label: ctx.t('spbe.nav') }, { label }];

export function recommendationsPage(ctx: PageContext, opts: { fw: Framework; recs: Array<RecommendationRow & { actions: ActionRow[] }>; canAct: boolean; errors?: FieldErrors; notice?: string }): SafeHtml {
  const ind = (code: string) => opts.fw.indicators.find((i) => i.code === code);
  return layout(ctx, {
    title: ctx.t('spbe.recommendations'),
    breadcrumbs: crumbs(ctx, ctx.t('spbe.recommendations')),
    styles: SPBE_STYLES,
    body: html`<h1>${ctx.t('spbe.recommendations')}</h1>
      <p class="lead">${ctx.t('spbe.recommendationsLead')}</p>
      ${spbeTabs(ctx, '/spbe/rekomendasi')}
      ${opts.notice ? alert(opts.notice, 'success') : ''}
      ${opts.errors ? errorSummary(ctx, opts.errors) : ''}
      ${opts.recs.map((r) => html`<article class="card spbe-rec-card" id="r-${r.entry_label}">
        <h2>${r.entry_label}. ${ind(r.indicator_code)?.name ?? r.indicator_code}</h2>
        <dl class="meta">
          ${r.condition ? html`<dt>${ctx.t('spbe.condition')}</dt><dd>${r.condition}</dd>` : ''}
          <dt>${ctx.t('spbe.recommendation')}</dt><dd>${r.recommendation}</dd>
          ${r.strategy ? html`<dt>${ctx.t('spbe.strategy')}</dt><dd>${r.strategy}</dd>` : ''}
        </dl>
        <h3>${ctx.t('spbe.actions')}</h3>
        ${r.actions.length ? html`<ul>${r.actions.map((a) => html`<li><strong>${formatDate(ctx.locale, a.action_date)}</strong> — ${a.description}${a.organisation_name ? html` <span class="muted">(${a.organisation_name})</span>` : ''}${a.evidence_url ? html` · <a href="${a.evidence_url}">${ctx.t('spbe.evidenceLink')}</a>` : ''}</li>`)}</ul>` : html`<p class="muted">${ctx.t('spbe.noActions')}</p>`}
        ${opts.canAct ? html`<details><summary>${ctx.t('spbe.addAction')}</summary>${form(ctx, { action: `/spbe/rekomendasi/${r.id}/tindakan`, novalidate: true, body: html`
          ${input({ name: 'actionDate', id: `f-date-${r.entry_label}`, type: 'date', label: ctx.t('spbe.actionDate'), required: true })}
          ${textarea({ name: 'description', id: `f-desc-${r.entry_label}`, label: ctx.t('spbe.actionDescription'), rows: 3, required: true, maxlength: 2000 })}
          ${input({ name: 'evidenceUrl', id: `f-url-${r.entry_label}`, label: ctx.t('spbe.evidenceLink'), maxlength: 2000 })}
          ${button(ctx.t('spbe.addAction'))}` })}</details>` : ''}
      </article>`)}`,
  });
}


function gantt(ctx: PageContext, items: InitiativeView[], now: Date): SafeHtml {
  const nowYear = now.getUTCFullYear();
  const yearFraction = (now.getTime() - Date.UTC(nowYear, 0, 1)) / (365.25 * 86400000);
  // the axis covers the roadmap period and runs on to the current year, so lateness is visible
  const YEARS = { from: 2019, to: Math.max(2024, ...items.map((i) => i.end_year), nowYear) };
  const span = YEARS.to - YEARS.from + 1;
  const rowH = 22;
  const labelW = 0; // labels are in the table next to the chart on narrow screens; the SVG carries titles
  const h = items.length * rowH + 24;
  const nowX = Math.max(0, Math.min(100, ((nowYear - YEARS.from + yearFraction) / span) * 100));
  return html`<figure class="spbe-gantt"><svg viewBox="0 0 1000 ${h}" preserveAspectRatio="none" role="img" aria-labelledby="gantt-title">
    <title id="gantt-title">${ctx.t('spbe.timeline')} ${YEARS.from}–${YEARS.to}</title>
    ${Array.from({ length: span }, (_, k) => html`<g><line x1="${(k / span) * 1000 + labelW}" y1="0" x2="${(k / span) * 1000}" y2="${h}" class="spbe-gantt-grid"></line><text x="${((k + 0.5) / span) * 1000}" y="14" class="spbe-gantt-year" text-anchor="middle">${YEARS.from + k}</text></g>`)}
    ${items.map((i, n) => {
      const b = ganttBar({ startYear: i.start_year, endYear: i.end_year }, YEARS.from, YEARS.to);
      const y = 22 + n * rowH;
      const cls = i.overdue ? 'spbe-gantt-bar overdue' : i.status === 'done' ? 'spbe-gantt-bar done' : 'spbe-gantt-bar';
      return html`<g><title>${i.code} ${i.title}: ${i.start_year}–${i.end_year}, ${ctx.t(`spbe.initiativeStatus.${i.status}`)} ${i.progress}%</title>
        <rect x="${(b.left * 10).toFixed(1)}" y="${y}" width="${(b.width * 10).toFixed(1)}" height="${rowH - 6}" rx="3" class="${cls}"></rect>
        <rect x="${(b.left * 10).toFixed(1)}" y="${y + rowH - 9}" width="${((b.width * 10 * i.progress) / 100).toFixed(1)}" height="3" class="spbe-gantt-progress"></rect>
        <text x="${(b.left * 10 + 4).toFixed(1)}" y="${y + 12}" class="spbe-gantt-label">${i.code}</text></g>`;
    })}
    <line x1="${(nowX * 10).toFixed(1)}" y1="16" x2="${(nowX * 10).toFixed(1)}" y2="${h}" class="spbe-gantt-now"></line>
  </svg></figure>`;
}

export function roadmapPage(ctx: PageContext, opts: { items: InitiativeView[]; now: Date }): SafeHtml {
  const groups = ['tata_kelola', 'infrastruktur', 'layanan', 'sdm'] as const;
  const overdue = opts.items.filter((i) => i.overdue).length;
  return layout(ctx, {
    title: ctx.t('spbe.roadmap'),
    breadcrumbs: crumbs(ctx, ctx.t('spbe.roadmap')),
    styles: SPBE_STYLES,
    wide: true,
    body: html`<h1>${ctx.t('spbe.roadmap')}</h1>
      <p class="lead">${ctx.t('spbe.roadmapLead')}</p>
      ${spbeTabs(ctx, '/spbe/peta-rencana')}
      ${overdue ? alert(ctx.t('spbe.overdueCount', { count: overdue }), 'warning') : ''}
      <h2>${ctx.t('spbe.timeline')}</h2>
      ${gantt(ctx, opts.items, opts.now)}
      <p class="muted">${ctx.t('spbe.roadmapNumbering')}</p>
      ${groups.map((g) => html`<h2>${ctx.t(`spbe.group.${g}`)}</h2>
        ${table({
          columns: [
            { label: '#', cell: (i: InitiativeView) => html`<span class="spbe-nowrap">${i.code}</span>` },
            { label: ctx.t('spbe.initiative'), cell: (i) => html`<a href="/spbe/peta-rencana/${i.code}">${i.title}</a>${i.overdue ? html` ${badge(ctx.t('spbe.overdue'), 'danger')}` : i.progress < i.expected && i.status !== 'done' && i.status !== 'cancelled' ? html` ${badge(ctx.t('spbe.behind'), 'warning')}` : ''}` },
            { label: ctx.t('spbe.output'), cell: (i) => html`<ul class="spbe-outputs">${i.outputs.map((o) => html`<li>${o.output} <span class="muted">(${o.target_text}; ${o.responsible ?? ctx.t('spbe.responsibleUnset')})</span></li>`)}</ul>` },
            { label: ctx.t('spbe.targetYear'), cell: (i) => (i.start_year === i.end_year ? String(i.end_year) : `${i.start_year}–${i.end_year}`) },
            { label: ctx.t('spbe.status'), cell: (i) => html`${ctx.t(`spbe.initiativeStatus.${i.status}`)}<br><progress max="100" value="${i.progress}" aria-label="${ctx.t('spbe.progress')}">${i.progress}%</progress> ${i.progress}%` },
          ],
          rows: opts.items.filter((i) => i.grp === g),
        })}`)}`,
  });
}

export function initiativePage(ctx: PageContext, opts: { item: InitiativeView & { updates: UpdateRow[] }; fw: Framework | null; canUpdate: boolean; errors?: FieldErrors; values?: Record<string, string>; notice?: string }): SafeHtml {
  const i = opts.item;
  const errors = opts.errors ?? {};
  return layout(ctx, {
    title: `${i.code}. ${i.title}`,
    breadcrumbs: [{ href: '/spbe', label: ctx.t('spbe.nav') }, { href: '/spbe/peta-rencana', label: ctx.t('spbe.roadmap') }, { label: i.code }],
    styles: SPBE_STYLES,
    body: html`<h1>${i.code}. ${i.title}</h1>
      ${opts.notice ? alert(opts.notice, 'success') : ''}
      ${i.overdue ? alert(ctx.t('spbe.overdue'), 'danger') : ''}
      <dl class="meta">
        <dt>${ctx.t('spbe.status')}</dt><dd>${ctx.t(`spbe.initiativeStatus.${i.status}`)} · <progress max="100" value="${i.progress}">${i.progress}%</progress> ${i.progress}% <span class="muted">(${ctx.t('spbe.expected', { value: i.expected })})</span></dd>
        <dt>${ctx.t('spbe.targetYear')}</dt><dd>${i.start_year === i.end_year ? String(i.end_year) : `${i.start_year}–${i.end_year}`}</dd>
        <dt>${ctx.t('spbe.responsible')}</dt><dd>${i.organisations.length ? i.organisations.map((o) => o.short_name ?? o.name).join(', ') : ctx.t('spbe.responsibleUnset')}</dd>
        <dt>${ctx.t('spbe.linkedIndicators')}</dt><dd>${i.indicator_codes.length ? html`<ul>${i.indicator_codes.map((c) => html`<li>${c}. ${opts.fw?.indicators.find((x) => x.code === c)?.name ?? ''}</li>`)}</ul>` : '–'}</dd>
      </dl>
      <h2>${ctx.t('spbe.output')}</h2>
      ${table({ columns: [
        { label: ctx.t('spbe.output'), cell: (o: InitiativeView['outputs'][number]) => o.output },
        { label: ctx.t('spbe.targetYear'), cell: (o) => o.target_text },
        { label: ctx.t('spbe.responsible'), cell: (o) => o.responsible ?? ctx.t('spbe.responsibleUnset') },
      ], rows: i.outputs })}
      <h2>${ctx.t('spbe.updates')}</h2>
      ${i.updates.length ? html`<ol class="spbe-updates">${i.updates.map((u) => html`<li><strong>${formatDate(ctx.locale, u.created_at, true)}</strong> — ${ctx.t(`spbe.initiativeStatus.${u.status}`)}, ${u.progress}%${u.note ? html`: ${u.note}` : ''}${u.evidence_url ? html` · <a href="${u.evidence_url}">${ctx.t('spbe.evidenceLink')}</a>` : ''} <span class="muted">${u.author_name ?? ''}</span></li>`)}</ol>` : html`<p class="muted">${ctx.t('spbe.noUpdates')}</p>`}
      ${opts.canUpdate ? html`<h2 id="perbarui">${ctx.t('spbe.updateProgress')}</h2>
        ${errorSummary(ctx, errors)}
        ${form(ctx, { action: `/spbe/peta-rencana/${i.code}`, novalidate: true, body: html`
          ${select({ name: 'status', label: ctx.t('spbe.status'), value: opts.values?.status ?? i.status, options: INITIATIVE_STATUSES.map((s) => ({ value: s, label: ctx.t(`spbe.initiativeStatus.${s}`) })), error: errors.status })}
          ${input({ name: 'progress', type: 'number', label: `${ctx.t('spbe.progress')} (%)`, value: opts.values?.progress ?? i.progress, min: 0, max: 100, error: errors.progress })}
          ${textarea({ name: 'note', label: ctx.t('spbe.note'), rows: 3, maxlength: 2000, value: opts.values?.note, error: errors.note })}
          ${input({ name: 'evidenceUrl', label: ctx.t('spbe.evidenceLink'), maxlength: 2000, value: opts.values?.evidenceUrl, error: errors.evidenceUrl })}
          ${button(ctx.t('spbe.updateProgress'), { variant: 'primary' })}` })}` : ''}`,
  });
}

export function applicationsPage(ctx: PageContext, opts: {
  rows: ApplicationRow[]; byCategory: Array<{ category: ApplicationCategory; n: number }>; byOwner: Array<{ owner: string | null; slug: string | null; n: number }>;
  filter: Record<string, string>; orgs: Array<{ slug: string; name: string }>; canImport: boolean; canCreate: boolean;
  errors?: FieldErrors; importErrors?: string[]; notice?: string; values?: Record<string, string>;
}): SafeHtml {
  const catName = (c: ApplicationCategory) => (ctx.locale === 'en' ? applicationCategoryNames[c].en : applicationCategoryNames[c].id);
  const errors = opts.errors ?? {};
  const v = opts.values ?? {};
  const qs = new URLSearchParams(Object.entries(opts.filter).filter(([, x]) => x)).toString();
  return layout(ctx, {
    title: ctx.t('spbe.applications'),
    breadcrumbs: crumbs(ctx, ctx.t('spbe.applications')),
    styles: SPBE_STYLES,
    wide: true,
    body: html`<h1>${ctx.t('spbe.applications')}</h1>
      <p class="lead">${ctx.t('spbe.applicationsLead')}</p>
      ${spbeTabs(ctx, '/spbe/aplikasi')}
      ${opts.notice ? alert(opts.notice, 'success') : ''}
      ${opts.importErrors?.length ? alert(html`<ul>${opts.importErrors.map((m) => html`<li>${m}</li>`)}</ul>`, 'danger', ctx.t('spbe.application.importRefused')) : ''}
      <p class="muted">${ctx.t('spbe.census2018', { total: applicationCensus2018.total, agencies: applicationCensus2018.agencies, sum: applicationCensus2018.categorySum })}</p>
      <div class="grid-2">
        <section aria-labelledby="bycat-h"><h2 id="bycat-h">${ctx.t('spbe.byCategory')}</h2>
          ${table({ columns: [
            { label: ctx.t('spbe.category'), cell: (r: { category: ApplicationCategory; n: number }) => html`<a href="/spbe/aplikasi?category=${r.category}">${catName(r.category)}</a>` },
            { label: ctx.t('spbe.count'), cell: (r) => String(r.n), numeric: true },
            { label: '2018', cell: (r) => String(applicationCensus2018.byCategory[r.category]), numeric: true },
          ], rows: applicationCategories.map((c) => ({ category: c, n: opts.byCategory.find((x) => x.category === c)?.n ?? 0 })) })}
        </section>
        <section aria-labelledby="byorg-h"><h2 id="byorg-h">${ctx.t('spbe.byOwner')}</h2>
          ${table({ columns: [
            { label: ctx.t('spbe.owner'), cell: (r: { owner: string | null; slug: string | null; n: number }) => (r.slug ? html`<a href="/spbe/aplikasi?owner=${r.slug}">${r.owner}</a>` : ctx.t('spbe.unknown')) },
            { label: ctx.t('spbe.count'), cell: (r) => String(r.n), numeric: true },
          ], rows: opts.byOwner })}
        </section>
      </div>
      ${form(ctx, { method: 'get', action: '/spbe/aplikasi', class: 'search-form spbe-filter', body: html`
        ${input({ name: 'q', type: 'search', label: ctx.t('spbe.search'), value: opts.filter.q })}
        ${select({ name: 'category', label: ctx.t('spbe.category'), value: opts.filter.category, placeholder: ctx.t('spbe.all'), options: applicationCategories.map((c) => ({ value: c, label: catName(c) })) })}
        ${select({ name: 'owner', label: ctx.t('spbe.owner'), value: opts.filter.owner, placeholder: ctx.t('spbe.all'), options: opts.orgs.map((o) => ({ value: o.slug, label: o.name })) })}
        ${select({ name: 'status', label: ctx.t('spbe.status'), value: opts.filter.status, placeholder: ctx.t('spbe.all'), options: ['planned', 'active', 'retired'].map((s) => ({ value: s, label: ctx.t(`spbe.appStatus.${s}`) })) })}
        ${button(ctx.t('spbe.filter'), { variant: 'secondary' })}` })}
      <p><a class="btn btn-secondary" href="/spbe/aplikasi.xlsx${qs ? `?${qs}` : ''}" download>${ctx.t('spbe.exportXlsx')}</a></p>
      ${table({
        columns: [
          { label: ctx.t('spbe.appName'), cell: (a: ApplicationRow) => html`${a.url ? html`<a href="${a.url}" rel="noopener noreferrer">${a.name}</a>` : a.name}${a.description ? html`<br><span class="muted">${a.description}</span>` : ''}${a.data_refs?.length ? html`<br><span class="muted">${ctx.t('spbe.dataRefs')}:</span> ${a.data_refs.map((r, k) => html`${k ? ', ' : ''}<a href="${dataRefHref(r)}">${r}</a>`)}` : ''}` },
          { label: ctx.t('spbe.category'), cell: (a) => catName(a.category) },
          { label: ctx.t('spbe.scope'), cell: (a) => ctx.t(`spbe.scope.${a.scope}`) },
          { label: ctx.t('spbe.owner'), cell: (a) => a.owner_short ?? a.owner_name ?? ctx.t('spbe.unknown') },
          { label: ctx.t('spbe.hosted'), cell: (a) => yesNo(ctx, a.hosted_in_data_centre) },
          { label: ctx.t('spbe.simantra'), cell: (a) => yesNo(ctx, a.integrated_simantra) },
          { label: ctx.t('spbe.status'), cell: (a) => ctx.t(`spbe.appStatus.${a.status}`) },
          ...(opts.canCreate ? [{ label: '', cell: (a: ApplicationRow) => html`<a href="/spbe/aplikasi/${a.id}">${ctx.t('spbe.editApplication')}</a>` }] : []),
        ],
        rows: opts.rows,
        empty: ctx.t('spbe.noApplications'),
      })}
      ${opts.canImport ? html`<h2 id="impor">${ctx.t('spbe.importXlsx')}</h2><p class="hint">${ctx.t('spbe.importHint')}</p>
        ${form(ctx, { action: '/spbe/aplikasi/impor', multipart: true, body: html`${input({ name: 'file', id: 'f-import-file', type: 'file', label: ctx.t('spbe.evidenceFile'), accept: '.xlsx', error: errors.file })}${button(ctx.t('spbe.importXlsx'))}` })}` : ''}
      ${opts.canCreate ? applicationForm(ctx, { action: '/spbe/aplikasi', title: ctx.t('spbe.newApplication'), values: v, errors, orgs: opts.orgs }) : ''}`,
  });
}

export function applicationForm(ctx: PageContext, o: { action: string; title: string; values: Record<string, string>; errors: FieldErrors; orgs: Array<{ slug: string; name: string }> }): SafeHtml {
  const catName = (c: ApplicationCategory) => (ctx.locale === 'en' ? applicationCategoryNames[c].en : applicationCategoryNames[c].id);
  const v = o.values;
  const e = o.errors;
  const yn = [{ value: '', label: ctx.t('spbe.unknown') }, { value: 'ya', label: ctx.t('spbe.yes') }, { value: 'tidak', label: ctx.t('spbe.no') }];
  return html`<h2 id="baru">${o.title}</h2>${errorSummary(ctx, e)}
    ${form(ctx, { action: o.action, novalidate: true, body: html`
      ${input({ name: 'name', label: ctx.t('spbe.appName'), value: v.name, required: true, maxlength: 200, error: e.name })}
      ${select({ name: 'category', label: ctx.t('spbe.category'), value: v.category, options: applicationCategories.map((c) => ({ value: c, label: catName(c) })), required: true, error: e.category })}
      ${select({ name: 'scope', label: ctx.t('spbe.scope'), value: v.scope, options: [{ value: 'umum', label: ctx.t('spbe.scope.umum') }, { value: 'khusus', label: ctx.t('spbe.scope.khusus') }], required: true, error: e.scope })}
      ${select({ name: 'owner', label: ctx.t('spbe.owner'), value: v.owner, placeholder: ctx.t('spbe.unknown'), options: o.orgs.map((x) => ({ value: x.slug, label: x.name })), error: e.owner })}
      ${input({ name: 'url', type: 'url', label: ctx.t('spbe.url'), value: v.url, maxlength: 500, error: e.url })}
      ${select({ name: 'hostedInDataCentre', label: ctx.t('spbe.hosted'), value: v.hostedInDataCentre ?? '', options: yn, error: e.hostedInDataCentre })}
      ${select({ name: 'integratedSimantra', label: ctx.t('spbe.simantra'), value: v.integratedSimantra ?? '', options: yn, error: e.integratedSimantra })}
      ${select({ name: 'status', label: ctx.t('spbe.status'), value: v.status ?? 'active', options: ['planned', 'active', 'retired'].map((s) => ({ value: s, label: ctx.t(`spbe.appStatus.${s}`) })), error: e.status })}
      ${textarea({ name: 'description', label: ctx.t('spbe.description'), value: v.description, rows: 3, maxlength: 2000, error: e.description })}
      ${textarea({ name: 'dataRefs', label: ctx.t('spbe.dataRefs'), hint: ctx.t('spbe.dataRefsHint'), value: v.dataRefs, rows: 2, error: e.dataRefs })}
      ${button(ctx.t('spbe.save'), { variant: 'primary' })}` })}`;
}

export function applicationEditPage(ctx: PageContext, o: { app: ApplicationRow; values: Record<string, string>; errors: FieldErrors; orgs: Array<{ slug: string; name: string }> }): SafeHtml {
  return layout(ctx, {
    title: o.app.name,
    breadcrumbs: [{ href: '/spbe', label: ctx.t('spbe.nav') }, { href: '/spbe/aplikasi', label: ctx.t('spbe.applications') }, { label: o.app.name }],
    styles: SPBE_STYLES,
    body: html`<h1>${o.app.name}</h1>${applicationForm(ctx, { action: `/spbe/aplikasi/${o.app.id}`, title: ctx.t('spbe.editApplication'), values: o.values, errors: o.errors, orgs: o.orgs })}`,
  });
}

export function architecturePage(ctx: PageContext, opts: { tree: ProcessNode[]; q: string; codes: Set<string> | null; hitCount: number }): SafeHtml {
  const show = (n: ProcessNode): boolean => !opts.codes || opts.codes.has(n.code) || n.children.some((c) => opts.codes!.has(c.code));
  const visible = opts.tree.filter(show);
  return layout(ctx, {
    title: ctx.t('spbe.architecture'),
    breadcrumbs: crumbs(ctx, ctx.t('spbe.architecture')),
    styles: SPBE_STYLES,
    body: html`<h1>${ctx.t('spbe.architecture')}</h1>
      <p class="lead">${ctx.t('spbe.architectureLead')}</p>
      ${spbeTabs(ctx, '/spbe/arsitektur')}
      ${form(ctx, { method: 'get', action: '/spbe/arsitektur', class: 'search-form', body: html`${input({ name: 'q', type: 'search', label: ctx.t('spbe.searchArchitecture'), value: opts.q, maxlength: 200 })}${button(ctx.t('spbe.search'), { variant: 'secondary' })}` })}
      ${opts.q ? html`<p role="status">${opts.hitCount ? ctx.t('spbe.searchResults', { count: opts.hitCount, q: opts.q }) : ctx.t('spbe.noResults')}</p>` : ''}
      ${visible.map((p) => html`<details class="spbe-process"${opts.codes ? html` open` : ''}>
        <summary><strong>${p.code}</strong> ${p.name} ${p.process_type ? badge(ctx.t(`spbe.processType.${p.process_type}`), p.process_type === 'Utama' ? 'info' : 'neutral') : ''}</summary>
        ${p.entities.length ? html`<p><span class="muted">${ctx.t('spbe.dataEntities')}:</span> ${p.entities.map((e) => e.name).join('; ')}</p>` : ''}
        <ul class="spbe-subprocesses">${p.children.filter((c) => !opts.codes || opts.codes.has(c.code) || opts.codes.has(p.code)).map((c) => html`<li><a href="/spbe/arsitektur/${c.code}"><strong>${c.code}</strong> ${c.name}</a> <span class="muted">— ${c.organisation ?? ''}</span>
          ${opts.codes && c.entities.length ? html`<br><span class="muted">${ctx.t('spbe.dataEntities')}:</span> ${c.entities.map((e) => e.name).join('; ')}` : ''}</li>`)}</ul>
      </details>`)}`,
  });
}

export function processPage(ctx: PageContext, opts: { node: ProcessNode; parent: ProcessNode | null; canLink: boolean; notice?: string }): SafeHtml {
  const n = opts.node;
  return layout(ctx, {
    title: `${n.code} ${n.name}`,
    breadcrumbs: [{ href: '/spbe', label: ctx.t('spbe.nav') }, { href: '/spbe/arsitektur', label: ctx.t('spbe.architecture') }, { label: n.code }],
    styles: SPBE_STYLES,
    body: html`<h1>${n.code} ${n.name}</h1>
      ${opts.notice ? alert(opts.notice, 'success') : ''}
      <dl class="meta">
        ${opts.parent ? html`<dt>${ctx.t('spbe.process')}</dt><dd>${opts.parent.code} ${opts.parent.name} (${ctx.t(`spbe.processType.${opts.parent.process_type ?? 'Utama'}`)})</dd>` : ''}
        ${n.process_type ? html`<dt>${ctx.t('spbe.processType')}</dt><dd>${ctx.t(`spbe.processType.${n.process_type}`)}</dd>` : ''}
        ${n.organisation ? html`<dt>${ctx.t('spbe.organisation')}</dt><dd>${n.organisation}</dd>` : ''}
        ${n.note ? html`<dt></dt><dd class="muted">${n.note}</dd>` : ''}
      </dl>
      ${n.children.length ? html`<h2>${ctx.t('spbe.subProcesses')}</h2><ul>${n.children.map((c) => html`<li><a href="/spbe/arsitektur/${c.code}">${c.code} ${c.name}</a> — ${c.organisation ?? ''}</li>`)}</ul>` : ''}
      ${n.activities.length ? html`<h2>${ctx.t('spbe.activities')}</h2><ol>${n.activities.map((a) => html`<li>${a}</li>`)}</ol>` : ''}
      <h2>${ctx.t('spbe.dataEntities')}</h2>
      ${table({ columns: [
        { label: ctx.t('spbe.dataEntities'), cell: (e: ProcessNode['entities'][number]) => e.name },
        { label: ctx.t('spbe.dataRef'), cell: (e) => html`${e.data_ref ? html`<a href="${dataRefHref(e.data_ref)}">${e.data_ref}</a>` : '–'}
          ${opts.canLink ? form(ctx, { action: `/spbe/arsitektur/entitas/${e.id}`, class: 'inline-form', body: html`${input({ name: 'dataRef', id: `f-ref-${e.id}`, label: ctx.t('spbe.dataRef'), value: e.data_ref ?? '', maxlength: 500 })}${button(ctx.t('spbe.linkData'), { variant: 'secondary' })}` }) : ''}` },
      ], rows: n.entities, empty: '–' })}`,
  });
}

export function frameworksPage(ctx: PageContext, opts: { rows: FrameworkRow[]; canImport: boolean; errors?: string[]; notice?: string }): SafeHtml {
  return layout(ctx, {
    title: ctx.t('spbe.frameworks'),
    breadcrumbs: crumbs(ctx, ctx.t('spbe.frameworks')),
    styles: SPBE_STYLES,
    body: html`<h1>${ctx.t('spbe.frameworks')}</h1>
      <p class="lead">${ctx.t('spbe.frameworksLead')}</p>
      ${spbeTabs(ctx, '/spbe/kerangka')}
      ${opts.notice ? alert(opts.notice, 'success') : ''}
      ${opts.errors?.length ? alert(html`<ul>${opts.errors.map((m) => html`<li>${m}</li>`)}</ul>`, 'danger', ctx.t('spbe.framework.refused')) : ''}
      ${table({ columns: [
        { label: ctx.t('spbe.framework'), cell: (f: FrameworkRow) => html`<a href="/spbe/kerangka/${f.id}">${f.name}</a>` },
        { label: ctx.t('spbe.version'), cell: (f) => f.version },
        { label: ctx.t('spbe.domains'), cell: (f) => String(f.definition.domains.length), numeric: true },
        { label: ctx.t('spbe.aspects'), cell: (f) => String(f.definition.aspects.length), numeric: true },
        { label: ctx.t('spbe.indicators'), cell: (f) => String(f.definition.indicators.length), numeric: true },
        { label: '', cell: (f) => html`<a href="/spbe/kerangka/${f.id}.json">JSON</a> · <a href="/spbe/kerangka/${f.id}.xlsx">XLSX</a>` },
      ], rows: opts.rows })}
      ${opts.canImport ? html`<h2 id="impor">${ctx.t('spbe.importFramework')}</h2><p class="hint">${ctx.t('spbe.importFrameworkHint')}</p>
        ${form(ctx, { action: '/spbe/kerangka/impor', multipart: true, body: html`${input({ name: 'file', type: 'file', label: ctx.t('spbe.evidenceFile'), accept: '.json,.xlsx' })}${button(ctx.t('spbe.importFramework'), { variant: 'primary' })}` })}` : ''}`,
  });
}

export function frameworkPage(ctx: PageContext, opts: { row: FrameworkRow }): SafeHtml {
  const fw = opts.row.definition;
  return layout(ctx, {
    title: fw.name,
    breadcrumbs: [{ href: '/spbe', label: ctx.t('spbe.nav') }, { href: '/spbe/kerangka', label: ctx.t('spbe.frameworks') }, { label: fw.name }],
    styles: SPBE_STYLES,
    wide: true,
    body: html`<h1>${fw.name}</h1>
      <dl class="meta"><dt>${ctx.t('spbe.regulation')}</dt><dd>${fw.regulation ?? '–'}</dd><dt>${ctx.t('spbe.version')}</dt><dd>${fw.version}</dd></dl>
      <p><a class="btn btn-secondary" href="/spbe/kerangka/${opts.row.id}.json">${ctx.t('spbe.downloadJson')}</a> <a class="btn btn-secondary" href="/spbe/kerangka/${opts.row.id}.xlsx">${ctx.t('spbe.downloadXlsx')}</a></p>
      ${fw.domains.map((d) => html`<h2>${d.name} <span class="muted">(${d.weight}%)</span></h2>
        ${fw.aspects.filter((a) => a.domain === d.code).map((a) => html`<h3>${a.name} <span class="muted">(${a.weight}%)</span></h3>
          <ol class="spbe-indicator-list">${fw.indicators.filter((i) => i.aspect === a.code).map((i) => html`<li value="${i.number}">${i.name} <span class="muted">— ${ctx.t(`spbe.type.${i.type}`)}${i.perService ? html`, ${ctx.t('spbe.perService')}` : ''}</span></li>`)}</ol>`)}`)}
      <h2>${ctx.t('spbe.levelScales')}</h2>
      <div class="grid-2">${(['process', 'technical'] as const).map((t) => html`<section><h3>${ctx.t(`spbe.type.${t}`)}</h3><ol>${fw.levelScales[t].map((l) => html`<li value="${l.level}"><strong>${l.name}</strong>${l.description ? html` — ${l.description}` : ''}</li>`)}</ol></section>`)}</div>
      <h2>${ctx.t('spbe.predicates')}</h2>
      ${table({ columns: [
        { label: ctx.t('spbe.range'), cell: (b: Framework['predicates'][number]) => `${b.min} – ${b.max === fw.maxLevel ? b.max : `< ${b.max}`}` },
        { label: ctx.t('spbe.predicate'), cell: (b) => b.name + (ctx.locale === 'en' && b.nameEn ? ` (${b.nameEn})` : '') },
      ], rows: [...fw.predicates].sort((a, b) => b.min - a.min) })}`,
  });
}

