/**
 * SPBE index computation (PermenPANRB 5/2018 §2.4.3 e–f, and the same arithmetic for later frameworks).
 *
 *   indicator weight = aspect weight ÷ number of indicator ENTRIES in the aspect
 *                      (a per-service indicator contributes one entry per service)
 *   aspect index     = Σ level × indicator weight ÷ aspect weight          (weighted mean)
 *   domain index     = Σ aspect index × aspect weight ÷ domain weight      (weighted mean)
 *   SPBE index       = Σ domain index × domain weight ÷ 100                 (weighted sum)
 *
 * Everything is computed at full precision; rounding to two decimals happens only for presentation
 * (`round2`), and the predicate is taken from the rounded index — the value that is published and
 * compared with the bands of Tabel 5 (an index shown as 3.50 must not be called "Baik").
 * The published 2018 figures of seed 004 §3.3 are reproduced this way.
 */
import { predicateFor, type Framework, type FrameworkIndicator, type PredicateBand } from './framework.ts';

export interface LevelEntry {
  indicator: string;
  /** 1..maxLevel; null/undefined = not yet assessed */
  level: number | null | undefined;
  /** for per-service indicators: the service (e.g. "e-Samsat"); the entry code becomes "35-3" style */
  service?: string | null;
}

export interface EntryResult {
  indicator: string;
  service?: string | null;
  level: number;
  /** percent of the whole index carried by this entry */
  weight: number;
}

export interface AspectResult {
  code: string;
  domain: string;
  weight: number;
  /** entries counted (assessed ones) */
  entries: number;
  /** entries expected but not assessed (non-per-service indicators without a level) */
  missing: number;
  index: number | null;
}

export interface DomainResult {
  code: string;
  weight: number;
  index: number | null;
}

export interface IndexResult {
  index: number | null;
  /** index rounded to two decimals (half up) */
  indexRounded: number | null;
  predicate: PredicateBand | null;
  domains: DomainResult[];
  aspects: AspectResult[];
  entries: EntryResult[];
  /** every indicator assessed (per-service indicators: at least one service) */
  complete: boolean;
  /** indicator codes still without a level */
  missing: string[];
  problems: string[];
}

/** Round half up to two decimals, robust to binary floating-point noise (2.945 → 2.95). */
export function round2(x: number): number {
  return Math.round(x * 100 + 1e-9 * Math.sign(x)) / 100;
}

/** Format with two decimals in Indonesian ("2,95") or English ("2.95"). */
export function formatIndex(x: number | null | undefined, locale: 'id' | 'en' = 'id'): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const s = round2(x).toFixed(2);
  return locale === 'id' ? s.replace('.', ',') : s;
}

/**
 * Compute the index of an evaluation. Unassessed indicators are left out of the means (the result is then
 * flagged incomplete and its index is provisional, normalised over what has been assessed), so the index can
 * be recomputed live while a self-assessment is being filled.
 */
