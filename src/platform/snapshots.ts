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
 * pgdata.replaced-<time>, so a restore loses nothing. The caller holds the DATA_DIR lock.
 */
export async function restoreSnapshot(dataDir: string, file: string): Promise<string> {
  const pgdata = path.join(dataDir, 'pgdata');
  let kept = '';
  if (fs.existsSync(pgdata)) {
    kept = `${pgdata}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(pgdata, kept);
  }
  fs.mkdirSync(pgdata, { recursive: true });
  const { db } = await openPglite({ dataDir: pgdata, loadDataDir: new Blob([fs.readFileSync(file)]) });
  await db.query('SELECT 1');
  await db.close();
  return kept;
}
