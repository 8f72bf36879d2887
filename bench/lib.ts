/** Shared helpers for benchmarks: a platform on PostgreSQL (BENCH_DATABASE_URL) or PGlite, and autocannon runs. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import autocannon from 'autocannon';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.ts';
import { createPlatform, type Platform } from '../src/app.ts';
import { openDatabase } from '../src/core/db.ts';

export interface BenchPlatform extends Platform { url: string; dbLabel: string }

/** A fresh database (created and dropped) on BENCH_DATABASE_URL, else embedded PGlite in memory. */
export async function startBenchPlatform(opts: { seedDemo?: boolean; startJobs?: boolean } = {}): Promise<BenchPlatform> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntb-bench-'));
  const config = loadConfig({}, { dataDir, sessionSecret: crypto.randomBytes(32).toString('hex'), seedDemo: opts.seedDemo ?? false, logLevel: 'silent', port: 0, host: '127.0.0.1' });
  const adminUrl = process.env.BENCH_DATABASE_URL;
  let drop = async () => {};
  let db;
  if (adminUrl) {
    const name = `ntb_bench_${crypto.randomBytes(4).toString('hex')}`;
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect(); await c.query(`CREATE DATABASE ${name}`); await c.end();
    const u = new URL(adminUrl); u.pathname = `/${name}`;
    db = await openDatabase({ databaseUrl: u.toString(), poolSize: Number(process.env.BENCH_POOL ?? 20) });
    drop = async () => { const d = new pg.Client({ connectionString: adminUrl }); await d.connect(); await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); await d.end(); };
  } else {
    db = await openDatabase({ poolSize: 8 });
  }
  const platform = await createPlatform(config, { db, startJobs: opts.startJobs, announce: () => {} });
  await platform.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(platform.app.server.address() as AddressInfo).port}`;
  return { ...platform, url, dbLabel: adminUrl ? 'PostgreSQL' : 'PGlite (embedded)', async close() { await platform.close(); await drop(); fs.rmSync(dataDir, { recursive: true, force: true }); } };
}

export interface LoadResult { rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number; requests: number }

/** Runs autocannon against one URL for `seconds` with `connections` clients (loopback only). */
export async function load(url: string, opts: { connections?: number; seconds?: number; method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<LoadResult> {
  const r: any = await autocannon({ url, connections: opts.connections ?? 16, duration: opts.seconds ?? 10, method: (opts.method ?? 'GET') as any, body: opts.body, headers: opts.headers });
  return { rps: r.requests.average, p50: r.latency.p50, p95: r.latency.p97_5 ?? r.latency.p95, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx, requests: r.requests.total };
}

export function fmt(r: LoadResult): string {
  return `${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, errors ${r.errors}, non-2xx ${r.non2xx}`;
}
