/**
 * CKAN write actions mapped onto the Satu Data SOP through the data module's exported services: a
 * package created or changed through the API becomes a draft (or a new revision) of the owner's
 * organisation, which then goes through walidata checking and Kepala OPD validation like any other.
 * Nothing here publishes. Harvested datasets are read-only.
 */
import type { Readable } from 'node:stream';
import type { Queryable } from '../../core/db.ts';
import * as dataSvc from '../data/dataset.service.ts';
import * as dataRepo from '../data/dataset.repo.ts';
import { readableResource } from '../data/data-read.service.ts';
import { LICENCES as DATA_LICENCES, SECTORS } from '../data/dataset.schema.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { CkanActionError, ckanNotAuthorized, ckanNotFound, ckanValidation } from './ckan-envelope.ts';
import { groupTitle, isHarvested } from './catalogue.repo.ts';
import type { CatalogueDataset, CatalogueResource } from './catalogue.model.ts';
import type { ActionEnv } from './ckan-actions.ts';

export interface DataWriter {
  create(env: ActionEnv, data: Record<string, unknown>): Promise<CatalogueDataset>;
  update(env: ActionEnv, idOrName: string, data: Record<string, unknown>, patch: boolean): Promise<CatalogueDataset>;
  remove(env: ActionEnv, idOrName: string): Promise<void>;
  /** resource_create (replaceId null) / resource_update (`patch` false: fields not given are cleared to CKAN's defaults) / resource_patch. */
  addResource(env: ActionEnv, packageId: string | null, data: Record<string, unknown>, upload: { stream: Readable; filename: string } | null, replaceId: string | null, patch?: boolean): Promise<{ ds: CatalogueDataset; resourceId: string }>;
  removeResource(env: ActionEnv, resourceId: string): Promise<void>;
  showOwn(env: ActionEnv, idOrName: string): Promise<CatalogueDataset | null>;
  /** A resource of a dataset the actor may read but that is not (yet) public: its working dataset, or null. */
  showOwnResource(env: ActionEnv, resourceId: string): Promise<{ ds: CatalogueDataset; resourceId: string } | null>;
}

const LICENCE_ALIASES: Record<string, string> = { 'cc-by': 'CC-BY-4.0', 'cc-by-4.0': 'CC-BY-4.0', 'cc-by-sa': 'CC-BY-SA-4.0', 'cc-zero': 'CC0-1.0', cc0: 'CC0-1.0', 'odc-by': 'ODC-BY-1.0' };
const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

function extrasOf(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(data.extras)) for (const e of data.extras as Array<{ key?: unknown; value?: unknown }>) if (e && typeof e.key === 'string') out[e.key] = String(e.value ?? '');
  return out;
}
function names(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v.split(',').map((x) => x.trim()).filter(Boolean);
  if (!Array.isArray(v)) return undefined;
  return v.map((x) => (typeof x === 'string' ? x : String((x as { name?: unknown })?.name ?? ''))).filter(Boolean);
}

