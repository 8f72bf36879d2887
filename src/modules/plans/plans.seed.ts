/**
 * Seeding: the NTB OGP Local plan and its two real commitments (seeds 000 and 001) — reference data,
 * seeded always (not demo content). Idempotent: runs once per database (core `seedOnce`).
 */
import type { Queryable } from '../../core/db.ts';
import { audit } from '../../core/audit.ts';
import { SYSTEM_ACTOR } from '../../core/policy.ts';
import type { SeedContext } from '../../core/module.ts';
import { seedOnce } from '../../core/seed/seed.ts';
import { NTB_PLAN, type SeedPlan } from './seed/ntb-plan.ts';
import * as repo from './plans.repo.ts';

export async function seedPlan(tx: Queryable, plan: SeedPlan): Promise<void> {
  if (await repo.findPlanBySlug(tx, plan.slug)) return;
  const p = await repo.insertPlan(tx, {
    slug: plan.slug, title: plan.title, title_en: plan.titleEn, programme: plan.programme, start_month: plan.startMonth,
    end_month: plan.endMonth, description: plan.description, description_en: plan.descriptionEn,
  });
  for (const f of plan.forum) await repo.addForumMember(tx, p.id, f.organisation, f.part);
  for (const c of plan.commitments) {
    const { milestones, ...sections } = c.content;
    const orgs = await repo.organisationsBySlug(tx, [sections.leadAgencies[0]?.organisation].filter(Boolean) as string[]);
    const row = await repo.insertCommitment(tx, { planId: p.id, slug: c.slug, number: c.number, content: sections, leadOrganisationId: orgs.get(sections.leadAgencies[0]?.organisation)?.id ?? null });
    await repo.replaceMilestones(tx, row.id, milestones);
    const authors = [
      ...sections.leadAgencies.map((r) => ({ organisation: r.organisation, group: 'agency' })),
      ...sections.leadNonGov.map((r) => ({ organisation: r.organisation, group: 'cso' })),
    ];
    await repo.insertVersion(tx, { commitmentId: row.id, stage: c.stage, content: c.content, authors, note: 'Komitmen sebagaimana diajukan dalam templat OGP Local.', createdBy: null });
    await repo.setCommitmentStage(tx, row.id, c.stage);
  }
  await audit(tx, SYSTEM_ACTOR, { action: 'plans.seed', entityType: 'plans_plan', entityId: p.id, after: { slug: plan.slug, commitments: plan.commitments.map((c) => c.slug) } });
}

export async function seedPlans(ctx: SeedContext): Promise<void> {
  await seedOnce(ctx, 'plans.ntb-ogp-local.v1', (tx) => seedPlan(tx, NTB_PLAN));
}
