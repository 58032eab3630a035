import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensureCommonInstrument } from './domains/mapping/index.ts';
import { loadReferenceData } from './domains/reference/index.ts';
import { type DataDirLock, type Db, lockDataDir, openPglite, openPostgres } from './platform/db.ts';
import type { Env } from './platform/env.ts';
import { migrate } from './platform/migrate.ts';
import { settingOrCreate } from './platform/settings.ts';

export interface OpenedDatabase {
  db: Db;
  lock: DataDirLock | null;
  /** Where the data lives, for the start-up message (no credentials). */
  where: string;
}

/** PostgreSQL when DATABASE_URL is set, otherwise PGlite in DATA_DIR under a pid lock. */
export async function openDatabase(env: Env): Promise<OpenedDatabase> {
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL);
    return {
      db: openPostgres(env.DATABASE_URL, env.DB_POOL_SIZE),
      lock: null,
      where: `PostgreSQL ${url.host}${url.pathname}`,
    };
  }
  const dataDir = path.resolve(env.DATA_DIR);
  const lock = lockDataDir(dataDir);
  const pgdata = path.join(dataDir, 'pgdata');
  fs.mkdirSync(pgdata, { recursive: true });
  try {
    const { db } = await openPglite({ dataDir: pgdata });
    return { db, lock, where: `PGlite ${pgdata}` };
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** Migrations, then reference data (idempotent, versioned by checksum). */
export async function prepareDatabase(db: Db): Promise<{ migrations: string[]; reference: string[] }> {
  const migrations = await migrate(db);
  const { loaded } = await loadReferenceData(db);
  // Version 1 of the common mapping method ships with the product (published, immutable).
  await ensureCommonInstrument(db);
  return { migrations, reference: loaded };
}

/** The cookie-signing secret: from the environment or a file, else generated once and kept in the database. */
export async function cookieSecret(db: Db, env: Env): Promise<string> {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  if (env.SESSION_SECRET_FILE) return fs.readFileSync(env.SESSION_SECRET_FILE, 'utf8').trim();
  return settingOrCreate(db, 'cookie_secret', () => randomBytes(32).toString('base64url'));
}
