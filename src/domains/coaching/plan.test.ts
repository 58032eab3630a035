// The competence-supply plan through HTTP and the services: building it from the mapping's ranked gaps,
// actions with validation (page 422, API 422), status changes with a comment, access (unassigned coach
// and another company's contact 404, the company's contact reads, comments and adopts but cannot edit),
// adoption freezing versions, differences between versions, follow-ups dated on the first adoption only.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { ensureCommonInstrument, mappings, rankedNeedsOf, sampleAnswers } from '../mapping/index.ts';
import { searchCompetences } from '../reference/index.ts';
import { createEngagement } from './service/engagements.ts';
import { addMonths } from './service/plan-versions.ts';

let db: Db;
let app: FastifyInstance;
let officer: TestUser;
let coach: TestUser;
let otherCoach: TestUser;
let contact: TestUser;
let otherContact: TestUser;
let engagementId: string;
let mappingId: string;
let otherCompany: string;

const ctxOf = async (u: TestUser) => ({ actor: await actorOf(db, u.id), ip: '127.0.0.1' });
const base = () => `/coaching/${engagementId}/plan`;
const apiBase = () => `/api/v1/coaching/engagements/${engagementId}/plan`;

async function api(
  user: TestUser,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) {
  const token = await apiToken(db, user.id);
  return app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
}

interface PlanJson {
  revision: number;
  adoptedVersion: number;
  changedSinceAdoption: boolean;
  actions: {
    id: string;
    title: string;
    kind: string;
    status: string;
    hours: number | null;
    needs: { position: number; label: string }[];
    comments: { body: string }[];
  }[];
  needs: { position: number; rank: number; label: string; planned: boolean }[] | null;
}

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  await ensureCommonInstrument(db);
  const admin = await actorOf(db, (await makeUser(db, [{ role: 'region_admin', org: 'region' }])).id);
  officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }], { name: 'Olle Officer' });
  coach = await makeUser(db, [{ role: 'coach', org: 'region' }], { name: 'Cecilia Coach' });
  otherCoach = await makeUser(db, [{ role: 'coach', org: 'region' }]);
  const companyId = await makeCompany(db, officer, { name: 'Åsa & Örjans Svetsverkstad AB' });
  otherCompany = await makeCompany(db, officer, { name: 'Annat Bolag AB' });
  contact = await makeUser(db, [{ role: 'company_contact', org: `company:${companyId}` }], {
    name: 'Karin Kontakt',
  });
  otherContact = await makeUser(db, [{ role: 'company_contact', org: `company:${otherCompany}` }]);
  const roundId = await mappings.createRound(db, admin, {
    key: 'plan-2026',
    nameSv: 'Plan 2026',
    nameEn: 'Plan 2026',
    opensOn: null,
    closesOn: null,
  });
  const o = await actorOf(db, officer.id);
  mappingId = (await mappings.startMapping(db, o, { companyId, roundId })).id;
  await mappings.acceptNotice(db, o, mappingId, []);
  const view = await mappings.getMapping(db, o, mappingId);
  const competenceIds = (await searchCompetences(db, 'svetsning', 5)).map((c) => c.conceptId);
  let seed = 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const answers = sampleAnswers(view.definition, {
    roles: [
      { title: 'Svetsare', ssyk: '7212', women: 1, men: 4 },
      { title: 'Montör', ssyk: '8211', women: 2, men: 2 },
    ],
    competenceIds,
    maturity: [2, 3],
    random,
  });
  let revision = view.mapping.revision;
  for (const [key, section] of Object.entries(answers)) {
    const r = await mappings.saveSection(db, o, mappingId, key, { baseRevision: revision, answers: section });
    if (r.kind !== 'saved') throw new Error('conflict');
    revision = r.revision;
  }
  await mappings.submitMapping(db, o, mappingId);
  engagementId = await createEngagement(db, await ctxOf(officer), {
    companyId,
    municipalityCode: '0781',
    plannedHours: 10,
    coachId: coach.id,
  });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('building the plan from the gaps', () => {
  it('lists the ranked needs with the top ones ticked and creates one suggested action per need', async () => {
    const ranked = (await rankedNeedsOf(db, mappingId)).needs;
    expect(ranked.length).toBeGreaterThan(1);
    const client = await Client.as(app, db, coach);
    const page = await client.get(`${base()}/build`);
    expect(page.statusCode).toBe(200);
    const first = ranked[0];
    if (!first) throw new Error('no needs');
    expect(page.body).toContain(`name="needPositions" value="${first.position}" checked`);
    const res = await client.post(`${base()}/build`, { needPositions: first.position });
    expect(res.statusCode).toBe(303);
    const plan = (await api(coach, 'GET', apiBase())).json() as PlanJson;
    expect(plan.actions).toHaveLength(1);
    const a = plan.actions[0];
    expect(a?.title).toBe(`${first.competenceName} – ${first.roleTitle}`);
    expect(a?.kind).toBe(first.strategy);
    expect(a?.hours).toBe(first.hours);
    expect(a?.needs.map((n) => n.position)).toEqual([first.position]);
    expect(plan.needs?.find((n) => n.position === first.position)?.planned).toBe(true);
    // Through the API: the default builds the next top needs not yet planned.
    const built = await api(coach, 'POST', `${apiBase()}/build`, {});
    expect(built.statusCode).toBe(201);
    const after = built.json() as PlanJson;
    expect(after.actions.length).toBe(1 + Math.min(5, ranked.length - 1));
    const page2 = await client.get(base());
    expect(page2.body).toContain('Kompetensförsörjningsplan');
    expect(page2.body).toContain(first.competenceName.replace(/&/g, '&amp;'));
  });
  it('refuses to build with a clear message when no submitted mapping is linked', async () => {
    const other = await createEngagement(db, await ctxOf(officer), {
      companyId: otherCompany,
      municipalityCode: '0781',
      plannedHours: 10,
      coachId: coach.id,
    });
    const client = await Client.as(app, db, coach);
    const page = await client.get(`/coaching/${other}/plan/build`);
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('Uppdraget har ingen inskickad kartläggning');
    const res = await api(coach, 'POST', `/api/v1/coaching/engagements/${other}/plan/build`, {});
    expect(res.statusCode).toBe(409);
  });
});

