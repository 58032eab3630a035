-- Per-person competence ratings: a company-only space (DOMAIN.md, Pillar 1, "Current state").
-- Only the company's own contacts read and write these tables; an employee reads their own ratings and
-- comments on them. No public-sector role reads them: anything an authority can read about a named worker
-- becomes a public record. Coaches and the roll-up see only the per-role totals (mapping_requirements).

-- The company's employees, as the company records them (personal data: name, email).
CREATE TABLE company_people (
  id uuid PRIMARY KEY,
  company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- Optional: links the person to an employee's account (a participant of the company with this email).
  email text CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
  user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  -- The role row of a mapping (mapping_sections answers, roles.key) and its title when the person was added.
  role_key text NOT NULL CHECK (length(role_key) BETWEEN 1 AND 40),
  role_title text NOT NULL CHECK (length(role_title) BETWEEN 1 AND 300),
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX company_people_company_idx ON company_people (company_id, role_key);
CREATE INDEX company_people_user_idx ON company_people (user_id);
CREATE INDEX company_people_email_idx ON company_people (company_id, lower(email)) WHERE email IS NOT NULL;
CREATE INDEX company_people_created_by_idx ON company_people (created_by);

-- One level per person, mapping and required competence (`competence_key`: `id:<concept id>` for a
-- JobTech concept or `text:<lower-case text>` for a free-text competence).
CREATE TABLE person_ratings (
  person_id uuid NOT NULL REFERENCES company_people(id) ON DELETE CASCADE,
  mapping_id uuid NOT NULL REFERENCES mappings(id) ON DELETE CASCADE,
  competence_key text NOT NULL CHECK (length(competence_key) BETWEEN 4 AND 310),
  competence_id text REFERENCES ref_competences(concept_id),
  competence_text text CHECK (competence_text IS NULL OR length(competence_text) <= 300),
  level integer NOT NULL CHECK (level BETWEEN 0 AND 100),
  rated_by uuid REFERENCES users(id) ON DELETE SET NULL,
  rated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, mapping_id, competence_key),
  CHECK (competence_id IS NOT NULL OR competence_text IS NOT NULL)
);
CREATE INDEX person_ratings_mapping_idx ON person_ratings (mapping_id, competence_key);
CREATE INDEX person_ratings_rated_by_idx ON person_ratings (rated_by);

-- The employee's comments on their own ratings (append-only from the application's side).
CREATE TABLE person_rating_comments (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES company_people(id) ON DELETE CASCADE,
  mapping_id uuid NOT NULL REFERENCES mappings(id) ON DELETE CASCADE,
  competence_key text NOT NULL CHECK (length(competence_key) BETWEEN 4 AND 310),
  comment text NOT NULL CHECK (length(comment) BETWEEN 1 AND 2000),
  author_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_rating_comments_rating_idx ON person_rating_comments (person_id, mapping_id, competence_key, created_at);
CREATE INDEX person_rating_comments_mapping_idx ON person_rating_comments (mapping_id);
CREATE INDEX person_rating_comments_author_idx ON person_rating_comments (author_user_id);
