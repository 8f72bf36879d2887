/**
 * Services of Rencana Aksi: (pool, actor, input) → result. Each authorizes against the actual resource,
 * validates, and writes in one transaction together with its audit entry.
 */
import crypto from 'node:crypto';
import type pg from 'pg';
import { withTransaction, type Queryable } from '../../core/db.ts';
import { audit } from '../../core/audit.ts';
import { authorize, can, SYSTEM_ACTOR, type Actor } from '../../core/policy.ts';
import { BadRequestError, ConflictError, NotFoundError, TooManyRequestsError, ValidationError, type FieldProblem } from '../../core/http/errors.ts';
import { queueMail } from '../../core/mail.ts';
import { notifyUsers, usersWithRole } from '../../core/notify.ts';
import { t, type Locale } from '../../core/i18n/i18n.ts';
import {
  COCREATION_METHODS, COMMENTABLE_FIELDS, DRAFT_AUTHOR_GROUPS, DRAFT_STAGES, IRM_COMPLETION, IRM_EARLY_RESULTS, IRM_POTENTIAL,
  MILESTONE_STATUSES, OGP_VALUES, RESPONSE_OUTCOMES, charCount, validateCommitment,
  type CommitmentInput, type DraftStage, type MilestoneInput, type MilestoneStatus,
} from './commitment.schema.ts';
import { summarize, summarizePlan, milestoneProgress, type ProgressSummary } from './progress.ts';
import { toFieldProblems } from './validation-messages.ts';
import * as repo from './plans.repo.ts';
import './plans.policy.ts';

export const COMMENT_LIMITS = { body: 2000, name: 120, perHour: 5 } as const;
const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The whole template of a commitment as it stands: sections 1–16 plus its milestones. */
export function combine(c: repo.CommitmentRow, milestones: repo.MilestoneRow[]): CommitmentInput {
  return {
    ...(c.content as Omit<CommitmentInput, 'milestones'>),
    milestones: milestones.filter((m) => m.commitment_id === c.id).map(milestoneInput),
  };
}
function milestoneInput(m: repo.MilestoneRow): MilestoneInput {
  return {
    key: m.key, output: m.output, startMonth: m.start_month, endMonth: m.end_month, responsible: m.responsible,
    responsibleNote: m.responsible_note, contactRoles: m.contact_roles, status: m.status,
  };
}
function progressInput(m: repo.MilestoneRow) {
  return { status: m.status, startMonth: m.start_month, endMonth: m.end_month, reportedPercent: m.reported_percent };
}

function normalise(input: Partial<CommitmentInput>): CommitmentInput {
  const s = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '');
  const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
  const opt = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const stakeholders = (v: unknown) => arr<Record<string, unknown>>(v).filter((r) => r && (r.organisation || r.contactRole)).map((r) => ({
    organisation: s(r.organisation), organisationName: opt(r.organisationName), branch: opt(r.branch) as never,
    contactRole: opt(r.contactRole), role: opt(r.role) as never,
  }));
  const num = (v: unknown) => (v === '' || v === null || v === undefined ? null : typeof v === 'number' ? v : Number(String(v).replace(/[.,\s](?=\d{3}\b)/g, '')));
  const r = (input.resources ?? {}) as Record<string, unknown>;
  return {
    title: s(input.title),
    startMonth: opt(input.startMonth), endMonth: opt(input.endMonth),
    leadAgencies: stakeholders(input.leadAgencies), leadNonGov: stakeholders(input.leadNonGov), otherStakeholders: stakeholders(input.otherStakeholders),
    problem: s(input.problem), statusQuo: s(input.statusQuo), action: s(input.action), howSolves: s(input.howSolves),
    longTermGoal: s(input.longTermGoal), additionalInfo: s(input.additionalInfo),
    policyAreas: arr<string>(input.policyAreas).filter(Boolean), sectors: arr<string>(input.sectors).filter(Boolean),
    values: arr<Record<string, unknown>>(input.values).filter((v) => v && v.value).map((v) => ({ value: s(v.value) as never, reason: s(v.reason) })),
    resources: {
      budgetAmount: num(r.budgetAmount), currency: opt(r.currency)?.toUpperCase() ?? null, budgetNote: opt(r.budgetNote),
      staff: num(r.staff), months: num(r.months), other: opt(r.other),
    },
    secured: opt(input.secured) as never,
    milestones: arr<Record<string, unknown>>(input.milestones).filter((m) => m && (s(m.output) || m.key)).map((m) => ({
      key: opt(m.key), output: s(m.output), startMonth: opt(m.startMonth), endMonth: opt(m.endMonth),
      responsible: arr<string>(m.responsible).map((x) => String(x).trim()).filter(Boolean), responsibleNote: opt(m.responsibleNote),
      contactRoles: arr<string>(m.contactRoles).map((x) => String(x).trim()).filter(Boolean), status: opt(m.status) as never,
    })),
  };
}

function sectionsOnly(c: CommitmentInput): Omit<CommitmentInput, 'milestones'> {
  const { milestones: _m, ...rest } = c;
  return rest;
}

