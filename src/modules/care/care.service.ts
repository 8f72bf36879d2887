/**
 * NTB Care services: intake (every channel), the workflow, notes, SLA timers. Each takes the acting
 * party first, authorizes against the actual report, and writes report + event + audit +
 * notifications in one transaction.
 */
import crypto from 'node:crypto';
import type pg from 'pg';
import type { Config } from '../../config.ts';
import type { FileService, StoredFile } from '../../core/files.ts';
import { withTransaction, type Queryable } from '../../core/db.ts';
import { audit } from '../../core/audit.ts';
import { notifyUsers, usersWithRole } from '../../core/notify.ts';
import { queueMail } from '../../core/mail.ts';
import { t, formatDate, type Locale } from '../../core/i18n/i18n.ts';
import { authorize, orgsWithRole, SYSTEM_ACTOR, type Actor } from '../../core/policy.ts';
import { parseInput } from '../../core/validation.ts';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../core/http/errors.ts';
import * as repo from './care.repo.ts';
import { IntakeSchema, TransitionSchema, type IntakeInput } from './report.schema.ts';
import { checkAttributes, canonicalRequest, normalisePhone } from './intake.ts';
import { matchRoutingRule } from './routing.ts';
import { decideTransition, transitions, type ActorRole, type ReportAction, type ReportState, type TransitionDef, type TransitionPayload } from './report-workflow.ts';
import { deriveClocks, evaluateReportSla, objectionWindowOpen, type ClockEvent, type ReportSla } from './report-clock.ts';
import { createCalendar, evaluateSla, type WorkingCalendar } from './sla-clock.ts';
import { hashSecret, newReporterSecret, newTrackingCode, normaliseTrackingCode, secretMatches } from './tracking-code.ts';
import { isComplaintAdmin, staffViewOf } from './care.policy.ts';
import type { Channel } from './report.model.ts';
import { checkAttachment, sanitizeImage, MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES } from './attachment.policy.ts';
import './care.policy.ts';
import { ESCALATION_ORG_SLUG } from './seed/organisations.ts';

export interface CareDeps {
  pool: pg.Pool;
  config: Config;
  /** Needed only to process attachments. */
  files?: FileService;
}

export const OBJECTION_WORKING_DAYS = 10;

// ---------------------------------------------------------------- calendar

let calendarCache: { at: number; cal: WorkingCalendar } | null = null;

/** The working calendar from the database (cached for a minute; invalidated on edits). */
export async function loadCalendar(db: Queryable): Promise<WorkingCalendar> {
  if (calendarCache && Date.now() - calendarCache.at < 60_000) return calendarCache.cal;
  const { holidays, years } = await repo.listHolidays(db);
  const cal = createCalendar(holidays, { years });
  calendarCache = { at: Date.now(), cal };
  return cal;
}
export function invalidateCalendar(): void {
  calendarCache = null;
}

/** A value recomputed at most every `ms` (reference data on the hot intake path). */
function cached<T>(ms: number, load: (db: Queryable) => Promise<T>): { get(db: Queryable): Promise<T>; clear(): void } {
  let entry: { at: number; value: T } | null = null;
  return {
    async get(db) {
      if (entry && Date.now() - entry.at < ms) return entry.value;
      const value = await load(db);
      entry = { at: Date.now(), value };
      return value;
    },
    clear() { entry = null; },
  };
}
const categoriesCache = cached(30_000, async (db) => new Map((await repo.listAllCategories(db, 'id')).map((c) => [c.code, c])));
const regionsCache = cached(300_000, async (db) => new Set((await db.query(`SELECT code FROM regions WHERE level IN ('kabupaten', 'kota', 'kecamatan')`)).rows.map((r) => r.code as string)));
const adminsCache = cached(30_000, (db) => usersWithRole(db, 'complaint_admin', null));
export function invalidateReferenceCaches(): void {
  categoriesCache.clear();
  regionsCache.clear();
  adminsCache.clear();
}

let rulesCache: { at: number; rules: Awaited<ReturnType<typeof repo.listRules>> } | null = null;
/** Routing rules (cached for 30 s; invalidated when the admin edits them in this process). */
export async function loadRules(db: Queryable): Promise<Awaited<ReturnType<typeof repo.listRules>>> {
  if (rulesCache && Date.now() - rulesCache.at < 30_000) return rulesCache.rules;
  const rules = await repo.listRules(db);
  rulesCache = { at: Date.now(), rules };
  return rules;
}
export function invalidateRules(): void {
  rulesCache = null;
}

// ---------------------------------------------------------------- reporter secret (kept encrypted to re-send the link)

