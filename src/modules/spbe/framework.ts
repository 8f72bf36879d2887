/**
 * SPBE evaluation frameworks as versioned data.
 *
 * A framework is a flat, serialisable description (domains → aspects → indicators, weights in percent,
 * level descriptors per indicator type, predicate bands). Parents are referenced by code so a framework
 * can come from JSON or from the rows of an XLSX workbook alike. Nothing here knows PermenPANRB 5/2018:
 * that is seed data (seed/framework-permenpanrb-5-2018.ts).
 */

export type IndicatorType = 'process' | 'technical';

export interface LevelDescriptor {
  /** 1..maxLevel */
  level: number;
  /** e.g. "Rintisan", "Informasi" */
  name: string;
  description?: string;
}

export interface PredicateBand {
  /** lower bound, inclusive */
  min: number;
  /** upper bound, exclusive — except for the topmost band, which includes it */
  max: number;
  /** Indonesian name as the regulation gives it, e.g. "Baik" */
  name: string;
  nameEn?: string;
}

export interface FrameworkDomain {
  code: string;
  name: string;
  /** percent of the whole index */
  weight: number;
}

export interface FrameworkAspect {
  code: string;
  domain: string;
  name: string;
  /** percent of the whole index; the aspects of a domain sum to the domain's weight */
  weight: number;
}

export interface FrameworkIndicator {
  code: string;
  aspect: string;
  /** the number the regulation gives the indicator (1..n) */
  number: number;
  name: string;
  type: IndicatorType;
  /**
   * Assessed once per service (PermenPANRB 5/2018 indicator 35): every service entry counts as one
   * indicator of the aspect, so the aspect weight is shared among the entries.
   */
  perService?: boolean;
  description?: string;
}

export interface Framework {
  /** stable identifier, e.g. "permenpanrb-5-2018" */
  code: string;
  name: string;
  /** the legal basis, e.g. "Peraturan Menteri PANRB Nomor 5 Tahun 2018" */
  regulation?: string;
  version: string;
  /** highest maturity level (5 in every framework so far) */
  maxLevel: number;
  levelScales: Record<IndicatorType, LevelDescriptor[]>;
  domains: FrameworkDomain[];
  aspects: FrameworkAspect[];
  indicators: FrameworkIndicator[];
  predicates: PredicateBand[];
}

export interface FrameworkProblem {
  /** machine-readable kind */
  code:
    | 'empty'
    | 'bad_value'
    | 'duplicate_code'
    | 'unknown_parent'
    | 'domain_weights_sum'
    | 'aspect_weights_sum'
    | 'empty_domain'
    | 'empty_aspect'
    | 'level_scale'
    | 'bands_coverage';
  /** where: e.g. "aspects[3]" or "domain D2" */
  path: string;
  message: { id: string; en: string };
}

/** Weights are percentages written with at most a few decimals; compare with a tolerance. */
const WEIGHT_EPSILON = 1e-6;

const fmt = (n: number): string => String(Math.round(n * 1e6) / 1e6);

function problem(code: FrameworkProblem['code'], path: string, id: string, en: string): FrameworkProblem {
  return { code, path, message: { id, en } };
}

function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

function nonEmptyString(x: unknown): x is string {
  return typeof x === 'string' && x.trim().length > 0;
}

/**
 * Check a framework for every problem at once (not only the first): weights of domains sum to 100 %,
 * aspects of each domain sum to the domain's weight, every parent reference exists, codes are unique,
 * level scales run 1..maxLevel, predicate bands cover 0..maxLevel without gap or overlap.
 * Returns an empty list when the framework is usable.
 */