async function checkOrganisations(db: Queryable, c: CommitmentInput): Promise<Map<string, { id: string; slug: string; name: string; short_name: string | null }>> {
  const slugs = new Set<string>();
  const problems: FieldProblem[] = [];
  const rows: [string, string][] = [];
  for (const f of ['leadAgencies', 'leadNonGov', 'otherStakeholders'] as const) c[f].forEach((r, i) => rows.push([`${f}[${i}].organisation`, r.organisation]));
  c.milestones.forEach((m, i) => m.responsible.forEach((o) => rows.push([`milestones[${i}].responsible`, o])));
  rows.forEach(([, s]) => slugs.add(s));
  const found = await repo.organisationsBySlug(db, [...slugs]);
  for (const [field, s] of rows) if (s && SLUG_RE.test(s) && !found.has(s)) problems.push({ field, key: 'plans.error.unknownOrganisation', params: { value: s } });
  if (problems.length) throw new ValidationError(problems);
  return found;
}

// ---------------------------------------------------------------- reading

export interface PlanSummary extends repo.PlanRow { progress: ProgressSummary & { commitments: number } }

export async function listPlans(pool: pg.Pool, now: Date): Promise<PlanSummary[]> {
  const plans = await repo.listPlans(pool);
  const out: PlanSummary[] = [];
  for (const p of plans) {
    const cs = await repo.listCommitments(pool, p.id);
    const ms = await repo.listMilestones(pool, cs.map((c) => c.id));
    out.push({ ...p, progress: summarizePlan(cs.map((c) => ms.filter((m) => m.commitment_id === c.id).map(progressInput)), now) });
  }
  return out;
}

export async function getPlan(pool: pg.Pool, slug: string, now: Date) {
  const plan = await repo.findPlanBySlug(pool, slug);
  if (!plan) throw new NotFoundError();
  const commitments = await repo.listCommitments(pool, plan.id);
  const milestones = await repo.listMilestones(pool, commitments.map((c) => c.id));
  const items = commitments.map((c) => {
    const ms = milestones.filter((m) => m.commitment_id === c.id);
    return { commitment: c, milestones: ms.map((m) => ({ ...m, progress: milestoneProgress(progressInput(m), now) })), progress: summarize(ms.map(progressInput), now) };
  });
  const orgs = await repo.organisationsBySlug(pool, [...new Set(milestones.flatMap((m) => m.responsible))]);
  return {
    plan,
    forum: await repo.forumMembers(pool, plan.id),
    commitments: items,
    progress: summarizePlan(items.map((i) => i.milestones.map(progressInput)), now),
    workingGroups: await repo.listWorkingGroups(pool, plan.id),
    events: await repo.listEvents(pool, plan.id),
    organisations: orgs,
  };
}

export type ConsultationState = 'scheduled' | 'open' | 'closed';
export function consultationState(c: { opens_at: Date; closes_at: Date }, now: Date): ConsultationState {
  if (now.getTime() < new Date(c.opens_at).getTime()) return 'scheduled';
  if (now.getTime() < new Date(c.closes_at).getTime()) return 'open';
  return 'closed';
}

export async function getCommitment(pool: pg.Pool, actor: Actor | null, planSlug: string, slug: string, now: Date) {
  const c = await repo.findCommitment(pool, planSlug, slug);
  if (!c) throw new NotFoundError();
  const plan = (await repo.findPlanBySlug(pool, planSlug))!;
  const milestones = await repo.listMilestones(pool, [c.id]);
  const ids = milestones.map((m) => m.id);
  const updates = await repo.listMilestoneUpdates(pool, ids);
  const evidence = await repo.listEvidence(pool, ids);
  const content = combine(c, milestones);
  const slugs = new Set<string>();
  for (const f of ['leadAgencies', 'leadNonGov', 'otherStakeholders'] as const) content[f].forEach((r) => slugs.add(r.organisation));
  milestones.forEach((m) => m.responsible.forEach((s) => slugs.add(s)));
  const moderator = can(actor, 'plans.comment.moderate');
  const comments = await repo.listComments(pool, c.id, moderator ? ['published', 'pending'] : ['published']);
  const consultations = await repo.listConsultations(pool, c.id);
  return {
    plan, commitment: c, content,
    milestones: milestones.map((m) => ({
      ...m, progress: milestoneProgress(progressInput(m), now),
      updates: updates.filter((u) => u.milestone_id === m.id), evidence: evidence.filter((e) => e.milestone_id === m.id),
    })),
    progress: summarize(milestones.map(progressInput), now),
    versions: await repo.listVersions(pool, c.id),
    consultations: consultations.map((k) => ({ ...k, state: consultationState(k, now) })),
    comments,
    assessments: await repo.listAssessments(pool, c.id),
    organisations: await repo.organisationsBySlug(pool, [...slugs]),
  };
}

export async function getVersions(pool: pg.Pool, planSlug: string, slug: string) {
  const c = await repo.findCommitment(pool, planSlug, slug);
  if (!c) throw new NotFoundError();
  return { commitment: c, versions: await repo.listVersions(pool, c.id) };
}

// ---------------------------------------------------------------- writing: plans and commitments

