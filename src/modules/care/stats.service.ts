/**
 * Complaint statistics, per month, for the province or one organisation. Each milestone is counted in
 * the month it happened; "responded" (first follow-up), "resolved" (closed) and "confirmed" (by the
 * reporter) are separate columns and never blended. Medians are in calendar days.
 */
import type { Queryable } from '../../core/db.ts';

export interface MonthStats {
  month: string;
  received: number;
  verified: number;
  dispatched: number;
  responded: number;
  respondedWithinSla: number;
  resolved: number;
  confirmed: number;
  medianDaysToVerify: number | null;
  medianDaysToRespond: number | null;
  medianDaysToResolve: number | null;
  satisfaction: number | null;
  ratings: number;
}

export interface OrgStats {
  organisationSlug: string;
  organisationName: string;
  dispatched: number;
  responded: number;
  respondedWithinSla: number;
  resolved: number;
  confirmed: number;
  overdueNow: number;
  satisfaction: number | null;
}

export interface StatsResult {
  scope: { organisationSlug: string | null; organisationName: string | null };
  from: string;
  to: string;
  overdueNow: number;
  months: MonthStats[];
  byOrganisation: OrgStats[];
  generatedAt: string;
}

const round = (n: number | null, d = 1) => (n === null || n === undefined ? null : Math.round(Number(n) * 10 ** d) / 10 ** d);

/** Above this many reports (planner estimate) the statistics come from the rollup (refreshed every 10 minutes). */
export const ROLLUP_THRESHOLD = 10_000;

export async function refreshRollup(db: Queryable): Promise<void> {
  await db.query('REFRESH MATERIALIZED VIEW CONCURRENTLY care_stats_monthly');
}

/** Months are WITA calendar months; `from`/`to` are 'YYYY-MM' (inclusive). */
export async function complaintStats(db: Queryable, opts: { organisationId: string | null; from: string; to: string; source?: 'live' | 'rollup' | 'auto' }): Promise<StatsResult> {
  let source = opts.source ?? 'auto';
  if (source === 'auto') {
    // Planner estimate or live-tuple statistic (the latter is current without ANALYZE); never a count(*).
    const est = await db.query(
      `SELECT greatest(c.reltuples, coalesce(s.n_live_tup, 0))::bigint AS n FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
       WHERE c.relname = 'care_reports' AND c.relkind = 'r'`);
    source = Number(est.rows[0]?.n ?? 0) > ROLLUP_THRESHOLD ? 'rollup' : 'live';
  }
  // one definition (migration 20261123210000): the view, or its materialisation on large instances
  return statsFrom(db, opts, source === 'rollup' ? 'care_stats_monthly' : 'care_stats_monthly_live');
}

