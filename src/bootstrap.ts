import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensureCommonInstrument } from './domains/mapping/index.ts';
import { loadReferenceData } from './domains/reference/index.ts';
import { type DataDirLock, type Db, lockDataDir, openPglite, openPostgres } from './platform/db.ts';
import type { Env } from './platform/env.ts';
import { migrate } from './platform/migrate.ts';
import { settingOrCreate } from './platform/settings.ts';
import { listSnapshots } from './platform/snapshots.ts';

/**
 * The embedded database could not be opened (PostgreSQL inside PGlite could not replay its write-ahead
 * log after an unclean stop, or the directory is damaged). The product does not start on it.
 */
export class EmbeddedDatabaseDamagedError extends Error {
  constructor(
    readonly pgdata: string,
    readonly wasUnclean: boolean,
    /** The newest automatic snapshot, if any. */
    readonly snapshot: { file: string; takenAt: Date } | null,
    readonly reason: string,
  ) {
    super(`The embedded database in ${pgdata} could not be opened: ${reason}`);
  }

  /** What an operator reads at start-up: what happened, what to do, what is kept. */
  explain(): string {
    const lines = [
      `Error: the embedded database in ${this.pgdata} could not be opened (${this.reason}).`,
      this.wasUnclean
        ? 'The last run did not shut down cleanly (killed or the machine stopped) and the database could not recover from it.'
        : 'The database directory is damaged.',
      'Kompetensnavet does not start on a damaged database.',
    ];
    if (this.snapshot)
      lines.push(
        `The newest automatic snapshot is ${this.snapshot.file}, taken ${this.snapshot.takenAt.toISOString()}.`,
        'To go back to it, run: npm run restore',
        `The damaged directory is kept beside it as ${this.pgdata}.replaced-<time> (nothing is deleted);`,
        'changes made after the snapshot are only in that directory.',
      );
    else
      lines.push(
        `There is no automatic snapshot in ${path.join(path.dirname(this.pgdata), 'snapshots')}.`,
        'Restore a backup with: npm run restore -- <file>, or move the directory away to start empty.',
      );
    return lines.join('\n');
  }
}

/** When a snapshot was taken: from its name (pgdata-2026-11-28T10-00-00-000Z.tar.gz), else the file's time. */
function snapshotTime(file: string): Date {
  const m = path.basename(file).match(/^pgdata-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/);
  return m ? new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`) : fs.statSync(file).mtime;
}

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
      db: openPostgres(env.DATABASE_URL, {
        poolSize: env.DB_POOL_SIZE,
        preparedStatements: env.DB_PREPARED_STATEMENTS === 'on',
      }),
      lock: null,
      where: `PostgreSQL ${url.host}${url.pathname}`,
    };
  }
  const dataDir = path.resolve(env.DATA_DIR);
  const lock = lockDataDir(dataDir);
  const pgdata = path.join(dataDir, 'pgdata');
  fs.mkdirSync(pgdata, { recursive: true });
  let db: Db | null = null;
  try {
    ({ db } = await openPglite({ dataDir: pgdata }));
    // A directory that opens but cannot read its own catalogue is as damaged as one that does not open.
    await db.query('SELECT count(*) FROM pg_class');
    return { db, lock, where: `PGlite ${pgdata}` };
  } catch (err) {
    await db?.close().catch(() => {});
    lock.release();
    const newest = listSnapshots(dataDir)[0];
    const e = err as { name?: string; message?: string };
    throw new EmbeddedDatabaseDamagedError(
      pgdata,
      lock.wasUnclean,
      newest ? { file: newest, takenAt: snapshotTime(newest) } : null,
      `${e.name ?? 'Error'}: ${String(e.message ?? '')
        .split('\n')[0]
        .slice(0, 200)}`,
    );
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