export async function createPlan(pool: pg.Pool, actor: Actor, input: { slug: string; title: string; titleEn?: string; startMonth: string; endMonth: string; description?: string; descriptionEn?: string; programme?: 'ogp_local' | 'ogi' }) {
  authorize(actor, 'plans.plan.manage');
  const problems: FieldProblem[] = [];
  if (!SLUG_RE.test(input.slug ?? '')) problems.push({ field: 'slug', key: 'validation.pattern' });
  if (!input.title?.trim()) problems.push({ field: 'title', key: 'validation.required' });
  for (const f of ['startMonth', 'endMonth'] as const) if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input[f] ?? '')) problems.push({ field: f, key: 'validation.format.month' });
  if (problems.length) throw new ValidationError(problems);
  return withTransaction(pool, async (tx) => {
    if (await repo.findPlanBySlug(tx, input.slug)) throw new ConflictError('error.conflict', {}, [{ field: 'slug', key: 'plans.error.slugTaken' }]);
    const p = await repo.insertPlan(tx, { slug: input.slug, title: input.title.trim(), title_en: input.titleEn ?? null, programme: input.programme ?? 'ogp_local', start_month: input.startMonth, end_month: input.endMonth, description: input.description ?? '', description_en: input.descriptionEn ?? '' });
    await audit(tx, actor, { action: 'plans.plan.create', entityType: 'plans_plan', entityId: p.id, after: p });
    return p;
  });
}

function assignMilestoneKeys(c: CommitmentInput): void {
  const used = new Set(c.milestones.map((m) => m.key).filter(Boolean));
  for (const m of c.milestones) {
    if (!m.key) {
      let k: string;
      do k = `m-${crypto.randomBytes(4).toString('hex')}`; while (used.has(k));
      m.key = k;
      used.add(k);
    }
  }
}

export async function createCommitment(pool: pg.Pool, actor: Actor, planSlug: string, input: { slug?: string; content: Partial<CommitmentInput> }) {
  authorize(actor, 'plans.commitment.create');
  const content = normalise(input.content ?? {});
  const errors = validateCommitment(content);
  if (errors.length) throw new ValidationError(toFieldProblems(errors));
  return withTransaction(pool, async (tx) => {
    const plan = await repo.findPlanBySlug(tx, planSlug);
    if (!plan) throw new NotFoundError();
    const orgs = await checkOrganisations(tx, content);
    assignMilestoneKeys(content);
    const number = await repo.nextCommitmentNumber(tx, plan.id);
    const slug = input.slug && SLUG_RE.test(input.slug) ? input.slug : `komitmen-${number}`;
    if (await repo.findCommitment(tx, planSlug, slug)) throw new ConflictError('error.conflict', {}, [{ field: 'slug', key: 'plans.error.slugTaken' }]);
    const lead = content.leadAgencies[0]?.organisation;
    const c = await repo.insertCommitment(tx, { planId: plan.id, slug, number, content: sectionsOnly(content), leadOrganisationId: lead ? orgs.get(lead)?.id ?? null : null });
    await repo.replaceMilestones(tx, c.id, content.milestones);
    await audit(tx, actor, { action: 'plans.commitment.create', entityType: 'plans_commitment', entityId: c.id, after: content });
    return { ...c, plan_slug: planSlug };
  });
}

/**
 * Replaces the working text of a commitment (sections 1–17). Over-limit texts inherited unchanged from the
 * current text are tolerated (see `ValidateOptions.previous`); milestone progress fields are kept.
 */
export async function updateCommitment(pool: pg.Pool, actor: Actor, commitmentId: string, input: Partial<CommitmentInput>) {
  return withTransaction(pool, async (tx) => {
    const c = await repo.lockCommitment(tx, commitmentId);
    if (!c) throw new NotFoundError();
    authorize(actor, 'plans.commitment.edit', c);
    const before = combine(c, await repo.listMilestones(tx, [c.id]));
    const content = normalise(input);
    const errors = validateCommitment(content, { previous: before });
    if (errors.length) throw new ValidationError(toFieldProblems(errors));
    const orgs = await checkOrganisations(tx, content);
    assignMilestoneKeys(content);
    const lead = content.leadAgencies[0]?.organisation;
    await repo.updateCommitmentContent(tx, c.id, sectionsOnly(content), lead ? orgs.get(lead)?.id ?? null : null);
    await repo.replaceMilestones(tx, c.id, content.milestones);
    await audit(tx, actor, { action: 'plans.commitment.update', entityType: 'plans_commitment', entityId: c.id, before, after: content });
    return content;
  });
}

