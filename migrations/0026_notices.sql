-- Accessibility reports: a shortcoming reported, or content asked for in another format, from the public
-- form on /accessibility/report. They reach the region administrators of the region they concern.
CREATE TABLE accessibility_reports (
  id uuid PRIMARY KEY,
  region_id uuid NOT NULL REFERENCES organisations(id),
  -- the municipality (or the region itself) the reporter chose, if any
  organisation_id uuid REFERENCES organisations(id),
  page_url text NOT NULL CHECK (length(page_url) BETWEEN 1 AND 500),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
  wants_alternative boolean NOT NULL DEFAULT false,
  -- optional, given by the reporter for an answer; personal data
  reporter_name text CHECK (length(reporter_name) <= 200),
  reporter_email text CHECK (length(reporter_email) <= 254),
  reporter_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  locale text NOT NULL DEFAULT 'sv' CHECK (locale IN ('sv', 'en')),
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'answered')),
  note text CHECK (length(note) <= 4000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accessibility_reports_region_idx ON accessibility_reports (region_id, status, created_at);
CREATE INDEX accessibility_reports_organisation_idx ON accessibility_reports (organisation_id);
CREATE INDEX accessibility_reports_user_idx ON accessibility_reports (reporter_user_id);

-- The public form's rate limit, shared by every app process: one row per submission, by a hash of the
-- client address (the address itself is not kept). Rows older than a day are pruned on the next insert.
CREATE TABLE accessibility_report_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  client_hash text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accessibility_report_attempts_idx ON accessibility_report_attempts (client_hash, at);
