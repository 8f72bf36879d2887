/**
 * Acceptance (issue 15.5): the data package of every demo dataset validates — the descriptor against the
 * Frictionless profiles (tabular-data-package, tabular-data-resource, table-schema: the JSON Schemas the
 * Frictionless JS library ships), and the data: the Frictionless reader (datapackage / tableschema, as
 * published) fetches the file at each resource's `path` over HTTP, checks its header against the schema's
 * field names and casts every cell with its field's type, format and constraints.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import './support/platform-setup.ts';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { runIngest } from '../../../src/modules/data/ingest.service.ts';

const require = createRequire(import.meta.url);
const { Package } = require('datapackage');

let p: TestPlatform;
before(async () => { p = await startTestPlatform({ seedDemo: true, listen: true }); });
after(async () => { await p?.close(); });

test('every demo dataset: datapackage.json is a valid tabular data package whose tables read with their schema', async () => {
  void runIngest;
  const names: string[] = (await (await fetch(`${p.url}/api/3/action/package_list`)).json()).result;
  assert.ok(names.length >= 3, 'demo datasets');
  let tables = 0, cells = 0;
  for (const name of names) {
    const res = await fetch(`${p.url}/data/${name}/datapackage.json`);
    if (res.status === 404) continue; // a harvested dataset has no data package here
    assert.equal(res.status, 200, name);
    const descriptor = await res.json();
    const dp = await Package.load(descriptor, undefined, true);
    assert.ok(dp.valid, `${name}: ${JSON.stringify(dp.errors.map((e: Error) => e.message))}`);
    for (const r of dp.resources) {
      assert.ok(r.valid, `${name}/${r.name}: ${JSON.stringify(r.errors.map((e: Error) => e.message))}`);
      if (!r.tabular) continue;
      tables++;
      const fields: string[] = r.schema.fieldNames;
      // the reader refuses a header other than the field names and any cell its field does not accept
      const rows: unknown[][] = await r.read({ cast: true });
      assert.ok(rows.length > 0, `${name}/${r.name}: rows`);
      for (const row of rows) { assert.equal(row.length, fields.length); cells += row.length; }
      const head = (await (await fetch(r.source)).text()).split('\r\n')[0];
      assert.equal(head, fields.join(','), `${name}/${r.name}: header = field names`);
    }
  }
  assert.ok(tables >= 3, `tables read: ${tables}`);
  assert.ok(cells > 100, `cells cast: ${cells}`);
});
