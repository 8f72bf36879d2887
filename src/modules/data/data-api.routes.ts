/**
 * The JSON API of Satu Data under /api/v1/data: catalogue search with facets, dataset metadata,
 * datastore queries and streamed downloads, and the producer/walidata workflow for machine clients.
 */
import { contentDisposition } from '../../core/http/reply.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { PassThrough } from 'node:stream';
import { ErrorSchema } from '../../core/http/schemas.ts';
import { requireActor } from '../../core/http/request-context.ts';
import { BadRequestError, NotFoundError } from '../../core/http/errors.ts';
import type { SearchParams } from './catalogue.repo.ts';
import { searchCatalogue } from './catalogue-cache.ts';
import { publicDataset, readableResource, readableResourceRow } from './data-read.service.ts';
import { parseRecordQuery, queryRecords, streamCsv, streamJson, streamXlsx, csvCell } from './datastore-query.ts';
import * as svc from './dataset.service.ts';
import * as repo from './dataset.repo.ts';
import { countDownload } from './view-counters.ts';
import type { WorkflowEvent } from './dataset-workflow.ts';
import type { DatasetRow, RevisionRow, ResourceRow } from './dataset.repo.ts';
import type { TableSchema } from './datastore/table-schema.ts';

const Field = Type.Object({ name: Type.String(), title: Type.String(), type: Type.String(), unit: Type.Optional(Type.String()), description: Type.Optional(Type.String()) });
const Resource = Type.Object({
  id: Type.String({ description: 'Stable id of the resource across revisions (use it in record queries)' }),
  name: Type.String(), description: Type.String(), format: Type.String(), kind: Type.String(), url: Type.Union([Type.String(), Type.Null()]),
  datastore: Type.Boolean(), rowCount: Type.Union([Type.Number(), Type.Null()]), ingestStatus: Type.String(),
  schema: Type.Union([Type.Unknown(), Type.Null()]),
});
const DatasetOut = Type.Object({
  id: Type.String(), slug: Type.String(), title: Type.String(), description: Type.String(), organisation: Type.Object({ slug: Type.String(), name: Type.String() }),
  sector: Type.String(), topic: Type.String(), tags: Type.Array(Type.String()), licence: Type.String(), temporal: Type.Object({ start: Type.Union([Type.String(), Type.Null()]), end: Type.Union([Type.String(), Type.Null()]) }),
  regionCodes: Type.Array(Type.String()), frequency: Type.String(), level: Type.String(), contactRole: Type.String(), source: Type.String(), notes: Type.String(),
  msInd: Type.Record(Type.String(), Type.String()), msKeg: Type.Record(Type.String(), Type.String()),
  revision: Type.Number(), state: Type.String(), publishedAt: Type.Union([Type.String(), Type.Null()]), isDemo: Type.Boolean(),
  viewCount: Type.Number(), downloadCount: Type.Number(), resources: Type.Array(Resource),
});

/** A revision as its producer and the reviewers see it: the dataset fields, the revision id, ingestion status and workflow events. */
const RevisionOut = Type.Object({
  ...DatasetOut.properties,
  revisionId: Type.String(),
  ingest: Type.Array(Type.Object({ id: Type.String(), status: Type.Union([Type.String(), Type.Null()]), progress: Type.Unknown(), report: Type.Unknown() })),
  events: Type.Array(Type.Unknown()),
});

export function presentResource(r: ResourceRow, publicView: boolean) {
  return {
    id: publicView ? r.lineage_id : r.id, name: r.name, description: r.description, format: r.format.toUpperCase(), kind: r.kind, url: r.url,
    datastore: !!r.datastore_table, rowCount: r.row_count, ingestStatus: r.ingest_status, schema: r.table_schema ?? null,
  };
}

export function presentDataset(ds: DatasetRow, rev: RevisionRow, resources: ResourceRow[], publicView: boolean) {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: ds.id, slug: ds.slug, title: rev.title, description: rev.description, organisation: { slug: ds.organisation_slug, name: ds.organisation_name },
    sector: rev.sector, topic: rev.topic, tags: rev.tags, licence: rev.licence, temporal: { start: rev.temporal_start, end: rev.temporal_end },
    regionCodes: rev.region_codes, frequency: rev.frequency, level: rev.level, contactRole: rev.contact_role, source: rev.source, notes: rev.notes,
    msInd: rev.ms_ind ?? {}, msKeg: rev.ms_keg ?? {}, revision: rev.number, state: rev.state, publishedAt: iso(ds.published_at), isDemo: ds.is_demo,
    viewCount: Number(ds.view_count), downloadCount: Number(ds.download_count), resources: resources.map((r) => presentResource(r, publicView)),
  };
}

