/**
 * What `help_show` answers for each action: its documentation written the way CKAN writes its action
 * docstrings (a summary, then `:param x:` / `:type x:` for every parameter, then `:returns:` / `:rtype:`),
 * including how the action maps onto the Satu Data SOP where CKAN's behaviour differs.
 */
export const ACTION_DOCS: Record<string, string> = {
  site_read: `Return \`\`True\`\`.

:rtype: bool`,

  status_show: `Return a dictionary with information about the site's configuration.

:rtype: dictionary (ckan_version, site_url, site_title, site_description, locale_default, extensions)`,

  package_list: `Return a list of the names of the site's public datasets.

:param limit: if given, the list of datasets will be broken into pages of
    at most \`\`limit\`\` datasets per page (optional)
:type limit: int
:param offset: when \`\`limit\`\` is given, the offset to start returning
    packages from (optional)
:type offset: int

:rtype: list of strings, sorted by name`,

  current_package_list_with_resources: `Return a list of the site's public datasets and their resources,
most recently modified first.

:param limit: the maximum number of datasets to return (optional, at most 1000)
:type limit: int
:param offset: the offset to start returning datasets from (optional)
:type offset: int
:param page: when \`\`limit\`\` is given, the page to return (1-based; optional)
:type page: int

:rtype: list of dictionaries`,

  package_search: `Search for datasets satisfying the given criteria.

Solr forms understood in \`\`q\`\`, \`\`fq\`\` and \`\`fq_list\`\`: free text; \`\`field:value\`\`;
\`\`field:"quoted value"\`\`; \`\`field:(a OR b)\`\`; \`\`a OR b\`\`; \`\`-field:value\`\`, \`\`NOT field:value\`\`,
\`\`+field:value\`\`; ranges \`\`field:[X TO Y]\`\` / \`\`{X TO Y}\`\` with \`\`*\`\` and \`\`NOW\`\` date math; \`\`*:*\`\`.
Fields: id, name, title, notes, text, organization, owner_org, groups, tags, res_format, license_id,
metadata_modified, metadata_created, state, type, dataset_type, capacity.

:param q: the solr query (optional, default: \`\`"*:*"\`\`)
:type q: string
:param fq: any filter queries to apply (optional)
:type fq: string
:param fq_list: additional filter queries to apply (optional; in a GET request
    one or more \`\`fq_list=\`\` parameters)
:type fq_list: list of strings
:param sort: sorting of the search results, a comma-separated list of
    \`\`field asc|desc\`\`; fields: score, metadata_modified, metadata_created,
    title_string, name, id (views_recent and views_total order nothing)
    (optional, default: \`\`"score desc, metadata_modified desc"\`\`)
:type sort: string
:param rows: the maximum number of matching rows (datasets) to return
    (optional, default: \`\`10\`\`, upper limit: \`\`1000\`\`)
:type rows: int
:param start: the offset in the complete result for where the set of
    returned datasets should begin (optional)
:type start: int
:param facet.field: the fields to facet upon: organization, groups, tags,
    res_format, license_id (optional)
:type facet.field: list of strings
:param facet.limit: the maximum number of values per facet (optional,
    default: \`\`50\`\`, \`\`-1\`\`: all)
:type facet.limit: int
:param facet.mincount: the minimum count a facet value needs to be returned
    (optional, default: \`\`1\`\`)
:type facet.mincount: int
:param fl: the dataset keys to return (optional, default: all)
:type fl: string
:param include_private: with an API token, also the datasets of your
    organisations that were never published (\`\`state: "draft"\`\`)
    (optional, default: \`\`False\`\`)
:type include_private: bool
:param include_drafts: as \`\`include_private\`\` (optional, default: \`\`False\`\`)
:type include_drafts: bool

:returns: a dictionary with \`\`count\`\`, \`\`results\`\` (dataset dictionaries),
    \`\`facets\`\`, \`\`search_facets\`\` and \`\`sort\`\`
:rtype: dictionary`,

  package_show: `Return the metadata of a dataset (package) and its resources.

:param id: the id or name of the dataset
:type id: string

:rtype: dictionary`,

  resource_show: `Return the metadata of a resource.

A resource of a dataset not yet published is shown to the members of its
organisation (and the walidata) who send their API token.

:param id: the id of the resource
:type id: string

:rtype: dictionary`,

  organization_list: `Return a list of the names of the site's organizations.

:param all_fields: return group dictionaries instead of just names
    (optional, default: \`\`False\`\`)
:type all_fields: bool
:param include_dataset_count: if all_fields, include the number of
    datasets (optional, default: \`\`True\`\`)
:type include_dataset_count: bool
:param sort: \`\`"name asc"\`\` (default), \`\`"title asc"\`\` or
    \`\`"package_count desc"\`\` (optional)
:type sort: string
:param limit: the maximum number of organizations returned (optional)
:type limit: int
:param offset: when \`\`limit\`\` is given, the offset to start returning
    organizations from (optional)
:type offset: int

:rtype: list of strings or dictionaries`,

  organization_show: `Return the details of an organization.

:param id: the id or name of the organization
:type id: string
:param include_datasets: include a truncated list of the organization's
    datasets (10, most recently modified) (optional, default: \`\`False\`\`)
:type include_datasets: bool

:rtype: dictionary`,

  group_list: `Return a list of the names of the site's groups: the Satu Data sectors
(sosial, ekonomi, infrastruktur) and topics.

:param all_fields: return group dictionaries instead of just names
    (optional, default: \`\`False\`\`)
:type all_fields: bool
:param sort: \`\`"name asc"\`\` (default) or \`\`"package_count desc"\`\` (optional)
:type sort: string

:rtype: list of strings or dictionaries`,

  group_show: `Return the details of a group (a sector or a topic).

:param id: the id or name of the group
:type id: string
:param include_datasets: include a truncated list of the group's datasets
    (optional, default: \`\`False\`\`)
:type include_datasets: bool

:rtype: dictionary`,

  tag_list: `Return a list of the site's tags.

:param query: a tag name query to search for (optional)
:type query: string
:param all_fields: return tag dictionaries instead of just names
    (optional, default: \`\`False\`\`)
:type all_fields: bool
:param limit: (optional)
:type limit: int
:param offset: (optional)
:type offset: int

:rtype: list of strings or dictionaries`,

  license_list: `Return the list of licenses available for datasets on the site.

:rtype: list of dictionaries`,

  datastore_search: `Search a DataStore resource.

:param resource_id: id of the resource to be searched against
:type resource_id: string
:param filters: matching conditions to select, e.g.
    {"key1": "a", "key2": ["b", "c"]} (optional)
:type filters: dictionary
:param q: full text query: a string, or a dictionary {"field": "text"} (optional)
:type q: string or dictionary
:param distinct: return only distinct rows (optional, default: false)
:type distinct: bool
:param fields: fields to return (optional, default: all fields)
:type fields: list or comma separated string
:param sort: comma separated field names with ordering, e.g.
    "fieldname1, fieldname2 desc" (optional)
:type sort: string
:param limit: maximum number of rows to return (optional, default: \`\`100\`\`,
    upper limit: \`\`32000\`\`)
:type limit: int
:param offset: offset this number of rows (optional)
:type offset: int
:param include_total: True to return total matching record count
    (optional, default: true)
:type include_total: bool
:param records_format: the format for the records return value:
    'objects' (default), 'lists', 'csv' or 'tsv' (optional)
:type records_format: controlled list

:returns: a dictionary with \`\`fields\`\`, \`\`records\`\`, \`\`total\`\`, \`\`offset\`\`,
    \`\`limit\`\` and \`\`_links\`\`
:rtype: dictionary`,

  datastore_search_sql: `Execute a read-only SQL query on the DataStore.

One \`\`SELECT\`\` (or \`\`WITH … SELECT\`\`) over DataStore tables named by resource id in
double quotes, e.g. \`\`SELECT kecamatan, sum(jumlah) FROM "<resource_id>" GROUP BY 1\`\`; only
pure functions; a statement timeout and a row cap (32000; \`\`records_truncated\`\` when hit).

:param sql: a single SQL select statement
:type sql: string

:returns: a dictionary with \`\`fields\`\`, \`\`records\`\` and \`\`sql\`\`
:rtype: dictionary`,

  help_show: `Return the help string for a particular API action.

:param name: Action function name (e.g. \`\`package_search\`\`)
:type name: string

:returns: The help string for the action function
:rtype: string`,

  package_create: `Create a new dataset (package).

The dataset starts as a DRAFT (\`\`state: "draft"\`\`, \`\`private: true\`\`) of \`\`owner_org\`\`, which
requires the produsen data role there; it follows the Satu Data SOP (walidata check, Kepala OPD
validation, publication by the walidata) before it is public. No API call publishes.

:param name: the name of the new dataset, between 2 and 100 characters
    long, lowercase ASCII letters, digits and \`\`-\`\`
:type name: string
:param title: the title of the dataset (optional, default: same as
    \`\`name\`\`)
:type title: string
:param owner_org: the id or name of the dataset's owning organization
:type owner_org: string
:param notes: a description of the dataset (optional)
:type notes: string
:param license_id: the id of the dataset's license: CC-BY-4.0,
    CC-BY-SA-4.0, CC0-1.0, ODC-BY-1.0 or CKAN's cc-by, cc-by-sa, cc-zero,
    odc-by (optional, default: CC-BY-4.0)
:type license_id: string
:param tags: the dataset's tags (optional)
:type tags: list of tag dictionaries
:param groups: the sector group, e.g. \`\`[{"name": "sosial"}]\`\` (or the
    extra \`\`sdi_sector\`\`); a second group is the topic
:type groups: list of dictionaries
:param extras: the SDI metadata: sdi_sector, sdi_topic, sdi_frequency,
    sdi_level, sdi_region_codes, sdi_source, temporal_start, temporal_end
    (optional)
:type extras: list of dataset extra dictionaries
:param resources: link resources (\`\`url\`\`, \`\`name\`\`, \`\`format\`\`,
    \`\`description\`\`) (optional)
:type resources: list of resource dictionaries

:returns: the newly created dataset (its working revision)
:rtype: dictionary`,

  package_update: `Update a dataset (package).

Fields not given are reset to their defaults, as in CKAN. A published dataset gets a new revision
(draft); the published one stays public until the new one is checked, validated and published.

:param id: the name or id of the dataset to update
:type id: string

(the other parameters as in \`\`package_create\`\`)

:returns: the updated dataset (its working revision)
:rtype: dictionary`,

  package_patch: `Patch a dataset (package): only the given fields change.

A published dataset gets a new revision (draft), as with \`\`package_update\`\`.

:param id: the id or name of the dataset
:type id: string

:returns: the patched dataset (its working revision)
:rtype: dictionary`,

  package_delete: `Delete a dataset (package).

As CKAN deletes a dataset its user may edit: a dataset that was never published is deleted by a
produsen data of its organisation (with its resources, DataStore tables and files) while its
revision is a draft or returned (a revision under review is withdrawn first). A dataset that was
ever published is not deleted: the walidata withdraws it from publication (a reason is recorded);
anyone else gets an Authorization Error.

:param id: the id or name of the dataset to delete
:type id: string

:rtype: None`,

  resource_create: `Append a resource to a dataset's working revision.

:param package_id: id or name of the dataset to add the resource to
:type package_id: string
:param url: url of the resource (a link), or
:param upload: a file (multipart/form-data); tabular files are loaded
    into the DataStore
:type upload: FieldStorage (optional) needs multipart/form-data
:param name: (optional)
:type name: string
:param description: (optional)
:type description: string
:param format: (optional)
:type format: string

:returns: the newly created resource
:rtype: string`,

  resource_update: `Update a resource in the working revision of its dataset.

Fields not given are reset (the description is cleared), as in CKAN; the resource keeps its id and
position. A link's \`\`url\`\` may change; a file is replaced with a new \`\`upload\`\`. A resource of a
published dataset is changed in a new revision.

:param id: the id of the resource to update
:type id: string
:param url: the new url of a link resource
:type url: string
:param upload: a new file (multipart/form-data) (optional)
:param name: (optional)
:param description: (optional)
:param format: (optional)

:returns: the updated resource
:rtype: string`,

  resource_patch: `Patch a resource: only the given fields change.

:param id: the id of the resource
:type id: string

(the other parameters as in \`\`resource_update\`\`)

:returns: the patched resource
:rtype: dictionary`,

  resource_delete: `Delete a resource from its dataset's working revision.

The resource of a published dataset stays public until the new revision without it is published.

:param id: the id of the resource
:type id: string

:rtype: None`,
};