function secretKey(config: Config): Buffer {
  return crypto.createHash('sha256').update(`care-reporter-link:${config.sessionSecret}`).digest();
}
export function encryptSecret(config: Config, secret: string): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', secretKey(config), iv);
  const enc = Buffer.concat([c.update(secret, 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), enc]).toString('base64url');
}
export function decryptSecret(config: Config, blob: string | null): string | null {
  if (!blob) return null;
  try {
    const b = Buffer.from(blob, 'base64url');
    const d = crypto.createDecipheriv('aes-256-gcm', secretKey(config), b.subarray(0, 12));
    d.setAuthTag(b.subarray(12, 28));
    return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8');
  } catch {
    return null;
  }
}

export function trackingPath(code: string): string {
  return `/pengaduan/lacak/${code}`;
}
export function reporterLink(config: Config, code: string, secret: string | null): string {
  return `${config.baseUrl}${trackingPath(code)}${secret ? `?k=${encodeURIComponent(secret)}` : ''}`;
}

// ---------------------------------------------------------------- attachments

export interface PreparedAttachment {
  originalFileId: string;
  publicFileId: string | null;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
}

/**
 * Turns stored uploads into report attachments: images are decoded and re-encoded without metadata
 * (the public copy); PDFs stay staff-only. Runs outside the report transaction (CPU work).
 */
export async function prepareAttachments(deps: CareDeps, stored: StoredFile[]): Promise<PreparedAttachment[]> {
  if (stored.length > MAX_ATTACHMENTS) throw new ValidationError([{ field: 'files', key: 'care.attachment.tooMany', params: { max: MAX_ATTACHMENTS } }]);
  const out: PreparedAttachment[] = [];
  const files = deps.files;
  if (!files) throw new Error('file service required');
  for (const f of stored) {
    const check = checkAttachment({ name: f.originalName, size: f.size, detectedMime: f.mime });
    if (!check.ok) throw new ValidationError([{ field: 'files', key: check.key, params: check.params }]);
    if (check.kind === 'pdf') {
      out.push({ originalFileId: f.id, publicFileId: null, mime: f.mime, size: f.size, width: null, height: null });
      continue;
    }
    const chunks: Buffer[] = [];
    for await (const c of await files.open(f)) chunks.push(c as Buffer);
    let img;
    try {
      img = await sanitizeImage(Buffer.concat(chunks));
    } catch {
      throw new ValidationError([{ field: 'files', key: 'care.attachment.undecodable', params: { name: f.originalName } }]);
    }
    const pub = await files.saveBuffer(deps.pool, img.data, { originalName: `${f.originalName.replace(/\.[^.]*$/, '')}.jpg`, mime: 'image/jpeg', ext: 'jpg' });
    out.push({ originalFileId: f.id, publicFileId: pub.id, mime: f.mime, size: f.size, width: img.width, height: img.height });
  }
  return out;
}

export const ATTACHMENT_ACCEPT = ['image', 'pdf'];
export const ATTACHMENT_MAX_BYTES = MAX_ATTACHMENT_BYTES;

// ---------------------------------------------------------------- intake

export interface CreatedReport {
  id: string;
  trackingCode: string;
  /** The reporter's secret; null on an idempotent replay (it was shown the first time). */
  secret: string | null;
  state: ReportState;
  replay: boolean;
}

export interface IntakeOptions {
  channel: Channel;
  attachments?: PreparedAttachment[];
  idempotency?: { client: string; key: string };
  isDemo?: boolean;
  now?: Date;
  externalId?: string | null;
}

