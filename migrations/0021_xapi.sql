-- The xAPI 1.0.3 Learning Record Store (issue 7, src/domains/xapi): statements, their attachments, the
-- document resources (state, activity profile, agent profile), canonical activity definitions and the LRS
-- client credentials. Everything belongs to a region: a client reads and writes its own region only.

-- LRS client credentials (HTTP Basic): the key is public, only the SHA-256 of the high-entropy secret is kept.
CREATE TABLE xapi_clients (
  id uuid PRIMARY KEY,
  region_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  key text NOT NULL UNIQUE CHECK (length(key) BETWEEN 8 AND 100),
  secret_sha256 text NOT NULL CHECK (secret_sha256 ~ '^[0-9a-f]{64}$'),
  scopes text[] NOT NULL CHECK (cardinality(scopes) >= 1 AND scopes <@ ARRAY['read', 'write']::text[]),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);
CREATE INDEX xapi_clients_region_idx ON xapi_clients (region_id, created_at DESC);

-- Statements as returned by GET (`statement`, with id, stored, authority and version set). `seq` is the
-- storage order (newest first by default). The normalised columns serve the GET filters.
CREATE TABLE xapi_statements (
  region_id uuid NOT NULL REFERENCES organisations(id),
  id uuid NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  statement jsonb NOT NULL,
  stored timestamptz NOT NULL,
  -- Voided by a later voiding statement (then only GET ?voidedStatementId= returns it).
  voided boolean NOT NULL DEFAULT false,
  is_voiding boolean NOT NULL DEFAULT false,
  -- The statement an object StatementRef points at (filters also return statements referring to matches).
  ref_target uuid,
  -- Inverse functional identifier keys ("mbox:mailto:…", "account:<homePage> <name>", …).
  actor_key text NOT NULL,
  object_agent_key text,
  verb_id text NOT NULL,
  activity_id text,
  registration uuid,
  related_agents text[] NOT NULL DEFAULT '{}',
  related_activities text[] NOT NULL DEFAULT '{}',
  client_id uuid REFERENCES xapi_clients(id),
  PRIMARY KEY (region_id, id)
);
CREATE UNIQUE INDEX xapi_statements_seq_idx ON xapi_statements (region_id, seq);
CREATE INDEX xapi_statements_actor_idx ON xapi_statements (region_id, actor_key, seq);
CREATE INDEX xapi_statements_object_agent_idx ON xapi_statements (region_id, object_agent_key, seq)
  WHERE object_agent_key IS NOT NULL;
CREATE INDEX xapi_statements_verb_idx ON xapi_statements (region_id, verb_id, seq);
CREATE INDEX xapi_statements_activity_idx ON xapi_statements (region_id, activity_id, seq);
CREATE INDEX xapi_statements_registration_idx ON xapi_statements (region_id, registration, seq)
  WHERE registration IS NOT NULL;
CREATE INDEX xapi_statements_ref_idx ON xapi_statements (region_id, ref_target) WHERE ref_target IS NOT NULL;
CREATE INDEX xapi_statements_stored_idx ON xapi_statements (region_id, stored);
CREATE INDEX xapi_statements_related_agents_idx ON xapi_statements USING gin (related_agents);
CREATE INDEX xapi_statements_related_activities_idx ON xapi_statements USING gin (related_activities);

-- Attachment content by its SHA-256 (shared by every statement of the region that declares it).
CREATE TABLE xapi_attachments (
  region_id uuid NOT NULL REFERENCES organisations(id),
  sha2 text NOT NULL,
  content_type text NOT NULL CHECK (length(content_type) <= 255),
  content bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_id, sha2)
);

-- The three document resources. Unused key parts are '' (state without registration, profiles).
CREATE TABLE xapi_documents (
  region_id uuid NOT NULL REFERENCES organisations(id),
  kind text NOT NULL CHECK (kind IN ('state', 'activity_profile', 'agent_profile')),
  activity_id text NOT NULL DEFAULT '',
  agent_key text NOT NULL DEFAULT '',
  registration text NOT NULL DEFAULT '',
  doc_id text NOT NULL CHECK (length(doc_id) BETWEEN 1 AND 2000),
  content_type text NOT NULL CHECK (length(content_type) <= 255),
  content bytea NOT NULL,
  -- SHA-1 of the content, hexadecimal (the ETag without quotes).
  etag text NOT NULL,
  updated timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_id, kind, activity_id, agent_key, registration, doc_id)
);
CREATE INDEX xapi_documents_updated_idx ON xapi_documents (region_id, kind, activity_id, agent_key, updated);

-- Canonical activity definitions (GET /xapi/activities): the latest definition seen, language maps merged.
CREATE TABLE xapi_activities (
  region_id uuid NOT NULL REFERENCES organisations(id),
  activity_id text NOT NULL,
  definition jsonb NOT NULL DEFAULT '{}',
  updated timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_id, activity_id)
);
