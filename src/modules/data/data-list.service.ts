/**
 * The regional data list (Daftar Data Daerah): items per year, import/export as XLSX/CSV (bad rows
 * reported by row and column; an import with any bad row imports nothing), Pembina Data comments,
 * and the Forum Data meeting that freezes a year's list.
 */
import type { Writable } from 'node:stream';
import type pg from 'pg';
import type { Actor } from '../../core/policy.ts';
import { authorize } from '../../core/policy.ts';
import { withTransaction, type Queryable } from '../../core/db.ts';
import { audit } from '../../core/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../core/http/errors.ts';
import { parseBoolean, parseDate } from './datastore/cell-parse.ts';
import type { Cell } from './datastore/tabular-source.ts';
import { openTabular, type TabularFormat } from './datastore/tabular-pipeline.ts';
import { FREQUENCIES, LEVELS, SECTORS } from './dataset.schema.ts';
import { csvCell } from './datastore-query.ts';

/** Columns of the import/export file, in order: header (Indonesian) → item property. */
export const LIST_COLUMNS = [
  ['Nama Data', 'name'], ['Definisi', 'definition'], ['Organisasi', 'organisation'], ['Sektor', 'sector'], ['Topik', 'topic'], ['Satuan', 'unit'],
  ['Frekuensi', 'frequency'], ['Tingkat Penyajian', 'level'], ['Data Prioritas', 'priority'], ['Kode Referensi', 'referenceCode'],
  ['Jadwal Rilis', 'releaseDate'], ['Ketersediaan', 'available'], ['Proses Bisnis', 'businessProcess'],
] as const;

export interface ListItemInput {
  name: string; definition: string; organisationId: string; sector: string; topic: string; unit: string; frequency: string; level: string;
  priority: boolean; referenceCode: string; releaseDate: string | null; available: boolean; businessProcess: string;
}

export interface ImportProblem { row: number; line: number; column: string; value: string; key: string }

const norm = (s: string) => s.trim().toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * Turn file rows into items. `orgs` maps a normalised slug, name or short name to an organisation
 * id. Every problem is reported by row, line and column; rows with problems are not returned.
 */
export function parseListRows(header: string[], rows: Array<{ row: number; line: number; cells: Cell[] }>, orgs: Map<string, string>): { items: ListItemInput[]; problems: ImportProblem[] } {
  const idx = new Map<string, number>();
  header.forEach((h, i) => idx.set(norm(h), i));
  const problems: ImportProblem[] = [];
  const missing = LIST_COLUMNS.filter(([h, k]) => ['name', 'organisation', 'sector', 'frequency', 'level'].includes(k) && !idx.has(norm(h)));
  for (const [h] of missing) problems.push({ row: 0, line: 1, column: h, value: '', key: 'data.list.err.missingColumn' });
  if (missing.length) return { items: [], problems };
  const items: ListItemInput[] = [];
  for (const r of rows) {
    const get = (h: string) => {
      const i = idx.get(norm(h));
      const c = i === undefined ? null : r.cells[i];
      return c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim();
    };
    const before = problems.length;
    const bad = (column: string, value: string, key: string) => problems.push({ row: r.row, line: r.line, column, value, key });
    const name = get('Nama Data');
    if (!name) bad('Nama Data', '', 'data.list.err.required');
    if (name.length > 300) bad('Nama Data', name.slice(0, 40), 'data.list.err.tooLong');
    const orgText = get('Organisasi');
    const organisationId = orgs.get(norm(orgText)) ?? '';
    if (!organisationId) bad('Organisasi', orgText, 'data.list.err.unknownOrganisation');
    const sector = get('Sektor').toLowerCase();
    if (!(SECTORS as readonly string[]).includes(sector)) bad('Sektor', sector, 'data.list.err.sector');
    const frequency = get('Frekuensi').toLowerCase();
    if (!(FREQUENCIES as readonly string[]).includes(frequency)) bad('Frekuensi', frequency, 'data.list.err.frequency');
    const levelRaw = norm(get('Tingkat Penyajian')).replace(/ /g, '_');
    const level = levelRaw === 'kabupaten' || levelRaw === 'kota' || levelRaw === 'kab_kota' ? 'kabupaten_kota' : levelRaw;
    if (!(LEVELS as readonly string[]).includes(level)) bad('Tingkat Penyajian', get('Tingkat Penyajian'), 'data.list.err.level');
    const prRaw = get('Data Prioritas');
    const priority = prRaw ? parseBoolean(prRaw) : false;
    if (priority === null) bad('Data Prioritas', prRaw, 'data.list.err.boolean');
    const avRaw = get('Ketersediaan').toLowerCase();
    const available = avRaw === '' || avRaw === 'belum' || avRaw === 'belum tersedia' || avRaw === 'tidak' ? false : avRaw === 'tersedia' || avRaw === 'ya' ? true : null;
    if (available === null) bad('Ketersediaan', avRaw, 'data.list.err.available');
    const relRaw = get('Jadwal Rilis');
    const releaseDate = relRaw ? parseDate(relRaw) : null;
    if (relRaw && !releaseDate) bad('Jadwal Rilis', relRaw, 'data.list.err.date');
    if (problems.length === before) {
      items.push({ name, definition: get('Definisi'), organisationId, sector, topic: get('Topik'), unit: get('Satuan'), frequency, level, priority: priority!, referenceCode: get('Kode Referensi'), releaseDate, available: available!, businessProcess: get('Proses Bisnis') });
    }
  }
  return { items, problems };
}

