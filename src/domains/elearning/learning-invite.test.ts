// Invitations and the company contact's page, and access through a catalogue enrolment (with the link from
// "Mina kurser"), through HTTP against a real database.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { ensureRegion } from '../organisations/index.ts';
import {
  type CourseFixture,
  makeCatalogueEnrolment,
  makeDigitalCourse,
  makeLearnerRow,
  makeProviderOrg,
} from './test-support-learning.ts';

let db: Db;
let app: FastifyInstance;
let regionId: string;
let providerOrg: string;
let admin: TestUser;
let contact: TestUser;
let learner: TestUser;
let company: string;
let course: CourseFixture;

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
  company = await makeCompany(db, admin, { name: 'Lärbolaget AB' });
  contact = await makeUser(db, [{ role: 'company_contact', org: `company:${company}` }]);
  learner = await makeUser(db, [{ role: 'participant', org: `company:${company}` }], { name: 'Lena Lär' });
  await makeLearnerRow(db, company, learner.id);
  course = await makeDigitalCourse(db, {
    regionId,
    providerOrgId: providerOrg,
    title: 'Säkerhet i verkstaden',
  });
  await api(learner, 'POST', `/api/v1/learning/catalogue/${course.courseId}/enrol`);
});

afterAll(async () => {
  await app.close();
  await db.close();
});

describe('invitations, the company page and catalogue access', () => {
  it('a region officer invites an employee: learner, participant role, enrolment and the mail', async () => {
    const email = `ny.anstalld.${randomUUID().slice(0, 6)}@example.test`;
    const res = await api(admin, 'POST', '/api/v1/learning/invitations', {
      courseId: course.courseId,
      companyId: company,
      firstName: 'Nina',
      lastName: 'Ny',
      email,
      gender: 'woman',
      birthYear: 1990,
    });
    expect(res.statusCode).toBe(201);
    const { enrolmentId: id } = res.json() as { enrolmentId: string };
    const [row] = await db.query<{ source: string; invited_by: string; gender: string; role: string }>(
      `SELECT e.source, e.invited_by, l.gender, m.role FROM dl_enrolments e JOIN learners l ON l.id = e.learner_id
         JOIN memberships m ON m.user_id = e.user_id AND m.company_id = e.company_id WHERE e.id = $1`,
      [id],
    );
    expect(row).toEqual({ source: 'invitation', invited_by: admin.id, gender: 'woman', role: 'participant' });
    const mails = await db.query<{ subject: string; body: string }>(
      'SELECT subject, body_text AS body FROM mail_outbox WHERE to_address = $1 ORDER BY created_at',
      [email],
    );
    expect(mails.some((m) => m.body.includes(`/learning/e/${id}`))).toBe(true);
    expect(mails.some((m) => m.body.includes('/invitation/'))).toBe(true);
  });

  it('the company contact sees the company enrolments; a learner may not invite', async () => {
    const page = await (await Client.as(app, db, contact)).get('/learning/company');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Lär, Lena');
    expect(page.body).toContain('0 av 4 lektioner klara');
    const res = await api(learner, 'POST', '/api/v1/learning/invitations', {});
    expect(res.statusCode).toBe(403);
  });

  it('the invitation form answers 422 with the input kept', async () => {
    const client = await Client.as(app, db, contact);
    const bad = await client.post('/learning/company/invite', {
      companyId: company,
      courseId: course.courseId,
      firstName: 'Kim',
      lastName: '',
      email: 'inte-en-adress',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="Kim"');
  });

  it('the company contact invites an employee from the page', async () => {
    const client = await Client.as(app, db, contact);
    const email = `kim.${randomUUID().slice(0, 6)}@example.test`;
    const res = await client.post('/learning/company/invite', {
      companyId: company,
      courseId: course.courseId,
      firstName: 'Kim',
      lastName: 'Kollega',
      email,
    });
    expect(res.statusCode).toBe(303);
    const rows = await db.query<{ source: string; invited_by: string }>(
      `SELECT e.source, e.invited_by FROM dl_enrolments e JOIN learners l ON l.id = e.learner_id WHERE l.email = $1`,
      [email],
    );
    expect(rows).toEqual([{ source: 'invitation', invited_by: contact.id }]);
  });

  it('a catalogue enrolment on the linked course gives access on first open', async () => {
    const catLearner = await makeUser(db, [{ role: 'participant', org: `company:${company}` }]);
    const learnerId = await makeLearnerRow(db, company, catLearner.id, ['Kata', 'Log']);
    const trainingCourseId = await makeCatalogueEnrolment(db, {
      regionId,
      providerOrgId: providerOrg,
      learnerId,
      companyId: company,
    });
    const linked = await makeDigitalCourse(db, {
      regionId,
      providerOrgId: providerOrg,
      title: 'Länkad kurs',
      trainingCourseId,
    });
    const client = await Client.as(app, db, catLearner);
    const my = await client.get('/my/courses');
    expect(my.body).toContain(`/learning/catalogue/${trainingCourseId}`);
    const hop = await client.get(`/learning/catalogue/${trainingCourseId}`);
    expect(hop.headers.location).toBe(`/learning/${linked.courseId}`);
    const page = await client.get(`/learning/${linked.courseId}`);
    expect(page.statusCode).toBe(200);
    const rows = await db.query<{ source: string; learner_id: string }>(
      'SELECT source, learner_id FROM dl_enrolments WHERE course_id = $1',
      [linked.courseId],
    );
    expect(rows).toEqual([{ source: 'catalogue', learner_id: learnerId }]);
  });
});
