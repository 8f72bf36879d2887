/**
 * Acceptance (issue 15.1): ckanext-harvest's CKAN harvester, replayed exactly as it sends its requests
 * (ckanext/harvest/harvesters/ckanharvester.py, gather stage and the remote look-ups of its import stage):
 * `requests.get(base + '/api/3/action/package_search?' + urlencode({'rows': '100', 'start': '0',
 * 'sort': 'id asc', 'fq': ' '.join(fq_terms)}))` over real HTTP, paging by `start += rows` until a page is
 * empty, refusing a page equal to the previous one, with `fq` terms for organisation and group include /
 * exclude filters and `metadata_modified:[<isoformat>Z TO *]` since the last error-free job. Each sequence
 * must return every public dataset it asks for, once, in id order.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { publish } from './support/platform-setup.ts';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.ts';

let p: TestPlatform;
const N = 230; // three pages of 100
let orgs: string[] = [];

before(async () => {
  p = await startTestPlatform({ listen: true });
  await publish(p.ctx, 1, { org: 'bps-ntb' });
  await publish(p.ctx, 2, { org: 'bappeda', sector: 'ekonomi', topic: 'Perdagangan' });
  orgs = (await p.ctx.pool.query(`SELECT slug FROM organisations WHERE type IN ('dinas', 'badan', 'pemda', 'bps') ORDER BY slug LIMIT 4`)).rows.map((r) => r.slug);
  const client = await p.ctx.pool.connect();
  try {
    await client.query('BEGIN');
    for (let g = 0; g < N; g++) {
      const sector = ['sosial', 'ekonomi', 'infrastruktur'][g % 3];
      // modification times spread over two years, some of them within the last hour, microseconds included
      const modified = g % 10 === 0 ? new Date(Date.now() - 20 * 60_000 - g * 1000).toISOString().replace('Z', '417Z') : new Date(Date.UTC(2024, 0, 1) + g * 86_400_000 + 123).toISOString().replace('Z', '456Z');
      await client.query(
        `WITH ids AS (SELECT gen_random_uuid() AS did, gen_random_uuid() AS rid),
         ds AS (INSERT INTO data_datasets (id, slug, organisation_id, published_revision_id, latest_revision_id, pub_title, pub_description, pub_sector, pub_topic, pub_tags, pub_formats, pub_level, pub_years,
             pub_licence, pub_groups, pub_modified, published_at, search_vector, created_at)
           SELECT did, $1, (SELECT id FROM organisations WHERE slug = $2), ${g === 7 ? 'NULL' : 'rid'}, rid, $3, 'Data uji.', $4, 'Topik', '{uji}', '{CSV}', 'provinsi', '{2023}', 'CC-BY-4.0', ARRAY[$4::text, 'topik'],
             $5::timestamptz, $5::timestamptz, to_tsvector('indonesian', $3), $5::timestamptz - interval '1 day' FROM ids)
         INSERT INTO data_revisions (id, dataset_id, number, state, title, description, sector, topic, tags, licence, temporal_start, temporal_end, region_codes, frequency, level, published_at, created_at, updated_at)
         SELECT rid, did, 1, ${g === 7 ? "'draft'" : "'published'"}, $3, 'Data uji.', $4, 'Topik', '{uji}', 'CC-BY-4.0', '2023-01-01', '2023-12-31', '{52}', 'tahunan', 'provinsi', $5, $5, $5 FROM ids`,
        [`panen-uji-${String(g).padStart(3, '0')}`, orgs[g % orgs.length], `Data Panen Uji ${g}`, sector, modified]);
    }
    await client.query('COMMIT');
  } finally {
    client.release();
  }
});
after(async () => { await p?.close(); });

/** Python's urllib.parse.urlencode (quote_plus: space → '+', everything but letters, digits and _.-~ escaped). */
function urlencode(params: Record<string, string>): string {
  const q = (s: string) => Array.from(new TextEncoder().encode(s)).map((b) => {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9_.\-~]/.test(c)) return c;
    if (c === ' ') return '+';
    return `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
  return Object.entries(params).map(([k, v]) => `${q(k)}=${q(v)}`).join('&');
}

/** requests.get(url, headers=headers): python-requests' default headers, text back. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { 'User-Agent': 'python-requests/2.32.3', 'Accept-Encoding': 'identity', Accept: '*/*', Connection: 'keep-alive', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
  });
}

/** CKANHarvester._search_for_datasets, step for step. */
async function searchForDatasets(fqTerms: string[]): Promise<Array<Record<string, any>>> {
  const base = `${p.url}/api/3/action/package_search`;
  const params: Record<string, string> = { rows: '100', start: '0' };
  params.sort = 'id asc';
  if (fqTerms.length) params.fq = fqTerms.join(' ');
  const pkgDicts: Array<Record<string, any>> = [];
  const pkgIds = new Set<string>();
  let previous: string | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const { status, text } = await get(`${base}?${urlencode(params)}`);
    if (previous !== null && text === previous) throw new Error(`The paging doesn't seem to work (${status})`);
    previous = text;
    const response = JSON.parse(text);
    const page: Array<Record<string, any>> = response.result?.results ?? [];
    if (!response.success) throw new Error(`SearchError: ${status} ${text}`);
    const fresh = page.filter((x) => !pkgIds.has(x.id));
    for (const x of page) pkgIds.add(x.id);
    pkgDicts.push(...fresh);
    if (page.length === 0) return pkgDicts;
    params.start = String(Number(params.start) + Number(params.rows));
  }
  throw new Error('no end of paging');
}

