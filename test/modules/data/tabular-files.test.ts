import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openCsv } from '../../../src/modules/data/datastore/csv-reader.ts';
import { fileSource, bufferSource } from '../../../src/modules/data/datastore/tabular-source.ts';
import { detectEncoding } from '../../../src/modules/data/datastore/encoding-detect.ts';
import { sniffDialect } from '../../../src/modules/data/datastore/csv-dialect.ts';
import { openXlsx, listSheets } from '../../../src/modules/data/datastore/xlsx-reader.ts';
import { analyseTabular, assertReportClean } from '../../../src/modules/data/datastore/tabular-pipeline.ts';
import { DatastoreError } from '../../../src/modules/data/datastore/datastore-error.ts';
import { formatDataMessage } from '../../../src/modules/data/messages.ts';
import {
  tempDir, write, TABEL_3_1_SEMICOLON, TABEL_3_1_FIXED, utf16leWithBom, utf16beWithBom, windows1252,
  writeSingleLongLine, wideCsv, zipBombXlsx, writeSampleXlsx,
} from './support/fixtures.ts';

const tmp = tempDir();
after(() => tmp.cleanup());

async function collect(rows: AsyncIterable<{ cells: unknown[] }>) {
  const out: unknown[][] = [];
  for await (const r of rows) out.push(r.cells);
  return out;
}

async function rejects(p: Promise<unknown>, code: string): Promise<DatastoreError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof DatastoreError, `expected DatastoreError, got ${String(e)}`);
    assert.equal(e.code, code);
    return e;
  }
  assert.fail(`expected ${code}`);
}

const ipmText = 'Tahun\tKomponen\tNilai\n2017\tAngka Harapan Hidup (Tahun)\t65,6\n2017\tRata-rata Lama Sekolah (Tahun)\t6,9\n';

test('encoding detection: BOMs, UTF-8, Windows-1252, binary magic', () => {
  assert.deepEqual(detectEncoding(Buffer.from('\ufeffa,b', 'utf8')), { encoding: 'utf8', bomLength: 3, fromBom: true });
  assert.equal(detectEncoding(utf16leWithBom('a;b')).encoding, 'utf16le');
  assert.equal(detectEncoding(utf16beWithBom('a;b')).encoding, 'utf16be');
  assert.equal(detectEncoding(Buffer.from('Kota;Luas\nMataram;61,30\n')).encoding, 'utf8');
  assert.equal(detectEncoding(windows1252('Kecamatan;Catatan\nAmpenan;café – 2 km²\n')).encoding, 'windows1252');
  assert.throws(() => detectEncoding(Buffer.from('%PDF-1.7\n...')), (e: DatastoreError) => e.code === 'binary_content');
});

test('dialect sniffing: comma, semicolon, tab, pipe; quotes respected', () => {
  assert.equal(sniffDialect('a,b,c\n1,2,3\n').delimiter, ',');
  assert.equal(sniffDialect('a;b;c\n1,5;2,5;3\n').delimiter, ';');
  assert.equal(sniffDialect('a\tb\n"x, y"\t2\n').delimiter, '\t');
  assert.equal(sniffDialect('a|b|c\n1|2|3\n').delimiter, '|');
  assert.equal(sniffDialect('nama,"alamat; kota"\nA,"Jl. X; Mataram"\n').delimiter, ',');
});

test('UTF-16 LE with BOM, tab separated, Indonesian numbers: loads correctly', async () => {
  const p = write(tmp.file('ipm-utf16.csv'), utf16leWithBom(ipmText));
  const { schema, report, meta } = await analyseTabular({ path: p, format: 'csv' });
  assert.equal(meta.encoding, 'utf16le');
  assert.equal(meta.delimiter, '\t');
  assert.deepEqual(schema.fields.map((f) => [f.name, f.type]), [['tahun', 'integer'], ['komponen', 'string'], ['nilai', 'number']]);
  assert.equal(report.rowCount, 2);
  assert.equal(report.errorCount, 0);
});

test('UTF-16 BE with BOM reads the same rows', async () => {
  const t = await openCsv(bufferSource(utf16beWithBom(ipmText)));
  assert.equal(t.encoding, 'utf16be');
  assert.deepEqual(await collect(t.rows), [['2017', 'Angka Harapan Hidup (Tahun)', '65,6'], ['2017', 'Rata-rata Lama Sekolah (Tahun)', '6,9']]);
});

test('Windows-1252 semicolon export keeps accented characters', async () => {
  const t = await openCsv(bufferSource(windows1252('Nama;Luas (Km²);Catatan\nKota Mataram;61,30;pusat – ibu kota\n')));
  assert.equal(t.encoding, 'windows1252');
  assert.equal(t.delimiter, ';');
  assert.deepEqual(t.header, ['Nama', 'Luas (Km²)', 'Catatan']);
  assert.deepEqual(await collect(t.rows), [['Kota Mataram', '61,30', 'pusat – ibu kota']]);
});

test('UTF-8 with BOM: the BOM is not part of the first header', async () => {
  const t = await openCsv(bufferSource(Buffer.from('\ufeffKode,Nama\n52.01,Lombok Barat\n', 'utf8')));
  assert.deepEqual(t.header, ['Kode', 'Nama']);
  assert.deepEqual(await collect(t.rows), [['52.01', 'Lombok Barat']]);
});

test('UTF-8 guessed from the sample but invalid later: encoding_mismatch, not garbage', async () => {
  const head = 'a,b\n' + 'x,y\n'.repeat(300_000); // > 1 MB sample of ASCII
  const buf = Buffer.concat([Buffer.from(head), windows1252('caf\u00e9,1\n')]);
  const p = write(tmp.file('late-1252.csv'), buf);
  const t = await openCsv(fileSource(p));
  assert.equal(t.encoding, 'utf8');
  await rejects(collect(t.rows), 'encoding_mismatch');
  const retry = await openCsv(fileSource(p), { encoding: 'windows1252' });
  const rows = await collect(retry.rows);
  assert.deepEqual(rows.at(-1), ['café', '1']);
});

