-- Mappings: one company's answers to one instrument version in one round (start, follow-up, ...).
CREATE TABLE mapping_rounds (
  id uuid PRIMARY KEY,
  region_id uuid NOT NULL REFERENCES organisations(id),
  key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9-]{0,59}$'),
  name_sv text NOT NULL CHECK (length(name_sv) BETWEEN 1 AND 200),
  name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
  position integer NOT NULL DEFAULT 0,
  opens_on date,
  closes_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_id, key)
);

CREATE TABLE mappings (
  id uuid PRIMARY KEY,
  company_id uuid NOT NULL REFERENCES companies(id),
  round_id uuid NOT NULL REFERENCES mapping_rounds(id),
  instrument_id uuid NOT NULL REFERENCES mapping_instruments(id),
  region_id uuid NOT NULL REFERENCES organisations(id),
  mode text NOT NULL CHECK (mode IN ('interview', 'self_service')),
  status text NOT NULL CHECK (status IN ('in_progress', 'submitted')),
  -- Increases with every saved change; a save names the revision it started from (conflict detection).
  revision integer NOT NULL DEFAULT 0,
  -- The company has been shown who will see which answers (self-service: the contact; interview: recorded
  -- by the interviewer as read out).
  notice_accepted_at timestamptz,
  notice_accepted_by uuid REFERENCES users(id),
  -- Question keys the company marked as business-sensitive: a request for a secrecy review.
  sensitive_questions text[] NOT NULL DEFAULT '{}',
  started_by uuid REFERENCES users(id),
  started_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  submitted_by uuid REFERENCES users(id),
  submitted_at timestamptz,
  -- Derived at submission (NULL before): the maturity score (mean 1–4) and the municipality and SNI code
  -- the results are counted under.
  maturity_score numeric(4, 2),
  municipality_code text REFERENCES ref_municipalities(code),
  sni_code text REFERENCES ref_sni(code),
  UNIQUE (company_id, round_id)
);
CREATE INDEX mappings_region_round_idx ON mappings (region_id, round_id, status);
CREATE INDEX mappings_company_idx ON mappings (company_id);

-- Answers as entered, one row per section: a draft keeps whatever was typed (also what does not validate
-- yet); validation runs per page and on submission.
CREATE TABLE mapping_sections (
  mapping_id uuid NOT NULL REFERENCES mappings(id) ON DELETE CASCADE,
  section_key text NOT NULL,
  answers jsonb NOT NULL DEFAULT '{}',
  -- The mapping revision at which this section last changed.
  revision integer NOT NULL,
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (mapping_id, section_key)
);

-- The structured results of a submitted mapping (rewritten at each submission, removed at reopening):
-- what results pages, the county roll-up and exports read.
CREATE TABLE mapping_roles (
  mapping_id uuid NOT NULL REFERENCES mappings(id) ON DELETE CASCADE,
  row_key text NOT NULL,
  position integer NOT NULL,
  title text NOT NULL,
  ssyk_code text REFERENCES ref_ssyk(code),
  women integer NOT NULL CHECK (women >= 0),
  men integer NOT NULL CHECK (men >= 0),
  critical boolean NOT NULL,
  key_person boolean NOT NULL,
  sun_level text,
  sun_field text,
  PRIMARY KEY (mapping_id, row_key)
);

CREATE TABLE mapping_requirements (
  mapping_id uuid NOT NULL REFERENCES mappings(id) ON DELETE CASCADE,
  position integer NOT NULL,
  role_key text NOT NULL,
  competence_id text REFERENCES ref_competences(concept_id),
  competence_text text,
  level_now integer NOT NULL,
  level_future integer NOT NULL,
  -- People in the role who today reach the level required now ("3 of 5").
  meeting_now integer NOT NULL CHECK (meeting_now >= 0),
  PRIMARY KEY (mapping_id, position),
  CHECK (competence_id IS NOT NULL OR competence_text IS NOT NULL)
);

CREATE TABLE mapping_needs (
  mapping_id uuid NOT NULL REFERENCES mappings(id) ON DELETE CASCADE,
  position integer NOT NULL,
  company_id uuid NOT NULL REFERENCES companies(id),
  round_id uuid NOT NULL REFERENCES mapping_rounds(id),
  region_id uuid NOT NULL REFERENCES organisations(id),
  municipality_code text REFERENCES ref_municipalities(code),
  sni_code text REFERENCES ref_sni(code),
  role_key text NOT NULL,
  ssyk_code text REFERENCES ref_ssyk(code),
  competence_id text REFERENCES ref_competences(concept_id),
  competence_text text,
  gap_size integer NOT NULL CHECK (gap_size >= 1),
  women integer NOT NULL CHECK (women >= 0),
  men integer NOT NULL CHECK (men >= 0),
  urgency text NOT NULL CHECK (urgency IN ('now', 'within6Months', 'within6To12Months', 'within1To3Years')),
  cause text,
  strategy text NOT NULL CHECK (strategy IN ('trainInternally', 'externalTraining', 'recruit', 'validate',
                                             'redeploy', 'retain')),
  difficulty integer CHECK (difficulty BETWEEN 1 AND 4),
  hours integer CHECK (hours >= 0),
  cost_sek integer CHECK (cost_sek >= 0),
  priority integer NOT NULL CHECK (priority BETWEEN 1 AND 3),
  PRIMARY KEY (mapping_id, position),
  CHECK (competence_id IS NOT NULL OR competence_text IS NOT NULL)
);
CREATE INDEX mapping_needs_region_round_idx ON mapping_needs (region_id, round_id, municipality_code);
CREATE INDEX mapping_needs_competence_idx ON mapping_needs (region_id, competence_id);

CREATE TABLE mapping_recruitments (
  mapping_id uuid NOT NULL REFERENCES mappings(id) ON DELETE CASCADE,
  position integer NOT NULL,
  company_id uuid NOT NULL REFERENCES companies(id),
  round_id uuid NOT NULL REFERENCES mapping_rounds(id),
  region_id uuid NOT NULL REFERENCES organisations(id),
  municipality_code text REFERENCES ref_municipalities(code),
  sni_code text REFERENCES ref_sni(code),
  ssyk_code text NOT NULL REFERENCES ref_ssyk(code),
  count integer NOT NULL CHECK (count >= 1),
  timing text NOT NULL CHECK (timing IN ('now', 'within6Months', 'within6To12Months', 'within1To3Years')),
  difficulty integer NOT NULL CHECK (difficulty BETWEEN 1 AND 4),
  difficulty_reason text,
  gender_goal text NOT NULL CHECK (gender_goal IN ('none', 'moreWomen', 'moreMen')),
  PRIMARY KEY (mapping_id, position)
);
CREATE INDEX mapping_recruitments_region_round_idx ON mapping_recruitments (region_id, round_id);

CREATE TABLE mapping_maturity (
  mapping_id uuid NOT NULL REFERENCES mappings(id) ON DELETE CASCADE,
  statement_key text NOT NULL,
  score integer NOT NULL CHECK (score BETWEEN 1 AND 4),
  PRIMARY KEY (mapping_id, statement_key)
);
