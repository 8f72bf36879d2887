/** The SPBE JSON API under /api/v1/spbe — thin: parse → service → presenter. */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorSchema } from '../../core/http/schemas.ts';
import { requireActor } from '../../core/http/request-context.ts';
import { NotFoundError, ValidationError } from '../../core/http/errors.ts';
import * as evals from './evaluation.service.ts';
import * as fwService from './framework.service.ts';
import * as fwRepo from './framework.repo.ts';
import * as roadmap from './roadmap.service.ts';
import * as apps from './application.service.ts';
import * as arch from './architecture.service.ts';
import { computeIndex } from './index-calc.ts';
import { evaluation2018 } from './seed/evaluation-2018.ts';
import {
  ApplicationSchema, EvaluationDetailSchema, EvaluationSummarySchema, FrameworkSummarySchema, HistorySchema, InitiativeSchema,
  ProcessSchema, presentEntry, presentEvaluation, presentResult, ResultSchema,
} from './spbe.schema.ts';
import type { ApplicationRow } from './application.repo.ts';
import type { ProcessNode } from './architecture.service.ts';

const tags = ['spbe'];
const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };

function presentApp(a: ApplicationRow) {
  return {
    id: a.id, name: a.name, category: a.category, scope: a.scope,
    owner: a.owner_name ? { slug: null as string | null, name: a.owner_name } : null,
    url: a.url, hostedInDataCentre: a.hosted_in_data_centre, integratedSimantra: a.integrated_simantra,
    status: a.status, description: a.description, dataRefs: a.data_refs ?? [],
  };
}

function presentProcess(p: ProcessNode) {
  return {
    code: p.code, level: p.level, name: p.name, type: p.process_type, parent: p.parent_code, organisation: p.organisation,
    activities: p.activities, dataEntities: p.entities.map((e) => ({ id: e.id, name: e.name, dataRef: e.data_ref })),
  };
}

