/**
 * datastore_search and /datastore/dump over the data module's datastore tables (schema `datastore`), using
 * the data module's exported query helpers (whereClause, cachedCount, scanRows) for filters, full text
 * and totals; CKAN's offset paging, sort, field selection and record formats are added here.
 */
import type { Writable } from 'node:stream';
import type { Queryable } from '../../core/db.ts';
import { whereClause, cachedCount, scanRows, csvCell, type Filter } from '../data/datastore-query.ts';
import type { TableSchema } from '../data/datastore/table-schema.ts';
import { ckanValidation } from './ckan-envelope.ts';
import type { DatastoreSearchParams } from './ckan-params.ts';
import type { DatastoreResource } from './catalogue.repo.ts';

const CKAN_TYPE: Record<string, string> = { string: 'text', integer: 'int8', number: 'numeric', boolean: 'bool', date: 'date', datetime: 'timestamp' };
const qi = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** CKAN `fields` of a table: `_id` first, then each column with its type and data-dictionary info. */
export function datastoreFieldsOf(schema: DatastoreResource['schema'], only?: string[]): Array<Record<string, unknown>> {
  const fs = schema.fields.filter((f) => !only || only.includes(f.name));
  const out: Array<Record<string, unknown>> = !only || only.includes('_id') ? [{ id: '_id', type: 'int' }] : [];
  for (const f of fs) out.push({ id: f.name, type: CKAN_TYPE[f.type] ?? 'text', info: { label: (f as any).title ?? '', notes: (f as any).description ?? '' } });
  return out;
}

function toFilters(schema: TableSchema, p: Pick<DatastoreSearchParams, 'filters' | 'q'>): { filters: Filter[]; q?: string } {
  const names = new Set(schema.fields.map((f) => f.name));
  const bad: string[] = [];
  const filters: Filter[] = [];
  for (const [k, vs] of Object.entries(p.filters)) {
    if (!names.has(k)) { bad.push(`field "${k}" not in table`); continue; }
    filters.push({ field: k, op: vs.length > 1 ? 'in' : 'eq', values: vs });
  }
  let q: string | undefined;
  if (typeof p.q === 'string') q = p.q || undefined;
  else if (p.q) {
    for (const [k, v] of Object.entries(p.q)) {
      if (!names.has(k)) { bad.push(`field "${k}" not in table`); continue; }
      filters.push({ field: k, op: 'like', values: [String(v)] });
    }
  }
  if (bad.length) throw ckanValidation({ filters: bad });
  return { filters, q };
}

function cell(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().replace('Z', '');
  return v;
}

export async function datastoreRecords(db: Queryable, res: DatastoreResource, p: DatastoreSearchParams, apiPrefix: string): Promise<Record<string, unknown>> {
  const schema = res.schema as TableSchema;
  const names = new Set(schema.fields.map((f) => f.name));
  const problems: Record<string, string[]> = {};
  if (p.fields) for (const f of p.fields) if (f !== '_id' && !names.has(f)) (problems.fields ??= []).push(`field "${f}" not it items`);
  for (const s of p.sort) if (s.field !== '_id' && !names.has(s.field)) (problems.sort ??= []).push(`field "${s.field}" not it items`);
  if (Object.keys(problems).length) throw ckanValidation(problems);
  const fq = toFilters(schema, p);
  const vals: unknown[] = [];
  const where = whereClause(schema, fq, vals);
  const selected = p.fields ? p.fields : ['_id', ...schema.fields.map((f) => f.name)];
  const order = p.sort.length ? p.sort.map((s) => `${qi(s.field)} ${s.desc ? 'DESC' : 'ASC'}`).join(', ') + ', "_id"' : '"_id"';
  vals.push(p.limit, p.offset);
  const { rows } = p.limit === 0 ? { rows: [] as any[] } : await db.query(
    `SELECT ${p.distinct ? 'DISTINCT ' : ''}${selected.map(qi).join(', ')} FROM datastore.${qi(res.table)} WHERE ${where} ORDER BY ${p.distinct ? selected.map(qi).join(', ') : order} LIMIT $${vals.length - 1} OFFSET $${vals.length}`, vals);
  const fields = datastoreFieldsOf(res.schema, p.fields ? selected : undefined);
  const fieldIds = fields.map((f) => String(f.id));
  let records: unknown;
  if (p.recordsFormat === 'objects') records = rows.map((r) => Object.fromEntries(fieldIds.map((k) => [k, cell(r[k])])));
  else if (p.recordsFormat === 'lists') records = rows.map((r) => fieldIds.map((k) => cell(r[k])));
  else {
    const sep = p.recordsFormat === 'tsv' ? '\t' : ',';
    records = rows.map((r) => fieldIds.map((k) => sep === ',' ? csvCell(cell(r[k])) : String(cell(r[k]) ?? '').replace(/[\t\n\r]/g, ' ')).join(sep) + '\n').join('');
  }
  const base = `${apiPrefix}/datastore_search`;
  const link = (offset: number) => {
    const u = new URLSearchParams();
    if (offset) u.set('offset', String(offset));
    if (p.limit !== 100) u.set('limit', String(p.limit));
    u.set('resource_id', res.resourceId);
    return `${base}?${u.toString()}`;
  };
  const out: Record<string, unknown> = {
    include_total: p.includeTotal, limit: p.limit, records_format: p.recordsFormat, resource_id: res.resourceId, total_estimation_threshold: null,
    records, fields, _links: { start: link(0), next: link(p.offset + p.limit) },
  };
  if (p.fields) out.fields_requested = p.fields;
  if (p.includeTotal) { out.total = await cachedCount(db, res.table, schema, fq, res.rowCount); out.total_was_estimated = false; }
  return out;
}

/** Streams a whole table (CKAN's /datastore/dump): csv (default), tsv or json, with `_id` first. */
export async function dumpTable(db: Queryable, res: DatastoreResource, format: 'csv' | 'tsv' | 'json', p: Pick<DatastoreSearchParams, 'filters' | 'q'>, out: Writable, opts: { bom?: boolean; limit?: number | null } = {}): Promise<void> {
  const schema = res.schema as TableSchema;
  const fq = toFilters(schema, p);
  const cols = ['_id', ...schema.fields.map((f) => f.name)];
  const write = async (s: string) => { if (!out.write(s)) await new Promise<void>((r) => out.once('drain', () => r())); };
  let n = 0;
  const limit = opts.limit ?? Infinity;
  if (format === 'json') await write(`{\n  "fields": ${JSON.stringify(datastoreFieldsOf(res.schema).map((f) => ({ id: f.id, type: f.type })))},\n  "records": [\n`);
  else {
    const sep = format === 'tsv' ? '\t' : ',';
    await write((opts.bom ? '\ufeff' : '') + cols.map((c) => (sep === ',' ? csvCell(c) : c)).join(sep) + '\r\n');
  }
  outer: for await (const batch of scanRows(db, res.table, schema, fq)) {
    let s = '';
    for (const r of batch) {
      if (n >= limit) { if (s) await write(s); break outer; }
      const vals = cols.map((c) => cell(r[c]));
      if (format === 'json') s += `${n ? ',\n' : ''}    ${JSON.stringify(vals)}`;
      else if (format === 'tsv') s += vals.map((v) => String(v ?? '').replace(/[\t\n\r]/g, ' ')).join('\t') + '\r\n';
      else s += vals.map(csvCell).join(',') + '\r\n';
      n++;
    }
    await write(s);
  }
  if (format === 'json') await write('\n  ]\n}\n');
  out.end();
}
