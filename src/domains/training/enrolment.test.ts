// Enrolment: learners, who pays, deadline, waitlist and move, access, mails and printed sign-in codes.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import {
  addSession,
  day,
  makeCourse,
  makeOccasion,
  makeProviderOrg,
  regionOf,
  statusCounts,
} from './enrolment-test-support.ts';

let db: Db;
let app: FastifyInstance;
let officer: TestUser;
let contactA: TestUser;
let contactB: TestUser;
let provider1: TestUser;
let provider2: TestUser;
let companyA: string;
let procuredCourse: string;
let inContract: string;
let inContract2: string;
let outOfContract: string;
let companyCourseOcc: string;
let pastDeadline: string;
let cancelledOcc: string;
let otherCourseOcc: string;

async function api(
  user: TestUser,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) {
  const token = await apiToken(db, user.id);
  return app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
}

async function learner(
  user: TestUser,
  companyId: string,
  firstName: string,
  email?: string,
): Promise<string> {
  const res = await api(user, 'POST', '/api/v1/training/learners', {
    companyId,
    firstName,
    lastName: 'Testsson',
    email: email ?? null,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function mails(to: string): Promise<{ subject: string; bodyText: string }[]> {
  return db.query(
    `SELECT subject, body_text AS "bodyText" FROM mail_outbox WHERE to_address = $1 ORDER BY created_at, id`,
    [to],
  );
}

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
  companyA = await makeCompany(db, officer, { name: 'Anna Verkstad AB' });
  const companyB = await makeCompany(db, officer, { name: 'Bertil Bygg AB' });
  contactA = await makeUser(db, [{ role: 'company_contact', org: `company:${companyA}` }], {
    email: 'hr.a@example.test',
  });
  contactB = await makeUser(db, [{ role: 'company_contact', org: `company:${companyB}` }]);
  const regionId = await regionOf(db, companyA);
  const org1 = await makeProviderOrg(db, regionId, 'Utbildare Ett AB');
  const org2 = await makeProviderOrg(db, regionId, 'Utbildare Två AB');
  provider1 = await makeUser(db, [{ role: 'provider', org: org1 }]);
  provider2 = await makeUser(db, [{ role: 'provider', org: org2 }]);
  procuredCourse = await makeCourse(db, {
    regionId,
    providerOrgId: org1,
    financing: 'procured',
    contractFrom: day(-30),
    contractTo: day(60),
    title: 'Svetsning grund',
  });
  inContract = await makeOccasion(db, procuredCourse, {
    startsOn: day(10),
    endsOn: day(12),
    seats: 2,
    deadline: day(5),
  });
  inContract2 = await makeOccasion(db, procuredCourse, {
    startsOn: day(20),
    endsOn: day(22),
    seats: 5,
    deadline: day(15),
  });
  await addSession(db, inContract2, day(20));
  outOfContract = await makeOccasion(db, procuredCourse, {
    startsOn: day(70),
    endsOn: day(72),
    seats: 5,
    deadline: day(65),
  });
  const companyCourse = await makeCourse(db, { regionId, providerOrgId: org2, financing: 'company' });
  companyCourseOcc = await makeOccasion(db, companyCourse, {
    startsOn: day(10),
    endsOn: day(11),
    seats: 5,
    deadline: day(5),
  });
  pastDeadline = await makeOccasion(db, companyCourse, {
    startsOn: day(3),
    endsOn: day(4),
    seats: 5,
    deadline: day(-1),
  });
  cancelledOcc = await makeOccasion(db, companyCourse, {
    startsOn: day(30),
    endsOn: day(31),
    seats: 5,
    deadline: day(25),
    status: 'cancelled',
  });
  otherCourseOcc = companyCourseOcc;
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('learners', () => {
  it('a company contact adds, lists and edits learners; another company gets 404', async () => {
    const id = await learner(contactA, companyA, 'Alva', 'alva@example.test');
    const list = await api(contactA, 'GET', '/api/v1/training/learners');
    expect(list.json().map((l: { id: string }) => l.id)).toContain(id);
    const patched = await api(contactA, 'PATCH', `/api/v1/training/learners/${id}`, {
      gender: 'woman',
      birthYear: 1990,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      firstName: 'Alva',
      gender: 'woman',
      birthYear: 1990,
      hasLogin: false,
    });
    expect(
      (await api(contactB, 'PATCH', `/api/v1/training/learners/${id}`, { firstName: 'X' })).statusCode,
    ).toBe(404);
    expect((await api(contactB, 'GET', `/api/v1/training/learners?companyId=${companyA}`)).statusCode).toBe(
      404,
    );
    const bad = await api(contactA, 'POST', '/api/v1/training/learners', {
      companyId: companyA,
      firstName: '',
      lastName: 'X',
    });
    expect(bad.statusCode).toBe(422);
  });

  it('the page says gender and birth year are used only in aggregate figures and keeps input on errors', async () => {
    const client = await Client.as(app, db, contactA);
    const page = await client.get('/training/people');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('används bara i sammanräknade siffror');
    expect(page.body).not.toMatch(/personnummer"/i);
    const res = await client.post('/training/people', {
      companyId: companyA,
      firstName: 'Kvar',
      lastName: '',
      birthYear: '1800',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('value="Kvar"');
    const ok = await client.post('/training/people', {
      companyId: companyA,
      firstName: 'Sixten',
      lastName: 'Sida',
    });
    expect(ok.statusCode).toBe(303);
    expect((await client.get('/training/people')).body).toContain('Sida, Sixten');
  });
});

describe('enrolling', () => {
  it('programme pays only on a procured course within its contract period', async () => {
    const l = await learner(contactA, companyA, 'Per');
    const outside = await api(contactA, 'POST', `/api/v1/training/occasions/${outOfContract}/enrolments`, {
      learnerIds: [l],
      paidBy: 'programme',
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.body).toContain('training.enrolment.error.programmeNotContracted');
    const notProcured = await api(
      contactA,
      'POST',
      `/api/v1/training/occasions/${companyCourseOcc}/enrolments`,
      {
        learnerIds: [l],
        paidBy: 'programme',
      },
    );
    expect(notProcured.statusCode).toBe(422);
    const free = await api(contactA, 'POST', `/api/v1/training/occasions/${companyCourseOcc}/enrolments`, {
      learnerIds: [l],
      paidBy: 'free',
    });
    expect(free.statusCode).toBe(422);
    const ok = await api(contactA, 'POST', `/api/v1/training/occasions/${outOfContract}/enrolments`, {
      learnerIds: [l],
      paidBy: 'company',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toEqual([expect.objectContaining({ learnerId: l, status: 'enrolled' })]);
    // The page shows the localised message at the field.
    const client = await Client.as(app, db, contactA);
    const page = await client.post(`/training/occasions/${companyCourseOcc}/enrol`, {
      learnerIds: l,
      paidBy: 'programme',
    });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('Programmet betalar bara upphandlade utbildningar');
  });

  it('refuses after the deadline, on a cancelled occasion and on an unapproved course', async () => {
    const l = await learner(contactA, companyA, 'Sen');
    const late = await api(contactA, 'POST', `/api/v1/training/occasions/${pastDeadline}/enrolments`, {
      learnerIds: [l],
      paidBy: 'company',
    });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('training.enrolment.error.deadlinePassed');
    const cancelled = await api(contactA, 'POST', `/api/v1/training/occasions/${cancelledOcc}/enrolments`, {
      learnerIds: [l],
      paidBy: 'company',
    });
    expect(cancelled.statusCode).toBe(409);
    const regionId = await regionOf(db, companyA);
    const draft = await makeCourse(db, {
      regionId,
      providerOrgId: await makeProviderOrg(db, regionId),
      financing: 'company',
      status: 'draft',
    });
    const draftOcc = await makeOccasion(db, draft, {
      startsOn: day(10),
      endsOn: day(11),
      seats: 3,
      deadline: day(5),
    });
    expect(
      (
        await api(contactA, 'POST', `/api/v1/training/occasions/${draftOcc}/enrolments`, {
          learnerIds: [l],
          paidBy: 'company',
        })
      ).statusCode,
    ).toBe(404);
    expect(await statusCounts(db, pastDeadline)).toEqual({});
  });

  it('waitlists beyond the seats; a cancellation moves the oldest waitlisted up, with mails', async () => {
    const a = await learner(contactA, companyA, 'Ett', 'ett@example.test');
    const b = await learner(contactA, companyA, 'Två');
    const c = await learner(contactA, companyA, 'Tre', 'tre@example.test');
    const d = await learner(contactA, companyA, 'Fyra');
    const res = await api(contactA, 'POST', `/api/v1/training/occasions/${inContract}/enrolments`, {
      learnerIds: [a, b, c, d],
      paidBy: 'programme',
    });
    expect(res.statusCode, res.body).toBe(201);
    const byLearner = new Map(res.json().map((r: { learnerId: string; status: string }) => [r.learnerId, r]));
    expect(res.json().map((r: { status: string }) => r.status)).toEqual([
      'enrolled',
      'enrolled',
      'waitlisted',
      'waitlisted',
    ]);
    expect(await statusCounts(db, inContract)).toEqual({ enrolled: 2, waitlisted: 2 });
    expect((await mails('tre@example.test')).map((m) => m.subject)).toEqual(['Väntelista: Svetsning grund']);
    expect((await mails('ett@example.test'))[0]?.subject).toBe('Anmälan bekräftad: Svetsning grund');
    expect((await mails('hr.a@example.test')).length).toBeGreaterThanOrEqual(4);
    // Enrolling the same learner twice is refused.
    const again = await api(contactA, 'POST', `/api/v1/training/occasions/${inContract}/enrolments`, {
      learnerIds: [a],
      paidBy: 'programme',
    });
    expect(again.statusCode).toBe(422);

    const first = byLearner.get(a) as { enrolmentId: string };
    const del = await api(contactA, 'DELETE', `/api/v1/training/enrolments/${first.enrolmentId}`);
    expect(del.statusCode).toBe(204);
    expect(await statusCounts(db, inContract)).toEqual({ enrolled: 2, waitlisted: 1, cancelled: 1 });
    const tre = (byLearner.get(c) as { enrolmentId: string }).enrolmentId;
    const [row] = await db.query<{ status: string }>('SELECT status FROM enrolments WHERE id = $1', [tre]);
    expect(row?.status).toBe('enrolled');
    expect((await mails('tre@example.test')).map((m) => m.subject)).toContain('Plats ledig: Svetsning grund');
    expect((await mails('ett@example.test')).map((m) => m.subject)).toContain('Avbokad: Svetsning grund');
    // Cancelling a waitlisted one frees no seat.
    const fourth = (byLearner.get(d) as { enrolmentId: string }).enrolmentId;
    expect((await api(contactA, 'DELETE', `/api/v1/training/enrolments/${fourth}`)).statusCode).toBe(204);
    expect(await statusCounts(db, inContract)).toEqual({ enrolled: 2, cancelled: 2 });
    expect((await api(contactA, 'DELETE', `/api/v1/training/enrolments/${fourth}`)).statusCode).toBe(409);
  });

  it('an enrolment with recorded attendance or a completion result cannot be cancelled or moved', async () => {
    const l = await learner(contactA, companyA, 'Närvarande');
    const [e] = (
      await api(contactA, 'POST', `/api/v1/training/occasions/${inContract2}/enrolments`, {
        learnerIds: [l],
        paidBy: 'company',
      })
    ).json() as { enrolmentId: string }[];
    const id = e?.enrolmentId as string;
    const [session] = await db.query<{ id: string }>(
      `INSERT INTO course_sessions (id, occasion_id, starts_at, ends_at)
       VALUES (gen_random_uuid(), $1, now() - interval '2 hours', now() - interval '1 hour') RETURNING id`,
      [inContract2],
    );
    await db.query('INSERT INTO attendance (session_id, enrolment_id, minutes) VALUES ($1, $2, 60)', [
      session?.id,
      id,
    ]);
    const cancel = await api(contactA, 'DELETE', `/api/v1/training/enrolments/${id}`);
    expect(cancel.statusCode).toBe(409);
    expect(cancel.body).toContain('training.enrolment.error.attended');
    const move = await api(contactA, 'POST', `/api/v1/training/enrolments/${id}/move`, {
      toOccasionId: inContract,
    });
    expect(move.statusCode).toBe(409);
    await db.query('DELETE FROM attendance WHERE enrolment_id = $1', [id]);
    await db.query(`UPDATE enrolments SET completion = 'not_completed' WHERE id = $1`, [id]);
    expect((await api(contactA, 'DELETE', `/api/v1/training/enrolments/${id}`)).statusCode).toBe(409);
    const [row] = await db.query<{ status: string }>('SELECT status FROM enrolments WHERE id = $1', [id]);
    expect(row?.status).toBe('enrolled');
    await db.query('DELETE FROM course_sessions WHERE id = $1', [session?.id]);
  });

  it('moves an enrolment to another occasion of the same course (linked by moved_to)', async () => {
    const l = await learner(contactA, companyA, 'Flytt', 'flytt@example.test');
    const w = await learner(contactA, companyA, 'Väntar');
    const filler = await learner(contactA, companyA, 'Fyller');
    const occ = await makeOccasion(db, procuredCourse, {
      startsOn: day(12),
      endsOn: day(13),
      seats: 2,
      deadline: day(6),
    });
    const [e] = (
      await api(contactA, 'POST', `/api/v1/training/occasions/${occ}/enrolments`, {
        learnerIds: [l, filler, w],
        paidBy: 'programme',
      })
    ).json() as { enrolmentId: string }[];
    const other = await api(contactA, 'POST', `/api/v1/training/enrolments/${e?.enrolmentId}/move`, {
      toOccasionId: otherCourseOcc,
    });
    expect(other.statusCode).toBe(422);
    // The company contact reads English: their copy comes in English.
    await db.query(`UPDATE users SET locale = 'en' WHERE id = $1`, [contactA.id]);
    const moved = await api(contactA, 'POST', `/api/v1/training/enrolments/${e?.enrolmentId}/move`, {
      toOccasionId: inContract2,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().status).toBe('enrolled');
    const [old] = await db.query<{ status: string; movedTo: string }>(
      'SELECT status, moved_to AS "movedTo" FROM enrolments WHERE id = $1',
      [e?.enrolmentId as string],
    );
    expect(old).toEqual({ status: 'cancelled', movedTo: moved.json().enrolmentId });
    expect(await statusCounts(db, occ)).toEqual({ enrolled: 2, cancelled: 1 });
    expect((await mails('flytt@example.test')).map((m) => m.subject)).toContain('Flyttad: Svetsning grund');
    expect((await mails('hr.a@example.test')).map((m) => m.subject)).toContain('Moved: Svetsning grund');
    await db.query(`UPDATE users SET locale = 'sv' WHERE id = $1`, [contactA.id]);
    // The company view lists it; another company's contact cannot move or cancel it.
    const client = await Client.as(app, db, contactA);
    const list = await client.get('/training/enrolments');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Flytt Testsson');
    const newId = moved.json().enrolmentId;
    expect((await api(contactB, 'DELETE', `/api/v1/training/enrolments/${newId}`)).statusCode).toBe(404);
    expect(
      (await api(contactB, 'POST', `/api/v1/training/enrolments/${newId}/move`, { toOccasionId: occ }))
        .statusCode,
    ).toBe(404);
  });

  it('another company cannot enrol or see the learners of a company', async () => {
    const l = await learner(contactA, companyA, 'Egen');
    const res = await api(contactB, 'POST', `/api/v1/training/occasions/${inContract2}/enrolments`, {
      learnerIds: [l],
      paidBy: 'company',
    });
    expect(res.statusCode).toBe(404);
    const client = await Client.as(app, db, contactB);
    expect((await client.get(`/training/people/${l}`)).statusCode).toBe(404);
    expect((await client.get(`/training/people?companyId=${companyA}`)).statusCode).toBe(404);
  });
});

describe('participants', () => {
  it("a provider sees only its own courses' participants", async () => {
    const own = await Client.as(app, db, provider1);
    const page = await own.get(`/training/occasions/${inContract2}/participants`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Flytt');
    const other = await Client.as(app, db, provider2);
    expect((await other.get(`/training/occasions/${inContract2}/participants`)).statusCode).toBe(404);
    expect(
      (await api(provider2, 'GET', `/api/v1/training/occasions/${inContract2}/participants`)).statusCode,
    ).toBe(404);
    expect(
      (await api(contactA, 'GET', `/api/v1/training/occasions/${inContract2}/participants`)).statusCode,
    ).toBe(404);
    const json = await api(provider1, 'GET', `/api/v1/training/occasions/${inContract2}/participants`);
    expect(json.json().length).toBeGreaterThan(0);
  });
});

describe('sign-in codes', () => {
  it('a learner without e-mail gets a printed single-use code and sees their courses', async () => {
    const l = await learner(contactA, companyA, 'Kod');
    await api(contactA, 'POST', `/api/v1/training/occasions/${inContract2}/enrolments`, {
      learnerIds: [l],
      paidBy: 'company',
    });
    const hr = await Client.as(app, db, contactA);
    expect((await hr.get(`/training/people/${l}/login-code`)).statusCode).toBe(200);
    const issued = await hr.post(`/training/people/${l}/login-code`, {});
    expect(issued.statusCode).toBe(200);
    expect(issued.headers['cache-control']).toBe('no-store');
    const printed = issued.body.match(
      /data-testid="login-code"[\s\S]*?<strong[^>]*>([A-Z0-9-]+)<\/strong>/,
    )?.[1];
    expect(printed).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
    const code = (printed as string).replace('-', '');
    const stored = await db.query<{ codeHash: string }>(
      'SELECT l.code_hash AS "codeHash" FROM login_codes l JOIN learners x ON x.user_id = l.user_id WHERE x.id = $1',
      [l],
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]?.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]?.codeHash).not.toContain(code);
    const roles = await db.query<{ role: string }>(
      'SELECT m.role FROM memberships m JOIN learners x ON x.user_id = m.user_id WHERE x.id = $1',
      [l],
    );
    expect(roles.map((r) => r.role)).toEqual(['participant']);

    const learnerClient = new Client(app);
    expect((await learnerClient.get('/login/code')).statusCode).toBe(200);
    const signIn = await learnerClient.post('/login/code', { code: printed?.toLowerCase() as string });
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe('/my/courses');
    const my = await learnerClient.get('/my/courses');
    expect(my.statusCode).toBe(200);
    expect(my.body).toContain('Svetsning grund');
    expect(my.body).toContain('Anmäld');

    // Single use.
    const again = await new Client(app).post('/login/code', { code });
    expect(again.statusCode).toBe(401);
    expect(again.body).toContain('Koden är fel, redan använd eller har gått ut.');

    // Expired codes are refused; a new code replaces an unused one.
    const second = await hr.post(`/training/people/${l}/login-code`, {});
    const code2 = second.body.match(
      /data-testid="login-code"[\s\S]*?<strong[^>]*>([A-Z0-9-]+)<\/strong>/,
    )?.[1] as string;
    await db.query(
      `UPDATE login_codes SET expires_at = now() - interval '1 minute'
        WHERE used_at IS NULL AND user_id = (SELECT user_id FROM learners WHERE id = $1)`,
      [l],
    );
    expect((await new Client(app).post('/login/code', { code: code2 })).statusCode).toBe(401);
    // The validity is 30 days.
    const third = await hr.post(`/training/people/${l}/login-code`, {});
    expect(third.statusCode).toBe(200);
    const [v] = await db.query<{ days: number }>(
      `SELECT round(extract(epoch FROM expires_at - created_at) / 86400)::int AS days FROM login_codes
        WHERE used_at IS NULL AND user_id = (SELECT user_id FROM learners WHERE id = $1)`,
      [l],
    );
    expect(v?.days).toBe(30);
    // Guessing is rate-limited per address, like the password login.
    const guesser = new Client(app);
    const csrf = await guesser.csrf();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await guesser.post('/login/code', { code: 'AAAAA-BBBBB' }, { csrf })).statusCode);
    // (this file's earlier failed codes from the same address count too)
    expect(statuses[0]).toBe(401);
    expect(statuses.filter((x) => x !== 401 && x !== 429)).toEqual([]);
    expect(statuses.at(-1)).toBe(429);
    // The API issues one too (and replaces the unused one).
    const viaApi = await api(contactA, 'POST', `/api/v1/training/learners/${l}/login-code`);
    expect(viaApi.statusCode).toBe(201);
    expect(viaApi.json().code).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
    expect((await api(contactB, 'POST', `/api/v1/training/learners/${l}/login-code`)).statusCode).toBe(404);
    // Another company's contact cannot issue a code.
    expect(
      (await (await Client.as(app, db, contactB)).post(`/training/people/${l}/login-code`, {})).statusCode,
    ).toBe(404);
  });

  it('a provider issues codes only for learners on its own courses (a code signs in as the learner)', async () => {
    const onCourse = await learner(contactA, companyA, 'Kurs');
    await api(contactA, 'POST', `/api/v1/training/occasions/${inContract2}/enrolments`, {
      learnerIds: [onCourse],
      paidBy: 'company',
    });
    const elsewhere = await learner(contactA, companyA, 'Annan');
    const codes = async () =>
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM login_codes'))[0]?.n ?? 0;
    const before = await codes();
    const other = await Client.as(app, db, provider2);
    expect((await other.get(`/training/people/${onCourse}/login-code`)).statusCode).toBe(404);
    expect((await other.post(`/training/people/${onCourse}/login-code`, {})).statusCode).toBe(404);
    expect(
      (await api(provider2, 'POST', `/api/v1/training/learners/${onCourse}/login-code`)).statusCode,
    ).toBe(404);
    expect(
      (await api(provider1, 'POST', `/api/v1/training/learners/${elsewhere}/login-code`)).statusCode,
    ).toBe(404);
    expect(await codes()).toBe(before);
    const own = await Client.as(app, db, provider1);
    expect((await own.get(`/training/people/${onCourse}/login-code`)).statusCode).toBe(200);
    expect(
      (await api(provider1, 'POST', `/api/v1/training/learners/${onCourse}/login-code`)).statusCode,
    ).toBe(201);
  });
});
