/**
 * The one shape every interop format is drawn from: a published dataset as the catalogue shows it.
 * CKAN dictionaries, DCAT-AP, schema.org and datapackage.json are all presenters of this model.
 */
export interface CatalogueOrganisation {
  id: string;
  slug: string;
  name: string;
  description?: string;
  created?: Date | string | null;
}

export interface CatalogueResource {
  id: string;
  name: string;
  description: string;
  /** Upper-case format label (CSV, XLSX, JSON, PDF…). */
  format: string;
  mediaType: string | null;
  /** Landing/access URL of the resource. */
  url: string;
  /** Direct download URL when the platform stores the file. */
  downloadUrl: string | null;
  size: number | null;
  created: Date | string;
  lastModified: Date | string | null;
  position: number;
  datastoreActive: boolean;
  /** Frictionless Table Schema when tabular (as stored: it describes the original file's number and boolean forms too). */
  tableSchema?: { fields: Array<{ name: string; type: string; title?: string; description?: string; constraints?: Record<string, unknown>; unit?: string }>; primaryKey?: string[] } | null;
  /** The normalised export of the datastore table (UTF-8 CSV, field names, plain numbers), when loaded. */
  exportUrl?: string | null;
  rowCount?: number | null;
}

export interface CatalogueDataset {
  id: string;
  slug: string;
  title: string;
  description: string;
  organisation: CatalogueOrganisation;
  tags: string[];
  /** CKAN groups: sector and topic. */
  groups: Array<{ name: string; title: string }>;
  licenceId: string;
  created: Date | string;
  modified: Date | string;
  issued: Date | string | null;
  temporalStart: string | null;
  temporalEnd: string | null;
  /** Kemendagri region codes (52, 52.01 …). */
  regionCodes: string[];
  /** Names of those regions (from the region reference), when known. */
  regionNames?: Record<string, string>;
  frequency: string | null;
  contactRole: string | null;
  /** Extra SDI fields, as CKAN extras. */
  extras: Record<string, string>;
  resources: CatalogueResource[];
  /** CKAN state: 'draft' for a revision not yet published (seen only by its organisation through the API). */
  ckanState?: 'active' | 'draft';
  /** Present when the dataset was harvested from another portal. */
  harvest?: { sourceTitle: string; sourceUrl: string; originalUrl: string; harvestedAt: Date | string } | null;
}

/**
 * `ckanTitle`: the title of the same licence in CKAN's default licence register — what ckanext-dcat
 * compares a licence document's `dct:title` with when its URI is not one of CKAN's, so that a CKAN
 * harvesting the DCAT catalogue finds the licence (`license_id`).
 */
export interface Licence { id: string; title: string; url: string; odConformance: 'approved' | 'not reviewed'; spdx?: string; ckanId?: string; ckanTitle?: string }

