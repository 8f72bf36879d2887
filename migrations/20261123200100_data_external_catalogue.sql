-- Satu Data: the public catalogue beyond the datasets published here, and a cheaper catalogue search.
--
-- 1. data_external_datasets: datasets described elsewhere (harvested from regency/city portals by the interop
--    module) that the catalogue search lists next to the published ones. Written only through the data
--    module's service (external-catalogue.service.ts: upsertExternalDataset / removeExternalDataset); it holds
--    what search needs and a link to the local read-only page. The provider keeps the full record.
-- 2. The projection of published datasets in data_datasets gains the fields the CKAN/DCAT catalogue filters
--    and facets on (licence, groups = sector + topic slug, modified), so a catalogue search never joins
--    data_revisions or computes per-row expressions.
-- 3. GIN indexes of the catalogue without the pending list (fastupdate off): the catalogue is written rarely
--    and read on every search; a pending list is scanned linearly by every search until a vacuum merges it.

CREATE TABLE data_external_datasets (
  id              uuid PRIMARY KEY,                 -- the provider's id (also the CKAN package id)
  provider        text NOT NULL CHECK (provider ~ '^[a-z][a-z0-9_.-]*$'),
  slug            text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9_-]+$'),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  description     text NOT NULL DEFAULT '',
  sector          text CHECK (sector IN ('sosial', 'ekonomi', 'infrastruktur')),
  topic           text NOT NULL DEFAULT '',
  tags            text[] NOT NULL DEFAULT '{}',
  groups          text[] NOT NULL DEFAULT '{}',     -- the source's categories (CKAN groups), slugs
  formats         text[] NOT NULL DEFAULT '{}',     -- upper case
  licence         text NOT NULL DEFAULT 'notspecified',
  level           text CHECK (level IN ('provinsi', 'kabupaten_kota', 'kecamatan', 'desa')),
  years           integer[] NOT NULL DEFAULT '{}',
  created         timestamptz NOT NULL DEFAULT now(),
  modified        timestamptz NOT NULL DEFAULT now(),
  page_url        text NOT NULL CHECK (page_url ~ '^/[^/]'),   -- local read-only page with the provenance
  original_url    text NOT NULL DEFAULT '' CHECK (original_url = '' OR original_url ~* '^https?://'),
  source_label    text NOT NULL CHECK (length(source_label) BETWEEN 1 AND 200),
  content_hash    text NOT NULL,                    -- unchanged input → no write, no catalogue version bump
  search_vector   tsvector NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX data_external_datasets_search_idx ON data_external_datasets USING gin (search_vector) WITH (fastupdate = off);
CREATE INDEX data_external_datasets_title_trgm_idx ON data_external_datasets USING gin (title gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX data_external_datasets_org_idx ON data_external_datasets (organisation_id);
CREATE INDEX data_external_datasets_provider_idx ON data_external_datasets (provider);
CREATE INDEX data_external_datasets_modified_idx ON data_external_datasets (modified DESC);

-- Every change of the external catalogue invalidates cached search answers, as changes of data_datasets do.
CREATE TRIGGER data_external_datasets_catalogue_version
  AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE ON data_external_datasets
  FOR EACH STATEMENT EXECUTE FUNCTION data_catalogue_bump();

-- Projection of published datasets: licence, CKAN groups (sector, topic slug) and the last publication time.
ALTER TABLE data_datasets ADD COLUMN pub_licence text;
ALTER TABLE data_datasets ADD COLUMN pub_groups text[] NOT NULL DEFAULT '{}';
ALTER TABLE data_datasets ADD COLUMN pub_modified timestamptz;
UPDATE data_datasets d SET
  pub_licence = r.licence,
  pub_groups = array_remove(array_remove(ARRAY[r.sector, nullif(trim(both '-' from lower(regexp_replace(r.topic, '[^A-Za-z0-9]+', '-', 'g'))), r.sector)], NULL), ''),
  pub_modified = coalesce(r.published_at, d.published_at, d.created_at)
FROM data_revisions r WHERE r.id = d.published_revision_id;

DROP TRIGGER data_datasets_catalogue_version ON data_datasets;
CREATE TRIGGER data_datasets_catalogue_version
  AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF slug, organisation_id, is_demo, published_revision_id, pub_title, pub_description,
    pub_sector, pub_topic, pub_tags, pub_formats, pub_level, pub_years, pub_licence, pub_groups, pub_modified, published_at, search_vector,
    view_count, download_count
  ON data_datasets FOR EACH STATEMENT EXECUTE FUNCTION data_catalogue_bump();

ALTER INDEX data_datasets_search_idx SET (fastupdate = off);
ALTER INDEX data_datasets_title_trgm_idx SET (fastupdate = off);
SELECT gin_clean_pending_list('data_datasets_search_idx'::regclass), gin_clean_pending_list('data_datasets_title_trgm_idx'::regclass);
