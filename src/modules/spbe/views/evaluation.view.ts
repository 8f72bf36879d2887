/** Pages: the public SPBE overview, evaluation results (with editing for the SPBE team), entry editing. */
import { html, jsonScript, type SafeHtml } from '../../../core/views/html.ts';
import { layout, type PageContext } from '../../../core/views/layout.ts';
import { alert, badge, button, checkbox, errorSummary, figure, form, input, linkButton, select, table, textarea, type FieldErrors } from '../../../core/views/components.ts';
import { formatDate } from '../../../core/i18n/i18n.ts';
import type { Framework } from '../framework.ts';
import { levelName } from '../framework.ts';
import { round2, gapToTarget, planToTarget, type IndexResult } from '../index-calc.ts';
import type { EvaluationDetail, EvaluationSummary, HistoryPoint } from '../evaluation.service.ts';
import type { EntryRow, EvidenceRow, HistoryRow } from '../evaluation.repo.ts';
import type { EvaluationTransition } from '../evaluation-workflow.ts';
import { evaluation2018 } from '../seed/evaluation-2018.ts';
import { internalEvidenceFor } from '../internal-evidence.ts';
import { SPBE_STYLES, bar, idx, signed, spbeTabs, stateBadge } from './common.ts';

const CHART_SCRIPTS = ['/assets/js/spbe/charts.js'];

function radarData(ctx: PageContext, fw: Framework, series: Array<{ name: string; result: IndexResult }>) {
  return {
    radar: {
      indicators: fw.aspects.map((a) => ({ name: a.name, max: fw.maxLevel })),
      series: series.map((s) => ({ name: s.name, values: s.result.aspects.map((a) => (a.index === null ? 0 : round2(a.index))) })),
      label: ctx.t('spbe.radar'),
    },
  };
}

export function resultBreakdown(ctx: PageContext, fw: Framework, r: IndexResult, previous?: { year: number; result: IndexResult } | null): SafeHtml {
  const prevDomain = (code: string) => previous?.result.domains.find((d) => d.code === code)?.index ?? null;
  const prevAspect = (code: string) => previous?.result.aspects.find((a) => a.code === code)?.index ?? null;
  return html`<section aria-labelledby="breakdown-h">
    <h2 id="breakdown-h">${ctx.t('spbe.domains')}</h2>
    ${table({
      caption: ctx.t('spbe.domains'),
      columns: [
        { label: ctx.t('spbe.domain'), cell: (d: IndexResult['domains'][number]) => fw.domains.find((x) => x.code === d.code)?.name ?? d.code },
        { label: ctx.t('spbe.weight'), cell: (d) => `${d.weight}%`, numeric: true },
        { label: ctx.t('spbe.indexShort'), cell: (d) => html`<strong>${idx(ctx, d.index)}</strong>`, numeric: true },
        ...(previous ? [{ label: String(previous.year), cell: (d: IndexResult['domains'][number]) => idx(ctx, prevDomain(d.code)), numeric: true }] : []),
        { label: '', cell: (d) => bar(d.index, fw.maxLevel, idx(ctx, d.index)) },
      ],
      rows: r.domains,
    })}
    <h2 id="aspects-h">${ctx.t('spbe.aspects')}</h2>
    ${table({
      caption: ctx.t('spbe.aspects'),
      columns: [
        { label: ctx.t('spbe.aspect'), cell: (a: IndexResult['aspects'][number]) => fw.aspects.find((x) => x.code === a.code)?.name ?? a.code },
        { label: ctx.t('spbe.domain'), cell: (a) => fw.domains.find((x) => x.code === a.domain)?.name ?? a.domain },
        { label: ctx.t('spbe.weight'), cell: (a) => `${a.weight}%`, numeric: true },
        { label: ctx.t('spbe.entries'), cell: (a) => String(a.entries), numeric: true },
        { label: ctx.t('spbe.indexShort'), cell: (a) => html`<strong>${idx(ctx, a.index)}</strong>`, numeric: true },
        ...(previous ? [{ label: String(previous.year), cell: (a: IndexResult['aspects'][number]) => idx(ctx, prevAspect(a.code)), numeric: true }] : []),
      ],
      rows: r.aspects,
    })}
    <figure class="spbe-chart-figure">
      <div id="spbe-radar" class="chart" role="img" aria-label="${ctx.t('spbe.radar')}"><p class="muted">${ctx.t('spbe.radarFallback')}</p></div>
      <figcaption>${ctx.t('spbe.radar')}${previous ? html` — ${ctx.t('spbe.compare', { year: previous.year })}` : ''}</figcaption>
    </figure>
    <p class="muted">${ctx.t('spbe.computedNote')}</p>
  </section>`;
}

