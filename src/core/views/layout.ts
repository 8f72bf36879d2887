/**
 * The base layout of every page: skip link, header with navigation and language switch, main landmark,
 * footer. Mobile-first; every string from the catalogue; no inline script or style (the CSP forbids them).
 */
import { html, raw, type SafeHtml, type HtmlValue } from './html.ts';
import { t, type Locale } from '../i18n/i18n.ts';
import type { Actor } from '../policy.ts';
import type { NavItem } from '../module.ts';

export interface PageContext {
  locale: Locale;
  actor: Actor | null;
  csrfToken: string;
  /** Path and query of the current request, for the language switch and "back to" links. */
  url: string;
  nav: NavItem[];
  demo: boolean;
  t: (key: string, params?: Record<string, string | number>) => string;
}

export interface PageOptions {
  title: string;
  body: SafeHtml | SafeHtml[];
  breadcrumbs?: Array<{ href?: string; label: string }>;
  /** Extra elements for <head> (JSON-LD, alternate links). */
  head?: HtmlValue;
  /** Page scripts (served from /assets), loaded as modules. */
  scripts?: string[];
  /** Page stylesheets beyond the base one. */
  styles?: string[];
  description?: string;
  /** Main container width. */
  wide?: boolean;
}

function langSwitchUrl(url: string, locale: Locale): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('lang', locale);
  return u.pathname + u.search;
}

export function breadcrumbs(ctx: PageContext, items: Array<{ href?: string; label: string }>): SafeHtml {
  return html`<nav class="breadcrumbs" aria-label="${ctx.t('nav.breadcrumbs')}"><ol>
    <li><a href="/">${ctx.t('nav.home')}</a></li>
    ${items.map((i, n) => (i.href && n < items.length - 1 ? html`<li><a href="${i.href}">${i.label}</a></li>` : html`<li aria-current="page">${i.label}</li>`))}
  </ol></nav>`;
}

export function layout(ctx: PageContext, opts: PageOptions): SafeHtml {
  const other: Locale = ctx.locale === 'id' ? 'en' : 'id';
  const current = new URL(ctx.url, 'http://x').pathname;
  const navItems = [...ctx.nav].sort((a, b) => a.order - b.order);
  const isAdminish = !!ctx.actor && ctx.actor.memberships.some((m) => m.role === 'admin' || m.role === 'inspektorat');
  const navList = html`<ul>
    ${navItems.map((n) => html`<li><a href="${n.href}" ${current === n.href || current.startsWith(n.href + '/') ? raw('aria-current="page"') : ''}>${ctx.t(n.key)}</a></li>`)}
    ${ctx.actor
      ? html`<li><a href="/akun">${ctx.t('nav.account')}</a></li>
             ${isAdminish ? html`<li><a href="/admin">${ctx.t('nav.admin')}</a></li>` : ''}
             <li><form method="post" action="/keluar" class="inline-form"><input type="hidden" name="_csrf" value="${ctx.csrfToken}"><button type="submit" class="link-button">${ctx.t('nav.logout')}</button></form></li>`
      : html`<li><a href="/masuk">${ctx.t('nav.login')}</a></li>`}
  </ul>`;
  return html`<!doctype html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · NTB Terbuka</title>
${opts.description ? html`<meta name="description" content="${opts.description}">` : ''}
<link rel="stylesheet" href="/assets/css/app.css">
${(opts.styles ?? []).map((s) => html`<link rel="stylesheet" href="${s}">`)}
<link rel="icon" href="/assets/img/logo.svg" type="image/svg+xml">
<link rel="alternate" hreflang="${other}" href="${langSwitchUrl(ctx.url, other)}">
${opts.head ?? ''}
</head>
<body>
<a class="skip-link" href="#main">${ctx.t('nav.skip')}</a>
${ctx.demo ? html`<div class="demo-banner" role="note">${ctx.t('demo.banner')}</div>` : ''}
<header class="site-header">
  <div class="container header-inner">
    <a class="brand" href="/"><img src="/assets/img/logo.svg" alt="" width="32" height="32"><span>NTB Terbuka</span></a>
    <nav class="nav-desktop" aria-label="${ctx.t('nav.main')}">${navList}</nav>
    <details class="nav-menu">
      <summary>${ctx.t('nav.menu')}</summary>
      <nav aria-label="${ctx.t('nav.main')}">${navList}</nav>
    </details>
    <a class="lang-switch" href="${langSwitchUrl(ctx.url, other)}" hreflang="${other}" lang="${other}">${other === 'en' ? 'English' : 'Bahasa Indonesia'}</a>
  </div>
</header>
<main id="main" tabindex="-1" class="container${opts.wide ? ' wide' : ''}">
${opts.breadcrumbs ? breadcrumbs(ctx, opts.breadcrumbs) : ''}
${opts.body}
</main>
<footer class="site-footer">
  <div class="container">
    <p>${ctx.t('footer.about')}</p>
    <p><a href="/api/docs">${ctx.t('footer.api')}</a> · <a href="/tentang">${ctx.t('footer.aboutLink')}</a></p>
  </div>
</footer>
${(opts.scripts ?? []).map((s) => html`<script type="module" src="${s}"></script>`)}
</body>
</html>`;
}
