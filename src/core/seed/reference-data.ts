/**
 * Reference data of NTB, from seed 004 (Rencana Induk SPBE, Pergub 55/2019): Tabel 3.1 (regions) and §3.2
 * (organisation of the provincial government), plus BPS, the 10 regency/city governments and the civil
 * society organisations named in the OGP commitments (seeds 000/001). Organisation names only — no people.
 */

/** Kemendagri codes; figures of Tabel 3.1 (kecamatan, desa/kelurahan, area in km²). */
export const REGIONS: Array<{ code: string; name: string; level: 'provinsi' | 'kabupaten' | 'kota'; kecamatan: number; desa: number; areaKm2: number }> = [
  { code: '52', name: 'Nusa Tenggara Barat', level: 'provinsi', kecamatan: 116, desa: 1146, areaKm2: 20153.15 },
  { code: '52.01', name: 'Lombok Barat', level: 'kabupaten', kecamatan: 10, desa: 122, areaKm2: 1053.92 },
  { code: '52.02', name: 'Lombok Tengah', level: 'kabupaten', kecamatan: 12, desa: 139, areaKm2: 1208.4 },
  { code: '52.03', name: 'Lombok Timur', level: 'kabupaten', kecamatan: 20, desa: 254, areaKm2: 1605.55 },
  { code: '52.04', name: 'Sumbawa', level: 'kabupaten', kecamatan: 24, desa: 166, areaKm2: 6643.98 },
  { code: '52.05', name: 'Dompu', level: 'kabupaten', kecamatan: 8, desa: 81, areaKm2: 2324.6 },
  { code: '52.06', name: 'Bima', level: 'kabupaten', kecamatan: 18, desa: 198, areaKm2: 4389.4 },
  { code: '52.07', name: 'Sumbawa Barat', level: 'kabupaten', kecamatan: 8, desa: 65, areaKm2: 1849.02 },
  { code: '52.08', name: 'Lombok Utara', level: 'kabupaten', kecamatan: 5, desa: 33, areaKm2: 809.53 },
  { code: '52.71', name: 'Kota Mataram', level: 'kota', kecamatan: 6, desa: 50, areaKm2: 61.3 },
  { code: '52.72', name: 'Kota Bima', level: 'kota', kecamatan: 5, desa: 38, areaKm2: 207.5 },
];

export interface OrgSeed {
  slug: string;
  name: string;
  short?: string;
  type: 'sekretariat' | 'biro' | 'dprd' | 'inspektorat' | 'dinas' | 'rumah_sakit' | 'badan' | 'satpol' | 'bps' | 'pemda' | 'cso' | 'platform';
  region?: string;
  parent?: string;
}

const p = (slug: string, name: string, type: OrgSeed['type'], short?: string, parent?: string): OrgSeed => ({ slug, name, type, short, parent, region: '52' });

