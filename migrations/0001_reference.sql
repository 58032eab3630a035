-- Reference classifications (loaded from reference-data/ at start, idempotently).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE reference_datasets (
  name text PRIMARY KEY,
  checksum text NOT NULL,
  row_count integer NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ref_counties (
  code text PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE ref_municipalities (
  code text PRIMARY KEY,
  name text NOT NULL,
  county_code text NOT NULL REFERENCES ref_counties(code)
);
CREATE INDEX ref_municipalities_county_idx ON ref_municipalities (county_code);

-- SNI 2007: level 1 section (A-U), 2 division, 3 group, 4 class, 5 detail group.
CREATE TABLE ref_sni (
  code text PRIMARY KEY,
  level smallint NOT NULL,
  name_sv text,
  parent_code text,
  section text NOT NULL
);
CREATE INDEX ref_sni_parent_idx ON ref_sni (parent_code);
CREATE INDEX ref_sni_name_trgm_idx ON ref_sni USING gin (name_sv gin_trgm_ops);

-- SSYK 2012 as SCB publishes it (429 unit groups).
CREATE TABLE ref_ssyk (
  code text PRIMARY KEY,
  level smallint NOT NULL,
  name_sv text NOT NULL,
  parent_code text
);
CREATE INDEX ref_ssyk_name_trgm_idx ON ref_ssyk USING gin (name_sv gin_trgm_ops);

-- SSYK 2012 in JobTech's variant (400 unit groups), the key to occupation names and competences.
CREATE TABLE ref_ssyk_jobtech (
  code text PRIMARY KEY,
  level smallint NOT NULL,
  name_sv text NOT NULL,
  parent_code text,
  concept_id text NOT NULL,
  definition_sv text
);

CREATE TABLE ref_isco (
  code text PRIMARY KEY,
  level smallint NOT NULL,
  name_en text NOT NULL,
  esco_uri text
);

CREATE TABLE ref_ssyk_isco (
  ssyk_code text NOT NULL,
  isco_code text NOT NULL,
  PRIMARY KEY (ssyk_code, isco_code)
);
CREATE INDEX ref_ssyk_isco_isco_idx ON ref_ssyk_isco (isco_code);

CREATE TABLE ref_occupation_names (
  concept_id text PRIMARY KEY,
  name_sv text NOT NULL,
  ssyk_code text NOT NULL
);
CREATE INDEX ref_occupation_names_ssyk_idx ON ref_occupation_names (ssyk_code);
CREATE INDEX ref_occupation_names_trgm_idx ON ref_occupation_names USING gin (name_sv gin_trgm_ops);

CREATE TABLE ref_occupation_titles_scb (
  id integer PRIMARY KEY,
  ssyk_code text NOT NULL,
  isco_codes text NOT NULL,
  title_sv text NOT NULL
);
CREATE INDEX ref_occupation_titles_scb_ssyk_idx ON ref_occupation_titles_scb (ssyk_code);
CREATE INDEX ref_occupation_titles_scb_trgm_idx ON ref_occupation_titles_scb USING gin (title_sv gin_trgm_ops);

CREATE TABLE ref_competences (
  concept_id text PRIMARY KEY,
  name_sv text NOT NULL
);
CREATE INDEX ref_competences_trgm_idx ON ref_competences USING gin (name_sv gin_trgm_ops);

CREATE TABLE ref_ssyk_competences (
  ssyk_code text NOT NULL,
  competence_id text NOT NULL,
  PRIMARY KEY (ssyk_code, competence_id)
);
CREATE INDEX ref_ssyk_competences_competence_idx ON ref_ssyk_competences (competence_id);

CREATE TABLE ref_sun_levels (
  code text PRIMARY KEY,
  level smallint NOT NULL,
  name_sv text NOT NULL,
  parent_code text
);

CREATE TABLE ref_sun_fields (
  code text PRIMARY KEY,
  level smallint NOT NULL,
  name_sv text NOT NULL,
  parent_code text
);

CREATE TABLE ref_esco_occupations (
  uri text PRIMARY KEY,
  code text NOT NULL,
  isco_code text NOT NULL,
  name_en text NOT NULL
);
CREATE INDEX ref_esco_occupations_isco_idx ON ref_esco_occupations (isco_code);

CREATE TABLE ref_esco_skill_groups (
  uri text PRIMARY KEY,
  code text,
  name_en text NOT NULL
);
