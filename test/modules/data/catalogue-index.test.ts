/**
 * The in-memory catalogue index answers every public search exactly as the SQL engine does: the same
 * total, the same entries in the same order (ts_rank ties, collation order of titles and names, modified
 * with microseconds, id), the same facet counts cut at the same values. Checked on a catalogue made to be
 * awkward (repeated words, equal titles, mixed case, accents, duplicate tags, empty values, external
 * entries) with random searches; and ts_rank itself against PostgreSQL's on random vectors.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { MODULES } from '../../../src/app.ts';
import { dataModule } from '../../../src/modules/data/index.ts';
if (!MODULES.includes(dataModule)) MODULES.push(dataModule);
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';
import { publishSystemDataset } from '../../../src/modules/data/dataset.service.ts';
import { searchCatalogueEntries, publicCatalogueIndex, type CatalogueCondition, type CatalogueFacet, type CatalogueQuery, type CatalogueSortKey } from '../../../src/modules/data/catalogue-search.service.ts';
import { parseTsvector, parseTsqueryConjunction, tsRank } from '../../../src/modules/data/catalogue-index.ts';

let p: TestPlatform;
let seed = 7;
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

const WORDS = ['penduduk', 'Penduduk', 'padi', 'jagung', 'sekolah', 'kota', 'Mataram', 'bima', 'sumbawa', 'air', 'bersih', 'Café', 'jalan-desa', '2013', '2020', 'kemiskinan', 'wisata'];
const TAGS = ['kesehatan', 'Kesehatan', 'pendidikan', 'air bersih', '', 'ekonomi', 'z-tag', 'Éducation', 'a', 'B'];
const FORMATS = ['CSV', 'XLSX', 'JSON', 'PDF', ''];
const LICENCES = ['CC-BY-4.0', 'cc-by-4.0', 'OGL-ID', 'notspecified', ''];
const GROUPS = ['sosial', 'ekonomi', 'infrastruktur', 'topik-a', 'topik-b'];
let orgSlugs: string[] = [];
let ids: string[] = [];
let names: string[] = [];

before(async () => {
  p = await startTestPlatform();
  const tpl = await publishSystemDataset(p.ctx, {
    systemKey: 'test.index.template', organisationSlug: 'bps-ntb', resourceName: 'Tabel', csv: 'a,b\n1,2\n',
    metadata: { title: 'Templat Indeks', description: 'Templat.', sector: 'sosial', topic: 'Kependudukan', tags: ['penduduk'], licence: 'CC-BY-4.0', temporalStart: '2023-01-01', temporalEnd: '2023-12-31', regionCodes: ['52.71'], frequency: 'tahunan', level: 'kecamatan', contactRole: 'Walidata', source: 'BPS', notes: '', msInd: {}, msKeg: {} },
  });
  assert.ok(tpl.datasetId);
  orgSlugs = (await p.ctx.pool.query(`SELECT slug FROM organisations WHERE type IN ('dinas', 'badan', 'pemda', 'bps') ORDER BY slug LIMIT 8`)).rows.map((r) => r.slug);
  const rows = Array.from({ length: 160 }, (_v, g) => {
    const words = Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => pick(WORDS));
    // equal titles and equal modification times now and then
    const title = g % 17 === 0 ? 'Air Bersih Kota Mataram' : words.join(' ');
    const tags = Array.from({ length: Math.floor(rnd() * 4) }, () => pick(TAGS));
    return {
      g, title, description: Array.from({ length: Math.floor(rnd() * 8) }, () => pick(WORDS)).join(' '),
      tags, formats: [...new Set(Array.from({ length: Math.floor(rnd() * 3) }, () => pick(FORMATS)))], licence: rnd() < 0.1 ? null : pick(LICENCES),
      groups: [pick(GROUPS), ...(rnd() < 0.5 ? [pick(GROUPS)] : [])], org: pick(orgSlugs),
      modified: g % 13 === 0 ? '2024-03-01T10:00:00.123456Z' : new Date(Date.UTC(2020, 0, 1) + Math.floor(rnd() * 4e10)).toISOString().replace('Z', `${Math.floor(rnd() * 1000)}Z`),
      external: g % 5 === 0,
    };
  });
  const client = await p.ctx.pool.connect();
  try {
    await client.query('BEGIN');
    for (const r of rows) {
      const vector = `setweight(to_tsvector('indonesian', $1), 'A') || setweight(to_tsvector('indonesian', array_to_string($2::text[], ' ')), 'B') || to_tsvector('indonesian', $3)`;
      if (r.external) {
        await client.query(
          `INSERT INTO data_external_datasets (id, provider, slug, organisation_id, title, description, tags, groups, formats, licence, created, modified, page_url, source_label, content_hash, search_vector)
           VALUES (gen_random_uuid(), 'test', $4, (SELECT id FROM organisations WHERE slug = $5), $1, $3, $2, $6, $7, coalesce($8, 'notspecified'), $9::timestamptz - interval '1 day', $9, '/x', 'Uji', 'h', ${vector})`,
          [r.title, r.tags, r.description, `ext-${r.g}`, r.org, r.groups, r.formats, r.licence, r.modified]);
      } else {
        await client.query(
          `WITH ids AS (SELECT gen_random_uuid() AS did, gen_random_uuid() AS rid),
           ds AS (INSERT INTO data_datasets (id, slug, organisation_id, published_revision_id, latest_revision_id, pub_title, pub_description, pub_sector, pub_topic, pub_tags, pub_formats, pub_level, pub_years,
               pub_licence, pub_groups, pub_modified, published_at, search_vector, created_at)
             SELECT did, $4, (SELECT id FROM organisations WHERE slug = $5), rid, rid, $1, $3, 'sosial', 'Topik', $2, $7, 'kecamatan', '{2023}', $8, $6, $9, $9, ${vector}, $9::timestamptz - interval '2 days' FROM ids)
           INSERT INTO data_revisions (id, dataset_id, number, state, title, description, sector, topic, tags, licence, temporal_start, temporal_end, region_codes, frequency, level, published_at, created_at, updated_at)
           SELECT rid, did, 1, 'published', $1, $3, 'sosial', 'Topik', $2, coalesce($8, 'CC-BY-4.0'), '2023-01-01', '2023-12-31', '{52}', 'tahunan', 'kecamatan', $9, $9, $9 FROM ids`,
          [r.title, r.tags, r.description, `ds-${String(r.g).padStart(3, '0')}${r.g % 3 ? '' : '-b'}`, r.org, r.groups, r.formats, r.licence, r.modified]);
      }
    }
    await client.query('COMMIT');
  } finally {
    client.release();
  }
  ({ ids, names } = (await p.ctx.pool.query(`SELECT array_agg(id::text) AS ids, array_agg(slug) AS names FROM (SELECT id, slug FROM data_datasets UNION ALL SELECT id, slug FROM data_external_datasets) x`)).rows[0]);
  // the first index of a process is built in the background: here, before the searches
  assert.ok(await publicCatalogueIndex(p.ctx.pool));
});
after(async () => { await p?.close(); });

const SORT_KEYS: CatalogueSortKey[] = ['score', 'modified', 'created', 'title', 'name', 'id'];
const FACETS: CatalogueFacet[] = ['organisation', 'groups', 'tags', 'formats', 'licence'];

function randomCondition(): CatalogueCondition {
  const negate = rnd() < 0.2;
  switch (Math.floor(rnd() * 10)) {
    case 0: return { op: 'match', field: 'tags', value: rnd() < 0.1 ? '*' : pick(TAGS), negate };
    case 1: return { op: 'match', field: 'organisation', value: rnd() < 0.1 ? 'tidak-ada' : pick(orgSlugs), negate };
    case 2: return { op: 'match', field: 'formats', value: rnd() < 0.1 ? '*' : pick(FORMATS), negate };
    case 3: return { op: 'match', field: 'licence', value: pick(['cc-by-4.0', 'CC-BY-4.0', 'ogl-id', 'NOTSPECIFIED', 'tidak']), negate };
    case 4: return { op: 'match', field: 'groups', value: pick(GROUPS), negate };
    case 5: {
      const a = new Date(Date.UTC(2020, 0, 1) + Math.floor(rnd() * 4e10)).toISOString();
      const b = rnd() < 0.3 ? '2024-03-01T10:00:00.123Z' : new Date(Date.UTC(2021, 0, 1) + Math.floor(rnd() * 4e10)).toISOString();
      return { op: 'range', field: rnd() < 0.5 ? 'modified' : 'created', from: rnd() < 0.2 ? null : a, to: rnd() < 0.2 ? null : b, inclusive: rnd() < 0.5, negate };
    }
    case 6: return { op: 'match', field: 'text', value: `${pick(WORDS)}${rnd() < 0.3 ? ` ${pick(WORDS)}` : ''}`, negate };
    case 7: return { op: 'match', field: 'id', value: rnd() < 0.5 ? pick(ids).toUpperCase() : pick(ids), negate };
    case 8: return { op: 'match', field: 'name', value: pick(names), negate };
    default: return { op: 'const', value: rnd() < 0.5, negate };
  }
}

function randomQuery(): CatalogueQuery & { window?: number } {
  const nWords = Math.floor(rnd() * 4);
  const text = nWords ? Array.from({ length: nWords }, () => pick([...WORDS, 'air air', 'tidakada'])).join(' ') : null;
  const filter = Array.from({ length: Math.floor(rnd() * 3) }, () => Array.from({ length: 1 + Math.floor(rnd() * 2) }, randomCondition));
  const sort = rnd() < 0.3 ? undefined : Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => ({ key: pick(SORT_KEYS), desc: rnd() < 0.5 }));
  const rows = pick([0, 1, 5, 10, 50]);
  const start = pick([0, 0, 3, 20]);
  return {
    text, filter, sort, rows, start,
    facets: FACETS.filter(() => rnd() < 0.5), facetLimit: pick([-1, 1, 2, 3, 50]), facetMincount: pick([1, 1, 2, 3]),
    window: rnd() < 0.3 ? start + rows + pick([0, 7, 50]) : undefined,
  };
}

test('random public searches: the index gives exactly the SQL answer (total, order, page, facets)', async () => {
  let viaIndex = 0;
  for (let i = 0; i < 400; i++) {
    const q = randomQuery();
    const sql = await searchCatalogueEntries(p.ctx.pool, { ...q, engine: 'sql' });
    const auto = await searchCatalogueEntries(p.ctx.pool, q);
    if (auto.engine === 'index') viaIndex++;
    const label = JSON.stringify(q);
    assert.equal(auto.count, sql.count, `count of ${label}`);
    assert.deepEqual(auto.entries, sql.entries, `entries of ${label}`);
    assert.deepEqual(auto.facets, sql.facets, `facets of ${label}`);
  }
  assert.equal(viaIndex, 400, 'the index answers every one of these searches');
});

test('searches the index leaves to SQL: title words, date equality, unpublished entries', async () => {
  const title = await searchCatalogueEntries(p.ctx.pool, { text: null, filter: [[{ op: 'match', field: 'title', value: 'padi' }]], rows: 5, start: 0 });
  assert.equal(title.engine, 'sql');
  assert.ok(title.count > 0);
  const unpublished = await searchCatalogueEntries(p.ctx.pool, { text: 'padi', rows: 5, start: 0, unpublishedOf: { all: true, organisationIds: [] } });
  assert.equal(unpublished.engine, 'sql');
  const plain = await searchCatalogueEntries(p.ctx.pool, { text: 'padi', rows: 5, start: 0, facets: ['tags'] });
  assert.equal(plain.engine, 'index');
  await assert.rejects(searchCatalogueEntries(p.ctx.pool, { text: null, filter: [[{ op: 'match', field: 'modified', value: '2024-03-01T10:00:00Z' }]], rows: 5, start: 0, engine: 'index' }));
});

test('a change of the catalogue is answered from a new index of the new version', async () => {
  const q = { text: 'zyxwvu', rows: 5, start: 0, facets: ['tags'] as CatalogueFacet[] };
  assert.equal((await searchCatalogueEntries(p.ctx.pool, q)).count, 0);
  const old = (await publicCatalogueIndex(p.ctx.pool))!;
  await p.ctx.pool.query(`UPDATE data_datasets SET search_vector = search_vector || to_tsvector('indonesian', 'zyxwvu') WHERE slug = 'ds-001'`);
  const r = await searchCatalogueEntries(p.ctx.pool, q);
  assert.equal(r.engine, 'index', 'a small catalogue is re-indexed by the search that finds it changed');
  assert.equal(r.count, 1);
  assert.ok((await publicCatalogueIndex(p.ctx.pool))!.version > old.version);
});

test('ts_rank re-computed in single precision equals PostgreSQL\'s on random vectors and queries', async () => {
  // lexemes as tsvector/tsquery literals: a quote and a backslash inside lexemes too
  const lex = ['a', 'b', 'c', 'dd', 'é', 'z', "o''k", 'x\\\\y'];
  const cases: Array<{ v: string; q: string }> = [];
  for (let i = 0; i < 300; i++) {
    const parts = lex.filter(() => rnd() < 0.7).map((l) => {
      if (rnd() < 0.1) return `'${l}'`; // no positions
      const pos = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => 1 + Math.floor(rnd() * (rnd() < 0.2 ? 16000 : 30))))].sort((x, y) => x - y);
      return `'${l}':${pos.map((x) => `${x}${pick(['', 'A', 'B', 'C'])}`).join(',')}`;
    });
    if (!parts.length) continue;
    const qs = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => `'${pick(lex)}'`).join(' & ');
    cases.push({ v: parts.join(' '), q: qs });
  }
  const { rows } = await p.ctx.pool.query(`SELECT x.v::tsvector::text AS v, x.q, ts_rank(x.v::tsvector, x.q::tsquery) AS r FROM unnest($1::text[], $2::text[]) AS x(v, q)`, [cases.map((c) => c.v), cases.map((c) => c.q)]);
  for (const r of rows) {
    const doc = new Map(parseTsvector(r.v));
    assert.ok(![...doc.keys()].some((k) => k.includes("''")), 'quotes unescaped');
    const ops = parseTsqueryConjunction(r.q)!;
    const uniq = [...new Set(ops)].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const mine = tsRank(uniq.map((l) => doc.get(l) ?? null), ops.length >= 2);
    assert.equal(mine, Math.fround(r.r), `ts_rank('${r.v}', '${r.q}')`);
  }
});

test('organisation names and slugs are re-read a minute after the index was built', async () => {
  const q = { text: null, rows: 0, start: 0, facets: ['organisation'] as CatalogueFacet[] };
  const first = (await searchCatalogueEntries(p.ctx.pool, q)).facets.organisation![0];
  await p.ctx.pool.query(`UPDATE organisations SET name = 'Nama Baru Uji' WHERE slug = $1`, [first.value]);
  const idx = (await publicCatalogueIndex(p.ctx.pool))!;
  assert.notEqual(idx.orgs.find((o) => o.slug === first.value)!.name, 'Nama Baru Uji', 'within the minute: the names read with the index');
  await publicCatalogueIndex(p.ctx.pool, { now: Date.now() + 61_000 });
  for (let i = 0; i < 50 && idx.orgs.find((o) => o.slug === first.value)!.name !== 'Nama Baru Uji'; i++) await new Promise((r) => setTimeout(r, 20));
  const after = (await searchCatalogueEntries(p.ctx.pool, q)).facets.organisation!.find((f) => f.value === first.value)!;
  assert.equal(after.label, 'Nama Baru Uji');
  assert.equal(after.count, first.count);
});
