/**
 * The datastore query API: filters on any column (equality, IN, ranges), full-text `q`, sort, field
 * selection, keyset cursor, cached totals, and streamed full downloads (CSV, JSON, XLSX).
 * Tables are immutable once loaded (a new upload is a new table), so a count cached per
 * (table, filters, q) never goes stale.
 */
import type { Writable } from 'node:stream';
import type { Queryable } from '../../core/db.ts';
import { BadRequestError } from '../../core/http/errors.ts';
import { encodeCursor, decodeCursor } from '../../core/http/pagination.ts';
import type { TableSchema, TableSchemaField } from './datastore/table-schema.ts';
import { quoteIdent } from './datastore/copy-format.ts';

export type FilterOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'like';
export interface Filter { field: string; op: FilterOp; values: string[] }

export interface RecordQuery {
  filters: Filter[];
  q?: string;
  sort: Array<{ field: string; desc: boolean }>;
  fields?: string[];
  limit: number;
  cursor?: string | null;
}

const OPS: Record<Exclude<FilterOp, 'in' | 'like'>, string> = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };
const RESERVED_PARAMS = new Set(['q', 'sort', 'fields', 'limit', 'cursor', 'format', 'lang', 'filters', 'offset']);

/**
 * Parse query parameters: `filter.<col>=v` (repeat for IN), `filter.<col>.<op>=v` with op in
 * eq, ne, gt, gte, lt, lte, like; or CKAN-style `filters={"col": "v" | ["a","b"]}`.
 */
export function parseRecordQuery(schema: TableSchema, query: Record<string, unknown>, maxLimit = 1000): RecordQuery {
  const names = new Set(schema.fields.map((f) => f.name));
  const problems: Array<{ field: string; key: string; params?: Record<string, string | number> }> = [];
  const filters: Filter[] = [];
  const values = (v: unknown) => (Array.isArray(v) ? v.map(String) : [String(v)]);
  for (const [k, v] of Object.entries(query)) {
    const m = /^filter\.([a-z_][a-z0-9_]*)(?:\.(eq|ne|gt|gte|lt|lte|like))?$/.exec(k);
    if (!m) {
      if (k.startsWith('filter.')) problems.push({ field: k, key: 'data.api.bad_filter' });
      continue;
    }
    if (!names.has(m[1])) { problems.push({ field: k, key: 'data.api.unknown_field', params: { field: m[1] } }); continue; }
    const vs = values(v);
    const op = (m[2] ?? 'eq') as FilterOp;
    filters.push({ field: m[1], op: op === 'eq' && vs.length > 1 ? 'in' : op, values: vs });
  }
  if (typeof query.filters === 'string' && query.filters.trim()) {
    try {
      const obj = JSON.parse(query.filters) as Record<string, unknown>;
      for (const [f, v] of Object.entries(obj)) {
        if (!names.has(f)) { problems.push({ field: 'filters', key: 'data.api.unknown_field', params: { field: f } }); continue; }
        const vs = values(v);
        filters.push({ field: f, op: vs.length > 1 ? 'in' : 'eq', values: vs });
      }
    } catch {
      problems.push({ field: 'filters', key: 'data.api.bad_filter' });
    }
  }
  const sort: RecordQuery['sort'] = [];
  for (const s of String(query.sort ?? '').split(',').map((x) => x.trim()).filter(Boolean)) {
    const desc = s.startsWith('-') || / desc$/i.test(s);
    const name = s.replace(/^[-+]/, '').replace(/ (asc|desc)$/i, '');
    if (!names.has(name)) problems.push({ field: 'sort', key: 'data.api.unknown_field', params: { field: name } });
    else sort.push({ field: name, desc });
  }
  let fields: string[] | undefined;
  if (query.fields) {
    fields = String(query.fields).split(',').map((x) => x.trim()).filter(Boolean);
    for (const f of fields) if (!names.has(f) && f !== '_id') problems.push({ field: 'fields', key: 'data.api.unknown_field', params: { field: f } });
  }
  if (problems.length) throw new BadRequestError('data.api.bad_query', {}, problems);
  const n = Number(query.limit ?? 100);
  const limit = Number.isInteger(n) && n > 0 ? Math.min(n, maxLimit) : 100;
  return { filters, q: typeof query.q === 'string' && query.q.trim() ? query.q.trim().slice(0, 200) : undefined, sort, fields, limit, cursor: typeof query.cursor === 'string' ? query.cursor : null };
}

function castFor(f: TableSchemaField): string {
  switch (f.type) {
    case 'integer': return '::bigint';
    case 'number': return '::numeric';
    case 'boolean': return '::boolean';
    case 'date': return '::date';
    case 'datetime': return '::timestamptz';
    default: return '::text';
  }
}

