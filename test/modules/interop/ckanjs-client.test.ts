/**
 * Acceptance with an unmodified CKAN client library: okfn's ckan.js (npm `ckan`), used exactly as its README
 * shows, against a freshly started instance over real HTTP. It POSTs JSON to /api/3/action/<name>.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import './support/platform-setup.ts';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';

const require = createRequire(import.meta.url);
const CKAN = require('ckan');

let p: TestPlatform;
let client: any;
before(async () => {
  p = await startTestPlatform({ seedDemo: true, listen: true });
  client = new CKAN.Client(p.url); // the library appends /api itself
});
after(async () => { await p?.close(); });

function action(name: string, data: Record<string, unknown> = {}): Promise<any> {
  return new Promise((resolve, reject) => client.action(name, data, (err: unknown, out: any) => (err ? reject(err) : resolve(out))));
}

test('ckan.js lists, searches with facets, shows, pages through every dataset and queries the datastore', async () => {
  const list = await action('package_list');
  assert.equal(list.success, true);
  const names: string[] = list.result;
  assert.ok(names.length >= 5);

  const facets = await action('package_search', { q: 'penduduk', 'facet.field': ['organization', 'groups', 'res_format'], rows: 5 });
  assert.ok(facets.result.count >= 1);
  assert.ok(facets.result.search_facets.organization.items.length >= 1);

  const seen: string[] = [];
  for (let start = 0; ; start += 2) {
    const page = await action('package_search', { rows: 2, start, sort: 'name asc' });
    if (!page.result.results.length) break;
    seen.push(...page.result.results.map((r: any) => r.name));
  }
  assert.deepEqual(seen, [...names].sort());

  const pkg = (await action('package_show', { id: names[0] })).result;
  assert.equal(pkg.name, names[0]);
  const byId = (await action('package_show', { id: pkg.id })).result;
  assert.equal(byId.name, pkg.name);

  // Datastore, through the library's own Recline-style helper.
  const withStore: any[] = [];
  for (const n of names) {
    const d = (await action('package_show', { id: n })).result;
    withStore.push(...d.resources.filter((r: any) => r.datastore_active));
  }
  assert.ok(withStore.length >= 1);
  const out: any = await new Promise((resolve, reject) => client.datastoreQuery({ resource_id: withStore[0].id, size: 3 }, (err: unknown, r: any) => (err ? reject(err) : resolve(r))));
  assert.ok(out.total >= 1);
  assert.ok(out.fields.length >= 1);
  assert.ok(out.hits.length >= 1 && out.hits.length <= 3);
});

test('ckan.js sees CKAN\'s Not Found for a missing dataset', async () => {
  await assert.rejects(action('package_show', { id: 'tidak-ada-dataset-ini' }), (err: unknown) => {
    assert.match(String(err), /HTTP code 404/);
    assert.match(String(err), /Not Found Error/);
    return true;
  });
});
