/**
 * Application registry import/export (XLSX). Row validation is a pure function so the rules are unit-tested;
 * the importer reports every bad row with its number and the column at fault, and imports nothing when any
 * row is bad (an agency fixes the sheet and uploads it again).
 */
import type ExcelJS from 'exceljs';
import { applicationCategories, applicationCategoryNames, type ApplicationCategory } from './seed/applications-2018.ts';

export const APPLICATION_STATUSES = ['planned', 'active', 'retired'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface ApplicationInput {
  name: string;
  category: ApplicationCategory;
  scope: 'umum' | 'khusus';
  ownerOrganisationId: string | null;
  url: string | null;
  hostedInDataCentre: boolean | null;
  integratedSimantra: boolean | null;
  status: ApplicationStatus;
  description: string | null;
}

export interface RowError {
  row: number;
  column: string;
  message: { id: string; en: string };
}

/** Column headers, Indonesian (as written in the template) → field. English headers are accepted too. */
export const APPLICATION_COLUMNS: Array<{ field: keyof ApplicationInput | 'owner'; id: string; en: string }> = [
  { field: 'name', id: 'Nama Aplikasi', en: 'Application name' },
  { field: 'category', id: 'Kategori', en: 'Category' },
  { field: 'scope', id: 'Umum/Khusus', en: 'General/Special' },
  { field: 'owner', id: 'Pemilik (OPD)', en: 'Owner (agency)' },
  { field: 'url', id: 'URL', en: 'URL' },
  { field: 'hostedInDataCentre', id: 'Di Pusat Data Provinsi', en: 'In provincial data centre' },
  { field: 'integratedSimantra', id: 'Terintegrasi SiMANTRA', en: 'Integrated via SiMANTRA' },
  { field: 'status', id: 'Status', en: 'Status' },
  { field: 'description', id: 'Keterangan', en: 'Description' },
];

const statusWords: Record<string, ApplicationStatus> = {
  planned: 'planned', rencana: 'planned', direncanakan: 'planned',
  active: 'active', aktif: 'active',
  retired: 'retired', 'tidak aktif': 'retired', nonaktif: 'retired', dihentikan: 'retired',
};

function norm(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function parseCategory(s: string): ApplicationCategory | null {
  const n = norm(s);
  for (const c of applicationCategories) {
    if (n === c || n === norm(applicationCategoryNames[c].id) || n === norm(applicationCategoryNames[c].en)) return c;
  }
  return null;
}

function parseYesNo(s: string): boolean | null | 'bad' {
  const n = norm(s);
  if (n === '') return null;
  if (['ya', 'yes', 'y', 'true', '1'].includes(n)) return true;
  if (['tidak', 'no', 'n', 'false', '0'].includes(n)) return false;
  return 'bad';
}

/**
 * Validate one row (cells by field). `resolveOrg` maps an agency name/short name to its id (null = unknown).
 */
export function validateApplicationRow(
  row: number,
  cells: Partial<Record<keyof ApplicationInput | 'owner', string>>,
  resolveOrg: (nameOrShort: string) => string | null,
): { value: ApplicationInput | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const err = (column: string, id: string, en: string): void => {
    errors.push({ row, column, message: { id, en } });
  };
  const name = (cells.name ?? '').trim();
  if (!name) err('Nama Aplikasi', 'Nama aplikasi wajib diisi.', 'The application name is required.');
  else if (name.length > 200) err('Nama Aplikasi', 'Nama aplikasi paling banyak 200 karakter.', 'The application name is at most 200 characters.');
  const category = parseCategory(cells.category ?? '');
  if (!category) err('Kategori', `Kategori "${cells.category ?? ''}" tidak dikenal; pilih salah satu: ${applicationCategories.map((c) => applicationCategoryNames[c].id).join(', ')}.`, `Unknown category "${cells.category ?? ''}"; use one of: ${applicationCategories.map((c) => applicationCategoryNames[c].en).join(', ')}.`);
  const scopeText = norm(cells.scope ?? '');
  const scope = scopeText === 'umum' || scopeText === 'general' ? 'umum' : scopeText === 'khusus' || scopeText === 'special' ? 'khusus' : null;
  if (!scope) err('Umum/Khusus', `Isi "umum" atau "khusus", bukan "${cells.scope ?? ''}".`, `Use "umum" (general) or "khusus" (special), not "${cells.scope ?? ''}".`);
  let ownerOrganisationId: string | null = null;
  const owner = (cells.owner ?? '').trim();
  if (owner) {
    ownerOrganisationId = resolveOrg(owner);
    if (!ownerOrganisationId) err('Pemilik (OPD)', `Organisasi "${owner}" tidak ada dalam daftar organisasi.`, `Organisation "${owner}" is not in the organisation registry.`);
  }
  let url: string | null = (cells.url ?? '').trim() || null;
  if (url) {
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
    } catch {
      err('URL', `URL "${url}" tidak sah (harus diawali http:// atau https://).`, `URL "${url}" is not valid (must start with http:// or https://).`);
      url = null;
    }
  }
  const dc = parseYesNo(cells.hostedInDataCentre ?? '');
  if (dc === 'bad') err('Di Pusat Data Provinsi', 'Isi "ya" atau "tidak".', 'Use "ya" (yes) or "tidak" (no).');
  const sb = parseYesNo(cells.integratedSimantra ?? '');
  if (sb === 'bad') err('Terintegrasi SiMANTRA', 'Isi "ya" atau "tidak".', 'Use "ya" (yes) or "tidak" (no).');
  const statusText = norm(cells.status ?? '');
  const status = statusText === '' ? 'active' : statusWords[statusText];
  if (!status) err('Status', `Status "${cells.status ?? ''}" tidak dikenal; isi rencana, aktif, atau tidak aktif.`, `Unknown status "${cells.status ?? ''}"; use planned, active or retired.`);
  const description = (cells.description ?? '').trim() || null;
  if (errors.length) return { value: null, errors };
  return {
    value: {
      name, category: category!, scope: scope!, ownerOrganisationId, url,
      hostedInDataCentre: dc as boolean | null, integratedSimantra: sb as boolean | null,
      status: status!, description,
    },
    errors,
  };
}

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('hyperlink' in v) return String((v as { text?: unknown }).text ?? v.hyperlink);
    if ('text' in v) return String(v.text);
    if ('result' in v) return String(v.result ?? '');
  }
  return String(v);
}

