/**
 * SQL of the interop catalogue: the PUBLISHED datasets of Satu Data (read-only over the data module's
 * tables data_datasets / data_revisions / data_resources — the data module exports no function for
 * Solr-style filtering, facet counts by CKAN field, batch loading or streaming; these queries belong in the
 * data module and should move there) plus the active harvested datasets of this module. No writes here.
 */
import type { Queryable } from '../../core/db.ts';
import { filterToSql, type FieldMapping, type SolrFilter } from './solr-query.ts';
import type { CatalogueDataset, CatalogueResource } from './catalogue.model.ts';

const SLUG = (expr: string) => `trim(both '-' from lower(regexp_replace(${expr}, '[^A-Za-z0-9]+', '-', 'g')))`;

/** One row per public dataset, native or harvested, with the columns CKAN searches on. */
export const CATALOGUE_SQL = `(
  SELECT d.id, d.slug AS name, r.title, r.description AS notes, d.organisation_id AS org_id, o.slug AS org_slug, o.name AS org_title,
         r.tags, CASE WHEN r.topic <> '' THEN ARRAY[r.sector, ${SLUG('r.topic')}] ELSE ARRAY[r.sector] END AS groups,
         d.pub_formats AS formats, r.licence AS license_id, d.created_at AS created,
         coalesce(r.published_at, d.published_at, d.created_at) AS modified, d.search_vector AS sv, false AS harvested
  FROM data_datasets d JOIN data_revisions r ON r.id = d.published_revision_id JOIN organisations o ON o.id = d.organisation_id
  UNION ALL
  SELECT h.id, h.name, h.title, h.notes, h.organisation_id, o.slug, o.name, h.tags, h.groups, h.formats, h.licence_id,
         coalesce(h.remote_created, h.first_harvested_at), coalesce(h.remote_modified, h.last_harvested_at), h.search_vector, true
  FROM interop_harvested_datasets h JOIN organisations o ON o.id = h.organisation_id WHERE h.state = 'active'
) c`;

/** Solr fields → SQL over CATALOGUE_SQL. */
export const CKAN_FIELDS: Record<string, FieldMapping> = {
  id: { kind: 'eq', sql: 'c.id::text' },
  name: { kind: 'eq', sql: 'c.name' },
  title: { kind: 'text', sql: `to_tsvector('indonesian', c.title) @@ plainto_tsquery('indonesian', $)` },
  notes: { kind: 'text', sql: `to_tsvector('indonesian', c.notes) @@ plainto_tsquery('indonesian', $)` },
  text: { kind: 'text', sql: `c.sv @@ plainto_tsquery('indonesian', $)` },
  organization: { kind: 'eq', sql: 'c.org_slug' },
  owner_org: { kind: 'eq', sql: 'c.org_id::text' },
  groups: { kind: 'array', sql: 'c.groups' },
  tags: { kind: 'array', sql: 'c.tags' },
  res_format: { kind: 'array', sql: 'c.formats', norm: (v) => v.toUpperCase() },
  license_id: { kind: 'ieq', sql: 'c.license_id' },
  metadata_modified: { kind: 'date', sql: 'c.modified' },
  metadata_created: { kind: 'date', sql: 'c.created' },
  state: { kind: 'eq', sql: `'active'` },
  dataset_type: { kind: 'eq', sql: `'dataset'` },
  type: { kind: 'eq', sql: `'dataset'` },
  capacity: { kind: 'eq', sql: `'public'` },
};
/** Free text as Solr's default field: stemmed words of title, tags and description (GIN-indexed). */
const FREE_TEXT = `c.sv @@ plainto_tsquery('indonesian', $)`;

export const FACET_FIELDS: Record<string, { expr: string; from?: string; label: string }> = {
  organization: { expr: 'c.org_slug', label: 'min(c.org_title)' },
  groups: { expr: 'g.v', from: ', unnest(c.groups) AS g(v)', label: 'g.v' },
  tags: { expr: 't.v', from: ', unnest(c.tags) AS t(v)', label: 't.v' },
  res_format: { expr: 'f.v', from: ', unnest(c.formats) AS f(v)', label: 'f.v' },
  license_id: { expr: 'c.license_id', label: 'c.license_id' },
};

const SORT_SQL: Record<string, string> = {
  metadata_modified: 'c.modified',
  metadata_created: 'c.created',
  title_string: 'lower(c.title)',
  name: 'c.name',
};

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

