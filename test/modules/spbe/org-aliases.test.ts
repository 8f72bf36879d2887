import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitOrganisations } from '../../../src/modules/spbe/org-aliases.ts';

test('responsible organisations as written are split into known organisations', () => {
  assert.deepEqual(splitOrganisations('Dinas Kominfotik Biro Organisasi Biro Hukum Biro APP Bappeda BPKAD BKD', []), ['dinas kominfotik', 'biro organisasi', 'biro hukum', 'biro app', 'bappeda', 'bpkad', 'bkd']);
  assert.deepEqual(splitOrganisations('Dinas Kominfotik, Bappeda, BPKAD', []), ['dinas kominfotik', 'bappeda', 'bpkad']);
  assert.deepEqual(splitOrganisations('BKD, Dinas Kominfo', []), ['bkd', 'dinas kominfo']);
  assert.deepEqual(splitOrganisations('Koperasi, Usaha Kecil dan Menengah', []), ['koperasi, usaha kecil dan menengah']);
  assert.deepEqual(splitOrganisations('Dinas Sosial', ['Dinas Sosial']), ['dinas sosial']);
  assert.deepEqual(splitOrganisations('Kantor Tak Dikenal', []), []);
});

import { internalEvidenceFor, isDataRef, dataRefHref } from '../../../src/modules/spbe/internal-evidence.ts';

test('indicators are offered the platform services that evidence them', () => {
  assert.deepEqual(internalEvidenceFor('Layanan Pengaduan Publik').map((e) => e.url), ['/pengaduan']);
  assert.deepEqual(internalEvidenceFor('Tingkat Kematangan Layanan Data Terbuka').map((e) => e.url), ['/data']);
  assert.deepEqual(internalEvidenceFor('Layanan Whistle Blowing System').map((e) => e.url), ['/pengaduan']);
  assert.deepEqual(internalEvidenceFor('Inovasi Proses Bisnis Terintegrasi').map((e) => e.url), ['/spbe/arsitektur']);
  assert.deepEqual(internalEvidenceFor('Layanan Manajemen Kinerja'), []);
});

test('data references: slugs, platform paths and http(s) links only', () => {
  for (const ok of ['indeks-spbe', 'daftar-data/2021', '/data/indeks-spbe', 'https://data.ntbprov.go.id/dataset/x']) assert.equal(isDataRef(ok), true, ok);
  for (const bad of ['javascript:alert(1)', '//evil.example', 'a b', 'data:text/html,x', '']) assert.equal(isDataRef(bad), false, bad);
  assert.equal(dataRefHref('indeks-spbe'), '/data/indeks-spbe');
  assert.equal(dataRefHref('/data/x'), '/data/x');
});
