/**
 * The public catalogue as other modules read it (the interop module's CKAN Action API, DCAT catalogue and
 * sitemap): the datasets published here and the external (harvested) datasets of data_external_datasets,
 * searched with a structured filter, facet counts, sorting and paging, plus listings and a batch loader of
 * published datasets. Read-only; other modules call these functions instead of reading the data tables.
 *
 * Public searches are answered by the in-memory index of the current catalogue version when it can answer
 * them exactly (catalogue-index.ts: PostgreSQL's lexemes, ts_rank and collation order, kept in the
 * process as Solr keeps them beside CKAN). Searches that include unpublished datasets, the few query forms
 * the index leaves out, and the moments while a changed catalogue's index is being built go to SQL:
 *
 * SQL search is one statement over denormalised rows: the projection columns of data_datasets (title, tags,
 * formats, groups = sector + topic slug, licence, modified, stored tsvector with a GIN index) and the same
 * columns of data_external_datasets, as one UNION ALL relation. The matching set is computed once
 * (materialised CTE) and yields the total, the page of ids in order and every facet count (one aggregation
 * over `unnest` of the facet arrays, top-N per facet by a window function); no join with data_revisions and
 * no per-row expression other than the rank.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { isEmbeddedPool, type Queryable } from '../../core/db.ts';
import { catalogueVersion } from './catalogue-cache.ts';
import { buildCatalogueIndex, effectiveSort, indexFor, queryLexemes, searchIndex, textsOf, IndexUnsupported } from './catalogue-index.ts';

/** Fields a condition may test. `text`: stemmed words of title, tags, topic, description and organisation. */
export type CatalogueField =
  | 'id' | 'name' | 'title' | 'description' | 'text' | 'organisation' | 'organisationId'
  | 'groups' | 'tags' | 'formats' | 'licence' | 'modified' | 'created';

export type CatalogueCondition =
  /** Equality (membership for groups/tags/formats, case-insensitive for licence, full text for title/description/text); value `*`: has a value. */
  | { op: 'match'; field: CatalogueField; value: string; negate?: boolean }
  /** ISO timestamps; null = open end. */
  | { op: 'range'; field: 'modified' | 'created'; from: string | null; to: string | null; inclusive: boolean; negate?: boolean }
  /** Always true / always false (e.g. a field with one constant value). */
  | { op: 'const'; value: boolean; negate?: boolean };

/** Conjunction of groups; each group a disjunction. An empty list matches everything. */
export type CatalogueFilter = CatalogueCondition[][];
export type CatalogueFacet = 'organisation' | 'groups' | 'tags' | 'formats' | 'licence';
/** `id`: ascending uuid order (the order of its lower-case text), as Solr sorts CKAN's `id` string field. */
export type CatalogueSortKey = 'score' | 'modified' | 'created' | 'title' | 'name' | 'id';
export type CatalogueEntryKind = 'published' | 'external' | 'unpublished';

export interface CatalogueQuery {
  /** Free text: every word must match (stemmed, `indonesian`); ranks the results. */
  text?: string | null;
  filter?: CatalogueFilter;
  /** Default: score (when text) then modified, newest first. Ties: modified desc, id. */
  sort?: Array<{ key: CatalogueSortKey; desc: boolean }>;
  rows: number;
  start: number;
  facets?: CatalogueFacet[];
  /** Top values per facet (default 50; −1: all) with at least `facetMincount` datasets (default 1). */
  facetLimit?: number;
  facetMincount?: number;
  /**
   * Also the never-published datasets (their latest revision) of these organisations — for an authorised
   * reader (`all` for walidata). Such entries have kind `unpublished`.
   */
  unpublishedOf?: { all: boolean; organisationIds: string[] } | null;
}

export interface CatalogueFacetValue { value: string; label: string; count: number }
export interface CatalogueSearchResult {
  count: number;
  /** The page, in order. */
  entries: Array<{ id: string; kind: CatalogueEntryKind }>;
  facets: Partial<Record<CatalogueFacet, CatalogueFacetValue[]>>;
}

