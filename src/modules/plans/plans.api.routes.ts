/** JSON API of Rencana Aksi under /api/v1/plans (documented in /api/docs). */
import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import { ErrorSchema } from '../../core/http/schemas.ts';
import { requireActor } from '../../core/http/request-context.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import {
  BRANCHES, COMMENTABLE_FIELDS, DRAFT_AUTHOR_GROUPS, DRAFT_STAGES, MILESTONE_STATUSES, OGP_VALUES, POLICY_AREAS, ROLES, SECTORS, SECURED_OPTIONS,
  type CommitmentInput,
} from './commitment.schema.ts';
import { diffVersions } from './draft-diff.ts';
import * as svc from './plans.service.ts';
import * as repo from './plans.repo.ts';
import { planExport, presentCommitmentFull, presentComment, presentMilestone } from './plans.routes.ts';

const tags = ['plans'];
const Str = (o: Record<string, unknown> = {}) => Type.String(o);
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Enum = (vals: readonly string[], o: Record<string, unknown> = {}) => Type.Union(vals.map((v) => Type.Literal(v)), o);
const Month = Nullable(Type.String({ description: 'YYYY-MM' }));

// Limits of the template are checked by the service so the error names the field and the limit in the
// user's language; the schema documents them and checks types.
const Stakeholder = Type.Object({
  organisation: Str({ description: 'Organisation slug (GET /api/v1/organisations)' }),
  organisationName: Type.Optional(Nullable(Str())),
  branch: Type.Optional(Nullable(Enum(BRANCHES))),
  contactRole: Type.Optional(Nullable(Str({ description: 'Contact as a role/title, never a personal name' }))),
  role: Type.Optional(Nullable(Enum(ROLES))),
});
const Milestone = Type.Object({
  key: Type.Optional(Nullable(Str({ description: 'Stable across versions; omit for a new milestone' }))),
  output: Str({ description: 'max 1000 characters' }),
  startMonth: Type.Optional(Month), endMonth: Type.Optional(Month),
  responsible: Type.Array(Str()), responsibleNote: Type.Optional(Nullable(Str())),
  contactRoles: Type.Array(Str()), status: Type.Optional(Nullable(Enum(MILESTONE_STATUSES))),
});
export const CommitmentBody = Type.Object({
  title: Str({ description: 'max 250 characters' }),
  startMonth: Type.Optional(Month), endMonth: Type.Optional(Month),
  leadAgencies: Type.Array(Stakeholder), leadNonGov: Type.Array(Stakeholder), otherStakeholders: Type.Array(Stakeholder),
  problem: Str({ description: 'max 1000 characters' }), statusQuo: Str({ description: 'max 1000 characters' }),
  action: Str({ description: 'max 1000 characters' }), howSolves: Str({ description: 'max 1000 characters' }),
  longTermGoal: Str({ description: 'max 1000 characters' }), additionalInfo: Str({ description: 'max 1000 characters' }),
  policyAreas: Type.Array(Str(), { description: `up to 2 of: ${POLICY_AREAS.join(', ')}` }),
  sectors: Type.Array(Str(), { description: `up to 2 of: ${SECTORS.join(', ')}` }),
  values: Type.Array(Type.Object({ value: Str({ description: OGP_VALUES.join(', ') }), reason: Str() })),
  resources: Type.Object({
    budgetAmount: Type.Optional(Nullable(Type.Number())), currency: Type.Optional(Nullable(Str())), budgetNote: Type.Optional(Nullable(Str())),
    staff: Type.Optional(Nullable(Type.Number())), months: Type.Optional(Nullable(Type.Number())), other: Type.Optional(Nullable(Str())),
  }),
  secured: Type.Optional(Nullable(Enum(SECURED_OPTIONS))),
  milestones: Type.Array(Milestone),
}, { $id: 'PlansCommitmentInput', title: 'OGP Local commitment (sections 1–17)' });

