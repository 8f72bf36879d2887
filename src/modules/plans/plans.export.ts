/**
 * Exports: a commitment in the OGP Local template order (sections 1–17) as PDF (pdfkit) and DOCX (docx);
 * a plan with its commitments and milestones as JSON and CSV.
 */
import fs from 'node:fs';
import { t, formatNumber, type Locale } from '../../core/i18n/i18n.ts';
import type { CommitmentInput, StakeholderInput } from './commitment.schema.ts';

export interface ExportCommitment {
  planTitle: string;
  number: number;
  stage: string | null;
  content: CommitmentInput;
  orgName: (slug: string) => string;
}

interface Block {
  section: number;
  heading: string;
  paragraphs?: string[];
  table?: { head: string[]; rows: string[][]; weights?: number[] };
}

function monthLabel(locale: Locale, m: string | null | undefined): string {
  if (!m) return '—';
  const [y, mo] = m.split('-').map(Number);
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, mo - 1, 1)));
}
const lines = (s: string | null | undefined) => ((s ?? '').split('\n').filter((l) => l.trim()) as string[]).concat((s ?? '').trim() ? [] : ['—']);

/** The 17 sections in template order, as neutral blocks both renderers draw. */
export function templateBlocks(locale: Locale, e: ExportCommitment): Block[] {
  const c = e.content;
  const tt = (k: string, p?: Record<string, string | number>) => t(locale, k, p);
  const stakeholders = (rows: StakeholderInput[], branch: boolean) => ({
    head: [tt('plans.field.organisation'), ...(branch ? [tt('plans.field.branch')] : []), tt('plans.field.contactRole'), tt('plans.field.role')],
    rows: rows.map((r) => [r.organisationName || e.orgName(r.organisation), ...(branch ? [r.branch ? tt(`plans.branch.${r.branch}`) : tt('plans.ui.notStated')] : []), r.contactRole ?? '—', r.role ? tt(`plans.role.${r.role}`) : '—']),
  });
  const r = c.resources ?? {};
  return [
    { section: 1, heading: tt('plans.field.title'), paragraphs: [c.title] },
    { section: 2, heading: tt('plans.field.timeframe'), paragraphs: [`${tt('plans.field.startMonth')}: ${monthLabel(locale, c.startMonth)}`, `${tt('plans.field.endMonth')}: ${monthLabel(locale, c.endMonth)}`] },
    { section: 3, heading: tt('plans.field.leadAgencies'), table: stakeholders(c.leadAgencies, true) },
    { section: 4, heading: tt('plans.field.leadNonGov'), table: stakeholders(c.leadNonGov, false) },
    { section: 5, heading: tt('plans.field.otherStakeholders'), table: stakeholders(c.otherStakeholders, false) },
    { section: 6, heading: tt('plans.field.problem'), paragraphs: lines(c.problem) },
    { section: 7, heading: tt('plans.field.statusQuo'), paragraphs: lines(c.statusQuo) },
    { section: 8, heading: tt('plans.field.action'), paragraphs: lines(c.action) },
    { section: 9, heading: tt('plans.field.howSolves'), paragraphs: lines(c.howSolves) },
    { section: 10, heading: tt('plans.field.longTermGoal'), paragraphs: lines(c.longTermGoal) },
    { section: 11, heading: tt('plans.field.policyAreas'), paragraphs: c.policyAreas.length ? c.policyAreas.map((p) => tt(`plans.policyArea.${p}`)) : ['—'] },
    { section: 12, heading: tt('plans.field.sectors'), paragraphs: c.sectors.length ? c.sectors.map((p) => tt(`plans.sector.${p}`)) : ['—'] },
    { section: 13, heading: tt('plans.field.values'), table: { head: [tt('plans.field.value'), tt('plans.field.reason')], rows: c.values.map((v) => [tt(`plans.value.${v.value}`), v.reason || '—']) } },
    { section: 14, heading: tt('plans.field.resources'), table: {
      head: [tt('plans.field.resources.budgetAmount'), tt('plans.field.resources.staff'), tt('plans.field.resources.months'), tt('plans.field.resources.other')],
      rows: [[r.budgetAmount == null ? '—' : `${r.currency ?? ''} ${formatNumber(locale, r.budgetAmount)}${r.budgetNote ? ` (${r.budgetNote})` : ''}`.trim(), r.staff == null ? '—' : String(r.staff), r.months == null ? '—' : String(r.months), r.other ?? '—']],
    } },
    { section: 15, heading: tt('plans.field.secured'), paragraphs: [c.secured ? tt(`plans.secured.${c.secured}`) : '—'] },
    { section: 16, heading: tt('plans.field.additionalInfo'), paragraphs: lines(c.additionalInfo) },
    { section: 17, heading: tt('plans.field.milestones'), table: {
      head: [tt('plans.field.output'), tt('plans.field.startMonth'), tt('plans.field.endMonth'), tt('plans.field.responsible'), tt('plans.field.contactRoles'), tt('plans.field.status')],
      weights: [3, 1.2, 1.2, 1.7, 2.2, 1.1],
      rows: c.milestones.map((m) => [m.output, monthLabel(locale, m.startMonth), monthLabel(locale, m.endMonth), m.responsibleNote || m.responsible.map(e.orgName).join('; '), m.contactRoles.join('; ') || '—', tt(`plans.status.${m.status ?? 'unstated'}`)]),
    } },
  ];
}

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';

