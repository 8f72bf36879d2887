/**
 * Monitoring of the regional data list (Daftar Data Daerah) for a year, per organisation and in
 * total: items, collected (a dataset with data was uploaded), published, and published on time
 * against the release schedule — the figures the OGP commitment reports (965 / 910 = 94,30 % /
 * 893 = 92,54 %). Plus the weekly view: what changed in the last 7 days and what is overdue.
 */
import type { Queryable } from '../../core/db.ts';
import type { RegionScope } from './data.policy.ts';

/** Options of the monitoring queries: the clock, and the regions shown (a regency walidata sees only theirs). */
export interface MonitoringOptions {
  now?: Date;
  /** 'all' (default) or Kemendagri region codes: organisations of those regions or their child regions. */
  scope?: RegionScope;
}

/** The scope as a query parameter: null for everything, else the region codes. */
export function scopeParam(scope: RegionScope | undefined): string[] | null {
  return !scope || scope === 'all' ? null : scope;
}

/**
 * SQL condition "organisation `alias` is in the scope passed as parameter `$param`" (a text[] from
 * {@link scopeParam}; NULL means everything). Region codes are hierarchical (52.01 ⊃ 52.01.02), so a
 * child region is matched by prefix.
 */
export function scopeSql(alias: string, param: number): string {
  return `($${param}::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($${param}::text[]) AS sc(code) WHERE ${alias}.region_code = sc.code OR ${alias}.region_code LIKE sc.code || '.%'))`;
}

export interface CoverageRow {
  organisationId: string | null;
  organisation: string;
  items: number;
  collected: number;
  published: number;
  onTime: number;
  collectedPct: number;
  publishedPct: number;
  onTimePct: number;
}

/** Percentage with two decimals (0 when there is nothing to count). */
export function pct(part: number, whole: number): number {
  return whole ? Math.round((part / whole) * 10000) / 100 : 0;
}

export function coverageRow(organisationId: string | null, organisation: string, items: number, collected: number, published: number, onTime: number): CoverageRow {
  return { organisationId, organisation, items, collected, published, onTime, collectedPct: pct(collected, items), publishedPct: pct(published, items), onTimePct: pct(onTime, items) };
}

export async function monitoringFigures(db: Queryable, year: number, opts: MonitoringOptions = {}): Promise<{ total: CoverageRow; byOrg: CoverageRow[] }> {
  const { rows } = await db.query(
    `WITH item AS (
       SELECT i.id, i.organisation_id, i.release_date,
         EXISTS (SELECT 1 FROM data_datasets d JOIN data_revisions r ON r.dataset_id = d.id JOIN data_resources x ON x.revision_id = r.id
                 WHERE d.data_list_item_id = i.id) AS collected,
         (SELECT min(d.published_at) FROM data_datasets d WHERE d.data_list_item_id = i.id AND d.published_revision_id IS NOT NULL) AS published_at
       FROM data_list_items i WHERE i.year = $1)
     SELECT o.id, o.name, count(*)::int AS items, count(*) FILTER (WHERE collected OR published_at IS NOT NULL)::int AS collected,
            count(*) FILTER (WHERE published_at IS NOT NULL)::int AS published,
            count(*) FILTER (WHERE published_at IS NOT NULL AND (release_date IS NULL OR published_at::date <= release_date))::int AS on_time
     FROM item JOIN organisations o ON o.id = item.organisation_id WHERE ${scopeSql('o', 2)} GROUP BY o.id, o.name ORDER BY o.name`, [year, scopeParam(opts.scope)]);
  const byOrg = rows.map((r) => coverageRow(r.id, r.name, r.items, r.collected, r.published, r.on_time));
  const sum = (k: 'items' | 'collected' | 'published' | 'onTime') => byOrg.reduce((a, r) => a + r[k], 0);
  return { total: coverageRow(null, 'Total', sum('items'), sum('collected'), sum('published'), sum('onTime')), byOrg };
}

export interface WeeklyView {
  changes: Array<{ at: Date; event: string; title: string; slug: string; organisation: string; actor: string | null }>;
  overdue: Array<{ name: string; organisation: string; release_date: string }>;
}

/** The weekly monitoring view: workflow events of the last 7 days and overdue list items (of the scope). */
export async function weeklyView(db: Queryable, year: number, opts: MonitoringOptions = {}): Promise<WeeklyView> {
  const now = opts.now ?? new Date();
  const scope = scopeParam(opts.scope);
  const since = new Date(now.getTime() - 7 * 86_400_000);
  const { rows: changes } = await db.query(
    `SELECT e.at, e.event, r.title, d.slug, o.name AS organisation, u.name AS actor
     FROM data_revision_events e JOIN data_revisions r ON r.id = e.revision_id JOIN data_datasets d ON d.id = r.dataset_id
     JOIN organisations o ON o.id = d.organisation_id LEFT JOIN users u ON u.id = e.actor_id
     WHERE e.at >= $1 AND ${scopeSql('o', 2)} ORDER BY e.at DESC LIMIT 200`, [since, scope]);
  const { rows: overdue } = await db.query(
    `SELECT i.name, o.name AS organisation, i.release_date FROM data_list_items i JOIN organisations o ON o.id = i.organisation_id
     WHERE i.year = $1 AND i.release_date < $2::date AND ${scopeSql('o', 3)}
       AND NOT EXISTS (SELECT 1 FROM data_datasets d WHERE d.data_list_item_id = i.id AND d.published_revision_id IS NOT NULL)
     ORDER BY i.release_date, o.name LIMIT 500`, [year, now.toISOString().slice(0, 10), scope]);
  return { changes, overdue };
}
