/**
 * DCAT-AP 2 catalogue and dataset documents in Turtle, RDF/XML and JSON-LD, written dataset by dataset
 * (an async generator of text chunks) with Hydra paging (100 per page). All three formats come from the
 * same triples, so they always say the same thing.
 */
import { NS, bnode, iri, lit, typed, turtleBlock, turtlePrefixes, rdfXmlBlock, rdfXmlHead, RDF_XML_TAIL, jsonLdNodes, JSONLD_CONTEXT, type Triple, type Term } from './rdf-writer.ts';
import { datasetPageUrl, euFileType, ianaMediaType, isoDate, licence, type CatalogueDataset, type Licence } from './catalogue.model.ts';

export type RdfFormat = 'ttl' | 'rdf' | 'jsonld';
export const RDF_MEDIA: Record<RdfFormat, string> = {
  ttl: 'text/turtle; charset=utf-8',
  rdf: 'application/rdf+xml; charset=utf-8',
  jsonld: 'application/ld+json; charset=utf-8',
};
export const CATALOG_PAGE_SIZE = 100;

export interface CatalogInfo {
  baseUrl: string;
  title: string;
  description: string;
  publisherName: string;
  /** Most recent modification in the catalogue. */
  modified?: Date | string | null;
  /** When the catalogue was first published (its oldest entry). */
  issued?: Date | string | null;
}

/** The licence of the catalogue's metadata (the records themselves; each dataset carries its own). */
export const CATALOG_LICENCE = 'CC0-1.0';
const EU_THEMES = 'http://publications.europa.eu/resource/authority/data-theme';
const PROVINCE = { code: '52', name: 'Nusa Tenggara Barat' };

/**
 * A licence document as ckanext-dcat reads it: the licence's IRI (CKAN's own where the licence is
 * CKAN's, otherwise the canonical one), `dct:title` CKAN's title of it (its register matches URIs, then
 * titles), `rdfs:label` our full name, `dct:identifier` our id; a licence without an IRI is a blank node.
 */
function licenceTriples(l: Licence, blank: string): { node: Term; triples: Triple[] } {
  const node = l.url ? iri(l.url) : bnode(blank);
  const triples: Triple[] = [
    { s: node, p: RDF_TYPE, o: iri(T('dct:LicenseDocument')) },
    { s: node, p: T('dct:title'), o: lit(l.ckanTitle ?? l.title) },
    { s: node, p: T('rdfs:label'), o: lit(l.title) },
    { s: node, p: T('dct:identifier'), o: lit(l.id) },
  ];
  return { node, triples };
}

/** A region as a dct:Location with its Kemendagri code and name. */
function locationTriples(base: string, code: string, name: string | undefined): { node: Term; triples: Triple[] } {
  const node = iri(`${base}/wilayah/${code}`);
  const triples: Triple[] = [
    { s: node, p: RDF_TYPE, o: iri(T('dct:Location')) },
    { s: node, p: T('skos:notation'), o: lit(code) },
  ];
  if (name) triples.push({ s: node, p: T('skos:prefLabel'), o: lit(name, { lang: 'id' }) });
  return { node, triples };
}

const T = (c: string) => expandCurie(c);
function expandCurie(c: string): string {
  const [p, l] = c.split(':');
  return (NS as Record<string, string>)[p] + l;
}
const RDF_TYPE = NS.rdf + 'type';

export const datasetIri = (base: string, ds: Pick<CatalogueDataset, 'slug' | 'harvest'>) => datasetPageUrl(base, ds);
export const catalogIri = (base: string) => `${base}/catalog`;
const orgIri = (base: string, slug: string) => `${base}/data/organisasi/${slug}`;

const EU_FREQ: Record<string, string> = { tahunan: 'ANNUAL', semesteran: 'ANNUAL_2', triwulanan: 'QUARTERLY', bulanan: 'MONTHLY', sekali: 'NEVER' };
const EU_THEME: Record<string, string> = { sosial: 'SOCI', ekonomi: 'ECON', infrastruktur: 'TRAN' };

