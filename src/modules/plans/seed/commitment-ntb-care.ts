/**
 * Seed 001: the OGP Local commitment "NTB Care", sections 1–17 as written in the filled
 * template. Personal names, e-mail addresses and phone numbers are replaced by role titles.
 * The source gives no status for milestones 3–5 (the column is blank): status is null.
 */
import type { CommitmentInput } from '../commitment.schema.ts';

const KABID_PERSANDIAN = 'Kepala Bidang Persandian dan Keamanan Informasi, Diskominfotik Provinsi NTB';
const KASIE_SPKIP = 'Kepala Seksi Sistem Pengelolaan Komunikasi Intra Pemerintah, Bidang Persandian dan Keamanan Informasi, Diskominfotik Provinsi NTB';
const CONTACTS = [KABID_PERSANDIAN, KASIE_SPKIP];

export const NTB_CARE_SLUG = 'ntb-care';

export const NTB_CARE_COMMITMENT: CommitmentInput = {
  title: 'Meningkatkan Kualitas Penyelesaian Pengaduan Publik Melalui Layanan NTB Care.',
  startMonth: '2021-08',
  endMonth: '2023-12',
  leadAgencies: [
    {
      organisation: 'diskominfotik',
      organisationName: 'Dinas Komunikasi, Informasi, dan Statistik Provinsi Nusa Tenggara Barat',
      branch: null,
      contactRole: 'Kepala Dinas, Diskominfotik Provinsi NTB',
      role: 'lead',
    },
  ],
  leadNonGov: [
    { organisation: 'somasi-ntb', organisationName: 'Solidaritas Masyarakat untuk Transparansi (Somasi) NTB', contactRole: 'Direktur, Somasi NTB', role: 'support' },
    { organisation: 'pwyp-indonesia', organisationName: 'Publish What You Pay (PWYP) Indonesia', contactRole: 'Direktur, PWYP Indonesia', role: 'support' },
  ],
  otherStakeholders: [
    { organisation: 'inspektorat', organisationName: 'Inspektorat Wilayah Prov. NTB', contactRole: 'Inspektur, Inspektorat Provinsi NTB', role: 'coordinate' },
    { organisation: 'biro-organisasi', organisationName: 'Biro Organisasi Setda Prov NTB', contactRole: 'Kepala Biro Organisasi, Setda Provinsi NTB', role: 'coordinate' },
  ],
  problem: [
    'Keberadaan NTB Care dimulai pada tahun 2018 menjadi tempat rujukan utama Masyarakat Nusa Tenggara Barat dalam menyampaikan keluhan dan pengaduan terhadap praktik pelayanan publik. Namun masih ada sejumlah tantangan yang dihadapi oleh NTB Care, yaitu :',
    '• Jumlah pengaduan masyarakat yang telah ditindaklanjuti oleh perangkat daerah masih rendah;',
    '• Kapasitas Sumber Daya Manusia Pengelola Layanan Pengaduan masih perlu ditingkatkan, mengingat banyak respon dan jawaban dari pengelola pengaduanyang belum berhasil memuaskan pelapor;',
    '• Ada banyak kanal pengaduan masyarakat yang tersedia di lingkup Pemprov NTB, maupun yang disedikan oleh kabupaten/kota. Berbagai kanal pengaduan tersebut belum sepenuhnya terbangun integrasi baik dari sisi tata kelola maupun sistem aplikasinya. Hal ini menimbulkan kesulitan pada tataran monitoring dan evaluasi serta tindak lanjut laporan secara efesien dan efektif',
  ].join('\n'),
  statusQuo: [
    '• Sudah dilakukan MoU antara Gubernur dengan Bupati dan Walikota se Nusa Tenggara Barat tentang Kerja Sama Pemanfaatan Aplikasi NTB Care serta perjanjian kerja sama antara Sekretaris Daerah Provinsi Nusa Tenggara Barat dengan Sekretaris Daerah Kabupaten / Kota se Nusa Tenggara Barat tentang Pemanfaatan Aplikasi NTB Care.',
    '• Telah tersedia beberapa kanal pengaduan yaitu aplikasi mobile NTB Care, SMS center, Instagram NTB Care dan Facebook NTB Care, namun belum semuanya terintegrasi dengan baik.',
    '• Prosentasi jumlah pengaduan yang ditindaklanjuti oleh perangkat daerah dan kabupaten/kota tergolong masih rendah. Dari januari 2020 hingga Juli 2021 dari total 717 pengaduan yang masuk, baru 374 pengaduan yang sudah ditindak lanjuti, atau baru sekitar 52 persen.',
  ].join('\n'),
  action: [
    'Komitmen ini bertujuan untuk :',
    '• Meningkatkan kualitas pengelolaan kanal pengaduan dan penyampaian aspirasi masyarakat yang mengalami permasalahan agar mendapatkan tindak lanjut dengan cepat dan efektif, sehingga kehadiran pemerintah dapat dirasakan di tengah-tengah masyarakat.',
    '• Meningkatkan respons Perangkat Daerah dalam menindak lanjuti pengaduan masyarakat sehingga kualitas layanan publik menjadi semakin baik.',
    '• Mengintegrasikan pengelolaan berbagai kanal layanan publik sehingga penanganan, monitoring dan pelaporan pengaduan semakin efektif dan efesien',
  ].join('\n'),
  howSolves: [
    '- Semakin banyak laporan yang ditindaklanjuti akan menimbulkan kepercayaan dan meningkatkan partisipasi masyarakat dalam pembangunan serta meningkatkan kualitas pelayanan publik.',
    '- Integrasi antar berbagai kanal pengaduan di lingkup pemprov dan kabupaten/kota akan memudahkan dalam monitoring dan evaluasi di tingkat pimpinan daerah.',
  ].join('\n'),
  longTermGoal:
    'Komitmen ini sejalan dengan tujuan jangka panjang Penyelenggaraan Pemerintahan Terbuka Provinsi NTB yaitu mewujudnya NTB Bersih dan Melayani. Melalui peningkatan kualitas pengelolaan sistem penanganan pengaduan layanan publik NTB Care, diharapkan semua pengaduan dan masukan dari masyarakat dapat ditindaklanjuti dengan efektif dan efesien, sehingga meningkatkan kepercayaan kepada pemerintah, mendorong partisipasi masyarakat dan pembangunan, serta menjadi umpan balik untuk memperbaiki kualitas layanan publik.',
  policyAreas: ['whistleblower-protection', 'social-accountability'],
  sectors: ['media-telecommunications', 'public-services'],
  values: [
    {
      value: 'participation',
      reason: 'Masyarakat dapat menyampaikan pengaduan dan aspirasinya melalui setiap kanal pengaduan yang disediakan',
    },
    {
      value: 'tech-participation',
      reason: 'Kanal pengaduan menggunakan beberapa teknologi, yaitu web aplication, mobile aplication, sms gateway, Social media (facebook, instagram)',
    },
  ],
  resources: {
    budgetAmount: 750379963,
    currency: 'IDR',
    budgetNote: 'Total anggaran tahun 2021-2023',
    staff: 55,
    months: 36,
    other: 'Computer device – 49 unit',
  },
  secured: 'partially',
  additionalInfo:
    'Pengelolaan pengaduan publik melalui sistem NTB Care selaras dan mendukung Sistem Pengaduan Layanan Publik di Tingkat Nasional melalui sistem Lapor !. Selanjutnya diupayakan agar sistem NTB Care dapat terintegrasi dengan Sistem LAPOR ! Di tingkat nasional',
  milestones: [
    {
      key: 'nc-01-regulasi',
      output: 'Menyusun regulasi Pengelolaan Pengaduan Layanan Publik',
      startMonth: '2021-09', endMonth: '2021-12',
      responsible: ['diskominfotik'], responsibleNote: 'Dinas Komunikasi, Informatika dan Statistik Provinsi NTB',
      contactRoles: CONTACTS,
      status: 'not_started',
    },
    {
      key: 'nc-02-bimtek',
      output: 'Bimbingan Teknis Peningkatan Kapasitas Pengelola Pengaduan Publik (1 kali Setahun)',
      startMonth: '2021-09', endMonth: '2023-12',
      responsible: ['diskominfotik'], responsibleNote: 'Diskominfotik Provinsi NTB',
      contactRoles: CONTACTS,
      status: 'not_started',
    },
    {
      key: 'nc-03-sosialisasi',
      output: 'Sosialisasi NTB Care kepada masyarakat (1 kali setahun)',
      startMonth: '2022-03', endMonth: '2023-12',
      responsible: ['diskominfotik'], responsibleNote: 'Diskominfotik Provinsi NTB',
      contactRoles: CONTACTS,
      status: null,
    },
    {
      key: 'nc-04-integrasi-lapor',
      output: 'Integrasi sistem pengaduan NTB Care dengan Sistem Pengaduan Publik Nasional (Lapor ! SP4N) dan Kabupaten/Kota',
      startMonth: '2022-03', endMonth: '2022-06',
      responsible: ['diskominfotik'], responsibleNote: 'Diskominfotik Provinsi NTB',
      contactRoles: CONTACTS,
      status: null,
    },
    {
      key: 'nc-05-rakor-monev',
      output: 'Rapat Koordinasi Monitoring dan Evaluasi Tindak Lanjut Pengaduan (2 kali dalam 1 tahun)',
      startMonth: '2022-03', endMonth: '2023-12',
      responsible: ['diskominfotik'], responsibleNote: 'Diskominfotik Provinsi NTB',
      contactRoles: CONTACTS,
      status: null,
    },
  ],
};
