/**
 * Organisations NTB Care routes to, by stable slug. The platform's organisation registry (core) is
 * the source of truth; this list documents the slugs the care seed expects and is used to check the
 * routing seed. Provincial organisations follow seed 004 §3.2 (Perda NTB 11/2016, Pergub 48–52/2016);
 * regency/city governments follow the Kemendagri region codes.
 */
export interface CareOrganisationRef {
  slug: string;
  name: string;
  kind: 'biro' | 'sekretariat' | 'inspektorat' | 'dinas' | 'rumah_sakit' | 'badan' | 'pemda';
  /** Kemendagri code of the region the organisation governs (pemda only). */
  regionCode?: string;
}

const p = (slug: string, name: string, kind: CareOrganisationRef['kind']): CareOrganisationRef => ({ slug, name, kind });

export const provincialOrganisations: readonly CareOrganisationRef[] = [
  p('biro-pemerintahan', 'Biro Pemerintahan', 'biro'),
  p('biro-hukum', 'Biro Hukum', 'biro'),
  p('biro-kesra', 'Biro Kesejahteraan Rakyat', 'biro'),
  p('biro-perekonomian', 'Biro Administrasi Perekonomian', 'biro'),
  p('biro-pengendalian-pembangunan', 'Biro Administrasi Pengendalian Pembangunan dan Layanan Pengadaan Barang/Jasa Pemerintah', 'biro'),
  p('biro-kerjasama', 'Biro Administrasi Kerjasama', 'biro'),
  p('biro-organisasi', 'Biro Organisasi', 'biro'),
  p('biro-umum', 'Biro Umum', 'biro'),
  p('biro-humas-protokol', 'Biro Humas dan Protokol', 'biro'),
  p('sekretariat-dprd', 'Sekretariat DPRD', 'sekretariat'),
  p('inspektorat', 'Inspektorat Daerah', 'inspektorat'),
  p('dikbud', 'Dinas Pendidikan dan Kebudayaan', 'dinas'),
  p('dinas-kesehatan', 'Dinas Kesehatan', 'dinas'),
  p('dinas-pupr', 'Dinas Pekerjaan Umum dan Penataan Ruang', 'dinas'),
  p('dinas-perkim', 'Dinas Perumahan dan Pemukiman', 'dinas'),
  p('dinas-sosial', 'Dinas Sosial', 'dinas'),
  p('disnakertrans', 'Dinas Tenaga Kerja dan Transmigrasi', 'dinas'),
  p('dinas-pmpd-dukcapil', 'Dinas Pemberdayaan Masyarakat, Pemerintahan Desa, Kependudukan dan Pencatatan Sipil', 'dinas'),
  p('dp3ap2kb', 'Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana', 'dinas'),
  p('dinas-ketahanan-pangan', 'Dinas Ketahanan Pangan', 'dinas'),
  p('dinas-lhk', 'Dinas Lingkungan Hidup dan Kehutanan', 'dinas'),
  p('dinas-perhubungan', 'Dinas Perhubungan', 'dinas'),
  p('diskominfotik', 'Dinas Komunikasi, Informatika dan Statistik', 'dinas'),
  p('dinas-koperasi-ukm', 'Dinas Koperasi Usaha Kecil dan Menengah', 'dinas'),
  p('dpmptsp', 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', 'dinas'),
  p('dispora', 'Dinas Pemuda dan Olahraga', 'dinas'),
  p('dinas-perpustakaan-kearsipan', 'Dinas Perpustakaan dan Kearsipan', 'dinas'),
  p('dinas-kelautan-perikanan', 'Dinas Kelautan dan Perikanan', 'dinas'),
  p('dinas-pariwisata', 'Dinas Pariwisata', 'dinas'),
  p('distanbun', 'Dinas Pertanian dan Perkebunan', 'dinas'),
  p('disnakkeswan', 'Dinas Peternakan dan Kesehatan Hewan', 'dinas'),
  p('dinas-esdm', 'Dinas Energi dan Sumber Daya Mineral', 'dinas'),
  p('dinas-perdagangan', 'Dinas Perdagangan', 'dinas'),
  p('dinas-perindustrian', 'Dinas Perindustrian', 'dinas'),
  p('satpol-pp', 'Satuan Polisi Pamong Praja', 'dinas'),
  p('rsud-provinsi', 'Rumah Sakit Umum Daerah Provinsi NTB', 'rumah_sakit'),
  p('rsj-mutiara-sukma', 'Rumah Sakit Jiwa Mutiara Sukma', 'rumah_sakit'),
  p('rs-manambai', 'Rumah Sakit H.L. Manambai Abdul Kadir Sumbawa', 'rumah_sakit'),
  p('bappeda', 'Badan Perencanaan Pembangunan dan Penelitian dan Pengembangan Daerah', 'badan'),
  p('bakesbangpoldagri', 'Badan Kesatuan Bangsa dan Politik Dalam Negeri', 'badan'),
  p('bpsdm', 'Badan Pengembangan Sumber Daya Manusia', 'badan'),
  p('bkd', 'Badan Kepegawaian Daerah', 'badan'),
  p('bpbd', 'Badan Penanggulangan Bencana Daerah', 'badan'),
  p('bappenda', 'Badan Pengelolaan Pendapatan Daerah', 'badan'),
  p('bpkad', 'Badan Pengelolaan Keuangan dan Aset Daerah', 'badan'),
  p('badan-penghubung', 'Badan Penghubung', 'badan'),
];

export interface RegionGovernment extends CareOrganisationRef {
  regionCode: string;
}

const g = (slug: string, name: string, regionCode: string): RegionGovernment => ({ slug, name, kind: 'pemda', regionCode });

/** The 10 regency/city governments with their Kemendagri codes. */
export const regionGovernments: readonly RegionGovernment[] = [
  g('kab-lombok-barat', 'Pemerintah Kabupaten Lombok Barat', '52.01'),
  g('kab-lombok-tengah', 'Pemerintah Kabupaten Lombok Tengah', '52.02'),
  g('kab-lombok-timur', 'Pemerintah Kabupaten Lombok Timur', '52.03'),
  g('kab-sumbawa', 'Pemerintah Kabupaten Sumbawa', '52.04'),
  g('kab-dompu', 'Pemerintah Kabupaten Dompu', '52.05'),
  g('kab-bima', 'Pemerintah Kabupaten Bima', '52.06'),
  g('kab-sumbawa-barat', 'Pemerintah Kabupaten Sumbawa Barat', '52.07'),
  g('kab-lombok-utara', 'Pemerintah Kabupaten Lombok Utara', '52.08'),
  g('kota-mataram', 'Pemerintah Kota Mataram', '52.71'),
  g('kota-bima', 'Pemerintah Kota Bima', '52.72'),
];

/** The complaint administrator's office: unmatched reports go here. */
export const COMPLAINT_ADMIN_ORG_SLUG = 'diskominfotik';
/** Escalation target at twice the deadline. */
export const ESCALATION_ORG_SLUG = 'biro-organisasi';

export const allCareOrganisationSlugs: readonly string[] = [
  ...provincialOrganisations.map((o) => o.slug),
  ...regionGovernments.map((o) => o.slug),
];
