import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { listSnapshots } from '../src/platform/snapshots.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-process-'));
const children: ChildProcess[] = [];

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      ...env,
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
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = out.match(/running at (http:\/\/\S+)/);
      if (m && out.includes('password:')) {
        clearInterval(timer);
        resolve(m[1]);
      }
    }, 100);
    exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`exited ${code}: ${err}`));
    });
  });
  ready.catch(() => {}); // awaited only by the tests that expect a start
  return { child, ready, exited, output: () => out, errors: () => err };
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('configuration', () => {
  it('a bad configuration stops with one clear line per problem and no stack trace', async () => {
    const bad = start({ PORT: 'abc', DEMO_DATA: 'maybe', DATABASE_URL: 'mysql://x' });
    const code = await bad.exited;
    expect(code).toBe(1);
    const lines = bad.errors().trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^Configuration error: (PORT|DEMO_DATA|DATABASE_URL): /);
  }, 30_000);
});

// The embedded-database journey runs in the PGlite pass; the PostgreSQL pass runs the same product
// against a fresh PostgreSQL database instead (below).
describe.runIf(!process.env.DATABASE_URL)('the product as a process (embedded database)', () => {
  it('first start seeds, a second process on the same DATA_DIR is refused, SIGTERM shuts down cleanly, a restart reuses the data', async () => {
    const first = start({});
    const url = await first.ready;
    expect(first.output()).toContain('Demo data loaded');
    expect(first.output()).toContain('region.admin@example.org');
    expect((await fetch(`${url}/livez`)).status).toBe(200);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    const second = start({});
    const code = await second.exited;
    expect(code).not.toBe(0);
    expect(second.errors()).toContain('is in use by another process');
    expect(second.errors()).not.toMatch(/\n\s+at /);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'kompetensnavet.pid'))).toBe(false);
    expect(listSnapshots(dataDir)).toHaveLength(1);

    const again = start({});
    const url2 = await again.ready;
    expect(again.output()).not.toContain('Demo data loaded');
    expect(again.output()).toContain('Demo logins');
    const login = await fetch(`${url2}/login`);
    expect(login.status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);

    const restore = spawn(process.execPath, ['--import', 'tsx', 'src/cli/restore.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir },
    });
    let said = '';
    restore.stdout.on('data', (d) => {
      said += d;
    });
    expect(await new Promise((resolve) => restore.on('exit', resolve))).toBe(0);
    expect(said).toContain('Restored');
    const restored = start({});
    await restored.ready;
    restored.child.kill('SIGTERM');
    expect(await restored.exited).toBe(0);
  }, 180_000);
});

describe.runIf(!!process.env.DATABASE_URL)('the product as a process (PostgreSQL)', () => {
  it('npm run migrate prepares an empty database; the product starts, seeds once and stops cleanly', async () => {
    const adminUrl = process.env.DATABASE_URL ?? '';
    const name = `kn_t_${process.ppid}_proc_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      const migrate = spawn(process.execPath, ['--import', 'tsx', 'src/cli/migrate.ts'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: url.toString() },
      });
      let said = '';
      migrate.stdout.on('data', (d) => {
        said += d;
      });
      expect(await new Promise((resolve) => migrate.on('exit', resolve))).toBe(0);
      expect(said).toMatch(/applied \d+ migrations/);
      const first = start({ DATABASE_URL: url.toString() });
      const base = await first.ready;
      expect(first.output()).toContain('Demo data loaded');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      const again = start({ DATABASE_URL: url.toString() });
      await again.ready;
      expect(again.output()).not.toContain('Demo data loaded');
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 180_000);
});
