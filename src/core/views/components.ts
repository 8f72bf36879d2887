/**
 * The small design system: buttons, form fields with inline errors, tables, cards, badges, pagination,
 * alerts, figures. Styles live in public/css/app.css (tokens at its top).
 */
import { html, type SafeHtml, type HtmlValue } from './html.ts';
import type { PageContext } from './layout.ts';

export interface FieldErrors {
  [field: string]: string | undefined;
}

interface FieldBase {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  id?: string;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function fieldWrap(f: FieldBase, control: SafeHtml): SafeHtml {
  const id = f.id ?? `f-${f.name}`;
  return html`<div class="field${f.error ? ' has-error' : ''}">
  <label for="${id}">${f.label}${f.required ? html` <span class="req" aria-hidden="true">*</span>` : ''}</label>
  ${f.hint ? html`<p class="hint" id="${id}-hint">${f.hint}</p>` : ''}
  ${f.error ? html`<p class="error-message" id="${id}-error">${f.error}</p>` : ''}
  ${control}
</div>`;
}

export function input(f: FieldBase & { type?: string; value?: string | number | null; autocomplete?: string; maxlength?: number; inputmode?: string; min?: number; max?: number; step?: string; placeholder?: string; multiple?: boolean; accept?: string }): SafeHtml {
  const id = f.id ?? `f-${f.name}`;
  const db = describedBy(id, f.hint, f.error);
  return fieldWrap(f, html`<input id="${id}" name="${f.name}" type="${f.type ?? 'text'}"${f.value !== undefined && f.value !== null && f.type !== 'password' && f.type !== 'file' ? html` value="${String(f.value)}"` : ''}${f.required ? html` required` : ''}${f.autocomplete ? html` autocomplete="${f.autocomplete}"` : ''}${f.maxlength ? html` maxlength="${f.maxlength}"` : ''}${f.inputmode ? html` inputmode="${f.inputmode}"` : ''}${f.min !== undefined ? html` min="${f.min}"` : ''}${f.max !== undefined ? html` max="${f.max}"` : ''}${f.step ? html` step="${f.step}"` : ''}${f.placeholder ? html` placeholder="${f.placeholder}"` : ''}${f.multiple ? html` multiple` : ''}${f.accept ? html` accept="${f.accept}"` : ''}${db ? html` aria-describedby="${db}"` : ''}${f.error ? html` aria-invalid="true"` : ''}>`);
}

export function textarea(f: FieldBase & { value?: string | null; rows?: number; maxlength?: number }): SafeHtml {
  const id = f.id ?? `f-${f.name}`;
  const db = describedBy(id, f.hint, f.error);
  return fieldWrap(f, html`<textarea id="${id}" name="${f.name}" rows="${f.rows ?? 5}"${f.required ? html` required` : ''}${f.maxlength ? html` maxlength="${f.maxlength}"` : ''}${db ? html` aria-describedby="${db}"` : ''}${f.error ? html` aria-invalid="true"` : ''}>${f.value ?? ''}</textarea>`);
}

export function select(f: FieldBase & { value?: string | string[] | null; options: Array<{ value: string; label: string }>; placeholder?: string; multiple?: boolean }): SafeHtml {
  const id = f.id ?? `f-${f.name}`;
  const db = describedBy(id, f.hint, f.error);
  const selected = new Set(Array.isArray(f.value) ? f.value : f.value ? [f.value] : []);
  return fieldWrap(f, html`<select id="${id}" name="${f.name}"${f.required ? html` required` : ''}${f.multiple ? html` multiple` : ''}${db ? html` aria-describedby="${db}"` : ''}${f.error ? html` aria-invalid="true"` : ''}>
    ${f.placeholder !== undefined ? html`<option value="">${f.placeholder}</option>` : ''}
    ${f.options.map((o) => html`<option value="${o.value}"${selected.has(o.value) ? html` selected` : ''}>${o.label}</option>`)}
  </select>`);
}

export function checkbox(f: { name: string; label: string; checked?: boolean; value?: string; hint?: string; id?: string }): SafeHtml {
  const id = f.id ?? `f-${f.name}-${f.value ?? 'on'}`;
  return html`<div class="checkbox"><input type="checkbox" id="${id}" name="${f.name}" value="${f.value ?? 'on'}"${f.checked ? html` checked` : ''}><label for="${id}">${f.label}</label>${f.hint ? html`<p class="hint">${f.hint}</p>` : ''}</div>`;
}

export function radios(f: FieldBase & { value?: string | null; options: Array<{ value: string; label: string; hint?: string }> }): SafeHtml {
  return html`<fieldset class="field radios${f.error ? ' has-error' : ''}"><legend>${f.label}${f.required ? html` <span class="req" aria-hidden="true">*</span>` : ''}</legend>
    ${f.hint ? html`<p class="hint">${f.hint}</p>` : ''}
    ${f.error ? html`<p class="error-message">${f.error}</p>` : ''}
    ${f.options.map((o, i) => html`<div class="radio"><input type="radio" id="f-${f.name}-${i}" name="${f.name}" value="${o.value}"${f.value === o.value ? html` checked` : ''}${f.required ? html` required` : ''}><label for="f-${f.name}-${i}">${o.label}</label>${o.hint ? html`<p class="hint">${o.hint}</p>` : ''}</div>`)}
  </fieldset>`;
}

export function csrfField(ctx: PageContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">`;
}

/** A POST form with its CSRF token. For multipart forms the token travels in the action URL's query. */
export function form(ctx: PageContext, opts: { action: string; body: HtmlValue; multipart?: boolean; class?: string; method?: 'post' | 'get'; novalidate?: boolean }): SafeHtml {
  const method = opts.method ?? 'post';
  if (method === 'get') return html`<form method="get" action="${opts.action}" class="${opts.class ?? ''}">${opts.body}</form>`;
  const action = opts.multipart ? `${opts.action}${opts.action.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(ctx.csrfToken)}` : opts.action;
  return html`<form method="post" action="${action}"${opts.multipart ? html` enctype="multipart/form-data"` : ''} class="${opts.class ?? ''}"${opts.novalidate ? html` novalidate` : ''}>${csrfField(ctx)}${opts.body}</form>`;
}

export function button(label: string, opts: { variant?: 'primary' | 'secondary' | 'danger' | 'link'; type?: 'submit' | 'button'; name?: string; value?: string } = {}): SafeHtml {
  return html`<button type="${opts.type ?? 'submit'}" class="btn btn-${opts.variant ?? 'primary'}"${opts.name ? html` name="${opts.name}"` : ''}${opts.value ? html` value="${opts.value}"` : ''}>${label}</button>`;
}

export function linkButton(href: string, label: string, variant: 'primary' | 'secondary' = 'secondary'): SafeHtml {
  return html`<a class="btn btn-${variant}" href="${href}">${label}</a>`;
}

export function badge(label: string, tone: 'neutral' | 'info' | 'success' | 'warning' | 'danger' = 'neutral'): SafeHtml {
  return html`<span class="badge badge-${tone}">${label}</span>`;
}

export function alert(message: HtmlValue, tone: 'info' | 'success' | 'warning' | 'danger' = 'info', title?: string): SafeHtml {
  return html`<div class="alert alert-${tone}" role="${tone === 'danger' ? 'alert' : 'status'}">${title ? html`<p class="alert-title">${title}</p>` : ''}<div>${message}</div></div>`;
}

/** Summary of form errors at the top of a form, linking to each field. */
export function errorSummary(ctx: PageContext, errors: FieldErrors, labels: Record<string, string> = {}): SafeHtml {
  const entries = Object.entries(errors).filter(([, v]) => v);
  if (!entries.length) return html``;
  return html`<div class="alert alert-danger error-summary" role="alert" tabindex="-1">
    <p class="alert-title">${ctx.t('form.errorSummary')}</p>
    <ul>${entries.map(([k, v]) => html`<li><a href="#f-${k}">${labels[k] ? `${labels[k]}: ` : ''}${v}</a></li>`)}</ul>
  </div>`;
}

export function card(opts: { title: HtmlValue; href?: string; body?: HtmlValue; footer?: HtmlValue; headingLevel?: 2 | 3 }): SafeHtml {
  const h = opts.headingLevel ?? 3;
  const title = opts.href ? html`<a href="${opts.href}">${opts.title}</a>` : opts.title;
  return html`<article class="card">${h === 2 ? html`<h2>${title}</h2>` : html`<h3>${title}</h3>`}${opts.body ? html`<div class="card-body">${opts.body}</div>` : ''}${opts.footer ? html`<div class="card-footer">${opts.footer}</div>` : ''}</article>`;
}

export function figure(label: string, value: string, href?: string): SafeHtml {
  const inner = html`<span class="figure-value">${value}</span><span class="figure-label">${label}</span>`;
  return href ? html`<a class="figure" href="${href}">${inner}</a>` : html`<div class="figure">${inner}</div>`;
}

export interface Column<R> {
  label: string;
  cell: (row: R) => HtmlValue;
  numeric?: boolean;
}

export function table<R>(opts: { caption?: string; columns: Column<R>[]; rows: R[]; empty?: string }): SafeHtml {
  if (!opts.rows.length && opts.empty) return html`<p class="empty">${opts.empty}</p>`;
  return html`<div class="table-wrap" tabindex="0"><table>
    ${opts.caption ? html`<caption>${opts.caption}</caption>` : ''}
    <thead><tr>${opts.columns.map((c) => html`<th scope="col"${c.numeric ? html` class="num"` : ''}>${c.label}</th>`)}</tr></thead>
    <tbody>${opts.rows.map((r) => html`<tr>${opts.columns.map((c) => html`<td${c.numeric ? html` class="num"` : ''}>${c.cell(r)}</td>`)}</tr>`)}</tbody>
  </table></div>`;
}

/** Cursor pagination links: "next" carries the cursor; "first page" resets it. */
export function pagination(ctx: PageContext, opts: { baseUrl: string; nextCursor?: string | null; hasPrevious?: boolean }): SafeHtml {
  if (!opts.nextCursor && !opts.hasPrevious) return html``;
  const u = new URL(opts.baseUrl, 'http://x');
  u.searchParams.delete('cursor');
  const first = u.pathname + u.search;
  if (opts.nextCursor) u.searchParams.set('cursor', opts.nextCursor);
  return html`<nav class="pagination" aria-label="${ctx.t('nav.pagination')}">
    ${opts.hasPrevious ? html`<a href="${first}">${ctx.t('pagination.first')}</a>` : ''}
    ${opts.nextCursor ? html`<a href="${u.pathname + u.search}" rel="next">${ctx.t('pagination.next')}</a>` : ''}
  </nav>`;
}
