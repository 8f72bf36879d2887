/**
 * The datastore's one-pass pipeline: open a CSV or XLSX file, infer its Table Schema from the
 * first rows (or use the resource's edited schema), and stream typed, validated rows to a loader.
 * Rows are buffered only for the inference sample; memory is bounded whatever the file size.
 */
import { openCsv } from './csv-reader.ts';
import { openXlsx } from './xlsx-reader.ts';
import { TypeInferrer } from './type-infer.ts';
import { createRowValidator, matchHeader, type ValidationReport } from './row-validator.ts';
import { columnNames, type TableSchema } from './table-schema.ts';
import { fileSource, type DataRow, type TabularLimits } from './tabular-source.ts';
import type { TextEncoding } from './encoding-detect.ts';
import type { Delimiter } from './csv-dialect.ts';
import { DatastoreError } from './datastore-error.ts';
import { copyLane, copyLaneEligible } from './csv-copy-lane.ts';

export type TabularFormat = 'csv' | 'xlsx';

export interface OpenTabularInput {
  path: string;
  format: TabularFormat;
  sheet?: string | number;
  encoding?: TextEncoding;
  delimiter?: Delimiter;
  limits?: Partial<TabularLimits>;
}

export interface TabularFile {
  header: string[];
  /** Data rows in batches; iterate once. */
  batches: AsyncIterable<DataRow[]>;
  /** Detected properties, for the resource record. */
  meta: { format: TabularFormat; encoding?: TextEncoding; delimiter?: Delimiter; sheet?: string };
  /** A UTF-8 CSV file on disk, which `copyText` reads again byte by byte (csv-copy-lane.ts). */
  raw?: { path: string; bomLength: number; limits: TabularLimits };
}

export async function openTabular(input: OpenTabularInput): Promise<TabularFile> {
  if (input.format === 'xlsx') {
    const t = await openXlsx(input.path, { sheet: input.sheet, limits: input.limits });
    return { header: t.header, batches: inBatches(t.rows, 1000), meta: { format: 'xlsx', sheet: t.sheet.name } };
  }
  const t = await openCsv(fileSource(input.path), { encoding: input.encoding, delimiter: input.delimiter, limits: input.limits });
  return {
    header: t.header, batches: t.batches, meta: { format: 'csv', encoding: t.encoding, delimiter: t.delimiter },
    raw: { path: input.path, bomLength: t.bomLength, limits: t.limits },
  };
}

async function* inBatches<T>(rows: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let b: T[] = [];
  for await (const r of rows) {
    b.push(r);
    if (b.length >= size) { yield b; b = []; }
  }
  if (b.length) yield b;
}

export interface PreparedLoad {
  schema: TableSchema;
  /** Typed rows in schema field order, in batches; bad rows are counted in `report` and skipped. */
  batches: AsyncGenerator<Array<Array<string | null>>>;
  /** The same rows as `COPY … FROM STDIN` text with `_id` (1, 2, …) first. Iterate `batches` or `copyText`, once. */
  copyText: AsyncGenerator<{ text: string | Buffer; rows: number }>;
  report: ValidationReport;
}

export interface PrepareOptions {
  /** Existing (possibly edited) schema: the file is validated against it instead of inferring. */
  schema?: TableSchema;
  /** Rows used for inference (default 10,000). */
  sampleRows?: number;
  maxReported?: number;
  threshold?: number;
  /** Adjust the inferred schema before validation (e.g. a field known to be text). */
  adjust?: (schema: TableSchema) => TableSchema;
  /**
   * Let `copyText` read a UTF-8 CSV file byte by byte (default true; false: the string pipeline, for
   * comparison; `{ readBytes }`: the lane with reads of that size, for tests).
   */
  copyLane?: boolean | { readBytes: number };
}

