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

export type CellErrorCode =
  | 'type_integer' | 'type_number' | 'type_boolean' | 'type_date' | 'type_datetime'
  | 'required' | 'pattern' | 'minimum' | 'maximum' | 'min_length' | 'max_length' | 'enum';

export interface CellError {
  row: number;
  line: number;
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

/** A compiled field: parse + constraint checks without per-cell setup cost. */
export interface CompiledField {
  field: TableSchemaField;
  parse(cell: Cell): ParsedCell;
}

export function compileField(f: TableSchemaField, missingValues: readonly string[]): CompiledField {
  const missing = new Set(missingValues.map((m) => m.trim()));
  const c = f.constraints ?? {};
  const pattern = c.pattern ? new RegExp(`^(?:${c.pattern})$`) : null;
  const enumSet = c.enum ? new Set(c.enum) : null;
  const locale = localeOf(f);
  const pct = f['ntb:kind'] === 'percent' || f.bareNumber === false;
  const trueValues = new Set((f.trueValues ?? ['ya', 'true', 'yes', 'benar']).map((v) => v.toLowerCase()));
  const falseValues = new Set((f.falseValues ?? ['tidak', 'false', 'no', 'salah']).map((v) => v.toLowerCase()));

  function checkNumeric(v: string): ParsedCell {
    if (c.minimum !== undefined && Number(v) < c.minimum) return { ok: false, code: 'minimum' };
    if (c.maximum !== undefined && Number(v) > c.maximum) return { ok: false, code: 'maximum' };
    return { ok: true, value: v };
  }

  function parse(cell: Cell): ParsedCell {
    if (cell === null || cell === undefined || (typeof cell === 'string' && missing.has(cell.trim()))) {
      return c.required ? { ok: false, code: 'required' } : { ok: true, value: null };
    }
    switch (f.type) {
      case 'integer': {
        let v: string | null = null;
        if (typeof cell === 'number') v = Number.isInteger(cell) ? jsNumberText(cell) : null;
        else if (typeof cell === 'string') {
          v = parseLocaleNumber(cell, locale);
          if (v !== null && (!isCanonicalInteger(v) || !fitsBigint(v))) v = null;
        }
        return v === null ? { ok: false, code: 'type_integer' } : checkNumeric(v);
      }
      case 'number': {
        let v: string | null = null;
        if (typeof cell === 'number') v = Number.isFinite(cell) ? jsNumberText(cell) : null;
        else if (typeof cell === 'string') {
          const s = cell.trim();
          v = pct && s.endsWith('%') ? parsePercent(s, locale) : parseLocaleNumber(s, locale);
        }
        return v === null ? { ok: false, code: 'type_number' } : checkNumeric(v);
      }
      case 'boolean': {
        if (typeof cell === 'boolean') return { ok: true, value: cell ? 't' : 'f' };
        const s = String(cell).trim().toLowerCase();
        if (trueValues.has(s)) return { ok: true, value: 't' };
        if (falseValues.has(s)) return { ok: true, value: 'f' };
        return { ok: false, code: 'type_boolean' };
      }
      case 'date': {
        if (cell instanceof Date) return { ok: true, value: cell.toISOString().slice(0, 10) };
        const v = typeof cell === 'string' ? parseDate(cell) : null;
        return v === null ? { ok: false, code: 'type_date' } : { ok: true, value: v };
      }
      case 'datetime': {
        if (cell instanceof Date) return { ok: true, value: cell.toISOString() };
        const v = typeof cell === 'string' ? parseDateTime(cell) ?? parseDate(cell) : null;
        return v === null ? { ok: false, code: 'type_datetime' } : { ok: true, value: v };
      }
      default: {
        const s = cell instanceof Date ? cell.toISOString().slice(0, 10) : typeof cell === 'string' ? cell.trim() : String(cell);
        if (pattern && !pattern.test(s)) return { ok: false, code: 'pattern' };
        if (enumSet && !enumSet.has(s)) return { ok: false, code: 'enum' };
        if (c.minLength !== undefined && s.length < c.minLength) return { ok: false, code: 'min_length' };
        if (c.maxLength !== undefined && s.length > c.maxLength) return { ok: false, code: 'max_length' };
        return { ok: true, value: s };
      }
    }
  }
  return { field: f, parse };
}

export interface RowValidator {
  /** Typed values of a row, or null when any cell is bad (the errors go to the report). */
  validate(row: DataRow): Array<string | null> | null;
  report: ValidationReport;
}

export function createRowValidator(schema: TableSchema, maxReported = 300): RowValidator {
  const compiled = schema.fields.map((f) => compileField(f, schema.missingValues));
  const report = newReport();
  return {
    report,
    validate(row: DataRow) {
      report.rowCount++;
      const out: Array<string | null> = new Array(compiled.length);
      let bad = false;
      for (let i = 0; i < compiled.length; i++) {
        const cell = row.cells[i] ?? null;
        const r = compiled[i].parse(cell);
        if (r.ok) { out[i] = r.value; continue; }
        bad = true;
        const f = compiled[i].field;
        report.errorCount++;
        report.byColumn[f.name] = (report.byColumn[f.name] ?? 0) + 1;
        if (report.errors.length < maxReported) {
          report.errors.push({
            row: row.row, line: row.line, column: f.name, title: f.title, code: r.code,
            value: cell instanceof Date ? cell.toISOString() : String(cell).slice(0, 200),
          });
        } else report.truncated = true;
      }
      if (bad) return null;
      report.validRowCount++;
      return out;
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
