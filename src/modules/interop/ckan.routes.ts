/**
 * The CKAN Action API at /api/3/action/{name} and /api/action/{name} (GET query parameters, POST JSON body,
 * multipart for uploads), answering with CKAN's envelope and status codes for everything — including bad
 * JSON and unknown actions — and /datastore/dump/{resource_id}. Own content-type parsers and error handler
 * (encapsulated in this plugin) so that no core JSON error shape leaks into CKAN answers.
 */
import { contentDisposition } from '../../core/http/reply.ts';
import { resetReplyHeaders } from '../../core/http/error-handler.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PassThrough, type Readable } from 'node:stream';
import { ACTIONS, toCkanError, type ActionEnv } from './ckan-actions.ts';
import { ckanFailure, ckanSuccess, CkanBadRequest, requestData } from './ckan-envelope.ts';
import { findDatastoreResource } from './catalogue.repo.ts';
import { dumpTable } from './datastore.repo.ts';
import { parseDatastoreSearch } from './ckan-params.ts';
import { dataWriter, type DataWriter } from './data-writer.ts';

export interface CkanRoutesOptions { writer?: DataWriter | null }

function send(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.status(status).header('content-type', 'application/json;charset=utf-8').header('access-control-allow-origin', '*').send(JSON.stringify(body));
}

export async function ckanRoutes(app: FastifyInstance, opts: CkanRoutesOptions = {}) {
  const ctx = app.ctx;
  const writer = opts.writer === undefined ? dataWriter : opts.writer;
  // Bodies reach the handler raw, so malformed JSON gets CKAN's 400 answer rather than the core's.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    resetReplyHeaders(reply);
    const name = (req.params as { name?: string })?.name ?? 'unknown';
    if (err.statusCode && err.statusCode < 500) {
      return send(reply, err.statusCode === 413 || err.statusCode === 429 ? err.statusCode : 400, `Bad request - ${err.message}`);
    }
    req.log.error({ err }, 'CKAN action failed');
    const a = ckanFailure(ctx.config.baseUrl, name, err);
    return send(reply, a.status, a.body);
  });

  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const name = (req.params as { name: string }).name;
    const baseUrl = ctx.config.baseUrl.replace(/\/+$/, '');
    const action = Object.prototype.hasOwnProperty.call(ACTIONS, name) ? ACTIONS[name] : undefined;
    if (!action) return send(reply, 400, `Bad request - Action name not known: ${name}`);
    const env: ActionEnv = {
      ctx, actor: req.actor, locale: req.locale, baseUrl, writer,
      apiPrefix: req.url.startsWith('/api/3/') ? '/api/3/action' : '/api/action',
    };
    const run = async (data: Record<string, unknown>) => {
      try {
        const a = ckanSuccess(baseUrl, name, await action(env, data));
        return a;
      } catch (e) {
        const mapped = toCkanError(e, req.locale);
        const a = ckanFailure(baseUrl, name, mapped);
        if (a.status >= 500) req.log.error({ err: e }, 'CKAN action failed');
        return a;
      }
    };
    try {
      if (req.method === 'GET' && !action.sideEffectFree) throw new CkanBadRequest('JSON Error: Invalid request. Please use POST method for your request');
      if (req.isMultipart?.()) {
        const data: Record<string, unknown> = {};
        let answer: { status: number; body: unknown } | null = null;
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            if (answer) { part.file.resume(); continue; }
            env.upload = { stream: part.file as Readable, filename: part.filename || 'upload' };
            answer = await run(data);
            part.file.resume();
          } else data[part.fieldname] = part.value;
        }
        answer ??= await run(data);
        return send(reply, answer.status, answer.body);
      }
      const data = requestData(req.method, req.query as Record<string, unknown>, req.body, String(req.headers['content-type'] ?? ''));
      delete data.callback;
      const a = await run(data);
      return send(reply, a.status, a.body);
    } catch (e) {
      const a = ckanFailure(baseUrl, name, e);
      return send(reply, a.status, a.body);
    }
  };
  // No rate limit: reads are public like /api/v1 (put a proxy limit in front if needed); writes need a token.
  const routeOpts = { schema: { hide: true }, config: { csrf: false } as any };
  for (const prefix of ['/api/3/action', '/api/action']) {
    app.get(`${prefix}/:name`, routeOpts, handler);
    app.post(`${prefix}/:name`, routeOpts, handler);
  }
  app.get('/api/3', routeOpts, async (_req, reply) => send(reply, 200, { version: 3 }));

  // CKAN's datastore dump: csv (default), tsv, json; filters/q like datastore_search; bom; limit.
  app.get('/datastore/dump/:id', { schema: { hide: true } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const qs = req.query as Record<string, unknown>;
    const res = await findDatastoreResource(ctx.pool, id);
    if (!res) return reply.status(404).type('text/plain; charset=utf-8').send('Resource not found');
    const format = String(qs.format ?? 'csv').toLowerCase();
    if (!['csv', 'tsv', 'json'].includes(format)) return reply.status(400).type('text/plain; charset=utf-8').send(`Bad request - format: must be one of csv, tsv, json`);
    let p;
    try { p = parseDatastoreSearch({ ...qs, resource_id: id }); } catch (e) {
      const a = ckanFailure(ctx.config.baseUrl, 'datastore_search', e);
      return send(reply, a.status === 409 ? 400 : a.status, a.body);
    }
    const limit = qs.limit !== undefined ? Number(qs.limit) : null;
    const out = new PassThrough();
    const types: Record<string, string> = { csv: 'text/csv; charset=utf-8', tsv: 'text/tab-separated-values; charset=utf-8', json: 'application/json; charset=utf-8' };
    reply.header('content-type', types[format]).header('content-disposition', contentDisposition(`${id}.${format}`));
    dumpTable(ctx.pool, res, format as 'csv' | 'tsv' | 'json', p, out, { bom: ['true', '1'].includes(String(qs.bom ?? '')), limit: Number.isInteger(limit) && limit! >= 0 ? limit : null })
      .catch((err) => { req.log.error({ err }, 'datastore dump failed'); out.destroy(err); });
    return reply.send(out);
  });
}