export const ORGANISATIONS: OrgSeed[] = [
  { slug: 'ntb-terbuka', name: 'Pengelola Platform NTB Terbuka', type: 'platform', region: '52' },
  p('setda', 'Sekretariat Daerah Provinsi NTB', 'sekretariat', 'Setda'),
  p('biro-pemerintahan', 'Biro Pemerintahan', 'biro', undefined, 'setda'),
  p('biro-hukum', 'Biro Hukum', 'biro', undefined, 'setda'),
  p('biro-kesra', 'Biro Kesejahteraan Rakyat', 'biro', undefined, 'setda'),
  p('biro-perekonomian', 'Biro Administrasi Perekonomian', 'biro', undefined, 'setda'),
  p('biro-pengendalian-pembangunan', 'Biro Administrasi Pengendalian Pembangunan dan Layanan Pengadaan Barang/Jasa Pemerintah', 'biro', undefined, 'setda'),
  p('biro-kerjasama', 'Biro Administrasi Kerjasama', 'biro', undefined, 'setda'),
  p('biro-organisasi', 'Biro Organisasi', 'biro', undefined, 'setda'),
  p('biro-umum', 'Biro Umum', 'biro', undefined, 'setda'),
  p('biro-humas-protokol', 'Biro Humas dan Protokol', 'biro', undefined, 'setda'),
  p('sekretariat-dprd', 'Sekretariat DPRD Provinsi NTB', 'dprd', 'Setwan'),
  p('inspektorat', 'Inspektorat Provinsi NTB', 'inspektorat'),
  p('dikbud', 'Dinas Pendidikan dan Kebudayaan', 'dinas', 'Dikbud'),
  p('dinas-kesehatan', 'Dinas Kesehatan', 'dinas', 'Dikes'),
  p('dinas-pupr', 'Dinas Pekerjaan Umum dan Penataan Ruang', 'dinas', 'Dinas PUPR'),
  p('dinas-perkim', 'Dinas Perumahan dan Pemukiman', 'dinas', 'Disperkim'),
  p('dinas-sosial', 'Dinas Sosial', 'dinas', 'Dinsos'),
  p('disnakertrans', 'Dinas Tenaga Kerja dan Transmigrasi', 'dinas', 'Disnakertrans'),
  p('dinas-pmpd-dukcapil', 'Dinas Pemberdayaan Masyarakat, Pemerintahan Desa, Kependudukan dan Pencatatan Sipil', 'dinas', 'DPMPD Dukcapil'),
  p('dp3ap2kb', 'Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana', 'dinas', 'DP3AP2KB'),
  p('dinas-ketahanan-pangan', 'Dinas Ketahanan Pangan', 'dinas'),
  p('dinas-lhk', 'Dinas Lingkungan Hidup dan Kehutanan', 'dinas', 'DLHK'),
  p('dinas-perhubungan', 'Dinas Perhubungan', 'dinas', 'Dishub'),
  p('diskominfotik', 'Dinas Komunikasi, Informatika dan Statistik', 'dinas', 'Diskominfotik'),
  p('dinas-koperasi-ukm', 'Dinas Koperasi Usaha Kecil dan Menengah', 'dinas', 'Dinas Koperasi UKM'),
  p('dpmptsp', 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', 'dinas', 'DPMPTSP'),
  p('dispora', 'Dinas Pemuda dan Olahraga', 'dinas', 'Dispora'),
  p('dinas-perpustakaan-kearsipan', 'Dinas Perpustakaan dan Kearsipan', 'dinas'),
  p('dinas-kelautan-perikanan', 'Dinas Kelautan dan Perikanan', 'dinas', 'DKP'),
  p('dinas-pariwisata', 'Dinas Pariwisata', 'dinas', 'Dispar'),
  p('distanbun', 'Dinas Pertanian dan Perkebunan', 'dinas', 'Distanbun'),
  p('disnakkeswan', 'Dinas Peternakan dan Kesehatan Hewan', 'dinas', 'Disnakkeswan'),
  p('dinas-esdm', 'Dinas Energi dan Sumber Daya Mineral', 'dinas', 'Dinas ESDM'),
  p('dinas-perdagangan', 'Dinas Perdagangan', 'dinas', 'Disdag'),
  p('dinas-perindustrian', 'Dinas Perindustrian', 'dinas', 'Disperin'),
  p('satpol-pp', 'Satuan Polisi Pamong Praja', 'satpol', 'Satpol PP'),
  p('rsud-provinsi', 'Rumah Sakit Umum Daerah Provinsi NTB', 'rumah_sakit', 'RSUD Provinsi'),
  p('rsj-mutiara-sukma', 'Rumah Sakit Jiwa Mutiara Sukma', 'rumah_sakit', 'RSJ Mutiara Sukma'),
  p('rs-manambai', 'Rumah Sakit H.L. Manambai Abdul Kadir Sumbawa', 'rumah_sakit', 'RS Manambai'),
  p('bappeda', 'Badan Perencanaan Pembangunan dan Penelitian dan Pengembangan Daerah', 'badan', 'Bappeda'),
  p('bakesbangpoldagri', 'Badan Kesatuan Bangsa dan Politik Dalam Negeri', 'badan', 'Bakesbangpoldagri'),
  p('bpsdm', 'Badan Pengembangan Sumber Daya Manusia', 'badan', 'BPSDM'),
  p('bkd', 'Badan Kepegawaian Daerah', 'badan', 'BKD'),
  p('bpbd', 'Badan Penanggulangan Bencana Daerah', 'badan', 'BPBD'),
  p('bappenda', 'Badan Pengelolaan Pendapatan Daerah', 'badan', 'Bappenda'),
  p('bpkad', 'Badan Pengelolaan Keuangan dan Aset Daerah', 'badan', 'BPKAD'),
  p('badan-penghubung', 'Badan Penghubung Daerah', 'badan'),
  { slug: 'bps-ntb', name: 'Badan Pusat Statistik Provinsi NTB', short: 'BPS NTB', type: 'bps', region: '52' },
  { slug: 'kab-lombok-barat', name: 'Pemerintah Kabupaten Lombok Barat', type: 'pemda', region: '52.01' },
  { slug: 'kab-lombok-tengah', name: 'Pemerintah Kabupaten Lombok Tengah', type: 'pemda', region: '52.02' },
  { slug: 'kab-lombok-timur', name: 'Pemerintah Kabupaten Lombok Timur', type: 'pemda', region: '52.03' },
  { slug: 'kab-sumbawa', name: 'Pemerintah Kabupaten Sumbawa', type: 'pemda', region: '52.04' },
  { slug: 'kab-dompu', name: 'Pemerintah Kabupaten Dompu', type: 'pemda', region: '52.05' },
  { slug: 'kab-bima', name: 'Pemerintah Kabupaten Bima', type: 'pemda', region: '52.06' },
  { slug: 'kab-sumbawa-barat', name: 'Pemerintah Kabupaten Sumbawa Barat', type: 'pemda', region: '52.07' },
  { slug: 'kab-lombok-utara', name: 'Pemerintah Kabupaten Lombok Utara', type: 'pemda', region: '52.08' },
  { slug: 'kota-mataram', name: 'Pemerintah Kota Mataram', type: 'pemda', region: '52.71' },
  { slug: 'kota-bima', name: 'Pemerintah Kota Bima', type: 'pemda', region: '52.72' },
  { slug: 'somasi-ntb', name: 'Solidaritas Masyarakat untuk Transparansi (Somasi) NTB', short: 'Somasi NTB', type: 'cso', region: '52' },
  { slug: 'pwyp-indonesia', name: 'Publish What You Pay (PWYP) Indonesia', short: 'PWYP Indonesia', type: 'cso' },
];

/** The demonstration agency (clearly marked) in which demo producers, heads and liaisons work. */
export const DEMO_ORG: OrgSeed = { slug: 'dinas-contoh', name: 'Dinas Contoh (Demo)', short: 'Dinas Contoh', type: 'dinas', region: '52' };

/** One demonstration account per role: a role title, never a person. */
export const DEMO_ACCOUNTS: Array<{ email: string; name: string; org: string; roles: string[] }> = [
  { email: 'admin@ntbterbuka.example', name: 'Administrator Platform (Demo)', org: 'ntb-terbuka', roles: ['admin'] },
  { email: 'walidata@ntbterbuka.example', name: 'Walidata Diskominfotik (Demo)', org: 'diskominfotik', roles: ['walidata'] },
  { email: 'walidata.kabupaten@ntbterbuka.example', name: 'Walidata Pendukung Lombok Barat (Demo)', org: 'kab-lombok-barat', roles: ['walidata'] },
  { email: 'pembina@ntbterbuka.example', name: 'Pembina Data BPS (Demo)', org: 'bps-ntb', roles: ['pembina_data'] },
  { email: 'sekretariat.forum@ntbterbuka.example', name: 'Sekretariat Forum Satu Data (Demo)', org: 'diskominfotik', roles: ['forum_secretariat'] },
  { email: 'produsen@ntbterbuka.example', name: 'Produsen Data Dinas Contoh (Demo)', org: 'dinas-contoh', roles: ['produsen_data'] },
  { email: 'produsen.kabupaten@ntbterbuka.example', name: 'Produsen Data Lombok Barat (Demo)', org: 'kab-lombok-barat', roles: ['produsen_data'] },
  { email: 'kepala@ntbterbuka.example', name: 'Kepala Dinas Contoh (Demo)', org: 'dinas-contoh', roles: ['kepala_opd'] },
  { email: 'admin.pengaduan@ntbterbuka.example', name: 'Admin Pengaduan Diskominfotik (Demo)', org: 'diskominfotik', roles: ['complaint_admin'] },
  { email: 'penghubung@ntbterbuka.example', name: 'Admin Penghubung Dinas Contoh (Demo)', org: 'dinas-contoh', roles: ['complaint_liaison'] },
  { email: 'penghubung.kabupaten@ntbterbuka.example', name: 'Admin Penghubung Lombok Barat (Demo)', org: 'kab-lombok-barat', roles: ['complaint_liaison'] },
  { email: 'inspektorat@ntbterbuka.example', name: 'Inspektur Pembantu Khusus (Demo)', org: 'inspektorat', roles: ['inspektorat'] },
  { email: 'sekretariat.ogp@ntbterbuka.example', name: 'Sekretariat OGP Lokal (Demo)', org: 'diskominfotik', roles: ['plan_secretariat'] },
  { email: 'osm@ntbterbuka.example', name: 'Anggota Organisasi Masyarakat Sipil (Demo)', org: 'somasi-ntb', roles: ['cso_member'] },
  { email: 'evaluator.spbe@ntbterbuka.example', name: 'Evaluator SPBE (Demo)', org: 'diskominfotik', roles: ['spbe_evaluator'] },
  { email: 'reviewer.spbe@ntbterbuka.example', name: 'Tim Koordinasi SPBE (Demo)', org: 'setda', roles: ['spbe_reviewer'] },
  { email: 'pimpinan@ntbterbuka.example', name: 'Pimpinan Daerah (Demo)', org: 'setda', roles: ['leader'] },
];
