import type { Db } from '../../platform/db.ts';

// ---------------------------------------------------------------- loading

export interface ColumnSpec {
  name: string;
  type: 'text' | 'smallint' | 'integer';
  /** The loader passes '' for a missing value; it is stored as NULL. */
  nullable?: boolean;
}

export interface TableSpec {
  table: string;
  key: readonly string[];
  columns: readonly ColumnSpec[];
}

const LOAD_LOCK_KEY = 727_007_002;

/** Serialise concurrent loads of several app processes on one PostgreSQL (PGlite has one connection). */
export async function lockForLoad(db: Db): Promise<void> {
  if (db.kind === 'postgres') await db.query('SELECT pg_advisory_xact_lock($1)', [LOAD_LOCK_KEY]);
}

export async function datasetChecksums(db: Db): Promise<Map<string, string>> {
  const rows = await db.query<{ name: string; checksum: string }>(
    'SELECT name, checksum FROM reference_datasets',
  );
  return new Map(rows.map((r) => [r.name, r.checksum]));
}

export async function recordDataset(db: Db, name: string, checksum: string, rowCount: number): Promise<void> {
  await db.query(
    `INSERT INTO reference_datasets (name, checksum, row_count, loaded_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, row_count = EXCLUDED.row_count, loaded_at = now()`,
    [name, checksum, rowCount],
  );
}

/**
 * Insert or update every row in one statement: one array parameter per column, unnested. A row whose values
 * are all unchanged is not rewritten. Returns how many rows were inserted or changed.
 * Table and column names come from the loader's constant specs, never from input.
 */
export async function upsertColumns(
  db: Db,
  spec: TableSpec,
  columns: (string[] | number[])[],
): Promise<number> {
  const names = spec.columns.map((c) => c.name);
  const select = spec.columns.map((c) => (c.nullable ? `NULLIF(u.${c.name}, '')` : `u.${c.name}`));
  const arrays = spec.columns.map((c, i) => `$${i + 1}::${c.type}[]`);
  const rest = names.filter((n) => !spec.key.includes(n));
  const onConflict =
    rest.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${rest.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}
         WHERE ROW(${rest.map((n) => `t.${n}`).join(', ')}) IS DISTINCT FROM ROW(${rest.map((n) => `EXCLUDED.${n}`).join(', ')})`;
  const sql = `WITH written AS (
      INSERT INTO ${spec.table} AS t (${names.join(', ')})
      SELECT ${select.join(', ')} FROM unnest(${arrays.join(', ')}) AS u(${names.join(', ')})
      ON CONFLICT (${spec.key.join(', ')}) ${onConflict}
      RETURNING 1
    ) SELECT count(*)::int AS n FROM written`;
  const rows = await db.query<{ n: number }>(sql, columns);
  return rows[0]?.n ?? 0;
}

/** Fresh planner statistics after a bulk load (PGlite runs no autovacuum). */
export async function analyze(db: Db, table: string): Promise<void> {
  await db.exec(`ANALYZE ${table}`);
}
