/**
 * The GeoJSON map preview on the public dataset page: an inline SVG rendered on the server (no
 * tiles, nothing fetched from elsewhere), a text alternative and attribute table, a clear message for
 * invalid files and for files over the size limit, the SVG image, and the per-file cache.
 */
import { MODULES } from '../../../src/app.ts';
import { dataModule } from '../../../src/modules/data/index.ts';
if (!MODULES.includes(dataModule)) MODULES.push(dataModule);
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { createDraft, uploadFile, publishThroughSop, type Agent } from './support/workspace.ts';
import { geoPreviewCache } from '../../../src/modules/data/geojson-preview.ts';
import { publishSystemDataset } from '../../../src/modules/data/dataset.service.ts';

let p: TestPlatform;
let slug = '';
const lineage: Record<string, string> = {};

const KECAMATAN = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { NAMOBJ: 'Gerung', KDCPUM: '52.01.01', luas_km2: 62.3 }, geometry: { type: 'Polygon', coordinates: [[[116.05, -8.75], [116.15, -8.75], [116.15, -8.65], [116.05, -8.65], [116.05, -8.75]], [[116.08, -8.72], [116.1, -8.72], [116.1, -8.7], [116.08, -8.72]]] } },
    { type: 'Feature', properties: { NAMOBJ: 'Sekotong', KDCPUM: '52.01.06' }, geometry: { type: 'MultiPolygon', coordinates: [[[[115.9, -8.9], [116.05, -8.9], [116.05, -8.75], [115.9, -8.9]]], [[[115.85, -8.8], [115.88, -8.8], [115.88, -8.78], [115.85, -8.8]]]] } },
    { type: 'Feature', properties: { nama: 'Jalan Raya Gerung' }, geometry: { type: 'LineString', coordinates: [[116.05, -8.7], [116.12, -8.68], [116.2, -8.6]] } },
    { type: 'Feature', properties: { nama: 'Kantor Camat Gerung <b>' }, geometry: { type: 'Point', coordinates: [116.1, -8.7] } },
  ],
};

async function upload(agent: Agent, revisionId: string, filename: string, content: Buffer, name: string) {
  const r = await uploadFile(agent, revisionId, { filename, content, contentType: 'application/geo+json' }, { name });
  assert.equal(r.statusCode, 303, r.body.slice(0, 400));
}

before(async () => {
  p = await startTestPlatform();
  const produsen = await p.loginAs([{ org: 'dinas-pupr', role: 'produsen_data' }]);
  const walidata = await p.loginAs([{ org: 'diskominfotik', role: 'walidata' }]);
  const kepala = await p.loginAs([{ org: 'dinas-pupr', role: 'kepala_opd' }]);
  const revisionId = await createDraft(p, produsen, 'dinas-pupr', {
    title: 'Batas Kecamatan Lombok Barat (Uji)', description: 'Batas kecamatan, jalan dan kantor camat.', sector: 'infrastruktur',
    topic: 'Tata Ruang', tags: 'peta', licence: 'CC-BY-4.0', regionCodes: '52.01', frequency: 'sekali', level: 'kecamatan',
    contactRole: 'Bidang Tata Ruang, Dinas PUPR', source: 'Dinas PUPR', 'msInd.definition': 'Batas administrasi kecamatan',
  });
  await upload(produsen, revisionId, 'kecamatan.geojson', Buffer.from(JSON.stringify(KECAMATAN)), 'Batas kecamatan');
  // a GIS export saved as .json is recognised as GeoJSON from its content
  await upload(produsen, revisionId, 'kecamatan-ekspor.json', Buffer.from(JSON.stringify(KECAMATAN, null, 2)), 'Batas kecamatan (ekspor JSON)');
  await upload(produsen, revisionId, 'rusak.geojson', Buffer.from('{"type": "FeatureCollection", "features": [ {"type": "Feature"'), 'Berkas rusak');
  await upload(produsen, revisionId, 'utm.geojson', Buffer.from('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[412345.6,9045678.9]}}]}'), 'Koordinat UTM');
  // just over 5 MB of valid GeoJSON
  const big = { type: 'FeatureCollection', features: Array.from({ length: 60_000 }, (_v, i) => ({ type: 'Feature', properties: { nama: `Titik ${i}` }, geometry: { type: 'Point', coordinates: [116 + (i % 300) / 1000, -8.5 - Math.floor(i / 300) / 1000] } })) };
  const bigText = JSON.stringify(big);
  assert.ok(bigText.length > 5 * 1024 * 1024, String(bigText.length));
  await upload(produsen, revisionId, 'titik-besar.geojson', Buffer.from(bigText), 'Titik besar');
  await publishThroughSop(revisionId, { produsen, walidata, kepala });
  const { rows } = await p.ctx.pool.query(`SELECT d.slug, x.name, x.lineage_id, x.format FROM data_datasets d JOIN data_resources x ON x.revision_id = d.published_revision_id WHERE d.published_revision_id IS NOT NULL`);
  slug = rows[0].slug;
  for (const x of rows) { lineage[x.name] = x.lineage_id; assert.equal(x.format, 'geojson'); }
});
after(async () => { await p?.close(); });

