// Doing a mapping through HTTP: the pages (without JavaScript) and the JSON API, with their access rules.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { actorForUser } from '../accounts/index.ts';
import { getCompany } from '../companies/index.ts';
import { searchCompetences } from '../reference/index.ts';
import { ensureCommonInstrument, mappings, sampleAnswers } from './index.ts';

let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let ljungby: TestUser;
let vaxjo: TestUser;
let esf: TestUser;
let coach: TestUser;
let vaxjoCompany: string;
let ljungbyCompany: string;
let roundId: string;
let competenceIds: string[];

const roles = [
  { title: 'Svetsare', ssyk: '7212', women: 1, men: 4 },
  { title: 'Montör', ssyk: '8211', women: 2, men: 2 },
];

async function actorOf(user: TestUser) {
  const a = await actorForUser(db, user.id, 'session');
  if (!a) throw new Error('no actor');
  return a;
}

/** Fill every section through the service (valid sample answers). */
async function fillAll(user: TestUser, id: string) {
  const a = await actorOf(user);
  const view = await mappings.getMapping(db, a, id);
  const answers = sampleAnswers(view.definition, { roles, competenceIds, maturity: [2, 3] });
  let revision = view.mapping.revision;
  for (const [key, section] of Object.entries(answers)) {
    const r = await mappings.saveSection(db, a, id, key, { baseRevision: revision, answers: section });
    if (r.kind !== 'saved') throw new Error('conflict');
    revision = r.revision;
  }
}

async function post(client: Client, url: string, form: Record<string, string | string[]>) {
  const csrf = await client.csrf();
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
  params.append('_csrf', csrf);
  return app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: params.toString(),
  });
}

const flashOf = (res: { cookies: { name: string; value: string }[] }) =>
  res.cookies.find((c) => c.name === 'kn_flash')?.value ?? '';

async function startAndAccept(user: TestUser, company: string): Promise<string> {
  const client = await Client.as(app, db, user);
  const res = await client.post(`/mappings/new?company=${company}`, {
    companyId: company,
    roundId,
    mode: 'interview',
  });
  expect(res.statusCode).toBe(303);
  const id = String(res.headers.location).split('/')[2] as string;
  const accept = await post(client, `/mappings/${id}/notice`, { sensitive: [] });
  expect(accept.statusCode).toBe(303);
  return id;
}

