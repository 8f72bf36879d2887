/**
 * Parameters of package_search and datastore_search, validated the way CKAN's schemas do
 * (default_package_search_schema, datastore_search_schema): type problems are Validation Errors with
 * CKAN's field messages (409); limits are clamped to the configured maxima (rows 1000, limit 32000) as
 * CKAN's `limit_to_configured_maximum` does; unusable sort/query forms are Search Query Errors (400).
 */
import { CkanActionError, ckanSearchQuery, ckanValidation } from './ckan-envelope.ts';

type Problems = Record<string, string[]>;
const add = (p: Problems, f: string, m: string) => { (p[f] ??= []).push(m); };

function int(p: Problems, data: Record<string, unknown>, key: string, def: number, min = 0): number {
  const v = data[key];
  if (v === undefined || v === null || v === '') return def;
  const n = typeof v === 'number' ? v : /^\s*-?\d+\s*$/.test(String(v)) ? Number(v) : NaN;
  if (!Number.isInteger(n)) { add(p, key, 'Invalid integer'); return def; }
  if (n < min) { add(p, key, min === 0 ? 'Must be a natural number' : 'Must be a postive integer'); return def; }
  return n;
}

function bool(p: Problems, data: Record<string, unknown>, key: string, def: boolean): boolean {
  const v = data[key];
  if (v === undefined || v === null || v === '') return def;
  if (typeof v === 'boolean') return v;
  const s = String(v).toLowerCase();
  if (['true', '1', 'yes', 'on', 't', 'y'].includes(s)) return true;
  if (['false', '0', 'no', 'off', 'f', 'n'].includes(s)) return false;
  add(p, key, 'Value must be one of: true, false');
  return def;
}

function jsonList(p: Problems, data: Record<string, unknown>, key: string): string[] | undefined {
  let v = data[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') {
    try { v = JSON.parse(v); } catch { add(p, key, 'Could not parse as valid JSON'); return undefined; }
  }
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) { add(p, key, 'Not a list'); return undefined; }
  return v as string[];
}

/**
 * The sort fields of package_search: the sortable fields of CKAN's Solr schema that this catalogue holds
 * (`id` and `name` are Solr string fields, `title_string` the title as one string, the two dates, `score`).
 * `views_recent` / `views_total` are accepted and order nothing, as on a CKAN without page-view tracking.
 */
export const PACKAGE_SORT_FIELDS = ['score', 'metadata_modified', 'metadata_created', 'title_string', 'name', 'id', 'views_recent', 'views_total'] as const;
export type PackageSortField = (typeof PACKAGE_SORT_FIELDS)[number];
/** Fields Solr holds for CKAN but cannot sort on (tokenised or multi-valued): Solr refuses, CKAN answers 409 Search Error. */
const UNSORTABLE = new Set(['title', 'notes', 'text', 'tags', 'groups', 'res_format', 'res_name', 'res_description', 'res_url', 'urls', 'author', 'maintainer']);

export interface PackageSearchParams {
  q: string;
  fq: string;
  fqList: string[];
  rows: number;
  start: number;
  sort: Array<{ field: PackageSortField; desc: boolean }>;
  /** The sort string as CKAN echoes it in the result. */
  sortText: string;
  facetFields: string[];
  facetLimit: number;
  facetMincount: number;
  includePrivate: boolean;
  includeDrafts: boolean;
  /** `fl`: when given, results are reduced to these keys (CKAN 2.9+). */
  fl?: string[];
}

export const ROWS_MAX = 1000;
export const DEFAULT_SORT = 'score desc, metadata_modified desc';

/**
 * Parses a Solr sort string (`field asc|desc`, comma-separated; the direction may be left out: asc) over
 * the allowed fields, with CKAN's answers: a spec Solr cannot parse is a Search Query Error (400,
 * `Invalid "sort" parameter`); a field it cannot sort on is a Search Error (409).
 */
export function parseSort(s: string, allowed: readonly string[]): Array<{ field: string; desc: boolean }> {
  const out: Array<{ field: string; desc: boolean }> = [];
  for (const part of s.split(',').map((x) => x.trim()).filter(Boolean)) {
    const m = /^([A-Za-z_][\w.]*)(?:\s+(asc|desc))?$/i.exec(part);
    if (!m) throw ckanSearchQuery('Invalid "sort" parameter');
    if (!allowed.includes(m[1])) {
      throw new CkanActionError('Search Error', `Search error: ${UNSORTABLE.has(m[1]) ? `can not sort on field: ${m[1]}` : `sort param field can't be found: ${m[1]}`}`);
    }
    out.push({ field: m[1], desc: (m[2] ?? 'asc').toLowerCase() === 'desc' });
  }
  return out;
}

/**
 * `fq_list`: a JSON list of strings (POST), repeated query parameters (GET: a list), or one string — a
 * JSON list, or a single filter query as a GET with one `fq_list=` sends it.
 */
function fqListParam(p: Problems, data: Record<string, unknown>): string[] {
  const v = data.fq_list;
  if (v === undefined || v === null || v === '') return [];
  if (typeof v === 'string') {
    if (v.trim().startsWith('[')) return jsonList(p, data, 'fq_list') ?? [];
    return [v];
  }
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) { add(p, 'fq_list', 'Not a list'); return []; }
  return v as string[];
}