/** CATALOGUE_SQL, plus the never-published datasets an authorised token holder may see (call after whereOf). */
function catalogueFrom(q: PackageQuery, params: unknown[]): string {
  if (!q.privateOrgs || (Array.isArray(q.privateOrgs) && !q.privateOrgs.length)) return CATALOGUE_SQL;
  params.push(q.privateOrgs === 'all', Array.isArray(q.privateOrgs) ? q.privateOrgs : []);
  const all = `$${params.length - 1}::boolean`, orgs = `$${params.length}::uuid[]`;
  const branch = `
  UNION ALL
  SELECT d.id, d.slug, r.title, r.description, d.organisation_id, o.slug, o.name, r.tags,
         CASE WHEN r.topic <> '' THEN ARRAY[r.sector, ${SLUG('r.topic')}] ELSE ARRAY[r.sector] END,
         coalesce((SELECT array_agg(DISTINCT upper(x.format)) FROM data_resources x WHERE x.revision_id = r.id AND x.format <> ''), '{}'),
         r.licence, d.created_at, r.updated_at,
         setweight(to_tsvector('indonesian', r.title), 'A') || setweight(to_tsvector('indonesian', array_to_string(r.tags, ' ') || ' ' || r.topic), 'B')
           || setweight(to_tsvector('indonesian', r.description), 'C'), false
  FROM data_datasets d JOIN data_revisions r ON r.id = d.latest_revision_id JOIN organisations o ON o.id = d.organisation_id
  WHERE d.published_revision_id IS NULL AND (${all} OR d.organisation_id = ANY(${orgs}))
) c`;
  return CATALOGUE_SQL.replace(/\n\) c$/, branch);
}

function whereOf(q: PackageQuery, params: unknown[]): string {
  const parts: string[] = [];
  if (q.text.length) {
    params.push(q.text.join(' '));
    parts.push(FREE_TEXT.replaceAll('$', `$${params.length}`));
  }
  const f = filterToSql(q.filter, CKAN_FIELDS, FREE_TEXT, params.length, q.now);
  params.push(...f.params);
  parts.push(f.sql);
  return parts.join(' AND ');
}