beforeAll(async () => {
  db = await testDb();
  await ensureCommonInstrument(db);
  ({ app } = await testApp(db));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }], { name: 'Regina Admin' });
  ljungby = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }], { name: 'Lars Ljungby' });
  vaxjo = await makeUser(db, [{ role: 'municipality_officer', org: '0780' }], { name: 'Vera Växjö' });
  esf = await makeUser(db, [{ role: 'esf_admin', org: 'region' }]);
  coach = await makeUser(db, [{ role: 'coach', org: '0781' }]);
  vaxjoCompany = await makeCompany(db, vaxjo, {
    name: 'Växjö Verkstad AB',
    workplaces: [{ name: 'Kontoret', city: 'Växjö', municipalityCode: '0780' }],
  });
  ljungbyCompany = await makeCompany(db, ljungby, { name: 'Ljungby Lack AB' });
  competenceIds = (await searchCompetences(db, 'svetsning', 5)).map((c) => c.conceptId);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('rounds and the list', () => {
  it('a region admin creates a round on the list page; a bad key keeps what was typed', async () => {
    const client = await Client.as(app, db, admin);
    const bad = await client.post('/mappings/rounds', {
      key: 'Höst 2026',
      nameSv: 'Hösten',
      nameEn: 'Autumn',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="Höst 2026"');
    expect(bad.body).toContain('Nyckeln ska börja med en liten bokstav');
    const ok = await client.post('/mappings/rounds', {
      key: '2026-host',
      nameSv: 'Hösten 2026',
      nameEn: 'Autumn 2026',
      opensOn: '2026-09-01',
    });
    expect(ok.statusCode).toBe(303);
    const page = await client.get('/mappings');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hösten 2026');
    expect(page.body).toContain('action="/mappings/rounds"');
    roundId = (await mappings.listRounds(db, await actorOf(admin)))[0]?.id as string;
    expect(roundId).toBeTruthy();
    // Officers see the list but not the rounds form, and cannot create rounds.
    const officer = await Client.as(app, db, ljungby);
    expect((await officer.get('/mappings')).body).not.toContain('action="/mappings/rounds"');
    expect((await officer.post('/mappings/rounds', { key: 'x', nameSv: 'x', nameEn: 'x' })).statusCode).toBe(
      403,
    );
  });
});

describe('starting, the notice and access', () => {
  let id: string;
  it('a Växjö officer starts an interview mapping; the pages redirect to the notice until it is accepted', async () => {
    const client = await Client.as(app, db, vaxjo);
    const form = await client.get(`/mappings/new?company=${vaxjoCompany}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Växjö Verkstad AB');
    expect(form.body).toContain('name="contactId"');
    const res = await client.post(`/mappings/new?company=${vaxjoCompany}`, {
      companyId: vaxjoCompany,
      roundId,
      mode: 'interview',
    });
    expect(res.statusCode).toBe(303);
    id = String(res.headers.location).split('/')[2] as string;
    expect(res.headers.location).toBe(`/mappings/${id}`);
    const overview = await client.get(`/mappings/${id}`);
    expect(overview.statusCode).toBe(303);
    expect(overview.headers.location).toBe(`/mappings/${id}/notice`);
    const section = await client.get(`/mappings/${id}/sections/strategy`);
    expect(section.headers.location).toBe(`/mappings/${id}/notice`);
    const notice = await client.get(`/mappings/${id}/notice`);
    expect(notice.body).toContain('allmänna handlingar');
    expect(notice.body).toContain('kommun där företagets arbetsställe ligger');
    expect(notice.body).toContain('value="goals"');
    const accepted = await post(client, `/mappings/${id}/notice`, { sensitive: ['goals', 'drivers'] });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(`/mappings/${id}/sections/companyFacts`);
    const view = await mappings.getMapping(db, await actorOf(vaxjo), id);
    expect(view.mapping.sensitiveQuestions.sort()).toEqual(['drivers', 'goals']);
    const page = await client.get(`/mappings/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Inte påbörjat');
    expect(page.body).toContain(`href="/mappings/${id}/results"`);
  });

  it("the start page finds companies by name within the officer's scope only", async () => {
    const vaxjoClient = await Client.as(app, db, vaxjo);
    const found = await vaxjoClient.get(`/mappings/new?q=${encodeURIComponent('Verkstad')}`);
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain(`company=${vaxjoCompany}`);
    const ljungbyClient = await Client.as(app, db, ljungby);
    const none = await ljungbyClient.get(`/mappings/new?q=${encodeURIComponent('Verkstad')}`);
    expect(none.body).not.toContain(`company=${vaxjoCompany}`);
    const own = await ljungbyClient.get(`/mappings/new?q=${encodeURIComponent('Lack')}`);
    expect(own.body).toContain(`company=${ljungbyCompany}`);
  });

  it('a Ljungby officer gets 404 for the Växjö mapping, on pages and in the API', async () => {
    const client = await Client.as(app, db, ljungby);
    expect((await client.get(`/mappings/${id}`)).statusCode).toBe(404);
    expect((await client.get(`/mappings/${id}/sections/strategy`)).statusCode).toBe(404);
    expect((await client.post(`/mappings/${id}/sections/strategy`, { baseRevision: 0 })).statusCode).toBe(
      404,
    );
    expect((await client.get(`/mappings/new?company=${vaxjoCompany}`)).statusCode).toBe(404);
    const token = await apiToken(db, ljungby.id);
    const api = await app.inject({
      method: 'GET',
      url: `/api/v1/mappings/${id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.statusCode).toBe(404);
    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/mappings',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(list.json().items.map((m: { id: string }) => m.id)).not.toContain(id);
  });

  it('the company contact sees only their own company mapping', async () => {
    const ownId = await startAndAccept(ljungby, ljungbyCompany);
    const contact = await makeUser(db, [{ role: 'company_contact', org: `company:${ljungbyCompany}` }]);
    const client = await Client.as(app, db, contact);
    const list = await client.get('/mappings');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Ljungby Lack AB');
    expect(list.body).not.toContain('Växjö Verkstad AB');
    expect((await client.get(`/mappings/${ownId}`)).statusCode).toBe(200);
    expect((await client.get(`/mappings/${id}`)).statusCode).toBe(404);
    // A company contact cannot start mappings.
    expect((await client.get(`/mappings/new?company=${ljungbyCompany}`)).statusCode).toBe(403);
  });

  it('ESF administrators read but do not edit; an assigned coach can start and fill in', async () => {
    const esfClient = await Client.as(app, db, esf);
    const overview = await esfClient.get(`/mappings/${id}`);
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('inte ändra');
    expect(overview.body).not.toContain(`action="/mappings/${id}/submit"`);
    const section = await esfClient.get(`/mappings/${id}/sections/strategy`);
    expect(section.statusCode).toBe(303);
    expect(
      (await esfClient.post(`/mappings/${id}/sections/strategy`, { baseRevision: 0, 'q.goals': 'x' }))
        .statusCode,
    ).toBe(303);
    const stored = await mappings.getMapping(db, await actorOf(vaxjo), id);
    expect(stored.answers.goals).toBeUndefined();
    expect((await esfClient.get('/mappings/new')).statusCode).toBe(403);

    const coachClient = await Client.as(app, db, coach);
    expect((await coachClient.get(`/mappings/new?company=${ljungbyCompany}`)).statusCode).toBe(404);
    const officer = await Client.as(app, db, ljungby);
    expect((await officer.post(`/companies/${ljungbyCompany}/coaches`, { coach: coach.id })).statusCode).toBe(
      303,
    );
    expect((await coachClient.get(`/mappings/new?company=${ljungbyCompany}`)).statusCode).toBe(200);
    const list = await coachClient.get('/mappings');
    expect(list.body).toContain('Ljungby Lack AB');
    expect(list.body).not.toContain('Växjö Verkstad AB');
  });
});

describe('section pages without JavaScript', () => {
  let id: string;
  let client: Client;
  beforeAll(async () => {
    const company = await makeCompany(db, vaxjo, {
      name: 'Sektion AB',
      workplaces: [{ name: 'Verkstaden', city: 'Växjö', municipalityCode: '0780' }],
    });
    id = await startAndAccept(vaxjo, company);
    client = await Client.as(app, db, vaxjo);
  });

  it('renders questions by type with pre-filled answers and the business-sensitive boxes', async () => {
    const facts = await client.get(`/mappings/${id}/sections/companyFacts`);
    expect(facts.statusCode).toBe(200);
    expect(facts.body).toContain('value="Sektion AB"');
    expect(facts.body).toContain('Förifyllt från företagsregistret');
    expect(facts.body).toContain('name="baseRevision"');
    expect(facts.body).toContain('/assets/mapping-autosave.js');
    const strategy = await client.get(`/mappings/${id}/sections/strategy`);
    expect(strategy.body).toContain('type="checkbox" name="q.drivers"');
    expect(strategy.body).toContain('Välj högst 3.');
    expect(strategy.body).toContain('name="sensitive" value="goals"');
    // developmentAreasOther is asked only when "other" was chosen.
    expect(strategy.body).not.toContain('name="q.developmentAreasOther"');
    const roles = await client.get(`/mappings/${id}/sections/roles`);
    expect(roles.body).toContain('name="q.roles.0.ssyk"');
    expect(roles.body).toContain('name="q.roles.1.title"');
    expect(roles.body).toContain('data-mapping-picker="occupations"');
    const maturity = await client.get(`/mappings/${id}/sections/maturity`);
    expect(maturity.body).toMatch(/type="radio" name="q\.maturity\.[a-zA-Z]+"/);
  });

  it('saves on a page change, keeps invalid input and shows localised errors', async () => {
    const res = await post(client, `/mappings/${id}/sections/ageAndRetirements`, {
      baseRevision: '0',
      'q.ageUnder30': 'tolv',
      'q.retirementsWithin1Year': '1',
      'q.retirementsWithin3Years': '',
      go: 'next',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/mappings/${id}/sections/strategy`);
    const page = await client.get(`/mappings/${id}/sections/ageAndRetirements`);
    expect(page.body).toContain('value="tolv"');
    expect(page.body).toContain('Ange ett heltal.');
    expect(page.body).toContain('Fyll i fältet.');
    expect(page.body).toContain('href="#f-q-ageUnder30"');
    const en = await client.get(`/mappings/${id}/sections/ageAndRetirements`, {
      cookie: `${[...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ')}; kn_lang=en`,
    });
    expect(en.body).toContain('Enter a whole number');
  });

  it('shows the other condition question after saving the answer that asks it, and keeps sensitive marks', async () => {
    const view = await mappings.getMapping(db, await actorOf(vaxjo), id);
    const res = await post(client, `/mappings/${id}/sections/strategy`, {
      baseRevision: String(view.mapping.revision),
      'q.goals': 'Växa',
      'q.developmentAreas': ['other', 'leadership'],
      shown: ['goals', 'drivers', 'driversComment', 'developmentAreas'],
      sensitive: ['goals', 'developmentAreas'],
      go: 'save',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/mappings/${id}/sections/strategy`);
    const page = await client.get(`/mappings/${id}/sections/strategy`);
    expect(page.body).toContain('name="q.developmentAreasOther"');
    const after = await mappings.getMapping(db, await actorOf(vaxjo), id);
    expect(after.mapping.sensitiveQuestions.sort()).toEqual(['developmentAreas', 'goals']);
  });

  it('the search button saves and opens the occupation picker, which returns the choice', async () => {
    const view = await mappings.getMapping(db, await actorOf(vaxjo), id);
    const res = await post(client, `/mappings/${id}/sections/roles`, {
      baseRevision: String(view.mapping.revision),
      'q.roles.0.title': 'Svetsare',
      'q.roles.0.women': '1',
      'q.roles.0.men': '3',
      pick: 'occupations:q.roles.0.ssyk',
    });
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location.startsWith('/reference/occupations?return=')).toBe(true);
    const picker = await client.get(`${location}&q=svets`);
    const choose = picker.body.match(/href="(\/mappings\/[^"]+pick=7212)"/)?.[1]?.replace(/&amp;/g, '&');
    expect(choose).toBeTruthy();
    const back = await client.get(choose as string);
    expect(back.statusCode).toBe(200);
    expect(back.body).toContain('value="7212"');
    expect(back.body).toContain('value="Svetsare"');
    expect(back.body).toContain('Spara för att behålla valet');
  });

  it('requirement rows: roles to choose, levels, proposals for free text and "use this concept"', async () => {
    const a = await actorOf(vaxjo);
    let view = await mappings.getMapping(db, a, id);
    const saved = await mappings.saveSection(db, a, id, 'roles', {
      baseRevision: view.mapping.revision,
      answers: { roles: [{ title: 'Svetsare', ssyk: '7212', women: '1', men: '3' }] },
    });
    expect(saved.kind).toBe('saved');
    view = await mappings.getMapping(db, a, id);
    const roleKey = (view.answers.roles as { key: string }[])[0]?.key as string;
    await post(client, `/mappings/${id}/sections/requirements`, {
      baseRevision: String(view.mapping.revision),
      'q.requirements.0.role': roleKey,
      'q.requirements.0.competenceText': 'svetsning',
      'q.requirements.0.levelNow': '1',
      'q.requirements.0.levelFuture': '3',
      'q.requirements.0.meetingNow': '1',
    });
    const page = await client.get(`/mappings/${id}/sections/requirements`);
    expect(page.body).toContain(`<option value="${roleKey}" selected`);
    expect(page.body).toContain('Kan lära ut');
    const use = page.body.match(/name="use" value="(q\.requirements\.0\.competenceId=[^"]+)"/)?.[1];
    expect(use).toBeTruthy();
    expect(page.body).toContain('data-testid="related-competences"');
    view = await mappings.getMapping(db, a, id);
    const res = await post(client, `/mappings/${id}/sections/requirements`, {
      baseRevision: String(view.mapping.revision),
      'q.requirements.0.role': roleKey,
      'q.requirements.0.competenceText': 'svetsning',
      'q.requirements.0.levelNow': '1',
      'q.requirements.0.levelFuture': '3',
      'q.requirements.0.meetingNow': '1',
      use: use as string,
    });
    expect(res.statusCode).toBe(303);
    view = await mappings.getMapping(db, a, id);
    const row = (view.answers.requirements as Record<string, string>[])[0];
    expect(row?.competenceId).toBe((use as string).split('=')[1]);
  });

  it('removes a row with its "remove" box', async () => {
    const a = await actorOf(vaxjo);
    let view = await mappings.getMapping(db, a, id);
    await post(client, `/mappings/${id}/sections/recruitment`, {
      baseRevision: String(view.mapping.revision),
      'q.recruitmentNeeds.0.ssyk': '7212',
      'q.recruitmentNeeds.0.count': '2',
      'q.recruitmentNeeds.1.ssyk': '8211',
      'q.recruitmentNeeds.1.count': '1',
    });
    view = await mappings.getMapping(db, a, id);
    expect((view.answers.recruitmentNeeds as unknown[]).length).toBe(2);
    await post(client, `/mappings/${id}/sections/recruitment`, {
      baseRevision: String(view.mapping.revision),
      'q.recruitmentNeeds.0.ssyk': '7212',
      'q.recruitmentNeeds.0.count': '2',
      'q.recruitmentNeeds.0.remove': 'on',
      'q.recruitmentNeeds.1.ssyk': '8211',
      'q.recruitmentNeeds.1.count': '1',
    });
    view = await mappings.getMapping(db, a, id);
    expect((view.answers.recruitmentNeeds as Record<string, string>[]).map((r) => r.ssyk)).toEqual(['8211']);
  });

  it('a conflict shows both versions; "keep my version" (force) saves mine', async () => {
    const adminClient = await Client.as(app, db, admin);
    const start = await mappings.getMapping(db, await actorOf(vaxjo), id);
    const base = String(start.mapping.revision);
    const theirs = await post(adminClient, `/mappings/${id}/sections/trainingPreferences`, {
      baseRevision: base,
      'q.trainingFormat': 'digital',
    });
    expect(theirs.statusCode).toBe(303);
    const mine = await post(client, `/mappings/${id}/sections/trainingPreferences`, {
      baseRevision: base,
      'q.trainingFormat': 'classroom',
      go: 'next',
    });
    expect(mine.statusCode).toBe(409);
    expect(mine.body).toContain('data-testid="conflict"');
    expect(mine.body).toContain('Regina Admin');
    expect(mine.body).toMatch(/<td class="kn-pre">digital<\/td>\s*<td class="kn-pre">classroom<\/td>/);
    expect(mine.body).toContain('name="force" value="1"');
    expect(mine.body).toMatch(/value="classroom"\s+checked/);
    let view = await mappings.getMapping(db, await actorOf(vaxjo), id);
    expect(view.answers.trainingFormat).toEqual(['digital']);
    const forced = await post(client, `/mappings/${id}/sections/trainingPreferences`, {
      baseRevision: base,
      'q.trainingFormat': 'classroom',
      force: '1',
    });
    expect(forced.statusCode).toBe(303);
    view = await mappings.getMapping(db, await actorOf(vaxjo), id);
    expect(view.answers.trainingFormat).toEqual(['classroom']);
  });

  it('the autosave endpoint answers JSON with the new revision and localised errors', async () => {
    const view = await mappings.getMapping(db, await actorOf(vaxjo), id);
    const res = await post(client, `/mappings/${id}/sections/ageAndRetirements/autosave`, {
      baseRevision: String(view.mapping.revision),
      'q.ageUnder30': '3',
      'q.retirementsWithin1Year': 'x',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('saved');
    expect(body.revision).toBeGreaterThan(view.mapping.revision);
    expect(body.errors).toContainEqual({ field: 'q.retirementsWithin1Year', message: 'Ange ett heltal.' });
    const stale = await post(client, `/mappings/${id}/sections/ageAndRetirements/autosave`, {
      baseRevision: String(view.mapping.revision),
      'q.ageUnder30': '4',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().status).toBe('conflict');
  });
});

describe('submitting and reopening', () => {
  let id: string;
  let client: Client;
  beforeAll(async () => {
    const company = await makeCompany(db, vaxjo, {
      name: 'Inskick AB',
      workplaces: [{ name: 'Verkstaden', city: 'Växjö', municipalityCode: '0780' }],
    });
    id = await startAndAccept(vaxjo, company);
    client = await Client.as(app, db, vaxjo);
  });

  it('submitting with problems lists each one, linked to its section page and field', async () => {
    const res = await client.post(`/mappings/${id}/submit`, {});
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('data-testid="submit-problems"');
    expect(res.body).toContain(`href="/mappings/${id}/sections/strategy#f-q-goals"`);
    expect(res.body).toContain('Mål och omvärld');
  });

  it('a complete mapping is submitted and locked; a region admin reopens it with a reason', async () => {
    await fillAll(vaxjo, id);
    const res = await client.post(`/mappings/${id}/submit`, {});
    expect(res.statusCode).toBe(303);
    expect(flashOf(res)).toBeTruthy();
    const overview = await client.get(`/mappings/${id}`);
    expect(overview.body).toContain('data-testid="submitted-notice"');
    expect(overview.body).toContain('Inskickad');
    expect(overview.body).not.toContain(`action="/mappings/${id}/submit"`);
    const locked = await client.post(`/mappings/${id}/sections/strategy`, {
      baseRevision: 99,
      'q.goals': 'Nytt',
    });
    expect(locked.statusCode).toBe(303);
    expect(locked.headers.location).toBe(`/mappings/${id}`);
    const page = await client.get(`/mappings/${id}`);
    expect(page.body).toContain('inskickad och låst');
    // Officers cannot reopen; the admin needs a reason.
    expect((await client.post(`/mappings/${id}/reopen`, { reason: 'Fel' })).statusCode).toBe(403);
    const adminClient = await Client.as(app, db, admin);
    const adminView = await adminClient.get(`/mappings/${id}`);
    expect(adminView.body).toContain(`action="/mappings/${id}/reopen"`);
    const noReason = await adminClient.post(`/mappings/${id}/reopen`, { reason: ' ' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Fyll i fältet.');
    const reopened = await adminClient.post(`/mappings/${id}/reopen`, {
      reason: 'Företaget vill rätta antal anställda',
    });
    expect(reopened.statusCode).toBe(303);
    const view = await mappings.getMapping(db, await actorOf(vaxjo), id);
    expect(view.mapping.status).toBe('in_progress');
  });
});

describe('the JSON API', () => {
  let token: string;
  let id: string;
  const auth = () => ({ authorization: `Bearer ${token}` });
  beforeAll(async () => {
    token = await apiToken(db, vaxjo.id);
  });

  it('starts, reads, accepts the notice, saves with conflicts, marks sensitive, submits', async () => {
    const company = await makeCompany(db, vaxjo, {
      name: 'Api AB',
      workplaces: [{ name: 'Verkstaden', city: 'Växjö', municipalityCode: '0780' }],
    });
    const started = await app.inject({
      method: 'POST',
      url: '/api/v1/mappings',
      headers: auth(),
      payload: { companyId: company, roundId },
    });
    expect(started.statusCode).toBe(201);
    id = started.json().id;
    const early = await app.inject({
      method: 'PUT',
      url: `/api/v1/mappings/${id}/sections/strategy`,
      headers: auth(),
      payload: { baseRevision: 0, answers: { goals: 'x' } },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('CONFLICT');
    const notice = await app.inject({
      method: 'POST',
      url: `/api/v1/mappings/${id}/notice`,
      headers: auth(),
      payload: { sensitive: ['goals'] },
    });
    expect(notice.statusCode).toBe(204);
    const saved = await app.inject({
      method: 'PUT',
      url: `/api/v1/mappings/${id}/sections/ageAndRetirements`,
      headers: auth(),
      payload: { baseRevision: 0, answers: { ageUnder30: 'tolv', retirementsWithin1Year: '1' } },
    });
    expect(saved.statusCode).toBe(200);
    const body = saved.json();
    expect(body.revision).toBeGreaterThan(0);
    expect(body.errors.map((e: { field: string }) => e.field)).toContain('q.ageUnder30');
    const conflict = await app.inject({
      method: 'PUT',
      url: `/api/v1/mappings/${id}/sections/ageAndRetirements`,
      headers: auth(),
      payload: { baseRevision: 0, answers: { ageUnder30: '12' } },
    });
    expect(conflict.statusCode).toBe(409);
    const c = conflict.json().conflict;
    expect(c.theirs.ageUnder30).toBe('tolv');
    expect(c.mine.ageUnder30).toBe('12');
    expect(c.updatedByName).toBe('Vera Växjö');
    const forced = await app.inject({
      method: 'PUT',
      url: `/api/v1/mappings/${id}/sections/ageAndRetirements`,
      headers: auth(),
      payload: { baseRevision: 0, answers: { ageUnder30: '12' }, force: true },
    });
    expect(forced.statusCode).toBe(200);
    const sensitive = await app.inject({
      method: 'PUT',
      url: `/api/v1/mappings/${id}/sensitive`,
      headers: auth(),
      payload: { sensitive: ['goals', 'nope', 'drivers'] },
    });
    expect(sensitive.json().sensitive.sort()).toEqual(['drivers', 'goals']);
    const read = await app.inject({ method: 'GET', url: `/api/v1/mappings/${id}`, headers: auth() });
    expect(read.statusCode).toBe(200);
    expect(read.json().answers.ageUnder30).toBe('12');
    expect(read.json().instrument.version).toBe(1);
    expect(read.json().sections.ageAndRetirements.revision).toBeGreaterThan(0);
    const submit = await app.inject({
      method: 'POST',
      url: `/api/v1/mappings/${id}/submit`,
      headers: auth(),
    });
    expect(submit.statusCode).toBe(422);
    expect(submit.json().errors.map((e: { field: string }) => e.field)).toContain('q.goals');
    await fillAll(vaxjo, id);
    const ok = await app.inject({ method: 'POST', url: `/api/v1/mappings/${id}/submit`, headers: auth() });
    expect(ok.statusCode).toBe(204);
    const list = await app.inject({
      method: 'GET',
      url: `/api/v1/mappings?status=submitted&q=Api`,
      headers: auth(),
    });
    expect(list.json().items.map((m: { id: string }) => m.id)).toEqual([id]);
    const reopenByOfficer = await app.inject({
      method: 'POST',
      url: `/api/v1/mappings/${id}/reopen`,
      headers: auth(),
      payload: { reason: 'Rätta' },
    });
    expect(reopenByOfficer.statusCode).toBe(403);
    const adminToken = await apiToken(db, admin.id);
    const reopen = await app.inject({
      method: 'POST',
      url: `/api/v1/mappings/${id}/reopen`,
      headers: { authorization: `Bearer ${adminToken}` },
      payload: { reason: 'Rätta siffrorna' },
    });
    expect(reopen.statusCode).toBe(204);
  });

  it('rounds and invitations; the OpenAPI document lists the routes', async () => {
    const rounds = await app.inject({ method: 'GET', url: '/api/v1/mapping/rounds', headers: auth() });
    expect(rounds.json().items.map((r: { id: string }) => r.id)).toContain(roundId);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/mapping/rounds',
      headers: auth(),
      payload: { key: 'nope', nameSv: 'x', nameEn: 'x' },
    });
    expect(created.statusCode).toBe(403);
    const company = await makeCompany(db, vaxjo, {
      name: 'Inbjudan AB',
      workplaces: [{ name: 'Kontor', city: 'Växjö', municipalityCode: '0780' }],
    });
    const detail = await getCompany(db, await actorOf(vaxjo), company);
    const contactId = detail.contacts[0]?.id as string;
    const invite = await app.inject({
      method: 'POST',
      url: '/api/v1/mappings/invite',
      headers: auth(),
      payload: { companyId: company, roundId, contactId },
    });
    expect(invite.statusCode).toBe(201);
    expect(invite.json().email).toBe(detail.contacts[0]?.email);
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const path of [
      '/api/v1/mappings',
      '/api/v1/mappings/invite',
      '/api/v1/mappings/{id}',
      '/api/v1/mappings/{id}/notice',
      '/api/v1/mappings/{id}/sections/{key}',
      '/api/v1/mappings/{id}/sensitive',
      '/api/v1/mappings/{id}/submit',
      '/api/v1/mappings/{id}/reopen',
      '/api/v1/mapping/rounds',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    expect(Object.keys(doc.paths['/api/v1/mappings/{id}/sections/{key}'])).toContain('put');
  });
});
