import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTabular, prepareLoad, type PrepareOptions } from '../../../src/modules/data/datastore/tabular-pipeline.ts';
import { DatastoreError } from '../../../src/modules/data/datastore/datastore-error.ts';
import type { TableSchema } from '../../../src/modules/data/datastore/table-schema.ts';
import type { TabularLimits } from '../../../src/modules/data/datastore/tabular-source.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copy-lane-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;

interface Outcome { text: string; rows: number; report: unknown; schema: unknown; error: string | null }

/** Load `bytes` through prepareLoad's copyText: the byte lane (with reads of `readBytes`) or the string pipeline. */
async function run(bytes: Buffer, lane: false | number, options: PrepareOptions = {}, limits?: Partial<TabularLimits>): Promise<Outcome> {
  const file = path.join(dir, `f${fileNo++}.csv`);
  fs.writeFileSync(file, bytes);
  const parts: Buffer[] = [];
  let rows = 0;
  let report: unknown = null;
  let schema: unknown = null;
  let error: string | null = null;
  try {
    const t = await openTabular({ path: file, format: 'csv', limits });
    const prep = await prepareLoad(t, { ...options, copyLane: lane === false ? false : { readBytes: lane } });
    schema = prep.schema;
    report = prep.report;
    for await (const b of prep.copyText) { parts.push(Buffer.isBuffer(b.text) ? b.text : Buffer.from(b.text)); rows += b.rows; }
  } catch (e) {
    if (!(e instanceof DatastoreError)) throw e;
    error = `${e.code} ${JSON.stringify(e.params)} ${JSON.stringify(e.detail ?? null)}`;
  }
  return { text: Buffer.concat(parts).toString('utf8'), rows, report: JSON.parse(JSON.stringify(report)), schema, error };
}

async function assertSame(bytes: Buffer, what: string, options: PrepareOptions = {}, limits?: Partial<TabularLimits>, readSizes = [1, 7, 64, 4096, 1 << 20]): Promise<Outcome> {
  const want = await run(bytes, false, options, limits);
  for (const size of readSizes) {
    const got = await run(bytes, size, options, limits);
    // a file that is not UTF-8 after all fails at the same byte; how far each read before is not compared
    if (want.error?.startsWith('encoding_mismatch')) { assert.equal(got.error, want.error, what); continue; }
    assert.deepEqual(got, want, `${what} (reads of ${size} bytes)\n--- file ---\n${JSON.stringify(bytes.toString('utf8').slice(0, 2000))}`);
  }
  return want;
}

// A small deterministic PRNG (mulberry32): failures are reproducible from the seed.
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NUMBERS = ['0', '7', '-0', '+5', '007', '1.053,92', '6.643,98', '12.345.678', '1.5', '1.50', '1,50', '12,', ',5', '1.0000', '-0,00', '000,10', '99999999999999999', '123456789012345678901', '12,5%', '94,30%', '%', '-3,2%', '1 000', ' 42', '42 ', '4.2.1', '1.234,5.6', '½', '١٢'];
const TEXT = ['Lombok Barat', 'Kota Bima', 'a\\b', 'C:\\data\\berkas', 'kolom\tdengan tab', 'tab\there', ' spaced', 'spaced ', '\u00a0nbsp', 'Km²', 'é', '漢字', 'x', 'abcd', 'abcde', 'baris nomor 12 data sintetis', 'NA', '-', '—', '…', 'null', '#N/A', '', '  ', '"quoted"', 'with "inner" quote', '52.01', '52.01.05', '007'];
const DATES = ['17 Agustus 2021', '1 Jan 2020', '2021-08-17', '17/08/2021', '31/02/2021', 'Selasa, 17 Agu 2021', '17 Agustusan 2021', '', '-', '2021-13-01'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

/** A random CSV: mixed columns, quoted fields (with delimiters, quotes, newlines), all line endings, blank and ragged lines. */
function randomCsv(seed: number): Buffer {
  const r = rng(seed);
  const delim = pick(r, [',', ';', '\t', '|']);
  const eol = () => pick(r, ['\n', '\n', '\r\n', '\r']);
  const cols = 1 + Math.floor(r() * 6);
  const kinds = Array.from({ length: cols }, () => pick(r, ['num', 'num', 'text', 'date', 'mixed']));
  const cell = (k: string) => {
    const base = k === 'num' ? (r() < 0.9 ? String(Math.floor(r() * 1e6)).replace(/\B(?=(\d{3})+(?!\d))/g, '.') + (r() < 0.5 ? ',' + String(Math.floor(r() * 10 ** (1 + Math.floor(r() * 4)))).padStart(1 + Math.floor(r() * 3), '0') : '') : pick(r, NUMBERS))
      : k === 'text' ? pick(r, TEXT) : k === 'date' ? (r() < 0.8 ? pick(r, DATES.slice(0, 3)) : pick(r, DATES)) : pick(r, [...NUMBERS, ...TEXT, ...DATES]);
    const needsQuote = base.includes(delim) || base.includes('"') || base.includes('\n') || base.includes('\r') || base.startsWith('"');
    if (needsQuote || r() < 0.05) {
      const inner = r() < 0.1 ? base + pick(r, ['\n', '\r\n', '\r', delim]) + 'x' : base;
      return '"' + inner.replaceAll('"', '""') + '"';
    }
    return base;
  };
  const lines: string[] = [];
  const header = Array.from({ length: cols }, (_v, i) => (r() < 0.1 ? `"Kolom ${delim} ${i}"` : `Kolom ${i}`));
  if (r() < 0.2) lines.push('');
  lines.push(header.join(delim) + (r() < 0.2 ? delim : ''));
  const n = Math.floor(r() * 60);
  for (let i = 0; i < n; i++) {
    const x = r();
    if (x < 0.04) { lines.push(''); continue; }
    if (x < 0.06) { lines.push(' ' + delim.repeat(Math.floor(r() * 3))); continue; }
    let cells = kinds.map(cell);
    if (x < 0.08) cells = cells.slice(0, Math.max(1, cells.length - 1));
    else if (x < 0.1) cells.push('extra');
    else if (x < 0.13) cells.push('', ' ');
    lines.push(cells.join(delim));
  }
  let text = '';
  for (const l of lines) text += l + eol();
  if (r() < 0.3) text = text.replace(/(\r\n|\r|\n)$/, '');
  const bom = r() < 0.2 ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0);
  return Buffer.concat([bom, Buffer.from(text, 'utf8')]);
}

