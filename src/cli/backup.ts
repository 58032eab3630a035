// npm run backup [-- file]
//   Embedded database (no DATABASE_URL): a PGlite dumpDataDir tarball of DATA_DIR/pgdata. The product must be
//   stopped (PGlite serves one process; the DATA_DIR lock says so). A running product writes automatic
//   snapshots to DATA_DIR/snapshots daily and at shutdown.
//   PostgreSQL (DATABASE_URL): pg_dump --format=custom; pg_dump (same major version as the server, or newer)
//   must be installed where this runs. The product may keep running (pg_dump reads one consistent snapshot).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DataDirLockedError, lockDataDir } from '../platform/db.ts';
import { loadEnvOrExit } from '../platform/env.ts';
import { backupEmbedded, defaultBackupFile, pgToolArgs } from '../platform/snapshots.ts';

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(1);
};

const env = loadEnvOrExit();
const arg = process.argv[2];

if (env.DATABASE_URL) {
  const file = path.resolve(arg ?? defaultBackupFile('dump'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const { dbname, env: toolEnv } = pgToolArgs(env.DATABASE_URL);
  const run = spawnSync('pg_dump', ['--format=custom', `--file=${file}.partial`, `--dbname=${dbname}`], {
    env: toolEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (run.error)
    fail(`pg_dump could not be run (${run.error.message}). Install the PostgreSQL client tools.`);
  if (run.status !== 0) {
    fs.rmSync(`${file}.partial`, { force: true });
    fail('pg_dump failed (see above); no backup was written.');
  }
  fs.renameSync(`${file}.partial`, file);
  process.stdout.write(`Backed up PostgreSQL to ${file} (${fs.statSync(file).size} bytes).\n`);
} else {
  const dataDir = path.resolve(env.DATA_DIR);
  const file = path.resolve(arg ?? defaultBackupFile('tar.gz'));
  let lock: ReturnType<typeof lockDataDir> | null = null;
  try {
    lock = lockDataDir(dataDir);
  } catch (err) {
    if (!(err instanceof DataDirLockedError)) throw err;
    fail(
      `${err.message} Stop it first (it writes a snapshot to ${path.join(dataDir, 'snapshots')} as it stops), then run npm run backup again.`,
    );
  }
  try {
    const size = await backupEmbedded(dataDir, file);
    process.stdout.write(`Backed up the embedded database to ${file} (${size} bytes).\n`);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  } finally {
    lock?.release();
  }
}
