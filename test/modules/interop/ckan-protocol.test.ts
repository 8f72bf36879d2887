import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ckanFailure, ckanSuccess, ckanNotFound, ckanNotAuthorized, ckanValidation, CkanBadRequest, requestData, ckanTimestamp, parseCkanTimestamp, helpUrl } from '../../../src/modules/interop/ckan-envelope.ts';
import { parseSolr, parseSearchFilter, toCatalogueFilter, solrDate } from '../../../src/modules/interop/solr-query.ts';
import { parsePackageSearch, parseDatastoreSearch } from '../../../src/modules/interop/ckan-params.ts';
import { CkanActionError } from '../../../src/modules/interop/ckan-envelope.ts';
import { fixtureJson } from './support/fixture-server.ts';

const BASE = 'https://data.ntbprov.go.id';

test('envelope: success carries help, success and result like CKAN', () => {
  const a = ckanSuccess(BASE, 'package_list', ['a']);
  assert.equal(a.status, 200);
  assert.deepEqual(a.body, { help: `${BASE}/api/3/action/help_show?name=package_list`, success: true, result: ['a'] });
  const rec = fixtureJson('ckan210-package_list.json');
  assert.deepEqual(Object.keys(a.body as object).sort(), Object.keys(rec).sort());
});

test('envelope: errors have CKAN __type, message and status codes', () => {
  const nf = ckanFailure(BASE, 'package_show', ckanNotFound());
  assert.equal(nf.status, 404);
  assert.deepEqual(nf.body, { ...fixtureJson('ckan210-not_found.json'), help: helpUrl(BASE, 'package_show') });
  const na = ckanFailure(BASE, 'package_create', ckanNotAuthorized('User  not authorized to create packages'));
  assert.equal(na.status, 403);
  assert.deepEqual((na.body as any).error, fixtureJson('ckan210-not_authorized.json').error);
  const ve = ckanFailure(BASE, 'package_create', ckanValidation({ name: ['That URL is already in use.'] }));
  assert.equal(ve.status, 409);
  assert.deepEqual((ve.body as any).error, fixtureJson('ckan210-validation_error.json').error);
  const bad = ckanFailure(BASE, 'nope', new CkanBadRequest('Action name not known: nope'));
  assert.equal(bad.status, 400);
  assert.equal(bad.body, 'Bad request - Action name not known: nope');
  const sq = ckanFailure(BASE, 'package_search', new CkanActionError('Search Query Error', 'bad'));
  assert.equal(sq.status, 400);
  assert.equal((sq.body as any).error.__type, 'Search Query Error');
  assert.equal((sq.body as any).error.message, "Search Query is invalid: ('bad',)", 'the args tuple as CKAN prints it (%r)');
  assert.equal((ckanFailure(BASE, 'package_search', new CkanActionError('Search Query Error', 'Invalid "sort" parameter')).body as any).error.message, `Search Query is invalid: ('Invalid "sort" parameter',)`);
  assert.equal((ckanFailure(BASE, 'package_search', new CkanActionError('Search Query Error', "it's")).body as any).error.message, `Search Query is invalid: ("it's",)`);
  const se = ckanFailure(BASE, 'package_search', new CkanActionError('Search Error', 'Search error: x'));
  assert.equal(se.status, 409);
  const boom = ckanFailure(BASE, 'package_search', new Error('secret connection string'));
  assert.equal(boom.status, 500);
  assert.doesNotMatch(JSON.stringify(boom.body), /secret/);
});

test('request data: GET params, POST JSON body, form-encoded JSON key, refusals', () => {
  assert.deepEqual(requestData('GET', { id: 'x', rows: ['5'] }, undefined), { id: 'x', rows: '5' });
  assert.deepEqual(requestData('POST', {}, { q: 'air' }), { q: 'air' });
  assert.deepEqual(requestData('POST', {}, Buffer.from('{"q":"air"}')), { q: 'air' });
  assert.deepEqual(requestData('POST', {}, { '{"id":"a"}': '' }, 'application/x-www-form-urlencoded'), { id: 'a' });
  assert.throws(() => requestData('POST', {}, Buffer.from('{bad')), CkanBadRequest);
  assert.throws(() => requestData('POST', {}, Buffer.from('[1,2]')), CkanBadRequest);
});

