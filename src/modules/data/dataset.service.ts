/**
 * Datasets, revisions, resources and the SOP workflow. Every service takes the acting user first,
 * authorizes against the actual record (a record the actor may not see answers "not found"), and
 * writes the change, its audit entry and the notifications in one transaction.
 */
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../core/app-context.ts';
import { withTransaction, type Queryable } from '../../core/db.ts';
import { audit } from '../../core/audit.ts';
import { authorize, can, SYSTEM_ACTOR, type Actor, orgsWithRole } from '../../core/policy.ts';
import { notifyRole, notifyUsers } from '../../core/notify.ts';
import { parseInput } from '../../core/validation.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/http/errors.ts';
import * as repo from './dataset.repo.ts';
import { refreshProjection } from './catalogue.repo.ts';
import { CreateDatasetInput, LinkResourceInput, RevisionInput } from './dataset.schema.ts';
import {
  decideTransition, canOpenRevision, CHECKLIST_ITEMS, nextActor, autoPublishAt,
  type ChecklistItem, type WorkflowEvent, type WorkflowState, type TransitionInput,
} from './dataset-workflow.ts';
import { workflowActor, walidataScope, type RevisionRef } from './data.policy.ts';
import { scopeParam, scopeSql } from './monitoring.service.ts';
import { queueIngest } from './ingest.service.ts';
import { saveUpload } from './upload-store.ts';
import { checkSchema, type TableSchema } from './datastore/table-schema.ts';

export const TABULAR_FORMATS = ['csv', 'tsv', 'txt', 'xlsx'];
export const OPEN_FORMATS = ['csv', 'tsv', 'xlsx', 'json', 'geojson'];

export function slugify(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '') || 'dataset';
}

async function uniqueSlug(db: Queryable, base: string): Promise<string> {
  let slug = base;
  for (let i = 2; await repo.slugTaken(db, slug); i++) slug = `${base.slice(0, 74)}-${i}`;
  return slug;
}

function fields(i: RevisionInput): repo.RevisionFields {
  return {
    title: i.title.trim(), description: i.description ?? '', sector: i.sector, topic: i.topic ?? '', tags: [...new Set((i.tags ?? []).map((t) => t.trim()).filter(Boolean))],
    licence: i.licence, temporalStart: i.temporalStart ?? null, temporalEnd: i.temporalEnd ?? null, regionCodes: i.regionCodes ?? [],
    frequency: i.frequency, level: i.level, contactRole: i.contactRole ?? '', source: i.source ?? '', notes: i.notes ?? '',
    msInd: i.msInd ?? {}, msKeg: i.msKeg ?? {},
  };
}

export function revisionRef(ds: repo.DatasetRow, rev: repo.RevisionRow): RevisionRef {
  return { organisationId: ds.organisation_id, state: rev.state, isPublic: ds.published_revision_id === rev.id };
}

/** Load a revision the actor may see, or 404. */
export async function loadRevision(db: Queryable, actor: Actor | null, revisionId: string, forUpdate = false): Promise<{ ds: repo.DatasetRow; rev: repo.RevisionRow; ref: RevisionRef }> {
  const rev = await repo.findRevision(db, revisionId, forUpdate);
  if (!rev) throw new NotFoundError();
  const ds = (await repo.findDatasetById(db, rev.dataset_id))!;
  const ref = revisionRef(ds, rev);
  authorize(actor, 'data.revision.read', ref, { hide: true });
  return { ds, rev, ref };
}

export async function createDataset(ctx: AppContext, actor: Actor, input: unknown, opts: { isDemo?: boolean } = {}): Promise<{ datasetId: string; revisionId: string; slug: string }> {
  const i = parseInput(CreateDatasetInput, input);
  authorize(actor, 'data.dataset.create', { organisationId: i.organisationId });
  return withTransaction(ctx.pool, async (tx) => {
    const slug = await uniqueSlug(tx, i.slug || slugify(i.title));
    const datasetId = await repo.insertDataset(tx, { slug, organisationId: i.organisationId, dataListItemId: i.dataListItemId ?? null, isDemo: opts.isDemo });
    const revisionId = await repo.insertRevision(tx, datasetId, 1, fields(i), actor.via === 'system' ? null : actor.id);
    await audit(tx, actor, { action: 'data.dataset.create', entityType: 'data_dataset', entityId: datasetId, organisationId: i.organisationId, after: { slug, title: i.title } });
    return { datasetId, revisionId, slug };
  });
}

export async function updateRevision(ctx: AppContext, actor: Actor, revisionId: string, input: unknown): Promise<void> {
  const i = parseInput(RevisionInput, input);
  await withTransaction(ctx.pool, async (tx) => {
    const { rev, ref, ds } = await loadRevision(tx, actor, revisionId, true);
    authorize(actor, 'data.revision.edit', ref);
    await repo.updateRevisionFields(tx, revisionId, fields(i));
    await audit(tx, actor, { action: 'data.revision.update', entityType: 'data_revision', entityId: revisionId, organisationId: ds.organisation_id, before: { title: rev.title }, after: { title: i.title } });
  });
}

