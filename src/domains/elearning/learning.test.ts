// The learner side of digital courses through HTTP against a real database: self-enrolment, the player and
// resume, progress, quizzes (pass, fail, retry, 422), completion with its statements and credential, the
// rating, version binding, time on task, access and the API twins.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { ensureRegion } from '../organisations/index.ts';
import {
  type CourseFixture,
  makeDigitalCourse,
  makeLearnerRow,
  makeProviderOrg,
  publishNewVersion,
} from './test-support-learning.ts';

let db: Db;
let app: FastifyInstance;
let regionId: string;
let providerOrg: string;
let admin: TestUser;
let provider: TestUser;
let learner: TestUser;
let other: TestUser;
let company: string;
let course: CourseFixture & { keys: string[] };
let enrolmentId: string;

interface Stored {
  verb: { id: string };
  actor: { account?: unknown };
  result?: { extensions?: unknown; response?: string; success?: boolean; score?: unknown };
  context?: { registration?: string };
}
const verbOf = (s: Stored) => s.verb.id.split('/').at(-1);
/** The statements the product stored in its own LRS, oldest first. */
const statementsNow = async () =>
  (await db.query<{ statement: Stored }>('SELECT statement FROM xapi_statements ORDER BY seq')).map(
    (r) => r.statement,
  );
/** The credentials issued, as stored. */
const credentialsNow = () =>
  db.query<{
    organisation_id: string;
    user_id: string;
    source_kind: string;
    source_id: string;
    achievement_key: string;
    name: string;
  }>('SELECT organisation_id, user_id, source_kind, source_id, achievement_key, name FROM credentials');

async function postMany(client: Client, url: string, pairs: Array<[string, string]>) {
  const body = new URLSearchParams(pairs);
  body.append('_csrf', await client.csrf());
  return app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: body.toString(),
  });
}

async function api(user: TestUser, method: 'GET' | 'POST', url: string, payload?: object) {
  const token = await apiToken(db, user.id);
  return app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
}

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  regionId = await ensureRegion(db, '07');
  providerOrg = await makeProviderOrg(db, regionId, 'Digitala Utbildare AB');
  provider = await makeUser(db, [{ role: 'provider', org: providerOrg }]);
  company = await makeCompany(db, admin, { name: 'Lärbolaget AB' });
  learner = await makeUser(db, [{ role: 'participant', org: `company:${company}` }], { name: 'Lena Lär' });
  other = await makeUser(db, [{ role: 'participant', org: `company:${company}` }], { name: 'Otto Annan' });
  await makeLearnerRow(db, company, learner.id);
  course = await makeDigitalCourse(db, {
    regionId,
    providerOrgId: providerOrg,
    title: 'Säkerhet i verkstaden',
  });
});

afterAll(async () => {
  await app.close();
  await db.close();
});