function headline(ctx: PageContext, year: number, r: IndexResult, change: { value: number; year: number } | null, target: { index: number; year: number } | null): SafeHtml {
  const gap = target ? gapToTarget(r.index, target.index) : null;
  return html`<div class="figures spbe-headline">
    ${figure(ctx.t('spbe.indexOf', { year }), idx(ctx, r.index))}
    ${figure(ctx.t('spbe.predicate'), r.predicate?.name ?? '–')}
    ${figure(ctx.t('spbe.change'), change ? ctx.t('spbe.changeFrom', { sign: change.value > 0 ? '+' : change.value < 0 ? '−' : '±', value: idx(ctx, Math.abs(change.value)), year: change.year }) : ctx.t('spbe.noChange'))}
    ${target && gap !== null ? figure(gap > 0 ? ctx.t('spbe.targetGap', { target: idx(ctx, target.index), year: target.year }) : ctx.t('spbe.targetReached', { target: idx(ctx, target.index) }), gap > 0 ? idx(ctx, gap) : '✓') : ''}
  </div>`;
}

/** The public /spbe page: latest final index, change, target gap, history, breakdown, radar. */
export function overviewPage(ctx: PageContext, opts: { latest: EvaluationDetail | null; previous: EvaluationSummary | null; history: HistoryPoint[]; target: { index: number; year: number }; overdue: number; appCount: number }): SafeHtml {
  const { latest, previous, history } = opts;
  const last = history[history.length - 1];
  const chart = latest
    ? {
        ...radarData(ctx, latest.framework, [
          ...(previous && previous.evaluation.framework_id === latest.evaluation.framework_id ? [{ name: String(previous.evaluation.year), result: previous.result }] : []),
          { name: String(latest.evaluation.year), result: latest.result },
        ]),
        history: { years: history.map((h) => String(h.year)), values: history.map((h) => h.indexRounded), target: opts.target.index, label: ctx.t('spbe.history'), targetLabel: ctx.t('spbe.target') },
      }
    : null;
  return layout(ctx, {
    title: ctx.t('spbe.title'),
    description: ctx.t('spbe.lead'),
    breadcrumbs: [{ label: ctx.t('spbe.nav') }],
    styles: SPBE_STYLES,
    scripts: chart ? CHART_SCRIPTS : [],
    wide: true,
    body: html`<h1>${ctx.t('spbe.title')}</h1>
      <p class="lead">${ctx.t('spbe.lead')}</p>
      ${spbeTabs(ctx, '/spbe')}
      ${latest
        ? html`${headline(ctx, latest.evaluation.year, latest.result, last && last.change !== null ? { value: last.change, year: history[history.length - 2].year } : null, opts.target)}
          <p><a href="/spbe/evaluasi/${latest.evaluation.id}">${latest.evaluation.title}</a> · ${latest.framework.name}</p>`
        : html`<p class="empty">${ctx.t('spbe.noEvaluations')}</p>`}
      <section aria-labelledby="history-h">
        <h2 id="history-h">${ctx.t('spbe.history')}</h2>
        ${table({
          caption: ctx.t('spbe.historyCaption'),
          columns: [
            { label: ctx.t('spbe.year'), cell: (h: HistoryPoint) => html`<a href="/spbe/evaluasi/${h.id}">${h.year}</a>` },
            { label: ctx.t('spbe.index'), cell: (h) => html`<strong>${idx(ctx, h.indexRounded)}</strong>`, numeric: true },
            { label: ctx.t('spbe.predicate'), cell: (h) => h.predicate ?? '–' },
            { label: ctx.t('spbe.change'), cell: (h) => (h.change === null ? '–' : signed(ctx, h.change)), numeric: true },
            { label: ctx.t('spbe.framework'), cell: (h) => h.frameworkName },
          ],
          rows: [...history].reverse(),
          empty: ctx.t('spbe.noEvaluations'),
        })}
        ${history.length > 1 ? html`<div id="spbe-history" class="chart" role="img" aria-label="${ctx.t('spbe.history')}"></div>` : ''}
      </section>
      ${latest ? resultBreakdown(ctx, latest.framework, latest.result, previous && previous.evaluation.framework_id === latest.evaluation.framework_id ? { year: previous.evaluation.year, result: previous.result } : null) : ''}
      <section aria-labelledby="more-h"><h2 id="more-h">${ctx.t('spbe.nav')}</h2>
        <div class="figures">
          ${figure(ctx.t('spbe.overdueCount', { count: opts.overdue }), String(opts.overdue), '/spbe/peta-rencana')}
          ${figure(ctx.t('spbe.figure.applications'), String(opts.appCount), '/spbe/aplikasi')}
        </div>
      </section>
      ${chart ? html`<script type="application/json" id="spbe-chart-data">${jsonScript(chart)}</script>` : ''}`,
  });
}