/** The triples of one dataset (and its distributions, publisher, contact, period). */
export function datasetTriples(base: string, ds: CatalogueDataset): Triple[] {
  const out: Triple[] = [];
  const s = iri(datasetIri(base, ds));
  const add = (subj: Term, p: string, o: Term | null | undefined) => { if (o) out.push({ s: subj, p: T(p), o }); };
  const idn = ds.id.replace(/-/g, '');
  add(s, 'rdf:type', iri(T('dcat:Dataset')));
  add(s, 'dct:identifier', lit(ds.id));
  add(s, 'dct:title', lit(ds.title, { lang: 'id' }));
  if (ds.description) add(s, 'dct:description', lit(ds.description, { lang: 'id' }));
  for (const k of ds.tags) add(s, 'dcat:keyword', lit(k, { lang: 'id' }));
  const pub = iri(orgIri(base, ds.organisation.slug));
  add(s, 'dct:publisher', pub);
  add(pub, 'rdf:type', iri(T('foaf:Organization')));
  add(pub, 'foaf:name', lit(ds.organisation.name));
  const cp = bnode(`contact_${idn}`);
  add(s, 'dcat:contactPoint', cp);
  add(cp, 'rdf:type', iri(T('vcard:Organization')));
  add(cp, 'vcard:fn', lit(ds.contactRole ? `${ds.contactRole}, ${ds.organisation.name}` : ds.organisation.name));
  add(cp, 'vcard:hasURL', iri(orgIri(base, ds.organisation.slug)));
  const lic = licence(ds.licenceId);
  const licDoc = licenceTriples(lic, `licence_${idn}`);
  const licIri = licDoc.node;
  add(s, 'dct:license', licIri);
  out.push(...licDoc.triples);
  if (ds.temporalStart || ds.temporalEnd) {
    const pt = bnode(`period_${idn}`);
    add(s, 'dct:temporal', pt);
    add(pt, 'rdf:type', iri(T('dct:PeriodOfTime')));
    if (ds.temporalStart) add(pt, 'dcat:startDate', typed(ds.temporalStart, 'date'));
    if (ds.temporalEnd) add(pt, 'dcat:endDate', typed(ds.temporalEnd, 'date'));
  }
  for (const code of ds.regionCodes) {
    const loc = locationTriples(base, code, ds.regionNames?.[code]);
    add(s, 'dct:spatial', loc.node);
    out.push(...loc.triples);
  }
  const issued = isoDate(ds.issued);
  if (issued) add(s, 'dct:issued', typed(issued, 'dateTime'));
  const modified = isoDate(ds.modified);
  if (modified) add(s, 'dct:modified', typed(modified, 'dateTime'));
  for (const g of ds.groups) {
    const theme = iri(`${base}/data/grup/${g.name}`);
    add(s, 'dcat:theme', theme);
    add(theme, 'rdf:type', iri(T('skos:Concept')));
    add(theme, 'skos:prefLabel', lit(g.title, { lang: 'id' }));
    add(theme, 'skos:inScheme', iri(`${base}/data/grup`));
    if (EU_THEME[g.name]) add(s, 'dcat:theme', iri(`http://publications.europa.eu/resource/authority/data-theme/${EU_THEME[g.name]}`));
  }
  if (ds.frequency && EU_FREQ[ds.frequency]) add(s, 'dct:accrualPeriodicity', iri(`http://publications.europa.eu/resource/authority/frequency/${EU_FREQ[ds.frequency]}`));
  add(s, 'dcat:landingPage', iri(datasetIri(base, ds)));
  add(s, 'dct:language', iri('http://publications.europa.eu/resource/authority/language/IND'));
  if (ds.harvest?.originalUrl) add(s, 'dct:source', iri(ds.harvest.originalUrl));
  for (const r of ds.resources) {
    const d = iri(`${datasetIri(base, ds)}/distribusi/${r.id}`);
    add(s, 'dcat:distribution', d);
    add(d, 'rdf:type', iri(T('dcat:Distribution')));
    add(d, 'dct:identifier', lit(r.id));
    add(d, 'dct:title', lit(r.name, { lang: 'id' }));
    // DCAT-AP recommends a description for every distribution: the resource's own, or what it is
    add(d, 'dct:description', lit(r.description || `${r.name}${r.format ? ` (${r.format})` : ''} — ${ds.title}, ${ds.organisation.name}.`, { lang: 'id' }));
    if (r.url) add(d, 'dcat:accessURL', iri(r.url));
    if (r.downloadUrl) add(d, 'dcat:downloadURL', iri(r.downloadUrl));
    // dct:format as ckanext-dcat maps it: an EU file type (with its label) beside a registered IANA media
    // type, from which it takes CKAN's format name; otherwise the format's name as a literal, as CKAN writes it
    const ft = r.format ? euFileType(r.format) : null;
    const mt = ianaMediaType(r.format, r.mediaType);
    if (ft && mt) {
      add(d, 'dct:format', iri(ft));
      add(iri(ft), 'rdf:type', iri(T('dct:MediaTypeOrExtent')));
      add(iri(ft), 'rdfs:label', lit(r.format.toUpperCase()));
    } else if (r.format) add(d, 'dct:format', lit(r.format));
    if (mt) {
      // the IANA IRI as DCAT-AP writes it; its label is what ckanext-dcat takes as the resource's mimetype
      const m = iri(`http://www.iana.org/assignments/media-types/${mt}`);
      add(d, 'dcat:mediaType', m);
      add(m, 'rdf:type', iri(T('dct:MediaType')));
      add(m, 'rdfs:label', lit(mt));
    }
    // the platform keeps what it serves: DCAT-AP's planned availability "stable"
    if (!ds.harvest) add(d, 'dcatap:availability', iri('http://publications.europa.eu/resource/authority/planned-availability/STABLE'));
    if (r.size != null) add(d, 'dcat:byteSize', typed(r.size, 'decimal'));
    add(d, 'dct:license', licIri);
    const ri = isoDate(r.created);
    if (ri) add(d, 'dct:issued', typed(ri, 'dateTime'));
    const rm = isoDate(r.lastModified);
    if (rm) add(d, 'dct:modified', typed(rm, 'dateTime'));
  }
  return out;
}

