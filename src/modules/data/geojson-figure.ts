/**
 * The GeoJSON map preview as pages show it — on the public dataset page (portal.routes.ts) and on
 * the workspace revision page (workspace.routes.ts): reading the stored file (size limit, per-file
 * cache, rendering in the worker), the figure with its text alternative, notices and attribute
 * table, the message that replaces it when a file cannot be drawn, and the SVG image response.
 * Which resources a visitor may see, and under which URLs, stays with each page's routes.
 */
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { html, raw, type SafeHtml } from '../../core/views/html.ts';
import type { PageContext } from '../../core/views/layout.ts';
import { alert, table } from '../../core/views/components.ts';
import { formatNumber, type Locale } from '../../core/i18n/i18n.ts';
import type { AppContext } from '../../core/app-context.ts';
import type { StoredFile } from '../../core/files.ts';
import { cachedGeoPreview, svgDocument, GEOJSON_PREVIEW_MAX_BYTES, type GeoPreview, type GeoPreviewOk } from './geojson-preview.ts';

export interface LoadedGeoPreview {
  /** The stored file, null when it is missing. */
  file: StoredFile | null;
  /** The rendered preview (also a reasoned failure), null when the file could not be read or rendered. */
  preview: GeoPreview | null;
  /** Over {@link GEOJSON_PREVIEW_MAX_BYTES}: not read at all. */
  tooLarge: boolean;
}