export async function organisationLookup(db: Queryable): Promise<Map<string, string>> {
  const { rows } = await db.query(`SELECT id, slug, name, short_name FROM organisations`);
  const m = new Map<string, string>();
  for (const r of rows) for (const k of [r.slug, r.name, r.short_name]) if (k) m.set(norm(k), r.id);
  return m;
}

async function frozen(db: Queryable, year: number): Promise<boolean> {
  const { rows } = await db.query('SELECT frozen_at FROM data_list_years WHERE year = $1', [year]);
  return !!rows[0]?.frozen_at;
}

/** Import a file into a year's list. All-or-nothing: with any problem, nothing is written. */
export async function importList(pool: pg.Pool, actor: Actor, year: number, file: { path: string; format: TabularFormat }): Promise<{ imported: number; skippedExisting: number; problems: ImportProblem[] }> {
  authorize(actor, 'data.list.manage');
  if (await frozen(pool, year)) throw new ConflictError('data.list.err.frozen', { year });
  const t = await openTabular({ path: file.path, format: file.format });
  const rows: Array<{ row: number; line: number; cells: Cell[] }> = [];
  for await (const b of t.batches) { rows.push(...b); if (rows.length > 20000) break; }
  const { items, problems } = parseListRows(t.header, rows, await organisationLookup(pool));
  if (problems.length) return { imported: 0, skippedExisting: 0, problems };
  return withTransaction(pool, async (tx) => {
    await tx.query('INSERT INTO data_list_years (year) VALUES ($1) ON CONFLICT DO NOTHING', [year]);
    let imported = 0;
    for (const i of items) {
      const r = await tx.query(
        `INSERT INTO data_list_items (year, name, definition, organisation_id, sector, topic, unit, frequency, level, priority, reference_code, release_date, available, business_process)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) ON CONFLICT DO NOTHING`,
        [year, i.name, i.definition, i.organisationId, i.sector, i.topic, i.unit, i.frequency, i.level, i.priority, i.referenceCode, i.releaseDate, i.available, i.businessProcess]);
      imported += r.rowCount ?? 0;
    }
    await audit(tx, actor, { action: 'data.list.import', entityType: 'data_list_year', entityId: String(year), after: { imported, rows: items.length } });
    return { imported, skippedExisting: items.length - imported, problems: [] };
  });
}

export interface ListRow {
  id: string; name: string; definition: string; organisation_id: string; organisation_name: string; organisation_slug: string; sector: string; topic: string; unit: string;
  frequency: string; level: string; priority: boolean; reference_code: string; release_date: string | null; available: boolean; business_process: string;
  dataset_slug: string | null; published: boolean; comments: number;
}

export async function listItems(db: Queryable, year: number, filter: { organisationId?: string } = {}): Promise<ListRow[]> {
  const { rows } = await db.query(
    `SELECT i.*, o.name AS organisation_name, o.slug AS organisation_slug,
            (SELECT d.slug FROM data_datasets d WHERE d.data_list_item_id = i.id ORDER BY d.published_revision_id IS NULL, d.created_at LIMIT 1) AS dataset_slug,
            EXISTS (SELECT 1 FROM data_datasets d WHERE d.data_list_item_id = i.id AND d.published_revision_id IS NOT NULL) AS published,
            (SELECT count(*)::int FROM data_list_comments c WHERE c.item_id = i.id) AS comments
     FROM data_list_items i JOIN organisations o ON o.id = i.organisation_id
     WHERE i.year = $1 AND ($2::uuid IS NULL OR i.organisation_id = $2) ORDER BY o.name, i.name`, [year, filter.organisationId ?? null]);
  return rows;
}

function exportRow(r: ListRow): Array<string | boolean | null> {
  return [r.name, r.definition, r.organisation_slug, r.sector, r.topic, r.unit, r.frequency, r.level, r.priority ? 'ya' : 'tidak', r.reference_code, r.release_date, r.available ? 'tersedia' : 'belum', r.business_process];
}

