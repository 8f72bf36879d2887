/** Page pieces of NTB Care: badges, report cards, the timeline, the meta list. */
import { html, type SafeHtml } from '../../../core/views/html.ts';
import { badge } from '../../../core/views/components.ts';
import type { PageContext } from '../../../core/views/layout.ts';
import { formatDate } from '../../../core/i18n/i18n.ts';
import type { EventView, ReportView } from '../report.presenter.ts';
import type { ReportState } from '../report-workflow.ts';

const STATE_TONE: Record<ReportState, 'neutral' | 'info' | 'success' | 'warning' | 'danger'> = {
  diterima: 'neutral', terverifikasi: 'info', ditolak: 'danger', didisposisi: 'info', menunggu_pelapor: 'warning', ditindaklanjuti: 'success', selesai: 'success',
};

export function stateBadge(ctx: PageContext, state: ReportState): SafeHtml {
  return badge(ctx.t(`care.state.${state}`), STATE_TONE[state]);
}

export function slaBadge(ctx: PageContext, level: string | null, state: ReportState): SafeHtml | '' {
  if (state === 'menunggu_pelapor') return badge(ctx.t('care.sla.paused'), 'neutral');
  if (!level || level === 'ok') return '';
  return badge(ctx.t(`care.sla.${level}`), level === 'warning' ? 'warning' : 'danger');
}

export function reportCard(ctx: PageContext, r: ReportView, href: string): SafeHtml {
  return html`<article class="card care-card">
    <h2 class="care-card-title"><a href="${href}">${r.title ?? ctx.t('care.track.confidential')}</a></h2>
    <p class="care-meta">${stateBadge(ctx, r.state)} ${r.isDemo ? badge(ctx.t('care.detail.demo'), 'warning') : ''}
      <span>${r.categoryName}</span> · <span>${r.regionName ?? '—'}</span> · <time datetime="${r.createdAt.toISOString()}">${formatDate(ctx.locale, r.createdAt)}</time></p>
    ${r.description ? html`<p class="care-excerpt">${r.description.length > 220 ? `${r.description.slice(0, 220)}…` : r.description}</p>` : ''}
    <p class="care-code">${r.trackingCode}${r.organisationName ? html` · ${r.organisationName}` : ''}</p>
  </article>`;
}

function actorLabel(ctx: PageContext, e: EventView): string {
  if (e.actorRole === 'reporter') return ctx.t('care.detail.publicActor.reporter');
  if (e.actorRole === 'system' || e.actorRole === null) return ctx.t('care.detail.publicActor.system');
  if (e.actorOrganisationName) return e.actorOrganisationName;
  return ctx.t('care.detail.publicActor.admin');
}

export function timeline(ctx: PageContext, events: EventView[]): SafeHtml {
  return html`<ol class="care-timeline">
    ${events.map((e) => html`<li class="care-event care-event-${e.kind}">
      <p class="care-event-head"><strong>${e.kind === 'transition' && e.action ? ctx.t(`care.action.${e.action}`) : ctx.t(`care.event.${e.kind}`)}</strong>
        ${e.toState && e.kind === 'transition' ? stateBadge(ctx, e.toState) : ''}
        <span class="muted">${actorLabel(ctx, e)} · <time datetime="${e.createdAt.toISOString()}">${formatDate(ctx.locale, e.createdAt, true)}</time></span></p>
      ${e.organisationName && (e.action === 'disposisi' || e.action === 'disposisi_ulang') ? html`<p>${ctx.t('care.detail.organisation')}: ${e.organisationName}</p>` : ''}
      ${e.text ? html`<p class="care-event-text">${e.text}</p>` : ''}
      ${e.internalText ? html`<p class="care-event-internal"><span class="badge badge-warning">${ctx.t('care.event.note')}</span> ${e.internalText}</p>` : ''}
    </li>`)}
  </ol>`;
}

export function metaList(ctx: PageContext, r: ReportView, extra: Array<[string, string | SafeHtml]> = []): SafeHtml {
  const rows: Array<[string, string | SafeHtml]> = [
    [ctx.t('care.track.code'), html`<span class="care-code">${r.trackingCode}</span>`],
    [ctx.t('care.filter.type'), ctx.t(`care.type.${r.type}`)],
    [ctx.t('care.detail.category'), r.categoryName],
    [ctx.t('care.detail.region'), r.regionName ?? '—'],
    [ctx.t('care.detail.received'), formatDate(ctx.locale, r.createdAt, true)],
    [ctx.t('care.detail.organisation'), r.organisationName ?? '—'],
    ...extra,
  ];
  return html`<dl class="care-dl">${rows.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>`;
}
