/**
 * Errors → HTTP, in one place. JSON for the API (`{ error: { code, message, fields: [{ field, message }] } }`),
 * pages for browsers; messages in the user's language; 5xx bodies never show internals.
 */
import http from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, TooManyRequestsError, type FieldProblem } from './errors.ts';
import { ajvToProblems } from '../validation.ts';
import { t, type Locale } from '../i18n/i18n.ts';
import { errorPage } from '../web/error-pages.ts';

export interface ErrorBody {
  error: { code: string; message: string; fields: Array<{ field: string; message: string }>; requestId?: string };
}

export function fieldMessages(locale: Locale, fields: FieldProblem[]): Array<{ field: string; message: string }> {
  return fields.map((f) => ({ field: f.field, message: t(locale, f.key, f.params) }));
}

/** Whether the client wants a page rather than JSON. */
export function wantsHtml(req: FastifyRequest): boolean {
  const path = req.url.split('?')[0];
  if (path.startsWith('/api/') || path.startsWith('/open311/') || /\.(json|xml|csv|ttl|rdf|jsonld)$/.test(path)) return false;
  const accept = String(req.headers.accept ?? '');
  return accept.includes('text/html') || accept === '' || accept.includes('*/*') && !accept.includes('application/json');
}

export function toErrorBody(locale: Locale, err: AppError, requestId?: string): ErrorBody {
  return { error: { code: err.code, message: t(locale, err.key, err.params), fields: fieldMessages(locale, err.fields), requestId } };
}

/** Headers that describe the body the handler meant to send (a file, a CSV…): never on an error answer. */
const BODY_HEADERS = ['content-type', 'content-disposition', 'content-length', 'content-encoding', 'content-range', 'etag', 'last-modified', 'accept-ranges'];

/**
 * Clears what a handler set for the answer it did not send: the body's headers and any header Node would
 * refuse (the error may be that header itself, e.g. a non-ASCII file name), so that the error answer goes
 * out in the documented shape and its own content type rather than as Fastify's fallback body.
 */
export function resetReplyHeaders(reply: FastifyReply): void {
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    let invalid = false;
    try { for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined) http.validateHeaderValue(name, typeof v === 'number' ? String(v) : v); } catch { invalid = true; }
    if (invalid || BODY_HEADERS.includes(name.toLowerCase())) reply.removeHeader(name);
  }
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) => {
    const locale = req.locale ?? app.ctx.config.defaultLocale;
    resetReplyHeaders(reply);
    let appErr: AppError | null = null;
    if (error instanceof AppError) appErr = error;
    else if ((error as FastifyError).validation) {
      const fe = error as FastifyError;
      appErr = new AppError(400, 'validation_failed', 'error.validation', {}, ajvToProblems(fe.validation as any, fe.validationContext));
    } else if ((error as FastifyError).statusCode && (error as FastifyError).statusCode! < 500) {
      const fe = error as FastifyError;
      const code = fe.statusCode!;
      const key = code === 413 ? 'error.payloadTooLarge' : code === 415 ? 'error.unsupportedMediaType' : code === 429 ? 'error.tooManyRequests' : code === 404 ? 'error.notFound' : 'error.badRequest';
      appErr = new AppError(code, fe.code?.toLowerCase() ?? 'bad_request', key);
    }
    if (!appErr) {
      req.log.error({ err: error }, 'unhandled error');
      if (wantsHtml(req)) return reply.status(500).type('text/html; charset=utf-8').send(errorPage(req, 500).toString());
      return reply.status(500).type('application/json; charset=utf-8').send({ error: { code: 'internal_error', message: t(locale, 'error.internal'), fields: [], requestId: req.id } } satisfies ErrorBody);
    }
    if (appErr instanceof TooManyRequestsError) reply.header('retry-after', String(appErr.retryAfterSeconds));
    if (wantsHtml(req)) {
      if (appErr.status === 401) return reply.redirect(`/masuk?next=${encodeURIComponent(req.url)}`, 303);
      return reply.status(appErr.status).type('text/html; charset=utf-8').send(errorPage(req, appErr.status, t(locale, appErr.key, appErr.params), fieldMessages(locale, appErr.fields)).toString());
    }
    return reply.status(appErr.status).type('application/json; charset=utf-8').send(toErrorBody(locale, appErr, req.id));
  });

  app.setNotFoundHandler((req, reply) => {
    if (wantsHtml(req)) return reply.status(404).type('text/html; charset=utf-8').send(errorPage(req, 404).toString());
    const locale = req.locale ?? app.ctx.config.defaultLocale;
    return reply.status(404).send({ error: { code: 'not_found', message: t(locale, 'error.notFound'), fields: [], requestId: req.id } } satisfies ErrorBody);
  });
}
