import type { FastifyReply } from 'fastify';
import type { SafeHtml } from '../views/html.ts';

export function sendPage(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page.toString());
}

/** Redirect after a successful POST (303: the browser follows with GET). */
export function seeOther(reply: FastifyReply, url: string): FastifyReply {
  return reply.redirect(url, 303);
}

/**
 * A `Content-Disposition` header value for a file name of any script (RFC 6266 with RFC 5987 / 8187
 * `filename*`): an ASCII `filename="…"` fallback for old clients (accents folded, other characters as
 * `_`, no quotes or backslashes) and, whenever the name is not plain ASCII, `filename*=UTF-8''…` with
 * the exact name percent-encoded. Control characters and path separators never reach the header.
 */
export function contentDisposition(filename: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const name = filename.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').replace(/[/\\]/g, '_').trim() || 'unduhan';
  const fallback = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[^\x20-\x7e]/gu, '_').replace(/["\\%]/g, '_');
  if (fallback === name) return `${type}; filename="${fallback}"`;
  // attr-char of RFC 8187: ALPHA / DIGIT / "!#$&+-.^_`|~"; encodeURIComponent leaves ' ( ) * as they are
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
