-- Pillar 3: training catalogue, enrolment, attendance and needs-to-course matching (DOMAIN.md, "Pillar 3";
-- issue 5). Providers publish courses with occasions and sessions; companies enrol their employees
-- (learners); attendance is taken per session in minutes; mapped needs are matched to courses.

CREATE TABLE courses (
  id uuid PRIMARY KEY,
  region_id uuid NOT NULL REFERENCES organisations(id),
  -- The provider organisation that owns the course (a region admin may add one for a provider).
  provider_org_id uuid NOT NULL REFERENCES organisations(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
  sun_field_code text REFERENCES ref_sun_fields(code),
  sun_level_code text REFERENCES ref_sun_levels(code),
  target_group text NOT NULL DEFAULT '' CHECK (length(target_group) <= 2000),
  format text NOT NULL CHECK (format IN ('classroom', 'digital', 'blended')),
  hours numeric(6, 1) NOT NULL CHECK (hours > 0 AND hours <= 5000),
  language text NOT NULL DEFAULT 'sv' CHECK (language ~ '^[a-z]{2}$'),
  municipality_code text REFERENCES ref_municipalities(code),
  address text CHECK (length(address) <= 500),
  price_sek integer NOT NULL DEFAULT 0 CHECK (price_sek >= 0),
  prerequisites text NOT NULL DEFAULT '' CHECK (length(prerequisites) <= 2000),
  contact_name text CHECK (length(contact_name) <= 200),
  contact_email text CHECK (length(contact_email) <= 254),
  contact_phone text CHECK (length(contact_phone) <= 40),
  -- How the course is financed: a procured contract of the programme (LOU), paid by the company, or free
  -- public education. Programme-paid enrolment is possible only on contracted courses.
  financing text NOT NULL CHECK (financing IN ('procured', 'company', 'public')),
  contract_reference text CHECK (length(contract_reference) <= 200),
  contract_from date,
  contract_to date,
  -- Completion: the share of session minutes a learner must attend.
  completion_attendance_pct integer NOT NULL DEFAULT 80 CHECK (completion_attendance_pct BETWEEN 1 AND 100),
  -- Completing the course issues a credential (issue 7).
  issues_credential boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'withdrawn')),
  approved_by uuid REFERENCES users(id),
  approved_at timestamptz,
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('swedish', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('swedish', coalesce(description, '')), 'B') ||
    setweight(to_tsvector('swedish', coalesce(target_group, '')), 'C')
  ) STORED,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (financing <> 'procured' OR (contract_reference IS NOT NULL AND contract_from IS NOT NULL
                                     AND contract_to IS NOT NULL AND contract_to >= contract_from))
);
CREATE INDEX courses_region_status_idx ON courses (region_id, status);
CREATE INDEX courses_provider_idx ON courses (provider_org_id);
CREATE INDEX courses_search_idx ON courses USING gin (search);
CREATE INDEX courses_title_trgm_idx ON courses USING gin (lower(title) gin_trgm_ops);

-- Competences a course teaches (JobTech competence concepts): the key of needs-to-course matching.
CREATE TABLE course_competences (
  course_id uuid NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  competence_id text NOT NULL REFERENCES ref_competences(concept_id),
  PRIMARY KEY (course_id, competence_id)
);
CREATE INDEX course_competences_competence_idx ON course_competences (competence_id, course_id);

-- A run of a course with dates, seats and an enrolment deadline.
CREATE TABLE course_occasions (
  id uuid PRIMARY KEY,
  course_id uuid NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  seats integer NOT NULL CHECK (seats BETWEEN 1 AND 10000),
  enrolment_deadline date NOT NULL,
  municipality_code text REFERENCES ref_municipalities(code),
  location text CHECK (length(location) <= 500),
  online_link text CHECK (length(online_link) <= 1000),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cancelled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (ends_on >= starts_on),
  CHECK (enrolment_deadline <= ends_on)
);
CREATE INDEX course_occasions_course_idx ON course_occasions (course_id, starts_on);
CREATE INDEX course_occasions_starts_idx ON course_occasions (starts_on) WHERE status = 'open';

