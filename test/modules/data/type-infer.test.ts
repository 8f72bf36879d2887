import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inferSchema } from '../../../src/modules/data/datastore/type-infer.ts';
import { columnNames, pgType } from '../../../src/modules/data/datastore/table-schema.ts';
import { createRowValidator, compileField } from '../../../src/modules/data/datastore/row-validator.ts';
import { copyTextLine } from '../../../src/modules/data/datastore/copy-format.ts';

const header = ['No', 'Kabupaten/Kota', 'Jumlah Kecamatan', 'Jumlah Desa/Kelurahan', 'Luas wilayah (Km²)'];
const rows = [
  ['1', 'Lombok Barat', '10', '122', '1.053,92'],
  ['2', 'Lombok Tengah', '12', '139', '1.208,40'],
  ['3', 'Lombok Timur', '20', '254', '1.605,55'],
  ['4', 'Lombok Utara', '5', '33', '809,53'],
  ['5', 'Sumbawa', '24', '166', '6,643,98'],
  ['6', 'Dompu', '8', '81', '2.324,60'],
  ['7', 'Bima', '18', '198', '4.389,40'],
  ['8', 'Sumbawa Barat', '8', '65', '1.849,02'],
  ['9', 'Kota Mataram', '6', '50', '61,30'],
  ['10', 'Kota Bima', '5', '38', '207,50'],
  ['', 'Jumlah', '116', '1.146', '20.153,15'],
];

test('Tabel 3.1 infers integer/number columns in Indonesian locale despite one typo', () => {
  const s = inferSchema(header, rows);
  assert.deepEqual(s.fields.map((f) => f.name), ['no', 'kabupaten_kota', 'jumlah_kecamatan', 'jumlah_desa_kelurahan', 'luas_wilayah_km2']);
  assert.deepEqual(s.fields.map((f) => f.type), ['integer', 'string', 'integer', 'integer', 'number']);
  assert.equal(s.fields[4].decimalChar, ',');
  assert.equal(s.fields[4].groupChar, '.');
  assert.equal(s.fields[4].title, 'Luas wilayah (Km²)');
  assert.equal(pgType(s.fields[4]), 'numeric');
});

test('validation names the bad cell by row and column and converts the good ones', () => {
  const s = inferSchema(header, rows);
  const v = createRowValidator(s);
  const out = rows.map((cells, i) => v.validate({ row: i + 1, line: i + 2, cells }));
  assert.equal(v.report.errorCount, 1);
  assert.deepEqual(v.report.errors[0], {
    row: 5, line: 6, column: 'luas_wilayah_km2', title: 'Luas wilayah (Km²)', value: '6,643,98', code: 'type_number',
  });
  assert.equal(out[4], null);
  assert.deepEqual(out[0], ['1', 'Lombok Barat', '10', '122', '1053.92']);
  assert.deepEqual(out[10], [null, 'Jumlah', '116', '1146', '20153.15']);
});

test('percent, region code, leading-zero code, date and English columns', () => {
  const s = inferSchema(
    ['Kode Wilayah', 'Kode Desa', 'Capaian', 'Tanggal', 'Nilai', 'Aktif', 'Keterangan'],
    [
      ['52.01', '001', '94,30%', '17 Agustus 2021', '1,053.92', 'ya', 'catatan'],
      ['52.02', '002', '92,54%', '18 Agustus 2021', '64.7', 'tidak', '-'],
      ['52.71', '010', '100%', '1 September 2021', '2,324.60', 'ya', 'lain'],
    ],
  );
  const t = Object.fromEntries(s.fields.map((f) => [f.name, f]));
  assert.equal(t.kode_wilayah.type, 'string');
  assert.equal(t.kode_wilayah['ntb:kind'], 'region_code');
  assert.equal(t.kode_desa.type, 'string');
  assert.equal(t.kode_desa['ntb:kind'], 'code');
  assert.equal(t.capaian.type, 'number');
  assert.equal(t.capaian['ntb:kind'], 'percent');
  assert.equal(t.tanggal.type, 'date');
  assert.equal(t.nilai.type, 'number');
  assert.equal(t.nilai.decimalChar, '.');
  assert.equal(t.aktif.type, 'boolean');
  assert.equal(t.keterangan.type, 'string');
  const v = createRowValidator(s);
  assert.deepEqual(v.validate({ row: 1, line: 2, cells: ['52.01', '001', '94,30%', '17 Agustus 2021', '1,053.92', 'ya', 'x'] }),
    ['52.01', '001', '94.3', '2021-08-17', '1053.92', 't', 'x']);
});

