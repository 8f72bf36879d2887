-- Satu Data weekly monitoring e-mail (job data.weekly.digest, Monday 07:00 WITA): one row per recipient
-- and ISO week, inserted in the same transaction as the queued e-mail, so a re-run in the same week
-- (a retry, a second process, a manual run) sends nobody the digest twice.
CREATE TABLE data_weekly_digests (
  iso_week   text NOT NULL CHECK (iso_week ~ '^[0-9]{4}-W[0-9]{2}$'),
  user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  scope      jsonb NOT NULL,                       -- "all" or the region codes the digest covered
  changes    integer NOT NULL,
  overdue    integer NOT NULL,
  sent_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (iso_week, user_id)
);