/** Whether a stored JSON file starts like GeoJSON (a FeatureCollection, Feature or geometry object). */
async function looksLikeGeoJson(ctx: AppContext, file: Awaited<ReturnType<typeof saveUpload>>): Promise<boolean> {
  const stream = await ctx.files.open(file);
  let head = '';
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      head += chunk.toString('utf8');
      if (head.length >= 4096) break;
    }
  } finally {
    stream.destroy();
  }
  return /^\s*\{[\s\S]*"type"\s*:\s*"(FeatureCollection|Feature|Point|MultiPoint|LineString|MultiLineString|Polygon|MultiPolygon|GeometryCollection)"/.test(head.slice(0, 4096));
}

/** Upload a file as a resource of an editable revision; tabular files are queued for the datastore. */
export async function addFileResource(ctx: AppContext, actor: Actor, revisionId: string, source: Readable, opts: { originalName: string; name?: string; sheet?: string; replaceResourceId?: string }): Promise<string> {
  const { ref } = await loadRevision(ctx.pool, actor, revisionId);
  authorize(actor, 'data.revision.edit', ref);
  const file = await saveUpload(ctx, source, { originalName: opts.originalName, createdBy: actor.via === 'system' ? null : actor.id });
  let format = file.ext === 'tsv' || file.ext === 'txt' ? 'csv' : file.ext;
  // GeoJSON saved as .json (common from GIS exports): recognised from its first bytes, so it gets the map preview.
  if (format === 'json' && (await looksLikeGeoJson(ctx, file))) format = 'geojson';
  // the upload is kept only if the resource that refers to it is written
  const resourceId = await withTransaction(ctx.pool, async (tx) => {
    const { ds, ref: ref2 } = await loadRevision(tx, actor, revisionId, true);
    authorize(actor, 'data.revision.edit', ref2);
    let id: string;
    if (opts.replaceResourceId) {
      const r = await repo.findResource(tx, opts.replaceResourceId);
      if (!r || r.revision_id !== revisionId) throw new NotFoundError();
      await tx.query(`UPDATE data_resources SET file_id = $2, format = $3, sheet = $4, kind = 'file', url = NULL, ingest_status = 'none', ingest_report = NULL, updated_at = now() WHERE id = $1`,
        [r.id, file.id, format, opts.sheet ?? null]);
      id = r.id;
    } else {
      id = await repo.insertResource(tx, { revisionId, name: opts.name?.trim() || path.parse(file.originalName).name, kind: 'file', fileId: file.id, format, sheet: opts.sheet ?? null });
    }
    await audit(tx, actor, { action: 'data.resource.upload', entityType: 'data_resource', entityId: id, organisationId: ds.organisation_id, after: { file: file.originalName, size: file.size, sha256: file.sha256 } });
    return id;
  }).catch(async (err) => { await ctx.files.discard(ctx.pool, [file.id]); throw err; });
  if (TABULAR_FORMATS.includes(format)) await queueIngest(ctx, resourceId);
  return resourceId;
}

export async function addLinkResource(ctx: AppContext, actor: Actor, revisionId: string, input: unknown): Promise<string> {
  const i = parseInput(LinkResourceInput, input);
  return withTransaction(ctx.pool, async (tx) => {
    const { ds, ref } = await loadRevision(tx, actor, revisionId, true);
    authorize(actor, 'data.revision.edit', ref);
    const id = await repo.insertResource(tx, { revisionId, name: i.name, kind: 'link', url: i.url, format: (i.format || '').toLowerCase(), description: i.description });
    await audit(tx, actor, { action: 'data.resource.link', entityType: 'data_resource', entityId: id, organisationId: ds.organisation_id, after: { url: i.url } });
    return id;
  });
}

export async function deleteResource(ctx: AppContext, actor: Actor, resourceId: string): Promise<void> {
  await withTransaction(ctx.pool, async (tx) => {
    const r = await repo.findResource(tx, resourceId);
    if (!r) throw new NotFoundError();
    const { ds, ref } = await loadRevision(tx, actor, r.revision_id, true);
    authorize(actor, 'data.revision.edit', ref);
    await tx.query('DELETE FROM data_resources WHERE id = $1', [resourceId]);
    await dropTableIfUnreferenced(tx, r.datastore_table);
    await audit(tx, actor, { action: 'data.resource.delete', entityType: 'data_resource', entityId: resourceId, organisationId: ds.organisation_id, before: { name: r.name } });
  });
}

/** Metadata of a resource that may change in place (a link's URL too); position and lineage stay. */
export interface ResourceUpdate { name?: string; description?: string; format?: string; url?: string }

