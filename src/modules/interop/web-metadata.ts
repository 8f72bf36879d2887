/**
 * schema.org `Dataset` JSON-LD (for the dataset page, read by Google Dataset Search) and the Frictionless
 * `datapackage.json` of a dataset.
 */
import { isoDate, licence, mediaTypeOf, type CatalogueDataset, type CatalogueResource } from './catalogue.model.ts';
import { datasetIri, catalogIri } from './dcat.serializer.ts';

export interface SiteInfo { baseUrl: string; catalogName: string }

/** schema.org Dataset object; embed with `jsonScript(...)` as `<script type="application/ld+json">`. */
export function schemaOrgDataset(site: SiteInfo, ds: CatalogueDataset): Record<string, unknown> {
  const url = datasetIri(site.baseUrl, ds);
  const lic = licence(ds.licenceId);
  const temporal = ds.temporalStart || ds.temporalEnd ? `${ds.temporalStart ?? '..'}/${ds.temporalEnd ?? '..'}` : undefined;
  const out: Record<string, unknown> = {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    '@id': url,
    name: ds.title,
    // Google requires 50–5000 characters; pad short descriptions with the publisher so the page stays eligible.
    description: ds.description.length >= 50 ? ds.description.slice(0, 5000) : `${ds.title}. ${ds.description} Diterbitkan oleh ${ds.organisation.name}.`.trim(),
    url,
    identifier: ds.id,
    keywords: ds.tags,
    license: lic.url || lic.title,
    isAccessibleForFree: true,
    inLanguage: 'id',
    creator: { '@type': 'GovernmentOrganization', name: ds.organisation.name, url: `${site.baseUrl}/data/organisasi/${ds.organisation.slug}` },
    publisher: { '@type': 'GovernmentOrganization', name: ds.organisation.name },
    datePublished: isoDate(ds.issued) ?? undefined,
    dateModified: isoDate(ds.modified) ?? undefined,
    temporalCoverage: temporal,
    // the place by its name, its Kemendagri code as the identifier
    spatialCoverage: ds.regionCodes.length
      ? ds.regionCodes.map((c) => ({ '@type': 'Place', name: ds.regionNames?.[c] ? `${ds.regionNames[c]}, Nusa Tenggara Barat, Indonesia`.replace(/^Nusa Tenggara Barat, Nusa Tenggara Barat/, 'Nusa Tenggara Barat') : `Wilayah ${c}, Nusa Tenggara Barat, Indonesia`, identifier: { '@type': 'PropertyValue', propertyID: 'Kode wilayah Kemendagri', value: c } }))
      : { '@type': 'Place', name: 'Nusa Tenggara Barat, Indonesia', identifier: { '@type': 'PropertyValue', propertyID: 'Kode wilayah Kemendagri', value: '52' } },
    distribution: ds.resources.map((r) => ({
      '@type': 'DataDownload',
      name: r.name,
      contentUrl: r.downloadUrl ?? r.url,
      encodingFormat: r.mediaType ?? mediaTypeOf(r.format) ?? r.format,
      ...(r.size != null ? { contentSize: String(r.size) } : {}),
    })),
    includedInDataCatalog: { '@type': 'DataCatalog', name: site.catalogName, url: catalogIri(site.baseUrl) },
  };
  if (ds.harvest?.originalUrl) out.isBasedOn = ds.harvest.originalUrl;
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

const FRICTIONLESS_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'date', 'time', 'datetime', 'year', 'yearmonth', 'duration', 'geopoint', 'geojson', 'any']);
const CONSTRAINTS = ['required', 'unique', 'minLength', 'maxLength', 'minimum', 'maximum', 'pattern', 'enum'];

/**
 * The Table Schema of the normalised export: the stored schema's names, titles, types and constraints,
 * without the original file's forms (decimal and group characters, true/false words, date formats) —
 * the export writes plain numbers, `true`/`false`, ISO dates, and an empty cell for a missing value.
 */