test('Tabel 3.1 semicolon export: the 6,643,98 cell is named by row and column', async () => {
  const p = write(tmp.file('tabel-3-1.csv'), TABEL_3_1_SEMICOLON);
  const { schema, report } = await analyseTabular({ path: p, format: 'csv' });
  assert.equal(schema.fields[4].type, 'number');
  assert.equal(report.rowCount, 10);
  assert.equal(report.errorCount, 1);
  const e = report.errors[0];
  assert.equal(e.row, 5);
  assert.equal(e.line, 6);
  assert.equal(e.title, 'Luas wilayah (Km²)');
  assert.equal(e.value, '6,643,98');
  const err = await rejects(Promise.resolve().then(() => assertReportClean(report)), 'validation_failed');
  assert.equal(err.params.count, 1);
  const msg = formatDataMessage('id', `data.cell.${e.code}`, { ...e, example: '1.234,56' });
  assert.match(msg, /Baris 5 .*Luas wilayah \(Km²\).*6,643,98/);
  const fixed = await analyseTabular({ path: write(tmp.file('tabel-3-1-ok.csv'), TABEL_3_1_FIXED), format: 'csv' });
  assert.equal(fixed.report.errorCount, 0);
});

test('binary renamed .csv is rejected', async () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 7)]);
  await rejects(openCsv(fileSource(write(tmp.file('image.csv'), png))), 'binary_content');
  const noise = Buffer.alloc(4096);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 131 + 17) % 256;
  await rejects(openCsv(bufferSource(noise)), 'binary_content');
  await rejects(openCsv(bufferSource(zipBombXlsx(1024))), 'zip_instead_of_csv');
});

test('ragged rows are all counted and reported with their lines', async () => {
  const t = await openCsv(bufferSource(Buffer.from('a,b,c\n1,2,3\n1,2\n1,2,3,4\n1,2,3,,\n')));
  const e = await rejects(collect(t.rows), 'ragged_rows');
  assert.equal(e.params.count, 2);
  assert.deepEqual(e.detail, [
    { row: 2, line: 3, expected: 3, found: 2 },
    { row: 3, line: 4, expected: 3, found: 4 },
  ]);
});

test('10,000 columns are rejected at the header', async () => {
  const e = await rejects(openCsv(fileSource(write(tmp.file('wide.csv'), wideCsv(10_000))), {}), 'too_many_columns');
  assert.equal(e.params.count, 10_000);
});

test('a 50 MB single line is rejected without reading it all into memory', async () => {
  const p = tmp.file('one-line.csv');
  await writeSingleLongLine(p);
  const before = process.memoryUsage().rss;
  const e = await rejects(openCsv(fileSource(p)), 'line_too_long');
  assert.equal(e.params.line, 1);
  assert.ok(process.memoryUsage().rss - before < 100 * 1024 * 1024);
});

test('empty files are rejected: zero bytes, BOM only, blank lines, header only', async () => {
  await rejects(openCsv(fileSource(write(tmp.file('empty.csv'), ''))), 'empty_file');
  await rejects(openCsv(bufferSource(Buffer.from([0xef, 0xbb, 0xbf]))), 'empty_file');
  await rejects(openCsv(bufferSource(Buffer.from('\n\r\n;;;\n'))), 'empty_file');
  const t = await openCsv(bufferSource(Buffer.from('a;b\n')));
  await rejects(collect(t.rows), 'no_data_rows');
});

test('XLSX: chosen sheet streamed with typed cells', async () => {
  const p = tmp.file('ipm.xlsx');
  await writeSampleXlsx(p);
  assert.deepEqual((await listSheets(p)).map((s) => s.name), ['Keterangan', 'Data IPM']);
  const t = await openXlsx(p, { sheet: 'Data IPM' });
  assert.deepEqual(t.header, ['Tahun', 'Kode Wilayah', 'IPM', 'Tanggal Rilis', 'Catatan']);
  const rows = await collect(t.rows);
  assert.equal(rows.length, 3);
  assert.equal(rows[0][0], 2016);
  assert.ok(rows[0][3] instanceof Date);
  assert.equal(rows[1][4], 'angka sementara');
  assert.equal(rows[2][2], 67.58);
  const { schema, report } = await analyseTabular({ path: p, format: 'xlsx', sheet: 2 });
  assert.deepEqual(schema.fields.map((f) => f.type), ['integer', 'string', 'number', 'date', 'string']);
  assert.equal(report.errorCount, 0);
  await rejects(openXlsx(p, { sheet: 'Tidak Ada' }), 'sheet_not_found');
});

test('XLSX zip bomb is refused before inflating', async () => {
  const p = write(tmp.file('bomb.xlsx'), zipBombXlsx());
  const before = process.memoryUsage().rss;
  const e = await rejects(openXlsx(p), 'zip_bomb');
  assert.equal(e.params.entry, 'xl/worksheets/sheet1.xml');
  assert.ok(Number(e.params.ratio) > 200);
  assert.ok(process.memoryUsage().rss - before < 60 * 1024 * 1024);
});

test('a CSV renamed .xlsx is not_xlsx / zip_corrupt', async () => {
  await rejects(openXlsx(write(tmp.file('fake.xlsx'), 'a,b\n1,2\n')), 'zip_corrupt');
});

test('every message key exists in both languages', async () => {
  const { messages } = await import('../../../src/modules/data/messages.ts');
  assert.deepEqual(Object.keys(messages.en).sort(), Object.keys(messages.id).sort());
});
