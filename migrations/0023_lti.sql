-- LTI 1.3 platform (issue 7): providers' external tools that the product launches (OIDC third-party login
-- initiation, a signed id_token resource-link launch), their resource links, and every launch.

-- A tool registration of a provider organisation. The platform generates the client id and deployment id
-- that the tool's configuration screen needs; the tool's own URLs come from its documentation.
CREATE TABLE lti_tools (
  id uuid PRIMARY KEY,
  region_id uuid NOT NULL REFERENCES organisations(id),
  provider_org_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  client_id text NOT NULL UNIQUE CHECK (length(client_id) BETWEEN 8 AND 100),
  deployment_id text NOT NULL CHECK (length(deployment_id) BETWEEN 1 AND 100),
  -- The tool's OIDC login initiation URL, its registered launch (redirect) URIs, its default target link URI
  -- and its JWK set (kept for later services: deep linking, assignment and grade services).
  login_url text NOT NULL CHECK (login_url ~ '^https?://' AND length(login_url) <= 2000),
  redirect_uris text[] NOT NULL CHECK (cardinality(redirect_uris) BETWEEN 1 AND 20),
  target_link_uri text NOT NULL CHECK (target_link_uri ~ '^https?://' AND length(target_link_uri) <= 2000),
  jwks_url text CHECK (jwks_url ~ '^https?://' AND length(jwks_url) <= 2000),
  -- What personal data the id_token may carry besides the opaque per-tool pseudonym (`sub`). Off by default.
  share_name boolean NOT NULL DEFAULT false,
  share_email boolean NOT NULL DEFAULT false,
  -- The secret of the per-tool pseudonym: sub = HMAC-SHA256(secret, user id). Never leaves the database.
  pseudonym_secret bytea NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lti_tools_provider_idx ON lti_tools (provider_org_id);
CREATE INDEX lti_tools_region_idx ON lti_tools (region_id);
CREATE INDEX lti_tools_created_by_idx ON lti_tools (created_by);

-- A resource link of a tool: what a lesson (dl_lessons.lti_link_id) or a test launch opens.
CREATE TABLE lti_links (
  id uuid PRIMARY KEY,
  tool_id uuid NOT NULL REFERENCES lti_tools(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  -- On the origin of one of the tool's redirect URIs (checked by the service).
  target_url text NOT NULL CHECK (target_url ~ '^https?://' AND length(target_url) <= 2000),
  -- LTI custom parameters { "key": "value" }.
  custom jsonb NOT NULL DEFAULT '{}'::jsonb,
  active boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lti_links_tool_idx ON lti_links (tool_id);
CREATE INDEX lti_links_created_by_idx ON lti_links (created_by);

-- One id_token issued: who launched which link in which role, and the xAPI statement recorded for it.
CREATE TABLE lti_launches (
  id uuid PRIMARY KEY,
  link_id uuid NOT NULL REFERENCES lti_links(id),
  user_id uuid NOT NULL REFERENCES users(id),
  role text NOT NULL CHECK (role IN ('learner', 'instructor')),
  statement_id uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lti_launches_link_idx ON lti_launches (link_id, created_at);
CREATE INDEX lti_launches_user_idx ON lti_launches (user_id);

ALTER TABLE dl_lessons
  ADD CONSTRAINT dl_lessons_lti_link_fk FOREIGN KEY (lti_link_id) REFERENCES lti_links(id);
CREATE INDEX dl_lessons_lti_link_idx ON dl_lessons (lti_link_id);