describe('enrolling and the player', () => {
  it('lists the course and enrols the learner on the published version', async () => {
    const client = await Client.as(app, db, learner);
    const list = await client.get('/learning');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Säkerhet i verkstaden');
    const res = await client.post(`/learning/${course.courseId}/enrol`, {});
    expect(res.statusCode).toBe(303);
    enrolmentId = String(res.headers.location).split('/').at(-1) ?? '';
    const [row] = await db.query<{ source: string; version_id: string; status: string }>(
      'SELECT source, version_id, status FROM dl_enrolments WHERE id = $1',
      [enrolmentId],
    );
    expect(row).toEqual({ source: 'self', version_id: course.versionId, status: 'active' });
    // Enrolling again gives the same enrolment.
    const again = await client.post(`/learning/${course.courseId}/enrol`, {});
    expect(again.headers.location).toBe(`/learning/e/${enrolmentId}`);
  });

  it('starts at the first lesson, states launched once, and resumes where the learner left off', async () => {
    const client = await Client.as(app, db, learner);
    const overview = await client.get(`/learning/e/${enrolmentId}`);
    expect(overview.body).toContain('0 av 4 lektioner klara');
    expect(overview.body).toContain(`/learning/e/${enrolmentId}/lessons/${course.lessons[0]}`);
    const lesson = await client.get(`/learning/e/${enrolmentId}/lessons/${course.lessons[0]}`);
    expect(lesson.statusCode).toBe(200);
    expect(lesson.body).toContain('<strong>detta</strong>');
    const done = await client.post(`/learning/e/${enrolmentId}/lessons/${course.lessons[0]}/done`, {});
    expect(done.headers.location).toBe(`/learning/e/${enrolmentId}/lessons/${course.lessons[1]}`);
    await client.get(`/learning/e/${enrolmentId}/lessons/${course.lessons[1]}`);
    // Leave and come back later: the resume link points at the lesson being read.
    const back = await (await Client.as(app, db, learner)).get(`/learning/e/${enrolmentId}`);
    expect(back.body).toContain('1 av 4 lektioner klara');
    const resume = back.body.match(/href="([^"]+)"[^>]*data-testid="resume"/)?.[1];
    expect(resume).toBe(`/learning/e/${enrolmentId}/lessons/${course.lessons[1]}`);
    expect((await statementsNow()).filter((s) => verbOf(s) === 'launched')).toHaveLength(1);
    const progressed = (await statementsNow()).find((s) => verbOf(s) === 'progressed');
    expect(progressed?.result?.extensions).toEqual({
      'https://w3id.org/xapi/cmi5/result/extensions/progress': 25,
    });
    expect(progressed?.context?.registration).toBe(enrolmentId);
    expect(progressed?.actor.account).toEqual({ homePage: 'http://localhost:3000', name: learner.id });
  });

  it('asks consent before an external player and then allows only its origin in frame-src', async () => {
    const client = await Client.as(app, db, learner);
    const url = `/learning/e/${enrolmentId}/lessons/${course.lessons[1]}`;
    const before = await client.get(url);
    expect(before.body).not.toContain('<iframe');
    expect(String(before.headers['content-security-policy'])).not.toContain('video.example.com');
    const link =
      before.body.match(/href="([^"]+)"[^>]*data-testid="consent-link"/)?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect(link).toContain('/consent?sig=');
    // A forged link records nothing.
    expect((await client.get(link.replace(/sig=[^&]+/, 'sig=x'))).statusCode).toBe(404);
    const consent = await client.get(link);
    expect(consent.statusCode).toBe(303);
    const after = await client.get(url);
    expect(after.body).toContain('<iframe');
    expect(String(after.headers['content-security-policy'])).toContain('frame-src https://video.example.com');
    const elsewhere = await client.get(`/learning/e/${enrolmentId}`);
    expect(String(elsewhere.headers['content-security-policy'])).not.toContain('video.example.com');
  });

  it('counts time between requests in minutes on the Stockholm day', async () => {
    await db.query(
      `UPDATE dl_enrolments SET last_active_at = now() - interval '7 minutes 20 seconds' WHERE id = $1`,
      [enrolmentId],
    );
    const before = await db.query<{ n: number }>(
      'SELECT COALESCE(sum(minutes), 0)::int AS n FROM dl_time WHERE enrolment_id = $1',
      [enrolmentId],
    );
    const client = await Client.as(app, db, learner);
    await client.get(`/learning/e/${enrolmentId}/lessons/${course.lessons[1]}`);
    const after = await db.query<{ n: number }>(
      'SELECT COALESCE(sum(minutes), 0)::int AS n FROM dl_time WHERE enrolment_id = $1',
      [enrolmentId],
    );
    expect((after[0]?.n ?? 0) - (before[0]?.n ?? 0)).toBe(7);
    // A long absence counts as at most the lesson's estimate (10 minutes).
    await db.query(`UPDATE dl_enrolments SET last_active_at = now() - interval '3 hours' WHERE id = $1`, [
      enrolmentId,
    ]);
    const hb = await client.post(`/learning/e/${enrolmentId}/heartbeat`, {});
    expect(hb.statusCode).toBe(204);
    const last = await db.query<{ n: number }>(
      'SELECT COALESCE(sum(minutes), 0)::int AS n FROM dl_time WHERE enrolment_id = $1',
      [enrolmentId],
    );
    expect((last[0]?.n ?? 0) - (after[0]?.n ?? 0)).toBe(10);
  });
});

