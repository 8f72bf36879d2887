/**
 * Open311 GeoReport v2 at /open311/v2/ (JSON and XML), with FixMyStreet's servicerequestupdates
 * extension. Writes need `api_key` (a personal API token of the platform); errors use the spec's
 * [{code, description}] shape with 400/403/404.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorFromApiToken } from '../../core/auth/users.service.ts';
import { AppError } from '../../core/http/errors.ts';
import { t } from '../../core/i18n/i18n.ts';
import * as repo from './care.repo.ts';
import * as care from './care.service.ts';
import {
  parseAttributeFields, parseDateRange, serializeCreated, serializeDiscovery, serializeErrors, serializeRequests, serializeRequestUpdates,
  serializeServiceDefinition, serializeServices, serializeTokens, serializeUpdateCreated, splitFormat, w3cDatetime,
  type Open311Error, type Open311Format, type Open311Request, type Serialized,
} from './open311.serializer.ts';
import { presentReport } from './report.presenter.ts';
import { fixMyStreetStatus, open311Status, type ReportState } from './report-workflow.ts';
import { normaliseTrackingCode } from './tracking-code.ts';
import { redact } from './redact.ts';

const send = (reply: FastifyReply, s: Serialized, status = 200) => reply.status(status).type(s.contentType).send(s.body);
const fail = (reply: FastifyReply, format: Open311Format, code: number, description: string) => send(reply, serializeErrors([{ code, description }], format), code);

export async function open311Routes(app: FastifyInstance) {
  const { pool, config } = app.ctx;
  const deps = { pool, config, files: app.ctx.files };
  const base = () => `${config.baseUrl}/open311/v2`;

  function format(req: FastifyRequest, file: string): { name: string; format: Open311Format } {
    return splitFormat(file) ?? { name: file, format: String((req.query as any)?.format ?? '').toLowerCase() === 'xml' ? 'xml' : 'json' };
  }

  async function toOpen311(r: repo.ReportRow, locale: 'id' | 'en'): Promise<Open311Request | null> {
    const v = presentReport(r, 'public');
    if (!v) return null;
    const { rows } = await pool.query(`SELECT public_text FROM care_report_events WHERE report_id = $1 AND is_public AND public_text IS NOT NULL ORDER BY id DESC LIMIT 1`, [r.id]);
    const att = await pool.query('SELECT id FROM care_attachments WHERE report_id = $1 AND public_file_id IS NOT NULL ORDER BY created_at LIMIT 1', [r.id]);
    return {
      service_request_id: r.trackingCode, status: open311Status(r.state), status_notes: rows[0] ? redact(rows[0].public_text) : t(locale, `care.state.${r.state}`),
      service_name: r.categoryName, service_code: r.categoryCode, description: v.description, agency_responsible: r.assignedOrganisationName, service_notice: null,
      requested_datetime: w3cDatetime(r.createdAt), updated_datetime: w3cDatetime(r.updatedAt), expected_datetime: r.slaDueAt ? w3cDatetime(r.slaDueAt) : null,
      address: v.address, address_id: null, zipcode: null, lat: v.lat, long: v.lng, media_url: att.rows[0] ? `${config.baseUrl}/pengaduan/lampiran/${att.rows[0].id}` : null,
    };
  }

  async function apiActor(req: FastifyRequest) {
    const key = String((req.body as any)?.api_key ?? (req.query as any)?.api_key ?? '');
    return key ? actorFromApiToken(pool, key) : null;
  }

  app.get('/open311/v2/:file', { schema: { hide: true } }, async (req, reply) => {
    const { name, format: fmt } = format(req, (req.params as any).file);
    if (name === 'discovery') {
      const changeset = '2026-11-23T00:00:00+08:00';
      return send(reply, serializeDiscovery({
        changeset, contact: 'Dinas Komunikasi, Informatika dan Statistik Provinsi NTB — NTB Care', key_service: `${config.baseUrl}/akun`,
        endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: base(), changeset, type: 'production', formats: ['text/xml', 'application/json'] }],
      }, fmt));
    }
    if (name === 'services') {
      const cats = await repo.listCategories(pool, req.locale);
      return send(reply, serializeServices(cats.map((c) => ({ service_code: c.code, service_name: c.name, description: c.description, metadata: c.attributes.length > 0, type: 'realtime' as const, keywords: c.keywords, group: c.group })), fmt));
    }
    if (name === 'requests') {
      const q = req.query as Record<string, string | undefined>;
      const range = parseDateRange(q.start_date, q.end_date, new Date());
      if ('code' in range) return fail(reply, fmt, range.code, range.description);
      const ids = (q.service_request_id ?? '').split(',').map((s) => normaliseTrackingCode(s.trim())).filter((x): x is string => Boolean(x));
      const codes = (q.service_code ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const status = q.status?.toLowerCase();
      const vals: unknown[] = [];
      const where = [`r.privacy <> 'rahasia'`, `r.state <> 'diterima'`, `NOT (r.state = 'ditolak' AND r.reject_reason = 'spam')`];
      if (ids.length) { vals.push(ids); where.push(`r.tracking_code = ANY($${vals.length}::text[])`); }
      else { vals.push(range.start, range.end); where.push(`r.created_at >= $${vals.length - 1} AND r.created_at <= $${vals.length}`); }
      if (codes.length) { vals.push(codes); where.push(`r.category_code = ANY($${vals.length}::text[])`); }
      if (status === 'open') where.push(`r.state NOT IN ('selesai', 'ditolak')`);
      else if (status === 'closed') where.push(`r.state IN ('selesai', 'ditolak')`);
      else if (status) return fail(reply, fmt, 400, 'status must be open or closed');
      const { rows } = await pool.query(`SELECT r.id FROM care_reports r WHERE ${where.join(' AND ')} ORDER BY r.created_at DESC LIMIT 1000`, vals);
      const out: Open311Request[] = [];
      for (const row of rows) {
        const r = await repo.getReport(pool, row.id, req.locale);
        const o = r ? await toOpen311(r, req.locale) : null;
        if (o) out.push(o);
      }
      return send(reply, serializeRequests(out, fmt));
    }
    if (name === 'servicerequestupdates') {
      const q = req.query as Record<string, string | undefined>;
      const range = parseDateRange(q.start_date, q.end_date, new Date());
      if ('code' in range) return fail(reply, fmt, range.code, range.description);
      const { rows } = await pool.query(
        `SELECT e.id, e.to_state, e.public_text, e.created_at, e.action, r.tracking_code, r.reject_reason
         FROM care_report_events e JOIN care_reports r ON r.id = e.report_id
         WHERE e.is_public AND e.created_at >= $1 AND e.created_at <= $2 AND r.privacy <> 'rahasia' AND r.state <> 'diterima'
           AND NOT (r.state = 'ditolak' AND r.reject_reason = 'spam') AND (e.kind = 'transition' OR e.kind = 'created')
         ORDER BY e.id LIMIT 1000`, [range.start, range.end]);
      return send(reply, serializeRequestUpdates(rows.map((e) => ({
        update_id: String(e.id), service_request_id: e.tracking_code, status: fixMyStreetStatus((e.to_state ?? 'diterima') as ReportState, e.to_state === 'ditolak' ? e.reject_reason : null),
        updated_datetime: w3cDatetime(e.created_at), description: e.public_text ? redact(e.public_text) : t(req.locale, `care.state.${e.to_state ?? 'diterima'}`), media_url: null, external_status_code: e.to_state,
      })), fmt));
    }
    return fail(reply, fmt, 404, 'unknown resource');
  });

  app.get('/open311/v2/services/:file', { schema: { hide: true } }, async (req, reply) => {
    const { name, format: fmt } = format(req, (req.params as any).file);
    const c = await repo.getCategory(pool, name, req.locale);
    if (!c) return fail(reply, fmt, 404, `service_code ${name} not found`);
    return send(reply, serializeServiceDefinition({
      service_code: c.code,
      attributes: c.attributes.map((a, i) => ({
        variable: true, code: a.code, datatype: a.datatype, required: a.required, datatype_description: null, order: i + 1,
        description: req.locale === 'en' ? a.description.en : a.description.id,
        ...(a.values ? { values: a.values.map((v) => ({ key: v.key, name: req.locale === 'en' ? v.name.en : v.name.id })) } : {}),
      })),
    }, fmt));
  });

  app.get('/open311/v2/requests/:file', { schema: { hide: true } }, async (req, reply) => {
    const { name, format: fmt } = format(req, (req.params as any).file);
    const found = await care.getByTracking(pool, name, null, req.locale);
    const o = found ? await toOpen311(found.report, req.locale) : null;
    if (!o) return fail(reply, fmt, 404, `service_request_id ${name} not found`);
    return send(reply, serializeRequests([o], fmt));
  });

  app.get('/open311/v2/tokens/:file', { schema: { hide: true } }, async (req, reply) => {
    const { name, format: fmt } = format(req, (req.params as any).file);
    // Requests get their id at once, so a token is the id itself.
    const code = normaliseTrackingCode(name);
    const found = code ? await care.getByTracking(pool, code, null, req.locale) : null;
    if (!found) return fail(reply, fmt, 404, `token ${name} not found`);
    return send(reply, serializeTokens([{ service_request_id: found.report.trackingCode, token: name }], fmt));
  });

  app.post('/open311/v2/:file', { schema: { hide: true }, config: { csrf: false } as any }, async (req, reply) => {
    const { name, format: fmt } = format(req, (req.params as any).file);
    if (name !== 'requests' && name !== 'servicerequestupdates') return fail(reply, fmt, 404, 'unknown resource');
    const actor = await apiActor(req);
    if (!actor) return fail(reply, fmt, 403, t(req.locale, 'care.open311.apiKey'));
    const b = (req.body ?? {}) as Record<string, any>;
    const one = (k: string) => (Array.isArray(b[k]) ? String(b[k][0] ?? '') : b[k] === undefined ? '' : String(b[k])).trim();
    if (name === 'servicerequestupdates') {
      const code = normaliseTrackingCode(one('service_request_id'));
      const found = code ? await care.getByTracking(pool, code, null, 'id') : null;
      if (!found) return fail(reply, fmt, 404, 'service_request_id not found');
      if (!one('description')) return fail(reply, fmt, 400, 'description is required');
      const { rows } = await pool.query(
        `INSERT INTO care_report_events (report_id, kind, internal_text, is_public, actor_role, data) VALUES ($1, 'note', $2, false, 'reporter', $3) RETURNING id`,
        [found.report.id, `[Open311] ${one('description').slice(0, 5000)}`, JSON.stringify({ externalUpdateId: one('update_id') || null, status: one('status') || null, client: actor.id })]);
      return send(reply, serializeUpdateCreated(String(rows[0].id), fmt));
    }
    const attributes = parseAttributeFields(b);
    const description = one('description');
    const title = one('title') || (attributes.title as string | undefined) || description.split(/[.\n]/)[0]!.slice(0, 120) || description.slice(0, 120);
    delete attributes.title;
    const name2 = [one('first_name'), one('last_name')].filter(Boolean).join(' ');
    const lat = one('lat');
    const lng = one('long');
    const input: Record<string, unknown> = {
      type: 'pengaduan', categoryCode: one('service_code'), title, description, privacy: 'publik',
      ...(lat && lng ? { lat: Number(lat), lng: Number(lng) } : {}),
      ...(one('address_string') ? { address: one('address_string').slice(0, 300) } : {}),
      ...(name2 ? { name: name2.slice(0, 100) } : {}), ...(one('email') ? { email: one('email') } : {}), ...(one('phone') ? { phone: one('phone') } : {}),
      ...(Object.keys(attributes).length ? { attributes } : {}),
    };
    if (one('media_url')) input.attributes = { ...(input.attributes as object ?? {}), media_url: one('media_url').slice(0, 500) };
    if (!one('service_code')) return fail(reply, fmt, 400, 'service_code is required');
    if (!(lat && lng) && !one('address_string') && !one('address_id')) return fail(reply, fmt, 400, 'a location is required: lat and long, or address_string');
    try {
      const created = await care.createReport(deps, actor, input, { channel: 'open311', externalId: one('service_request_id') || null });
      return send(reply, serializeCreated([{ service_request_id: created.trackingCode, service_notice: t('id', 'care.state.diterima'), account_id: null }], fmt), 201);
    } catch (err) {
      if (err instanceof AppError && err.status < 500) {
        const errors: Open311Error[] = err.fields.length ? err.fields.map((f) => ({ code: 400, description: `${open311Field(f.field)}: ${t(req.locale, f.key, f.params)}` })) : [{ code: 400, description: t(req.locale, err.key, err.params) }];
        return send(reply, serializeErrors(errors, fmt), 400);
      }
      throw err;
    }
  });
}

const FIELD_MAP: Record<string, string> = { categoryCode: 'service_code', lng: 'long', address: 'address_string', name: 'first_name', title: 'description' };
function open311Field(f: string): string {
  return FIELD_MAP[f] ?? f;
}
