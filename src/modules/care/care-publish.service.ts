/**
 * Publishes the complaint statistics as an open dataset through Satu Data's service (when that module
 * is present): system-generated data with its metadata, updated monthly under one stable key, so it
 * appears in the data portal and its APIs like any dataset. Behind a small interface: without the
 * data module this is a no-op.
 */
import type { AppContext } from '../../core/app-context.ts';
import { complaintStats, defaultPeriod, type MonthStats } from './stats.service.ts';

export const STATS_SYSTEM_KEY = 'care.stats.monthly';

export interface DatasetPublisher {
  publish(input: { systemKey: string; organisationSlug: string; resourceName: string; csv: string; metadata: Record<string, unknown>; isDemo?: boolean }): Promise<{ slug: string }>;
}

/** The Satu Data publisher, or null when the data module is not installed. */
export async function satuDataPublisher(ctx: AppContext): Promise<DatasetPublisher | null> {
  if (!ctx.modules.some((m) => m.name === 'data')) return null;
  const mod = await import('../data/dataset.service.ts');
  return { publish: (input) => mod.publishSystemDataset(ctx, input as any) };
}

const COLUMNS = ['bulan', 'instansi', 'diterima', 'diverifikasi', 'didisposisi', 'ditanggapi', 'ditanggapi_tepat_waktu', 'diselesaikan', 'dikonfirmasi_pelapor',
  'median_hari_verifikasi', 'median_hari_tanggapan', 'median_hari_selesai', 'kepuasan_rata_rata'] as const;

function row(month: MonthStats, org: string): string {
  const v = [month.month, org, month.received, month.verified, month.dispatched, month.responded, month.respondedWithinSla, month.resolved, month.confirmed,
    month.medianDaysToVerify, month.medianDaysToRespond, month.medianDaysToResolve, month.satisfaction];
  return v.map((x) => (x === null ? '' : typeof x === 'string' && /[",\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : String(x))).join(',');
}

/** The table: one row per month for the province and per month per organisation that had reports. */
export async function statisticsTable(ctx: AppContext, now = new Date()): Promise<string> {
  const period = defaultPeriod(now);
  const lines = [COLUMNS.join(',')];
  const province = await complaintStats(ctx.pool, { organisationId: null, ...period });
  for (const m of province.months) lines.push(row(m, 'Provinsi NTB'));
  const { rows } = await ctx.pool.query('SELECT DISTINCT o.id, o.name FROM care_reports r JOIN organisations o ON o.id = r.assigned_organisation_id ORDER BY o.name');
  for (const o of rows) {
    const s = await complaintStats(ctx.pool, { organisationId: o.id, ...period });
    for (const m of s.months) lines.push(row(m, o.name));
  }
  return `${lines.join('\n')}\n`;
}

export async function publishComplaintStatistics(ctx: AppContext, now = new Date()): Promise<{ slug: string } | null> {
  const publisher = await satuDataPublisher(ctx);
  if (!publisher) return null;
  const period = defaultPeriod(now);
  return publisher.publish({
    systemKey: STATS_SYSTEM_KEY,
    organisationSlug: 'diskominfotik',
    resourceName: 'statistik-pengaduan-bulanan.csv',
    csv: await statisticsTable(ctx, now),
    metadata: {
      title: 'Statistik Pengaduan Publik NTB Care per Bulan',
      description: 'Data sistem NTB Care, diperbarui otomatis setiap bulan. Ditanggapi (tindak lanjut pertama), diselesaikan dan dikonfirmasi pelapor dihitung terpisah; tepat waktu berarti tindak lanjut pertama dalam 5 hari kerja setelah disposisi (hari libur nasional dan cuti bersama tidak dihitung).',
      sector: 'sosial', topic: 'Pengaduan publik', tags: ['pengaduan', 'NTB Care', 'pelayanan publik'], licence: 'CC-BY-4.0',
      temporalStart: `${period.from}-01`, temporalEnd: null, regionCodes: ['52'], frequency: 'bulanan', level: 'provinsi',
      contactRole: 'Administrator pengaduan, Bidang Persandian dan Keamanan Informasi, Diskominfotik Provinsi NTB', source: 'NTB Care (data sistem)', notes: '',
      msInd: { concept: 'Kinerja penanganan pengaduan publik', unit: 'laporan; hari; skala 1–5', method: 'Setiap tahap dihitung pada bulan terjadinya; median dalam hari kalender.' },
      msKeg: {},
    },
  });
}
