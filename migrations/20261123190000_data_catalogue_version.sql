-- Satu Data: a catalogue version, bumped (in the writing transaction) by every statement that changes the
-- public projection of data_datasets, so search results and facet counts can be cached per version and a
-- reader never serves a result older than the last committed change.
CREATE TABLE data_catalogue_version (
  id      integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  version bigint NOT NULL DEFAULT 0
);
INSERT INTO data_catalogue_version (id, version) VALUES (1, 0);

CREATE FUNCTION data_catalogue_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_catalogue_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END $$;

CREATE TRIGGER data_datasets_catalogue_version
  AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF slug, organisation_id, is_demo, published_revision_id, pub_title, pub_description,
    pub_sector, pub_topic, pub_tags, pub_formats, pub_level, pub_years, published_at, search_vector, view_count, download_count
  ON data_datasets FOR EACH STATEMENT EXECUTE FUNCTION data_catalogue_bump();

-- Organisation names (core table) are not watched: cached entries also expire after a minute.
