/**
 * Validation of rows against a Table Schema, converting each cell to the canonical text of its
 * PostgreSQL column (the same text `COPY` and parameterised INSERT accept). All errors are
 * counted; the first `maxReported` are kept with row, line, column and reason.
 */
import {
  isMissing, parseLocaleNumber, parsePercent, parseDate, parseDateTime, isCanonicalInteger, fitsBigint,
  type NumberLocale,
} from './cell-parse.ts';
import type { TableSchema, TableSchemaField } from './table-schema.ts';
import type { Cell, DataRow } from './tabular-source.ts';
import { DatastoreError } from './datastore-error.ts';
import { copyTextValue } from './copy-format.ts';

export type CellErrorCode =
  | 'type_integer' | 'type_number' | 'type_boolean' | 'type_date' | 'type_datetime'
  | 'required' | 'pattern' | 'minimum' | 'maximum' | 'min_length' | 'max_length' | 'enum' | 'unique';

export interface CellError {
  row: number;
  /** File line; 0 when not known (duplicates are found in the database after the load). */
  line: number;
  /** For `unique`: the row that holds the value first. */
  first?: number;
  column: string;
  title: string;
  value: string;
  code: CellErrorCode;
}

export interface ValidationReport {
  rowCount: number;
  validRowCount: number;
  errorCount: number;
  errors: CellError[];
  /** Error count per column name. */
  byColumn: Record<string, number>;
  truncated: boolean;
}

export function newReport(): ValidationReport {
  return { rowCount: 0, validRowCount: 0, errorCount: 0, errors: [], byColumn: {}, truncated: false };
}

export type ParsedCell = { ok: true; value: string | null } | { ok: false; code: CellErrorCode };

function localeOf(f: TableSchemaField): NumberLocale {
  return f.decimalChar === '.' ? 'en' : 'id';
}

function jsNumberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, '');
}

/** Whether a string starts or ends with whitespace (then trimming is needed). */
function isSpaced(s: string): boolean {
  if (s.length === 0) return false;
  return isSpace(s.charCodeAt(0)) || isSpace(s.charCodeAt(s.length - 1));
}
function isSpace(c: number): boolean {
  return c <= 32 || (c > 127 && /\s/.test(String.fromCharCode(c)));
}

/** A rejected cell, preallocated per reason so the hot path allocates nothing. */
export interface BadCell { readonly bad: CellErrorCode }
const BAD: Record<CellErrorCode, BadCell> = Object.fromEntries(
  (['type_integer', 'type_number', 'type_boolean', 'type_date', 'type_datetime', 'required', 'pattern', 'minimum', 'maximum', 'min_length', 'max_length', 'enum', 'unique'] as CellErrorCode[])
    .map((c) => [c, Object.freeze({ bad: c })]),
) as Record<CellErrorCode, BadCell>;

/** Converted cell: canonical text, null (missing), or the reason it was rejected. */
export type Converted = string | null | BadCell;

/** A compiled field: parse + constraint checks without per-cell setup cost. */
export interface CompiledField {
  field: TableSchemaField;
  /** Whether converted values may need COPY escaping (only text can hold tabs, newlines, backslashes). */
  text: boolean;
  convert(cell: Cell): Converted;
  parse(cell: Cell): ParsedCell;
  /**
   * What the byte-level COPY lane (csv-copy-lane.ts) may convert itself, giving exactly what
   * `convert` gives; every other cell goes through `convert`. null: always `convert`.
   */
  fast: FastConversion | null;
}

export type FastConversion =
  /** Text without checks: cells longer than `maxMissingBytes` with no surrounding space are taken as they are. */
  | { kind: 'text'; maxMissingBytes: number }
  /** Numbers without bounds, no missing value holds a digit (the byte scan takes only cells with digits): canonical digits from the bytes. */
  | { kind: 'number'; integer: boolean; groupCode: number; decCode: number; percent: boolean };