test('the dataset page draws the first GeoJSON resource as inline SVG, with tooltips, a text alternative and the attributes', async () => {
  geoPreviewCache.clear();
  const r = await p.anon().get(`/data/${slug}`);
  assert.equal(r.statusCode, 200);
  const section = /<section id="peta" class="geo-preview">([\s\S]*?)<\/section>/.exec(r.body)![1];
  assert.match(section, /<h2>Pratinjau peta<\/h2>/);
  assert.match(section, /<svg class="geo-map" xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 800 [\d.]+" role="img" aria-labelledby="peta-[0-9a-f-]+"/);
  // polygons with a hole (even-odd), the multipolygon, the road and the office
  assert.match(section, /<title>Gerung\nKDCPUM: 52\.01\.01\nluas_km2: 62\.3<\/title><path d="M[^"]*Z[^"]*M[^"]*Z" fill-rule="evenodd"/);
  assert.match(section, /<title>Sekotong\nKDCPUM: 52\.01\.06<\/title><path d="M[^"]*ZM[^"]*Z" fill-rule="evenodd"/);
  assert.match(section, /<g class="geo-feature geo-line"><title>Jalan Raya Gerung<\/title><path d="M[^"Z]+" fill="none"/);
  assert.match(section, /<title>Kantor Camat Gerung &lt;b&gt;<\/title><circle /);
  assert.doesNotMatch(section, /<b>/);
  // the text alternative: count, geometry types, extent with hemispheres
  assert.match(section, /<figcaption id="peta-[0-9a-f-]+">Peta &quot;Batas kecamatan&quot;: 4 fitur \(1 poligon, 1 multipoligon, 1 garis, 1 titik\)\. Cakupan: 115,85° BT sampai 116,2° BT, 8,9° LS sampai 8,6° LS\.<\/figcaption>/);
  // attribute table of the first features
  assert.match(section, /<th scope="col">NAMOBJ<\/th><th scope="col">KDCPUM<\/th><th scope="col">luas_km2<\/th><th scope="col">nama<\/th>/);
  assert.match(section, /<td>Sekotong<\/td><td>52\.01\.06<\/td>/);
  // links: the other map files, the original file and the SVG image; no tiles, nothing from another origin
  assert.match(section, new RegExp(`href="/data/${slug}\\?peta=${lineage['Berkas rusak']}#peta"`));
  assert.match(section, new RegExp(`href="/data/${slug}/sumber/${lineage['Batas kecamatan']}/berkas"`));
  assert.doesNotMatch(r.body, /(src|href)="(https?:)?\/\/(?!127\.0\.0\.1)/, 'nothing loaded from another origin');
  assert.doesNotMatch(r.body, /leaflet|tile/i);
  assert.match(r.body, /<script type="module" src="\/assets\/data\/geo-preview\.js"|\/assets\/data\/geo-preview\.js/);
  // English
  const en = await p.anon().get(`/data/${slug}?lang=en`);
  assert.match(en.body, /Map of &quot;Batas kecamatan&quot;: 4 features \(1 polygon, 1 multipolygon, 1 line, 1 point\)\. Extent: 115\.85° E to 116\.2° E, 8\.9° S to 8\.6° S\./);
});

test('the rendered SVG is cached per file: the second page view does not read the file again', async () => {
  geoPreviewCache.clear();
  const files = p.ctx.files;
  const open = files.open.bind(files);
  let reads = 0;
  files.open = (async (f: Parameters<typeof open>[0]) => { reads++; return open(f); }) as typeof files.open;
  try {
    const a = await p.anon().get(`/data/${slug}`);
    const b = await p.anon().get(`/data/${slug}`);
    const svgA = /<svg class="geo-map"[\s\S]*?<\/svg>/.exec(a.body)![0];
    assert.equal(svgA, /<svg class="geo-map"[\s\S]*?<\/svg>/.exec(b.body)![0]);
    assert.equal(reads, 1);
    // the SVG image comes from the same cache
    const img = await p.anon().get(`/data/${slug}/sumber/${lineage['Batas kecamatan']}/peta.svg`);
    assert.equal(img.statusCode, 200);
    assert.match(String(img.headers['content-type']), /^image\/svg\+xml/);
    assert.match(String(img.headers['content-security-policy']), /default-src 'none'/);
    assert.match(img.body, /^<\?xml[^>]*>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 800 [\d.]+"[^>]*><title>Batas Kecamatan Lombok Barat \(Uji\) — Batas kecamatan<\/title>/);
    assert.equal(reads, 1);
  } finally {
    files.open = open;
  }
});

test('an invalid or non-WGS 84 GeoJSON file gives a clear message, not an error page', async () => {
  let r = await p.anon().get(`/data/${slug}?peta=${lineage['Berkas rusak']}`);
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /Peta tidak dapat ditampilkan: berkas ini bukan JSON yang sah/);
  assert.match(r.body, new RegExp(`href="/data/${slug}/sumber/${lineage['Berkas rusak']}/berkas">Unduh GeoJSON`));
  assert.doesNotMatch(r.body, /<svg class="geo-map"/);
  r = await p.anon().get(`/data/${slug}?peta=${lineage['Koordinat UTM']}`);
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /bukan bujur\/lintang WGS 84 \(ditemukan \[412345\.6, 9045678\.9\]\)/);
  assert.equal((await p.anon().get(`/data/${slug}/sumber/${lineage['Berkas rusak']}/peta.svg`)).statusCode, 404);
});

test('a file over 5 MB is not previewed: a message and the download link instead', async () => {
  const files = p.ctx.files;
  const open = files.open.bind(files);
  let reads = 0;
  files.open = (async (f: Parameters<typeof open>[0]) => { reads++; return open(f); }) as typeof files.open;
  try {
    const r = await p.anon().get(`/data/${slug}?peta=${lineage['Titik besar']}`);
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /Berkas ini berukuran \d+,\d MB; pratinjau peta hanya untuk berkas sampai 5 MB\./);
    assert.match(r.body, new RegExp(`<a class="btn btn-secondary" href="/data/${slug}/sumber/${lineage['Titik besar']}/berkas">Unduh GeoJSON</a>`));
    assert.equal(reads, 0, 'the large file is not even read');
  } finally {
    files.open = open;
  }
});

test('datasets without GeoJSON have no map section and load no map script', async () => {
  const meta = { title: 'Statistik Uji Tanpa Peta', description: 'Uji', sector: 'sosial' as const, topic: 'Uji', tags: [], licence: 'CC-BY-4.0' as const, temporalStart: null, temporalEnd: null, regionCodes: ['52'], frequency: 'bulanan' as const, level: 'provinsi' as const, contactRole: 'Walidata', source: 'Uji', notes: '', msInd: {}, msKeg: {} };
  const d = await publishSystemDataset(p.ctx, { systemKey: 'test.nomap', organisationSlug: 'diskominfotik', metadata: meta, resourceName: 'Tabel', csv: 'Bulan,Jumlah\n2026-01,4\n' });
  const r = await p.anon().get(`/data/${d.slug}`);
  assert.equal(r.statusCode, 200);
  assert.doesNotMatch(r.body, /id="peta"|geo-preview\.js/);
});