export async function exportListCsv(db: Queryable, year: number, out: Writable): Promise<void> {
  const rows = await listItems(db, year);
  out.write('\ufeff' + LIST_COLUMNS.map(([h]) => csvCell(h)).join(',') + '\r\n');
  for (const r of rows) out.write(exportRow(r).map(csvCell).join(',') + '\r\n');
  out.end();
}

export async function exportListXlsx(db: Queryable, year: number, out: Writable): Promise<void> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet(`Daftar Data ${year}`);
  ws.addRow(LIST_COLUMNS.map(([h]) => h)).commit();
  for (const r of await listItems(db, year)) ws.addRow(exportRow(r)).commit();
  ws.commit();
  await wb.commit();
}

export async function addItem(pool: pg.Pool, actor: Actor, year: number, i: ListItemInput): Promise<string> {
  if (await frozen(pool, year)) throw new ConflictError('data.list.err.frozen', { year });
  authorize(actor, 'data.list.edit_item', { organisationId: i.organisationId, frozen: false });
  const problems = [];
  if (!i.name.trim()) problems.push({ field: 'name', key: 'validation.required' });
  if (!(SECTORS as readonly string[]).includes(i.sector)) problems.push({ field: 'sector', key: 'validation.enum' });
  if (!(FREQUENCIES as readonly string[]).includes(i.frequency)) problems.push({ field: 'frequency', key: 'validation.enum' });
  if (!(LEVELS as readonly string[]).includes(i.level)) problems.push({ field: 'level', key: 'validation.enum' });
  if (problems.length) throw new ValidationError(problems);
  return withTransaction(pool, async (tx) => {
    await tx.query('INSERT INTO data_list_years (year) VALUES ($1) ON CONFLICT DO NOTHING', [year]);
    const { rows } = await tx.query(
      `INSERT INTO data_list_items (year, name, definition, organisation_id, sector, topic, unit, frequency, level, priority, reference_code, release_date, available, business_process)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) ON CONFLICT DO NOTHING RETURNING id`,
      [year, i.name.trim(), i.definition, i.organisationId, i.sector, i.topic, i.unit, i.frequency, i.level, i.priority, i.referenceCode, i.releaseDate, i.available, i.businessProcess]);
    if (!rows[0]) throw new ValidationError([{ field: 'name', key: 'data.list.err.duplicate' }]);
    await audit(tx, actor, { action: 'data.list.item.create', entityType: 'data_list_item', entityId: rows[0].id, organisationId: i.organisationId, after: { year, name: i.name } });
    return rows[0].id;
  });
}

export async function addComment(pool: pg.Pool, actor: Actor, itemId: string, kind: 'comment' | 'recommendation', body: string): Promise<void> {
  authorize(actor, 'data.list.comment');
  if (!body.trim()) throw new ValidationError([{ field: 'body', key: 'validation.required' }]);
  await withTransaction(pool, async (tx) => {
    const { rows } = await tx.query('SELECT organisation_id FROM data_list_items WHERE id = $1', [itemId]);
    if (!rows[0]) throw new NotFoundError();
    // a regency/city walidata comments only on items of organisations in their region
    authorize(actor, 'data.list.comment', { organisationId: rows[0].organisation_id });
    await tx.query('INSERT INTO data_list_comments (item_id, author_id, kind, body) VALUES ($1,$2,$3,$4)', [itemId, actor.id, kind, body.trim().slice(0, 4000)]);
    await audit(tx, actor, { action: `data.list.${kind}`, entityType: 'data_list_item', entityId: itemId, organisationId: rows[0].organisation_id, after: { body: body.slice(0, 200) } });
  });
}

/** Record a Forum Data meeting; with `freeze`, the year's list is frozen (agreed). */
export async function recordMeeting(pool: pg.Pool, actor: Actor, year: number, m: { heldOn: string; attendeeOrgIds: string[]; decision: string; minutesFileId: string | null; freeze: boolean }): Promise<string> {
  authorize(actor, 'data.list.manage');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(m.heldOn)) throw new ValidationError([{ field: 'heldOn', key: 'validation.format.date' }]);
  return withTransaction(pool, async (tx) => {
    await tx.query('INSERT INTO data_list_years (year) VALUES ($1) ON CONFLICT DO NOTHING', [year]);
    const { rows } = await tx.query(
      'INSERT INTO data_forum_meetings (year, held_on, attendee_org_ids, minutes_file_id, decision, freezes_list, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id',
      [year, m.heldOn, m.attendeeOrgIds, m.minutesFileId, m.decision, m.freeze, actor.id]);
    if (m.freeze) await tx.query('UPDATE data_list_years SET frozen_at = now(), frozen_meeting_id = $2 WHERE year = $1', [year, rows[0].id]);
    await audit(tx, actor, { action: 'data.list.meeting', entityType: 'data_list_year', entityId: String(year), after: { heldOn: m.heldOn, freeze: m.freeze, attendees: m.attendeeOrgIds.length } });
    return rows[0].id;
  });
}