export function evaluationsListPage(ctx: PageContext, opts: { list: EvaluationSummary[]; frameworks: Array<{ id: string; name: string }>; canCreate: boolean; values?: Record<string, string>; errors?: FieldErrors }): SafeHtml {
  const errors = opts.errors ?? {};
  const values = opts.values ?? {};
  return layout(ctx, {
    title: ctx.t('spbe.evaluations'),
    breadcrumbs: [{ href: '/spbe', label: ctx.t('spbe.nav') }, { label: ctx.t('spbe.evaluations') }],
    styles: SPBE_STYLES,
    body: html`<h1>${ctx.t('spbe.evaluations')}</h1>
      ${spbeTabs(ctx, '/spbe/evaluasi')}
      ${table({
        columns: [
          { label: ctx.t('spbe.year'), cell: (s: EvaluationSummary) => String(s.evaluation.year) },
          { label: ctx.t('spbe.evaluation'), cell: (s) => html`<a href="/spbe/evaluasi/${s.evaluation.id}">${s.evaluation.title}</a>` },
          { label: ctx.t('spbe.framework'), cell: (s) => s.evaluation.framework_name },
          { label: ctx.t('spbe.state'), cell: (s) => stateBadge(ctx, s.evaluation.state) },
          { label: ctx.t('spbe.index'), cell: (s) => html`<strong>${idx(ctx, s.result.index)}</strong>${s.result.complete ? '' : html` <span class="muted">*</span>`}`, numeric: true },
          { label: ctx.t('spbe.predicate'), cell: (s) => s.result.predicate?.name ?? '–' },
        ],
        rows: opts.list,
        empty: ctx.t('spbe.noEvaluations'),
      })}
      ${opts.canCreate
        ? html`<h2 id="baru">${ctx.t('spbe.newEvaluation')}</h2>
          ${errorSummary(ctx, errors)}
          ${form(ctx, { action: '/spbe/evaluasi', novalidate: true, body: html`
            ${input({ name: 'year', type: 'number', label: ctx.t('spbe.year'), value: values.year ?? String(new Date().getFullYear()), required: true, min: 2000, max: 2100, error: errors.year })}
            ${select({ name: 'frameworkId', label: ctx.t('spbe.framework'), value: values.frameworkId, options: opts.frameworks.map((f) => ({ value: f.id, label: f.name })), required: true, error: errors.frameworkId })}
            ${input({ name: 'title', label: ctx.t('spbe.evaluationTitle'), value: values.title, maxlength: 200, error: errors.title })}
            ${checkbox({ name: 'copyPrevious', label: ctx.t('spbe.copyPrevious'), checked: values.copyPrevious !== 'false', value: 'true' })}
            ${button(ctx.t('spbe.createEvaluation'), { variant: 'primary' })}` })}`
        : ''}`,
  });
}

