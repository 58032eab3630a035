// The ESF landing page, programme rules and participant pages and API: validation, masking, the audited
// reveal and who may do what.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { type EsfSetup, esfSetup, fictitiousPersonnummer, makeContactUser } from './test-support.ts';

let db: Db;
let app: FastifyInstance;
let s: EsfSetup;
let admin: Client;

beforeAll(async () => {
  db = await testDb();
  s = await esfSetup(db);
  ({ app } = await testApp(db));
  admin = await Client.as(app, db, s.admin);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('ESF pages', () => {
  it('the landing page and the rules show the programme; both flat rates at once are refused, input kept', async () => {
    const home = await admin.get('/esf');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Kompetens i test');
    expect(home.body).toContain('href="/esf/participants"');
    const rules = await admin.get('/esf/rules');
    expect(rules.body).toContain('Under 30 år');
    const form = {
      scbColumns: 'personnummer, lastName, firstName, startDate, endDate, employerOrgNumber',
      grants: 'ESF+: 3706566\nRegionen: 1235522',
      indirectCosts15: 'on',
      otherCosts40: 'on',
      targetCompanies: '60',
      targetParticipantsWomen: '200',
      targetParticipantsMen: '300',
      targetHours: '12000',
      targetPlans: '40',
      informationText: 'Information om ESF.',
      inactiveDays: '90',
      deminimisCeilingEur: '300000',
      sekPerEur: '11,49',
      retentionYears: '10',
    };
    const both = await admin.post('/esf/rules', form);
    expect(both.statusCode).toBe(422);
    expect(both.body).toContain('15 % och 40 % går inte att kombinera');
    expect(both.body).toContain('value="60"');
    const ok = await admin.post('/esf/rules', { ...form, otherCosts40: '' });
    expect(ok.statusCode).toBe(303);
    const token = await apiToken(db, s.admin.id);
    const api = await app.inject({
      method: 'GET',
      url: '/api/v1/esf/rules',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.json()).toMatchObject({
      flatRate: 'indirect15',
      sekPerEur: 11.49,
      targets: { companies: 60 },
    });
    expect(api.json().scbColumns.slice(0, 3)).toEqual(['personnummer', 'lastName', 'firstName']);
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/v1/esf/rules',
      headers: { authorization: `Bearer ${token}` },
      payload: { ...form, scbColumns: ['lastName', 'shoeSize'], otherCosts40: true },
    });
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json())).toContain('scbColumns');
  });

  it('registers by page: errors keep the input but never echo the number; the detail shows it masked', async () => {
    const pnr = fictitiousPersonnummer({ gender: 'man', birth: '1992-02-20' });
    const base = {
      source: 'manual',
      companyId: s.companyId,
      personnummer: pnr,
      firstName: 'Kalle',
      lastName: 'Svetsare',
      managerContactId: s.contactId,
      informationAcknowledged: 'on',
    };
    const missing = await admin.post('/esf/participants', base);
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Bekräfta att deltagaren är anställd');
    expect(missing.body).toContain('value="Kalle"');
    expect(missing.body).not.toContain(pnr.slice(9));
    const done = await admin.post('/esf/participants', { ...base, eligibilityConfirmed: 'on' });
    expect(done.statusCode).toBe(303);
    const url = done.headers.location as string;
    const page = await admin.get(url);
    expect(page.body).toContain('19920220-****');
    expect(page.body).not.toContain(pnr.slice(9));
    const reveal = await admin.post(`${url}/reveal`, {});
    expect(reveal.statusCode).toBe(200);
    expect(reveal.body).toContain(pnr);
    expect(reveal.headers['cache-control']).toBe('no-store');
    const list = await admin.get('/esf/participants?status=all');
    expect(list.body).toContain('Svetsare, Kalle');
    expect(list.body).not.toContain(pnr.slice(9));
  });

  it('who may: region admin reads but cannot register or reveal; a company contact is refused', async () => {
    const regionAdmin = await Client.as(
      app,
      db,
      await makeUser(db, [{ role: 'region_admin', org: 'region' }]),
    );
    expect((await regionAdmin.get('/esf/participants')).statusCode).toBe(200);
    expect((await regionAdmin.get('/esf/participants/new')).statusCode).toBe(403);
    const [p] = await db.query<{ id: string }>('SELECT id FROM esf_participants LIMIT 1');
    expect((await regionAdmin.post(`/esf/participants/${p?.id}/reveal`, {})).statusCode).toBe(403);
    const contact = await Client.as(app, db, await makeContactUser(db, s.companyId));
    expect((await contact.get('/esf')).statusCode).toBe(403);
    expect((await contact.get(`/esf/participants/${p?.id}`)).statusCode).toBe(403);
    const unknown = await admin.get('/esf/participants/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
  });

  it('API: register, read masked, reveal (audited), close with the end rules', async () => {
    const token = await apiToken(db, s.admin.id);
    const auth = { authorization: `Bearer ${token}` };
    const pnr = fictitiousPersonnummer({ gender: 'woman' });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/esf/participants',
      headers: auth,
      payload: {
        source: 'manual',
        companyId: s.companyId,
        personnummer: pnr,
        firstName: 'Anna',
        lastName: 'Api',
        managerName: 'Chef Chefsson',
        startedOn: '2026-02-01',
        informationAcknowledged: true,
        eligibilityConfirmed: true,
      },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      gender: 'woman',
      personnummerMasked: `${pnr.slice(0, 8)}-****`,
      startedOn: '2026-02-01',
    });
    expect(created.body).not.toContain(pnr.slice(9));
    const revealed = await app.inject({
      method: 'POST',
      url: `/api/v1/esf/participants/${body.id}/reveal`,
      headers: auth,
    });
    expect(revealed.json()).toEqual({ personnummer: pnr });
    const audits = await db.query(
      "SELECT 1 FROM audit_log WHERE action = 'esf.identity.reveal' AND entity_id = $1",
      [body.id],
    );
    expect(audits).toHaveLength(1);
    const future = await app.inject({
      method: 'POST',
      url: `/api/v1/esf/participants/${body.id}/close`,
      headers: auth,
      payload: { endedOn: '2100-01-01', version: body.version },
    });
    expect(future.statusCode).toBe(422);
    const closed = await app.inject({
      method: 'POST',
      url: `/api/v1/esf/participants/${body.id}/close`,
      headers: auth,
      payload: { endedOn: '2026-02-01', version: body.version },
    });
    expect(closed.json()).toMatchObject({ endedOn: '2026-02-01' });
  });
});
