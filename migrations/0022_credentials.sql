-- Open Badges 3.0 credentials (issue 7; src/domains/credentials). A completed course (e-learning, or a
-- pillar-3 course with courses.issues_credential, column of 0016) issues one OpenBadgeCredential per source,
-- signed with the issuing organisation's Ed25519 key (signing_keys, 0019) as a Data Integrity proof
-- (eddsa-rdfc-2022) and as a VC-JWT. Revocation is a bit in the organisation's status list
-- (BitstringStatusList, revocation), at the credential's random index.
CREATE TABLE credentials (
  id uuid PRIMARY KEY,
  -- The issuing organisation (the course's provider) and the learner's account.
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  -- Where it came from: one credential per source.
  source_kind text NOT NULL CHECK (source_kind IN ('elearning', 'training')),
  source_id text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 100),
  achievement_key text NOT NULL CHECK (length(achievement_key) BETWEEN 1 AND 200),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  -- The position in the organisation's revocation status list (random: herd privacy).
  status_index integer NOT NULL CHECK (status_index >= 0 AND status_index < 131072),
  kid text NOT NULL REFERENCES signing_keys(kid),
  -- The signed credential (JSON-LD with its proof) and the same credential as a VC-JWT.
  document jsonb NOT NULL,
  jwt text NOT NULL,
  issued_at timestamptz NOT NULL,
  -- The learner's choice: a public verification page exists only while shared (and never for a protected
  -- identity, checked on every public request).
  shared_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users(id),
  revocation_reason text CHECK (length(revocation_reason) BETWEEN 1 AND 1000),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
);
CREATE UNIQUE INDEX credentials_source_idx ON credentials (source_kind, source_id);
CREATE UNIQUE INDEX credentials_status_idx ON credentials (organisation_id, status_index);
CREATE INDEX credentials_user_idx ON credentials (user_id, issued_at);
CREATE INDEX credentials_org_idx ON credentials (organisation_id, issued_at);