function evidenceList(ctx: PageContext, items: EvidenceRow[], removable: ((ev: EvidenceRow) => SafeHtml) | null): SafeHtml {
  if (!items.length) return html`<span class="muted">${ctx.t('spbe.noEvidence')}</span>`;
  return html`<ul class="spbe-evidence">${items.map((v) => html`<li><a href="${v.kind === 'file' ? `/spbe/bukti/${v.id}` : v.url ?? '#'}"${v.kind === 'link' && v.url && !v.url.startsWith('/') ? html` rel="noopener noreferrer"` : ''}>${v.label}</a>${removable ? removable(v) : ''}</li>`)}</ul>`;
}

function targetPlan(ctx: PageContext, fw: Framework, r: IndexResult, target: { index: number; year: number }): SafeHtml {
  const gap = gapToTarget(r.index, target.index);
  if (gap === null || gap <= 0) return html``;
  const plan = planToTarget(fw, r, target.index);
  const name = (code: string) => fw.indicators.find((i) => i.code === code)?.name ?? code;
  return html`<section aria-labelledby="plan-h"><h2 id="plan-h">${ctx.t('spbe.planTitle', { target: idx(ctx, target.index) })}</h2>
    <p>${plan.reachable ? ctx.t('spbe.planLead', { steps: plan.steps, gap: idx(ctx, gap) }) : ctx.t('spbe.planUnreachable')}</p>
    <details><summary>${ctx.t('spbe.planShow')}</summary>
    ${table({ columns: [
      { label: ctx.t('spbe.indicator'), cell: (x: ReturnType<typeof planToTarget>['raises'][number]) => html`${x.indicator}. ${name(x.indicator)}${x.service ? html` — ${x.service}` : ''}` },
      { label: ctx.t('spbe.level'), cell: (x) => `${x.from} → ${x.to}`, numeric: true },
      { label: ctx.t('spbe.planGain'), cell: (x) => `+${idx(ctx, x.gain)}`, numeric: true },
    ], rows: plan.raises })}
    <p class="muted">${ctx.t('spbe.planNote')}</p></details></section>`;
}

function historyText(ctx: PageContext, h: HistoryRow): string {
  const a = (h.after ?? {}) as Record<string, unknown>;
  const b = (h.before ?? {}) as Record<string, unknown>;
  const what = ctx.t(`spbe.audit.${h.action.replace(/^spbe\./, '').replace('.', '_')}`);
  const ind = a.indicator ?? b.indicator;
  const svc = a.service ?? b.service;
  const parts = [what];
  if (ind) parts.push(`${ctx.t('spbe.indicator')} ${String(ind)}${svc ? ` (${String(svc)})` : ''}`);
  if (h.action === 'spbe.entry.update') parts.push(`${ctx.t('spbe.level')} ${b.level ?? '–'} → ${a.level ?? '–'}`);
  if (h.action === 'spbe.evidence.add' || h.action === 'spbe.evidence.remove') parts.push(String(a.label ?? b.label ?? ''));
  if (a.state) parts.push(`${ctx.t(`spbe.state.${String(b.state ?? a.state)}`)} → ${ctx.t(`spbe.state.${String(a.state)}`)}`);
  return parts.filter(Boolean).join(' · ');
}

function entryLabel(e: EntryRow): string {
  return e.entry_label ?? e.indicator_code;
}

