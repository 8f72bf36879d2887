/**
 * PermenPANRB 5/2018 (Pedoman Evaluasi SPBE) exactly as seed 004 §2.4.3 gives it:
 * Tabel 1 (domains, aspects, 35 indicators), Tabel 2–3 (level descriptors), Tabel 4 (weights),
 * Tabel 5 (predicates). Indicator 35 is assessed per public service (§3.3: 35-1, 35-2, 35-3).
 */
import type { Framework, FrameworkIndicator } from '../framework.ts';

const names: Array<[number, string, string]> = [
  // [number, aspect, name]
  [1, 'A1', 'Kebijakan Internal Tim Pengarah SPBE Instansi Pemerintah'],
  [2, 'A1', 'Kebijakan Internal Inovasi Proses Bisnis Terintegrasi'],
  [3, 'A1', 'Kebijakan Internal Rencana Induk SPBE Instansi Pemerintah'],
  [4, 'A1', 'Kebijakan Internal Anggaran dan Belanja TIK'],
  [5, 'A1', 'Kebijakan Internal Pengoperasian Pusat Data'],
  [6, 'A1', 'Kebijakan Internal Integrasi Sistem Aplikasi'],
  [7, 'A1', 'Kebijakan Internal Penggunaan Aplikasi Umum Berbagi Pakai'],
  [8, 'A2', 'Kebijakan Internal Layanan Naskah Dinas'],
  [9, 'A2', 'Kebijakan Internal Layanan Manajemen Kepegawaian'],
  [10, 'A2', 'Kebijakan Internal Layanan Manajemen Perencanaan dan Penganggaran'],
  [11, 'A2', 'Kebijakan Internal Layanan Manajemen Keuangan'],
  [12, 'A2', 'Kebijakan Internal Layanan Manajemen Kinerja'],
  [13, 'A2', 'Kebijakan Internal Layanan Pengadaan'],
  [14, 'A2', 'Kebijakan Internal Layanan Pengaduan Publik'],
  [15, 'A2', 'Kebijakan Internal Layanan Dokumentasi dan Informasi Hukum'],
  [16, 'A2', 'Kebijakan Internal Layanan Whistle Blowing System'],
  [17, 'A2', 'Kebijakan Internal Layanan Publik Instansi Pemerintah'],
  [18, 'A3', 'Tim Pengarah SPBE Instansi Pemerintah'],
  [19, 'A3', 'Inovasi Proses Bisnis Terintegrasi'],
  [20, 'A4', 'Rencana Induk SPBE Instansi Pemerintah'],
  [21, 'A4', 'Anggaran dan Belanja TIK'],
  [22, 'A5', 'Pengoperasian Pusat Data'],
  [23, 'A5', 'Integrasi Sistem Aplikasi'],
  [24, 'A5', 'Penggunaan Aplikasi Umum Berbagi Pakai'],
  [25, 'A6', 'Layanan Naskah Dinas'],
  [26, 'A6', 'Layanan Manajemen Kepegawaian'],
  [27, 'A6', 'Layanan Manajemen Perencanaan'],
  [28, 'A6', 'Layanan Manajemen Penganggaran'],
  [29, 'A6', 'Layanan Manajemen Keuangan'],
  [30, 'A6', 'Layanan Manajemen Kinerja'],
  [31, 'A6', 'Layanan Pengadaan'],
  [32, 'A7', 'Layanan Pengaduan Publik'],
  [33, 'A7', 'Layanan Dokumentasi dan Informasi Hukum'],
  [34, 'A7', 'Layanan Whistle Blowing System'],
  [35, 'A7', 'Layanan Publik Instansi Pemerintah'],
];

/** Domains 1–2 (Kebijakan Internal, Tata Kelola) use process capability; domain 3 (Layanan) technical function. */
const technicalAspects = new Set(['A6', 'A7']);

const indicators: FrameworkIndicator[] = names.map(([number, aspect, name]) => ({
  code: String(number),
  aspect,
  number,
  name,
  type: technicalAspects.has(aspect) ? 'technical' : 'process',
  ...(number === 35 ? { perService: true } : {}),
}));

