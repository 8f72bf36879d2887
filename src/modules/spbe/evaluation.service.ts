/**
 * Evaluations: create (optionally starting from the previous year's levels), fill entries with levels,
 * justification and evidence, move through the workflow, and compute the index live. Every change is one
 * transaction with its audit entry; a final evaluation refuses every change (the workflow table says so and
 * the service checks the state under a row lock, so a concurrent finalisation cannot slip an edit through).
 */
import type pg from 'pg';
import { Type, type Static } from '@sinclair/typebox';
import { withTransaction, type Queryable } from '../../core/db.ts';
import { audit } from '../../core/audit.ts';
import { notifyUsers, usersWithRole } from '../../core/notify.ts';
import { authorize, can, type Actor } from '../../core/policy.ts';
import { parseInput } from '../../core/validation.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../core/http/errors.ts';
import type { Framework } from './framework.ts';
import { computeIndex, round2, type IndexResult, type LevelEntry } from './index-calc.ts';
import { checkTransition, isTransition, type EvaluationTransition } from './evaluation-workflow.ts';
import { workflowRoles } from './spbe.policy.ts';
import * as repo from './evaluation.repo.ts';
import * as fwRepo from './framework.repo.ts';
import './spbe.policy.ts';

const frameworkCache = new Map<string, Framework>();

/** Frameworks never change in place (a change is a new version), so caching by id is safe. */
export async function loadFramework(db: Queryable, id: string): Promise<Framework> {
  const hit = frameworkCache.get(id);
  if (hit) return hit;
  const row = await fwRepo.getFramework(db, id);
  if (!row) throw new NotFoundError();
  frameworkCache.set(id, row.definition);
  return row.definition;
}

export function levelEntries(entries: repo.EntryRow[]): LevelEntry[] {
  return entries.map((e) => ({ indicator: e.indicator_code, level: e.level, service: e.service || null }));
}

export interface EvaluationSummary {
  evaluation: repo.EvaluationRow;
  result: IndexResult;
}

export interface EvaluationDetail extends EvaluationSummary {
  framework: Framework;
  entries: repo.EntryRow[];
  evidence: repo.EvidenceRow[];
}

async function summarise(db: Queryable, e: repo.EvaluationRow): Promise<EvaluationSummary> {
  const fw = await loadFramework(db, e.framework_id);
  const entries = await repo.listEntries(db, e.id);
  return { evaluation: e, result: computeIndex(fw, levelEntries(entries)) };
}

/** Evaluations the actor may see (everyone sees final ones), newest first, each with its computed index. */
export async function listEvaluations(pool: pg.Pool, actor: Actor | null): Promise<EvaluationSummary[]> {
  const all = await repo.listEvaluations(pool);
  const visible = all.filter((e) => can(actor, 'spbe.evaluation.read', e));
  return Promise.all(visible.map((e) => summarise(pool, e)));
}

export async function getEvaluationDetail(pool: pg.Pool, actor: Actor | null, id: string): Promise<EvaluationDetail> {
  const e = await repo.getEvaluation(pool, id);
  if (!e) throw new NotFoundError();
  authorize(actor, 'spbe.evaluation.read', e, { hide: true });
  const framework = await loadFramework(pool, e.framework_id);
  const entries = await repo.listEntries(pool, e.id);
  const evidence = await repo.listEvidence(pool, entries.map((x) => x.id));
  return { evaluation: e, framework, entries, evidence, result: computeIndex(framework, levelEntries(entries)) };
}

export interface HistoryPoint {
  id: string;
  year: number;
  frameworkCode: string;
  frameworkName: string;
  index: number | null;
  indexRounded: number | null;
  predicate: string | null;
  /** change from the previous final evaluation (rounded figures, as published) */
  change: number | null;
}

/** Public index history: final evaluations in year order, with the change from the year before. */
export async function indexHistory(pool: pg.Pool): Promise<HistoryPoint[]> {
  const finals = (await repo.listEvaluations(pool, { onlyFinal: true })).sort((a, b) => a.year - b.year);
  const out: HistoryPoint[] = [];
  for (const e of finals) {
    const { result } = await summarise(pool, e);
    const prev = out[out.length - 1];
    out.push({
      id: e.id, year: e.year, frameworkCode: e.framework_code, frameworkName: e.framework_name,
      index: result.index, indexRounded: result.indexRounded, predicate: result.predicate?.name ?? null,
      change: prev && prev.indexRounded !== null && result.indexRounded !== null ? round2(result.indexRounded - prev.indexRounded) : null,
    });
  }
  return out;
}

