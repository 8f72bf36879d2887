/**
 * The catalogue projection of published datasets, and search with facets (FTS `indonesian` + pg_trgm).
 * With `external: true` the search also covers the external catalogue (data_external_datasets: datasets
 * harvested from other portals, written through external-catalogue.service.ts), with the same text match,
 * facets and sorting; such hits carry `external` (source label, local provenance page, original URL).
 */
import type { Queryable } from '../../core/db.ts';

/** Rewrite the public projection of a dataset from its published revision (or clear it). */
export async function refreshProjection(db: Queryable, datasetId: string): Promise<void> {
  await db.query(
    `UPDATE data_datasets d SET
       pub_title = r.title, pub_description = r.description, pub_sector = r.sector, pub_topic = r.topic, pub_tags = r.tags,
       pub_level = r.level, published_at = coalesce(d.published_at, r.published_at),
       pub_licence = r.licence, pub_modified = coalesce(r.published_at, d.published_at, d.created_at),
       pub_groups = array_remove(array_remove(ARRAY[r.sector, nullif(trim(both '-' from lower(regexp_replace(r.topic, '[^A-Za-z0-9]+', '-', 'g'))), r.sector)], NULL), ''),
       pub_formats = coalesce((SELECT array_agg(DISTINCT upper(x.format)) FROM data_resources x WHERE x.revision_id = r.id AND x.format <> ''), '{}'),
       pub_years = coalesce((SELECT array_agg(y) FROM generate_series(extract(year FROM coalesce(r.temporal_start, r.temporal_end))::int,
                     extract(year FROM coalesce(r.temporal_end, r.temporal_start))::int) y), '{}'),
       search_vector = setweight(to_tsvector('indonesian', r.title), 'A')
         || setweight(to_tsvector('indonesian', array_to_string(r.tags, ' ') || ' ' || r.topic), 'B')
         || setweight(to_tsvector('indonesian', r.description || ' ' || o.name || ' ' || coalesce(o.short_name, '')), 'C'),
       updated_at = now()
     FROM data_revisions r, organisations o
     WHERE d.id = $1 AND r.id = d.published_revision_id AND o.id = d.organisation_id`, [datasetId]);
  await db.query(
    `UPDATE data_datasets SET pub_title = NULL, pub_description = NULL, pub_sector = NULL, pub_topic = NULL, pub_tags = '{}', pub_formats = '{}',
       pub_level = NULL, pub_years = '{}', pub_licence = NULL, pub_groups = '{}', pub_modified = NULL, search_vector = NULL, updated_at = now()
     WHERE id = $1 AND published_revision_id IS NULL`, [datasetId]);
  await db.query(
    `INSERT INTO data_search_words (word)
     SELECT DISTINCT w FROM data_datasets d, regexp_split_to_table(lower(coalesce(d.pub_title, '') || ' ' || array_to_string(d.pub_tags, ' ')), '[^a-z0-9]+') w
     WHERE d.id = $1 AND length(w) >= 4
     ON CONFLICT DO NOTHING`, [datasetId]);
}

export interface SearchParams {
  q?: string;
  organisation?: string;
  sector?: string;
  topic?: string;
  tag?: string;
  format?: string;
  level?: string;
  year?: number;
  sort?: 'relevance' | 'newest' | 'downloads';
  /**
   * How `q` matches: `fts` the full-text index only (fast; GIN on search_vector), `fuzzy` full text OR
   * trigram word similarity on titles (typo tolerance; default, used as the fallback when `fts` finds nothing).
   */
  match?: 'fts' | 'fuzzy';
  /** Also the external catalogue (harvested datasets); the portal search sets it, the JSON API does not. */
  external?: boolean;
  /** Only the external catalogue (an organisation page's harvested datasets). */
  externalOnly?: boolean;
  limit: number;
  offset: number;
}

export interface SearchHit {
  id: string;
  slug: string;
  title: string;
  description: string;
  sector: string;
  topic: string;
  tags: string[];
  formats: string[];
  level: string;
  organisation_name: string;
  organisation_slug: string;
  published_at: Date;
  download_count: number;
  view_count: number;
  is_demo: boolean;
  /** Set for an external (harvested) dataset: shown as "dipanen dari <source>", linked to its local read-only page. */
  external: { source: string; pageUrl: string; originalUrl: string } | null;
}

/**
 * The searched relation `d`, with the projection's column names: published datasets and, with `external`,
 * the external catalogue (UNION ALL; the planner pushes the text match and filters into both branches, each
 * with its own GIN indexes). `base` is the condition that selects published rows of data_datasets.
 */
