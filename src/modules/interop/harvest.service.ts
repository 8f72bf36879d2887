/**
 * Harvesting regency/city portals: sources managed by walidata; gather (list what changed at the source,
 * detect removals) → import (idempotent upsert by source + remote id, content hash to skip unchanged) as
 * durable jobs; every run leaves a report; failures back off exponentially per source and never block
 * other sources (each source is its own job).
 */
import crypto from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import type { AppContext } from '../../core/app-context.ts';
import { withTransaction } from '../../core/db.ts';
import { audit } from '../../core/audit.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { parseInput } from '../../core/validation.ts';
import { NotFoundError, ValidationError } from '../../core/http/errors.ts';
import * as repo from './harvest.repo.ts';
import { ckanAllIds, ckanGather, dcatGather, passesFilters, HarvestFetchError, type HarvestedDataset, type HttpOptions } from './harvest-client.ts';
import { upsertExternalDataset, removeExternalDataset, externalDatasetIds, type ExternalDatasetInput } from '../data/external-catalogue.service.ts';
import type { Queryable } from '../../core/db.ts';

export const GATHER_JOB = 'interop.harvest.gather';
export const IMPORT_JOB = 'interop.harvest.import';
export const SCHEDULE_JOB = 'interop.harvest.schedule';

const list = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50, default: [] });
export const SourceInput = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  kind: Type.Union([Type.Literal('ckan'), Type.Literal('dcat')]),
  url: Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 500 }),
  organisationId: Type.String({ format: 'uuid' }),
  schedule: Type.Union([Type.Literal('manual'), Type.Literal('hourly'), Type.Literal('daily'), Type.Literal('weekly')], { default: 'daily' }),
  includeOrgs: list, excludeOrgs: list, includeTags: list, excludeTags: list,
  active: Type.Boolean({ default: true }),
});
export type SourceInput = Static<typeof SourceInput>;

const INTERVAL_MS: Record<string, number> = { hourly: 3600_000, daily: 86400_000, weekly: 7 * 86400_000, manual: 0 };
/** Next run after a success (by schedule) or a failure (exponential back-off: 5 min × 2^(failures-1), at most 1 day). */
export function nextRunAt(schedule: string, failures: number, now: Date): Date | null {
  if (failures > 0) return new Date(now.getTime() + Math.min(5 * 60_000 * 2 ** (failures - 1), 86400_000));
  if (schedule === 'manual') return null;
  return new Date(now.getTime() + INTERVAL_MS[schedule]);
}

/** Health over the recent runs: share of successful runs, last success, failures in a row, mean duration. */
export function sourceHealth(runs: repo.RunRow[]): { okRate: number | null; lastOk: Date | null; failuresInRow: number; meanMs: number | null; state: 'healthy' | 'degraded' | 'failing' | 'unknown' } {
  const done = runs.filter((r) => r.finished_at);
  if (!done.length) return { okRate: null, lastOk: null, failuresInRow: 0, meanMs: null, state: 'unknown' };
  const ok = done.filter((r) => r.status === 'ok');
  let inRow = 0;
  for (const r of done) { if (r.status === 'failed') inRow++; else break; }
  const meanMs = Math.round(done.reduce((s, r) => s + (new Date(r.finished_at!).getTime() - new Date(r.started_at).getTime()), 0) / done.length);
  const okRate = ok.length / done.length;
  return { okRate, lastOk: ok[0]?.finished_at ?? null, failuresInRow: inRow, meanMs, state: inRow >= 3 ? 'failing' : okRate < 0.8 || done[0].status !== 'ok' ? 'degraded' : 'healthy' };
}

export async function createSource(ctx: AppContext, actor: Actor, input: unknown): Promise<string> {
  authorize(actor, 'interop.harvest.manage');
  const i = parseInput(SourceInput, input);
  await checkOrg(ctx, i.organisationId);
  return withTransaction(ctx.pool, async (tx) => {
    const { rows } = await tx.query('SELECT 1 FROM interop_harvest_sources WHERE url = $1 AND organisation_id = $2', [i.url, i.organisationId]);
    if (rows.length) throw new ValidationError([{ field: 'url', key: 'interop.harvest.err.duplicate' }]);
    const id = await repo.insertSource(tx, i, actor.id);
    await audit(tx, actor, { action: 'interop.harvest.source.create', entityType: 'interop_harvest_source', entityId: id, organisationId: i.organisationId, after: { title: i.title, kind: i.kind, url: i.url } });
    return id;
  });
}