export const CreateEvaluationSchema = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  frameworkId: Type.String({ format: 'uuid' }),
  title: Type.Optional(Type.String({ maxLength: 200 })),
  /** start from the levels of the latest earlier evaluation on the same framework */
  copyPrevious: Type.Optional(Type.Boolean()),
  targetIndex: Type.Optional(Type.Number({ minimum: 1, maximum: 5 })),
});
export type CreateEvaluationInput = Static<typeof CreateEvaluationSchema>;

export async function createEvaluation(pool: pg.Pool, actor: Actor, input: unknown): Promise<string> {
  authorize(actor, 'spbe.evaluation.create');
  const v = parseInput(CreateEvaluationSchema, input);
  return withTransaction(pool, async (tx) => {
    const fwRow = await fwRepo.getFramework(tx, v.frameworkId);
    if (!fwRow) throw new ValidationError([{ field: 'frameworkId', key: 'spbe.error.unknownFramework' }]);
    if (await repo.findEvaluation(tx, v.year, v.frameworkId)) {
      throw new ConflictError('spbe.error.evaluationExists', { year: v.year }, [{ field: 'year', key: 'spbe.error.evaluationExists', params: { year: v.year } }]);
    }
    const fw = fwRow.definition;
    const title = v.title?.trim() || `Evaluasi SPBE Pemerintah Provinsi NTB Tahun ${v.year}`;
    const id = await repo.insertEvaluation(tx, { year: v.year, frameworkId: v.frameworkId, title, targetIndex: v.targetIndex ?? null, source: null, createdBy: actor.id });
    let previous: repo.EntryRow[] = [];
    if (v.copyPrevious !== false) {
      const prior = (await repo.listEvaluations(tx)).filter((e) => e.framework_id === v.frameworkId && e.year < v.year).sort((a, b) => b.year - a.year)[0];
      if (prior) previous = await repo.listEntries(tx, prior.id);
    }
    for (const ind of fw.indicators) {
      const prev = previous.filter((p) => p.indicator_code === ind.code);
      if (ind.perService) {
        for (const p of prev) await repo.insertEntry(tx, { evaluationId: id, indicatorCode: ind.code, service: p.service, entryLabel: p.entry_label, level: p.level, justification: null, assessorId: null });
      } else {
        await repo.insertEntry(tx, { evaluationId: id, indicatorCode: ind.code, service: '', entryLabel: null, level: prev[0]?.level ?? null, justification: null, assessorId: null });
      }
    }
    await audit(tx, actor, { action: 'spbe.evaluation.create', entityType: 'spbe_evaluation', entityId: id, after: { year: v.year, framework: fw.code, title, copiedFrom: previous.length ? 'previous' : null } });
    return id;
  });
}

/** Locks the evaluation of an entry and checks the actor may edit it in its current state. */
async function lockForEdit(tx: Queryable, actor: Actor, evaluationId: string): Promise<repo.EvaluationRow> {
  const e = await repo.getEvaluation(tx, evaluationId, true);
  if (!e) throw new NotFoundError();
  authorize(actor, 'spbe.evaluation.read', e, { hide: true });
  if (e.state === 'final') throw new ConflictError('spbe.error.locked');
  authorize(actor, 'spbe.evaluation.edit', e);
  return e;
}

export const UpdateEntrySchema = Type.Object({
  level: Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()]),
  justification: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
});

export async function updateEntry(pool: pg.Pool, actor: Actor, entryId: string, input: unknown): Promise<void> {
  const raw = { ...(input as Record<string, unknown>) };
  if (raw.level === '' || raw.level === undefined) raw.level = null;
  const v = parseInput(UpdateEntrySchema, raw);
  await withTransaction(pool, async (tx) => {
    const entry = await repo.getEntry(tx, entryId);
    if (!entry) throw new NotFoundError();
    const e = await lockForEdit(tx, actor, entry.evaluation_id);
    const fw = await loadFramework(tx, e.framework_id);
    if (v.level !== null && v.level > fw.maxLevel) throw new ValidationError([{ field: 'level', key: 'validation.maximum', params: { limit: fw.maxLevel } }]);
    const after = { level: v.level, justification: v.justification?.trim() || null };
    await repo.updateEntry(tx, entryId, { ...after, assessorId: actor.id });
    await repo.touchEvaluation(tx, e.id);
    await audit(tx, actor, {
      action: 'spbe.entry.update', entityType: 'spbe_evaluation_entry', entityId: entryId,
      before: { evaluation: e.id, indicator: entry.indicator_code, service: entry.service || null, level: entry.level, justification: entry.justification },
      after: { evaluation: e.id, indicator: entry.indicator_code, service: entry.service || null, ...after },
    });
  });
}

