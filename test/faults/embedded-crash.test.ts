// The embedded database (PGlite) after SIGKILL: the product runs as a real process on a DATA_DIR, takes
// concurrent writes over HTTP and is killed; every write it acknowledged is there after the restart. A
// damaged directory is refused at start-up with a clear message and `npm run restore` brings back the
// newest snapshot.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPglite } from '../../src/platform/db.ts';
import { listSnapshots } from '../../src/platform/snapshots.ts';
import { apiToken, makeUser } from '../app.ts';
import { companyData } from '../factories.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-faults-'));
  dirs.push(dir);
  return dir;
}

function run(script: string, dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATA_DIR: dataDir,
      PORT: '0',
      DEMO_DATA: 'off',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => out, err: () => err };
}

function startProduct(dataDir: string) {
  const p = run('src/main.ts', dataDir);
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = p.out().match(/running at (http:\/\/\S+)/);
      if (m) {
        clearInterval(timer);
        resolve(m[1]);
      }
    }, 50);
    p.exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`exited ${code}: ${p.err()}`));
    });
  });
  ready.catch(() => {});
  return { ...p, ready };
}

// Runs in the PGlite pass only: with DATABASE_URL the product would not use the embedded database.
describe.skipIf(!!process.env.DATABASE_URL)('the embedded database after SIGKILL', () => {
  const dataDir = tempDir();
  let token = '';

  beforeAll(async () => {
    // A migrated DATA_DIR with one region admin and an API token (as an operator would have). Unpacked
    // from the run's migrated snapshot with tar: migrating, or loading through PGlite, takes far longer.
    const pgdata = path.join(dataDir, 'pgdata');
    fs.mkdirSync(pgdata);
    execFileSync('tar', ['-xf', inject('pgliteSnapshot'), '-C', pgdata], { stdio: 'ignore' });
    const { db } = await openPglite({ dataDir: pgdata });
    const admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
    token = await apiToken(db, admin.id);
    await db.close();
  }, 120_000);

  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  const headers = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const create = (base: string) =>
    fetch(`${base}/api/v1/companies`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify(companyData()),
    }).then(async (res) =>
      res.status === 201 ? ((await res.json()) as { id: string; name: string }) : null,
    );

  /** Every acknowledged company is there, with the name it was created with. */
  const expectPresent = async (base: string, acknowledged: Map<string, string>) => {
    for (const [id, name] of acknowledged) {
      const res = await fetch(`${base}/api/v1/companies/${id}`, { headers: headers() });
      expect(res.status, id).toBe(200);
      expect(((await res.json()) as { name: string }).name).toBe(name);
    }
  };
  const acknowledged = new Map<string, string>();

  it('every acknowledged write survives SIGKILL under concurrent writes, round after round', async () => {
    for (let round = 0; round < 2; round++) {
      const product = startProduct(dataDir);
      const base = await product.ready;
      // After a kill: everything the killed run acknowledged.
      await expectPresent(base, acknowledged);
      // Eight at once, all answered; then eight more, and the kill lands while they are in flight.
      const answered = await Promise.all(Array.from({ length: 8 }, () => create(base)));
      expect(answered.every((a) => a !== null)).toBe(true);
      for (const a of answered) if (a) acknowledged.set(a.id, a.name);
      const inFlight = Array.from({ length: 8 }, () => create(base).catch(() => null));
      await new Promise((r) => setTimeout(r, 30));
      product.child.kill('SIGKILL');
      await product.exited;
      for (const a of await Promise.all(inFlight)) if (a) acknowledged.set(a.id, a.name);
      expect(fs.existsSync(path.join(dataDir, 'kompetensnavet.pid'))).toBe(true);
    }
    const product = startProduct(dataDir);
    const base = await product.ready;
    await expectPresent(base, acknowledged);
    expect(acknowledged.size).toBeGreaterThanOrEqual(16);
    // A clean stop writes the automatic snapshot the next test restores.
    product.child.kill('SIGTERM');
    expect(await product.exited).toBe(0);
    expect(listSnapshots(dataDir).length).toBe(1);
  }, 240_000);

  it('a damaged directory is refused with what happened and what to do; npm run restore brings the snapshot back', async () => {
    const copy = tempDir();
    fs.cpSync(dataDir, copy, { recursive: true });
    const [snapshot] = listSnapshots(copy);
    expect(snapshot).toBeDefined();
    // A pid file of a process that is gone (the crash) and an unreadable control file.
    fs.writeFileSync(path.join(copy, 'kompetensnavet.pid'), '999999');
    fs.writeFileSync(path.join(copy, 'pgdata', 'global', 'pg_control'), Buffer.alloc(8192, 0x13));

    const refused = startProduct(copy);
    expect(await refused.exited).toBe(1);
    const said = refused.err();
    expect(said).toContain('could not be opened');
    expect(said).toContain('did not shut down cleanly');
    expect(said).toContain(path.basename(snapshot as string));
    expect(said).toMatch(/taken \d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(said).toContain('npm run restore');
    expect(said).not.toMatch(/\n\s+at /);
    expect(refused.out()).not.toContain('running at');
    // The damaged directory is left as it was, and the lock is not left behind.
    expect(fs.readFileSync(path.join(copy, 'pgdata', 'global', 'pg_control'))[0]).toBe(0x13);
    expect(fs.existsSync(path.join(copy, 'kompetensnavet.pid'))).toBe(false);

    const restore = run('src/cli/restore.ts', copy);
    expect(await restore.exited).toBe(0);
    expect(restore.out()).toContain(`Restored ${snapshot}`);
    expect(fs.readdirSync(copy).some((f) => f.startsWith('pgdata.replaced-'))).toBe(true);
    const product = startProduct(copy);
    const base = await product.ready;
    await expectPresent(base, acknowledged);
    product.child.kill('SIGTERM');
    expect(await product.exited).toBe(0);
  }, 180_000);
});
