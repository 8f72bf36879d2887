/**
 * "Laporan Penyelenggaraan Satu Data": quarterly or annual report of the data list coverage, as PDF
 * and XLSX, stored as files and kept in a register with its delivery to the regional head.
 */
import type { AppContext } from '../../core/app-context.ts';
import type { Actor } from '../../core/policy.ts';
import { authorize } from '../../core/policy.ts';
import { withTransaction } from '../../core/db.ts';
import { audit } from '../../core/audit.ts';
import { NotFoundError, ValidationError } from '../../core/http/errors.ts';
import { monitoringFigures, type CoverageRow } from './monitoring.service.ts';

function fmtPct(n: number): string {
  return n.toFixed(2).replace('.', ',') + ' %';
}

export function reportTitle(year: number, quarter: number | null): string {
  return quarter ? `Laporan Penyelenggaraan NTB Satu Data Triwulan ${quarter} Tahun ${year}` : `Laporan Penyelenggaraan NTB Satu Data Tahun ${year}`;
}

async function pdf(title: string, total: CoverageRow, rows: CoverageRow[], published: number): Promise<Buffer> {
  const PDFDocument = (await import('pdfkit')).default; // loaded on use
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res) => doc.on('end', () => res(Buffer.concat(chunks))));
  doc.fontSize(16).text(title);
  doc.moveDown().fontSize(10).text(`Dinas Komunikasi, Informatika dan Statistik Provinsi NTB — Walidata. Dibuat ${new Date().toISOString().slice(0, 10)}.`);
  doc.moveDown().fontSize(12).text('Ringkasan');
  doc.fontSize(10)
    .text(`Jenis data dalam Daftar Data Daerah: ${total.items}`)
    .text(`Terkumpul: ${total.collected} (${fmtPct(total.collectedPct)})`)
    .text(`Terpublikasi: ${total.published} (${fmtPct(total.publishedPct)})`)
    .text(`Tepat waktu sesuai jadwal rilis: ${total.onTime} (${fmtPct(total.onTimePct)})`)
    .text(`Dataset terpublikasi di portal: ${published}`);
  doc.moveDown().fontSize(12).text('Capaian per perangkat daerah');
  doc.fontSize(9);
  for (const r of rows) doc.text(`${r.organisation}: ${r.items} jenis data; terkumpul ${r.collected} (${fmtPct(r.collectedPct)}); terpublikasi ${r.published} (${fmtPct(r.publishedPct)}); tepat waktu ${r.onTime}`);
  doc.end();
  return done;
}

async function xlsx(title: string, total: CoverageRow, rows: CoverageRow[]): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Capaian');
  ws.addRow([title]);
  ws.addRow([]);
  ws.addRow(['Perangkat Daerah', 'Jenis Data', 'Terkumpul', '% Terkumpul', 'Terpublikasi', '% Terpublikasi', 'Tepat Waktu', '% Tepat Waktu']);
  for (const r of [...rows, total]) ws.addRow([r.organisation, r.items, r.collected, r.collectedPct, r.published, r.publishedPct, r.onTime, r.onTimePct]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function generateReport(ctx: AppContext, actor: Actor, year: number, quarter: number | null): Promise<string> {
  authorize(actor, 'data.report.manage');
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new ValidationError([{ field: 'year', key: 'validation.invalid' }]);
  if (quarter !== null && ![1, 2, 3, 4].includes(quarter)) throw new ValidationError([{ field: 'quarter', key: 'validation.invalid' }]);
  const { total, byOrg } = await monitoringFigures(ctx.pool, year);
  const { rows } = await ctx.pool.query('SELECT count(*)::int AS n FROM data_datasets WHERE published_revision_id IS NOT NULL');
  const title = reportTitle(year, quarter);
  const name = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const pdfFile = await ctx.files.saveBuffer(ctx.pool, await pdf(title, total, byOrg, rows[0].n), { originalName: `${name}.pdf`, mime: 'application/pdf', ext: 'pdf', createdBy: actor.id });
  const xlsxFile = await ctx.files.saveBuffer(ctx.pool, await xlsx(title, total, byOrg), { originalName: `${name}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx', createdBy: actor.id });
  return withTransaction(ctx.pool, async (tx) => {
    const r = await tx.query('INSERT INTO data_reports (year, quarter, pdf_file_id, xlsx_file_id, figures, generated_by) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id',
      [year, quarter, pdfFile.id, xlsxFile.id, JSON.stringify({ total, publishedDatasets: rows[0].n }), actor.id]);
    await audit(tx, actor, { action: 'data.report.generate', entityType: 'data_report', entityId: r.rows[0].id, after: { year, quarter } });
    return r.rows[0].id;
  });
}

export async function markDelivered(ctx: AppContext, actor: Actor, reportId: string, deliveredTo: string): Promise<void> {
  authorize(actor, 'data.report.manage');
  await withTransaction(ctx.pool, async (tx) => {
    const r = await tx.query(`UPDATE data_reports SET delivered_at = now(), delivered_to = $2, delivered_by = $3 WHERE id = $1 AND delivered_at IS NULL RETURNING id`, [reportId, deliveredTo.slice(0, 200) || 'Gubernur NTB', actor.id]);
    if (!r.rows[0]) throw new NotFoundError();
    await audit(tx, actor, { action: 'data.report.deliver', entityType: 'data_report', entityId: reportId, after: { deliveredTo } });
  });
}
