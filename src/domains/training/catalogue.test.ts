// The training catalogue through HTTP and its services: validation (a procured course needs its contract),
// provider isolation, the approval flow with audit, the public search (stems, typos, filters, drafts never
// public), occasions and sessions, and the iCalendar feed parsed with ical.js.
import type { FastifyInstance } from 'fastify';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, apiToken, Client, failure, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { seedTrainingCatalogue } from '../../demo/seed-training-catalogue.ts';
import type { Actor } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { createProvider, ensureRegion } from '../organisations/index.ts';
import { searchCompetences } from '../reference/index.ts';
import * as courses from './service/catalogue-courses.ts';
import * as catalogue from './service/catalogue-exports.ts';
import * as occasions from './service/catalogue-occasions.ts';
import type { CourseInput } from './service/catalogue-schema.ts';

let db: Db;
let app: FastifyInstance;
let providerA: string;
let providerB: string;
let userA: TestUser;
let userB: TestUser;
let admin: TestUser;
let actorA: Actor;
let actorAdmin: Actor;
let welding: string[];
let forklift: string[];
let weldingCourse: string;
let truckCourse: string;
let draftCourse: string;
let weldingOccasion: string;

const day = (offset: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

function input(over: Partial<CourseInput> = {}): CourseInput {
  return {
    providerOrgId: null,
    title: 'Kurs',
    description: '',
    competences: [],
    sunFieldCode: null,
    sunLevelCode: null,
    targetGroup: '',
    format: 'classroom',
    hours: 24,
    language: 'sv',
    municipalityCode: '0780',
    address: null,
    priceSek: 0,
    prerequisites: '',
    contactName: null,
    contactEmail: null,
    contactPhone: null,
    financing: 'company',
    contractReference: null,
    contractFrom: null,
    contractTo: null,
    completionAttendancePct: 80,
    issuesCredential: false,
    ...over,
  };
}

async function api(
  user: TestUser | null,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) {
  const headers: Record<string, string> = {};
  if (user) headers.authorization = `Bearer ${await apiToken(db, user.id)}`;
  return app.inject({ method, url, headers, payload });
}

async function approved(actor: Actor, over: Partial<CourseInput>): Promise<string> {
  const id = await courses.createCourse(db, actor, input(over));
  await courses.changeStatus(db, actor, id, 'submit');
  await courses.changeStatus(db, actorAdmin, id, 'approve');
  return id;
}

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  const regionId = await ensureRegion(db, '07');
  providerA = await createProvider(db, regionId, 'Anordnare A', null);
  providerB = await createProvider(db, regionId, 'Anordnare B', null);
  userA = await makeUser(db, [{ role: 'provider', org: providerA }]);
  userB = await makeUser(db, [{ role: 'provider', org: providerB }]);
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  actorA = await actorOf(db, userA.id);
  actorAdmin = await actorOf(db, admin.id);
  welding = (await searchCompetences(db, 'svetsning', 3)).map((c) => c.conceptId);
  forklift = (await searchCompetences(db, 'truck', 2)).map((c) => c.conceptId);
  expect(welding.length).toBeGreaterThan(0);
  expect(forklift.length).toBeGreaterThan(0);
  weldingCourse = await approved(actorA, {
    title: 'Svetsning MIG/MAG grundkurs',
    description: 'Grundläggande svetsning i stål för blivande svetsare.',
    competences: welding,
    financing: 'procured',
    contractReference: 'RK-2026-17',
    contractFrom: day(-30),
    contractTo: day(400),
  });
  truckCourse = await approved(actorA, {
    title: 'Truckkörning A och B',
    description: 'Truckutbildning enligt TLP10.',
    competences: forklift,
    format: 'blended',
    municipalityCode: '0781',
    language: 'en',
  });
  draftCourse = await courses.createCourse(
    db,
    actorA,
    input({ title: 'Svetsning avancerad (utkast)', competences: welding }),
  );
  weldingOccasion = await occasions.createOccasion(db, actorA, weldingCourse, {
    startsOn: day(30),
    endsOn: day(31),
    seats: 12,
    enrolmentDeadline: day(20),
    municipalityCode: '0780',
    location: 'Verkstaden, Växjö',
    onlineLink: null,
  });
  await occasions.addSession(db, actorA, weldingOccasion, {
    date: day(30),
    start: '08:00',
    end: '16:00',
    activity: 'teaching',
    location: 'Sal 1',
  });
  await occasions.addSession(db, actorA, weldingOccasion, {
    date: day(31),
    start: '08:30',
    end: '12:00',
    activity: 'practice',
    location: null,
  });
  const truckOccasion = await occasions.createOccasion(db, actorA, truckCourse, {
    startsOn: day(90),
    endsOn: day(90),
    seats: 8,
    enrolmentDeadline: day(80),
    municipalityCode: '0781',
    location: null,
    onlineLink: 'https://example.org/truck',
  });
  await occasions.addSession(db, actorA, truckOccasion, {
    date: day(90),
    start: '09:00',
    end: '15:00',
    activity: 'teaching',
    location: null,
  });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('course validation', () => {
  it('refuses a procured course without contract (API: field errors, nothing written)', async () => {
    const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM courses');
    const res = await api(userA, 'POST', '/api/v1/training/courses', {
      title: 'Upphandlad utan avtal',
      format: 'classroom',
      hours: 10,
      language: 'sv',
      priceSek: 0,
      financing: 'procured',
      completionAttendancePct: 80,
      competences: welding,
    });
    expect(res.statusCode).toBe(422);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(['contractReference', 'contractFrom', 'contractTo']);
    expect(res.json().errors[0].code).toBe('training.catalogue.error.contractRequired');
    const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM courses');
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('shows the localised contract error at the field on the page, input kept (no JavaScript)', async () => {
    const client = await Client.as(app, db, userA);
    const form = await client.get('/training/courses/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="competenceQ"');
    const res = await client.post('/training/courses/new', {
      action: 'save',
      title: 'Svetskurs upphandlad',
      hours: '16',
      format: 'classroom',
      language: 'sv',
      priceSek: '0',
      financing: 'procured',
      completionAttendancePct: '80',
      competences: welding[0] as string,
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="f-contractReference-error"');
    expect(res.body).toContain('måste ha en avtalsreferens');
    expect(res.body).toContain('value="Svetskurs upphandlad"');
    expect(res.body).toContain(`value="${welding[0]}"`);
  });

  it('searches competences inside the form and then creates the course', async () => {
    const client = await Client.as(app, db, userA);
    const search = await client.post('/training/courses/new', {
      action: 'searchCompetence',
      competenceQ: 'truck',
      title: 'Truck för lager',
    });
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('data-testid="competence-hits"');
    expect(search.body).toContain(`value="${forklift[0]}"`);
    expect(search.body).toContain('value="Truck för lager"');
    const saved = await client.post('/training/courses/new', {
      action: 'save',
      title: 'Truck för lager',
      hours: '7,5'.replace(',', '.'),
      format: 'classroom',
      language: 'sv',
      priceSek: '1500',
      financing: 'company',
      completionAttendancePct: '90',
      competences: forklift[0] as string,
      issuesCredential: 'on',
    });
    expect(saved.statusCode).toBe(303);
    const id = String(saved.headers.location).split('/').pop() as string;
    const c = await courses.getCourse(db, actorA, id);
    expect(c).toMatchObject({ title: 'Truck för lager', hours: 7.5, priceSek: 1500, issuesCredential: true });
    expect(c.status).toBe('draft');
    expect(c.competences.map((x) => x.id)).toEqual([forklift[0]]);
  });

  it('validates occasions and sessions with errors at the fields', async () => {
    const client = await Client.as(app, db, userA);
    const bad = await client.post(`/training/courses/${weldingCourse}/occasions/new`, {
      startsOn: day(40),
      endsOn: day(35),
      seats: '10',
      enrolmentDeadline: day(30),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('id="f-endsOn-error"');
    const session = await client.post(
      `/training/courses/${weldingCourse}/occasions/${weldingOccasion}/sessions`,
      {
        s_date: day(30),
        s_start: '15:00',
        s_end: '09:00',
        s_activity: 'teaching',
      },
    );
    expect(session.statusCode).toBe(422);
    expect(session.body).toContain('id="f-s_end-error"');
    const outside = await failure(
      occasions.addSession(db, actorA, weldingOccasion, {
        date: day(60),
        start: '08:00',
        end: '09:00',
        activity: 'exam',
        location: null,
      }),
    );
    expect(outside.fields[0]?.field).toBe('date');
  });
});

describe('access', () => {
  it('a provider sees and edits only its own organisation’s courses (others answer 404)', async () => {
    const other = await Client.as(app, db, userB);
    expect((await other.get(`/training/courses/${draftCourse}`)).statusCode).toBe(404);
    expect((await other.get(`/training/courses/${weldingCourse}/edit`)).statusCode).toBe(404);
    expect(
      (await api(userB, 'PATCH', `/api/v1/training/courses/${weldingCourse}`, { title: 'Kapad' })).statusCode,
    ).toBe(404);
    expect(
      (
        await api(userB, 'POST', `/api/v1/training/courses/${weldingCourse}/occasions`, {
          startsOn: day(10),
          endsOn: day(10),
          seats: 5,
          enrolmentDeadline: day(5),
        })
      ).statusCode,
    ).toBe(404);
    const list = await other.get('/training/courses');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(weldingCourse);
    const own = await Client.as(app, db, userA);
    expect((await own.get('/training/courses')).body).toContain(draftCourse);
    // A provider cannot put a course under another provider.
    const err = await failure(
      courses.createCourse(db, actorA, input({ title: 'X', providerOrgId: providerB })),
    );
    expect(err.fields[0]?.field).toBe('providerOrgId');
  });

  it('staff without the provider or region admin role (a coach) may not use the course pages (403)', async () => {
    const coach = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const client = await Client.as(app, db, coach);
    expect((await client.get('/training/courses')).statusCode).toBe(403);
  });
});

describe('approval flow', () => {
  it('draft → submitted by the provider → approved by the region admin, audited; only then public', async () => {
    const provider = await Client.as(app, db, userA);
    const anon = await Client.as(app, db, null);
    const id = await courses.createCourse(
      db,
      actorA,
      input({ title: 'Underhållsteknik hydraulik', competences: welding }),
    );
    expect((await anon.get(`/kurser/${id}`)).statusCode).toBe(404);
    expect((await api(null, 'GET', `/api/v1/training/courses/${id}`)).statusCode).toBe(404);
    const submitted = await provider.post(`/training/courses/${id}/submit`, {});
    expect(submitted.statusCode).toBe(303);
    expect((await api(userA, 'POST', `/api/v1/training/courses/${id}/approve`)).statusCode).toBe(403);
    const adminClient = await Client.as(app, db, admin);
    const queue = await adminClient.get('/training/courses?status=submitted');
    expect(queue.body).toContain(id);
    expect((await adminClient.post(`/training/courses/${id}/approve`, {})).statusCode).toBe(303);
    expect((await anon.get(`/kurser/${id}`)).statusCode).toBe(200);
    const audit = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_type = 'course' AND entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'training.course_created',
      'training.course_submitted',
      'training.course_approved',
    ]);
    // Approving twice is a conflict; a provider's change sends it back for approval.
    expect((await api(admin, 'POST', `/api/v1/training/courses/${id}/approve`)).statusCode).toBe(409);
    const patched = await api(userA, 'PATCH', `/api/v1/training/courses/${id}`, { hours: 12 });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ hours: 12, status: 'submitted' });
  });

  it('shares one reading of the filter options until this process changes the catalogue', async () => {
    const { catalogueFilters } = await import('./service/catalogue-search.ts');
    const places = async (p: ReturnType<typeof catalogueFilters>) =>
      (await p).municipalities.map((m) => m.code);
    const first = catalogueFilters(db);
    expect(catalogueFilters(db)).toBe(first);
    const id = await courses.createCourse(
      db,
      actorA,
      input({ title: 'Filterkurs Uppvidinge', competences: welding, municipalityCode: '0760' }),
    );
    await courses.changeStatus(db, actorA, id, 'submit');
    // Written through this process: the options are read again (the course is not approved yet).
    const second = catalogueFilters(db);
    expect(second).not.toBe(first);
    expect(await places(second)).not.toContain('0760');
    // Approved elsewhere (plain SQL here, as another process): this process keeps its reading for a while…
    await db.query(`UPDATE courses SET status = 'approved' WHERE id = $1`, [id]);
    expect(catalogueFilters(db)).toBe(second);
    // …until it changes the catalogue itself (a new occasion), which shows the approved course's place.
    await occasions.createOccasion(db, actorA, id, {
      startsOn: day(40),
      endsOn: day(41),
      seats: 10,
      enrolmentDeadline: day(30),
      municipalityCode: '0760',
      location: null,
      onlineLink: null,
    });
    expect(await places(catalogueFilters(db))).toContain('0760');
    await courses.changeStatus(db, actorAdmin, id, 'withdraw');
    expect(await places(catalogueFilters(db))).not.toContain('0760');
  });

  it('submitting without competences fails at the field', async () => {
    const id = await courses.createCourse(db, actorA, input({ title: 'Utan kompetenser' }));
    const err = await failure(courses.changeStatus(db, actorA, id, 'submit'));
    expect(err.fields[0]?.field).toBe('competences');
  });

  it('a region admin adds a course for a provider of the region', async () => {
    const res = await api(admin, 'POST', '/api/v1/training/courses', {
      providerOrgId: providerB,
      title: 'Ekonomi för småföretag',
      format: 'digital',
      hours: 6,
      language: 'sv',
      priceSek: 0,
      financing: 'public',
      completionAttendancePct: 75,
      competences: welding.slice(0, 1),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ providerOrgId: providerB, status: 'draft' });
    const missing = await api(admin, 'POST', '/api/v1/training/courses', {
      title: 'Utan anordnare',
      format: 'digital',
      hours: 6,
      language: 'sv',
      priceSek: 0,
      financing: 'public',
      completionAttendancePct: 75,
    });
    expect(missing.statusCode).toBe(422);
  });
});

describe('public catalogue', () => {
  async function ids(query: string): Promise<string[]> {
    const res = await api(null, 'GET', `/api/v1/training/courses?${query}`);
    expect(res.statusCode).toBe(200);
    return res.json().items.map((i: { id: string }) => i.id);
  }

  it('finds courses by word, stem and typo; drafts are never public', async () => {
    expect(await ids('q=svetsning')).toContain(weldingCourse);
    expect(await ids('q=svetsare')).toContain(weldingCourse);
    expect(await ids('q=svetsnig')).toContain(weldingCourse);
    expect(await ids('q=svetsning')).not.toContain(draftCourse);
    expect(await ids('q=truck')).toEqual([truckCourse]);
    expect(await ids('q=xyzzyqq')).toEqual([]);
  });

  it('filters by competence, municipality, format, language and date', async () => {
    expect(await ids(`competence=${forklift[0]}`)).toEqual([truckCourse]);
    expect(await ids('municipality=0781')).toEqual([truckCourse]);
    expect(await ids('format=blended')).toEqual([truckCourse]);
    expect(await ids('language=en')).toEqual([truckCourse]);
    const early = await ids(`from=${day(1)}&to=${day(45)}`);
    expect(early).toContain(weldingCourse);
    expect(early).not.toContain(truckCourse);
  });

  it('shows the next occasion and free seats, and the course page without login', async () => {
    const res = await api(null, 'GET', '/api/v1/training/courses?q=svetsning');
    const item = res.json().items.find((i: { id: string }) => i.id === weldingCourse);
    expect(item.nextOccasion).toMatchObject({ id: weldingOccasion, startsOn: day(30), freeSeats: 12 });
    const anon = await Client.as(app, db, null);
    const page = await anon.get('/kurser?q=svetsnig');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/kurser/${weldingCourse}"`);
    expect(page.body).toContain('12 lediga platser');
    const course = await anon.get(`/kurser/${weldingCourse}`);
    expect(course.statusCode).toBe(200);
    expect(course.body).toContain('Svetsning MIG/MAG grundkurs');
    expect(course.body).toContain('08:00–16:00');
    // The contract is not shown publicly in the API.
    const json = (await api(null, 'GET', `/api/v1/training/courses/${weldingCourse}`)).json();
    expect(json.contractReference).toBeNull();
    expect(
      (await api(userA, 'GET', `/api/v1/training/courses/${weldingCourse}`)).json().contractReference,
    ).toBe('RK-2026-17');
  });

  it('serves an iCalendar feed of upcoming sessions in Europe/Stockholm', async () => {
    const anon = await Client.as(app, db, null);
    const res = await anon.get('/kurser/kalender.ics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    const cal = new ICAL.Component(ICAL.parse(res.body));
    const tz = cal.getFirstSubcomponent('vtimezone');
    expect(tz?.getFirstPropertyValue('tzid')).toBe('Europe/Stockholm');
    if (tz) ICAL.TimezoneService.register(tz);
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(3);
    const first = events.find(
      (e) =>
        e.summary === 'Svetsning MIG/MAG grundkurs' && e.startDate.hour === 8 && e.startDate.minute === 0,
    );
    expect(first).toBeDefined();
    expect(first?.startDate.zone?.tzid).toBe('Europe/Stockholm');
    const stored = await db.query<{ startsAt: Date }>(
      `SELECT starts_at AS "startsAt" FROM course_sessions WHERE occasion_id = $1 ORDER BY starts_at LIMIT 1`,
      [weldingOccasion],
    );
    expect(first?.startDate.toJSDate().getTime()).toBe(new Date(stored[0]?.startsAt as Date).getTime());
    const one = await anon.get(`/kurser/${truckCourse}/kalender.ics`);
    expect(new ICAL.Component(ICAL.parse(one.body)).getAllSubcomponents('vevent')).toHaveLength(1);
  });
});

describe('for the other training areas', () => {
  it('findOccasion gives the course, seats, deadline and financing', async () => {
    const o = await occasions.findOccasion(db, weldingOccasion);
    expect(o).toMatchObject({
      courseId: weldingCourse,
      courseTitle: 'Svetsning MIG/MAG grundkurs',
      providerOrgId: providerA,
      seats: 12,
      freeSeats: 12,
      enrolmentDeadline: day(20),
      financing: 'procured',
      contractReference: 'RK-2026-17',
    });
    expect(await courses.courseTitle(db, truckCourse)).toBe('Truckkörning A och B');
    expect(await occasions.findOccasion(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('cancelling an occasion removes it from the public lists', async () => {
    const id = await occasions.createOccasion(db, actorA, truckCourse, {
      startsOn: day(100),
      endsOn: day(100),
      seats: 3,
      enrolmentDeadline: day(95),
      municipalityCode: null,
      location: null,
      onlineLink: null,
    });
    const res = await api(userA, 'POST', `/api/v1/training/occasions/${id}/cancel`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('cancelled');
    const list = (await api(null, 'GET', `/api/v1/training/courses/${truckCourse}/occasions`)).json();
    expect(list.items.map((o: { id: string }) => o.id)).not.toContain(id);
  });
});

describe('demo catalogue', () => {
  it('seeds approved courses with occasions and sessions, a draft and a submitted course', async () => {
    const regionId = await ensureRegion(db, '07');
    const third = await createProvider(db, regionId, 'Anordnare C', null);
    const demo = await seedTrainingCatalogue(db, actorAdmin, [providerA, providerB, third], catalogue);
    expect(demo.courseIds).toHaveLength(12);
    expect(demo.occasionIds.length).toBeGreaterThanOrEqual(12);
    const statuses = await db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM courses WHERE id = ANY($1::uuid[]) GROUP BY status ORDER BY status`,
      [[...demo.courseIds, demo.draftCourseId, demo.submittedCourseId]],
    );
    expect(statuses).toEqual([
      { status: 'approved', n: 12 },
      { status: 'draft', n: 1 },
      { status: 'submitted', n: 1 },
    ]);
    const sessions = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM course_sessions WHERE occasion_id = ANY($1::uuid[]) GROUP BY occasion_id',
      [demo.occasionIds],
    );
    expect(sessions.every((r) => r.n >= 2 && r.n <= 4)).toBe(true);
    const procured = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM courses WHERE id = ANY($1::uuid[]) AND financing = 'procured' AND contract_reference IS NOT NULL`,
      [demo.courseIds],
    );
    expect(procured[0]?.n).toBeGreaterThan(2);
    // The demo welding course is found by the public search.
    const res = await api(null, 'GET', '/api/v1/training/courses?q=svetsare');
    expect(res.json().total).toBeGreaterThanOrEqual(3);
  });
});