describe('quizzes and completion', () => {
  const quizUrl = () => `/learning/e/${enrolmentId}/lessons/${course.quiz.lessonId}/quiz`;
  const q = () => course.quiz.questions;

  it('answers 422 with the answers kept when a question is unanswered', async () => {
    const client = await Client.as(app, db, learner);
    const res = await postMany(client, quizUrl(), [[`q_${q()[0]?.id}`, q()[0]?.right[0] ?? '']]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('ds-error-summary');
    expect(res.body).toContain(`href="#f-q_${q()[1]?.id}"`);
    expect(res.body).toMatch(new RegExp(`value="${q()[0]?.right[0]}"\\s+checked`));
    const attempts = await db.query('SELECT 1 FROM dl_quiz_attempts WHERE enrolment_id = $1', [enrolmentId]);
    expect(attempts).toHaveLength(0);
  });

  it('fails below the pass mark, shows feedback, and passes on retry', async () => {
    const client = await Client.as(app, db, learner);
    // Both wrong: 0 of 2 < 50 %.
    const fail = await postMany(client, quizUrl(), [
      [`q_${q()[0]?.id}`, q()[0]?.wrong[0] ?? ''],
      [`q_${q()[1]?.id}`, q()[1]?.right[0] ?? ''],
    ]);
    expect(fail.statusCode).toBe(303);
    const result = await client.get(String(fail.headers.location));
    expect(result.body).toContain('Inte godkänt');
    expect(result.body).toContain('0 av 2 rätt');
    expect(result.body).toContain('Stämmer inte.');
    expect(result.body).toContain('Försök igen');
    expect((await statementsNow()).filter((s) => verbOf(s) === 'failed')).toHaveLength(1);
    const answered = (await statementsNow()).filter((s) => verbOf(s) === 'answered');
    expect(answered).toHaveLength(2);
    expect(answered[0]?.result).toEqual({ response: '2', success: false });
    // Retry: single right, multiple with exactly the right set.
    const pass = await postMany(client, quizUrl(), [
      [`q_${q()[0]?.id}`, q()[0]?.right[0] ?? ''],
      [`q_${q()[1]?.id}`, q()[1]?.right[0] ?? ''],
      [`q_${q()[1]?.id}`, q()[1]?.right[1] ?? ''],
    ]);
    const passed = await client.get(String(pass.headers.location));
    expect(passed.body).toContain('Godkänt!');
    const outcome = (await statementsNow()).filter((s) => verbOf(s) === 'passed').at(-1);
    expect(outcome?.result?.score).toEqual({ scaled: 1, raw: 2, min: 0, max: 2 });
    const rows = await db.query<{ passed: boolean }>(
      'SELECT passed FROM dl_quiz_attempts WHERE enrolment_id = $1 ORDER BY created_at',
      [enrolmentId],
    );
    expect(rows.map((r) => r.passed)).toEqual([false, true]);
    const done = await db.query(
      'SELECT 1 FROM dl_lesson_progress WHERE enrolment_id = $1 AND lesson_id = $2',
      [enrolmentId, course.quiz.lessonId],
    );
    expect(done).toHaveLength(1);
  });

  it('completes after the last lesson: status, one credential, the completed statement, the rating', async () => {
    const client = await Client.as(app, db, learner);
    await client.post(`/learning/e/${enrolmentId}/lessons/${course.lessons[1]}/done`, {});
    const last = await client.post(`/learning/e/${enrolmentId}/lessons/${course.lessons[3]}/done`, {});
    expect(last.headers.location).toBe(`/learning/e/${enrolmentId}/complete`);
    const [row] = await db.query<{ status: string; completed: boolean }>(
      'SELECT status, completed_at IS NOT NULL AS completed FROM dl_enrolments WHERE id = $1',
      [enrolmentId],
    );
    expect(row).toEqual({ status: 'completed', completed: true });
    expect(await credentialsNow()).toEqual([
      {
        organisation_id: providerOrg,
        user_id: learner.id,
        source_kind: 'elearning',
        source_id: enrolmentId,
        achievement_key: `elearning:${course.courseId}`,
        name: 'Säkerhet i verkstaden',
      },
    ]);
    expect((await statementsNow()).filter((s) => verbOf(s) === 'completed')).toHaveLength(1);
    // Marking again neither completes twice nor issues a second credential.
    await client.post(`/learning/e/${enrolmentId}/lessons/${course.lessons[3]}/done`, {});
    expect(await credentialsNow()).toHaveLength(1);
    const page = await client.get(`/learning/e/${enrolmentId}/complete`);
    expect(page.body).toContain('/my/credentials');
    const bad = await client.post(`/learning/e/${enrolmentId}/rating`, { usefulness: '9', comment: 'Bra' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Bra</textarea>');
    const ok = await client.post(`/learning/e/${enrolmentId}/rating`, {
      usefulness: '4',
      recommend: '5',
      comment: '',
    });
    expect(ok.statusCode).toBe(303);
    const [rating] = await db.query('SELECT usefulness, recommend FROM dl_ratings WHERE enrolment_id = $1', [
      enrolmentId,
    ]);
    expect(rating).toEqual({ usefulness: 4, recommend: 5 });
    const my = await client.get('/my/learning');
    expect(my.body).toContain('4 av 4 lektioner klara');
    // No statement carries an e-mail address.
    expect(JSON.stringify(await statementsNow())).not.toContain('@');
  });
});

describe('versions, access and the API', () => {
  it('keeps an enrolment on its version when a new one is published; new enrolments get the new one', async () => {
    const v2 = await publishNewVersion(db, course, 'Säkerhet i verkstaden 2.0');
    const oldOverview = await (await Client.as(app, db, learner)).get(`/learning/e/${enrolmentId}`);
    expect(oldOverview.body).toContain('Säkerhet i verkstaden</h1>');
    const res = await api(other, 'POST', `/api/v1/learning/catalogue/${course.courseId}/enrol`);
    expect(res.statusCode).toBe(201);
    const body = res.json() as { id: string; version: number; resumeLessonId: string };
    expect(body.version).toBe(2);
    expect(body.resumeLessonId).toBe(v2.lessons[0]);
  });

  it("answers 404 for another learner's enrolment and 403 for a provider", async () => {
    const stranger = await Client.as(app, db, other);
    expect((await stranger.get(`/learning/e/${enrolmentId}`)).statusCode).toBe(404);
    expect((await stranger.get(`/learning/e/${enrolmentId}/lessons/${course.lessons[0]}`)).statusCode).toBe(
      404,
    );
    expect((await api(other, 'GET', `/api/v1/learning/enrolments/${enrolmentId}`)).statusCode).toBe(404);
    const prov = await Client.as(app, db, provider);
    expect((await prov.get(`/learning/e/${enrolmentId}/lessons/${course.lessons[0]}`)).statusCode).toBe(403);
  });

  it('API twins: my enrolments, 422 on an unanswered quiz, lesson done', async () => {
    const mine = await api(learner, 'GET', '/api/v1/learning/enrolments');
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toEqual([
      expect.objectContaining({ id: enrolmentId, status: 'completed', percent: 100 }),
    ]);
    const [e] = (await api(other, 'GET', '/api/v1/learning/enrolments')).json() as Array<{ id: string }>;
    const over = (await api(other, 'GET', `/api/v1/learning/enrolments/${e?.id}`)).json() as {
      modules: Array<{ lessons: Array<{ id: string; kind: string }> }>;
    };
    const lessons = over.modules.flatMap((m) => m.lessons);
    const quiz = lessons.find((l) => l.kind === 'quiz');
    const q422 = await api(other, 'POST', `/api/v1/learning/enrolments/${e?.id}/lessons/${quiz?.id}/quiz`, {
      answers: {},
    });
    expect(q422.statusCode).toBe(422);
    const done = await api(
      other,
      'POST',
      `/api/v1/learning/enrolments/${e?.id}/lessons/${lessons[0]?.id}/done`,
    );
    expect(done.json()).toMatchObject({ completed: false, percent: 25, nextLessonId: lessons[1]?.id });
  });
});