const PlanParams = Type.Object({ plan: Str({ maxLength: 100 }) });
const CParams = Type.Object({ plan: Str({ maxLength: 100 }), c: Str({ maxLength: 100 }) });
const IdParams = Type.Object({ id: Str({ maxLength: 40 }) });
const Progress = Type.Object({ total: Type.Integer(), finished: Type.Integer(), finishedPercent: Type.Number(), percent: Type.Number(), overdue: Type.Integer(), lateStart: Type.Integer(), byStatus: Type.Record(Type.String(), Type.Integer()) });
const MilestoneOut = Type.Object({
  id: Str(), key: Str(), number: Type.Integer(), output: Str(), startMonth: Nullable(Str()), endMonth: Nullable(Str()), responsible: Type.Array(Str()),
  responsibleUnit: Nullable(Str()), contactRoles: Type.Array(Str()), status: Nullable(Str()), reportedPercent: Nullable(Type.Integer()),
  overdue: Type.Boolean(), daysOverdue: Type.Integer(), lateStart: Type.Boolean(),
});
const PlanOut = Type.Object({
  slug: Str(), title: Str(), titleEn: Nullable(Str()), programme: Str(), startMonth: Str(), endMonth: Str(), description: Str(), progress: Progress,
  forum: Type.Array(Type.Object({ organisation: Str(), name: Str(), part: Str() })),
  commitments: Type.Array(Type.Object({ id: Str(), slug: Str(), number: Type.Integer(), title: Str(), stage: Nullable(Str()), progress: Progress, milestones: Type.Array(MilestoneOut) })),
  workingGroups: Type.Array(Type.Object({ id: Str(), name: Str(), theme: Str(), members: Type.Array(Type.Object({ organisation: Str(), role: Str() })) })),
  events: Type.Array(Type.Object({ id: Str(), method: Str(), heldOn: Str(), title: Str(), organisations: Type.Array(Str()), participants: Nullable(Type.Integer()), outcomes: Str(), minutes: Nullable(Str()), commitmentId: Nullable(Str()) })),
});
const CommentOut = Type.Object({
  id: Str(), field: Nullable(Str()), parentId: Nullable(Str()), body: Str(), author: Str(), createdAt: Str(), status: Str(),
  version: Type.Object({ seq: Type.Optional(Type.Integer()), stage: Type.Optional(Str()) }),
  response: Nullable(Type.Object({ outcome: Str(), reason: Nullable(Str()), landedIn: Nullable(Type.Object({ seq: Nullable(Type.Integer()), stage: Str() })), respondedAt: Nullable(Str()) })),
});
const CommitmentOut = Type.Object({
  id: Str(), plan: Str(), slug: Str(), number: Type.Integer(), stage: Nullable(Str()),
  content: Type.Unknown({ description: 'PlansCommitmentInput: sections 1–17' }), progress: Progress,
  milestones: Type.Array(Type.Unknown()), versions: Type.Array(Type.Object({ seq: Type.Integer(), stage: Str(), authors: Type.Array(Type.Object({ organisation: Str(), group: Str() })), note: Str(), createdAt: Str() })),
  consultations: Type.Array(Type.Object({ id: Str(), versionSeq: Type.Optional(Type.Integer()), stage: Type.Optional(Str()), opensAt: Str(), closesAt: Str(), state: Str() })),
  comments: Type.Array(CommentOut), assessments: Type.Array(Type.Unknown()),
});
const Ok = Type.Object({ ok: Type.Boolean() });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema, 429: ErrorSchema };
const secured = [{ bearerAuth: [] }];