/** Freezes the working text as the given draft stage (Draft 1 → … → Final), with its authors. */
export async function issueVersion(pool: pg.Pool, actor: Actor, commitmentId: string, input: { stage: string; authors?: { organisation: string; group: string }[]; note?: string }) {
  const stage = input.stage as DraftStage;
  if (!DRAFT_STAGES.includes(stage)) throw new ValidationError([{ field: 'stage', key: 'validation.enum' }]);
  const authors = (input.authors ?? []).filter((a) => a && a.organisation);
  const problems: FieldProblem[] = [];
  authors.forEach((a, i) => { if (!DRAFT_AUTHOR_GROUPS.includes(a.group as never)) problems.push({ field: `authors[${i}].group`, key: 'validation.enum' }); });
  if (charCount(input.note ?? '') > 1000) problems.push({ field: 'note', key: 'validation.maxLength', params: { limit: 1000 } });
  if (problems.length) throw new ValidationError(problems);
  return withTransaction(pool, async (tx) => {
    const c = await repo.lockCommitment(tx, commitmentId);
    if (!c) throw new NotFoundError();
    authorize(actor, 'plans.version.issue', { ...c, stage });
    if (c.stage && DRAFT_STAGES.indexOf(stage) <= DRAFT_STAGES.indexOf(c.stage as DraftStage)) {
      throw new ValidationError([{ field: 'stage', key: 'plans.error.stageOrder', params: { stage: c.stage } }]);
    }
    const content = combine(c, await repo.listMilestones(tx, [c.id]));
    if (stage === 'final') {
      const errs = validateCommitment(content, { complete: true, previous: content }).filter((e) => e.code !== 'maxLength');
      if (errs.length) throw new ValidationError(toFieldProblems(errs));
    }
    const orgs = await repo.organisationsBySlug(tx, authors.map((a) => a.organisation));
    authors.forEach((a, i) => { if (!orgs.has(a.organisation)) problems.push({ field: `authors[${i}].organisation`, key: 'plans.error.unknownOrganisation', params: { value: a.organisation } }); });
    if (problems.length) throw new ValidationError(problems);
    const v = await repo.insertVersion(tx, { commitmentId: c.id, stage, content, authors, note: input.note ?? '', createdBy: actor.via === 'system' ? null : actor.id });
    await repo.setCommitmentStage(tx, c.id, stage);
    const landed = await repo.landPendingResponses(tx, c.id, v.id);
    await audit(tx, actor, { action: 'plans.version.issue', entityType: 'plans_commitment', entityId: c.id, after: { versionId: v.id, seq: v.seq, stage, authors, landedResponses: landed } });
    return v;
  });
}

// ---------------------------------------------------------------- consultation

export async function openConsultation(pool: pg.Pool, actor: Actor, commitmentId: string, input: { versionSeq?: number; opensAt?: string | Date; closesAt: string | Date }, now: Date) {
  authorize(actor, 'plans.consultation.manage');
  const opensAt = input.opensAt ? new Date(input.opensAt) : now;
  const closesAt = new Date(input.closesAt);
  const problems: FieldProblem[] = [];
  if (Number.isNaN(opensAt.getTime())) problems.push({ field: 'opensAt', key: 'validation.format.date-time' });
  if (Number.isNaN(closesAt.getTime())) problems.push({ field: 'closesAt', key: 'validation.format.date-time' });
  else if (closesAt <= opensAt) problems.push({ field: 'closesAt', key: 'plans.error.closesBeforeOpens' });
  if (problems.length) throw new ValidationError(problems);
  return withTransaction(pool, async (tx) => {
    const c = await repo.lockCommitment(tx, commitmentId);
    if (!c) throw new NotFoundError();
    const versions = await repo.listVersions(tx, c.id);
    const v = input.versionSeq ? versions.find((x) => x.seq === Number(input.versionSeq)) : versions.at(-1);
    if (!v) throw new ValidationError([{ field: 'versionSeq', key: 'plans.error.noVersion' }]);
    const open = (await repo.listConsultations(tx, c.id)).find((k) => consultationState(k, now) !== 'closed');
    if (open) throw new ConflictError('plans.error.consultationExists');
    const k = await repo.insertConsultation(tx, { commitmentId: c.id, versionId: v.id, opensAt, closesAt, createdBy: actor.id });
    await audit(tx, actor, { action: 'plans.consultation.open', entityType: 'plans_commitment', entityId: c.id, after: { consultationId: k.id, versionSeq: v.seq, stage: v.stage, opensAt, closesAt } });
    return { ...k, version_seq: v.seq, version_stage: v.stage };
  });
}

export async function closeConsultation(pool: pg.Pool, actor: Actor, consultationId: string, now: Date) {
  authorize(actor, 'plans.consultation.manage');
  return withTransaction(pool, async (tx) => {
    const k = await repo.findConsultation(tx, consultationId);
    if (!k) throw new NotFoundError();
    if (consultationState(k, now) === 'closed') return;
    await repo.closeConsultation(tx, k.id, now);
    await audit(tx, actor, { action: 'plans.consultation.close', entityType: 'plans_commitment', entityId: k.commitment_id, after: { consultationId: k.id, closedAt: now } });
  });
}

export interface CommentInput {
  consultationId: string;
  field?: string | null;
  parentId?: string | null;
  body: string;
  name?: string;
  email?: string;
}

export function hashIp(ip: string | undefined, secret: string): string | null {
  return ip ? crypto.createHmac('sha256', secret).update(ip).digest('hex').slice(0, 32) : null;
}

/**
 * A public comment. With an account it goes straight to moderation; without one the commenter gives an
 * e-mail address and the comment waits until the link sent there is opened. Rate-limited per account,
 * address and IP. Secretariat replies are published at once.
 */