const SLUG = (e: string) => `trim(both '-' from lower(regexp_replace(${e}, '[^A-Za-z0-9]+', '-', 'g')))`;

const PUBLISHED = `SELECT d.id, d.slug AS name, d.pub_title AS title, d.pub_description AS description, d.organisation_id, d.pub_groups AS groups,
    d.pub_tags AS tags, d.pub_formats AS formats, coalesce(d.pub_licence, 'notspecified') AS licence, d.created_at AS created,
    coalesce(d.pub_modified, d.published_at, d.created_at) AS modified, d.search_vector AS sv, 'published'::text AS kind
  FROM data_datasets d WHERE d.published_revision_id IS NOT NULL`;
const EXTERNAL = `SELECT e.id, e.slug, e.title, e.description, e.organisation_id, e.groups, e.tags, e.formats, e.licence, e.created, e.modified,
    e.search_vector, 'external'::text FROM data_external_datasets e`;

/** The catalogue relation (alias `c`): published + external, and optionally the readable unpublished datasets. */
function catalogueFrom(unpublishedOf: CatalogueQuery['unpublishedOf'], ph: (v: unknown) => string): string {
  if (!unpublishedOf || (!unpublishedOf.all && !unpublishedOf.organisationIds.length)) return `(${PUBLISHED} UNION ALL ${EXTERNAL}) c`;
  const all = `${ph(unpublishedOf.all)}::boolean`, orgs = `${ph(unpublishedOf.organisationIds)}::uuid[]`;
  return `(${PUBLISHED} UNION ALL ${EXTERNAL} UNION ALL
  SELECT d.id, d.slug, r.title, r.description, d.organisation_id, array_remove(array_remove(ARRAY[r.sector, nullif(${SLUG('r.topic')}, r.sector)], NULL), ''), r.tags,
         coalesce((SELECT array_agg(DISTINCT upper(x.format)) FROM data_resources x WHERE x.revision_id = r.id AND x.format <> ''), '{}'),
         r.licence, d.created_at, r.updated_at,
         setweight(to_tsvector('indonesian', r.title), 'A') || setweight(to_tsvector('indonesian', array_to_string(r.tags, ' ') || ' ' || r.topic), 'B')
           || setweight(to_tsvector('indonesian', r.description), 'C'), 'unpublished'::text
  FROM data_datasets d JOIN data_revisions r ON r.id = d.latest_revision_id
  WHERE d.published_revision_id IS NULL AND (${all} OR d.organisation_id = ANY(${orgs}))) c`;
}

const ARRAY_FIELDS: Partial<Record<CatalogueField, string>> = { groups: 'c.groups', tags: 'c.tags', formats: 'c.formats' };

function conditionSql(x: CatalogueCondition, ph: (v: unknown) => string): string {
  if (x.op === 'const') return x.value ? 'true' : 'false';
  if (x.op === 'range') {
    const col = x.field === 'created' ? 'c.created' : 'c.modified';
    const parts: string[] = [];
    if (x.from) parts.push(`${col} ${x.inclusive ? '>=' : '>'} ${ph(x.from)}::timestamptz`);
    if (x.to) parts.push(`${col} ${x.inclusive ? '<=' : '<'} ${ph(x.to)}::timestamptz`);
    return parts.length ? parts.join(' AND ') : 'true';
  }
  const v = x.value;
  const arr = ARRAY_FIELDS[x.field];
  if (arr) return v === '*' ? `cardinality(${arr}) > 0` : `${arr} @> ARRAY[${ph(v)}::text]`;
  switch (x.field) {
    case 'text': return `c.sv @@ plainto_tsquery('indonesian', ${ph(v)})`;
    case 'title': return `to_tsvector('indonesian', c.title) @@ plainto_tsquery('indonesian', ${ph(v)})`;
    case 'description': return `to_tsvector('indonesian', c.description) @@ plainto_tsquery('indonesian', ${ph(v)})`;
    case 'id': return v === '*' ? 'true' : `c.id::text = lower(${ph(v)})`;
    case 'name': return v === '*' ? 'true' : `c.name = ${ph(v)}`;
    case 'organisation': return v === '*' ? 'true' : `c.organisation_id IN (SELECT o.id FROM organisations o WHERE o.slug = ${ph(v)})`;
    case 'organisationId': return v === '*' ? 'true' : `c.organisation_id::text = lower(${ph(v)})`;
    case 'licence': return v === '*' ? 'true' : `lower(c.licence) = lower(${ph(v)})`;
    case 'modified': case 'created': return v === '*' ? 'true' : `c.${x.field} = ${ph(v)}::timestamptz`;
    default: throw new Error(`unknown catalogue field ${String(x.field)}`);
  }
}

