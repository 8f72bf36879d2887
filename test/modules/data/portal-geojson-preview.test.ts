/** The server-side GeoJSON map preview (pure): projection, fitting, holes, invalid input, simplification, cache. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  project, fitBBox, renderGeoJsonPreview, featureLabel, simplifyPx, LruCache, cachedGeoPreview, geoPreviewCache,
  PREVIEW_DEFAULTS, type GeoPreviewOk,
} from '../../../src/modules/data/geojson-preview.ts';

const close = (a: number, b: number, eps = 1e-6) => assert.ok(Math.abs(a - b) < eps, `${a} ≈ ${b}`);

function ok(p: ReturnType<typeof renderGeoJsonPreview>): GeoPreviewOk {
  assert.equal(p.ok, true, JSON.stringify(p));
  return p as GeoPreviewOk;
}

/** Numbers of the first path's `d` attribute (or of every circle) as [x, y] pairs. */
function pathPoints(svg: string, nth = 0): Array<[number, number]> {
  const d = [...svg.matchAll(/<path d="([^"]+)"/g)][nth][1];
  const nums = d.replace(/[MLZ]/g, ' ').trim().split(/\s+/).map(Number);
  const out: Array<[number, number]> = [];
  for (let i = 0; i < nums.length; i += 2) out.push([nums[i], nums[i + 1]]);
  return out;
}

test('Web Mercator and equirectangular projections', () => {
  close(project(0, 0, 'mercator')[0], 0);
  close(project(0, 0, 'mercator')[1], 0);
  const [x, y] = project(116.1, 45, 'mercator');
  close(x, 116.1);
  close(y, Math.log(Math.tan(Math.PI / 4 + Math.PI / 8)) * 180 / Math.PI); // 50.4987…
  close(y, 50.498987, 1e-5);
  // south of the equator is negative; the poles are clamped to the Web Mercator limit
  assert.ok(project(116, -8.6, 'mercator')[1] < -8.6);
  close(project(0, 90, 'mercator')[1], project(0, 85.05112878, 'mercator')[1]);
  // equirectangular: longitude shrunk by cos(standard parallel)
  const [ex, ey] = project(10, -8, 'equirectangular', 60);
  close(ex, 5);
  close(ey, -8);
});

test('the bounding box is fitted to the drawing: corners land on the padding, north is up', () => {
  const o = { ...PREVIEW_DEFAULTS, width: 800, padding: 20, minHeight: 100, maxHeight: 2000 };
  const fit = fitBBox([115.8, -9.1, 119.3, -8.1], o);
  const [x0, y0] = fit.toPx(115.8, -9.1); // south-west
  const [x1, y1] = fit.toPx(119.3, -8.1); // north-east
  close(x0, 20);
  close(x1, 780);
  close(y0, fit.height - 20);
  close(y1, 20);
  // the aspect ratio follows the projection: height = width × (Δy_mercator / Δlon)
  const dy = project(0, -8.1, 'mercator')[1] - project(0, -9.1, 'mercator')[1];
  close(fit.height, 760 * dy / 3.5 + 40, 1e-6);
  // a tall box is limited by maxHeight and centred horizontally
  const tall = fitBBox([116, -10, 116.5, -5], { ...o, maxHeight: 400 });
  assert.equal(tall.height, 400);
  const [lx] = tall.toPx(116, -10);
  const [rx] = tall.toPx(116.5, -10);
  close((lx + rx) / 2, 400);
  // a single point sits in the middle
  const one = fitBBox([116, -8.5, 116, -8.5], o);
  assert.deepEqual(one.toPx(116, -8.5), [400, one.height / 2]);
});