export async function submitComment(pool: pg.Pool, actor: Actor | null, input: CommentInput, meta: { now: Date; ipHash: string | null; baseUrl: string; locale: Locale }) {
  const body = (input.body ?? '').replace(/\r\n/g, '\n').trim();
  const field = input.field ? String(input.field) : null;
  const problems: FieldProblem[] = [];
  if (!body) problems.push({ field: 'body', key: 'validation.required' });
  else if (charCount(body) > COMMENT_LIMITS.body) problems.push({ field: 'body', key: 'validation.maxLength', params: { limit: COMMENT_LIMITS.body } });
  if (field && !(COMMENTABLE_FIELDS as string[]).includes(field)) problems.push({ field: 'field', key: 'validation.enum' });
  const email = (input.email ?? '').trim();
  const name = (input.name ?? '').trim();
  if (!actor) {
    if (!email) problems.push({ field: 'email', key: 'plans.comment.emailRequired' });
    else if (!/^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(email) || email.length > 200) problems.push({ field: 'email', key: 'validation.format.email' });
    if (!name) problems.push({ field: 'name', key: 'validation.required' });
  }
  if (name.length > COMMENT_LIMITS.name) problems.push({ field: 'name', key: 'validation.maxLength', params: { limit: COMMENT_LIMITS.name } });
  if (problems.length) throw new ValidationError(problems);

  return withTransaction(pool, async (tx) => {
    const k = await repo.findConsultation(tx, input.consultationId);
    if (!k) throw new NotFoundError();
    if (consultationState(k, meta.now) !== 'open') throw new ConflictError('plans.error.consultationNotOpen');
    let parent: repo.CommentRow | null = null;
    if (input.parentId) {
      parent = await repo.findComment(tx, input.parentId);
      if (!parent || parent.commitment_id !== k.commitment_id || parent.status !== 'published') throw new ValidationError([{ field: 'parentId', key: 'validation.invalid' }]);
    }
    const hourAgo = new Date(meta.now.getTime() - 3600_000);
    const recent = await repo.countRecentComments(tx, { userId: actor?.id, email: actor ? null : email, ipHash: meta.ipHash }, hourAgo);
    if (recent >= COMMENT_LIMITS.perHour && !can(actor, 'plans.comment.moderate')) throw new TooManyRequestsError('plans.error.tooManyComments', { limit: COMMENT_LIMITS.perHour }, 3600);
    const moderator = can(actor, 'plans.comment.moderate');
    let token: string | null = null;
    const status = moderator ? 'published' : actor ? 'pending' : 'unverified';
    if (status === 'unverified') token = crypto.randomBytes(24).toString('base64url');
    const tokenHash = token ? crypto.createHash('sha256').update(token).digest('hex') : null;
    const row = await repo.insertComment(tx, {
      consultationId: k.id, commitmentId: k.commitment_id, versionId: k.version_id, field: parent ? parent.field : field,
      parentId: parent?.id ?? null, body, authorUserId: actor?.id ?? null, authorName: actor ? (name || actor.name) : name,
      authorEmail: actor ? null : email, verifyTokenHash: tokenHash, status, ipHash: meta.ipHash,
    });
    if (token) {
      await queueMail(tx, {
        to: email,
        subject: `[NTB Terbuka] ${t(meta.locale, 'plans.comment.verifySubject')}`,
        text: `${t(meta.locale, 'plans.comment.verifyBody')}\n\n${meta.baseUrl}/rencana-aksi/komentar/verifikasi/${token}\n`,
      });
    }
    if (status === 'pending') {
      const ids = await usersWithRole(tx, 'plan_secretariat', null);
      await notifyUsers(tx, ids, { kind: 'plans.comment.pending', titleKey: 'plans.notify.commentPending', url: '/rencana-aksi/kelola' }, meta.baseUrl, { email: false });
    }
    await audit(tx, actor, { action: 'plans.comment.submit', entityType: 'plans_comment', entityId: row.id, after: { commitmentId: k.commitment_id, field, parentId: parent?.id ?? null, status } });
    return { id: row.id, status };
  });
}

export async function verifyComment(pool: pg.Pool, token: string, baseUrl: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw new NotFoundError();
  return withTransaction(pool, async (tx) => {
    const r = await repo.verifyComment(tx, crypto.createHash('sha256').update(token).digest('hex'));
    if (!r) throw new NotFoundError();
    const ids = await usersWithRole(tx, 'plan_secretariat', null);
    await notifyUsers(tx, ids, { kind: 'plans.comment.pending', titleKey: 'plans.notify.commentPending', url: '/rencana-aksi/kelola' }, baseUrl, { email: false });
    await audit(tx, null, { action: 'plans.comment.verify', entityType: 'plans_comment', entityId: r.id });
    return r;
  });
}