test('the byte lane gives the same COPY text, report and errors as the string pipeline on random CSV files', async () => {
  for (let seed = 1; seed <= 120; seed++) await assertSame(randomCsv(seed), `seed ${seed}`, {}, undefined, [1, 13, 4096]);
});

test('the byte lane validates against an edited schema (constraints, missing values, reordered columns) as the string pipeline does', async () => {
  const schema: TableSchema = {
    fields: [
      { name: 'jumlah', title: 'Jumlah', type: 'integer', constraints: { required: true } },
      { name: 'kode', title: 'Kode', type: 'string', constraints: { pattern: '\\d{2}\\.\\d{2}' } },
      { name: 'nilai', title: 'Nilai', type: 'number', constraints: { minimum: 0, maximum: 100 } },
      { name: 'persen', title: 'Persen', type: 'number', decimalChar: ',', groupChar: '.', bareNumber: false, 'ntb:kind': 'percent' },
      { name: 'tanggal', title: 'Tanggal', type: 'date', constraints: { minimum: '2020-01-01' } },
      { name: 'ket', title: 'Keterangan', type: 'string' },
      { name: 'ya', title: 'Ya', type: 'boolean' },
    ],
    missingValues: ['', '-', 'NA', '999'],
  } as TableSchema;
  const rows = [
    'Keterangan;Kode;Jumlah;Nilai;Persen;Tanggal;Ya',
    'satu;52.01;1.000;12,5;94,30%;17 Agustus 2021;ya',
    'dua;5201;-;101;1,5%;1 Jan 2019;tidak',
    'tiga \\ garis;52.02;999;-1;x%;2021-02-30;mungkin',
    ';52.03;12,0;0;-;-;',
    'empat;52.04;12,5;50;12%;2022-01-01;YA',
  ];
  const out = await assertSame(Buffer.from(rows.join('\n')), 'edited schema', { schema });
  assert.ok((out.report as { errorCount: number }).errorCount >= 8, JSON.stringify(out.report));
});

test('the byte lane keeps the string pipeline errors: bad UTF-8, unterminated quote, bad closing quote, long lines, too many rows, no data', async () => {
  const cases: Array<[string, Buffer, Partial<TabularLimits>?]> = [
    ['invalid UTF-8 after the sample', Buffer.concat([Buffer.from('a,b\n' + '1,2\n'.repeat(300000)), Buffer.from([0xff, 0xfe, 0x2c, 0x31, 0x0a])])],
    ['unterminated quote', Buffer.from('a,b\n1,2\n"3,4\n5,6\n')],
    ['text after a closing quote', Buffer.from('a,b\n1,"2"x\n')],
    ['a line over the limit', Buffer.from('a,b\n1,2\n' + 'x'.repeat(300) + ',1\n'), { maxRecordChars: 100 }],
    ['a quoted field over the limit', Buffer.from('a,b\n1,2\n"' + 'x\n'.repeat(200) + '",1\n'), { maxRecordChars: 100 }],
    ['too many rows', Buffer.from('a,b\n' + '1,2\n'.repeat(30)), { maxRows: 20 }],
    ['only a header', Buffer.from('a,b\n\n\n')],
    ['ragged rows', Buffer.from('a,b\n1,2\n1\n1,2,3\n1,2,,\n')],
  ];
  for (const [what, bytes, limits] of cases) {
    const want = await assertSame(bytes, what, {}, limits, [5, 4096, 1 << 20]);
    assert.ok(want.error, `${what}: an error is expected`);
  }
});

test('a large clean file: the lane streams it in blocks and counts every row', async () => {
  let text = 'Kode;Nama;Tahun;Jumlah;Persen;Tanggal\n';
  for (let i = 0; i < 50_000; i++) text += `52.${String(i % 10).padStart(2, '0')};Nama ${i} "${i}";${2000 + (i % 25)};${(i * 7919).toLocaleString('de-DE')};${i % 100},${i % 10}%;${(i % 28) + 1} Agustus 2021\n`;
  const want = await assertSame(Buffer.from(text), 'large', {}, undefined, [1 << 16, 1 << 20]);
  assert.equal(want.rows, 50_000);
  assert.equal(want.error, null);
});