/** Validates the input (schema + category attributes + region + contact), problems as field errors. */
async function validateIntake(db: Queryable, raw: unknown, locale: Locale): Promise<{ input: IntakeInput; regionCode: string | null; regencyCode: string | null; phone: string | null; category: repo.CategoryRow }> {
  const problems: FieldProblem[] = [];
  let input: IntakeInput;
  try {
    input = parseInput(IntakeSchema, raw);
  } catch (e) {
    if (e instanceof ValidationError) problems.push(...e.fields);
    input = (raw ?? {}) as IntakeInput;
  }
  const found = typeof input.categoryCode === 'string' ? (await categoriesCache.get(db)).get(input.categoryCode) ?? null : null;
  const category = found && found.isActive ? found : null;
  const regions = await regionsCache.get(db);
  if (!category && !problems.some((p) => p.field === 'categoryCode')) problems.push({ field: 'categoryCode', key: 'care.form.badCategory' });
  if (category) problems.push(...checkAttributes(category.attributes, input.attributes));
  let regionCode: string | null = null;
  let regencyCode: string | null = null;
  if (typeof input.regencyCode === 'string' && /^52\.\d{2}$/.test(input.regencyCode)) {
    if (regions.has(input.regencyCode)) { regionCode = input.regencyCode; regencyCode = input.regencyCode; }
    else problems.push({ field: 'regencyCode', key: 'care.form.badRegion' });
  }
  if (typeof input.kecamatanCode === 'string' && /^52\.\d{2}\.\d{2}$/.test(input.kecamatanCode)) {
    if (regencyCode && input.kecamatanCode.startsWith(`${regencyCode}.`) && regions.has(input.kecamatanCode)) regionCode = input.kecamatanCode;
    else problems.push({ field: 'kecamatanCode', key: 'care.form.badRegion' });
  }
  if ((input.lat === undefined) !== (input.lng === undefined)) problems.push({ field: input.lat === undefined ? 'lat' : 'lng', key: 'care.form.badCoords' });
  let phone: string | null = null;
  if (typeof input.phone === 'string' && input.phone.trim()) {
    phone = normalisePhone(input.phone);
    if (!phone) problems.push({ field: 'phone', key: 'care.form.badPhone' });
  }
  if (input.privacy !== 'anonim' && !input.email && !input.phone && !problems.some((p) => p.field === 'email' || p.field === 'phone')) {
    problems.push({ field: 'email', key: 'care.form.contactRequired' });
  }
  if (problems.length) {
    const seen = new Set<string>();
    throw new ValidationError(problems.filter((p) => (seen.has(p.field) ? false : (seen.add(p.field), true))));
  }
  return { input, regionCode, regencyCode, phone, category: category! };
}

/**
 * Creates a report from any channel. With an idempotency key, a retry of the same request returns the
 * first report (same key + different request → 422). `actor` is the API/Open311 client or a logged-in
 * citizen, null for an anonymous web visitor.
 */
export async function createReport(deps: CareDeps, actor: Actor | null, raw: unknown, opts: IntakeOptions): Promise<CreatedReport> {
  const now = opts.now ?? new Date();
  const locale: Locale = (raw as { locale?: string })?.locale === 'en' ? 'en' : 'id';
  const requestHash = opts.idempotency ? crypto.createHash('sha256').update(canonicalRequest(raw)).digest('hex') : '';
  if (opts.idempotency) {
    const replay = await findIdempotent(deps.pool, opts.idempotency, requestHash);
    if (replay) return replay;
  }
  const v = await validateIntake(deps.pool, raw, locale);
  const cal = await loadCalendar(deps.pool);
  const rules = await loadRules(deps.pool);
  const match = matchRoutingRule(rules, { categoryCode: v.input.categoryCode, regionCode: v.regionCode });
  const rule = match.kind === 'rule' ? rules.find((r) => r.id === match.ruleId)! : null;
  const sla = evaluateSla({ calendar: cal, startedAt: now, budgetWorkingDays: v.category.verifyWorkingDays, now });
  const secret = newReporterSecret();
  const anonymous = v.input.privacy === 'anonim';
  return withTransaction(deps.pool, async (tx) => {
    if (opts.idempotency) {
      // Same key from the same client: one at a time; the second sees the first's result.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`care:${opts.idempotency.client}:${opts.idempotency.key}`]);
      const replay = await findIdempotent(tx, opts.idempotency, requestHash);
      if (replay) return replay;
    }
    let id: string | null = null;
    let trackingCode = '';
    for (let attempt = 0; id === null; attempt++) {
      if (attempt > 5) throw new Error('could not allocate a tracking code');
      trackingCode = newTrackingCode();
      id = await repo.insertReport(tx, {
        trackingCode, secretHash: hashSecret(secret), secretEnc: encryptSecret(deps.config, secret), type: v.input.type,
        categoryCode: v.input.categoryCode, title: v.input.title.trim(), description: v.input.description.trim(), privacy: v.input.privacy,
        channel: opts.channel, regionCode: v.regionCode, regencyCode: v.regencyCode, lat: v.input.lat ?? null, lng: v.input.lng ?? null,
        address: [v.input.address, v.input.desa].filter(Boolean).join(', ') || null, attributes: v.input.attributes ?? {},
        reporterName: v.input.name?.trim() || null, reporterEmail: v.input.email?.trim().toLowerCase() || null, reporterPhone: v.phone,
        reporterLocale: locale, suggestedOrganisationId: rule?.organisationId ?? null, routedByRuleId: rule?.id ?? null,
        createdBy: actor && actor.via !== 'system' ? actor.id : null, isDemo: opts.isDemo ?? false, createdAt: now,
        slaDueAt: sla.dueAt, slaNextCheckAt: sla.nextCheckAt, externalId: opts.externalId ?? null,
      });
    }
    await repo.insertEvent(tx, {
      reportId: id, kind: 'created', toState: 'diterima', isPublic: true, actorRole: 'reporter', createdAt: now,
      data: { channel: opts.channel, anonymous, suggestedOrganisation: rule?.organisationSlug ?? null },
    });
    for (const a of opts.attachments ?? []) await repo.insertAttachment(tx, { reportId: id, ...a });
    if (opts.idempotency) {
      await tx.query(
        'INSERT INTO care_idempotency_keys (client, key, request_hash, report_id, response) VALUES ($1, $2, $3, $4, $5)',
        [opts.idempotency.client, opts.idempotency.key, requestHash, id, JSON.stringify({ id, trackingCode })]);
    }
    // The next actor: the complaint administrators (in-app; e-mail would flood them at intake rates).
    const admins = await adminsCache.get(tx);
    if (admins.length) await notifyUsers(tx, admins, { kind: 'care.created', titleKey: 'care.notify.created', params: { code: trackingCode }, url: `/pengaduan/staf/${id}` }, deps.config.baseUrl, { email: false });
    if (v.input.email) {
      await queueMail(tx, {
        to: v.input.email.trim(),
        subject: t(locale, 'care.mail.subject', { code: trackingCode, state: t(locale, 'care.state.diterima') }),
        text: `${t(locale, 'care.mail.body', { code: trackingCode, state: t(locale, 'care.state.diterima') })}\n\n${t(locale, 'care.mail.link')}\n${reporterLink(deps.config, trackingCode, secret)}\n`,
      });
    }
    return { id, trackingCode, secret, state: 'diterima' as ReportState, replay: false };
  });
}