export async function updateSource(ctx: AppContext, actor: Actor, id: string, input: unknown): Promise<void> {
  authorize(actor, 'interop.harvest.manage');
  const i = parseInput(SourceInput, input);
  await checkOrg(ctx, i.organisationId);
  await withTransaction(ctx.pool, async (tx) => {
    const before = await repo.findSource(tx, id, true);
    if (!before) throw new NotFoundError();
    await repo.updateSource(tx, id, i);
    await audit(tx, actor, { action: 'interop.harvest.source.update', entityType: 'interop_harvest_source', entityId: id, organisationId: i.organisationId, before: { title: before.title, url: before.url, active: before.active }, after: { title: i.title, url: i.url, active: i.active } });
  });
}

async function checkOrg(ctx: AppContext, id: string): Promise<void> {
  const { rows } = await ctx.pool.query('SELECT 1 FROM organisations WHERE id = $1', [id]);
  if (!rows.length) throw new ValidationError([{ field: 'organisationId', key: 'interop.harvest.err.organisation' }]);
}

export interface HarvestDeps { http?: HttpOptions; now?: () => Date }

/** Gather: what changed at the source since the high-water mark, and which datasets are gone. Returns the run id. */
export async function gather(ctx: AppContext, sourceId: string, deps: HarvestDeps = {}): Promise<string | null> {
  const src = await repo.findSource(ctx.pool, sourceId);
  if (!src || !src.active) return null;
  const now = deps.now ?? (() => new Date());
  const runId = await repo.insertRun(ctx.pool, sourceId, src.high_water_mark ? 'incremental' : 'full');
  const stats = { requests: 0, retries: 0, slowest: 0 };
  const http: HttpOptions = {
    timeoutMs: 20_000, retries: 3, backoffMs: 1000, ...deps.http,
    onAttempt: (a) => { stats.requests++; if (a.attempt > 0) stats.retries++; stats.slowest = Math.max(stats.slowest, a.ms); deps.http?.onAttempt?.(a); },
  };
  const errors: repo.RunRow['errors'] = [];
  const filters = { includeOrganisations: src.include_orgs, excludeOrganisations: src.exclude_orgs, includeTags: src.include_tags, excludeTags: src.exclude_tags };
  let gathered = 0, skipped = 0, removed = 0;
  try {
    let live: string[];
    const take = async (d: HarvestedDataset) => {
      if (!passesFilters(d, filters)) { skipped++; return; }
      await repo.putObject(ctx.pool, runId, d);
      gathered++;
    };
    if (src.kind === 'ckan') {
      for await (const d of ckanGather(src.url, { since: src.high_water_mark }, http, (reason, raw) => errors.push({ remoteId: String((raw as any)?.id ?? ''), stage: 'gather', reason }))) await take(d);
      live = [...await ckanAllIds(src.url, http)];
    } else {
      const all = await dcatGather(src.url, http);
      const hwm = src.high_water_mark;
      for (const d of all) if (!hwm || !d.modified || d.modified >= hwm) await take(d);
      live = all.map((d) => d.remoteId);
    }
    // removed at the source → removed here and from the portal search, in one transaction
    removed = await withTransaction(ctx.pool, async (tx) => {
      const ids = await repo.markRemoved(tx, sourceId, live);
      await removeExternalDataset(tx, ids);
      return ids.length;
    });
    await repo.updateRun(ctx.pool, runId, { status: 'importing', gathered, skipped, removed, errors, requests: stats.requests, retries: stats.retries, slowest_ms: stats.slowest });
    return runId;
  } catch (e) {
    const reason = e instanceof HarvestFetchError ? `${e.kind}: ${e.message}` : (e as Error).message;
    errors.push({ stage: 'gather', reason });
    await repo.updateRun(ctx.pool, runId, { status: 'failed', finished_at: now(), gathered, skipped, errors, requests: stats.requests, retries: stats.retries, slowest_ms: stats.slowest, message: reason.slice(0, 500) });
    const failures = src.consecutive_failures + 1;
    await repo.setSchedule(ctx.pool, sourceId, nextRunAt(src.schedule, failures, now()), failures);
    return runId;
  }
}