function catalogTriples(info: CatalogInfo): Triple[] {
  const c = iri(catalogIri(info.baseUrl));
  const lic = licenceTriples(licence(CATALOG_LICENCE), 'catalog_licence');
  const province = locationTriples(info.baseUrl, PROVINCE.code, PROVINCE.name);
  const groups = iri(`${info.baseUrl}/data/grup`);
  const out: Triple[] = [
    { s: c, p: RDF_TYPE, o: iri(T('dcat:Catalog')) },
    { s: c, p: T('dct:title'), o: lit(info.title, { lang: 'id' }) },
    { s: c, p: T('dct:description'), o: lit(info.description, { lang: 'id' }) },
    { s: c, p: T('foaf:homepage'), o: iri(`${info.baseUrl}/`) },
    { s: c, p: T('dct:language'), o: iri('http://publications.europa.eu/resource/authority/language/IND') },
    { s: c, p: T('dct:publisher'), o: iri(`${info.baseUrl}/data/organisasi`) },
    { s: iri(`${info.baseUrl}/data/organisasi`), p: RDF_TYPE, o: iri(T('foaf:Organization')) },
    { s: iri(`${info.baseUrl}/data/organisasi`), p: T('foaf:name'), o: lit(info.publisherName) },
    { s: c, p: T('dct:license'), o: lic.node }, ...lic.triples,
    { s: c, p: T('dct:spatial'), o: province.node }, ...province.triples,
    // the themes datasets use: the EU data themes and the platform's sectors and topics
    { s: c, p: T('dcat:themeTaxonomy'), o: iri(EU_THEMES) },
    { s: iri(EU_THEMES), p: RDF_TYPE, o: iri(T('skos:ConceptScheme')) },
    { s: iri(EU_THEMES), p: T('dct:title'), o: lit('Data theme', { lang: 'en' }) },
    { s: c, p: T('dcat:themeTaxonomy'), o: groups },
    { s: groups, p: RDF_TYPE, o: iri(T('skos:ConceptScheme')) },
    { s: groups, p: T('dct:title'), o: lit('Sektor dan topik Satu Data NTB', { lang: 'id' }) },
  ];
  const issued = isoDate(info.issued ?? null);
  if (issued) out.push({ s: c, p: T('dct:issued'), o: typed(issued, 'dateTime') });
  const m = isoDate(info.modified ?? null);
  if (m) out.push({ s: c, p: T('dct:modified'), o: typed(m, 'dateTime') });
  return out;
}