/** The harvester's fq terms for its organisation and group filters (gather_stage). */
function fqTerms(cfg: { orgInclude?: string[]; orgExclude?: string[]; groupInclude?: string[]; groupExclude?: string[] }): string[] {
  const terms: string[] = [];
  if (cfg.orgInclude?.length) terms.push(cfg.orgInclude.map((o) => `organization:${o}`).join(' OR '));
  else if (cfg.orgExclude?.length) terms.push(...cfg.orgExclude.map((o) => `-organization:${o}`));
  if (cfg.groupInclude?.length) terms.push(cfg.groupInclude.map((g) => `groups:${g}`).join(' OR '));
  else if (cfg.groupExclude?.length) terms.push(...cfg.groupExclude.map((g) => `-groups:${g}`));
  return terms;
}

/** Python's datetime.isoformat() of a UTC time (microseconds when not zero), as the harvester formats gather_started. */
const isoformat = (d: Date) => d.toISOString().replace('Z', '').replace(/\.(\d{3})$/, '.$1000').replace(/\.000000$/, '');

async function expected(where = 'true', params: unknown[] = []): Promise<string[]> {
  const { rows } = await p.ctx.pool.query(
    `SELECT d.id::text AS id FROM data_datasets d JOIN organisations o ON o.id = d.organisation_id
     WHERE d.published_revision_id IS NOT NULL AND ${where} ORDER BY d.id`, params);
  return rows.map((r) => r.id);
}

test('a first harvest (no filters) gets every public dataset once, in id order, over three pages', async () => {
  const dicts = await searchForDatasets(fqTerms({}));
  const want = await expected();
  assert.equal(want.length, N + 2 - 1, 'the draft is not public');
  assert.deepEqual(dicts.map((d) => d.id), want);
  for (const d of dicts) { assert.equal(typeof d.name, 'string'); assert.ok(Array.isArray(d.resources)); assert.ok(Array.isArray(d.extras)); }
});

