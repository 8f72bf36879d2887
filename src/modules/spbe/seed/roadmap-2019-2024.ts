/**
 * Peta Rencana SPBE (seed 004 §6.3): the strategic initiatives with outputs, target years and responsible
 * organisations, as written. The seed numbers them 1–23 but uses the number 8 twice (A-8 "Evaluasi dan Audit
 * Penyelenggaraan SPBE" and B-8 "Peningkatan Ruang dan Fasilitas Pusat Data"), so there are 24 rows; codes
 * here are group letter + the seed's number to keep both.
 * `indicators` (PermenPANRB 5/2018 codes) is our reading of which indicators each initiative is meant to
 * raise (the seed does not tabulate it); it is editable data.
 */
export type RoadmapGroup = 'tata_kelola' | 'infrastruktur' | 'layanan' | 'sdm';

export interface RoadmapOutputSeed {
  output: string;
  /** as written, e.g. "2020 - 2023" */
  targetText: string;
  startYear: number;
  endYear: number;
  /** as written; null when the seed leaves it empty */
  responsible: string | null;
}

export interface RoadmapInitiativeSeed {
  code: string;
  number: number;
  group: RoadmapGroup;
  title: string;
  outputs: RoadmapOutputSeed[];
  indicators: string[];
}

export const roadmapGroups: Record<RoadmapGroup, { letter: string; id: string; en: string }> = {
  tata_kelola: { letter: 'A', id: 'Tata Kelola SPBE', en: 'SPBE governance' },
  infrastruktur: { letter: 'B', id: 'Infrastruktur SPBE', en: 'SPBE infrastructure' },
  layanan: { letter: 'C', id: 'Layanan SPBE', en: 'SPBE services' },
  sdm: { letter: 'D', id: 'Sumber Daya Manusia SPBE', en: 'SPBE human resources' },
};

function o(output: string, targetText: string, responsible: string | null): RoadmapOutputSeed {
  const years = targetText.match(/\d{4}/g)!.map(Number);
  return { output, targetText, startYear: years[0], endYear: years[years.length - 1], responsible };
}

