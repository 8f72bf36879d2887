/**
 * Demonstration content for Satu Data NTB, taken from the seed documents (figures as printed,
 * with the seed's own inconsistencies noted, never silently fixed). Every dataset is labelled as
 * demonstration content. No personal names: producers and contacts are organisations and roles.
 *
 * CSV text is written the way Indonesian agencies export it (semicolon, `1.053,92`), so seeding
 * exercises the same ingestion pipeline as an upload.
 */
import type { WorkflowState } from '../dataset-workflow.ts';

export type Sector = 'sosial' | 'ekonomi' | 'infrastruktur';
export type Frequency = 'tahunan' | 'semesteran' | 'triwulanan' | 'bulanan' | 'sekali';
export type DisaggregationLevel = 'provinsi' | 'kabupaten_kota' | 'kecamatan' | 'desa';

/** BPS indicator metadata (MS-Ind). */
export interface IndicatorMetadata {
  concept: string;
  definition: string;
  interpretation?: string;
  method?: string;
  unit?: string;
  classification?: string;
}

/** BPS activity metadata (MS-Keg) of the producing activity. */
export interface ActivityMetadata {
  activity: string;
  method?: string;
  period?: string;
}

export interface DemoDataset {
  slug: string;
  title: string;
  description: string;
  /** Producer organisation slug in the core organisation registry (seed 004 §3.2). */
  organisation: string;
  sector: Sector;
  topic: string;
  tags: string[];
  frequency: Frequency;
  level: DisaggregationLevel;
  temporalStart: string;
  temporalEnd: string;
  /** Kemendagri region codes covered. */
  regions: string[];
  contactRole: string;
  source: string;
  notes?: string;
  msInd?: IndicatorMetadata;
  msKeg?: ActivityMetadata;
  /** Data dictionary additions by column title: description and unit (MS-Var). */
  columns: Record<string, { description: string; unit?: string }>;
  /** Corrections to the inferred schema, by column title (what a producer would edit). */
  schemaOverrides?: Record<string, { type: 'string' | 'integer' | 'number' }>;
  resource: { name: string; filename: string; csv: string };
  /** Data-list item this dataset fulfils (matched by name in the demo data list). */
  dataListItem?: string;
  state: WorkflowState;
}

export const DEMO_LABEL = {
  id: 'Konten demonstrasi — angka dari dokumen sumber, bukan rilis resmi.',
  en: 'Demonstration content — figures from the source documents, not an official release.',
};


function csv(lines: string[]): string {
  return lines.join('\r\n') + '\r\n';
}

