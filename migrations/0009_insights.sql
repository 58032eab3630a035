-- Insights: coverage targets, per-region disclosure rules and indexes for the county roll-up.

-- How many companies should be mapped per municipality × SNI section in a round (set by region admins).
CREATE TABLE coverage_targets (
  region_id uuid NOT NULL REFERENCES organisations(id),
  round_id uuid NOT NULL REFERENCES mapping_rounds(id),
  municipality_code text NOT NULL REFERENCES ref_municipalities(code),
  sni_section text NOT NULL CHECK (sni_section ~ '^[A-U]$'),
  target integer NOT NULL CHECK (target BETWEEN 0 AND 100000),
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_id, round_id, municipality_code, sni_section)
);
CREATE INDEX coverage_targets_round_idx ON coverage_targets (round_id);

-- Statistical disclosure control rules of a region (defaults: 3 companies, 3 people, 80 % dominance).
CREATE TABLE insights_disclosure_rules (
  region_id uuid PRIMARY KEY REFERENCES organisations(id),
  min_companies integer NOT NULL CHECK (min_companies BETWEEN 1 AND 100),
  min_people integer NOT NULL CHECK (min_people BETWEEN 1 AND 1000),
  dominance numeric(4, 3) NOT NULL CHECK (dominance > 0 AND dominance <= 1),
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The roll-up reads (region, round) slices of the needs with a handful of columns: a covering index lets
-- PostgreSQL answer the municipality × SNI table from the index alone (index-only scan).
CREATE INDEX mapping_needs_rollup_idx ON mapping_needs (region_id, round_id)
  INCLUDE (municipality_code, sni_code, company_id, women, men);
CREATE INDEX mapping_recruitments_ssyk_idx ON mapping_recruitments (region_id, round_id, ssyk_code);
