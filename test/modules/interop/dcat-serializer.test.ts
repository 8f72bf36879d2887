import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Parser } from 'n3';
import { catalogStream, datasetDocument, type RdfFormat } from '../../../src/modules/interop/dcat.serializer.ts';
import { parseJsonLd, NS } from '../../../src/modules/interop/rdf-writer.ts';
import { datasetsFromDcat, parseRdf } from '../../../src/modules/interop/harvest-client.ts';
import { parseRdfXml } from '../../../src/modules/interop/rdf-xml-reader.ts';
import type { Triple } from '../../../src/modules/interop/rdf-writer.ts';
import { fixture } from './support/fixture-server.ts';
import { schemaOrgDataset, dataPackage, robotsTxt, sitemapEntry } from '../../../src/modules/interop/web-metadata.ts';
import { packageDict } from '../../../src/modules/interop/ckan.presenter.ts';
import { sampleDatasets } from './support/sample-datasets.ts';
import { fixtureJson } from './support/fixture-server.ts';

const BASE = 'https://data.ntbprov.go.id';
const INFO = { baseUrl: BASE, title: 'Satu Data NTB', description: 'Katalog', publisherName: 'Pemerintah Provinsi NTB' };

async function collect(format: RdfFormat, n: number, chunks?: string[]): Promise<string> {
  let out = '';
  const page = { page: 1, perPage: 100, total: n, pageUrl: (p: number) => `${BASE}/catalog?page=${p}` };
  for await (const c of catalogStream(format, INFO, page, sampleDatasets(n))) { out += c; chunks?.push(c); }
  return out;
}

function rdfXmlDatasets(xml: string): number {
  return datasetsFromDcat(parseRdfXml(xml, BASE)).length;
}
/** Triples as comparable strings, blank nodes anonymised (parsers relabel them). */
function canon(ts: Triple[]): string[] {
  const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
  const term = (t: Triple['o']) => t.kind === 'bnode' ? '_' : t.kind === 'iri' ? `<${t.value}>` : `"${t.value}"@${t.lang ?? ''}^^${t.lang || t.datatype === XSD_STRING ? '' : t.datatype ?? ''}`;
  return ts.map((t) => `${term(t.s)} <${t.p}> ${term(t.o)}`).sort();
}

test('Turtle catalogue parses with n3 and holds every dataset; streamed one chunk per dataset', async () => {
  const chunks: string[] = [];
  const ttl = await collect('ttl', 30, chunks);
  assert.equal(chunks.length, 31);
  const quads = new Parser({ format: 'Turtle' }).parse(ttl);
  const datasets = quads.filter((q) => q.predicate.value === NS.rdf + 'type' && q.object.value === NS.dcat + 'Dataset');
  assert.equal(datasets.length, 30);
  const links = quads.filter((q) => q.predicate.value === NS.dcat + 'dataset');
  assert.equal(links.length, 30);
  const title = quads.find((q) => q.subject.value === `${BASE}/data/dataset-0` && q.predicate.value === NS.dct + 'title');
  assert.equal(title?.object.value, 'Judul "kutip" & <tag> \\ garis\nbaru');
  assert.ok(quads.some((q) => q.predicate.value === NS.hydra + 'totalItems' && q.object.value === '30'));
  assert.ok(quads.some((q) => q.predicate.value === NS.dcat + 'byteSize'));
  assert.ok(quads.some((q) => q.predicate.value === NS.dcat + 'downloadURL'));
  assert.ok(quads.some((q) => q.predicate.value === NS.dct + 'temporal'));
});