function catalogueFrom(p: SearchParams): { from: string; base: string[] } {
  if (!p.external && !p.externalOnly) {
    return { from: 'data_datasets d', base: ['d.published_revision_id IS NOT NULL'] };
  }
  const external = `SELECT e.id, e.slug, e.organisation_id, e.title AS pub_title, e.description AS pub_description, e.sector AS pub_sector, e.topic AS pub_topic,
             e.tags AS pub_tags, e.formats AS pub_formats, e.level AS pub_level, e.years AS pub_years, e.modified AS published_at, e.search_vector,
             0::bigint AS download_count, 0::bigint AS view_count, false AS is_demo, e.source_label AS ext_source, e.page_url AS ext_page, e.original_url AS ext_original
           FROM data_external_datasets e`;
  if (p.externalOnly) return { from: `(${external}) d`, base: [] };
  return {
    from: `(SELECT d.id, d.slug, d.organisation_id, d.pub_title, d.pub_description, d.pub_sector, d.pub_topic, d.pub_tags, d.pub_formats, d.pub_level, d.pub_years,
             d.published_at, d.search_vector, d.download_count, d.view_count, d.is_demo, NULL::text AS ext_source, NULL::text AS ext_page, NULL::text AS ext_original
           FROM data_datasets d WHERE d.published_revision_id IS NOT NULL
           UNION ALL
           ${external}) d`,
    base: [],
  };
}

/**
 * Typo tolerance: each query word not found in the vocabulary of published titles and tags is
 * replaced by its closest word (pg_trgm similarity ≥ 0.4). Returns the corrected query, or null.
 */
export async function correctQuery(db: Queryable, q: string): Promise<string | null> {
  const words = q.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 3);
  if (!words.length) return null;
  let changed = false;
  const out: string[] = [];
  for (const w of words) {
    const { rows } = await db.query(
      `SELECT word, similarity(word, $1) AS s FROM data_search_words WHERE word % $1 OR word = $1 ORDER BY (word = $1) DESC, s DESC LIMIT 1`, [w]);
    if (rows[0] && rows[0].word !== w && Number(rows[0].s) >= 0.4) { out.push(rows[0].word); changed = true; } else out.push(w);
  }
  return changed ? out.join(' ') : null;
}

function textMatch(p: SearchParams, q: string): string {
  if (p.match === 'fts') return `d.search_vector @@ websearch_to_tsquery('indonesian', ${q})`;
  // `<%` (word_similarity above pg_trgm.word_similarity_threshold, 0.6) can use the trigram GIN index
  return `(d.search_vector @@ websearch_to_tsquery('indonesian', ${q}) OR ${q} <% d.pub_title)`;
}

function where(p: SearchParams, vals: unknown[], skip?: string): string {
  const c = [...catalogueFrom(p).base];
  const add = (sql: string, v: unknown) => { vals.push(v); c.push(sql.replace('?', `$${vals.length}`)); };
  if (p.q) {
    vals.push(p.q);
    const i = vals.length;
    c.push(textMatch(p, `$${i}`));
  }
  if (p.organisation && skip !== 'organisation') add('o.slug = ?', p.organisation);
  if (p.sector && skip !== 'sector') add('d.pub_sector = ?', p.sector);
  if (p.topic && skip !== 'topic') add('d.pub_topic = ?', p.topic);
  if (p.tag && skip !== 'tag') add('? = ANY(d.pub_tags)', p.tag);
  if (p.format && skip !== 'format') add('? = ANY(d.pub_formats)', p.format.toUpperCase());
  if (p.level && skip !== 'level') add('d.pub_level = ?', p.level);
  if (p.year && skip !== 'year') add('? = ANY(d.pub_years)', p.year);
  return c.length ? c.join(' AND ') : 'true';
}

export async function searchDatasets(db: Queryable, p: SearchParams): Promise<{ hits: SearchHit[]; total: number }> {
  const vals: unknown[] = [];
  const w = where(p, vals);
  let order = 'd.published_at DESC, d.id';
  if (p.sort === 'downloads') order = 'd.download_count DESC, d.published_at DESC, d.id';
  else if (p.q && p.sort !== 'newest') {
    order = `ts_rank_cd(d.search_vector, websearch_to_tsquery('indonesian', $1)) + word_similarity($1, d.pub_title) DESC, d.published_at DESC, d.id`;
  }
  vals.push(p.limit, p.offset);
  const { from } = catalogueFrom(p);
  const ext = p.external || p.externalOnly ? 'd.ext_source, d.ext_page, d.ext_original' : 'NULL AS ext_source, NULL AS ext_page, NULL AS ext_original';
  const { rows } = await db.query(
    `SELECT d.id, d.slug, d.pub_title AS title, d.pub_description AS description, d.pub_sector AS sector, d.pub_topic AS topic, d.pub_tags AS tags,
            d.pub_formats AS formats, d.pub_level AS level, o.name AS organisation_name, o.slug AS organisation_slug, d.published_at,
            d.download_count, d.view_count, d.is_demo, ${ext}, count(*) OVER () AS total
     FROM ${from} JOIN organisations o ON o.id = d.organisation_id
     WHERE ${w} ORDER BY ${order} LIMIT $${vals.length - 1} OFFSET $${vals.length}`, vals);
  let total = rows.length ? Number(rows[0].total) : 0;
  if (!rows.length && p.offset > 0) {
    const c = await db.query(`SELECT count(*)::int AS n FROM ${from} JOIN organisations o ON o.id = d.organisation_id WHERE ${where(p, [])}`, vals.slice(0, -2));
    total = c.rows[0].n;
  }
  return {
    hits: rows.map(({ total: _t, ext_source, ext_page, ext_original, ...r }) =>
      ({ ...r, external: ext_source ? { source: ext_source, pageUrl: ext_page, originalUrl: ext_original ?? '' } : null }) as SearchHit),
    total,
  };
}

