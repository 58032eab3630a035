// The learner's journey against the real xAPI store and credential issuer (no stand-ins): every learning
// event is a stored statement with the enrolment as registration, and completion issues one credential.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { ensureRegion } from '../organisations/index.ts';
import {
  type CourseFixture,
  makeDigitalCourse,
  makeLearnerRow,
  makeProviderOrg,
} from './test-support-learning.ts';

let db: Db;
let app: FastifyInstance;
let learner: TestUser;
let course: CourseFixture;

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  const admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  const regionId = await ensureRegion(db, '07');
  const providerOrg = await makeProviderOrg(db, regionId, 'Riktiga Utbildare AB');
  const company = await makeCompany(db, admin, { name: 'Journey AB' });
  learner = await makeUser(db, [{ role: 'participant', org: `company:${company}` }], { name: 'Resa Ende' });
  await makeLearnerRow(db, company, learner.id);
  course = await makeDigitalCourse(db, { regionId, providerOrgId: providerOrg, title: 'Hela resan' });
});

afterAll(async () => {
  await app.close();
  await db.close();
});

describe('statements and credential of a whole course', () => {
  it('stores launched, progressed, answered, failed, passed and completed, and issues one credential', async () => {
    const client = await Client.as(app, db, learner);
    const enrol = await client.post(`/learning/${course.courseId}/enrol`, {});
    const id = String(enrol.headers.location).split('/').at(-1) ?? '';
    const base = `/learning/e/${id}`;
    const [l0, l1, l2, l3] = course.lessons;
    const [q1, q2] = course.quiz.questions;
    expect((await client.get(`${base}/lessons/${l0}`)).statusCode).toBe(200);
    expect((await client.post(`${base}/lessons/${l0}/done`, {})).statusCode).toBe(303);
    expect((await client.post(`${base}/lessons/${l1}/done`, {})).statusCode).toBe(303);
    const quiz = async (pairs: Array<[string, string]>) => {
      const body = new URLSearchParams(pairs);
      body.append('_csrf', await client.csrf());
      return app.inject({
        method: 'POST',
        url: `${base}/lessons/${l2}/quiz`,
        headers: {
          cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: body.toString(),
      });
    };
    expect(
      (
        await quiz([
          [`q_${q1?.id}`, q1?.wrong[0] ?? ''],
          [`q_${q2?.id}`, q2?.wrong[0] ?? ''],
        ])
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await quiz([
          [`q_${q1?.id}`, q1?.right[0] ?? ''],
          [`q_${q2?.id}`, q2?.wrong[0] ?? ''],
        ])
      ).statusCode,
    ).toBe(303);
    const last = await client.post(`${base}/lessons/${l3}/done`, {});
    expect(last.headers.location).toBe(`${base}/complete`);
    const verbs = await db.query<{ verb: string; n: number }>(
      `SELECT split_part(verb_id, '/', 6) AS verb, count(*)::int AS n FROM xapi_statements
        WHERE registration = $1 GROUP BY 1 ORDER BY 1`,
      [id],
    );
    expect(Object.fromEntries(verbs.map((v) => [v.verb, v.n]))).toEqual({
      answered: 4,
      completed: 1,
      failed: 1,
      launched: 1,
      passed: 1,
      progressed: 4,
    });
    const stored = await db.query<{ statement: { actor: unknown } }>(
      'SELECT statement FROM xapi_statements WHERE registration = $1',
      [id],
    );
    expect(JSON.stringify(stored)).not.toContain(learner.email);
    const creds = await db.query(
      'SELECT 1 FROM credentials WHERE source_kind = $1 AND source_id = $2 AND user_id = $3',
      ['elearning', id, learner.id],
    );
    expect(creds).toHaveLength(1);
    const page = await client.get(`${base}/complete`);
    expect(page.body).toContain('Grattis');
  });
});
