CREATE TABLE companies (
  id uuid PRIMARY KEY,
  org_number text NOT NULL,
  is_sole_trader boolean NOT NULL DEFAULT false,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  sni_code text REFERENCES ref_sni(code),
  region_id uuid NOT NULL REFERENCES organisations(id),
  owner_org_id uuid NOT NULL REFERENCES organisations(id),
  employees_women integer NOT NULL DEFAULT 0 CHECK (employees_women >= 0),
  employees_men integer NOT NULL DEFAULT 0 CHECK (employees_men >= 0),
  size_class text NOT NULL CHECK (size_class IN ('0', '1-9', '10-49', '50-249', '250+')),
  turnover_tsek bigint CHECK (turnover_tsek >= 0),
  balance_tsek bigint CHECK (balance_tsek >= 0),
  part_of_group boolean NOT NULL DEFAULT false,
  group_employees integer CHECK (group_employees >= 0),
  group_turnover_tsek bigint CHECK (group_turnover_tsek >= 0),
  group_balance_tsek bigint CHECK (group_balance_tsek >= 0),
  is_sme boolean NOT NULL,
  sme_reason text NOT NULL,
  status text NOT NULL CHECK (status IN ('interested', 'eligible', 'active', 'closed')),
  found_via text NOT NULL CHECK (found_via IN ('municipality', 'region', 'event', 'website', 'other_company',
                                               'provider', 'media', 'other')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX companies_org_number_idx ON companies (org_number);
-- The list filters by status and sorts by lower(name), id; the id makes index-only semi-joins possible.
CREATE INDEX companies_region_status_name_idx ON companies (region_id, status, lower(name), id);
CREATE INDEX companies_region_updated_idx ON companies (region_id, updated_at DESC, id);
CREATE INDEX companies_region_name_idx ON companies (region_id, lower(name), id);
CREATE INDEX companies_sni_idx ON companies (sni_code);
CREATE INDEX companies_owner_idx ON companies (owner_org_id);
CREATE INDEX companies_size_idx ON companies (region_id, size_class);
CREATE INDEX companies_name_trgm_idx ON companies USING gin (name gin_trgm_ops);

CREATE TABLE company_workplaces (
  id uuid PRIMARY KEY,
  company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  name text CHECK (length(name) <= 200),
  street text CHECK (length(street) <= 200),
  postal_code text CHECK (length(postal_code) <= 10),
  city text CHECK (length(city) <= 100),
  municipality_code text NOT NULL REFERENCES ref_municipalities(code),
  cfar text CHECK (cfar ~ '^[0-9]{8}$'),
  position smallint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX company_workplaces_company_idx ON company_workplaces (company_id);
CREATE INDEX company_workplaces_municipality_idx ON company_workplaces (municipality_code, company_id);

CREATE TABLE company_contacts (
  id uuid PRIMARY KEY,
  company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role_title text CHECK (length(role_title) <= 200),
  email text CHECK (length(email) <= 254),
  phone text CHECK (length(phone) <= 40),
  user_id uuid REFERENCES users(id),
  position smallint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX company_contacts_company_idx ON company_contacts (company_id);
CREATE INDEX company_contacts_user_idx ON company_contacts (user_id);

CREATE TABLE company_coaches (
  company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id),
  assigned_by uuid REFERENCES users(id),
  assigned_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, user_id)
);
CREATE INDEX company_coaches_user_idx ON company_coaches (user_id);

ALTER TABLE memberships ADD CONSTRAINT memberships_company_fk FOREIGN KEY (company_id) REFERENCES companies(id);
