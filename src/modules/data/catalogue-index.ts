/**
 * An in-memory search index of the public catalogue (published and external datasets), one per database
 * and catalogue version — what Solr is to CKAN, inside the process. It answers the public searches of
 * searchCatalogueEntries (no unpublished entries) with exactly the SQL engine's semantics:
 *
 * - words match as PostgreSQL's full text does: the query's lexemes come from PostgreSQL itself
 *   (`plainto_tsquery('indonesian', …)`, cached per text), the documents' lexemes, positions and weights are
 *   the stored tsvectors, and the score is ts_rank re-computed in single precision, step by step as
 *   PostgreSQL computes it (src/backend/utils/adt/tsrank.c), so equal scores tie as they do there;
 * - text orders (title, name) and the tie-break of facet values use ranks computed by PostgreSQL under the
 *   database's collation when the index is built;
 * - whatever it cannot answer exactly (title:/description: words, equality on dates, non-ASCII values where
 *   PostgreSQL's lower() decides, a query whose lexemes are not a plain conjunction) is left to the SQL engine.
 *
 * The index is built from one REPEATABLE READ snapshot together with the version it belongs to, so a
 * search answered from it is exactly the search of that version. It is rebuilt when the version changes
 * (single flight, not more often than every few build durations; meanwhile the SQL engine answers); its
 * organisations (names and slugs are not versioned) are re-read after a minute.
 * Above INDEX_MAX_ENTRIES entries or INDEX_MAX_POSTINGS (entry, lexeme) pairs no index is built.
 */
import pg from 'pg';
import type { Queryable } from '../../core/db.ts';
import type {
  CatalogueCondition, CatalogueEntryKind, CatalogueFacet, CatalogueFacetValue, CatalogueFilter, CatalogueQuery, CatalogueSortKey,
} from './catalogue-search.service.ts';

/** Above this many public entries, searches go to PostgreSQL only (memory: ≈ 1 KB per entry, more with long descriptions). */
export const INDEX_MAX_ENTRIES = 100_000;
/** …or above this many (entry, lexeme) pairs — long descriptions — (≈ 10 bytes each in the index, a few times that while building). */
export const INDEX_MAX_POSTINGS = 5_000_000;
const MAX_AGE_MS = 60_000;
const TSQUERY_CACHE_MAX = 20_000;

/** A query the index cannot answer exactly; the caller uses the SQL engine. */
export class IndexUnsupported extends Error {}

/** The order of a search: the requested keys (score only with text) or score then modified, newest first. */
export function effectiveSort(q: Pick<CatalogueQuery, 'sort'>, hasText: boolean): Array<{ key: CatalogueSortKey; desc: boolean }> {
  return (q.sort?.length ? q.sort : [{ key: 'score' as const, desc: true }, { key: 'modified' as const, desc: true }]).filter((s) => s.key !== 'score' || hasText);
}

interface Posting { docs: Int32Array; start: Int32Array; pos: Uint16Array }

interface ValueLists { start: Int32Array; data: Int32Array }

/** Interns arrays of values into flat lists (−1 for a value without an index). */
function valueLists(arrays: Array<Array<string | null> | null>, valueIndex: Map<string, number>): ValueLists {
  const start = new Int32Array(arrays.length + 1);
  let total = 0;
  arrays.forEach((a, i) => { start[i] = total; total += a?.length ?? 0; });
  start[arrays.length] = total;
  const data = new Int32Array(total);
  arrays.forEach((a, i) => { (a ?? []).forEach((v, j) => { data[start[i] + j] = v === null ? -1 : valueIndex.get(v) ?? -1; }); });
  return { start, data };
}

interface Organisation { id: string; slug: string; name: string; slugOrd: number }

/** One catalogue version in memory (columns by entry index). */
export interface CatalogueIndex {
  version: number;
  builtAt: number;
  buildMs: number;
  n: number;
  ids: string[];
  kinds: CatalogueEntryKind[];
  names: string[];
  /** Organisation id as text (null: none) and index into `orgs` (−1: none or unknown). */
  orgIds: Array<string | null>;
  orgIdx: Int32Array;
  /** Array fields as value indexes, flat: entry i's values are data[start[i] … start[i + 1]). */
  groups: ValueLists;
  tags: ValueLists;
  formats: ValueLists;
  licence: Int32Array;
  licenceLower: string[];
  modified: Float64Array;
  created: Float64Array;
  titleOrd: Float64Array;
  nameOrd: Float64Array;
  idOrd: Float64Array;
  /** Distinct array and licence values, their collation ranks, and value → index. */
  values: string[];
  valueOrd: Int32Array;
  valueIndex: Map<string, number>;
  orgs: Organisation[];
  orgBySlug: Map<string, number>;
  postings: Map<string, Posting>;
}

