/**
 * The CKAN Action API v3 actions: read actions over published (and harvested) datasets, the datastore,
 * and write actions for token holders mapped onto the Satu Data SOP through the data module's services
 * (a dataset created or changed here is a draft or a new revision of the owner's organisation; nothing
 * here publishes). Each action: (env, data) → result, throwing CkanActionError for CKAN's error types.
 */
import type { Readable } from 'node:stream';
import type { AppContext } from '../../core/app-context.ts';
import type { Actor } from '../../core/policy.ts';
import { AppError } from '../../core/http/errors.ts';
import { t, type Locale } from '../../core/i18n/i18n.ts';
import { CkanActionError, ckanNotAuthorized, ckanNotFound, ckanValidation } from './ckan-envelope.ts';
import { parsePackageSearch, parseDatastoreSearch, DATASTORE_ROWS_MAX } from './ckan-params.ts';
import { parseSearchFilter } from './solr-query.ts';
import * as cat from './catalogue.repo.ts';
import { packageDict, resourceDict, organizationDict, groupDict, licenseList, searchFacets } from './ckan.presenter.ts';
import { guardSql, cappedSql, SqlGuardError } from './sql-guard.ts';
import { datastoreRecords, datastoreFieldsOf } from './datastore.repo.ts';
import type { DataWriter } from './data-writer.ts';
import { ACTION_DOCS } from './ckan-action-docs.ts';
import { isWalidata } from '../data/data.policy.ts';

export interface ActionEnv {
  ctx: AppContext;
  actor: Actor | null;
  locale: Locale;
  baseUrl: string;
  /** Path prefix the request came in on (for datastore `_links`). */
  apiPrefix: string;
  writer: DataWriter | null;
  /** An uploaded file (resource_create / resource_update multipart). */
  upload?: { stream: Readable; filename: string } | null;
}
export type Action = ((env: ActionEnv, data: Record<string, unknown>) => Promise<unknown>) & { doc: string; readonly sideEffectFree: boolean };

const get = (doc: string, fn: (env: ActionEnv, data: Record<string, unknown>) => Promise<unknown>): Action => Object.assign(fn, { doc, sideEffectFree: true });
const post = (doc: string, fn: (env: ActionEnv, data: Record<string, unknown>) => Promise<unknown>): Action => Object.assign(fn, { doc, sideEffectFree: false });

