/**
 * The GeoJSON map preview in the workspace: the revision page of a draft shows the map of its
 * GeoJSON resources (the same figure as the public dataset page), its SVG image comes from an
 * authorised workspace route, and neither that route nor the public one gives a draft's map to
 * anyone who may not read the revision.
 */
import { MODULES } from '../../../src/app.ts';
import { dataModule } from '../../../src/modules/data/index.ts';
if (!MODULES.includes(dataModule)) MODULES.push(dataModule);
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { createDraft, uploadFile, type Agent } from './support/workspace.ts';

let p: TestPlatform;
let produsen: Agent;
let walidata: Agent;
let otherOrg: Agent;
let revisionId = '';
let slug = '';
const resource: Record<string, { id: string; lineage: string }> = {};

const DESA = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { nama: 'Desa Kuripan', kode: '52.01.11.2001' }, geometry: { type: 'Polygon', coordinates: [[[116.12, -8.68], [116.16, -8.68], [116.16, -8.64], [116.12, -8.64], [116.12, -8.68]]] } },
    { type: 'Feature', properties: { nama: 'Kantor Desa Kuripan' }, geometry: { type: 'Point', coordinates: [116.14, -8.66] } },
  ],
};
const SUNGAI = { type: 'Feature', properties: { nama: 'Sungai Dodokan' }, geometry: { type: 'LineString', coordinates: [[116.1, -8.7], [116.2, -8.75], [116.3, -8.72]] } };

async function upload(agent: Agent, filename: string, content: string, name: string) {
  const r = await uploadFile(agent, revisionId, { filename, content, contentType: 'application/geo+json' }, { name });
  assert.equal(r.statusCode, 303, r.body.slice(0, 400));
}

before(async () => {
  p = await startTestPlatform();
  produsen = await p.loginAs([{ org: 'dinas-pupr', role: 'produsen_data' }]);
  walidata = await p.loginAs([{ org: 'diskominfotik', role: 'walidata' }]);
  otherOrg = await p.loginAs([{ org: 'bappeda', role: 'produsen_data' }]);
  revisionId = await createDraft(p, produsen, 'dinas-pupr', {
    title: 'Batas Desa Kuripan (Draf Uji)', description: 'Batas desa dan kantor desa.', sector: 'infrastruktur',
    topic: 'Tata Ruang', tags: 'peta', licence: 'CC-BY-4.0', regionCodes: '52.01', frequency: 'sekali', level: 'desa',
    contactRole: 'Bidang Tata Ruang, Dinas PUPR', source: 'Dinas PUPR', 'msInd.definition': 'Batas administrasi desa',
  });
  await upload(produsen, 'desa.geojson', JSON.stringify(DESA), 'Batas desa');
  await upload(produsen, 'sungai.geojson', JSON.stringify(SUNGAI), 'Sungai');
  await upload(produsen, 'rusak.geojson', '{"type": "FeatureCollection", "features": [', 'Berkas rusak');
  const { rows } = await p.ctx.pool.query(
    `SELECT x.id, x.lineage_id, x.name, x.format, d.slug, d.published_revision_id FROM data_resources x JOIN data_revisions v ON v.id = x.revision_id JOIN data_datasets d ON d.id = v.dataset_id WHERE x.revision_id = $1`,
    [revisionId],
  );
  assert.equal(rows.length, 3);
  for (const x of rows) {
    assert.equal(x.format, 'geojson');
    assert.equal(x.published_revision_id, null, 'still a draft');
    resource[x.name] = { id: x.id, lineage: x.lineage_id };
    slug = x.slug;
  }
});
after(async () => { await p?.close(); });

const section = (body: string) => /<section id="peta" class="geo-preview">([\s\S]*?)<\/section>/.exec(body)?.[1] ?? '';