export function parsePackageSearch(data: Record<string, unknown>): PackageSearchParams {
  const p: Problems = {};
  const str = (k: string) => (data[k] == null ? '' : Array.isArray(data[k]) ? (data[k] as unknown[]).join(' ') : String(data[k]));
  const rows = Math.min(int(p, data, 'rows', 10), ROWS_MAX);
  const start = int(p, data, 'start', 0);
  const facetFields = jsonList(p, data, 'facet.field') ?? [];
  const facetLimit = int(p, data, 'facet.limit', 50, -1);
  const facetMincount = int(p, data, 'facet.mincount', 1);
  const includePrivate = bool(p, data, 'include_private', false);
  const includeDrafts = bool(p, data, 'include_drafts', false);
  const fqList = fqListParam(p, data);
  let fl: string[] | undefined;
  if (typeof data.fl === 'string' && data.fl.trim()) fl = data.fl.split(/[\s,]+/).filter(Boolean);
  if (Object.keys(p).length) throw ckanValidation(p);
  // CKAN: no sort, or `rank`, is the default order
  const sortText = str('sort').trim() && str('sort').trim() !== 'rank' ? str('sort').trim() : DEFAULT_SORT;
  const sort = parseSort(sortText, PACKAGE_SORT_FIELDS) as PackageSearchParams['sort'];
  return { q: str('q'), fq: str('fq'), fqList, rows, start, sort, sortText, facetFields, facetLimit, facetMincount, includePrivate, includeDrafts, fl };
}

export type RecordsFormat = 'objects' | 'lists' | 'csv' | 'tsv';
export interface DatastoreSearchParams {
  resourceId: string;
  filters: Record<string, string[]>;
  q: string | Record<string, string> | undefined;
  fields?: string[];
  sort: Array<{ field: string; desc: boolean }>;
  limit: number;
  offset: number;
  includeTotal: boolean;
  recordsFormat: RecordsFormat;
  distinct: boolean;
}
export const DATASTORE_ROWS_MAX = 32000;

/** datastore_search parameters; unknown column names are checked later against the table's fields. */
export function parseDatastoreSearch(data: Record<string, unknown>): DatastoreSearchParams {
  const p: Problems = {};
  const resourceId = typeof data.resource_id === 'string' ? data.resource_id.trim() : typeof data.id === 'string' ? data.id.trim() : '';
  if (!resourceId) add(p, 'resource_id', 'Missing value');
  let filters: Record<string, string[]> = {};
  let f = data.filters;
  if (typeof f === 'string' && f.trim()) { try { f = JSON.parse(f); } catch { add(p, 'filters', 'Could not parse as valid JSON'); f = undefined; } }
  if (f !== undefined && f !== null && f !== '') {
    if (typeof f !== 'object' || Array.isArray(f)) add(p, 'filters', 'Not a json object');
    else {
      for (const [k, v] of Object.entries(f as Record<string, unknown>)) {
        const vs = Array.isArray(v) ? v : [v];
        if (vs.some((x) => x !== null && typeof x === 'object')) { add(p, 'filters', `invalid value for ${k}`); continue; }
        filters[k] = vs.map((x) => (x === null ? '' : String(x)));
      }
    }
  }
  let q: DatastoreSearchParams['q'];
  if (typeof data.q === 'string') {
    const s = data.q.trim();
    if (s.startsWith('{')) { try { q = JSON.parse(s); } catch { q = s; } } else q = s || undefined;
  } else if (data.q && typeof data.q === 'object' && !Array.isArray(data.q)) q = data.q as Record<string, string>;
  let fields: string[] | undefined;
  if (typeof data.fields === 'string' && data.fields.trim()) fields = data.fields.split(',').map((x) => x.trim()).filter(Boolean);
  else if (Array.isArray(data.fields)) fields = data.fields.map(String);
  const sortRaw = Array.isArray(data.sort) ? data.sort.join(',') : typeof data.sort === 'string' ? data.sort : '';
  const sort: DatastoreSearchParams['sort'] = [];
  for (const part of sortRaw.split(',').map((x) => x.trim()).filter(Boolean)) {
    const m = /^"?([^"]+?)"?(?:\s+(asc|desc))?$/i.exec(part);
    if (!m) { add(p, 'sort', `field "${part}" not it items`); continue; }
    sort.push({ field: m[1], desc: (m[2] ?? 'asc').toLowerCase() === 'desc' });
  }
  const limit = Math.min(int(p, data, 'limit', 100), DATASTORE_ROWS_MAX);
  const offset = int(p, data, 'offset', 0);
  const includeTotal = bool(p, data, 'include_total', true);
  const distinct = bool(p, data, 'distinct', false);
  const rf = data.records_format === undefined ? 'objects' : String(data.records_format);
  if (!['objects', 'lists', 'csv', 'tsv'].includes(rf)) add(p, 'records_format', 'Value must be one of ["objects", "lists", "csv", "tsv"]');
  if (Object.keys(p).length) throw ckanValidation(p);
  return { resourceId, filters, q, fields, sort, limit, offset, includeTotal, recordsFormat: rf as RecordsFormat, distinct };
}
