import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateApplicationRow, readApplicationSheet, applicationsToXlsx, parseCategory } from '../../../src/modules/spbe/application-io.ts';

const orgs: Record<string, string> = { 'dinas kominfotik': 'org-1', bappeda: 'org-2' };
const resolve = (s: string): string | null => orgs[s.trim().toLowerCase()] ?? null;

test('a good row becomes an application input', () => {
  const r = validateApplicationRow(2, { name: 'NTB Care', category: 'Layanan Publik', scope: 'umum', owner: 'Dinas Kominfotik', url: 'https://ntbcare.ntbprov.go.id', hostedInDataCentre: 'ya', integratedSimantra: 'tidak', status: 'aktif' }, resolve);
  assert.deepEqual(r.errors, []);
  assert.equal(r.value!.category, 'public_service');
  assert.equal(r.value!.ownerOrganisationId, 'org-1');
  assert.equal(r.value!.hostedInDataCentre, true);
  assert.equal(r.value!.integratedSimantra, false);
});

test('every bad cell of a row is reported with row number and column', () => {
  const r = validateApplicationRow(7, { name: '', category: 'Game', scope: 'x', owner: 'Dinas Tidak Ada', url: 'ftp://x', hostedInDataCentre: 'mungkin', status: 'hilang' }, resolve);
  assert.equal(r.value, null);
  assert.deepEqual(r.errors.map((e) => e.column), ['Nama Aplikasi', 'Kategori', 'Umum/Khusus', 'Pemilik (OPD)', 'URL', 'Di Pusat Data Provinsi', 'Status']);
  assert.ok(r.errors.every((e) => e.row === 7));
  assert.match(r.errors[3].message.en, /"Dinas Tidak Ada" is not in the organisation registry/);
});

test('categories accept the seven names of §3.2.3 in either language', () => {
  assert.equal(parseCategory('Situs Web'), 'website');
  assert.equal(parseCategory('manajemen kepegawaian'), 'personnel');
  assert.equal(parseCategory('Financial management'), 'finance');
  assert.equal(parseCategory('Administrasi Legislasi'), 'legislation');
  assert.equal(parseCategory('x'), null);
});

test('export → import round trip; missing required columns are reported', async () => {
  const buf = await applicationsToXlsx([{ name: 'e-Planning', category: 'development_mgmt', scope: 'umum', owner: 'Bappeda', url: null, hostedInDataCentre: true, integratedSimantra: true, status: 'active', description: 'x' }]);
  const { rows, error } = await readApplicationSheet(buf);
  assert.equal(error, null);
  assert.equal(rows.length, 1);
  const v = validateApplicationRow(rows[0].row, rows[0].cells, resolve);
  assert.deepEqual(v.errors, []);
  assert.equal(v.value!.ownerOrganisationId, 'org-2');
  assert.equal(v.value!.status, 'active');
  const bad = await readApplicationSheet(Buffer.from('nope'));
  assert.match(bad.error!.message.en, /not a valid XLSX/);
});
