// Backup and restore through the real CLIs (child processes): the demo database is backed up, restored into
// a fresh data directory / database, and every table's rows compared (count and an md5 over the sorted rows).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type Db, openPglite, openPostgres } from '../src/platform/db.ts';
import { restoreSnapshot } from '../src/platform/snapshots.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function cli(name: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${name}.ts`, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    // Generous: on a loaded 2-core CI machine a child's start and a restore can take a while.
    timeout: 240_000,
  });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

/** Every table of the public schema: row count and an md5 over its rows in a fixed order. */
async function fingerprint(db: Db): Promise<Record<string, string>> {
  const tables = await db.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await db.query<{ n: number; h: string }>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${name}" t`,
    );
    out[name] = `${row?.n}:${row?.h}`;
  }
  return out;
}

describe.skipIf(!!process.env.DATABASE_URL)('embedded database (PGlite)', () => {
  it('npm run backup, then npm run restore into a fresh DATA_DIR, gives equal data', async () => {
    const source = path.join(tmp, 'source');
    const target = path.join(tmp, 'target');
    await restoreSnapshot(source, inject('pgliteDemoSnapshot'));
    const file = path.join(tmp, 'out', 'demo.tar.gz');

    // A running product holds the DATA_DIR lock: the backup says so and writes nothing.
    fs.writeFileSync(path.join(source, 'kompetensnavet.pid'), String(process.pid));
    const locked = cli('backup', [file], { DATA_DIR: source });
    expect(locked.status).toBe(1);
    expect(locked.out).toContain('in use by another process');
    expect(fs.existsSync(file)).toBe(false);
    fs.rmSync(path.join(source, 'kompetensnavet.pid'));

    const backup = cli('backup', [file], { DATA_DIR: source });
    expect(backup.out).toContain('Backed up the embedded database');
    expect(backup.status).toBe(0);
    const restore = cli('restore', [file], { DATA_DIR: target });
    expect(restore.out).toContain('Restored');
    expect(restore.status).toBe(0);

    const a = await openPglite({ dataDir: path.join(source, 'pgdata') });
    const b = await openPglite({ dataDir: path.join(target, 'pgdata') });
    try {
      const [before, after] = [await fingerprint(a.db), await fingerprint(b.db)];
      expect(Object.keys(before).length).toBeGreaterThan(50);
      expect(Number(before.companies?.split(':')[0])).toBeGreaterThan(0);
      expect(after).toEqual(before);
    } finally {
      await a.db.close();
      await b.db.close();
    }
  }, 600_000);

  it('a restore of a file that is not a backup keeps the current data', async () => {
    const dir = path.join(tmp, 'bad');
    await restoreSnapshot(dir, inject('pgliteDemoSnapshot'));
    const junk = path.join(tmp, 'junk.tar.gz');
    fs.writeFileSync(junk, 'not a tarball');
    const res = cli('restore', [junk], { DATA_DIR: dir });
    expect(res.status).toBe(1);
    expect(res.out).toContain('The restore failed');
    const { db } = await openPglite({ dataDir: path.join(dir, 'pgdata') });
    try {
      const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM companies');
      expect(row?.n).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  }, 180_000);
});

describe.skipIf(!process.env.DATABASE_URL)('PostgreSQL', () => {
  const url = process.env.DATABASE_URL ?? '';
  const stamp = `${process.pid}_${Date.now()}`;
  const names = { source: `kn_t_bk_src_${stamp}`, target: `kn_t_bk_dst_${stamp}` };
  const urlOf = (name: string) => {
    const u = new URL(url);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const admin = new pg.Client({ connectionString: url });

  afterAll(async () => {
    for (const name of Object.values(names))
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('npm run backup (pg_dump), then npm run restore (pg_restore) into an empty database, gives equal data', async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${names.source} TEMPLATE ${inject('pgDemoTemplate')}`);
    await admin.query(`CREATE DATABASE ${names.target}`);
    const file = path.join(tmp, 'demo.dump');

    const backup = cli('backup', [file], { DATABASE_URL: urlOf(names.source) });
    expect(backup.out).toContain('Backed up PostgreSQL');
    expect(backup.status).toBe(0);
    const restore = cli('restore', [file], { DATABASE_URL: urlOf(names.target) });
    expect(restore.out).toContain('Restored');
    expect(restore.status).toBe(0);

    const a = openPostgres(urlOf(names.source), 1);
    const b = openPostgres(urlOf(names.target), 1);
    try {
      const [before, after] = [await fingerprint(a), await fingerprint(b)];
      expect(Object.keys(before).length).toBeGreaterThan(50);
      expect(Number(before.companies?.split(':')[0])).toBeGreaterThan(0);
      expect(after).toEqual(before);

      // A database that holds tables is not overwritten without --force.
      await b.query(`DELETE FROM mail_outbox`);
      const refused = cli('restore', [file], { DATABASE_URL: urlOf(names.target) });
      expect(refused.status).toBe(1);
      expect(refused.out).toContain('--force');
      const forced = cli('restore', [file, '--force'], { DATABASE_URL: urlOf(names.target) });
      expect(forced.status).toBe(0);
      expect(await fingerprint(b)).toEqual(before);
    } finally {
      await a.close();
      await b.close();
    }
  }, 600_000);
});
