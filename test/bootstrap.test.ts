import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieSecret } from '../src/bootstrap.ts';
import type { Db } from '../src/platform/db.ts';
import { parseEnv } from '../src/platform/env.ts';
import { testDb } from './db.ts';

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await db.close();
});

function env(vars: Record<string, string> = {}) {
  const parsed = parseEnv(vars);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.env;
}

describe('cookie-signing secret', () => {
  it('is generated once and shared by every process on the same database', async () => {
    const first = await cookieSecret(db, env());
    const second = await cookieSecret(db, env());
    expect(first).toHaveLength(43);
    expect(second).toBe(first);
  });
  it('comes from SESSION_SECRET when set', async () => {
    const secret = 'a-configured-secret-of-at-least-32-chars';
    expect(await cookieSecret(db, env({ SESSION_SECRET: secret }))).toBe(secret);
  });
});

describe('prepared database', () => {
  it('has version 1 of the common mapping method, published', async () => {
    const rows = await db.query<{ version: number; status: string }>(
      `SELECT version, status FROM mapping_instruments WHERE region_id IS NULL ORDER BY version`,
    );
    expect(rows).toEqual([{ version: 1, status: 'published' }]);
  });
});
