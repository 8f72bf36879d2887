/**
 * Reading and writing frameworks as JSON or XLSX. The XLSX layout (one sheet per level) is what the export
 * produces, so an admin can download the current framework, edit a copy and import it as a new version.
 *
 *   Kerangka  : key | value            (code, name, regulation, version, maxLevel)
 *   Domain    : code | name | weight
 *   Aspek     : code | domain | name | weight
 *   Indikator : code | aspect | number | name | type (process/technical) | per_service (ya/tidak)
 *   Tingkat   : type | level | name | description
 *   Predikat  : min | max | name | name_en
 */
import type ExcelJS from 'exceljs';
import type { Framework, FrameworkProblem, IndicatorType, LevelDescriptor } from './framework.ts';
import { validateFramework } from './framework.ts';

export interface ParsedFramework {
  framework: Framework | null;
  problems: FrameworkProblem[];
}

function p(path: string, id: string, en: string): FrameworkProblem {
  return { code: 'bad_value', path, message: { id, en } };
}

/** Parse a JSON document (string or already-parsed) into a framework and its problems. */
export function parseFrameworkJson(input: unknown): ParsedFramework {
  let v: unknown = input;
  if (typeof input === 'string' || input instanceof Uint8Array) {
    try {
      v = JSON.parse(typeof input === 'string' ? input : Buffer.from(input).toString('utf8'));
    } catch (e) {
      return { framework: null, problems: [p('', `Berkas bukan JSON yang sah: ${(e as Error).message}`, `The file is not valid JSON: ${(e as Error).message}`)] };
    }
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    return { framework: null, problems: [p('', 'Dokumen JSON harus berupa objek kerangka.', 'The JSON document must be a framework object.')] };
  }
  const o = v as Record<string, unknown>;
  const fw: Framework = {
    code: String(o.code ?? ''),
    name: String(o.name ?? ''),
    regulation: o.regulation === undefined ? undefined : String(o.regulation),
    version: String(o.version ?? ''),
    maxLevel: o.maxLevel === undefined ? 5 : Number(o.maxLevel),
    levelScales: (o.levelScales as Framework['levelScales']) ?? { process: [], technical: [] },
    domains: Array.isArray(o.domains) ? (o.domains as Framework['domains']) : [],
    aspects: Array.isArray(o.aspects) ? (o.aspects as Framework['aspects']) : [],
    indicators: Array.isArray(o.indicators) ? (o.indicators as Framework['indicators']) : [],
    predicates: Array.isArray(o.predicates) ? (o.predicates as Framework['predicates']) : [],
  };
  return { framework: fw, problems: validateFramework(fw) };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return String(v.result ?? '');
  }
  return String(v).trim();
}

function cellNumber(v: ExcelJS.CellValue): number {
  const s = cellText(v).replace('%', '').replace(',', '.').trim();
  return s === '' ? Number.NaN : Number(s);
}

const yes = (s: string): boolean => /^(ya|yes|y|true|1)$/i.test(s.trim());

/** Rows of a sheet as header-keyed records (header lower-cased), with their 1-based row numbers. */
function records(ws: ExcelJS.Worksheet | undefined): Array<{ row: number; cells: Record<string, ExcelJS.CellValue> }> {
  if (!ws) return [];
  const header: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (c, col) => {
    header[col] = cellText(c.value).toLowerCase();
  });
  const out: Array<{ row: number; cells: Record<string, ExcelJS.CellValue> }> = [];
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    if (n === 1) return;
    const cells: Record<string, ExcelJS.CellValue> = {};
    let any = false;
    r.eachCell({ includeEmpty: false }, (c, col) => {
      if (header[col]) {
        cells[header[col]] = c.value;
        if (cellText(c.value) !== '') any = true;
      }
    });
    if (any) out.push({ row: n, cells });
  });
  return out;
}

