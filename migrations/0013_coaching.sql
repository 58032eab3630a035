-- Pillar 2: coaching companies to a competence-supply plan (DOMAIN.md, "Pillar 2"; issue 4).
-- An engagement ties a company, its coaches and the municipality and moves through steps; meetings are
-- documented; the plan has goals and actions, adopted versions are frozen; follow-ups are dated.

-- The programme's coaching rules: default planned hours per company, follow-up months after adoption, and
-- how meeting notes are shared across organisations ('organisation': only the organisation that owns the
-- notes and the engagement's current coaches; 'programme': every staff member who can see the engagement).
ALTER TABLE programmes
  ADD COLUMN coaching_planned_hours numeric(5, 1) NOT NULL DEFAULT 15 CHECK (coaching_planned_hours > 0),
  ADD COLUMN coaching_followup_months integer[] NOT NULL DEFAULT '{3,6,12}',
  ADD COLUMN coaching_notes_sharing text NOT NULL DEFAULT 'organisation'
    CHECK (coaching_notes_sharing IN ('organisation', 'programme'));

CREATE TABLE engagements (
  id uuid PRIMARY KEY,
  company_id uuid NOT NULL REFERENCES companies(id),
  region_id uuid NOT NULL REFERENCES organisations(id),
  programme_id uuid REFERENCES programmes(id),
  -- The municipality the engagement belongs to (one of the company's workplaces).
  municipality_code text NOT NULL REFERENCES ref_municipalities(code),
  step text NOT NULL CHECK (step IN ('intake', 'current_state', 'mapping', 'analysis', 'plan',
                                     'implementation', 'follow_up', 'closed')),
  step_changed_at timestamptz NOT NULL DEFAULT now(),
  planned_hours numeric(5, 1) NOT NULL CHECK (planned_hours > 0 AND planned_hours <= 999),
  -- Intake eligibility: what the officer checked and when the cooperation agreement was signed.
  sme_checked boolean NOT NULL DEFAULT false,
  in_county_checked boolean NOT NULL DEFAULT false,
  agreement_signed_on date,
  agreement_reference text CHECK (length(agreement_reference) <= 200),
  mapping_id uuid REFERENCES mappings(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
-- At most one engagement per company that is not closed.
CREATE UNIQUE INDEX engagements_open_company_idx ON engagements (company_id) WHERE step <> 'closed';
CREATE INDEX engagements_region_step_idx ON engagements (region_id, step, id);
CREATE INDEX engagements_municipality_idx ON engagements (municipality_code, step);

-- Every step change, dated; going back carries a reason.
CREATE TABLE engagement_step_changes (
  id uuid PRIMARY KEY,
  engagement_id uuid NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
  from_step text,
  to_step text NOT NULL,
  reason text CHECK (length(reason) <= 1000),
  changed_by uuid REFERENCES users(id),
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX engagement_step_changes_idx ON engagement_step_changes (engagement_id, changed_at);

-- Coach assignments with their history: a current assignment has removed_at NULL. The coach's
-- organisation at the time of assignment owns the notes they write.
CREATE TABLE engagement_coaches (
  id uuid PRIMARY KEY,
  engagement_id uuid NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  assigned_by uuid REFERENCES users(id),
  assigned_at timestamptz NOT NULL DEFAULT now(),
  removed_by uuid REFERENCES users(id),
  removed_at timestamptz,
  removed_reason text CHECK (length(removed_reason) <= 1000)
);
CREATE UNIQUE INDEX engagement_coaches_current_idx ON engagement_coaches (engagement_id, user_id)
  WHERE removed_at IS NULL;
CREATE INDEX engagement_coaches_user_idx ON engagement_coaches (user_id) WHERE removed_at IS NULL;

CREATE TABLE coaching_meetings (
  id uuid PRIMARY KEY,
  engagement_id uuid NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
  held_on date NOT NULL,
  starts_at time,
  ends_at time,
  minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  kind text NOT NULL CHECK (kind IN ('on_site', 'digital', 'phone', 'workshop')),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
  location text CHECK (length(location) <= 500),
  agenda text NOT NULL DEFAULT '' CHECK (length(agenda) <= 10000),
  -- Markdown, rendered allow-list sanitised. Public records once held by an authority.
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 50000),
  -- Shared with the company.
  decisions text NOT NULL DEFAULT '' CHECK (length(decisions) <= 10000),
  next_steps text NOT NULL DEFAULT '' CHECK (length(next_steps) <= 10000),
  -- The organisation that owns the notes (the writing coach's organisation).
  owner_org_id uuid NOT NULL REFERENCES organisations(id),
  coach_id uuid REFERENCES users(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at)
);
CREATE INDEX coaching_meetings_engagement_idx ON coaching_meetings (engagement_id, held_on);
CREATE INDEX coaching_meetings_held_on_idx ON coaching_meetings (held_on) WHERE status = 'planned';

-- Who attended: a coach or other staff user, a company contact, or another named person of the company.
-- Company people can later be registered as ESF participants from here (esf_participant_id, issue 6).
CREATE TABLE coaching_meeting_attendees (
  id uuid PRIMARY KEY,
  meeting_id uuid NOT NULL REFERENCES coaching_meetings(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('staff', 'contact', 'company_person')),
  user_id uuid REFERENCES users(id),
  contact_id uuid REFERENCES company_contacts(id) ON DELETE SET NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role_title text CHECK (length(role_title) <= 200),
  email text CHECK (length(email) <= 254),
  esf_participant_id uuid,
  position smallint NOT NULL DEFAULT 0
);
CREATE INDEX coaching_meeting_attendees_meeting_idx ON coaching_meeting_attendees (meeting_id);

-- Attachments are stored in the database (the app is stateless).
CREATE TABLE coaching_attachments (
  id uuid PRIMARY KEY,
  meeting_id uuid NOT NULL REFERENCES coaching_meetings(id) ON DELETE CASCADE,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX coaching_attachments_meeting_idx ON coaching_attachments (meeting_id);

-- Personal calendar subscription feeds: the secret is in the URL, only its hash is stored.
CREATE TABLE calendar_feeds (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX calendar_feeds_user_idx ON calendar_feeds (user_id);

-- The competence-supply plan of an engagement: the working copy (goals, actions) and frozen versions.
CREATE TABLE coaching_plans (
  id uuid PRIMARY KEY,
  engagement_id uuid NOT NULL UNIQUE REFERENCES engagements(id) ON DELETE CASCADE,
  summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 10000),
  -- The number of the latest adopted version (0: never adopted); edits after adoption make a new version.
  adopted_version integer NOT NULL DEFAULT 0,
  changed_since_adoption boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  revision integer NOT NULL DEFAULT 0
);

CREATE TABLE plan_goals (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES coaching_plans(id) ON DELETE CASCADE,
  position integer NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  measure text NOT NULL DEFAULT '' CHECK (length(measure) <= 1000)
);
CREATE INDEX plan_goals_plan_idx ON plan_goals (plan_id, position);

CREATE TABLE plan_actions (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES coaching_plans(id) ON DELETE CASCADE,
  goal_id uuid REFERENCES plan_goals(id) ON DELETE SET NULL,
  position integer NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  kind text NOT NULL CHECK (kind IN ('trainInternally', 'externalTraining', 'recruit', 'validate', 'redeploy',
                                     'retain', 'schoolCollaboration', 'other')),
  owner_name text CHECK (length(owner_name) <= 200),
  due_on date,
  cost_sek integer CHECK (cost_sek >= 0),
  hours numeric(7, 1) CHECK (hours >= 0),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'ongoing', 'done', 'dropped')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_actions_plan_idx ON plan_actions (plan_id, position);
CREATE INDEX plan_actions_due_idx ON plan_actions (due_on) WHERE status IN ('planned', 'ongoing');

-- Needs of the mapping an action answers (mapping_needs is keyed by mapping and position).
CREATE TABLE plan_action_needs (
  action_id uuid NOT NULL REFERENCES plan_actions(id) ON DELETE CASCADE,
  mapping_id uuid NOT NULL REFERENCES mappings(id),
  need_position integer NOT NULL,
  PRIMARY KEY (action_id, mapping_id, need_position)
);

-- Courses an action links to. The training catalogue (issue 5) adds the foreign key to its courses table;
-- until then the link keeps the course's id and its title as shown when linked.
CREATE TABLE plan_action_courses (
  action_id uuid NOT NULL REFERENCES plan_actions(id) ON DELETE CASCADE,
  course_id uuid NOT NULL,
  course_title text NOT NULL CHECK (length(course_title) BETWEEN 1 AND 500),
  PRIMARY KEY (action_id, course_id)
);

CREATE TABLE plan_action_comments (
  id uuid PRIMARY KEY,
  action_id uuid NOT NULL REFERENCES plan_actions(id) ON DELETE CASCADE,
  author_id uuid REFERENCES users(id) ON DELETE SET NULL,
  author_name text NOT NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_action_comments_action_idx ON plan_action_comments (action_id, created_at);

-- An adopted plan, frozen: the whole plan as JSON, who adopted it and when.
CREATE TABLE plan_versions (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES coaching_plans(id) ON DELETE CASCADE,
  number integer NOT NULL CHECK (number >= 1),
  content jsonb NOT NULL,
  adopted_by uuid REFERENCES users(id) ON DELETE SET NULL,
  adopted_by_name text NOT NULL,
  adopted_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan_id, number)
);

-- Follow-ups at about 3, 6 and 12 months after the first adoption.
CREATE TABLE plan_followups (
  id uuid PRIMARY KEY,
  engagement_id uuid NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
  months integer NOT NULL CHECK (months BETWEEN 1 AND 60),
  due_on date NOT NULL,
  done_at timestamptz,
  done_by uuid REFERENCES users(id) ON DELETE SET NULL,
  -- Status of each action at the follow-up: [{actionId, title, status}]
  action_statuses jsonb NOT NULL DEFAULT '[]',
  maturity_score numeric(4, 2) CHECK (maturity_score BETWEEN 1 AND 4),
  plan_in_use boolean,
  company_feedback text NOT NULL DEFAULT '' CHECK (length(company_feedback) <= 5000),
  coach_comment text NOT NULL DEFAULT '' CHECK (length(coach_comment) <= 5000),
  UNIQUE (engagement_id, months)
);
CREATE INDEX plan_followups_due_idx ON plan_followups (due_on) WHERE done_at IS NULL;

-- Reminder mails already sent, so that a reminder goes out once per object and day even when the job runs
-- again or on two processes.
CREATE TABLE coaching_reminders_sent (
  kind text NOT NULL CHECK (kind IN ('meeting', 'action', 'followup')),
  object_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  sent_on date NOT NULL,
  PRIMARY KEY (kind, object_id, user_id, sent_on)
);
