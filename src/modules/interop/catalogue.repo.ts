/**
 * The interop catalogue: published datasets of Satu Data and harvested datasets, as CKAN, DCAT and the
 * sitemap see them. Search, listings and the batch load of published datasets are the data module's read
 * service (src/modules/data/catalogue-search.service.ts — this module never reads the data module's tables);
 * harvested datasets are listed in the data module's external catalogue by the harvester and their full
 * records (resources, extras, provenance) are read here from this module's own table. No writes here.
 */
import type { Queryable } from '../../core/db.ts';
import * as data from '../data/catalogue-search.service.ts';
import { catalogueVersion as dataCatalogueVersion } from '../data/catalogue-cache.ts';
import { toCatalogueFilter, type SolrFilter } from './solr-query.ts';
import type { CatalogueDataset, CatalogueResource } from './catalogue.model.ts';

export interface PackageQuery {
  /** Also unpublished datasets (latest revision) of these organisations — CKAN's include_private for token holders; 'all' for walidata. */
  privateOrgs?: string[] | 'all' | null;
  text: string[];
  filter: SolrFilter;
  sort: Array<{ field: string; desc: boolean }>;
  rows: number;
  start: number;
  now?: Date;
}

/** CKAN facet fields → the data module's facets. */
export const FACET_FIELDS: Record<string, data.CatalogueFacet> = {
  organization: 'organisation', groups: 'groups', tags: 'tags', res_format: 'formats', license_id: 'licence',
};
const SORT_KEYS: Record<string, data.CatalogueSortKey> = {
  score: 'score', metadata_modified: 'modified', metadata_created: 'created', title_string: 'title', name: 'name', id: 'id',
};

function toCatalogueQuery(q: PackageQuery): data.CatalogueQuery {
  return {
    text: q.text.join(' '),
    filter: toCatalogueFilter(q.filter, q.now),
    sort: q.sort.map((s) => ({ key: Object.prototype.hasOwnProperty.call(SORT_KEYS, s.field) ? SORT_KEYS[s.field] : undefined, desc: s.desc }))
      .filter((s): s is { key: data.CatalogueSortKey; desc: boolean } => !!s.key),
    rows: q.rows, start: q.start,
    unpublishedOf: q.privateOrgs ? { all: q.privateOrgs === 'all', organisationIds: Array.isArray(q.privateOrgs) ? q.privateOrgs : [] } : null,
  };
}

export async function searchPackageIds(db: Queryable, q: PackageQuery): Promise<{ ids: string[]; count: number }> {
  return data.catalogueEntryIds(db, toCatalogueQuery(q));
}

/**
 * A stamp that changes whenever the public catalogue may have changed: the data module's catalogue
 * version, bumped in the writing transaction by every publication, unpublication, projection refresh and
 * change of the external catalogue (the harvester writes a harvested dataset's entry with its content hash,
 * so any change of a harvested dataset bumps it too).
 */
export async function catalogueVersion(db: Queryable): Promise<string> {
  return dataCatalogueVersion(db);
}

/**
 * One round trip for package_search: the matching set is computed once and yields the page of ids in
 * order, the total and the facet counts (the data module's searchCatalogueEntries). With `window`, `ids` are
 * the first `window` ids in order (the page's records preloaded), for a result-set cache. `needRecord`:
 * which of the page's records to load (those not cached).
 */
export async function searchWithFacets(db: Queryable, q: PackageQuery, fields: string[], limit: number, mincount: number, window?: number,
  opts: { needRecord?: (id: string) => boolean } = {}): Promise<{ ids: string[]; count: number; facets: Record<string, Array<{ name: string; display_name: string; count: number }>>; records: Preloaded }> {
  const wanted = [...new Set(fields)].filter((f) => FACET_FIELDS[f]);
  const r = await data.searchCatalogueEntries(db, { ...toCatalogueQuery(q), facets: wanted.map((f) => FACET_FIELDS[f]), facetLimit: limit, facetMincount: mincount, withRecords: opts.needRecord ?? true, window });
  const facets: Record<string, Array<{ name: string; display_name: string; count: number }>> = Object.fromEntries(fields.map((f) => [f, []]));
  for (const f of wanted) facets[f] = (r.facets[FACET_FIELDS[f]] ?? []).map((v) => ({ name: v.value, display_name: v.label, count: v.count }));
  return { ids: r.entries.map((e) => e.id), count: r.count, facets, records: r.records };
}

/** Published datasets already loaded with the search (the page of package_search), by id. */
export type Preloaded = Map<string, data.PublishedDatasetRecord>;

/** Id of a public dataset by id or name. */
export async function findPackageId(db: Queryable, idOrName: string): Promise<string | null> {
  return (await data.findCatalogueEntry(db, idOrName))?.id ?? null;
}

