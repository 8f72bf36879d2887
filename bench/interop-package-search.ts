/**
 * CKAN package_search at scale (issue 4): `q` plus three facets over BENCH_DATASETS (default 10,000)
 * published datasets, 16 concurrent clients for BENCH_SECONDS (default 20); the same query on our own
 * /api/v1/data/datasets search in the same run gives the ratio. Target: p95 ≤ 30 ms.
 * Run on PostgreSQL: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- interop-package-search
 */
import os from 'node:os';
import { seedCatalogue } from './interop-seed.ts';
import autocannon from 'autocannon';
import { startBenchPlatform, load, fmt, type LoadResult } from './lib.ts';

/** Distinct queries (word × start), so nearly every request misses the search cache. */
async function loadDistinct(base: string, facets: string, secs: number, conns: number): Promise<LoadResult> {
  const words = ['penduduk', 'padi', 'kemiskinan', 'sekolah', 'jagung', 'demam', 'puskesmas', 'jalan', 'anggaran', 'wisatawan', 'perikanan', 'indeks'];
  let i = 0;
  const r: any = await autocannon({
    url: base, connections: conns, duration: secs,
    requests: [{ setupRequest: (req: any) => { i++; req.path = `/api/3/action/package_search?q=${words[i % words.length]}&facet.field=${facets}&rows=10&start=${(i * 7919) % 800}`; return req; } }],
  });
  return { rps: r.requests.average, p50: r.latency.p50, p95: r.latency.p97_5 ?? r.latency.p95, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx, requests: r.requests.total };
}

const n = Number(process.env.BENCH_DATASETS ?? 10_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const connections = 16;

const p = await startBenchPlatform();
const seedMs = await seedCatalogue(p.ctx, n);
const facets = encodeURIComponent(JSON.stringify(['organization', 'tags', 'res_format']));
const ckanUrl = `${p.url}/api/3/action/package_search?q=penduduk&facet.field=${facets}&rows=10`;
const ownUrl = `${p.url}/api/v1/data/datasets?q=penduduk&limit=10`;

const probe = await (await fetch(ckanUrl)).json() as any;
console.log(`database: ${p.dbLabel}; ${n} datasets seeded in ${seedMs} ms; ${connections} connections; ${seconds} s per run`);
console.log(`package_search count for q=penduduk: ${probe.result.count}; facets: ${Object.keys(probe.result.search_facets).join(', ')}`);
await load(ckanUrl, { seconds: 2, connections });
await load(ownUrl, { seconds: 2, connections });
const single = await loadDistinct(p.url, facets, Math.min(seconds, 5), 1);
const distinct = await loadDistinct(p.url, facets, seconds, connections);
const own = await load(ownUrl, { seconds, connections });
const ckan = await load(ckanUrl, { seconds, connections });
console.log(`/api/v1/data/datasets (q, 7 facets)      : ${fmt(own)}`);
console.log(`/api/3/action/package_search (q, 3 facets), same query (answer cache): ${fmt(ckan)}`);
console.log(`package_search, distinct queries (cache misses), 16 clients: ${fmt(distinct)}`);
console.log(`package_search, distinct queries, 1 client (intrinsic cost) : ${fmt(single)}`);
console.log(`ratio package_search / own search (req/s) : ${(ckan.rps / own.rps).toFixed(3)}`);
console.log(`machine load average (1 min): ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores (other processes share them)`);
console.log(`target: p95 <= 30 ms -> same query ${ckan.p95 <= 30 ? 'MET' : 'NOT MET'} (p95 ${ckan.p95} ms); distinct queries ${distinct.p95 <= 30 ? 'MET' : 'NOT MET'} (p95 ${distinct.p95} ms)`);
await p.close();