/** PDF of one commitment in template order. */
export async function commitmentPdf(locale: Locale, e: ExportCommitment): Promise<Buffer> {
  const PDFDocument = (await import('pdfkit')).default; // loaded on use
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: e.content.title, Subject: e.planTitle } });
  const regular = fs.existsSync(`${FONT_DIR}/DejaVuSans.ttf`) ? `${FONT_DIR}/DejaVuSans.ttf` : 'Helvetica';
  const bold = fs.existsSync(`${FONT_DIR}/DejaVuSans-Bold.ttf`) ? `${FONT_DIR}/DejaVuSans-Bold.ttf` : 'Helvetica-Bold';
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 100;

  doc.font(bold).fontSize(9).fillColor('#4f5d63').text(`${e.planTitle} · ${t(locale, 'plans.ui.commitmentNo', { n: e.number })}${e.stage ? ` · ${t(locale, `plans.stage.${e.stage}`)}` : ''}`);
  doc.moveDown(0.3).font(bold).fontSize(15).fillColor('#0b5e55').text(e.content.title, { width });
  doc.moveDown(0.6);

  const table = (head: string[], rows: string[][], weights?: number[]) => {
    const w = weights ?? head.map(() => 1);
    const total = w.reduce((a, b) => a + b, 0);
    const widths = w.map((x) => (x / total) * width);
    const lefts = widths.map((_, i) => 50 + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const drawRow = (cells: string[], isHead: boolean) => {
      doc.font(isHead ? bold : regular).fontSize(8);
      const h = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i] - 6 }))) + 6;
      if (doc.y + h > doc.page.height - 50) doc.addPage();
      const y = doc.y;
      if (isHead) doc.rect(50, y, width, h).fill('#e3f1ef');
      doc.fillColor('#1b2428');
      cells.forEach((cell, i) => doc.font(isHead ? bold : regular).fontSize(8).text(cell, lefts[i] + 3, y + 3, { width: widths[i] - 6 }));
      doc.strokeColor('#c9d3d6').lineWidth(0.5).rect(50, y, width, h).stroke();
      doc.x = 50;
      doc.y = y + h;
    };
    drawRow(head, true);
    if (!rows.length) drawRow(head.map((_, i) => (i === 0 ? '—' : '')), false);
    rows.forEach((r) => drawRow(r, false));
  };

  for (const b of templateBlocks(locale, e)) {
    if (doc.y > doc.page.height - 110) doc.addPage();
    doc.x = 50;
    doc.font(bold).fontSize(11).fillColor('#0b5e55').text(`${b.section}. ${b.heading}`, { width });
    doc.moveDown(0.25);
    doc.fillColor('#1b2428');
    if (b.paragraphs) for (const p of b.paragraphs) doc.font(regular).fontSize(9.5).text(p, { width, align: 'left' }).moveDown(0.15);
    if (b.table) table(b.table.head, b.table.rows, b.table.weights);
    doc.moveDown(0.7);
  }
  doc.end();
  return done;
}

/** DOCX of one commitment in template order. */
export async function commitmentDocx(locale: Locale, e: ExportCommitment): Promise<Buffer> {
  // loaded on use: keeps the server's resident memory small
  const { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = await import('docx');
  const children: Array<InstanceType<typeof Paragraph> | InstanceType<typeof Table>> = [
    new Paragraph({ children: [new TextRun({ text: `${e.planTitle} · ${t(locale, 'plans.ui.commitmentNo', { n: e.number })}${e.stage ? ` · ${t(locale, `plans.stage.${e.stage}`)}` : ''}`, color: '4F5D63', size: 18 })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: e.content.title })] }),
  ];
  for (const b of templateBlocks(locale, e)) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(`${b.section}. ${b.heading}`)] }));
    for (const p of b.paragraphs ?? []) children.push(new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun(p)] }));
    if (b.table) {
      const rows = [b.table.head, ...(b.table.rows.length ? b.table.rows : [b.table.head.map((_, i) => (i === 0 ? '—' : ''))])];
      children.push(new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: rows.map((r, ri) => new TableRow({ tableHeader: ri === 0, children: r.map((cell) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: cell, bold: ri === 0, size: 18 })] })] })) })),
      }));
    }
  }
  const doc = new Document({ creator: 'NTB Terbuka', title: e.content.title, sections: [{ children }] });
  return Packer.toBuffer(doc);
}

/** RFC 4180 CSV with a header row; fields quoted when needed. A BOM lets spreadsheet programs read UTF-8. */
export function toCsv(head: string[], rows: (string | number | null | undefined)[][]): string {
  const q = (v: string | number | null | undefined) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\ufeff' + [head, ...rows].map((r) => r.map(q).join(',')).join('\r\n') + '\r\n';
}
