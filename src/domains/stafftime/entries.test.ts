// Time entries through HTTP: half hours, the 24-hour cap, future dates, company scope, editing only one's
// own entries, the signed-month lock and its audited unlock, and who sees whose time.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type TestUser } from '../../../test/app.ts';
import type { Db } from '../../platform/db.ts';
import { addDays, today } from './dates.ts';
import { setupWorld, type World } from './test-support.ts';

let w: World;
let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let ljungby: TestUser;
let vaxjo: TestUser;
let coach: TestUser;
let consultant: TestUser;
let contact: TestUser;
let esf: TestUser;
let ownCompany: string;
let otherCompany: string;

beforeAll(async () => {
  w = await setupWorld();
  ({ db, app, admin, ljungby, vaxjo, coach, consultant, contact, esf, ownCompany, otherCompany } = w);
});
afterAll(async () => {
  await w?.app.close();
  await w?.db.close();
});

const api: World['api'] = (...args) => w.api(...args);

describe('logging hours on the page', () => {
  it('adds half hours without JavaScript and shows the week total', async () => {
    const client = await Client.as(app, db, coach);
    const page = await client.get('/time');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<label class="ds-label" for="f-hours"');
    expect(page.body).toContain('Ljungby Lack AB');
    expect(page.body).not.toContain('Växjö Verkstad AB');
    const day = today();
    const res = await client.post('/time/entries', {
      workDate: day,
      hours: '1,5',
      activity: 'coaching',
      companyId: ownCompany,
      note: 'Uppstartsmöte',
    });
    expect(res.statusCode).toBe(303);
    const week = await client.get(res.headers.location as string);
    expect(week.body).toContain('Timmarna är sparade.');
    expect(week.body).toMatch(/Veckans summa: 1,5 timmar/);
    expect(week.body).toContain('Uppstartsmöte');
    expect((await client.get('/time?week=2025-13-45')).statusCode).toBe(422);
    client.cookies.set('kn_lang', 'en');
    const english = await client.get('/time');
    expect(english.statusCode).toBe(200);
    expect(english.body).toContain('Add hours');
    expect(english.body).toMatch(/Week total: 1[.,]5 hours/);
    client.cookies.delete('kn_lang');
  });

  it('refuses quarter hours, future dates and foreign companies at the field, input kept', async () => {
    const client = await Client.as(app, db, coach);
    const bad = await client.post('/time/entries', {
      workDate: today(),
      hours: '1,25',
      activity: 'mapping',
      note: 'kvart',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('hela eller halva timmar');
    expect(bad.body).toContain('aria-invalid="true"');
    expect(bad.body).toContain('value="1,25"');
    const future = await client.post('/time/entries', {
      workDate: addDays(today(), 2),
      hours: '2',
      activity: 'mapping',
    });
    expect(future.statusCode).toBe(422);
    expect(future.body).toContain('efter i dag');
    const foreign = await client.post('/time/entries', {
      workDate: today(),
      hours: '1',
      activity: 'coaching',
      companyId: otherCompany,
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.body).toContain('Välj ett företag som du har tillgång till.');
    const en = await api(coach, 'POST', '/api/v1/time/entries', {
      workDate: today(),
      hours: 0.3,
      activity: 'other',
    });
    expect(en.statusCode).toBe(422);
  });

  it('caps a day at 24 hours', async () => {
    const day = '2025-02-03';
    const first = await api(coach, 'POST', '/api/v1/time/entries', {
      workDate: day,
      hours: 20,
      activity: 'other',
    });
    expect(first.statusCode).toBe(201);
    const over = await api(coach, 'POST', '/api/v1/time/entries', {
      workDate: day,
      hours: 4.5,
      activity: 'other',
    });
    expect(over.statusCode).toBe(422);
    expect(JSON.stringify(over.json())).toContain('hours');
    const fits = await api(coach, 'POST', '/api/v1/time/entries', {
      workDate: day,
      hours: '4',
      activity: 'information',
    });
    expect(fits.statusCode).toBe(201);
    // Editing the first entry up by half an hour would exceed the day, down is fine.
    const id = first.json().id as string;
    expect((await api(coach, 'PATCH', `/api/v1/time/entries/${id}`, { hours: 20.5 })).statusCode).toBe(422);
    const down = await api(coach, 'PATCH', `/api/v1/time/entries/${id}`, { hours: 19.5 });
    expect(down.statusCode).toBe(200);
    expect(down.json().hours).toBe(19.5);
    const client = await Client.as(app, db, coach);
    const page = await client.post('/time/entries', { workDate: day, hours: '1', activity: 'other' });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('Det återstår 0,5 timmar');
    const list = await api(coach, 'GET', `/api/v1/time/entries?from=${day}&to=${day}`);
    expect(
      list
        .json()
        .entries.map((e: { hours: number }) => e.hours)
        .sort(),
    ).toEqual([19.5, 4]);
  });

  it("edits and removes only one's own entries", async () => {
    const made = await api(coach, 'POST', '/api/v1/time/entries', {
      workDate: '2025-02-04',
      hours: 2,
      activity: 'mapping',
      companyId: ownCompany,
    });
    const id = made.json().id as string;
    expect((await api(consultant, 'PATCH', `/api/v1/time/entries/${id}`, { hours: 1 })).statusCode).toBe(404);
    expect((await api(admin, 'DELETE', `/api/v1/time/entries/${id}`)).statusCode).toBe(404);
    const client = await Client.as(app, db, coach);
    const edit = await client.get(`/time?week=2025-02-04&edit=${id}`);
    expect(edit.body).toContain(`action="/time/entries/${id}"`);
    const saved = await client.post(`/time/entries/${id}`, {
      workDate: '2025-02-04',
      hours: '3',
      activity: 'mapping',
    });
    expect(saved.statusCode).toBe(303);
    expect(
      (await api(coach, 'GET', '/api/v1/time/entries?from=2025-02-04&to=2025-02-04')).json().entries[0].hours,
    ).toBe(3);
    const removed = await client.post(`/time/entries/${id}/delete`, {});
    expect(removed.statusCode).toBe(303);
    expect(
      (await api(coach, 'GET', '/api/v1/time/entries?from=2025-02-04&to=2025-02-04')).json().entries,
    ).toEqual([]);
    const audits = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_type = 'staff_time_entry' AND entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(audits.map((a) => a.action)).toEqual([
      'stafftime.entry_created',
      'stafftime.entry_updated',
      'stafftime.entry_deleted',
    ]);
  });
});

describe('signed months', () => {
  it('locks a signed month and a region admin unlocks it with an audited reason', async () => {
    const made = await api(coach, 'POST', '/api/v1/time/entries', {
      workDate: '2025-04-10',
      hours: 6,
      activity: 'coaching',
    });
    expect(made.statusCode).toBe(201);
    const id = made.json().id as string;
    const signed = await api(coach, 'POST', '/api/v1/time/months/2025-04/sign');
    expect(signed.statusCode).toBe(201);
    expect(signed.json().totals.totalHours).toBe(6);
    expect(signed.json().signedAt).not.toBeNull();
    expect((await api(coach, 'POST', '/api/v1/time/months/2025-04/sign')).statusCode).toBe(409);
    const more = await api(coach, 'POST', '/api/v1/time/entries', {
      workDate: '2025-04-11',
      hours: 1,
      activity: 'other',
    });
    expect(more.statusCode).toBe(422);
    expect(JSON.stringify(more.json())).toContain('workDate');
    expect((await api(coach, 'PATCH', `/api/v1/time/entries/${id}`, { hours: 5 })).statusCode).toBe(409);
    expect((await api(coach, 'DELETE', `/api/v1/time/entries/${id}`)).statusCode).toBe(409);
    // Moving an entry of an open month into the signed month is refused too.
    const open = await api(coach, 'POST', '/api/v1/time/entries', {
      workDate: '2025-05-02',
      hours: 1,
      activity: 'other',
    });
    expect(
      (await api(coach, 'PATCH', `/api/v1/time/entries/${open.json().id}`, { workDate: '2025-04-30' }))
        .statusCode,
    ).toBe(422);
    const client = await Client.as(app, db, coach);
    const page = await client.get('/time/month/2025-04');
    expect(page.body).toContain('Signerad');
    expect(page.body).not.toContain('Signera månaden</button>');
    const week = await client.get('/time?week=2025-04-10');
    expect(week.body).toContain('Månaden 2025-04 är signerad och låst.');
    expect(week.body).not.toContain(`/time/entries/${id}/delete`);

    // Officers may not unlock; the region admin may, with a reason.
    expect(
      (await api(ljungby, 'POST', '/api/v1/time/months/2025-04/unlock', { userId: coach.id, reason: 'Fel' }))
        .statusCode,
    ).toBe(403);
    const adminClient = await Client.as(app, db, admin);
    const noReason = await adminClient.post('/time/month/2025-04/unlock', { userId: coach.id, reason: '' });
    expect(noReason.statusCode).toBe(422);
    const unlocked = await adminClient.post('/time/month/2025-04/unlock', {
      userId: coach.id,
      reason: 'Fel aktivitet den 10 april',
    });
    expect(unlocked.statusCode).toBe(303);
    expect((await api(coach, 'PATCH', `/api/v1/time/entries/${id}`, { hours: 5 })).statusCode).toBe(200);
    const audit = await db.query<{ details: { reason: string } }>(
      `SELECT details FROM audit_log WHERE action = 'stafftime.month_unlocked' AND actor_user_id = $1`,
      [admin.id],
    );
    expect(audit[0]?.details.reason).toBe('Fel aktivitet den 10 april');
    expect((await api(coach, 'POST', '/api/v1/time/months/2025-04/sign')).json().totals.totalHours).toBe(5);
  });
});

describe('who sees whose time', () => {
  it('keeps staff of one municipality away from the officer of another', async () => {
    expect((await api(vaxjo, 'GET', `/api/v1/time/months/2025-04?user=${coach.id}`)).statusCode).toBe(404);
    expect((await api(ljungby, 'GET', `/api/v1/time/months/2025-04?user=${coach.id}`)).statusCode).toBe(200);
    expect((await api(esf, 'GET', `/api/v1/time/months/2025-04?user=${coach.id}`)).statusCode).toBe(200);
    expect((await api(consultant, 'GET', `/api/v1/time/months/2025-04?user=${coach.id}`)).statusCode).toBe(
      404,
    );
    const vaxjoSummary = await api(vaxjo, 'GET', `/api/v1/time/summary?month=2025-04&user=${coach.id}`);
    expect(vaxjoSummary.json().rows).toEqual([]);
    const ljungbySummary = await api(ljungby, 'GET', '/api/v1/time/summary?month=2025-04');
    expect(ljungbySummary.json().rows.map((r: { userName: string }) => r.userName)).toContain('Conny Coach');
    // A coach sees only their own hours, whatever the filter says.
    const own = await api(consultant, 'GET', `/api/v1/time/summary?month=2025-04&user=${coach.id}`);
    expect(own.json().rows).toEqual([]);
    const page = await (await Client.as(app, db, consultant)).get('/time/summary?month=2025-04');
    expect(page.body).toContain('Du ser dina egna timmar.');
    expect(page.body).not.toContain('Conny Coach</td>');
    expect((await (await Client.as(app, db, contact)).get('/time')).statusCode).toBe(403);
    expect((await (await Client.as(app, db, coach)).get('/time/staff')).statusCode).toBe(403);
    expect((await api(esf, 'PUT', `/api/v1/time/staff/${coach.id}/employment`, {})).statusCode).toBe(403);
  });
});

describe('a closed ESF payment-claim period', () => {
  it('freezes the staff time of its months: no new, changed or deleted entries, no signing', async () => {
    const month = today().slice(0, 7);
    const day = today();
    const made = await api(coach, 'POST', '/api/v1/time/entries', {
      workDate: day,
      hours: 1,
      activity: 'coaching',
      companyId: ownCompany,
    });
    expect(made.statusCode).toBe(201);
    const [programme] = await db.query<{ id: string }>(
      `INSERT INTO programmes (id, region_id, name, starts_on, ends_on, rule_set)
       VALUES (gen_random_uuid(), $1, 'Frys', '2024-01-01', '2028-12-31', 'esf-plus-2021-2027') RETURNING id`,
      [w.regionId],
    );
    const [period] = await db.query<{ id: string }>(
      `INSERT INTO esf_claim_periods (id, programme_id, first_month, last_month, status, closed_at)
       VALUES (gen_random_uuid(), $1, $2, $2, 'closed', now()) RETURNING id`,
      [programme?.id, month],
    );
    const again = await api(coach, 'POST', '/api/v1/time/entries', {
      workDate: day,
      hours: 1,
      activity: 'coaching',
      companyId: ownCompany,
    });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('stafftime.error.claimClosed');
    expect((await api(coach, 'DELETE', `/api/v1/time/entries/${made.json().id}`)).statusCode).toBe(409);
    const sign = await api(coach, 'POST', `/api/v1/time/months/${month}/sign`);
    expect(sign.statusCode).toBe(409);
    // Costs too: a consultant's invoice dated in the month.
    const external = await api(admin, 'PUT', `/api/v1/time/staff/${consultant.id}/employment`, {
      organisationId: w.alvestaOrg,
      kind: 'external',
      validFrom: '2020-01-01',
    });
    expect(external.statusCode).toBe(200);
    const invoice = await api(consultant, 'POST', '/api/v1/time/invoices', {
      companyId: null,
      invoiceNumber: 'F-FRYST-1',
      invoiceDate: day,
      periodFrom: `${month}-01`,
      periodTo: day,
      hours: 2,
      amountSek: 2000,
    });
    expect(invoice.statusCode).toBe(422);
    expect(invoice.body).toContain('stafftime.error.claimClosed');
    await db.query('DELETE FROM esf_claim_periods WHERE id = $1', [period?.id]);
    await db.query('DELETE FROM programmes WHERE id = $1', [programme?.id]);
    expect((await api(coach, 'DELETE', `/api/v1/time/entries/${made.json().id}`)).statusCode).toBe(204);
  });
});