/** Read the first sheet; rows keyed by field via the header row (Indonesian or English headers). */
export async function readApplicationSheet(buf: Buffer): Promise<{ rows: Array<{ row: number; cells: Partial<Record<string, string>> }>; error: RowError | null }> {
  const ExcelJS = (await import('exceljs')).default; // loaded on use: keeps the server's resident memory small
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    return { rows: [], error: { row: 0, column: '', message: { id: 'Berkas bukan XLSX yang sah.', en: 'The file is not a valid XLSX workbook.' } } };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { rows: [], error: { row: 0, column: '', message: { id: 'Buku kerja tidak memiliki lembar.', en: 'The workbook has no sheet.' } } };
  const fieldAt: Record<number, string> = {};
  ws.getRow(1).eachCell((c, col) => {
    const h = norm(text(c.value));
    const m = APPLICATION_COLUMNS.find((x) => norm(x.id) === h || norm(x.en) === h || norm(x.field) === h);
    if (m) fieldAt[col] = m.field;
  });
  const missing = APPLICATION_COLUMNS.filter((c) => ['name', 'category', 'scope'].includes(c.field) && !Object.values(fieldAt).includes(c.field));
  if (missing.length) {
    return { rows: [], error: { row: 1, column: missing.map((m) => m.id).join(', '), message: { id: `Kolom wajib tidak ada: ${missing.map((m) => m.id).join(', ')}.`, en: `Required columns missing: ${missing.map((m) => m.en).join(', ')}.` } } };
  }
  const rows: Array<{ row: number; cells: Partial<Record<string, string>> }> = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const cells: Record<string, string> = {};
    let any = false;
    r.eachCell((c, col) => {
      const f = fieldAt[col];
      if (!f) return;
      cells[f] = text(c.value).trim();
      if (cells[f]) any = true;
    });
    if (any) rows.push({ row: n, cells });
  });
  return { rows, error: null };
}

export interface ApplicationExportRow {
  name: string;
  category: ApplicationCategory;
  scope: string;
  owner: string | null;
  url: string | null;
  hostedInDataCentre: boolean | null;
  integratedSimantra: boolean | null;
  status: ApplicationStatus;
  description: string | null;
}

const yn = (b: boolean | null): string => (b === null ? '' : b ? 'ya' : 'tidak');
const statusId: Record<ApplicationStatus, string> = { planned: 'rencana', active: 'aktif', retired: 'tidak aktif' };

/** Export in the same layout the importer reads (so an export is also the import template). */
export async function applicationsToXlsx(rows: ApplicationExportRow[]): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default; // loaded on use: keeps the server's resident memory small
  const wb = new ExcelJS.Workbook();
  wb.creator = 'NTB Terbuka';
  const ws = wb.addWorksheet('Aplikasi');
  ws.addRow(APPLICATION_COLUMNS.map((c) => c.id)).font = { bold: true };
  for (const r of rows) {
    ws.addRow([r.name, applicationCategoryNames[r.category].id, r.scope, r.owner ?? '', r.url ?? '', yn(r.hostedInDataCentre), yn(r.integratedSimantra), statusId[r.status], r.description ?? '']);
  }
  ws.columns.forEach((c, i) => {
    c.width = i === 0 || i === 8 ? 40 : 20;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