// ---------------------------------------------------------------------------------------------------------
// Parsing PostgreSQL's text forms of tsvector and tsquery

/** Reads a quoted lexeme at `i` (at the opening quote); returns it and the index after the closing quote. */
function readQuoted(s: string, i: number): [string, number] {
  let out = '';
  i++;
  while (i < s.length) {
    const ch = s[i];
    if (ch === '\'') {
      if (s[i + 1] === '\'') { out += '\''; i += 2; continue; }
      return [out, i + 1];
    }
    if (ch === '\\' && i + 1 < s.length) { out += s[i + 1]; i += 2; continue; }
    out += ch;
    i++;
  }
  throw new Error('unterminated lexeme');
}

const WEIGHT_BITS: Record<string, number> = { A: 3, B: 2, C: 1, D: 0 };

/** `'lex':1A,5 'other'` → [lexeme, positions as PostgreSQL stores them (weight << 14 | position)][]. */
export function parseTsvector(s: string): Array<[string, number[]]> {
  const out: Array<[string, number[]]> = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === ' ') { i++; continue; }
    if (s[i] !== '\'') throw new Error(`unexpected ${s[i]} in tsvector`);
    const [lex, next] = readQuoted(s, i);
    i = next;
    const pos: number[] = [];
    if (s[i] === ':') {
      i++;
      for (;;) {
        let p = 0;
        while (i < s.length && s[i] >= '0' && s[i] <= '9') p = p * 10 + (s.charCodeAt(i++) - 48);
        let w = 0;
        if (i < s.length && WEIGHT_BITS[s[i]] !== undefined) w = WEIGHT_BITS[s[i++]];
        pos.push((w << 14) | p);
        if (s[i] === ',') { i++; continue; }
        break;
      }
    }
    out.push([lex, pos]);
  }
  return out;
}