test('the producer sees the map of a draft GeoJSON resource on the workspace revision page', async () => {
  const r = await produsen.get(`/data/kerja/revisi/${revisionId}`);
  assert.equal(r.statusCode, 200);
  const s = section(r.body);
  assert.match(s, /<h2>Pratinjau peta<\/h2>/);
  assert.match(s, /hanya terlihat di ruang kerja/);
  // the same figure as the public page: inline SVG with tooltips, text alternative, attributes
  assert.match(s, new RegExp(`<svg class="geo-map" xmlns="http://www\\.w3\\.org/2000/svg" viewBox="0 0 800 [\\d.]+" role="img" aria-labelledby="peta-${resource['Batas desa'].id}"`));
  assert.match(s, /<g class="geo-feature geo-area"><title>Desa Kuripan\nkode: 52\.01\.11\.2001<\/title><path d="M[^"]*Z" fill-rule="evenodd"/);
  assert.match(s, /<title>Kantor Desa Kuripan<\/title><circle /);
  assert.match(s, /<figcaption id="peta-[0-9a-f-]+">Peta &quot;Batas desa&quot;: 2 fitur \(1 poligon, 1 titik\)\. Cakupan: 116,12° BT sampai 116,16° BT, 8,68° LS sampai 8,64° LS\.<\/figcaption>/);
  assert.match(s, /<td>Desa Kuripan<\/td><td>52\.01\.11\.2001<\/td>/);
  // the image from the workspace route; no link into the public portal for a draft
  assert.match(s, new RegExp(`<a href="/data/kerja/sumber/${resource['Batas desa'].id}/peta\\.svg" download>Unduh gambar peta \\(SVG\\)</a>`));
  assert.doesNotMatch(s, new RegExp(`/data/${slug}`));
  assert.doesNotMatch(r.body, /sumber\/[0-9a-f-]+\/berkas/);
  // the other map files, and a link from each GeoJSON resource in the list
  assert.match(s, new RegExp(`Berkas peta: <strong>Batas desa</strong> <a href="/data/kerja/revisi/${revisionId}\\?peta=${resource.Sungai.id}#peta">Sungai</a>`));
  assert.match(r.body, new RegExp(`<a href="/data/kerja/revisi/${revisionId}\\?peta=${resource.Sungai.id}#peta">Pratinjau peta</a>`));
  assert.match(r.body, /\/assets\/data\/geo-preview\.js/);

  // another file chosen; English
  const en = await produsen.get(`/data/kerja/revisi/${revisionId}?peta=${resource.Sungai.id}&lang=en`);
  const se = section(en.body);
  assert.match(se, /<h2>Map preview<\/h2>/);
  assert.match(se, /visible only in the workspace/);
  assert.match(se, /Map of &quot;Sungai&quot;: 1 features \(1 line\)/);
  assert.match(se, /<g class="geo-feature geo-line"><title>Sungai Dodokan<\/title>/);
  assert.match(se, new RegExp(`href="/data/kerja/sumber/${resource.Sungai.id}/peta\\.svg"`));

  // an invalid file: the reason, no figure, no download link to a draft's file
  const bad = await produsen.get(`/data/kerja/revisi/${revisionId}?peta=${resource['Berkas rusak'].id}&lang=id`);
  const sb = section(bad.body);
  assert.match(sb, /Peta tidak dapat ditampilkan: berkas ini bukan JSON yang sah/);
  assert.doesNotMatch(sb, /<svg class="geo-map"|Unduh GeoJSON/);
});

test('the workspace SVG route answers the map to those who may read the revision, privately', async () => {
  const url = `/data/kerja/sumber/${resource['Batas desa'].id}/peta.svg`;
  for (const who of [produsen, walidata]) {
    const r = await who.get(url, { accept: 'image/avif,image/webp,image/svg+xml,image/*,*/*;q=0.8' });
    assert.equal(r.statusCode, 200, r.body.slice(0, 300));
    assert.match(String(r.headers['content-type']), /^image\/svg\+xml/);
    assert.match(String(r.headers['content-security-policy']), /default-src 'none'/);
    assert.equal(r.headers['cache-control'], 'private, no-store');
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.match(r.body, /^<\?xml[^>]*>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 800 [\d.]+"[^>]*><title>Batas Desa Kuripan \(Draf Uji\) — Batas desa<\/title>/);
    assert.match(r.body, /<title>Desa Kuripan\n/);
  }
  // the walidata also sees the map on the revision page
  assert.match(section((await walidata.get(`/data/kerja/revisi/${revisionId}`)).body), /<svg class="geo-map"/);
  // a file that cannot be drawn has no image
  assert.equal((await produsen.get(`/data/kerja/sumber/${resource['Berkas rusak'].id}/peta.svg`)).statusCode, 404);
});

test('a draft map is hidden from anonymous visitors, from other organisations and from the public routes', async () => {
  const url = `/data/kerja/sumber/${resource['Batas desa'].id}/peta.svg`;
  // anonymous: sign in first (401 for an image request, the login page for a browser page)
  const img = await p.anon().get(url, { accept: 'image/svg+xml,image/*' });
  assert.equal(img.statusCode, 401);
  assert.doesNotMatch(img.body, /<svg/);
  const page = await p.anon().get(url);
  assert.equal(page.statusCode, 303);
  assert.match(String(page.headers.location), /^\/masuk\?next=/);
  // a producer of another organisation: not found, like a resource that does not exist
  const other = await otherOrg.get(url, { accept: 'image/svg+xml,image/*' });
  assert.equal(other.statusCode, 404);
  assert.doesNotMatch(other.body, /<svg|Desa Kuripan/);
  assert.equal((await otherOrg.get(`/data/kerja/revisi/${revisionId}`)).statusCode, 404);
  assert.equal((await otherOrg.get('/data/kerja/sumber/00000000-0000-0000-0000-000000000000/peta.svg', { accept: 'image/*' })).statusCode, 404);
  assert.equal((await otherOrg.get('/data/kerja/sumber/bukan-id/peta.svg', { accept: 'image/*' })).statusCode, 404);
  // the public routes know nothing of the draft, even for its producer
  for (const who of [p.anon(), produsen]) {
    assert.equal((await who.get(`/data/${slug}/sumber/${resource['Batas desa'].lineage}/peta.svg`, { accept: 'image/*' })).statusCode, 404);
    assert.equal((await who.get(`/data/${slug}`)).statusCode, 404);
  }
});