/** Changes a resource of an editable revision in place: name, description, format; a link's URL. */
export async function updateResource(ctx: AppContext, actor: Actor, resourceId: string, input: ResourceUpdate): Promise<void> {
  await withTransaction(ctx.pool, async (tx) => {
    const r = await repo.findResource(tx, resourceId);
    if (!r) throw new NotFoundError();
    const { ds, ref } = await loadRevision(tx, actor, r.revision_id, true);
    authorize(actor, 'data.revision.edit', ref);
    if (input.url !== undefined && r.kind !== 'link') throw new ValidationError([{ field: 'url', key: 'data.err.resource_url_of_file' }]);
    // the same rules as a new link resource (lengths, an http(s) URL)
    const next = parseInput(LinkResourceInput, {
      name: input.name ?? r.name, description: input.description ?? r.description ?? '', format: input.format ?? r.format,
      url: r.kind === 'link' ? input.url ?? r.url ?? '' : 'https://file.invalid/',
    });
    await tx.query('UPDATE data_resources SET name = $2, description = $3, format = $4, url = $5, updated_at = now() WHERE id = $1',
      [r.id, next.name, next.description, next.format.toLowerCase(), r.kind === 'link' ? next.url : r.url]);
    await audit(tx, actor, { action: 'data.resource.update', entityType: 'data_resource', entityId: r.id, organisationId: ds.organisation_id,
      before: { name: r.name, url: r.url, format: r.format }, after: { name: next.name, url: r.kind === 'link' ? next.url : r.url, format: next.format.toLowerCase() } });
  });
}

/**
 * Deletes a dataset that was never published, with its revisions, resources, datastore tables and files —
 * what CKAN's package_delete does to a draft its user may edit: only the organisation's produsen data,
 * only while the revision is editable (draft or returned; a revision under review is withdrawn first). A
 * dataset that was ever published is never deleted: the walidata unpublishes it (a reason is recorded).
 */
export async function deleteDraftDataset(ctx: AppContext, actor: Actor, datasetId: string): Promise<void> {
  const files = await withTransaction(ctx.pool, async (tx) => {
    const ds = await repo.findDatasetById(tx, datasetId);
    if (!ds || !ds.latest_revision_id) throw new NotFoundError();
    const { rev, ref } = await loadRevision(tx, actor, ds.latest_revision_id, true);
    authorize(actor, 'data.revision.edit', ref);
    const { rows: [{ n }] } = await tx.query(
      `SELECT count(*)::int AS n FROM data_revisions WHERE dataset_id = $1 AND (published_at IS NOT NULL OR state IN ('published', 'unpublished', 'superseded'))`, [ds.id]);
    if (ds.published_revision_id || n > 0) throw new ForbiddenError('data.err.delete_published');
    const { rows: res } = await tx.query(
      `SELECT x.file_id, x.datastore_table FROM data_resources x JOIN data_revisions r ON r.id = x.revision_id WHERE r.dataset_id = $1`, [ds.id]);
    await tx.query('UPDATE data_requests SET dataset_id = NULL WHERE dataset_id = $1', [ds.id]);
    await tx.query('UPDATE data_datasets SET published_revision_id = NULL, latest_revision_id = NULL WHERE id = $1', [ds.id]);
    await tx.query('DELETE FROM data_datasets WHERE id = $1', [ds.id]);
    for (const t of new Set(res.map((x) => x.datastore_table as string | null))) await dropTableIfUnreferenced(tx, t);
    await audit(tx, actor, { action: 'data.dataset.delete', entityType: 'data_dataset', entityId: ds.id, organisationId: ds.organisation_id, before: { slug: ds.slug, title: rev.title, state: rev.state } });
    return res.map((x) => x.file_id as string | null);
  });
  // the stored files go once nothing refers to them any more
  await ctx.files.discard(ctx.pool, files);
}

/** Edit the data dictionary (titles, descriptions, units, types, constraints); types take effect at the next load. */
export async function updateTableSchema(ctx: AppContext, actor: Actor, resourceId: string, schema: TableSchema): Promise<void> {
  const problems = checkSchema(schema);
  if (problems.length) throw new ValidationError(problems.map((p) => ({ field: `schema.${p.field}`, key: p.key, params: { field: p.field } })));
  const reload = await withTransaction(ctx.pool, async (tx) => {
    const r = await repo.findResource(tx, resourceId);
    if (!r) throw new NotFoundError();
    const { ds, ref } = await loadRevision(tx, actor, r.revision_id, true);
    authorize(actor, 'data.schema.edit', ref);
    const before = r.table_schema;
    const typesChanged = !before || before.fields.length !== schema.fields.length || before.fields.some((f, i) => f.name !== schema.fields[i].name || f.type !== schema.fields[i].type || JSON.stringify(f.constraints ?? {}) !== JSON.stringify(schema.fields[i].constraints ?? {}));
    await tx.query(`UPDATE data_resources SET table_schema = $2, ingest_meta = ingest_meta || '{"schemaEdited": true}'::jsonb, updated_at = now() WHERE id = $1`, [resourceId, JSON.stringify(schema)]);
    await audit(tx, actor, { action: 'data.schema.update', entityType: 'data_resource', entityId: resourceId, organisationId: ds.organisation_id, before, after: schema });
    return typesChanged && !!r.file_id;
  });
  if (reload) await queueIngest(ctx, resourceId);
}

