/**
 * The 2018 SPBE evaluation of the Province of NTB (PANRB, announced 28 March 2019), per-indicator maturity
 * levels as seed 004 §3.3 lists them. Only the levels are stored: the published index 2.95 (Baik), the
 * domain indices 2.71 / 2.57 / 3.21 and the aspect indices 3.00 / 2.50 / 2.00 / 3.00 / 2.67 / 3.43 / 2.83
 * must come out of the computation (test/modules/spbe/index-calc.test.ts).
 */
import type { LevelEntry } from '../index-calc.ts';

export const evaluation2018 = {
  year: 2018,
  framework: 'permenpanrb-5-2018',
  title: 'Evaluasi SPBE Pemerintah Provinsi NTB Tahun 2018',
  source: 'Seed 004 §3.3 — Hasil Evaluasi SPBE (Kementerian PANRB, diumumkan 28 Maret 2019)',
  /** published figures, for tests and for the record — never used to display the index */
  published: {
    index: 2.95,
    predicate: 'Baik',
    domains: { D1: 2.71, D2: 2.57, D3: 3.21 },
    aspects: { A1: 3.0, A2: 2.5, A3: 2.0, A4: 3.0, A5: 2.67, A6: 3.43, A7: 2.83 },
  },
  levels: [
    { indicator: '1', level: 3 },
    { indicator: '2', level: 2 },
    { indicator: '3', level: 3 },
    { indicator: '4', level: 3 },
    { indicator: '5', level: 3 },
    { indicator: '6', level: 3 },
    { indicator: '7', level: 4 },
    { indicator: '8', level: 1 },
    { indicator: '9', level: 1 },
    { indicator: '10', level: 3 },
    { indicator: '11', level: 3 },
    { indicator: '12', level: 3 },
    { indicator: '13', level: 4 },
    { indicator: '14', level: 3 },
    { indicator: '15', level: 3 },
    { indicator: '16', level: 1 },
    { indicator: '17', level: 3 },
    { indicator: '18', level: 2 },
    { indicator: '19', level: 2 },
    { indicator: '20', level: 3 },
    { indicator: '21', level: 3 },
    { indicator: '22', level: 3 },
    { indicator: '23', level: 2 },
    { indicator: '24', level: 3 },
    { indicator: '25', level: 2 },
    { indicator: '26', level: 3 },
    { indicator: '27', level: 4 },
    { indicator: '28', level: 4 },
    { indicator: '29', level: 4 },
    { indicator: '30', level: 3 },
    { indicator: '31', level: 4 },
    { indicator: '32', level: 4 },
    { indicator: '33', level: 3 },
    { indicator: '34', level: 1 },
    { indicator: '35', level: 3, service: 'Sistem Informasi Pelayanan Elektronik Perizinan Terpadu (SIPEPADU)' },
    { indicator: '35', level: 3, service: 'Kampung Media' },
    { indicator: '35', level: 3, service: 'e-Samsat' },
  ] satisfies LevelEntry[],
  /** entry labels as the seed numbers them */
  entryLabels: { 'Sistem Informasi Pelayanan Elektronik Perizinan Terpadu (SIPEPADU)': '35-1', 'Kampung Media': '35-2', 'e-Samsat': '35-3' } as Record<string, string>,
  /** RPJMD target: index 4.2 ("Memuaskan") by 2023 (§4.2) */
  target: { index: 4.2, year: 2023 },
};
