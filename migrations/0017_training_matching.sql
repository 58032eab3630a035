-- Unmet training demand (issue 5, "Matching needs and courses"): the Region publishes a disclosure-controlled
-- snapshot of the mapped needs that no approved course with an upcoming occasion covers. Every provider of
-- the region sees the same latest published snapshot at the same time; unpublished figures are never shown
-- to providers.
CREATE TABLE unmet_demand_publications (
  id uuid PRIMARY KEY,
  region_id uuid NOT NULL REFERENCES organisations(id),
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by uuid REFERENCES users(id),
  -- The published (suppressed) table: see src/domains/training/service/matching-unmet.ts, PublishedUnmet.
  content jsonb NOT NULL
);
CREATE INDEX unmet_demand_publications_region_idx ON unmet_demand_publications (region_id, published_at DESC);