test('region codes in a decimal-looking column without a code header stay numbers unless prefixes agree', () => {
  const s = inferSchema(['Nilai'], [['64.70'], ['65.40'], ['66.58']]);
  assert.equal(s.fields[0].type, 'number');
  const r = inferSchema(['Wil'], [['52.01'], ['52.02'], ['52.71']]);
  assert.equal(r.fields[0]['ntb:kind'], 'region_code');
});

test('an all-empty column is string; a mostly-text column is string', () => {
  const s = inferSchema(['a', 'b'], [['', 'x'], ['-', '12'], ['', 'y']]);
  assert.equal(s.fields[0].type, 'string');
  assert.equal(s.fields[1].type, 'string');
});

test('XLSX-typed cells (numbers, dates) infer and convert', () => {
  const s = inferSchema(['Tahun', 'IPM', 'Rilis'], [[2016, 65.81, new Date(Date.UTC(2017, 3, 17))], [2017, '66,58', new Date(Date.UTC(2018, 3, 16))]]);
  assert.deepEqual(s.fields.map((f) => f.type), ['integer', 'number', 'date']);
  const v = createRowValidator(s);
  assert.deepEqual(v.validate({ row: 2, line: 3, cells: [2017, '66,58', new Date(Date.UTC(2018, 3, 16))] }), ['2017', '66.58', '2018-04-16']);
});

test('column names are ASCII, unique, never reserved', () => {
  assert.deepEqual(columnNames(['Luas (Km²)', 'luas km2', '', '2013', '_id', 'Ékonomi']), ['luas_km2', 'luas_km2_2', 'kolom_3', 'k_2013', 'id', 'ekonomi']);
});

test('constraints: required, pattern, minimum', () => {
  const f = compileField({ name: 'x', title: 'x', type: 'integer', constraints: { required: true, minimum: 0 } }, ['', '-']);
  assert.deepEqual(f.parse('-'), { ok: false, code: 'required' });
  assert.deepEqual(f.parse('-5'), { ok: false, code: 'minimum' });
  assert.deepEqual(f.parse('1.146'), { ok: true, value: '1146' });
  const g = compileField({ name: 'k', title: 'k', type: 'string', constraints: { pattern: '\\d{2}(\\.\\d{2})?' } }, ['']);
  assert.deepEqual(g.parse('52.01'), { ok: true, value: '52.01' });
  assert.deepEqual(g.parse('5201'), { ok: false, code: 'pattern' });
});

test('COPY text escaping', () => {
  assert.equal(copyTextLine(['a\tb', null, 'c\\d', 'e\nf']), 'a\\tb\t\\N\tc\\\\d\te\\nf\n');
});

test('date bounds: ISO minimum/maximum checked after parsing Indonesian dates', () => {
  const f = compileField({ name: 'tgl', title: 'Tanggal', type: 'date', constraints: { minimum: '2020-01-01', maximum: '2021-12-31' } }, ['', '-']);
  assert.deepEqual(f.parse('17 Agustus 2021'), { ok: true, value: '2021-08-17' });
  assert.deepEqual(f.parse('31 Desember 2019'), { ok: false, code: 'minimum' });
  assert.deepEqual(f.parse('01/01/2022'), { ok: false, code: 'maximum' });
  assert.deepEqual(f.parse('-'), { ok: true, value: null });
  assert.deepEqual(f.parse('bukan tanggal'), { ok: false, code: 'type_date' });
});
