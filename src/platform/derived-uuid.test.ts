import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testDb } from '../../test/db.ts';
import type { Db } from './db.ts';
import { sqlUuidFrom } from './derived-uuid.ts';

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await db?.close();
});

describe('sqlUuidFrom', () => {
  it('derives the same RFC UUID from the same text, different ones from different texts', async () => {
    const rows = await db.query<{ k: number; a: string; b: string }>(
      `SELECT k, ${sqlUuidFrom("'seed:' || k")}::text AS a, ${sqlUuidFrom("'seed:' || k")}::text AS b
         FROM generate_series(1, 500) AS k`,
    );
    const ids = rows.map((r) => r.a);
    expect(rows.every((r) => r.a === r.b)).toBe(true);
    expect(new Set(ids).size).toBe(500);
    const rfc = z.string().uuid();
    expect(ids.filter((id) => !rfc.safeParse(id).success)).toEqual([]);
  });
});
