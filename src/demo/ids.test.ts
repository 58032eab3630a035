// Every id the demo and the synthetic scale data hold is one the routes accept: zod's uuid check (RFC 9562
// version and variant digits), which a raw md5 digest cast to uuid fails — such a row answers "not found".
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { testDb } from '../../test/db.ts';
import type { Db } from '../platform/db.ts';
import { seedSynthetic } from './synthetic.ts';
import { seedSyntheticCoaching } from './synthetic-coaching.ts';
import { seedSyntheticCourses } from './synthetic-courses.ts';
import { seedSyntheticElearning } from './synthetic-elearning.ts';
import { seedSyntheticMappings } from './synthetic-mappings.ts';
import { seedSyntheticParticipants } from './synthetic-participants.ts';

let db: Db;
beforeAll(async () => {
  db = await testDb({ demo: true });
  await seedSynthetic(db, { companies: 30, seed: 3 });
  await seedSyntheticCourses(db, { courses: 20, seed: 3 });
  await seedSyntheticMappings(db, { seed: 3 });
  await seedSyntheticParticipants(db, { seed: 3, perCompany: 3 });
  await seedSyntheticCoaching(db, { seed: 3, share: 0.5 });
  await seedSyntheticElearning(db, { seed: 3, courses: 2 });
}, 180_000);
afterAll(async () => {
  await db?.close();
});

it('holds only RFC UUIDs in every uuid column', async () => {
  const columns = await db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND data_type = 'uuid' ORDER BY table_name, column_name`,
  );
  expect(columns.length).toBeGreaterThan(50);
  const rfc = z.string().uuid();
  const bad: string[] = [];
  let checked = 0;
  for (const c of columns) {
    const rows = await db.query<{ v: string }>(
      `SELECT DISTINCT "${c.column_name}"::text AS v FROM "${c.table_name}" WHERE "${c.column_name}" IS NOT NULL`,
    );
    checked += rows.length;
    const wrong = rows.filter((r) => !rfc.safeParse(r.v).success);
    if (wrong.length > 0) bad.push(`${c.table_name}.${c.column_name}: ${wrong.length} (e.g. ${wrong[0]?.v})`);
  }
  expect(checked).toBeGreaterThan(1000);
  expect(bad, bad.join('\n')).toEqual([]);
});
