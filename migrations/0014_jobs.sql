-- Background jobs: a small PostgreSQL-backed queue (platform/jobs.ts) that runs on PGlite and on PostgreSQL.
-- Jobs survive restarts (they are rows), a job is claimed by one worker at a time (FOR UPDATE SKIP LOCKED)
-- under a lease (locked_until): a job of a process that died is claimed again once its lease has expired.
CREATE TABLE jobs (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  payload jsonb NOT NULL DEFAULT '{}',
  -- The region the job concerns (its admins see it); NULL: an installation-wide job.
  region_id uuid REFERENCES organisations(id),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts BETWEEN 1 AND 50),
  run_at timestamptz NOT NULL DEFAULT now(),
  locked_by text CHECK (length(locked_by) <= 200),
  locked_until timestamptz,
  -- A short message of the last failure; never personal data (shown to region admins).
  last_error text CHECK (length(last_error) <= 500),
  -- Enqueueing the same key twice adds nothing: a schedule's run of one period (`name:periodStart`) is
  -- enqueued once even when every process enqueues it.
  unique_key text CHECK (length(unique_key) <= 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE UNIQUE INDEX jobs_unique_key_idx ON jobs (unique_key) WHERE unique_key IS NOT NULL;
-- Claiming: due queued jobs, and running jobs whose lease expired.
CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE status = 'queued';
CREATE INDEX jobs_lease_idx ON jobs (locked_until) WHERE status = 'running';
-- The admin page: by region, by status, newest first; pruning finished jobs.
CREATE INDEX jobs_region_idx ON jobs (region_id, status, created_at);
CREATE INDEX jobs_finished_idx ON jobs (finished_at) WHERE finished_at IS NOT NULL;
