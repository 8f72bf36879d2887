/**
 * Streaming XLSX reader for one chosen sheet, on exceljs's streaming WorkbookReader. The zip is
 * checked for bombs first (see zip-guard.ts); while streaming, row and column limits apply.
 */
import { createReadStream } from 'node:fs';
import { DatastoreError } from './datastore-error.ts';
import { assertZipSafe, readZipDirectory, readZipEntry, DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip-guard.ts';
import { DEFAULT_LIMITS, type Cell, type DataRow, type TabularLimits } from './tabular-source.ts';

export interface SheetInfo { index: number; name: string }

export interface XlsxReadOptions {
  /** Sheet name or 1-based position; default the first sheet. */
  sheet?: string | number;
  limits?: Partial<TabularLimits>;
  zipLimits?: Partial<ZipLimits>;
}

export interface XlsxTable {
  sheet: SheetInfo;
  sheets: SheetInfo[];
  header: string[];
  rows: AsyncIterable<DataRow>;
  stats: { rows: number; ragged: number; raggedRows: Array<{ row: number; line: number; expected: number; found: number }> };
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) => {
    const k = e.toLowerCase();
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    if (k === 'amp') return '&';
    if (k.startsWith('#x')) return String.fromCodePoint(parseInt(k.slice(2), 16));
    return String.fromCodePoint(parseInt(k.slice(1), 10));
  });
}

/** Sheets of a workbook, in tab order, from `xl/workbook.xml` (after the zip-bomb check). */
export async function listSheets(path: string, zipLimits: Partial<ZipLimits> = {}): Promise<SheetInfo[]> {
  const entries = await readZipDirectory(path);
  assertZipSafe(entries, { ...DEFAULT_ZIP_LIMITS, ...zipLimits });
  const wb = entries.find((e) => e.name === 'xl/workbook.xml');
  if (!wb) throw new DatastoreError('not_xlsx');
  const xml = (await readZipEntry(path, wb)).toString('utf8');
  const sheets: SheetInfo[] = [];
  const re = /<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) sheets.push({ index: sheets.length + 1, name: decodeXml(m[1]) });
  if (sheets.length === 0) throw new DatastoreError('not_xlsx');
  return sheets;
}

/** Convert an exceljs cell value to a plain Cell. */
export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
    if ('result' in o) return toCell(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if (typeof o.text === 'string') return o.text;
    if (typeof o.error === 'string') return o.error;
  }
  return String(v);
}

function isBlankRow(cells: Cell[]): boolean {
  for (const c of cells) if (c !== null && !(typeof c === 'string' && c.trim() === '')) return false;
  return true;
}

/** Open one sheet of an XLSX file for streaming. */
export async function openXlsx(path: string, options: XlsxReadOptions = {}): Promise<XlsxTable> {
  const limits: TabularLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const sheets = await listSheets(path, options.zipLimits);
  const wanted = options.sheet ?? 1;
  const sheet = typeof wanted === 'number' ? sheets[wanted - 1] : sheets.find((s) => s.name === wanted);
  if (!sheet) throw new DatastoreError('sheet_not_found', { sheet: String(wanted) });

  const input = createReadStream(path, { highWaterMark: 256 * 1024 });
  const ExcelJS = (await import('exceljs')).default; // loaded on use: keeps the server's resident memory small
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input as never, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  } as never);

  const stats: XlsxTable['stats'] = { rows: 0, ragged: 0, raggedRows: [] };
  let header: string[] | null = null;
  let width = 0;

  // Pull rows of the chosen sheet through one async generator; the header is taken from it first.
  async function* sheetRows(): AsyncGenerator<{ line: number; cells: Cell[] }> {
    try {
      for await (const ws of reader as unknown as AsyncIterable<AsyncIterable<{ number: number; values: unknown[] }> & { name?: string }>) {
        if (ws.name !== sheet!.name) {
          // exceljs may have spooled this sheet to a temp file it deletes when we move on: drain it first
          for await (const _row of ws) { /* skip */ }
          continue;
        }
        for await (const row of ws) {
          const values = row.values as unknown[];
          if (values.length - 1 > limits.maxColumns) {
            throw new DatastoreError('too_many_columns', { count: values.length - 1, max: limits.maxColumns });
          }
          const cells: Cell[] = [];
          for (let i = 1; i < values.length; i++) cells.push(toCell(values[i]));
          yield { line: row.number, cells };
        }
        return;
      }
      throw new DatastoreError('sheet_not_found', { sheet: sheet!.name });
    } catch (e) {
      if (e instanceof DatastoreError) throw e;
      throw new DatastoreError('not_xlsx', { reason: (e as Error).message?.slice(0, 200) ?? '' });
    } finally {
      input.destroy();
    }
  }

  const it = sheetRows();
  for (;;) {
    const r = await it.next();
    if (r.done) throw new DatastoreError('empty_file');
    if (isBlankRow(r.value.cells)) continue;
    const h = r.value.cells.map((c) => (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim()));
    while (h.length > 1 && h[h.length - 1] === '') h.pop();
    header = h;
    width = h.length;
    break;
  }

  async function* rows(): AsyncGenerator<DataRow> {
    for (;;) {
      const r = await it.next();
      if (r.done) break;
      const { line } = r.value;
      const cells = r.value.cells;
      if (isBlankRow(cells)) continue;
      stats.rows++;
      if (stats.rows > limits.maxRows) throw new DatastoreError('too_many_rows', { max: limits.maxRows });
      let len = cells.length;
      while (len > width && (cells[len - 1] === null || cells[len - 1] === '')) len--;
      if (len > width) {
        stats.ragged++;
        if (stats.raggedRows.length < limits.maxReported) stats.raggedRows.push({ row: stats.rows, line, expected: width, found: len });
        continue;
      }
      while (cells.length < width) cells.push(null); // sparse rows: missing trailing cells are empty
      yield { row: stats.rows, line, cells: cells.length === width ? cells : cells.slice(0, width) };
    }
    if (stats.ragged > 0) {
      const f = stats.raggedRows[0];
      throw new DatastoreError('ragged_rows', { count: stats.ragged, line: f.line, expected: f.expected, found: f.found }, stats.raggedRows);
    }
    if (stats.rows === 0) throw new DatastoreError('no_data_rows');
  }

  return { sheet, sheets, header: header!, rows: rows(), stats };
}
