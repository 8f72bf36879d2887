/** JSON API of NTB Care under /api/v1/care (OpenAPI via the route schemas). */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorSchema } from '../../core/http/schemas.ts';
import { NotFoundError, ValidationError } from '../../core/http/errors.ts';
import { requireActor } from '../../core/http/request-context.ts';
import { authorize } from '../../core/policy.ts';
import { decodeCursor, encodeCursor, pageSize } from '../../core/http/pagination.ts';
import * as repo from './care.repo.ts';
import * as care from './care.service.ts';
import { IntakeSchema, ReportOut, CreatedOut, TransitionSchema } from './report.schema.ts';
import { presentReport, type ReportView } from './report.presenter.ts';
import { reportStates, type ReportState } from './report-workflow.ts';
import { complaintStats, defaultPeriod } from './stats.service.ts';
import { inboxScope } from './care-staff.routes.ts';

export function reportJson(v: ReportView, sla?: { stage: string | null; level: string; dueAt: Date | null } | null) {
  return {
    ...v, reporter: v.reporter, createdAt: v.createdAt.toISOString(), updatedAt: v.updatedAt.toISOString(),
    sla: sla ? { stage: sla.stage, level: sla.level, dueAt: sla.dueAt ? sla.dueAt.toISOString() : null } : null,
  };
}

const ListQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  status: Type.Optional(Type.String({ maxLength: 30 })),
  category: Type.Optional(Type.String({ maxLength: 60 })),
  regency: Type.Optional(Type.String({ pattern: '^52\\.\\d{2}$' })),
});
const Page = Type.Object({ data: Type.Array(ReportOut), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export async function careApiRoutes(app: FastifyInstance) {
  const { pool, config, files } = app.ctx;
  const deps = { pool, config, files };

  app.post('/api/v1/care/reports', {
    schema: {
      tags: ['care'], summary: 'File a report (any client). Send an `Idempotency-Key` header: retries with the same key return the same report.',
      headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
      body: IntakeSchema,
      response: { 201: CreatedOut, 401: ErrorSchema, 422: ErrorSchema },
    },
    config: { rateLimit: { max: 30, timeWindow: '1 minute', allowList: (req: any) => Boolean(req.actor) } },
  }, async (req, reply) => {
    const key = req.headers['idempotency-key'];
    const idem = typeof key === 'string' && key ? { client: req.actor ? `user:${req.actor.id}` : 'anon', key } : undefined;
    const created = await care.createReport(deps, req.actor, { ...(req.body as object), locale: (req.body as any)?.locale ?? req.locale }, { channel: 'api', idempotency: idem });
    let secret = created.secret;
    if (created.replay) {
      reply.header('idempotent-replayed', 'true');
      const { rows } = await pool.query('SELECT reporter_secret_enc FROM care_reports WHERE id = $1', [created.id]);
      secret = care.decryptSecret(config, rows[0]?.reporter_secret_enc ?? null);
    }
    reply.header('location', care.trackingPath(created.trackingCode));
    return reply.status(201).send({
      id: created.id, trackingCode: created.trackingCode, trackingUrl: care.reporterLink(config, created.trackingCode, secret),
      publicUrl: `${config.baseUrl}${care.trackingPath(created.trackingCode)}`, state: created.state,
    });
  });

  app.get('/api/v1/care/reports', {
    schema: { tags: ['care'], summary: 'Public board: verified, non-confidential reports, personal data redacted', querystring: ListQuery, response: { 200: Page } },
  }, async (req) => {
    const q = req.query as { cursor?: string; limit?: number; status?: string; category?: string; regency?: string };
    const limit = pageSize(q.limit, 20, 100);
    const cursor = decodeCursor(q.cursor, 2) as [string, string] | null;
    const rows = await repo.listReports(pool, { publicOnly: true, state: reportStates.includes(q.status as ReportState) ? (q.status as ReportState) : undefined, categoryCode: q.category, regencyCode: q.regency }, req.locale, limit + 1, cursor);
    const page = rows.slice(0, limit);
    return {
      data: page.map((r) => presentReport(r, 'public')).filter((v) => v !== null).map((v) => reportJson(v)),
      nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1]!.createdAt.toISOString(), page[page.length - 1]!.id]) : null,
    };
  });

  app.get('/api/v1/care/reports/:code', {
    schema: { tags: ['care'], summary: 'One report by tracking code (public view)', params: Type.Object({ code: Type.String({ maxLength: 20 }) }), response: { 200: ReportOut, 404: ErrorSchema } },
  }, async (req) => {
    const found = await care.getByTracking(pool, (req.params as any).code, null, req.locale);
    if (!found) throw new NotFoundError('care.track.notFound');
    return reportJson(presentReport(found.report, 'tracking')!);
  });

  app.get('/api/v1/care/staff/reports', {
    schema: { tags: ['care'], summary: 'Staff inbox: reports of the caller\'s organisations (all for the complaint administrator)', security: [{ bearerAuth: [] }], querystring: ListQuery, response: { 200: Page, 401: ErrorSchema, 403: ErrorSchema } },
  }, async (req) => {
    const actor = requireActor(req);
    authorize(actor, 'care.inbox.read');
    const q = req.query as { cursor?: string; limit?: number; status?: string; category?: string; regency?: string };
    const limit = pageSize(q.limit, 20, 100);
    const cursor = decodeCursor(q.cursor, 2) as [string, string] | null;
    const rows = await repo.listReports(pool, { organisationIds: inboxScope(actor), state: reportStates.includes(q.status as ReportState) ? (q.status as ReportState) : undefined, categoryCode: q.category, regencyCode: q.regency }, req.locale, limit + 1, cursor);
    const page = rows.slice(0, limit);
    const data = [];
    for (const r of page) {
      const { view } = await care.getForStaff(pool, actor, r.id, req.locale);
      data.push(reportJson(presentReport(r, view)!, { stage: r.slaStage, level: r.slaLevel, dueAt: r.slaDueAt }));
    }
    return { data, nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1]!.createdAt.toISOString(), page[page.length - 1]!.id]) : null };
  });

  app.get('/api/v1/care/staff/reports/:id', {
    schema: { tags: ['care'], summary: 'One report as staff see it (anonymous reporters stay hidden from agencies)', security: [{ bearerAuth: [] }], params: Type.Object({ id: Type.String({ maxLength: 40 }) }), response: { 200: ReportOut, 401: ErrorSchema, 404: ErrorSchema } },
  }, async (req) => {
    const actor = requireActor(req);
    const { report, view } = await care.getForStaff(pool, actor, (req.params as any).id, req.locale);
    return reportJson(presentReport(report, view)!, { stage: report.slaStage, level: report.slaLevel, dueAt: report.slaDueAt });
  });

  app.post('/api/v1/care/staff/reports/:id/transitions', {
    schema: { tags: ['care'], summary: 'Fire a workflow action (verifikasi, tolak, disposisi, disposisi_ulang, kembalikan, minta_informasi, tindak_lanjut)', security: [{ bearerAuth: [] }], params: Type.Object({ id: Type.String({ maxLength: 40 }) }), body: TransitionSchema, response: { 200: Type.Object({ state: Type.String() }), 401: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema } },
  }, async (req) => {
    const actor = requireActor(req);
    return care.transition(deps, { kind: 'staff', actor }, (req.params as any).id, req.body);
  });

  app.get('/api/v1/care/categories', {
    schema: { tags: ['care'], summary: 'Complaint categories (Open311 services)', response: { 200: Type.Object({ data: Type.Array(Type.Object({ code: Type.String(), group: Type.String(), name: Type.String(), description: Type.String(), followUpWorkingDays: Type.Integer(), verifyWorkingDays: Type.Integer() })) }) } },
  }, async (req) => ({ data: await repo.listCategories(pool, req.locale) }));

  const N = Type.Number();
  const NN = Type.Union([Type.Number(), Type.Null()]);
  /** The statistics as stats.service's StatsResult (a response schema also keeps internals out). */
  const StatsOut = Type.Object({
    scope: Type.Object({ organisationSlug: Type.Union([Type.String(), Type.Null()]), organisationName: Type.Union([Type.String(), Type.Null()]) }),
    from: Type.String({ description: 'YYYY-MM (WITA months, inclusive)' }), to: Type.String(), overdueNow: N,
    months: Type.Array(Type.Object({
      month: Type.String(), received: N, verified: N, dispatched: N, responded: N, respondedWithinSla: N, resolved: N, confirmed: N,
      medianDaysToVerify: NN, medianDaysToRespond: NN, medianDaysToResolve: NN, satisfaction: NN, ratings: N,
    })),
    byOrganisation: Type.Array(Type.Object({
      organisationSlug: Type.String(), organisationName: Type.String(), dispatched: N, responded: N, respondedWithinSla: N, resolved: N, confirmed: N, overdueNow: N, satisfaction: NN,
    })),
    generatedAt: Type.String(),
  });
  app.get('/api/v1/care/statistics', {
    schema: {
      tags: ['care'], summary: 'Monthly statistics (responded, resolved and confirmed counted separately)',
      querystring: Type.Object({ organisation: Type.Optional(Type.String({ maxLength: 100 })), from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$' })), to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$' })) }),
      response: { 200: StatsOut, 422: ErrorSchema },
    },
  }, async (req) => {
    const q = req.query as { organisation?: string; from?: string; to?: string };
    const org = q.organisation ? await repo.organisationBySlug(pool, q.organisation) : null;
    if (q.organisation && !org) throw new ValidationError([{ field: 'organisation', key: 'care.error.unknownOrganisation' }]);
    const p = defaultPeriod();
    return complaintStats(pool, { organisationId: org?.id ?? null, from: q.from ?? p.from, to: q.to ?? p.to });
  });
}