/** Bytes of a stored file, refusing more than `max` (the caller checked the recorded size already). */
async function readStoredFile(ctx: AppContext, file: StoredFile, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of await ctx.files.open(file)) {
    size += (chunk as Buffer).length;
    if (size > max) throw new Error('file larger than recorded');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The map preview of a stored GeoJSON file (cached per file, rendered off the web thread). The
 * caller has checked that the visitor may see the resource the file belongs to.
 */
export async function loadGeoPreview(ctx: AppContext, log: FastifyBaseLogger, fileId: string): Promise<LoadedGeoPreview> {
  const file = await ctx.files.find(ctx.pool, fileId);
  if (!file) return { file: null, preview: null, tooLarge: false };
  if (file.size > GEOJSON_PREVIEW_MAX_BYTES) return { file, preview: null, tooLarge: true };
  try {
    return { file, preview: await cachedGeoPreview(file.id, () => readStoredFile(ctx, file, GEOJSON_PREVIEW_MAX_BYTES)), tooLarge: false };
  } catch (err) {
    log.warn({ err, fileId }, 'geojson preview failed');
    return { file, preview: null, tooLarge: false };
  }
}

/**
 * Send a preview as a standalone SVG image. `cache` is the Cache-Control value: public for a
 * published resource, private for a draft seen in the workspace.
 */
export function sendGeoSvg(reply: FastifyReply, preview: GeoPreviewOk, title: string, cache: string): FastifyReply {
  reply.header('content-type', 'image/svg+xml; charset=utf-8').header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'").header('cache-control', cache);
  return reply.send(svgDocument(preview, title));
}

export interface GeoLinks {
  /** The original file, or null where no download route exists (the workspace). */
  fileHref: string | null;
  /** The SVG image of the preview. */
  svgHref: string;
}

/**
 * The body of a map section: the figure, or the message saying why there is none (too large,
 * unreadable, invalid, not WGS 84) with the download link when there is one.
 */
export function geoPreviewBody(ctx: PageContext, loaded: LoadedGeoPreview, name: string, id: string, links: GeoLinks): SafeHtml {
  const { file, preview, tooLarge } = loaded;
  const download = (cls?: string) => (links.fileHref ? html`<p><a${cls ? html` class="${cls}"` : ''} href="${links.fileHref}">${ctx.t('data.geopreview.download')}</a></p>` : '');
  if (tooLarge && file) {
    return html`${alert(ctx.t('data.geopreview.tooLarge', { size: formatNumber(ctx.locale, Math.round((file.size / 1048576) * 10) / 10), max: GEOJSON_PREVIEW_MAX_BYTES / 1048576 }), 'info')}
        ${download('btn btn-secondary')}`;
  }
  if (!preview) return html`${alert(ctx.t('data.geopreview.unavailable'), 'warning')}${file ? download() : ''}`;
  if (!preview.ok) return html`${alert(ctx.t(`data.geopreview.err.${preview.code}`, { detail: preview.detail ?? '' }), 'warning')}${download()}`;
  return geoFigure(ctx, preview, name, id, links);
}

function degrees(ctx: PageContext, v: number, axis: 'lon' | 'lat'): string {
  const deg = formatNumber(ctx.locale, Math.round(Math.abs(v) * 1000) / 1000);
  const dir = axis === 'lon' ? (v < 0 ? 'west' : 'east') : v < 0 ? 'south' : 'north';
  return ctx.t(`data.geopreview.${dir}`, { deg });
}

const GEOMETRY_NAMES: Record<Locale, Record<string, string>> = {
  id: { Point: 'titik', MultiPoint: 'multititik', LineString: 'garis', MultiLineString: 'multigaris', Polygon: 'poligon', MultiPolygon: 'multipoligon', GeometryCollection: 'koleksi geometri' },
  en: { Point: 'point', MultiPoint: 'multipoint', LineString: 'line', MultiLineString: 'multiline', Polygon: 'polygon', MultiPolygon: 'multipolygon', GeometryCollection: 'geometry collection' },
};

/** The inline SVG map with its text alternative, notices and the attribute table of the first features. */
export function geoFigure(ctx: PageContext, p: GeoPreviewOk, name: string, id: string, links: GeoLinks): SafeHtml {
  const [w, s, e, n] = p.bbox;
  const types = Object.entries(p.geometryTypes).map(([t, c]) => `${formatNumber(ctx.locale, c)} ${GEOMETRY_NAMES[ctx.locale][t] ?? t}`).join(', ');
  const summary = ctx.t('data.geopreview.summary', {
    name, n: formatNumber(ctx.locale, p.featureCount), types,
    west: degrees(ctx, w, 'lon'), east: degrees(ctx, e, 'lon'), south: degrees(ctx, s, 'lat'), north: degrees(ctx, n, 'lat'),
  });
  const capId = `peta-${id}`;
  const notices = [
    p.withoutGeometry + p.invalidFeatures ? ctx.t('data.geopreview.skipped', { n: formatNumber(ctx.locale, p.withoutGeometry + p.invalidFeatures) }) : '',
    p.notDrawn ? ctx.t('data.geopreview.notDrawn', { n: formatNumber(ctx.locale, p.notDrawn) }) : '',
    p.simplified ? ctx.t('data.geopreview.simplified', { drawn: formatNumber(ctx.locale, p.drawnVertices), input: formatNumber(ctx.locale, p.inputVertices) }) : '',
  ].filter(Boolean);
  const rows = p.table.rows.map((r, i) => ({ i, r }));
  return html`<figure class="geo-figure">
      <div class="geo-frame"><svg class="geo-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${p.width} ${p.height}" role="img" aria-labelledby="${capId}" focusable="false">${raw(p.svgBody)}</svg></div>
      <figcaption id="${capId}">${summary}</figcaption>
    </figure>
    <p class="geo-picked" aria-live="polite" hidden></p>
    <p class="hint">${ctx.t('data.geopreview.note')}</p>
    ${notices.length ? html`<ul class="geo-notices">${notices.map((x) => html`<li>${x}</li>`)}</ul>` : ''}
    <p class="downloads">${links.fileHref ? html`<a href="${links.fileHref}">${ctx.t('data.geopreview.download')}</a> · ` : ''}<a href="${links.svgHref}" download>${ctx.t('data.geopreview.svg')}</a></p>
    <details class="geo-attributes"${p.featureCount <= 10 ? html` open` : ''}><summary>${ctx.t('data.geopreview.table', { n: formatNumber(ctx.locale, p.table.rows.length) })}</summary>
      ${p.table.columns.length ? table({ rows, columns: [
        { label: '#', cell: (x: { i: number; r: string[] }) => String(x.i + 1), numeric: true },
        ...p.table.columns.map((c, k) => ({ label: c, cell: (x: { i: number; r: string[] }) => x.r[k] })),
      ] }) : html`<p class="empty">${ctx.t('data.geopreview.noAttributes')}</p>`}
      ${p.table.hiddenColumns ? html`<p class="hint">${ctx.t('data.geopreview.hiddenColumns', { n: p.table.hiddenColumns })}</p>` : ''}
    </details>`;
}
