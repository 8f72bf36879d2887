/**
 * Map preview of a GeoJSON resource, rendered on the server as inline SVG: no tile server, no
 * network, no client script. The geometry is projected (Web Mercator by default, or equirectangular
 * with the standard parallel at the middle latitude) and fitted to the bounding box of the data;
 * Point/MultiPoint become circles, LineString/MultiLineString open paths, Polygon/MultiPolygon
 * closed paths with `fill-rule="evenodd"` (holes), GeometryCollection each of its members. Every
 * feature is a `<g>` with a `<title>` tooltip from its properties (name/nama/… or the first text
 * property). Vertices are simplified in pixel space (radial distance, tolerance raised until the
 * drawing fits a vertex budget) so a large file still gives a small page.
 *
 * Pure and synchronous except {@link cachedGeoPreview}, which renders in a worker thread
 * (geojson-render-pool.ts) so a large file does not block the web thread, and keeps rendered
 * previews in an LRU keyed by the stored file (files are immutable: a new upload is a new file id).
 */
import { geoRenderPool } from './geojson-render-pool.ts';

export type Projection = 'mercator' | 'equirectangular';

export interface PreviewOptions {
  /** Width of the SVG viewBox (the drawing scales to its container). */
  width: number;
  minHeight: number;
  maxHeight: number;
  padding: number;
  projection: Projection;
  /** Features drawn at most (the others are counted, not drawn). */
  maxFeatures: number;
  /** Vertices drawn at most, after simplification. */
  maxVertices: number;
  /** Vertices read at most; features past this are counted as not drawn. */
  maxInputVertices: number;
  /** Rows and columns of the properties table. */
  tableRows: number;
  tableColumns: number;
}

export const PREVIEW_DEFAULTS: PreviewOptions = {
  width: 800, minHeight: 240, maxHeight: 600, padding: 16, projection: 'mercator',
  maxFeatures: 5000, maxVertices: 20_000, maxInputVertices: 2_000_000, tableRows: 10, tableColumns: 8,
};

/** Files larger than this are not previewed (the page offers the download instead). */
export const GEOJSON_PREVIEW_MAX_BYTES = 5 * 1024 * 1024;

export type PreviewProblemCode = 'invalid_json' | 'not_geojson' | 'no_geometry' | 'not_wgs84';

export interface GeoPreviewOk {
  ok: true;
  /** Inner SVG markup (every text escaped, no script, no style attribute), for `<svg viewBox="0 0 width height">`. */
  svgBody: string;
  width: number;
  height: number;
  /** Features in the file (a bare geometry counts as one). */
  featureCount: number;
  drawnFeatures: number;
  /** Features whose geometry is null (allowed by RFC 7946). */
  withoutGeometry: number;
  /** Features skipped because their geometry is malformed. */
  invalidFeatures: number;
  /** Features not drawn because of the feature or input-vertex limits. */
  notDrawn: number;
  /** Geometry types of the drawn features, e.g. `{ Polygon: 10, Point: 3 }`. */
  geometryTypes: Record<string, number>;
  /** [west, south, east, north] of the drawn features, in degrees. */
  bbox: [number, number, number, number];
  /** Vertices of the drawn features as read, and as drawn after simplification. */
  inputVertices: number;
  drawnVertices: number;
  simplified: boolean;
  /** Properties of the first features. */
  table: { columns: string[]; rows: string[][]; hiddenColumns: number };
}

export interface GeoPreviewError {
  ok: false;
  code: PreviewProblemCode;
  /** A short technical detail (parser message, offending type or coordinate). */
  detail?: string;
}

export type GeoPreview = GeoPreviewOk | GeoPreviewError;

// ---------------------------------------------------------------------------------------------
// Projection

const MAX_MERCATOR_LAT = 85.05112878;
const DEG = 180 / Math.PI;

/**
 * Project lon/lat degrees to plane units (y up). Web Mercator gives degrees of longitude on x and the
 * Mercator ordinate in the same units on y; equirectangular scales longitude by cos(standard parallel).
 */