/** WHERE clause (without the cursor) and its parameters. */
export function whereClause(schema: TableSchema, q: Pick<RecordQuery, 'filters' | 'q'>, vals: unknown[]): string {
  const byName = new Map(schema.fields.map((f) => [f.name, f]));
  const c: string[] = [];
  for (const f of q.filters) {
    const field = byName.get(f.field)!;
    const col = quoteIdent(f.field);
    if (f.op === 'in') {
      vals.push(f.values);
      c.push(`${col} = ANY($${vals.length}${castFor(field)}[])`);
    } else if (f.op === 'like') {
      vals.push(`%${f.values[0].replace(/[\\%_]/g, (m) => '\\' + m)}%`);
      c.push(`${col}::text ILIKE $${vals.length}`);
    } else {
      vals.push(f.values[0]);
      c.push(`${col} ${OPS[f.op]} $${vals.length}${castFor(field)}`);
    }
  }
  if (q.q) {
    const text = schema.fields.filter((f) => f.type === 'string').map((f) => `coalesce(${quoteIdent(f.name)}, '')`);
    if (text.length) {
      vals.push(q.q);
      c.push(`to_tsvector('simple', ${text.join(" || ' ' || ")}) @@ plainto_tsquery('simple', $${vals.length})`);
    } else c.push('false');
  }
  return c.length ? c.join(' AND ') : 'true';
}

const countCache = new Map<string, { n: number; at: number }>();
const COUNT_TTL_MS = 10 * 60_000;

/** Total rows matching the filters, cached per table and filter set (tables never change in place). */
export async function cachedCount(db: Queryable, table: string, schema: TableSchema, q: Pick<RecordQuery, 'filters' | 'q'>, rowCount: number | null): Promise<number> {
  if (!q.filters.length && !q.q && rowCount !== null) return rowCount;
  const key = `${table}|${JSON.stringify(q.filters)}|${q.q ?? ''}`;
  const hit = countCache.get(key);
  if (hit && Date.now() - hit.at < COUNT_TTL_MS) return hit.n;
  const vals: unknown[] = [];
  const { rows } = await db.query(`SELECT count(*)::bigint AS n FROM datastore.${quoteIdent(table)} WHERE ${whereClause(schema, q, vals)}`, vals);
  const n = Number(rows[0].n);
  if (countCache.size > 5000) countCache.clear();
  countCache.set(key, { n, at: Date.now() });
  return n;
}

export interface RecordPage { records: Array<Record<string, unknown>>; nextCursor: string | null; total: number; fields: TableSchemaField[] }

/** One page of records with a keyset cursor over (sort columns…, _id). */
export async function queryRecords(db: Queryable, table: string, schema: TableSchema, q: RecordQuery, rowCount: number | null): Promise<RecordPage> {
  const vals: unknown[] = [];
  let where = whereClause(schema, q, vals);
  const sort = [...q.sort, { field: '_id', desc: q.sort[0]?.desc ?? false }];
  const byName = new Map(schema.fields.map((f) => [f.name, f]));
  const key = decodeCursor(q.cursor, sort.length);
  if (key) {
    // Row-value comparison needs one direction; with mixed directions expand to OR-chains.
    const parts: string[] = [];
    for (let i = 0; i < sort.length; i++) {
      const eqs: string[] = [];
      for (let j = 0; j < i; j++) {
        const f = byName.get(sort[j].field);
        vals.push(key[j]);
        eqs.push(key[j] === null ? `${quoteIdent(sort[j].field)} IS NULL` : `${quoteIdent(sort[j].field)} = $${vals.length}${f ? castFor(f) : '::bigint'}`);
        if (key[j] === null) vals.pop();
      }
      const f = byName.get(sort[i].field);
      const col = quoteIdent(sort[i].field);
      const cast = f ? castFor(f) : '::bigint';
      let cmp: string;
      if (key[i] === null) cmp = sort[i].desc ? `${col} IS NOT NULL` : 'false';
      else {
        vals.push(key[i]);
        // NULLs sort last ascending, first descending (PostgreSQL default)
        cmp = sort[i].desc ? `(${col} < $${vals.length}${cast})` : `(${col} > $${vals.length}${cast} OR ${col} IS NULL)`;
      }
      parts.push(`(${[...eqs, cmp].join(' AND ')})`);
    }
    where += ` AND (${parts.join(' OR ')})`;
  }
  const selected = q.fields?.length ? q.fields.filter((f) => f !== '_id') : schema.fields.map((f) => f.name);
  const cols = ['_id', ...selected.filter((f) => f !== '_id')].map(quoteIdent).join(', ');
  const sortCols = sort.filter((s) => s.field !== '_id' && !selected.includes(s.field)).map((s) => quoteIdent(s.field));
  const order = sort.map((s) => `${quoteIdent(s.field)} ${s.desc ? 'DESC' : 'ASC'}`).join(', ');
  vals.push(q.limit + 1);
  const { rows } = await db.query(
    `SELECT ${cols}${sortCols.length ? ', ' + sortCols.join(', ') : ''} FROM datastore.${quoteIdent(table)} WHERE ${where} ORDER BY ${order} LIMIT $${vals.length}`, vals);
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const last = page[page.length - 1];
  const nextCursor = more && last ? encodeCursor(sort.map((s) => last[s.field] ?? null)) : null;
  const total = await cachedCount(db, table, schema, q, rowCount);
  const fields = schema.fields.filter((f) => selected.includes(f.name));
  const records = page.map((r) => {
    const o: Record<string, unknown> = { _id: r._id };
    for (const f of fields) o[f.name] = r[f.name];
    return o;
  });
  return { records, nextCursor, total, fields };
}

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  // a datetime as Frictionless' default format wants it (no fraction when it is zero)
  const s = v instanceof Date ? v.toISOString().replace('.000Z', 'Z') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Iterate all matching rows in _id order, in batches (memory bounded). */