/** What the walidata's checklist can verify by itself; the rest is the walidata's judgement. */
export async function computedChecklist(db: Queryable, rev: repo.RevisionRow): Promise<Partial<Record<ChecklistItem, boolean>>> {
  const resources = await repo.listResources(db, rev.id);
  const metadata = !!(rev.title && rev.description && rev.contact_role && rev.source && (rev.ms_ind?.definition || rev.ms_ind?.concept) && rev.region_codes.length);
  const tabular = resources.filter((r) => r.kind === 'file' && TABULAR_FORMATS.includes(r.format));
  const schemaValid = resources.length > 0 && tabular.every((r) => r.ingest_status === 'done');
  const open = resources.some((r) => OPEN_FORMATS.includes(r.format));
  return { metadata_complete: metadata, schema_valid: schemaValid, open_format: open };
}

export interface TransitionRequest extends TransitionInput {
  itemNotes?: Record<string, string>;
  letter?: { fileId?: string | null; number?: string; date?: string | null };
}

async function autoPublishMinutes(db: Queryable): Promise<number | null> {
  const { rows } = await db.query(`SELECT value FROM data_settings WHERE key = 'auto_publish_minutes'`);
  const v = rows[0]?.value;
  return typeof v === 'number' ? v : null;
}

/** Fire one workflow event. */
export async function transition(ctx: AppContext, actor: Actor, revisionId: string, event: WorkflowEvent, input: TransitionRequest = {}): Promise<WorkflowState> {
  const result = await withTransaction(ctx.pool, async (tx) => {
    const { ds, rev } = await loadRevision(tx, actor, revisionId, true);
    let checklist = input.checklist;
    if (event === 'check') {
      const computed = await computedChecklist(tx, rev);
      checklist = Object.fromEntries(CHECKLIST_ITEMS.map((k) => [k, !!input.checklist?.[k] && computed[k] !== false])) as Record<ChecklistItem, boolean>;
    }
    const d = decideTransition(rev.state, event, workflowActor(actor, ds.organisation_id), ds.organisation_id, { ...input, checklist });
    if (!d.ok) {
      if (d.code === 'not_allowed') throw new ConflictError('data.wf.err.not_allowed', { event, state: rev.state });
      if (d.code === 'note_required') throw new ValidationError([{ field: 'note', key: 'data.wf.err.note_required' }]);
      if (d.code === 'reason_required') throw new ValidationError([{ field: 'reason', key: 'data.wf.err.reason_required' }]);
      if (d.code === 'checklist_incomplete') throw new ValidationError(d.missing.map((m) => ({ field: `checklist.${m}`, key: 'data.wf.err.checklist_incomplete', params: { items: m } })));
      throw new ForbiddenError(d.code === 'other_organisation' ? 'data.wf.err.other_organisation' : 'data.wf.err.forbidden_role');
    }
    const now = new Date();
    const extra: Record<string, unknown> = {};
    if (d.to === 'submitted') extra.submitted_at = now;
    if (event === 'check') { extra.checked_at = now; extra.checklist = JSON.stringify(checklist); }
    if (d.to === 'validated') {
      extra.validated_at = now;
      extra.validated_by = actor.via === 'system' ? null : actor.id;
      extra.auto_publish_at = autoPublishAt(now, await autoPublishMinutes(tx));
      if (input.letter && (input.letter.fileId || input.letter.number)) {
        await tx.query('INSERT INTO data_validation_letters (revision_id, organisation_id, file_id, letter_number, letter_date, uploaded_by) VALUES ($1,$2,$3,$4,$5,$6)',
          [rev.id, ds.organisation_id, input.letter.fileId ?? null, input.letter.number ?? '', input.letter.date || null, actor.via === 'system' ? null : actor.id]);
      }
    }
    if (d.to === 'published') { extra.published_at = now; extra.auto_publish_at = null; }
    await repo.setRevisionState(tx, rev.id, d.to, extra);
    await repo.insertEvent(tx, { revisionId: rev.id, event, from: rev.state, to: d.to, actorId: actor.via === 'system' ? null : actor.id, note: input.note ?? input.reason ?? '', itemNotes: input.itemNotes });
    if (d.to === 'published') await publishRevision(tx, ds, rev);
    if (event === 'unpublish') {
      await tx.query('UPDATE data_datasets SET published_revision_id = NULL WHERE id = $1', [ds.id]);
      await refreshProjection(tx, ds.id);
    }
    await audit(tx, actor, {
      action: `data.revision.${event}`, entityType: 'data_revision', entityId: rev.id, organisationId: ds.organisation_id,
      before: { state: rev.state }, after: { state: d.to, note: input.note ?? input.reason ?? undefined, itemNotes: input.itemNotes, checklist },
    });
    const url = `/data/kerja/revisi/${rev.id}`;
    for (const role of d.rule.notify) {
      const coreRole = role === 'produsen' ? 'produsen_data' : role;
      const notice = { kind: `data.${event}`, titleKey: `data.notify.${event}`, params: { title: rev.title }, body: input.note ?? input.reason ?? '', url };
      // Walidata: the provincial ones and the regency/city walidata whose region holds the organisation.
      if (coreRole === 'walidata') await notifyUsers(tx, await walidataFor(tx, ds.organisation_id), notice, ctx.config.baseUrl);
      else await notifyRole(tx, coreRole, ds.organisation_id, notice, ctx.config.baseUrl);
    }
    return d.to;
  });
  return result;
}