/** Licences offered by the platform, with their CKAN ids and canonical URLs. */
export const LICENCES: Licence[] = [
  { id: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/', odConformance: 'approved', spdx: 'CC-BY-4.0', ckanId: 'cc-by', ckanTitle: 'Creative Commons Attribution' },
  { id: 'CC-BY-SA-4.0', title: 'Creative Commons Attribution Share-Alike 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/', odConformance: 'approved', spdx: 'CC-BY-SA-4.0', ckanId: 'cc-by-sa', ckanTitle: 'Creative Commons Attribution Share-Alike' },
  { id: 'CC0-1.0', title: 'Creative Commons CCZero', url: 'https://creativecommons.org/publicdomain/zero/1.0/', odConformance: 'approved', spdx: 'CC0-1.0', ckanId: 'cc-zero', ckanTitle: 'Creative Commons CCZero' },
  { id: 'ODbL-1.0', title: 'Open Data Commons Open Database License (ODbL)', url: 'https://opendatacommons.org/licenses/odbl/1-0/', odConformance: 'approved', spdx: 'ODbL-1.0', ckanId: 'odc-odbl', ckanTitle: 'Open Data Commons Open Database License (ODbL)' },
  { id: 'ODC-BY-1.0', title: 'Open Data Commons Attribution License 1.0', url: 'https://opendatacommons.org/licenses/by/1-0/', odConformance: 'approved', spdx: 'ODC-By-1.0', ckanId: 'odc-by', ckanTitle: 'Open Data Commons Attribution License' },
  { id: 'cc-by', title: 'Creative Commons Attribution', url: 'http://www.opendefinition.org/licenses/cc-by', odConformance: 'approved', ckanId: 'cc-by', ckanTitle: 'Creative Commons Attribution' },
  { id: 'other-closed', title: 'Other (Not Open)', url: '', odConformance: 'not reviewed', ckanId: 'other-closed', ckanTitle: 'Other (Not Open)' },
  { id: 'notspecified', title: 'License not specified', url: '', odConformance: 'not reviewed', ckanId: 'notspecified', ckanTitle: 'License not specified' },
];

export function licence(id: string): Licence {
  return LICENCES.find((l) => l.id.toLowerCase() === id.toLowerCase()) ?? { id, title: id, url: '', odConformance: 'not reviewed' };
}

const MEDIA: Record<string, string> = {
  CSV: 'text/csv', TSV: 'text/tab-separated-values', JSON: 'application/json', GEOJSON: 'application/geo+json', XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  XLS: 'application/vnd.ms-excel', PDF: 'application/pdf', ZIP: 'application/zip', XML: 'application/xml', HTML: 'text/html', DOCX: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  SHP: 'application/x-shapefile', KML: 'application/vnd.google-earth.kml+xml', PNG: 'image/png', JPG: 'image/jpeg', JPEG: 'image/jpeg', TXT: 'text/plain',
};
export function mediaTypeOf(format: string): string | null {
  return MEDIA[format.toUpperCase()] ?? null;
}

/**
 * Formats → the EU file-type vocabulary's code (DCAT-AP's dct:format), for the formats whose IANA media
 * type is also known (so a ckanext-dcat harvester maps the format through its media type registry).
 */
const EU_FILE_TYPES: Record<string, string> = {
  CSV: 'CSV', TSV: 'TSV', JSON: 'JSON', GEOJSON: 'GEOJSON', XLSX: 'XLSX', XLS: 'XLS', PDF: 'PDF', ZIP: 'ZIP', XML: 'XML', HTML: 'HTML',
  DOCX: 'DOCX', KML: 'KML', PNG: 'PNG', JPG: 'JPEG', JPEG: 'JPEG', TXT: 'TXT',
};
/** EU file-type IRI of a format, or null (then dct:format is the format's name as a literal, as CKAN writes it). */
export function euFileType(format: string): string | null {
  const code = EU_FILE_TYPES[format.toUpperCase()];
  return code ? `http://publications.europa.eu/resource/authority/file-type/${code}` : null;
}
/** The IANA media type of a format when it is a registered one (not an x- type), for dcat:mediaType. */
export function ianaMediaType(format: string, mediaType?: string | null): string | null {
  const mt = (mediaTypeOf(format) ?? mediaType ?? '').split(';')[0].trim().toLowerCase();
  return /^[a-z]+\/[a-z0-9][a-z0-9.+-]*$/.test(mt) && !/\/x-/.test(mt) ? mt : null;
}

export function isoDate(d: Date | string | null | undefined): string | null {
  if (d == null) return null;
  const x = typeof d === 'string' ? new Date(d) : d;
  return Number.isNaN(x.getTime()) ? null : x.toISOString();
}

/** Public page (and RDF identity) of a dataset: the Satu Data page, or the provenance page of a harvested one. */
export function datasetPageUrl(baseUrl: string, ds: Pick<CatalogueDataset, 'slug' | 'harvest'>): string {
  return ds.harvest ? `${baseUrl}/data/panen/dataset/${ds.slug}` : `${baseUrl}/data/${ds.slug}`;
}