describe('actions', () => {
  it('validates the action form (page 422 with input kept, API 422) and saves a valid action', async () => {
    const client = await Client.as(app, db, coach);
    const bad = await client.post(`${base()}/actions/new`, {
      title: '',
      kind: 'nope',
      hours: '1,55',
      ownerName: 'Åke',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('id="f-title"');
    expect(bad.body).toContain('value="Åke"');
    expect(bad.body).toContain('ds-error-summary');
    const badApi = await api(coach, 'POST', `${apiBase()}/actions`, {
      title: 'x',
      kind: 'recruit',
      needPositions: [9999],
    });
    expect(badApi.statusCode).toBe(422);
    const ok = await client.post(`${base()}/actions/new`, {
      title: 'Samarbete med yrkeshögskolan',
      kind: 'schoolCollaboration',
      ownerName: 'Åsa',
      dueOn: '2027-03-01',
      costSek: '12000',
      hours: '7,5',
    });
    expect(ok.statusCode).toBe(303);
    const plan = (await api(coach, 'GET', apiBase())).json() as PlanJson;
    const a = plan.actions.find((x) => x.title === 'Samarbete med yrkeshögskolan');
    expect(a).toMatchObject({ kind: 'schoolCollaboration', hours: 7.5 });
  });

  it('changes the status with a comment, links a course and edits an action', async () => {
    const client = await Client.as(app, db, coach);
    const plan = (await api(coach, 'GET', apiBase())).json() as PlanJson;
    const a = plan.actions[0];
    if (!a) throw new Error('no action');
    const res = await client.post(`${base()}/actions/${a.id}/status`, {
      status: 'ongoing',
      comment: 'Startade i dag',
    });
    expect(res.statusCode).toBe(303);
    // A real approved course of the catalogue (the link has a foreign key to courses).
    const courseId = randomUUID();
    const providerOrg = randomUUID();
    await db.query(
      `INSERT INTO organisations (id, kind, name, region_id)
       SELECT $1, 'provider', 'Svetsskolan AB', id FROM organisations WHERE kind = 'region' LIMIT 1`,
      [providerOrg],
    );
    await db.query(
      `INSERT INTO courses (id, region_id, provider_org_id, title, format, hours, financing, status, approved_at)
       SELECT $1, region_id, id, 'Svetsning grund', 'classroom', 16, 'company', 'approved', now()
         FROM organisations WHERE id = $2`,
      [courseId, providerOrg],
    );
    // A course that does not exist, or is not approved, is refused.
    const unknown = await api(coach, 'POST', `${apiBase()}/actions/${a.id}/courses`, {
      courseId: randomUUID(),
      courseTitle: 'Finns inte',
    });
    expect(unknown.statusCode).toBe(422);
    const draftId = randomUUID();
    await db.query(
      `INSERT INTO courses (id, region_id, provider_org_id, title, format, hours, financing, status)
       SELECT $1, region_id, id, 'Utkast', 'classroom', 8, 'company', 'draft' FROM organisations WHERE id = $2`,
      [draftId, providerOrg],
    );
    const draft = await api(coach, 'POST', `${apiBase()}/actions/${a.id}/courses`, {
      courseId: draftId,
      courseTitle: 'Utkast',
    });
    expect(draft.statusCode).toBe(422);
    const course = await api(coach, 'POST', `${apiBase()}/actions/${a.id}/courses`, {
      courseId,
      courseTitle: 'Svetsning grund',
    });
    expect(course.statusCode).toBe(201);
    const after = course.json() as PlanJson['actions'][number] & { courses: { courseTitle: string }[] };
    expect(after.status).toBe('ongoing');
    expect(after.comments.map((c) => c.body)).toEqual(['Startade i dag']);
    expect(after.courses.map((c) => c.courseTitle)).toEqual(['Svetsning grund']);
    const page = await client.get(base());
    expect(page.body).toContain(`href="/kurser/${courseId}"`);
    expect(page.body).toContain(`href="/training/courses/${courseId}/enrol-next"`);
    const edit = await client.get(`${base()}/actions/${a.id}/edit`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('name="needPositions"');
    const audits = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'coaching.plan.%'`,
      [engagementId],
    );
    expect(audits.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'coaching.plan.build',
        'coaching.plan.action.create',
        'coaching.plan.action.status',
      ]),
    );
  });
});

describe('access', () => {
  it('hides the plan from an unassigned coach and another company’s contact (404)', async () => {
    for (const u of [otherCoach, otherContact]) {
      expect((await (await Client.as(app, db, u)).get(base())).statusCode).toBe(404);
      expect((await api(u, 'GET', apiBase())).statusCode).toBe(404);
    }
  });

  it('lets the company contact read and comment but not edit (403)', async () => {
    const client = await Client.as(app, db, contact);
    const page = await client.get(base());
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(`${base()}/actions/new`);
    expect((await client.get(`${base()}/edit`)).statusCode).toBe(403);
    expect((await client.post(`${base()}/actions/new`, { title: 'x', kind: 'recruit' })).statusCode).toBe(
      403,
    );
    expect((await api(contact, 'PUT', apiBase(), { summary: 'x', goals: [] })).statusCode).toBe(403);
    const plan = (await api(contact, 'GET', apiBase())).json() as PlanJson;
    const a = plan.actions[0];
    if (!a) throw new Error('no action');
    expect(
      (await client.post(`${base()}/actions/${a.id}/comments`, { body: 'Bra förslag' })).statusCode,
    ).toBe(303);
  });
});

describe('adoption, versions and follow-ups', () => {
  it('freezes version 1 on adoption and dates the follow-ups at +3/+6/+12 months', async () => {
    const client = await Client.as(app, db, contact);
    const form = await client.get(`${base()}/adopt`);
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain('name="adoptedByName"');
    const res = await client.post(`${base()}/adopt`, {});
    expect(res.statusCode).toBe(303);
    const v1 = (await api(contact, 'GET', `${apiBase()}/versions/1`)).json() as {
      adoptedByName: string;
      content: { actions: { title: string }[] };
    };
    expect(v1.adoptedByName).toBe('Karin Kontakt');
    const followups = (
      await api(coach, 'GET', `/api/v1/coaching/engagements/${engagementId}/followups`)
    ).json() as {
      months: number;
      dueOn: string;
    }[];
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    expect(followups.map((f) => f.months)).toEqual([3, 6, 12]);
    expect(followups[0]?.dueOn.slice(0, 7)).toBe(addMonths(today, 3).slice(0, 7));
    const page = await (await Client.as(app, db, coach)).get(base());
    expect(page.body).toContain('Version 1 antagen av Karin Kontakt');
  });

  it('keeps version 1 when the plan changes; adopting again makes version 2 without new follow-ups; the diff shows the change', async () => {
    const plan = (await api(coach, 'GET', apiBase())).json() as PlanJson;
    const a = plan.actions[0];
    if (!a) throw new Error('no action');
    const oldTitle = a.title;
    const patched = await api(coach, 'PATCH', `${apiBase()}/actions/${a.id}`, {
      title: 'Svetskurs för alla',
    });
    expect(patched.statusCode).toBe(200);
    const changed = (await api(coach, 'GET', apiBase())).json() as PlanJson;
    expect(changed.changedSinceAdoption).toBe(true);
    const v1 = (await api(coach, 'GET', `${apiBase()}/versions/1`)).json() as {
      content: { actions: { id: string; title: string }[] };
    };
    expect(v1.content.actions.find((x) => x.id === a.id)?.title).toBe(oldTitle);
    const working = (await api(coach, 'GET', `${apiBase()}/diff?from=1`)).json() as {
      actions: { changed: { id: string; changes: { field: string; to: string }[] }[] };
    };
    expect(working.actions.changed).toEqual([
      {
        id: a.id,
        title: 'Svetskurs för alla',
        changes: [{ field: 'title', from: oldTitle, to: 'Svetskurs för alla' }],
      },
    ]);
    // Staff record the company's adoption: the name of the person is required.
    const client = await Client.as(app, db, coach);
    const noName = await client.post(`${base()}/adopt`, { adoptedByName: '' });
    expect(noName.statusCode).toBe(422);
    expect((await client.post(`${base()}/adopt`, { adoptedByName: 'Örjan Ägare' })).statusCode).toBe(303);
    const versions = (await api(coach, 'GET', `${apiBase()}/versions`)).json() as {
      number: number;
      adoptedByName: string;
    }[];
    expect(versions.map((v) => [v.number, v.adoptedByName])).toEqual([
      [2, 'Örjan Ägare'],
      [1, 'Karin Kontakt'],
    ]);
    const diffPage = await client.get(`${base()}/diff?from=1&to=2`);
    expect(diffPage.statusCode).toBe(200);
    expect(diffPage.body).toContain('Svetskurs för alla');
    const n = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM plan_followups WHERE engagement_id = $1',
      [engagementId],
    );
    expect(n[0]?.n).toBe(3);
    // Nothing changed since version 2: adopting again is refused.
    expect((await api(contact, 'POST', `${apiBase()}/adopt`, {})).statusCode).toBe(409);
    const pdf = await client.get(`/coaching/${engagementId}/plan.pdf?version=2`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