test('points, lines, polygons with holes, multi-geometries and collections are drawn, each with a tooltip', () => {
  const fc = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { nama: 'Kantor Gubernur', id: 1 }, geometry: { type: 'Point', coordinates: [116.08, -8.58] } },
      { type: 'Feature', properties: { NAME: 'Jalan Udayana' }, geometry: { type: 'LineString', coordinates: [[116.08, -8.58], [116.1, -8.57], [116.12, -8.56]] } },
      {
        type: 'Feature', properties: { kode: 52.71, wilayah: 'Kota <Mataram> & "sekitar"' },
        geometry: { type: 'Polygon', coordinates: [
          [[116.0, -8.7], [116.2, -8.7], [116.2, -8.5], [116.0, -8.5], [116.0, -8.7]],
          [[116.05, -8.65], [116.1, -8.65], [116.1, -8.6], [116.05, -8.6], [116.05, -8.65]],
        ] },
      },
      { type: 'Feature', properties: null, geometry: { type: 'MultiPoint', coordinates: [[116.01, -8.69], [116.19, -8.51]] } },
      { type: 'Feature', properties: { name: 'Pulau' }, geometry: { type: 'MultiPolygon', coordinates: [[[[116.0, -8.7], [116.01, -8.7], [116.01, -8.69], [116.0, -8.7]]], [[[116.19, -8.51], [116.2, -8.51], [116.2, -8.5], [116.19, -8.51]]]] } },
      { type: 'Feature', properties: { nama: 'Koleksi' }, geometry: { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [116.1, -8.6] }, { type: 'MultiLineString', coordinates: [[[116.0, -8.6], [116.2, -8.6]]] }] } },
      { type: 'Feature', properties: { nama: 'Tanpa geometri' }, geometry: null },
    ],
  };
  const p = ok(renderGeoJsonPreview(JSON.stringify(fc)));
  assert.equal(p.featureCount, 7);
  assert.equal(p.drawnFeatures, 6);
  assert.equal(p.withoutGeometry, 1);
  assert.deepEqual(p.geometryTypes, { Point: 1, LineString: 1, Polygon: 1, MultiPoint: 1, MultiPolygon: 1, GeometryCollection: 1 });
  assert.deepEqual(p.bbox, [116.0, -8.7, 116.2, -8.5]);
  // polygon: one path, two closed sub-paths, even-odd filling → the inner ring is a hole
  const poly = /<g class="geo-feature geo-area"><title>([^<]*)<\/title><path d="([^"]+)" fill-rule="evenodd"/.exec(p.svgBody)!;
  assert.equal(poly[1], 'Kota &lt;Mataram&gt; &amp; &quot;sekitar&quot;\nkode: 52.71', 'first text property, escaped; other properties follow');
  assert.equal((poly[2].match(/M/g) ?? []).length, 2);
  assert.equal((poly[2].match(/Z/g) ?? []).length, 2);
  const outer = pathPoints(p.svgBody).slice(0, 5);
  // a square box is limited by the maximum height (600): north and south on the padding, centred across
  assert.equal(p.height, 600);
  close(outer[0][1], 584, 0.06); // south edge
  close(outer[2][1], 16, 0.06); // north edge
  close((outer[0][0] + outer[1][0]) / 2, 400, 0.06);
  close(outer[1][0] - outer[0][0], 568 * 0.2 / (project(0, -8.5, 'mercator')[1] - project(0, -8.7, 'mercator')[1]), 0.1);
  // the hole lies inside the outer ring
  const hole = pathPoints(p.svgBody).slice(5);
  for (const [x, y] of hole) assert.ok(x > outer[0][0] && x < outer[1][0] && y < outer[0][1] && y > outer[2][1]);
  // lines are open paths; points circles; the collection draws both; names in <title>
  assert.match(p.svgBody, /<g class="geo-feature geo-line"><title>Jalan Udayana<\/title><path d="M[^"Z]+" fill="none"/);
  assert.match(p.svgBody, /<title>Kantor Gubernur\nid: 1<\/title><circle /);
  assert.equal((p.svgBody.match(/<circle /g) ?? []).length, 4);
  assert.equal((p.svgBody.match(/<title>Koleksi<\/title>/g) ?? []).length, 2, 'a collection with a line and a point is drawn in both layers');
  assert.match(p.svgBody, /<title>#4<\/title>/, 'no properties: the feature number');
  assert.doesNotMatch(p.svgBody, /<script|style=|href=/);
  // table of the first features' properties
  assert.deepEqual(p.table.columns, ['nama', 'id', 'NAME', 'kode', 'wilayah', 'name']);
  assert.equal(p.table.rows[0][0], 'Kantor Gubernur');
  assert.equal(p.table.rows.length, 7);
});

