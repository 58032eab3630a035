// The demo staff time on the demo data: employment, a few weeks of entries, two invoices, a signed month.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { seedStaffTime } from '../../demo/seed-stafftime.ts';
import type { Db } from '../../platform/db.ts';
import { staffHoursByKind } from './index.ts';

let db: Db;
beforeAll(async () => {
  db = await testDb({ demo: true });
});
afterAll(async () => {
  await db?.close();
});

describe('demo staff time', () => {
  it('seeds employed and external staff with entries, invoices and one signed month, once', async () => {
    await seedStaffTime(db);
    const perUser = await db.query<{ email: string; n: number; kind: string }>(
      `SELECT u.email, count(*)::int AS n, min(se.kind) AS kind FROM staff_time_entries e
         JOIN users u ON u.id = e.user_id
         LEFT JOIN staff_employment se ON se.user_id = e.user_id AND se.organisation_id = e.organisation_id
        GROUP BY u.email ORDER BY u.email`,
    );
    expect(perUser.map((r) => [r.email, r.kind])).toEqual([
      ['coach.alvesta@example.org', 'external'],
      ['coach@example.org', 'employed'],
      ['officer.ljungby@example.org', 'employed'],
    ]);
    expect(perUser.every((r) => r.n >= 10)).toBe(true);
    const invoices = await db.query('SELECT 1 FROM consultant_invoices');
    expect(invoices).toHaveLength(2);
    const signed = await db.query('SELECT 1 FROM staff_time_reports WHERE unlocked_at IS NULL');
    expect(signed).toHaveLength(1);
    const region = await db.query<{ id: string }>(`SELECT id FROM organisations WHERE kind = 'region'`);
    const totals = await staffHoursByKind(db, region[0]?.id as string, {
      from: '2024-01-01',
      to: '2099-12-31',
    });
    expect(totals.employed.hours).toBeGreaterThan(0);
    expect(totals.employed.costSek).toBeGreaterThan(0);
    expect(totals.external.invoicedSek).toBeGreaterThan(0);
    const before = await db.query('SELECT count(*)::int AS n FROM staff_time_entries');
    await seedStaffTime(db);
    expect(await db.query('SELECT count(*)::int AS n FROM staff_time_entries')).toEqual(before);
  });
});