/** Make `rev` the public revision: supersede the previous one, compute what changed, refresh the catalogue. */
async function publishRevision(tx: Queryable, ds: repo.DatasetRow, rev: repo.RevisionRow): Promise<void> {
  const prevId = ds.published_revision_id;
  let summary: unknown = null;
  if (prevId && prevId !== rev.id) {
    const prev = (await repo.findRevision(tx, prevId))!;
    summary = await changeSummary(tx, prev, rev);
    await repo.setRevisionState(tx, prevId, 'superseded');
    await repo.insertEvent(tx, { revisionId: prevId, event: 'supersede', from: prev.state, to: 'superseded', actorId: null });
  } else {
    const { rows } = await tx.query(`SELECT id, state FROM data_revisions WHERE dataset_id = $1 AND state = 'unpublished' AND id <> $2`, [ds.id, rev.id]);
    for (const r of rows) await repo.setRevisionState(tx, r.id, 'superseded');
  }
  await tx.query('UPDATE data_datasets SET published_revision_id = $2, published_at = coalesce(published_at, now()) WHERE id = $1', [ds.id, rev.id]);
  if (summary) await tx.query('UPDATE data_revisions SET change_summary = $2 WHERE id = $1', [rev.id, JSON.stringify(summary)]);
  await refreshProjection(tx, ds.id);
}

const META_KEYS: Array<keyof repo.RevisionRow> = ['title', 'description', 'sector', 'topic', 'tags', 'licence', 'temporal_start', 'temporal_end', 'region_codes', 'frequency', 'level', 'contact_role', 'source', 'notes', 'ms_ind', 'ms_keg'];

/**
 * Version history entry: metadata fields changed, and per resource schema changes, row counts, changed
 * rows (`EXCEPT ALL`) and, when both tables have the same columns, the changed cells ({@link changedCells}).
 */
export async function changeSummary(db: Queryable, prev: repo.RevisionRow, next: repo.RevisionRow): Promise<unknown> {
  const metadata = META_KEYS.filter((k) => JSON.stringify(prev[k]) !== JSON.stringify(next[k]));
  const before = await repo.listResources(db, prev.id);
  const after = await repo.listResources(db, next.id);
  const resources = [];
  for (const r of after) {
    const old = before.find((b) => b.lineage_id === r.lineage_id);
    if (!old) { resources.push({ name: r.name, added: true, rows: r.row_count }); continue; }
    if (old.datastore_table === r.datastore_table) { resources.push({ name: r.name, unchanged: true, rows: r.row_count }); continue; }
    const of = old.table_schema?.fields ?? [];
    const nf = r.table_schema?.fields ?? [];
    const added = nf.filter((f) => !of.some((o) => o.name === f.name)).map((f) => f.name);
    const removed = of.filter((f) => !nf.some((n) => n.name === f.name)).map((f) => f.name);
    const retyped = nf.filter((f) => of.some((o) => o.name === f.name && o.type !== f.type)).map((f) => f.name);
    let rowsAdded: number | null = null;
    let rowsRemoved: number | null = null;
    let cells: CellChanges | null = null;
    if (old.datastore_table && r.datastore_table && !added.length && !removed.length && !retyped.length && nf.length) {
      const cols = nf.map((f) => `"${f.name}"`).join(', ');
      const q = (a: string, b: string) => `SELECT count(*)::bigint AS n FROM (SELECT ${cols} FROM datastore."${a}" EXCEPT ALL SELECT ${cols} FROM datastore."${b}") x`;
      rowsAdded = Number((await db.query(q(r.datastore_table, old.datastore_table))).rows[0].n);
      rowsRemoved = Number((await db.query(q(old.datastore_table, r.datastore_table))).rows[0].n);
      cells = await changedCells(db, old.datastore_table, r.datastore_table, nf, r.table_schema?.primaryKey ?? old.table_schema?.primaryKey);
    }
    resources.push({ name: r.name, rowsBefore: old.row_count, rowsAfter: r.row_count, fieldsAdded: added, fieldsRemoved: removed, fieldsRetyped: retyped, rowsAdded, rowsRemoved, cells });
  }
  for (const b of before) if (!after.some((a) => a.lineage_id === b.lineage_id)) resources.push({ name: b.name, removed: true });
  return { fromRevision: prev.number, metadata, resources };
}

/** Changed cells between two versions of a table with the same columns (part of the change summary). */
export interface CellChanges {
  /** How rows were matched: the Table Schema's primary key, the first column unique in both tables, or the row position (`_id`). */
  key: { kind: 'primaryKey' | 'column' | 'row'; columns: string[]; titles: string[] };
  /** Rows present in both versions under that key. */
  matchedRows: number;
  /** Matched rows with at least one changed cell. */
  changedRows: number;
  changedCells: number;
  /** Columns with changes, in schema order. */
  byColumn: Array<{ column: string; title: string; changed: number }>;
  /** Up to 20 changed cells, in file order then column order; values as text (≤ 200 characters). */
  sample: Array<{ key: string; column: string; title: string; before: string | null; after: string | null }>;
}

