-- Pre-aggregated needs of submitted mappings per round × municipality × SNI code: the cells the county
-- roll-up reads when it groups by company-level dimensions only (municipality, SNI, round). A company is in
-- exactly one cell per round, so companies and people add up across cells and the largest company of a
-- group of cells is the largest of their `largest`. Maintained by the mapping domain at submission and
-- reopening (the one cell concerned is recomputed under a row lock), and in bulk by `refreshRollupCells`.
CREATE TABLE mapping_rollup_cells (
  round_id uuid NOT NULL REFERENCES mapping_rounds(id),
  region_id uuid NOT NULL REFERENCES organisations(id),
  municipality_code text,
  sni_code text,
  companies integer NOT NULL,
  people bigint NOT NULL,
  largest bigint NOT NULL,
  women bigint NOT NULL,
  men bigint NOT NULL,
  needs bigint NOT NULL
);
CREATE UNIQUE INDEX mapping_rollup_cells_uq
  ON mapping_rollup_cells (round_id, (coalesce(municipality_code, '')), (coalesce(sni_code, '')));
CREATE INDEX mapping_rollup_cells_region_idx ON mapping_rollup_cells (region_id, round_id);
-- Recomputing one cell reads only its needs.
CREATE INDEX mapping_needs_cell_idx ON mapping_needs (round_id, municipality_code, sni_code);
