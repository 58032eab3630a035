-- Company imports: an uploaded file's parsed and validated rows, kept until the user confirms or cancels.
-- Kept in the database (never in process memory) so any app process can show the preview and confirm it.
-- Rows may hold personal data (a sole trader's organisationsnummer, contact persons): they are deleted
-- when the import expires (one day after upload).
CREATE TABLE company_imports (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  region_id uuid NOT NULL REFERENCES organisations(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL DEFAULT now() + interval '1 day',
  file_name text NOT NULL CHECK (length(file_name) <= 255),
  duplicate_mode text NOT NULL CHECK (duplicate_mode IN ('update', 'skip')),
  rows jsonb NOT NULL DEFAULT '[]',
  summary jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'cancelled')),
  confirmed_at timestamptz
);
CREATE INDEX company_imports_user_idx ON company_imports (user_id, created_at);
CREATE INDEX company_imports_region_idx ON company_imports (region_id);
CREATE INDEX company_imports_expires_idx ON company_imports (expires_at);
