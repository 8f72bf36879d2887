-- Rencana Aksi Keterbukaan: OGP action plans, commitments on the OGP Local template, milestones with dated
-- progress updates and evidence, co-creation drafts (frozen versions), working groups, the co-creation event
-- log, public consultation with moderation and reasoned responses, and IRM-style assessments.

CREATE TABLE plans_plans (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug           text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title          text NOT NULL,
  title_en       text,
  programme      text NOT NULL DEFAULT 'ogp_local' CHECK (programme IN ('ogp_local', 'ogi')),
  start_month    text NOT NULL CHECK (start_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  end_month      text NOT NULL CHECK (end_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  description    text NOT NULL DEFAULT '',
  description_en text NOT NULL DEFAULT '',
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- The multi-stakeholder forum of a plan.
CREATE TABLE plans_forum_members (
  plan_id         uuid NOT NULL REFERENCES plans_plans(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  part            text NOT NULL CHECK (part IN ('secretariat', 'government', 'cso')),
  PRIMARY KEY (plan_id, organisation_id)
);

CREATE TABLE plans_working_groups (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id     uuid NOT NULL REFERENCES plans_plans(id) ON DELETE CASCADE,
  name        text NOT NULL,
  theme       text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Members: an organisation, optionally a person given by their role/title (or a platform user).
CREATE TABLE plans_working_group_members (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id        uuid NOT NULL REFERENCES plans_working_groups(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  user_id         uuid REFERENCES users(id),
  member_role     text NOT NULL DEFAULT ''
);
CREATE INDEX plans_wg_members_group_idx ON plans_working_group_members (group_id);

-- A commitment. `content` holds sections 1–16 of the template as they stand now (the working text);
-- section 17 lives in plans_milestones. Frozen drafts are rows of plans_versions.
CREATE TABLE plans_commitments (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id          uuid NOT NULL REFERENCES plans_plans(id) ON DELETE CASCADE,
  slug             text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  number           integer NOT NULL,
  title            text NOT NULL,
  content          jsonb NOT NULL,
  stage            text CHECK (stage IN ('draft_1', 'draft_2', 'draft_3', 'draft_4', 'final')), -- latest frozen stage
  working_group_id uuid REFERENCES plans_working_groups(id) ON DELETE SET NULL,
  lead_organisation_id uuid REFERENCES organisations(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan_id, slug),
  UNIQUE (plan_id, number)
);

CREATE TABLE plans_milestones (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commitment_id    uuid NOT NULL REFERENCES plans_commitments(id) ON DELETE CASCADE,
  key              text NOT NULL,
  position         integer NOT NULL,
  output           text NOT NULL,
  start_month      text CHECK (start_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  end_month        text CHECK (end_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  responsible      text[] NOT NULL DEFAULT '{}',   -- organisation slugs
  responsible_note text,
  contact_roles    text[] NOT NULL DEFAULT '{}',
  status           text CHECK (status IN ('not_started', 'in_progress', 'stuck', 'finished', 'incomplete')),
  reported_percent integer CHECK (reported_percent BETWEEN 0 AND 100),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (commitment_id, key)
);
CREATE INDEX plans_milestones_commitment_idx ON plans_milestones (commitment_id, position);

-- Dated progress updates of a milestone.
CREATE TABLE plans_milestone_updates (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  milestone_id uuid NOT NULL REFERENCES plans_milestones(id) ON DELETE CASCADE,
  reported_on  date NOT NULL,
  status       text NOT NULL CHECK (status IN ('not_started', 'in_progress', 'stuck', 'finished', 'incomplete')),
  percent      integer CHECK (percent BETWEEN 0 AND 100),
  note         text NOT NULL DEFAULT '',
  created_by   uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plans_milestone_updates_idx ON plans_milestone_updates (milestone_id, reported_on DESC, created_at DESC);

-- Evidence: an uploaded file, an outside link, or a link to an object inside the platform (shown live).
CREATE TABLE plans_evidence (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  milestone_id uuid NOT NULL REFERENCES plans_milestones(id) ON DELETE CASCADE,
  update_id    uuid REFERENCES plans_milestone_updates(id) ON DELETE SET NULL,
  kind         text NOT NULL CHECK (kind IN ('file', 'link', 'internal')),
  title        text NOT NULL,
  file_id      uuid REFERENCES files(id),
  url          text,
  internal_type text,
  created_by   uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'file' AND file_id IS NOT NULL) OR (kind <> 'file' AND url IS NOT NULL))
);
CREATE INDEX plans_evidence_milestone_idx ON plans_evidence (milestone_id);

-- Frozen versions (co-creation drafts). Content is the whole template, milestones included.
CREATE TABLE plans_versions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commitment_id uuid NOT NULL REFERENCES plans_commitments(id) ON DELETE CASCADE,
  seq           integer NOT NULL,
  stage         text NOT NULL CHECK (stage IN ('draft_1', 'draft_2', 'draft_3', 'draft_4', 'final')),
  content       jsonb NOT NULL,
  authors       jsonb NOT NULL DEFAULT '[]',   -- [{ organisation: slug, group: cso|secretariat|agency|public }]
  note          text NOT NULL DEFAULT '',
  created_by    uuid REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (commitment_id, seq),
  UNIQUE (commitment_id, stage)
);

-- Co-creation events by method (seed 002).
CREATE TABLE plans_events (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id       uuid NOT NULL REFERENCES plans_plans(id) ON DELETE CASCADE,
  commitment_id uuid REFERENCES plans_commitments(id) ON DELETE SET NULL,
  method        text NOT NULL CHECK (method IN ('formal_discussion', 'internal_workshop', 'teleconference', 'public_consultation', 'public_consultation_digital')),
  held_on       date NOT NULL,
  title         text NOT NULL,
  organisations text[] NOT NULL DEFAULT '{}',  -- organisation slugs
  participants  integer CHECK (participants >= 0),
  minutes_file_id uuid REFERENCES files(id),
  outcomes      text NOT NULL DEFAULT '',
  created_by    uuid REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plans_events_plan_idx ON plans_events (plan_id, held_on DESC);

-- Public consultation on one frozen version, between two instants.
CREATE TABLE plans_consultations (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commitment_id uuid NOT NULL REFERENCES plans_commitments(id) ON DELETE CASCADE,
  version_id    uuid NOT NULL REFERENCES plans_versions(id),
  opens_at      timestamptz NOT NULL,
  closes_at     timestamptz NOT NULL,
  created_by    uuid REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (closes_at > opens_at)
);
CREATE INDEX plans_consultations_commitment_idx ON plans_consultations (commitment_id, opens_at DESC);

-- Comments on a whole commitment (field NULL) or one field; threaded by parent_id. They belong to the
-- commitment and remember the version they were made on, so they stay attached in later versions.
CREATE TABLE plans_comments (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consultation_id uuid NOT NULL REFERENCES plans_consultations(id) ON DELETE CASCADE,
  commitment_id   uuid NOT NULL REFERENCES plans_commitments(id) ON DELETE CASCADE,
  version_id      uuid NOT NULL REFERENCES plans_versions(id),
  field           text,
  parent_id       uuid REFERENCES plans_comments(id) ON DELETE CASCADE,
  body            text NOT NULL,
  author_user_id  uuid REFERENCES users(id),
  author_name     text NOT NULL,
  author_email    text,                      -- only for commenters without an account; never shown
  verify_token_hash text,
  verified_at     timestamptz,
  status          text NOT NULL CHECK (status IN ('unverified', 'pending', 'published', 'rejected')),
  moderated_by    uuid REFERENCES users(id),
  moderated_at    timestamptz,
  moderation_note text,
  ip_hash         text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plans_comments_commitment_idx ON plans_comments (commitment_id, created_at);
CREATE INDEX plans_comments_status_idx ON plans_comments (status, created_at);
CREATE INDEX plans_comments_email_idx ON plans_comments (lower(author_email), created_at);
CREATE INDEX plans_comments_user_idx ON plans_comments (author_user_id, created_at);

-- The reasoned response to a comment, recorded after the consultation closed.
CREATE TABLE plans_responses (
  comment_id        uuid PRIMARY KEY REFERENCES plans_comments(id) ON DELETE CASCADE,
  outcome           text NOT NULL CHECK (outcome IN ('accepted', 'partly_accepted', 'not_accepted')),
  reason            text NOT NULL,
  landed_version_id uuid REFERENCES plans_versions(id),
  responded_by      uuid REFERENCES users(id),
  responded_at      timestamptz NOT NULL DEFAULT now()
);

-- IRM-style assessment of a commitment.
CREATE TABLE plans_assessments (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commitment_id   uuid NOT NULL REFERENCES plans_commitments(id) ON DELETE CASCADE,
  verifiable      boolean NOT NULL,
  relevant_values text[] NOT NULL DEFAULT '{}',
  potential       text NOT NULL CHECK (potential IN ('unclear', 'modest', 'substantial')),
  completion      text CHECK (completion IN ('no_evidence', 'not_started', 'limited', 'substantial', 'complete')),
  early_results   text CHECK (early_results IN ('worsened', 'did_not_change', 'marginal', 'major', 'outstanding')),
  assessor        text NOT NULL,
  assessed_on     date NOT NULL,
  note            text NOT NULL DEFAULT '',
  created_by      uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plans_assessments_commitment_idx ON plans_assessments (commitment_id, assessed_on DESC);
