import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../test/db.ts';
import { participantHours } from '../domains/training/index.ts';
import type { Db } from '../platform/db.ts';
import { seedSynthetic } from './synthetic.ts';
import { seedSyntheticCourses } from './synthetic-courses.ts';
import { seedSyntheticMappings } from './synthetic-mappings.ts';
import { seedSyntheticParticipants } from './synthetic-participants.ts';

let db: Db;
beforeAll(async () => {
  db = await testDb();
  await seedSynthetic(db, { companies: 20, seed: 11 });
  await seedSyntheticCourses(db, { courses: 30, seed: 11 });
  await seedSyntheticMappings(db, { seed: 11 });
}, 120_000);
afterAll(() => db.close());

const count = async (sql: string) => (await db.query<{ n: number }>(sql))[0].n;

/** One digest over every generated row (dates relative to today excluded: they are the run's). */
async function participantsDigest(d: Db): Promise<string> {
  const [row] = await d.query<{ d: string }>(
    `SELECT md5(
       (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM (SELECT id, company_id, first_name, last_name, email,
          gender, birth_year, user_id FROM learners) x) ||
       (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM (SELECT id, occasion_id, learner_id, status, paid_by,
          completion FROM enrolments) x) ||
       (SELECT string_agg(x::text, '|' ORDER BY x.session_id, x.enrolment_id) FROM (SELECT session_id,
          enrolment_id, minutes FROM attendance) x) ||
       (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM (SELECT id, email, name FROM users
          WHERE email LIKE '%.example.invalid') x)) AS d`,
  );
  return row.d;
}

async function removeParticipants(): Promise<void> {
  for (const sql of [
    'DELETE FROM course_evaluations',
    'DELETE FROM attendance',
    'DELETE FROM enrolments',
    'DELETE FROM learners',
    `DELETE FROM users WHERE email LIKE '%.example.invalid'`,
  ])
    await db.query(sql);
}

describe('seedSyntheticParticipants', () => {
  let first: Awaited<ReturnType<typeof seedSyntheticParticipants>>;
  beforeAll(async () => {
    first = await seedSyntheticParticipants(db, { seed: 5, batchSize: 7 });
  }, 60_000);

  it('gives every mapped company about 10 learners, a third with a participant login', async () => {
    expect(first.companies).toBe(20);
    expect(first.learners).toBe(await count('SELECT count(*)::int AS n FROM learners'));
    expect(first.learners).toBeGreaterThan(120);
    expect(first.learners).toBeLessThan(280);
    const [per] = await db.query<{ min: number; max: number }>(
      'SELECT min(n)::int AS min, max(n)::int AS max FROM (SELECT company_id, count(*) AS n FROM learners GROUP BY 1) x',
    );
    expect(per.min).toBeGreaterThanOrEqual(1);
    expect(per.max).toBeLessThanOrEqual(19);
    expect(first.users / first.learners).toBeGreaterThan(0.2);
    expect(first.users / first.learners).toBeLessThan(0.5);
    // Every login is a participant of the learner's company, with the learner's e-mail.
    expect(
      await count(
        `SELECT count(*)::int AS n FROM learners x JOIN users u ON u.id = x.user_id AND u.email = x.email
           JOIN memberships m ON m.user_id = u.id AND m.role = 'participant' AND m.company_id = x.company_id`,
      ),
    ).toBe(first.users);
  });

  it('enrols on synthetic occasions within the seats, with attendance and completion in the past', async () => {
    expect(first.enrolments).toBeGreaterThan(first.learners);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM (SELECT o.id FROM course_occasions o JOIN enrolments t ON t.occasion_id = o.id
          AND t.status = 'enrolled' GROUP BY o.id, o.seats HAVING count(*) > o.seats) x`,
      ),
    ).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM enrolments t JOIN learners x ON x.id = t.learner_id
                    WHERE x.company_id <> t.company_id`),
    ).toBe(0);
    expect(first.attendance).toBeGreaterThan(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM attendance a JOIN course_sessions s ON s.id = a.session_id
                    WHERE s.ends_at >= now()`),
    ).toBe(0);
    const completion = await db.query<{ completion: string; past: boolean; n: number }>(
      `SELECT t.completion, o.ends_on < current_date AS past, count(*)::int AS n FROM enrolments t
         JOIN course_occasions o ON o.id = t.occasion_id WHERE t.status = 'enrolled' GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const kinds = completion.map((c) => `${c.completion}:${c.past}`);
    expect(kinds).toContain('completed:true');
    expect(kinds).toContain('pending:false');
    expect(kinds).not.toContain('completed:false');
    expect(await count('SELECT count(*)::int AS n FROM course_evaluations')).toBeGreaterThan(0);
  });

  it('is read by the attendance-hours service', async () => {
    const [{ id: regionId }] = await db.query<{ id: string }>(
      `SELECT id FROM organisations WHERE kind = 'region' AND code = '07'`,
    );
    const from = new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date().toISOString().slice(0, 10);
    const hours = await participantHours(db, regionId, { from, to });
    expect(hours.rows.length).toBeGreaterThan(0);
    expect(hours.companies.length).toBeGreaterThan(0);
  });

  it('adds nothing on a second run and gives the same rows for the same seed', async () => {
    const before = await participantsDigest(db);
    const again = await seedSyntheticParticipants(db, { seed: 5 });
    expect(again.companies).toBe(0);
    expect(await participantsDigest(db)).toBe(before);
    await removeParticipants();
    const redo = await seedSyntheticParticipants(db, { seed: 5, batchSize: 50 });
    expect(redo.learners).toBe(first.learners);
    expect(await participantsDigest(db)).toBe(before);
  }, 60_000);

  it('keeps every foreign key (written with the triggers skipped)', async () => {
    const orphans = await count(
      `SELECT (SELECT count(*) FROM learners x LEFT JOIN companies c ON c.id = x.company_id WHERE c.id IS NULL)
            + (SELECT count(*) FROM learners x LEFT JOIN users u ON u.id = x.user_id WHERE x.user_id IS NOT NULL AND u.id IS NULL)
            + (SELECT count(*) FROM enrolments t LEFT JOIN course_occasions o ON o.id = t.occasion_id WHERE o.id IS NULL)
            + (SELECT count(*) FROM enrolments t LEFT JOIN learners x ON x.id = t.learner_id WHERE x.id IS NULL)
            + (SELECT count(*) FROM attendance a LEFT JOIN course_sessions s ON s.id = a.session_id WHERE s.id IS NULL)
            + (SELECT count(*) FROM attendance a LEFT JOIN enrolments t ON t.id = a.enrolment_id WHERE t.id IS NULL)
            + (SELECT count(*) FROM memberships m LEFT JOIN users u ON u.id = m.user_id WHERE u.id IS NULL) AS n`,
    );
    expect(orphans).toBe(0);
  });
});
