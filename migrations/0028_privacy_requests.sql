-- Data-subject requests (GDPR art. 15 and 17): a log of each export and erasure, who handled it and what it
-- did in counts per table — never a copy of the data. The subject is referred to by internal ids only.
CREATE TABLE data_subject_requests (
  id uuid PRIMARY KEY,
  region_id uuid REFERENCES organisations(id),
  kind text NOT NULL CHECK (kind IN ('export', 'erasure')),
  status text NOT NULL CHECK (status IN ('completed', 'refused')),
  -- 'admin' (handled by a region administrator) or 'self' (the person's own export).
  channel text NOT NULL CHECK (channel IN ('admin', 'self')),
  -- How the person was found: a source table and its row id; the user id when the person has an account.
  subject_source text NOT NULL CHECK (length(subject_source) <= 64),
  subject_row_id uuid NOT NULL,
  subject_user_id uuid,
  format text CHECK (format IN ('json', 'pdf')),
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
  -- {"<table>": {"action": "delete|anonymise|keep|export", "rows": n}}
  outcome jsonb NOT NULL DEFAULT '{}',
  handled_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX data_subject_requests_region_idx ON data_subject_requests (region_id, created_at DESC);
CREATE INDEX data_subject_requests_subject_idx ON data_subject_requests (subject_user_id);
CREATE INDEX data_subject_requests_handled_by_idx ON data_subject_requests (handled_by);