export const roadmap2019to2024: RoadmapInitiativeSeed[] = [
  { code: 'A-1', number: 1, group: 'tata_kelola', title: 'Pembuatan Rencana Induk dan Arsitektur SPBE Provinsi NTB', outputs: [o('Rencana Induk SPBE Pemprov NTB', '2019', 'Dinas Kominfotik'), o('Arsitektur SPBE Pemprov NTB', '2019', 'Dinas Kominfotik')], indicators: ['3', '20'] },
  { code: 'A-2', number: 2, group: 'tata_kelola', title: 'Pembentukan Tim Koordinasi SPBE Pemprov NTB', outputs: [o('Tim Koordinasi SPBE Provinsi NTB', '2020', 'Dinas Kominfotik')], indicators: ['1', '18'] },
  { code: 'A-3', number: 3, group: 'tata_kelola', title: 'Rapat Koordinasi dan Penguatan Kapasitas Tim Koordinasi SPBE Pemprov', outputs: [o('Kebijakan, Kesepakatan, Rekomendasi Penyelenggaraan SPBE', '2020 - 2023', null)], indicators: ['18'] },
  {
    code: 'A-4', number: 4, group: 'tata_kelola', title: 'Penguatan Kebijakan Internal SPBE',
    outputs: [o('Kebijakan Internal yang mencakup di antaranya: Rencana Induk SPBE Pemprov NTB; Tim Koordinasi SPBE; Bisnis Proses Terintegrasi; Perencanaan dan Penganggaran TIK; Pengoperasian Pusat Data (data center); Integrasi Sistem Aplikasi; Penggunaan Aplikasi Umum Berbagi Pakai; Sistem Naskah Dinas Elektronik; Sistem Manajemen Kepegawaian; Sistem Manajemen Perencanaan dan Penganggaran; Sistem Manajemen Keuangan; Sistem Manajemen Kinerja; Sistem Pengadaan Secara Elektronik; Sistem Pengaduan Publik; Sistem Jaringan Informasi dan Dokumentasi Hukum (JDIH); Sistem Pengaduan Pelanggaran Pemerintah (Whistle Blowing System – WBS); Sistem Pelayanan Publik', '2020', 'Dinas Kominfotik, Biro Organisasi, Biro Hukum, Biro APP, Bappeda, BPKAD, BKD')],
    indicators: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17'],
  },
  { code: 'A-5', number: 5, group: 'tata_kelola', title: 'Pembuatan Peta Proses Bisnis Terintegrasi', outputs: [o('Peta Proses Bisnis Terintegrasi', '2020', 'Biro Organisasi')], indicators: ['2', '19'] },
  { code: 'A-6', number: 6, group: 'tata_kelola', title: 'Penyelenggaraan Manajemen SPBE yang meliputi: Manajemen Risiko SPBE, Manajemen Keamanan Informasi, Manajemen Data, Manajemen Aset TIK, Manajemen Pengetahuan, dan Manajemen Perubahan', outputs: [o('Dokumen Perencanaan dan Laporan Pelaksanaan Manajemen SPBE', '2021 - 2023', 'Dinas Kominfotik, Bappeda, BPKAD')], indicators: [] },
  { code: 'A-7', number: 7, group: 'tata_kelola', title: 'Penyusunan Perencanaan dan Penganggaran SPBE', outputs: [o('Rencana Anggaran SPBE', '2020 - 2023', 'Dinas Kominfotik, Bappeda, BPKAD')], indicators: ['4', '21'] },
  { code: 'A-8', number: 8, group: 'tata_kelola', title: 'Evaluasi dan Audit Penyelenggaraan SPBE', outputs: [o('Evaluasi SPBE Tingkat Provinsi; Audit TIK, meliputi Audit Infrastruktur, Audit Aplikasi, Audit Keamanan Informasi', '2020 - 2023', 'Dinas Kominfotik')], indicators: [] },
  { code: 'B-8', number: 8, group: 'infrastruktur', title: 'Peningkatan Ruang dan Fasilitas Pusat Data', outputs: [o('Ruang dan Fasilitas yang memenuhi Standar', '2020', 'Dinas Kominfotik')], indicators: ['22'] },
  { code: 'B-9', number: 9, group: 'infrastruktur', title: 'Peningkatan kinerja dan kapasitas perangkat server dan jaringan Pusat Data', outputs: [o('Perangkat Server dan Jaringan yang semakin meningkat performa dan kapasitasnya', '2021 - 2022', 'Dinas Kominfotik')], indicators: ['22'] },
  { code: 'B-10', number: 10, group: 'infrastruktur', title: 'Pengembangan jaringan intra pemerintah', outputs: [o('Jaringan Intra Pemerintah yang menghubungkan seluruh perangkat Daerah Provinsi', '2020 - 2023', 'Dinas Kominfotik')], indicators: ['23'] },
  { code: 'B-11', number: 11, group: 'infrastruktur', title: 'Pengembangan Sistem Penghubung Layanan Pemerintah', outputs: [o('Sistem Penghubung Layanan Pemerintah yang mengintegrasikan seluruh sistem layanan pemerintah Provinsi', '2020 - 2023', 'Dinas Kominfotik')], indicators: ['6', '23'] },
  { code: 'B-12', number: 12, group: 'infrastruktur', title: 'Pengembangan Portal Satu Data NTB', outputs: [o('Portal Satu Data NTB terintegrasi dengan Kabupaten/Kota', '2021', 'Dinas Kominfotik')], indicators: ['24'] },
  {
    code: 'B-13', number: 13, group: 'infrastruktur', title: 'Pengembangan Sistem Keamanan Informasi Provinsi',
    outputs: [
      o('Penerapan Manajemen Keamanan Informasi', '2020', 'Dinas Kominfotik'),
      o('Peningkatan Teknologi Keamanan Informasi', '2021', 'Dinas Kominfotik'),
      o('Pembentukan Government CSIRT (Computer Security Incident Response Team)', '2020', 'Dinas Kominfotik'),
      o('Peningkatan Budaya Keamanan Informasi', '2020 - 2023', 'Dinas Kominfo'),
    ],
    indicators: [],
  },
  { code: 'B-14', number: 14, group: 'infrastruktur', title: 'Pengembangan Provincial Command Center (PCC)', outputs: [o('Fasilitas dan Sistem Informasi Provincial Command Center', '2022', 'Dinas Kominfo')], indicators: [] },
  {
    code: 'C-15', number: 15, group: 'layanan', title: 'Pengembangan layanan administrasi pemerintahan berbasis elektronik terintegrasi',
    outputs: [o('Arsitektur proses bisnis layanan administrasi pemerintahan terintegrasi', '2020', 'Perangkat Daerah difasilitasi Dinas Kominfo'), o('Integrasi aplikasi layanan administrasi pemerintahan', '2021 - 2022', 'Dinas Kominfo')],
    indicators: ['25', '26', '27', '28', '29', '30', '31'],
  },
  { code: 'C-16', number: 16, group: 'layanan', title: 'Pembuatan Portal Layanan Administrasi Pemerintahan', outputs: [o('Portal Layanan Administrasi Pemerintahan', '2022', 'Dinas Kominfo')], indicators: ['25', '26', '27', '28', '29', '30', '31'] },
  {
    code: 'C-17', number: 17, group: 'layanan', title: 'Pengembangan Layanan Publik Berbasis Elektronik terintegrasi',
    outputs: [o('Arsitektur proses bisnis layanan publik terintegrasi', '2020', 'Perangkat Daerah difasilitasi Dinas Kominfo'), o('Integrasi aplikasi layanan publik', '2021 - 2022', 'Dinas Kominfo')],
    indicators: ['32', '33', '34', '35'],
  },
  { code: 'C-18', number: 18, group: 'layanan', title: 'Pengembangan Portal Layanan Publik', outputs: [o('Portal Layanan Publik', '2022', 'Dinas Kominfo')], indicators: ['35'] },
  { code: 'C-19', number: 19, group: 'layanan', title: 'Penyelenggaraan Manajemen Layanan', outputs: [o('Sosialisasi dan Edukasi Manajemen Layanan', '2020', 'Perangkat Daerah difasilitasi Dinas Kominfo')], indicators: [] },
  { code: 'C-20', number: 20, group: 'layanan', title: 'Pemantauan dan Evaluasi Layanan SPBE', outputs: [o('Manajemen Layanan SPBE berjalan dengan baik; Layanan SPBE memenuhi harapan masyarakat', '2020 - 2023', 'Dinas Kominfo')], indicators: ['32', '33', '34', '35'] },
  { code: 'D-21', number: 21, group: 'sdm', title: 'Promosi literasi SPBE', outputs: [o('Pelatihan dan Sosialisasi SPBE', '2020', 'Dinas Kominfo')], indicators: [] },
  {
    code: 'D-22', number: 22, group: 'sdm', title: 'Peningkatan Kapasitas ASN Penyelenggara SPBE',
    outputs: [
      o('Pelatihan dan Sertifikasi Kompetensi TIK', '2020 - 2023', 'Dinas Kominfo, BPSDM'),
      o('Sosialisasi, Edukasi dan Koordinasi Jabatan Fungsional terkait SPBE', '2020 - 2023', 'BKD, Dinas Kominfo'),
      o('Forum Koordinasi Pejabat Fungsional terkait SPBE', '2020 - 2023', 'BKD, Dinas Kominfo'),
    ],
    indicators: [],
  },
  { code: 'D-23', number: 23, group: 'sdm', title: 'Penyelenggaraan Forum kolaborasi SPBE', outputs: [o('Forum Kolaborasi SPBE', '2020 - 2023', 'Dinas Kominfo')], indicators: [] },
];