async function statsFrom(db: Queryable, opts: { organisationId: string | null; from: string; to: string }, relation: 'care_stats_monthly' | 'care_stats_monthly_live'): Promise<StatsResult> {
  const { rows } = await db.query(
    `SELECT * FROM ${relation} WHERE month >= $1 AND month <= $2 AND (CASE WHEN $3::uuid IS NULL THEN is_total = 1 ELSE is_total = 0 AND organisation_id = $3 END)`,
    [opts.from, opts.to, opts.organisationId]);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const months: MonthStats[] = [];
  for (let [y, m] = opts.from.split('-').map(Number) as [number, number]; `${y}-${String(m).padStart(2, '0')}` <= opts.to; m === 12 ? (y++, (m = 1)) : m++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    const r = byMonth.get(key);
    months.push({
      month: key, received: r?.received ?? 0, verified: r?.verified ?? 0, dispatched: r?.dispatched ?? 0, responded: r?.responded ?? 0,
      respondedWithinSla: r?.responded_in_sla ?? 0, resolved: r?.resolved ?? 0, confirmed: r?.confirmed ?? 0,
      medianDaysToVerify: round(r?.med_verify ?? null), medianDaysToRespond: round(r?.med_respond ?? null), medianDaysToResolve: round(r?.med_resolve ?? null),
      satisfaction: r && r.ratings ? round(r.rating_sum / r.ratings, 2) : null, ratings: r?.ratings ?? 0,
    });
  }
  // One pass over the (partial-indexed) overdue reports gives both the total and each organisation's count.
  const overdueByOrg = await db.query(
    `SELECT assigned_organisation_id AS id, count(*)::int AS n FROM care_reports WHERE sla_level IN ('overdue', 'escalated') GROUP BY 1`);
  const od = new Map(overdueByOrg.rows.map((r) => [r.id, r.n]));
  const overdueTotal = opts.organisationId ? od.get(opts.organisationId) ?? 0 : overdueByOrg.rows.reduce((a, r) => a + r.n, 0);
  // organisations with activity in the period, and those with overdue reports now even without activity
  const orgs = await db.query(
    `SELECT o.id, o.slug, o.name, coalesce(sum(s.dispatched), 0)::int AS dispatched, coalesce(sum(s.responded), 0)::int AS responded,
       coalesce(sum(s.responded_in_sla), 0)::int AS responded_in_sla, coalesce(sum(s.resolved), 0)::int AS resolved,
       coalesce(sum(s.confirmed), 0)::int AS confirmed, sum(s.rating_sum) AS rating_sum, coalesce(sum(s.ratings), 0)::int AS ratings
     FROM organisations o
     LEFT JOIN ${relation} s ON s.organisation_id = o.id AND s.is_total = 0 AND s.month >= $1 AND s.month <= $2
     WHERE ($3::uuid IS NULL OR o.id = $3) AND (s.organisation_id IS NOT NULL OR o.id = ANY($4::uuid[]))
     GROUP BY o.id, o.slug, o.name ORDER BY o.name`, [opts.from, opts.to, opts.organisationId, [...od.keys()].filter((x) => x)]);
  let scope = { organisationSlug: null as string | null, organisationName: null as string | null };
  if (opts.organisationId) {
    const o = await db.query('SELECT slug, name FROM organisations WHERE id = $1', [opts.organisationId]);
    scope = { organisationSlug: o.rows[0]?.slug ?? null, organisationName: o.rows[0]?.name ?? null };
  }
  return {
    scope, from: opts.from, to: opts.to, overdueNow: overdueTotal, months,
    byOrganisation: orgs.rows.map((r) => ({
      organisationSlug: r.slug, organisationName: r.name, dispatched: r.dispatched, responded: r.responded, respondedWithinSla: r.responded_in_sla,
      resolved: r.resolved, confirmed: r.confirmed, overdueNow: od.get(r.id) ?? 0, satisfaction: r.ratings ? round(Number(r.rating_sum) / r.ratings, 2) : null,
    })),
    generatedAt: new Date().toISOString(),
  };
}

/** Default period: the last 12 WITA months including the current one. */
export function defaultPeriod(now = new Date()): { from: string; to: string } {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + 1;
  const to = `${y}-${String(m).padStart(2, '0')}`;
  const fy = m === 12 ? y : y - 1;
  const fm = m === 12 ? 1 : m + 1;
  return { from: `${fy}-${String(fm).padStart(2, '0')}`, to };
}

const CSV_COLUMNS: Array<keyof MonthStats> = ['month', 'received', 'verified', 'dispatched', 'responded', 'respondedWithinSla', 'resolved', 'confirmed', 'medianDaysToVerify', 'medianDaysToRespond', 'medianDaysToResolve', 'satisfaction', 'ratings'];

/** CSV of the monthly rows (RFC 4180, UTF-8, header row; values are numbers or empty). */
export function statsCsv(s: StatsResult): string {
  const scope = s.scope.organisationSlug ?? 'provinsi-ntb';
  const lines = [['scope', ...CSV_COLUMNS].join(',')];
  for (const m of s.months) lines.push([scope, ...CSV_COLUMNS.map((c) => (m[c] === null ? '' : String(m[c])))].join(','));
  return `${lines.join('\r\n')}\r\n`;
}
