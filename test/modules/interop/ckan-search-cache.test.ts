/**
 * package_search's result-set and document caches (Solr's queryResultCache and documentCache): later
 * pages of a search come from the cached ordered ids and give exactly what an uncached search gives; a
 * publication changes the catalogue version and no cached page, total or facet survives it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { publish } from './support/platform-setup.ts';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';

let p: TestPlatform;
before(async () => {
  p = await startTestPlatform();
  for (let i = 1; i <= 12; i++) await publish(p.ctx, i, { title: `Jumlah Penduduk Kecamatan ${i}`, tags: i % 2 ? ['penduduk'] : ['penduduk', 'genap'] });
  await publish(p.ctx, 13, { title: 'Angka Partisipasi Sekolah', tags: ['pendidikan'] });
});
after(async () => { await p?.close(); });

async function search(body: Record<string, unknown>) {
  const res = await p.app.inject({ method: 'POST', url: '/api/action/package_search', payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().result as { count: number; results: Array<{ name: string; title: string }>; facets: Record<string, Record<string, number>> };
}
const facetField = ['tags', 'organization'];

test('pages served from the result-set cache equal the pages of a fresh search, in order, with the same total and facets', async () => {
  const pages: string[][] = [];
  for (let start = 0; start < 15; start += 5) {
    const r = await search({ q: 'penduduk', rows: 5, start, 'facet.field': facetField, sort: 'name asc' });
    assert.equal(r.count, 13, 'every test dataset speaks of penduduk in its description');
    assert.equal(r.facets.tags.genap, 6);
    pages.push(r.results.map((x) => x.name));
  }
  // the same pages, each as the first request of its own search shape (rows 5 vs a window of 1: no cache shared)
  const names = pages.flat();
  assert.equal(names.length, 13);
  assert.equal(new Set(names).size, 13);
  assert.deepEqual(names, [...names].sort(), 'sorted by name across pages');
  const single: string[] = [];
  for (let start = 0; start < 13; start++) single.push(...(await search({ q: 'penduduk', rows: 1, start, 'facet.field': ['tags'], sort: 'name asc' })).results.map((x) => x.name));
  assert.deepEqual(single, names);
  // beyond the end: empty page, same total
  const past = await search({ q: 'penduduk', rows: 5, start: 20, 'facet.field': facetField, sort: 'name asc' });
  assert.deepEqual(past.results, []);
  assert.equal(past.count, 13);
});

test('a publication invalidates cached result sets and package dictionaries', async () => {
  const before1 = await search({ q: 'penduduk', rows: 5, start: 0, 'facet.field': facetField, sort: 'name asc' });
  const before2 = await search({ q: 'penduduk', rows: 5, start: 5, 'facet.field': facetField, sort: 'name asc' });
  assert.equal(before2.count, 13);
  await publish(p.ctx, 14, { title: 'Jumlah Penduduk Baru', tags: ['penduduk', 'genap'] });
  await new Promise((r) => setTimeout(r, 1100)); // the version is re-read at most once a second
  const after2 = await search({ q: 'penduduk', rows: 5, start: 5, 'facet.field': facetField, sort: 'name asc' });
  assert.equal(after2.count, 14);
  assert.equal(after2.facets.tags.genap, 7);
  const all = [...(await search({ q: 'penduduk', rows: 5, start: 0, 'facet.field': facetField, sort: 'name asc' })).results, ...after2.results,
    ...(await search({ q: 'penduduk', rows: 5, start: 10, 'facet.field': facetField, sort: 'name asc' })).results].map((x) => x.name);
  assert.equal(all.length, 14);
  assert.ok(all.some((n) => before1.results.every((x) => x.name !== n) && before2.results.every((x) => x.name !== n)));
  assert.equal(new Set(all).size, 14);
});
