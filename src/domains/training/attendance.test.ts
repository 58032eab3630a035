// Attendance through HTTP and the services: roll-call (page and API), rounding to whole hours per date and
// activity, corrections with a reason and audit, access (other provider 404, coach sees own companies),
// the completion rule, the invoice basis per payer, evaluations (after the last session, once; summary
// hidden under three answers) and the ESF hours read model.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import { seedTrainingAttendanceDemo } from '../../demo/seed-training-attendance.ts';
import type { Db } from '../../platform/db.ts';
import { ensureRegion } from '../organisations/index.ts';
import {
  enrol,
  makeLearner,
  makeOccasion,
  makeProviderOrg,
  type OccasionFixture,
} from './attendance-test-support.ts';
import { wholeHours } from './service/attendance-access.ts';
import { participantHours } from './service/attendance-hours.ts';

let db: Db;
let app: FastifyInstance;
let regionId: string;
let provider: TestUser;
let otherProvider: TestUser;
let admin: TestUser;
let coach: TestUser;
let idleCoach: TestUser;
let contact: TestUser;
let c1: string;
let c2: string;
let past: OccasionFixture;
let future: OccasionFixture;
const learnerUsers: TestUser[] = [];
/** Enrolments on the past occasion: L1 programme, L2 company (c1), L3 company (c2), L4 absent, L5 free. */
const e: string[] = [];
let futureEnrolment: string;

async function api(user: TestUser, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) {
  const token = await apiToken(db, user.id);
  return app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
}

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  regionId = await ensureRegion(db, '07');
  const orgA = await makeProviderOrg(db, regionId, 'Utbildare A');
  const orgB = await makeProviderOrg(db, regionId, 'Utbildare B');
  provider = await makeUser(db, [{ role: 'provider', org: orgA }]);
  otherProvider = await makeUser(db, [{ role: 'provider', org: orgB }]);
  coach = await makeUser(db, [{ role: 'coach', org: 'region' }]);
  idleCoach = await makeUser(db, [{ role: 'coach', org: 'region' }]);
  c1 = await makeCompany(db, admin, { name: 'Alfa Verkstad AB' });
  c2 = await makeCompany(db, admin, { name: 'Beta Bygg AB' });
  contact = await makeUser(db, [{ role: 'company_contact', org: `company:${c1}` }]);
  await db.query('INSERT INTO company_coaches (company_id, user_id) VALUES ($1, $2)', [c1, coach.id]);
  past = await makeOccasion(db, {
    regionId,
    providerOrgId: orgA,
    title: 'Svetsning grund',
    priceSek: 5000,
    procured: true,
    pct: 80,
    sessions: [
      { startsAt: '2025-03-10T08:00:00Z', endsAt: '2025-03-10T09:00:00Z' },
      { startsAt: '2025-03-10T12:00:00Z', endsAt: '2025-03-10T13:00:00Z' },
      { startsAt: '2025-03-11T08:00:00Z', endsAt: '2025-03-11T10:00:00Z', activity: 'practice' },
    ],
  });
  future = await makeOccasion(db, {
    regionId,
    providerOrgId: orgA,
    title: 'Truck fortsättning',
    courseId: undefined,
    sessions: [{ startsAt: '2099-05-01T08:00:00Z', endsAt: '2099-05-01T10:00:00Z' }],
  });
  const people: [string, string, 'programme' | 'company' | 'free'][] = [
    [c1, 'Anna', 'programme'],
    [c1, 'Bo', 'company'],
    [c2, 'Cecilia', 'company'],
    [c2, 'David', 'company'],
    [c2, 'Eva', 'free'],
  ];
  for (const [i, [company, first, paidBy]] of people.entries()) {
    const u = await makeUser(db, [{ role: 'participant', org: `company:${company}` }]);
    learnerUsers.push(u);
    const learner = await makeLearner(db, company, first, `Lärling${i + 1}`, u.id);
    e.push(await enrol(db, past.occasionId, learner, company, paidBy));
    if (i === 0) futureEnrolment = await enrol(db, future.occasionId, learner, company, 'company');
  }
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('whole hours', () => {
  it('rounds down', () => {
    expect([
      wholeHours(0),
      wholeHours(20),
      wholeHours(50),
      wholeHours(60),
      wholeHours(119),
      wholeHours(120),
    ]).toEqual([0, 0, 0, 1, 1, 2]);
  });
});