/** `'a' & 'b'` → ['a', 'b']; null for anything but a conjunction of plain lexemes (phrases, OR, NOT, prefixes, weights, empty). */
export function parseTsqueryConjunction(s: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (s[i] !== '\'') return null;
    const [lex, next] = readQuoted(s, i);
    out.push(lex);
    i = next;
    if (i === s.length) return out;
    if (s.startsWith(' & ', i)) { i += 3; continue; }
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------
// ts_rank (default weights {0.1, 0.2, 0.4, 1.0}, normalisation 0) in single precision

const f = Math.fround;
const W = [f(0.1), f(0.2), f(0.4), f(1.0)];
const MAXENTRYPOS = 1 << 14;
const WORD_DISTANCE: number[] = [];
for (let d = 0; d <= 100; d++) WORD_DISTANCE[d] = f(1.0 / (1.005 + 0.05 * Math.exp(f(d) / 1.5 - 2)));
const wordDistance = (d: number) => (d > 100 ? f(1e-30) : WORD_DISTANCE[d]);

/**
 * ts_rank of a document for a query whose distinct lexemes, in byte order, have these positions in the
 * document (null: absent; an empty array: present without positions). `and`: the query is a conjunction
 * of at least two operands.
 */
export function tsRank(positions: Array<ArrayLike<number> | null>, and: boolean): number {
  let res: number;
  if (and && positions.length >= 2) {
    res = -1;
    const nullPosAnd = [(MAXENTRYPOS - 1)];
    const seen: Array<ArrayLike<number> | null> = [];
    for (let i = 0; i < positions.length; i++) {
      const pi = positions[i];
      if (!pi) { seen.push(null); continue; }
      const post = pi.length ? pi : nullPosAnd;
      const iNull = !pi.length;
      for (let k = 0; k < i; k++) {
        const ct = seen[k];
        if (!ct) continue;
        const kNull = ct === nullPosAnd;
        for (let l = 0; l < post.length; l++) {
          for (let p = 0; p < ct.length; p++) {
            let dist = Math.abs((post[l] & 0x3fff) - (ct[p] & 0x3fff));
            if (dist || iNull || kNull) {
              if (!dist) dist = MAXENTRYPOS;
              const curw = f(Math.sqrt(f(f(W[post[l] >> 14] * W[ct[p] >> 14]) * wordDistance(dist))));
              res = res < 0 ? curw : f(1.0 - (1.0 - res) * (1.0 - curw));
            }
          }
        }
      }
      seen.push(post);
    }
  } else {
    res = 0;
    for (const pi of positions) {
      if (!pi) continue;
      const post = pi.length ? pi : [0];
      let resj = 0, wjm = -1, jm = 0;
      for (let j = 0; j < post.length; j++) {
        const wj = W[post[j] >> 14];
        resj = f(resj + f(wj / ((j + 1) * (j + 1))));
        if (wj > wjm) { wjm = wj; jm = j; }
      }
      res = f(res + f(f(wjm + resj) - f(wjm / ((jm + 1) * (jm + 1)))) / 1.64493406685);
    }
    if (positions.length > 0) res = f(res / positions.length);
  }
  return res < 0 ? f(1e-20) : res;
}

// ---------------------------------------------------------------------------------------------------------
// Building

const CATALOGUE = (published: string, external: string) => `(${published} UNION ALL ${external}) c`;

/** Builds the index of the current catalogue version from one snapshot; null when the catalogue is too large. */
export async function buildCatalogueIndex(pool: pg.Pool, published: string, external: string): Promise<CatalogueIndex | null> {
  const t0 = Date.now();
  const client = await pool.connect();
  let rows: any[], valueRows: any[], orgRows: any[], version: number;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      version = Number((await client.query('SELECT version FROM data_catalogue_version WHERE id = 1')).rows[0]?.version ?? 0);
      const from = CATALOGUE(published, external);
      const { rows: [{ n, postings }] } = await client.query(`SELECT count(*)::int AS n, coalesce(sum(length(c.sv)), 0)::bigint AS postings FROM ${from}`);
      if (n > INDEX_MAX_ENTRIES || Number(postings) > INDEX_MAX_POSTINGS) { await client.query('COMMIT'); return null; }
      ({ rows } = await client.query(
        `SELECT c.id::text AS id, c.kind, c.name, c.organisation_id::text AS org, c.groups, c.tags, c.formats, c.licence, lower(c.licence) AS licence_lower,
           (extract(epoch FROM c.modified) * 1000000)::bigint AS modified_us, (extract(epoch FROM c.created) * 1000000)::bigint AS created_us,
           dense_rank() OVER (ORDER BY lower(c.title))::int AS title_ord, dense_rank() OVER (ORDER BY c.name)::int AS name_ord, c.sv::text AS sv
         FROM ${from}`));
      ({ rows: valueRows } = await client.query(
        `SELECT x.v, dense_rank() OVER (ORDER BY x.v)::int AS ord FROM (
           SELECT unnest(c.groups) FROM ${from} UNION SELECT unnest(c.tags) FROM ${from} UNION SELECT unnest(c.formats) FROM ${from}
           UNION SELECT c.licence FROM ${from}) x(v) WHERE x.v IS NOT NULL`));
      ({ rows: orgRows } = await client.query(ORGANISATIONS_SQL));
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    }
  } finally {
    client.release();
  }

  const values: string[] = [];
  const valueOrd: number[] = [];
  const valueIndex = new Map<string, number>();
  for (const r of valueRows) { valueIndex.set(r.v, values.length); values.push(r.v); valueOrd.push(r.ord); }
  const orgs: Organisation[] = orgRows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, slugOrd: r.ord }));
  const orgById = new Map(orgs.map((o, i) => [o.id, i]));
  const orgBySlug = new Map(orgs.map((o, i) => [o.slug, i]));
  const n = rows.length;
  const idx: CatalogueIndex = {
    version, builtAt: Date.now(), buildMs: 0, n,
    ids: new Array(n), kinds: new Array(n), names: new Array(n), orgIds: new Array(n), orgIdx: new Int32Array(n),
    groups: valueLists(rows.map((r) => r.groups), valueIndex), tags: valueLists(rows.map((r) => r.tags), valueIndex),
    formats: valueLists(rows.map((r) => r.formats), valueIndex), licence: new Int32Array(n), licenceLower: new Array(n),
    modified: new Float64Array(n), created: new Float64Array(n), titleOrd: new Float64Array(n), nameOrd: new Float64Array(n), idOrd: new Float64Array(n),
    values, valueOrd: Int32Array.from(valueOrd), valueIndex, orgs, orgBySlug, postings: new Map(),
  };
  // repeated strings (organisation ids, licences) once
  const strings = new Map<string, string>();
  const once = (x: string | null) => { if (x === null) return null; const y = strings.get(x); if (y !== undefined) return y; strings.set(x, x); return x; };
  // postings: lexeme → entries (ascending), with each entry's positions
  const collect = new Map<string, { docs: number[]; start: number[]; pos: number[] }>();
  for (let i = 0; i < n; i++) {
    // the web thread stays responsive while a large catalogue is indexed
    if (i % 250 === 249) await new Promise((resolve) => setImmediate(resolve));
    const r = rows[i];
    idx.ids[i] = r.id; idx.kinds[i] = r.kind; idx.names[i] = r.name; idx.orgIds[i] = once(r.org);
    idx.orgIdx[i] = r.org === null ? -1 : orgById.get(r.org) ?? -1;
    idx.licence[i] = r.licence === null ? -1 : valueIndex.get(r.licence) ?? -1;
    idx.licenceLower[i] = once(r.licence_lower)!;
    idx.modified[i] = Number(r.modified_us); idx.created[i] = Number(r.created_us);
    idx.titleOrd[i] = r.title_ord; idx.nameOrd[i] = r.name_ord;
    if (r.sv) {
      for (const [lex, pos] of parseTsvector(r.sv)) {
        let c = collect.get(lex);
        if (!c) { c = { docs: [], start: [], pos: [] }; collect.set(lex, c); }
        c.docs.push(i); c.start.push(c.pos.length);
        for (const x of pos) c.pos.push(x);
      }
    }
  }
  for (const [lex, c] of collect) {
    c.start.push(c.pos.length);
    idx.postings.set(lex, { docs: Int32Array.from(c.docs), start: Int32Array.from(c.start), pos: Uint16Array.from(c.pos) });
  }
  // the final tie-break: id ascending (uuid order is the order of its lower-case text)
  const byId = Array.from({ length: n }, (_v, i) => i).sort((a, b) => (idx.ids[a] < idx.ids[b] ? -1 : idx.ids[a] > idx.ids[b] ? 1 : 0));
  byId.forEach((e, o) => { idx.idOrd[e] = o; });
  idx.buildMs = Date.now() - t0;
  return idx;
}

