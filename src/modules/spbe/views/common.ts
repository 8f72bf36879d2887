/** Small view helpers shared by the SPBE pages. */
import { html, type SafeHtml } from '../../../core/views/html.ts';
import type { PageContext } from '../../../core/views/layout.ts';
import { badge } from '../../../core/views/components.ts';
import { formatIndex } from '../index-calc.ts';

export const SPBE_STYLES = ['/assets/css/spbe.css'];

export function idx(ctx: PageContext, v: number | null | undefined): string {
  return formatIndex(v ?? null, ctx.locale);
}

export function signed(ctx: PageContext, v: number): string {
  const s = formatIndex(Math.abs(v), ctx.locale);
  return `${v > 0 ? '+' : v < 0 ? '−' : '±'}${s}`;
}

export function stateBadge(ctx: PageContext, state: string): SafeHtml {
  const tone = state === 'final' ? 'success' : state === 'internal_review' ? 'warning' : 'info';
  return badge(ctx.t(`spbe.state.${state}`), tone);
}

export function yesNo(ctx: PageContext, v: boolean | null): string {
  return v === null ? ctx.t('spbe.unknown') : v ? ctx.t('spbe.yes') : ctx.t('spbe.no');
}

/** Sub-navigation of the SPBE section. */
export function spbeTabs(ctx: PageContext, current: string): SafeHtml {
  const items: Array<[string, string]> = [
    ['/spbe', 'spbe.index'],
    ['/spbe/evaluasi', 'spbe.evaluations'],
    ['/spbe/rekomendasi', 'spbe.recommendations'],
    ['/spbe/peta-rencana', 'spbe.roadmap'],
    ['/spbe/aplikasi', 'spbe.applications'],
    ['/spbe/arsitektur', 'spbe.architecture'],
    ['/spbe/kerangka', 'spbe.frameworks'],
  ];
  return html`<nav aria-label="${ctx.t('spbe.nav')}"><ul class="tabs">${items.map(([href, key]) => html`<li><a href="${href}"${href === current ? html` aria-current="page"` : ''}>${ctx.t(key)}</a></li>`)}</ul></nav>`;
}

/** A horizontal bar (SVG, no inline style) for a value on 0..max. */
export function bar(value: number | null, max: number, label: string): SafeHtml {
  const w = value === null ? 0 : Math.max(0, Math.min(100, (value / max) * 100));
  return html`<svg class="spbe-bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label="${label}"><rect x="0" y="0" width="100" height="8" class="spbe-bar-bg"></rect><rect x="0" y="0" width="${w.toFixed(2)}" height="8" class="spbe-bar-fg"></rect></svg>`;
}
