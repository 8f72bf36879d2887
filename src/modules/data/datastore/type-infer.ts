/**
 * Column type inference with Indonesian conventions, producing a Frictionless Table Schema.
 * Feed sampled rows with `observe`, then call `schema()`. A type wins a column when at least
 * `threshold` of its non-missing values conform; the rest are reported by validation, so one
 * typo (`6,643,98`) in a number column is named rather than turning the column into text.
 */
import {
  isMissing, numberShape, parseLocaleNumber, parsePercent, parseDate, parseDateTime, parseBoolean,
  REGION_CODE, looksLikeCode, isCanonicalInteger, fitsBigint, MISSING_VALUES, type NumberLocale,
} from './cell-parse.ts';
import { columnNames, REGION_CODE_PATTERN, type TableSchema, type TableSchemaField } from './table-schema.ts';
import type { Cell } from './tabular-source.ts';

interface ColumnStats {
  n: number;
  code: number;
  region: number;
  regionPrefixes: Set<string>;
  bool: number;
  date: number;
  datetime: number;
  idOnly: number;
  enOnly: number;
  okId: number; intId: number; bigId: number;
  okEn: number; intEn: number; bigEn: number;
  pctId: number; pctEn: number;
}

function newStats(): ColumnStats {
  return {
    n: 0, code: 0, region: 0, regionPrefixes: new Set(), bool: 0, date: 0, datetime: 0, idOnly: 0, enOnly: 0,
    okId: 0, intId: 0, bigId: 0, okEn: 0, intEn: 0, bigEn: 0, pctId: 0, pctEn: 0,
  };
}

const REGION_HINT = /kode|code|\bkd\b|wilayah|kemendagri|region/i;
const CODE_HINT = /\bkode\b|\bcode\b|^kd\b|^id$/i;

export interface InferOptions {
  /** Share of non-missing values that must conform for a type to be chosen (default 0.8). */
  threshold?: number;
}

export class TypeInferrer {
  readonly header: string[];
  private readonly stats: ColumnStats[];
  private readonly hints: boolean[];
  rowsSeen = 0;

  constructor(header: string[]) {
    this.header = header;
    this.stats = header.map(() => newStats());
    this.hints = header.map((h) => /kode|code|\bkd\b/i.test(h));
  }

  observe(cells: Cell[]): void {
    this.rowsSeen++;
    for (let i = 0; i < this.stats.length; i++) {
      const v = cells[i];
      if (v === null || v === undefined) continue;
      const s = this.stats[i];
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) continue;
        s.n++;
        s.okId++; s.okEn++;
        if (Number.isInteger(v)) { s.intId++; s.intEn++; }
        continue;
      }
      if (typeof v === 'boolean') { s.n++; s.bool++; continue; }
      if (v instanceof Date) { s.n++; s.date++; continue; }
      const raw = v.trim();
      if (isMissing(raw)) continue;
      s.n++;
      if (looksLikeCode(raw)) s.code++;
      if (REGION_CODE.test(raw) && (raw.includes('.') || this.hints[i])) { s.region++; s.regionPrefixes.add(raw.slice(0, 2)); }
      if (parseBoolean(raw) !== null) s.bool++;
      if (parseDate(raw)) s.date++;
      else if (parseDateTime(raw)) s.datetime++;
      if (raw.endsWith('%')) {
        if (parsePercent(raw, 'id') !== null) s.pctId++;
        if (parsePercent(raw, 'en') !== null) s.pctEn++;
        continue;
      }
      const shape = numberShape(raw);
      if (shape === 'id') s.idOnly++;
      else if (shape === 'en') s.enOnly++;
      if (shape === 'invalid') continue;
      const a = parseLocaleNumber(raw, 'id');
      if (a !== null) { s.okId++; if (isCanonicalInteger(a)) { s.intId++; if (!fitsBigint(a)) s.bigId++; } }
      const b = parseLocaleNumber(raw, 'en');
      if (b !== null) { s.okEn++; if (isCanonicalInteger(b)) { s.intEn++; if (!fitsBigint(b)) s.bigEn++; } }
    }
  }

  /** The inferred Table Schema. */
  schema(options: InferOptions = {}): TableSchema {
    const t = options.threshold ?? 0.8;
    const names = columnNames(this.header);
    const fields = this.stats.map((s, i) => inferField(names[i], this.header[i] || names[i], s, t));
    return { fields, missingValues: [...MISSING_VALUES] };
  }
}

function inferField(name: string, title: string, s: ColumnStats, t: number): TableSchemaField {
  const f: TableSchemaField = { name, title, type: 'string' };
  const n = s.n;
  if (n === 0) return f;
  const enough = (k: number) => k >= t * n && k > 0;
  if (s.code > 0 && (s.code === n || enough(s.code))) return { ...f, 'ntb:kind': 'code' };
  const hint = REGION_HINT.test(title);
  // identifiers named as codes stay text even when they look like integers (`Kode BPS 5201`)
  if (CODE_HINT.test(title) && s.intId === n && s.region < n) return { ...f, 'ntb:kind': 'code' };
  if ((s.region === n && (hint || s.regionPrefixes.size === 1)) || (hint && enough(s.region))) {
    return { ...f, 'ntb:kind': 'region_code', constraints: { pattern: REGION_CODE_PATTERN } };
  }
  if (enough(s.bool)) return { ...f, type: 'boolean', trueValues: ['ya', 'true', 'yes', 'benar'], falseValues: ['tidak', 'false', 'no', 'salah'] };
  if (enough(s.date)) return { ...f, type: 'date', format: 'any' };
  if (enough(s.datetime)) return { ...f, type: 'datetime', format: 'any' };
  const locale: NumberLocale = s.enOnly > s.idOnly ? 'en' : 'id';
  const numberProps = locale === 'id' ? { decimalChar: ',', groupChar: '.' } : { decimalChar: '.', groupChar: ',' };
  const pct = locale === 'id' ? s.pctId : s.pctEn;
  if (enough(pct)) return { ...f, type: 'number', ...numberProps, bareNumber: false, unit: '%', 'ntb:kind': 'percent' };
  const ok = locale === 'id' ? s.okId : s.okEn;
  const int = locale === 'id' ? s.intId : s.intEn;
  const big = locale === 'id' ? s.bigId : s.bigEn;
  if (enough(ok)) {
    if (int === ok && big === 0) return { ...f, type: 'integer', ...numberProps };
    return { ...f, type: 'number', ...numberProps };
  }
  return f;
}

/** Convenience: infer from an array of rows. */
export function inferSchema(header: string[], rows: Iterable<Cell[]>, options?: InferOptions): TableSchema {
  const inf = new TypeInferrer(header);
  for (const r of rows) inf.observe(r);
  return inf.schema(options);
}