export type FacetName = 'organisation' | 'sector' | 'topic' | 'tag' | 'format' | 'level' | 'year';
export type Facets = Record<FacetName, Array<{ value: string; label: string; count: number }>>;

const FACET_EXPR: Record<FacetName, { value: string; label: string; from?: string }> = {
  organisation: { value: 'o.slug', label: 'coalesce(o.short_name, o.name)' },
  sector: { value: 'd.pub_sector', label: 'd.pub_sector' },
  topic: { value: 'd.pub_topic', label: 'd.pub_topic' },
  tag: { value: 't.v', label: 't.v', from: ', unnest(d.pub_tags) AS t(v)' },
  format: { value: 'f.v', label: 'f.v', from: ', unnest(d.pub_formats) AS f(v)' },
  level: { value: 'd.pub_level', label: 'd.pub_level' },
  year: { value: 'y.v::text', label: 'y.v::text', from: ', unnest(d.pub_years) AS y(v)' },
};

/**
 * Counts per facet value; each facet ignores its own filter (so other values stay selectable).
 * One round trip: the text match is evaluated once in a CTE, each facet aggregates over it with the
 * other facets' filters as boolean columns.
 */
export async function facetCounts(db: Queryable, p: SearchParams, limit = 12): Promise<Facets> {
  const vals: unknown[] = [];
  const param = (v: unknown) => { vals.push(v); return `$${vals.length}`; };
  const { from, base } = catalogueFrom(p);
  if (p.q) {
    base.push(textMatch(p, param(p.q)));
  }
  const flag: Record<FacetName, string> = {
    organisation: p.organisation ? `o.slug = ${param(p.organisation)}` : 'true',
    sector: p.sector ? `d.pub_sector = ${param(p.sector)}` : 'true',
    topic: p.topic ? `d.pub_topic = ${param(p.topic)}` : 'true',
    tag: p.tag ? `${param(p.tag)} = ANY(d.pub_tags)` : 'true',
    format: p.format ? `${param(p.format.toUpperCase())} = ANY(d.pub_formats)` : 'true',
    level: p.level ? `d.pub_level = ${param(p.level)}` : 'true',
    year: p.year ? `${param(p.year)} = ANY(d.pub_years)` : 'true',
  };
  const names = Object.keys(FACET_EXPR) as FacetName[];
  const others = (n: FacetName) => names.filter((x) => x !== n).map((x) => `f_${x}`).join(' AND ');
  const parts: Record<FacetName, string> = {
    organisation: `SELECT 'organisation' AS facet, org AS value, min(org_label) AS label, count(*)::int AS count FROM m WHERE ${others('organisation')} GROUP BY org`,
    sector: `SELECT 'sector', pub_sector, pub_sector, count(*)::int FROM m WHERE ${others('sector')} AND pub_sector IS NOT NULL GROUP BY pub_sector`,
    topic: `SELECT 'topic', pub_topic, pub_topic, count(*)::int FROM m WHERE ${others('topic')} AND pub_topic <> '' GROUP BY pub_topic`,
    tag: `SELECT 'tag', t, t, count(*)::int FROM m, unnest(pub_tags) t WHERE ${others('tag')} GROUP BY t`,
    format: `SELECT 'format', f, f, count(*)::int FROM m, unnest(pub_formats) f WHERE ${others('format')} GROUP BY f`,
    level: `SELECT 'level', pub_level, pub_level, count(*)::int FROM m WHERE ${others('level')} AND pub_level IS NOT NULL GROUP BY pub_level`,
    year: `SELECT 'year', y::text, y::text, count(*)::int FROM m, unnest(pub_years) y WHERE ${others('year')} GROUP BY y`,
  };
  const { rows } = await db.query(
    `WITH m AS MATERIALIZED (
       SELECT o.slug AS org, coalesce(o.short_name, o.name) AS org_label, d.pub_sector, d.pub_topic, d.pub_tags, d.pub_formats, d.pub_level, d.pub_years,
              ${names.map((n) => `(${flag[n]}) AS f_${n}`).join(', ')}
       FROM ${from} JOIN organisations o ON o.id = d.organisation_id WHERE ${base.length ? base.join(' AND ') : 'true'})
     SELECT * FROM (${names.map((n) => `(${parts[n]})`).join(' UNION ALL ')}) x`, vals);
  const out = Object.fromEntries(names.map((n) => [n, [] as Facets[FacetName]])) as Facets;
  for (const r of rows) out[r.facet as FacetName].push({ value: String(r.value), label: String(r.label), count: r.count });
  for (const n of names) out[n] = out[n].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, limit);
  return out;
}