/** Tells a commenter (account: in-app + e-mail; without account: e-mail) that their comment moved on. */
async function notifyAuthor(tx: Queryable, c: repo.CommentRow, titleKey: string, baseUrl: string): Promise<void> {
  const url = `/rencana-aksi/${c.plan_slug}/${c.commitment_slug}#k-${c.id}`;
  if (c.author_user_id) {
    await notifyUsers(tx, [c.author_user_id], { kind: 'plans.comment.author', titleKey, params: { title: c.commitment_title ?? '' }, url }, baseUrl);
  } else if (c.author_email) {
    // No account, so no known language: the message in both, Indonesian first.
    const params = { title: c.commitment_title ?? '' };
    await queueMail(tx, { to: c.author_email, subject: `[NTB Terbuka] ${t('id', titleKey, params)}`, text: `${t('id', titleKey, params)}\n${t('en', titleKey, params)}\n\n${baseUrl}${url}\n` });
  }
}

export async function moderateComment(pool: pg.Pool, actor: Actor, commentId: string, input: { decision: string; note?: string }, baseUrl = '') {
  authorize(actor, 'plans.comment.moderate');
  if (input.decision !== 'publish' && input.decision !== 'reject') throw new ValidationError([{ field: 'decision', key: 'validation.enum' }]);
  if (input.decision === 'reject' && !input.note?.trim()) throw new ValidationError([{ field: 'note', key: 'plans.error.rejectReason' }]);
  return withTransaction(pool, async (tx) => {
    const c = await repo.findComment(tx, commentId);
    if (!c || c.status === 'unverified') throw new NotFoundError();
    const status = input.decision === 'publish' ? 'published' : 'rejected';
    await repo.moderateComment(tx, c.id, status, actor.id, input.note?.trim() || null);
    if (status === 'published' && c.status !== 'published') await notifyAuthor(tx, c, 'plans.notify.commentPublished', baseUrl);
    await audit(tx, actor, { action: `plans.comment.${input.decision}`, entityType: 'plans_comment', entityId: c.id, before: { status: c.status }, after: { status, note: input.note ?? null } });
  });
}

/**
 * The reasoned response to a comment, after its consultation closed. `landed` is a version seq, or
 * 'next' for "will land in the next version" (set when that version is issued), or none.
 */
export async function respondToComment(pool: pg.Pool, actor: Actor, commentId: string, input: { outcome: string; reason: string; landed?: string | number | null }, now: Date, baseUrl = '') {
  authorize(actor, 'plans.comment.respond');
  const problems: FieldProblem[] = [];
  if (!RESPONSE_OUTCOMES.includes(input.outcome as never)) problems.push({ field: 'outcome', key: 'validation.enum' });
  const reason = (input.reason ?? '').trim();
  if (!reason) problems.push({ field: 'reason', key: 'validation.required' });
  else if (charCount(reason) > 2000) problems.push({ field: 'reason', key: 'validation.maxLength', params: { limit: 2000 } });
  if (problems.length) throw new ValidationError(problems);
  return withTransaction(pool, async (tx) => {
    const c = await repo.findComment(tx, commentId);
    if (!c || c.status !== 'published') throw new NotFoundError();
    const k = (await repo.findConsultation(tx, c.consultation_id))!;
    if (consultationState(k, now) !== 'closed') throw new ConflictError('plans.error.respondAfterClose');
    let landedVersionId: string | null = null;
    if (input.landed && input.landed !== 'next' && input.outcome !== 'not_accepted') {
      const v = (await repo.listVersions(tx, c.commitment_id)).find((x) => x.seq === Number(input.landed));
      if (!v) throw new ValidationError([{ field: 'landed', key: 'plans.error.noVersion' }]);
      landedVersionId = v.id;
    }
    const first = !c.response_outcome;
    await repo.upsertResponse(tx, { commentId: c.id, outcome: input.outcome, reason, landedVersionId, respondedBy: actor.id });
    if (first) await notifyAuthor(tx, c, 'plans.notify.commentAnswered', baseUrl);
    await audit(tx, actor, { action: 'plans.comment.respond', entityType: 'plans_comment', entityId: c.id, after: { outcome: input.outcome, reason, landedVersionId } });
  });
}

export async function moderationQueue(pool: pg.Pool, actor: Actor, now: Date) {
  authorize(actor, 'plans.manage.view');
  return {
    pending: can(actor, 'plans.comment.moderate') ? await repo.listCommentsByStatus(pool, 'pending') : [],
    unanswered: can(actor, 'plans.comment.respond') ? await repo.listUnanswered(pool, now) : [],
  };
}

// ---------------------------------------------------------------- milestones

export const INTERNAL_EVIDENCE_TYPES = ['dataset', 'harvest_source', 'report', 'complaint_stats', 'spbe_indicator', 'commitment', 'other'] as const;

export interface EvidenceInput {
  kind: 'file' | 'link' | 'internal';
  title: string;
  url?: string;
  fileId?: string;
  internalType?: string;
}

