-- Digital learning (pillar 4, issue 7): digital courses authored by providers in versions (modules, lessons,
-- quizzes, media), and learners' enrolments, progress, quiz attempts, time on task and ratings. A published
-- version never changes: learners who started it keep it; edits go to a new draft version.

-- A digital course of a provider (the stable identity across versions).
CREATE TABLE dl_courses (
  id uuid PRIMARY KEY,
  region_id uuid NOT NULL REFERENCES organisations(id),
  provider_org_id uuid NOT NULL REFERENCES organisations(id),
  -- The pillar-3 catalogue course (format 'digital') this course is also listed as, if any: matching and
  -- enrolment then treat it like any course, and an enrolment there gives access here.
  training_course_id uuid UNIQUE REFERENCES courses(id),
  -- Completing the course issues an Open Badges 3.0 credential.
  issues_credential boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz
);
CREATE INDEX dl_courses_provider_idx ON dl_courses (provider_org_id);
CREATE INDEX dl_courses_region_idx ON dl_courses (region_id);

-- One version of a course's content. At most one draft and one published version at a time; publishing a
-- draft supersedes the previous published version (its learners keep it).
CREATE TABLE dl_course_versions (
  id uuid PRIMARY KEY,
  course_id uuid NOT NULL REFERENCES dl_courses(id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  -- Markdown.
  summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 20000),
  -- The achievement's criteria (Open Badges `criteria.narrative`), Markdown.
  criteria text NOT NULL DEFAULT '' CHECK (length(criteria) <= 5000),
  language text NOT NULL DEFAULT 'sv' CHECK (language ~ '^[a-z]{2}$'),
  hours numeric(6, 1) NOT NULL CHECK (hours > 0 AND hours <= 500),
  sun_level_code text REFERENCES ref_sun_levels(code),
  published_at timestamptz,
  published_by uuid REFERENCES users(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (course_id, version)
);
CREATE UNIQUE INDEX dl_course_versions_draft_idx ON dl_course_versions (course_id) WHERE status = 'draft';
CREATE UNIQUE INDEX dl_course_versions_published_idx ON dl_course_versions (course_id) WHERE status = 'published';

-- Competences of a version (JobTech concepts): the credential's alignments and the matching of needs.
CREATE TABLE dl_version_competences (
  version_id uuid NOT NULL REFERENCES dl_course_versions(id) ON DELETE CASCADE,
  competence_id text NOT NULL REFERENCES ref_competences(concept_id),
  PRIMARY KEY (version_id, competence_id)
);
CREATE INDEX dl_version_competences_competence_idx ON dl_version_competences (competence_id);

-- Uploaded media (video, captions, audio description, images), stored in the database so that every app
-- process serves them. Owned by the provider organisation; referenced by lessons of any version.
CREATE TABLE dl_media (
  id uuid PRIMARY KEY,
  provider_org_id uuid NOT NULL REFERENCES organisations(id),
  kind text NOT NULL CHECK (kind IN ('video', 'captions', 'audio_description', 'image')),
  content_type text NOT NULL CHECK (length(content_type) <= 100),
  filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
  -- Captions: the WebVTT language; images: the alternative text is on the lesson.
  language text CHECK (language ~ '^[a-z]{2}$'),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  bytes bytea NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dl_media_provider_idx ON dl_media (provider_org_id, created_at DESC);

CREATE TABLE dl_modules (
  id uuid PRIMARY KEY,
  version_id uuid NOT NULL REFERENCES dl_course_versions(id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 1),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  UNIQUE (version_id, position) DEFERRABLE INITIALLY DEFERRED
);

-- A lesson: text (Markdown with images), video (uploaded, or an external player that loads only after the
-- learner's consent), a quiz, or the launch of an external LTI 1.3 tool. `key` is stable across versions of the course (the xAPI activity id and
-- the progress a learner keeps when a new version copies the lesson).
CREATE TABLE dl_lessons (
  id uuid PRIMARY KEY,
  module_id uuid NOT NULL REFERENCES dl_modules(id) ON DELETE CASCADE,
  key uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 1),
  kind text NOT NULL CHECK (kind IN ('text', 'video', 'quiz', 'lti')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  -- Markdown: the text of a text lesson, the introduction of a video or quiz.
  body text NOT NULL DEFAULT '' CHECK (length(body) <= 50000),
  -- Video: an uploaded file, or an external player URL (https) shown only after consent.
  video_media_id uuid REFERENCES dl_media(id),
  external_url text CHECK (external_url ~ '^https://' AND length(external_url) <= 2000),
  captions_media_id uuid REFERENCES dl_media(id),
  audio_description_media_id uuid REFERENCES dl_media(id),
  -- A full text alternative (Markdown) where the picture carries information.
  text_alternative text NOT NULL DEFAULT '' CHECK (length(text_alternative) <= 50000),
  -- Video needs audio description or a text alternative when the picture carries information.
  picture_carries_information boolean NOT NULL DEFAULT false,
  -- LTI: the resource link of a provider's external tool (lti_links; its foreign key is added by the LTI
  -- migration) that the lesson launches.
  lti_link_id uuid,
  -- Quiz: the share of points needed to pass (percent).
  pass_mark integer CHECK (pass_mark BETWEEN 1 AND 100),
  -- The author's estimate of the time the lesson takes.
  estimated_minutes integer NOT NULL DEFAULT 5 CHECK (estimated_minutes BETWEEN 1 AND 600),
  UNIQUE (module_id, position) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX dl_lessons_key_idx ON dl_lessons (key);

CREATE TABLE dl_questions (
  id uuid PRIMARY KEY,
  lesson_id uuid NOT NULL REFERENCES dl_lessons(id) ON DELETE CASCADE,
  key uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 1),
  kind text NOT NULL CHECK (kind IN ('single', 'multiple')),
  prompt text NOT NULL CHECK (length(prompt) BETWEEN 1 AND 2000),
  -- Shown after answering (Markdown).
  feedback_correct text NOT NULL DEFAULT '' CHECK (length(feedback_correct) <= 2000),
  feedback_incorrect text NOT NULL DEFAULT '' CHECK (length(feedback_incorrect) <= 2000),
  UNIQUE (lesson_id, position) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE dl_options (
  id uuid PRIMARY KEY,
  question_id uuid NOT NULL REFERENCES dl_questions(id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 1),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 500),
  correct boolean NOT NULL DEFAULT false,
  feedback text NOT NULL DEFAULT '' CHECK (length(feedback) <= 1000),
  UNIQUE (question_id, position) DEFERRABLE INITIALLY DEFERRED
);

-- A learner's enrolment on a course, bound to the version they started.
CREATE TABLE dl_enrolments (
  id uuid PRIMARY KEY,
  course_id uuid NOT NULL REFERENCES dl_courses(id),
  version_id uuid NOT NULL REFERENCES dl_course_versions(id),
  -- The person (pillar 3's learner of a company) and their login.
  learner_id uuid NOT NULL REFERENCES learners(id),
  user_id uuid NOT NULL REFERENCES users(id),
  company_id uuid NOT NULL REFERENCES companies(id),
  -- How they came: invited by a company contact, enrolled themselves, or through a catalogue enrolment.
  source text NOT NULL CHECK (source IN ('invitation', 'self', 'catalogue')),
  invited_by uuid REFERENCES users(id),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'withdrawn')),
  -- Where to resume.
  last_lesson_id uuid REFERENCES dl_lessons(id),
  started_at timestamptz,
  last_active_at timestamptz,
  completed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX dl_enrolments_live_idx ON dl_enrolments (course_id, learner_id) WHERE status <> 'withdrawn';
CREATE INDEX dl_enrolments_user_idx ON dl_enrolments (user_id);
CREATE INDEX dl_enrolments_company_idx ON dl_enrolments (company_id);
CREATE INDEX dl_enrolments_version_idx ON dl_enrolments (version_id);

-- A lesson done (text read, video watched, quiz passed).
CREATE TABLE dl_lesson_progress (
  enrolment_id uuid NOT NULL REFERENCES dl_enrolments(id) ON DELETE CASCADE,
  lesson_id uuid NOT NULL REFERENCES dl_lessons(id),
  completed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enrolment_id, lesson_id)
);

