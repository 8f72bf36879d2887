/**
 * Datastore ingestion vs a plain COPY of the same file, measured in the same run (issue 3: ≤ 2×),
 * plus peak RSS. Needs PostgreSQL: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres.
 * Usage: npm run bench -- data-ingest [--rows 1000000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MODULES } from '../src/app.ts';
import { dataModule } from '../src/modules/data/index.ts';
if (!MODULES.includes(dataModule)) MODULES.push(dataModule);
import { startBenchPlatform } from './lib.ts';
import { withTransaction } from '../src/core/db.ts';
import { loadTable } from '../src/modules/data/ingest.service.ts';
import { copyFrom } from '../src/modules/data/datastore/pg-copy.ts';

const arg = (n: string, d: number) => { const i = process.argv.indexOf(`--${n}`); return i > 0 ? Number(process.argv[i + 1]) : d; };
const rows = arg('rows', 1_000_000);
const KAB = ['Lombok Barat', 'Lombok Tengah', 'Lombok Timur', 'Sumbawa', 'Dompu', 'Bima', 'Sumbawa Barat', 'Lombok Utara', 'Kota Mataram', 'Kota Bima'];
const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

async function generate(file: string): Promise<number> {
  const ws = fs.createWriteStream(file);
  ws.write('Kode Wilayah;Kabupaten/Kota;Tahun;Jumlah Penduduk;Luas (Km²);Capaian;Tanggal Rilis;Keterangan\n');
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const k = i % 10;
    const pop = 100000 + ((i * 7919) % 900000);
    buf += `52.${String(k + 1).padStart(2, '0')};${KAB[k]};${2000 + (i % 25)};${pop.toLocaleString('de-DE')};${((i % 9000) + 61.3).toFixed(2).replace('.', ',')};${(i % 10000) / 100}%;${(i % 28) + 1} ${BULAN[i % 12]} ${2000 + (i % 25)};baris nomor ${i} data sintetis\n`.replace(/(\d+)\.(\d+)%/, '$1,$2%');
    if (buf.length > 1 << 20) { if (!ws.write(buf)) await new Promise<void>((r) => ws.once('drain', () => r())); buf = ''; }
  }
  ws.write(buf);
  await new Promise<void>((r) => ws.end(() => r()));
  return fs.statSync(file).size;
}

if (!process.env.BENCH_DATABASE_URL) { console.error('set BENCH_DATABASE_URL (the ≤ 2× criterion is defined on PostgreSQL)'); process.exit(2); }
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-bench-'));
const file = path.join(dir, 'data.csv');
const size = await generate(file);
console.log(`generated ${rows.toLocaleString()} rows, ${(size / 1048576).toFixed(1)} MB`);
const p = await startBenchPlatform();
let peak = 0;
const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
try {
  // baseline: plain COPY of the same bytes into a plain text table
  const t0 = Date.now();
  await withTransaction(p.ctx.pool, async (tx) => {
    await tx.query('CREATE TABLE bench_plain (a text, b text, c text, d text, e text, f text, g text, h text)');
    await copyFrom(tx, `COPY bench_plain FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)`, fs.createReadStream(file, { highWaterMark: 1 << 20 }));
  });
  const plain = Date.now() - t0;
  peak = 0;
  const t1 = Date.now();
  const r = await withTransaction(p.ctx.pool, async (tx) => loadTable(tx, p.ctx.db.mode, { path: file, format: 'csv' }));
  const full = Date.now() - t1;
  console.log(`plain COPY: ${(plain / 1000).toFixed(1)} s`);
  console.log(`datastore ingest (detect + infer + validate + typed COPY + indexes): ${(full / 1000).toFixed(1)} s, ${r.rowCount.toLocaleString()} rows, ${r.report.errorCount} bad cells, method ${r.method}`);
  console.log(`ratio ingest/plain = ${(full / plain).toFixed(2)} (target ≤ 2.00); peak RSS during ingest ${(peak / 1048576).toFixed(0)} MB`);
  console.log(`phases: ${JSON.stringify(r.meta.phases)}`);
  console.log(`schema: ${r.schema.fields.map((f) => `${f.name}:${f.type}`).join(', ')}`);
} finally {
  clearInterval(timer);
  await p.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