export const listPackageNames = (db: Queryable, limit: number | null, offset: number): Promise<string[]> => data.listCatalogueNames(db, limit, offset);
export const countCatalogue = (db: Queryable, modifiedSince: Date | null) => data.countCatalogueEntries(db, modifiedSince);
export const catalogueIds = (db: Queryable, modifiedSince: Date | null, limit: number, offset: number): Promise<string[]> => data.catalogueIdsByModified(db, modifiedSince, limit, offset);

/** (name, modified) of every public dataset, in batches, for sitemap.xml. */
export async function* sitemapRows(db: Queryable, batch = 2000): AsyncGenerator<{ name: string; modified: Date; harvested: boolean }> {
  for await (const r of data.catalogueEntryStream(db, batch)) yield { name: r.name, modified: r.modified, harvested: r.kind === 'external' };
}

const SECTOR_TITLE: Record<string, string> = { sosial: 'Sosial', ekonomi: 'Ekonomi', infrastruktur: 'Infrastruktur' };
export const groupTitle = (name: string) => SECTOR_TITLE[name] ?? name.replace(/-/g, ' ').replace(/^\w/, (c) => c.toUpperCase());

/** Full catalogue datasets for the given ids, in the given order (unknown ids are skipped); `preloaded` saves the query for those. */
export async function loadDatasets(db: Queryable, ids: string[], baseUrl: string, preloaded?: Preloaded, opts: { schemas?: boolean } = {}): Promise<CatalogueDataset[]> {
  if (!ids.length) return [];
  const base = baseUrl.replace(/\/+$/, '');
  const out = new Map<string, CatalogueDataset>();
  const given = preloaded ? ids.map((id) => preloaded.get(id)).filter((x): x is data.PublishedDatasetRecord => !!x) : [];
  const missing = ids.filter((id) => !preloaded?.has(id));
  for (const r of [...given, ...(missing.length ? await data.loadPublishedDatasets(db, missing, opts) : [])]) {
    const page = `${base}/data/${r.slug}`;
    const resources: CatalogueResource[] = r.resources.map((x, i) => {
      const datastore = !!x.datastore_table && x.ingest_status === 'done';
      const download = x.kind === 'file' ? `${page}/sumber/${x.lineage_id}/berkas` : null;
      const fmt = String(x.format || '').toUpperCase();
      return {
        id: x.lineage_id, name: x.name, description: x.description ?? '', format: fmt, mediaType: x.mime ?? null,
        url: x.kind === 'link' ? x.url ?? page : download ?? page, downloadUrl: download ?? (datastore ? `${page}/sumber/${x.lineage_id}/unduh.csv` : null),
        size: x.size == null ? null : Number(x.size), created: x.created_at, lastModified: x.updated_at, position: i, datastoreActive: datastore,
        tableSchema: x.table_schema ? {
          fields: (x.table_schema.fields ?? []).map((f: any) => ({ name: f.name, type: f.type, title: f.title, description: f.description, constraints: f.constraints, unit: f.unit })),
          ...(Array.isArray(x.table_schema.primaryKey) && x.table_schema.primaryKey.length ? { primaryKey: x.table_schema.primaryKey } : {}),
        } : null,
        exportUrl: datastore ? `${page}/sumber/${x.lineage_id}/unduh.csv?header=name` : null,
        rowCount: x.row_count == null ? null : Number(x.row_count),
      };
    });
    const extras: Record<string, string> = {
      sdi_sector: r.sector, sdi_topic: r.topic, sdi_level: r.level, sdi_frequency: r.frequency, sdi_source: r.source,
      sdi_region_codes: (r.region_codes ?? []).join(','), sdi_revision: String(r.number),
      temporal_start: r.temporal_start ?? '', temporal_end: r.temporal_end ?? '',
    };
    for (const [k, v] of Object.entries(r.ms_ind ?? {})) extras[`ms_ind_${k}`] = String(v);
    for (const [k, v] of Object.entries(r.ms_keg ?? {})) extras[`ms_keg_${k}`] = String(v);
    const groups = [{ name: r.sector, title: groupTitle(r.sector) }];
    const topicSlug = String(r.topic ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    if (topicSlug && topicSlug !== r.sector) groups.push({ name: topicSlug, title: r.topic });
    out.set(r.id, {
      id: r.id, slug: r.slug, title: r.title, description: r.description, organisation: { id: r.org_id, slug: r.org_slug, name: r.org_name, created: r.org_created },
      tags: r.tags ?? [], groups, licenceId: r.licence, created: r.created_at, modified: r.modified ?? r.created_at, issued: r.issued,
      temporalStart: r.temporal_start, temporalEnd: r.temporal_end, regionCodes: r.region_codes ?? [], frequency: r.frequency, contactRole: r.contact_role || null,
      extras, resources, harvest: null,
    });
  }
  const rest = ids.filter((id) => !out.has(id));
  const { rows: hv } = rest.length ? await db.query(
    `SELECT h.*, o.slug AS org_slug, o.name AS org_name, o.created_at AS org_created, s.title AS source_title, s.url AS source_url
     FROM interop_harvested_datasets h JOIN organisations o ON o.id = h.organisation_id JOIN interop_harvest_sources s ON s.id = h.source_id
     WHERE h.id = ANY($1::uuid[]) AND h.state = 'active'`, [rest.filter((x) => /^[0-9a-f-]{36}$/i.test(x))]) : { rows: [] as any[] };
  for (const h of hv) {
    out.set(h.id, {
      id: h.id, slug: h.name, title: h.title, description: h.notes, organisation: { id: h.organisation_id, slug: h.org_slug, name: h.org_name, created: h.org_created },
      tags: h.tags, groups: (h.groups as string[]).map((g) => ({ name: g, title: groupTitle(g) })), licenceId: h.licence_id,
      created: h.remote_created ?? h.first_harvested_at, modified: h.remote_modified ?? h.last_harvested_at, issued: h.remote_created,
      temporalStart: h.temporal_start, temporalEnd: h.temporal_end, regionCodes: [], frequency: null, contactRole: null,
      extras: { ...(h.extras ?? {}), harvest_source_title: h.source_title, harvest_source_url: h.source_url, harvest_original_url: h.original_url, harvest_remote_id: h.remote_id, harvest_last_harvested: new Date(h.last_harvested_at).toISOString() },
      resources: (h.resources as any[]).map((x, i) => ({
        id: x.id, name: x.name, description: x.description ?? '', format: x.format ?? '', mediaType: null, url: x.url, downloadUrl: x.url || null,
        size: x.size ?? null, created: h.first_harvested_at, lastModified: x.lastModified ?? null, position: i, datastoreActive: false, tableSchema: null,
      })),
      harvest: { sourceTitle: h.source_title, sourceUrl: h.source_url, originalUrl: h.original_url, harvestedAt: h.last_harvested_at },
    });
  }
  // region names from the reference (a core table), for DCAT locations and schema.org places
  const codes = [...new Set([...out.values()].flatMap((d) => d.regionCodes))];
  if (codes.length) {
    const { rows: regions } = await db.query('SELECT code, name FROM regions WHERE code = ANY($1::text[])', [codes]);
    const names = new Map(regions.map((r) => [r.code as string, r.name as string]));
    for (const d of out.values()) d.regionNames = Object.fromEntries(d.regionCodes.filter((c) => names.has(c)).map((c) => [c, names.get(c)!]));
  }
  return ids.map((id) => out.get(id)).filter((x): x is CatalogueDataset => !!x);
}

/** Streams catalogue datasets for ids in batches (bounded memory). */
export async function* streamDatasets(db: Queryable, ids: string[], baseUrl: string, batch = 25): AsyncGenerator<CatalogueDataset> {
  for (let i = 0; i < ids.length; i += batch) for (const d of await loadDatasets(db, ids.slice(i, i + batch), baseUrl)) yield d;
}

export type OrgRow = data.CatalogueOrganisation;
export const listOrganisations = (db: Queryable): Promise<OrgRow[]> => data.catalogueOrganisations(db);
export const findOrganisation = (db: Queryable, idOrName: string): Promise<OrgRow | null> => data.findCatalogueOrganisation(db, idOrName);
export const listGroups = (db: Queryable) => data.catalogueGroups(db);
export const listTags = (db: Queryable, query: string | null, limit: number | null, offset: number) => data.catalogueTags(db, query, limit, offset);

export interface DatastoreResource { resourceId: string; packageId: string; table: string; schema: { fields: Array<{ name: string; type: string; title?: string }> }; rowCount: number | null; name: string; slug: string }

/** The datastore table of a PUBLISHED resource (by its stable lineage id), or null. */
export async function findDatastoreResource(db: Queryable, resourceId: string): Promise<DatastoreResource | null> {
  const r = await data.publishedDatastoreResource(db, resourceId);
  if (!r || !/^[a-z0-9_]+$/.test(r.datastore_table)) return null;
  return { resourceId: r.lineage_id, packageId: r.dataset_id, table: r.datastore_table, schema: r.table_schema, rowCount: r.row_count == null ? null : Number(r.row_count), name: r.name, slug: r.slug };
}

/** Published resource by lineage id (native) or harvested resource id → its package id. */
export async function findResourcePackage(db: Queryable, resourceId: string): Promise<string | null> {
  const native = await data.publishedResourceDataset(db, resourceId);
  if (native) return native;
  const { rows } = await db.query(`SELECT h.id FROM interop_harvested_datasets h WHERE h.state = 'active' AND h.resources @> $1::jsonb LIMIT 1`, [JSON.stringify([{ id: resourceId }])]);
  return rows[0]?.id ?? null;
}

/** Whether a dataset (by id or name) is a harvested one — harvested datasets are read-only here. */
export async function isHarvested(db: Queryable, idOrName: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM interop_harvested_datasets WHERE name = $1 OR id::text = $1`, [idOrName]);
  return rows.length > 0;
}