export function validateFramework(fw: Framework): FrameworkProblem[] {
  const out: FrameworkProblem[] = [];
  if (!fw || typeof fw !== 'object') {
    return [problem('empty', '', 'Kerangka kosong atau bukan objek.', 'The framework is empty or not an object.')];
  }
  if (!nonEmptyString(fw.code)) out.push(problem('bad_value', 'code', 'Kode kerangka wajib diisi.', 'The framework code is required.'));
  if (!nonEmptyString(fw.name)) out.push(problem('bad_value', 'name', 'Nama kerangka wajib diisi.', 'The framework name is required.'));
  const maxLevel = isFiniteNumber(fw.maxLevel) && Number.isInteger(fw.maxLevel) && fw.maxLevel >= 2 ? fw.maxLevel : 5;
  if (fw.maxLevel !== undefined && maxLevel !== fw.maxLevel) {
    out.push(problem('bad_value', 'maxLevel', `Tingkat maksimum harus bilangan bulat ≥ 2, bukan ${String(fw.maxLevel)}.`, `The maximum level must be an integer ≥ 2, not ${String(fw.maxLevel)}.`));
  }
  const domains = Array.isArray(fw.domains) ? fw.domains : [];
  const aspects = Array.isArray(fw.aspects) ? fw.aspects : [];
  const indicators = Array.isArray(fw.indicators) ? fw.indicators : [];
  if (domains.length === 0) out.push(problem('empty', 'domains', 'Kerangka tidak memiliki domain.', 'The framework has no domains.'));
  if (aspects.length === 0) out.push(problem('empty', 'aspects', 'Kerangka tidak memiliki aspek.', 'The framework has no aspects.'));
  if (indicators.length === 0) out.push(problem('empty', 'indicators', 'Kerangka tidak memiliki indikator.', 'The framework has no indicators.'));

  // codes: unique across all three levels (an evaluation refers to indicators by code; a shared code would be ambiguous)
  const seen = new Map<string, string>();
  const checkCode = (kind: { id: string; en: string }, path: string, code: unknown): void => {
    if (!nonEmptyString(code)) {
      out.push(problem('bad_value', path, `Kode ${kind.id} wajib diisi.`, `The ${kind.en} code is required.`));
      return;
    }
    const prev = seen.get(code);
    if (prev) {
      out.push(problem('duplicate_code', path, `Kode "${code}" dipakai lebih dari sekali (juga di ${prev}).`, `Code "${code}" is used more than once (also at ${prev}).`));
    } else seen.set(code, path);
  };
  domains.forEach((d, i) => {
    checkCode({ id: 'domain', en: 'domain' }, `domains[${i}]`, d?.code);
    if (!nonEmptyString(d?.name)) out.push(problem('bad_value', `domains[${i}]`, `Nama domain ${d?.code ?? i + 1} wajib diisi.`, `Domain ${d?.code ?? i + 1} needs a name.`));
    if (!isFiniteNumber(d?.weight) || d.weight <= 0) out.push(problem('bad_value', `domains[${i}]`, `Bobot domain ${d?.code ?? i + 1} harus angka positif, bukan "${String(d?.weight)}".`, `The weight of domain ${d?.code ?? i + 1} must be a positive number, not "${String(d?.weight)}".`));
  });
  aspects.forEach((a, i) => {
    checkCode({ id: 'aspek', en: 'aspect' }, `aspects[${i}]`, a?.code);
    if (!nonEmptyString(a?.name)) out.push(problem('bad_value', `aspects[${i}]`, `Nama aspek ${a?.code ?? i + 1} wajib diisi.`, `Aspect ${a?.code ?? i + 1} needs a name.`));
    if (!isFiniteNumber(a?.weight) || a.weight <= 0) out.push(problem('bad_value', `aspects[${i}]`, `Bobot aspek ${a?.code ?? i + 1} harus angka positif, bukan "${String(a?.weight)}".`, `The weight of aspect ${a?.code ?? i + 1} must be a positive number, not "${String(a?.weight)}".`));
  });
  indicators.forEach((x, i) => {
    checkCode({ id: 'indikator', en: 'indicator' }, `indicators[${i}]`, x?.code);
    if (!nonEmptyString(x?.name)) out.push(problem('bad_value', `indicators[${i}]`, `Nama indikator ${x?.code ?? i + 1} wajib diisi.`, `Indicator ${x?.code ?? i + 1} needs a name.`));
    if (x?.type !== 'process' && x?.type !== 'technical') {
      out.push(problem('bad_value', `indicators[${i}]`, `Jenis indikator ${x?.code ?? i + 1} harus "process" atau "technical", bukan "${String(x?.type)}".`, `The type of indicator ${x?.code ?? i + 1} must be "process" or "technical", not "${String(x?.type)}".`));
    }
  });

  // parents
  const domainCodes = new Set(domains.map((d) => d?.code));
  const aspectCodes = new Set(aspects.map((a) => a?.code));
  aspects.forEach((a, i) => {
    if (!domainCodes.has(a?.domain)) {
      out.push(problem('unknown_parent', `aspects[${i}]`, `Aspek ${a?.code} merujuk domain "${String(a?.domain)}" yang tidak ada.`, `Aspect ${a?.code} refers to domain "${String(a?.domain)}", which does not exist.`));
    }
  });
  indicators.forEach((x, i) => {
    if (!aspectCodes.has(x?.aspect)) {
      out.push(problem('unknown_parent', `indicators[${i}]`, `Indikator ${x?.code} merujuk aspek "${String(x?.aspect)}" yang tidak ada.`, `Indicator ${x?.code} refers to aspect "${String(x?.aspect)}", which does not exist.`));
    }
  });

  // weights
  const numericDomains = domains.filter((d) => isFiniteNumber(d?.weight));
  if (numericDomains.length > 0) {
    const total = numericDomains.reduce((s, d) => s + d.weight, 0);
    if (Math.abs(total - 100) > WEIGHT_EPSILON) {
      out.push(problem('domain_weights_sum', 'domains', `Jumlah bobot domain ${fmt(total)}%, seharusnya 100%.`, `Domain weights add up to ${fmt(total)}%, they must add up to 100%.`));
    }
  }
  for (const d of domains) {
    if (!d || !isFiniteNumber(d.weight)) continue;
    const own = aspects.filter((a) => a?.domain === d.code);
    if (own.length === 0) {
      out.push(problem('empty_domain', `domain ${d.code}`, `Domain ${d.code} tidak memiliki aspek.`, `Domain ${d.code} has no aspects.`));
      continue;
    }
    const total = own.reduce((s, a) => s + (isFiniteNumber(a.weight) ? a.weight : 0), 0);
    if (Math.abs(total - d.weight) > WEIGHT_EPSILON) {
      out.push(problem('aspect_weights_sum', `domain ${d.code}`, `Jumlah bobot aspek domain ${d.code} ${fmt(total)}%, seharusnya sama dengan bobot domain ${fmt(d.weight)}%.`, `Aspect weights of domain ${d.code} add up to ${fmt(total)}%, they must equal the domain weight ${fmt(d.weight)}%.`));
    }
  }
  for (const a of aspects) {
    if (!a) continue;
    if (!indicators.some((x) => x?.aspect === a.code)) {
      out.push(problem('empty_aspect', `aspect ${a.code}`, `Aspek ${a.code} tidak memiliki indikator.`, `Aspect ${a.code} has no indicators.`));
    }
  }

  // level scales
  for (const type of ['process', 'technical'] as const) {
    const used = indicators.some((x) => x?.type === type);
    const scale = fw.levelScales?.[type];
    if (!used && !scale) continue;
    const levels = Array.isArray(scale) ? scale.map((l) => l?.level).sort((p, q) => p - q) : [];
    const expected = Array.from({ length: maxLevel }, (_, k) => k + 1);
    const ok = levels.length === expected.length && levels.every((l, k) => l === expected[k]) && (scale ?? []).every((l) => nonEmptyString(l?.name));
    if (!ok) {
      out.push(problem('level_scale', `levelScales.${type}`, `Skala tingkat "${type}" harus memuat tingkat 1–${maxLevel}, masing-masing dengan nama.`, `The "${type}" level scale must list levels 1–${maxLevel}, each with a name.`));
    }
  }

  // predicate bands: cover [0, maxLevel] with no gap and no overlap
  const bands = Array.isArray(fw.predicates) ? [...fw.predicates] : [];
  if (bands.length === 0) {
    out.push(problem('bands_coverage', 'predicates', 'Kerangka tidak memiliki rentang predikat.', 'The framework has no predicate bands.'));
  } else {
    const bad = bands.find((b) => !isFiniteNumber(b?.min) || !isFiniteNumber(b?.max) || b.min >= b.max || !nonEmptyString(b?.name));
    if (bad) {
      out.push(problem('bands_coverage', 'predicates', `Rentang predikat "${String(bad?.name)}" tidak sah (batas bawah harus lebih kecil dari batas atas, nama wajib).`, `Predicate band "${String(bad?.name)}" is invalid (lower bound must be below upper bound, name required).`));
    } else {
      bands.sort((p, q) => p.min - q.min);
      if (bands[0].min > 0 + WEIGHT_EPSILON) {
        out.push(problem('bands_coverage', 'predicates', `Rentang predikat tidak mencakup nilai 0 sampai ${fmt(bands[0].min)}.`, `Predicate bands do not cover values from 0 to ${fmt(bands[0].min)}.`));
      }
      const last = bands[bands.length - 1];
      if (last.max < maxLevel - WEIGHT_EPSILON) {
        out.push(problem('bands_coverage', 'predicates', `Rentang predikat tidak mencakup nilai ${fmt(last.max)} sampai ${maxLevel}.`, `Predicate bands do not cover values from ${fmt(last.max)} to ${maxLevel}.`));
      }
      for (let k = 1; k < bands.length; k++) {
        const prev = bands[k - 1];
        const cur = bands[k];
        if (cur.min > prev.max + WEIGHT_EPSILON) {
          out.push(problem('bands_coverage', 'predicates', `Ada celah antara rentang "${prev.name}" (sampai ${fmt(prev.max)}) dan "${cur.name}" (mulai ${fmt(cur.min)}).`, `There is a gap between band "${prev.name}" (up to ${fmt(prev.max)}) and "${cur.name}" (from ${fmt(cur.min)}).`));
        } else if (cur.min < prev.max - WEIGHT_EPSILON) {
          out.push(problem('bands_coverage', 'predicates', `Rentang "${prev.name}" dan "${cur.name}" tumpang tindih.`, `Bands "${prev.name}" and "${cur.name}" overlap.`));
        }
      }
    }
  }
  return out;
}

/** Predicate for an index value (bands are [min, max), the top band includes its max). */
export function predicateFor(fw: Pick<Framework, 'predicates'>, value: number): PredicateBand | undefined {
  const bands = [...fw.predicates].sort((p, q) => p.min - q.min);
  const top = bands[bands.length - 1];
  for (const b of bands) {
    if (value >= b.min && (value < b.max || (b === top && value <= b.max))) return b;
  }
  // below the lowest band's min (e.g. 0 when bands start at 1) → lowest band
  if (bands.length && value < bands[0].min) return bands[0];
  return undefined;
}

/** Level descriptor for an indicator's type and level, if the framework defines it. */
export function levelName(fw: Pick<Framework, 'levelScales'>, type: IndicatorType, level: number): string | undefined {
  return fw.levelScales[type]?.find((l) => l.level === level)?.name;
}