/** CKAN package fields → the data module's RevisionInput (merged over `base` when patching). */
export function revisionInputFromCkan(data: Record<string, unknown>, base: Record<string, unknown> | null): Record<string, unknown> {
  const ex = extrasOf(data);
  const problems: Record<string, string[]> = {};
  const groups = names(data.groups);
  const sector = ex.sdi_sector ?? groups?.find((g) => (SECTORS as readonly string[]).includes(g)) ?? (base?.sector as string | undefined);
  if (!sector) problems.groups = [`a sector group is required: one of ${SECTORS.join(', ')} (or extras sdi_sector)`];
  let licence = base?.licence as string | undefined ?? 'CC-BY-4.0';
  if (data.license_id !== undefined && data.license_id !== null && data.license_id !== '') {
    const l = String(data.license_id);
    const m = (DATA_LICENCES as readonly string[]).find((x) => x.toLowerCase() === l.toLowerCase()) ?? LICENCE_ALIASES[l.toLowerCase()];
    if (!m) problems.license_id = [`unknown licence; use one of ${DATA_LICENCES.join(', ')}`];
    else licence = m;
  }
  if (Object.keys(problems).length) throw ckanValidation(problems);
  const topicGroup = groups?.find((g) => !(SECTORS as readonly string[]).includes(g));
  const pick = <T>(v: T | undefined, k: string, def: unknown) => (v !== undefined ? v : base && k in base ? base[k] : def);
  return {
    title: String(pick(data.title as string | undefined, 'title', data.name ?? '')),
    description: String(pick(data.notes as string | undefined, 'description', '')),
    sector,
    topic: pick(ex.sdi_topic ?? (topicGroup ? groupTitle(topicGroup) : undefined), 'topic', ''),
    tags: pick(names(data.tags), 'tags', []),
    licence,
    temporalStart: pick(ex.temporal_start || undefined, 'temporalStart', null),
    temporalEnd: pick(ex.temporal_end || undefined, 'temporalEnd', null),
    regionCodes: pick(ex.sdi_region_codes ? ex.sdi_region_codes.split(',').map((x) => x.trim()).filter(Boolean) : undefined, 'regionCodes', []),
    frequency: pick(ex.sdi_frequency || undefined, 'frequency', 'tahunan'),
    level: pick(ex.sdi_level || undefined, 'level', 'provinsi'),
    contactRole: pick((data.maintainer as string | undefined) ?? undefined, 'contactRole', ''),
    source: pick(ex.sdi_source ?? ((data.url as string | undefined) || undefined), 'source', ''),
    notes: pick(undefined, 'notes', ''),
    msInd: pick(undefined, 'msInd', {}),
    msKeg: pick(undefined, 'msKeg', {}),
  };
}

function revisionAsInput(r: dataRepo.RevisionRow): Record<string, unknown> {
  return {
    title: r.title, description: r.description, sector: r.sector, topic: r.topic, tags: r.tags, licence: r.licence, temporalStart: r.temporal_start,
    temporalEnd: r.temporal_end, regionCodes: r.region_codes, frequency: r.frequency, level: r.level, contactRole: r.contact_role, source: r.source,
    notes: r.notes, msInd: r.ms_ind, msKeg: r.ms_keg,
  };
}

/** The latest (working) revision of a dataset as a catalogue dataset, for the API answer to a write. */
async function workingDataset(db: Queryable, datasetId: string, baseUrl: string): Promise<CatalogueDataset> {
  const ds = (await dataRepo.findDatasetById(db, datasetId))!;
  const rev = (await dataRepo.findRevision(db, ds.latest_revision_id!))!;
  const res = await dataRepo.listResources(db, rev.id);
  const page = `${baseUrl}/data/${ds.slug}`;
  const { rows: org } = await db.query('SELECT created_at FROM organisations WHERE id = $1', [ds.organisation_id]);
  const resources: CatalogueResource[] = res.map((x, i) => ({
    id: x.lineage_id, name: x.name, description: x.description, format: x.format.toUpperCase(), mediaType: null,
    url: x.kind === 'link' ? x.url ?? page : `${page}/sumber/${x.lineage_id}/berkas`, downloadUrl: x.kind === 'file' ? `${page}/sumber/${x.lineage_id}/berkas` : null,
    size: null, created: x.created_at, lastModified: x.updated_at, position: i, datastoreActive: !!x.datastore_table && x.ingest_status === 'done', tableSchema: null,
  }));
  const groups = [{ name: rev.sector, title: groupTitle(rev.sector) }];
  return {
    id: ds.id, slug: ds.slug, title: rev.title, description: rev.description,
    organisation: { id: ds.organisation_id, slug: ds.organisation_slug, name: ds.organisation_name, created: org[0]?.created_at },
    tags: rev.tags, groups, licenceId: rev.licence, created: ds.created_at, modified: rev.updated_at, issued: ds.published_at,
    temporalStart: rev.temporal_start, temporalEnd: rev.temporal_end, regionCodes: rev.region_codes, frequency: rev.frequency, contactRole: rev.contact_role || null,
    extras: { sdi_workflow_state: rev.state, sdi_revision: String(rev.number), sdi_topic: rev.topic, sdi_level: rev.level, sdi_frequency: rev.frequency },
    resources, ckanState: ds.published_revision_id === rev.id ? 'active' : 'draft', harvest: null,
  };
}