export async function reportMilestone(pool: pg.Pool, actor: Actor, milestoneId: string, input: { reportedOn?: string; status: string; percent?: number | string | null; note?: string; evidence?: EvidenceInput[] }, now: Date) {
  const problems: FieldProblem[] = [];
  if (!MILESTONE_STATUSES.includes(input.status as MilestoneStatus)) problems.push({ field: 'status', key: 'validation.enum' });
  const percent = input.percent === '' || input.percent === null || input.percent === undefined ? null : Number(input.percent);
  if (percent !== null && (!Number.isInteger(percent) || percent < 0 || percent > 100)) problems.push({ field: 'percent', key: 'plans.error.percent' });
  const reportedOn = input.reportedOn || new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(reportedOn) || Number.isNaN(Date.parse(reportedOn))) problems.push({ field: 'reportedOn', key: 'validation.format.date' });
  if (charCount(input.note ?? '') > 2000) problems.push({ field: 'note', key: 'validation.maxLength', params: { limit: 2000 } });
  (input.evidence ?? []).forEach((e, i) => {
    if (!e.title?.trim()) problems.push({ field: `evidence[${i}].title`, key: 'validation.required' });
    if (e.kind === 'link' && !/^https?:\/\/\S+$/.test(e.url ?? '')) problems.push({ field: `evidence[${i}].url`, key: 'validation.format.uri' });
    if (e.kind === 'internal' && !/^\/[^\s/][^\s]*$/.test(e.url ?? '')) problems.push({ field: `evidence[${i}].url`, key: 'plans.error.internalPath' });
    if (e.kind === 'internal' && !INTERNAL_EVIDENCE_TYPES.includes(e.internalType as never)) problems.push({ field: `evidence[${i}].internalType`, key: 'validation.enum' });
    if (e.kind === 'file' && !e.fileId) problems.push({ field: `evidence[${i}].file`, key: 'validation.required' });
  });
  if (problems.length) throw new ValidationError(problems);
  return withTransaction(pool, async (tx) => {
    const m = await repo.findMilestone(tx, milestoneId);
    if (!m) throw new NotFoundError();
    const orgs = await repo.organisationsBySlug(tx, m.responsible);
    authorize(actor, 'plans.milestone.report', { ...m, responsibleOrgIds: [...orgs.values()].map((o) => o.id) });
    const u = await repo.insertMilestoneUpdate(tx, { milestoneId: m.id, reportedOn, status: input.status, percent, note: input.note?.trim() ?? '', createdBy: actor.id });
    await repo.setMilestoneProgress(tx, m.id, input.status, input.status === 'finished' ? 100 : percent);
    for (const e of input.evidence ?? []) {
      await repo.insertEvidence(tx, { milestoneId: m.id, updateId: u.id, kind: e.kind, title: e.title.trim(), fileId: e.fileId ?? null, url: e.url ?? null, internalType: e.internalType ?? null, createdBy: actor.id });
    }
    await audit(tx, actor, { action: 'plans.milestone.report', entityType: 'plans_milestone', entityId: m.id, before: { status: m.status, percent: m.reported_percent }, after: { status: input.status, percent, reportedOn, evidence: input.evidence ?? [] } });
    return { id: u.id };
  });
}

// ---------------------------------------------------------------- co-creation log, working groups, assessment

export async function logEvent(pool: pg.Pool, actor: Actor, planSlug: string, input: { method: string; heldOn: string; title: string; organisations?: string[]; participants?: number | string | null; outcomes?: string; commitmentId?: string | null; minutesFileId?: string | null }) {
  authorize(actor, 'plans.event.log');
  const problems: FieldProblem[] = [];
  if (!COCREATION_METHODS.includes(input.method as never)) problems.push({ field: 'method', key: 'validation.enum' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.heldOn ?? '')) problems.push({ field: 'heldOn', key: 'validation.format.date' });
  if (!input.title?.trim()) problems.push({ field: 'title', key: 'validation.required' });
  else if (charCount(input.title) > 250) problems.push({ field: 'title', key: 'validation.maxLength', params: { limit: 250 } });
  const participants = input.participants === '' || input.participants == null ? null : Number(input.participants);
  if (participants !== null && (!Number.isInteger(participants) || participants < 0)) problems.push({ field: 'participants', key: 'validation.integer' });
  if (charCount(input.outcomes ?? '') > 2000) problems.push({ field: 'outcomes', key: 'validation.maxLength', params: { limit: 2000 } });
  if (problems.length) throw new ValidationError(problems);
  return withTransaction(pool, async (tx) => {
    const plan = await repo.findPlanBySlug(tx, planSlug);
    if (!plan) throw new NotFoundError();
    const slugs = [...new Set((input.organisations ?? []).filter(Boolean))];
    const found = await repo.organisationsBySlug(tx, slugs);
    const unknown = slugs.filter((s) => !found.has(s));
    if (unknown.length) throw new ValidationError([{ field: 'organisations', key: 'plans.error.unknownOrganisation', params: { value: unknown.join(', ') } }]);
    if (input.commitmentId) {
      const c = await repo.findCommitmentById(tx, input.commitmentId);
      if (!c || c.plan_id !== plan.id) throw new ValidationError([{ field: 'commitmentId', key: 'validation.invalid' }]);
    }
    const e = await repo.insertEvent(tx, { planId: plan.id, commitmentId: input.commitmentId || null, method: input.method, heldOn: input.heldOn, title: input.title.trim(), organisations: slugs, participants, minutesFileId: input.minutesFileId ?? null, outcomes: input.outcomes?.trim() ?? '', createdBy: actor.id });
    await audit(tx, actor, { action: 'plans.event.log', entityType: 'plans_plan', entityId: plan.id, after: { eventId: e.id, ...input } });
    return e;
  });
}