CREATE TABLE dl_quiz_attempts (
  id uuid PRIMARY KEY,
  enrolment_id uuid NOT NULL REFERENCES dl_enrolments(id) ON DELETE CASCADE,
  lesson_id uuid NOT NULL REFERENCES dl_lessons(id),
  -- { "<question id>": ["<option id>", …] }
  answers jsonb NOT NULL,
  score integer NOT NULL CHECK (score >= 0),
  max_score integer NOT NULL CHECK (max_score >= 1),
  passed boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dl_quiz_attempts_enrolment_idx ON dl_quiz_attempts (enrolment_id, lesson_id, created_at);

-- Time on task in minutes per enrolment and day (Europe/Stockholm): a separate activity kind of the ESF
-- time certificates.
CREATE TABLE dl_time (
  enrolment_id uuid NOT NULL REFERENCES dl_enrolments(id) ON DELETE CASCADE,
  day date NOT NULL,
  minutes integer NOT NULL CHECK (minutes >= 0 AND minutes <= 1440),
  PRIMARY KEY (enrolment_id, day)
);

-- The two-question rating at completion (1–5 each), optional comment.
CREATE TABLE dl_ratings (
  enrolment_id uuid PRIMARY KEY REFERENCES dl_enrolments(id) ON DELETE CASCADE,
  usefulness integer NOT NULL CHECK (usefulness BETWEEN 1 AND 5),
  recommend integer NOT NULL CHECK (recommend BETWEEN 1 AND 5),
  comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now()
);