const CELL_KEY_TYPES = ['string', 'integer', 'date'];
/** Columns tried as a key (the first 16 have a btree index, so the uniqueness checks are index scans). */
const CELL_KEY_CANDIDATES = 16;
const CELL_SAMPLE = 20;

/**
 * Compare two datastore tables cell by cell in one SQL statement: the key is chosen inside the query
 * (the uniqueness checks are lazily evaluated sub-plans, run in order only until one candidate passes),
 * rows are joined on it, changed cells counted per column with `IS DISTINCT FROM`, and the sample taken
 * from the first 20 changed rows (a bounded top-N sort; the first 20 changed cells lie in them). Nothing
 * of the tables is read into JavaScript.
 */
export async function changedCells(db: Queryable, oldTable: string, newTable: string, fields: TableSchema['fields'], primaryKey?: string[]): Promise<CellChanges> {
  const id = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const O = `datastore.${id(oldTable)}`;
  const N = `datastore.${id(newTable)}`;
  const candidates: Array<{ kind: 'primaryKey' | 'column'; columns: string[] }> = [];
  if (primaryKey?.length && primaryKey.every((c) => fields.some((f) => f.name === c))) candidates.push({ kind: 'primaryKey', columns: primaryKey });
  for (const f of fields.filter((x) => CELL_KEY_TYPES.includes(x.type)).slice(0, CELL_KEY_CANDIDATES)) candidates.push({ kind: 'column', columns: [f.name] });
  const unique = (t: string, cols: string[]) =>
    `(NOT EXISTS (SELECT 1 FROM ${t} WHERE ${cols.map((c) => `${id(c)} IS NULL`).join(' OR ')}) AND NOT EXISTS (SELECT 1 FROM ${t} GROUP BY ${cols.map(id).join(', ')} HAVING count(*) > 1))`;
  const choice = candidates.length ? `CASE ${candidates.map((c, i) => `WHEN ${unique(O, c.columns)} AND ${unique(N, c.columns)} THEN ${i}`).join(' ')} ELSE -1 END` : '-1';
  // One join per way of matching, each behind a one-time filter on the choice, so only the chosen one runs
  // and each is planned on its real columns (a hash or merge join, never a nested loop over CASE keys).
  // Rows travel as whole-row values (o, n) so that wide tables stay under the target-list limit.
  // (Mixed-case aliases cannot collide with datastore column names, which are lower-case snake_case.)
  const label = (cols: string[]) => (cols.length === 1 ? `"New".${id(cols[0])}::text` : `concat_ws(' · ', ${cols.map((x) => `"New".${id(x)}::text`).join(', ')})`);
  const join = `${O} AS "Old" JOIN ${N} AS "New"`;
  const branches = [
    ...candidates.map((c, i) => `SELECT ${label(c.columns)} AS key, "New"._id AS nid, "Old" AS o, "New" AS n FROM ${join} ON ${c.columns.map((x) => `"Old".${id(x)} = "New".${id(x)}`).join(' AND ')} WHERE (SELECT k FROM choice) = ${i}`),
    `SELECT "New"._id::text AS key, "New"._id AS nid, "Old" AS o, "New" AS n FROM ${join} ON "Old"._id = "New"._id WHERE (SELECT k FROM choice) = -1`,
  ];
  const differs = (f: string) => `(p.o).${id(f)} IS DISTINCT FROM (p.n).${id(f)}`;
  const anyChanged = fields.map((f) => differs(f.name)).join(' OR ');
  const sql = `WITH choice AS (SELECT ${choice} AS k),
    pairs AS NOT MATERIALIZED (${branches.join('\n      UNION ALL ')})
    SELECT (SELECT k FROM choice) AS k, count(*)::bigint AS matched,
      count(*) FILTER (WHERE ${anyChanged})::bigint AS changed_rows,
      ${fields.map((f, i) => `count(*) FILTER (WHERE ${differs(f.name)})::bigint AS c${i}`).join(',\n      ')},
      (SELECT coalesce(json_agg(s), '[]'::json) FROM (
        SELECT p.key, v.pos, v.b AS before, v.a AS after
        FROM (SELECT * FROM pairs p WHERE ${anyChanged} ORDER BY p.nid LIMIT ${CELL_SAMPLE}) p
        CROSS JOIN LATERAL (VALUES ${fields.map((f, i) => `(${i}, ${differs(f.name)}, left((p.o).${id(f.name)}::text, 200), left((p.n).${id(f.name)}::text, 200))`).join(', ')}) AS v(pos, changed, b, a)
        WHERE v.changed ORDER BY p.nid, v.pos LIMIT ${CELL_SAMPLE}) s) AS sample
    FROM pairs p`;
  const row = (await db.query(sql)).rows[0];
  const k = Number(row.k);
  const chosen = k >= 0 ? candidates[k] : { kind: 'row' as const, columns: [] };
  const key = { ...chosen, titles: chosen.columns.map((c) => fields.find((f) => f.name === c)?.title ?? c) };
  const byColumn = fields.map((f, i) => ({ column: f.name, title: f.title, changed: Number(row[`c${i}`]) })).filter((c) => c.changed > 0);
  const sampleRows = (typeof row.sample === 'string' ? JSON.parse(row.sample) : row.sample) as Array<{ key: string; pos: number; before: string | null; after: string | null }>;
  return {
    key, matchedRows: Number(row.matched), changedRows: Number(row.changed_rows), changedCells: byColumn.reduce((a, c) => a + c.changed, 0), byColumn,
    sample: sampleRows.map((x) => ({ key: x.key, column: fields[x.pos].name, title: fields[x.pos].title, before: x.before, after: x.after })),
  };
}