async function findIdempotent(db: Queryable, idem: { client: string; key: string }, requestHash: string): Promise<CreatedReport | null> {
  const { rows } = await db.query(
    `SELECT k.request_hash, r.id, r.tracking_code, r.state FROM care_idempotency_keys k JOIN care_reports r ON r.id = k.report_id
     WHERE k.client = $1 AND k.key = $2`, [idem.client, idem.key]);
  if (!rows[0]) return null;
  if (rows[0].request_hash !== requestHash) throw new ValidationError([{ field: 'Idempotency-Key', key: 'care.error.idempotencyMismatch' }], 'care.error.idempotencyMismatch');
  return { id: rows[0].id, trackingCode: rows[0].tracking_code, secret: null, state: rows[0].state, replay: true };
}

// ---------------------------------------------------------------- reading

export type Viewer =
  | { kind: 'staff'; actor: Actor }
  | { kind: 'reporter'; code: string; secret: string }
  | { kind: 'system' };

/** A report for staff: the staff view kind, or 404 when the actor may not see it. */
export async function getForStaff(db: Queryable, actor: Actor, id: string, locale: Locale): Promise<{ report: repo.ReportRow; view: 'admin' | 'liaison' }> {
  const report = await repo.getReport(db, id, locale);
  if (!report) throw new NotFoundError();
  authorize(actor, 'care.report.read', report, { hide: true });
  return { report, view: staffViewOf(actor, report)! };
}

/** A report by tracking code; with the right secret the caller is its reporter. */
export async function getByTracking(db: Queryable, codeRaw: string, secret: string | null | undefined, locale: Locale): Promise<{ report: repo.ReportRow; isReporter: boolean } | null> {
  const code = normaliseTrackingCode(codeRaw);
  if (!code) return null;
  const report = await repo.getReportByCode(db, code, locale);
  if (!report) return null;
  const isReporter = typeof secret === 'string' && secret.length > 20 && secretMatches(secret, report.reporterSecretHash);
  return { report, isReporter };
}

export async function reportSla(db: Queryable, report: repo.ReportRow, now = new Date()): Promise<ReportSla> {
  const cal = await loadCalendar(db);
  const events = (await repo.listClockEvents(db, report.id)).filter((e) => e.action in transitions) as ClockEvent[];
  const cat = await repo.getCategory(db, report.categoryCode, 'id');
  return evaluateReportSla(cal, deriveClocks(report.createdAt, events), {
    verifyWorkingDays: cat?.verifyWorkingDays ?? 3, followUpWorkingDays: followUpBudget(cat, report.type), objectionWorkingDays: OBJECTION_WORKING_DAYS,
  }, now);
}

/** Follow-up budget in working days for a category and report type (type override, else the category's). */
export function followUpBudget(cat: Pick<repo.CategoryRow, 'followUpWorkingDays' | 'followUpByType'> | null, type: string): number {
  const byType = cat?.followUpByType?.[type];
  return typeof byType === 'number' && byType > 0 ? byType : cat?.followUpWorkingDays ?? 5;
}

