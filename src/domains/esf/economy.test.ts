// The ESF economy: co-financing = signed certified hours × the year's unit cost, employed staff's time as
// personnel costs, consultants' invoices as services, the flat rate on employed personnel costs only, the
// budget against the outcome to date; the page (chart and tables), the budget form and API, and access.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { economy, flatRateOf, setBudget } from './service/economy.ts';
import { currentProgramme } from './service/programme.ts';
import { type EsfSetup, esfSetup, makeContactUser, makeParticipant } from './test-support.ts';

let db: Db;
let s: EsfSetup;
const Y = new Date().getUTCFullYear();
const LAST = Y - 1;
const ctx = () => ({ actor: s.adminActor, ip: '127.0.0.1' });

async function certificate(
  participantId: string,
  month: string,
  version: number,
  status: string,
  hours: number,
) {
  await db.query(
    `INSERT INTO esf_certificates (id, participant_id, month, version, status, lines, total_hours, employer_name,
                                   employer_org_number)
     VALUES ($1, $2, $3, $4, $5, '[]', $6, 'Testbolaget', '5560000000')`,
    [randomUUID(), participantId, month, version, status, hours],
  );
}

async function staff(kind: 'employed' | 'external', hourly: number | null, entries: [string, number][]) {
  const user = await makeUser(db, [{ role: 'coach', org: 'region' }]);
  await db.query(
    `INSERT INTO staff_employment (id, user_id, organisation_id, kind, valid_from, hourly_cost_sek)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [randomUUID(), user.id, s.regionId, kind, `${Y - 3}-01-01`, hourly],
  );
  for (const [date, hours] of entries)
    await db.query(
      `INSERT INTO staff_time_entries (id, user_id, organisation_id, work_date, hours, activity)
       VALUES ($1, $2, $3, $4, $5, 'coaching')`,
      [randomUUID(), user.id, s.regionId, date, hours],
    );
  return user;
}

beforeAll(async () => {
  db = await testDb();
  s = await esfSetup(db);
  const p = await currentProgramme(db, s.adminActor);
  await db.query(
    `INSERT INTO esf_unit_costs (programme_id, year, participant_hour_sek, staff_hour_sek)
     VALUES ($1, $2, 200, 500), ($1, $3, 250, 520)`,
    [p.id, LAST, Y],
  );
  const a = await makeParticipant(db, s, { startedOn: `${LAST}-03-01` });
  const b = await makeParticipant(db, s, { startedOn: `${LAST}-03-01` });
  // a: version 1 signed then corrected; version 2 signed (12 h) counts; a draft version 3 does not.
  await certificate(a.id, `${LAST}-03`, 1, 'superseded', 10);
  await certificate(a.id, `${LAST}-03`, 2, 'signed', 12);
  await certificate(a.id, `${LAST}-03`, 3, 'draft', 99);
  await certificate(b.id, `${LAST}-03`, 1, 'participant_confirmed', 40);
  await certificate(b.id, `${Y}-01`, 1, 'signed', 4);
  // Employed: 10 h × 500 kr in March last year; external: 5 h logged and an 8 000 kr invoice.
  await staff('employed', 500, [
    [`${LAST}-03-10`, 6],
    [`${LAST}-03-11`, 4],
  ]);
  const consultant = await staff('external', null, [[`${LAST}-03-12`, 5]]);
  await db.query(
    `INSERT INTO consultant_invoices (id, user_id, organisation_id, invoice_number, invoice_date, period_from,
                                      period_to, hours, amount_sek, recorded_by)
     VALUES ($1, $2, $3, 'F-1', $4, $5, $6, 5, 8000, $2)`,
    [randomUUID(), consultant.id, s.regionId, `${LAST}-03-31`, `${LAST}-03-01`, `${LAST}-03-31`],
  );
});
afterAll(async () => {
  await db?.close();
});

const setFlat = (rule: string) =>
  db.query('UPDATE esf_programme_rules SET flat_rate = $2 WHERE programme_id = $1', [s.programmeId, rule]);

describe('ESF economy', () => {
  it('the flat rate is 15 % or 40 % of employed personnel costs, none otherwise', () => {
    expect(flatRateOf('indirect15', 5000)).toBe(750);
    expect(flatRateOf('other40', 5000)).toBe(2000);
    expect(flatRateOf('none', 5000)).toBe(0);
  });

  it('co-financing is signed certified hours × the unit cost of that year; staff and invoices by kind', async () => {
    await setFlat('indirect15');
    const e = await economy(db, s.adminActor);
    const march = e.months.find((m) => m.month === `${LAST}-03`);
    expect(march?.certifiedHours).toBe(12);
    expect(march?.outcome).toMatchObject({
      participant_cofinancing: 12 * 200,
      personnel: 5000,
      services: 8000,
      flat_rate: 750,
    });
    const jan = e.months.find((m) => m.month === `${Y}-01`);
    expect(jan?.outcome.participant_cofinancing).toBe(4 * 250);
    await setFlat('other40');
    const e40 = await economy(db, s.adminActor);
    // 40 % of the employed 5 000 kr, never of the consultant's 8 000 kr invoice.
    expect(e40.months.find((m) => m.month === `${LAST}-03`)?.outcome.flat_rate).toBe(2000);
    await setFlat('none');
    expect((await economy(db, s.adminActor)).outcomeToDate.flat_rate).toBe(0);
  });

  it('budget against outcome per month and to date; a month outside the programme is refused', async () => {
    await setFlat('indirect15');
    await setBudget(db, ctx(), `${LAST}-03`, { personnel: 4000, services: 10000 });
    await setBudget(db, ctx(), `${Y + 1}-06`, { personnel: 9000 });
    const e = await economy(db, s.adminActor);
    expect(e.budgetToDate).toMatchObject({ personnel: 4000, services: 10000 });
    expect(e.budgetTotal.personnel).toBe(13000);
    expect(e.outcomeToDate).toMatchObject({
      personnel: 5000,
      services: 8000,
      flat_rate: 750,
      participant_cofinancing: 2400 + 1000,
    });
    expect(e.outcomeTotalToDate).toBe(5000 + 8000 + 750 + 3400);
    expect(e.grantTotal).toBe(3_706_566 + 1_235_522);
    await expect(setBudget(db, ctx(), `${Y + 5}-01`, { personnel: 1 })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    const audits = await db.query("SELECT 1 FROM audit_log WHERE action = 'esf.budget.set'");
    expect(audits.length).toBeGreaterThanOrEqual(2);
  });

  it('the page shows an accessible chart and tables; the form keeps bad input; the API mirrors it', async () => {
    const { app } = await testApp(db);
    try {
      const client = await Client.as(app, db, s.admin);
      const page = await client.get('/esf/economy');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<svg role="img"');
      expect(page.body).toContain('<desc id="economy-chart-desc"');
      expect(page.body).toContain('<caption>');
      expect(page.body).toMatch(/5\s000\skr/);
      const bad = await client.post('/esf/economy/budget', { month: `${LAST}-04`, personnel: 'mycket' });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('value="mycket"');
      const ok = await client.post('/esf/economy/budget', { month: `${LAST}-04`, personnel: '1 500,50' });
      expect(ok.statusCode).toBe(303);
      const token = await apiToken(db, s.admin.id);
      const res = await app.inject({
        method: 'PUT',
        url: `/api/v1/esf/budget/${LAST}-05`,
        headers: { authorization: `Bearer ${token}` },
        payload: { services: 2500 },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json() as {
        months: { month: string; budget: { services: number; personnel: number } }[];
      };
      expect(body.months.find((m) => m.month === `${LAST}-05`)?.budget.services).toBe(2500);
      expect(body.months.find((m) => m.month === `${LAST}-04`)?.budget.personnel).toBe(1500.5);
      const badApi = await app.inject({
        method: 'PUT',
        url: `/api/v1/esf/budget/${LAST}-05`,
        headers: { authorization: `Bearer ${token}` },
        payload: { services: -1 },
      });
      expect(badApi.statusCode).toBe(422);
      const contact = await Client.as(app, db, await makeContactUser(db, s.companyId));
      expect((await contact.get('/esf/economy')).statusCode).toBe(403);
      expect((await contact.post('/esf/economy/budget', { month: `${LAST}-04` })).statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });
});