function exportSchema(schema: NonNullable<CatalogueResource['tableSchema']>): Record<string, unknown> {
  return {
    fields: schema.fields.map((f) => {
      const type = FRICTIONLESS_TYPES.has(f.type) ? f.type : 'string';
      const c = Object.fromEntries(Object.entries(f.constraints ?? {}).filter(([k, v]) => CONSTRAINTS.includes(k) && v !== undefined && v !== null));
      return {
        name: f.name, type, ...(f.title ? { title: f.title } : {}),
        ...(f.description || f.unit ? { description: [f.description, f.unit ? `Satuan: ${f.unit}` : ''].filter(Boolean).join(' — ') } : {}),
        ...(Object.keys(c).length ? { constraints: c } : {}),
      };
    }),
    missingValues: [''],
    ...(schema.primaryKey ? { primaryKey: schema.primaryKey } : {}),
  };
}

/**
 * Frictionless Data Package descriptor (v1) of a dataset. A table loaded into the datastore is described
 * as its normalised export (`path`: UTF-8 CSV with the schema's field names, comma-separated, plain
 * numbers; `dialect` and `schema` say so), with the original upload named in the resource's `sources`;
 * other resources point at the file or link as it is.
 */
export function dataPackage(site: SiteInfo, ds: CatalogueDataset): Record<string, unknown> {
  const lic = licence(ds.licenceId);
  const used = new Set<string>();
  const resName = (n: string) => {
    let b = n.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'resource';
    let x = b; let i = 2;
    while (used.has(x)) x = `${b}-${i++}`;
    used.add(x);
    return x;
  };
  const tabular = (r: CatalogueResource) => !!(r.tableSchema && r.exportUrl);
  const out: Record<string, unknown> = {
    profile: ds.resources.some(tabular) ? 'tabular-data-package' : 'data-package',
    name: ds.slug,
    id: ds.id,
    title: ds.title,
    description: ds.description,
    homepage: datasetIri(site.baseUrl, ds),
    keywords: ds.tags,
    created: isoDate(ds.issued ?? ds.created) ?? undefined,
    licenses: [{ name: lic.spdx ?? lic.id, title: lic.title, ...(lic.url ? { path: lic.url } : {}) }],
    contributors: [{ title: ds.organisation.name, role: 'publisher', path: `${site.baseUrl}/data/organisasi/${ds.organisation.slug}` }],
    // (the profile wants at least one source when the property is there)
    sources: ds.harvest ? [{ title: ds.harvest.sourceTitle, path: ds.harvest.originalUrl }] : undefined,
    resources: ds.resources.map((r) => {
      const original = r.downloadUrl ?? r.url;
      const res: Record<string, unknown> = tabular(r)
        ? {
          name: resName(r.name), title: r.name, profile: 'tabular-data-resource', path: r.exportUrl, format: 'csv', mediatype: 'text/csv', encoding: 'utf-8',
          dialect: { delimiter: ',', doubleQuote: true, lineTerminator: '\r\n', quoteChar: '"', skipInitialSpace: false, header: true, caseSensitiveHeader: false },
          schema: exportSchema(r.tableSchema!),
          ...(original && original !== r.exportUrl ? { sources: [{ title: `Berkas asli (${r.format || 'berkas'})`, path: original }] } : {}),
        }
        : {
          name: resName(r.name), title: r.name, path: original,
          format: r.format.toLowerCase() || undefined, mediatype: r.mediaType ?? mediaTypeOf(r.format) ?? undefined,
          ...(r.size != null ? { bytes: r.size } : {}),
        };
      if (r.description) res.description = r.description;
      for (const k of Object.keys(res)) if (res[k] === undefined) delete res[k];
      return res;
    }),
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/** sitemap.xml from (url, lastmod) pairs; callers stream many through `sitemapChunk`. */
export const SITEMAP_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n';
export const SITEMAP_TAIL = '</urlset>\n';
export function sitemapEntry(url: string, lastmod?: Date | string | null): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
  const lm = isoDate(lastmod ?? null);
  return `  <url><loc>${esc(url)}</loc>${lm ? `<lastmod>${lm.slice(0, 10)}</lastmod>` : ''}</url>\n`;
}

export function robotsTxt(baseUrl: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /masuk',
    'Disallow: /admin',
    'Disallow: /api/',
    'Allow: /api/3/action/',
    'Allow: /api/action/',
    `Sitemap: ${baseUrl}/sitemap.xml`,
    '',
  ].join('\n');
}
