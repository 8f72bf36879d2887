/**
 * Requests per second of the home page and of /api/v1/health on NTB Terbuka, against a bare Fastify "hello"
 * server started in the same run, printed as ratios. Loopback only; 16 connections; 10 s per target.
 * BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres runs it on PostgreSQL.
 */
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { startBenchPlatform, load, fmt } from './lib.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const bare = Fastify();
bare.get('/', async () => 'hello');
await bare.listen({ port: 0, host: '127.0.0.1' });
const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/`;

const p = await startBenchPlatform();
await load(`${p.url}/`, { seconds: 2 }); // warm-up
const baseline = await load(bareUrl, { seconds });
const home = await load(`${p.url}/`, { seconds });
const health = await load(`${p.url}/api/v1/health`, { seconds });
await p.close();
await bare.close();

console.log(`database: ${p.dbLabel}; ${seconds} s per target; 16 connections`);
console.log(`bare Fastify hello : ${fmt(baseline)}`);
console.log(`home page (/)      : ${fmt(home)}`);
console.log(`/api/v1/health     : ${fmt(health)}`);
console.log(`ratio home / bare  : ${(home.rps / baseline.rps).toFixed(3)}`);
console.log(`ratio health / bare: ${(health.rps / baseline.rps).toFixed(3)}`);