export function searchParamsFrom(q: Record<string, unknown>, limit = 20): SearchParams {
  const s = (k: string) => (typeof q[k] === 'string' && (q[k] as string).trim() ? (q[k] as string).trim().slice(0, 200) : undefined);
  const page = Math.max(1, Number(q.page) || 1);
  const year = Number(q.year);
  const sort = s('sort');
  return {
    q: s('q'), organisation: s('organisation'), sector: s('sector'), topic: s('topic'), tag: s('tag'), format: s('format'), level: s('level'),
    year: Number.isInteger(year) && year > 1900 ? year : undefined,
    sort: sort === 'newest' || sort === 'downloads' ? sort : 'relevance',
    limit, offset: (page - 1) * limit,
  };
}

/** Stream a full download of a datastore table in csv/json/xlsx. */
export async function sendDownload(req: FastifyRequest, reply: FastifyReply, resourceId: string, ext: string): Promise<FastifyReply> {
  const { pool } = req.server.ctx;
  if (!['csv', 'json', 'xlsx'].includes(ext)) throw new NotFoundError();
  const { resource, dataset } = await readableResource(pool, req.actor, resourceId);
  if (!resource.datastore_table || !resource.table_schema) throw new NotFoundError();
  const schema = resource.table_schema as TableSchema;
  const q = parseRecordQuery(schema, req.query as Record<string, unknown>);
  const out = new PassThrough();
  const name = `${dataset.slug}-${resource.name}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 100);
  const types: Record<string, string> = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  reply.header('content-type', types[ext]).header('content-disposition', contentDisposition(`${name}.${ext}`));
  countDownload(dataset.id);
  // ?header=name: the normalised export a data package points to (field names, no BOM)
  const header = (req.query as Record<string, unknown>).header === 'name' ? 'name' : 'title';
  const run = ext === 'csv' ? (...a: Parameters<typeof streamCsv>) => streamCsv(a[0], a[1], a[2], a[3], a[4], { header }) : ext === 'json' ? streamJson : streamXlsx;
  run(pool, resource.datastore_table, schema, q, out).catch((err) => { req.log.error({ err }, 'download failed'); out.destroy(err); });
  return reply.send(out);
}

export async function dataApiRoutes(app: FastifyInstance) {
  const ctx = app.ctx;
  const { pool } = ctx;

  app.get('/api/v1/data/datasets', {
    schema: {
      tags: ['data'], summary: 'Search the catalogue (full text with typo tolerance) with facets',
      querystring: Type.Object({
        q: Type.Optional(Type.String({ maxLength: 200 })), organisation: Type.Optional(Type.String()), sector: Type.Optional(Type.String()), topic: Type.Optional(Type.String()),
        tag: Type.Optional(Type.String()), format: Type.Optional(Type.String()), level: Type.Optional(Type.String()), year: Type.Optional(Type.Integer()),
        sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('newest'), Type.Literal('downloads')])),
        page: Type.Optional(Type.Integer({ minimum: 1 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
      }),
      response: { 200: Type.Object({ total: Type.Number(), correctedQuery: Type.Union([Type.String(), Type.Null()]), results: Type.Array(Type.Unknown()), facets: Type.Unknown() }) },
    },
  }, async (req) => {
    const qs = req.query as Record<string, unknown>;
    const p = searchParamsFrom(qs, Number(qs.limit) || 20);
    const { hits, total, corrected, facets } = await searchCatalogue(pool, p);
    return {
      total, correctedQuery: corrected, facets,
      results: hits.map((h) => ({ slug: h.slug, title: h.title, description: h.description, organisation: { slug: h.organisation_slug, name: h.organisation_name }, sector: h.sector, topic: h.topic, tags: h.tags, formats: h.formats, level: h.level, publishedAt: h.published_at, downloadCount: Number(h.download_count), isDemo: h.is_demo })),
    };
  });

  app.get('/api/v1/data/datasets/:slug', {
    schema: { tags: ['data'], summary: 'A published dataset: metadata (incl. BPS MS-Ind/MS-Keg), resources and their Table Schema', params: Type.Object({ slug: Type.String({ maxLength: 120 }) }), response: { 200: DatasetOut, 404: ErrorSchema } },
  }, async (req) => {
    const v = await publicDataset(pool, (req.params as { slug: string }).slug);
    return presentDataset(v.dataset, v.revision, v.resources, true);
  });

  app.get('/api/v1/data/resources/:id/records', {
    schema: {
      tags: ['data'], summary: 'Query a datastore table',
      description: 'Filters: `filter.<field>=v` (repeat for IN), `filter.<field>.gte=v` (ops eq, ne, gt, gte, lt, lte, like) or CKAN-style `filters={"field":"v"}`. `q` full text over text fields, `sort=-field,other`, `fields=a,b`, `limit` ≤ 1000, `cursor` from `nextCursor`. `format=csv` answers CSV. `total` is cached per filter set.',
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      querystring: Type.Object({ q: Type.Optional(Type.String()), sort: Type.Optional(Type.String()), fields: Type.Optional(Type.String()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })), cursor: Type.Optional(Type.String()), format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])) }, { additionalProperties: true }),
      response: { 200: Type.Object({ fields: Type.Array(Field), records: Type.Array(Type.Record(Type.String(), Type.Unknown())), total: Type.Number(), nextCursor: Type.Union([Type.String(), Type.Null()]) }), 400: ErrorSchema, 404: ErrorSchema },
    },
  }, async (req, reply) => {
    const resource = await readableResourceRow(pool, req.actor, (req.params as { id: string }).id);
    if (!resource.datastore_table || !resource.table_schema) throw new NotFoundError();
    const schema = resource.table_schema as TableSchema;
    const q = parseRecordQuery(schema, req.query as Record<string, unknown>);
    const page = await queryRecords(pool, resource.datastore_table, schema, q, resource.row_count);
    const fields = page.fields.map((f) => ({ name: f.name, title: f.title, type: f.type, ...(f.unit ? { unit: f.unit } : {}), ...(f.description ? { description: f.description } : {}) }));
    if ((req.query as { format?: string }).format === 'csv') {
      const lines = [page.fields.map((f) => csvCell(f.name)).join(','), ...page.records.map((r) => page.fields.map((f) => csvCell(r[f.name])).join(','))];
      if (page.nextCursor) reply.header('x-next-cursor', page.nextCursor);
      reply.header('x-total-count', String(page.total));
      return reply.type('text/csv; charset=utf-8').send(lines.join('\r\n') + '\r\n');
    }
    return { fields, records: page.records, total: page.total, nextCursor: page.nextCursor };
  });

  app.get('/api/v1/data/resources/:id/download.:ext', {
    schema: {
      tags: ['data'], summary: 'Stream the whole table (optionally filtered) as CSV, JSON or XLSX',
      description: 'CSV: UTF-8 with a BOM and the column labels as header; `?header=name`: no BOM and the Table Schema field names (the normalised export datapackage.json points to). Filters as in the records API.',
      params: Type.Object({ id: Type.String({ format: 'uuid' }), ext: Type.String() }),
      querystring: Type.Object({ header: Type.Optional(Type.Union([Type.Literal('title'), Type.Literal('name')])) }, { additionalProperties: true }),
      response: {
        200: { description: 'The table', content: {
          'text/csv': { schema: Type.String({ description: 'CSV, comma-separated, plain numbers' }) },
          'application/json': { schema: Type.Object({ fields: Type.Array(Type.Object({ name: Type.String(), title: Type.String(), type: Type.String() })), records: Type.Array(Type.Record(Type.String(), Type.Unknown())) }) },
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: Type.String({ format: 'binary' }) },
        } },
        404: ErrorSchema,
      },
    },
  }, async (req, reply) => sendDownload(req, reply, (req.params as { id: string }).id, (req.params as { ext: string }).ext));

  // ---- workflow for machine clients (personal API token) ----
  app.post('/api/v1/data/datasets', {
    schema: { tags: ['data'], summary: 'Create a dataset (produsen data); starts as a draft revision', security: [{ bearerAuth: [] }], body: Type.Object({}, { additionalProperties: true }), response: { 201: Type.Object({ id: Type.String(), slug: Type.String(), revisionId: Type.String() }), 401: ErrorSchema, 403: ErrorSchema, 422: ErrorSchema } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const r = await svc.createDataset(ctx, actor, req.body);
    return reply.status(201).send({ id: r.datasetId, slug: r.slug, revisionId: r.revisionId });
  });

  app.get('/api/v1/data/revisions/:id', {
    schema: { tags: ['data'], summary: 'A revision with its workflow state, resources and ingestion status', security: [{ bearerAuth: [] }], params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: RevisionOut, 404: ErrorSchema } },
  }, async (req) => {
    const actor = requireActor(req);
    const { ds, rev } = await svc.loadRevision(pool, actor, (req.params as { id: string }).id);
    const resources = await repo.listResources(pool, rev.id);
    return { ...presentDataset(ds, rev, resources, false), revisionId: rev.id, ingest: resources.map((r) => ({ id: r.id, status: r.ingest_status, progress: r.ingest_progress, report: r.ingest_report })), events: await repo.listEvents(pool, rev.id) };
  });

  app.post('/api/v1/data/revisions/:id/transitions', {
    schema: {
      tags: ['data'], summary: 'Fire a workflow event (submit, withdraw, return, check, reject, validate, publish, unpublish, republish)', security: [{ bearerAuth: [] }],
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      body: Type.Object({ event: Type.String({ maxLength: 30 }), note: Type.Optional(Type.String({ maxLength: 4000 })), reason: Type.Optional(Type.String({ maxLength: 4000 })), checklist: Type.Optional(Type.Record(Type.String(), Type.Boolean())), itemNotes: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 2000 }))) }),
      response: { 200: Type.Object({ state: Type.String() }), 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema },
    },
  }, async (req) => {
    const actor = requireActor(req);
    const b = req.body as { event: string; note?: string; reason?: string; checklist?: Record<string, boolean>; itemNotes?: Record<string, string> };
    const allowed = ['submit', 'withdraw', 'return', 'check', 'reject', 'validate', 'publish', 'unpublish', 'republish'];
    if (!allowed.includes(b.event)) throw new BadRequestError('data.api.bad_event', {}, [{ field: 'event', key: 'data.api.bad_event' }]);
    const state = await svc.transition(ctx, actor, (req.params as { id: string }).id, b.event as WorkflowEvent, { note: b.note, reason: b.reason, checklist: b.checklist, itemNotes: b.itemNotes });
    return { state };
  });

  app.post('/api/v1/data/revisions/:id/resources', {
    schema: { tags: ['data'], summary: 'Upload a file resource (multipart field `file`; optional fields `name`, `sheet`)', security: [{ bearerAuth: [] }], params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 201: Type.Object({ id: Type.String() }), 404: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const fieldsSeen: Record<string, string> = {};
    let id: string | null = null;
    for await (const part of req.parts()) {
      if (part.type === 'field') fieldsSeen[part.fieldname] = String(part.value ?? '');
      else if (part.fieldname === 'file' && !id) {
        id = await svc.addFileResource(ctx, actor, (req.params as { id: string }).id, part.file, { originalName: part.filename, name: fieldsSeen.name, sheet: fieldsSeen.sheet || undefined });
      } else part.file.resume();
    }
    if (!id) throw new BadRequestError('data.api.no_file', {}, [{ field: 'file', key: 'validation.required' }]);
    return reply.status(201).send({ id });
  });

  app.post('/api/v1/data/datasets/:slug/revisions', {
    schema: { tags: ['data'], summary: 'Open a new revision of a published dataset (the published one stays public)', security: [{ bearerAuth: [] }], params: Type.Object({ slug: Type.String({ maxLength: 120 }) }), response: { 201: Type.Object({ revisionId: Type.String() }), 404: ErrorSchema, 409: ErrorSchema } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const ds = await repo.findDatasetBySlug(pool, (req.params as { slug: string }).slug);
    if (!ds) throw new NotFoundError();
    return reply.status(201).send({ revisionId: await svc.openRevision(ctx, actor, ds.id) });
  });

  app.get('/api/v1/data/tasks', {
    schema: { tags: ['data'], summary: 'My tasks: revisions waiting for my action', security: [{ bearerAuth: [] }], response: { 200: Type.Object({ data: Type.Array(Type.Unknown()) }) } },
  }, async (req) => {
    const actor = requireActor(req);
    const rows = await svc.myTasks(pool, actor);
    return { data: rows.map((r) => ({ revisionId: r.revision_id, slug: r.dataset_slug, title: r.title, state: r.state, revision: r.number, organisation: r.organisation_name, waitingFor: r.action_role, updatedAt: r.updated_at })) };
  });
}