const slug = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
/** Stable id of a harvested resource, shaped like a UUID (CKAN clients expect one). */
export function harvestedResourceId(sourceId: string, remoteResourceId: string): string {
  const h = crypto.createHash('sha1').update(`${sourceId}\n${remoteResourceId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function fieldsOf(src: repo.SourceRow, d: HarvestedDataset, name: string): repo.HarvestedFields {
  const http = (u: string) => (/^https?:\/\//i.test(u) ? u : '');
  const resources = d.resources.map((r) => ({ id: harvestedResourceId(src.id, r.remoteId), remoteId: r.remoteId, name: r.name.slice(0, 300), description: r.description, url: http(r.url), format: r.format.slice(0, 20), size: r.size, lastModified: r.lastModified }));
  const core = {
    title: d.title.slice(0, 500), notes: d.notes, tags: [...new Set(d.tags.map((t) => t.slice(0, 100)))], groups: d.groups.map(slug).filter(Boolean),
    formats: [...new Set(d.resources.map((r) => r.format.toUpperCase()).filter(Boolean))], licenceId: d.licenceId || 'notspecified',
    remoteOrgName: d.organisation?.name ?? '', remoteOrgTitle: d.organisation?.title ?? '', temporalStart: /^\d{4}-\d\d-\d\d$/.test(d.temporalStart ?? '') ? d.temporalStart : null,
    temporalEnd: /^\d{4}-\d\d-\d\d$/.test(d.temporalEnd ?? '') ? d.temporalEnd : null, originalUrl: http(d.originalUrl), extras: d.extras, resources,
    remoteCreated: d.created ? new Date(d.created) : null, remoteModified: d.modified ? new Date(d.modified) : null,
  };
  const contentHash = crypto.createHash('sha256').update(JSON.stringify(core)).digest('hex');
  return { ...core, name, organisationId: src.organisation_id, contentHash };
}

/** Import: upsert every gathered object of a run (idempotent); finishes the run and schedules the next. */
export async function importRun(ctx: AppContext, runId: string, deps: HarvestDeps = {}): Promise<repo.RunRow | null> {
  const run = await repo.findRun(ctx.pool, runId);
  if (!run || run.status !== 'importing') return run;
  const src = (await repo.findSource(ctx.pool, run.source_id))!;
  const now = deps.now ?? (() => new Date());
  let { created, updated, unchanged } = run;
  const errors = [...run.errors];
  let hwm: Date | null = null;
  for (;;) {
    const batch = await repo.pendingObjects(ctx.pool, runId, 100);
    if (!batch.length) break;
    for (const o of batch) {
      const d = o.payload as HarvestedDataset;
      try {
        await withTransaction(ctx.pool, async (tx) => {
          const existing = await repo.findHarvested(tx, src.id, d.remoteId);
          let id: string;
          if (existing) {
            id = existing.id;
            const f = fieldsOf(src, d, existing.name);
            if (f.contentHash === existing.content_hash && existing.state === 'active') { await repo.touchHarvested(tx, existing.id); unchanged++; }
            else { await repo.updateHarvested(tx, existing.id, f); updated++; }
          } else {
            const baseName = `${src.organisation_slug}-${slug(d.name) || 'dataset'}`.slice(0, 90).replace(/-+$/, '');
            let name = baseName;
            for (let i = 2; !(await repo.nameFree(tx, name)); i++) name = `${baseName}-${i}`;
            id = await repo.insertHarvested(tx, src.id, d.remoteId, fieldsOf(src, d, name));
            created++;
          }
          // the data module's catalogue entry (portal search) changes in the same transaction; a no-op when unchanged
          await syncCatalogueEntry(tx, id);
          await repo.markImported(tx, runId, d.remoteId);
        });
        const m = d.modified ? new Date(d.modified) : null;
        if (m && (!hwm || m > hwm)) hwm = m;
      } catch (e) {
        errors.push({ remoteId: d.remoteId, stage: 'import', reason: (e as Error).message.slice(0, 300) });
        await repo.markImported(ctx.pool, runId, d.remoteId);
      }
    }
  }
  const status = errors.length ? 'partial' : 'ok';
  await reconcileCatalogue(ctx.pool);
  await repo.updateRun(ctx.pool, runId, { status, finished_at: now(), created, updated, unchanged, errors });
  await repo.setSchedule(ctx.pool, src.id, nextRunAt(src.schedule, 0, now()), 0, hwm);
  await withTransaction(ctx.pool, async (tx) => {
    await audit(tx, null, { action: 'interop.harvest.run', entityType: 'interop_harvest_run', entityId: runId, organisationId: src.organisation_id, after: { status, created, updated, unchanged, removed: run.removed, errors: errors.length } });
  });
  return repo.findRun(ctx.pool, runId);
}

/** Gather then import in this process (the jobs do the same in two steps). */
export async function harvestNow(ctx: AppContext, sourceId: string, deps: HarvestDeps = {}): Promise<repo.RunRow | null> {
  const runId = await gather(ctx, sourceId, deps);
  if (!runId) return null;
  return importRun(ctx, runId, deps);
}

/** Queues a gather for the source (one at a time per source). */
export async function queueHarvest(ctx: AppContext, actor: Actor | null, sourceId: string): Promise<void> {
  if (actor) authorize(actor, 'interop.harvest.manage');
  const src = await repo.findSource(ctx.pool, sourceId);
  if (!src) throw new NotFoundError();
  await ctx.jobs.send(GATHER_JOB, { sourceId }, { singletonKey: sourceId });
}

/** Provider name of harvested datasets in the data module's external catalogue. */
export const CATALOGUE_PROVIDER = 'interop.harvest';

const day = (d: unknown): string | null => (d instanceof Date ? d.toISOString().slice(0, 10) : d ? String(d).slice(0, 10) : null);

/** The data module's catalogue entry of a harvested dataset: what its search needs, the provenance label and the local page. */
export function catalogueEntryOf(h: any): ExternalDatasetInput {
  const extras = (h.extras ?? {}) as Record<string, string>;
  const groups = (h.groups ?? []) as string[];
  return {
    id: h.id, provider: CATALOGUE_PROVIDER, slug: h.name, organisationId: h.organisation_id,
    title: h.title, description: h.notes, sector: extras.sdi_sector || groups.find((g) => ['sosial', 'ekonomi', 'infrastruktur'].includes(g)) || null,
    topic: extras.sdi_topic ?? '', tags: h.tags, groups, formats: h.formats, licence: h.licence_id, level: extras.sdi_level || null,
    temporalStart: day(h.temporal_start), temporalEnd: day(h.temporal_end),
    created: h.remote_created ?? h.first_harvested_at, modified: h.remote_modified ?? h.first_harvested_at,
    pageUrl: `/data/panen/dataset/${h.name}`, originalUrl: h.original_url, sourceLabel: h.source_title, revision: h.content_hash,
  };
}

/** Writes (active) or removes (removed) the catalogue entry of one harvested dataset. */
export async function syncCatalogueEntry(db: Queryable, harvestedId: string): Promise<void> {
  const h = await repo.findHarvestedForCatalogue(db, harvestedId);
  if (h?.state === 'active') await upsertExternalDataset(db, catalogueEntryOf(h));
  else await removeExternalDataset(db, harvestedId);
}

/**
 * Brings the data module's external catalogue in line with the harvested datasets: entries missing for
 * active datasets are written (e.g. harvested before the catalogue existed), entries of datasets no longer
 * active are removed. Runs after each import and with the schedule job; cheap when nothing differs.
 */
export async function reconcileCatalogue(db: Queryable): Promise<{ added: number; removed: number }> {
  const listed = new Set(await externalDatasetIds(db, CATALOGUE_PROVIDER));
  const active = await repo.activeHarvestedIds(db);
  const activeSet = new Set(active);
  let added = 0;
  for (const id of active) if (!listed.has(id)) { await syncCatalogueEntry(db, id); added++; }
  const stale = [...listed].filter((id) => !activeSet.has(id));
  const removed = stale.length ? await removeExternalDataset(db, stale) : 0;
  return { added, removed };
}