export async function plansApiRoutes(app: FastifyInstance) {
  const { pool, config } = app.ctx;
  app.addSchema(CommitmentBody);
  const now = () => new Date();
  const commitmentOf = async (p: { plan: string; c: string }) => {
    const c = await repo.findCommitment(pool, p.plan, p.c);
    if (!c) throw new NotFoundError();
    return c;
  };

  app.get('/api/v1/plans', { schema: { tags, summary: 'Action plans with their progress', response: { 200: Type.Object({ data: Type.Array(Type.Object({ slug: Str(), title: Str(), titleEn: Nullable(Str()), startMonth: Str(), endMonth: Str(), progress: Progress })) }) } } },
    async () => ({ data: (await svc.listPlans(pool, now())).map((p) => ({ slug: p.slug, title: p.title, titleEn: p.title_en, startMonth: p.start_month, endMonth: p.end_month, progress: p.progress })) }));

  app.get('/api/v1/plans/:plan', { schema: { tags, summary: 'One plan: forum, commitments with milestones and progress, working groups, co-creation events', params: PlanParams, response: { 200: PlanOut, 404: ErrorSchema } } },
    async (req) => planExport(await svc.getPlan(pool, (req.params as any).plan, now())));

  app.get('/api/v1/plans/:plan/milestones', { schema: { tags, summary: 'All milestones of a plan, with overdue flags (CSV: /rencana-aksi/{plan}/tonggak.csv)', params: PlanParams, response: { 200: Type.Object({ data: Type.Array(Type.Intersect([MilestoneOut, Type.Object({ commitment: Str() })])) }), 404: ErrorSchema } } },
    async (req) => {
      const v = await svc.getPlan(pool, (req.params as any).plan, now());
      return { data: v.commitments.flatMap(({ commitment: c, milestones }) => milestones.map((m) => ({ ...presentMilestone(m), commitment: c.slug }))) };
    });

  app.post('/api/v1/plans/:plan/commitments', { schema: { tags, summary: 'Create a commitment (secretariat)', security: secured, params: PlanParams, body: Type.Object({ slug: Type.Optional(Str({ maxLength: 100 })), content: Type.Ref('PlansCommitmentInput') }), response: { 201: Type.Object({ id: Str(), slug: Str() }), ...errors } } },
    async (req, reply) => {
      const b = req.body as { slug?: string; content: CommitmentInput };
      const c = await svc.createCommitment(pool, requireActor(req), (req.params as any).plan, b);
      return reply.status(201).send({ id: c.id, slug: c.slug });
    });

  app.get('/api/v1/plans/:plan/commitments/:c', { schema: { tags, summary: 'A commitment: template sections 1–17, milestones with updates and evidence, versions, consultations, published comments with responses, assessments', params: CParams, response: { 200: CommitmentOut, 404: ErrorSchema } } },
    async (req) => presentCommitmentFull(await svc.getCommitment(pool, req.actor, (req.params as any).plan, (req.params as any).c, now())));

  app.put('/api/v1/plans/:plan/commitments/:c', { schema: { tags, summary: 'Replace the working text of a commitment (co-creators). Limits: title 250, texts 1000, ≤ 2 policy areas, ≤ 2 sectors', security: secured, params: CParams, body: Type.Ref('PlansCommitmentInput'), response: { 200: Ok, ...errors } } },
    async (req) => {
      const c = await commitmentOf(req.params as any);
      await svc.updateCommitment(pool, requireActor(req), c.id, req.body as CommitmentInput);
      return { ok: true };
    });

  app.post('/api/v1/plans/:plan/commitments/:c/versions', { schema: { tags, summary: 'Freeze the working text as a draft stage (Draft 1 → Draft 4 → Final) with its authors', security: secured, params: CParams,
    body: Type.Object({ stage: Enum(DRAFT_STAGES), authors: Type.Optional(Type.Array(Type.Object({ organisation: Str(), group: Enum(DRAFT_AUTHOR_GROUPS) }))), note: Type.Optional(Str()) }),
    response: { 201: Type.Object({ seq: Type.Integer(), stage: Str() }), ...errors } } },
    async (req, reply) => {
      const c = await commitmentOf(req.params as any);
      const v = await svc.issueVersion(pool, requireActor(req), c.id, req.body as any);
      return reply.status(201).send({ seq: v.seq, stage: v.stage });
    });

  app.get('/api/v1/plans/:plan/commitments/:c/diff', { schema: { tags, summary: 'Field-by-field, word-level diff between two versions (seq numbers; "working" for the current text)', params: CParams, querystring: Type.Object({ from: Str({ maxLength: 10 }), to: Str({ maxLength: 10 }) }), response: { 200: Type.Object({ from: Str(), to: Str(), changed: Type.Array(Str()), wordsAdded: Type.Integer(), wordsRemoved: Type.Integer(), fields: Type.Array(Type.Unknown()) }), 404: ErrorSchema } } },
    async (req) => {
      const { from, to } = req.query as { from: string; to: string };
      const v = await svc.getCommitment(pool, null, (req.params as any).plan, (req.params as any).c, now());
      const pick = (s: string) => (s === 'working' ? { stage: 'working', content: v.content } : v.versions.find((x) => String(x.seq) === s));
      const a = pick(from);
      const b = pick(to);
      if (!a || !b) throw new NotFoundError();
      return { from: a.stage, to: b.stage, ...diffVersions(a.content, b.content) };
    });

  app.post('/api/v1/plans/:plan/commitments/:c/consultations', { schema: { tags, summary: 'Open a public consultation on a frozen version between two instants (secretariat)', security: secured, params: CParams,
    body: Type.Object({ versionSeq: Type.Optional(Type.Integer()), opensAt: Type.Optional(Str({ format: 'date-time' })), closesAt: Str({ format: 'date-time' }) }),
    response: { 201: Type.Object({ id: Str() }), ...errors } } },
    async (req, reply) => {
      const c = await commitmentOf(req.params as any);
      const k = await svc.openConsultation(pool, requireActor(req), c.id, req.body as any, now());
      return reply.status(201).send({ id: k.id });
    });

  app.post('/api/v1/plans/consultations/:id/close', { schema: { tags, summary: 'Close a consultation now (secretariat)', security: secured, params: IdParams, response: { 200: Ok, ...errors } } },
    async (req) => { await svc.closeConsultation(pool, requireActor(req), (req.params as any).id, now()); return { ok: true }; });

  app.get('/api/v1/plans/:plan/commitments/:c/comments', { schema: { tags, summary: 'Published comments with their reasoned responses', params: CParams, response: { 200: Type.Object({ data: Type.Array(CommentOut) }), 404: ErrorSchema } } },
    async (req) => {
      const c = await commitmentOf(req.params as any);
      return { data: (await repo.listComments(pool, c.id, ['published'])).map(presentComment) };
    });

  app.post('/api/v1/plans/consultations/:id/comments', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { tags, summary: 'Comment on a commitment or one field of it while the consultation is open. Without an account give name and email: the comment waits for the e-mailed link. Then moderation.', params: IdParams,
    body: Type.Object({ field: Type.Optional(Nullable(Str({ description: COMMENTABLE_FIELDS.join(', ') }))), parentId: Type.Optional(Nullable(Str())), body: Str(), name: Type.Optional(Str()), email: Type.Optional(Str()) }),
    response: { 201: Type.Object({ id: Str(), status: Str() }), ...errors } } },
    async (req, reply) => {
      const r = await svc.submitComment(pool, req.actor, { consultationId: (req.params as any).id, ...(req.body as any) }, { now: now(), ipHash: svc.hashIp(req.ip, config.sessionSecret), baseUrl: config.baseUrl, locale: req.locale });
      return reply.status(201).send(r);
    });

  app.post('/api/v1/plans/comments/:id/moderation', { schema: { tags, summary: 'Publish or reject a comment (secretariat)', security: secured, params: IdParams, body: Type.Object({ decision: Enum(['publish', 'reject']), note: Type.Optional(Str()) }), response: { 200: Ok, ...errors } } },
    async (req) => { await svc.moderateComment(pool, requireActor(req), (req.params as any).id, req.body as any, config.baseUrl); return { ok: true }; });

  app.post('/api/v1/plans/comments/:id/response', { schema: { tags, summary: 'Reasoned response to a comment after the consultation closed (secretariat). landed: a version seq or "next"', security: secured, params: IdParams,
    body: Type.Object({ outcome: Enum(['accepted', 'partly_accepted', 'not_accepted']), reason: Str(), landed: Type.Optional(Nullable(Type.Union([Str(), Type.Integer()]))) }), response: { 200: Ok, ...errors } } },
    async (req) => { await svc.respondToComment(pool, requireActor(req), (req.params as any).id, req.body as any, now(), config.baseUrl); return { ok: true }; });

  app.post('/api/v1/plans/milestones/:id/updates', { schema: { tags, summary: 'Dated progress update of a milestone with evidence links (files: use the page form)', security: secured, params: IdParams,
    body: Type.Object({ status: Enum(MILESTONE_STATUSES), percent: Type.Optional(Nullable(Type.Integer())), reportedOn: Type.Optional(Str({ format: 'date' })), note: Type.Optional(Str()),
      evidence: Type.Optional(Type.Array(Type.Object({ kind: Enum(['link', 'internal']), title: Str(), url: Str({ description: 'https URL, or a path inside NTB Terbuka for kind=internal' }), internalType: Type.Optional(Enum(svc.INTERNAL_EVIDENCE_TYPES)) }))) }),
    response: { 201: Type.Object({ id: Str() }), ...errors } } },
    async (req, reply) => reply.status(201).send(await svc.reportMilestone(pool, requireActor(req), (req.params as any).id, req.body as any, now())));

  app.post('/api/v1/plans/:plan/commitments/:c/assessments', { schema: { tags, summary: 'IRM-style assessment of a commitment', security: secured, params: CParams,
    body: Type.Object({ verifiable: Type.Boolean(), relevantValues: Type.Optional(Type.Array(Enum(OGP_VALUES))), potential: Enum(['unclear', 'modest', 'substantial']), completion: Type.Optional(Nullable(Str())), earlyResults: Type.Optional(Nullable(Str())), assessor: Str(), assessedOn: Str({ format: 'date' }), note: Type.Optional(Str()) }),
    response: { 201: Type.Object({ id: Str() }), ...errors } } },
    async (req, reply) => {
      const c = await commitmentOf(req.params as any);
      return reply.status(201).send(await svc.recordAssessment(pool, requireActor(req), c.id, req.body as any));
    });
}
