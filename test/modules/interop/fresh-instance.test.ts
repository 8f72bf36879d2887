/**
 * Acceptance: on a freshly started instance (demo content seeded by the data module), a CKAN client can
 * list, search with facets, show, page through every dataset and query the datastore; missing datasets
 * answer CKAN's Not Found. Requests are shaped as ckanapi sends them.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import './support/platform-setup.ts';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';

let p: TestPlatform;
before(async () => { p = await startTestPlatform({ seedDemo: true }); });
after(async () => { await p?.close(); });

/** What ckanapi.RemoteCKAN.call_action does: POST JSON to api/action/<name>, then reverse the envelope. */
async function callAction(name: string, data: Record<string, unknown> = {}): Promise<any> {
  const res = await p.app.inject({ method: 'POST', url: `/api/action/${name}`, payload: JSON.stringify(data), headers: { 'content-type': 'application/json', 'user-agent': 'ckanapi/4.11' } });
  const parsed = JSON.parse(res.body);
  if (parsed?.success) return parsed.result;
  const err = parsed?.error ?? {};
  const e = new Error(String(err.message ?? '').split(': ', 2).pop()) as Error & { type: string };
  e.type = { 'Not Found Error': 'NotFound', 'Authorization Error': 'NotAuthorized', 'Validation Error': 'ValidationError', 'Search Query Error': 'SearchQueryError' }[err.__type as string] ?? 'CKANAPIError';
  throw e;
}

test('a CKAN client lists, searches with facets, shows, pages and queries the datastore', async () => {
  const names: string[] = await callAction('package_list');
  assert.ok(names.length > 0, 'demo datasets are published');
  const first = await callAction('package_search', { rows: 0, 'facet.field': ['organization', 'groups', 'tags', 'res_format', 'license_id'] });
  assert.equal(first.count, names.length);
  for (const f of ['organization', 'groups', 'tags', 'res_format', 'license_id']) assert.ok(first.search_facets[f].items.length > 0, f);
  const seen: string[] = [];
  for (let start = 0; start < first.count; start += 2) {
    const page = await callAction('package_search', { rows: 2, start, sort: 'name asc' });
    seen.push(...page.results.map((r: any) => r.name));
  }
  assert.deepEqual(seen, [...names].sort());
  let queried = 0;
  for (const name of names) {
    const pkg = await callAction('package_show', { id: name });
    assert.deepEqual(await callAction('package_show', { id: pkg.id }), pkg);
    for (const r of pkg.resources.filter((x: any) => x.datastore_active)) {
      const ds = await callAction('datastore_search', { resource_id: r.id, limit: 5 });
      assert.ok(ds.total > 0 && ds.records.length > 0 && ds.fields[0].id === '_id', `${name}/${r.name}`);
      queried++;
    }
  }
  assert.ok(queried > 0, 'at least one demo resource is in the datastore');
  await assert.rejects(callAction('package_show', { id: 'tidak-ada' }), (e: any) => e.type === 'NotFound');
  await assert.rejects(callAction('datastore_search', { resource_id: '00000000-0000-4000-8000-000000000000' }), (e: any) => e.type === 'NotFound');
  await assert.rejects(callAction('package_create', { name: 'x' }), (e: any) => e.type === 'NotAuthorized');
});
