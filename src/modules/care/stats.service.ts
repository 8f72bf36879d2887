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
  if (source === 'rollup') return rollupStats(db, opts);
  const start = `${opts.from}-01T00:00:00+08:00`;
  const [ty, tm] = opts.to.split('-').map(Number) as [number, number];
  const endMonth = tm === 12 ? `${ty + 1}-01` : `${ty}-${String(tm + 1).padStart(2, '0')}`;
  const end = `${endMonth}-01T00:00:00+08:00`;
  const { rows } = await db.query(
    `SELECT to_char(date_trunc('month', (x.at AT TIME ZONE 'UTC') + interval '8 hours'), 'YYYY-MM') AS month,
       count(*) FILTER (WHERE x.k = 'received')::int AS received,
       count(*) FILTER (WHERE x.k = 'verified')::int AS verified,
       count(*) FILTER (WHERE x.k = 'dispatched')::int AS dispatched,
       count(*) FILTER (WHERE x.k = 'responded')::int AS responded,
       count(*) FILTER (WHERE x.k = 'responded' AND r.first_response_within_sla)::int AS responded_in_sla,
       count(*) FILTER (WHERE x.k = 'resolved')::int AS resolved,
       count(*) FILTER (WHERE x.k = 'confirmed')::int AS confirmed,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY x.days) FILTER (WHERE x.k = 'verified') AS med_verify,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY x.days) FILTER (WHERE x.k = 'responded') AS med_respond,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY x.days) FILTER (WHERE x.k = 'resolved') AS med_resolve,
       avg(r.rating) FILTER (WHERE x.k = 'resolved' AND r.rating IS NOT NULL) AS satisfaction,
       count(r.rating) FILTER (WHERE x.k = 'resolved')::int AS ratings
     FROM care_reports r
     CROSS JOIN LATERAL (VALUES
       ('received', r.created_at, NULL::float8),
       ('verified', r.verified_at, extract(epoch FROM r.verified_at - r.created_at) / 86400),
       ('dispatched', r.first_dispatched_at, NULL::float8),
       ('responded', r.first_responded_at, extract(epoch FROM r.first_responded_at - r.first_dispatched_at) / 86400),
       ('resolved', r.resolved_at, extract(epoch FROM r.resolved_at - r.created_at) / 86400),
       ('confirmed', r.confirmed_at, NULL::float8)
     ) AS x(k, at, days)
     WHERE x.at IS NOT NULL AND x.at >= $1::timestamptz AND x.at < $2::timestamptz
       AND ($3::uuid IS NULL OR r.assigned_organisation_id = $3)
     GROUP BY 1 ORDER BY 1`, [start, end, opts.organisationId]);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const months: MonthStats[] = [];
  for (let [y, m] = opts.from.split('-').map(Number) as [number, number]; `${y}-${String(m).padStart(2, '0')}` <= opts.to; m === 12 ? (y++, (m = 1)) : m++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    const r = byMonth.get(key);
    months.push({
      month: key, received: r?.received ?? 0, verified: r?.verified ?? 0, dispatched: r?.dispatched ?? 0, responded: r?.responded ?? 0,
      respondedWithinSla: r?.responded_in_sla ?? 0, resolved: r?.resolved ?? 0, confirmed: r?.confirmed ?? 0,
      medianDaysToVerify: round(r?.med_verify ?? null), medianDaysToRespond: round(r?.med_respond ?? null), medianDaysToResolve: round(r?.med_resolve ?? null),
      satisfaction: round(r?.satisfaction ?? null, 2), ratings: r?.ratings ?? 0,
    });
  }
  const overdue = await db.query(
    `SELECT count(*)::int AS n FROM care_reports WHERE sla_level IN ('overdue', 'escalated') AND ($1::uuid IS NULL OR assigned_organisation_id = $1)`, [opts.organisationId]);
  const orgs = await db.query(
    `SELECT o.slug, o.name,
       count(*) FILTER (WHERE r.first_dispatched_at >= $1::timestamptz AND r.first_dispatched_at < $2::timestamptz)::int AS dispatched,
       count(*) FILTER (WHERE r.first_responded_at >= $1::timestamptz AND r.first_responded_at < $2::timestamptz)::int AS responded,
       count(*) FILTER (WHERE r.first_responded_at >= $1::timestamptz AND r.first_responded_at < $2::timestamptz AND r.first_response_within_sla)::int AS responded_in_sla,
       count(*) FILTER (WHERE r.resolved_at >= $1::timestamptz AND r.resolved_at < $2::timestamptz)::int AS resolved,
       count(*) FILTER (WHERE r.confirmed_at >= $1::timestamptz AND r.confirmed_at < $2::timestamptz)::int AS confirmed,
       count(*) FILTER (WHERE r.sla_level IN ('overdue', 'escalated'))::int AS overdue_now,
       avg(r.rating) FILTER (WHERE r.resolved_at >= $1::timestamptz AND r.resolved_at < $2::timestamptz) AS satisfaction
     FROM care_reports r JOIN organisations o ON o.id = r.assigned_organisation_id
     WHERE ($3::uuid IS NULL OR r.assigned_organisation_id = $3)
     GROUP BY o.slug, o.name ORDER BY o.name`, [start, end, opts.organisationId]);
  let scope = { organisationSlug: null as string | null, organisationName: null as string | null };
  if (opts.organisationId) {
    const o = await db.query('SELECT slug, name FROM organisations WHERE id = $1', [opts.organisationId]);
    scope = { organisationSlug: o.rows[0]?.slug ?? null, organisationName: o.rows[0]?.name ?? null };
  }
  return {
    scope, from: opts.from, to: opts.to, overdueNow: overdue.rows[0].n, months,
    byOrganisation: orgs.rows.map((r) => ({
      organisationSlug: r.slug, organisationName: r.name, dispatched: r.dispatched, responded: r.responded, respondedWithinSla: r.responded_in_sla,
      resolved: r.resolved, confirmed: r.confirmed, overdueNow: r.overdue_now, satisfaction: round(r.satisfaction ?? null, 2),
    })),
    generatedAt: new Date().toISOString(),
  };
}

async function rollupStats(db: Queryable, opts: { organisationId: string | null; from: string; to: string }): Promise<StatsResult> {
  const { rows } = await db.query(
    `SELECT * FROM care_stats_monthly WHERE month >= $1 AND month <= $2 AND (CASE WHEN $3::uuid IS NULL THEN is_total = 1 ELSE is_total = 0 AND organisation_id = $3 END)`,
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
  const orgs = await db.query(
    `SELECT o.id, o.slug, o.name, sum(s.dispatched)::int AS dispatched, sum(s.responded)::int AS responded, sum(s.responded_in_sla)::int AS responded_in_sla,
       sum(s.resolved)::int AS resolved, sum(s.confirmed)::int AS confirmed, sum(s.rating_sum) AS rating_sum, sum(s.ratings)::int AS ratings
     FROM care_stats_monthly s JOIN organisations o ON o.id = s.organisation_id
     WHERE s.is_total = 0 AND s.month >= $1 AND s.month <= $2 AND ($3::uuid IS NULL OR s.organisation_id = $3)
     GROUP BY o.id, o.slug, o.name ORDER BY o.name`, [opts.from, opts.to, opts.organisationId]);
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