export function compileField(f: TableSchemaField, missingValues: readonly string[]): CompiledField {
  const missing = new Set(missingValues.map((m) => m.trim()));
  const c = f.constraints ?? {};
  const pattern = c.pattern ? new RegExp(`^(?:${c.pattern})$`) : null;
  const enumSet = c.enum ? new Set(c.enum) : null;
  const locale = localeOf(f);
  const pct = f['ntb:kind'] === 'percent' || f.bareNumber === false;
  const trueValues = new Set((f.trueValues ?? ['ya', 'true', 'yes', 'benar']).map((v) => v.toLowerCase()));
  const falseValues = new Set((f.falseValues ?? ['tidak', 'false', 'no', 'salah']).map((v) => v.toLowerCase()));
  const dateCache = new Map<string, Converted>();
  let maxMissing = 0;
  for (const m of missing) maxMissing = Math.max(maxMissing, m.length);
  const noStringChecks = !pattern && !enumSet && c.minLength === undefined && c.maxLength === undefined;

  function checkNumeric(v: string): Converted {
    if (typeof c.minimum === 'number' && Number(v) < c.minimum) return BAD.minimum;
    if (typeof c.maximum === 'number' && Number(v) > c.maximum) return BAD.maximum;
    return v;
  }

  const isMissingText = (s: string) => (s.length <= maxMissing && missing.has(s)) || (isSpaced(s) && missing.has(s.trim()));
  const whenMissing: Converted = c.required ? BAD.required : null;
  const numChecks = typeof c.minimum === 'number' || typeof c.maximum === 'number';
  // date bounds: ISO dates compare as strings
  const dateMin = typeof c.minimum === 'string' ? c.minimum : null;
  const dateMax = typeof c.maximum === 'string' ? c.maximum : null;
  const checkDate = (v: string): Converted => (dateMin !== null && v < dateMin ? BAD.minimum : dateMax !== null && v > dateMax ? BAD.maximum : v);
  // Specialised converters for text cells (every CSV cell): no type switch per cell.
  let text: ((s: string) => Converted) | null = null;
  if (f.type === 'integer') {
    text = (s) => {
      if (isMissingText(s)) return whenMissing;
      const v = parseLocaleNumber(s, locale);
      if (v === null || v.indexOf('.') >= 0 || !fitsBigint(v)) return BAD.type_integer;
      return numChecks ? checkNumeric(v) : v;
    };
  } else if (f.type === 'number') {
    text = (s) => {
      if (isMissingText(s)) return whenMissing;
      const t = isSpaced(s) ? s.trim() : s;
      const v = pct && t.endsWith('%') ? parsePercent(t, locale) : parseLocaleNumber(t, locale);
      if (v === null) return BAD.type_number;
      return numChecks ? checkNumeric(v) : v;
    };
  } else if (f.type === 'date') {
    text = (s) => {
      let r = dateCache.get(s);
      if (r === undefined) {
        if (isMissingText(s)) r = whenMissing;
        else { const v = parseDate(s); r = v === null ? BAD.type_date : checkDate(v); }
        if (dateCache.size >= 50_000) dateCache.clear();
        dateCache.set(s, r);
      }
      return r;
    };
  } else if (f.type === 'string' && noStringChecks) {
    text = (s) => (isMissingText(s) ? whenMissing : isSpaced(s) ? s.trim() : s);
  }

  function convert(cell: Cell): Converted {
    if (text !== null && typeof cell === 'string') return text(cell);
    if (cell === null || cell === undefined || (typeof cell === 'string' && (cell.length <= maxMissing || isSpaced(cell)) && missing.has(cell.trim()))) {
      return c.required ? BAD.required : null;
    }
    switch (f.type) {
      case 'integer': {
        let v: string | null = null;
        if (typeof cell === 'number') v = Number.isInteger(cell) ? jsNumberText(cell) : null;
        else if (typeof cell === 'string') {
          v = parseLocaleNumber(cell, locale);
          if (v !== null && (!isCanonicalInteger(v) || !fitsBigint(v))) v = null;
        }
        return v === null ? BAD.type_integer : checkNumeric(v);
      }
      case 'number': {
        let v: string | null = null;
        if (typeof cell === 'number') v = Number.isFinite(cell) ? jsNumberText(cell) : null;
        else if (typeof cell === 'string') {
          const s = isSpaced(cell) ? cell.trim() : cell;
          v = pct && s.endsWith('%') ? parsePercent(s, locale) : parseLocaleNumber(s, locale);
        }
        return v === null ? BAD.type_number : checkNumeric(v);
      }
      case 'boolean': {
        if (typeof cell === 'boolean') return cell ? 't' : 'f';
        const s = String(cell).trim().toLowerCase();
        if (trueValues.has(s)) return 't';
        if (falseValues.has(s)) return 'f';
        return BAD.type_boolean;
      }
      case 'date': {
        if (cell instanceof Date) return checkDate(cell.toISOString().slice(0, 10));
        if (typeof cell !== 'string') return BAD.type_date;
        // Dates repeat (release dates, periods): remember recent answers.
        let r = dateCache.get(cell);
        if (r === undefined) {
          const v = parseDate(cell);
          r = v === null ? BAD.type_date : v;
          if (dateCache.size >= 50_000) dateCache.clear();
          dateCache.set(cell, r);
        }
        return r;
      }
      case 'datetime': {
        if (cell instanceof Date) return cell.toISOString();
        const v = typeof cell === 'string' ? parseDateTime(cell) ?? parseDate(cell) : null;
        return v === null ? BAD.type_datetime : v;
      }
      default: {
        if (noStringChecks && typeof cell === 'string') return isSpaced(cell) ? cell.trim() : cell;
        const s = cell instanceof Date ? cell.toISOString().slice(0, 10) : typeof cell === 'string' ? cell.trim() : String(cell);
        if (pattern && !pattern.test(s)) return BAD.pattern;
        if (enumSet && !enumSet.has(s)) return BAD.enum;
        if (c.minLength !== undefined && s.length < c.minLength) return BAD.min_length;
        if (c.maxLength !== undefined && s.length > c.maxLength) return BAD.max_length;
        return s;
      }
    }
  }
  function parse(cell: Cell): ParsedCell {
    const v = convert(cell);
    return v !== null && typeof v === 'object' ? { ok: false, code: v.bad } : { ok: true, value: v };
  }
  let fast: FastConversion | null = null;
  if (f.type === 'string' && noStringChecks) {
    let maxMissingBytes = 0;
    for (const m of missing) maxMissingBytes = Math.max(maxMissingBytes, Buffer.byteLength(m));
    fast = { kind: 'text', maxMissingBytes };
  } else if ((f.type === 'integer' || f.type === 'number') && !numChecks && ![...missing].some((m) => /\d/.test(m))) {
    fast = {
      kind: 'number', integer: f.type === 'integer', percent: f.type === 'number' && pct,
      groupCode: locale === 'id' ? 46 : 44, decCode: locale === 'id' ? 44 : 46,
    };
  }
  return { field: f, text: f.type === 'string', convert, parse, fast };
}