export function evaluationPage(ctx: PageContext, opts: {
  detail: EvaluationDetail;
  previous: EvaluationSummary | null;
  canEdit: boolean;
  transitions: EvaluationTransition[];
  recommendations: Map<string, { recommendation: string; strategy: string | null; actions: number }>;
  /** audit entries, for the SPBE team only */
  history?: HistoryRow[] | null;
  notice?: string;
  error?: string;
}): SafeHtml {
  const { detail, previous } = opts;
  const { framework: fw, result: r, evaluation: e } = detail;
  const sameFw = previous && previous.evaluation.framework_id === e.framework_id ? previous : null;
  const chart = radarData(ctx, fw, [...(sameFw ? [{ name: String(sameFw.evaluation.year), result: sameFw.result }] : []), { name: String(e.year), result: r }]);
  const change = sameFw && sameFw.result.indexRounded !== null && r.indexRounded !== null ? { value: round2(r.indexRounded - sameFw.result.indexRounded), year: sameFw.evaluation.year } : null;
  const target = { index: e.target_index !== null ? Number(e.target_index) : evaluation2018.target.index, year: evaluation2018.target.year };
  const byAspect = fw.aspects.map((a) => ({ aspect: a, entries: detail.entries.filter((x) => fw.indicators.find((i) => i.code === x.indicator_code)?.aspect === a.code) }));
  const perService = fw.indicators.filter((i) => i.perService);
  return layout(ctx, {
    title: e.title,
    breadcrumbs: [{ href: '/spbe', label: ctx.t('spbe.nav') }, { href: '/spbe/evaluasi', label: ctx.t('spbe.evaluations') }, { label: String(e.year) }],
    styles: SPBE_STYLES,
    scripts: CHART_SCRIPTS,
    wide: true,
    body: html`<h1>${e.title}</h1>
      <p>${stateBadge(ctx, e.state)} · ${fw.name}${e.source ? html` · <span class="muted">${e.source}</span>` : ''}</p>
      ${opts.notice ? alert(opts.notice, 'success') : ''}
      ${opts.error ? alert(opts.error, 'danger') : ''}
      ${e.state === 'final' ? alert(ctx.t('spbe.finalLocked'), 'info') : ''}
      ${r.complete ? '' : alert(ctx.t('spbe.provisional', { count: r.missing.length }), 'warning')}
      ${headline(ctx, e.year, r, change, target)}
      ${opts.transitions.length
        ? html`<section aria-labelledby="wf-h" class="spbe-workflow"><h2 id="wf-h">${ctx.t('spbe.workflow')}</h2>
            ${opts.transitions.map((t) => form(ctx, { action: `/spbe/evaluasi/${e.id}/alur`, class: 'inline-form', body: html`<input type="hidden" name="transition" value="${t}">${button(ctx.t(`spbe.transition.${t}`), { variant: t === 'return' ? 'secondary' : 'primary' })}` }))}
          </section>`
        : ''}
      ${resultBreakdown(ctx, fw, r, sameFw ? { year: sameFw.evaluation.year, result: sameFw.result } : null)}
      ${targetPlan(ctx, fw, r, target)}
      <section aria-labelledby="ind-h">
        <h2 id="ind-h">${ctx.t('spbe.indicators')}</h2>
        ${byAspect.map(({ aspect, entries }) => html`<h3>${aspect.name} <span class="muted">(${aspect.weight}%)</span></h3>
          ${table({
            columns: [
              { label: '#', cell: (x: EntryRow) => entryLabel(x) },
              { label: ctx.t('spbe.indicator'), cell: (x) => {
                const ind = fw.indicators.find((i) => i.code === x.indicator_code);
                const rec = opts.recommendations.get(entryLabel(x));
                return html`${ind?.name ?? x.indicator_code}${x.service ? html`<br><strong>${x.service}</strong>` : ''}${rec ? html`<details class="spbe-rec"><summary>${ctx.t('spbe.recommendation')}${rec.actions ? html` · ${ctx.t('spbe.actions')}: ${rec.actions}` : ''}</summary><p>${rec.recommendation}</p>${rec.strategy ? html`<p><strong>${ctx.t('spbe.strategy')}:</strong> ${rec.strategy}</p>` : ''}<p><a href="/spbe/rekomendasi#r-${entryLabel(x)}">${ctx.t('spbe.actions')}</a></p></details>` : ''}`;
              } },
              { label: ctx.t('spbe.level'), cell: (x) => {
                const ind = fw.indicators.find((i) => i.code === x.indicator_code);
                return x.level === null ? badge(ctx.t('spbe.notAssessed'), 'warning') : html`<strong>${x.level}</strong> <span class="muted">${ind ? levelName(fw, ind.type, x.level) ?? '' : ''}</span>`;
              } },
              { label: ctx.t('spbe.evidence'), cell: (x) => html`${x.justification ? html`<p class="spbe-just">${x.justification}</p>` : ''}${evidenceList(ctx, detail.evidence.filter((v) => v.entry_id === x.id), null)}` },
              ...(opts.canEdit ? [{ label: '', cell: (x: EntryRow) => html`<a class="btn btn-secondary" href="/spbe/evaluasi/${e.id}/entri/${x.id}">${ctx.t('spbe.editEntry')}<span class="visually-hidden"> ${entryLabel(x)}</span></a>` }] : []),
            ],
            rows: entries,
          })}`)}
        ${opts.canEdit && perService.length
          ? html`<h3 id="layanan">${ctx.t('spbe.addService')}</h3>
            ${form(ctx, { action: `/spbe/evaluasi/${e.id}/layanan`, novalidate: true, body: html`
              ${select({ name: 'indicatorCode', label: ctx.t('spbe.indicator'), options: perService.map((i) => ({ value: i.code, label: `${i.code}. ${i.name} (${ctx.t('spbe.perService')})` })) })}
              ${input({ name: 'service', label: ctx.t('spbe.service'), required: true, maxlength: 200 })}
              ${select({ name: 'level', label: ctx.t('spbe.level'), options: [1, 2, 3, 4, 5].map((l) => ({ value: String(l), label: String(l) })), placeholder: ctx.t('spbe.notAssessed') })}
              ${button(ctx.t('spbe.addService'))}` })}`
          : ''}
      </section>
      ${opts.history ? html`<section aria-labelledby="hist-h"><h2 id="hist-h">${ctx.t('spbe.auditTrail')}</h2>
        ${table({ columns: [
          { label: ctx.t('spbe.when'), cell: (h: HistoryRow) => formatDate(ctx.locale, h.at, true) },
          { label: ctx.t('spbe.who'), cell: (h) => h.actor_label.replace(/\s*<[^>]*>$/, '') },
          { label: ctx.t('spbe.what'), cell: (h) => historyText(ctx, h) },
        ], rows: opts.history, empty: '–' })}</section>` : ''}
      <script type="application/json" id="spbe-chart-data">${jsonScript(chart)}</script>`,
  });
}