export async function searchPackageIds(db: Queryable, q: PackageQuery): Promise<{ ids: string[]; count: number }> {
  const params: unknown[] = [];
  const where = whereOf(q, params);
  const from = catalogueFrom(q, params);
  const order = q.sort.map((s) => {
    if (s.field === 'score') {
      if (!q.text.length) return null;
      return `ts_rank_cd(c.sv, plainto_tsquery('indonesian', $1)) ${s.desc ? 'DESC' : 'ASC'}`;
    }
    return `${SORT_SQL[s.field]} ${s.desc ? 'DESC' : 'ASC'}`;
  }).filter(Boolean);
  order.push('c.modified DESC', 'c.id');
  params.push(q.rows, q.start);
  const { rows } = await db.query(
    `SELECT c.id, count(*) OVER () AS total FROM ${from} WHERE ${where} ORDER BY ${order.join(', ')} LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
  let count = rows.length ? Number(rows[0].total) : 0;
  if (!rows.length && (q.start > 0 || q.rows === 0)) {
    const p2: unknown[] = [];
    const w2 = whereOf(q, p2);
    const f2 = catalogueFrom(q, p2);
    count = Number((await db.query(`SELECT count(*)::int AS n FROM ${f2} WHERE ${w2}`, p2)).rows[0].n);
  }
  return { ids: rows.map((r) => r.id), count };
}

/**
 * A stamp that changes whenever the public catalogue may have changed: the data module rewrites
 * data_datasets.updated_at on every publication, unpublication and new revision (refreshProjection /
 * insertRevision); harvest imports touch last_harvested_at / removed_at.
 */
export async function catalogueVersion(db: Queryable): Promise<string> {
  const { rows } = await db.query(
    `SELECT (SELECT max(updated_at)::text || '/' || count(*) FROM data_datasets) || '|' ||
            (SELECT coalesce(max(greatest(last_harvested_at, coalesce(removed_at, last_harvested_at)))::text, '') || '/' || count(*) FROM interop_harvested_datasets) AS v`);
  return rows[0].v;
}

/**
 * One round trip for package_search: the matching set is computed once (CTE) and yields the page of ids
 * in order, the total and the facet counts — instead of separate search and facet queries that would
 * each scan the catalogue.
 */
export async function searchWithFacets(db: Queryable, q: PackageQuery, fields: string[], limit: number, mincount: number): Promise<{ ids: string[]; count: number; facets: Record<string, Array<{ name: string; display_name: string; count: number }>> }> {
  const wanted = [...new Set(fields)].filter((f) => FACET_FIELDS[f]);
  const params: unknown[] = [];
  const where = whereOf(q, params);
  const from = catalogueFrom(q, params);
  const rank = q.text.length ? `ts_rank_cd(c.sv, plainto_tsquery('indonesian', $1))` : '0::real';
  const M: Record<string, string> = { metadata_modified: 'm.modified', metadata_created: 'm.created', title_string: 'lower(m.title)', name: 'm.name', score: 'm.rank' };
  const order = q.sort.filter((x) => x.field !== 'score' || q.text.length).map((x) => `${M[x.field]} ${x.desc ? 'DESC' : 'ASC'}`);
  order.push('m.modified DESC', 'm.id');
  params.push(q.rows, q.start);
  const facetParts = wanted.map((f, i) => {
    const x = FACET_FIELDS[f];
    const expr = x.expr.replace('c.', 'm.');
    const label = x.label.replace(/c\./g, 'm.');
    return `SELECT ${i} AS f, ${expr} AS name, ${label.startsWith('min(') ? label : `min(${label})`} AS display_name, count(DISTINCT m.id)::int AS n, NULL::bigint AS ord
      FROM m ${(x.from ?? '').replace(/c\./g, 'm.')} WHERE ${expr} IS NOT NULL AND ${expr} <> '' GROUP BY ${expr}`;
  });
  const { rows } = await db.query(
    `WITH m AS MATERIALIZED (
       SELECT c.id, c.name, c.title, c.org_slug, c.org_title, c.groups, c.tags, c.formats, c.license_id, c.modified, c.created, ${rank} AS rank
       FROM ${from} WHERE ${where})
     SELECT -2 AS f, NULL AS name, NULL AS display_name, (SELECT count(*) FROM m)::int AS n, NULL::bigint AS ord
     UNION ALL
     SELECT -1, p.id::text, NULL, 0, p.ord FROM (SELECT m.id, row_number() OVER (ORDER BY ${order.join(', ')}) AS ord FROM m ORDER BY ${order.join(', ')} LIMIT $${params.length - 1} OFFSET $${params.length}) p
     ${facetParts.map((x) => `UNION ALL ${x}`).join('\n     ')}`, params);
  const facets: Record<string, Array<{ name: string; display_name: string; count: number }>> = Object.fromEntries(fields.map((f) => [f, []]));
  let count = 0;
  const page: Array<{ id: string; ord: number }> = [];
  for (const r of rows) {
    if (r.f === -2) count = r.n;
    else if (r.f === -1) page.push({ id: r.name, ord: Number(r.ord) });
    else if (r.n >= Math.max(1, mincount)) facets[wanted[r.f]].push({ name: String(r.name), display_name: String(r.display_name), count: r.n });
  }
  for (const f of wanted) {
    facets[f].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    if (limit >= 0) facets[f] = facets[f].slice(0, limit);
  }
  return { ids: page.sort((a, b) => a.ord - b.ord).map((x) => x.id), count, facets };
}

/** Id of a public dataset by id or name. */
export async function findPackageId(db: Queryable, idOrName: string): Promise<string | null> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName);
  const { rows } = await db.query(`SELECT c.id FROM ${CATALOGUE_SQL} WHERE ${isUuid ? 'c.id = $1::uuid OR ' : ''}c.name = $1::text LIMIT 1`, [idOrName]);
  return rows[0]?.id ?? null;
}

export async function listPackageNames(db: Queryable, limit: number | null, offset: number): Promise<string[]> {
  const { rows } = await db.query(`SELECT c.name FROM ${CATALOGUE_SQL} ORDER BY c.name LIMIT $1 OFFSET $2`, [limit, offset]);
  return rows.map((r) => r.name);
}

export async function countCatalogue(db: Queryable, modifiedSince: Date | null): Promise<{ total: number; modified: Date | null }> {
  const { rows } = await db.query(`SELECT count(*)::int AS n, max(c.modified) AS m FROM ${CATALOGUE_SQL} WHERE $1::timestamptz IS NULL OR c.modified >= $1`, [modifiedSince]);
  return { total: rows[0].n, modified: rows[0].m };
}

export async function catalogueIds(db: Queryable, modifiedSince: Date | null, limit: number, offset: number): Promise<string[]> {
  const { rows } = await db.query(`SELECT c.id FROM ${CATALOGUE_SQL} WHERE $1::timestamptz IS NULL OR c.modified >= $1 ORDER BY c.modified DESC, c.id LIMIT $2 OFFSET $3`, [modifiedSince, limit, offset]);
  return rows.map((r) => r.id);
}

/** (name, modified) of every public dataset, in batches, for sitemap.xml. */
export async function* sitemapRows(db: Queryable, batch = 2000): AsyncGenerator<{ name: string; modified: Date; harvested: boolean }> {
  for (let offset = 0; ; offset += batch) {
    const { rows } = await db.query(`SELECT c.name, c.modified, c.harvested FROM ${CATALOGUE_SQL} ORDER BY c.name LIMIT $1 OFFSET $2`, [batch, offset]);
    for (const r of rows) yield r;
    if (rows.length < batch) return;
  }
}

const SECTOR_TITLE: Record<string, string> = { sosial: 'Sosial', ekonomi: 'Ekonomi', infrastruktur: 'Infrastruktur' };
export const groupTitle = (name: string) => SECTOR_TITLE[name] ?? name.replace(/-/g, ' ').replace(/^\w/, (c) => c.toUpperCase());

/** Full catalogue datasets for the given ids, in the given order (unknown ids are skipped). */
export async function loadDatasets(db: Queryable, ids: string[], baseUrl: string): Promise<CatalogueDataset[]> {
  if (!ids.length) return [];
  const base = baseUrl.replace(/\/+$/, '');
  const out = new Map<string, CatalogueDataset>();
  const { rows: nat } = await db.query(
    `SELECT d.id, d.slug, d.created_at, d.published_at AS issued, coalesce(r.published_at, d.published_at) AS modified, r.id AS revision_id, r.number,
            r.title, r.description, r.sector, r.topic, r.tags, r.licence, r.temporal_start, r.temporal_end, r.region_codes, r.frequency, r.level,
            r.contact_role, r.source, r.ms_ind, r.ms_keg, o.id AS org_id, o.slug AS org_slug, o.name AS org_name, o.created_at AS org_created
     FROM data_datasets d JOIN data_revisions r ON r.id = d.published_revision_id JOIN organisations o ON o.id = d.organisation_id
     WHERE d.id = ANY($1::uuid[])`, [ids]);
  const revIds = nat.map((r) => r.revision_id);
  const { rows: res } = revIds.length ? await db.query(
    `SELECT x.revision_id, x.lineage_id, x.position, x.name, x.description, x.kind, x.url, x.format, x.datastore_table, x.ingest_status, x.table_schema,
            x.row_count, x.created_at, x.updated_at, x.file_id, f.size, f.mime
     FROM data_resources x LEFT JOIN files f ON f.id = x.file_id WHERE x.revision_id = ANY($1::uuid[]) ORDER BY x.position, x.created_at`, [revIds]) : { rows: [] as any[] };
  for (const r of nat) {
    const resources: CatalogueResource[] = res.filter((x) => x.revision_id === r.revision_id).map((x, i) => {
      const page = `${base}/data/${r.slug}`;
      const datastore = !!x.datastore_table && x.ingest_status === 'done';
      const download = x.kind === 'file' ? `${page}/sumber/${x.lineage_id}/berkas` : null;
      const fmt = String(x.format || '').toUpperCase();
      return {
        id: x.lineage_id, name: x.name, description: x.description ?? '', format: fmt, mediaType: x.mime ?? null,
        url: x.kind === 'link' ? x.url ?? page : download ?? page, downloadUrl: download ?? (datastore ? `${page}/sumber/${x.lineage_id}/unduh.csv` : null),
        size: x.size == null ? null : Number(x.size), created: x.created_at, lastModified: x.updated_at, position: i, datastoreActive: datastore,
        tableSchema: x.table_schema ? { fields: (x.table_schema.fields ?? []).map((f: any) => ({ name: f.name, type: f.type, title: f.title, description: f.description })) } : null,
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
    if (topicSlug) groups.push({ name: topicSlug, title: r.topic });
    out.set(r.id, {
      id: r.id, slug: r.slug, title: r.title, description: r.description, organisation: { id: r.org_id, slug: r.org_slug, name: r.org_name, created: r.org_created },
      tags: r.tags ?? [], groups, licenceId: r.licence, created: r.created_at, modified: r.modified, issued: r.issued,
      temporalStart: r.temporal_start, temporalEnd: r.temporal_end, regionCodes: r.region_codes ?? [], frequency: r.frequency, contactRole: r.contact_role || null,
      extras, resources, harvest: null,
    });
  }
  const { rows: hv } = await db.query(
    `SELECT h.*, o.slug AS org_slug, o.name AS org_name, o.created_at AS org_created, s.title AS source_title, s.url AS source_url
     FROM interop_harvested_datasets h JOIN organisations o ON o.id = h.organisation_id JOIN interop_harvest_sources s ON s.id = h.source_id
     WHERE h.id = ANY($1::uuid[]) AND h.state = 'active'`, [ids]);
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
  return ids.map((id) => out.get(id)).filter((x): x is CatalogueDataset => !!x);
}

/** Streams catalogue datasets for ids in batches (bounded memory). */
export async function* streamDatasets(db: Queryable, ids: string[], baseUrl: string, batch = 25): AsyncGenerator<CatalogueDataset> {
  for (let i = 0; i < ids.length; i += batch) for (const d of await loadDatasets(db, ids.slice(i, i + batch), baseUrl)) yield d;
}

export interface OrgRow { id: string; slug: string; name: string; created_at: Date; package_count: number }
export async function listOrganisations(db: Queryable): Promise<OrgRow[]> {
  const { rows } = await db.query(
    `SELECT o.id, o.slug, o.name, o.created_at, count(c.id)::int AS package_count
     FROM organisations o LEFT JOIN ${CATALOGUE_SQL} ON c.org_id = o.id
     GROUP BY o.id HAVING count(c.id) > 0 OR o.type NOT IN ('cso', 'platform') ORDER BY o.slug`);
  return rows;
}
export async function findOrganisation(db: Queryable, idOrName: string): Promise<OrgRow | null> {
  const { rows } = await db.query(
    `SELECT o.id, o.slug, o.name, o.created_at, (SELECT count(*)::int FROM ${CATALOGUE_SQL} WHERE c.org_id = o.id) AS package_count
     FROM organisations o WHERE o.slug = $1 OR o.id::text = $1`, [idOrName]);
  return rows[0] ?? null;
}

export async function listGroups(db: Queryable): Promise<Array<{ name: string; package_count: number }>> {
  const { rows } = await db.query(`SELECT g.v AS name, count(*)::int AS package_count FROM ${CATALOGUE_SQL}, unnest(c.groups) AS g(v) WHERE g.v <> '' GROUP BY g.v ORDER BY g.v`);
  return rows;
}

export async function listTags(db: Queryable, query: string | null, limit: number | null, offset: number): Promise<string[]> {
  const { rows } = await db.query(
    `SELECT DISTINCT t.v AS name FROM ${CATALOGUE_SQL}, unnest(c.tags) AS t(v) WHERE $1::text IS NULL OR t.v ILIKE '%' || $1 || '%' ORDER BY 1 LIMIT $2 OFFSET $3`, [query, limit, offset]);
  return rows.map((r) => r.name);
}

export interface DatastoreResource { resourceId: string; packageId: string; table: string; schema: { fields: Array<{ name: string; type: string; title?: string }> }; rowCount: number | null; name: string; slug: string }

/** The datastore table of a PUBLISHED resource (by its stable lineage id), or null. */
export async function findDatastoreResource(db: Queryable, resourceId: string): Promise<DatastoreResource | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(resourceId)) return null;
  const { rows } = await db.query(
    `SELECT x.lineage_id, d.id AS package_id, d.slug, x.name, x.datastore_table, x.table_schema, x.row_count
     FROM data_resources x JOIN data_datasets d ON d.published_revision_id = x.revision_id
     WHERE x.lineage_id = $1 AND x.datastore_table IS NOT NULL AND x.ingest_status = 'done' LIMIT 1`, [resourceId]);
  const r = rows[0];
  if (!r || !/^[a-z0-9_]+$/.test(r.datastore_table)) return null;
  return { resourceId: r.lineage_id, packageId: r.package_id, table: r.datastore_table, schema: r.table_schema, rowCount: r.row_count == null ? null : Number(r.row_count), name: r.name, slug: r.slug };
}

/** Published resource by lineage id (native) or harvested resource id → its package id. */
export async function findResourcePackage(db: Queryable, resourceId: string): Promise<string | null> {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(resourceId)) {
    const { rows } = await db.query(`SELECT d.id FROM data_resources x JOIN data_datasets d ON d.published_revision_id = x.revision_id WHERE x.lineage_id = $1 LIMIT 1`, [resourceId]);
    if (rows[0]) return rows[0].id;
  }
  const { rows } = await db.query(`SELECT h.id FROM interop_harvested_datasets h WHERE h.state = 'active' AND h.resources @> $1::jsonb LIMIT 1`, [JSON.stringify([{ id: resourceId }])]);
  return rows[0]?.id ?? null;
}

/** Whether a dataset (by id or name) is a harvested one — harvested datasets are read-only here. */
export async function isHarvested(db: Queryable, idOrName: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM interop_harvested_datasets WHERE name = $1 OR id::text = $1`, [idOrName]);
  return rows.length > 0;
}