// ---------------------------------------------------------------- SLA state

interface SlaColumns {
  slaStage: string | null;
  slaLevel: string;
  slaDueAt: Date | null;
  slaNextCheckAt: Date | null;
}

/** The stage whose clock runs now, its level, deadline and next check. */
export function slaColumns(state: ReportState, sla: ReportSla, cal: WorkingCalendar, receivedAt: Date, verifyDays: number, now: Date): SlaColumns {
  switch (state) {
    case 'diterima':
    case 'terverifikasi': {
      if (sla.followUp) return fromEval('tindak_lanjut', sla.followUp);
      // Verify AND dispatch within the verification budget (LAPOR! practice).
      const e = evaluateSla({ calendar: cal, startedAt: receivedAt, budgetWorkingDays: verifyDays, now });
      return fromEval('verifikasi', e);
    }
    case 'didisposisi':
    case 'menunggu_pelapor':
      return sla.followUp ? fromEval('tindak_lanjut', sla.followUp) : { slaStage: null, slaLevel: 'ok', slaDueAt: null, slaNextCheckAt: null };
    case 'ditindaklanjuti': {
      const w = sla.objectionWindow;
      return { slaStage: 'keberatan', slaLevel: 'ok', slaDueAt: w?.dueAt ?? null, slaNextCheckAt: w && !w.stopped ? w.dueAt : null };
    }
    default:
      return { slaStage: null, slaLevel: 'ok', slaDueAt: null, slaNextCheckAt: null };
  }
}

function fromEval(stage: string, e: ReturnType<typeof evaluateSla>): SlaColumns {
  return { slaStage: stage, slaLevel: e.level, slaDueAt: e.dueAt, slaNextCheckAt: e.nextCheckAt };
}

// ---------------------------------------------------------------- workflow

export interface TransitionResult {
  state: ReportState;
}

const LEVEL_RANK: Record<string, number> = { ok: 0, warning: 1, overdue: 2, escalated: 3 };

/** Resolves the workflow role of the party for an action. */
function workflowActor(who: Viewer, def: TransitionDef): { role: ActorRole; organisationIds?: string[] } {
  if (who.kind === 'system') return { role: 'system' };
  if (who.kind === 'reporter') return { role: 'reporter' };
  const a = who.actor;
  if (def.roles.includes('complaint_admin') && isComplaintAdmin(a)) return { role: 'complaint_admin' };
  if (def.roles.includes('complaint_liaison')) return { role: 'complaint_liaison', organisationIds: orgsWithRole(a, 'complaint_liaison') };
  return { role: isComplaintAdmin(a) ? 'complaint_admin' : 'complaint_liaison', organisationIds: orgsWithRole(a, 'complaint_liaison') };
}

/**
 * Fires a workflow action. Staff see only reports they may read (404 otherwise); reporters act
 * through their tracking link; the system auto-closes.
 */
