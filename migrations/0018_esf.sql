-- ESF participant administration and funder reporting (issue 6): the programme's rule set, participants
-- with their encrypted identities, monthly SCB files, time certificates, payment-claim periods, de minimis
-- aid, budget and progress reports. Personnummer live only in esf_identities, encrypted (AES-256-GCM, the
-- participant id as associated data) with a keyed hash for duplicate detection; never as a key.

-- The rule set of a programme (one row per programme, created with defaults on first use).
CREATE TABLE esf_programme_rules (
  programme_id uuid PRIMARY KEY REFERENCES programmes(id) ON DELETE CASCADE,
  -- Age bands of the period: [{ "key": "lt30", "min": null, "max": 29 }, …] (ages at participation start).
  age_bands jsonb NOT NULL,
  -- The SCB file's columns in order (keys of the product's known columns).
  scb_columns text[] NOT NULL,
  -- [{ "funder": "ESF", "amountSek": 3706566 }, …]
  grants jsonb NOT NULL DEFAULT '[]',
  -- { "companies": 60, "participantsWomen": 200, "participantsMen": 300, "hours": 12000, "plans": 40 }
  targets jsonb NOT NULL DEFAULT '{}',
  flat_rate text NOT NULL DEFAULT 'none' CHECK (flat_rate IN ('none', 'indirect15', 'other40')),
  -- The funder's information text each participant receives and acknowledges (versioned by its checksum).
  information_text text NOT NULL DEFAULT '' CHECK (length(information_text) <= 20000),
  -- After this many days without activity the end of a participation is proposed.
  inactive_days integer NOT NULL DEFAULT 90 CHECK (inactive_days BETWEEN 7 AND 730),
  -- De minimis (Regulation (EU) 2023/2831): ceiling over three years, and the SEK/EUR rate used.
  deminimis_ceiling_eur numeric(12, 2) NOT NULL DEFAULT 300000 CHECK (deminimis_ceiling_eur > 0),
  deminimis_warn_share numeric(4, 3) NOT NULL DEFAULT 0.8 CHECK (deminimis_warn_share > 0 AND deminimis_warn_share <= 1),
  sek_per_eur numeric(8, 4) NOT NULL DEFAULT 11.5 CHECK (sek_per_eur > 0),
  -- Years the records are kept after the final payment.
  retention_years integer NOT NULL DEFAULT 10 CHECK (retention_years BETWEEN 1 AND 50),
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Unit costs per calendar year: SEK per certified participant hour and per staff hour.
CREATE TABLE esf_unit_costs (
  programme_id uuid NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  participant_hour_sek numeric(10, 2) NOT NULL CHECK (participant_hour_sek >= 0),
  staff_hour_sek numeric(10, 2) NOT NULL CHECK (staff_hour_sek >= 0),
  PRIMARY KEY (programme_id, year)
);

-- A person registered with identity for the funder. Names and contact fields are personal data; the
-- personnummer is in esf_identities. Age at start (not the birth date) is kept for the age bands.
CREATE TABLE esf_participants (
  id uuid PRIMARY KEY,
  programme_id uuid NOT NULL REFERENCES programmes(id),
  region_id uuid NOT NULL REFERENCES organisations(id),
  source text NOT NULL CHECK (source IN ('enrolment', 'coaching', 'manual')),
  learner_id uuid REFERENCES learners(id),
  user_id uuid REFERENCES users(id),
  first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
  last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
  gender text NOT NULL CHECK (gender IN ('woman', 'man')),
  age_at_start integer CHECK (age_at_start BETWEEN 0 AND 130),
  company_id uuid NOT NULL REFERENCES companies(id),
  -- The employer's organisationsnummer when registered (the company record may change later).
  employer_org_number text NOT NULL,
  -- Nearest manager: a company contact, or a named person who signs through a one-time link.
  manager_contact_id uuid REFERENCES company_contacts(id) ON DELETE SET NULL,
  manager_name text NOT NULL CHECK (length(manager_name) BETWEEN 1 AND 200),
  manager_email text CHECK (length(manager_email) <= 254),
  email text CHECK (length(email) <= 254),
  mobile text CHECK (length(mobile) <= 30),
  -- Start = the first activity (set by hand or from the first attended date); end = the last activity.
  started_on date,
  ended_on date,
  end_reason text CHECK (length(end_reason) <= 500),
  closed_at timestamptz,
  closed_by uuid REFERENCES users(id),
  -- Eligibility at start: employed at an SME with a workplace in the region, confirmed by a person.
  eligibility_confirmed_at timestamptz,
  eligibility_confirmed_by uuid REFERENCES users(id),
  -- The funder's information text: when it was acknowledged and the checksum of the text shown.
  information_acknowledged_at timestamptz,
  information_text_sha256 text,
  protected_identity boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ended_on IS NULL OR (started_on IS NOT NULL AND ended_on >= started_on))
);
CREATE INDEX esf_participants_programme_idx ON esf_participants (programme_id, last_name, first_name);
CREATE INDEX esf_participants_company_idx ON esf_participants (company_id);
CREATE UNIQUE INDEX esf_participants_learner_idx ON esf_participants (programme_id, learner_id)
  WHERE learner_id IS NOT NULL;