test('timestamps: CKAN form (UTC, no zone, microseconds) and back', () => {
  assert.equal(ckanTimestamp(new Date('2024-03-01T08:15:00.123Z')), '2024-03-01T08:15:00.123000');
  assert.equal(parseCkanTimestamp('2024-02-15T05:30:12.123456')?.toISOString(), '2024-02-15T05:30:12.123Z');
  assert.equal(parseCkanTimestamp('nope'), null);
});

test('solr: field terms, quoted values, free text, negation, OR, ranges', () => {
  assert.deepEqual(parseSolr('*:*'), []);
  assert.deepEqual(parseSolr('tags:kesehatan'), [[{ kind: 'term', field: 'tags', value: 'kesehatan', negate: false }]]);
  assert.deepEqual(parseSolr('organization:"dinas kesehatan"'), [[{ kind: 'term', field: 'organization', value: 'dinas kesehatan', negate: false }]]);
  assert.deepEqual(parseSolr('-res_format:PDF'), [[{ kind: 'term', field: 'res_format', value: 'PDF', negate: true }]]);
  assert.deepEqual(parseSolr('NOT tags:x'), [[{ kind: 'term', field: 'tags', value: 'x', negate: true }]]);
  const or = parseSolr('organization:a OR organization:b');
  assert.equal(or.length, 1);
  assert.deepEqual(or[0].map((c) => (c as any).value), ['a', 'b']);
  const grp = parseSolr('groups:(sosial OR ekonomi) tags:x');
  assert.equal(grp.length, 2);
  assert.deepEqual(grp[0].map((c) => [c.field, (c as any).value]), [['groups', 'sosial'], ['groups', 'ekonomi']]);
  const r = parseSolr('metadata_modified:[2024-01-01T00:00:00Z TO *]');
  assert.deepEqual(r, [[{ kind: 'range', field: 'metadata_modified', from: '2024-01-01T00:00:00Z', to: null, inclusive: true, negate: false }]]);
  const f = parseSearchFilter('penduduk miskin tags:sosial', '+organization:bappeda -license_id:other-closed');
  assert.deepEqual(f.text, ['penduduk', 'miskin']);
  assert.equal(f.filter.length, 3);
  assert.throws(() => parseSolr('tags:"open'), /Search Query|unterminated/);
  assert.throws(() => parseSolr('OR tags:x'));
  assert.throws(() => parseSolr('metadata_modified:[2024 TO'));
});

test('solr → catalogue filter: CKAN fields mapped, values normalised, date math resolved, unknown field refused', () => {
  const { filter } = parseSearchFilter('', 'organization:a OR organization:b -res_format:pdf metadata_modified:[2024-01-01 TO NOW] state:active -capacity:private');
  const now = new Date('2025-01-01T00:00:00Z');
  assert.deepEqual(toCatalogueFilter(filter, now), [
    [{ op: 'match', field: 'organisation', value: 'a', negate: false }, { op: 'match', field: 'organisation', value: 'b', negate: false }],
    [{ op: 'match', field: 'formats', value: 'PDF', negate: true }],
    [{ op: 'range', field: 'modified', from: '2024-01-01T00:00:00.000Z', to: '2025-01-01T00:00:00.000Z', inclusive: true, negate: false }],
    [{ op: 'const', value: true, negate: false }],
    [{ op: 'const', value: false, negate: true }],
  ]);
  assert.deepEqual(toCatalogueFilter(parseSolr('penduduk OR padi'), now), [[{ op: 'match', field: 'text', value: 'penduduk', negate: false }, { op: 'match', field: 'text', value: 'padi', negate: false }]]);
  assert.deepEqual(toCatalogueFilter(parseSolr('metadata_created:2024-05-01'), now), [[{ op: 'match', field: 'created', value: '2024-05-01T00:00:00.000Z', negate: false }]]);
  assert.throws(() => toCatalogueFilter(parseSolr('secret_column:1')), /undefined field/);
  assert.throws(() => toCatalogueFilter(parseSolr('tags:[a TO b]')), /range on non-date/);
  assert.equal(solrDate('NOW-1DAY/DAY', now), '2024-12-31T00:00:00.000Z');
});

