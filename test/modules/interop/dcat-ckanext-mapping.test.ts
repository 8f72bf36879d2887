/**
 * Acceptance (issue 15.6): a CKAN harvesting /catalog with ckanext-dcat keeps licence, format and media
 * type. The catalogue is parsed in its three serialisations (Turtle with n3, RDF/XML and JSON-LD with the
 * module's readers) and ckanext-dcat's mapping rules are applied as its profile code applies them
 * (ckanext/dcat/profiles/base.py: `_object_value`, `_license` over the distributions — CKAN licence
 * register URIs, then `dct:title` — and `_distribution_format` with CKAN's resource format registry).
 * Also the DCAT-AP recommended properties of the catalogue and distributions, and schema.org places.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Parser } from 'n3';
import './support/platform-setup.ts';
import { publishSystemDataset } from '../../../src/modules/data/dataset.service.ts';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { parseJsonLd, type Triple } from '../../../src/modules/interop/rdf-writer.ts';
import { parseRdfXml } from '../../../src/modules/interop/rdf-xml-reader.ts';
import { datasetJsonLd } from '../../../src/modules/interop/dataset-page-hooks.ts';

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#', RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const DCAT = 'http://www.w3.org/ns/dcat#', DCT = 'http://purl.org/dc/terms/', DCATAP = 'http://data.europa.eu/r5r/';

/** CKAN's default licence register (ckan/model/license.py): url → id, title → id. */
const CKAN_LICENCES: Array<[string, string, string]> = [
  ['notspecified', '', 'License not specified'],
  ['odc-pddl', 'http://www.opendefinition.org/licenses/odc-pddl', 'Open Data Commons Public Domain Dedication and License (PDDL)'],
  ['odc-odbl', 'http://www.opendefinition.org/licenses/odc-odbl', 'Open Data Commons Open Database License (ODbL)'],
  ['odc-by', 'http://www.opendefinition.org/licenses/odc-by', 'Open Data Commons Attribution License'],
  ['cc-zero', 'http://www.opendefinition.org/licenses/cc-zero', 'Creative Commons CCZero'],
  ['cc-by', 'http://www.opendefinition.org/licenses/cc-by', 'Creative Commons Attribution'],
  ['cc-by-sa', 'http://www.opendefinition.org/licenses/cc-by-sa', 'Creative Commons Attribution Share-Alike'],
  ['gfdl', 'http://www.opendefinition.org/licenses/gfdl', 'GNU Free Documentation License'],
  ['other-open', '', 'Other (Open)'], ['other-pd', '', 'Other (Public Domain)'], ['other-at', '', 'Other (Attribution)'],
  ['uk-ogl', 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/', 'UK Open Government Licence (OGL)'],
  ['cc-nc', 'http://creativecommons.org/licenses/by-nc/2.0/', 'Creative Commons Non-Commercial (Any)'],
  ['other-nc', '', 'Other (Non-Commercial)'], ['other-closed', '', 'Other (Not Open)'],
];
/** Lines of CKAN's resource_formats.json for the formats here: [format, description, mimetype, alternatives]. */
const CKAN_FORMATS: Array<[string, string, string | null, string[]]> = [
  ['CSV', 'Comma Separated Values File', 'text/csv', ['text/comma-separated-values']],
  ['XLSX', 'Excel OOXML Spreadsheet', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', []],
  ['JSON', 'JavaScript Object Notation', 'application/json', []],
  ['GeoJSON', 'Geographic JavaScript Object Notation', 'application/geo+json', ['geojson']],
  ['PDF', 'PDF File', 'application/pdf', []],
  ['SHP', 'Shapefile', null, ['esri shapefile']],
  ['WMS', 'Web Mapping Service', 'WMS', ['wms']],
];
const registry = new Map<string, [string | null, string, string]>();
for (const [fmt, desc, mime, alts] of CKAN_FORMATS) for (const k of [mime, fmt, desc, ...alts]) if (k) registry.set(k.toLowerCase(), [mime, fmt, desc]);

/** What ckanext-dcat's RDFProfile methods do, over a set of triples. */
class Profile {
  constructor(private triples: Triple[], private defaultLang = 'en') {}
  objects(s: string, p: string) { return this.triples.filter((t) => t.s.value === s && t.p === p).map((t) => t.o); }
  object(s: string, p: string) { return this.objects(s, p)[0] ?? null; }
  /** _object_value: a literal (the default language first), or the rdfs:label of a node, or the node's IRI. */
  objectValue(s: string, p: string): string {
    let fallback = '';
    for (const o of this.objects(s, p)) {
      if (o.kind === 'literal') { if (o.lang === this.defaultLang) return o.value; if (fallback === '') fallback = o.value; }
      else if (this.objects(o.value, RDFS + 'label').length) return this.objects(o.value, RDFS + 'label')[0].value;
      else return o.value;
    }
    return fallback;
  }
  /** _license: the first distribution licence CKAN's register knows, by URI then by dct:title. */
  license(dataset: string): string {
    for (const d of this.objects(dataset, DCAT + 'distribution')) {
      const l = this.object(d.value, DCT + 'license');
      if (!l) continue;
      const byUri = l.kind === 'iri' ? CKAN_LICENCES.find(([, url]) => url && url === l.value) : undefined;
      const byTitle = CKAN_LICENCES.find(([, , title]) => title === this.objectValue(l.value, DCT + 'title'));
      const id = byUri?.[0] ?? byTitle?.[0];
      if (id) return id;
    }
    return '';
  }
  /** _distribution_format with normalize_ckan_format: [mimetype, format]. */
  distributionFormat(d: string): [string | null, string | null] {
    let imt: string | null = this.objectValue(d, DCAT + 'mediaType') || null;
    let label: string | null = null;
    const f = this.object(d, DCT + 'format');
    if (f?.kind === 'literal') { if (!imt && f.value.includes('/')) imt = f.value; else label = f.value; }
    else if (f) {
      if (this.object(f.value, RDF + 'type')?.value === DCT + 'IMT') {
        if (!imt) imt = String(this.object(f.value, RDF + 'value')?.value ?? 'None');
        label = this.objectValue(f.value, RDFS + 'label');
      } else if (f.kind === 'iri') {
        if (f.value.includes('iana.org/assignments/media-types') && !imt) imt = f.value; else label = f.value;
      }
    }
    if (imt || label) {
      if (imt && registry.has(imt)) label = registry.get(imt)![1];
      else if (label && registry.has(label.toLowerCase())) label = registry.get(label.toLowerCase())![1];
    }
    return [imt, label];
  }
  /** The resource dict's mimetype and format as the euro_dcat_ap profile sets them. */
  resource(d: string): { mimetype?: string; format?: string } {
    const [imt, label] = this.distributionFormat(d);
    return { ...(imt ? { mimetype: imt } : {}), ...(label ? { format: label } : imt ? { format: imt } : {}) };
  }
}

let p: TestPlatform;
const cases: Array<{ slug: string; licence: string; ckan: string }> = [];
before(async () => {
  p = await startTestPlatform();
  for (const [i, [licence, ckan]] of ([['CC-BY-4.0', 'cc-by'], ['CC-BY-SA-4.0', 'cc-by-sa'], ['CC0-1.0', 'cc-zero'], ['ODC-BY-1.0', 'odc-by']] as const).entries()) {
    const r = await publishSystemDataset(p.ctx, {
      systemKey: `test.dcat.${i}`, organisationSlug: 'bps-ntb', resourceName: `Tabel ${i}`, csv: 'kecamatan,jumlah\nAmpenan,1\n',
      metadata: { title: `Lisensi uji ${licence}`, description: 'Uji pemetaan lisensi dan format oleh ckanext-dcat.', sector: 'ekonomi', topic: 'Perdagangan', tags: ['uji'], licence, temporalStart: '2023-01-01', temporalEnd: '2023-12-31', regionCodes: ['52', '52.71'], frequency: 'tahunan', level: 'provinsi', contactRole: 'Walidata', source: 'BPS', notes: '', msInd: {}, msKeg: {} },
    });
    cases.push({ slug: r.slug, licence, ckan });
  }
});
after(async () => { await p?.close(); });

async function catalogue(): Promise<Record<string, Triple[]>> {
  const ttl = (await p.app.inject('/catalog.ttl')).body;
  const n3 = new Parser().parse(ttl).map((q): Triple => ({
    s: { kind: q.subject.termType === 'BlankNode' ? 'bnode' : 'iri', value: q.subject.value },
    p: q.predicate.value,
    o: q.object.termType === 'Literal' ? { kind: 'literal', value: q.object.value, lang: (q.object as any).language || undefined } : { kind: q.object.termType === 'BlankNode' ? 'bnode' : 'iri', value: q.object.value },
  }));
  const rdf = parseRdfXml((await p.app.inject('/catalog.rdf')).body, 'http://127.0.0.1/catalog.rdf');
  const jsonld = parseJsonLd((await p.app.inject('/catalog.jsonld')).json());
  return { ttl: n3, rdf, jsonld };
}

test('ckanext-dcat maps licence_id, format and mimetype from every serialisation', async () => {
  for (const [format, triples] of Object.entries(await catalogue())) {
    const prof = new Profile(triples);
    for (const c of cases) {
      const ds = `http://127.0.0.1/data/${c.slug}`;
      assert.equal(prof.license(ds), c.ckan, `${format} ${c.licence}`);
      const dists = prof.objects(ds, DCAT + 'distribution');
      assert.equal(dists.length, 1);
      assert.deepEqual(prof.resource(dists[0].value), { mimetype: 'text/csv', format: 'CSV' }, `${format} ${c.slug}`);
      assert.equal(prof.objects(dists[0].value, DCAT + 'mediaType')[0].value, 'http://www.iana.org/assignments/media-types/text/csv');
      // DCAT-AP recommended on a distribution: description, availability
      assert.ok(prof.objectValue(dists[0].value, DCT + 'description'), 'dct:description');
      assert.equal(prof.object(dists[0].value, DCATAP + 'availability')?.value, 'http://publications.europa.eu/resource/authority/planned-availability/STABLE');
      // the licence document has a title and a label, and is typed
      const lic = prof.object(ds, DCT + 'license')!;
      assert.equal(prof.object(lic.value, RDF + 'type')?.value, DCT + 'LicenseDocument');
      assert.ok(prof.objectValue(lic.value, RDFS + 'label'));
      // region names on the locations
      const places = prof.objects(ds, DCT + 'spatial').map((x) => prof.objectValue(x.value, 'http://www.w3.org/2004/02/skos/core#prefLabel'));
      assert.ok(places.some((n) => /Mataram/i.test(n)), JSON.stringify(places));
    }
    // the catalogue's recommended properties
    const cat = 'http://127.0.0.1/catalog';
    for (const prop of [DCT + 'issued', DCT + 'license', DCT + 'spatial', DCAT + 'themeTaxonomy', DCT + 'modified', DCT + 'language', DCT + 'publisher']) assert.ok(prof.object(cat, prop), `${format}: catalogue ${prop}`);
    assert.equal(prof.objectValue(prof.object(cat, DCT + 'spatial')!.value, 'http://www.w3.org/2004/02/skos/core#notation'), '52');
  }
});

test('the ckanext-dcat rules themselves: literal formats, unlabelled IANA IRIs, IMT nodes, titles', () => {
  const t = (s: string, p: string, o: Triple['o']): Triple => ({ s: { kind: 'iri', value: s }, p, o });
  const iri = (value: string): Triple['o'] => ({ kind: 'iri', value });
  const lit = (value: string): Triple['o'] => ({ kind: 'literal', value });
  const prof = new Profile([
    t('d1', DCT + 'format', lit('CSV')),
    t('d2', DCAT + 'mediaType', iri('https://www.iana.org/assignments/media-types/text/csv')),
    t('d2', DCT + 'format', iri('http://publications.europa.eu/resource/authority/file-type/CSV')),
    t('d3', DCT + 'format', lit('SHP')),
    t('ds', DCAT + 'distribution', iri('d4')), t('d4', DCT + 'license', iri('https://creativecommons.org/licenses/by/4.0/')),
  ]);
  assert.deepEqual(prof.resource('d1'), { format: 'CSV' });
  // what the catalogue said before: the IRI strings end up as mimetype and format
  assert.deepEqual(prof.resource('d2'), { mimetype: 'https://www.iana.org/assignments/media-types/text/csv', format: 'http://publications.europa.eu/resource/authority/file-type/CSV' });
  assert.deepEqual(prof.resource('d3'), { format: 'SHP' });
  assert.equal(prof.license('ds'), '', 'a licence IRI CKAN does not know, without a title: lost');
});

test('schema.org spatialCoverage names the place; the code is its identifier', async () => {
  const ld = (await datasetJsonLd(p.ctx.pool, 'http://127.0.0.1', cases[0].slug))!;
  const places = ld.spatialCoverage as Array<any>;
  assert.equal(places.length, 2);
  assert.equal(places[0].name, 'Nusa Tenggara Barat, Indonesia');
  assert.match(places[1].name, /^Kota Mataram, Nusa Tenggara Barat, Indonesia$/);
  assert.deepEqual(places[1].identifier, { '@type': 'PropertyValue', propertyID: 'Kode wilayah Kemendagri', value: '52.71' });
});