CREATE INDEX esf_participants_user_idx ON esf_participants (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX esf_participants_started_idx ON esf_participants (programme_id, started_on);
CREATE INDEX esf_participants_ended_idx ON esf_participants (programme_id, ended_on);

-- The identity, encrypted. `lookup_hash` is an HMAC of the normalised number under the key `key_id`:
-- duplicates are found without decrypting any row. `masked` is what every page shows.
CREATE TABLE esf_identities (
  participant_id uuid PRIMARY KEY REFERENCES esf_participants(id) ON DELETE CASCADE,
  programme_id uuid NOT NULL REFERENCES programmes(id),
  kind text NOT NULL CHECK (kind IN ('personnummer', 'samordningsnummer', 'protected')),
  key_id text NOT NULL,
  sealed bytea NOT NULL,
  lookup_hash text NOT NULL,
  masked text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX esf_identities_lookup_idx ON esf_identities (programme_id, lookup_hash);
CREATE INDEX esf_identities_key_idx ON esf_identities (key_id);

-- The coaching meeting attendee's registration (column from 0013) gets its foreign key.
ALTER TABLE coaching_meeting_attendees
  ADD CONSTRAINT coaching_meeting_attendees_esf_fk FOREIGN KEY (esf_participant_id)
  REFERENCES esf_participants(id) ON DELETE SET NULL;
CREATE INDEX coaching_meeting_attendees_esf_idx ON coaching_meeting_attendees (esf_participant_id)
  WHERE esf_participant_id IS NOT NULL;

-- Monthly SCB files. A produced version is immutable (checksum over the file's canonical CSV); a correction
-- of a month is a new version, and every later month's latest version is marked for re-sending.
CREATE TABLE esf_scb_months (
  id uuid PRIMARY KEY,
  programme_id uuid NOT NULL REFERENCES programmes(id),
  month text NOT NULL CHECK (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  version integer NOT NULL CHECK (version >= 1),
  columns text[] NOT NULL,
  row_count integer NOT NULL,
  checksum text NOT NULL,
  produced_at timestamptz NOT NULL DEFAULT now(),
  produced_by uuid REFERENCES users(id),
  reason text CHECK (length(reason) <= 1000),
  sent_at timestamptz,
  sent_by uuid REFERENCES users(id),
  resend_required boolean NOT NULL DEFAULT false,
  claim_period_id uuid,
  UNIQUE (programme_id, month, version)
);
-- The rows of a version as produced (snapshot; the personnummer is read from esf_identities when the file
-- is downloaded and checked against the version's checksum).
CREATE TABLE esf_scb_month_rows (
  month_id uuid NOT NULL REFERENCES esf_scb_months(id) ON DELETE CASCADE,
  participant_id uuid NOT NULL REFERENCES esf_participants(id),
  position integer NOT NULL,
  first_name text NOT NULL,
  last_name text NOT NULL,
  started_on date,
  ended_on date,
  employer_org_number text NOT NULL,
  email text,
  mobile text,
  PRIMARY KEY (month_id, participant_id)
);
CREATE INDEX esf_scb_month_rows_participant_idx ON esf_scb_month_rows (participant_id);

-- Time certificates: one per participant and month and version; rows are whole hours per date and
-- activity. Signed (participant and manager) = frozen; a correction is a new version.
CREATE TABLE esf_certificates (
  id uuid PRIMARY KEY,
  participant_id uuid NOT NULL REFERENCES esf_participants(id),
  month text NOT NULL CHECK (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL CHECK (status IN ('draft', 'participant_confirmed', 'signed', 'superseded')),
  -- [{ "date": "2026-10-05", "activity": "training", "label": "…", "minutes": 200, "hours": 3 }, …]
  lines jsonb NOT NULL,
  total_hours integer NOT NULL,
  employer_name text NOT NULL,
  employer_org_number text NOT NULL,
  reason text CHECK (length(reason) <= 1000),
  claim_period_id uuid,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (participant_id, month, version)
);
CREATE INDEX esf_certificates_month_idx ON esf_certificates (month, status);

-- Every confirmation of a certificate: who, how, when.
CREATE TABLE esf_certificate_signatures (
  id uuid PRIMARY KEY,
  certificate_id uuid NOT NULL REFERENCES esf_certificates(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('participant', 'manager')),
  method text NOT NULL CHECK (method IN ('session', 'link', 'batch', 'paper')),
  signer_user_id uuid REFERENCES users(id),
  signer_name text NOT NULL CHECK (length(signer_name) BETWEEN 1 AND 200),
  batch_id uuid,
  signed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (certificate_id, role)
);

-- One-time links for a named manager (only the hash is stored).
CREATE TABLE esf_sign_links (
  id uuid PRIMARY KEY,
  certificate_id uuid NOT NULL REFERENCES esf_certificates(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Payment-claim periods: closing freezes certificates, SCB months, staff time and costs of its months.
CREATE TABLE esf_claim_periods (
  id uuid PRIMARY KEY,
  programme_id uuid NOT NULL REFERENCES programmes(id),
  first_month text NOT NULL CHECK (first_month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  last_month text NOT NULL CHECK (last_month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at timestamptz,
  closed_by uuid REFERENCES users(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (last_month >= first_month)
);
CREATE INDEX esf_claim_periods_programme_idx ON esf_claim_periods (programme_id, first_month);
ALTER TABLE esf_scb_months ADD CONSTRAINT esf_scb_months_claim_fk
  FOREIGN KEY (claim_period_id) REFERENCES esf_claim_periods(id);
ALTER TABLE esf_certificates ADD CONSTRAINT esf_certificates_claim_fk
  FOREIGN KEY (claim_period_id) REFERENCES esf_claim_periods(id);

-- De minimis: the company's declaration of other de minimis aid received (EUR, over the three years).
CREATE TABLE esf_deminimis_declarations (
  id uuid PRIMARY KEY,
  programme_id uuid NOT NULL REFERENCES programmes(id),
  company_id uuid NOT NULL REFERENCES companies(id),
  declared_on date NOT NULL,
  other_aid_eur numeric(12, 2) NOT NULL CHECK (other_aid_eur >= 0),
  details text NOT NULL DEFAULT '' CHECK (length(details) <= 2000),
  recorded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX esf_deminimis_company_idx ON esf_deminimis_declarations (company_id, declared_on DESC);

-- The budget per month and category (SEK), against which the outcome is followed.
CREATE TABLE esf_budget_lines (
  programme_id uuid NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  month text NOT NULL CHECK (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  category text NOT NULL CHECK (category IN ('personnel', 'services', 'flat_rate', 'participant_cofinancing', 'other')),
  amount_sek numeric(12, 2) NOT NULL CHECK (amount_sek >= 0),
  PRIMARY KEY (programme_id, month, category)
);

-- Progress-report drafts (lägesrapport) for a period: editable text around the computed indicators.
CREATE TABLE esf_progress_reports (
  id uuid PRIMARY KEY,
  programme_id uuid NOT NULL REFERENCES programmes(id),
  period_from date NOT NULL,
  period_to date NOT NULL,
  activities text NOT NULL DEFAULT '' CHECK (length(activities) <= 20000),
  deviations text NOT NULL DEFAULT '' CHECK (length(deviations) <= 20000),
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (period_to >= period_from)
);
CREATE INDEX esf_progress_reports_programme_idx ON esf_progress_reports (programme_id, period_from);
