/**
 * CKAN 2.10/2.11 dictionaries (package, resource, organization, group, tag, license) drawn from the
 * catalogue model — the keys, nesting and value types CKAN's dictization produces, so existing clients
 * read them unchanged. Our SDI fields travel as `extras`.
 */
import { ckanTimestamp } from './ckan-envelope.ts';
import { licence, LICENCES, mediaTypeOf, type CatalogueDataset, type CatalogueOrganisation, type CatalogueResource } from './catalogue.model.ts';

export function organizationDict(o: CatalogueOrganisation, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: o.id,
    name: o.slug,
    title: o.name,
    type: 'organization',
    description: o.description ?? '',
    image_url: '',
    created: ckanTimestamp(o.created ?? null) ?? '2017-01-01T00:00:00.000000',
    is_organization: true,
    approval_status: 'approved',
    state: 'active',
    ...extra,
  };
}

export function groupDict(g: { name: string; title: string; id?: string }, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: g.id ?? g.name, name: g.name, title: g.title, display_name: g.title, description: '', image_display_url: '', ...extra };
}

export function tagDict(name: string): Record<string, unknown> {
  return { id: name, name, display_name: name, state: 'active', vocabulary_id: null };
}

export function resourceDict(ds: CatalogueDataset, r: CatalogueResource): Record<string, unknown> {
  return {
    cache_last_updated: null,
    cache_url: null,
    created: ckanTimestamp(r.created),
    datastore_active: r.datastoreActive,
    description: r.description,
    format: r.format,
    hash: '',
    id: r.id,
    last_modified: ckanTimestamp(r.lastModified),
    metadata_modified: ckanTimestamp(r.lastModified ?? r.created),
    mimetype: r.mediaType ?? mediaTypeOf(r.format),
    mimetype_inner: null,
    name: r.name,
    package_id: ds.id,
    position: r.position,
    resource_type: null,
    size: r.size,
    state: 'active',
    url: r.downloadUrl ?? r.url,
    url_type: r.downloadUrl ? 'upload' : null,
  };
}

export function packageDict(ds: CatalogueDataset): Record<string, unknown> {
  const lic = licence(ds.licenceId);
  const extras: Array<{ key: string; value: string }> = Object.entries(ds.extras)
    .filter(([, v]) => v !== '' && v != null)
    .map(([key, value]) => ({ key, value: String(value) }))
    .sort((a, b) => a.key.localeCompare(b.key));
  return {
    author: null,
    author_email: null,
    creator_user_id: null,
    id: ds.id,
    isopen: lic.odConformance === 'approved',
    license_id: lic.id,
    license_title: lic.title,
    ...(lic.url ? { license_url: lic.url } : {}),
    maintainer: ds.contactRole || null,
    maintainer_email: null,
    metadata_created: ckanTimestamp(ds.created),
    metadata_modified: ckanTimestamp(ds.modified),
    name: ds.slug,
    notes: ds.description,
    num_resources: ds.resources.length,
    num_tags: ds.tags.length,
    organization: organizationDict(ds.organisation),
    owner_org: ds.organisation.id,
    private: ds.ckanState === 'draft',
    state: ds.ckanState ?? 'active',
    title: ds.title,
    type: 'dataset',
    url: ds.harvest?.originalUrl ?? '',
    version: null,
    extras,
    groups: ds.groups.map((g) => groupDict(g)),
    resources: ds.resources.map((r) => resourceDict(ds, r)),
    tags: ds.tags.map(tagDict),
    relationships_as_object: [],
    relationships_as_subject: [],
  };
}

export function licenseList(): Array<Record<string, unknown>> {
  return LICENCES.map((l) => ({
    domain_content: l.odConformance === 'approved',
    domain_data: l.odConformance === 'approved',
    domain_software: false,
    family: '',
    id: l.id,
    is_generic: l.id === 'notspecified' || l.id === 'other-closed',
    maintainer: '',
    od_conformance: l.odConformance,
    osd_conformance: 'not reviewed',
    status: 'active',
    title: l.title,
    url: l.url,
  }));
}

/** `search_facets` from `facets` counts: `{ field: { title, items: [{ name, display_name, count }] } }`, sorted by count desc. */
export function searchFacets(facets: Record<string, Array<{ name: string; display_name: string; count: number }>>): { facets: Record<string, Record<string, number>>; search_facets: Record<string, unknown> } {
  const f: Record<string, Record<string, number>> = {};
  const sf: Record<string, unknown> = {};
  for (const [field, items] of Object.entries(facets)) {
    f[field] = Object.fromEntries(items.map((i) => [i.name, i.count]));
    sf[field] = { items: items.map((i) => ({ count: i.count, display_name: i.display_name, name: i.name })), title: field };
  }
  return { facets: f, search_facets: sf };
}
