-- SPBE: evaluation frameworks (versioned data), evaluations with entries and evidence, recommendations and
-- actions, roadmap (Peta Rencana), application registry, business-process and data architecture.

CREATE TABLE spbe_frameworks (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  regulation  text,
  version     text NOT NULL,
  -- the whole framework document (domains, aspects, indicators, weights, level scales, predicate bands);
  -- never edited in place once an evaluation uses it: a change is a new framework version
  definition  jsonb NOT NULL,
  source      text NOT NULL DEFAULT 'seed' CHECK (source IN ('seed', 'json', 'xlsx')),
  created_by  uuid REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE spbe_evaluations (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  framework_id    uuid NOT NULL REFERENCES spbe_frameworks(id),
  title           text NOT NULL,
  state           text NOT NULL DEFAULT 'self_assessment' CHECK (state IN ('self_assessment', 'internal_review', 'final')),
  target_index    numeric(4, 2),
  source          text,
  created_by      uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  submitted_at    timestamptz,
  finalised_at    timestamptz,
  finalised_by    uuid REFERENCES users(id),
  UNIQUE (year, framework_id)
);
CREATE INDEX spbe_evaluations_year_idx ON spbe_evaluations (year DESC);

-- One row per indicator, or per service for per-service indicators (PermenPANRB 5/2018 indicator 35).
CREATE TABLE spbe_evaluation_entries (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  evaluation_id  uuid NOT NULL REFERENCES spbe_evaluations(id) ON DELETE CASCADE,
  indicator_code text NOT NULL,
  service        text NOT NULL DEFAULT '',            -- '' for ordinary indicators
  entry_label    text,                                 -- e.g. '35-1'
  level          integer CHECK (level BETWEEN 1 AND 5),
  justification  text,
  assessor_id    uuid REFERENCES users(id),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (evaluation_id, indicator_code, service)
);
CREATE INDEX spbe_entries_eval_idx ON spbe_evaluation_entries (evaluation_id);

CREATE TABLE spbe_evidence (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entry_id    uuid NOT NULL REFERENCES spbe_evaluation_entries(id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('link', 'file')),
  label       text NOT NULL,
  url         text,                                    -- external link or a path inside NTB Terbuka ('/data/…')
  file_id     uuid REFERENCES files(id),
  created_by  uuid REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'link' AND url IS NOT NULL) OR (kind = 'file' AND file_id IS NOT NULL))
);
CREATE INDEX spbe_evidence_entry_idx ON spbe_evidence (entry_id);

-- §4.2: current condition, recommendation and strategy per indicator (entry), and the actions taken since.
CREATE TABLE spbe_recommendations (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  framework_id   uuid NOT NULL REFERENCES spbe_frameworks(id),
  indicator_code text NOT NULL,
  entry_label    text NOT NULL,
  source_year    integer NOT NULL,
  condition      text,
  recommendation text NOT NULL,
  strategy       text,
  UNIQUE (framework_id, entry_label, source_year)
);

CREATE TABLE spbe_recommendation_actions (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  recommendation_id uuid NOT NULL REFERENCES spbe_recommendations(id) ON DELETE CASCADE,
  action_date       date NOT NULL,
  description       text NOT NULL,
  evidence_url      text,
  organisation_id   uuid REFERENCES organisations(id),
  created_by        uuid REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX spbe_rec_actions_idx ON spbe_recommendation_actions (recommendation_id, action_date);

-- §6.3 Peta Rencana.
CREATE TABLE spbe_initiatives (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code             text NOT NULL UNIQUE,              -- 'A-1' … 'D-23' (seed numbering kept, 8 appears twice)
  number           integer NOT NULL,
  grp              text NOT NULL CHECK (grp IN ('tata_kelola', 'infrastruktur', 'layanan', 'sdm')),
  title            text NOT NULL,
  start_year       integer NOT NULL,
  end_year         integer NOT NULL CHECK (end_year >= start_year),
  status           text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'done', 'stuck', 'cancelled')),
  progress         integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  framework_code   text,                              -- framework of the linked indicator codes
  indicator_codes  text[] NOT NULL DEFAULT '{}',
  updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE spbe_initiative_outputs (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  initiative_id   uuid NOT NULL REFERENCES spbe_initiatives(id) ON DELETE CASCADE,
  position        integer NOT NULL,
  output          text NOT NULL,
  target_text     text NOT NULL,
  start_year      integer NOT NULL,
  end_year        integer NOT NULL,
  responsible     text                                -- as written in the seed
);
CREATE INDEX spbe_init_outputs_idx ON spbe_initiative_outputs (initiative_id, position);