export const ServiceEntrySchema = Type.Object({
  indicatorCode: Type.String({ minLength: 1, maxLength: 20 }),
  service: Type.String({ minLength: 1, maxLength: 200 }),
  level: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()])),
  justification: Type.Optional(Type.String({ maxLength: 5000 })),
});

/** Adds a service to a per-service indicator (e.g. indicator 35: one entry per public service). */
export async function addServiceEntry(pool: pg.Pool, actor: Actor, evaluationId: string, input: unknown): Promise<string> {
  const raw = { ...(input as Record<string, unknown>) };
  if (raw.level === '') raw.level = null;
  const v = parseInput(ServiceEntrySchema, raw);
  return withTransaction(pool, async (tx) => {
    const e = await lockForEdit(tx, actor, evaluationId);
    const fw = await loadFramework(tx, e.framework_id);
    const ind = fw.indicators.find((i) => i.code === v.indicatorCode);
    if (!ind || !ind.perService) throw new ValidationError([{ field: 'indicatorCode', key: 'spbe.error.notPerService' }]);
    const existing = (await repo.listEntries(tx, e.id)).filter((x) => x.indicator_code === ind.code);
    if (existing.some((x) => x.service.toLowerCase() === v.service.trim().toLowerCase())) {
      throw new ConflictError('spbe.error.serviceExists', {}, [{ field: 'service', key: 'spbe.error.serviceExists' }]);
    }
    const label = `${ind.code}-${existing.length + 1}`;
    const id = await repo.insertEntry(tx, { evaluationId: e.id, indicatorCode: ind.code, service: v.service.trim(), entryLabel: label, level: v.level ?? null, justification: v.justification?.trim() || null, assessorId: actor.id });
    await repo.touchEvaluation(tx, e.id);
    await audit(tx, actor, { action: 'spbe.entry.add_service', entityType: 'spbe_evaluation_entry', entityId: id, after: { evaluation: e.id, indicator: ind.code, service: v.service.trim(), label, level: v.level ?? null } });
    return id;
  });
}

export async function removeServiceEntry(pool: pg.Pool, actor: Actor, entryId: string): Promise<void> {
  await withTransaction(pool, async (tx) => {
    const entry = await repo.getEntry(tx, entryId);
    if (!entry) throw new NotFoundError();
    await lockForEdit(tx, actor, entry.evaluation_id);
    if (!entry.service) throw new ValidationError([{ field: 'entry', key: 'spbe.error.notPerService' }]);
    await repo.deleteEntry(tx, entryId);
    await audit(tx, actor, { action: 'spbe.entry.remove_service', entityType: 'spbe_evaluation_entry', entityId: entryId, before: { evaluation: entry.evaluation_id, indicator: entry.indicator_code, service: entry.service, level: entry.level } });
  });
}

export const LinkEvidenceSchema = Type.Object({
  label: Type.String({ minLength: 1, maxLength: 300 }),
  url: Type.String({ minLength: 1, maxLength: 2000 }),
});