function filterSql(filter: CatalogueFilter, ph: (v: unknown) => string): string[] {
  return filter.map((group) => {
    const ors = group.map((x) => (x.negate ? `NOT coalesce((${conditionSql(x, ph)}), false)` : `(${conditionSql(x, ph)})`));
    return ors.length === 1 ? ors[0] : ors.length ? `(${ors.join(' OR ')})` : 'true';
  });
}

/** Connections whose session plans prepared statements generically (only these searches are prepared statements). */
const genericPlans = new WeakSet<object>();
/**
 * Runs a search statement as a named prepared statement on PostgreSQL, so that its plan is cached per
 * connection (planning the statement costs about as much as a light search executing it); one statement per
 * query shape (filters, facets, sort), named by a hash of its text, planned generically from its first
 * execution (the session's plan_cache_mode; no other statement of the platform is prepared). Not on embedded
 * PGlite, whose socket connections share one session (a name prepared by one connection would collide on another), nor inside a
 * transaction client.
 */
async function cachedPlanQuery(db: Queryable, text: string, values: unknown[]): Promise<pg.QueryResult> {
  if (db instanceof pg.Pool) {
    if (!(await isEmbeddedPool(db))) {
      const client = await db.connect();
      try {
        // a generic plan from the first execution: planning costs about a third of a search
        if (!genericPlans.has(client)) { await client.query('SET plan_cache_mode = force_generic_plan'); genericPlans.add(client); }
        return await client.query({ name: `catalogue_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text, values });
      } finally {
        client.release();
      }
    }
  }
  return db.query(text, values);
}

const SORT_SQL: Record<CatalogueSortKey, { expr: string; col: string }> = {
  score: { expr: 'm.rank', col: 'rank' }, modified: { expr: 'm.modified', col: 'modified' }, created: { expr: 'm.created', col: 'created' },
  title: { expr: 'lower(m.title)', col: 'title' }, name: { expr: 'm.name', col: 'name' }, id: { expr: 'm.id', col: 'id' },
};
/** Column of the matching set each facet counts; array facets are grouped by whole array first, then unnested (few distinct arrays → little unnest work). */
const FACET_SQL: Record<CatalogueFacet, { col: string; sql: string }> = {
  organisation: { col: 'organisation_id', sql: `SELECT 'organisation' AS facet, o.slug AS value, o.name AS label, g.n FROM (SELECT m.organisation_id, count(*)::int AS n FROM m GROUP BY 1) g JOIN organisations o ON o.id = g.organisation_id` },
  licence: { col: 'licence', sql: `SELECT 'licence', m.licence, m.licence, count(*)::int FROM m GROUP BY m.licence` },
  groups: { col: 'groups', sql: `SELECT 'groups', x, x, sum(g.n)::int FROM (SELECT m.groups AS a, count(*) AS n FROM m GROUP BY 1) g, unnest(g.a) x GROUP BY x` },
  tags: { col: 'tags', sql: `SELECT 'tags', x, x, sum(g.n)::int FROM (SELECT m.tags AS a, count(*) AS n FROM m GROUP BY 1) g, unnest(g.a) x GROUP BY x` },
  formats: { col: 'formats', sql: `SELECT 'formats', x, x, sum(g.n)::int FROM (SELECT m.formats AS a, count(*) AS n FROM m GROUP BY 1) g, unnest(g.a) x GROUP BY x` },
};

/**
 * Search with total, page and facet counts — from the index or in one SQL statement (see the file comment);
 * both give the same answer. Facet values are organisation slugs (label: name), group slugs, tags,
 * upper-case formats and licence ids. With `withRecords`, the page's published datasets come back (as
 * loadPublishedDatasets gives them, without the resources' Table Schemas, which search results do not
 * show; with SQL in the same round trip). With `window` (at
 * least start + rows), `entries` are the first `window` entries in order — for a result-set cache that
 * serves the next pages without searching again — and records come for the requested page only.
 */
export async function searchCatalogueEntries(db: Queryable, q: CatalogueSearchOptions): Promise<CatalogueSearchResult & { records: Map<string, PublishedDatasetRecord>; engine: 'index' | 'sql' }> {
  const pageRows = Math.max(0, Math.min(q.rows, 1000));
  const pageStart = Math.max(0, q.start);
  const windowed = q.window !== undefined && q.window >= pageStart + pageRows;
  const facets = [...new Set(q.facets ?? [])];
  const publicOnly = !q.unpublishedOf || (!q.unpublishedOf.all && !q.unpublishedOf.organisationIds.length);
  if (q.engine !== 'sql' && publicOnly && db instanceof pg.Pool) {
    const r = await searchWithIndex(db, q, windowed ? 0 : pageStart, windowed ? q.window! : pageRows);
    if (r) {
      const result = { ...r, records: new Map<string, PublishedDatasetRecord>(), engine: 'index' as const };
      if (q.withRecords) {
        const page = windowed ? r.entries.slice(pageStart, pageStart + pageRows) : r.entries;
        const want = page.filter((e) => e.kind === 'published' && (typeof q.withRecords !== 'function' || q.withRecords(e.id))).map((e) => e.id);
        if (want.length) for (const rec of await loadRecords(db, want, false)) result.records.set(rec.id, rec);
      }
      return orderFacets(result, facets);
    }
  }
  if (q.engine === 'index') throw new Error('the catalogue index cannot answer this search');
  return orderFacets(await searchWithSql(db, q, pageStart, pageRows, windowed, facets), facets);
}

/** Facet values for output: most datasets first, then by value. */
function orderFacets<R extends Pick<CatalogueSearchResult, 'facets'>>(result: R, facets: CatalogueFacet[]): R {
  for (const f of facets) result.facets[f] = (result.facets[f] ?? []).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return result;
}

export interface CatalogueSearchOptions extends CatalogueQuery {
  /** The page's published datasets as records (all, or those the function selects). */
  withRecords?: boolean | ((id: string) => boolean);
  /** Entries: the first `window` (≥ start + rows) in order instead of the page; records for the page only. */
  window?: number;
  /** `index`: the in-memory index or an error; `sql`: PostgreSQL; default: the index when it can answer. */
  engine?: 'auto' | 'index' | 'sql';
}

/** A public search answered by the in-memory index of the catalogue version (see catalogue-index.ts), or null. */
async function searchWithIndex(pool: pg.Pool, q: CatalogueSearchOptions, skip: number, take: number): Promise<Omit<CatalogueSearchResult, 'records'> | null> {
  // the version is read for every search (one primary-key lookup): what was committed before is always found
  const idx = await indexFor(pool, await currentVersion(pool), PUBLISHED, EXTERNAL, { wait: q.engine === 'index' });
  if (!idx) return null;
  const lexemes = new Map<string, string[]>();
  for (const t of textsOf(q)) {
    const l = await queryLexemes(pool, t);
    if (!l) return null;
    lexemes.set(t, l);
  }
  try {
    return searchIndex(idx, q, lexemes, skip, take);
  } catch (e) {
    if (e instanceof IndexUnsupported) return null;
    throw e;
  }
}

/** A fresh index of the public catalogue (benchmarks and operations: its size and build time). */
export function buildPublicCatalogueIndex(pool: pg.Pool) { return buildCatalogueIndex(pool, PUBLISHED, EXTERNAL); }

/** The index searches of the current catalogue version use now (`now`: the clock, for tests). */
export async function publicCatalogueIndex(pool: pg.Pool, opts: { now?: number } = {}) {
  return indexFor(pool, await currentVersion(pool), PUBLISHED, EXTERNAL, { ...opts, wait: true });
}
const currentVersion = async (pool: pg.Pool) => Number(await catalogueVersion(pool));

async function searchWithSql(db: Queryable, q: CatalogueSearchOptions, pageStart: number, pageRows: number, windowed: boolean, facets: CatalogueFacet[]): Promise<CatalogueSearchResult & { records: Map<string, PublishedDatasetRecord>; engine: 'sql' }> {
  const params: unknown[] = [];
  const ph = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const text = q.text?.trim() ? q.text.trim() : null;
  const where: string[] = [];
  let rank = '';
  const sort = effectiveSort(q, !!text);
  if (text) {
    // the query is parsed once per execution (an InitPlan), also under a cached generic plan
    const t = `(SELECT plainto_tsquery('indonesian', ${ph(text)}))`;
    where.push(`c.sv @@ ${t}`);
    // the rank only when the order uses it (it costs per matching row)
    if (sort.some((s) => s.key === 'score')) rank = `, ts_rank(c.sv, ${t}) AS rank`;
  }
  where.push(...filterSql(q.filter ?? [], ph));
  const from = catalogueFrom(q.unpublishedOf, ph);
  const order = [...sort.map((s) => `${SORT_SQL[s.key].expr} ${s.desc ? 'DESC' : 'ASC'}`), 'm.modified DESC', 'm.id'].join(', ');
  // only the columns the page order and the requested facets need are copied into the matching set
  const cols = new Set(['id', 'kind', 'modified', ...sort.filter((s) => s.key !== 'score').map((s) => SORT_SQL[s.key].col), ...facets.map((f) => FACET_SQL[f].col)]);
  // with a window: the first `window` entries in order (a result-set cache pages through them), records for the page only
  const rows = ph(windowed ? q.window : pageRows);
  const start = ph(windowed ? 0 : pageStart);
  const limit = q.facetLimit ?? 50;
  const facetPart = facets.length ? `
     UNION ALL
     SELECT 2, fr.facet, fr.value, fr.label, fr.n, NULL FROM (
       SELECT f.*, row_number() OVER (PARTITION BY f.facet ORDER BY f.n DESC, f.value) AS rn
       FROM (${facets.map((f) => FACET_SQL[f].sql).join(' UNION ALL ')}) f(facet, value, label, n)
       WHERE f.value <> '' AND f.n >= ${ph(Math.max(1, q.facetMincount ?? 1))}) fr${limit >= 0 ? ` WHERE fr.rn <= ${ph(limit)}` : ''}` : '';
  // the page's records: the lateral load runs for the page's rows only (not for the rest of a window)
  const records = q.withRecords
    ? `
     UNION ALL
     SELECT 3, NULL, p.id::text, NULL, NULL, r.doc
     FROM (SELECT pg.id FROM pg WHERE pg.kind = 'published' AND pg.ord > ${ph(windowed ? pageStart : 0)}::int AND pg.ord <= ${ph(windowed ? pageStart + pageRows : pageRows)}::int) p
     JOIN LATERAL (${recordSql(false)} WHERE d.id = p.id) r ON true`
    : '';
  const { rows: out } = await cachedPlanQuery(db,
    `WITH m AS MATERIALIZED (
       SELECT ${[...cols].map((x) => `c.${x}`).join(', ')}${rank}
       FROM ${from} WHERE ${where.length ? where.join(' AND ') : 'true'}),
     pg AS MATERIALIZED (SELECT w.id, w.kind, row_number() OVER () AS ord FROM (SELECT m.* FROM m ORDER BY ${order} LIMIT ${rows} OFFSET ${start}) w)
     SELECT 0 AS t, NULL::text AS facet, NULL::text AS value, NULL::text AS label, (SELECT count(*) FROM m)::int AS n, NULL::json AS doc
     UNION ALL
     SELECT 1, pg.kind, pg.id::text, NULL, pg.ord::int, NULL FROM pg
     ${records}${facetPart}`, params);
  const result = { count: 0, entries: [] as CatalogueSearchResult['entries'], facets: Object.fromEntries(facets.map((f) => [f, []])) as CatalogueSearchResult['facets'], records: new Map<string, PublishedDatasetRecord>(), engine: 'sql' as const };
  const page: Array<{ id: string; kind: CatalogueEntryKind; ord: number }> = [];
  for (const r of out) {
    if (r.t === 0) result.count = r.n;
    else if (r.t === 1) page.push({ id: r.value, kind: r.facet, ord: r.n });
    else if (r.t === 3) result.records.set(r.value, r.doc);
    else result.facets[r.facet as CatalogueFacet]!.push({ value: r.value, label: r.label, count: r.n });
  }
  result.entries = page.sort((a, b) => a.ord - b.ord).map(({ id, kind }) => ({ id, kind }));
  return result;
}

/** Page of ids only (no facets): listings such as "newest of an organisation". */
export async function catalogueEntryIds(db: Queryable, q: Omit<CatalogueQuery, 'facets'>): Promise<{ ids: string[]; count: number }> {
  const r = await searchCatalogueEntries(db, { ...q, facets: [] });
  return { ids: r.entries.map((e) => e.id), count: r.count };
}

const ENTRIES = `(${PUBLISHED} UNION ALL ${EXTERNAL}) c`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A public catalogue entry by id or name. */
export async function findCatalogueEntry(db: Queryable, idOrName: string): Promise<{ id: string; kind: CatalogueEntryKind } | null> {
  const { rows } = await db.query(
    `SELECT c.id, c.kind FROM ${ENTRIES} WHERE ${UUID.test(idOrName) ? 'c.id = $1::uuid OR ' : ''}c.name = $1::text LIMIT 1`, [idOrName]);
  return rows[0] ?? null;
}

/** Whether a name is used by a dataset (published or not) or an external dataset. */
export async function catalogueNameTaken(db: Queryable, name: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM data_datasets WHERE slug = $1 UNION ALL SELECT 1 FROM data_external_datasets WHERE slug = $1 LIMIT 1', [name]);
  return rows.length > 0;
}

export async function listCatalogueNames(db: Queryable, limit: number | null, offset: number): Promise<string[]> {
  const { rows } = await db.query(`SELECT c.name FROM ${ENTRIES} ORDER BY c.name LIMIT $1 OFFSET $2`, [limit, offset]);
  return rows.map((r) => r.name);
}

/** Number of public entries (modified since a date), the newest modification and the oldest entry (when the catalogue began). */
export async function countCatalogueEntries(db: Queryable, modifiedSince: Date | null): Promise<{ total: number; modified: Date | null; issued: Date | null }> {
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE $1::timestamptz IS NULL OR c.modified >= $1)::int AS n, max(c.modified) FILTER (WHERE $1::timestamptz IS NULL OR c.modified >= $1) AS m,
       min(c.created) AS i FROM ${ENTRIES}`, [modifiedSince]);
  return { total: rows[0].n, modified: rows[0].m, issued: rows[0].i };
}

/** Ids of public entries, most recently modified first (DCAT pages). */
export async function catalogueIdsByModified(db: Queryable, modifiedSince: Date | null, limit: number, offset: number): Promise<string[]> {
  const { rows } = await db.query(`SELECT c.id FROM ${ENTRIES} WHERE $1::timestamptz IS NULL OR c.modified >= $1 ORDER BY c.modified DESC, c.id LIMIT $2 OFFSET $3`, [modifiedSince, limit, offset]);
  return rows.map((r) => r.id);
}

/** (name, modified, kind) of every public entry, in batches (sitemap.xml). */
export async function* catalogueEntryStream(db: Queryable, batch = 2000): AsyncGenerator<{ name: string; modified: Date; kind: CatalogueEntryKind }> {
  for (let offset = 0; ; offset += batch) {
    const { rows } = await db.query(`SELECT c.name, c.modified, c.kind FROM ${ENTRIES} ORDER BY c.name LIMIT $1 OFFSET $2`, [batch, offset]);
    for (const r of rows) yield r;
    if (rows.length < batch) return;
  }
}

export interface CatalogueOrganisation { id: string; slug: string; name: string; created_at: Date; package_count: number }

/** Organisations with their number of public entries (those without any are listed unless CSOs or the platform). */
export async function catalogueOrganisations(db: Queryable): Promise<CatalogueOrganisation[]> {
  const { rows } = await db.query(
    `SELECT o.id, o.slug, o.name, o.created_at, coalesce(n.n, 0)::int AS package_count
     FROM organisations o LEFT JOIN (SELECT c.organisation_id, count(*) AS n FROM ${ENTRIES} GROUP BY 1) n ON n.organisation_id = o.id
     WHERE coalesce(n.n, 0) > 0 OR o.type NOT IN ('cso', 'platform') ORDER BY o.slug`);
  return rows;
}

export async function findCatalogueOrganisation(db: Queryable, idOrSlug: string): Promise<CatalogueOrganisation | null> {
  const { rows } = await db.query(
    `SELECT o.id, o.slug, o.name, o.created_at, (SELECT count(*)::int FROM ${ENTRIES} WHERE c.organisation_id = o.id) AS package_count
     FROM organisations o WHERE o.slug = $1 OR o.id::text = $1`, [idOrSlug]);
  return rows[0] ?? null;
}

/** Groups (sectors, topic slugs, external categories) with their number of public entries. */
export async function catalogueGroups(db: Queryable): Promise<Array<{ name: string; package_count: number }>> {
  const { rows } = await db.query(`SELECT g.v AS name, count(*)::int AS package_count FROM ${ENTRIES}, unnest(c.groups) AS g(v) WHERE g.v <> '' GROUP BY g.v ORDER BY g.v`);
  return rows;
}

export async function catalogueTags(db: Queryable, query: string | null, limit: number | null, offset: number): Promise<string[]> {
  const { rows } = await db.query(
    `SELECT DISTINCT t.v AS name FROM ${ENTRIES}, unnest(c.tags) AS t(v) WHERE $1::text IS NULL OR t.v ILIKE '%' || $1 || '%' ORDER BY 1 LIMIT $2 OFFSET $3`, [query, limit, offset]);
  return rows.map((r) => r.name);
}

export interface PublishedResourceRecord {
  lineage_id: string; position: number; name: string; description: string | null; kind: string; url: string | null; format: string;
  datastore_table: string | null; ingest_status: string | null; table_schema: any; row_count: number | null; created_at: string; updated_at: string;
  file_id: string | null; size: number | null; mime: string | null;
}
/** A published dataset with its published revision, organisation and resources. Timestamps are ISO strings, dates YYYY-MM-DD. */
export interface PublishedDatasetRecord {
  id: string; slug: string; created_at: string; issued: string | null; modified: string | null; revision_id: string; number: number;
  title: string; description: string; sector: string; topic: string; tags: string[]; licence: string; temporal_start: string | null; temporal_end: string | null;
  region_codes: string[]; frequency: string; level: string; contact_role: string; source: string; ms_ind: Record<string, unknown>; ms_keg: Record<string, unknown>;
  org_id: string; org_slug: string; org_name: string; org_created: string;
  /** In position order. */
  resources: PublishedResourceRecord[];
}

/** One published dataset as JSON (`doc`), for `FROM data_datasets d … WHERE …`; without the resources' Table Schemas unless `schemas`. */
const recordSql = (schemas: boolean) => `SELECT json_build_object(
    'id', d.id, 'slug', d.slug, 'created_at', d.created_at, 'issued', d.published_at, 'modified', coalesce(r.published_at, d.published_at),
    'revision_id', r.id, 'number', r.number, 'title', r.title, 'description', r.description, 'sector', r.sector, 'topic', r.topic, 'tags', r.tags,
    'licence', r.licence, 'temporal_start', r.temporal_start, 'temporal_end', r.temporal_end, 'region_codes', r.region_codes, 'frequency', r.frequency,
    'level', r.level, 'contact_role', r.contact_role, 'source', r.source, 'ms_ind', r.ms_ind, 'ms_keg', r.ms_keg,
    'org_id', o.id, 'org_slug', o.slug, 'org_name', o.name, 'org_created', o.created_at,
    'resources', coalesce((SELECT json_agg(json_build_object('lineage_id', x.lineage_id, 'position', x.position, 'name', x.name, 'description', x.description,
        'kind', x.kind, 'url', x.url, 'format', x.format, 'datastore_table', x.datastore_table, 'ingest_status', x.ingest_status,
        'table_schema', ${schemas ? 'x.table_schema' : 'NULL'}, 'row_count', x.row_count, 'created_at', x.created_at, 'updated_at', x.updated_at,
        'file_id', x.file_id, 'size', f.size, 'mime', f.mime) ORDER BY x.position, x.created_at)
      FROM data_resources x LEFT JOIN files f ON f.id = x.file_id WHERE x.revision_id = r.id), '[]'::json)) AS doc
  FROM data_datasets d JOIN data_revisions r ON r.id = d.published_revision_id JOIN organisations o ON o.id = d.organisation_id`;

/** The published revision, organisation and resources of each given dataset, in one query (unknown or unpublished ids are skipped); `schemas: false`: without the resources' Table Schemas. */
export async function loadPublishedDatasets(db: Queryable, ids: string[], opts: { schemas?: boolean } = {}): Promise<PublishedDatasetRecord[]> {
  return loadRecords(db, ids, opts.schemas ?? true);
}
async function loadRecords(db: Queryable, ids: string[], schemas: boolean): Promise<PublishedDatasetRecord[]> {
  const list = ids.filter((x) => UUID.test(x));
  if (!list.length) return [];
  const { rows } = await db.query(`${recordSql(schemas)} WHERE d.id = ANY($1::uuid[])`, [list]);
  return rows.map((r) => r.doc);
}

/** A published resource (by its stable lineage id) whose datastore table is loaded, or null. */
export async function publishedDatastoreResource(db: Queryable, lineageId: string): Promise<{ lineage_id: string; dataset_id: string; slug: string; name: string; datastore_table: string; table_schema: any; row_count: number | null } | null> {
  if (!UUID.test(lineageId)) return null;
  const { rows } = await db.query(
    `SELECT x.lineage_id, d.id AS dataset_id, d.slug, x.name, x.datastore_table, x.table_schema, x.row_count
     FROM data_resources x JOIN data_datasets d ON d.published_revision_id = x.revision_id
     WHERE x.lineage_id = $1 AND x.datastore_table IS NOT NULL AND x.ingest_status = 'done' LIMIT 1`, [lineageId]);
  return rows[0] ?? null;
}

/** The dataset of a published resource (by lineage id), or null. */
export async function publishedResourceDataset(db: Queryable, lineageId: string): Promise<string | null> {
  if (!UUID.test(lineageId)) return null;
  const { rows } = await db.query(`SELECT d.id FROM data_resources x JOIN data_datasets d ON d.published_revision_id = x.revision_id WHERE x.lineage_id = $1 LIMIT 1`, [lineageId]);
  return rows[0]?.id ?? null;
}
