/**
 * Reference data of seed 004, loaded once per database (idempotent through seed_runs): the PermenPANRB
 * 5/2018 framework, the 2018 evaluation (levels only — the index is computed), the §4.2 recommendations,
 * the §6.3 roadmap, the applications the seed names, and the §7.1/§7.2 business-process and data
 * architecture. The 59/2020 framework is not seeded: it ships as a file an admin imports
 * (src/modules/spbe/seed/framework-permenpanrb-59-2020.json).
 */
import type { Queryable } from '../../core/db.ts';
import { audit } from '../../core/audit.ts';
import { SYSTEM_ACTOR } from '../../core/policy.ts';
import { seedOnce } from '../../core/seed/seed.ts';
import type { SeedContext } from '../../core/module.ts';
import { permenpanrb5of2018 } from './seed/framework-permenpanrb-5-2018.ts';
import { evaluation2018 } from './seed/evaluation-2018.ts';
import { roadmap2019to2024 } from './seed/roadmap-2019-2024.ts';
import { applicationsNamedInSeed } from './seed/applications-2018.ts';
import recommendations from './seed/recommendations-2018.json' with { type: 'json' };
import businessProcesses from './seed/business-processes.json' with { type: 'json' };
import { spanOf } from './roadmap.ts';
import { ORG_ALIASES, normOrg, splitOrganisations } from './org-aliases.ts';
import * as fwRepo from './framework.repo.ts';
import * as evRepo from './evaluation.repo.ts';
import * as rmRepo from './roadmap.repo.ts';
import * as appRepo from './application.repo.ts';
import * as archRepo from './architecture.repo.ts';

async function orgIndex(tx: Queryable): Promise<{ byKey: Map<string, string>; names: string[] }> {
  const orgs = await appRepo.organisationLookup(tx);
  const byKey = new Map<string, string>();
  for (const o of orgs) {
    byKey.set(normOrg(o.name), o.id);
    if (o.short_name) byKey.set(normOrg(o.short_name), o.id);
  }
  for (const [alias, slug] of Object.entries(ORG_ALIASES)) {
    const o = orgs.find((x) => x.slug === slug);
    if (o) byKey.set(alias, o.id);
  }
  return { byKey, names: orgs.flatMap((o) => [o.name, ...(o.short_name ? [o.short_name] : [])]) };
}

export async function seedReference(tx: Queryable): Promise<void> {
  const fwRow = (await fwRepo.getFrameworkByCode(tx, permenpanrb5of2018.code)) ?? (await fwRepo.insertFramework(tx, permenpanrb5of2018, 'seed', null));

  // 2018 evaluation: levels as published, final.
  if (!(await evRepo.findEvaluation(tx, 2018, fwRow.id))) {
    const id = await evRepo.insertEvaluation(tx, { year: 2018, frameworkId: fwRow.id, title: evaluation2018.title, state: 'final', targetIndex: evaluation2018.target.index, source: evaluation2018.source, createdBy: null });
    for (const l of evaluation2018.levels) {
      const service = 'service' in l ? (l.service as string) : '';
      await evRepo.insertEntry(tx, { evaluationId: id, indicatorCode: l.indicator, service, entryLabel: service ? evaluation2018.entryLabels[service] : null, level: l.level, justification: null, assessorId: null });
    }
    await tx.query(`UPDATE spbe_evaluations SET submitted_at = '2018-09-30T00:00:00+08:00', finalised_at = '2019-03-28T00:00:00+08:00' WHERE id = $1`, [id]);
    await audit(tx, SYSTEM_ACTOR, { action: 'spbe.evaluation.seed', entityType: 'spbe_evaluation', entityId: id, after: { year: 2018, framework: permenpanrb5of2018.code, source: evaluation2018.source } });
  }

  for (const r of recommendations.rows) {
    await tx.query(
      `INSERT INTO spbe_recommendations (framework_id, indicator_code, entry_label, source_year, condition, recommendation, strategy)
       VALUES ($1,$2,$3,2018,$4,$5,$6) ON CONFLICT (framework_id, entry_label, source_year) DO NOTHING`,
      [fwRow.id, r.indicator, r.entry, r.condition, r.recommendation, r.strategy],
    );
  }

  const orgs = await orgIndex(tx);
  for (const i of roadmap2019to2024) {
    if (await rmRepo.getInitiativeByCode(tx, i.code)) continue;
    const span = spanOf(i.outputs);
    const id = await rmRepo.insertInitiative(tx, { code: i.code, number: i.number, grp: i.group, title: i.title, startYear: span.startYear, endYear: span.endYear, frameworkCode: i.indicators.length ? permenpanrb5of2018.code : null, indicatorCodes: i.indicators });
    let pos = 0;
    for (const o of i.outputs) {
      await rmRepo.insertOutput(tx, { initiativeId: id, position: pos++, output: o.output, targetText: o.targetText, startYear: o.startYear, endYear: o.endYear, responsible: o.responsible });
      for (const name of o.responsible ? splitOrganisations(o.responsible, orgs.names) : []) {
        const orgId = orgs.byKey.get(name);
        if (orgId) await rmRepo.linkInitiativeOrganisation(tx, id, orgId);
      }
    }
    if (i.code === 'A-1') {
      // The seed document is itself this initiative's output: the SPBE master plan with its architecture (BAB VII),
      // established as Governor Regulation 55/2019.
      await rmRepo.updateInitiativeProgress(tx, id, 'done', 100);
      await tx.query(`INSERT INTO spbe_initiative_updates (initiative_id, status, progress, note, created_by, created_at) VALUES ($1, 'done', 100, $2, NULL, '2019-12-31T00:00:00+08:00')`,
        [id, 'Rencana Induk SPBE Pemprov NTB beserta arsitekturnya ditetapkan dengan Peraturan Gubernur NTB Nomor 55 Tahun 2019.']);
    }
  }

  for (const a of applicationsNamedInSeed) {
    const owner = a.owner ? orgs.byKey.get(normOrg(a.owner)) ?? null : null;
    await appRepo.upsertApplication(tx, { name: a.name, category: a.category, scope: a.scope, ownerOrganisationId: owner, url: a.url, hostedInDataCentre: null, integratedSimantra: a.integratedSimantra, status: a.status, description: a.description }, null);
  }

  for (const p of businessProcesses.processes) {
    await archRepo.insertProcess(tx, { code: p.code, parent_code: null, level: 0, name: p.name, process_type: p.type as 'Utama', organisation: null, activities: [] });
    let pos = 0;
    for (const e of p.dataEntities) await archRepo.insertDataEntity(tx, p.code, pos++, e);
  }
  for (const s of businessProcesses.subProcesses) {
    await archRepo.insertProcess(tx, { code: s.code, parent_code: s.parent, level: 1, name: s.name, process_type: null, organisation: s.organisation, activities: s.activities, note: (s as { note?: string }).note ?? null });
    let pos = 0;
    for (const e of s.dataEntities) await archRepo.insertDataEntity(tx, s.code, pos++, e);
    for (const o of s.organisations) {
      const id = orgs.byKey.get(normOrg(o));
      if (id) await archRepo.linkProcessOrganisation(tx, s.code, id);
    }
  }
}

export async function seedSpbe(ctx: SeedContext): Promise<void> {
  await seedOnce(ctx, 'spbe.reference.v1', seedReference);
}
