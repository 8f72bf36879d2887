import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../views/html.ts';
import { layout, type PageContext } from '../views/layout.ts';
import { t, type Locale } from '../i18n/i18n.ts';

function fallbackContext(req: FastifyRequest): PageContext {
  const locale: Locale = (req.locale as Locale) ?? 'id';
  return { locale, actor: null, csrfToken: '', url: req.url ?? '/', nav: [], demo: false, t: (k, p) => t(locale, k, p) };
}

/** The 404/403/500… page. `message` replaces the generic text when the error says more. */
export function errorPage(req: FastifyRequest, status: number, message?: string, fields: Array<{ field: string; message: string }> = []): SafeHtml {
  let ctx: PageContext;
  try {
    ctx = typeof req.page === 'function' && req.csrfToken ? req.page() : fallbackContext(req);
  } catch {
    ctx = fallbackContext(req);
  }
  const known = [400, 401, 403, 404, 409, 413, 415, 422, 429, 500].includes(status) ? status : status >= 500 ? 500 : 400;
  return layout(ctx, {
    title: ctx.t(`errorPage.${known}.title`),
    body: html`<section class="error-page">
      <p class="error-code">${status}</p>
      <h1>${ctx.t(`errorPage.${known}.title`)}</h1>
      <p>${message ?? ctx.t(`errorPage.${known}.body`)}</p>
      ${fields.length ? html`<ul class="error-fields">${fields.map((f) => html`<li><strong>${f.field}</strong>: ${f.message}</li>`)}</ul>` : ''}
      <p><a class="btn btn-primary" href="/">${ctx.t('errorPage.home')}</a></p>
      ${status >= 500 ? html`<p class="hint">${ctx.t('errorPage.requestId')}: <code>${req.id}</code></p>` : ''}
    </section>`,
  });
}
