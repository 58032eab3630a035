-- Staff single sign-on: which identity at which OpenID Connect issuer belongs to which account.
-- Written on the first sign-in (found by verified e-mail) and preferred afterwards, so an e-mail change at
-- the identity provider still finds the person, and another identity claiming the same e-mail is refused.
CREATE TABLE oidc_identities (
  issuer text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 500),
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);
-- One identity per account and issuer.
CREATE UNIQUE INDEX oidc_identities_user_issuer_idx ON oidc_identities (user_id, issuer);
