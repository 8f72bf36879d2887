import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { redact, redactPersonalData } from '../../../src/modules/care/redact.ts';

const P = '[nomor telepon disembunyikan]';
const E = '[email disembunyikan]';
const N = '[NIK disembunyikan]';

describe('phone numbers', () => {
  const cases: Array<[string, string]> = [
    ['Hubungi 081234567890 ya', `Hubungi ${P} ya`],
    ['Hubungi 0812-3456-7890.', `Hubungi ${P}.`],
    ['wa 0812 3456 789', `wa ${P}`],
    ['no +6281234567890', `no ${P}`],
    ['no +62 812-3456-7890', `no ${P}`],
    ['no 62 812 3456 7890', `no ${P}`],
    ['no (+62)81234567890', `no ${P}`],
    ['no 62.812.3456.7890', `no ${P}`],
    ['kantor (0370) 631234', `kantor ${P}`],
    ['kantor 0370-631234', `kantor ${P}`],
    ['kantor +62 370 631234', `kantor ${P}`],
    ['telp 021 5551234', `telp ${P}`],
  ];
  for (const [input, out] of cases) test(input, () => assert.equal(redact(input), out));
});

describe('e-mail addresses', () => {
  test('plain and obfuscated', () => {
    assert.equal(redact('kirim ke warga.ntb+care@contoh.co.id segera'), `kirim ke ${E} segera`);
    assert.equal(redact('kirim ke warga [at] contoh [dot] com'), `kirim ke ${E}`);
    assert.equal(redact('Email: A.B@EXAMPLE.ORG'), `Email: ${E}`);
  });
});

describe('NIK (16 digits)', () => {
  test('plain, grouped and next to punctuation', () => {
    assert.equal(redact('NIK 5271012345678901'), `NIK ${N}`);
    assert.equal(redact('NIK: 5271 0123 4567 8901,'), `NIK: ${N},`);
    assert.equal(redact('KK 527101.234567.8901'), `KK ${N}`);
  });
  test('a NIK is not mistaken for a phone number', () => {
    const r = redactPersonalData('nik 0812345678901234');
    assert.deepEqual(r.counts, { nik: 1, phone: 0, email: 0 });
  });
});

describe('left alone', () => {
  const keep = [
    'Biaya Rp 1.500.000 dibayar 12-03-2026',
    'Tahun 2025 dan 2026, jalan nomor 17',
    'Kode pos 83125, RT 003/RW 004',
    'Ada 17 digit 52710123456789012 bukan NIK',
    'Nomor surat 800/123/DISKOMINFOTIK/2026',
    'Jam 08.30 sampai 16.00',
    'Koordinat -8.5833, 116.1167',
  ];
  for (const s of keep) test(s, () => assert.equal(redact(s), s));
});

test('counts everything and uses custom labels', () => {
  const r = redactPersonalData('a@b.id, 081234567890 dan 5271012345678901', { nik: '<nik>', phone: '<tel>', email: '<mail>' });
  assert.equal(r.text, '<mail>, <tel> dan <nik>');
  assert.deepEqual(r.counts, { nik: 1, phone: 1, email: 1 });
});
