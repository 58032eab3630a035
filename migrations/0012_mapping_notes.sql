-- Interview notes of a mapping and the concepts confirmed from them (DOMAIN.md, Pillar 1; issue 3).
-- The notes are the interviewer's working notes: staff read and write them, company contacts do not.
-- The product proposes the closest competences and occupation names for each line of the notes; what the
-- interviewer confirms is kept here, coded, with the piece of the notes it was proposed for.
ALTER TABLE mappings
  ADD COLUMN interview_notes text NOT NULL DEFAULT '' CHECK (length(interview_notes) <= 20000);

CREATE TABLE mapping_note_concepts (
  mapping_id uuid NOT NULL REFERENCES mappings(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('competence', 'occupation')),
  -- A JobTech competence concept id, or an occupation-name concept id (kind 'occupation').
  concept_id text NOT NULL CHECK (length(concept_id) BETWEEN 1 AND 40),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  -- The SSYK code of an occupation name; NULL for a competence.
  ssyk_code text CHECK (ssyk_code IS NULL OR ssyk_code ~ '^[0-9]{4}$'),
  -- The line of the notes the concept was proposed for.
  source_text text NOT NULL CHECK (length(source_text) <= 20000),
  confirmed_by uuid REFERENCES users(id) ON DELETE SET NULL,
  confirmed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (mapping_id, kind, concept_id)
);