/** Links must be http(s) or a path inside NTB Terbuka ("/data/…", "/pengaduan/…"). */
export function isAcceptableEvidenceUrl(url: string): boolean {
  if (url.startsWith('/') && !url.startsWith('//')) return true;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

export async function addLinkEvidence(pool: pg.Pool, actor: Actor, entryId: string, input: unknown): Promise<repo.EvidenceRow> {
  const v = parseInput(LinkEvidenceSchema, input);
  const url = v.url.trim();
  if (!isAcceptableEvidenceUrl(url)) throw new ValidationError([{ field: 'url', key: 'spbe.error.evidenceUrl' }]);
  return withTransaction(pool, async (tx) => {
    const entry = await repo.getEntry(tx, entryId);
    if (!entry) throw new NotFoundError();
    const e = await lockForEdit(tx, actor, entry.evaluation_id);
    const ev = await repo.insertEvidence(tx, { entryId, kind: 'link', label: v.label.trim(), url, fileId: null, createdBy: actor.id });
    await repo.touchEvaluation(tx, e.id);
    await audit(tx, actor, { action: 'spbe.evidence.add', entityType: 'spbe_evidence', entityId: ev.id, after: { evaluation: e.id, indicator: entry.indicator_code, service: entry.service || null, kind: 'link', label: ev.label, url } });
    return ev;
  });
}

/** Records an uploaded file (already stored by FileService in the same transaction) as evidence. */
export async function addFileEvidence(tx: Queryable, actor: Actor, entryId: string, file: { id: string; originalName: string }, label: string | null): Promise<repo.EvidenceRow> {
  const entry = await repo.getEntry(tx, entryId);
  if (!entry) throw new NotFoundError();
  const e = await lockForEdit(tx, actor, entry.evaluation_id);
  const ev = await repo.insertEvidence(tx, { entryId, kind: 'file', label: label?.trim() || file.originalName, url: null, fileId: file.id, createdBy: actor.id });
  await repo.touchEvaluation(tx, e.id);
  await audit(tx, actor, { action: 'spbe.evidence.add', entityType: 'spbe_evidence', entityId: ev.id, after: { evaluation: e.id, indicator: entry.indicator_code, service: entry.service || null, kind: 'file', label: ev.label, file: file.id } });
  return ev;
}

/** Checks before a file upload is streamed: the entry exists and is editable by the actor. */
export async function assertEntryEditable(pool: pg.Pool, actor: Actor, entryId: string): Promise<void> {
  const entry = await repo.getEntry(pool, entryId);
  if (!entry) throw new NotFoundError();
  const e = await repo.getEvaluation(pool, entry.evaluation_id);
  if (!e) throw new NotFoundError();
  authorize(actor, 'spbe.evaluation.read', e, { hide: true });
  if (e.state === 'final') throw new ConflictError('spbe.error.locked');
  authorize(actor, 'spbe.evaluation.edit', e);
}

export async function removeEvidence(pool: pg.Pool, actor: Actor, evidenceId: string): Promise<void> {
  await withTransaction(pool, async (tx) => {
    const ev = await repo.getEvidence(tx, evidenceId);
    if (!ev) throw new NotFoundError();
    const entry = await repo.getEntry(tx, ev.entry_id);
    if (!entry) throw new NotFoundError();
    const e = await lockForEdit(tx, actor, entry.evaluation_id);
    await repo.deleteEvidence(tx, evidenceId);
    await audit(tx, actor, { action: 'spbe.evidence.remove', entityType: 'spbe_evidence', entityId: evidenceId, before: { evaluation: e.id, indicator: entry.indicator_code, kind: ev.kind, label: ev.label, url: ev.url, file: ev.file_id } });
  });
}

/** Evidence file of an entry, if the actor may read the evaluation. */
export async function evidenceFile(pool: pg.Pool, actor: Actor | null, evidenceId: string): Promise<{ fileId: string }> {
  const ev = await repo.getEvidence(pool, evidenceId);
  if (!ev || ev.kind !== 'file' || !ev.file_id) throw new NotFoundError();
  const entry = await repo.getEntry(pool, ev.entry_id);
  const e = entry ? await repo.getEvaluation(pool, entry.evaluation_id) : null;
  if (!e) throw new NotFoundError();
  authorize(actor, 'spbe.evaluation.read', e, { hide: true });
  return { fileId: ev.file_id };
}

/** Moves the evaluation through the workflow; tells the next actor (reviewers on submit, evaluators on return/finalise). */
export async function transition(pool: pg.Pool, actor: Actor, evaluationId: string, name: string, baseUrl = ''): Promise<{ state: string; result: IndexResult }> {
  if (!isTransition(name)) throw new ValidationError([{ field: 'transition', key: 'validation.enum' }]);
  const t: EvaluationTransition = name;
  return withTransaction(pool, async (tx) => {
    const e = await repo.getEvaluation(tx, evaluationId, true);
    if (!e) throw new NotFoundError();
    authorize(actor, 'spbe.evaluation.read', e, { hide: true });
    const fw = await loadFramework(tx, e.framework_id);
    const entries = await repo.listEntries(tx, e.id);
    const result = computeIndex(fw, levelEntries(entries));
    const check = checkTransition(e.state, t, workflowRoles(actor), result.complete);
    if (!check.ok) {
      if (check.reason === 'wrong_state') throw new ConflictError(e.state === 'final' ? 'spbe.error.locked' : 'spbe.error.wrongState');
      if (check.reason === 'incomplete') throw new ConflictError('spbe.error.incomplete', { missing: result.missing.join(', ') });
      authorize(actor, 'spbe.evaluation.transition', { state: e.state, transition: t });
    }
    const to = (check as { to: typeof e.state }).to;
    await repo.setEvaluationState(tx, e.id, to, actor.id);
    await audit(tx, actor, {
      action: `spbe.evaluation.${t}`, entityType: 'spbe_evaluation', entityId: e.id,
      before: { state: e.state },
      after: { state: to, index: result.indexRounded, predicate: result.predicate?.name ?? null },
    });
    const notice = { kind: `spbe.evaluation.${t}`, titleKey: `spbe.notice.${t}`, params: { year: e.year }, url: `/spbe/evaluasi/${e.id}` };
    const recipients = t === 'submit' ? await usersWithRole(tx, 'spbe_reviewer', null) : await usersWithRole(tx, 'spbe_evaluator', null);
    await notifyUsers(tx, recipients.filter((u) => u !== actor.id), notice, baseUrl);
    return { state: to, result };
  });
}
