/**
 * CKAN package_search at scale (issue 4): `q` plus three facets (organization, tags, res_format) over
 * BENCH_DATASETS (default 10,000) published datasets, 16 concurrent clients for BENCH_SECONDS (default 20).
 * Target: p95 ≤ 30 ms.
 *
 * Workloads (the first two also run against our own search API, /api/v1/data/datasets with 7 facets, in the
 * same run for the ratio):
 * - new searches: every request a search never made before — `q` is 1–3 words drawn from the generated
 *   titles (topic, regency/city, year: 525 distinct word sets) combined with one of 4 sort orders, one of
 *   4 facet limits and one of 4 page sizes (33,600 distinct searches, first page each), so nothing is served
 *   from any cache;
 * - paging: each of the 525 word sets, then each again for the next page (`start`): no request repeats an
 *   earlier one, but pages after the first come from the result-set cache (Solr's queryResultCache);
 * - texts never sent before: each word set with its words in another order and other letters in capitals —
 *   the same matches, but a text the lexeme cache has not seen (one `plainto_tsquery` round trip each);
 * - repeated: one query (`q=penduduk`), served from the answer cache after the first request.
 * Latency percentiles are exact (every response time is recorded), not autocannon's histogram buckets. The
 * clients run in a worker thread (bench/load-worker.mjs), not on the server's event loop.
 *
 * Run on PostgreSQL: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- interop-package-search
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { seedCatalogue, TOPICS, REGIONS } from './interop-seed.ts';
import { startBenchPlatform } from './lib.ts';
import { distinctQueries } from './interop-package-search-queries.ts';
import { buildPublicCatalogueIndex } from '../src/modules/data/catalogue-search.service.ts';

interface Measured { rps: number; p50: number; p95: number; p99: number; max: number; requests: number; non2xx: number; errors: number }

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * autocannon in a worker thread with a request generator (the paths are generated up front: enough for
 * 3,000 req/s, so no request repeats); records every response time. The clients run on their own thread,
 * as they would on other machines, instead of sharing the server's event loop.
 */
async function run(base: string, path: (i: number) => string, secs: number, conns: number): Promise<Measured> {
  const paths = Array.from({ length: Math.max(1, secs * 3000) }, (_v, i) => path(i));
  const w = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: { base, paths, secs, conns } });
  const r = await new Promise<{ lat: number[]; non2xx: number; errors: number }>((resolve, reject) => {
    w.on('message', (m) => { if (m && m.kind === 'done') resolve(m); });
    w.once('error', reject);
  });
  await w.terminate();
  const lat = r.lat.sort((a, b) => a - b);
  const f = (x: number) => Math.round(x * 10) / 10;
  return { rps: lat.length / secs, p50: f(pct(lat, 50)), p95: f(pct(lat, 95)), p99: f(pct(lat, 99)), max: f(lat[lat.length - 1]), requests: lat.length, non2xx: r.non2xx, errors: r.errors };
}
const show = (m: Measured) => `${m.rps.toFixed(0)} req/s, p50 ${m.p50} ms, p95 ${m.p95} ms, p99 ${m.p99} ms, max ${m.max} ms (${m.requests} requests, errors ${m.errors}, non-2xx ${m.non2xx})`;