export const DEMO_DATASETS: DemoDataset[] = [
  {
    slug: 'jumlah-kecamatan-desa-dan-luas-wilayah-kabupaten-kota',
    title: 'Jumlah Kecamatan, Desa/Kelurahan dan Luas Wilayah menurut Kabupaten/Kota',
    description:
      'Jumlah kecamatan, desa/kelurahan dan luas wilayah (km²) di 8 kabupaten dan 2 kota Provinsi Nusa Tenggara Barat: 116 kecamatan dan 1.146 desa/kelurahan.',
    organisation: 'diskominfotik',
    sector: 'infrastruktur',
    topic: 'Wilayah Administrasi',
    tags: ['wilayah', 'kecamatan', 'desa', 'luas wilayah', 'kabupaten/kota'],
    frequency: 'tahunan',
    level: 'kabupaten_kota',
    temporalStart: '2019-01-01',
    temporalEnd: '2019-12-31',
    regions: ['52', '52.01', '52.02', '52.03', '52.04', '52.05', '52.06', '52.07', '52.08', '52.71', '52.72'],
    contactRole: 'Walidata, Bidang Statistik Diskominfotik',
    source: 'Rencana Induk SPBE Provinsi NTB (Pergub 55/2019), Tabel 3.1',
    notes:
      'Sumber mencetak luas Kabupaten Sumbawa sebagai "6,643,98"; di sini ditulis 6.643,98. Jumlah luas yang dicetak di sumber (20.153,15 km²) berbeda 0,05 km² dari penjumlahan baris (20.153,20 km²); baris jumlah tidak dimuat karena dapat dihitung.',
    msInd: {
      concept: 'Wilayah administrasi pemerintahan',
      definition: 'Banyaknya kecamatan dan desa/kelurahan serta luas daratan setiap kabupaten/kota.',
      unit: 'kecamatan; desa/kelurahan; km²',
      classification: 'Kode wilayah Kemendagri',
    },
    columns: {
      'Kode Wilayah': { description: 'Kode wilayah Kemendagri kabupaten/kota' },
      'Kabupaten/Kota': { description: 'Nama kabupaten/kota' },
      'Jumlah Kecamatan': { description: 'Banyaknya kecamatan', unit: 'kecamatan' },
      'Jumlah Desa/Kelurahan': { description: 'Banyaknya desa dan kelurahan', unit: 'desa/kelurahan' },
      'Luas Wilayah (Km²)': { description: 'Luas daratan', unit: 'km²' },
    },
    resource: {
      name: 'Tabel 3.1 Jumlah Kecamatan, Desa/Kelurahan dan Luas Wilayah',
      filename: 'tabel-3-1-wilayah-administrasi.csv',
      csv: csv([
        'Kode Wilayah;Kabupaten/Kota;Jumlah Kecamatan;Jumlah Desa/Kelurahan;Luas Wilayah (Km²)',
        '52.01;Lombok Barat;10;122;1.053,92',
        '52.02;Lombok Tengah;12;139;1.208,40',
        '52.03;Lombok Timur;20;254;1.605,55',
        '52.08;Lombok Utara;5;33;809,53',
        '52.04;Sumbawa;24;166;6.643,98',
        '52.05;Dompu;8;81;2.324,60',
        '52.06;Bima;18;198;4.389,40',
        '52.07;Sumbawa Barat;8;65;1.849,02',
        '52.71;Kota Mataram;6;50;61,30',
        '52.72;Kota Bima;5;38;207,50',
      ]),
    },
    dataListItem: 'Jumlah kecamatan, desa/kelurahan dan luas wilayah',
    state: 'published',
  },
  {
    slug: 'indikator-ipm-provinsi-ntb-2013-2017',
    title: 'Perkembangan Indikator Indeks Pembangunan Manusia (IPM) Provinsi NTB 2013–2017',
    description:
      'Komponen Indeks Pembangunan Manusia Provinsi NTB per tahun: angka harapan hidup, harapan lama sekolah, rata-rata lama sekolah, pengeluaran per kapita dan IPM.',
    organisation: 'bappeda',
    sector: 'sosial',
    topic: 'Pembangunan Manusia',
    tags: ['IPM', 'pembangunan manusia', 'pendidikan', 'kesehatan', 'pengeluaran'],
    frequency: 'tahunan',
    level: 'provinsi',
    temporalStart: '2013-01-01',
    temporalEnd: '2017-12-31',
    regions: ['52'],
    contactRole: 'Produsen data, Bidang Perencanaan Sosial Budaya',
    source: 'Rencana Induk SPBE Provinsi NTB (Pergub 55/2019), Tabel 3.2; sumber asli BPS Provinsi NTB (angka 2017 sementara)',
    notes:
      'Satuan pengeluaran per kapita dicetak di sumber sebagai "ribu rupiah"; besaran angkanya (8,95–9,88) sesuai dengan juta rupiah per tahun. Angka 2017 adalah angka sementara.',
    msInd: {
      concept: 'Indeks Pembangunan Manusia (metode baru BPS)',
      definition: 'Indeks komposit dari dimensi umur panjang dan hidup sehat, pengetahuan, dan standar hidup layak.',
      interpretation: 'Semakin tinggi nilai IPM, semakin baik capaian pembangunan manusia.',
      method: 'Rata-rata geometrik indeks kesehatan, indeks pendidikan dan indeks pengeluaran.',
      unit: 'indeks (0–100)',
      classification: 'Tinggi ≥ 70; sedang 60–70; rendah < 60',
    },
    msKeg: { activity: 'Survei Sosial Ekonomi Nasional (Susenas)', method: 'Survei rumah tangga', period: 'tahunan' },
    columns: {
      Tahun: { description: 'Tahun data' },
      'Angka Harapan Hidup (Tahun)': { description: 'Angka harapan hidup saat lahir', unit: 'tahun' },
      'Harapan Lama Sekolah (Tahun)': { description: 'Lamanya sekolah yang diharapkan dirasakan anak umur 7 tahun', unit: 'tahun' },
      'Rata-rata Lama Sekolah (Tahun)': { description: 'Rata-rata lamanya penduduk 25 tahun ke atas bersekolah', unit: 'tahun' },
      'Pengeluaran Per Kapita': { description: 'Pengeluaran per kapita disesuaikan (satuan sebagaimana dicetak: ribu rupiah)', unit: 'ribu rupiah (sumber)' },
      IPM: { description: 'Indeks Pembangunan Manusia', unit: 'indeks' },
    },
    resource: {
      name: 'Tabel 3.2 Perkembangan Indikator IPM 2013–2017',
      filename: 'tabel-3-2-ipm-2013-2017.csv',
      csv: csv([
        'Tahun;Angka Harapan Hidup (Tahun);Harapan Lama Sekolah (Tahun);Rata-rata Lama Sekolah (Tahun);Pengeluaran Per Kapita;IPM',
        '2013;64,7;12,5;6,54;8,95;63,8',
        '2014;64,9;12,7;6,67;8,99;64,3',
        '2015;65,4;13;6,71;9,24;65,2',
        '2016;65,5;13,2;6,79;9,58;65,8',
        '2017;65,6;13,5;6,9;9,88;66,6',
      ]),
    },
    dataListItem: 'Indeks Pembangunan Manusia',
    state: 'published',
  },
  {
    slug: 'jumlah-penduduk-provinsi-ntb-2017',
    title: 'Jumlah Penduduk Provinsi NTB Tahun 2017 menurut Jenis Kelamin dan Pulau',
    description: 'Jumlah penduduk Provinsi NTB hasil Survei Sosial Ekonomi Nasional 2017: 4.955.578 jiwa, menurut jenis kelamin dan menurut pulau.',
    organisation: 'diskominfotik',
    sector: 'sosial',
    topic: 'Kependudukan',
    tags: ['penduduk', 'kependudukan', 'jenis kelamin', 'Lombok', 'Sumbawa'],
    frequency: 'tahunan',
    level: 'provinsi',
    temporalStart: '2017-01-01',
    temporalEnd: '2017-12-31',
    regions: ['52'],
    contactRole: 'Walidata, Bidang Statistik Diskominfotik',
    source: 'Rencana Induk SPBE Provinsi NTB (Pergub 55/2019), §3.1 (Susenas 2017)',
    notes: 'Menurut sumber, penjumlahan per pulau (3.474.274 + 1.481.331 = 4.955.605) berselisih 27 jiwa dari total 4.955.578; kedua angka dimuat sebagaimana dicetak.',
    msKeg: { activity: 'Survei Sosial Ekonomi Nasional (Susenas) 2017', method: 'Survei rumah tangga', period: '2017' },
    columns: {
      Rincian: { description: 'Dasar pengelompokan' },
      Kategori: { description: 'Kelompok penduduk' },
      'Jumlah Penduduk (Jiwa)': { description: 'Banyaknya penduduk', unit: 'jiwa' },
    },
    resource: {
      name: 'Jumlah penduduk 2017',
      filename: 'penduduk-ntb-2017.csv',
      csv: csv([
        'Rincian;Kategori;Jumlah Penduduk (Jiwa)',
        'Total;Provinsi NTB;4.955.578',
        'Jenis kelamin;Laki-laki;2.405.080',
        'Jenis kelamin;Perempuan;2.550.498',
        'Pulau;Pulau Lombok;3.474.274',
        'Pulau;Pulau Sumbawa;1.481.331',
      ]),
    },
    dataListItem: 'Jumlah penduduk menurut jenis kelamin',
    state: 'published',
  },
  {
    slug: 'hasil-evaluasi-spbe-provinsi-ntb-2018',
    title: 'Hasil Evaluasi SPBE Provinsi NTB Tahun 2018 per Indikator',
    description:
      'Nilai tingkat kematangan 35 indikator Sistem Pemerintahan Berbasis Elektronik (indikator 35 dinilai per layanan publik) pada evaluasi Kementerian PANRB 2018. Indeks SPBE: 2,95 (Baik).',
    organisation: 'diskominfotik',
    sector: 'infrastruktur',
    topic: 'Pemerintahan Digital',
    tags: ['SPBE', 'e-government', 'evaluasi', 'indeks', 'tingkat kematangan'],
    frequency: 'tahunan',
    level: 'provinsi',
    temporalStart: '2018-01-01',
    temporalEnd: '2018-12-31',
    regions: ['52'],
    contactRole: 'Pengelola e-Government, Diskominfotik',
    source: 'Rencana Induk SPBE Provinsi NTB (Pergub 55/2019), §3.3',
    schemaOverrides: { Indikator: { type: 'string' } },
    msInd: {
      concept: 'Tingkat kematangan SPBE (PermenPANRB 5/2018)',
      definition: 'Nilai tingkat kematangan 1–5 setiap indikator SPBE.',
      interpretation: 'Indeks 2,6–<3,5 berpredikat Baik.',
      unit: 'tingkat (1–5)',
    },
    columns: {
      Indikator: { description: 'Nomor indikator (35-n: layanan publik ke-n)' },
      'Nama Indikator': { description: 'Nama indikator' },
      Domain: { description: 'Domain penilaian' },
      Aspek: { description: 'Aspek penilaian' },
      'Nilai Kematangan': { description: 'Tingkat kematangan', unit: 'tingkat' },
    },
    resource: {
      name: 'Nilai tingkat kematangan indikator SPBE 2018',
      filename: 'evaluasi-spbe-2018.csv',
      csv: csv([
        'Indikator;Nama Indikator;Domain;Aspek;Nilai Kematangan',
        ...[
          ['1', 'Kebijakan Internal Tim Pengarah SPBE Instansi Pemerintah', 3],
          ['2', 'Kebijakan Internal Inovasi Proses Bisnis Terintegrasi', 2],
          ['3', 'Kebijakan Internal Rencana Induk SPBE Instansi Pemerintah', 3],
          ['4', 'Kebijakan Internal Anggaran dan Belanja TIK', 3],
          ['5', 'Kebijakan Internal Pengoperasian Pusat Data', 3],
          ['6', 'Kebijakan Internal Integrasi Sistem Aplikasi', 3],
          ['7', 'Kebijakan Internal Penggunaan Aplikasi Umum Berbagi Pakai', 4],
        ].map(([n, name, v]) => `${n};${name};Kebijakan Internal SPBE;Kebijakan Tata Kelola SPBE;${v}`),
        ...[
          ['8', 'Kebijakan Internal Layanan Naskah Dinas', 1],
          ['9', 'Kebijakan Internal Layanan Manajemen Kepegawaian', 1],
          ['10', 'Kebijakan Internal Layanan Manajemen Perencanaan dan Penganggaran', 3],
          ['11', 'Kebijakan Internal Layanan Manajemen Keuangan', 3],
          ['12', 'Kebijakan Internal Layanan Manajemen Kinerja', 3],
          ['13', 'Kebijakan Internal Layanan Pengadaan', 4],
          ['14', 'Kebijakan Internal Layanan Pengaduan Publik', 3],
          ['15', 'Kebijakan Internal Layanan Dokumentasi dan Informasi Hukum', 3],
          ['16', 'Kebijakan Internal Layanan Whistle Blowing System', 1],
          ['17', 'Kebijakan Internal Layanan Publik Instansi Pemerintah', 3],
        ].map(([n, name, v]) => `${n};${name};Kebijakan Internal SPBE;Kebijakan Layanan SPBE;${v}`),
        '18;Tim Pengarah SPBE Instansi Pemerintah;Tata Kelola SPBE;Kelembagaan;2',
        '19;Inovasi Proses Bisnis Terintegrasi;Tata Kelola SPBE;Kelembagaan;2',
        '20;Rencana Induk SPBE Instansi Pemerintah;Tata Kelola SPBE;Strategi dan Perencanaan;3',
        '21;Anggaran dan Belanja TIK;Tata Kelola SPBE;Strategi dan Perencanaan;3',
        '22;Pengoperasian Pusat Data;Tata Kelola SPBE;Teknologi Informasi dan Komunikasi;3',
        '23;Integrasi Sistem Aplikasi;Tata Kelola SPBE;Teknologi Informasi dan Komunikasi;2',
        '24;Penggunaan Aplikasi Umum Berbagi Pakai;Tata Kelola SPBE;Teknologi Informasi dan Komunikasi;3',
        ...[
          ['25', 'Layanan Naskah Dinas', 2],
          ['26', 'Layanan Manajemen Kepegawaian', 3],
          ['27', 'Layanan Manajemen Perencanaan', 4],
          ['28', 'Layanan Manajemen Penganggaran', 4],
          ['29', 'Layanan Manajemen Keuangan', 4],
          ['30', 'Layanan Manajemen Kinerja', 3],
          ['31', 'Layanan Pengadaan', 4],
        ].map(([n, name, v]) => `${n};${name};Layanan SPBE;Layanan Administrasi Pemerintahan;${v}`),
        ...[
          ['32', 'Layanan Pengaduan Publik', 4],
          ['33', 'Layanan Dokumentasi dan Informasi Hukum', 3],
          ['34', 'Layanan Whistle Blowing System', 1],
          ['35-1', 'Sistem Informasi Pelayanan Elektronik Perizinan Terpadu', 3],
          ['35-2', 'Kampung Media', 3],
          ['35-3', 'e-Samsat', 3],
        ].map(([n, name, v]) => `${n};${name};Layanan SPBE;Layanan Publik;${v}`),
      ]),
    },
    state: 'published',
  },
  {
    slug: 'rekapitulasi-pengaduan-ntb-care-2020-2021',
    title: 'Rekapitulasi Pengaduan Masyarakat NTB Care Januari 2020 – Juli 2021',
    description: 'Jumlah pengaduan masyarakat yang masuk melalui NTB Care dan yang telah ditindaklanjuti oleh perangkat daerah dan kabupaten/kota, Januari 2020 hingga Juli 2021.',
    organisation: 'diskominfotik',
    sector: 'sosial',
    topic: 'Pelayanan Publik',
    tags: ['NTB Care', 'pengaduan', 'tindak lanjut', 'pelayanan publik'],
    frequency: 'semesteran',
    level: 'provinsi',
    temporalStart: '2020-01-01',
    temporalEnd: '2021-07-31',
    regions: ['52'],
    contactRole: 'Admin NTB Care, Bidang Persandian dan Keamanan Informasi Diskominfotik',
    source: 'Komitmen OGP Lokal NTB: Peningkatan Kualitas Penyelesaian Pengaduan Publik melalui NTB Care',
    notes: 'Persentase dihitung dari angka sumber (374 dari 717 = 52,16%); sumber menyebut "sekitar 52%".',
    columns: {
      Periode: { description: 'Periode pencatatan' },
      'Tanggal Awal': { description: 'Awal periode' },
      'Tanggal Akhir': { description: 'Akhir periode' },
      'Pengaduan Masuk': { description: 'Pengaduan yang diterima', unit: 'pengaduan' },
      'Pengaduan Ditindaklanjuti': { description: 'Pengaduan yang sudah ditindaklanjuti', unit: 'pengaduan' },
      'Persentase Ditindaklanjuti': { description: 'Pengaduan ditindaklanjuti dibagi pengaduan masuk', unit: '%' },
    },
    resource: {
      name: 'Rekapitulasi pengaduan NTB Care 2020–2021',
      filename: 'ntb-care-2020-2021.csv',
      csv: csv([
        'Periode;Tanggal Awal;Tanggal Akhir;Pengaduan Masuk;Pengaduan Ditindaklanjuti;Persentase Ditindaklanjuti',
        'Januari 2020 – Juli 2021;1 Januari 2020;31 Juli 2021;717;374;52,16%',
      ]),
    },
    state: 'published',
  },
  {
    slug: 'capaian-ntb-satu-data-2021',
    title: 'Capaian Pengumpulan dan Publikasi Data Sektoral NTB Satu Data, Juli 2021',
    description: 'Jenis data dalam Daftar Data Daerah, yang sudah terkumpul dan yang sudah terpublikasi pada portal NTB Satu Data per Juli 2021; serta jumlah dataset terpublikasi 2018–2021.',
    organisation: 'diskominfotik',
    sector: 'infrastruktur',
    topic: 'Tata Kelola Data',
    tags: ['Satu Data', 'data sektoral', 'daftar data', 'publikasi'],
    frequency: 'tahunan',
    level: 'provinsi',
    temporalStart: '2018-01-01',
    temporalEnd: '2021-07-31',
    regions: ['52'],
    contactRole: 'Walidata, Bidang Statistik Diskominfotik',
    source: 'Komitmen OGP Lokal NTB: Satu Data NTB',
    columns: {
      Ukuran: { description: 'Ukuran capaian' },
      Jumlah: { description: 'Banyaknya', unit: 'jenis data / dataset' },
      'Persentase dari Daftar Data': { description: 'Dibagi 965 jenis data', unit: '%' },
    },
    resource: {
      name: 'Capaian NTB Satu Data per Juli 2021',
      filename: 'capaian-satu-data-2021.csv',
      csv: csv([
        'Ukuran;Jumlah;Persentase dari Daftar Data',
        'Jenis data dalam Daftar Data Daerah;965;100,00%',
        'Jenis data terkumpul;910;94,30%',
        'Jenis data terpublikasi;893;92,54%',
        'Dataset terpublikasi 2018–2021;2.003;-',
      ]),
    },
    state: 'published',
  },
];

