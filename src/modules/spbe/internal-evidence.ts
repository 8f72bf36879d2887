/**
 * Which services of NTB Terbuka itself can serve as evidence for an indicator (brief: "SPBE indicators link
 * to the platform services that serve as their evidence", e.g. indicator 32, public complaints ↔ NTB Care).
 * Matched on the indicator's name so it works for any framework version.
 */
export interface InternalEvidence {
  label: { id: string; en: string };
  url: string;
}

const RULES: Array<{ pattern: RegExp; items: InternalEvidence[] }> = [
  { pattern: /pengaduan/i, items: [{ label: { id: 'NTB Care — pengaduan publik dan kinerja tindak lanjut', en: 'NTB Care — public complaints and follow-up performance' }, url: '/pengaduan' }] },
  { pattern: /whistle|wbs/i, items: [{ label: { id: 'NTB Care — modul WBS', en: 'NTB Care — WBS module' }, url: '/pengaduan' }] },
  { pattern: /data terbuka|manajemen data|satu data/i, items: [{ label: { id: 'Portal Satu Data NTB', en: 'Satu Data NTB portal' }, url: '/data' }] },
  { pattern: /proses bisnis/i, items: [{ label: { id: 'Peta proses bisnis Pemprov NTB', en: 'Business-process map of the province' }, url: '/spbe/arsitektur' }] },
  { pattern: /rencana induk|peta rencana|arsitektur/i, items: [{ label: { id: 'Peta rencana SPBE dan kemajuannya', en: 'SPBE roadmap and its progress' }, url: '/spbe/peta-rencana' }, { label: { id: 'Arsitektur proses bisnis dan data', en: 'Business-process and data architecture' }, url: '/spbe/arsitektur' }] },
  { pattern: /aplikasi|penghubung|integrasi sistem/i, items: [{ label: { id: 'Daftar aplikasi SPBE', en: 'SPBE application registry' }, url: '/spbe/aplikasi' }] },
  { pattern: /layanan publik/i, items: [{ label: { id: 'Daftar aplikasi layanan publik', en: 'Public-service applications' }, url: '/spbe/aplikasi?category=public_service' }] },
  { pattern: /keterbukaan|kolaborasi/i, items: [{ label: { id: 'Rencana aksi keterbukaan', en: 'Open-government action plans' }, url: '/rencana-aksi' }] },
];

export function internalEvidenceFor(indicatorName: string): InternalEvidence[] {
  const out: InternalEvidence[] = [];
  for (const r of RULES) {
    if (!r.pattern.test(indicatorName)) continue;
    for (const i of r.items) if (!out.some((o) => o.url === i.url)) out.push(i);
  }
  return out;
}

/** A Satu Data reference: a slug ("indeks-spbe"), a path inside the platform ("/data/x") or an http(s) URL. */
export function isDataRef(s: string): boolean {
  return /^(\/(?!\/)\S*|https?:\/\/\S+|[a-z0-9][a-z0-9._-]*(\/[a-z0-9._-]+)*)$/i.test(s) && s.length <= 500;
}

/** Where a data reference points. */
export function dataRefHref(s: string): string {
  return s.startsWith('/') || /^https?:\/\//i.test(s) ? s : `/data/${s}`;
}