/** Open a new revision of a published dataset (the published one stays public meanwhile). */
export async function openRevision(ctx: AppContext, actor: Actor, datasetId: string): Promise<string> {
  return withTransaction(ctx.pool, async (tx) => {
    const ds = await repo.findDatasetById(tx, datasetId);
    if (!ds || !ds.latest_revision_id) throw new NotFoundError();
    const latest = (await repo.findRevision(tx, ds.latest_revision_id, true))!;
    const ref = revisionRef(ds, latest);
    authorize(actor, 'data.revision.read', ref, { hide: true });
    authorize(actor, 'data.revision.open', ref);
    if (!canOpenRevision(latest.state)) throw new ConflictError('data.wf.err.revision_in_progress');
    const f: repo.RevisionFields = {
      title: latest.title, description: latest.description, sector: latest.sector, topic: latest.topic, tags: latest.tags, licence: latest.licence,
      temporalStart: latest.temporal_start, temporalEnd: latest.temporal_end, regionCodes: latest.region_codes, frequency: latest.frequency, level: latest.level,
      contactRole: latest.contact_role, source: latest.source, notes: latest.notes, msInd: latest.ms_ind, msKeg: latest.ms_keg,
    };
    const id = await repo.insertRevision(tx, ds.id, latest.number + 1, f, actor.id);
    await repo.copyResources(tx, latest.id, id);
    await audit(tx, actor, { action: 'data.revision.open', entityType: 'data_revision', entityId: id, organisationId: ds.organisation_id, after: { number: latest.number + 1 } });
    return id;
  });
}

/** Drop a datastore table when no resource refers to it any more (call inside the transaction that removed the reference). */
export async function dropTableIfUnreferenced(tx: Queryable, table: string | null): Promise<void> {
  if (!table || !/^ds_[0-9a-f]{24}$/.test(table)) return;
  const { rows } = await tx.query('SELECT 1 FROM data_resources WHERE datastore_table = $1 LIMIT 1', [table]);
  if (!rows.length) await tx.query(`DROP TABLE IF EXISTS datastore."${table}"`);
}

export interface TaskRow {
  revision_id: string;
  dataset_slug: string;
  title: string;
  state: WorkflowState;
  number: number;
  organisation_name: string;
  updated_at: Date;
  action_role: string;
}

/** Active walidata who cover an organisation: province-wide ones, and regency/city ones whose region holds it. */
export async function walidataFor(db: Queryable, organisationId: string): Promise<string[]> {
  const { rows } = await db.query(
    `SELECT DISTINCT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id JOIN organisations wo ON wo.id = m.organisation_id
       JOIN organisations target ON target.id = $1
     WHERE m.role = 'walidata' AND u.is_active
       AND (wo.region_code IS NULL OR position('.' in wo.region_code) = 0 OR target.region_code = wo.region_code OR target.region_code LIKE wo.region_code || '.%')`,
    [organisationId]);
  return rows.map((r) => r.user_id);
}

/** "My tasks": revisions waiting for this actor, per role. */
export async function myTasks(db: Queryable, actor: Actor): Promise<TaskRow[]> {
  const produsenOrgs = orgsWithRole(actor, 'produsen_data');
  const kepalaOrgs = orgsWithRole(actor, 'kepala_opd');
  const scope = walidataScope(actor);
  const { rows } = await db.query(
    `SELECT r.id AS revision_id, d.slug AS dataset_slug, r.title, r.state, r.number, o.name AS organisation_name, r.updated_at,
            CASE WHEN r.state IN ('draft', 'returned') THEN 'produsen' WHEN r.state = 'checked' THEN 'kepala_opd' ELSE 'walidata' END AS action_role
     FROM data_revisions r JOIN data_datasets d ON d.id = r.dataset_id JOIN organisations o ON o.id = d.organisation_id
     WHERE (r.state IN ('draft', 'returned') AND d.organisation_id = ANY($1::uuid[]))
        OR (r.state = 'checked' AND d.organisation_id = ANY($2::uuid[]))
        OR ($3 AND r.state IN ('submitted', 'validated') AND ${scopeSql('o', 4)})
     ORDER BY r.updated_at ASC LIMIT 500`, [produsenOrgs, kepalaOrgs, scope !== null, scopeParam(scope ?? undefined)]);
  return rows;
}

