-- Signing keys of the installation (platform/signing-keys.ts): Ed25519 keys per issuing organisation for
-- Open Badges 3.0 credentials, and the RSA key of the LTI 1.3 platform. Private keys are sealed with the
-- key ring (AES-256-GCM, the kid as associated data); public keys are published as a JWK set at
-- /.well-known/jwks.json. Keys are never deleted: a retired key stays published so that what it signed
-- still verifies.
CREATE TABLE signing_keys (
  kid text PRIMARY KEY,
  purpose text NOT NULL CHECK (purpose IN ('credentials', 'lti')),
  -- The issuing organisation (credentials); null for the installation's own key (lti).
  organisation_id uuid REFERENCES organisations(id),
  alg text NOT NULL CHECK (alg IN ('EdDSA', 'RS256')),
  public_jwk jsonb NOT NULL,
  -- The key-ring key that sealed the private key (PKCS#8 DER, base64) and the sealed bytes.
  sealed_key_id text NOT NULL,
  private_sealed bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);
-- One current key per purpose and organisation.
CREATE UNIQUE INDEX signing_keys_current_idx
  ON signing_keys (purpose, coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid))
  WHERE retired_at IS NULL;
CREATE INDEX signing_keys_org_idx ON signing_keys (organisation_id);