const n = Number(process.env.BENCH_DATASETS ?? 10_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const connections = 16;

const p = await startBenchPlatform();
const seedMs = await seedCatalogue(p.ctx, n);
const facets = encodeURIComponent(JSON.stringify(['organization', 'tags', 'res_format']));
const queries = distinctQueries(n);
const enc = encodeURIComponent;
// request i: query i mod |queries|, page floor(i / |queries|) — never the same (q, page) twice in a run
// (the warm-up asks for 9 rows: the same work under other cache keys than the measured runs)
const ckanDistinct = (offset: number, rows = 10) => (i: number) => { const k = i + offset; return `/api/3/action/package_search?q=${enc(queries[k % queries.length])}&facet.field=${facets}&rows=${rows}&start=${rows * Math.floor(k / queries.length)}`; };
const ownDistinct = (offset: number, limit = 10) => (i: number) => { const k = i + offset; return `/api/v1/data/datasets?q=${enc(queries[k % queries.length])}&limit=${limit}&page=${1 + Math.floor(k / queries.length)}`; };
const SORTS = ['score desc, metadata_modified desc', 'metadata_modified desc', 'name asc', 'title_string asc'];
const FACET_LIMITS = [50, 10, 20, -1];
// request i: word set i mod 525, then sort, facet limit and page size (10–13) from the next digits — 33,600
// distinct searches, first page each
const COMBOS = 64;
const ckanNew = (offset: number) => (i: number) => {
  const k = i + offset; const w = k % queries.length; const r = Math.floor(k / queries.length);
  return `/api/3/action/package_search?q=${enc(queries[w])}&facet.field=${facets}&rows=${10 + (Math.floor(r / 16) % 4)}&sort=${enc(SORTS[r % 4])}&facet.limit=${FACET_LIMITS[Math.floor(r / 4) % 4]}`;
};
const OWN_SORTS = ['relevance', 'newest', 'downloads'];
const ownNew = (offset: number) => (i: number) => { const k = i + offset; const w = k % queries.length; const r = Math.floor(k / queries.length); return `/api/v1/data/datasets?q=${enc(queries[w])}&limit=${10 + (Math.floor(r / 3) % 6)}&sort=${OWN_SORTS[r % 3]}`; };
// request i: word set i mod 525 as a text never sent before — its words in another order and other letters
// in capitals (same matches, a new text for the lexeme cache: one plainto_tsquery round trip each)
function permutations(words: string[]): string[][] {
  if (words.length <= 1) return [words];
  return words.flatMap((w, i) => permutations([...words.slice(0, i), ...words.slice(i + 1)]).map((rest) => [w, ...rest]));
}
const textVariant = (w: number, v: number): string | null => {
  const perms = permutations(queries[w].split(' '));
  const text = perms[v % perms.length].join(' ');
  const mask = Math.floor(v / perms.length);
  const letters = text.replace(/[^a-z]/g, '').length;
  if (mask >= 2 ** Math.min(letters, 30)) return null;
  let j = 0;
  return text.replace(/[a-z]/g, (c) => ((mask >> j++) & 1 ? c.toUpperCase() : c));
};
const ckanNewText = (i: number) => {
  const w = i % queries.length; const v = 1 + Math.floor(i / queries.length);
  const text = textVariant(w, v) ?? queries[w];
  return `/api/3/action/package_search?q=${enc(text)}&facet.field=${facets}&rows=10`;
};
const ckanSame = () => `/api/3/action/package_search?q=penduduk&facet.field=${facets}&rows=10`;
const ownSame = () => '/api/v1/data/datasets?q=penduduk&limit=10';

// the in-memory index of the catalogue: build time and heap it takes
(globalThis as any).gc?.();
const heap0 = process.memoryUsage().heapUsed;
const built = await buildPublicCatalogueIndex(p.ctx.pool);
(globalThis as any).gc?.();
const indexMb = (process.memoryUsage().heapUsed - heap0) / 1048576;
console.log(`catalogue index: ${built?.n ?? 0} entries, ${built?.postings.size ?? 0} lexemes, built in ${built?.buildMs ?? NaN} ms, about ${indexMb.toFixed(1)} MB of heap${(globalThis as any).gc ? '' : ' (without --expose-gc: rough)'}`);
const probe = await (await fetch(p.url + ckanSame())).json() as any;
console.log(`database: ${p.dbLabel} (pool of ${process.env.BENCH_POOL ?? 20} connections, BENCH_POOL); ${n} datasets seeded in ${seedMs} ms; ${connections} clients; ${seconds} s per run; load average before: ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} on ${os.cpus().length} cores`);
console.log(`package_search count for q=penduduk: ${probe.result.count}; facets: ${Object.keys(probe.result.search_facets).join(', ')}`);
const sample = await Promise.all(queries.slice(0, 40).map(async (q) => ((await (await fetch(`${p.url}/api/3/action/package_search?q=${enc(q)}&rows=0`)).json()) as any).result.count as number));
console.log(`${queries.length} distinct queries drawn from the titles, e.g. ${queries.slice(0, 5).map((q) => `"${q}"`).join(', ')}; matches per query (first 40): median ${[...sample].sort((a, b) => a - b)[20]}, max ${Math.max(...sample)}`);

// warm-up (JIT, connections, plan cache) on queries not used later
await run(p.url, ckanDistinct(0, 9), 2, connections);
await run(p.url, ownDistinct(0, 9), 2, connections);
let used = queries.length; // r = 0 is the paging workload's first page: not used here
const single = await run(p.url, ckanNew(used), Math.min(seconds, 5), 1); used += single.requests;
const fresh = await run(p.url, ckanNew(used), seconds, connections); used += fresh.requests;
const ownFresh = await run(p.url, ownNew(0), seconds, connections);
const newTexts = await run(p.url, ckanNewText, Math.min(seconds, 10), connections);
if (used > queries.length * COMBOS) console.log(`note: ${used - queries.length * COMBOS} requests repeated a search (more than ${queries.length * (COMBOS - 1)} new searches)`);
const distinct = await run(p.url, ckanDistinct(0), seconds, connections);
const ownDist = await run(p.url, ownDistinct(0), seconds, connections);
const own = await run(p.url, ownSame, seconds, connections);
const ckan = await run(p.url, ckanSame, seconds, connections);
const load = os.loadavg();
console.log(`package_search, new searches, 1 client (intrinsic cost)         : ${show(single)}`);
console.log(`package_search, new searches (nothing cached), 16 clients        : ${show(fresh)}`);
console.log(`/api/v1/data/datasets, new searches (7 facets), 16 clients       : ${show(ownFresh)}`);
// word sets without letters or with few have fewer variants than the run asks for: those requests repeat a text
const textRepeats = Array.from({ length: newTexts.requests }, (_v, i) => textVariant(i % queries.length, 1 + Math.floor(i / queries.length)) === null).filter(Boolean).length;
console.log(`package_search, texts never sent before, 16 clients             : ${show(newTexts)}; ${textRepeats} of the requests repeated a text (word sets with too few variants)`);
console.log(`package_search, paging distinct queries, 16 clients              : ${show(distinct)}`);
console.log(`/api/v1/data/datasets, paging distinct queries, 16 clients       : ${show(ownDist)}`);
console.log(`package_search, repeated query (answer cache), 16 clients         : ${show(ckan)}`);
console.log(`/api/v1/data/datasets, repeated query (7 facets), 16 clients      : ${show(own)}`);
console.log(`ratio package_search / own search (req/s): new searches ${(fresh.rps / ownFresh.rps).toFixed(2)}, paging ${(distinct.rps / ownDist.rps).toFixed(2)}, repeated ${(ckan.rps / own.rps).toFixed(2)}`);
console.log(`machine load average after (1/5/15 min): ${load.map((x) => x.toFixed(1)).join(' / ')} on ${os.cpus().length} cores (other processes share them)`);
const verdict = (m: Measured) => `${m.p95 <= 30 ? 'MET' : 'NOT MET'} (p95 ${m.p95} ms)`;
console.log(`target p95 <= 30 ms: new searches ${verdict(fresh)}; texts never sent before ${verdict(newTexts)}; paging ${verdict(distinct)}; repeated query ${verdict(ckan)}`);
await p.close();