function need(data: Record<string, unknown>, ...keys: string[]): void {
  const missing = keys.filter((k) => data[k] === undefined || data[k] === null || data[k] === '');
  if (missing.length) throw ckanValidation(Object.fromEntries(missing.map((k) => [k, ['Missing value']])));
}
function intParam(data: Record<string, unknown>, key: string, def: number | null): number | null {
  const v = data[key];
  if (v === undefined || v === null || v === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw ckanValidation({ [key]: ['Invalid integer'] });
  return n;
}
function boolParam(data: Record<string, unknown>, key: string, def: boolean): boolean {
  const v = data[key];
  if (v === undefined || v === null || v === '') return def;
  if (typeof v === 'boolean') return v;
  return ['true', '1', 'yes', 'on', 'True'].includes(String(v));
}

async function showPackage(env: ActionEnv, idOrName: string): Promise<Record<string, unknown>> {
  const id = await cat.findPackageId(env.ctx.pool, idOrName);
  if (id) {
    const [ds] = await cat.loadDatasets(env.ctx.pool, [id], env.baseUrl);
    if (ds) return packageDict(ds);
  }
  // a token holder may read the drafts of their own organisation through the writer
  if (env.actor && env.writer) {
    const own = await env.writer.showOwn(env, idOrName);
    if (own) return packageDict(own);
  }
  throw ckanNotFound();
}

/** Maps the platform's typed errors to CKAN's error types, translated. */
export function toCkanError(err: unknown, locale: Locale): unknown {
  if (err instanceof CkanActionError || !(err instanceof AppError)) return err;
  const msg = t(locale, err.key, err.params);
  if (err.status === 404) return ckanNotFound();
  if (err.status === 403 || err.status === 401) return ckanNotAuthorized(msg);
  if (err.status === 422 || err.status === 400 || err.status === 409) {
    const fields: Record<string, string[]> = {};
    for (const f of err.fields) (fields[f.field || 'message'] ??= []).push(t(locale, f.key, f.params));
    if (!err.fields.length) fields.message = [msg];
    return ckanValidation(fields);
  }
  return err;
}

const SEARCH_CACHE_MAX = 500;
const SEARCH_CACHE_TTL_MS = 60_000;
/**
 * Solr's queryResultCache and documentCache, per catalogue version: the ordered ids (first RESULT_WINDOW
 * or a multiple), total and facets of a search, so that its next pages need no search; and the package
 * dictionaries of published datasets, so that a page of cached ids needs no load.
 */
const RESULT_WINDOW = 50;
const RESULT_WINDOW_MAX = 1000;
const RESULT_SETS_MAX = 2000;
const DOC_CACHE_MAX = 5000;
interface SearchCaches {
  answers: Map<string, { version: string; at: number; result: unknown }>;
  resultSets: Map<string, { version: string; at: number; ids: string[]; count: number; facets: ReturnType<typeof searchFacets> }>;
  docs: Map<string, { version: string; dict: Record<string, unknown> }>;
}
/** Per database (versions of two databases are not comparable). */
const cachesByPool = new WeakMap<object, SearchCaches>();
function cachesOf(env: ActionEnv): SearchCaches {
  let c = cachesByPool.get(env.ctx.pool);
  if (!c) { c = { answers: new Map(), resultSets: new Map(), docs: new Map() }; cachesByPool.set(env.ctx.pool, c); }
  return c;
}

/** Bounded map: drops the oldest entry when full. */
function remember<V>(m: Map<string, V>, key: string, value: V, max: number): void {
  m.delete(key);
  if (m.size >= max) m.delete(m.keys().next().value!);
  m.set(key, value);
}

/** Package dictionaries for ids, in order (unknown ids skipped), from the document cache or loaded in one batch. */
async function packageDicts(env: ActionEnv, version: string, ids: string[], preloaded?: cat.Preloaded): Promise<Array<Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  const missing: string[] = [];
  const docCache = cachesOf(env).docs;
  for (const id of ids) {
    const c = docCache.get(`${env.baseUrl}|${id}`);
    if (c && c.version === version) out.set(id, c.dict); else missing.push(id);
  }
  if (missing.length) {
    // package dictionaries do not show the resources' Table Schemas: loaded without them
    for (const d of await cat.loadDatasets(env.ctx.pool, missing, env.baseUrl, preloaded, { schemas: false })) {
      const dict = packageDict(d);
      out.set(d.id, dict);
      remember(docCache, `${env.baseUrl}|${d.id}`, { version, dict }, DOC_CACHE_MAX);
    }
  }
  return ids.map((id) => out.get(id)).filter((x): x is Record<string, unknown> => !!x);
}

/** The catalogue version is itself re-read at most once a second, so a search answer is at most 1 s stale. */
let versionMemo: { pool: unknown; at: number; value: Promise<string> } | null = null;
function currentVersion(env: ActionEnv): Promise<string> {
  const now = Date.now();
  if (!versionMemo || versionMemo.pool !== env.ctx.pool || now - versionMemo.at > 1000) {
    versionMemo = { pool: env.ctx.pool, at: now, value: cat.catalogueVersion(env.ctx.pool) };
    versionMemo.value.catch(() => { versionMemo = null; });
  }
  return versionMemo.value;
}

