/**
 * External datasets in the Satu Data catalogue: datasets described elsewhere — today the datasets the
 * interop module harvests from regency/city portals — that the portal search (`/data/cari`, organisation and
 * sector pages) and the catalogue read service list next to the datasets published here, marked with their
 * provenance and linked to a local read-only page. This is the data module's extension point: a provider
 * writes through these functions (in its own transaction, so its record and the catalogue entry change
 * together) and never touches the table; the data module never reads the provider's tables.
 *
 * A write that changes nothing (same content hash) is skipped, so a re-harvest of unchanged datasets does
 * not bump the catalogue version (data_catalogue_version, bumped by a statement trigger on every write) and
 * cached search answers stay valid.
 */
import crypto from 'node:crypto';
import type { Queryable } from '../../core/db.ts';
import { SECTORS } from './dataset.schema.ts';

export interface ExternalDatasetInput {
  /** The provider's id of the record (uuid); also the catalogue id (CKAN package id). */
  id: string;
  /** Who maintains the entry, e.g. `interop.harvest`. */
  provider: string;
  /** Name in the catalogue (lower-case letters, digits, `-`, `_`); unique. */
  slug: string;
  /** The organisation that answers for the dataset here (e.g. the regency whose portal was harvested). */
  organisationId: string;
  title: string;
  description?: string;
  /** Kept only when it is one of the Satu Data sectors (sosial, ekonomi, infrastruktur). */
  sector?: string | null;
  topic?: string;
  tags?: string[];
  /** The source's categories (CKAN groups), as slugs. */
  groups?: string[];
  formats?: string[];
  licence?: string;
  /** Kept only when it is one of the Satu Data levels. */
  level?: string | null;
  /** Temporal coverage (YYYY-MM-DD); gives the year facet. */
  temporalStart?: string | null;
  temporalEnd?: string | null;
  created?: Date | string | null;
  modified?: Date | string | null;
  /** The local read-only page (a path such as `/data/panen/dataset/<name>`) with the provenance. */
  pageUrl: string;
  /** The dataset's page at its source (http/https), shown as a link. */
  originalUrl?: string;
  /** Shown as "dipanen dari <sourceLabel>". */
  sourceLabel: string;
  /** Opaque version of the provider's record: a change invalidates cached catalogue answers even when no searched field changed. */
  revision?: string;
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

const LEVELS = ['provinsi', 'kabupaten_kota', 'kecamatan', 'desa'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d\d-\d\d$/;

function uniq(xs: string[] | undefined, max: number, map: (s: string) => string = (s) => s): string[] {
  return [...new Set((xs ?? []).map((x) => map(String(x).trim()).slice(0, max)).filter(Boolean))].slice(0, 200);
}

function isoOrNull(d: Date | string | null | undefined): string | null {
  if (d == null || d === '') return null;
  const x = d instanceof Date ? d : new Date(d);
  return Number.isNaN(x.getTime()) ? null : x.toISOString();
}

/** Years covered by a temporal range (at most 100; a wider range keeps its two ends). */
export function yearsOf(start: string | null | undefined, end: string | null | undefined): number[] {
  const a = start && DAY.test(start) ? Number(start.slice(0, 4)) : null;
  const b = end && DAY.test(end) ? Number(end.slice(0, 4)) : null;
  const from = a ?? b, to = b ?? a;
  if (from == null || to == null) return [];
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  if (hi - lo > 100) return [lo, hi];
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** The normalised row; throws on input no catalogue entry can be made of (a programming error of the provider). */
function normalise(i: ExternalDatasetInput) {
  if (!UUID.test(i.id)) throw new Error(`external dataset: id must be a uuid (${i.id})`);
  if (!/^[a-z][a-z0-9_.-]*$/.test(i.provider)) throw new Error(`external dataset: bad provider ${i.provider}`);
  if (!/^[a-z0-9_-]+$/.test(i.slug)) throw new Error(`external dataset: bad slug ${i.slug}`);
  if (!UUID.test(i.organisationId)) throw new Error('external dataset: organisationId must be a uuid');
  if (!/^\/[^/]/.test(i.pageUrl)) throw new Error('external dataset: pageUrl must be a local path');
  const originalUrl = i.originalUrl && /^https?:\/\/\S+$/i.test(i.originalUrl) ? i.originalUrl : '';
  const sourceLabel = String(i.sourceLabel ?? '').trim().slice(0, 200);
  if (!sourceLabel) throw new Error('external dataset: sourceLabel is required');
  const now = new Date().toISOString();
  return {
    id: i.id.toLowerCase(), provider: i.provider, slug: i.slug, organisationId: i.organisationId,
    title: (String(i.title ?? '').trim() || i.slug).slice(0, 500),
    description: String(i.description ?? ''),
    sector: i.sector && (SECTORS as readonly string[]).includes(i.sector) ? i.sector : null,
    topic: String(i.topic ?? '').trim().slice(0, 200),
    tags: uniq(i.tags, 100),
    groups: uniq(i.groups, 100, (s) => s.toLowerCase()),
    formats: uniq(i.formats, 20, (s) => s.toUpperCase()),
    licence: String(i.licence ?? '').trim().slice(0, 100) || 'notspecified',
    level: i.level && LEVELS.includes(i.level) ? i.level : null,
    years: yearsOf(i.temporalStart, i.temporalEnd),
    created: isoOrNull(i.created), modified: isoOrNull(i.modified) ?? isoOrNull(i.created) ?? now,
    pageUrl: i.pageUrl, originalUrl, sourceLabel, revision: i.revision ?? '',
  };
}

/**
 * Creates or updates the catalogue entry of an external dataset (idempotent). Call it inside the
 * transaction that writes the provider's own record.
 */
export async function upsertExternalDataset(db: Queryable, input: ExternalDatasetInput): Promise<UpsertOutcome> {
  const r = normalise(input);
  const hash = crypto.createHash('sha256').update(JSON.stringify({ ...r, modified: isoOrNull(input.modified) ?? isoOrNull(input.created) })).digest('hex');
  const { rows: cur } = await db.query('SELECT content_hash FROM data_external_datasets WHERE id = $1', [r.id]);
  if (cur[0]?.content_hash === hash) return 'unchanged';
  await db.query(
    `INSERT INTO data_external_datasets AS e (id, provider, slug, organisation_id, title, description, sector, topic, tags, groups, formats, licence, level, years,
       created, modified, page_url, original_url, source_label, content_hash, search_vector, updated_at)
     SELECT $1, $2, $3, o.id, $5, $6, $7, $8, $9::text[], $10::text[], $11::text[], $12, $13, $14::int[], coalesce($15::timestamptz, now()), $16::timestamptz, $17, $18, $19, $20,
       setweight(to_tsvector('indonesian', $5), 'A')
         || setweight(to_tsvector('indonesian', array_to_string($9::text[], ' ') || ' ' || $8), 'B')
         || setweight(to_tsvector('indonesian', left($6, 20000) || ' ' || o.name || ' ' || coalesce(o.short_name, '') || ' ' || $19), 'C'),
       now()
     FROM organisations o WHERE o.id = $4
     ON CONFLICT (id) DO UPDATE SET provider = EXCLUDED.provider, slug = EXCLUDED.slug, organisation_id = EXCLUDED.organisation_id, title = EXCLUDED.title,
       description = EXCLUDED.description, sector = EXCLUDED.sector, topic = EXCLUDED.topic, tags = EXCLUDED.tags, groups = EXCLUDED.groups,
       formats = EXCLUDED.formats, licence = EXCLUDED.licence, level = EXCLUDED.level, years = EXCLUDED.years,
       created = coalesce($15::timestamptz, e.created), modified = EXCLUDED.modified,
       page_url = EXCLUDED.page_url, original_url = EXCLUDED.original_url, source_label = EXCLUDED.source_label, content_hash = EXCLUDED.content_hash,
       search_vector = EXCLUDED.search_vector, updated_at = now()`,
    [r.id, r.provider, r.slug, r.organisationId, r.title, r.description, r.sector, r.topic, r.tags, r.groups, r.formats, r.licence, r.level, r.years,
      r.created, r.modified, r.pageUrl, r.originalUrl, r.sourceLabel, hash]);
  const { rows } = await db.query('SELECT content_hash FROM data_external_datasets WHERE id = $1', [r.id]);
  if (!rows[0]) throw new Error(`external dataset: unknown organisation ${r.organisationId}`);
  return cur[0] ? 'updated' : 'created';
}

/** Removes external datasets from the catalogue (they leave search at once). Returns how many were removed. */
export async function removeExternalDataset(db: Queryable, ids: string | string[]): Promise<number> {
  const list = (Array.isArray(ids) ? ids : [ids]).filter((x) => UUID.test(x));
  if (!list.length) return 0;
  const r = await db.query('DELETE FROM data_external_datasets WHERE id = ANY($1::uuid[])', [list]);
  return r.rowCount ?? 0;
}

/** Ids of a provider's entries (for reconciliation with the provider's own records). */
export async function externalDatasetIds(db: Queryable, provider: string): Promise<string[]> {
  const { rows } = await db.query('SELECT id FROM data_external_datasets WHERE provider = $1', [provider]);
  return rows.map((x) => x.id);
}