export interface PageSpec {
  page: number;
  total: number;
  perPage: number;
  /** URL of a page of this listing (keeps modified_since etc.). */
  pageUrl: (page: number) => string;
}

function hydraTriples(p: PageSpec): Triple[] {
  const s = iri(p.pageUrl(p.page));
  const last = Math.max(1, Math.ceil(p.total / p.perPage));
  const out: Triple[] = [
    { s, p: RDF_TYPE, o: iri(T('hydra:PagedCollection')) },
    { s, p: T('hydra:totalItems'), o: typed(p.total, 'integer') },
    { s, p: T('hydra:itemsPerPage'), o: typed(p.perPage, 'integer') },
    { s, p: T('hydra:firstPage'), o: iri(p.pageUrl(1)) },
    { s, p: T('hydra:lastPage'), o: iri(p.pageUrl(last)) },
  ];
  if (p.page < last) out.push({ s, p: T('hydra:nextPage'), o: iri(p.pageUrl(p.page + 1)) });
  if (p.page > 1) out.push({ s, p: T('hydra:previousPage'), o: iri(p.pageUrl(p.page - 1)) });
  return out;
}

/**
 * Streams a catalogue page. `datasets` is consumed lazily; each dataset is serialised and yielded before
 * the next is read.
 */
export async function* catalogStream(format: RdfFormat, info: CatalogInfo, page: PageSpec | null, datasets: AsyncIterable<CatalogueDataset> | Iterable<CatalogueDataset>): AsyncGenerator<string> {
  const head = [...catalogTriples(info), ...(page ? hydraTriples(page) : [])];
  const cat = iri(catalogIri(info.baseUrl));
  const link = (ds: CatalogueDataset): Triple => ({ s: cat, p: T('dcat:dataset'), o: iri(datasetIri(info.baseUrl, ds)) });
  if (format === 'ttl') {
    yield turtlePrefixes() + turtleBlock(head);
    for await (const ds of datasets) yield turtleBlock([link(ds), ...datasetTriples(info.baseUrl, ds)]);
  } else if (format === 'rdf') {
    yield rdfXmlHead() + rdfXmlBlock(head);
    for await (const ds of datasets) yield rdfXmlBlock([link(ds), ...datasetTriples(info.baseUrl, ds)]);
    yield RDF_XML_TAIL;
  } else {
    const nodes = jsonLdNodes(head);
    yield `{"@context":${JSON.stringify(JSONLD_CONTEXT)},"@graph":[` + nodes.map((n) => JSON.stringify(n)).join(',');
    for await (const ds of datasets) yield ',' + jsonLdNodes([link(ds), ...datasetTriples(info.baseUrl, ds)]).map((n) => JSON.stringify(n)).join(',');
    yield ']}\n';
  }
}

/** One dataset as a standalone document. */
export function datasetDocument(format: RdfFormat, base: string, ds: CatalogueDataset): string {
  const triples = datasetTriples(base, ds);
  if (format === 'ttl') return turtlePrefixes() + turtleBlock(triples);
  if (format === 'rdf') return rdfXmlHead() + rdfXmlBlock(triples) + RDF_XML_TAIL;
  return JSON.stringify({ '@context': JSONLD_CONTEXT, '@graph': jsonLdNodes(triples) });
}