const ORGANISATIONS_SQL = 'SELECT o.id::text AS id, o.slug, o.name, dense_rank() OVER (ORDER BY o.slug)::int AS ord FROM organisations o';

/** Re-reads the organisations (slug, name, collation rank) of an index in place. */
async function refreshOrganisations(pool: pg.Pool, idx: CatalogueIndex): Promise<CatalogueIndex> {
  const { rows } = await pool.query(ORGANISATIONS_SQL);
  const orgs: Organisation[] = rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, slugOrd: r.ord }));
  const orgById = new Map(orgs.map((o, i) => [o.id, i]));
  const orgIdx = new Int32Array(idx.n);
  for (let i = 0; i < idx.n; i++) { const o = idx.orgIds[i]; orgIdx[i] = o === null ? -1 : orgById.get(o) ?? -1; }
  Object.assign(idx, { orgs, orgIdx, orgBySlug: new Map(orgs.map((o, i) => [o.slug, i])) });
  return idx;
}

// ---------------------------------------------------------------------------------------------------------
// Searching

/** The lexemes of a text as plainto_tsquery('indonesian', text) gives them (null: not a plain conjunction), cached per database. */
const tsqueryCaches = new WeakMap<object, Map<string, Promise<string[] | null>>>();
export function queryLexemes(db: Queryable, text: string): Promise<string[] | null> {
  let cache = tsqueryCaches.get(db);
  if (!cache) { cache = new Map(); tsqueryCaches.set(db, cache); }
  let p = cache.get(text);
  if (!p) {
    p = db.query(`SELECT plainto_tsquery('indonesian', $1)::text AS q`, [text]).then((r) => parseTsqueryConjunction(String(r.rows[0].q)));
    p.catch(() => cache!.delete(text));
    if (cache.size >= TSQUERY_CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(text, p);
  }
  return p;
}

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** A text match prepared against the index: its distinct lexemes in byte order and their postings. */
interface TextMatch { lexemes: string[]; and: boolean; postings: Array<Posting | undefined> }

function prepareText(idx: CatalogueIndex, lexemes: string[]): TextMatch {
  const uniq = [...new Set(lexemes)].sort(byteOrder);
  return { lexemes: uniq, and: lexemes.length >= 2, postings: uniq.map((l) => idx.postings.get(l)) };
}

/** Entries matching every lexeme, ascending, with each lexeme's posting slot per match. */
function matchText(m: TextMatch): { docs: number[]; slots: number[][] } {
  if (!m.postings.length || m.postings.some((p) => !p)) return { docs: [], slots: [] };
  const ps = m.postings as Posting[];
  const order = ps.map((_p, i) => i).sort((a, b) => ps[a].docs.length - ps[b].docs.length);
  const cursors = new Int32Array(ps.length);
  const docs: number[] = [];
  const slots: number[][] = [];
  const lead = ps[order[0]].docs;
  outer: for (let s = 0; s < lead.length; s++) {
    const d = lead[s];
    const slot = new Array<number>(ps.length);
    slot[order[0]] = s;
    for (let o = 1; o < order.length; o++) {
      const li = order[o];
      const list = ps[li].docs;
      let c = cursors[li];
      // galloping would pay off on long lists; a linear walk is enough at catalogue sizes
      while (c < list.length && list[c] < d) c++;
      cursors[li] = c;
      if (c >= list.length) break outer;
      if (list[c] !== d) continue outer;
      slot[li] = c;
    }
    docs.push(d);
    slots.push(slot);
  }
  return { docs, slots };
}

const ASCII = /^[\x00-\x7f]*$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
function isoMicros(s: string): number {
  if (!ISO.test(s)) throw new IndexUnsupported('date');
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new IndexUnsupported('date');
  return ms * 1000;
}

type Predicate = (i: number) => boolean;

function conditionPredicate(idx: CatalogueIndex, x: CatalogueCondition, texts: Map<string, TextMatch>): Predicate {
  if (x.op === 'const') { const v = x.value; return () => v; }
  if (x.op === 'range') {
    const col = x.field === 'created' ? idx.created : idx.modified;
    const from = x.from ? isoMicros(x.from) : null, to = x.to ? isoMicros(x.to) : null;
    const inc = x.inclusive;
    return (i) => (from === null || (inc ? col[i] >= from : col[i] > from)) && (to === null || (inc ? col[i] <= to : col[i] < to));
  }
  const v = x.value;
  switch (x.field) {
    case 'groups': case 'tags': case 'formats': {
      const { start, data } = idx[x.field];
      if (v === '*') return (i) => start[i + 1] > start[i];
      const id = idx.valueIndex.get(v);
      if (id === undefined) return () => false;
      return (i) => { for (let k = start[i]; k < start[i + 1]; k++) if (data[k] === id) return true; return false; };
    }
    case 'text': {
      const m = texts.get(v);
      if (!m) throw new IndexUnsupported('text');
      const set = new Uint8Array(idx.n);
      for (const d of matchText(m).docs) set[d] = 1;
      return (i) => set[i] === 1;
    }
    case 'id': {
      if (v === '*') return () => true;
      if (!ASCII.test(v)) throw new IndexUnsupported('id');
      const want = v.toLowerCase();
      return (i) => idx.ids[i] === want;
    }
    case 'name': return v === '*' ? () => true : (i) => idx.names[i] === v;
    case 'organisation': {
      if (v === '*') return () => true;
      const o = idx.orgBySlug.get(v);
      if (o === undefined) return () => false;
      return (i) => idx.orgIdx[i] === o;
    }
    case 'organisationId': {
      if (v === '*') return () => true;
      if (!ASCII.test(v)) throw new IndexUnsupported('organisationId');
      const want = v.toLowerCase();
      return (i) => idx.orgIds[i] === want;
    }
    case 'licence': {
      if (v === '*') return () => true;
      if (!ASCII.test(v)) throw new IndexUnsupported('licence');
      const want = v.toLowerCase();
      return (i) => idx.licenceLower[i] === want;
    }
    case 'modified': case 'created':
      if (v === '*') return () => true;
      throw new IndexUnsupported('date equality');
    default:
      // title:, description: (their own tsvectors are not in the index)
      throw new IndexUnsupported(String(x.field));
  }
}

function filterPredicate(idx: CatalogueIndex, filter: CatalogueFilter, texts: Map<string, TextMatch>): Predicate | null {
  const groups = filter.map((group) => {
    const ors = group.map((x) => { const p = conditionPredicate(idx, x, texts); return x.negate ? (i: number) => !p(i) : p; });
    if (!ors.length) return () => true;
    return ors.length === 1 ? ors[0] : (i: number) => ors.some((p) => p(i));
  });
  if (!groups.length) return null;
  return groups.length === 1 ? groups[0] : (i) => groups.every((p) => p(i));
}

/** The texts a search needs lexemes for: its free text and every `text` condition. */
export function textsOf(q: Pick<CatalogueQuery, 'text' | 'filter'>): string[] {
  const out = new Set<string>();
  const t = q.text?.trim();
  if (t) out.add(t);
  for (const g of q.filter ?? []) for (const x of g) if (x.op === 'match' && x.field === 'text') out.add(x.value);
  return [...out];
}

/** The k smallest of `items` under `cmp`, in order (a bounded max-heap when k is small against the input). */
function topK(items: number[], k: number, cmp: (a: number, b: number) => number): number[] {
  if (k <= 0) return [];
  if (items.length <= k * 4) return items.sort(cmp).slice(0, k);
  const heap: number[] = [];
  const up = (i: number) => { while (i > 0) { const p = (i - 1) >> 1; if (cmp(heap[i], heap[p]) <= 0) break; [heap[i], heap[p]] = [heap[p], heap[i]]; i = p; } };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < heap.length && cmp(heap[l], heap[m]) > 0) m = l;
      if (r < heap.length && cmp(heap[r], heap[m]) > 0) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]]; i = m;
    }
  };
  for (const x of items) {
    if (heap.length < k) { heap.push(x); up(heap.length - 1); } else if (cmp(x, heap[0]) < 0) { heap[0] = x; down(0); }
  }
  return heap.sort(cmp);
}

