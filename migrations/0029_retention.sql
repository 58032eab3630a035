-- Gallring (issue 8): retention decisions per region and record type, disposal proposals made by the daily
-- scan and confirmed by a person, and the encrypted archive export made before anything is deleted.

-- The authority's decision: superseded by a newer one, never edited or deleted.
CREATE TABLE retention_decisions (
  id uuid PRIMARY KEY,
  region_id uuid NOT NULL REFERENCES organisations(id),
  record_type text NOT NULL CHECK (record_type ~ '^[a-z][a-z_]{1,59}$'),
  reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 200),
  decided_on date NOT NULL,
  retention_months integer NOT NULL CHECK (retention_months BETWEEN 1 AND 1200),
  -- Identity columns go into the archive only when the retention requires them; else pseudonyms.
  archive_identities boolean NOT NULL DEFAULT false,
  recorded_by uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  superseded_by uuid REFERENCES retention_decisions(id) DEFERRABLE INITIALLY DEFERRED,
  superseded_at timestamptz
);
CREATE UNIQUE INDEX retention_decisions_current_idx ON retention_decisions (region_id, record_type)
  WHERE superseded_at IS NULL;
CREATE INDEX retention_decisions_region_idx ON retention_decisions (region_id, record_type, recorded_at);

-- Only superseding is allowed: the decision's own columns never change and rows are never deleted.
CREATE FUNCTION retention_decisions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'retention decisions are kept' USING ERRCODE = '42501';
  END IF;
  IF OLD.superseded_at IS NOT NULL
     OR (NEW.region_id, NEW.record_type, NEW.reference, NEW.decided_on, NEW.retention_months,
         NEW.archive_identities, NEW.recorded_by, NEW.recorded_at)
        IS DISTINCT FROM
        (OLD.region_id, OLD.record_type, OLD.reference, OLD.decided_on, OLD.retention_months,
         OLD.archive_identities, OLD.recorded_by, OLD.recorded_at) THEN
    RAISE EXCEPTION 'retention decisions are superseded, not edited' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER retention_decisions_guard BEFORE UPDATE OR DELETE ON retention_decisions
  FOR EACH ROW EXECUTE FUNCTION retention_decisions_guard();

CREATE TABLE disposal_proposals (
  id uuid PRIMARY KEY,
  region_id uuid NOT NULL REFERENCES organisations(id),
  record_type text NOT NULL,
  decision_id uuid NOT NULL REFERENCES retention_decisions(id),
  -- Records whose reference date is before the cutoff are covered (recomputed at confirmation).
  cutoff timestamptz NOT NULL,
  record_count integer NOT NULL CHECK (record_count >= 0),
  status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'confirmed', 'rejected', 'done')),
  proposed_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  reason text CHECK (length(reason) <= 2000),
  done_at timestamptz,
  deleted_count integer
);
-- One open proposal per region and record type.
CREATE UNIQUE INDEX disposal_proposals_open_idx ON disposal_proposals (region_id, record_type)
  WHERE status IN ('proposed', 'confirmed');
CREATE INDEX disposal_proposals_region_idx ON disposal_proposals (region_id, proposed_at);
CREATE INDEX disposal_proposals_decision_idx ON disposal_proposals (decision_id);

-- The archive export (JSON sealed with AES-256-GCM under the key ring, associated data naming the proposal).
CREATE TABLE disposal_archives (
  id uuid PRIMARY KEY,
  proposal_id uuid NOT NULL UNIQUE REFERENCES disposal_proposals(id),
  key_id text NOT NULL,
  sealed bytea NOT NULL,
  sha256 text NOT NULL,
  record_count integer NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