export function entryPage(ctx: PageContext, opts: { detail: EvaluationDetail; entry: EntryRow; values?: Record<string, string>; errors?: FieldErrors; notice?: string }): SafeHtml {
  const { detail, entry } = opts;
  const fw = detail.framework;
  const e = detail.evaluation;
  const ind = fw.indicators.find((i) => i.code === entry.indicator_code)!;
  const scale = fw.levelScales[ind.type];
  const errors = opts.errors ?? {};
  const values = opts.values ?? {};
  const evidence = detail.evidence.filter((v) => v.entry_id === entry.id);
  const label = entryLabel(entry);
  const suggestions = internalEvidenceFor(ind.name).filter((sg) => !evidence.some((v) => v.url === sg.url));
  return layout(ctx, {
    title: `${label}. ${ind.name}`,
    breadcrumbs: [{ href: '/spbe', label: ctx.t('spbe.nav') }, { href: `/spbe/evaluasi/${e.id}`, label: String(e.year) }, { label }],
    styles: SPBE_STYLES,
    body: html`<h1>${label}. ${ind.name}${entry.service ? html` — ${entry.service}` : ''}</h1>
      <p>${stateBadge(ctx, e.state)} · ${ctx.t(`spbe.type.${ind.type}`)}${ind.perService ? html` · ${ctx.t('spbe.perService')}` : ''}</p>
      ${opts.notice ? alert(opts.notice, 'success') : ''}
      ${errorSummary(ctx, errors)}
      ${form(ctx, { action: `/spbe/evaluasi/${e.id}/entri/${entry.id}`, novalidate: true, body: html`
        <fieldset class="spbe-levels"><legend>${ctx.t('spbe.levelName')}</legend>
          ${scale.map((l) => html`<div class="radio"><input type="radio" id="f-level-${l.level}" name="level" value="${l.level}"${String(values.level ?? entry.level ?? '') === String(l.level) ? html` checked` : ''}><label for="f-level-${l.level}"><strong>${l.level} – ${l.name}</strong>${l.description ? html`<span class="hint"> ${l.description}</span>` : ''}</label></div>`)}
          ${errors.level ? html`<p class="error-message">${errors.level}</p>` : ''}
        </fieldset>
        ${textarea({ name: 'justification', label: ctx.t('spbe.justification'), value: values.justification ?? entry.justification ?? '', rows: 4, maxlength: 5000, error: errors.justification })}
        ${button(ctx.t('spbe.saveEntry'), { variant: 'primary' })}` })}
      <h2>${ctx.t('spbe.evidence')}</h2>
      ${evidenceList(ctx, evidence, (v) => form(ctx, { action: `/spbe/evaluasi/${e.id}/entri/${entry.id}/bukti/${v.id}/hapus`, class: 'inline-form', body: button(ctx.t('spbe.remove'), { variant: 'link' }) }))}
      ${suggestions.length ? html`<h3>${ctx.t('spbe.internalEvidence')}</h3><p class="hint">${ctx.t('spbe.internalEvidenceHint')}</p>
        <ul class="spbe-internal">${suggestions.map((sg) => html`<li>${form(ctx, { action: `/spbe/evaluasi/${e.id}/entri/${entry.id}/tautan`, class: 'inline-form', body: html`<input type="hidden" name="label" value="${sg.label[ctx.locale]}"><input type="hidden" name="url" value="${sg.url}">${button(`+ ${sg.label[ctx.locale]}`, { variant: 'secondary' })}` })}</li>`)}</ul>` : ''}
      <h3>${ctx.t('spbe.addLink')}</h3>
      ${form(ctx, { action: `/spbe/evaluasi/${e.id}/entri/${entry.id}/tautan`, novalidate: true, body: html`
        ${input({ name: 'label', label: ctx.t('spbe.evidenceLabel'), value: values.label, required: true, maxlength: 300, error: errors.label })}
        ${input({ name: 'url', label: ctx.t('spbe.evidenceUrl'), value: values.url, required: true, maxlength: 2000, error: errors.url })}
        ${button(ctx.t('spbe.addLink'))}` })}
      <h3>${ctx.t('spbe.uploadEvidence')}</h3>
      ${form(ctx, { action: `/spbe/evaluasi/${e.id}/entri/${entry.id}/berkas`, multipart: true, body: html`
        ${input({ name: 'label', id: 'f-file-label', label: ctx.t('spbe.evidenceLabel'), maxlength: 300 })}
        ${input({ name: 'file', type: 'file', label: ctx.t('spbe.evidenceFile'), accept: '.pdf,.png,.jpg,.jpeg,.webp,.xlsx,.docx', error: errors.file })}
        ${button(ctx.t('spbe.upload'))}` })}
      ${entry.service ? form(ctx, { action: `/spbe/evaluasi/${e.id}/entri/${entry.id}/hapus`, body: button(ctx.t('spbe.removeService'), { variant: 'danger' }) }) : ''}
      <p>${linkButton(`/spbe/evaluasi/${e.id}`, ctx.t('spbe.backToEvaluation'))}</p>
      <p class="muted">${ctx.t('spbe.assessor')}: ${entry.assessor_name ?? '–'} · ${formatDate(ctx.locale, entry.updated_at, true)}</p>`,
  });
}