test('feature labels: name/nama/NAMOBJ in any case, else the first text property, else the number', () => {
  assert.equal(featureLabel({ kode: '5201', NAMOBJ: 'Gerung' }, 0), 'Gerung');
  assert.equal(featureLabel({ kode: 'x', Nama: 'Praya' }, 0), 'Praya');
  assert.equal(featureLabel({ luas: 12, ket: 'sawah' }, 0), 'sawah');
  assert.equal(featureLabel({ luas: 12 }, 4), '#5');
  assert.equal(featureLabel(null, 0), '#1');
});

test('bare geometries and single features are accepted; a UTF-8 BOM is ignored', () => {
  let p = ok(renderGeoJsonPreview('\ufeff{"type":"Point","coordinates":[116.1,-8.6]}'));
  assert.equal(p.featureCount, 1);
  assert.equal((p.svgBody.match(/<circle /g) ?? []).length, 1);
  p = ok(renderGeoJsonPreview(Buffer.from('{"type":"Feature","properties":{"nama":"A"},"geometry":{"type":"LineString","coordinates":[[116,-8],[117,-9]]}}')));
  assert.match(p.svgBody, /<title>A<\/title>/);
});

test('invalid input gives a reason, never an exception', () => {
  const bad = (input: unknown) => {
    const r = renderGeoJsonPreview(input as string);
    assert.equal(r.ok, false);
    return r as { ok: false; code: string; detail?: string };
  };
  assert.equal(bad('{"type": "FeatureCollection", "features": [').code, 'invalid_json');
  assert.equal(bad('').code, 'invalid_json');
  assert.equal(bad('[1,2,3]').code, 'not_geojson');
  assert.equal(bad('"text"').code, 'not_geojson');
  assert.equal(bad('null').code, 'not_geojson');
  assert.equal(bad('{"type":"Topology","objects":{}}').code, 'not_geojson');
  assert.equal(bad('{"type":"FeatureCollection"}').code, 'not_geojson');
  assert.equal(bad('{"type":"FeatureCollection","features":[]}').code, 'no_geometry');
  assert.equal(bad('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1,2],[3]]]}}]}').code, 'no_geometry');
  assert.equal(bad('{"type":"Point","coordinates":["116","-8"]}').code, 'no_geometry');
  assert.equal(bad('{"type":"Point","coordinates":[116]}').code, 'no_geometry');
  // UTM zone 50S metres (a common export mistake) and a declared projected CRS
  const utm = bad('{"type":"Point","coordinates":[412345.6,9045678.9]}');
  assert.equal(utm.code, 'not_wgs84');
  assert.match(utm.detail!, /412345\.6/);
  assert.equal(bad('{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32750"}},"features":[]}').code, 'not_wgs84');
  // one malformed feature among good ones is skipped and counted
  const p = ok(renderGeoJsonPreview({ type: 'FeatureCollection', features: [
    { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [116, -8] } },
    { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[116, -8]] } },
    { type: 'Feature', properties: {}, geometry: { type: 'Circle', coordinates: [116, -8] } },
    'not a feature',
  ] }));
  assert.equal(p.drawnFeatures, 1);
  assert.equal(p.invalidFeatures, 3);
});

