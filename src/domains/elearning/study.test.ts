// The digital-learning study page (issue 7): aggregates on a fixture with known numbers (enrolled, active,
// completed, rates, median days, time on task, quiz pass rates, satisfaction), the gender and municipality
// breakdowns with small numbers suppressed, the module funnel, filters, access (officer 403, another
// region sees nothing), CSV and XLSX content, and the API twin.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { ensureRegion } from '../organisations/index.ts';
import { type Study, study } from './service/study.ts';
import {
  addAttempts,
  addProgress,
  addRating,
  addTime,
  type DigitalCourse,
  enrol,
  makeDigitalCourse,
  makeLearner,
  makeProvider,
  makeStudyCompany,
} from './test-support-study.ts';

let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let a: DigitalCourse;
let b: DigitalCourse;
let p2: string;

beforeAll(async () => {
  db = await testDb();
  app = (await testApp(db)).app;
  const regionId = await ensureRegion(db, '07');
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  const user = await makeUser(db, []);
  const p1 = await makeProvider(db, regionId, 'Anordnare Ett');
  p2 = await makeProvider(db, regionId, 'Anordnare Två');
  a = await makeDigitalCourse(db, {
    regionId,
    providerId: p1,
    title: 'Svetsa digitalt',
    lessons: [2, 2, 2],
    quiz: [[0, 1]],
  });
  b = await makeDigitalCourse(db, { regionId, providerId: p2, title: 'Lean i vardagen', lessons: [1] });
  const ljungby = await makeStudyCompany(db, regionId, '0781');
  const vaxjo = await makeStudyCompany(db, regionId, '0780');
  const all = a.modules.flatMap((m) => m.lessons);
  const [l1, quiz, l3] = all as [string, string, string];
  const base = { course: a, userId: user.id };
  // Six women in Ljungby: five complete after 2, 4, 6, 8, 10 days; the sixth stops after module 1.
  const women: string[] = [];
  const ratings: [number, number][] = [
    [5, 5],
    [4, 5],
    [4, 4],
    [3, 4],
    [4, 3],
  ];
  for (let i = 0; i < 6; i += 1) {
    const learnerId = await makeLearner(db, ljungby, 'woman');
    women.push(learnerId);
    const done = i < 5;
    const e = await enrol(db, {
      ...base,
      learnerId,
      companyId: ljungby,
      on: '2026-03-10',
      ...(done ? { completedAfterDays: 2 * (i + 1) } : { lastLessonId: l3 }),
    });
    await addTime(db, e, '2026-03-11', 60);
    await addProgress(db, e, done ? all : [l1, quiz], '2026-03-12');
    await addAttempts(db, e, quiz, done ? [true] : [false, true], '2026-03-12');
    const r = ratings[i];
    if (r) await addRating(db, e, r[0], r[1]);
  }
  // Men: M1 (Ljungby) completes after 12 days, three attempts; M2 (Ljungby) fails the quiz in April;
  // M3 and M4 (Växjö) enrolled in May, 30 minutes each, nothing else.
  const m1 = await makeLearner(db, ljungby, 'man');
  const e1 = await enrol(db, {
    ...base,
    learnerId: m1,
    companyId: ljungby,
    on: '2026-03-10',
    completedAfterDays: 12,
  });
  await addTime(db, e1, '2026-03-11', 30);
  await addProgress(db, e1, all, '2026-03-15');
  await addAttempts(db, e1, quiz, [false, false, true], '2026-03-12');
  await addRating(db, e1, 2, 1);
  const m2 = await makeLearner(db, ljungby, 'man');
  const e2 = await enrol(db, {
    ...base,
    learnerId: m2,
    companyId: ljungby,
    on: '2026-03-10',
    lastLessonId: quiz,
  });
  await addTime(db, e2, '2026-04-02', 30);
  await addProgress(db, e2, [l1], '2026-04-02');
  await addAttempts(db, e2, quiz, [false], '2026-04-02');
  const m3 = await makeLearner(db, vaxjo, 'man');
  const m4 = await makeLearner(db, vaxjo, 'man');
  for (const learnerId of [m3, m4]) {
    const e = await enrol(db, { ...base, learnerId, companyId: vaxjo, on: '2026-05-10' });
    await addTime(db, e, '2026-05-11', 30);
  }
  // Course B (provider 2): two of the women and M3, enrolled in April, nothing done.
  for (const [learnerId, companyId] of [
    [women[0], ljungby],
    [women[1], ljungby],
    [m3, vaxjo],
  ] as [string, string][])
    await enrol(db, { course: b, userId: user.id, learnerId, companyId, on: '2026-04-01' });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const studyAs = async (u: TestUser, q: Record<string, string> = {}): Promise<Study> =>
  study(db, await actorOf(db, u.id), q);
const byKey = (rows: Study['byGender'], key: string) => rows.find((r) => r.key === key);

describe('the study aggregates', () => {
  it('counts enrolled, active, completed, rates, median days, time, quizzes and satisfaction', async () => {
    const s = await studyAs(admin);
    expect(s.total).toMatchObject({
      enrolled: 13,
      active: 10,
      completed: 6,
      completionRate: 46,
      medianDaysToComplete: 7,
      minutesTotal: 480,
      minutesMean: 48,
      quizFirstPassRate: 63,
      quizMeanAttempts: 1.4,
      usefulnessMean: 3.7,
      recommendMean: 3.7,
      ratings: 6,
      suppressed: false,
    });
    const courseA = s.byCourse.find((r) => r.key === a.courseId);
    expect(courseA).toMatchObject({
      label: 'Svetsa digitalt',
      enrolled: 10,
      completed: 6,
      completionRate: 60,
    });
    expect(s.byCourse.find((r) => r.key === b.courseId)).toMatchObject({
      enrolled: 3,
      completed: 0,
      completionRate: 0,
      minutesTotal: 0,
      quizFirstPassRate: null,
    });
    expect(s.byProvider.map((r) => [r.label, r.enrolled])).toEqual([
      ['Anordnare Ett', 10],
      ['Anordnare Två', 3],
    ]);
  });

  it('splits by gender and municipality and suppresses cells of fewer than 5 learners', async () => {
    const s = await studyAs(admin);
    expect(s.byGender.map((r) => r.key)).toEqual(['woman', 'man', 'other', 'unknown']);
    expect(byKey(s.byGender, 'woman')).toMatchObject({
      enrolled: 8,
      completed: 5,
      completionRate: 63,
      medianDaysToComplete: 6,
      minutesMean: 60,
      quizFirstPassRate: 83,
      quizMeanAttempts: 1.2,
      usefulnessMean: 4,
      recommendMean: 4.2,
      ratings: 5,
      suppressed: false,
    });
    // Four men: every cell describes fewer than five learners.
    expect(byKey(s.byGender, 'man')).toMatchObject({
      enrolled: null,
      completed: null,
      ratings: null,
      suppressed: true,
    });
    expect(byKey(s.byGender, 'other')?.enrolled).toBeNull();
    expect(byKey(s.byMunicipality, '0781')).toMatchObject({ label: 'Ljungby', enrolled: 10, completed: 6 });
    expect(byKey(s.byMunicipality, '0780')).toMatchObject({
      label: 'Växjö',
      enrolled: null,
      suppressed: true,
    });
  });

  it('shows the module funnel of the chosen course version', async () => {
    const s = await studyAs(admin, { course: a.courseId });
    expect(s.funnel?.versionId).toBe(a.versionId);
    expect(
      s.funnel?.modules.map((m) => [m.position, m.reached, m.completed, m.droppedOff, m.dropOffRate]),
    ).toEqual([
      [1, 8, 7, 1, 13],
      [2, 7, 6, 1, 14],
      [3, 6, 6, 0, 0],
    ]);
    expect((await studyAs(admin)).funnel).toBeNull();
  });

  it('filters on enrolment period, provider, municipality and course; active counts only the period', async () => {
    const march = await studyAs(admin, { from: '2026-03-01', to: '2026-03-31' });
    expect(march.total).toMatchObject({ enrolled: 8, active: 7, completed: 6, completionRate: 75 });
    expect((await studyAs(admin, { provider: p2 })).total).toMatchObject({ enrolled: 3, completed: 0 });
    expect((await studyAs(admin, { municipality: '0780' })).total.enrolled).toBe(3);
    expect((await studyAs(admin, { course: b.courseId })).byCourse.map((r) => r.key)).toEqual([b.courseId]);
  });

  it('refuses a bad filter with a field error (422 page, input kept)', async () => {
    const c = await Client.as(app, db, admin);
    const res = await c.get('/learning/study?from=2026-13-01&course=nope');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('value="2026-13-01"');
    expect(res.body).toContain('ds-error-summary');
  });
});

describe('the study page, exports and API', () => {
  it('renders the summary, the suppression note and the tables with "< 5"', async () => {
    const res = await (await Client.as(app, db, admin)).get(`/learning/study?course=${a.courseId}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('10 inskrivna, 10 aktiva under perioden, 6 har slutfört (60 %)');
    expect(res.body).toContain('färre än 5 deltagare');
    expect(res.body).toMatch(/<th scope="row">Män<\/th><td data-numeric data-suppressed>/);
    expect(res.body).toContain('id="study-funnel"');
  });

  it('exports CSV (BOM, semicolons, suppressed cells empty) and XLSX with the same figures', async () => {
    const c = await Client.as(app, db, admin);
    const csv = await c.get('/learning/study/export.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const text = csv.rawPayload.toString('utf8');
    expect(text.startsWith('\ufeffTabell;Grupp;Inskrivna;')).toBe(true);
    expect(text).toContain('Totalt;Totalt;13;10;6;46;7;480;48;63;1.4;3.7;3.7;6\r\n');
    expect(text).toContain('Kvinnor och män;Män;;;;;;;;;;;;\r\n');
    const xlsx = await c.get(`/learning/study/export.xlsx?course=${a.courseId}`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Nyckeltal');
    expect(sheet?.getRow(2).values).toEqual([
      undefined,
      'Totalt',
      'Totalt',
      10,
      10,
      6,
      60,
      7,
      480,
      48,
      63,
      1.4,
      3.7,
      3.7,
      6,
    ]);
    const funnel = wb.getWorksheet('Moduler');
    expect(funnel?.getRow(2).values).toEqual([undefined, '1. Modul 1', 8, 7, 1, 13]);
  });

  it('answers the API twin with the same figures, nulls for suppressed cells', async () => {
    const token = await apiToken(db, admin.id);
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/learning/study?from=2026-03-01&to=2026-03-31',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as Study;
    expect(body.total.enrolled).toBe(8);
    expect(byKey(body.byGender, 'man')?.enrolled).toBeNull();
    const bad = await app.inject({
      method: 'GET',
      url: '/api/v1/learning/study?to=2026-02-30',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.statusCode).toBe(422);
  });

  it('forbids a municipality officer (403) and shows another region nothing of this one', async () => {
    const officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
    const c = await Client.as(app, db, officer);
    expect((await c.get('/learning/study')).statusCode).toBe(403);
    expect((await c.get('/learning/study/export.csv')).statusCode).toBe(403);
    const token = await apiToken(db, officer.id);
    const api = await app.inject({
      method: 'GET',
      url: '/api/v1/learning/study',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.statusCode).toBe(403);
    await ensureRegion(db, '06');
    const other = await makeUser(db, [{ role: 'region_admin', org: 'region' }], { county: '06' });
    const s = await studyAs(other, { course: a.courseId });
    expect(s.total.enrolled).toBe(0);
    expect(s.byCourse).toEqual([]);
    expect(s.versions).toEqual([]);
    expect(s.funnel).toBeNull();
  });
});