export interface IndexSearchResult {
  count: number;
  /** The first `take` entries from `skip`, in order. */
  entries: Array<{ id: string; kind: CatalogueEntryKind }>;
  facets: Partial<Record<CatalogueFacet, CatalogueFacetValue[]>>;
}

/**
 * A public search over the index: matching set, order, the page (entries skip…skip+take) and facet counts
 * (top `facetLimit` per facet by count, then value in collation order, as the SQL engine cuts them; the
 * caller orders them for output). `lexemes`: the lexemes of every text of textsOf(q).
 */
export function searchIndex(idx: CatalogueIndex, q: CatalogueQuery, lexemes: Map<string, string[]>, skip: number, take: number): IndexSearchResult {
  const texts = new Map<string, TextMatch>();
  for (const [t, l] of lexemes) texts.set(t, prepareText(idx, l));
  const text = q.text?.trim() ? q.text.trim() : null;
  const sort = effectiveSort(q, !!text);
  const pred = filterPredicate(idx, q.filter ?? [], texts);
  let matched: number[];
  let rank: Float64Array | null = null;
  if (text) {
    const m = texts.get(text);
    if (!m) throw new IndexUnsupported('text');
    const { docs, slots } = matchText(m);
    const needRank = sort.some((s) => s.key === 'score');
    if (needRank) rank = new Float64Array(idx.n);
    matched = [];
    const ps = m.postings as Posting[];
    for (let j = 0; j < docs.length; j++) {
      const d = docs[j];
      if (pred && !pred(d)) continue;
      matched.push(d);
      if (rank) rank[d] = tsRank(ps.map((p, li) => p.pos.subarray(p.start[slots[j][li]], p.start[slots[j][li] + 1])), m.and);
    }
  } else {
    matched = [];
    for (let i = 0; i < idx.n; i++) if (!pred || pred(i)) matched.push(i);
  }

  // order: the requested keys, then modified desc, then id
  const keys: Array<{ col: ArrayLike<number>; sign: number }> = sort.map((s) => ({
    col: s.key === 'score' ? rank! : s.key === 'modified' ? idx.modified : s.key === 'created' ? idx.created : s.key === 'title' ? idx.titleOrd : s.key === 'id' ? idx.idOrd : idx.nameOrd,
    sign: s.desc ? -1 : 1,
  }));
  keys.push({ col: idx.modified, sign: -1 }, { col: idx.idOrd, sign: 1 });
  const cmp = (a: number, b: number) => {
    for (const k of keys) { const d = k.col[a] - k.col[b]; if (d) return d * k.sign; }
    return 0;
  };
  const page = topK(matched, skip + take, cmp).slice(skip);

  const facets: IndexSearchResult['facets'] = {};
  const limit = q.facetLimit ?? 50;
  const mincount = Math.max(1, q.facetMincount ?? 1);
  for (const facet of new Set(q.facets ?? [])) {
    const counted: Array<{ value: string; label: string; count: number; ord: number }> = [];
    if (facet === 'organisation') {
      const counts = new Int32Array(idx.orgs.length);
      for (const i of matched) { const o = idx.orgIdx[i]; if (o >= 0) counts[o]++; }
      counts.forEach((c, o) => { const org = idx.orgs[o]; if (c >= mincount && org.slug !== '') counted.push({ value: org.slug, label: org.name, count: c, ord: org.slugOrd }); });
    } else {
      const counts = new Int32Array(idx.values.length);
      if (facet === 'licence') for (const i of matched) { const v = idx.licence[i]; if (v >= 0) counts[v]++; }
      else { const { start, data } = idx[facet]; for (const i of matched) for (let k = start[i]; k < start[i + 1]; k++) if (data[k] >= 0) counts[data[k]]++; }
      counts.forEach((c, v) => { const value = idx.values[v]; if (c >= mincount && value !== '') counted.push({ value, label: value, count: c, ord: idx.valueOrd[v] }); });
    }
    counted.sort((a, b) => b.count - a.count || a.ord - b.ord);
    facets[facet] = (limit >= 0 ? counted.slice(0, limit) : counted).map(({ value, label, count }) => ({ value, label, count }));
  }
  return { count: matched.length, entries: page.map((i) => ({ id: idx.ids[i], kind: idx.kinds[i] })), facets };
}

