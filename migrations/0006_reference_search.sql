-- Search names folded for matching what people type: lower case, Latin diacritics dropped (å, ä → a, ö → o,
-- é → e …), every run of other characters (space, hyphen, comma, slash) one space. The same folding as
-- foldSearchText in src/domains/reference/service/codes.ts (a test checks that both agree on every name).
-- translate() before lower(): lower() of a non-ASCII letter depends on the database locale, this does not.
CREATE FUNCTION ref_search_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN btrim(regexp_replace(lower(translate(t,
    'ÀÁÂÃÄÅàáâãäåÆæÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŠšŽž',
    'aaaaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooooouuuuuuuuyyysszz')), '[^a-z0-9]+', ' ', 'g'));

ALTER TABLE ref_ssyk ADD COLUMN name_fold text GENERATED ALWAYS AS (ref_search_fold(name_sv)) STORED;
ALTER TABLE ref_occupation_names ADD COLUMN name_fold text GENERATED ALWAYS AS (ref_search_fold(name_sv)) STORED;
ALTER TABLE ref_occupation_titles_scb ADD COLUMN title_fold text
  GENERATED ALWAYS AS (ref_search_fold(title_sv)) STORED;
ALTER TABLE ref_competences ADD COLUMN name_fold text GENERATED ALWAYS AS (ref_search_fold(name_sv)) STORED;

CREATE INDEX ref_ssyk_fold_trgm_idx ON ref_ssyk USING gin (name_fold gin_trgm_ops);
CREATE INDEX ref_occupation_names_fold_trgm_idx ON ref_occupation_names USING gin (name_fold gin_trgm_ops);
CREATE INDEX ref_occupation_titles_scb_fold_trgm_idx ON ref_occupation_titles_scb
  USING gin (title_fold gin_trgm_ops);
CREATE INDEX ref_competences_fold_trgm_idx ON ref_competences USING gin (name_fold gin_trgm_ops);