/** Datasets of the actor's organisations (all states), newest first. */
export async function myDatasets(db: Queryable, actor: Actor): Promise<Array<{ revision_id: string; slug: string; title: string; state: WorkflowState; number: number; organisation_name: string; updated_at: Date; published: boolean }>> {
  const orgs = actor.memberships.filter((m) => m.role === 'produsen_data' || m.role === 'kepala_opd').map((m) => m.organisationId);
  const scope = walidataScope(actor);
  const { rows } = await db.query(
    `SELECT r.id AS revision_id, d.slug, r.title, r.state, r.number, o.name AS organisation_name, r.updated_at, d.published_revision_id IS NOT NULL AS published
     FROM data_datasets d JOIN data_revisions r ON r.id = d.latest_revision_id JOIN organisations o ON o.id = d.organisation_id
     WHERE ($2 AND ${scopeSql('o', 3)}) OR d.organisation_id = ANY($1::uuid[]) ORDER BY r.updated_at DESC LIMIT 300`, [orgs, scope !== null, scopeParam(scope ?? undefined)]);
  return rows;
}

export { nextActor };

// ---------------------------------------------------------------------------------------------
// Service API for other modules (NTB Care statistics, harvests): publish a system-generated table.

export interface SystemDatasetInput {
  /** Stable key, e.g. `care.stats.monthly`: the same key updates the same dataset. */
  systemKey: string;
  organisationSlug: string;
  metadata: RevisionInput;
  /** The table as CSV text (UTF-8, any of , ; tab |). */
  csv: string;
  resourceName: string;
  /** Preferred slug (default: from the title). */
  slug?: string;
  /** Per-title overrides of the inferred schema (units, descriptions, types). */
  schemaOverrides?: Record<string, Partial<TableSchema['fields'][number]>>;
  isDemo?: boolean;
}

/**
 * Publish (or republish) a dataset generated by the platform itself. It goes through the workflow
 * table as the system actor: the revision is recorded as generated-and-validated by the system
 * (event `system_generated`, audited) and published with `auto_publish`, so it appears in the
 * catalogue, the API and the version history like any other dataset. Loads the data synchronously.
 */
export async function publishSystemDataset(ctx: AppContext, input: SystemDatasetInput): Promise<{ datasetId: string; revisionId: string; slug: string }> {
  const meta = parseInput(RevisionInput, input.metadata);
  const { rows: orgRows } = await ctx.pool.query('SELECT id FROM organisations WHERE slug = $1', [input.organisationSlug]);
  if (!orgRows[0]) throw new NotFoundError();
  const organisationId: string = orgRows[0].id;
  const { ingestCsvText } = await import('./ingest.service.ts');
  let existing = await repo.findDatasetBySystemKey(ctx.pool, input.systemKey);
  let revisionId: string;
  let datasetId: string;
  let slug: string;
  if (!existing) {
    ({ datasetId, revisionId, slug } = await withTransaction(ctx.pool, async (tx) => {
      const s = await uniqueSlug(tx, input.slug ? slugify(input.slug) : slugify(meta.title));
      const id = await repo.insertDataset(tx, { slug: s, organisationId, systemKey: input.systemKey, isDemo: input.isDemo });
      const rid = await repo.insertRevision(tx, id, 1, fields(meta), null);
      await audit(tx, SYSTEM_ACTOR, { action: 'data.dataset.create', entityType: 'data_dataset', entityId: id, organisationId, after: { slug: s, systemKey: input.systemKey } });
      return { datasetId: id, revisionId: rid, slug: s };
    }));
  } else {
    datasetId = existing.id;
    slug = existing.slug;
    revisionId = await withTransaction(ctx.pool, async (tx) => {
      const latest = (await repo.findRevision(tx, existing!.latest_revision_id!, true))!;
      if (latest.state === 'validated' || latest.state === 'draft') { await repo.updateRevisionFields(tx, latest.id, fields(meta)); return latest.id; }
      const rid = await repo.insertRevision(tx, datasetId, latest.number + 1, fields(meta), null);
      await repo.copyResources(tx, latest.id, rid);
      return rid;
    });
  }
  const resources = await repo.listResources(ctx.pool, revisionId);
  const res = resources.find((r) => r.name === input.resourceName);
  await ingestCsvText(ctx, { revisionId, resourceId: res?.id ?? null, name: input.resourceName, csv: input.csv, schemaOverrides: input.schemaOverrides });
  await withTransaction(ctx.pool, async (tx) => {
    const { ds, rev } = await loadRevision(tx, SYSTEM_ACTOR_READ, revisionId, true);
    if (rev.state === 'draft') {
      await repo.setRevisionState(tx, rev.id, 'validated', { validated_at: new Date() });
      await repo.insertEvent(tx, { revisionId: rev.id, event: 'system_generated', from: 'draft', to: 'validated', actorId: null, note: 'data sistem' });
      await audit(tx, SYSTEM_ACTOR, { action: 'data.revision.system_generated', entityType: 'data_revision', entityId: rev.id, organisationId: ds.organisation_id, after: { state: 'validated' } });
    }
  });
  await transition(ctx, SYSTEM_ACTOR_READ, revisionId, 'auto_publish');
  return { datasetId, revisionId, slug };
}

/** The system actor, allowed to read every revision (it is never a member of an organisation). */
const SYSTEM_ACTOR_READ: Actor = { ...SYSTEM_ACTOR, memberships: [{ organisationId: '00000000-0000-0000-0000-000000000000', organisationSlug: 'ntb-terbuka', organisationName: 'Sistem', role: 'walidata' }] };

export { can };
