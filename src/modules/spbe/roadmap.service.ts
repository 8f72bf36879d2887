/** Roadmap: initiatives with outputs, responsible organisations, progress updates (audited), overdue flags. */
import type pg from 'pg';
import { Type } from '@sinclair/typebox';
import { withTransaction } from '../../core/db.ts';
import { audit } from '../../core/audit.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { parseInput } from '../../core/validation.ts';
import { NotFoundError, ValidationError } from '../../core/http/errors.ts';
import { INITIATIVE_STATUSES, isOverdue, expectedProgress, type InitiativeStatus } from './roadmap.ts';
import { isAcceptableEvidenceUrl } from './evaluation.service.ts';
import * as repo from './roadmap.repo.ts';
import './spbe.policy.ts';

export interface InitiativeView extends repo.InitiativeRow {
  outputs: repo.OutputRow[];
  organisations: Array<{ id: string; name: string; short_name: string | null; slug: string }>;
  overdue: boolean;
  expected: number;
}

export async function listRoadmap(pool: pg.Pool, now: Date): Promise<InitiativeView[]> {
  const [inits, outputs, orgs] = await Promise.all([repo.listInitiatives(pool), repo.listOutputs(pool), repo.listInitiativeOrganisations(pool)]);
  return inits.map((i) => ({
    ...i,
    outputs: outputs.filter((o) => o.initiative_id === i.id),
    organisations: orgs.filter((o) => o.initiative_id === i.id).map((o) => ({ id: o.organisation_id, name: o.name, short_name: o.short_name, slug: o.slug })),
    overdue: isOverdue({ startYear: i.start_year, endYear: i.end_year, status: i.status, progress: i.progress }, now),
    expected: expectedProgress({ startYear: i.start_year, endYear: i.end_year }, now),
  }));
}

export async function getInitiative(pool: pg.Pool, code: string, now: Date): Promise<InitiativeView & { updates: repo.UpdateRow[] }> {
  const i = (await listRoadmap(pool, now)).find((x) => x.code === code);
  if (!i) throw new NotFoundError();
  return { ...i, updates: await repo.listUpdates(pool, i.id) };
}

export const InitiativeUpdateSchema = Type.Object({
  status: Type.Union(INITIATIVE_STATUSES.map((s) => Type.Literal(s))),
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
  evidenceUrl: Type.Optional(Type.String({ maxLength: 2000 })),
});

export async function updateInitiative(pool: pg.Pool, actor: Actor, code: string, input: unknown): Promise<void> {
  const v = parseInput(InitiativeUpdateSchema, input);
  const evidenceUrl = v.evidenceUrl?.trim() || null;
  if (evidenceUrl && !isAcceptableEvidenceUrl(evidenceUrl)) throw new ValidationError([{ field: 'evidenceUrl', key: 'spbe.error.evidenceUrl' }]);
  const status: InitiativeStatus = v.status;
  const progress = status === 'done' ? 100 : v.progress;
  await withTransaction(pool, async (tx) => {
    const i = await repo.getInitiativeByCode(tx, code, true);
    if (!i) throw new NotFoundError();
    const orgs = (await repo.listInitiativeOrganisations(tx)).filter((o) => o.initiative_id === i.id).map((o) => o.organisation_id);
    authorize(actor, 'spbe.initiative.update', { organisationIds: orgs });
    await repo.updateInitiativeProgress(tx, i.id, status, progress);
    await repo.insertUpdate(tx, { initiativeId: i.id, status, progress, note: v.note?.trim() || null, evidenceUrl, createdBy: actor.id });
    await audit(tx, actor, { action: 'spbe.initiative.update', entityType: 'spbe_initiative', entityId: i.id, before: { status: i.status, progress: i.progress }, after: { status, progress, note: v.note?.trim() || null, evidenceUrl } });
  });
}

export async function setInitiativeIndicators(pool: pg.Pool, actor: Actor, code: string, frameworkCode: string, codes: string[]): Promise<void> {
  authorize(actor, 'spbe.initiative.link');
  await withTransaction(pool, async (tx) => {
    const i = await repo.getInitiativeByCode(tx, code, true);
    if (!i) throw new NotFoundError();
    const clean = [...new Set(codes.map((c) => c.trim()).filter(Boolean))];
    await repo.setInitiativeIndicators(tx, i.id, frameworkCode, clean);
    await audit(tx, actor, { action: 'spbe.initiative.indicators', entityType: 'spbe_initiative', entityId: i.id, before: { framework: i.framework_code, indicators: i.indicator_codes }, after: { framework: frameworkCode, indicators: clean } });
  });
}