test('package_search params: defaults, clamps, sort, facets, validation errors', () => {
  const d = parsePackageSearch({});
  assert.equal(d.rows, 10); assert.equal(d.start, 0); assert.equal(d.sortText, 'score desc, metadata_modified desc');
  assert.equal(d.facetLimit, 50); assert.equal(d.facetMincount, 1);
  const p = parsePackageSearch({ rows: '5000', start: '20', sort: 'title_string asc', 'facet.field': '["organization","tags","res_format"]', 'facet.limit': '5', 'facet.mincount': '2' });
  assert.equal(p.rows, 1000); assert.equal(p.start, 20);
  assert.deepEqual(p.sort, [{ field: 'title_string', desc: false }]);
  assert.deepEqual(p.facetFields, ['organization', 'tags', 'res_format']);
  assert.equal(p.facetLimit, 5); assert.equal(p.facetMincount, 2);
  assert.deepEqual(parsePackageSearch({ 'facet.field': ['groups'] }).facetFields, ['groups']);
  try { parsePackageSearch({ rows: 'x', 'facet.field': '[bad' }); assert.fail('should throw'); } catch (e) {
    assert.ok(e instanceof CkanActionError); assert.equal(e.type, 'Validation Error');
    assert.deepEqual(e.fields, { rows: ['Invalid integer'], 'facet.field': ['Could not parse as valid JSON'] });
  }
  assert.throws(() => parsePackageSearch({ sort: 'secret desc' }), (e: any) => e.type === 'Search Error');
  assert.throws(() => parsePackageSearch({ sort: 'tags asc' }), (e: any) => e.type === 'Search Error');
  assert.throws(() => parsePackageSearch({ sort: 'name sideways' }), (e: any) => e.type === 'Search Query Error' && e.message === 'Invalid "sort" parameter');
  for (const sort of ['id asc', 'name desc', 'title_string asc, id desc', 'metadata_modified desc,metadata_created asc', 'score desc, metadata_modified desc', 'views_recent desc', 'id']) {
    assert.doesNotThrow(() => parsePackageSearch({ sort }), sort);
  }
  assert.equal(parsePackageSearch({ sort: 'rank' }).sortText, 'score desc, metadata_modified desc');
  assert.deepEqual(parsePackageSearch({ fq_list: 'organization:bps-ntb' }).fqList, ['organization:bps-ntb'], 'one fq_list= of a GET');
  assert.deepEqual(parsePackageSearch({ fq_list: ['tags:a', 'groups:b'] }).fqList, ['tags:a', 'groups:b'], 'repeated fq_list= of a GET, or a JSON list');
  assert.deepEqual(parsePackageSearch({ fq_list: '["tags:a"]' }).fqList, ['tags:a']);
  assert.throws(() => parsePackageSearch({ fq_list: [1] }), (e: any) => e.type === 'Validation Error');
  assert.throws(() => parsePackageSearch({ start: '-1' }), (e: any) => e.fields.start[0] === 'Must be a natural number');
});

test('datastore_search params: filters JSON, fields, sort, limit cap, records_format', () => {
  const p = parseDatastoreSearch({ resource_id: 'r1', filters: '{"kecamatan":["Gerung","Kediri"],"tahun":2023}', q: 'gerung', fields: 'kecamatan,jumlah', sort: 'jumlah desc, kecamatan', limit: '50000', offset: '10', include_total: 'false', records_format: 'lists' });
  assert.deepEqual(p.filters, { kecamatan: ['Gerung', 'Kediri'], tahun: ['2023'] });
  assert.deepEqual(p.fields, ['kecamatan', 'jumlah']);
  assert.deepEqual(p.sort, [{ field: 'jumlah', desc: true }, { field: 'kecamatan', desc: false }]);
  assert.equal(p.limit, 32000); assert.equal(p.offset, 10); assert.equal(p.includeTotal, false); assert.equal(p.recordsFormat, 'lists');
  assert.deepEqual(parseDatastoreSearch({ resource_id: 'r', q: '{"kecamatan":"ger"}' }).q, { kecamatan: 'ger' });
  assert.throws(() => parseDatastoreSearch({}), (e: any) => e.fields.resource_id[0] === 'Missing value');
  assert.throws(() => parseDatastoreSearch({ resource_id: 'r', records_format: 'xml' }), (e: any) => 'records_format' in e.fields);
  assert.throws(() => parseDatastoreSearch({ resource_id: 'r', filters: '{oops' }), (e: any) => 'filters' in e.fields);
});
