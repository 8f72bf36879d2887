/**
 * What the Satu Data dataset page (/data/{slug}, owned by the data module) should put in its <head>:
 * the schema.org Dataset JSON-LD (Google Dataset Search) and alternate links to the DCAT and
 * datapackage.json documents. The data module's page calls `datasetHead(pool, baseUrl, slug)` and passes
 * the result as `layout(..., { head })`. Returns empty markup when the dataset is not public.
 */
import type { Queryable } from '../../core/db.ts';
import { html, jsonScript, type SafeHtml } from '../../core/views/html.ts';
import { findPackageId, loadDatasets } from './catalogue.repo.ts';
import { schemaOrgDataset } from './web-metadata.ts';
import { CATALOG_TITLE } from './dcat.routes.ts';
import type { CatalogueDataset } from './catalogue.model.ts';

/** The schema.org Dataset object of a public dataset, or null. */
export async function datasetJsonLd(db: Queryable, baseUrl: string, slug: string): Promise<Record<string, unknown> | null> {
  const ds = await loadPublic(db, baseUrl, slug);
  return ds ? schemaOrgDataset({ baseUrl: baseUrl.replace(/\/+$/, ''), catalogName: CATALOG_TITLE }, ds) : null;
}

async function loadPublic(db: Queryable, baseUrl: string, slug: string): Promise<CatalogueDataset | null> {
  const id = await findPackageId(db, slug);
  if (!id) return null;
  const [ds] = await loadDatasets(db, [id], baseUrl.replace(/\/+$/, ''));
  return ds ?? null;
}

export function headMarkup(jsonLd: Record<string, unknown>, slug: string): SafeHtml {
  return html`<script type="application/ld+json">${jsonScript(jsonLd)}</script>
<link rel="alternate" type="text/turtle" href="/data/${slug}.ttl">
<link rel="alternate" type="application/rdf+xml" href="/data/${slug}.rdf">
<link rel="alternate" type="application/ld+json" href="/data/${slug}.jsonld">
<link rel="describedby" type="application/json" href="/data/${slug}/datapackage.json">`;
}

/** <head> markup for the dataset page: JSON-LD + alternates (empty when not public). */
export async function datasetHead(db: Queryable, baseUrl: string, slug: string): Promise<SafeHtml> {
  const ld = await datasetJsonLd(db, baseUrl, slug);
  return ld ? headMarkup(ld, slug) : html``;
}