/** Parse an XLSX workbook in the layout above. Missing sheets are reported by name. */
export async function parseFrameworkXlsx(buf: Buffer | ArrayBuffer): Promise<ParsedFramework> {
  const ExcelJS = (await import('exceljs')).default; // loaded on use: keeps the server's resident memory small
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as ArrayBuffer);
  } catch (e) {
    return { framework: null, problems: [p('', `Berkas bukan XLSX yang sah: ${(e as Error).message}`, `The file is not a valid XLSX workbook: ${(e as Error).message}`)] };
  }
  const sheet = (name: string): ExcelJS.Worksheet | undefined => wb.worksheets.find((w) => w.name.trim().toLowerCase() === name.toLowerCase());
  const problems: FrameworkProblem[] = [];
  for (const name of ['Kerangka', 'Domain', 'Aspek', 'Indikator', 'Tingkat', 'Predikat']) {
    if (!sheet(name)) problems.push(p(name, `Lembar "${name}" tidak ada.`, `Sheet "${name}" is missing.`));
  }
  if (problems.length) return { framework: null, problems };

  const meta: Record<string, string> = {};
  sheet('Kerangka')!.eachRow((r) => {
    const k = cellText(r.getCell(1).value).toLowerCase();
    if (k && k !== 'key' && k !== 'kunci') meta[k] = cellText(r.getCell(2).value);
  });
  const levelScales: Record<IndicatorType, LevelDescriptor[]> = { process: [], technical: [] };
  for (const { row, cells } of records(sheet('Tingkat'))) {
    const type = cellText(cells.type ?? cells.jenis) as IndicatorType;
    if (type !== 'process' && type !== 'technical') {
      problems.push(p(`Tingkat!${row}`, `Baris ${row} lembar Tingkat: jenis "${type}" harus process atau technical.`, `Row ${row} of sheet Tingkat: type "${type}" must be process or technical.`));
      continue;
    }
    levelScales[type].push({ level: cellNumber(cells.level ?? cells.tingkat), name: cellText(cells.name ?? cells.nama), description: cellText(cells.description ?? cells.deskripsi) || undefined });
  }
  const fw: Framework = {
    code: meta.code ?? meta.kode ?? '',
    name: meta.name ?? meta.nama ?? '',
    regulation: meta.regulation ?? meta.regulasi ?? undefined,
    version: meta.version ?? meta.versi ?? '',
    maxLevel: meta.maxlevel ? Number(meta.maxlevel) : 5,
    levelScales,
    domains: records(sheet('Domain')).map(({ cells }) => ({ code: cellText(cells.code ?? cells.kode), name: cellText(cells.name ?? cells.nama), weight: cellNumber(cells.weight ?? cells.bobot) })),
    aspects: records(sheet('Aspek')).map(({ cells }) => ({ code: cellText(cells.code ?? cells.kode), domain: cellText(cells.domain), name: cellText(cells.name ?? cells.nama), weight: cellNumber(cells.weight ?? cells.bobot) })),
    indicators: records(sheet('Indikator')).map(({ cells }) => {
      const perService = yes(cellText(cells.per_service ?? cells.per_layanan));
      return {
        code: cellText(cells.code ?? cells.kode),
        aspect: cellText(cells.aspect ?? cells.aspek),
        number: cellNumber(cells.number ?? cells.nomor),
        name: cellText(cells.name ?? cells.nama),
        type: cellText(cells.type ?? cells.jenis) as IndicatorType,
        ...(perService ? { perService } : {}),
      };
    }),
    predicates: records(sheet('Predikat')).map(({ cells }) => ({ min: cellNumber(cells.min), max: cellNumber(cells.max), name: cellText(cells.name ?? cells.nama), nameEn: cellText(cells.name_en) || undefined })),
  };
  return { framework: fw, problems: [...problems, ...validateFramework(fw)] };
}

/** Write a framework as an XLSX workbook in the layout parseFrameworkXlsx reads. */
export async function frameworkToXlsx(fw: Framework): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default; // loaded on use: keeps the server's resident memory small
  const wb = new ExcelJS.Workbook();
  wb.creator = 'NTB Terbuka';
  const add = (name: string, header: string[], rows: unknown[][]): void => {
    const ws = wb.addWorksheet(name);
    ws.addRow(header).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.columns.forEach((c) => {
      c.width = 18;
    });
  };
  add('Kerangka', ['key', 'value'], [['code', fw.code], ['name', fw.name], ['regulation', fw.regulation ?? ''], ['version', fw.version], ['maxLevel', fw.maxLevel]]);
  add('Domain', ['code', 'name', 'weight'], fw.domains.map((d) => [d.code, d.name, d.weight]));
  add('Aspek', ['code', 'domain', 'name', 'weight'], fw.aspects.map((a) => [a.code, a.domain, a.name, a.weight]));
  add('Indikator', ['code', 'aspect', 'number', 'name', 'type', 'per_service'], fw.indicators.map((i) => [i.code, i.aspect, i.number, i.name, i.type, i.perService ? 'ya' : 'tidak']));
  add('Tingkat', ['type', 'level', 'name', 'description'], (['process', 'technical'] as const).flatMap((t) => fw.levelScales[t].map((l) => [t, l.level, l.name, l.description ?? ''])));
  add('Predikat', ['min', 'max', 'name', 'name_en'], fw.predicates.map((b) => [b.min, b.max, b.name, b.nameEn ?? '']));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