-- The sessions (days, lessons) of an occasion; attendance is taken per session.
CREATE TABLE course_sessions (
  id uuid PRIMARY KEY,
  occasion_id uuid NOT NULL REFERENCES course_occasions(id) ON DELETE CASCADE,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  activity text NOT NULL DEFAULT 'teaching' CHECK (activity IN ('teaching', 'practice', 'digital', 'exam')),
  location text CHECK (length(location) <= 500),
  CHECK (ends_at > starts_at)
);
CREATE INDEX course_sessions_occasion_idx ON course_sessions (occasion_id, starts_at);

-- A company's employee who takes courses. No personnummer here (ESF administration's); gender and birth
-- year are optional and used only in aggregate figures. Many have no work e-mail.
CREATE TABLE learners (
  id uuid PRIMARY KEY,
  company_id uuid NOT NULL REFERENCES companies(id),
  first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
  last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
  email text CHECK (length(email) <= 254),
  gender text CHECK (gender IN ('woman', 'man', 'other')),
  birth_year integer CHECK (birth_year BETWEEN 1900 AND 2100),
  -- The learner's login (participant role), once they have one.
  user_id uuid REFERENCES users(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX learners_company_idx ON learners (company_id, last_name, first_name);
CREATE INDEX learners_user_idx ON learners (user_id);

-- Enrolment of a learner on an occasion. Seats: enrolled rows never exceed the occasion's seats (checked
-- under a row lock on the occasion); beyond that the learner is waitlisted, moved up in order on cancellation.
CREATE TABLE enrolments (
  id uuid PRIMARY KEY,
  occasion_id uuid NOT NULL REFERENCES course_occasions(id),
  learner_id uuid NOT NULL REFERENCES learners(id),
  company_id uuid NOT NULL REFERENCES companies(id),
  status text NOT NULL CHECK (status IN ('enrolled', 'waitlisted', 'cancelled')),
  waitlisted_at timestamptz,
  -- Who pays: the programme (only on a procured course, under its contract) or the company.
  paid_by text NOT NULL CHECK (paid_by IN ('programme', 'company', 'free')),
  completion text NOT NULL DEFAULT 'pending' CHECK (completion IN ('pending', 'completed', 'not_completed')),
  completed_at timestamptz,
  enrolled_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  cancelled_at timestamptz,
  moved_to uuid REFERENCES enrolments(id)
);
-- One live enrolment per learner and occasion.
CREATE UNIQUE INDEX enrolments_live_idx ON enrolments (occasion_id, learner_id) WHERE status <> 'cancelled';
CREATE INDEX enrolments_occasion_status_idx ON enrolments (occasion_id, status, waitlisted_at);
CREATE INDEX enrolments_company_idx ON enrolments (company_id);
CREATE INDEX enrolments_learner_idx ON enrolments (learner_id);

-- Attendance per session and enrolment, in minutes. Corrections are audited with a reason.
CREATE TABLE attendance (
  session_id uuid NOT NULL REFERENCES course_sessions(id) ON DELETE CASCADE,
  enrolment_id uuid NOT NULL REFERENCES enrolments(id) ON DELETE CASCADE,
  minutes integer NOT NULL CHECK (minutes BETWEEN 0 AND 1440),
  recorded_by uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  corrected boolean NOT NULL DEFAULT false,
  PRIMARY KEY (session_id, enrolment_id)
);
CREATE INDEX attendance_enrolment_idx ON attendance (enrolment_id);

-- The course evaluation a learner answers after the last session.
CREATE TABLE course_evaluations (
  enrolment_id uuid PRIMARY KEY REFERENCES enrolments(id) ON DELETE CASCADE,
  overall integer NOT NULL CHECK (overall BETWEEN 1 AND 5),
  relevance integer NOT NULL CHECK (relevance BETWEEN 1 AND 5),
  teaching integer NOT NULL CHECK (teaching BETWEEN 1 AND 5),
  would_recommend boolean,
  comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
  submitted_at timestamptz NOT NULL DEFAULT now()
);

-- Printed one-time sign-in codes for learners without e-mail: only the hash is stored.
CREATE TABLE login_codes (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash text NOT NULL UNIQUE,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX login_codes_user_idx ON login_codes (user_id);

-- The coaching plan's course link (0013) gets its foreign key now that courses exist.
ALTER TABLE plan_action_courses
  ADD CONSTRAINT plan_action_courses_course_fk FOREIGN KEY (course_id) REFERENCES courses(id) NOT VALID;
