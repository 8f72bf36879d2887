-- The public board and Open311 list only listed reports (verified, not confidential, not spam), newest first:
-- a partial index keeps the first page cheap even when many reports still await verification.
CREATE INDEX care_reports_board_idx ON care_reports (created_at DESC, id DESC)
  WHERE privacy <> 'rahasia' AND state <> 'diterima' AND NOT (state = 'ditolak' AND reject_reason = 'spam');