export function project(lon: number, lat: number, projection: Projection, standardParallel = 0): [number, number] {
  if (projection === 'equirectangular') return [lon * Math.cos(standardParallel / DEG), lat];
  const phi = Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, lat)) / DEG;
  return [lon, Math.log(Math.tan(Math.PI / 4 + phi / 2)) * DEG];
}

export interface Fit {
  width: number;
  height: number;
  /** lon/lat degrees → SVG pixel coordinates (y down). */
  toPx(lon: number, lat: number): [number, number];
}

/** Fit a [west, south, east, north] box into a `width` wide drawing, keeping the projection's aspect ratio. */
export function fitBBox(bbox: [number, number, number, number], o: Pick<PreviewOptions, 'width' | 'minHeight' | 'maxHeight' | 'padding' | 'projection'>): Fit {
  const [w, s, e, n] = bbox;
  const sp = (s + n) / 2;
  const [x0, y0] = project(w, s, o.projection, sp);
  const [x1, y1] = project(e, n, o.projection, sp);
  const dx = x1 - x0;
  const dy = y1 - y0;
  const inner = o.width - 2 * o.padding;
  let scale: number;
  let height: number;
  if (dx <= 0 && dy <= 0) { scale = 1; height = o.minHeight; } else {
    scale = dx > 0 ? inner / dx : Infinity;
    if (dy > 0 && dy * scale + 2 * o.padding > o.maxHeight) scale = (o.maxHeight - 2 * o.padding) / dy;
    if (!Number.isFinite(scale)) scale = (o.maxHeight - 2 * o.padding) / dy;
    height = Math.max(o.minHeight, Math.min(o.maxHeight, dy * scale + 2 * o.padding));
  }
  const ox = (o.width - dx * scale) / 2;
  const oy = (height - dy * scale) / 2;
  return {
    width: o.width, height,
    toPx(lon, lat) {
      const [x, y] = project(lon, lat, o.projection, sp);
      return [ox + (x - x0) * scale, height - (oy + (y - y0) * scale)];
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reading GeoJSON

interface FeatureIn {
  geometry: unknown;
  properties: Record<string, unknown> | null;
}

/** One feature reduced to flat lon,lat arrays per part. */
interface Shape {
  index: number;
  label: string;
  types: string[];
  points: number[];
  lines: number[][];
  /** Rings of all polygons of the feature; even-odd filling makes holes of inner rings. */
  rings: number[][];
}

class NotWgs84 extends Error {}

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

function isPosition(p: unknown): p is number[] {
  if (!Array.isArray(p) || p.length < 2) return false;
  const [x, y] = p;
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return false;
  if (Math.abs(x) > 180.000001 || Math.abs(y) > 90.000001) throw new NotWgs84(`[${x}, ${y}]`);
  return true;
}

/** Flat lon,lat array of a position list with at least `min` positions, or null when malformed. */
function positions(list: unknown, min: number): number[] | null {
  if (!Array.isArray(list) || list.length < min) return null;
  const out = new Array<number>(list.length * 2);
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    if (!isPosition(p)) return null;
    out[2 * i] = p[0];
    out[2 * i + 1] = p[1];
  }
  return out;
}

function polygon(rings: unknown, into: Shape): boolean {
  if (!Array.isArray(rings) || rings.length === 0) return false;
  for (const r of rings) {
    const flat = positions(r, 3);
    if (!flat) return false;
    into.rings.push(flat);
  }
  return true;
}

/** Adds a geometry's parts to `into`; false when the geometry is malformed. */
function addGeometry(g: unknown, into: Shape, depth = 0): boolean {
  if (!g || typeof g !== 'object' || depth > 8) return false;
  const geom = g as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  const c = geom.coordinates;
  switch (geom.type) {
    case 'Point': {
      if (!isPosition(c)) return false;
      into.points.push(c[0], c[1]);
      break;
    }
    case 'MultiPoint': {
      const flat = positions(c, 0);
      if (!flat) return false;
      into.points.push(...flat);
      break;
    }
    case 'LineString': {
      const flat = positions(c, 2);
      if (!flat) return false;
      into.lines.push(flat);
      break;
    }
    case 'MultiLineString': {
      if (!Array.isArray(c)) return false;
      for (const l of c) {
        const flat = positions(l, 2);
        if (!flat) return false;
        into.lines.push(flat);
      }
      break;
    }
    case 'Polygon':
      if (!polygon(c, into)) return false;
      break;
    case 'MultiPolygon': {
      if (!Array.isArray(c)) return false;
      for (const p of c) if (!polygon(p, into)) return false;
      break;
    }
    case 'GeometryCollection': {
      if (!Array.isArray(geom.geometries)) return false;
      for (const m of geom.geometries) if (!addGeometry(m, into, depth + 1)) return false;
      break;
    }
    default:
      return false;
  }
  into.types.push(String(geom.type));
  return true;
}

const LABEL_KEYS = ['name', 'nama', 'namobj', 'nama_objek', 'title', 'judul', 'label', 'wadmkd', 'wadmkc', 'wadmkk', 'wadmpr', 'desa', 'kelurahan', 'kecamatan', 'kabupaten', 'kota'];

function propText(v: unknown, max = 120): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** The tooltip name of a feature: name/nama/… (any case), else the first text property, else `#n`. */
export function featureLabel(props: Record<string, unknown> | null | undefined, index: number): string {
  if (props && typeof props === 'object') {
    const lower = new Map<string, unknown>();
    for (const [k, v] of Object.entries(props)) if (!lower.has(k.toLowerCase())) lower.set(k.toLowerCase(), v);
    for (const k of LABEL_KEYS) {
      const v = lower.get(k);
      if ((typeof v === 'string' && v.trim()) || typeof v === 'number') return propText(v).trim();
    }
    for (const v of Object.values(props)) if (typeof v === 'string' && v.trim()) return propText(v).trim();
  }
  return `#${index + 1}`;
}

function tooltip(props: Record<string, unknown> | null, index: number): string {
  const label = featureLabel(props, index);
  const extra = Object.entries(props ?? {})
    .filter(([, v]) => v !== null && v !== undefined && v !== '' && typeof v !== 'object' && propText(v) !== label)
    .slice(0, 3)
    .map(([k, v]) => `${propText(k, 40)}: ${propText(v, 60)}`);
  return [label, ...extra].join('\n');
}

function readFeatures(doc: unknown): FeatureIn[] | GeoPreviewError {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { ok: false, code: 'not_geojson', detail: Array.isArray(doc) ? 'array' : typeof doc };
  const o = doc as { type?: unknown; features?: unknown; geometry?: unknown; properties?: unknown; crs?: { properties?: { name?: unknown } } };
  const crs = o.crs?.properties?.name;
  if (typeof crs === 'string' && !/CRS84|4326/i.test(crs)) return { ok: false, code: 'not_wgs84', detail: crs };
  const props = (p: unknown) => (p && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : null);
  if (o.type === 'FeatureCollection') {
    if (!Array.isArray(o.features)) return { ok: false, code: 'not_geojson', detail: 'FeatureCollection without features' };
    return o.features.map((f) => {
      const ft = f as { type?: unknown; geometry?: unknown; properties?: unknown } | null;
      // a bare geometry inside `features` is tolerated; anything else is a malformed feature
      if (ft && typeof ft === 'object' && typeof ft.type === 'string' && GEOMETRY_TYPES.has(ft.type)) return { geometry: ft, properties: null };
      if (!ft || typeof ft !== 'object' || ft.type !== 'Feature') return { geometry: { type: 'invalid' }, properties: null };
      return { geometry: ft.geometry ?? null, properties: props(ft.properties) };
    });
  }
  if (o.type === 'Feature') return [{ geometry: o.geometry ?? null, properties: props(o.properties) }];
  if (typeof o.type === 'string' && GEOMETRY_TYPES.has(o.type)) return [{ geometry: o, properties: null }];
  return { ok: false, code: 'not_geojson', detail: typeof o.type === 'string' ? o.type.slice(0, 60) : 'no type' };
}

// ---------------------------------------------------------------------------------------------
// Simplification and drawing

function fmt(v: number): string {
  const r = Math.round(v * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

/** Radial-distance simplification of projected px coordinates; keeps the ends (and ≥ `min` points). */
export function simplifyPx(px: Float64Array, tol: number, min: number): number[] {
  const n = px.length / 2;
  if (n <= min) return Array.from(px);
  const tol2 = tol * tol;
  const out: number[] = [px[0], px[1]];
  let lx = px[0];
  let ly = px[1];
  for (let i = 1; i < n - 1; i++) {
    const x = px[2 * i];
    const y = px[2 * i + 1];
    const dx = x - lx;
    const dy = y - ly;
    if (dx * dx + dy * dy >= tol2) { out.push(x, y); lx = x; ly = y; }
  }
  out.push(px[2 * n - 2], px[2 * n - 1]);
  if (out.length / 2 < min) {
    // collapsed below a drawable shape (a ring far smaller than a pixel): keep evenly spaced originals
    const keep: number[] = [];
    for (let k = 0; k < min; k++) {
      const i = Math.round((k * (n - 1)) / (min - 1));
      keep.push(px[2 * i], px[2 * i + 1]);
    }
    return keep;
  }
  return out;
}

/** Points of a feature thinned to one per `tol`-pixel cell. */
function thinPoints(px: Float64Array, tol: number): number[] {
  if (tol <= 0.5) return Array.from(px);
  const seen = new Set<string>();
  const out: number[] = [];
  for (let i = 0; i < px.length; i += 2) {
    const key = `${Math.floor(px[i] / tol)},${Math.floor(px[i + 1] / tol)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(px[i], px[i + 1]);
  }
  return out;
}

function pathData(parts: number[][], close: boolean): string {
  let d = '';
  for (const p of parts) {
    d += `M${fmt(p[0])} ${fmt(p[1])}L`;
    const pts: string[] = [];
    for (let i = 2; i < p.length; i += 2) pts.push(`${fmt(p[i])} ${fmt(p[i + 1])}`);
    d += pts.join(' ');
    if (close) d += 'Z';
  }
  return d;
}

const XML_ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeXml(s: string): string {
  // also drop characters XML 1.0 does not allow
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => XML_ESC[c]);
}

interface Projected { shape: Shape; points: Float64Array; lines: Float64Array[]; rings: Float64Array[] }

function toPx(flat: number[], fit: Fit): Float64Array {
  const out = new Float64Array(flat.length);
  for (let i = 0; i < flat.length; i += 2) {
    const [x, y] = fit.toPx(flat[i], flat[i + 1]);
    out[i] = x;
    out[i + 1] = y;
  }
  return out;
}

const STYLE = {
  poly: 'fill="#2b6cb0" fill-opacity="0.35" stroke="#1f4e79" stroke-width="1" stroke-linejoin="round" vector-effect="non-scaling-stroke"',
  line: 'fill="none" stroke="#b4461a" stroke-width="2" stroke-linejoin="round" stroke-linecap="round" vector-effect="non-scaling-stroke"',
  point: 'fill="#0b5e55" stroke="#ffffff" stroke-width="1.5" vector-effect="non-scaling-stroke"',
};

// ---------------------------------------------------------------------------------------------
// The renderer

function parse(input: string | Buffer | Uint8Array | unknown): { doc: unknown } | GeoPreviewError {
  if (typeof input === 'string' || input instanceof Uint8Array) {
    let text = typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    try {
      return { doc: JSON.parse(text) };
    } catch (e) {
      return { ok: false, code: 'invalid_json', detail: (e as Error).message.slice(0, 160) };
    }
  }
  return { doc: input };
}

/** Render a GeoJSON document (text, bytes or parsed value) as an SVG preview, or say why it cannot be. */
export function renderGeoJsonPreview(input: string | Buffer | Uint8Array | unknown, options: Partial<PreviewOptions> = {}): GeoPreview {
  const o: PreviewOptions = { ...PREVIEW_DEFAULTS, ...options };
  const parsed = parse(input);
  if ('ok' in parsed) return parsed;
  const features = readFeatures(parsed.doc);
  if (!Array.isArray(features)) return features;

  const shapes: Shape[] = [];
  let withoutGeometry = 0;
  let invalid = 0;
  let notDrawn = 0;
  let inputVertices = 0;
  const geometryTypes: Record<string, number> = {};
  try {
    for (let i = 0; i < features.length; i++) {
      const f = features[i];
      if (f.geometry === null) { withoutGeometry++; continue; }
      if (shapes.length >= o.maxFeatures || inputVertices >= o.maxInputVertices) { notDrawn++; continue; }
      const s: Shape = { index: i, label: tooltip(f.properties, i), types: [], points: [], lines: [], rings: [] };
      if (!addGeometry(f.geometry, s)) { invalid++; continue; }
      const v = (s.points.length + s.lines.reduce((a, l) => a + l.length, 0) + s.rings.reduce((a, r) => a + r.length, 0)) / 2;
      if (v === 0) { withoutGeometry++; continue; }
      inputVertices += v;
      const top = (f.geometry as { type: string }).type;
      geometryTypes[top] = (geometryTypes[top] ?? 0) + 1;
      shapes.push(s);
    }
  } catch (e) {
    if (e instanceof NotWgs84) return { ok: false, code: 'not_wgs84', detail: e.message };
    throw e;
  }
  if (!shapes.length) return { ok: false, code: 'no_geometry', detail: invalid ? `${invalid} invalid` : undefined };

  // bounding box
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const grow = (flat: number[]) => {
    for (let i = 0; i < flat.length; i += 2) {
      const x = flat[i], y = flat[i + 1];
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  };
  for (const sh of shapes) { grow(sh.points); sh.lines.forEach(grow); sh.rings.forEach(grow); }
  const bbox: [number, number, number, number] = [w, s, e, n];
  const fit = fitBBox(bbox, o);

  const projected: Projected[] = shapes.map((sh) => ({ shape: sh, points: toPx(sh.points, fit), lines: sh.lines.map((l) => toPx(l, fit)), rings: sh.rings.map((r) => toPx(r, fit)) }));

  // simplify until the drawing fits the vertex budget
  const draw = (tol: number) => projected.map((p) => ({
    p,
    points: thinPoints(p.points, tol),
    lines: p.lines.map((l) => simplifyPx(l, tol, 2)),
    rings: p.rings.map((r) => simplifyPx(r, tol, 3)),
  }));
  const count = (d: ReturnType<typeof draw>) => d.reduce((a, x) => a + (x.points.length + x.lines.reduce((b, l) => b + l.length, 0) + x.rings.reduce((b, r) => b + r.length, 0)) / 2, 0);
  let tol = 0.5;
  let drawn = draw(tol);
  let drawnVertices = count(drawn);
  while (drawnVertices > o.maxVertices && tol < o.width) {
    tol *= 2;
    drawn = draw(tol);
    drawnVertices = count(drawn);
  }

  const r = tol > 0.5 ? 4.5 : 6;
  const out: string[] = [`<rect class="geo-bg" x="0" y="0" width="${o.width}" height="${fmt(fit.height)}" fill="#f4f7fa"/>`];
  const title = (sh: Shape) => `<title>${escapeXml(sh.label)}</title>`;
  // polygons under lines under points, each feature a group with its tooltip
  for (const d of drawn) if (d.rings.length) out.push(`<g class="geo-feature geo-area">${title(d.p.shape)}<path d="${pathData(d.rings, true)}" fill-rule="evenodd" ${STYLE.poly}/></g>`);
  for (const d of drawn) if (d.lines.length) out.push(`<g class="geo-feature geo-line">${title(d.p.shape)}<path d="${pathData(d.lines, false)}" ${STYLE.line}/></g>`);
  for (const d of drawn) {
    if (!d.points.length) continue;
    const circles: string[] = [];
    for (let i = 0; i < d.points.length; i += 2) circles.push(`<circle cx="${fmt(d.points[i])}" cy="${fmt(d.points[i + 1])}" r="${r}" ${STYLE.point}/>`);
    out.push(`<g class="geo-feature geo-point">${title(d.p.shape)}${circles.join('')}</g>`);
  }

  // properties of the first features
  const first = features.slice(0, o.tableRows);
  const columns: string[] = [];
  for (const f of first) for (const k of Object.keys(f.properties ?? {})) if (!columns.includes(k)) columns.push(k);
  const shown = columns.slice(0, o.tableColumns);
  const rows = first.map((f) => shown.map((k) => propText(f.properties?.[k])));

  return {
    ok: true, svgBody: out.join(''), width: o.width, height: Math.round(fit.height * 10) / 10,
    featureCount: features.length, drawnFeatures: shapes.length, withoutGeometry, invalidFeatures: invalid, notDrawn,
    geometryTypes, bbox, inputVertices, drawnVertices, simplified: drawnVertices < inputVertices,
    table: { columns: shown, rows, hiddenColumns: columns.length - shown.length },
  };
}

/** A standalone SVG document of a preview (for the "map image" download). */
export function svgDocument(p: GeoPreviewOk, title: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${p.width} ${p.height}" width="${p.width}" height="${p.height}" role="img"><title>${escapeXml(title)}</title>${p.svgBody}</svg>\n`;
}

// ---------------------------------------------------------------------------------------------
// Cache

/** A small LRU bounded by entry count and total weight (approximate bytes). */
export class LruCache<V> {
  private readonly map = new Map<string, { value: V; weight: number }>();
  private total = 0;
  constructor(readonly maxEntries: number, readonly maxWeight: number, private readonly weigh: (v: V) => number) {}

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }

  set(key: string, value: V): void {
    const old = this.map.get(key);
    if (old) { this.total -= old.weight; this.map.delete(key); }
    const weight = this.weigh(value);
    if (weight > this.maxWeight) return;
    this.map.set(key, { value, weight });
    this.total += weight;
    while (this.map.size > this.maxEntries || this.total > this.maxWeight) {
      const oldest = this.map.keys().next().value as string;
      this.total -= this.map.get(oldest)!.weight;
      this.map.delete(oldest);
    }
  }

  has(key: string): boolean { return this.map.has(key); }
  get size(): number { return this.map.size; }
  get weight(): number { return this.total; }
  clear(): void { this.map.clear(); this.total = 0; }
}

/** Rendered previews by file id (≈ 2 bytes per SVG character). */
export const geoPreviewCache = new LruCache<GeoPreview>(64, 48 * 1024 * 1024, (p) => (p.ok ? p.svgBody.length * 2 + 4096 : 512));
const inflight = new Map<string, Promise<GeoPreview>>();

/**
 * The preview of a stored file, rendered once in the map preview worker: later calls (and
 * concurrent ones) get the cached result. `load` reads the file's bytes (the caller enforces the
 * size limit before). Rejects when the file cannot be read or the worker fails (crash, time limit,
 * queue full); such failures are not cached, the next call tries again.
 */
export async function cachedGeoPreview(key: string, load: () => Promise<Buffer>, options: Partial<PreviewOptions> = {}): Promise<GeoPreview> {
  const hit = geoPreviewCache.get(key);
  if (hit) return hit;
  const running = inflight.get(key);
  if (running) return running;
  const job = (async () => {
    try {
      const result = await geoRenderPool.render(await load(), options);
      geoPreviewCache.set(key, result);
      return result;
    } finally {
      inflight.delete(key);
    }
  })();
  inflight.set(key, job);
  return job;
}
