/**
 * A search result for an external (harvested) dataset: its provenance label ("Dipanen dari <source>"), the
 * link to the local read-only page with the provenance and metadata, and the original page at the source.
 * Used by the portal search next to the card of a published dataset.
 */
import { html, type SafeHtml } from '../../core/views/html.ts';
import { badge } from '../../core/views/components.ts';
import type { PageContext } from '../../core/views/layout.ts';
import { formatDate } from '../../core/i18n/i18n.ts';
import type { SearchHit } from './catalogue.repo.ts';

/** Link text for a long URL (the href keeps the full URL), so it does not overflow a 360-px screen. */
function shortUrl(u: string, max = 40): string {
  const t = u.replace(/^https?:\/\//, '').replace(/\/$/, '');
  return t.length <= max ? t : `${t.slice(0, max - 14)}…${t.slice(-13)}`;
}

export function externalDatasetCard(ctx: PageContext, h: SearchHit): SafeHtml {
  const ext = h.external!;
  const original = /^https?:\/\//i.test(ext.originalUrl) ? ext.originalUrl : '';
  return html`<li class="ds-item ds-external">
    <h3><a href="${ext.pageUrl}">${h.title}</a> ${badge(ctx.t('data.external.badge'), 'info')}</h3>
    <p class="ds-meta"><a href="/data/organisasi/${h.organisation_slug}">${h.organisation_name}</a>${h.sector ? ` · ${ctx.t(`data.sector.${h.sector}`)}` : ''} · ${formatDate(ctx.locale, h.published_at)}</p>
    <p class="ds-meta ds-provenance"><strong>${ctx.t('data.external.harvestedFrom', { source: ext.source })}</strong> · <a href="${ext.pageUrl}">${ctx.t('data.external.provenance')}</a>${original ? html` · ${ctx.t('data.external.original')}: <a href="${original}" rel="noopener nofollow">${shortUrl(original)}</a>` : ''}</p>
    <p>${(h.description ?? '').split('\n')[0].slice(0, 240)}</p>
    ${h.formats.length ? html`<p class="ds-formats">${h.formats.map((f) => badge(f, 'info'))}</p>` : ''}
  </li>`;
}