test('huge coordinate counts are simplified to the vertex budget; feature count is limited', () => {
  // a 200,000-vertex wiggly coastline and a 100,000-vertex ring with a hole
  const n = 200_000;
  const line: number[][] = [];
  for (let i = 0; i < n; i++) line.push([115 + (4 * i) / n, -8.5 + 0.3 * Math.sin(i / 50)]);
  const ring: number[][] = [];
  for (let i = 0; i < 100_000; i++) { const a = (2 * Math.PI * i) / 100_000; ring.push([117 + Math.cos(a), -8.5 + 0.8 * Math.sin(a)]); }
  ring.push(ring[0]);
  const holeRing = [[117, -8.6], [117.1, -8.6], [117.1, -8.5], [117, -8.6]];
  const doc = { type: 'FeatureCollection', features: [
    { type: 'Feature', properties: { nama: 'Pantai' }, geometry: { type: 'LineString', coordinates: line } },
    { type: 'Feature', properties: { nama: 'Pulau' }, geometry: { type: 'Polygon', coordinates: [ring, holeRing] } },
  ] };
  const started = Date.now();
  const p = ok(renderGeoJsonPreview(JSON.stringify(doc), { maxVertices: 5000 }));
  assert.ok(Date.now() - started < 5000, 'fast enough');
  assert.equal(p.inputVertices, 300_005);
  assert.ok(p.drawnVertices <= 5000, String(p.drawnVertices));
  assert.ok(p.drawnVertices > 100, 'still a shape');
  assert.equal(p.simplified, true);
  assert.ok(p.svgBody.length < 120_000, `svg ${p.svgBody.length} chars`);
  // the hole survives simplification (at least 3 points + close)
  const area = /<g class="geo-feature geo-area"><title>Pulau<\/title><path d="([^"]+)"/.exec(p.svgBody)![1];
  assert.equal((area.match(/M/g) ?? []).length, 2);
  // more features than the limit: the rest are counted, not drawn
  const many = { type: 'FeatureCollection', features: Array.from({ length: 300 }, (_v, i) => ({ type: 'Feature', properties: { nama: `T${i}` }, geometry: { type: 'Point', coordinates: [116 + i / 1000, -8.5] } })) };
  const q = ok(renderGeoJsonPreview(many, { maxFeatures: 100 }));
  assert.equal(q.featureCount, 300);
  assert.equal(q.drawnFeatures, 100);
  assert.equal(q.notDrawn, 200);
  assert.equal(q.table.rows.length, 10);
});

test('radial simplification keeps the ends and at least the minimum points', () => {
  const px = new Float64Array([0, 0, 0.1, 0, 0.2, 0, 5, 0, 5.1, 0, 10, 0]);
  assert.deepEqual(simplifyPx(px, 1, 2), [0, 0, 5, 0, 10, 0]);
  const tiny = new Float64Array([0, 0, 0.01, 0, 0.01, 0.01, 0, 0]);
  assert.equal(simplifyPx(tiny, 1, 3).length, 6);
});

test('LRU cache: eviction by count and weight; cachedGeoPreview renders a file once', async () => {
  const c = new LruCache<string>(2, 100, (v) => v.length);
  c.set('a', 'x'); c.set('b', 'y'); c.get('a'); c.set('c', 'z');
  assert.equal(c.has('b'), false, 'least recently used goes first');
  assert.equal(c.has('a') && c.has('c'), true);
  c.set('big', 'w'.repeat(90));
  assert.ok(c.weight <= 100);
  c.set('huge', 'w'.repeat(200));
  assert.equal(c.has('huge'), false, 'an entry heavier than the cache is not kept');

  geoPreviewCache.clear();
  let loads = 0;
  const load = async () => { loads++; return Buffer.from('{"type":"Point","coordinates":[116,-8]}'); };
  const [a, b] = await Promise.all([cachedGeoPreview('file-1', load), cachedGeoPreview('file-1', load)]);
  const again = await cachedGeoPreview('file-1', load);
  assert.equal(loads, 1, 'concurrent and later calls share one render');
  assert.equal(a, b);
  assert.equal(a, again);
  const badLoads = await cachedGeoPreview('file-2', async () => { loads++; return Buffer.from('{oops'); });
  assert.equal(badLoads.ok, false);
  await cachedGeoPreview('file-2', async () => { loads++; return Buffer.from('{oops'); });
  assert.equal(loads, 2, 'an invalid file is not re-read either');
});