export function computeIndex(fw: Framework, levels: LevelEntry[]): IndexResult {
  const problems: string[] = [];
  const byCode = new Map<string, FrameworkIndicator>(fw.indicators.map((i) => [i.code, i]));
  const assessed = new Map<string, LevelEntry[]>();
  for (const e of levels) {
    const ind = byCode.get(e.indicator);
    if (!ind) {
      problems.push(`unknown indicator ${e.indicator}`);
      continue;
    }
    if (e.level === null || e.level === undefined) continue;
    if (!Number.isInteger(e.level) || e.level < 1 || e.level > fw.maxLevel) {
      problems.push(`indicator ${e.indicator}: level ${String(e.level)} outside 1..${fw.maxLevel}`);
      continue;
    }
    const list = assessed.get(e.indicator) ?? [];
    if (!ind.perService && list.length > 0) {
      problems.push(`indicator ${e.indicator} assessed more than once`);
      continue;
    }
    list.push(e);
    assessed.set(e.indicator, list);
  }

  const missing = fw.indicators.filter((i) => !assessed.has(i.code)).map((i) => i.code);
  const entries: EntryResult[] = [];
  const aspects: AspectResult[] = fw.aspects.map((a) => {
    const inds = fw.indicators.filter((i) => i.aspect === a.code);
    const own = inds.flatMap((i) => assessed.get(i.code) ?? []);
    const n = own.length;
    const missingHere = inds.filter((i) => !assessed.has(i.code)).length;
    if (n === 0) return { code: a.code, domain: a.domain, weight: a.weight, entries: 0, missing: missingHere, index: null };
    const w = a.weight / n;
    let sum = 0;
    for (const e of own) {
      sum += (e.level as number) * w;
      entries.push({ indicator: e.indicator, service: e.service ?? null, level: e.level as number, weight: w });
    }
    return { code: a.code, domain: a.domain, weight: a.weight, entries: n, missing: missingHere, index: sum / a.weight };
  });

  const domains: DomainResult[] = fw.domains.map((d) => {
    const own = aspects.filter((a) => a.domain === d.code && a.index !== null);
    if (own.length === 0) return { code: d.code, weight: d.weight, index: null };
    const wsum = own.reduce((s, a) => s + a.weight, 0);
    const sum = own.reduce((s, a) => s + (a.index as number) * a.weight, 0);
    return { code: d.code, weight: d.weight, index: sum / wsum };
  });

  const present = domains.filter((d) => d.index !== null);
  const totalWeight = present.reduce((s, d) => s + d.weight, 0);
  const index = present.length === 0 ? null : present.reduce((s, d) => s + (d.index as number) * d.weight, 0) / totalWeight;
  const indexRounded = index === null ? null : round2(index);
  return {
    index,
    indexRounded,
    predicate: indexRounded === null ? null : predicateFor(fw, indexRounded) ?? null,
    domains,
    aspects,
    entries,
    complete: missing.length === 0 && problems.length === 0,
    missing,
    problems,
  };
}

/**
 * How much the index moves when one entry's level changes by `delta`, with the weights as they stand:
 * index = Σ level × entry weight ÷ 100, so the change is delta × entry weight ÷ 100.
 */
export function indexDeltaFor(fw: Framework, levels: LevelEntry[], indicator: string, delta: number): number {
  const ind = fw.indicators.find((i) => i.code === indicator);
  if (!ind) throw new Error(`unknown indicator ${indicator}`);
  const aspect = fw.aspects.find((a) => a.code === ind.aspect);
  if (!aspect) throw new Error(`unknown aspect ${ind.aspect}`);
  const codes = new Set(fw.indicators.filter((i) => i.aspect === aspect.code).map((i) => i.code));
  const n = levels.filter((e) => codes.has(e.indicator) && e.level !== null && e.level !== undefined).length;
  return (delta * (aspect.weight / n)) / 100;
}

/** Gap to a target index (e.g. 4.2 "Memuaskan" by 2023 in the RPJMD). Positive = still to go. */
export function gapToTarget(index: number | null, target: number): number | null {
  return index === null ? null : round2(target - round2(index));
}

export interface RaiseStep {
  indicator: string;
  service: string | null;
  from: number;
  to: number;
  /** index points gained by this raise */
  gain: number;
}

/**
 * The fewest level steps that lift the index to `target`: every step on an entry adds its weight ÷ 100, so
 * raising the heaviest entries first is optimal (ties: the lowest level first). Returns the raises grouped per
 * entry and whether the target is reachable at all.
 */
export function planToTarget(fw: Framework, result: IndexResult, target: number): { steps: number; raises: RaiseStep[]; reachable: boolean; reached: number | null } {
  if (result.index === null) return { steps: 0, raises: [], reachable: false, reached: null };
  let need = round2(target) - result.index;
  const order = [...result.entries].filter((e) => e.level < fw.maxLevel).sort((a, b) => b.weight - a.weight || a.level - b.level);
  const raises: RaiseStep[] = [];
  let steps = 0;
  let reached = result.index;
  for (const e of order) {
    if (need <= 1e-9) break;
    const per = e.weight / 100;
    const k = Math.min(fw.maxLevel - e.level, Math.ceil((need - 1e-9) / per));
    raises.push({ indicator: e.indicator, service: e.service ?? null, from: e.level, to: e.level + k, gain: k * per });
    steps += k;
    need -= k * per;
    reached += k * per;
  }
  return { steps, raises, reachable: need <= 1e-9, reached };
}
