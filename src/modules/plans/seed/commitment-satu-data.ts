/**
 * Seed 000: the OGP Local commitment "Satu Data NTB", sections 1–17 as written in the filled
 * template. Personal names, e-mail addresses and phone numbers are replaced by role titles.
 * Line breaks of the PDF extraction are joined; bullet lists keep one item per line.
 * Where the source leaves a column blank (branch of government), the field is null.
 */
import type { CommitmentInput } from '../commitment.schema.ts';

const KABID_STATISTIK = 'Kepala Bidang Statistik, Diskominfotik Provinsi NTB';
const KABID_PTIK = 'Kepala Bidang Pengelolaan Teknologi Informasi dan Komunikasi, Diskominfotik Provinsi NTB';
const BPS_IPDS = 'Tim Integrasi Pengolahan dan Diseminasi Statistik (IPDS), BPS Provinsi NTB';

export const SATU_DATA_SLUG = 'satu-data-ntb';

export const SATU_DATA_COMMITMENT: CommitmentInput = {
  title: 'Mewujudkan Open Governance melalui Perbaikan Tata Kelola Data dan Pengembangan Sistem Informasi Satu Data NTB',
  startMonth: '2021-07',
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
    { organisation: 'bps-ntb', organisationName: 'Badan Pusat Statistik Provinsi NTB', contactRole: 'Plt Kepala, BPS Provinsi NTB', role: 'support' },
    { organisation: 'bappeda', organisationName: 'Badan Perencanaan Pembangunan dan Penelitian Daerah', contactRole: 'Kepala Badan, Bappeda Provinsi NTB', role: 'coordinate' },
  ],
  problem: [
    '- Data yang tersedia belum semua memenuhi standar data yang berkualitas sesuai dengan prinsip Satu Data Indonesia sehingga berpotensi tidak optimal dalam pemanfaatannya.',
    '- Regulasi pengelolaan data belum lengkap dan belum melibatkan stakeholder terkait.',
    '- Pemprov NTB memiliki sistem informasi untuk publikasi data pembangunan yang disebut Portal Satu Data NTB, namun, belum diintegrasikan dengan data geospasial dan data statistik kabupaten/kota.',
    '- Kualitas Sumber Daya Manusia pengelola data pada perangkat daerah belum optimal karena sering bergantinya petugas pengelola data dari perangkat daerah dan kompetensi yang tidak memadai.',
    '- Data yang dikumpulkan oleh perangkat daerah terkadang tidak sesuai dengan realita di lapangan dan tidak terjaga kelanjutannya.',
    '- Belum ditetapkannya daftar kebutuhan data yang mendukung program pembangunan NTB karena belum tersedianya arsitektur data Pemprov NTB.',
    '- Kegiatan Forum Data dan pengumpulan data statistik sektoral belum dilaksanakan oleh semua kabupaten/kota.',
  ].join('\n'),
  statusQuo: [
    '- Saat ini sudah terdapat Kesepakatan Bersama antara Pemerintah Provinsi NTB dengan Badan Pusat Statistik (BPS) Provinsi NTB dan Perjanjian Kerja Sama antara Dinas Komunikasi Informatika dan Statistik (Diskominfotik), BPS Provinsi NTB, dan Badan Perencanaan Pembangunan dan Penelitian Daerah (BAPPEDA) tentang Pengelolaan Data dan Informasi Pembangunan Daerah Menuju NTB Satu Data.',
    '- Dinas Kominfotik sebagai walidata hingga bulan Juli 2021 telah mengumpulkan data dari berbagai perangkat daerah sebagai produsen data dengan rincian : Persentase data sektoral terkumpul 94.30% dari 965 Jenis Data = 910 Jenis Data. Persentase data sektoral terpublikasi 92.54% dari 965 Jenis Data = 893 Jenis Data.',
    '- Sudah dibentuk Forum Data yang melibatkan seluruh organisasi perangkat daerah (OPD) Pemerintah Provinsi NTB serta BPS Provinsi NTB sebagai pembina data.',
    '- Sudah dibangun suatu sistem informasi untuk publikasi data pembangunan yang disebut Portal Satu Data NTB yang menerapkan konsep open data dan dapat diakses secara online oleh masyarakat luas di alamat : https://data.ntbprov.go.id',
  ].join('\n'),
  action:
    'Komitmen ini bertujuan untuk mewujudkan ketersediaan data yang akurat, mutakhir, terpadu, dapat dipertanggungjawabkan, mudah diakses, dan dibagipakaikan sebagai bahan perencanaan, pengambilan kebijakan dan evaluasi pembangunan di Provinsi NTB. Masyarakat umum juga dapat memanfaatkan berbagai data tersebut sesuai dengan kebutuhanya secara mudah tanpa melalui birokrasi yang berbelit',
  howSolves: [
    '- Penyelenggaraan Tata Kelola Data yang baik diharapkan akan menghasilkan data berkualitas yang sangat bermanfaat dalam pengambilan keputusan/kebijakan dalam proses pembangunan di daerah serta dapat meminimalisir adanya multitafsir dari pengguna data.',
    '- Dengan adanya sistem satu data masyarakat dimudahkan untuk mengakses dan mendapatkan data sesuai dengan kebutuhan tanpa melalui proses birokrasi yang rumit.',
    '- Sistem satu data akan berintegrasi dengan pengelolaan data yang berada di kabupaten/kota sehingga memudahkan koordinasi dan berbagipakai informasi antar kabupaten/kota.',
  ].join('\n'),
  longTermGoal:
    'Komitmen ini sejalan dengan tujuan jangka panjang Penyelenggaraan Pemerintahan Terbuka Provinsi NTB yaitu mewujudnya NTB Bersih dan Melayani. Melalui penyediaan data statistik sektoral NTB yang akurat, mutakhir, terpadu, mudah diakses, dan dibagipakaikan menggunakan portal satu data akan meningkatkan kualitas layanan informasi publik. Dari sisi penyelenggaraan pemerintahan, ketersediaan data pembangunan yang berkualitas akan sangat bermanfaat dalam perencanaan dan evaluasi pembangunan dan mendukung prinsip akuntabilitas dan transparansi pemerintahan',
  policyAreas: ['open-data', 'right-to-information'],
  sectors: ['public-services', 'science-technology'],
  values: [
    {
      value: 'tech-transparency',
      reason: 'Program Satu Data NTB menyediakan aplikasi sistem informasi untuk mempublikasikan data pembangunan yang dapat diakses oleh masyarakat umum',
    },
    {
      value: 'participation',
      reason: 'Masyarakat umum dapat berpartisipasi dalam bentuk mengakses berbagai jenis data secara bebas, memberikan masukkan jenis data yang harus disediakan dan berkonsultasi untuk memanfaatkan data yang sesuai dengan kebutuhannya.',
    },
  ],
  resources: {
    budgetAmount: 3312059196,
    currency: 'IDR',
    budgetNote: null,
    staff: 55,
    months: 36,
    other: '51 komputer',
  },
  secured: 'partially',
  additionalInfo: [
    '- Program Satu Data NTB telah dilaksanakan oleh Pemerintah Provinsi NTB sejak tahun 2017, dua tahun sebelum adanya kebijakan nasional Satu Data Indonesia.',
    '- Sejak tahun 2018-2021 jumlah data yang terpublikasi melalui portal sebanyak 2003 dataset yang dikelompokkan menjadi 3 sektor, yaitu sosial, ekonomi dan infrastruktur. Data yang terkumpul berasal dari seluruh perangkat daerah lingkup pemprov NTB.',
    '- Program Satu Data NTB selaras dan mendukung kebijakan Nasional Satu Data Indonesia sebagaimana yang tertuang dalam Peraturan Presiden Nomor 39 Tahun 2019 Tentang Satu Data Indonesia.',
    '- Penyelenggaraan tata kelola data menghasilkan data berkualitas dalam artian data yang dipublikasi merupakan data yang akurat, mutakhir, terpadu dan dapat dipertanggungjawabkan, serta mudah diakses dan dibagipakaikan melalui pemenuhan Standar Data, Metadata, Interoperabilitas Data dan menggunakan Kode Referensi dan Data Induk.',
  ].join('\n'),
  milestones: [
    {
      key: 'sd-01-regulasi',
      output: 'Penyusunan regulasi Satu Data NTB',
      startMonth: '2021-08', endMonth: '2021-12',
      responsible: ['diskominfotik'], responsibleNote: 'Diskominfotik Provinsi NTB',
      contactRoles: [KABID_STATISTIK],
      status: 'not_started',
    },
    {
      key: 'sd-02-forum',
      output: 'Rapat forum satu data (2 kali setahun)',
      startMonth: '2021-08', endMonth: '2023-12',
      responsible: ['diskominfotik'], responsibleNote: 'Diskominfotik Provinsi NTB',
      contactRoles: [KABID_STATISTIK],
      status: 'in_progress',
    },
    {
      key: 'sd-03-monev',
      output: 'Monitoring dan Evaluasi Data dalam Portal Satu Data NTB (1 kali seminggu)',
      startMonth: '2021-08', endMonth: '2023-12',
      responsible: ['diskominfotik'], responsibleNote: 'Diskominfotik Provinsi NTB',
      contactRoles: [KABID_STATISTIK],
      status: 'in_progress',
    },
    {
      key: 'sd-04-arsitektur',
      output: 'Penyusunan arsitektur data',
      startMonth: '2021-09', endMonth: '2021-11',
      responsible: ['diskominfotik'], responsibleNote: 'Diskominfotik Provinsi NTB',
      contactRoles: [KABID_STATISTIK],
      status: 'not_started',
    },
    {
      key: 'sd-05-data-prioritas',
      output: 'Penentuan daftar data yang mendukung program pembangunan NTB (data prioritas) berkala 1 kali dalam setahun',
      startMonth: '2021-11', endMonth: '2023-11',
      responsible: ['diskominfotik'], responsibleNote: 'Diskominfotik Provinsi NTB',
      contactRoles: [KABID_STATISTIK],
      status: 'in_progress',
    },
    {
      key: 'sd-06-integrasi-kabkota',
      output: 'Integrasi Portal Data Statistik Kabupaten/Kota ke dalam Portal NTB 1 Data',
      startMonth: '2022-01', endMonth: '2022-12',
      responsible: ['diskominfotik'], responsibleNote: 'Diskominfotik Provinsi NTB',
      contactRoles: [KABID_PTIK],
      status: 'not_started',
    },
    {
      key: 'sd-07-sinkronisasi',
      // "Koordiansi" is the source's spelling.
      output: 'Rapat Koordiansi Sinkronisasi dan Standarisasi Data Statistik Sektoral Kabupaten/Kota dengan Provinsi (4 kali dalam 1 tahun)',
      startMonth: '2021-09', endMonth: '2023-12',
      responsible: ['diskominfotik'], responsibleNote: 'Bidang Statistik Diskominfotik Provinsi NTB',
      contactRoles: [KABID_STATISTIK],
      status: 'not_started',
    },
    {
      key: 'sd-08-bimtek',
      output: 'Bimtek Peningkatan Kualitas Pengelolaan Data Statistik Sektoral (1 kali setahun)',
      startMonth: '2022-01', endMonth: '2023-12',
      responsible: ['bps-ntb', 'diskominfotik'], responsibleNote: 'Badan Pusat Statistik Provinsi NTB; Bidang Statistik Diskominfotik Provinsi NTB',
      contactRoles: [BPS_IPDS, KABID_STATISTIK],
      status: 'not_started',
    },
    {
      key: 'sd-09-integrasi-sdi',
      output: 'Integrasi Portal Satu Data NTB dengan Portal SDI',
      startMonth: '2022-07', endMonth: '2022-09',
      responsible: ['diskominfotik'], responsibleNote: 'Diskominfotik Provinsi NTB',
      contactRoles: [KABID_PTIK],
      status: 'not_started',
    },
  ],
};
