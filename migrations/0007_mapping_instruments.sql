-- Mapping instruments: versioned definitions of the common mapping method (region_id NULL: the national
-- method shipped with the product) and regions' own versions. A published version is immutable.
CREATE TABLE mapping_instruments (
  id uuid PRIMARY KEY,
  region_id uuid REFERENCES organisations(id),
  key text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
  definition jsonb NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  CHECK (definition->>'key' = key AND (definition->>'version')::integer = version),
  CHECK (status = 'draft' OR published_at IS NOT NULL)
);
CREATE UNIQUE INDEX mapping_instruments_version_uq
  ON mapping_instruments ((coalesce(region_id, '00000000-0000-0000-0000-000000000000'::uuid)), key, version);
CREATE INDEX mapping_instruments_region_idx ON mapping_instruments (region_id, key, version);

-- Once published (or retired), a version's content and identity never change and it is never deleted;
-- its status only moves forward (published -> retired).
CREATE FUNCTION mapping_instruments_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'a published mapping instrument cannot be deleted' USING ERRCODE = '42501';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (
       NEW.definition IS DISTINCT FROM OLD.definition
    OR NEW.key IS DISTINCT FROM OLD.key
    OR NEW.version IS DISTINCT FROM OLD.version
    OR NEW.region_id IS DISTINCT FROM OLD.region_id
    OR NEW.published_at IS DISTINCT FROM OLD.published_at
    OR NEW.status = 'draft'
    OR (OLD.status = 'retired' AND NEW.status <> 'retired')
  ) THEN
    RAISE EXCEPTION 'a published mapping instrument is immutable' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER mapping_instruments_immutable BEFORE UPDATE OR DELETE ON mapping_instruments
  FOR EACH ROW EXECUTE FUNCTION mapping_instruments_immutable();
