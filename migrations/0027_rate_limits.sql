-- Rate limits that must hold across app processes (platform/rate-limit.ts): one counter per bucket and
-- fixed window, bumped with an atomic upsert. A bucket names the limit and its subject, e.g.
-- `invite:<user id>`; never an e-mail address or other personal data in clear.
CREATE TABLE rate_limits (
  bucket text NOT NULL CHECK (length(bucket) BETWEEN 1 AND 200),
  window_start timestamptz NOT NULL,
  hits integer NOT NULL CHECK (hits >= 0),
  PRIMARY KEY (bucket, window_start)
);
-- Pruning windows that have passed.
CREATE INDEX rate_limits_window_idx ON rate_limits (window_start);