export const permenpanrb5of2018: Framework = {
  code: 'permenpanrb-5-2018',
  name: 'Evaluasi SPBE — PermenPANRB 5/2018',
  regulation: 'Peraturan Menteri PANRB Nomor 5 Tahun 2018 tentang Pedoman Evaluasi Sistem Pemerintahan Berbasis Elektronik',
  version: '2018',
  maxLevel: 5,
  levelScales: {
    process: [
      { level: 1, name: 'Rintisan', description: 'Proses tata kelola dilaksanakan sewaktu-waktu, tidak terorganisasi dengan baik, tanpa pemantauan, dan hasil tidak terprediksi. Kebijakan internal belum tersedia atau masih berbentuk konsep.' },
      { level: 2, name: 'Terkelola', description: 'Proses tata kelola dilaksanakan dengan dasar-dasar manajemen yang telah didefinisikan dan didokumentasikan, dilaksanakan berdasarkan standar masing-masing unit organisasi. Kebijakan internal telah dilegalisasi, namun pengaturannya bersifat parsial atau sektoral.' },
      { level: 3, name: 'Terstandardisasi', description: 'Proses tata kelola dilaksanakan sepenuhnya dengan standardisasi oleh semua unit organisasi terkait. Kebijakan internal telah mengatur standar proses tata kelola bagi semua unit organisasi terkait, tetapi belum mengatur keselarasan antar proses tata kelola.' },
      { level: 4, name: 'Terintegrasi dan Terukur', description: 'Proses tata kelola dilaksanakan terintegrasi dengan proses tata kelola lain dan terukur kinerjanya secara kuantitatif. Kebijakan internal telah mengatur integrasi antar proses tata kelola dan mekanisme pengukuran kinerja proses tata kelola tersebut.' },
      { level: 5, name: 'Optimum', description: 'Proses tata kelola dilaksanakan dengan peningkatan kualitas secara berkesinambungan. Kebijakan internal telah mengatur mekanisme evaluasi berkelanjutan dan manajemen perubahan.' },
    ],
    technical: [
      { level: 1, name: 'Informasi', description: 'Layanan SPBE diberikan dalam bentuk informasi satu arah.' },
      { level: 2, name: 'Interaksi', description: 'Layanan SPBE diberikan dalam bentuk interaksi dua arah.' },
      { level: 3, name: 'Transaksi', description: 'Layanan SPBE diberikan melalui pertukaran informasi dan layanan.' },
      { level: 4, name: 'Kolaborasi', description: 'Layanan SPBE diberikan melalui integrasi dengan layanan SPBE lain.' },
      { level: 5, name: 'Optimalisasi', description: 'Layanan SPBE dapat beradaptasi terhadap perubahan kebutuhan di lingkungan internal dan eksternal.' },
    ],
  },
  domains: [
    { code: 'D1', name: 'Kebijakan Internal SPBE', weight: 17 },
    { code: 'D2', name: 'Tata Kelola SPBE', weight: 28 },
    { code: 'D3', name: 'Layanan SPBE', weight: 55 },
  ],
  aspects: [
    { code: 'A1', domain: 'D1', name: 'Kebijakan Internal Tata Kelola SPBE', weight: 7 },
    { code: 'A2', domain: 'D1', name: 'Kebijakan Internal Layanan SPBE', weight: 10 },
    { code: 'A3', domain: 'D2', name: 'Kelembagaan', weight: 8 },
    { code: 'A4', domain: 'D2', name: 'Strategi dan Perencanaan', weight: 8 },
    { code: 'A5', domain: 'D2', name: 'Teknologi Informasi dan Komunikasi', weight: 12 },
    { code: 'A6', domain: 'D3', name: 'Layanan Administrasi Pemerintahan Berbasis Elektronik', weight: 35 },
    { code: 'A7', domain: 'D3', name: 'Layanan Publik Berbasis Elektronik', weight: 20 },
  ],
  indicators,
  predicates: [
    { min: 4.2, max: 5, name: 'Memuaskan', nameEn: 'Satisfactory' },
    { min: 3.5, max: 4.2, name: 'Sangat Baik', nameEn: 'Very good' },
    { min: 2.6, max: 3.5, name: 'Baik', nameEn: 'Good' },
    { min: 1.8, max: 2.6, name: 'Cukup', nameEn: 'Fair' },
    { min: 0, max: 1.8, name: 'Kurang', nameEn: 'Poor' },
  ],
};
