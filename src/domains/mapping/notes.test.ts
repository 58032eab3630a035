// Interview notes through HTTP: saving, proposals per line, confirming and removing concepts, access rules
// (staff only, in scope), locking after submission and audit rows without the note text.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { searchCompetences } from '../reference/index.ts';
import { ensureCommonInstrument, mappings, sampleAnswers } from './index.ts';

const NOTES = 'Vi behöver någon som kan svetsa i rostfritt och en truckförare';

let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let ljungby: TestUser;
let vaxjo: TestUser;
let contact: TestUser;
let vaxjoMapping: string;
let ljungbyMapping: string;

interface NotesJson {
  notes: string;
  canEdit: boolean;
  concepts: { kind: string; conceptId: string; name: string; sourceText: string }[];
  proposals: { sourceText: string; concepts: { kind: string; conceptId: string; name: string }[] }[];
}

async function api(user: TestUser, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) {
  const token = await apiToken(db, user.id);
  return app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
}

async function start(user: TestUser, companyId: string, roundId: string): Promise<string> {
  const a = await actorOf(db, user.id);
  const { id } = await mappings.startMapping(db, a, { companyId, roundId });
  await mappings.acceptNotice(db, a, id, []);
  return id;
}

beforeAll(async () => {
  db = await testDb();
  await ensureCommonInstrument(db);
  ({ app } = await testApp(db));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }], { name: 'Regina Admin' });
  ljungby = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }], { name: 'Lars Ljungby' });
  vaxjo = await makeUser(db, [{ role: 'municipality_officer', org: '0780' }], { name: 'Vera Växjö' });
  const vaxjoCompany = await makeCompany(db, vaxjo, {
    name: 'Växjö Verkstad AB',
    workplaces: [{ name: 'Kontoret', city: 'Växjö', municipalityCode: '0780' }],
  });
  const ljungbyCompany = await makeCompany(db, ljungby, { name: 'Ljungby Lack AB' });
  contact = await makeUser(db, [{ role: 'company_contact', org: `company:${vaxjoCompany}` }]);
  const roundId = await mappings.createRound(db, await actorOf(db, admin.id), {
    key: 'notes-2026',
    nameSv: 'Anteckningar 2026',
    nameEn: 'Notes 2026',
    opensOn: null,
    closesOn: null,
  });
  vaxjoMapping = await start(vaxjo, vaxjoCompany, roundId);
  ljungbyMapping = await start(ljungby, ljungbyCompany, roundId);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('interview notes', () => {
  it('saves notes on the page and proposes a welding competence and an occupation', async () => {
    const client = await Client.as(app, db, vaxjo);
    const overview = await client.get(`/mappings/${vaxjoMapping}`);
    expect(overview.body).toContain(`href="/mappings/${vaxjoMapping}/notes"`);
    expect(overview.body).toContain('Intervjuanteckningar');
    const empty = await client.get(`/mappings/${vaxjoMapping}/notes`);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('<label class="ds-label" for="');
    expect(empty.body).toContain('inte företagets kontaktpersoner');
    const saved = await client.post(`/mappings/${vaxjoMapping}/notes`, { notes: NOTES });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/mappings/${vaxjoMapping}/notes`);
    const page = await client.get(`/mappings/${vaxjoMapping}/notes`);
    expect(page.body).toContain('Vi behöver någon som kan svetsa i rostfritt och en truckförare</textarea>');
    expect(page.body).toContain('Föreslagna begrepp');
    expect(page.body).toContain(`action="/mappings/${vaxjoMapping}/notes/concepts"`);
    const json = (await api(vaxjo, 'GET', `/api/v1/mappings/${vaxjoMapping}/notes`)).json() as NotesJson;
    expect(json.notes).toBe(NOTES);
    const proposed = json.proposals.flatMap((p) => p.concepts);
    expect(proposed.some((c) => c.kind === 'competence' && /svets/i.test(c.name))).toBe(true);
    expect(proposed.some((c) => c.kind === 'occupation')).toBe(true);
  });

  it('confirms a proposal (then listed, no longer proposed) and removes it again', async () => {
    const client = await Client.as(app, db, vaxjo);
    const before = (await api(vaxjo, 'GET', `/api/v1/mappings/${vaxjoMapping}/notes`)).json() as NotesJson;
    const line = before.proposals[0];
    const welding = line?.concepts.find((c) => c.kind === 'competence' && /svets/i.test(c.name));
    if (!line || !welding) throw new Error('no welding proposal');
    const res = await client.post(`/mappings/${vaxjoMapping}/notes/concepts`, {
      kind: welding.kind,
      conceptId: welding.conceptId,
      sourceText: line.sourceText,
    });
    expect(res.statusCode).toBe(303);
    const after = (await api(vaxjo, 'GET', `/api/v1/mappings/${vaxjoMapping}/notes`)).json() as NotesJson;
    expect(after.concepts).toMatchObject([
      { kind: 'competence', conceptId: welding.conceptId, name: welding.name, sourceText: line.sourceText },
    ]);
    expect(after.proposals.flatMap((p) => p.concepts).map((c) => c.conceptId)).not.toContain(
      welding.conceptId,
    );
    const page = await client.get(`/mappings/${vaxjoMapping}/notes`);
    expect(page.body).toContain(`data-concept="${welding.conceptId}"`);
    expect(page.body).toContain(`action="/mappings/${vaxjoMapping}/notes/concepts/remove"`);

    // A concept not proposed for the text is refused (API: 422).
    const bogus = await api(vaxjo, 'POST', `/api/v1/mappings/${vaxjoMapping}/notes/concepts`, {
      kind: 'competence',
      conceptId: welding.conceptId,
      sourceText: 'Fika på fredagar',
    });
    expect(bogus.statusCode).toBe(422);

    // The occupation through the API.
    const occupation = after.proposals
      .flatMap((p) => p.concepts.map((c) => ({ ...c, sourceText: p.sourceText })))
      .find((c) => c.kind === 'occupation');
    if (!occupation) throw new Error('no occupation proposal');
    const created = await api(vaxjo, 'POST', `/api/v1/mappings/${vaxjoMapping}/notes/concepts`, {
      kind: 'occupation',
      conceptId: occupation.conceptId,
      sourceText: occupation.sourceText,
    });
    expect(created.statusCode).toBe(201);
    expect((created.json() as NotesJson).concepts.map((c) => c.conceptId)).toContain(occupation.conceptId);

    const removed = await client.post(`/mappings/${vaxjoMapping}/notes/concepts/remove`, {
      kind: 'competence',
      conceptId: welding.conceptId,
    });
    expect(removed.statusCode).toBe(303);
    const del = await api(
      vaxjo,
      'DELETE',
      `/api/v1/mappings/${vaxjoMapping}/notes/concepts/occupation/${occupation.conceptId}`,
    );
    expect(del.statusCode).toBe(204);
    const last = (await api(vaxjo, 'GET', `/api/v1/mappings/${vaxjoMapping}/notes`)).json() as NotesJson;
    expect(last.concepts).toEqual([]);
    expect(last.proposals.flatMap((p) => p.concepts).map((c) => c.conceptId)).toContain(welding.conceptId);
  });

  it('keeps over-long notes on the page with a localised error', async () => {
    const client = await Client.as(app, db, vaxjo);
    const long = `Svetsning ${'x'.repeat(20_001)}`;
    const res = await client.post(`/mappings/${vaxjoMapping}/notes`, { notes: long });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/högst 20.000 tecken/);
    expect(res.body).toContain(long.slice(0, 200));
  });

  it('is not for company contacts, nor for officers of another municipality', async () => {
    const c = await Client.as(app, db, contact);
    expect((await c.get(`/mappings/${vaxjoMapping}`)).statusCode).toBe(200);
    expect((await c.get(`/mappings/${vaxjoMapping}`)).body).not.toContain(`/mappings/${vaxjoMapping}/notes`);
    expect((await c.get(`/mappings/${vaxjoMapping}/notes`)).statusCode).toBe(403);
    expect((await api(contact, 'GET', `/api/v1/mappings/${vaxjoMapping}/notes`)).statusCode).toBe(403);
    expect(
      (await api(contact, 'PUT', `/api/v1/mappings/${vaxjoMapping}/notes`, { text: 'hej' })).statusCode,
    ).toBe(403);
    const l = await Client.as(app, db, ljungby);
    expect((await l.get(`/mappings/${vaxjoMapping}/notes`)).statusCode).toBe(404);
    expect((await l.post(`/mappings/${vaxjoMapping}/notes`, { notes: 'x' })).statusCode).toBe(404);
    expect((await api(ljungby, 'GET', `/api/v1/mappings/${vaxjoMapping}/notes`)).statusCode).toBe(404);
    expect((await api(ljungby, 'GET', `/api/v1/mappings/${ljungbyMapping}/notes`)).statusCode).toBe(200);
    // A region admin of the region reads them.
    expect((await api(admin, 'GET', `/api/v1/mappings/${vaxjoMapping}/notes`)).json().notes).toBe(NOTES);
  });

  it('locks the notes once the mapping is submitted', async () => {
    const a = await actorOf(db, vaxjo.id);
    const view = await mappings.getMapping(db, a, vaxjoMapping);
    const competenceIds = (await searchCompetences(db, 'svetsning', 5)).map((c) => c.conceptId);
    const answers = sampleAnswers(view.definition, {
      roles: [{ title: 'Svetsare', ssyk: '7212', women: 1, men: 4 }],
      competenceIds,
      maturity: [2, 3],
    });
    let revision = view.mapping.revision;
    for (const [key, section] of Object.entries(answers)) {
      const r = await mappings.saveSection(db, a, vaxjoMapping, key, {
        baseRevision: revision,
        answers: section,
      });
      if (r.kind !== 'saved') throw new Error('conflict');
      revision = r.revision;
    }
    await mappings.submitMapping(db, a, vaxjoMapping);
    const client = await Client.as(app, db, vaxjo);
    const res = await client.post(`/mappings/${vaxjoMapping}/notes`, { notes: 'Ändrat efteråt' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('inskickad och låst');
    expect(res.body).toContain('Ändrat efteråt</textarea>');
    const put = await api(vaxjo, 'PUT', `/api/v1/mappings/${vaxjoMapping}/notes`, { text: 'x' });
    expect(put.statusCode).toBe(409);
    const page = await client.get(`/mappings/${vaxjoMapping}/notes`);
    expect(page.body).toContain('readonly');
    expect(page.body).not.toContain(`action="/mappings/${vaxjoMapping}/notes/concepts"`);
    expect(
      ((await api(vaxjo, 'GET', `/api/v1/mappings/${vaxjoMapping}/notes`)).json() as NotesJson).notes,
    ).toBe(NOTES);
  });

  it('audits saves and confirmations without the note text', async () => {
    const rows = await db.query<{ action: string; details: unknown }>(
      `SELECT action, details FROM audit_log WHERE entity_id = $1 AND action LIKE 'mapping.note%' ORDER BY id`,
      [vaxjoMapping],
    );
    const actions = rows.map((r) => r.action);
    expect(actions).toContain('mapping.notes_saved');
    expect(actions).toContain('mapping.note_concept_confirmed');
    expect(actions).toContain('mapping.note_concept_removed');
    const all = JSON.stringify(rows);
    expect(all).not.toContain('rostfritt');
    expect(all).not.toContain('truckförare');
  });
});
