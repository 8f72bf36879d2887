/**
 * Catalogue search with its facets, cached per catalogue version.
 *
 * `data_catalogue_version.version` is bumped by statement triggers on `data_datasets` and
 * `data_external_datasets` inside the writing transaction (publish, unpublish, projection refresh, a
 * harvested dataset added, changed or removed), `counters` by the flush of view and download counters
 * (which only this search shows), so reading both first and keying the
 * cache on it never serves results older than the last committed change. A read costs one primary-key
 * lookup. A miss runs the full-text search (falling back to trigram word similarity, then to query
 * correction, only when it finds nothing) and the facet counts with the same text match. Entries also expire
 * after a minute (organisation names are not watched) and the cache is bounded.
 */
import type { Queryable } from '../../core/db.ts';
import { searchDatasets, facetCounts, correctQuery, type SearchParams, type SearchHit, type Facets } from './catalogue.repo.ts';

export interface CatalogueResult { hits: SearchHit[]; total: number; corrected: string | null; facets: Facets }

const TTL_MS = 60_000;
const MAX_ENTRIES = 2000;
const cache = new Map<string, { at: number; value: CatalogueResult }>();

/** The version of the catalogue's content (not of its view and download counters). */
export async function catalogueVersion(db: Queryable): Promise<string> {
  const { rows } = await db.query('SELECT version FROM data_catalogue_version WHERE id = 1');
  return String(rows[0]?.version ?? 0);
}

/** The version of what the portal search shows: the content and the view and download counters. */
async function searchVersion(db: Queryable): Promise<string> {
  const { rows } = await db.query('SELECT version, counters FROM data_catalogue_version WHERE id = 1');
  return `${rows[0]?.version ?? 0}.${rows[0]?.counters ?? 0}`;
}

/** Search + typo correction + facet counts; `now` injectable for tests. */
export async function searchCatalogue(db: Queryable, p: SearchParams, now = Date.now()): Promise<CatalogueResult> {
  const version = await searchVersion(db);
  const key = `${version}|${JSON.stringify([p.q, p.organisation, p.sector, p.topic, p.tag, p.format, p.level, p.year, p.sort, p.limit, p.offset, !!p.external])}`;
  const hit = cache.get(key);
  if (hit && now - hit.at < TTL_MS) return { ...hit.value };
  // full text first (GIN index); trigram similarity only when it finds nothing; then "did you mean"
  const q: SearchParams = { ...p, match: p.q ? 'fts' : undefined };
  let { hits, total } = await searchDatasets(db, q);
  if (!total && q.q) { q.match = 'fuzzy'; ({ hits, total } = await searchDatasets(db, q)); }
  let corrected: string | null = null;
  if (!total && q.q) {
    corrected = await correctQuery(db, q.q);
    if (corrected) { q.q = corrected; ({ hits, total } = await searchDatasets(db, q)); }
  }
  const facets = await facetCounts(db, q);
  const value = { hits, total, corrected, facets };
  if (cache.size >= MAX_ENTRIES) {
    for (const [k, v] of cache) if (!k.startsWith(`${version}|`) || now - v.at >= TTL_MS) cache.delete(k);
    if (cache.size >= MAX_ENTRIES) cache.clear();
  }
  cache.set(key, { at: now, value });
  return { ...value };
}

export function clearCatalogueCache(): void { cache.clear(); }