describe('roll-call', () => {
  it('shows every enrolled learner prefilled with the full length and saves all in one POST', async () => {
    const client = await Client.as(app, db, provider);
    const page = await client.get(`/training/sessions/${past.sessionIds[0]}/attendance`);
    expect(page.statusCode).toBe(200);
    for (const n of ['Lärling1, Anna', 'Lärling5, Eva']) expect(page.body).toContain(n);
    expect(page.body).toContain(`name="minutes-${e[0]}"`);
    expect(page.body).toMatch(new RegExp(`name="minutes-${e[0]}"[^>]*value="60"`));
    expect(page.body).not.toContain('name="reason"');
    const res = await client.post(`/training/sessions/${past.sessionIds[0]}/attendance`, {
      [`minutes-${e[0]}`]: '50',
      [`mode-${e[0]}`]: 'entered',
      [`minutes-${e[1]}`]: '7',
      [`mode-${e[1]}`]: 'full',
      [`minutes-${e[2]}`]: '60',
      [`mode-${e[2]}`]: 'entered',
      [`minutes-${e[3]}`]: '60',
      [`mode-${e[3]}`]: 'absent',
      [`minutes-${e[4]}`]: '60',
      [`mode-${e[4]}`]: 'full',
    });
    expect(res.statusCode).toBe(303);
    const rows = await db.query<{ enrolment_id: string; minutes: number; corrected: boolean }>(
      'SELECT enrolment_id, minutes, corrected FROM attendance WHERE session_id = $1',
      [past.sessionIds[0]],
    );
    const byId = new Map(rows.map((r) => [r.enrolment_id, r.minutes]));
    expect(e.map((id) => byId.get(id))).toEqual([50, 60, 60, 0, 60]);
    expect(rows.every((r) => !r.corrected)).toBe(true);
    const again = await client.get(`/training/sessions/${past.sessionIds[0]}/attendance`);
    expect(again.body).toContain('name="reason"');
  });

  it('refuses minutes beyond the session length at the field, keeping the input', async () => {
    const client = await Client.as(app, db, provider);
    const res = await client.post(`/training/sessions/${past.sessionIds[1]}/attendance`, {
      [`minutes-${e[0]}`]: '61',
      [`mode-${e[0]}`]: 'entered',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('mellan 0 och 60 minuter');
    expect(res.body).toMatch(/value="61"/);
    const api422 = await api(provider, 'PUT', `/api/v1/training/sessions/${past.sessionIds[1]}/attendance`, {
      entries: [{ enrolmentId: e[0], minutes: -1 }],
    });
    expect(api422.statusCode).toBe(422);
  });

  it('records the other sessions through the API', async () => {
    const s2 = await api(provider, 'PUT', `/api/v1/training/sessions/${past.sessionIds[1]}/attendance`, {
      entries: [
        { enrolmentId: e[0], minutes: 0 },
        { enrolmentId: e[1], minutes: 60 },
        { enrolmentId: e[2], minutes: 40 },
        { enrolmentId: e[3], minutes: 0 },
        { enrolmentId: e[4], minutes: 12 },
      ],
    });
    expect(s2.statusCode).toBe(200);
    const s3 = await api(provider, 'PUT', `/api/v1/training/sessions/${past.sessionIds[2]}/attendance`, {
      entries: [
        { enrolmentId: e[0], minutes: 119 },
        { enrolmentId: e[1], minutes: 120 },
        { enrolmentId: e[2], minutes: 100 },
        { enrolmentId: e[3], minutes: 0 },
        { enrolmentId: e[4], minutes: 120 },
      ],
    });
    expect(s3.statusCode).toBe(200);
    const body = s3.json() as { recorded: boolean; rows: { enrolmentId: string; minutes: number }[] };
    expect(body.recorded).toBe(true);
    expect(body.rows.find((r) => r.enrolmentId === e[0])?.minutes).toBe(119);
  });

  it('needs a reason for a correction and audits old and new minutes by id', async () => {
    const client = await Client.as(app, db, provider);
    const url = `/training/sessions/${past.sessionIds[0]}/attendance`;
    const noReason = await client.post(url, { [`minutes-${e[0]}`]: '55', [`mode-${e[0]}`]: 'entered' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Ange en orsak till rättelsen.');
    expect(noReason.body).toMatch(/value="55"/);
    const apiNoReason = await api(
      provider,
      'PUT',
      `/api/v1/training/sessions/${past.sessionIds[0]}/attendance`,
      {
        entries: [{ enrolmentId: e[0], minutes: 55 }],
      },
    );
    expect(apiNoReason.statusCode).toBe(422);
    // Unchanged rows are not corrections: no reason needed.
    const same = await client.post(url, { [`minutes-${e[1]}`]: '60', [`mode-${e[1]}`]: 'entered' });
    expect(same.statusCode).toBe(303);
    const ok = await client.post(url, {
      [`minutes-${e[0]}`]: '55',
      [`mode-${e[0]}`]: 'entered',
      reason: 'Kom fem minuter tidigare än noterat',
    });
    expect(ok.statusCode).toBe(303);
    const [row] = await db.query<{ minutes: number; corrected: boolean }>(
      'SELECT minutes, corrected FROM attendance WHERE session_id = $1 AND enrolment_id = $2',
      [past.sessionIds[0], e[0]],
    );
    expect(row).toEqual({ minutes: 55, corrected: true });
    const audits = await db.query<{ details: Record<string, unknown>; actor_user_id: string }>(
      `SELECT details, actor_user_id FROM audit_log WHERE action = 'training.attendance_corrected' AND entity_id = $1`,
      [past.sessionIds[0]],
    );
    expect(audits).toHaveLength(1);
    expect(audits[0].actor_user_id).toBe(provider.id);
    expect(audits[0].details).toMatchObject({
      enrolmentId: e[0],
      oldMinutes: 50,
      newMinutes: 55,
      reason: 'Kom fem minuter tidigare än noterat',
    });
    expect(JSON.stringify(audits[0].details)).not.toContain('Anna');
    const recorded = await db.query(`SELECT 1 FROM audit_log WHERE action = 'training.attendance_recorded'`);
    expect(recorded).toHaveLength(3);
  });

  it('refuses attendance for a session that has not started', async () => {
    const res = await api(provider, 'PUT', `/api/v1/training/sessions/${future.sessionIds[0]}/attendance`, {
      entries: [{ enrolmentId: futureEnrolment, minutes: 10 }],
    });
    expect(res.statusCode).toBe(409);
  });
});

describe('access', () => {
  it('hides the occasion from another provider and from a coach without its companies', async () => {
    const other = await Client.as(app, db, otherProvider);
    expect((await other.get(`/training/sessions/${past.sessionIds[0]}/attendance`)).statusCode).toBe(404);
    expect((await other.get(`/training/occasions/${past.occasionId}/attendance`)).statusCode).toBe(404);
    expect((await other.get(`/training/occasions/${past.occasionId}/invoice-basis`)).statusCode).toBe(404);
    expect(
      (await api(otherProvider, 'GET', `/api/v1/training/occasions/${past.occasionId}/invoice-basis`))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await api(otherProvider, 'PUT', `/api/v1/training/sessions/${past.sessionIds[0]}/attendance`, {
          entries: [{ enrolmentId: e[0], minutes: 1 }],
          reason: 'x',
        })
      ).statusCode,
    ).toBe(404);
    const idle = await Client.as(app, db, idleCoach);
    expect((await idle.get(`/training/sessions/${past.sessionIds[0]}/attendance`)).statusCode).toBe(404);
    const company = await Client.as(app, db, contact);
    expect((await company.get(`/training/sessions/${past.sessionIds[0]}/attendance`)).statusCode).toBe(403);
  });

  it("lets a coach take the roll-call of their companies' learners only", async () => {
    const res = await api(coach, 'GET', `/api/v1/training/sessions/${past.sessionIds[0]}/attendance`);
    expect(res.statusCode).toBe(200);
    const ids = (res.json() as { rows: { enrolmentId: string }[] }).rows.map((r) => r.enrolmentId);
    expect(ids.sort()).toEqual([e[0], e[1]].sort());
    const foreign = await api(coach, 'PUT', `/api/v1/training/sessions/${past.sessionIds[0]}/attendance`, {
      entries: [{ enrolmentId: e[2], minutes: 1 }],
      reason: 'x',
    });
    expect(foreign.statusCode).toBe(404);
    const client = await Client.as(app, db, coach);
    expect((await client.get(`/training/occasions/${past.occasionId}/attendance`)).statusCode).toBe(403);
  });

  it('lets a region admin see the overview', async () => {
    const client = await Client.as(app, db, admin);
    expect((await client.get(`/training/occasions/${past.occasionId}/attendance`)).statusCode).toBe(200);
  });
});

describe('reports', () => {
  it('shows the grid, whole hours per date and activity, and the rule', async () => {
    const client = await Client.as(app, db, provider);
    const page = await client.get(`/training/occasions/${past.occasionId}/attendance`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('20 minuter en dag blir 0 timmar');
    const res = await api(provider, 'GET', `/api/v1/training/occasions/${past.occasionId}/attendance`);
    const o = res.json() as {
      scheduledMinutes: number;
      learners: { enrolmentId: string; totalMinutes: number; hours: number; minutes: (number | null)[] }[];
      hours: { enrolmentId: string; date: string; activity: string; minutes: number; hours: number }[];
    };
    expect(o.scheduledMinutes).toBe(240);
    const l = (id: string) => o.learners.find((x) => x.enrolmentId === id);
    expect(l(e[0])).toMatchObject({ totalMinutes: 174, hours: 1, minutes: [55, 0, 119] });
    expect(l(e[1])).toMatchObject({ totalMinutes: 240, hours: 4 });
    expect(l(e[2])).toMatchObject({ totalMinutes: 200, hours: 2 });
    expect(l(e[4])).toMatchObject({ totalMinutes: 192, hours: 3 });
    const anna = o.hours.filter((h) => h.enrolmentId === e[0]);
    expect(anna).toEqual([
      { enrolmentId: e[0], date: '2025-03-10', activity: 'teaching', minutes: 55, hours: 0 },
      { enrolmentId: e[0], date: '2025-03-11', activity: 'practice', minutes: 119, hours: 1 },
    ]);
  });

  it('exports hours as CSV and XLSX', async () => {
    const client = await Client.as(app, db, provider);
    const csv = await client.get(`/training/occasions/${past.occasionId}/attendance/export?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\ufeffEfternamn;Förnamn;Företag;Datum;Aktivitet;Minuter;Hela timmar')).toBe(
      true,
    );
    expect(csv.body).toContain('Lärling1;Anna;Alfa Verkstad AB;2025-03-11;Praktik;119;1');
    const xlsx = await client.get(`/training/occasions/${past.occasionId}/attendance/export?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('sums the invoice basis per payer and leaves out learners without attendance', async () => {
    const res = await api(provider, 'GET', `/api/v1/training/occasions/${past.occasionId}/invoice-basis`);
    expect(res.statusCode).toBe(200);
    const b = res.json() as {
      attendees: { enrolmentId: string }[];
      payers: {
        kind: string;
        companyId: string | null;
        participants: number;
        hours: number;
        sumSek: number;
        contractReference: string | null;
      }[];
      totalSek: number;
      totalHours: number;
    };
    expect(b.attendees.map((a) => a.enrolmentId).sort()).toEqual([e[0], e[1], e[2], e[4]].sort());
    expect(b.payers).toEqual([
      {
        kind: 'programme',
        companyId: null,
        companyName: null,
        contractReference: 'AVT-2025-07',
        participants: 1,
        hours: 1,
        sumSek: 5000,
      },
      {
        kind: 'company',
        companyId: c1,
        companyName: 'Alfa Verkstad AB',
        contractReference: null,
        participants: 1,
        hours: 4,
        sumSek: 5000,
      },
      {
        kind: 'company',
        companyId: c2,
        companyName: 'Beta Bygg AB',
        contractReference: null,
        participants: 1,
        hours: 2,
        sumSek: 5000,
      },
      {
        kind: 'free',
        companyId: null,
        companyName: null,
        contractReference: null,
        participants: 1,
        hours: 3,
        sumSek: 0,
      },
    ]);
    expect(b.totalSek).toBe(15000);
    expect(b.totalHours).toBe(10);
    const client = await Client.as(app, db, provider);
    const page = await client.get(`/training/occasions/${past.occasionId}/invoice-basis`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Programmet, avtal AVT-2025-07');
    expect(page.body).not.toContain('Lärling4');
    const csv = await client.get(`/training/occasions/${past.occasionId}/invoice-basis.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Totalt;;;;10;;15000');
  });
});

describe('completion', () => {
  it('refuses to close an occasion before its last session has ended', async () => {
    const res = await api(provider, 'POST', `/api/v1/training/occasions/${future.occasionId}/complete`);
    expect(res.statusCode).toBe(409);
  });

  it('sets completion from the 80 % rule (exactly 80 % completes) and audits', async () => {
    const res = await api(provider, 'POST', `/api/v1/training/occasions/${past.occasionId}/complete`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ completed: 3, notCompleted: 2 });
    const rows = await db.query<{ id: string; completion: string; completed_at: Date | null }>(
      'SELECT id, completion, completed_at FROM enrolments WHERE occasion_id = $1',
      [past.occasionId],
    );
    const by = new Map(rows.map((r) => [r.id, r.completion]));
    expect(e.map((id) => by.get(id))).toEqual([
      'not_completed',
      'completed',
      'completed',
      'not_completed',
      'completed',
    ]);
    expect(rows.every((r) => r.completed_at !== null)).toBe(true);
    const audits = await db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_log WHERE action = 'training.occasion_completed' AND entity_id = $1`,
      [past.occasionId],
    );
    expect(audits[0].details).toEqual({ completed: 3, notCompleted: 2, rulePct: 80 });
    const other = await api(otherProvider, 'POST', `/api/v1/training/occasions/${past.occasionId}/complete`);
    expect(other.statusCode).toBe(404);
  });
});

describe('evaluation', () => {
  const answer = { overall: 4, relevance: 5, teaching: 3, wouldRecommend: true, comment: 'Bra övningar' };

  it('opens only after the last session', async () => {
    const client = await Client.as(app, db, learnerUsers[0]);
    const page = await client.get(`/my/courses/${futureEnrolment}/evaluation`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="evaluation-early"');
    expect(page.body).not.toContain('name="overall"');
    const res = await api(
      learnerUsers[0],
      'POST',
      `/api/v1/my/courses/${futureEnrolment}/evaluation`,
      answer,
    );
    expect(res.statusCode).toBe(409);
  });

  it('is only for the learner of the enrolment', async () => {
    const client = await Client.as(app, db, learnerUsers[1]);
    expect((await client.get(`/my/courses/${e[0]}/evaluation`)).statusCode).toBe(404);
    const res = await api(learnerUsers[1], 'POST', `/api/v1/my/courses/${e[0]}/evaluation`, answer);
    expect(res.statusCode).toBe(404);
  });

  it('takes one answer per enrolment and hides the summary under three answers', async () => {
    const client = await Client.as(app, db, learnerUsers[0]);
    const form = await client.get(`/my/courses/${e[0]}/evaluation`);
    expect(form.body).toContain('name="overall"');
    const bad = await client.post(`/my/courses/${e[0]}/evaluation`, { overall: '4', comment: 'Halvfärdigt' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Halvfärdigt');
    const ok = await client.post(`/my/courses/${e[0]}/evaluation`, {
      overall: '4',
      relevance: '5',
      teaching: '3',
      recommend: 'yes',
      comment: 'Bra övningar',
    });
    expect(ok.statusCode).toBe(303);
    const again = await api(learnerUsers[0], 'POST', `/api/v1/my/courses/${e[0]}/evaluation`, answer);
    expect(again.statusCode).toBe(409);
    expect((await client.get(`/my/courses/${e[0]}/evaluation`)).body).toContain(
      'data-testid="evaluation-answered"',
    );

    const hidden = await api(provider, 'GET', `/api/v1/training/courses/${past.courseId}/evaluations`);
    expect(hidden.json()).toMatchObject({ count: 1, shown: false, overall: null, comments: [] });
    const page = await (await Client.as(app, db, provider)).get(
      `/training/courses/${past.courseId}/evaluations`,
    );
    expect(page.body).toContain('minst 3 deltagare');
    expect(page.body).not.toContain('Bra övningar');

    for (const [i, overall] of [
      [1, 2],
      [2, 5],
    ] as const) {
      const r = await api(learnerUsers[i], 'POST', `/api/v1/my/courses/${e[i]}/evaluation`, {
        overall,
        relevance: 4,
        teaching: 4,
        wouldRecommend: i === 1 ? false : null,
      });
      expect(r.statusCode).toBe(201);
    }
    const shown = await api(admin, 'GET', `/api/v1/training/courses/${past.courseId}/evaluations`);
    expect(shown.json()).toMatchObject({
      count: 3,
      shown: true,
      overall: 3.7,
      relevance: 4.3,
      teaching: 3.7,
      recommendYes: 1,
      recommendNo: 1,
      comments: ['Bra övningar'],
    });
    expect(
      (await api(otherProvider, 'GET', `/api/v1/training/courses/${past.courseId}/evaluations`)).statusCode,
    ).toBe(404);
    const audit = await db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_log WHERE action = 'training.evaluation_submitted'`,
    );
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toContain('Bra övningar');
  });
});

describe('participantHours', () => {
  it('gives whole hours per learner, month and company, and company totals', async () => {
    const r = await participantHours(db, regionId, { from: '2025-03-01', to: '2025-03-31' });
    const row = (first: string) => r.rows.find((x) => x.firstName === first);
    expect(row('Anna')).toMatchObject({ companyId: c1, month: '2025-03', minutes: 174, hours: 1, days: 2 });
    expect(row('Bo')).toMatchObject({ minutes: 240, hours: 4 });
    expect(row('Cecilia')).toMatchObject({ companyId: c2, minutes: 200, hours: 2 });
    expect(row('Eva')).toMatchObject({ minutes: 192, hours: 3 });
    expect(row('David')).toBeUndefined();
    expect(r.companies).toEqual([
      expect.objectContaining({ companyId: c1, learners: 2, minutes: 414, hours: 5 }),
      expect.objectContaining({ companyId: c2, learners: 2, minutes: 392, hours: 5 }),
    ]);
    const onlyFirstDay = await participantHours(db, regionId, { from: '2025-03-10', to: '2025-03-10' });
    expect(onlyFirstDay.rows.find((x) => x.firstName === 'Bo')).toMatchObject({ minutes: 120, hours: 2 });
    expect((await participantHours(db, regionId, { from: '2025-04-01', to: '2025-04-30' })).rows).toEqual([]);
  });
});

describe('demo seed', () => {
  it('creates a past occasion with attendance, invoice basis and an evaluation summary', async () => {
    const orgs = await db.query<{ id: string }>(`SELECT id FROM organisations WHERE name = 'Utbildare A'`);
    const demo = await seedTrainingAttendanceDemo(db, {
      regionId,
      providerOrgId: orgs[0].id,
      companyIds: [c1, c2],
      recordedBy: provider.id,
      participantUserId: learnerUsers[3].id,
    });
    expect(demo.enrolmentIds).toHaveLength(5);
    const b = await api(provider, 'GET', `/api/v1/training/occasions/${demo.occasionId}/invoice-basis`);
    const basis = b.json() as { attendees: unknown[]; totalHours: number; totalSek: number };
    expect(basis.attendees).toHaveLength(4);
    expect(basis.totalHours).toBeGreaterThan(0);
    expect(basis.totalSek).toBe(4 * 4500);
    const s = await api(provider, 'GET', `/api/v1/training/courses/${demo.courseId}/evaluations`);
    expect(s.json()).toMatchObject({ count: 3, shown: true });
    const [first] = await db.query<{ ends_at: Date }>(
      `SELECT min(ends_at) AS ends_at FROM course_sessions WHERE occasion_id = $1`,
      [demo.occasionId],
    );
    expect(first.ends_at.getTime()).toBeLessThan(Date.now());
    // Again for the same occasion: nothing new is recorded twice.
    const again = await seedTrainingAttendanceDemo(db, {
      regionId,
      providerOrgId: orgs[0].id,
      companyIds: [c1, c2],
      recordedBy: provider.id,
      occasionId: demo.occasionId,
      enrolmentIds: demo.enrolmentIds,
    });
    expect(again.occasionId).toBe(demo.occasionId);
  });
});