// ---------------------------------------------------------------------------------------------------------
// Lifecycle per database

interface IndexState { index: CatalogueIndex | null; building: Promise<CatalogueIndex | null> | null; lastBuildEnd: number; lastBuildMs: number; tooLarge: boolean }
const states = new WeakMap<object, IndexState>();

/**
 * A catalogue of up to this many entries is re-indexed by the search that finds it changed (≈ 70 ms on the
 * 2-core host); a larger one, or the first index of a process, in the background while SQL answers.
 */
const AWAIT_BUILD_ENTRIES = 2000;

/**
 * The index to answer a search of catalogue `version` with, or null (the SQL engine answers): the current
 * index when it is of this version or newer; otherwise a rebuild is started (single flight, not sooner
 * than four build durations after the last, at least a second) and awaited only for small catalogues.
 */
export async function indexFor(pool: pg.Pool, version: number, published: string, external: string, opts: { wait?: boolean; now?: number } = {}): Promise<CatalogueIndex | null> {
  const now = opts.now ?? Date.now();
  let st = states.get(pool);
  if (!st) { st = { index: null, building: null, lastBuildEnd: 0, lastBuildMs: 0, tooLarge: false }; states.set(pool, st); }
  const state = st;
  const current = state.index && state.index.version >= version ? state.index : null;
  const start = () => {
    const b = buildCatalogueIndex(pool, published, external).then((idx) => {
      state.lastBuildEnd = Date.now();
      if (idx) { state.lastBuildMs = idx.buildMs; if (!state.index || idx.version >= state.index.version) state.index = idx; }
      state.tooLarge = !idx;
      return idx;
    }).catch(() => null).finally(() => { if (state.building === b) state.building = null; });
    state.building = b;
    return b;
  };
  if (current) {
    // organisation names and slugs are not versioned: re-read after a minute in the background
    if (!state.building && now - current.builtAt > MAX_AGE_MS) {
      current.builtAt = now;
      state.building = refreshOrganisations(pool, current).catch(() => current).finally(() => { state.building = null; });
    }
    return current;
  }
  const quick = opts.wait || (!!state.index && state.index.n <= AWAIT_BUILD_ENTRIES);
  if (state.building) return quick ? fresh(await state.building, version) : null;
  if (state.index && now - state.lastBuildEnd < Math.max(1000, 4 * state.lastBuildMs) && !quick) return null;
  if (state.tooLarge && now - state.lastBuildEnd < MAX_AGE_MS) return null;
  const b = start();
  return quick ? fresh(await b, version) : null;
}
const fresh = (idx: CatalogueIndex | null, version: number) => (idx && idx.version >= version ? idx : null);

/** Drops the index of a database (tests). */
export function dropCatalogueIndex(pool: object): void { states.delete(pool); }
