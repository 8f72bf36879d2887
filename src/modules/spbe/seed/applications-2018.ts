/**
 * Application registry seed. §3.2.3 of seed 004 gives only the 2018 registration totals (112 applications
 * by 43 agencies) per category, not the list; the applications below are the ones §3.3 and §4.2 name, with
 * the owner organisation only where the seed states it (otherwise null, to be completed by the agencies).
 */
export const applicationCategories = [
  'website',
  'public_service',
  'general_admin',
  'legislation',
  'development_mgmt',
  'finance',
  'personnel',
] as const;
export type ApplicationCategory = (typeof applicationCategories)[number];

/** Indonesian names as §3.2.3 words them */
export const applicationCategoryNames: Record<ApplicationCategory, { id: string; en: string }> = {
  website: { id: 'Situs Web', en: 'Website' },
  public_service: { id: 'Layanan Publik', en: 'Public service' },
  general_admin: { id: 'Administrasi dan Manajemen Umum', en: 'General administration and management' },
  legislation: { id: 'Administrasi Legislasi', en: 'Legislation administration' },
  development_mgmt: { id: 'Manajemen Pembangunan', en: 'Development management' },
  finance: { id: 'Manajemen Keuangan', en: 'Financial management' },
  personnel: { id: 'Manajemen Kepegawaian', en: 'Personnel management' },
};

export const applicationCensus2018 = {
  year: 2018,
  source: 'Seed 004 §3.2.3 — registrasi aplikasi oleh Dinas Kominfotik, 2018',
  /** as stated in the text */
  total: 112,
  /** the seven categories as listed add up to 110, not 112; both are kept and the page shows the difference */
  categorySum: 110,
  agencies: 43,
  byCategory: { website: 47, public_service: 36, general_admin: 9, legislation: 1, development_mgmt: 9, finance: 4, personnel: 4 } satisfies Record<ApplicationCategory, number>,
};

export interface ApplicationSeed {
  name: string;
  category: ApplicationCategory;
  scope: 'umum' | 'khusus';
  owner: string | null;
  url: string | null;
  status: 'planned' | 'active' | 'retired';
  integratedSimantra: boolean | null;
  description: string;
}

export const applicationsNamedInSeed: ApplicationSeed[] = [
  { name: 'SIPEPADU — Sistem Informasi Pelayanan Elektronik Perizinan Terpadu', category: 'public_service', scope: 'khusus', owner: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', url: null, status: 'active', integratedSimantra: null, description: 'Layanan perizinan elektronik, diterapkan sejak 2017; belum terintegrasi dengan OSS (§4.2 35-1).' },
  { name: 'Kampung Media', category: 'public_service', scope: 'khusus', owner: null, url: null, status: 'active', integratedSimantra: null, description: 'Portal berbagi informasi dan jurnalisme warga yang dibina Pemprov NTB (§3.3, §4.2 35-2).' },
  { name: 'e-Samsat', category: 'public_service', scope: 'khusus', owner: null, url: null, status: 'active', integratedSimantra: null, description: 'Pembayaran pajak kendaraan (samsat) secara elektronik, modul transaksi real time (§4.2 35-3).' },
  { name: 'NTB Care', category: 'public_service', scope: 'umum', owner: 'Dinas Komunikasi, Informatika dan Statistik', url: null, status: 'active', integratedSimantra: null, description: 'Pengaduan pelayanan publik, termasuk modul WBS; terintegrasi dengan SMS Center (§4.2 32, 34).' },
  { name: 'JDIH Pemprov NTB', category: 'legislation', scope: 'khusus', owner: null, url: 'http://jdih.ntbprov.go.id', status: 'active', integratedSimantra: null, description: 'Jaringan Dokumentasi dan Informasi Hukum, terintegrasi dengan JDIHN (§4.2 33).' },
  { name: 'e-Planning', category: 'development_mgmt', scope: 'umum', owner: 'Bappeda', url: null, status: 'active', integratedSimantra: true, description: 'Manajemen perencanaan dan penganggaran (RPJMD, RENJA, POKIR, MUSRENBANG, RKPD, KUA-PPAS, ASB); terintegrasi dengan SIMDA Keuangan (§4.2 27, 28).' },
  { name: 'SIMDA Keuangan', category: 'finance', scope: 'umum', owner: 'Badan Pengelolaan Keuangan dan Aset Daerah', url: null, status: 'active', integratedSimantra: true, description: 'Manajemen keuangan daerah (§4.2 11, 29).' },
  { name: 'e-Monev', category: 'development_mgmt', scope: 'umum', owner: null, url: null, status: 'active', integratedSimantra: null, description: 'Pemantauan progres pelaksanaan program kegiatan (§4.2 29).' },
  { name: 'e-Sakip', category: 'general_admin', scope: 'umum', owner: null, url: null, status: 'active', integratedSimantra: null, description: 'Sistem Akuntabilitas Kinerja Instansi Pemerintah (§4.2 30).' },
  { name: 'LPSE', category: 'general_admin', scope: 'umum', owner: null, url: null, status: 'active', integratedSimantra: null, description: 'Layanan Pengadaan Secara Elektronik versi 4, modul dari LKPP (§4.2 31).' },
  { name: 'SiMaya', category: 'general_admin', scope: 'umum', owner: null, url: null, status: 'active', integratedSimantra: null, description: 'Naskah dinas elektronik (SiMaya Cloud, Kementerian Kominfo), digunakan sejak Oktober 2019 (§4.2 25).' },
  { name: 'SiMadu', category: 'personnel', scope: 'khusus', owner: 'Badan Kepegawaian Daerah', url: null, status: 'active', integratedSimantra: false, description: 'Sistem Manajemen ASN Terpadu; belum terintegrasi dengan Si-Sensi (§4.2 26).' },
  { name: 'Simpeg', category: 'personnel', scope: 'khusus', owner: 'Badan Kepegawaian Daerah', url: null, status: 'active', integratedSimantra: false, description: 'Sistem informasi kepegawaian; data hampir sama dengan SiMadu (§4.2 26).' },
  { name: 'Si-Sensi', category: 'personnel', scope: 'umum', owner: 'Dinas Komunikasi, Informatika dan Statistik', url: null, status: 'active', integratedSimantra: false, description: 'Presensi elektronik terintegrasi (§4.2 26).' },
  { name: 'SiMantra', category: 'general_admin', scope: 'umum', owner: 'Dinas Komunikasi, Informatika dan Statistik', url: null, status: 'active', integratedSimantra: true, description: 'Sistem penghubung layanan pemerintah (government service bus) (§3.3 E, §4.2 23).' },
  { name: 'e-Retribusi', category: 'finance', scope: 'khusus', owner: null, url: null, status: 'active', integratedSimantra: true, description: 'Terintegrasi dengan SIMDA Keuangan melalui SiMantra (§4.2 23).' },
  { name: 'Pra RKA', category: 'development_mgmt', scope: 'khusus', owner: null, url: null, status: 'active', integratedSimantra: true, description: 'Terintegrasi dengan SIMDA Keuangan melalui SiMantra (§4.2 23).' },
  { name: 'Dashboard Keuangan', category: 'finance', scope: 'khusus', owner: null, url: null, status: 'active', integratedSimantra: true, description: 'Terintegrasi dengan SIMDA Keuangan dan sistem informasi Bank NTB (§4.2 23).' },
];
