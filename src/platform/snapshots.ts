import fs from 'node:fs';
import path from 'node:path';
import { openPglite } from './db.ts';

const KEEP = 5;

export const snapshotDir = (dataDir: string): string => path.join(dataDir, 'snapshots');

/** Write a snapshot tarball into DATA_DIR/snapshots, keeping the newest five. Returns its path. */
export function writeSnapshot(dataDir: string, bytes: Uint8Array, now = new Date()): string {
  const dir = snapshotDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `pgdata-${now.toISOString().replace(/[:.]/g, '-')}.tar.gz`);
  fs.writeFileSync(`${file}.partial`, bytes);
  fs.renameSync(`${file}.partial`, file);
  for (const old of listSnapshots(dataDir).slice(KEEP)) fs.rmSync(old, { force: true });
  return file;
}

/** Snapshots, newest first. */
export function listSnapshots(dataDir: string): string[] {
  const dir = snapshotDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^pgdata-.*\.tar\.gz$/.test(f))
    .sort()
    .reverse()
    .map((f) => path.join(dir, f));
}

/**
 * Replace DATA_DIR/pgdata with a snapshot. The current directory is kept beside it as
 * pgdata.replaced-<time>, so a restore loses nothing (and put back if the file cannot be loaded). The caller
 * holds the DATA_DIR lock.
 */
export async function restoreSnapshot(dataDir: string, file: string): Promise<string> {
  const pgdata = path.join(dataDir, 'pgdata');
  let kept = '';
  if (fs.existsSync(pgdata)) {
    kept = `${pgdata}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(pgdata, kept);
  }
  fs.mkdirSync(pgdata, { recursive: true });
  try {
    const { db } = await openPglite({ dataDir: pgdata, loadDataDir: new Blob([fs.readFileSync(file)]) });
    await db.query('SELECT 1');
    await db.close();
  } catch (err) {
    // Not a usable tarball: put the previous directory back.
    fs.rmSync(pgdata, { recursive: true, force: true });
    if (kept) fs.renameSync(kept, pgdata);
    throw err;
  }
  return kept;
}

/** A backup of the embedded database in DATA_DIR/pgdata, written to `file`. The caller holds the DATA_DIR lock. */
export async function backupEmbedded(dataDir: string, file: string): Promise<number> {
  const pgdata = path.join(dataDir, 'pgdata');
  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION')))
    throw new Error(`There is no embedded database in ${pgdata}.`);
  const { db } = await openPglite({ dataDir: pgdata });
  try {
    const bytes = await db.snapshot?.();
    if (!bytes) throw new Error('The embedded database cannot be dumped.');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(`${file}.partial`, bytes);
    fs.renameSync(`${file}.partial`, file);
    return bytes.length;
  } finally {
    await db.close();
  }
}

/**
 * The environment for pg_dump/pg_restore from a DATABASE_URL: the password goes in PGPASSWORD so it is not
 * on the command line (visible to every user in the process list); the URL without it in `dbname`.
 */
export function pgToolArgs(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  url.password = '';
  return { dbname: url.toString(), env };
}

/** A default backup file name: ./backups/kompetensnavet-<time>.<ext>. */
export function defaultBackupFile(ext: 'dump' | 'tar.gz', now = new Date()): string {
  return path.resolve('backups', `kompetensnavet-${now.toISOString().replace(/[:.]/g, '-')}.${ext}`);
}
