/**
 * Fixture files generated at test time (nothing large is committed): odd encodings, separators,
 * broken files, a zip bomb.
 */
import { mkdtempSync, writeFileSync, createWriteStream, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';

export function tempDir(): { dir: string; file(name: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ntb-data-test-'));
  return { dir, file: (n) => join(dir, n), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Tabel 3.1 of seed 004 as exported by an Indonesian Excel (semicolon, Indonesian numbers), including the seed's own typo. */
export const TABEL_3_1_SEMICOLON = [
  'No;Kabupaten/Kota;Jumlah Kecamatan;Jumlah Desa/Kelurahan;Luas wilayah (Km²)',
  '1;Lombok Barat;10;122;1.053,92',
  '2;Lombok Tengah;12;139;1.208,40',
  '3;Lombok Timur;20;254;1.605,55',
  '4;Lombok Utara;5;33;809,53',
  '5;Sumbawa;24;166;6,643,98',
  '6;Dompu;8;81;2.324,60',
  '7;Bima;18;198;4.389,40',
  '8;Sumbawa Barat;8;65;1.849,02',
  '9;Kota Mataram;6;50;61,30',
  '10;Kota Bima;5;38;207,50',
].join('\r\n') + '\r\n';

export const TABEL_3_1_FIXED = TABEL_3_1_SEMICOLON.replace('6,643,98', '6.643,98');

export function utf16leWithBom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]);
}

export function utf16beWithBom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16be')]);
}

export function windows1252(text: string): Buffer {
  return iconv.encode(text, 'win1252');
}

/** A stream-written file of one 50 MB line (no newline at all). */
export async function writeSingleLongLine(path: string, bytes = 50 * 1024 * 1024): Promise<void> {
  const ws = createWriteStream(path);
  const chunk = Buffer.from('abcdefghij,'.repeat(6000)); // ~66 KB
  let written = 0;
  while (written < bytes) {
    const ok = ws.write(chunk);
    written += chunk.length;
    if (!ok) await new Promise<void>((r) => ws.once('drain', () => r()));
  }
  await new Promise<void>((res, rej) => ws.end((e?: Error | null) => (e ? rej(e) : res())));
}

export function wideCsv(columns: number, rows = 2): string {
  const header = Array.from({ length: columns }, (_v, i) => `c${i + 1}`).join(',');
  const lines = [header];
  for (let r = 0; r < rows; r++) lines.push(Array.from({ length: columns }, (_v, i) => String(i + r)).join(','));
  return lines.join('\n') + '\n';
}

interface ZipInput { name: string; data: Buffer; store?: boolean }

/** Minimal zip writer (deflate), enough to craft XLSX packages and bombs. */
export function makeZip(entries: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const comp = e.store ? e.data : deflateRawSync(e.data, { level: 9 });
    const crc = crc32(e.data) >>> 0;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0, 6);
    lh.writeUInt16LE(e.store ? 0 : 8, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(comp.length, 18);
    lh.writeUInt32LE(e.data.length, 22);
    lh.writeUInt16LE(name.length, 26);
    locals.push(lh, name, comp);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(e.store ? 0 : 8, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(comp.length, 20);
    ch.writeUInt32LE(e.data.length, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    centrals.push(ch, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** An XLSX-shaped zip whose sheet inflates to `bytes` of whitespace (ratio ≈ 1000:1). */
export function zipBombXlsx(bytes = 64 * 1024 * 1024): Buffer {
  const workbook = Buffer.from(
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
  );
  const sheet = Buffer.alloc(bytes, 0x20);
  return makeZip([
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
    { name: 'xl/workbook.xml', data: workbook },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
  ]);
}

/** A real XLSX written by exceljs: two sheets, the second holding data with numbers, text numbers and dates. */
export async function writeSampleXlsx(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const cover = wb.addWorksheet('Keterangan');
  cover.addRow(['Sumber: Bappeda Provinsi NTB']);
  const ws = wb.addWorksheet('Data IPM');
  ws.addRow(['Tahun', 'Kode Wilayah', 'IPM', 'Tanggal Rilis', 'Catatan']);
  ws.addRow([2016, '52', 65.81, new Date(Date.UTC(2017, 3, 17)), 'angka tetap']);
  ws.addRow([2017, '52', '66,58', new Date(Date.UTC(2018, 3, 16)), { richText: [{ text: 'angka ' }, { text: 'sementara' }] }]);
  ws.addRow([2018, '52', { formula: '66.58+1', result: 67.58 }, '15 April 2019', null]);
  await wb.xlsx.writeFile(path);
}

export function write(path: string, data: string | Buffer): string {
  writeFileSync(path, data);
  return path;
}