async function findDataset(db: Queryable, idOrName: string): Promise<dataRepo.DatasetRow> {
  if (await isHarvested(db, idOrName)) throw ckanNotAuthorized('harvested datasets are read-only here; change them at their source portal');
  const ds = isUuid(idOrName) ? await dataRepo.findDatasetById(db, idOrName) : await dataRepo.findDatasetBySlug(db, idOrName);
  if (!ds || !ds.latest_revision_id) throw ckanNotFound();
  return ds;
}

/** The revision the actor may edit: the latest one when still editable, else a new revision. */
async function workingRevision(env: ActionEnv, ds: dataRepo.DatasetRow): Promise<dataRepo.RevisionRow> {
  const { rev } = await dataSvc.loadRevision(env.ctx.pool, env.actor, ds.latest_revision_id!);
  if (rev.state === 'draft' || rev.state === 'returned') return rev;
  const id = await dataSvc.openRevision(env.ctx, env.actor!, ds.id);
  return (await dataRepo.findRevision(env.ctx.pool, id))!;
}

export const dataWriter: DataWriter = {
  async create(env, data) {
    // CKAN's package_create schema: name is required (2–100 characters, lower-case ASCII, digits, - and _); every problem at once
    const problems: Record<string, string[]> = {};
    const slug = data.name == null ? '' : String(data.name);
    if (!slug) problems.name = ['Missing value'];
    else if (slug.length < 2 || slug.length > 100) problems.name = ['Must be at least 2 characters long and at most 100'];
    else if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) problems.name = ['Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_'];
    else if (await dataRepo.slugTaken(env.ctx.pool, slug)) problems.name = ['That URL is already in use.'];
    const owner = data.owner_org == null ? '' : String(data.owner_org);
    let orgId: string | null = null;
    if (!owner) problems.owner_org = ['Missing value'];
    else {
      const { rows } = await env.ctx.pool.query('SELECT id FROM organisations WHERE slug = $1 OR id::text = $1', [owner]);
      if (!rows[0]) problems.owner_org = ['Organization does not exist'];
      else orgId = rows[0].id;
    }
    let input: Record<string, unknown> = {};
    try { input = revisionInputFromCkan(data, null); } catch (e) {
      if (!(e instanceof CkanActionError)) throw e;
      Object.assign(problems, e.fields);
    }
    if (Object.keys(problems).length) throw ckanValidation(problems);
    const r = await dataSvc.createDataset(env.ctx, env.actor!, { ...input, organisationId: orgId, slug });
    if (Array.isArray(data.resources)) {
      for (const res of data.resources as Array<Record<string, unknown>>) if (res && res.url) await dataSvc.addLinkResource(env.ctx, env.actor!, r.revisionId, { name: String(res.name || res.url), url: String(res.url), format: String(res.format ?? ''), description: String(res.description ?? '') });
    }
    return workingDataset(env.ctx.pool, r.datasetId, env.baseUrl);
  },

  async update(env, idOrName, data, patch) {
    const ds = await findDataset(env.ctx.pool, idOrName);
    const rev = await workingRevision(env, ds);
    const input = revisionInputFromCkan(data, patch ? revisionAsInput(rev) : { sector: rev.sector, licence: rev.licence, title: rev.title });
    await dataSvc.updateRevision(env.ctx, env.actor!, rev.id, input);
    return workingDataset(env.ctx.pool, ds.id, env.baseUrl);
  },

  async remove(env, idOrName) {
    const ds = await findDataset(env.ctx.pool, idOrName);
    // a dataset that was ever published: the walidata withdraws it (the workflow refuses anyone else, 403)
    if (ds.published_revision_id) {
      await dataSvc.transition(env.ctx, env.actor!, ds.published_revision_id, 'unpublish', { reason: 'package_delete (CKAN API)' });
      return;
    }
    // never published: deleted, as CKAN deletes a draft its user may edit (the organisation's produsen data)
    await dataSvc.deleteDraftDataset(env.ctx, env.actor!, ds.id);
  },

  async addResource(env, packageId, data, upload, replaceId, patch = false) {
    let ds: dataRepo.DatasetRow;
    let lineage: string | null = null;
    if (replaceId) {
      const found = await readableResource(env.ctx.pool, env.actor, replaceId).catch((e) => { if (e instanceof NotFoundError) throw ckanNotFound(); throw e; });
      ds = found.dataset;
      lineage = found.resource.lineage_id;
      if (await isHarvested(env.ctx.pool, ds.id)) throw ckanNotAuthorized('harvested datasets are read-only here; change them at their source portal');
    } else ds = await findDataset(env.ctx.pool, packageId!);
    const rev = await workingRevision(env, ds);
    const current = lineage ? (await dataRepo.listResources(env.ctx.pool, rev.id)).find((r) => r.lineage_id === lineage) : undefined;
    if (lineage && !current) throw ckanNotFound();
    const str = (k: string) => (data[k] === undefined || data[k] === null ? undefined : String(data[k]));
    let resourceId: string;
    if (upload) {
      resourceId = await dataSvc.addFileResource(env.ctx, env.actor!, rev.id, upload.stream, { originalName: upload.filename, name: str('name') ?? current?.name, replaceResourceId: current?.id });
      if (current && (str('description') !== undefined || !patch)) await dataSvc.updateResource(env.ctx, env.actor!, current.id, { description: str('description') ?? '' });
    } else if (current) {
      // in place: the resource keeps its id and position (resource_update clears what it does not send, resource_patch keeps it)
      const url = str('url');
      if (current.kind === 'link' && !patch && !url) throw ckanValidation({ url: ['Missing value'] });
      // a file resource keeps its address (clients send back the `url` resource_show gave them): a new file comes as `upload`
      await dataSvc.updateResource(env.ctx, env.actor!, current.id, {
        name: str('name') ?? (patch ? undefined : current.name),
        description: str('description') ?? (patch ? undefined : ''),
        format: str('format') ?? (patch ? undefined : current.format),
        ...(current.kind === 'link' && url ? { url } : {}),
      });
      resourceId = current.id;
    } else if (data.url) {
      resourceId = await dataSvc.addLinkResource(env.ctx, env.actor!, rev.id, { name: String(data.name || data.url), url: String(data.url), format: String(data.format ?? ''), description: String(data.description ?? '') });
    } else throw ckanValidation({ url: ['Missing value'] });
    const row = await dataRepo.findResource(env.ctx.pool, resourceId);
    return { ds: await workingDataset(env.ctx.pool, ds.id, env.baseUrl), resourceId: row?.lineage_id ?? resourceId };
  },

  async removeResource(env, resourceId) {
    const found = await readableResource(env.ctx.pool, env.actor, resourceId).catch((e) => { if (e instanceof NotFoundError) throw ckanNotFound(); throw e; });
    if (await isHarvested(env.ctx.pool, found.dataset.id)) throw ckanNotAuthorized('harvested datasets are read-only here; change them at their source portal');
    // from the working revision: the published one stays public until the new revision is published
    const rev = await workingRevision(env, found.dataset);
    const current = (await dataRepo.listResources(env.ctx.pool, rev.id)).find((r) => r.lineage_id === found.resource.lineage_id);
    if (!current) throw ckanNotFound();
    await dataSvc.deleteResource(env.ctx, env.actor!, current.id);
  },

  async showOwnResource(env, resourceId) {
    try {
      const found = await readableResource(env.ctx.pool, env.actor, resourceId);
      return { ds: await workingDataset(env.ctx.pool, found.dataset.id, env.baseUrl), resourceId: found.resource.lineage_id };
    } catch (e) {
      if (e instanceof NotFoundError) return null;
      throw e;
    }
  },

  async showOwn(env, idOrName) {
    const ds = isUuid(idOrName) ? await dataRepo.findDatasetById(env.ctx.pool, idOrName) : await dataRepo.findDatasetBySlug(env.ctx.pool, idOrName);
    if (!ds?.latest_revision_id) return null;
    try {
      await dataSvc.loadRevision(env.ctx.pool, env.actor, ds.latest_revision_id);
    } catch {
      return null;
    }
    return workingDataset(env.ctx.pool, ds.id, env.baseUrl);
  },
};