test('organisation include / exclude and group filters, alone and with the since-last-job range', async () => {
  const inc = await searchForDatasets(fqTerms({ orgInclude: [orgs[0], orgs[1]] }));
  assert.deepEqual(inc.map((d) => d.id), await expected('o.slug = ANY($1)', [[orgs[0], orgs[1]]]));
  const exc = await searchForDatasets(fqTerms({ orgExclude: [orgs[0], orgs[1]] }));
  assert.deepEqual(exc.map((d) => d.id), await expected('NOT (o.slug = ANY($1))', [[orgs[0], orgs[1]]]));
  const grp = await searchForDatasets(fqTerms({ groupInclude: ['ekonomi', 'infrastruktur'] }));
  assert.deepEqual(grp.map((d) => d.id), await expected(`d.pub_sector IN ('ekonomi', 'infrastruktur')`));
  const grpExc = await searchForDatasets(fqTerms({ orgInclude: [orgs[2]], groupExclude: ['sosial'] }));
  assert.deepEqual(grpExc.map((d) => d.id), await expected(`o.slug = $1 AND d.pub_sector <> 'sosial'`, [orgs[2]]));

  // incremental: gather_started of the last error-free job, one hour earlier, isoformat() + 'Z'
  const lastStarted = new Date(Date.now() - 5 * 60_000);
  const since = `metadata_modified:[${isoformat(new Date(lastStarted.getTime() - 3600_000))}Z TO *]`;
  assert.match(since, /^metadata_modified:\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z TO \*\]$/);
  const changed = await searchForDatasets([...fqTerms({}), since]);
  const wantChanged = await expected(`coalesce(d.pub_modified, d.published_at) >= $1::timestamptz`, [new Date(lastStarted.getTime() - 3600_000)]);
  assert.ok(wantChanged.length >= 20, 'datasets changed within the hour');
  assert.deepEqual(changed.map((d) => d.id), wantChanged);
  const changedInOrgs = await searchForDatasets([...fqTerms({ orgInclude: [orgs[0], orgs[3]] }), since]);
  assert.deepEqual(changedInOrgs.map((d) => d.id), await expected(`o.slug = ANY($2) AND coalesce(d.pub_modified, d.published_at) >= $1::timestamptz`, [new Date(lastStarted.getTime() - 3600_000), [orgs[0], orgs[3]]]));
});

test('the import stage\'s remote look-ups: organization_show by owner_org id, group_show by group id', async () => {
  const [d] = (await searchForDatasets(fqTerms({ orgInclude: ['bappeda'] })));
  const org = JSON.parse((await get(`${p.url}/api/3/action/organization_show?id=${d.owner_org}`)).text);
  assert.equal(org.success, true);
  assert.equal(org.result.name, 'bappeda');
  for (const g of d.groups) {
    const grp = JSON.parse((await get(`${p.url}/api/3/action/group_show?id=${g.id}`)).text);
    assert.equal(grp.success, true, g.id);
    assert.equal(grp.result.name, g.name);
  }
});

test('fq_list over GET (repeated and single) and POST narrows like fq', async () => {
  const url = (qs: string) => `${p.url}/api/3/action/package_search?rows=1000&sort=id+asc&${qs}`;
  const single = JSON.parse((await get(url(`fq_list=${encodeURIComponent(`organization:${orgs[0]}`)}`))).text).result.results.map((x: any) => x.id);
  assert.deepEqual(single, await expected('o.slug = $1', [orgs[0]]));
  const repeated = JSON.parse((await get(url(`fq_list=${encodeURIComponent(`organization:${orgs[0]}`)}&fq_list=groups%3Aekonomi`))).text).result.results.map((x: any) => x.id);
  assert.deepEqual(repeated, await expected(`o.slug = $1 AND d.pub_sector = 'ekonomi'`, [orgs[0]]));
  const posted = await p.app.inject({ method: 'POST', url: '/api/3/action/package_search', payload: { rows: 1000, sort: 'id asc', fq_list: [`organization:${orgs[0]}`, 'groups:ekonomi'] } });
  assert.deepEqual(posted.json().result.results.map((x: any) => x.id), repeated);
  const desc = JSON.parse((await get(`${p.url}/api/3/action/package_search?rows=5&sort=id+desc`)).text).result.results.map((x: any) => x.id);
  assert.deepEqual(desc, (await expected()).reverse().slice(0, 5));
  const bad = await get(`${p.url}/api/3/action/package_search?sort=id+sideways`);
  assert.equal(bad.status, 400);
  assert.deepEqual(JSON.parse(bad.text).error, { __type: 'Search Query Error', message: `Search Query is invalid: ('Invalid "sort" parameter',)` });
  const unsortable = await get(`${p.url}/api/3/action/package_search?sort=tags+asc`);
  assert.equal(unsortable.status, 409);
  assert.equal(JSON.parse(unsortable.text).error.__type, 'Search Error');
});
