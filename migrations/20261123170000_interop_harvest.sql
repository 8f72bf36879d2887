-- Interoperability: harvest sources (CKAN Action API or DCAT catalogues of regency/city portals), their
-- runs with reports, the objects gathered per run, and the harvested datasets with provenance. Harvested
-- datasets are read-only copies of the source's metadata; the source stays authoritative.
CREATE TABLE interop_harvest_sources (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title                 text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  kind                  text NOT NULL CHECK (kind IN ('ckan', 'dcat')),
  url                   text NOT NULL CHECK (url ~ '^https?://'),
  organisation_id       uuid NOT NULL REFERENCES organisations(id),
  schedule              text NOT NULL DEFAULT 'daily' CHECK (schedule IN ('manual', 'hourly', 'daily', 'weekly')),
  include_orgs          text[] NOT NULL DEFAULT '{}',
  exclude_orgs          text[] NOT NULL DEFAULT '{}',
  include_tags          text[] NOT NULL DEFAULT '{}',
  exclude_tags          text[] NOT NULL DEFAULT '{}',
  active                boolean NOT NULL DEFAULT true,
  high_water_mark       timestamptz,                -- newest metadata_modified imported (incremental gathers)
  next_run_at           timestamptz,
  consecutive_failures  integer NOT NULL DEFAULT 0,
  created_by            uuid REFERENCES users(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  UNIQUE (url, organisation_id)
);

CREATE TABLE interop_harvest_runs (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source_id     uuid NOT NULL REFERENCES interop_harvest_sources(id) ON DELETE CASCADE,
  status        text NOT NULL DEFAULT 'gathering' CHECK (status IN ('gathering', 'importing', 'ok', 'partial', 'failed')),
  mode          text NOT NULL DEFAULT 'incremental' CHECK (mode IN ('incremental', 'full')),
  started_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz,
  gathered      integer NOT NULL DEFAULT 0,
  created       integer NOT NULL DEFAULT 0,
  updated       integer NOT NULL DEFAULT 0,
  unchanged     integer NOT NULL DEFAULT 0,
  removed       integer NOT NULL DEFAULT 0,
  skipped       integer NOT NULL DEFAULT 0,
  errors        jsonb NOT NULL DEFAULT '[]',       -- [{ remoteId?, stage, reason }]
  requests      integer NOT NULL DEFAULT 0,
  retries       integer NOT NULL DEFAULT 0,
  slowest_ms    integer NOT NULL DEFAULT 0,
  message       text NOT NULL DEFAULT ''
);
CREATE INDEX interop_harvest_runs_source_idx ON interop_harvest_runs (source_id, started_at DESC);

-- What a gather found (normalised), waiting for the import job.
CREATE TABLE interop_harvest_objects (
  run_id     uuid NOT NULL REFERENCES interop_harvest_runs(id) ON DELETE CASCADE,
  remote_id  text NOT NULL,
  payload    jsonb NOT NULL,
  imported   boolean NOT NULL DEFAULT false,
  PRIMARY KEY (run_id, remote_id)
);

CREATE TABLE interop_harvested_datasets (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source_id          uuid NOT NULL REFERENCES interop_harvest_sources(id) ON DELETE CASCADE,
  remote_id          text NOT NULL,
  name               text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9_-]+$'),
  organisation_id    uuid NOT NULL REFERENCES organisations(id),
  title              text NOT NULL,
  notes              text NOT NULL DEFAULT '',
  tags               text[] NOT NULL DEFAULT '{}',
  groups             text[] NOT NULL DEFAULT '{}',
  formats            text[] NOT NULL DEFAULT '{}',
  licence_id         text NOT NULL DEFAULT 'notspecified',
  remote_org_name    text NOT NULL DEFAULT '',
  remote_org_title   text NOT NULL DEFAULT '',
  temporal_start     date,
  temporal_end       date,
  original_url       text NOT NULL DEFAULT '',
  extras             jsonb NOT NULL DEFAULT '{}',
  resources          jsonb NOT NULL DEFAULT '[]',
  remote_created     timestamptz,
  remote_modified    timestamptz,
  content_hash       text NOT NULL,
  state              text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'removed')),
  first_harvested_at timestamptz NOT NULL DEFAULT now(),
  last_harvested_at  timestamptz NOT NULL DEFAULT now(),
  removed_at         timestamptz,
  search_vector      tsvector,
  UNIQUE (source_id, remote_id)
);
CREATE INDEX interop_harvested_search_idx ON interop_harvested_datasets USING gin (search_vector);
CREATE INDEX interop_harvested_state_idx ON interop_harvested_datasets (state, remote_modified DESC);
