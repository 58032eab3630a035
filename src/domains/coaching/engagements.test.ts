import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, apiToken, Client, failure, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import * as service from './service/engagements.ts';

let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let officer: TestUser;
let otherOfficer: TestUser;
let coach: TestUser;
let coach2: TestUser;
let contact: TestUser;
let companyId: string;
let engagementId: string;

const ctxOf = async (u: TestUser) => ({ actor: await actorOf(db, u.id), ip: '127.0.0.1' });

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
  otherOfficer = await makeUser(db, [{ role: 'municipality_officer', org: '0780' }]);
  coach = await makeUser(db, [{ role: 'coach', org: 'region' }], { name: 'Cecilia Coach' });
  coach2 = await makeUser(db, [{ role: 'coach', org: '0781' }], { name: 'Bertil Coach' });
  companyId = await makeCompany(db, officer, { name: 'Ljungby Svets AB' });
  contact = await makeUser(db, [{ role: 'company_contact', org: `company:${companyId}` }]);
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('engagements', () => {
  it('an officer starts one from the page; a second open one for the same company is refused', async () => {
    const client = await Client.as(app, db, officer);
    const search = await client.get('/coaching/new?q=Svets');
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain(`/coaching/new?company=${companyId}`);
    const form = await client.get(`/coaching/new?company=${companyId}`);
    expect(form.body).toContain('name="municipalityCode"');
    const bad = await client.post('/coaching/new', {
      companyId,
      municipalityCode: '0781',
      plannedHours: '7.3',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Ange hela eller halva timmar.');
    expect(bad.body).toContain('value="7.3"');
    const ok = await client.post('/coaching/new', {
      companyId,
      municipalityCode: '0781',
      plannedHours: '12,5',
      coachId: coach.id,
    });
    expect(ok.statusCode).toBe(303);
    engagementId = ok.headers.location?.toString().split('/').pop() ?? '';
    const view = await service.getEngagementDetail(db, await actorOf(db, officer.id), engagementId);
    expect(view.engagement.step).toBe('intake');
    expect(view.engagement.plannedHours).toBe(12.5);
    expect(view.coaches.map((c) => c.userId)).toEqual([coach.id]);
    // Eligibility is confirmed by a person at intake, not taken over from the company record.
    expect(view.blockers).toEqual([
      'coaching.blocker.sme',
      'coaching.blocker.county',
      'coaching.blocker.agreement',
    ]);
    const again = await client.post('/coaching/new', { companyId, municipalityCode: '0781' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Företaget har redan ett pågående coachuppdrag.');
  });

  it('steps: blocked until the intake is complete, one forward at a time, back only with a reason', async () => {
    const client = await Client.as(app, db, coach);
    const blocked = await client.post(`/coaching/${engagementId}/step`, { to: 'current_state' });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.body).toContain('Registrera datum för samverkansavtalet.');
    expect(blocked.body).toContain('Bekräfta att företaget är ett SMF.');
    // The coach may not record the intake; the officer does.
    expect((await client.post(`/coaching/${engagementId}/intake`, { smeChecked: 'on' })).statusCode).toBe(
      403,
    );
    const officerClient = await Client.as(app, db, officer);
    const badIntake = await officerClient.post(`/coaching/${engagementId}/intake`, {
      smeChecked: 'on',
      inCountyChecked: 'on',
      agreementSignedOn: '2026-13-40',
      plannedHours: '12.5',
    });
    expect(badIntake.statusCode).toBe(422);
    const intake = await officerClient.post(`/coaching/${engagementId}/intake`, {
      smeChecked: 'on',
      inCountyChecked: 'on',
      agreementSignedOn: '2026-02-01',
      agreementReference: 'RK 2026/114',
      plannedHours: '15',
    });
    expect(intake.statusCode).toBe(303);
    expect((await client.post(`/coaching/${engagementId}/step`, { to: 'current_state' })).statusCode).toBe(
      303,
    );
    const skip = await client.post(`/coaching/${engagementId}/step`, { to: 'plan' });
    expect(skip.statusCode).toBe(422);
    expect(skip.body).toContain('Gå vidare ett steg i taget.');
    const back = await client.post(`/coaching/${engagementId}/step`, { to: 'intake', reason: '' });
    expect(back.statusCode).toBe(422);
    expect(back.body).toContain('Ange ett skäl.');
    expect(
      (
        await client.post(`/coaching/${engagementId}/step`, {
          to: 'intake',
          reason: 'Avtalet ska skrivas om',
        })
      ).statusCode,
    ).toBe(303);
    expect((await client.post(`/coaching/${engagementId}/step`, { to: 'current_state' })).statusCode).toBe(
      303,
    );
    // The mapping step needs a submitted mapping before analysis.
    expect((await client.post(`/coaching/${engagementId}/step`, { to: 'mapping' })).statusCode).toBe(303);
    const noMapping = await client.post(`/coaching/${engagementId}/step`, { to: 'analysis' });
    expect(noMapping.statusCode).toBe(422);
    expect(noMapping.body).toContain('Företagets kartläggning måste vara inskickad.');
    const page = await client.get(`/coaching/${engagementId}`);
    expect(page.body).toContain('Avtalet ska skrivas om');
    const d = await service.getEngagementDetail(db, await actorOf(db, coach.id), engagementId);
    expect(d.steps.map((s) => s.toStep)).toEqual([
      'intake',
      'current_state',
      'intake',
      'current_state',
      'mapping',
    ]);
    const audits = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'coaching.engagement.step'`,
      [engagementId],
    );
    expect(audits[0]?.n).toBe(4);
  });

  it('access: assigned coach, officer of the municipality, region admin and the contact see it; others do not', async () => {
    for (const u of [coach, officer, admin, contact])
      expect((await (await Client.as(app, db, u)).get(`/coaching/${engagementId}`)).statusCode).toBe(200);
    for (const u of [coach2, otherOfficer])
      expect((await (await Client.as(app, db, u)).get(`/coaching/${engagementId}`)).statusCode).toBe(404);
    const contactPage = await (await Client.as(app, db, contact)).get(`/coaching/${engagementId}`);
    expect(contactPage.body).not.toContain('RK 2026/114');
    expect(contactPage.body).not.toContain(`/coaching/${engagementId}/step`);
    // The contact cannot change the step.
    const err = await failure(
      service.changeStep(db, await ctxOf(contact), engagementId, { to: 'analysis', reason: null }),
    );
    expect(err.code).toBe('FORBIDDEN');
    const list = await (await Client.as(app, db, coach)).get('/coaching');
    expect(list.body).toContain('Mina företag');
    expect(list.body).toContain('Ljungby Svets AB');
    expect((await (await Client.as(app, db, coach2)).get('/coaching')).body).not.toContain(
      'Ljungby Svets AB',
    );
  });

  it('reassigning keeps the history and a removed coach loses access at once', async () => {
    const officerClient = await Client.as(app, db, officer);
    expect(
      (await officerClient.post(`/coaching/${engagementId}/coaches`, { coachId: coach2.id })).statusCode,
    ).toBe(303);
    const coachClient = await Client.as(app, db, coach);
    expect((await coachClient.get(`/coaching/${engagementId}`)).statusCode).toBe(200);
    expect((await coachClient.get(`/companies/${companyId}`)).statusCode).toBe(200);
    const removed = await officerClient.post(`/coaching/${engagementId}/coaches/${coach.id}/remove`, {
      reason: 'Slutar i projektet',
    });
    expect(removed.statusCode).toBe(303);
    // Same session, next request: no access to the engagement nor to the company record.
    expect((await coachClient.get(`/coaching/${engagementId}`)).statusCode).toBe(404);
    expect((await coachClient.get(`/companies/${companyId}`)).statusCode).toBe(404);
    expect((await (await Client.as(app, db, coach2)).get(`/coaching/${engagementId}`)).statusCode).toBe(200);
    const d = await service.getEngagementDetail(db, await actorOf(db, officer.id), engagementId);
    expect(d.coachHistory.map((c) => [c.name, c.removedReason])).toEqual([
      ['Cecilia Coach', 'Slutar i projektet'],
      ['Bertil Coach', null],
    ]);
    const page = await officerClient.get(`/coaching/${engagementId}`);
    expect(page.body).toContain('Coach borttagen: Cecilia Coach');
    // The reason is kept with the assignment, not copied into the audit log.
    const audits = await db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_log WHERE entity_id = $1 AND action = 'coaching.coach.remove'`,
      [engagementId],
    );
    expect(JSON.stringify(audits)).not.toContain('Slutar i projektet');
  });

  it('a coach removed from the company record, or whose coach membership ends, loses the engagement too', async () => {
    const officerCtx = await ctxOf(officer);
    const other = await makeCompany(db, officer, { name: 'Lämnarbolaget AB' });
    const leaver = await makeUser(db, [
      { role: 'coach', org: '0781' },
      { role: 'coach', org: '0780' },
    ]);
    const id = await service.createEngagement(db, officerCtx, {
      companyId: other,
      municipalityCode: '0781',
      coachId: leaver.id,
    });
    const client = await Client.as(app, db, leaver);
    expect((await client.get(`/coaching/${id}`)).statusCode).toBe(200);
    // Removed on the company's page (the companies domain): the engagement assignment ends as well.
    await db.query('DELETE FROM company_coaches WHERE company_id = $1 AND user_id = $2', [other, leaver.id]);
    expect((await client.get(`/coaching/${id}`)).statusCode).toBe(404);
    const d = await service.getEngagementDetail(db, await actorOf(db, officer.id), id);
    expect(d.coaches).toEqual([]);
    // Assigned again, then the membership it was assigned through is removed: still a coach in Växjö, but
    // no longer of this engagement.
    await service.assignCoach(db, officerCtx, id, leaver.id);
    expect((await client.get(`/coaching/${id}`)).statusCode).toBe(200);
    const assignedThrough = (await service.getEngagementDetail(db, await actorOf(db, officer.id), id))
      .coaches[0]?.organisationId;
    await db.query(`DELETE FROM memberships WHERE user_id = $1 AND role = 'coach' AND organisation_id = $2`, [
      leaver.id,
      assignedThrough,
    ]);
    expect((await client.get(`/coaching/${id}`)).statusCode).toBe(404);
    expect((await service.getEngagementDetail(db, await actorOf(db, officer.id), id)).coaches).toEqual([]);
  });

  it('the board groups by step and the list filters; the API answers with the same rules', async () => {
    const adminClient = await Client.as(app, db, admin);
    const board = await adminClient.get('/coaching/board');
    expect(board.statusCode).toBe(200);
    expect(board.body).toMatch(/data-step="mapping"[\s\S]*Ljungby Svets AB/);
    expect((await adminClient.get('/coaching?step=intake')).body).not.toContain('Ljungby Svets AB');
    expect((await adminClient.get('/coaching?municipality=0781&q=svets')).body).toContain('Ljungby Svets AB');
    const token = await apiToken(db, admin.id);
    const api = await app.inject({
      method: 'GET',
      url: '/api/v1/coaching/engagements?step=mapping',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.statusCode).toBe(200);
    expect(api.json().rows.map((r: { companyName: string }) => r.companyName)).toEqual(['Ljungby Svets AB']);
    const other = await apiToken(db, otherOfficer.id);
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/v1/coaching/engagements/${engagementId}`,
      headers: { authorization: `Bearer ${other}` },
    });
    expect(hidden.statusCode).toBe(404);
    const back = await app.inject({
      method: 'POST',
      url: `/api/v1/coaching/engagements/${engagementId}/step`,
      headers: { authorization: `Bearer ${token}` },
      payload: { to: 'intake' },
    });
    expect(back.statusCode).toBe(422);
    expect(back.json().errors[0].field).toBe('reason');
    expect(back.json().errors[0].message).toBe('Ange ett skäl.');
    const closed = await app.inject({
      method: 'POST',
      url: `/api/v1/coaching/engagements/${engagementId}/step`,
      headers: { authorization: `Bearer ${token}` },
      payload: { to: 'closed', reason: 'Företaget avbröt' },
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().step).toBe('closed');
    expect(closed.json().access.canEdit).toBe(false);
    // A new engagement may start once the old one is closed.
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/coaching/engagements',
      headers: { authorization: `Bearer ${token}` },
      payload: { companyId, municipalityCode: '0781' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().plannedHours).toBe(15);
  });
});

describe('programme rules', () => {
  it('a region admin sets planned hours, follow-up months and notes sharing; bad input keeps what was typed', async () => {
    const programmeId = randomUUID();
    await db.query(
      `INSERT INTO programmes (id, region_id, name, starts_on, ends_on, rule_set)
       SELECT $1, region_id, 'Kompetens i test', '2024-01-01', '2030-12-31', 'esf-plus-2021-2027'
         FROM companies WHERE id = $2`,
      [programmeId, companyId],
    );
    const client = await Client.as(app, db, admin);
    const page = await client.get('/coaching/rules');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="3, 6, 12"');
    const bad = await client.post(`/coaching/rules/${programmeId}`, {
      plannedHours: '12',
      followupMonths: '3, sex',
      notesSharing: 'programme',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Ange mellan ett och sex heltal från 1 till 60');
    expect(bad.body).toContain('value="3, sex"');
    const ok = await client.post(`/coaching/rules/${programmeId}`, {
      plannedHours: '20,5',
      followupMonths: '12 6 6',
      notesSharing: 'programme',
    });
    expect(ok.statusCode).toBe(303);
    const token = await apiToken(db, admin.id);
    const api = await app.inject({
      method: 'GET',
      url: '/api/v1/coaching/rules',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.json()).toContainEqual({
      id: programmeId,
      name: 'Kompetens i test',
      plannedHours: 20.5,
      followupMonths: [6, 12],
      notesSharing: 'programme',
    });
    expect((await (await Client.as(app, db, officer)).get('/coaching/rules')).statusCode).toBe(403);
    // A new engagement takes the programme's default hours.
    const other = await makeCompany(db, officer, { name: 'Regelbolaget AB' });
    const created = await service.createEngagement(db, await ctxOf(officer), {
      companyId: other,
      municipalityCode: '0781',
    });
    const d = await service.getEngagementDetail(db, await actorOf(db, officer.id), created);
    expect(d.engagement.plannedHours).toBe(20.5);
    expect(d.engagement.followupMonths).toEqual([6, 12]);
  });
});

describe('adopting the plan', () => {
  it('the company adopts what it was shown: a plan changed after the page was opened is refused', async () => {
    const company = await makeCompany(db, officer, { name: 'Antagarbolaget AB' });
    const hr = await makeUser(db, [{ role: 'company_contact', org: `company:${company}` }], {
      name: 'Hedda HR',
    });
    const id = await service.createEngagement(db, await ctxOf(officer), {
      companyId: company,
      municipalityCode: '0781',
      coachId: coach2.id,
    });
    const coachClient = await Client.as(app, db, coach2);
    const add = (title: string) =>
      coachClient.post(`/coaching/${id}/plan/actions/new`, { title, kind: 'externalTraining', hours: '8' });
    expect((await add('Truckkort för lagret')).statusCode).toBe(303);
    const hrClient = await Client.as(app, db, hr);
    const form = await hrClient.get(`/coaching/${id}/plan/adopt`);
    expect(form.body).toContain('Truckkort för lagret');
    const revision = form.body.match(/name="revision" value="(\d+)"/)?.[1] ?? '';
    expect((await add('Ny åtgärd efter att sidan öppnades')).statusCode).toBe(303);
    const stale = await hrClient.post(`/coaching/${id}/plan/adopt`, {
      revision,
      adoptedByName: 'Någon annan',
    });
    expect(stale.statusCode).toBe(409);
    const fresh = (await hrClient.get(`/coaching/${id}/plan/adopt`)).body.match(
      /name="revision" value="(\d+)"/,
    )?.[1];
    const ok = await hrClient.post(`/coaching/${id}/plan/adopt`, {
      revision: fresh ?? '',
      adoptedByName: 'Någon annan',
    });
    expect(ok.statusCode).toBe(303);
    const [version] = await db.query<{ name: string }>(
      `SELECT v.adopted_by_name AS name FROM plan_versions v JOIN coaching_plans p ON p.id = v.plan_id
        WHERE p.engagement_id = $1`,
      [id],
    );
    // A contact adopts in their own name, whatever is typed.
    expect(version?.name).toBe('Hedda HR');
  });
});
