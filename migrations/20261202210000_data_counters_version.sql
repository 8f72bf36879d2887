-- Satu Data: view and download counters get their own version.
--
-- The counters are flushed once a minute (view-counters.ts) and only the portal's own search shows or sorts
-- by them. Until now each flush bumped the catalogue version, which invalidated every cached CKAN answer and
-- made each process rebuild its in-memory catalogue index once a minute on a busy portal. Now a flush bumps
-- `counters` only; the portal search caches per (version, counters), CKAN and the index per version.
ALTER TABLE data_catalogue_version ADD COLUMN counters bigint NOT NULL DEFAULT 0;

CREATE FUNCTION data_counters_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_catalogue_version SET counters = counters + 1 WHERE id = 1;
  RETURN NULL;
END $$;

DROP TRIGGER data_datasets_catalogue_version ON data_datasets;
CREATE TRIGGER data_datasets_catalogue_version
  AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF slug, organisation_id, is_demo, published_revision_id, pub_title, pub_description,
    pub_sector, pub_topic, pub_tags, pub_formats, pub_level, pub_years, pub_licence, pub_groups, pub_modified, published_at, search_vector
  ON data_datasets FOR EACH STATEMENT EXECUTE FUNCTION data_catalogue_bump();

CREATE TRIGGER data_datasets_counters_version
  AFTER UPDATE OF view_count, download_count
  ON data_datasets FOR EACH STATEMENT EXECUTE FUNCTION data_counters_bump();
