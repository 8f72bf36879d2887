-- Follow-up budgets per category AND report type: {"permintaan_informasi": 10} overrides the category's
-- follow-up days for that type. Information requests default to 10 working days (UU 14/2008 on public
-- information, art. 22(7)); complaints and aspirations keep the category's budget (5 by default).
ALTER TABLE care_categories ADD COLUMN followup_days_by_type jsonb NOT NULL DEFAULT '{"permintaan_informasi": 10}';
