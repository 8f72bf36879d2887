/**
 * The seed writes organisations the way people say them ("Dinas Kominfotik", "Dinas Kominfo", "Biro APP",
 * "Koperasi, Usaha Kecil dan Menengah"). This maps those spellings to slugs of the core organisation registry;
 * anything not here is matched on the registry's name or short name.
 */
export const ORG_ALIASES: Record<string, string> = {
  'dinas kominfotik': 'diskominfotik',
  'dinas kominfo': 'diskominfotik',
  'dinas komunikasi informasi dan statistik': 'diskominfotik',
  'dinas komunikasi, informatika dan statistik': 'diskominfotik',
  'perangkat daerah difasilitasi dinas kominfo': 'diskominfotik',
  'biro app': 'biro-pengendalian-pembangunan',
  'biro bina administrasi pengendalian pembangunan dan lpbjp': 'biro-pengendalian-pembangunan',
  'biro organisasi': 'biro-organisasi',
  'biro hukum': 'biro-hukum',
  'biro pemerintahan': 'biro-pemerintahan',
  'biro humas dan protokol': 'biro-humas-protokol',
  'biro kesejahteraan rakyat': 'biro-kesra',
  bappeda: 'bappeda',
  bpkad: 'bpkad',
  'badan pengelolaan keuangan dan aset daerah': 'bpkad',
  bkd: 'bkd',
  'badan kepegawaian daerah': 'bkd',
  bpsdm: 'bpsdm',
  inspektorat: 'inspektorat',
  'badan penanggulangan bencana daerah': 'bpbd',
  'badan pengelolaan pendapatan daerah': 'bappenda',
  'dinas perumahan dan permukiman': 'dinas-perkim',
  'koperasi, usaha kecil dan menengah': 'dinas-koperasi-ukm',
  dpmpptsp: 'dpmptsp',
  'dinas penanaman modal dan pelayanan terpadu satu pintu': 'dpmptsp',
  dp3ap2kb: 'dp3ap2kb',
  'rumah sakit h.l. manambai abdul kadir': 'rs-manambai',
  'rumah sakit umum daerah provinsi': 'rsud-provinsi',
  'rumah sakit jiwa mutiara sukma provinsi': 'rsj-mutiara-sukma',
  'dinas pemberdayaan masyarakat, pemerintahan desa, kependudukan dan pencatatan sipil': 'dinas-pmpd-dukcapil',
};

export function normOrg(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Split a responsible-organisation text as written into individual organisations. The seed separates them
 * with commas or just spaces ("Dinas Kominfotik Biro Organisasi Biro Hukum …"), and some names contain
 * commas themselves; so we match known names greedily.
 */
export function splitOrganisations(text: string, knownNames: string[]): string[] {
  const known = [...new Set([...knownNames.map(normOrg), ...Object.keys(ORG_ALIASES)])].sort((a, b) => b.length - a.length);
  let rest = normOrg(text).replace(/^,\s*/, '');
  const out: string[] = [];
  while (rest.length) {
    const hit = known.find((k) => rest === k || rest.startsWith(k + ' ') || rest.startsWith(k + ','));
    if (!hit) break;
    out.push(hit);
    rest = rest.slice(hit.length).replace(/^[\s,]+/, '');
  }
  return rest.length ? [] : out;
}