test('every format round-trips the same dataset count and the same titles', async () => {
  for (const n of [0, 1, 7]) {
    const ttl = await collect('ttl', n);
    const fromTtl = datasetsFromDcat(parseRdf(ttl, 'text/turtle', BASE));
    const jsonld = await collect('jsonld', n);
    const fromJson = datasetsFromDcat(parseJsonLd(JSON.parse(jsonld)));
    const xml = await collect('rdf', n);
    assert.equal(fromTtl.length, n);
    assert.equal(fromJson.length, n);
    assert.equal(rdfXmlDatasets(xml), n);
    assert.deepEqual(fromTtl.map((d) => d.title).sort(), fromJson.map((d) => d.title).sort());
    if (n) {
      const d = fromTtl.find((x) => x.remoteId.endsWith(`dataset-${n - 1}`))!;
      assert.equal(d.resources.length, 1);
      assert.equal(d.resources[0].size, 1000 + n - 1);
      assert.equal(d.temporalStart, '2023-01-01');
      assert.equal(d.licenceId, 'CC-BY-4.0');
    }
  }
  assert.match(await collect('rdf', 1), /^<\?xml version="1\.0"[\s\S]*<\/rdf:RDF>\n$/);
});

test('Turtle, RDF/XML and JSON-LD of a catalogue page carry exactly the same triples', async () => {
  const fromTtl = canon(parseRdf(await collect('ttl', 5), 'text/turtle', BASE));
  const fromXml = canon(parseRdfXml(await collect('rdf', 5), BASE));
  const fromJson = canon(parseJsonLd(JSON.parse(await collect('jsonld', 5))));
  assert.ok(fromTtl.length > 150);
  assert.deepEqual(fromXml, fromTtl);
  assert.deepEqual(fromJson, fromTtl);
});

test('RDF/XML reader reads a ckanext-dcat style catalogue (nested nodes, parseType, xml:base, attributes)', () => {
  const ds = datasetsFromDcat(parseRdfXml(fixture('dcat-ckanext.rdf'), 'https://data.sumbawakab.go.id/catalog.xml'));
  assert.equal(ds.length, 2);
  const a = ds.find((d) => d.title === 'Produksi Jagung & Padi')!;
  assert.equal(a.remoteId, 'https://data.sumbawakab.go.id/dataset/0d8a7c1e-2b3f-4c5d-9e6f-7a8b9c0d1e2f');
  assert.deepEqual(a.tags.sort(), ['pangan', 'pertanian']);
  assert.equal(a.organisation?.title, 'Dinas Pertanian Kabupaten Sumbawa');
  assert.equal(a.temporalStart, '2023-01-01');
  assert.equal(a.resources[0].url, 'https://data.sumbawakab.go.id/files/produksi-2023.xlsx');
  assert.equal(a.resources[0].size, 20480);
  assert.equal(a.licenceId, 'CC-BY-4.0');
  assert.equal(ds.find((d) => d.remoteId.endsWith('jumlah-koperasi'))?.title, 'Jumlah Koperasi Aktif');
  assert.throws(() => parseRdfXml('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>', BASE));
});

test('single dataset documents parse in all formats', () => {
  const ds = sampleDatasets(1)[0];
  const q = new Parser({ format: 'Turtle' }).parse(datasetDocument('ttl', BASE, ds));
  assert.ok(q.length > 20);
  assert.equal(datasetsFromDcat(parseJsonLd(JSON.parse(datasetDocument('jsonld', BASE, ds)))).length, 1);
  assert.equal(rdfXmlDatasets(datasetDocument('rdf', BASE, ds)), 1);
});

test('Hydra paging links: next on non-last pages only', async () => {
  const page = { page: 2, perPage: 100, total: 250, pageUrl: (p: number) => `${BASE}/catalog.ttl?page=${p}` };
  let ttl = '';
  for await (const c of catalogStream('ttl', INFO, page, [])) ttl += c;
  const quads = new Parser().parse(ttl);
  const get = (p: string) => quads.find((x) => x.predicate.value === NS.hydra + p)?.object.value;
  assert.equal(get('nextPage'), `${BASE}/catalog.ttl?page=3`);
  assert.equal(get('previousPage'), `${BASE}/catalog.ttl?page=1`);
  assert.equal(get('lastPage'), `${BASE}/catalog.ttl?page=3`);
});

