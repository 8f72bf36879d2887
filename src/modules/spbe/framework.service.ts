/**
 * Framework import (JSON or XLSX) and the recommendations with their follow-up actions.
 * An import with any problem is refused as a whole; every problem is reported (path + message id/en).
 */
import type pg from 'pg';
import { Type } from '@sinclair/typebox';
import { withTransaction } from '../../core/db.ts';
import { audit } from '../../core/audit.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { parseInput } from '../../core/validation.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../core/http/errors.ts';
import type { FrameworkProblem } from './framework.ts';
import { parseFrameworkJson, parseFrameworkXlsx } from './framework-io.ts';
import * as repo from './framework.repo.ts';
import { isAcceptableEvidenceUrl } from './evaluation.service.ts';
import './spbe.policy.ts';

/** Problems as field errors: the catalogue key 'spbe.problem' renders the problem's own id/en message. */
export function problemsToFields(problems: FrameworkProblem[]): FieldProblem[] {
  return problems.map((p) => ({ field: p.path || 'file', key: 'spbe.problem', params: { id: p.message.id, en: p.message.en } }));
}

export async function importFramework(pool: pg.Pool, actor: Actor, input: { format: 'json' | 'xlsx'; data: Buffer | unknown }): Promise<repo.FrameworkRow> {
  authorize(actor, 'spbe.framework.import');
  const parsed = input.format === 'xlsx' ? await parseFrameworkXlsx(input.data as Buffer) : parseFrameworkJson(input.data);
  if (!parsed.framework || parsed.problems.length) {
    throw new ValidationError(problemsToFields(parsed.problems), 'spbe.framework.refused');
  }
  const fw = parsed.framework;
  return withTransaction(pool, async (tx) => {
    if (await repo.getFrameworkByCode(tx, fw.code)) {
      throw new ConflictError('spbe.error.frameworkExists', { code: fw.code }, [{ field: 'code', key: 'spbe.error.frameworkExists', params: { code: fw.code } }]);
    }
    const row = await repo.insertFramework(tx, fw, input.format, actor.id);
    await audit(tx, actor, { action: 'spbe.framework.import', entityType: 'spbe_framework', entityId: row.id, after: { code: fw.code, name: fw.name, version: fw.version, format: input.format, domains: fw.domains.length, aspects: fw.aspects.length, indicators: fw.indicators.length } });
    return row;
  });
}

export const ActionSchema = Type.Object({
  actionDate: Type.String({ format: 'date' }),
  description: Type.String({ minLength: 1, maxLength: 2000 }),
  evidenceUrl: Type.Optional(Type.String({ maxLength: 2000 })),
});

export async function addRecommendationAction(pool: pg.Pool, actor: Actor, recommendationId: string, input: unknown): Promise<repo.ActionRow> {
  authorize(actor, 'spbe.recommendation.act');
  const v = parseInput(ActionSchema, input);
  if (v.evidenceUrl?.trim() && !isAcceptableEvidenceUrl(v.evidenceUrl.trim())) throw new ValidationError([{ field: 'evidenceUrl', key: 'spbe.error.evidenceUrl' }]);
  return withTransaction(pool, async (tx) => {
    const rec = await repo.getRecommendation(tx, recommendationId);
    if (!rec) throw new NotFoundError();
    const org = actor.memberships[0]?.organisationId ?? null;
    const row = await repo.insertAction(tx, { recommendationId, actionDate: v.actionDate, description: v.description.trim(), evidenceUrl: v.evidenceUrl?.trim() || null, organisationId: org, createdBy: actor.id });
    await audit(tx, actor, { action: 'spbe.recommendation.action', entityType: 'spbe_recommendation', entityId: recommendationId, organisationId: org, after: { date: v.actionDate, description: v.description.trim(), evidenceUrl: v.evidenceUrl ?? null } });
    return row;
  });
}

export async function recommendationsWithActions(pool: pg.Pool, frameworkId: string): Promise<Array<repo.RecommendationRow & { actions: repo.ActionRow[] }>> {
  const recs = await repo.listRecommendations(pool, frameworkId);
  const actions = await repo.listActions(pool, recs.map((r) => r.id));
  return recs.map((r) => ({ ...r, actions: actions.filter((a) => a.recommendation_id === r.id) }));
}