export async function transition(deps: CareDeps, who: Viewer, reportId: string, rawInput: unknown, now = new Date()): Promise<TransitionResult> {
  const input = parseInput(TransitionSchema, rawInput);
  const cal = await loadCalendar(deps.pool);
  return withTransaction(deps.pool, async (tx) => {
    const report = await repo.getReport(tx, reportId, 'id', true);
    if (!report) throw new NotFoundError();
    let actingOrgId: string | null = null;
    if (who.kind === 'staff') {
      authorize(who.actor, 'care.report.read', report, { hide: true });
      actingOrgId = isComplaintAdmin(who.actor) ? null : report.assignedOrganisationId;
    } else if (who.kind === 'reporter') {
      if (normaliseTrackingCode(who.code) !== report.trackingCode || !secretMatches(who.secret, report.reporterSecretHash)) throw new NotFoundError();
    }
    if (!(input.action in transitions)) throw new BadRequestError('care.error.transition');
    const action = input.action as ReportAction;
    const def: TransitionDef = transitions[action];
    const sla = await reportSla(tx, report, now);
    const windowOpen = objectionWindowOpen(sla, now);
    let organisationId: string | undefined;
    if (input.organisationId) {
      const org = /^[0-9a-f-]{36}$/i.test(input.organisationId) ? await repo.organisationById(tx, input.organisationId) : await repo.organisationBySlug(tx, input.organisationId);
      if (!org) throw new ValidationError([{ field: 'organisationId', key: 'care.error.unknownOrganisation' }]);
      organisationId = org.id;
    }
    let duplicateOfId: string | undefined;
    if (input.rejectReason === 'duplikat' && input.duplicateOf) {
      const code = normaliseTrackingCode(input.duplicateOf);
      const master = code ? await repo.getReportByCode(tx, code, 'id') : null;
      if (!master || master.id === report.id) throw new ValidationError([{ field: 'duplicateOf', key: 'care.error.duplicateUnknown' }]);
      duplicateOfId = master.id;
    }
    const payload = {
      organisationId, reason: input.reason, rejectReason: input.rejectReason, duplicateOfId, referral: input.referral,
      message: input.message, rating: input.rating,
    } as TransitionPayload;
    const decision = decideTransition(action, workflowActor(who, def), { state: report.state, assignedOrganisationId: report.assignedOrganisationId, rated: report.rating !== null }, payload, { objectionWindowOpen: windowOpen });
    if (!decision.ok) {
      const e = decision.error;
      if (e.code === 'forbidden') throw who.kind === 'staff' ? new ForbiddenError() : new NotFoundError();
      if (e.code === 'missing_field') throw new ValidationError([{ field: e.field === 'duplicateOfId' ? 'duplicateOf' : e.field, key: 'validation.required' }]);
      if (e.code === 'invalid_field') throw new ValidationError([{ field: e.field, key: 'validation.invalid' }]);
      if (e.code === 'guard_failed') throw new ConflictError(`care.error.guard.${e.guard}`);
      throw new ConflictError('care.error.transition');
    }
    const to = decision.to;
    const patch: Record<string, unknown> = { state: to, updatedAt: now };
    const previousOrgId = report.assignedOrganisationId;
    switch (action) {
      case 'verifikasi': patch.verifiedAt = now; break;
      case 'tolak':
        patch.rejectReason = input.rejectReason; patch.duplicateOfId = duplicateOfId ?? null; patch.referral = input.referral ?? null;
        break;
      case 'disposisi':
        patch.assignedOrganisationId = organisationId;
        if (!report.firstDispatchedAt) patch.firstDispatchedAt = now;
        break;
      case 'disposisi_ulang': patch.assignedOrganisationId = organisationId; break;
      case 'kembalikan': patch.assignedOrganisationId = null; break;
      case 'tindak_lanjut': {
        patch.respondedAt = now;
        if (!report.firstRespondedAt) {
          patch.firstRespondedAt = now;
          patch.firstResponseWithinSla = sla.firstFollowUp ? now.getTime() <= sla.firstFollowUp.dueAt.getTime() : null;
        }
        break;
      }
      case 'konfirmasi': patch.confirmedAt = now; patch.resolvedAt = now; break;
      case 'selesai_otomatis': patch.resolvedAt = now; break;
      case 'keberatan': patch.resolvedAt = null; break;
      case 'beri_nilai': patch.rating = input.rating; patch.ratingComment = input.message?.trim() || input.reason?.trim() || null; break;
    }
    const publicText = input.message?.trim() || (def.publicEvent ? input.reason?.trim() || input.referral?.trim() : undefined) || null;
    const internalText = [def.publicEvent ? null : input.reason?.trim(), input.internalNote?.trim()].filter(Boolean).join('\n') || null;
    await repo.insertEvent(tx, {
      reportId: report.id, kind: 'transition', action, fromState: report.state, toState: to, publicText, internalText, isPublic: def.publicEvent,
      actorId: who.kind === 'staff' && who.actor.via !== 'system' ? who.actor.id : null, actorRole: who.kind === 'staff' ? (isComplaintAdmin(who.actor) ? 'complaint_admin' : 'complaint_liaison') : who.kind === 'reporter' ? 'reporter' : 'system',
      actorOrganisationId: actingOrgId, organisationId: (patch.assignedOrganisationId as string | undefined) ?? null,
      data: { rejectReason: input.rejectReason ?? null, duplicateOf: input.duplicateOf ?? null, rating: input.rating ?? null }, createdAt: now,
    });
    // Recompute the clocks with the new event.
    const after = { ...report, state: to, assignedOrganisationId: (patch.assignedOrganisationId as string | null | undefined) === undefined ? report.assignedOrganisationId : (patch.assignedOrganisationId as string | null) };
    const slaAfter = await reportSla(tx, after as repo.ReportRow, now);
    const cat = await repo.getCategory(tx, report.categoryCode, 'id');
    Object.assign(patch, slaColumns(to, slaAfter, cal, report.createdAt, cat?.verifyWorkingDays ?? 3, now));
    await repo.updateReport(tx, report.id, patch);
    await audit(tx, who.kind === 'staff' ? who.actor : who.kind === 'system' ? SYSTEM_ACTOR : null, {
      action: `care.report.${action}`, entityType: 'care_report', entityId: report.id, organisationId: after.assignedOrganisationId ?? previousOrgId,
      before: { state: report.state, organisationId: previousOrgId }, after: { state: to, organisationId: after.assignedOrganisationId, reason: input.reason ?? input.rejectReason ?? null },
    });
    await notifyAfterTransition(deps, tx, def, action, report, after.assignedOrganisationId, previousOrgId, to, input.rating ?? null);
    return { state: to };
  });
}

