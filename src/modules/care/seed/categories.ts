/**
 * Complaint categories for NTB (seed; the admin edits them in the database). Each category is an
 * Open311 service: `code` is its service_code. Routing follows the division of authority of
 * UU 23/2014 on regional government: where a matter is the regency/city's (roads of the regency,
 * primary schools, puskesmas, civil registration, waste, drinking water), a report is routed to the
 * government of the region it is in, and to the provincial agency when no region is given; where it
 * is the province's (senior high schools, provincial hospitals, vehicle tax, forestry, licensing),
 * it goes to the provincial agency everywhere.
 */
export interface CategoryAttributeSeed {
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  description: { id: string; en: string };
  values?: Array<{ key: string; name: { id: string; en: string } }>;
}

export interface CategorySeed {
  code: string;
  group: { id: string; en: string };
  name: { id: string; en: string };
  description: { id: string; en: string };
  keywords: string[];
  /**
   * 'region': the regency/city government of the report's region; 'province': always `provincial`;
   * 'admin': no rule — the complaint administrator routes by hand.
   */
  authority: 'region' | 'province' | 'admin';
  /** Provincial organisation: owner for 'province', fallback without region for 'region'. */
  provincial: string;
  /** Follow-up budget in working days if not the default 5. */
  followUpWorkingDays?: number;
  attributes?: CategoryAttributeSeed[];
}

const t = (id: string, en: string) => ({ id, en });