-- Organisations (from the registry) responsible for an initiative: they may update its progress.
CREATE TABLE spbe_initiative_organisations (
  initiative_id   uuid NOT NULL REFERENCES spbe_initiatives(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  PRIMARY KEY (initiative_id, organisation_id)
);

CREATE TABLE spbe_initiative_updates (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  initiative_id  uuid NOT NULL REFERENCES spbe_initiatives(id) ON DELETE CASCADE,
  status         text NOT NULL,
  progress       integer NOT NULL CHECK (progress BETWEEN 0 AND 100),
  note           text,
  evidence_url   text,
  created_by     uuid REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX spbe_init_updates_idx ON spbe_initiative_updates (initiative_id, created_at DESC);

-- §3.2.3 application registry.
CREATE TABLE spbe_applications (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                  text NOT NULL,
  category              text NOT NULL CHECK (category IN ('website', 'public_service', 'general_admin', 'legislation', 'development_mgmt', 'finance', 'personnel')),
  scope                 text NOT NULL CHECK (scope IN ('umum', 'khusus')),
  owner_organisation_id uuid REFERENCES organisations(id),
  url                   text,
  hosted_in_data_centre boolean,
  integrated_simantra   boolean,
  status                text NOT NULL DEFAULT 'active' CHECK (status IN ('planned', 'active', 'retired')),
  description           text,
  data_refs             text[] NOT NULL DEFAULT '{}',  -- Satu Data list item references, when that module exists
  created_by            uuid REFERENCES users(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX spbe_applications_name_owner_idx ON spbe_applications (lower(name), coalesce(owner_organisation_id, '00000000-0000-0000-0000-000000000000'::uuid));
CREATE INDEX spbe_applications_category_idx ON spbe_applications (category);
CREATE INDEX spbe_applications_owner_idx ON spbe_applications (owner_organisation_id);

-- §7.1 business processes (level 0 and level 1) and §7.2 data entities.
CREATE TABLE spbe_business_processes (
  code             text PRIMARY KEY,                  -- NTB.01 … NTB.24, NTB.01.01 …
  parent_code      text REFERENCES spbe_business_processes(code),
  level            integer NOT NULL CHECK (level IN (0, 1)),
  name             text NOT NULL,
  process_type     text CHECK (process_type IN ('Utama', 'Manajemen', 'Pendukung')),
  organisation     text,                              -- as written in §7.1
  activities       text[] NOT NULL DEFAULT '{}',
  note             text
);
CREATE INDEX spbe_bp_parent_idx ON spbe_business_processes (parent_code);
CREATE INDEX spbe_bp_name_trgm ON spbe_business_processes USING gin (name gin_trgm_ops);

CREATE TABLE spbe_bp_organisations (
  process_code    text NOT NULL REFERENCES spbe_business_processes(code) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  PRIMARY KEY (process_code, organisation_id)
);

CREATE TABLE spbe_data_entities (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  process_code  text NOT NULL REFERENCES spbe_business_processes(code) ON DELETE CASCADE,
  position      integer NOT NULL,
  name          text NOT NULL,
  data_ref      text,                                 -- Satu Data list item reference, when linked
  UNIQUE (process_code, position)
);
CREATE INDEX spbe_data_entities_name_trgm ON spbe_data_entities USING gin (name gin_trgm_ops);
