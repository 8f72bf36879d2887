/** Response schemas and presenters of the SPBE JSON API (never raw rows). */
import { Type } from '@sinclair/typebox';
import type { Framework } from './framework.ts';
import { round2, type IndexResult } from './index-calc.ts';
import type { EntryRow, EvaluationRow, EvidenceRow } from './evaluation.repo.ts';
import { levelName } from './framework.ts';

const Nullable = <T extends ReturnType<typeof Type.Number> | ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer> | ReturnType<typeof Type.Boolean>>(t: T) => Type.Union([t, Type.Null()]);

export const ResultSchema = Type.Object({
  index: Nullable(Type.Number({ description: 'full precision' })),
  indexRounded: Nullable(Type.Number({ description: 'two decimals, as published' })),
  predicate: Nullable(Type.String()),
  complete: Type.Boolean(),
  missing: Type.Array(Type.String()),
  domains: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), weight: Type.Number(), index: Nullable(Type.Number()) })),
  aspects: Type.Array(Type.Object({ code: Type.String(), domain: Type.String(), name: Type.String(), weight: Type.Number(), entries: Type.Integer(), index: Nullable(Type.Number()) })),
}, { $id: 'SpbeResult', title: 'SpbeResult' });

export function presentResult(fw: Framework, r: IndexResult) {
  return {
    index: r.index,
    indexRounded: r.indexRounded,
    predicate: r.predicate?.name ?? null,
    complete: r.complete,
    missing: r.missing,
    domains: r.domains.map((d) => ({ code: d.code, name: fw.domains.find((x) => x.code === d.code)?.name ?? d.code, weight: d.weight, index: d.index === null ? null : round2(d.index) })),
    aspects: r.aspects.map((a) => ({ code: a.code, domain: a.domain, name: fw.aspects.find((x) => x.code === a.code)?.name ?? a.code, weight: a.weight, entries: a.entries, index: a.index === null ? null : round2(a.index) })),
  };
}

export const EvaluationSummarySchema = Type.Object({
  id: Type.String(),
  year: Type.Integer(),
  title: Type.String(),
  framework: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  state: Type.String({ enum: ['self_assessment', 'internal_review', 'final'] }),
  updatedAt: Type.String({ format: 'date-time' }),
  finalisedAt: Nullable(Type.String({ format: 'date-time' })),
  result: ResultSchema,
});

export function presentEvaluation(e: EvaluationRow, fw: Framework, r: IndexResult) {
  return {
    id: e.id, year: e.year, title: e.title,
    framework: { id: e.framework_id, code: e.framework_code, name: e.framework_name },
    state: e.state,
    updatedAt: new Date(e.updated_at).toISOString(),
    finalisedAt: e.finalised_at ? new Date(e.finalised_at).toISOString() : null,
    result: presentResult(fw, r),
  };
}

export const EntrySchema = Type.Object({
  id: Type.String(),
  indicator: Type.String(),
  indicatorName: Type.String(),
  aspect: Type.String(),
  service: Nullable(Type.String()),
  label: Type.String({ description: 'indicator number, or e.g. 35-1 for a service entry' }),
  level: Nullable(Type.Integer({ minimum: 1, maximum: 5 })),
  levelName: Nullable(Type.String()),
  justification: Nullable(Type.String()),
  weight: Nullable(Type.Number({ description: 'percent of the index carried by this entry' })),
  evidence: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), label: Type.String(), url: Type.String() })),
});

export function presentEntry(fw: Framework, r: IndexResult, e: EntryRow, evidence: EvidenceRow[]) {
  const ind = fw.indicators.find((i) => i.code === e.indicator_code);
  const aspect = r.aspects.find((a) => a.code === ind?.aspect);
  return {
    id: e.id,
    indicator: e.indicator_code,
    indicatorName: ind?.name ?? e.indicator_code,
    aspect: ind?.aspect ?? '',
    service: e.service || null,
    label: e.entry_label ?? e.indicator_code,
    level: e.level,
    levelName: e.level && ind ? levelName(fw, ind.type, e.level) ?? null : null,
    justification: e.justification,
    weight: e.level !== null && aspect && aspect.entries ? aspect.weight / aspect.entries : null,
    evidence: evidence.filter((v) => v.entry_id === e.id).map((v) => ({ id: v.id, kind: v.kind, label: v.label, url: v.kind === 'file' ? `/spbe/bukti/${v.id}` : (v.url ?? '') })),
  };
}

export const EvaluationDetailSchema = Type.Composite([EvaluationSummarySchema, Type.Object({ entries: Type.Array(EntrySchema) })]);

export const FrameworkSummarySchema = Type.Object({
  id: Type.String(), code: Type.String(), name: Type.String(), version: Type.String(), regulation: Nullable(Type.String()),
  domains: Type.Integer(), aspects: Type.Integer(), indicators: Type.Integer(),
});

export const HistorySchema = Type.Object({
  data: Type.Array(Type.Object({
    evaluation: Type.String(), year: Type.Integer(), framework: Type.String(),
    index: Nullable(Type.Number()), predicate: Nullable(Type.String()), change: Nullable(Type.Number()),
  })),
  target: Type.Object({ index: Type.Number(), year: Type.Integer() }),
});

export const InitiativeSchema = Type.Object({
  code: Type.String(), group: Type.String(), title: Type.String(),
  startYear: Type.Integer(), endYear: Type.Integer(),
  status: Type.String(), progress: Type.Integer(), overdue: Type.Boolean(), expectedProgress: Type.Integer(),
  indicators: Type.Array(Type.String()), framework: Nullable(Type.String()),
  organisations: Type.Array(Type.Object({ slug: Type.String(), name: Type.String() })),
  outputs: Type.Array(Type.Object({ output: Type.String(), target: Type.String(), startYear: Type.Integer(), endYear: Type.Integer(), responsible: Nullable(Type.String()) })),
});

export const ApplicationSchema = Type.Object({
  id: Type.String(), name: Type.String(), category: Type.String(), scope: Type.String(),
  owner: Type.Union([Type.Object({ slug: Type.Union([Type.String(), Type.Null()]), name: Type.String() }), Type.Null()]),
  url: Nullable(Type.String()), hostedInDataCentre: Nullable(Type.Boolean()), integratedSimantra: Nullable(Type.Boolean()),
  status: Type.String(), description: Nullable(Type.String()), dataRefs: Type.Array(Type.String()),
});

export const ProcessSchema = Type.Object({
  code: Type.String(), level: Type.Integer(), name: Type.String(), type: Nullable(Type.String()), parent: Nullable(Type.String()),
  organisation: Nullable(Type.String()), activities: Type.Array(Type.String()),
  dataEntities: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), dataRef: Nullable(Type.String()) })),
});
