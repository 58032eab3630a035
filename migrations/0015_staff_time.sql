-- Staff time log (issue 4, Pillar 2; DOMAIN.md "Pillar 2" and "ESF participant administration"):
-- coaches and project staff log hours per activity, company and day. Employed staff (signed monthly time
-- report, hours × unit cost) are personnel costs and the base of the flat rate; external staff
-- (consultants) are invoiced services, their invoices recorded against the engagement or the company.

-- Employment kind per user and organisation, with history: the row valid on a date gives the kind (and,
-- for employed staff, the hourly cost) of that date's hours. A current row has valid_to NULL.
CREATE TABLE staff_employment (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  kind text NOT NULL CHECK (kind IN ('employed', 'external')),
  valid_from date NOT NULL,
  valid_to date,
  -- SEK per hour including social fees; employed staff only.
  hourly_cost_sek numeric(8, 2) CHECK (hourly_cost_sek > 0 AND hourly_cost_sek <= 100000),
  set_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CHECK (kind = 'employed' OR hourly_cost_sek IS NULL)
);
CREATE UNIQUE INDEX staff_employment_current_idx ON staff_employment (user_id, organisation_id)
  WHERE valid_to IS NULL;
CREATE INDEX staff_employment_user_idx ON staff_employment (user_id, organisation_id, valid_from);
CREATE INDEX staff_employment_org_idx ON staff_employment (organisation_id);

CREATE TABLE staff_time_entries (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- The staff organisation the hours are worked for (one of the user's staff memberships).
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  work_date date NOT NULL,
  -- Whole and half hours.
  hours numeric(3, 1) NOT NULL CHECK (hours > 0 AND hours <= 24 AND hours * 2 = trunc(hours * 2)),
  activity text NOT NULL CHECK (activity IN ('coaching', 'mapping', 'training_coordination',
                                             'project_management', 'information', 'administration', 'other')),
  company_id uuid REFERENCES companies(id),
  engagement_id uuid REFERENCES engagements(id),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_time_entries_user_date_idx ON staff_time_entries (user_id, work_date);
CREATE INDEX staff_time_entries_org_date_idx ON staff_time_entries (organisation_id, work_date);
CREATE INDEX staff_time_entries_company_idx ON staff_time_entries (company_id) WHERE company_id IS NOT NULL;
CREATE INDEX staff_time_entries_engagement_idx ON staff_time_entries (engagement_id)
  WHERE engagement_id IS NOT NULL;

-- A signed monthly time report: the month is locked against edits while the row is not unlocked. An
-- unlock (region admin, with a reason) keeps the row; signing again adds a new one.
CREATE TABLE staff_time_reports (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- First day of the month.
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  signed_at timestamptz NOT NULL DEFAULT now(),
  signed_by uuid NOT NULL REFERENCES users(id),
  -- {totalHours, byActivity: {activity: hours}, byOrganisation: [...], entries: n}
  totals jsonb NOT NULL,
  unlocked_at timestamptz,
  unlocked_by uuid REFERENCES users(id),
  unlock_reason text CHECK (length(unlock_reason) <= 1000)
);
CREATE UNIQUE INDEX staff_time_reports_signed_idx ON staff_time_reports (user_id, month)
  WHERE unlocked_at IS NULL;
CREATE INDEX staff_time_reports_user_idx ON staff_time_reports (user_id, month);

-- Invoices of external staff (consultants), recorded against an engagement or a company.
CREATE TABLE consultant_invoices (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  engagement_id uuid REFERENCES engagements(id),
  company_id uuid REFERENCES companies(id),
  invoice_number text NOT NULL CHECK (length(invoice_number) BETWEEN 1 AND 100),
  invoice_date date NOT NULL,
  period_from date NOT NULL,
  period_to date NOT NULL,
  hours numeric(6, 1) NOT NULL CHECK (hours > 0 AND hours <= 10000 AND hours * 2 = trunc(hours * 2)),
  amount_sek numeric(12, 2) NOT NULL CHECK (amount_sek > 0 AND amount_sek <= 100000000),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  recorded_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (period_to >= period_from),
  UNIQUE (user_id, invoice_number)
);
CREATE INDEX consultant_invoices_org_idx ON consultant_invoices (organisation_id, invoice_date);
CREATE INDEX consultant_invoices_engagement_idx ON consultant_invoices (engagement_id)
  WHERE engagement_id IS NOT NULL;
CREATE INDEX consultant_invoices_company_idx ON consultant_invoices (company_id) WHERE company_id IS NOT NULL;
