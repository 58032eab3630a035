// De minimis aid: held coaching hours × the staff-hour unit cost of the meeting's year plus the prices of
// programme-paid enrolments, within three years, in euro; the latest declaration within the window; the
// warning levels; the pages, the declaration form, the certificate PDF and who may see them.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, failure, makeUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import {
  deminimisWarning,
  deminimisWarningForCourse,
  deminimisWarningForHours,
  getDeminimis,
  listDeminimis,
} from './service/deminimis.ts';
import { windowOf } from './service/deminimis-calc.ts';
import { type EsfSetup, esfSetup, makeContactUser } from './test-support.ts';

let db: Db;
let s: EsfSetup;
let app: FastifyInstance;
const Y = new Date().getUTCFullYear();

beforeAll(async () => {
  db = await testDb();
  s = await esfSetup(db);
  ({ app } = await testApp(db));
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

async function meeting(companyId: string, heldOn: string, minutes: number, status = 'held') {
  let [e] = await db.query<{ id: string }>('SELECT id FROM engagements WHERE company_id = $1', [companyId]);
  if (!e) {
    e = { id: randomUUID() };
    await db.query(
      `INSERT INTO engagements (id, company_id, region_id, programme_id, municipality_code, step, planned_hours)
       VALUES ($1, $2, $3, $4, '0781', 'implementation', 15)`,
      [e.id, companyId, s.regionId, s.programmeId],
    );
  }
  await db.query(
    `INSERT INTO coaching_meetings (id, engagement_id, held_on, minutes, kind, status, owner_org_id)
     VALUES ($1, $2, $3, $4, 'on_site', $5, $6)`,
    [randomUUID(), e.id, heldOn, minutes, status, s.regionId],
  );
}

async function enrolment(
  companyId: string,
  startsOn: string,
  priceSek: number,
  paidBy: string,
  status = 'enrolled',
) {
  const providerId = randomUUID();
  await db.query(
    `INSERT INTO organisations (id, kind, name, region_id) VALUES ($1, 'provider', 'Anordnare', $2)`,
    [providerId, s.regionId],
  );
  const courseId = randomUUID();
  await db.query(
    `INSERT INTO courses (id, region_id, provider_org_id, title, format, hours, financing, status, price_sek,
       contract_reference, contract_from, contract_to)
     VALUES ($1, $2, $3, 'Kurs', 'classroom', 8, 'procured', 'approved', $4, 'Avtal 1', '2000-01-01', '2099-12-31')`,
    [courseId, s.regionId, providerId, priceSek],
  );
  const occasionId = randomUUID();
  await db.query(
    `INSERT INTO course_occasions (id, course_id, starts_on, ends_on, seats, enrolment_deadline)
     VALUES ($1, $2, $3, $3, 10, $3)`,
    [occasionId, courseId, startsOn],
  );
  const learnerId = randomUUID();
  await db.query(`INSERT INTO learners (id, company_id, first_name, last_name) VALUES ($1, $2, 'L', 'L')`, [
    learnerId,
    companyId,
  ]);
  await db.query(
    `INSERT INTO enrolments (id, occasion_id, learner_id, company_id, status, paid_by) VALUES ($1, $2, $3, $4, $5, $6)`,
    [randomUUID(), occasionId, learnerId, companyId, status, paidBy],
  );
  return courseId;
}

async function declaration(companyId: string, declaredOn: string, eur: number) {
  await db.query(
    `INSERT INTO esf_deminimis_declarations (id, programme_id, company_id, declared_on, other_aid_eur)
     VALUES ($1, $2, $3, $4, $5)`,
    [randomUUID(), s.programmeId, companyId, declaredOn, eur],
  );
}

describe('ESF de minimis aid', () => {
  it('the window is the three years ending on the date', () => {
    expect(windowOf('2026-11-28')).toEqual({ asOf: '2026-11-28', from: '2023-11-29' });
    expect(windowOf('2028-02-29').from).toBe('2025-03-01');
  });

  it('sums coaching hours × unit cost and programme-paid course prices in euro, with the latest declaration', async () => {
    await db.query(
      `INSERT INTO esf_unit_costs (programme_id, year, participant_hour_sek, staff_hour_sek)
       VALUES ($1, $2, 200, 600), ($1, $3, 210, 700)`,
      [s.programmeId, Y - 1, Y],
    );
    await meeting(s.companyId, `${Y - 1}-06-10`, 120);
    await meeting(s.companyId, `${Y}-01-15`, 90);
    await meeting(s.companyId, `${Y}-01-20`, 300, 'planned');
    await meeting(s.companyId, `${Y - 4}-06-01`, 600);
    await enrolment(s.companyId, `${Y}-02-01`, 11_500, 'programme');
    await enrolment(s.companyId, `${Y}-02-01`, 5_000, 'company');
    await enrolment(s.companyId, `${Y}-02-01`, 9_000, 'programme', 'cancelled');
    await enrolment(s.companyId, `${Y - 4}-02-01`, 50_000, 'programme');
    await declaration(s.companyId, `${Y - 4}-01-01`, 250_000);
    await declaration(s.companyId, `${Y - 1}-01-02`, 100_000);
    await declaration(s.companyId, `${Y}-01-02`, 200_000);

    const d = await getDeminimis(db, s.adminActor, s.companyId, `${Y}-06-30`);
    expect(d.company.lines).toEqual([
      { year: Y - 1, activity: 'coaching', quantity: 2, unitSek: 600, valueSek: 1200, valueEur: 104.35 },
      { year: Y, activity: 'coaching', quantity: 1.5, unitSek: 700, valueSek: 1050, valueEur: 91.3 },
      { year: Y, activity: 'training', quantity: 1, unitSek: null, valueSek: 11_500, valueEur: 1000 },
    ]);
    expect(d.company).toMatchObject({
      givenSek: 13_750,
      givenEur: 1195.65,
      declaredEur: 200_000,
      totalEur: 201_195.65,
      level: 'ok',
    });
    // Summed up to a date before this year's declaration, the earlier one counts.
    const earlier = await getDeminimis(db, s.adminActor, s.companyId, `${Y - 1}-12-31`);
    expect(earlier.company.declaredEur).toBe(100_000);
    expect(earlier.company.lines.map((l) => l.year)).toEqual([Y - 1]);
  });

  it('warns near and over the ceiling, with the configured share and ceiling', async () => {
    expect(await deminimisWarning(db, s.companyId, 0)).toMatchObject({ level: 'ok', ceilingEur: 300_000 });
    expect((await deminimisWarning(db, s.companyId, 40_000 * 11.5)).level).toBe('near');
    const over = await deminimisWarning(db, s.companyId, 100_000 * 11.5);
    expect(over.level).toBe('over');
    expect(over.totalEur).toBeCloseTo(301_195.65, 2);
    await db.query(
      'UPDATE esf_programme_rules SET deminimis_ceiling_eur = 200000, deminimis_warn_share = 0.5 WHERE programme_id = $1',
      [s.programmeId],
    );
    expect(await deminimisWarning(db, s.companyId, 0)).toMatchObject({ level: 'over', ceilingEur: 200_000 });
    await db.query(
      'UPDATE esf_programme_rules SET deminimis_ceiling_eur = 300000, deminimis_warn_share = 0.8 WHERE programme_id = $1',
      [s.programmeId],
    );
    expect((await failure(deminimisWarning(db, randomUUID(), 0))).code).toBe('NOT_FOUND');
    // Intake: planned hours at this year's staff-hour unit cost; enrolment: the course price per learner.
    const hours = await deminimisWarningForHours(db, s.companyId, 10);
    expect(hours.totalEur).toBeCloseTo(201_195.65 + 7000 / 11.5, 2);
    const courseId = await enrolment(s.companyId, `${Y - 4}-01-01`, 1_150_000, 'company');
    const course = await deminimisWarningForCourse(db, s.companyId, courseId, 2);
    expect(course).toMatchObject({ level: 'over' });
    expect(course.totalEur).toBeCloseTo(201_195.65 + 200_000, 2);
  });

  it('lists the companies with aid; masks a sole trader; declares through the form with errors kept', async () => {
    const sole = await makeCompany(db, s.officer);
    await db.query('UPDATE companies SET is_sole_trader = true WHERE id = $1', [sole]);
    await enrolment(sole, `${Y}-03-01`, 2_300, 'programme');
    const [soleRow] = await db.query<{ org: string }>(
      'SELECT org_number AS org FROM companies WHERE id = $1',
      [sole],
    );
    const list = await listDeminimis(db, s.adminActor, null);
    expect(list.companies.map((c) => c.companyId)).toEqual([s.companyId, sole]);
    expect(list.companies[1]?.orgNumber).toBe(`${soleRow?.org.slice(0, 6)}-****`);

    const admin = await Client.as(app, db, s.admin);
    const page = await admin.get('/esf/deminimis');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/esf/deminimis/${sole}"`);
    expect(page.body).not.toContain(soleRow?.org ?? 'x');
    const companyPage = await admin.get(`/esf/deminimis/${s.companyId}`);
    expect(companyPage.statusCode).toBe(200);
    expect(companyPage.body).toContain(`href="/esf/deminimis/${s.companyId}.pdf"`);

    const bad = await admin.post(`/esf/deminimis/${s.companyId}/declarations`, {
      declaredOn: `${Y + 1}-01-01`,
      otherAidEur: '12 500,50',
      details: 'Kommunens stöd',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('12 500,50');
    const ok = await admin.post(`/esf/deminimis/${s.companyId}/declarations`, {
      declaredOn: `${Y}-01-03`,
      otherAidEur: '12 500,50',
      details: 'Kommunens stöd',
    });
    expect(ok.statusCode).toBe(303);
    const d = await getDeminimis(db, s.adminActor, s.companyId, null);
    expect(d.company.declaredEur).toBe(12_500.5);
    expect(d.declarations[0]).toMatchObject({ details: 'Kommunens stöd', otherAidEur: 12_500.5 });

    const pdf = await admin.get(`/esf/deminimis/${sole}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('access: company contacts 403, region admins read but do not declare, other regions 404', async () => {
    const contact = await Client.as(app, db, await makeContactUser(db, s.companyId));
    expect((await contact.get('/esf/deminimis')).statusCode).toBe(403);
    expect((await contact.get(`/esf/deminimis/${s.companyId}`)).statusCode).toBe(403);
    expect((await contact.get(`/esf/deminimis/${s.companyId}.pdf`)).statusCode).toBe(403);
    const regionAdmin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
    const ra = await Client.as(app, db, regionAdmin);
    expect((await ra.get(`/esf/deminimis/${s.companyId}`)).statusCode).toBe(200);
    expect(
      (
        await ra.post(`/esf/deminimis/${s.companyId}/declarations`, {
          declaredOn: `${Y}-01-01`,
          otherAidEur: 1,
        })
      ).statusCode,
    ).toBe(403);
    expect((await ra.get(`/esf/deminimis/${randomUUID()}`)).statusCode).toBe(404);

    const token = await apiToken(db, s.admin.id);
    const auth = { authorization: `Bearer ${token}` };
    const list = await app.inject({ method: 'GET', url: '/api/v1/esf/deminimis', headers: auth });
    expect(list.statusCode).toBe(200);
    expect(list.json().companies[0]).toMatchObject({ companyId: s.companyId });
    const bad = await app.inject({
      method: 'POST',
      url: `/api/v1/esf/deminimis/${s.companyId}/declarations`,
      headers: auth,
      payload: { declaredOn: 'x', otherAidEur: -1 },
    });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['declaredOn', 'otherAidEur']);
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/esf/deminimis/${s.companyId}/declarations`,
      headers: auth,
      payload: { declaredOn: `${Y}-01-04`, otherAidEur: 1000, details: '' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().company.declaredEur).toBe(1000);
    const audit = await db.query(`SELECT 1 FROM audit_log WHERE action = 'esf.deminimis.declare'`);
    expect(audit.length).toBe(2);
  });
});
