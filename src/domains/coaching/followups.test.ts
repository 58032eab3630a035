// Follow-ups of an adopted plan: the list (dated on adoption), the form's validation (422 with the input
// kept), completing one (action statuses applied to the plan, maturity stored), the company contact's part
// (feedback and plan in use, nothing else), and access (another company's contact 404).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { createEngagement } from './service/engagements.ts';
import { followupState } from './service/followups.ts';
import { adoptPlan } from './service/plan-versions.ts';
import { createAction } from './service/plan-write.ts';

let db: Db;
let app: FastifyInstance;
let coach: TestUser;
let contact: TestUser;
let otherContact: TestUser;
let engagementId: string;
let actionA: string;
let actionB: string;
let followupId: string;

const ctxOf = async (u: TestUser) => ({ actor: await actorOf(db, u.id), ip: '127.0.0.1' });

async function api(user: TestUser, method: 'GET' | 'PATCH', url: string, payload?: object) {
  const token = await apiToken(db, user.id);
  return app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
}

const action = (title: string) => ({
  title,
  kind: 'externalTraining' as const,
  goalId: null,
  ownerName: null,
  dueOn: null,
  costSek: null,
  hours: null,
  needPositions: [],
});

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  const officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
  coach = await makeUser(db, [{ role: 'coach', org: 'region' }]);
  const companyId = await makeCompany(db, officer, { name: 'Uppföljning AB' });
  const other = await makeCompany(db, officer, { name: 'Annat AB' });
  contact = await makeUser(db, [{ role: 'company_contact', org: `company:${companyId}` }]);
  otherContact = await makeUser(db, [{ role: 'company_contact', org: `company:${other}` }]);
  engagementId = await createEngagement(db, await ctxOf(officer), {
    companyId,
    municipalityCode: '0781',
    plannedHours: 10,
    coachId: coach.id,
  });
  actionA = await createAction(db, await ctxOf(coach), engagementId, action('Truckkort för lagret'));
  actionB = await createAction(db, await ctxOf(coach), engagementId, action('Svetskurs'));
  await adoptPlan(db, await ctxOf(contact), engagementId, { adoptedByName: null });
  const [row] = await db.query<{ id: string }>(
    'SELECT id FROM plan_followups WHERE engagement_id = $1 AND months = 3',
    [engagementId],
  );
  followupId = row?.id ?? '';
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('follow-ups', () => {
  it('lists the dated follow-ups and tells due, overdue and done apart', async () => {
    const page = await (await Client.as(app, db, coach)).get(`/coaching/${engagementId}/followups`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-months="3"');
    expect(page.body).toContain('data-months="12"');
    expect(page.body).toContain('data-state="upcoming"');
    expect(followupState({ doneAt: null, dueOn: '2026-01-01' }, '2026-02-01')).toBe('overdue');
    expect(followupState({ doneAt: new Date(), dueOn: '2026-01-01' }, '2026-02-01')).toBe('done');
  });

  it('validates the form: maturity 1–4 with one decimal, a known status (422, input kept)', async () => {
    const client = await Client.as(app, db, coach);
    const res = await client.post(`/coaching/${engagementId}/followups/${followupId}`, {
      [`status.${actionA}`]: 'done',
      maturityScore: '4,25',
      companyFeedback: 'Behåll texten',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Ange ett tal från 1 till 4 med högst en decimal');
    expect(res.body).toContain('Behåll texten</textarea>');
    const missing = await client.post(`/coaching/${engagementId}/followups/${followupId}`, {
      maturityScore: '',
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Ange den nya mognadspoängen.');
    const api422 = await api(
      coach,
      'PATCH',
      `/api/v1/coaching/engagements/${engagementId}/followups/${followupId}`,
      {
        maturityScore: 5,
      },
    );
    expect(api422.statusCode).toBe(422);
  });

  it("lets the company contact write only the company's part", async () => {
    const client = await Client.as(app, db, contact);
    const form = await client.get(`/coaching/${engagementId}/followups/${followupId}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain('name="maturityScore"');
    const res = await client.post(`/coaching/${engagementId}/followups/${followupId}`, {
      planInUse: 'yes',
      companyFeedback: 'Planen hjälper oss',
      maturityScore: '4',
    });
    expect(res.statusCode).toBe(303);
    const [row] = await db.query<{
      feedback: string;
      inUse: boolean;
      maturity: string | null;
      done: Date | null;
    }>(
      `SELECT company_feedback AS feedback, plan_in_use AS "inUse", maturity_score AS maturity, done_at AS done
         FROM plan_followups WHERE id = $1`,
      [followupId],
    );
    expect(row).toMatchObject({ feedback: 'Planen hjälper oss', inUse: true, maturity: null, done: null });
    expect(
      (
        await (
          await Client.as(app, db, otherContact)
        ).get(`/coaching/${engagementId}/followups/${followupId}`)
      ).statusCode,
    ).toBe(404);
  });

  it('completes a follow-up: action statuses stored and applied to the plan, maturity kept', async () => {
    const client = await Client.as(app, db, coach);
    const res = await client.post(`/coaching/${engagementId}/followups/${followupId}`, {
      [`status.${actionA}`]: 'done',
      [`status.${actionB}`]: 'dropped',
      maturityScore: '2,5',
      planInUse: 'yes',
      companyFeedback: 'Planen hjälper oss',
      coachComment: 'Bra fart',
    });
    expect(res.statusCode).toBe(303);
    const list = (
      await api(coach, 'GET', `/api/v1/coaching/engagements/${engagementId}/followups`)
    ).json() as {
      id: string;
      state: string;
      maturityScore: number | null;
      actionStatuses: { actionId: string; status: string }[];
    }[];
    const f = list.find((x) => x.id === followupId);
    expect(f?.state).toBe('done');
    expect(f?.maturityScore).toBe(2.5);
    expect(f?.actionStatuses).toEqual([
      expect.objectContaining({ actionId: actionA, status: 'done' }),
      expect.objectContaining({ actionId: actionB, status: 'dropped' }),
    ]);
    const statuses = await db.query<{ id: string; status: string }>(
      'SELECT id, status FROM plan_actions WHERE id = ANY($1::uuid[]) ORDER BY position',
      [[actionA, actionB]],
    );
    expect(statuses.map((s) => s.status)).toEqual(['done', 'dropped']);
    const audit = await db.query<{ details: { part: string } }>(
      `SELECT details FROM audit_log WHERE action = 'coaching.followup.save' AND entity_id = $1 ORDER BY id`,
      [engagementId],
    );
    expect(audit.map((a) => a.details.part)).toEqual(['company', 'complete']);
    expect(JSON.stringify(audit)).not.toContain('Bra fart');
  });
});
