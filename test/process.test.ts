import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-process-'));
const children: ChildProcess[] = [];

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', ...env },
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

describe('the product as a process (embedded database)', () => {
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

    const again = start({});
    const url2 = await again.ready;
    expect(again.output()).not.toContain('Demo data loaded');
    expect(again.output()).toContain('Demo logins');
    const login = await fetch(`${url2}/login`);
    expect(login.status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 120_000);

  it('a bad configuration stops with one clear line per problem and no stack trace', async () => {
    const bad = start({ PORT: 'abc', DEMO_DATA: 'maybe', DATABASE_URL: 'mysql://x' });
    const code = await bad.exited;
    expect(code).toBe(1);
    const lines = bad.errors().trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^Configuration error: (PORT|DEMO_DATA|DATABASE_URL): /);
  }, 30_000);
});