const NOTICE_KEY: Partial<Record<ReportAction, string>> = {
  disposisi: 'care.notify.dispatched', disposisi_ulang: 'care.notify.dispatched', kembalikan: 'care.notify.returned', jawab_informasi: 'care.notify.answered',
  tindak_lanjut: 'care.notify.responded', konfirmasi: 'care.notify.confirmed', keberatan: 'care.notify.objected', selesai_otomatis: 'care.notify.autoClosed',
  beri_nilai: 'care.notify.rated',
};

async function notifyAfterTransition(deps: CareDeps, tx: Queryable, def: TransitionDef, action: ReportAction, report: repo.ReportRow, orgId: string | null, previousOrgId: string | null, to: ReportState, rating: number | null) {
  const params = { code: report.trackingCode, rating: rating ?? '' };
  const staffUrl = `/pengaduan/staf/${report.id}`;
  const key = NOTICE_KEY[action] ?? 'care.notify.responded';
  for (const r of def.notify) {
    if (r === 'assigned_org' && orgId) {
      await notifyUsers(tx, await usersWithRole(tx, 'complaint_liaison', orgId), { kind: `care.${action}`, titleKey: key, params, url: staffUrl }, deps.config.baseUrl);
    } else if (r === 'previous_org' && previousOrgId && previousOrgId !== orgId) {
      await notifyUsers(tx, await usersWithRole(tx, 'complaint_liaison', previousOrgId), { kind: `care.${action}`, titleKey: 'care.notify.rerouted', params, url: '/pengaduan/kotak-masuk' }, deps.config.baseUrl);
    } else if (r === 'complaint_admin') {
      await notifyUsers(tx, await usersWithRole(tx, 'complaint_admin', null), { kind: `care.${action}`, titleKey: key, params, url: staffUrl }, deps.config.baseUrl);
    } else if (r === 'reporter') {
      await mailReporter(deps, tx, report, to);
    }
  }
  if (def.notify.includes('reporter') || action === 'tolak') {
    // Reporters of merged duplicates follow the original report.
    for (const d of await repo.duplicatesOf(tx, report.id)) {
      if (d.email) await mailReporterRaw(deps, tx, d.email, d.locale, report.trackingCode, to, decryptSecret(deps.config, d.secretEnc), d.trackingCode);
    }
  }
}

async function mailReporter(deps: CareDeps, tx: Queryable, report: repo.ReportRow, to: ReportState) {
  if (!report.reporterEmail) return;
  await mailReporterRaw(deps, tx, report.reporterEmail, report.reporterLocale, report.trackingCode, to, decryptSecret(deps.config, report.reporterSecretEnc), report.trackingCode);
}

async function mailReporterRaw(deps: CareDeps, tx: Queryable, email: string, locale: Locale, code: string, to: ReportState, secret: string | null, ownCode: string) {
  const state = t(locale, `care.state.${to}`);
  await queueMail(tx, {
    to: email,
    subject: t(locale, 'care.mail.subject', { code, state }),
    text: `${t(locale, 'care.mail.body', { code, state })}\n\n${t(locale, 'care.mail.link')}\n${reporterLink(deps.config, ownCode, secret)}\n`,
  });
}

/** Staff note, never shown to the reporter or the public. */
export async function addNote(deps: CareDeps, actor: Actor, reportId: string, text: string): Promise<void> {
  const body = String(text ?? '').trim();
  if (!body) throw new ValidationError([{ field: 'note', key: 'validation.required' }]);
  if (body.length > 5000) throw new ValidationError([{ field: 'note', key: 'validation.maxLength', params: { limit: 5000 } }]);
  await withTransaction(deps.pool, async (tx) => {
    const report = await repo.getReport(tx, reportId, 'id');
    if (!report) throw new NotFoundError();
    authorize(actor, 'care.note.add', report, { hide: true });
    await repo.insertEvent(tx, {
      reportId, kind: 'note', internalText: body, isPublic: false, actorId: actor.via !== 'system' ? actor.id : null, actorRole: isComplaintAdmin(actor) ? 'complaint_admin' : 'complaint_liaison',
      actorOrganisationId: isComplaintAdmin(actor) ? null : report.assignedOrganisationId, createdAt: new Date(),
    });
    await audit(tx, actor, { action: 'care.report.note', entityType: 'care_report', entityId: reportId, organisationId: report.assignedOrganisationId });
  });
}

