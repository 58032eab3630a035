// npm run restore [-- file] [--force]
//   Embedded database (no DATABASE_URL): DATA_DIR/pgdata from a backup or snapshot tarball (default: the
//   newest automatic snapshot). The product must be stopped; the replaced directory is kept beside it.
//   PostgreSQL (DATABASE_URL): pg_restore --clean --if-exists --no-owner of a `npm run backup` file in one
//   transaction. A database that already holds tables is refused unless --force (stop the product first).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DataDirLockedError, lockDataDir, openPostgres } from '../platform/db.ts';
import { loadEnvOrExit } from '../platform/env.ts';
import { listSnapshots, pgToolArgs, restoreSnapshot } from '../platform/snapshots.ts';

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(1);
};

const env = loadEnvOrExit();
const args = process.argv.slice(2);
const force = args.includes('--force');
const named = args.find((a) => !a.startsWith('--'));

async function tableCount(url: string): Promise<number> {
  const db = openPostgres(url, 1);
  try {
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    return row?.n ?? 0;
  } finally {
    await db.close();
  }
}

if (env.DATABASE_URL) {
  if (!named) fail('Name the backup file: npm run restore -- <file> [--force]');
  const file = path.resolve(named as string);
  if (!fs.existsSync(file)) fail(`No such file: ${file}`);
  const tables = await tableCount(env.DATABASE_URL);
  if (tables > 0 && !force)
    fail(
      `The database already holds ${tables} tables. Restoring replaces them: stop the product, then run npm run restore -- ${named} --force`,
    );
  const { dbname, env: toolEnv } = pgToolArgs(env.DATABASE_URL);
  const run = spawnSync(
    'pg_restore',
    ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${dbname}`, file],
    { env: toolEnv, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (run.error)
    fail(`pg_restore could not be run (${run.error.message}). Install the PostgreSQL client tools.`);
  if (run.status !== 0) fail('pg_restore failed (see above); the database is unchanged (one transaction).');
  process.stdout.write(`Restored ${file} into PostgreSQL.\n`);
} else {
  const dataDir = path.resolve(env.DATA_DIR);
  const file = named ? path.resolve(named) : listSnapshots(dataDir)[0];
  if (!file) fail(`No snapshot in ${dataDir}/snapshots; name a backup file: npm run restore -- <file>`);
  if (!fs.existsSync(file as string)) fail(`No such file: ${file}`);
  let lock: ReturnType<typeof lockDataDir> | null = null;
  try {
    lock = lockDataDir(dataDir);
  } catch (err) {
    if (!(err instanceof DataDirLockedError)) throw err;
    fail(`${err.message} Stop the product first, then run npm run restore again.`);
  }
  try {
    const kept = await restoreSnapshot(dataDir, file as string);
    process.stdout.write(`Restored ${file}.${kept ? ` The previous data is kept in ${kept}.` : ''}\n`);
  } catch (err) {
    process.stderr.write(`The restore failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  } finally {
    lock?.release();
  }
}