/** One item of the regional data list (Daftar Data Daerah). */
export interface DemoDataListItem {
  name: string;
  definition: string;
  organisation: string;
  sector: Sector;
  topic: string;
  unit: string;
  frequency: Frequency;
  level: DisaggregationLevel;
  priority: boolean;
  referenceCode: string;
  /** Release month (1–12) within the year. */
  releaseMonth: number;
  available: boolean;
}

/**
 * A sample Daftar Data Daerah for `year`. Reference codes marked "DEMO-" are illustrative, not
 * official Bappenas/BPS codes.
 */
export function demoDataList(year: number): DemoDataListItem[] {
  void year;
  return [
    { name: 'Jumlah kecamatan, desa/kelurahan dan luas wilayah', definition: 'Banyaknya kecamatan dan desa/kelurahan serta luas wilayah per kabupaten/kota', organisation: 'diskominfotik', sector: 'infrastruktur', topic: 'Wilayah Administrasi', unit: 'kecamatan; desa; km²', frequency: 'tahunan', level: 'kabupaten_kota', priority: true, referenceCode: 'DEMO-WIL-001', releaseMonth: 3, available: true },
    { name: 'Indeks Pembangunan Manusia', definition: 'IPM dan komponennya', organisation: 'bappeda', sector: 'sosial', topic: 'Pembangunan Manusia', unit: 'indeks', frequency: 'tahunan', level: 'kabupaten_kota', priority: true, referenceCode: 'DEMO-IPM-001', releaseMonth: 2, available: true },
    { name: 'Jumlah penduduk menurut jenis kelamin', definition: 'Banyaknya penduduk laki-laki dan perempuan', organisation: 'dinas-pmpd-dukcapil', sector: 'sosial', topic: 'Kependudukan', unit: 'jiwa', frequency: 'semesteran', level: 'kabupaten_kota', priority: true, referenceCode: 'DEMO-DUK-001', releaseMonth: 7, available: true },
    { name: 'Angka partisipasi murni SD/SMP/SMA', definition: 'Perbandingan murid usia sekolah dengan penduduk usia sekolah', organisation: 'dikbud', sector: 'sosial', topic: 'Pendidikan', unit: '%', frequency: 'tahunan', level: 'kabupaten_kota', priority: true, referenceCode: 'DEMO-PDK-004', releaseMonth: 9, available: false },
    { name: 'Jumlah fasilitas kesehatan menurut jenis', definition: 'Rumah sakit, puskesmas, pustu, polindes', organisation: 'dinas-kesehatan', sector: 'sosial', topic: 'Kesehatan', unit: 'unit', frequency: 'tahunan', level: 'kecamatan', priority: false, referenceCode: 'DEMO-KES-010', releaseMonth: 4, available: true },
    { name: 'Prevalensi balita stunting', definition: 'Persentase balita dengan tinggi badan menurut umur di bawah -2 SD', organisation: 'dinas-kesehatan', sector: 'sosial', topic: 'Kesehatan', unit: '%', frequency: 'tahunan', level: 'desa', priority: true, referenceCode: 'DEMO-KES-021', releaseMonth: 6, available: false },
    { name: 'Produksi padi menurut kabupaten/kota', definition: 'Produksi gabah kering giling', organisation: 'distanbun', sector: 'ekonomi', topic: 'Pertanian', unit: 'ton', frequency: 'tahunan', level: 'kabupaten_kota', priority: true, referenceCode: 'DEMO-TAN-002', releaseMonth: 5, available: true },
    { name: 'Populasi ternak sapi', definition: 'Jumlah ternak sapi potong', organisation: 'disnakkeswan', sector: 'ekonomi', topic: 'Peternakan', unit: 'ekor', frequency: 'tahunan', level: 'kabupaten_kota', priority: false, referenceCode: 'DEMO-TER-001', releaseMonth: 5, available: true },
    { name: 'Jumlah kunjungan wisatawan', definition: 'Wisatawan mancanegara dan nusantara', organisation: 'dinas-pariwisata', sector: 'ekonomi', topic: 'Pariwisata', unit: 'orang', frequency: 'bulanan', level: 'provinsi', priority: true, referenceCode: 'DEMO-PAR-001', releaseMonth: 1, available: true },
    { name: 'Realisasi investasi PMA dan PMDN', definition: 'Nilai realisasi penanaman modal', organisation: 'dpmptsp', sector: 'ekonomi', topic: 'Investasi', unit: 'miliar rupiah', frequency: 'triwulanan', level: 'kabupaten_kota', priority: false, referenceCode: 'DEMO-INV-001', releaseMonth: 4, available: false },
    { name: 'Panjang jalan provinsi menurut kondisi', definition: 'Panjang jalan kewenangan provinsi: baik, sedang, rusak, rusak berat', organisation: 'dinas-pupr', sector: 'infrastruktur', topic: 'Jalan', unit: 'km', frequency: 'tahunan', level: 'kabupaten_kota', priority: true, referenceCode: 'DEMO-PUR-003', releaseMonth: 3, available: true },
    { name: 'Rasio elektrifikasi', definition: 'Rumah tangga berlistrik dibagi seluruh rumah tangga', organisation: 'dinas-esdm', sector: 'infrastruktur', topic: 'Energi', unit: '%', frequency: 'tahunan', level: 'kabupaten_kota', priority: false, referenceCode: 'DEMO-ESD-002', releaseMonth: 6, available: true },
    { name: 'Jumlah pengaduan masyarakat dan tindak lanjutnya', definition: 'Pengaduan NTB Care menurut perangkat daerah dan status tindak lanjut', organisation: 'diskominfotik', sector: 'sosial', topic: 'Pelayanan Publik', unit: 'pengaduan', frequency: 'bulanan', level: 'kabupaten_kota', priority: true, referenceCode: 'DEMO-KOM-007', releaseMonth: 1, available: true },
  ];
}