test('schema.org Dataset has the properties Google Dataset Search reads', () => {
  const s = schemaOrgDataset({ baseUrl: BASE, catalogName: 'Satu Data NTB' }, sampleDatasets(2)[1]);
  assert.equal(s['@type'], 'Dataset');
  for (const k of ['name', 'description', 'url', 'identifier', 'keywords', 'license', 'creator', 'temporalCoverage', 'spatialCoverage', 'distribution', 'includedInDataCatalog']) assert.ok(k in s, k);
  assert.equal(s.temporalCoverage, '2023-01-01/2023-12-31');
  assert.deepEqual((s.distribution as any[])[0], { '@type': 'DataDownload', name: 'Tabel 1', contentUrl: 'https://data.example/files/1.csv', encodingFormat: 'text/csv', contentSize: '1001' });
  assert.ok(String(s.description).length >= 50);
});

test('datapackage.json is a tabular data package with the table schema', () => {
  const ds = sampleDatasets(1)[0];
  ds.resources[0].exportUrl = 'https://data.example/export/0.csv?header=name';
  ds.resources[0].tableSchema!.fields[1] = { name: 'jumlah', type: 'integer', title: 'Jumlah (jiwa)', constraints: { minimum: 0, required: true } } as any;
  const p = dataPackage({ baseUrl: BASE, catalogName: 'x' }, ds);
  assert.equal(p.profile, 'tabular-data-package');
  assert.equal(p.name, 'dataset-0');
  const r = (p.resources as any[])[0];
  assert.equal(r.path, 'https://data.example/export/0.csv?header=name', 'the normalised export, which the schema describes');
  assert.deepEqual(r.sources, [{ title: 'Berkas asli (CSV)', path: 'https://data.example/files/0.csv' }]);
  assert.equal(r.dialect.delimiter, ',');
  assert.equal(r.encoding, 'utf-8');
  assert.deepEqual(r.schema.fields, [{ name: 'kecamatan', type: 'string' }, { name: 'jumlah', type: 'integer', title: 'Jumlah (jiwa)', constraints: { minimum: 0, required: true } }]);
  assert.deepEqual(r.schema.missingValues, ['']);
  assert.match(r.name, /^[a-z0-9._-]+$/);
  // a resource without a datastore table: the file as it is, no schema
  ds.resources[0].exportUrl = null;
  const plain = (dataPackage({ baseUrl: BASE, catalogName: 'x' }, ds).resources as any[])[0];
  assert.equal(plain.path, 'https://data.example/files/0.csv');
  assert.equal(plain.schema, undefined);
});

test('CKAN package dict has the recorded CKAN 2.10 keys and types', () => {
  const rec = fixtureJson('ckan210-package_show.json').result;
  const ours = packageDict(sampleDatasets(1)[0]) as any;
  const keys = (o: object) => Object.keys(o).sort();
  assert.deepEqual(keys(ours), keys(rec));
  assert.deepEqual(keys(ours.organization), keys(rec.organization));
  assert.deepEqual(keys(ours.resources[0]), keys(rec.resources[0]));
  assert.deepEqual(keys(ours.tags[0]), keys(rec.tags[0]));
  assert.deepEqual(keys(ours.groups[0]), keys(rec.groups[0]));
  for (const k of Object.keys(rec)) if (rec[k] !== null && ours[k] !== null) assert.equal(typeof ours[k], typeof rec[k], k);
  assert.match(ours.metadata_modified, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
  assert.deepEqual(ours.extras, [{ key: 'sdi_reference_code', value: 'KR-01' }]);
});

test('robots.txt and sitemap entries', () => {
  assert.match(robotsTxt(BASE), /Sitemap: https:\/\/data\.ntbprov\.go\.id\/sitemap\.xml/);
  assert.equal(sitemapEntry(`${BASE}/data/a&b`, new Date('2024-05-01T10:00:00Z')), `  <url><loc>${BASE}/data/a&amp;b</loc><lastmod>2024-05-01</lastmod></url>\n`);
});