/** Build the schema and the typed row stream. Iterate `rows` to the end, then inspect `report`. */
export async function prepareLoad(file: TabularFile, options: PrepareOptions = {}): Promise<PreparedLoad> {
  const names = columnNames(file.header);
  const it = file.batches[Symbol.asyncIterator]();
  const buffered: DataRow[][] = [];
  let schema: TableSchema;
  let order: number[];
  if (options.schema) {
    schema = options.schema;
    order = matchHeader(schema, file.header, names);
  } else {
    const inf = new TypeInferrer(file.header);
    const n = options.sampleRows ?? 10_000;
    let seen = 0;
    while (seen < n) {
      const r = await it.next();
      if (r.done) break;
      buffered.push(r.value);
      for (const row of r.value) { if (seen++ < n) inf.observe(row.cells); }
    }
    schema = inf.schema({ threshold: options.threshold });
    if (options.adjust) schema = options.adjust(schema);
    order = schema.fields.map((_f, i) => i);
  }
  const validator = createRowValidator(schema, options.maxReported ?? 300);
  const identity = order.every((v, i) => v === i) && order.length === file.header.length;
  const reorder = (r: DataRow): DataRow => (identity ? r : { ...r, cells: order.map((i) => r.cells[i] ?? null) });
  const typed = (batch: DataRow[]) => {
    const out: Array<Array<string | null>> = [];
    for (const r of batch) {
      const v = validator.validate(reorder(r));
      if (v) out.push(v);
    }
    return out;
  };

  async function* raw(): AsyncGenerator<DataRow[]> {
    for (const b of buffered.splice(0)) yield b;
    for (;;) {
      const r = await it.next();
      if (r.done) break;
      yield r.value;
    }
  }
  async function* batches(): AsyncGenerator<Array<Array<string | null>>> {
    for await (const b of raw()) yield typed(b);
  }
  // Pieces of at most ~32 KB, joined flat: small strings die young (see READ_CHUNK_BYTES).
  async function* copyText(): AsyncGenerator<{ text: string | Buffer; rows: number }> {
    const disk = file.raw;
    if (disk && options.copyLane !== false && copyLaneEligible(file.meta.encoding, file.meta.delimiter)) {
      // The sample has served inference; the lane reads the file again from its first byte.
      buffered.length = 0;
      await it.return?.();
      yield* copyLane({ path: disk.path, bomLength: disk.bomLength, delimiter: file.meta.delimiter!, limits: disk.limits, width: file.header.length, order, readBytes: typeof options.copyLane === 'object' ? options.copyLane.readBytes : undefined }, validator);
      return;
    }
    let id = 0;
    let rows = 0;
    const parts: string[] = [];
    for await (const b of raw()) {
      for (const r of b) {
        if (!validator.copyInto(reorder(r), id + 1, parts)) continue;
        id++;
        rows++;
        // ~4,000 pieces ≈ 300 rows ≈ 25–35 KB of text per block
        if (parts.length >= 4096) { yield { text: parts.join(''), rows }; parts.length = 0; rows = 0; }
      }
    }
    if (rows) yield { text: parts.join(''), rows };
  }
  return { schema, batches: batches(), copyText: copyText(), report: validator.report };
}

/** Read a whole file through the pipeline without loading it: schema + validation report. */
export async function analyseTabular(input: OpenTabularInput, options: PrepareOptions = {}): Promise<{ schema: TableSchema; report: ValidationReport; meta: TabularFile['meta'] }> {
  const file = await openTabular(input);
  const prep = await prepareLoad(file, options);
  for await (const _batch of prep.batches) { /* drain */ }
  return { schema: prep.schema, report: prep.report, meta: file.meta };
}

/** Throw `validation_failed` (carrying the report) when the report has errors. */
export function assertReportClean(report: ValidationReport): void {
  if (report.errorCount > 0) throw new DatastoreError('validation_failed', { count: report.errorCount }, report);
}

/** Apply per-title overrides (type, unit, description…) to a schema; used by demo seeding and schema edits. */
export function applyFieldOverrides(schema: TableSchema, overrides: Record<string, Partial<TableSchema['fields'][number]>>): TableSchema {
  return {
    ...schema,
    fields: schema.fields.map((f) => {
      const o = overrides[f.title];
      if (!o) return f;
      const next = { ...f, ...o };
      if (o.type === 'string') {
        delete next.decimalChar; delete next.groupChar; delete next.bareNumber;
      }
      return next;
    }),
  };
}
