/**
 * Imports the full Kemendagri code list (kecamatan, desa/kelurahan) from CSV: `code,name[,level]`, comma or
 * semicolon separated, header optional. Level is inferred from the code (52.01.01 kecamatan, 52.01.01.2001 desa;
 * 1xxx = kelurahan). One transaction: a file with any bad row changes nothing; every bad row is reported.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse';
import type pg from 'pg';
import { withTransaction } from '../db.ts';
import { audit } from '../audit.ts';
import type { Actor } from '../policy.ts';

export interface RegionImportResult {
  imported: number;
  errors: Array<{ row: number; column: string; reason: string }>;
}

export function levelOf(code: string): 'kecamatan' | 'desa' | 'kelurahan' | null {
  if (/^52\.\d{2}\.\d{2}$/.test(code)) return 'kecamatan';
  if (/^52\.\d{2}\.\d{2}\.\d{4}$/.test(code)) return code.split('.')[3].startsWith('1') ? 'kelurahan' : 'desa';
  return null;
}

export async function importRegionsCsv(pool: pg.Pool, actor: Actor, file: string): Promise<RegionImportResult> {
  const head = fs.readFileSync(file, { encoding: 'utf8' }).slice(0, 2000);
  const delimiter = (head.split('\n')[0].match(/;/g)?.length ?? 0) > (head.split('\n')[0].match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: Array<{ row: number; code: string; name: string; level: string }> = [];
  const errors: RegionImportResult['errors'] = [];
  let n = 0;
  const parser = fs.createReadStream(file).pipe(parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }));
  for await (const rec of parser as AsyncIterable<string[]>) {
    n++;
    const [code = '', name = ''] = rec;
    if (n === 1 && !/^\d/.test(code)) continue; // header
    const level = levelOf(code);
    if (!level) { errors.push({ row: n, column: 'code', reason: `"${code}" is not a Kemendagri kecamatan or desa code of NTB (52.xx.xx or 52.xx.xx.xxxx)` }); continue; }
    if (!name) { errors.push({ row: n, column: 'name', reason: 'empty name' }); continue; }
    rows.push({ row: n, code, name, level });
  }
  if (errors.length) return { imported: 0, errors };
  const codes = new Set(rows.map((r) => r.code));
  for (const r of rows) {
    const parent = r.code.split('.').slice(0, -1).join('.');
    if (!codes.has(parent)) {
      const exists = await pool.query('SELECT 1 FROM regions WHERE code = $1', [parent]);
      if (!exists.rows.length) errors.push({ row: r.row, column: 'code', reason: `parent region ${parent} is unknown` });
    }
  }
  if (errors.length) return { imported: 0, errors };
  rows.sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code));
  await withTransaction(pool, async (tx) => {
    for (const r of rows) {
      await tx.query(
        `INSERT INTO regions (code, name, level, parent_code) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level`,
        [r.code, r.name, r.level, r.code.split('.').slice(0, -1).join('.')]);
    }
    await audit(tx, actor, { action: 'regions.import', entityType: 'regions', after: { rows: rows.length } });
  });
  return { imported: rows.length, errors: [] };
}
