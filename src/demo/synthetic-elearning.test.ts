import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../test/db.ts';
import type { Db } from '../platform/db.ts';
import { seedSynthetic } from './synthetic.ts';
import { seedSyntheticCourses } from './synthetic-courses.ts';
import { seedSyntheticElearning } from './synthetic-elearning.ts';
import { seedSyntheticMappings } from './synthetic-mappings.ts';
import { seedSyntheticParticipants } from './synthetic-participants.ts';

let db: Db;
beforeAll(async () => {
  db = await testDb();
  await seedSynthetic(db, { companies: 20, seed: 17 });
  await seedSyntheticCourses(db, { courses: 40, seed: 17 });
  await seedSyntheticMappings(db, { seed: 17 });
  await seedSyntheticParticipants(db, { seed: 17 });
}, 120_000);
afterAll(() => db.close());

const count = async (sql: string) => (await db.query<{ n: number }>(sql))[0].n;

async function digest(): Promise<string> {
  const [row] = await db.query<{ d: string }>(
    `SELECT md5(
       (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM (SELECT id, course_id, version_id, learner_id, user_id,
          source, status, last_lesson_id FROM dl_enrolments) x) ||
       (SELECT string_agg(x::text, '|' ORDER BY x.enrolment_id, x.lesson_id) FROM (SELECT enrolment_id, lesson_id
          FROM dl_lesson_progress) x)) AS d`,
  );
  return row.d;
}

describe('seedSyntheticElearning', () => {
  let first: Awaited<ReturnType<typeof seedSyntheticElearning>>;
  beforeAll(async () => {
    first = await seedSyntheticElearning(db, { seed: 5, courses: 3, batchSize: 11 });
  }, 60_000);

  it('publishes e-learning for synthetic digital courses and enrols learners with a login', async () => {
    expect(first.courses).toBe(3);
    expect(
      await count(`SELECT count(*)::int AS n FROM dl_courses d JOIN courses c ON c.id = d.training_course_id
                    AND c.format = 'digital' JOIN dl_course_versions v ON v.course_id = d.id AND v.status = 'published'`),
    ).toBe(3);
    expect(await count('SELECT count(*)::int AS n FROM dl_lessons')).toBe(36);
    expect(first.enrolments).toBeGreaterThan(10);
    expect(
      await count(`SELECT count(*)::int AS n FROM dl_enrolments t JOIN learners x ON x.id = t.learner_id
                    AND x.user_id = t.user_id AND x.company_id = t.company_id`),
    ).toBe(first.enrolments);
  });

  it('records progress: every lesson when completed, part-way when active', async () => {
    expect(
      await count(`SELECT count(*)::int AS n FROM dl_enrolments t WHERE t.status = 'completed'
                    AND (SELECT count(*) FROM dl_lesson_progress p WHERE p.enrolment_id = t.id) <> 12`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM dl_enrolments t WHERE t.status <> 'completed'
                    AND (SELECT count(*) FROM dl_lesson_progress p WHERE p.enrolment_id = t.id) >= 12`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM dl_enrolments t WHERE (t.last_lesson_id IS NULL) <>
                    NOT EXISTS (SELECT 1 FROM dl_lesson_progress p WHERE p.enrolment_id = t.id)`),
    ).toBe(0);
    expect(first.lessonsDone).toBe(await count('SELECT count(*)::int AS n FROM dl_lesson_progress'));
    expect(await count('SELECT count(*)::int AS n FROM dl_time')).toBeGreaterThan(0);
  });

  it('adds nothing on a second run and gives the same rows for the same seed', async () => {
    const before = await digest();
    const again = await seedSyntheticElearning(db, { seed: 5, courses: 3 });
    expect(again.enrolments).toBe(0);
    expect(await digest()).toBe(before);
    await db.query('DELETE FROM dl_enrolments');
    await seedSyntheticElearning(db, { seed: 5, courses: 3 });
    expect(await digest()).toBe(before);
  }, 60_000);
});