export async function createWorkingGroup(pool: pg.Pool, actor: Actor, planSlug: string, input: { name: string; theme?: string; members?: { organisation: string; memberRole?: string }[]; commitmentIds?: string[] }) {
  authorize(actor, 'plans.workingGroup.manage');
  if (!input.name?.trim()) throw new ValidationError([{ field: 'name', key: 'validation.required' }]);
  return withTransaction(pool, async (tx) => {
    const plan = await repo.findPlanBySlug(tx, planSlug);
    if (!plan) throw new NotFoundError();
    const members = (input.members ?? []).filter((m) => m.organisation);
    const orgs = await repo.organisationsBySlug(tx, members.map((m) => m.organisation));
    const problems: FieldProblem[] = [];
    members.forEach((m, i) => { if (!orgs.has(m.organisation)) problems.push({ field: `members[${i}].organisation`, key: 'plans.error.unknownOrganisation', params: { value: m.organisation } }); });
    if (problems.length) throw new ValidationError(problems);
    const g = await repo.insertWorkingGroup(tx, plan.id, input.name.trim(), input.theme?.trim() ?? '');
    for (const m of members) await repo.addWorkingGroupMember(tx, g.id, orgs.get(m.organisation)!.id, m.memberRole?.trim() ?? '', null);
    for (const id of input.commitmentIds ?? []) {
      const c = await repo.findCommitmentById(tx, id);
      if (c && c.plan_id === plan.id) await repo.setWorkingGroup(tx, c.id, g.id);
    }
    await audit(tx, actor, { action: 'plans.workingGroup.create', entityType: 'plans_plan', entityId: plan.id, after: { groupId: g.id, ...input } });
    return g;
  });
}

export async function recordAssessment(pool: pg.Pool, actor: Actor, commitmentId: string, input: { verifiable: boolean | string; relevantValues?: string[]; potential: string; completion?: string | null; earlyResults?: string | null; assessor: string; assessedOn: string; note?: string }) {
  authorize(actor, 'plans.assessment.record');
  const problems: FieldProblem[] = [];
  const verifiable = input.verifiable === true || input.verifiable === 'true' || input.verifiable === 'yes';
  if (!IRM_POTENTIAL.includes(input.potential as never)) problems.push({ field: 'potential', key: 'validation.enum' });
  if (input.completion && !IRM_COMPLETION.includes(input.completion as never)) problems.push({ field: 'completion', key: 'validation.enum' });
  if (input.earlyResults && !IRM_EARLY_RESULTS.includes(input.earlyResults as never)) problems.push({ field: 'earlyResults', key: 'validation.enum' });
  const values = (input.relevantValues ?? []).filter(Boolean);
  if (values.some((v) => !OGP_VALUES.includes(v as never))) problems.push({ field: 'relevantValues', key: 'validation.enum' });
  if (!input.assessor?.trim()) problems.push({ field: 'assessor', key: 'validation.required' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.assessedOn ?? '')) problems.push({ field: 'assessedOn', key: 'validation.format.date' });
  if (problems.length) throw new ValidationError(problems);
  return withTransaction(pool, async (tx) => {
    const c = await repo.findCommitmentById(tx, commitmentId);
    if (!c) throw new NotFoundError();
    const a = await repo.insertAssessment(tx, { commitmentId: c.id, verifiable, relevantValues: values, potential: input.potential, completion: input.completion || null, earlyResults: input.earlyResults || null, assessor: input.assessor.trim(), assessedOn: input.assessedOn, note: input.note?.trim() ?? '', createdBy: actor.id });
    await audit(tx, actor, { action: 'plans.assessment.record', entityType: 'plans_commitment', entityId: c.id, after: input });
    return a;
  });
}

/**
 * Milestones an organisation is responsible for, with counts: for the leaders' dashboard (Dasbor Pimpinan),
 * which calls this instead of reading plans tables.
 */
export async function organisationMilestones(pool: pg.Pool, organisationSlug: string, now: Date) {
  const { rows } = await pool.query(
    `SELECT m.*, c.slug AS commitment_slug, c.title AS commitment_title, p.slug AS plan_slug
     FROM plans_milestones m JOIN plans_commitments c ON c.id = m.commitment_id JOIN plans_plans p ON p.id = c.plan_id
     WHERE $1 = ANY(m.responsible) ORDER BY p.slug, c.number, m.position`, [organisationSlug]);
  const items = rows.map((m: repo.MilestoneRow & { commitment_slug: string; commitment_title: string; plan_slug: string }) => ({
    plan: m.plan_slug, commitment: m.commitment_slug, commitmentTitle: m.commitment_title, key: m.key, output: m.output,
    startMonth: m.start_month, endMonth: m.end_month, status: m.status, url: `/rencana-aksi/${m.plan_slug}/${m.commitment_slug}#m-${m.key}`,
    ...milestoneProgress(progressInput(m), now),
  }));
  return { summary: summarize(rows.map(progressInput), now), milestones: items };
}

export { BadRequestError, SYSTEM_ACTOR };
