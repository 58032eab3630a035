-- Login sessions: a stable public id (for "my sessions"), absolute/idle timeouts, privilege rotation,
-- and TOTP two-factor authentication (RFC 6238) with one-time recovery codes.

-- The id names a session in lists and URLs; the secret stays in the cookie (only its sha256 is stored).
ALTER TABLE auth_sessions ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
CREATE UNIQUE INDEX auth_sessions_id_idx ON auth_sessions (id);
-- A fingerprint of the user's memberships when the session was opened or last rotated: when it changes,
-- the next request gets a new secret (rotation on privilege change). NULL: not yet taken.
ALTER TABLE auth_sessions ADD COLUMN privileges text;
-- Whether the second factor was passed when the session was opened.
ALTER TABLE auth_sessions ADD COLUMN second_factor boolean NOT NULL DEFAULT false;
-- How the first factor was given: password, link, sso, code (NULL for sessions opened before 0024).
ALTER TABLE auth_sessions ADD COLUMN method text;

-- A sign-in waiting for its second factor: grants nothing, lives 5 minutes, at most 5 wrong codes.
CREATE TABLE auth_pending_logins (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  method text NOT NULL,
  next text,
  failures int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX auth_pending_logins_user_idx ON auth_pending_logins (user_id);

-- One TOTP secret per user, sealed with the key ring (associated data: "totp:<user id>").
-- confirmed_at NULL: enrolment started, not yet confirmed with a code (not in force).
CREATE TABLE user_totp (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  key_id text NOT NULL,
  secret_sealed bytea NOT NULL,
  last_step bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz
);

-- Ten one-time recovery codes per enrolment, only their sha256 stored.
CREATE TABLE totp_recovery_codes (
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (user_id, code_hash)
);