export interface RowValidator {
  /** Typed values of a row, or null when any cell is bad (the errors go to the report). */
  validate(row: DataRow): Array<string | null> | null;
  /**
   * The row as one `COPY … FROM STDIN` text line (`_id` first, then the values, then the newline) appended
   * to `out` as pieces, joined once per block by the caller (no per-row string building). Returns false,
   * leaving `out` as it was, when the row is bad.
   */
  copyInto(row: DataRow, id: number, out: string[]): boolean;
  report: ValidationReport;
  /** The compiled fields, in schema order (for the byte-level COPY lane). */
  fields: readonly CompiledField[];
  /** Count (and keep, up to the limit) one bad cell of field `index`. */
  reject(row: number, line: number, index: number, cell: Cell, bad: BadCell): void;
}

const COPY_SPECIAL = /[\\\t\n\r]/;

export function createRowValidator(schema: TableSchema, maxReported = 300): RowValidator {
  const compiled = schema.fields.map((f) => compileField(f, schema.missingValues));
  const width = compiled.length;
  const report = newReport();
  function rejectAt(rowNo: number, line: number, i: number, cell: Cell, bad: BadCell): void {
    const f = compiled[i].field;
    report.errorCount++;
    report.byColumn[f.name] = (report.byColumn[f.name] ?? 0) + 1;
    if (report.errors.length < maxReported) {
      report.errors.push({
        row: rowNo, line, column: f.name, title: f.title, code: bad.bad,
        value: cell instanceof Date ? cell.toISOString() : String(cell).slice(0, 200),
      });
    } else report.truncated = true;
  }
  const reject = (row: DataRow, i: number, cell: Cell, bad: BadCell) => rejectAt(row.row, row.line, i, cell, bad);
  return {
    report,
    fields: compiled,
    reject: rejectAt,
    validate(row: DataRow) {
      report.rowCount++;
      const out: Array<string | null> = new Array(width);
      let bad = false;
      for (let i = 0; i < width; i++) {
        const cell = row.cells[i] ?? null;
        const v = compiled[i].convert(cell);
        if (v === null || typeof v === 'string') { out[i] = v; continue; }
        bad = true;
        reject(row, i, cell, v);
      }
      if (bad) return null;
      report.validRowCount++;
      return out;
    },
    copyInto(row: DataRow, id: number, out: string[]) {
      report.rowCount++;
      const start = out.length;
      out.push(String(id));
      let bad = false;
      const cells = row.cells;
      for (let i = 0; i < width; i++) {
        const cell = cells[i] ?? null;
        const c = compiled[i];
        const v = c.convert(cell);
        if (v === null) { out.push('\t\\N'); continue; }
        if (typeof v === 'string') { out.push('\t', c.text && COPY_SPECIAL.test(v) ? copyTextValue(v) : v); continue; }
        bad = true;
        reject(row, i, cell, v);
      }
      if (bad) { out.length = start; return false; }
      out.push('\n');
      report.validRowCount++;
      return true;
    },
  };
}

/** Validate every row of an async source; resolves with the report (never keeps the rows). */
export async function validateRows(schema: TableSchema, rows: AsyncIterable<DataRow> | Iterable<DataRow>, maxReported = 300): Promise<ValidationReport> {
  const v = createRowValidator(schema, maxReported);
  for await (const r of rows) v.validate(r);
  return v.report;
}

/**
 * Map a file's header onto an existing schema (a new upload of a resource whose dictionary was
 * edited): columns are matched by title, then by name, in any order. Missing or unknown columns
 * throw `schema_mismatch`. Returns, per schema field, the index of the file column.
 */
export function matchHeader(schema: TableSchema, header: string[], names: string[]): number[] {
  const norm = (s: string) => s.trim().toLowerCase();
  const missing: string[] = [];
  const used = new Set<number>();
  const idx = schema.fields.map((f) => {
    let i = header.findIndex((h, k) => !used.has(k) && norm(h) === norm(f.title));
    if (i < 0) i = names.findIndex((n, k) => !used.has(k) && n === f.name);
    if (i < 0) missing.push(f.title || f.name);
    else used.add(i);
    return i;
  });
  const extra = header.filter((_h, k) => !used.has(k));
  if (missing.length || extra.length) {
    throw new DatastoreError('schema_mismatch', { missing: missing.join(', ') || '-', extra: extra.join(', ') || '-' });
  }
  return idx;
}

export { isMissing };