export async function spbeApiRoutes(app: FastifyInstance) {
  const { pool } = app.ctx;

  // Frameworks
  app.get('/api/v1/spbe/frameworks', {
    schema: { tags, summary: 'Evaluation frameworks (versioned data)', response: { 200: Type.Object({ data: Type.Array(FrameworkSummarySchema) }) } },
  }, async () => {
    const rows = await fwRepo.listFrameworks(pool);
    return { data: rows.map((f) => ({ id: f.id, code: f.code, name: f.name, version: f.version, regulation: f.regulation, domains: f.definition.domains.length, aspects: f.definition.aspects.length, indicators: f.definition.indicators.length })) };
  });

  app.get('/api/v1/spbe/frameworks/:id', {
    schema: { tags, summary: 'One framework document (domains, aspects, indicators, weights, level scales, predicate bands)', params: Id, response: { 200: Type.Object({ id: Type.String(), definition: Type.Any() }), 404: ErrorSchema } },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const row = (await fwRepo.getFramework(pool, id)) ?? (await fwRepo.getFrameworkByCode(pool, id));
    if (!row) throw new NotFoundError();
    return { id: row.id, definition: row.definition };
  });

  app.post('/api/v1/spbe/frameworks', {
    schema: {
      tags, summary: 'Import a framework (JSON document). Refused with 422 and one field problem per issue when weights do not add up, parents are unknown, codes repeat or bands do not cover 0–5.',
      security: [{ bearerAuth: [] }], body: Type.Any(), response: { 201: FrameworkSummarySchema, ...errors },
    },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const row = await fwService.importFramework(pool, actor, { format: 'json', data: req.body });
    const d = row.definition;
    return reply.status(201).send({ id: row.id, code: row.code, name: row.name, version: row.version, regulation: row.regulation, domains: d.domains.length, aspects: d.aspects.length, indicators: d.indicators.length });
  });

  app.get('/api/v1/spbe/frameworks/:id/recommendations', {
    schema: {
      tags, summary: 'Recommendations and strategies per indicator (seed 004 §4.2) with the actions taken', params: Id,
      response: { 200: Type.Object({ data: Type.Array(Type.Object({ id: Type.String(), indicator: Type.String(), entry: Type.String(), year: Type.Integer(), condition: Type.Union([Type.String(), Type.Null()]), recommendation: Type.String(), strategy: Type.Union([Type.String(), Type.Null()]), actions: Type.Array(Type.Object({ date: Type.String(), description: Type.String(), evidenceUrl: Type.Union([Type.String(), Type.Null()]), organisation: Type.Union([Type.String(), Type.Null()]) })) })) }), 404: ErrorSchema },
    },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const fw = (await fwRepo.getFramework(pool, id)) ?? (await fwRepo.getFrameworkByCode(pool, id));
    if (!fw) throw new NotFoundError();
    const recs = await fwService.recommendationsWithActions(pool, fw.id);
    return { data: recs.map((r) => ({ id: r.id, indicator: r.indicator_code, entry: r.entry_label, year: r.source_year, condition: r.condition, recommendation: r.recommendation, strategy: r.strategy, actions: r.actions.map((a) => ({ date: a.action_date, description: a.description, evidenceUrl: a.evidence_url, organisation: a.organisation_name })) })) };
  });

  app.post('/api/v1/spbe/recommendations/:id/actions', {
    schema: { tags, summary: 'Record an action taken on a recommendation', security: [{ bearerAuth: [] }], params: Id, body: fwService.ActionSchema, response: { 201: Type.Object({ id: Type.String() }), ...errors } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const row = await fwService.addRecommendationAction(pool, actor, (req.params as { id: string }).id, req.body);
    return reply.status(201).send({ id: row.id });
  });

  // Evaluations
  app.get('/api/v1/spbe/evaluations', {
    schema: { tags, summary: 'Evaluations visible to the caller (final ones are public), each with its computed index', response: { 200: Type.Object({ data: Type.Array(EvaluationSummarySchema) }) } },
  }, async (req) => {
    const list = await evals.listEvaluations(pool, req.actor);
    const out = [];
    for (const s of list) out.push(presentEvaluation(s.evaluation, await evals.loadFramework(pool, s.evaluation.framework_id), s.result));
    return { data: out };
  });

  app.get('/api/v1/spbe/evaluations/:id', {
    schema: { tags, summary: 'One evaluation: computed index, domain and aspect breakdown, entries with levels and evidence', params: Id, response: { 200: EvaluationDetailSchema, 404: ErrorSchema } },
  }, async (req) => {
    const d = await evals.getEvaluationDetail(pool, req.actor, (req.params as { id: string }).id);
    return { ...presentEvaluation(d.evaluation, d.framework, d.result), entries: d.entries.map((e) => presentEntry(d.framework, d.result, e, d.evidence)) };
  });

  app.post('/api/v1/spbe/evaluations', {
    schema: { tags, summary: 'Create an evaluation for a year and framework (reviewers, admins)', security: [{ bearerAuth: [] }], body: evals.CreateEvaluationSchema, response: { 201: Type.Object({ id: Type.String() }), ...errors } },
  }, async (req, reply) => {
    const id = await evals.createEvaluation(pool, requireActor(req), req.body);
    return reply.status(201).send({ id });
  });

  app.patch('/api/v1/spbe/entries/:id', {
    schema: { tags, summary: 'Set the level and justification of an entry (refused with 409 once the evaluation is final)', security: [{ bearerAuth: [] }], params: Id, body: evals.UpdateEntrySchema, response: { 200: ResultSchema, ...errors } },
  }, async (req) => {
    const actor = requireActor(req);
    const { id } = req.params as { id: string };
    await evals.updateEntry(pool, actor, id, req.body);
    const entry = await (await import('./evaluation.repo.ts')).getEntry(pool, id);
    const d = await evals.getEvaluationDetail(pool, actor, entry!.evaluation_id);
    return presentResult(d.framework, d.result);
  });

  app.post('/api/v1/spbe/evaluations/:id/services', {
    schema: { tags, summary: 'Add a service entry to a per-service indicator (e.g. indicator 35)', security: [{ bearerAuth: [] }], params: Id, body: evals.ServiceEntrySchema, response: { 201: Type.Object({ id: Type.String() }), ...errors } },
  }, async (req, reply) => {
    const id = await evals.addServiceEntry(pool, requireActor(req), (req.params as { id: string }).id, req.body);
    return reply.status(201).send({ id });
  });

  app.post('/api/v1/spbe/entries/:id/evidence', {
    schema: { tags, summary: 'Attach an evidence link (http(s) or a path inside NTB Terbuka) to an entry', security: [{ bearerAuth: [] }], params: Id, body: evals.LinkEvidenceSchema, response: { 201: Type.Object({ id: Type.String() }), ...errors } },
  }, async (req, reply) => {
    const ev = await evals.addLinkEvidence(pool, requireActor(req), (req.params as { id: string }).id, req.body);
    return reply.status(201).send({ id: ev.id });
  });

  app.post('/api/v1/spbe/evaluations/:id/transitions', {
    schema: {
      tags, summary: 'Move an evaluation through the workflow: submit (self-assessment → internal review), return, finalise (→ final, locked)',
      security: [{ bearerAuth: [] }], params: Id, body: Type.Object({ transition: Type.String({ enum: ['submit', 'return', 'finalise'] }) }),
      response: { 200: Type.Object({ state: Type.String(), result: Type.Object({ indexRounded: Type.Union([Type.Number(), Type.Null()]), predicate: Type.Union([Type.String(), Type.Null()]) }) }), ...errors },
    },
  }, async (req) => {
    const r = await evals.transition(pool, requireActor(req), (req.params as { id: string }).id, (req.body as { transition: string }).transition, app.ctx.config.baseUrl);
    return { state: r.state, result: { indexRounded: r.result.indexRounded, predicate: r.result.predicate?.name ?? null } };
  });

  app.get('/api/v1/spbe/index-history', {
    schema: { tags, summary: 'SPBE index per year (final evaluations), with the change from the previous year and the RPJMD target', response: { 200: HistorySchema } },
  }, async () => {
    const h = await evals.indexHistory(pool);
    return { data: h.map((x) => ({ evaluation: x.id, year: x.year, framework: x.frameworkCode, index: x.indexRounded, predicate: x.predicate, change: x.change })), target: evaluation2018.target };
  });

  // Roadmap
  const presentInit = (i: roadmap.InitiativeView) => ({
    code: i.code, group: i.grp, title: i.title, startYear: i.start_year, endYear: i.end_year, status: i.status, progress: i.progress,
    overdue: i.overdue, expectedProgress: i.expected, indicators: i.indicator_codes, framework: i.framework_code,
    organisations: i.organisations.map((o) => ({ slug: o.slug, name: o.name })),
    outputs: i.outputs.map((o) => ({ output: o.output, target: o.target_text, startYear: o.start_year, endYear: o.end_year, responsible: o.responsible })),
  });
  app.get('/api/v1/spbe/roadmap', {
    schema: { tags, summary: 'Roadmap (Peta Rencana) initiatives with outputs, target years, responsible organisations, progress and overdue flags', response: { 200: Type.Object({ data: Type.Array(InitiativeSchema) }) } },
  }, async () => ({ data: (await roadmap.listRoadmap(pool, new Date())).map(presentInit) }));

  app.get('/api/v1/spbe/roadmap/:code', {
    schema: { tags, summary: 'One initiative', params: Type.Object({ code: Type.String({ maxLength: 10 }) }), response: { 200: InitiativeSchema, 404: ErrorSchema } },
  }, async (req) => presentInit(await roadmap.getInitiative(pool, (req.params as { code: string }).code, new Date())));

  app.post('/api/v1/spbe/roadmap/:code/updates', {
    schema: { tags, summary: 'Update status and progress of an initiative (its responsible organisations, the SPBE team)', security: [{ bearerAuth: [] }], params: Type.Object({ code: Type.String({ maxLength: 10 }) }), body: roadmap.InitiativeUpdateSchema, response: { 201: Type.Object({ ok: Type.Boolean() }), ...errors } },
  }, async (req, reply) => {
    await roadmap.updateInitiative(pool, requireActor(req), (req.params as { code: string }).code, req.body);
    return reply.status(201).send({ ok: true });
  });

  app.put('/api/v1/spbe/roadmap/:code/indicators', {
    schema: { tags, summary: 'Set the indicators an initiative is meant to raise (framework code + indicator codes)', security: [{ bearerAuth: [] }], params: Type.Object({ code: Type.String({ maxLength: 10 }) }), body: Type.Object({ framework: Type.String({ maxLength: 100 }), indicators: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 100 }) }), response: { 200: Type.Object({ ok: Type.Boolean() }), ...errors } },
  }, async (req) => {
    const b = req.body as { framework: string; indicators: string[] };
    const fw = await fwRepo.getFrameworkByCode(pool, b.framework);
    if (!fw) throw new ValidationError([{ field: 'framework', key: 'spbe.error.unknownFramework' }]);
    const unknown = b.indicators.filter((c) => !fw.definition.indicators.some((i) => i.code === c));
    if (unknown.length) throw new ValidationError(unknown.map((c) => ({ field: 'indicators', key: 'spbe.error.unknownIndicator', params: { code: c } })));
    await roadmap.setInitiativeIndicators(pool, requireActor(req), (req.params as { code: string }).code, fw.code, b.indicators);
    return { ok: true };
  });

  // Applications
  app.get('/api/v1/spbe/applications', {
    schema: {
      tags, summary: 'Application registry', querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), category: Type.Optional(Type.String({ maxLength: 40 })), owner: Type.Optional(Type.String({ maxLength: 100, description: 'organisation slug' })), status: Type.Optional(Type.String({ maxLength: 20 })) }),
      response: { 200: Type.Object({ data: Type.Array(ApplicationSchema) }) },
    },
  }, async (req) => ({ data: (await apps.listApplications(pool, req.query as Record<string, string>)).map(presentApp) }));

  app.get('/api/v1/spbe/applications/stats', {
    schema: { tags, summary: 'Application counts by category and by organisation (active and planned)', response: { 200: Type.Object({ byCategory: Type.Array(Type.Object({ category: Type.String(), count: Type.Integer() })), byOrganisation: Type.Array(Type.Object({ organisation: Type.Union([Type.String(), Type.Null()]), count: Type.Integer() })) }) } },
  }, async () => ({
    byCategory: (await apps.countsByCategory(pool)).map((r) => ({ category: r.category, count: r.n })),
    byOrganisation: (await apps.countsByOwner(pool)).map((r) => ({ organisation: r.owner, count: r.n })),
  }));

  app.post('/api/v1/spbe/applications', {
    schema: {
      tags, summary: 'Register an application (same rules as an XLSX import row)', security: [{ bearerAuth: [] }],
      body: Type.Object({ name: Type.String({ maxLength: 200 }), category: Type.String({ maxLength: 60 }), scope: Type.String({ maxLength: 20 }), owner: Type.Optional(Type.String({ maxLength: 200 })), url: Type.Optional(Type.String({ maxLength: 500 })), hostedInDataCentre: Type.Optional(Type.Boolean()), integratedSimantra: Type.Optional(Type.Boolean()), status: Type.Optional(Type.String({ maxLength: 20 })), description: Type.Optional(Type.String({ maxLength: 2000 })), dataRefs: Type.Optional(Type.Array(Type.String({ maxLength: 300 }), { maxItems: 50, description: 'Satu Data list items this application produces' })) }),
      response: { 201: Type.Object({ id: Type.String() }), ...errors },
    },
  }, async (req, reply) => {
    const id = await apps.saveApplication(pool, requireActor(req), null, req.body as Record<string, unknown>);
    return reply.status(201).send({ id });
  });

  // Architecture
  app.get('/api/v1/spbe/business-processes', {
    schema: { tags, summary: 'Business-process map: level-0 processes with their level-1 sub-processes and data entities; `q` searches', querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) }), response: { 200: Type.Object({ data: Type.Array(Type.Composite([ProcessSchema, Type.Object({ subProcesses: Type.Array(ProcessSchema) })])) }) } },
  }, async (req) => {
    const q = (req.query as { q?: string }).q?.trim();
    let tree = await arch.processTree(pool);
    if (q) {
      const { codes } = await arch.searchProcesses(pool, q);
      tree = tree.filter((t) => codes.has(t.code) || t.children.some((c) => codes.has(c.code))).map((t) => ({ ...t, children: codes.has(t.code) ? t.children : t.children.filter((c) => codes.has(c.code)) }));
    }
    return { data: tree.map((t) => ({ ...presentProcess(t), subProcesses: t.children.map(presentProcess) })) };
  });

  app.get('/api/v1/spbe/business-processes/:code', {
    schema: { tags, summary: 'One process or sub-process with its data entities', params: Type.Object({ code: Type.String({ maxLength: 20 }) }), response: { 200: ProcessSchema, 404: ErrorSchema } },
  }, async (req) => presentProcess(await arch.processDetail(pool, (req.params as { code: string }).code)));

  app.put('/api/v1/spbe/data-entities/:id/data-ref', {
    schema: { tags, summary: 'Link a data entity to a Satu Data list item (null to unlink)', security: [{ bearerAuth: [] }], params: Id, body: Type.Object({ dataRef: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]) }), response: { 200: Type.Object({ ok: Type.Boolean() }), ...errors } },
  }, async (req) => {
    await arch.linkDataEntity(pool, requireActor(req), (req.params as { id: string }).id, (req.body as { dataRef: string | null }).dataRef);
    return { ok: true };
  });

  // the arithmetic, for clients that want to check a what-if without storing anything
  app.post('/api/v1/spbe/frameworks/:id/compute', {
    schema: { tags, summary: 'Compute the index for a set of levels on a framework (nothing is stored)', params: Id, body: Type.Object({ levels: Type.Array(Type.Object({ indicator: Type.String({ maxLength: 20 }), level: Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()]), service: Type.Optional(Type.String({ maxLength: 200 })) }), { maxItems: 500 }) }), response: { 200: ResultSchema, 404: ErrorSchema, 422: ErrorSchema } },
    config: { csrf: false },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const row = (await fwRepo.getFramework(pool, id)) ?? (await fwRepo.getFrameworkByCode(pool, id));
    if (!row) throw new NotFoundError();
    return presentResult(row.definition, computeIndex(row.definition, (req.body as { levels: Array<{ indicator: string; level: number | null; service?: string }> }).levels));
  });
}