export async function* scanRows(db: Queryable, table: string, schema: TableSchema, q: Pick<RecordQuery, 'filters' | 'q'>, batch = 5000): AsyncGenerator<Array<Record<string, unknown>>> {
  let after = 0;
  const cols = ['_id', ...schema.fields.map((f) => f.name)].map(quoteIdent).join(', ');
  for (;;) {
    const vals: unknown[] = [];
    const where = whereClause(schema, q, vals);
    vals.push(after, batch);
    const { rows } = await db.query(`SELECT ${cols} FROM datastore.${quoteIdent(table)} WHERE ${where} AND _id > $${vals.length - 1} ORDER BY _id LIMIT $${vals.length}`, vals);
    if (!rows.length) return;
    yield rows;
    after = Number(rows[rows.length - 1]._id);
    if (rows.length < batch) return;
  }
}

async function write(out: Writable, s: string | Buffer): Promise<void> {
  if (!out.write(s)) await new Promise<void>((r) => out.once('drain', () => r()));
}

/** Stream a CSV (UTF-8 with BOM, so spreadsheet programs read the encoding). */
/**
 * CSV of a datastore table: UTF-8, comma-separated, numbers plain (`.` decimal point, no grouping),
 * booleans `true`/`false`, dates ISO. For people (the default): a BOM (spreadsheet programs) and the
 * header labels; `header: 'name'`: no BOM and the schema's field names — the normalised export a
 * Frictionless reader reads with the data package's Table Schema.
 */
export async function streamCsv(db: Queryable, table: string, schema: TableSchema, q: Pick<RecordQuery, 'filters' | 'q'>, out: Writable, opts: { header?: 'title' | 'name' } = {}): Promise<void> {
  const names = opts.header === 'name';
  await write(out, (names ? '' : '\ufeff') + schema.fields.map((f) => csvCell(names ? f.name : f.title || f.name)).join(',') + '\r\n');
  for await (const rows of scanRows(db, table, schema, q)) {
    let s = '';
    for (const r of rows) s += schema.fields.map((f) => csvCell(r[f.name])).join(',') + '\r\n';
    await write(out, s);
  }
  out.end();
}

export async function streamJson(db: Queryable, table: string, schema: TableSchema, q: Pick<RecordQuery, 'filters' | 'q'>, out: Writable): Promise<void> {
  await write(out, `{"fields":${JSON.stringify(schema.fields.map((f) => ({ name: f.name, title: f.title, type: f.type })))},"records":[`);
  let first = true;
  for await (const rows of scanRows(db, table, schema, q)) {
    let s = '';
    for (const r of rows) {
      const o: Record<string, unknown> = {};
      for (const f of schema.fields) o[f.name] = r[f.name];
      s += (first ? '' : ',') + JSON.stringify(o);
      first = false;
    }
    await write(out, s);
  }
  await write(out, ']}');
  out.end();
}

/** Stream an XLSX with exceljs's streaming writer. */
export async function streamXlsx(db: Queryable, table: string, schema: TableSchema, q: Pick<RecordQuery, 'filters' | 'q'>, out: Writable, sheetName = 'Data'): Promise<void> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName.slice(0, 31));
  ws.addRow(schema.fields.map((f) => f.title || f.name)).commit();
  for await (const rows of scanRows(db, table, schema, q)) {
    for (const r of rows) ws.addRow(schema.fields.map((f) => r[f.name] ?? null)).commit();
  }
  ws.commit();
  await wb.commit();
}
