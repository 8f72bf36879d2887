-- Satu Data NTB: the regional data list, datasets with revisions run through the SOP workflow,
-- resources with their datastore tables, data requests, reports. Datastore tables live in their own
-- schema `datastore` (one table per loaded resource version, created by the ingestion job).
CREATE SCHEMA IF NOT EXISTS datastore;

-- Daftar Data Daerah, per year; frozen by a Forum Data meeting.
CREATE TABLE data_list_years (
  year              integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  frozen_at         timestamptz,
  frozen_meeting_id uuid,
  created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE data_list_items (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  year             integer NOT NULL REFERENCES data_list_years(year),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  definition       text NOT NULL DEFAULT '',
  organisation_id  uuid NOT NULL REFERENCES organisations(id),
  sector           text NOT NULL CHECK (sector IN ('sosial', 'ekonomi', 'infrastruktur')),
  topic            text NOT NULL DEFAULT '',
  unit             text NOT NULL DEFAULT '',
  frequency        text NOT NULL CHECK (frequency IN ('tahunan', 'semesteran', 'triwulanan', 'bulanan', 'sekali')),
  level            text NOT NULL CHECK (level IN ('provinsi', 'kabupaten_kota', 'kecamatan', 'desa')),
  priority         boolean NOT NULL DEFAULT false,
  reference_code   text NOT NULL DEFAULT '',
  release_date     date,
  available        boolean NOT NULL DEFAULT false,
  business_process text NOT NULL DEFAULT '',      -- NTB.xx code of the process that needs it (SPBE map)
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX data_list_items_name_idx ON data_list_items (year, organisation_id, lower(name));
CREATE INDEX data_list_items_org_idx ON data_list_items (organisation_id, year);

CREATE TABLE data_list_comments (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id    uuid NOT NULL REFERENCES data_list_items(id) ON DELETE CASCADE,
  author_id  uuid REFERENCES users(id),
  kind       text NOT NULL CHECK (kind IN ('comment', 'recommendation')),
  body       text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX data_list_comments_item_idx ON data_list_comments (item_id, created_at);

CREATE TABLE data_forum_meetings (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  year               integer NOT NULL REFERENCES data_list_years(year),
  held_on            date NOT NULL,
  attendee_org_ids   uuid[] NOT NULL DEFAULT '{}',
  minutes_file_id    uuid REFERENCES files(id),
  decision           text NOT NULL DEFAULT '',
  freezes_list       boolean NOT NULL DEFAULT false,
  created_by         uuid REFERENCES users(id),
  created_at         timestamptz NOT NULL DEFAULT now()
);

-- Datasets. The public (catalogue) fields are a projection of the published revision, rewritten when a
-- revision is published or unpublished, so the portal search reads one table.
CREATE TABLE data_datasets (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug                  text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  organisation_id       uuid NOT NULL REFERENCES organisations(id),
  data_list_item_id     uuid REFERENCES data_list_items(id),
  system_key            text UNIQUE,                -- datasets published by other modules (publishSystemDataset)
  is_demo               boolean NOT NULL DEFAULT false,
  published_revision_id uuid,
  latest_revision_id    uuid,
  -- catalogue projection (NULL/empty while unpublished)
  pub_title             text,
  pub_description       text,
  pub_sector            text,
  pub_topic             text,
  pub_tags              text[] NOT NULL DEFAULT '{}',
  pub_formats           text[] NOT NULL DEFAULT '{}',
  pub_level             text,
  pub_years             integer[] NOT NULL DEFAULT '{}',
  published_at          timestamptz,
  search_vector         tsvector,
  view_count            bigint NOT NULL DEFAULT 0,
  download_count        bigint NOT NULL DEFAULT 0,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX data_datasets_search_idx ON data_datasets USING gin (search_vector);
CREATE INDEX data_datasets_title_trgm_idx ON data_datasets USING gin (pub_title gin_trgm_ops);
CREATE INDEX data_datasets_org_idx ON data_datasets (organisation_id);
CREATE INDEX data_datasets_published_idx ON data_datasets (published_at DESC) WHERE published_revision_id IS NOT NULL;
CREATE INDEX data_datasets_tags_idx ON data_datasets USING gin (pub_tags);

-- Words of published titles/tags, for "did you mean" and typo-tolerant matching with pg_trgm.
CREATE TABLE data_search_words (
  word text PRIMARY KEY
);
CREATE INDEX data_search_words_trgm_idx ON data_search_words USING gin (word gin_trgm_ops);

CREATE TABLE data_revisions (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dataset_id          uuid NOT NULL REFERENCES data_datasets(id) ON DELETE CASCADE,
  number              integer NOT NULL,
  state               text NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'checked', 'validated', 'published', 'unpublished', 'superseded')),
  title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description         text NOT NULL DEFAULT '',
  sector              text NOT NULL CHECK (sector IN ('sosial', 'ekonomi', 'infrastruktur')),
  topic               text NOT NULL DEFAULT '',
  tags                text[] NOT NULL DEFAULT '{}',
  licence             text NOT NULL DEFAULT 'CC-BY-4.0',
  temporal_start      date,
  temporal_end        date,
  region_codes        text[] NOT NULL DEFAULT '{}',
  frequency           text NOT NULL DEFAULT 'tahunan' CHECK (frequency IN ('tahunan', 'semesteran', 'triwulanan', 'bulanan', 'sekali')),
  level               text NOT NULL DEFAULT 'provinsi' CHECK (level IN ('provinsi', 'kabupaten_kota', 'kecamatan', 'desa')),
  contact_role        text NOT NULL DEFAULT '',
  source              text NOT NULL DEFAULT '',
  notes               text NOT NULL DEFAULT '',
  ms_ind              jsonb NOT NULL DEFAULT '{}',
  ms_keg              jsonb NOT NULL DEFAULT '{}',
  checklist           jsonb NOT NULL DEFAULT '{}',
  change_summary      jsonb,
  created_by          uuid REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  submitted_at        timestamptz,
  checked_at          timestamptz,
  validated_at        timestamptz,
  validated_by        uuid REFERENCES users(id),
  published_at        timestamptz,
  auto_publish_at     timestamptz,
  UNIQUE (dataset_id, number)
);
CREATE INDEX data_revisions_state_idx ON data_revisions (state, updated_at);

ALTER TABLE data_datasets ADD CONSTRAINT data_datasets_published_fk FOREIGN KEY (published_revision_id) REFERENCES data_revisions(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE data_datasets ADD CONSTRAINT data_datasets_latest_fk FOREIGN KEY (latest_revision_id) REFERENCES data_revisions(id) DEFERRABLE INITIALLY DEFERRED;

-- Every workflow step, with the walidata's notes per item when returning.
CREATE TABLE data_revision_events (
  id          bigserial PRIMARY KEY,
  revision_id uuid NOT NULL REFERENCES data_revisions(id) ON DELETE CASCADE,
  event       text NOT NULL,
  from_state  text NOT NULL,
  to_state    text NOT NULL,
  actor_id    uuid REFERENCES users(id),
  note        text NOT NULL DEFAULT '',
  item_notes  jsonb NOT NULL DEFAULT '{}',
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX data_revision_events_rev_idx ON data_revision_events (revision_id, id);

-- Register of validation letters (surat validasi) signed by Kepala OPD.
CREATE TABLE data_validation_letters (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  revision_id     uuid NOT NULL REFERENCES data_revisions(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  file_id         uuid REFERENCES files(id),
  letter_number   text NOT NULL DEFAULT '',
  letter_date     date,
  uploaded_by     uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX data_validation_letters_org_idx ON data_validation_letters (organisation_id, created_at DESC);

-- Resources of a revision. A new revision copies its resources, sharing their datastore tables until
-- one is re-uploaded (a new table); tables no longer referenced are dropped.
CREATE TABLE data_resources (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  revision_id      uuid NOT NULL REFERENCES data_revisions(id) ON DELETE CASCADE,
  lineage_id       uuid NOT NULL,                 -- the same resource across revisions
  position         integer NOT NULL DEFAULT 0,
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  description      text NOT NULL DEFAULT '',
  kind             text NOT NULL CHECK (kind IN ('file', 'link')),
  file_id          uuid REFERENCES files(id),
  url              text,
  format           text NOT NULL DEFAULT '',
  sheet            text,
  datastore_table  text,                          -- datastore.<name> holding the rows, when tabular
  table_schema     jsonb,                         -- Frictionless Table Schema (data dictionary)
  row_count        bigint,
  ingest_status    text NOT NULL DEFAULT 'none' CHECK (ingest_status IN ('none', 'queued', 'running', 'done', 'failed')),
  ingest_progress  jsonb NOT NULL DEFAULT '{}',
  ingest_report    jsonb,
  ingest_meta      jsonb NOT NULL DEFAULT '{}',
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX data_resources_revision_idx ON data_resources (revision_id, position);
CREATE INDEX data_resources_table_idx ON data_resources (datastore_table);

-- Public data requests (usulan data), followed by their requester through a tracking code.
CREATE TABLE data_requests (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tracking_code   text NOT NULL UNIQUE,
  title           text NOT NULL CHECK (length(title) BETWEEN 3 AND 300),
  description     text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  purpose         text NOT NULL DEFAULT '',
  requester_email text,                           -- never shown publicly
  organisation_id uuid REFERENCES organisations(id),
  status          text NOT NULL DEFAULT 'diajukan' CHECK (status IN ('diajukan', 'ditinjau', 'dipenuhi', 'ditolak')),
  response        text NOT NULL DEFAULT '',
  dataset_id      uuid REFERENCES data_datasets(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX data_requests_status_idx ON data_requests (status, created_at DESC);

-- Laporan Penyelenggaraan Satu Data and its delivery to the regional head.
CREATE TABLE data_reports (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  year          integer NOT NULL,
  quarter       integer CHECK (quarter BETWEEN 1 AND 4),   -- NULL: annual report
  pdf_file_id   uuid REFERENCES files(id),
  xlsx_file_id  uuid REFERENCES files(id),
  figures       jsonb NOT NULL DEFAULT '{}',
  generated_by  uuid REFERENCES users(id),
  generated_at  timestamptz NOT NULL DEFAULT now(),
  delivered_at  timestamptz,
  delivered_to  text,
  delivered_by  uuid REFERENCES users(id)
);
CREATE INDEX data_reports_period_idx ON data_reports (year, quarter);

-- Module settings editable by the walidata (e.g. automatic publication after validation).
CREATE TABLE data_settings (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