export const categorySeeds: readonly CategorySeed[] = [
  {
    code: 'jalan-jembatan', group: t('Infrastruktur', 'Infrastructure'), name: t('Jalan dan jembatan', 'Roads and bridges'),
    description: t('Jalan berlubang, rusak, longsor, jembatan rusak.', 'Potholes, damaged roads, landslides, broken bridges.'),
    keywords: ['jalan', 'jembatan', 'lubang', 'aspal'], authority: 'region', provincial: 'dinas-pupr',
    attributes: [{
      code: 'jenis_kerusakan', datatype: 'singlevaluelist', required: false,
      description: t('Jenis kerusakan', 'Kind of damage'),
      values: [
        { key: 'berlubang', name: t('Berlubang', 'Pothole') },
        { key: 'retak', name: t('Retak/amblas', 'Cracked/subsided') },
        { key: 'longsor', name: t('Longsor', 'Landslide') },
        { key: 'jembatan', name: t('Jembatan rusak', 'Broken bridge') },
      ],
    }],
  },
  {
    code: 'lampu-jalan', group: t('Infrastruktur', 'Infrastructure'), name: t('Penerangan jalan umum', 'Street lighting'),
    description: t('Lampu jalan mati atau rusak.', 'Street lights out or broken.'),
    keywords: ['lampu', 'pju', 'penerangan'], authority: 'region', provincial: 'dinas-perhubungan',
    attributes: [{ code: 'nomor_tiang', datatype: 'string', required: false, description: t('Nomor tiang (jika ada)', 'Pole number (if any)') }],
  },
  {
    code: 'air-bersih', group: t('Infrastruktur', 'Infrastructure'), name: t('Air bersih dan sanitasi', 'Water and sanitation'),
    description: t('Air PDAM tidak mengalir, pipa bocor, drainase tersumbat.', 'No piped water, leaking pipes, blocked drains.'),
    keywords: ['air', 'pdam', 'drainase', 'banjir'], authority: 'region', provincial: 'dinas-pupr',
  },
  {
    code: 'sampah-kebersihan', group: t('Lingkungan', 'Environment'), name: t('Sampah dan kebersihan', 'Waste and cleanliness'),
    description: t('Sampah tidak diangkut, TPS liar, pembakaran sampah.', 'Uncollected waste, illegal dumps, burning.'),
    keywords: ['sampah', 'tps', 'kebersihan'], authority: 'region', provincial: 'dinas-lhk',
  },
  {
    code: 'lingkungan-kehutanan', group: t('Lingkungan', 'Environment'), name: t('Pencemaran, hutan dan tambang', 'Pollution, forests and mining'),
    description: t('Pencemaran, pembalakan liar, tambang tanpa izin.', 'Pollution, illegal logging, unlicensed mining.'),
    keywords: ['hutan', 'pencemaran', 'tambang', 'limbah'], authority: 'province', provincial: 'dinas-lhk',
  },
  {
    code: 'sekolah-dasar-menengah', group: t('Pendidikan', 'Education'), name: t('PAUD, SD dan SMP', 'Early, primary and junior secondary schools'),
    description: t('Layanan sekolah, pungutan, gedung sekolah rusak (PAUD/SD/SMP).', 'School services, levies, damaged buildings.'),
    keywords: ['sd', 'smp', 'sekolah', 'guru', 'zonasi'], authority: 'region', provincial: 'dikbud',
  },
  {
    code: 'sma-smk-slb', group: t('Pendidikan', 'Education'), name: t('SMA, SMK dan SLB', 'Senior high, vocational and special schools'),
    description: t('Layanan SMA/SMK/SLB, PPDB, pungutan, beasiswa provinsi.', 'Senior schools, admissions, levies, scholarships.'),
    keywords: ['sma', 'smk', 'slb', 'ppdb', 'beasiswa'], authority: 'province', provincial: 'dikbud',
  },
  {
    code: 'puskesmas-kesehatan', group: t('Kesehatan', 'Health'), name: t('Puskesmas dan layanan kesehatan', 'Health centres and health services'),
    description: t('Layanan puskesmas, posyandu, BPJS di fasilitas daerah, stunting.', 'Health centres, posyandu, insurance at local facilities.'),
    keywords: ['puskesmas', 'bpjs', 'posyandu', 'obat'], authority: 'region', provincial: 'dinas-kesehatan',
  },
  {
    code: 'rumah-sakit-provinsi', group: t('Kesehatan', 'Health'), name: t('Rumah sakit milik provinsi', 'Provincial hospitals'),
    description: t('Layanan RSUD Provinsi, RSJ Mutiara Sukma, RS H.L. Manambai Abdul Kadir.', 'Services of the provincial hospitals.'),
    keywords: ['rsud', 'rumah sakit', 'rsj'], authority: 'province', provincial: 'rsud-provinsi', followUpWorkingDays: 3,
    attributes: [{
      code: 'rumah_sakit', datatype: 'singlevaluelist', required: true, description: t('Rumah sakit', 'Hospital'),
      values: [
        { key: 'rsud-provinsi', name: t('RSUD Provinsi NTB', 'NTB Provincial General Hospital') },
        { key: 'rsj-mutiara-sukma', name: t('RSJ Mutiara Sukma', 'Mutiara Sukma Mental Hospital') },
        { key: 'rs-manambai', name: t('RS H.L. Manambai Abdul Kadir', 'H.L. Manambai Abdul Kadir Hospital') },
      ],
    }],
  },
  {
    code: 'kependudukan', group: t('Administrasi', 'Administration'), name: t('KTP, KK dan akta', 'ID cards, family cards and certificates'),
    description: t('Pelayanan KTP-el, KK, akta kelahiran/kematian.', 'e-ID, family card, birth/death certificates.'),
    keywords: ['ktp', 'kk', 'akta', 'dukcapil'], authority: 'region', provincial: 'dinas-pmpd-dukcapil',
  },
  {
    code: 'bantuan-sosial', group: t('Sosial', 'Social'), name: t('Bantuan sosial', 'Social assistance'),
    description: t('PKH, BPNT, BLT, DTKS: tidak tepat sasaran atau tidak diterima.', 'Cash and food aid not received or mistargeted.'),
    keywords: ['bansos', 'pkh', 'bpnt', 'blt', 'dtks'], authority: 'region', provincial: 'dinas-sosial',
    attributes: [{
      code: 'jenis_bantuan', datatype: 'singlevaluelist', required: false, description: t('Jenis bantuan', 'Kind of aid'),
      values: [
        { key: 'pkh', name: t('PKH', 'PKH') }, { key: 'bpnt', name: t('BPNT/Sembako', 'BPNT food aid') },
        { key: 'blt', name: t('BLT', 'Direct cash aid') }, { key: 'lainnya', name: t('Lainnya', 'Other') },
      ],
    }],
  },
  {
    code: 'perlindungan-perempuan-anak', group: t('Sosial', 'Social'), name: t('Perlindungan perempuan dan anak', 'Protection of women and children'),
    description: t('Kekerasan, perkawinan anak, layanan perlindungan.', 'Violence, child marriage, protection services.'),
    keywords: ['kekerasan', 'anak', 'perempuan', 'pernikahan dini'], authority: 'province', provincial: 'dp3ap2kb', followUpWorkingDays: 3,
  },
  {
    code: 'ketenagakerjaan', group: t('Ekonomi', 'Economy'), name: t('Ketenagakerjaan dan PMI', 'Labour and migrant workers'),
    description: t('Upah, PHK, pekerja migran Indonesia (PMI), pelatihan kerja.', 'Wages, dismissals, migrant workers, job training.'),
    keywords: ['upah', 'phk', 'pmi', 'tki', 'kerja'], authority: 'province', provincial: 'disnakertrans',
  },
  {
    code: 'perizinan', group: t('Ekonomi', 'Economy'), name: t('Perizinan dan investasi', 'Licensing and investment'),
    description: t('Layanan izin provinsi, OSS, lambat atau pungutan.', 'Provincial licences, slow service or levies.'),
    keywords: ['izin', 'oss', 'investasi'], authority: 'province', provincial: 'dpmptsp',
  },
  {
    code: 'pajak-kendaraan', group: t('Ekonomi', 'Economy'), name: t('Pajak kendaraan dan Samsat', 'Vehicle tax and Samsat'),
    description: t('Pelayanan Samsat, e-Samsat, pajak kendaraan bermotor.', 'Vehicle tax offices and e-Samsat.'),
    keywords: ['samsat', 'pajak', 'stnk', 'pkb'], authority: 'province', provincial: 'bappenda',
  },
  {
    code: 'harga-pangan', group: t('Ekonomi', 'Economy'), name: t('Harga dan ketersediaan bahan pokok', 'Food prices and supply'),
    description: t('Harga naik tidak wajar, kelangkaan, pasar.', 'Unusual price rises, shortages, markets.'),
    keywords: ['harga', 'beras', 'minyak', 'pasar'], authority: 'province', provincial: 'dinas-perdagangan',
  },
  {
    code: 'pertanian', group: t('Ekonomi', 'Economy'), name: t('Pertanian, pupuk dan irigasi usaha tani', 'Agriculture and fertiliser'),
    description: t('Pupuk bersubsidi, bibit, alat pertanian.', 'Subsidised fertiliser, seeds, equipment.'),
    keywords: ['pupuk', 'bibit', 'petani'], authority: 'province', provincial: 'distanbun',
  },
  {
    code: 'peternakan-perikanan', group: t('Ekonomi', 'Economy'), name: t('Peternakan, kelautan dan perikanan', 'Livestock, marine and fisheries'),
    description: t('Penyakit hewan, bantuan ternak, nelayan.', 'Animal disease, livestock aid, fishers.'),
    keywords: ['sapi', 'ternak', 'nelayan', 'ikan'], authority: 'province', provincial: 'disnakkeswan',
  },
  {
    code: 'transportasi', group: t('Infrastruktur', 'Infrastructure'), name: t('Transportasi dan lalu lintas', 'Transport and traffic'),
    description: t('Angkutan umum, terminal, pelabuhan penyeberangan, rambu.', 'Public transport, terminals, ferries, signs.'),
    keywords: ['angkutan', 'terminal', 'kapal', 'rambu'], authority: 'province', provincial: 'dinas-perhubungan',
  },
  {
    code: 'listrik-energi', group: t('Infrastruktur', 'Infrastructure'), name: t('Listrik dan energi', 'Electricity and energy'),
    description: t('Elektrifikasi desa, BBM/LPG, PLTS.', 'Village electrification, fuel and LPG, solar.'),
    keywords: ['listrik', 'lpg', 'bbm', 'plts'], authority: 'province', provincial: 'dinas-esdm',
  },
  {
    code: 'bencana', group: t('Keselamatan', 'Safety'), name: t('Bencana dan kedaruratan', 'Disasters and emergencies'),
    description: t('Banjir, gempa, kebakaran, bantuan pascabencana.', 'Floods, earthquakes, fires, post-disaster aid.'),
    keywords: ['banjir', 'gempa', 'longsor', 'bencana'], authority: 'province', provincial: 'bpbd', followUpWorkingDays: 2,
  },
  {
    code: 'ketertiban-umum', group: t('Keselamatan', 'Safety'), name: t('Ketertiban umum', 'Public order'),
    description: t('Pelanggaran perda, PKL, bangunan liar.', 'By-law violations, street vendors, illegal buildings.'),
    keywords: ['satpol', 'pkl', 'perda'], authority: 'region', provincial: 'satpol-pp',
  },
  {
    code: 'pariwisata', group: t('Ekonomi', 'Economy'), name: t('Pariwisata', 'Tourism'),
    description: t('Destinasi wisata, pungutan liar di objek wisata, fasilitas.', 'Destinations, illegal levies, facilities.'),
    keywords: ['wisata', 'pantai', 'gili', 'mandalika'], authority: 'province', provincial: 'dinas-pariwisata',
  },
  {
    code: 'kepegawaian-asn', group: t('Administrasi', 'Administration'), name: t('Kepegawaian dan disiplin ASN provinsi', 'Provincial civil servants'),
    description: t('Disiplin, pelayanan, dan perilaku ASN Pemprov NTB.', 'Discipline and conduct of provincial civil servants.'),
    keywords: ['asn', 'pns', 'pegawai'], authority: 'province', provincial: 'bkd',
  },
  {
    code: 'informasi-publik', group: t('Administrasi', 'Administration'), name: t('Informasi publik dan layanan digital', 'Public information and digital services'),
    description: t('Permintaan informasi, situs web pemerintah, aplikasi layanan.', 'Information requests, government websites and apps.'),
    keywords: ['informasi', 'website', 'aplikasi', 'ppid'], authority: 'province', provincial: 'diskominfotik',
  },
  {
    code: 'lainnya', group: t('Lainnya', 'Other'), name: t('Lainnya', 'Other'),
    description: t('Hal lain; administrator akan meneruskan ke instansi yang tepat.', 'Anything else; the administrator routes it.'),
    keywords: [], authority: 'admin', provincial: 'diskominfotik',
  },
];
