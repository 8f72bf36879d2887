-- One definition of the monthly complaint statistics: the view care_stats_monthly_live (report milestones
-- per WITA month, per organisation and, with is_total = 1, for the province). Small instances read the view;
-- large ones its materialisation care_stats_monthly, refreshed by the care.stats.refresh job. Before, the
-- live statistics repeated this query in the service.
CREATE VIEW care_stats_monthly_live AS
SELECT to_char(date_trunc('month', (x.at AT TIME ZONE 'UTC') + interval '8 hours'), 'YYYY-MM') AS month,
       r.assigned_organisation_id AS organisation_id,
       coalesce(r.assigned_organisation_id, '00000000-0000-0000-0000-000000000000'::uuid) AS org_key,
       GROUPING(r.assigned_organisation_id) AS is_total,
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
       sum(r.rating) FILTER (WHERE x.k = 'resolved' AND r.rating IS NOT NULL)::float8 AS rating_sum,
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
WHERE x.at IS NOT NULL
GROUP BY GROUPING SETS ((1, r.assigned_organisation_id), (1));

DROP MATERIALIZED VIEW care_stats_monthly;
CREATE MATERIALIZED VIEW care_stats_monthly AS SELECT * FROM care_stats_monthly_live;
CREATE UNIQUE INDEX care_stats_monthly_key ON care_stats_monthly (month, org_key, is_total);
