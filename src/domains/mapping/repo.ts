import type { Db } from '../../platform/db.ts';
import type { InstrumentDefinition } from './instrument/schema.ts';

export type InstrumentStatus = 'draft' | 'published' | 'retired';

export interface InstrumentRow {
  id: string;
  /** null: the national common method shipped with the product. */
  regionId: string | null;
  key: string;
  version: number;
  status: InstrumentStatus;
  definition: InstrumentDefinition;
  createdBy: string | null;
  createdAt: Date;
  publishedAt: Date | null;
}

/** A row without its (large) definition, for lists. */
export type InstrumentSummary = Omit<InstrumentRow, 'definition'> & { title: { sv: string; en: string } };

const SUMMARY = `id, region_id AS "regionId", key, version, status, definition->'title' AS title,
  created_by AS "createdBy", created_at AS "createdAt", published_at AS "publishedAt"`;
const COLUMNS = `id, region_id AS "regionId", key, version, status, definition,
  created_by AS "createdBy", created_at AS "createdAt", published_at AS "publishedAt"`;

export async function insertInstrument(
  db: Db,
  row: Pick<InstrumentRow, 'id' | 'regionId' | 'key' | 'version' | 'status' | 'definition' | 'createdBy'>,
): Promise<void> {
  await db.query(
    `INSERT INTO mapping_instruments (id, region_id, key, version, status, definition, created_by, published_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $5 = 'draft' THEN NULL ELSE now() END)`,
    [row.id, row.regionId, row.key, row.version, row.status, JSON.stringify(row.definition), row.createdBy],
  );
}

export async function findById(db: Db, id: string): Promise<InstrumentRow | null> {
  const rows = await db.query<InstrumentRow>(`SELECT ${COLUMNS} FROM mapping_instruments WHERE id = $1`, [
    id,
  ]);
  return rows[0] ?? null;
}

export async function findNational(db: Db, key: string, version: number): Promise<InstrumentRow | null> {
  const rows = await db.query<InstrumentRow>(
    `SELECT ${COLUMNS} FROM mapping_instruments WHERE region_id IS NULL AND key = $1 AND version = $2`,
    [key, version],
  );
  return rows[0] ?? null;
}

/**
 * National instruments and those of the given regions. Drafts only for `draftRegionIds` (the regions
 * the reader administers).
 */
export async function listVisible(
  db: Db,
  regionIds: string[],
  draftRegionIds: string[],
): Promise<InstrumentSummary[]> {
  return db.query<InstrumentSummary>(
    `SELECT ${SUMMARY} FROM mapping_instruments
      WHERE (region_id IS NULL OR region_id = ANY($1::uuid[]))
        AND (status <> 'draft' OR region_id = ANY($2::uuid[]))
      ORDER BY key, region_id NULLS FIRST, version`,
    [regionIds, draftRegionIds],
  );
}

/** The highest version of a key among the national instruments and the region's own. */
export async function maxVersion(db: Db, key: string, regionId: string): Promise<number> {
  const rows = await db.query<{ max: number | null }>(
    `SELECT max(version)::int AS max FROM mapping_instruments
      WHERE key = $1 AND (region_id IS NULL OR region_id = $2)`,
    [key, regionId],
  );
  return rows[0]?.max ?? 0;
}

/** Replace a draft's definition; false when the row is no longer a draft. */
export async function updateDraftDefinition(
  db: Db,
  id: string,
  definition: InstrumentDefinition,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE mapping_instruments SET definition = $2 WHERE id = $1 AND status = 'draft' RETURNING id`,
    [id, JSON.stringify(definition)],
  );
  return rows.length === 1;
}

/** Publish a draft; false when the row is no longer a draft. */
export async function markPublished(db: Db, id: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE mapping_instruments SET status = 'published', published_at = now()
      WHERE id = $1 AND status = 'draft' RETURNING id`,
    [id],
  );
  return rows.length === 1;
}