// ---------------------------------------------------------------- SLA timer

export interface TickResult {
  checked: number;
  warnings: number;
  overdue: number;
  escalated: number;
  autoClosed: number;
}

/**
 * The durable SLA timer: every report stores when its level next changes (`sla_next_check_at`);
 * this job (pg-boss cron) picks the due ones, records warnings/overdue/escalations as events,
 * notifies, and closes reports whose objection window ended. Idempotent: a level is acted on once.
 */
export async function runSlaTick(deps: CareDeps, now = new Date(), batch = 500): Promise<TickResult> {
  const res: TickResult = { checked: 0, warnings: 0, overdue: 0, escalated: 0, autoClosed: 0 };
  const cal = await loadCalendar(deps.pool);
  const ids = await repo.reportsDueForCheck(deps.pool, now, batch);
  for (const id of ids) {
    res.checked++;
    const current = await repo.getReport(deps.pool, id, 'id');
    if (!current) continue;
    if (current.state === 'ditindaklanjuti') {
      const sla = await reportSla(deps.pool, current, now);
      if (!objectionWindowOpen(sla, now)) {
        await transition(deps, { kind: 'system' }, id, { action: 'selesai_otomatis' }, now);
        res.autoClosed++;
        continue;
      }
    }
    await withTransaction(deps.pool, async (tx) => {
      const report = await repo.getReport(tx, id, 'id', true);
      if (!report) return;
      const sla = await reportSla(tx, report, now);
      const cat = await repo.getCategory(tx, report.categoryCode, 'id');
      const cols = slaColumns(report.state, sla, cal, report.createdAt, cat?.verifyWorkingDays ?? 3, now);
      const rankBefore = LEVEL_RANK[report.slaLevel] ?? 0;
      const rankAfter = LEVEL_RANK[cols.slaLevel] ?? 0;
      await repo.updateReport(tx, id, { ...cols });
      if (rankAfter <= rankBefore) return;
      const due = cols.slaDueAt ? formatDate('id', cols.slaDueAt) : '';
      const kind = cols.slaLevel === 'warning' ? 'reminder' : 'escalation';
      await repo.insertEvent(tx, {
        reportId: id, kind, isPublic: false, actorRole: 'system', organisationId: report.assignedOrganisationId,
        internalText: `${cols.slaStage}: ${cols.slaLevel}`, data: { stage: cols.slaStage, level: cols.slaLevel, dueAt: cols.slaDueAt }, createdAt: now,
      });
      await audit(tx, SYSTEM_ACTOR, { action: `care.sla.${cols.slaLevel}`, entityType: 'care_report', entityId: id, organisationId: report.assignedOrganisationId, after: { stage: cols.slaStage, level: cols.slaLevel } });
      const params = { code: report.trackingCode, due };
      const url = `/pengaduan/staf/${id}`;
      const orgId = cols.slaStage === 'verifikasi' ? null : report.assignedOrganisationId;
      const liaisons = orgId ? await usersWithRole(tx, 'complaint_liaison', orgId) : [];
      const admins = await usersWithRole(tx, 'complaint_admin', null);
      if (cols.slaLevel === 'warning') {
        res.warnings++;
        await notifyUsers(tx, orgId ? liaisons : admins, { kind: 'care.sla.warning', titleKey: 'care.notify.warning', params, url }, deps.config.baseUrl);
      } else {
        // Overdue: the organisation's head and the complaint administrator (and the liaison).
        const heads = orgId ? await usersWithRole(tx, 'kepala_opd', orgId) : [];
        await notifyUsers(tx, [...liaisons, ...heads, ...admins], { kind: 'care.sla.overdue', titleKey: 'care.notify.overdue', params, url }, deps.config.baseUrl);
        if (cols.slaLevel === 'overdue') res.overdue++;
        if (cols.slaLevel === 'escalated') {
          // Twice the deadline: Biro Organisasi (any member).
          res.escalated++;
          const { rows } = await tx.query(
            `SELECT DISTINCT m.user_id FROM memberships m JOIN organisations o ON o.id = m.organisation_id JOIN users u ON u.id = m.user_id
             WHERE o.slug = $1 AND u.is_active`, [ESCALATION_ORG_SLUG]);
          await notifyUsers(tx, rows.map((r) => r.user_id), { kind: 'care.sla.escalated', titleKey: 'care.notify.escalated', params, url }, deps.config.baseUrl);
        }
      }
    });
  }
  return res;
}

