/**
 * The data module's external catalogue (extension point for harvested datasets) and the catalogue read
 * service other modules use: idempotent upsert without needless cache invalidation, portal search with
 * facets, the structured catalogue search (filters, facets, sorting, unpublished datasets for authorised
 * readers), removal, input checks — and none of it imports the interop module.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { MODULES } from '../../../src/app.ts';
import { dataModule } from '../../../src/modules/data/index.ts';
if (!MODULES.includes(dataModule)) MODULES.push(dataModule);
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { publishSystemDataset } from '../../../src/modules/data/dataset.service.ts';
import { searchCatalogue, catalogueVersion } from '../../../src/modules/data/catalogue-cache.ts';
import { upsertExternalDataset, removeExternalDataset, externalDatasetIds, yearsOf, type ExternalDatasetInput } from '../../../src/modules/data/external-catalogue.service.ts';
import { searchCatalogueEntries, findCatalogueEntry, catalogueNameTaken, listCatalogueNames, catalogueGroups } from '../../../src/modules/data/catalogue-search.service.ts';

let p: TestPlatform;
let orgId = '';
let nativeId = '';
const EXT = '5d0c6f0e-8a4f-4b0e-9c51-0a1b2c3d4e5f';

before(async () => {
  p = await startTestPlatform();
  orgId = (await p.ctx.pool.query(`SELECT id FROM organisations WHERE slug = 'kab-sumbawa'`)).rows[0].id;
  const r = await publishSystemDataset(p.ctx, {
    systemKey: 'test.external.native', organisationSlug: 'bps-ntb', resourceName: 'Tabel', csv: 'tahun,jumlah\n2023,10\n',
    metadata: { title: 'Produksi Garam Rakyat', description: 'Produksi garam per kabupaten.', sector: 'ekonomi', topic: 'Kelautan', tags: ['garam'], licence: 'CC-BY-4.0', temporalStart: '2023-01-01', temporalEnd: '2023-12-31', regionCodes: ['52'], frequency: 'tahunan', level: 'provinsi', contactRole: 'Walidata', source: 'BPS', notes: '', msInd: {}, msKeg: {} },
  });
  nativeId = r.datasetId;
});
after(async () => { await p?.close(); });

const entry = (over: Partial<ExternalDatasetInput> = {}): ExternalDatasetInput => ({
  id: EXT, provider: 'interop.harvest', slug: 'kab-sumbawa-produksi-garam-tambak', organisationId: orgId,
  title: 'Produksi Garam Tambak Sumbawa', description: 'Data produksi garam tambak per kecamatan.', sector: 'ekonomi', topic: 'Kelautan',
  tags: ['garam', 'tambak', 'garam'], groups: ['ekonomi', 'kelautan'], formats: ['csv', 'XLSX'], licence: 'CC-BY-4.0', level: 'kecamatan',
  temporalStart: '2021-01-01', temporalEnd: '2022-12-31', created: '2024-01-01T00:00:00Z', modified: '2024-02-01T00:00:00Z',
  pageUrl: '/data/panen/dataset/kab-sumbawa-produksi-garam-tambak', originalUrl: 'https://data.sumbawakab.go.id/dataset/produksi-garam-tambak',
  sourceLabel: 'Satu Data Sumbawa', revision: 'r1', ...over,
});

test('upsert is idempotent and bumps the catalogue version only when something changed', async () => {
  const v0 = await catalogueVersion(p.ctx.pool);
  assert.equal(await upsertExternalDataset(p.ctx.pool, entry()), 'created');
  const v1 = await catalogueVersion(p.ctx.pool);
  assert.notEqual(v1, v0);
  assert.equal(await upsertExternalDataset(p.ctx.pool, entry()), 'unchanged');
  assert.equal(await catalogueVersion(p.ctx.pool), v1, 'an unchanged entry is not written');
  assert.equal(await upsertExternalDataset(p.ctx.pool, entry({ revision: 'r2' })), 'updated', 'a new provider revision is a change even when searched fields are equal');
  assert.notEqual(await catalogueVersion(p.ctx.pool), v1);
  assert.deepEqual(await externalDatasetIds(p.ctx.pool, 'interop.harvest'), [EXT]);
  assert.equal(await catalogueNameTaken(p.ctx.pool, 'kab-sumbawa-produksi-garam-tambak'), true);
  assert.equal(await catalogueNameTaken(p.ctx.pool, 'nama-bebas'), false);
  assert.deepEqual(yearsOf('2021-01-01', '2022-12-31'), [2021, 2022]);
  assert.deepEqual(yearsOf('1800-01-01', '2020-01-01'), [1800, 2020]);
  assert.deepEqual(yearsOf(null, null), []);
});

test('portal search (external: true) lists it with provenance, facets and sorting; the JSON API search does not', async () => {
  const r = await searchCatalogue(p.ctx.pool, { q: 'garam', external: true, limit: 10, offset: 0, sort: 'newest' });
  assert.equal(r.total, 2);
  assert.equal(r.hits[0].id, nativeId, 'published today: newest first');
  const ext = r.hits[1];
  assert.deepEqual(ext.external, { source: 'Satu Data Sumbawa', pageUrl: '/data/panen/dataset/kab-sumbawa-produksi-garam-tambak', originalUrl: 'https://data.sumbawakab.go.id/dataset/produksi-garam-tambak' });
  assert.equal(ext.organisation_slug, 'kab-sumbawa');
  assert.deepEqual(ext.formats, ['CSV', 'XLSX']);
  assert.deepEqual(ext.tags, ['garam', 'tambak']);
  assert.equal(r.hits[0].external, null);
  const count = (f: keyof typeof r.facets, v: string) => r.facets[f].find((x) => x.value === v)?.count ?? 0;
  assert.equal(count('organisation', 'kab-sumbawa'), 1);
  assert.equal(count('sector', 'ekonomi'), 2);
  assert.equal(count('tag', 'garam'), 2);
  assert.equal(count('tag', 'tambak'), 1);
  assert.equal(count('format', 'XLSX'), 1);
  assert.equal(count('year', '2022'), 1);
  assert.equal(count('level', 'kecamatan'), 1);
  const filtered = await searchCatalogue(p.ctx.pool, { q: 'garam', external: true, year: 2021, limit: 10, offset: 0 });
  assert.deepEqual(filtered.hits.map((h) => h.id), [EXT]);
  const byTitle = await searchCatalogue(p.ctx.pool, { q: 'tambak', external: true, limit: 10, offset: 0 });
  assert.equal(byTitle.total, 1);
  // trigram fallback on titles covers external titles too
  const typo = await searchCatalogue(p.ctx.pool, { q: 'tambk', external: true, limit: 10, offset: 0 });
  assert.ok(typo.hits.some((h) => h.id === EXT));
  const api = await searchCatalogue(p.ctx.pool, { q: 'garam', limit: 10, offset: 0 });
  assert.equal(api.total, 1);
  assert.equal(api.hits[0].id, nativeId);
  const page = await p.anon().get('/data/cari?q=garam');
  assert.match(page.body, /Dipanen dari Satu Data Sumbawa/);
  assert.ok(page.body.includes('href="/data/panen/dataset/kab-sumbawa-produksi-garam-tambak"'));
});

test('catalogue read service: text, filters, facets, sorting, names; unpublished datasets only for authorised readers', async () => {
  const r = await searchCatalogueEntries(p.ctx.pool, { text: 'garam', rows: 10, start: 0, facets: ['organisation', 'groups', 'tags', 'formats', 'licence'] });
  assert.equal(r.count, 2);
  assert.deepEqual(new Set(r.entries.map((e) => e.kind)), new Set(['published', 'external']));
  assert.deepEqual(r.facets.organisation!.map((x) => [x.value, x.count]).sort(), [['bps-ntb', 1], ['kab-sumbawa', 1]]);
  assert.match(r.facets.organisation!.find((x) => x.value === 'bps-ntb')!.label, /Badan Pusat Statistik|BPS/);
  assert.deepEqual(r.facets.groups!.map((x) => [x.value, x.count]), [['ekonomi', 2], ['kelautan', 2]]);
  assert.deepEqual(r.facets.tags!.map((x) => [x.value, x.count]), [['garam', 2], ['tambak', 1]]);
  assert.deepEqual(r.facets.licence!.map((x) => [x.value, x.count]), [['CC-BY-4.0', 2]]);
  const limited = await searchCatalogueEntries(p.ctx.pool, { text: 'garam', rows: 0, start: 0, facets: ['tags'], facetLimit: 1, facetMincount: 2 });
  assert.deepEqual(limited.facets.tags!.map((x) => x.value), ['garam']);
  assert.deepEqual(limited.entries, []);
  assert.equal(limited.count, 2);
  const q = (filter: any) => searchCatalogueEntries(p.ctx.pool, { filter, rows: 10, start: 0 }).then((x) => x.entries.map((e) => e.id));
  assert.deepEqual(await q([[{ op: 'match', field: 'organisation', value: 'kab-sumbawa' }]]), [EXT]);
  assert.deepEqual(await q([[{ op: 'match', field: 'formats', value: 'XLSX' }]]), [EXT]);
  assert.deepEqual(await q([[{ op: 'match', field: 'tags', value: 'tambak', negate: true }], [{ op: 'match', field: 'text', value: 'garam' }]]), [nativeId]);
  assert.deepEqual(await q([[{ op: 'range', field: 'modified', from: '2024-01-15T00:00:00Z', to: '2024-03-01T00:00:00Z', inclusive: true }]]), [EXT]);
  assert.deepEqual(await q([[{ op: 'match', field: 'name', value: 'kab-sumbawa-produksi-garam-tambak' }, { op: 'match', field: 'id', value: nativeId }]]).then((x) => x.sort()), [EXT, nativeId].sort());
  assert.deepEqual(await q([[{ op: 'const', value: false }]]), []);
  const byName = await searchCatalogueEntries(p.ctx.pool, { text: 'garam', sort: [{ key: 'name', desc: false }], rows: 1, start: 1 });
  assert.equal(byName.entries.length, 1);
  assert.equal(byName.count, 2);
  assert.deepEqual(await findCatalogueEntry(p.ctx.pool, 'kab-sumbawa-produksi-garam-tambak'), { id: EXT, kind: 'external' });
  assert.deepEqual(await findCatalogueEntry(p.ctx.pool, nativeId), { id: nativeId, kind: 'published' });
  assert.ok((await listCatalogueNames(p.ctx.pool, null, 0)).includes('kab-sumbawa-produksi-garam-tambak'));
  assert.ok((await catalogueGroups(p.ctx.pool)).some((g) => g.name === 'kelautan' && g.package_count === 2));
  // a never-published dataset: only with unpublishedOf
  const bps = (await p.ctx.pool.query(`SELECT id FROM organisations WHERE slug = 'bps-ntb'`)).rows[0].id;
  const producer = await p.createUser([{ org: 'bps-ntb', role: 'produsen_data' }]);
  const draft = await p.app.inject({
    method: 'POST', url: '/api/v1/data/datasets', headers: { authorization: `Bearer ${await p.apiToken(producer.id)}`, 'content-type': 'application/json' },
    payload: JSON.stringify({
      organisationId: bps, title: 'Harga Garam Draf', description: 'Draf harga garam.', sector: 'ekonomi', topic: '', tags: ['garam'], licence: 'CC-BY-4.0',
      temporalStart: '2024-01-01', temporalEnd: '2024-12-31', regionCodes: ['52'], frequency: 'tahunan', level: 'provinsi', contactRole: 'Produsen data', source: 'Uji', notes: '', msInd: {}, msKeg: {},
    }),
  });
  assert.equal(draft.statusCode, 201, draft.body);
  assert.equal((await searchCatalogueEntries(p.ctx.pool, { text: 'garam', rows: 10, start: 0 })).count, 2);
  const mine = await searchCatalogueEntries(p.ctx.pool, { text: 'garam', rows: 10, start: 0, unpublishedOf: { all: false, organisationIds: [bps] } });
  assert.equal(mine.count, 3);
  assert.ok(mine.entries.some((e) => e.kind === 'unpublished'));
  const other = await searchCatalogueEntries(p.ctx.pool, { text: 'garam', rows: 10, start: 0, unpublishedOf: { all: false, organisationIds: [orgId] } });
  assert.equal(other.count, 2);
});

test('removal takes it out of every search; bad input is refused', async () => {
  const v = await catalogueVersion(p.ctx.pool);
  assert.equal(await removeExternalDataset(p.ctx.pool, [EXT]), 1);
  assert.notEqual(await catalogueVersion(p.ctx.pool), v);
  assert.equal((await searchCatalogue(p.ctx.pool, { q: 'tambak', external: true, limit: 10, offset: 0 })).total, 0);
  assert.equal((await searchCatalogueEntries(p.ctx.pool, { text: 'tambak', rows: 10, start: 0 })).count, 0);
  assert.equal(await removeExternalDataset(p.ctx.pool, []), 0);
  await assert.rejects(upsertExternalDataset(p.ctx.pool, entry({ pageUrl: 'https://evil.example/x' })), /local path/);
  await assert.rejects(upsertExternalDataset(p.ctx.pool, entry({ slug: 'Bad Slug' })), /slug/);
  await assert.rejects(upsertExternalDataset(p.ctx.pool, entry({ organisationId: '00000000-0000-4000-8000-000000000000' })), /organisation/);
  // a javascript: original URL is dropped, not stored
  await upsertExternalDataset(p.ctx.pool, entry({ originalUrl: 'javascript:alert(1)' }));
  const r = await searchCatalogue(p.ctx.pool, { q: 'tambak', external: true, limit: 10, offset: 0 });
  assert.equal(r.hits[0].external!.originalUrl, '');
});

test('the data module reaches the external catalogue without importing the interop module', () => {
  for (const f of ['external-catalogue.service.ts', 'external-catalogue.view.ts', 'catalogue-search.service.ts', 'catalogue.repo.ts', 'catalogue-cache.ts']) {
    const src = fs.readFileSync(new URL(`../../../src/modules/data/${f}`, import.meta.url), 'utf8');
    assert.doesNotMatch(src, /from '\.\.\/interop\//, f);
    assert.doesNotMatch(src, /interop_/, `${f} reads no interop table`);
  }
});
