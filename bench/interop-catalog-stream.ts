/**
 * Streaming the DCAT catalogue (issue 4): BENCH_DATASETS (default 10,000) published datasets; walks every
 * /catalog.ttl page (Hydra, 100 per page) measuring time to first byte per page and the app's memory
 * (same process) while it streams. Baseline in the same run: GET /robots.txt first byte (the floor of the
 * HTTP stack). Targets: first byte < 200 ms; memory flat (no growth with the number of pages).
 * Run on PostgreSQL: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- interop-catalog-stream
 */
import http from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Parser } from 'n3';
import { seedCatalogue } from './interop-seed.ts';
import { startBenchPlatform } from './lib.ts';

const n = Number(process.env.BENCH_DATASETS ?? 10_000);
const p = await startBenchPlatform();
p.ctx.config.baseUrl = p.url; // Hydra links point at this server
await seedCatalogue(p.ctx, n);

function get(url: string): Promise<{ ttfb: number; total: number; body: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let ttfb = 0;
    const chunks: Buffer[] = [];
    http.get(url, (res) => {
      res.on('data', (c: Buffer) => { if (!ttfb) ttfb = performance.now() - t0; chunks.push(c); });
      res.on('end', () => resolve({ ttfb, total: performance.now() - t0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    }).on('error', reject);
  });
}
const pct = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };

const floor: number[] = [];
for (let i = 0; i < 50; i++) floor.push((await get(`${p.url}/robots.txt`)).ttfb);
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
/** Heap retained after a full GC, sampled after every page: what the app keeps, not transient garbage. */
const mem: number[] = [];
let peakRss = 0;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);
gc();
mem.push(process.memoryUsage().heapUsed);
const ttfbs: number[] = [];
let datasets = 0, pages = 0, bytes = 0;
let url: string | null = `${p.url}/catalog.ttl`;
const t0 = performance.now();
while (url) {
  const r = await get(url);
  ttfbs.push(r.ttfb);
  bytes += r.body.length;
  pages++;
  const quads = new Parser().parse(r.body);
  datasets += quads.filter((q) => q.predicate.value.endsWith('22-rdf-syntax-ns#type') && q.object.value === 'http://www.w3.org/ns/dcat#Dataset').length;
  const next = quads.find((q) => q.predicate.value === 'http://www.w3.org/ns/hydra/core#nextPage');
  url = next ? next.object.value : null;
  gc();
  mem.push(process.memoryUsage().heapUsed);
}
const total = performance.now() - t0;
clearInterval(sampler);
const firstTenth = mem.slice(0, Math.max(1, Math.floor(mem.length / 10)));
const lastTenth = mem.slice(-Math.max(1, Math.floor(mem.length / 10)));
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length / 1048576;
console.log(`database: ${p.dbLabel}; ${n} datasets; ${pages} pages; ${(bytes / 1048576).toFixed(1)} MB Turtle in ${total.toFixed(0)} ms; ${datasets} dcat:Dataset parsed (${datasets === n + 1 ? 'all' : 'MISMATCH'})`);
console.log(`first byte per page: p50 ${pct(ttfbs, 0.5).toFixed(1)} ms, p95 ${pct(ttfbs, 0.95).toFixed(1)} ms, max ${Math.max(...ttfbs).toFixed(1)} ms; first page ${ttfbs[0].toFixed(1)} ms`);
console.log(`baseline /robots.txt first byte p50 ${pct(floor, 0.5).toFixed(1)} ms -> ratio catalogue/baseline ${(pct(ttfbs, 0.5) / pct(floor, 0.5)).toFixed(1)}`);
console.log(`heap retained after GC, per page: first 10% of pages ${avg(firstTenth).toFixed(1)} MB, last 10% ${avg(lastTenth).toFixed(1)} MB, max ${(Math.max(...mem) / 1048576).toFixed(1)} MB; peak RSS ${(peakRss / 1048576).toFixed(0)} MB`);
console.log(`target: first byte < 200 ms -> ${Math.max(...ttfbs) < 200 ? 'MET' : 'NOT MET'}; memory flat (last/first < 1.1) -> ${avg(lastTenth) / avg(firstTenth) < 1.1 ? 'MET' : 'NOT MET'}`);
await p.close();