export const ACTIONS: Record<string, Action> = {
  site_read: get('Return true. Used by clients to check that the site can be read.', async () => true),

  status_show: get('Return a dictionary with information about the site\'s configuration (ckan_version, site_url, extensions).', async (env) => ({
    ckan_version: '2.10.4',
    site_url: env.baseUrl,
    site_description: 'Portal Satu Data Provinsi Nusa Tenggara Barat (NTB Terbuka)',
    site_title: 'Satu Data NTB',
    error_emails_to: null,
    locale_default: 'id',
    extensions: ['datastore', 'dcat', 'harvest', 'ntb_terbuka'],
  })),

  package_list: get(':param limit: maximum number of names (optional)\n:param offset: (optional)\n:rtype: list of strings — names of the public datasets, sorted', async (env, data) =>
    cat.listPackageNames(env.ctx.pool, intParam(data, 'limit', null), intParam(data, 'offset', 0) ?? 0)),

  package_search: get(
    'Search datasets.\n:param q: Solr query, e.g. `penduduk tags:kesehatan` (default `*:*`)\n:param fq: filter query: organization:, groups:, tags:, res_format:, license_id:, metadata_modified:[X TO Y], `-field:value`, `OR`\n:param sort: `score desc, metadata_modified desc` (fields: score, metadata_modified, metadata_created, title_string, name)\n:param rows: max 1000 (default 10)\n:param start: offset\n:param facet.field: JSON list of fields to facet on (organization, groups, tags, res_format, license_id)\n:param facet.limit: default 50 (-1: all)\n:param facet.mincount: default 1\n:param include_private: with an API token, also the unpublished datasets of your organisations (state draft)\n:rtype: {count, results, facets, search_facets, sort}',
    async (env, data) => {
      const p = parsePackageSearch(data);
      const { text, filter } = parseSearchFilter(p.q, p.fq, p.fqList);
      const privateOrgs = (p.includePrivate || p.includeDrafts) && env.actor ? readableOrgs(env.actor) : null;
      if (privateOrgs) {
        // a token holder's own unpublished datasets too (never cached: the answer depends on the caller)
        const qp = { text, filter, sort: p.sort, rows: p.rows, start: p.start, privateOrgs };
        const { ids, count, facets: facetLists, records } = await cat.searchWithFacets(env.ctx.pool, qp, p.facetFields, p.facetLimit, p.facetMincount);
        const loaded = new Map((await cat.loadDatasets(env.ctx.pool, ids, env.baseUrl, records)).map((d) => [d.id, d]));
        const out: Array<Record<string, unknown>> = [];
        for (const id of ids) {
          const d = loaded.get(id) ?? (env.writer ? await env.writer.showOwn(env, id) : null);
          if (d) out.push(packageDict(d));
        }
        const results = p.fl ? out.map((r) => Object.fromEntries(p.fl!.filter((k) => k in r).map((k) => [k, r[k]]))) : out;
        return { count, ...searchFacets(facetLists), results, sort: p.sortText };
      }
      const q = { text, filter, sort: p.sort, rows: p.rows, start: p.start };
      // Answers are cached per catalogue version: one cheap query instead of five while nothing changed.
      const version = await currentVersion(env);
      const now = Date.now();
      const key = JSON.stringify([env.baseUrl, q, p.facetFields, p.facetLimit, p.facetMincount, p.fl ?? null, p.sortText]);
      const { answers: searchCache, resultSets } = cachesOf(env);
      const hit = searchCache.get(key);
      if (hit && hit.version === version && now - hit.at < SEARCH_CACHE_TTL_MS) return hit.result;
      // Another page of a search already made: its ordered ids, total and facets are in the result-set cache.
      const setKey = JSON.stringify([text, filter, p.sort, p.facetFields, p.facetLimit, p.facetMincount]);
      const end = p.start + p.rows;
      let set = resultSets.get(setKey);
      if (set && (set.version !== version || now - set.at >= SEARCH_CACHE_TTL_MS || (end > set.ids.length && set.ids.length < set.count))) set = undefined;
      let pageIds: string[];
      let records: cat.Preloaded | undefined;
      if (set) {
        pageIds = set.ids.slice(p.start, end);
      } else {
        // one statement: total, the first ids in order (a window, a multiple of 50), facet counts and the page's
        // published datasets; harvested ones from this module's table
        const window = end <= RESULT_WINDOW_MAX ? Math.max(RESULT_WINDOW, Math.ceil(end / RESULT_WINDOW) * RESULT_WINDOW) : undefined;
        const docCache = cachesOf(env).docs;
        const needRecord = (id: string) => docCache.get(`${env.baseUrl}|${id}`)?.version !== version;
        const r = await cat.searchWithFacets(env.ctx.pool, q, p.facetFields, p.facetLimit, p.facetMincount, window, { needRecord });
        records = r.records;
        if (window !== undefined) {
          set = { version, at: now, ids: r.ids, count: r.count, facets: searchFacets(r.facets) };
          remember(resultSets, setKey, set, RESULT_SETS_MAX);
          pageIds = r.ids.slice(p.start, end);
        } else {
          set = { version, at: now, ids: [], count: r.count, facets: searchFacets(r.facets) };
          pageIds = r.ids;
        }
      }
      let results: Array<Record<string, unknown>> = await packageDicts(env, version, pageIds, records);
      if (p.fl) results = results.map((r) => Object.fromEntries(p.fl!.filter((k) => k in r).map((k) => [k, r[k]])));
      const result = { count: set.count, ...set.facets, results, sort: p.sortText };
      remember(searchCache, key, { version, at: now, result }, SEARCH_CACHE_MAX);
      return result;
    }),

  current_package_list_with_resources: get(':param limit: (optional)\n:param offset: (optional)\n:param page: (optional, with limit)\n:rtype: list of dataset dictionaries, most recently modified first', async (env, data) => {
    const limit = intParam(data, 'limit', null);
    const page = intParam(data, 'page', null);
    const offset = page && limit ? (page - 1) * limit : intParam(data, 'offset', 0) ?? 0;
    const { ids } = await cat.searchPackageIds(env.ctx.pool, { text: [], filter: [], sort: [{ field: 'metadata_modified', desc: true }], rows: Math.min(limit ?? 1000, 1000), start: offset });
    return (await cat.loadDatasets(env.ctx.pool, ids, env.baseUrl)).map(packageDict);
  }),

  package_show: get(':param id: the id or name of the dataset\n:rtype: dictionary', async (env, data) => {
    need(data, 'id');
    return showPackage(env, String(data.id));
  }),

  resource_show: get(':param id: the id of the resource', async (env, data) => {
    need(data, 'id');
    const id = String(data.id);
    const pkgId = await cat.findResourcePackage(env.ctx.pool, id);
    const [ds] = pkgId ? await cat.loadDatasets(env.ctx.pool, [pkgId], env.baseUrl) : [];
    const r = ds?.resources.find((x) => x.id === id);
    if (ds && r) return resourceDict(ds, r);
    // a token holder may read the resources of their own organisation's unpublished revisions
    if (env.actor && env.writer) {
      const own = await env.writer.showOwnResource(env, id);
      const rr = own?.ds.resources.find((x) => x.id === own.resourceId);
      if (own && rr) return resourceDict(own.ds, rr);
    }
    throw ckanNotFound();
  }),

  organization_list: get(':param all_fields: return dictionaries instead of names (default false)\n:param include_dataset_count: (default true)\n:param sort: `name asc` (default) or `package_count desc`\n:param limit, offset: (optional)', async (env, data) => {
    let orgs = await cat.listOrganisations(env.ctx.pool);
    const sort = String(data.sort ?? data.order_by ?? 'name asc');
    if (/package_count/.test(sort)) orgs = orgs.sort((a, b) => b.package_count - a.package_count || a.slug.localeCompare(b.slug));
    else if (/title/.test(sort)) orgs = orgs.sort((a, b) => a.name.localeCompare(b.name));
    if (/\bdesc\b/.test(sort) && !/package_count/.test(sort)) orgs.reverse();
    const offset = intParam(data, 'offset', 0) ?? 0;
    const limit = intParam(data, 'limit', null);
    orgs = orgs.slice(offset, limit == null ? undefined : offset + limit);
    if (!boolParam(data, 'all_fields', false)) return orgs.map((o) => o.slug);
    const counts = boolParam(data, 'include_dataset_count', true);
    return orgs.map((o) => organizationDict({ id: o.id, slug: o.slug, name: o.name, created: o.created_at }, { display_name: o.name, image_display_url: '', num_followers: 0, ...(counts ? { package_count: o.package_count } : {}) }));
  }),

  organization_show: get(':param id: the id or name of the organization\n:param include_datasets: include up to 10 datasets (default false)\n:param include_dataset_count: (default true)', async (env, data) => {
    need(data, 'id');
    const o = await cat.findOrganisation(env.ctx.pool, String(data.id));
    if (!o) throw ckanNotFound();
    const dict = organizationDict({ id: o.id, slug: o.slug, name: o.name, created: o.created_at }, {
      display_name: o.name, image_display_url: '', num_followers: 0, package_count: o.package_count, users: [], tags: [], groups: [], extras: [],
    });
    if (boolParam(data, 'include_datasets', false)) {
      const { ids } = await cat.searchPackageIds(env.ctx.pool, { text: [], filter: [[{ kind: 'term', field: 'organization', value: o.slug, negate: false }]], sort: [{ field: 'metadata_modified', desc: true }], rows: 10, start: 0 });
      dict.packages = (await cat.loadDatasets(env.ctx.pool, ids, env.baseUrl)).map(packageDict);
    }
    return dict;
  }),

  group_list: get('Sectors and topics of Satu Data as CKAN groups.\n:param all_fields: (default false)\n:param sort: `name asc` or `package_count desc`', async (env, data) => {
    let groups = await cat.listGroups(env.ctx.pool);
    if (/package_count/.test(String(data.sort ?? ''))) groups = groups.sort((a, b) => b.package_count - a.package_count);
    if (!boolParam(data, 'all_fields', false)) return groups.map((g) => g.name);
    return groups.map((g) => groupDict({ name: g.name, title: cat.groupTitle(g.name) }, { package_count: g.package_count, type: 'group', is_organization: false, state: 'active', approval_status: 'approved' }));
  }),

  group_show: get(':param id: the name of the group (a sector or topic)\n:param include_datasets: (default false)', async (env, data) => {
    need(data, 'id');
    const g = (await cat.listGroups(env.ctx.pool)).find((x) => x.name === String(data.id));
    if (!g) throw ckanNotFound();
    const dict = groupDict({ name: g.name, title: cat.groupTitle(g.name) }, { package_count: g.package_count, type: 'group', is_organization: false, state: 'active', approval_status: 'approved', users: [], extras: [] });
    if (boolParam(data, 'include_datasets', false)) {
      const { ids } = await cat.searchPackageIds(env.ctx.pool, { text: [], filter: [[{ kind: 'term', field: 'groups', value: g.name, negate: false }]], sort: [{ field: 'metadata_modified', desc: true }], rows: 10, start: 0 });
      dict.packages = (await cat.loadDatasets(env.ctx.pool, ids, env.baseUrl)).map(packageDict);
    }
    return dict;
  }),

  tag_list: get(':param query: a substring to match (optional)\n:param all_fields: return dictionaries (default false)', async (env, data) => {
    const tags = await cat.listTags(env.ctx.pool, typeof data.query === 'string' && data.query ? data.query : typeof data.q === 'string' && data.q ? data.q : null, intParam(data, 'limit', null), intParam(data, 'offset', 0) ?? 0);
    if (!boolParam(data, 'all_fields', false)) return tags;
    return tags.map((n) => ({ id: n, name: n, display_name: n, state: 'active', vocabulary_id: null }));
  }),

  license_list: get('Return the licences available for datasets.', async () => licenseList()),

  datastore_search: get(
    'Search a datastore table.\n:param resource_id: id of the resource\n:param filters: JSON object {field: value or [values]}\n:param q: full text (string) or {field: text}\n:param fields: comma-separated or list\n:param sort: `field asc, other desc`\n:param limit: default 100, max 32000\n:param offset\n:param include_total: default true\n:param records_format: objects (default), lists, csv, tsv\n:rtype: {fields, records, total, _links, …}',
    async (env, data) => {
      const p = parseDatastoreSearch(data);
      const res = await cat.findDatastoreResource(env.ctx.pool, p.resourceId);
      if (!res) throw ckanNotFound(`Resource "${p.resourceId}" was not found.`);
      return datastoreRecords(env.ctx.pool, res, p, env.apiPrefix);
    }),

  datastore_search_sql: get(
    'Run a read-only SELECT over datastore tables, named by resource id in double quotes: SELECT * FROM "<resource_id>" WHERE …\nOnly one SELECT; only datastore tables; only pure functions; a statement timeout and a row cap (32000; `records_truncated` when hit) apply.\n:param sql: the query',
    async (env, data) => {
      need(data, 'sql');
      const sql = String(data.sql);
      const ids = [...sql.matchAll(/"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/gi)].map((m) => m[1]);
      const tables = new Map<string, string>();
      for (const id of new Set(ids)) {
        const r = await cat.findDatastoreResource(env.ctx.pool, id);
        if (r) tables.set(id, `datastore."${r.table}"`);
      }
      let guarded;
      try {
        guarded = guardSql(sql, (id) => tables.get(id) ?? null);
      } catch (e) {
        if (e instanceof SqlGuardError) {
          if (/not a datastore resource|not allowed/.test(e.message)) throw new CkanActionError('Authorization Error', `Not authorized to read this query: ${e.message}`);
          throw ckanValidation({ query: [e.message] });
        }
        throw e;
      }
      const cap = DATASTORE_ROWS_MAX;
      const client = await env.ctx.pool.connect();
      try {
        await client.query('BEGIN TRANSACTION READ ONLY');
        await client.query(`SET LOCAL statement_timeout = ${SQL_TIMEOUT_MS}`);
        const r = await client.query({ text: cappedSql(guarded.sql, cap), rowMode: 'array' } as any);
        await client.query('COMMIT');
        const fields = (r.fields as Array<{ name: string; dataTypeID: number }>).map((f) => ({ id: f.name, type: PG_TYPES[f.dataTypeID] ?? 'text' }));
        const rows = (r.rows as unknown[][]).slice(0, cap);
        const records = rows.map((row) => Object.fromEntries(fields.map((f, i) => [f.id, row[i]])));
        return { sql, records, fields, ...(r.rows.length > cap ? { records_truncated: true } : {}) };
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        if (e instanceof CkanActionError) throw e;
        const code = (e as { code?: string }).code;
        if (code === '57014') throw ckanValidation({ query: ['Query took too long'] });
        if (code && /^(42|22|21|0A|25)/.test(code)) throw ckanValidation({ query: [(e as Error).message] });
        throw e;
      } finally {
        client.release();
      }
    }),

  // ---- write actions (API token holders) — mapped onto the SOP, never publishing
  package_create: post('Create a dataset as a DRAFT of the owner organisation (owner_org); it follows the SOP (walidata check, Kepala OPD validation) before publication.\n:param name, title, notes, owner_org, tags [{name}], license_id, groups [{name}] (sector), extras [{key,value}] (sdi_topic, sdi_frequency, sdi_level, temporal_start, temporal_end …)', async (env, data) => {
    const w = requireWriter(env, 'create packages');
    return packageDict(await w.create(env, data));
  }),
  package_update: post('Replace the metadata of a dataset. A published dataset gets a new revision (draft); the published one stays public until the new one is validated and published.\n:param id: id or name', async (env, data) => {
    need(data, 'id');
    const w = requireWriter(env, `edit package ${data.id}`);
    return packageDict(await w.update(env, String(data.id), data, false));
  }),
  package_patch: post('Update only the given fields of a dataset (new revision when published).\n:param id: id or name', async (env, data) => {
    need(data, 'id');
    const w = requireWriter(env, `edit package ${data.id}`);
    return packageDict(await w.update(env, String(data.id), data, true));
  }),
  package_delete: post('', async (env, data) => {
    need(data, 'id');
    const w = requireWriter(env, `delete package ${data.id}`);
    await w.remove(env, String(data.id));
    return null;
  }),
  resource_create: post('', async (env, data) => {
    need(data, 'package_id');
    const w = requireWriter(env, `edit package ${data.package_id}`);
    const { ds, resourceId } = await w.addResource(env, String(data.package_id), data, env.upload ?? null, null);
    const r = ds.resources.find((x) => x.id === resourceId) ?? ds.resources[ds.resources.length - 1];
    return resourceDict(ds, r);
  }),
  resource_update: post('', async (env, data) => changeResource(env, data, false)),
  resource_patch: post('', async (env, data) => changeResource(env, data, true)),
  resource_delete: post('', async (env, data) => {
    need(data, 'id');
    const w = requireWriter(env, `delete resource ${data.id}`);
    await w.removeResource(env, String(data.id));
    return null;
  }),
};

async function changeResource(env: ActionEnv, data: Record<string, unknown>, patch: boolean) {
  need(data, 'id');
  const w = requireWriter(env, `edit resource ${data.id}`);
  const { ds, resourceId } = await w.addResource(env, null, data, env.upload ?? null, String(data.id), patch);
  const r = ds.resources.find((x) => x.id === resourceId) ?? ds.resources[ds.resources.length - 1];
  return resourceDict(ds, r);
}

ACTIONS.help_show = get('', async (_env, data) => {
  need(data, 'name');
  const a = Object.prototype.hasOwnProperty.call(ACTIONS, String(data.name)) ? ACTIONS[String(data.name)] : undefined;
  if (!a) throw ckanNotFound('Action function not found');
  return a.doc;
});

// Every action documented the way CKAN documents its actions (help_show answers these).
for (const [name, action] of Object.entries(ACTIONS)) action.doc = ACTION_DOCS[name] ?? action.doc;

/** Organisations whose unpublished datasets the actor may read ('all' for walidata), as the data module's policy says. */
function readableOrgs(actor: Actor): string[] | 'all' {
  if (isWalidata(actor)) return 'all';
  return [...new Set(actor.memberships.filter((m) => m.role === 'produsen_data' || m.role === 'kepala_opd').map((m) => m.organisationId))];
}

function requireWriter(env: ActionEnv, what: string): DataWriter {
  if (!env.actor) throw ckanNotAuthorized(`User  not authorized to ${what}`);
  if (!env.writer) throw ckanNotAuthorized('write actions are not available');
  return env.writer;
}

/** PostgreSQL type oids → the type names CKAN's datastore reports. */
/** Statement timeout of datastore_search_sql (ms). */
export const SQL_TIMEOUT_MS = 5000;

/** PostgreSQL type oids → the type names CKAN's datastore reports. */
export const PG_TYPES: Record<number, string> = { 16: 'bool', 20: 'int8', 21: 'int2', 23: 'int4', 25: 'text', 700: 'float4', 701: 'float8', 1043: 'text', 1082: 'date', 1114: 'timestamp', 1184: 'timestamp', 1700: 'numeric', 3802: 'json', 114: 'json' };

export { datastoreFieldsOf };
