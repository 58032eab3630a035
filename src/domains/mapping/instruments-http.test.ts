import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { ensureCommonInstrument, type InstrumentDefinition } from './index.ts';

let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let officer: TestUser;
let coach: TestUser;
let esf: TestUser;
let companyUser: TestUser;
let otherAdmin: TestUser;
let nationalId: string;

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  nationalId = await ensureCommonInstrument(db);
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
  coach = await makeUser(db, [{ role: 'coach', org: '0781' }]);
  esf = await makeUser(db, [{ role: 'esf_admin', org: 'region' }]);
  otherAdmin = await makeUser(db, [{ role: 'region_admin', org: 'region' }], { county: '12' });
  const company = await makeCompany(db, officer, { name: 'Instrument Test AB' });
  companyUser = await makeUser(db, [{ role: 'company_contact', org: `company:${company}` }]);
});

afterAll(async () => {
  await app.close();
  await db.close();
});

const decodeEntities = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The fields of the page's form with the given action, as the browser would post them. */
function formFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const out: Record<string, string> = {};
  for (const m of form.matchAll(/<input((?:[^>"]|"[^"]*")*)>/g)) {
    const attrs = m[1] ?? '';
    const name = attrs.match(/name="([^"]*)"/)?.[1];
    if (!name || name === '_csrf') continue;
    out[name] = decodeEntities(attrs.match(/value="([^"]*)"/)?.[1] ?? '');
  }
  for (const m of form.matchAll(/<textarea([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = (m[1] ?? '').match(/name="([^"]*)"/)?.[1];
    if (name) out[name] = decodeEntities(m[2] ?? '');
  }
  return out;
}

async function definitionOf(id: string): Promise<InstrumentDefinition> {
  const rows = await db.query<{ definition: InstrumentDefinition }>(
    'SELECT definition FROM mapping_instruments WHERE id = $1',
    [id],
  );
  if (!rows[0]) throw new Error('no instrument');
  return rows[0].definition;
}

async function auditActions(id: string): Promise<string[]> {
  const rows = await db.query<{ action: string }>(
    'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id',
    [id],
  );
  return rows.map((r) => r.action);
}

const idFrom = (location: unknown) => String(location).match(/instruments\/([0-9a-f-]{36})/)?.[1] ?? '';

async function copyDraft(user: TestUser = admin): Promise<string> {
  const client = await Client.as(app, db, user);
  const res = await client.post(`/mapping/instruments/${nationalId}/copy`, {});
  expect(res.statusCode).toBe(303);
  return idFrom(res.headers.location);
}

describe('who may see the instrument pages', () => {
  it('staff roles read the list and the instrument; only the region admin gets actions', async () => {
    for (const user of [admin, officer, coach, esf]) {
      const client = await Client.as(app, db, user);
      const list = await client.get('/mapping/instruments');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('Kartläggningsmetodens versioner');
      expect(list.body).toContain('Gemensam kartläggningsmetod, version 1');
      expect(list.body).toContain('Nationell');
      const detail = await client.get(`/mapping/instruments/${nationalId}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.body).toContain('Nivåskala');
      expect(detail.body).toContain('Kan lära ut');
      const hasCopy = detail.body.includes(`action="/mapping/instruments/${nationalId}/copy"`);
      expect(hasCopy, user.email).toBe(user === admin);
      expect(list.body.includes('Kopiera till ny version'), user.email).toBe(user === admin);
    }
  });

  it('shows the whole instrument in English when English is chosen', async () => {
    const client = await Client.as(app, db, officer);
    client.cookies.set('kn_lang', 'en');
    const en = await client.get(`/mapping/instruments/${nationalId}`);
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('Common mapping method, version 1');
    expect(en.body).toContain('Can teach others');
    expect(en.body).toContain('Level scale');
    expect(en.body).not.toContain('Gemensam kartläggningsmetod, version 1');
  });

  it('company users may not use the pages (403); anonymous users are sent to log in', async () => {
    const client = await Client.as(app, db, companyUser);
    expect((await client.get('/mapping/instruments')).statusCode).toBe(403);
    expect((await client.get(`/mapping/instruments/${nationalId}`)).statusCode).toBe(403);
    expect((await client.post(`/mapping/instruments/${nationalId}/copy`, {})).statusCode).toBe(403);
    const anonymous = await Client.as(app, db, null);
    const res = await anonymous.get('/mapping/instruments');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toMatch(/^\/login\?next=/);
  });

  it('officers and coaches only read: copy, edit and publish answer 403', async () => {
    for (const user of [officer, coach, esf]) {
      const client = await Client.as(app, db, user);
      expect((await client.post(`/mapping/instruments/${nationalId}/copy`, {})).statusCode).toBe(403);
      expect((await client.get(`/mapping/instruments/${nationalId}/edit`)).statusCode).toBe(403);
      expect((await client.get(`/mapping/instruments/${nationalId}/edit-json`)).statusCode).toBe(403);
      expect((await client.get(`/mapping/instruments/${nationalId}/publish`)).statusCode).toBe(403);
      expect((await client.post(`/mapping/instruments/${nationalId}/publish`, {})).statusCode).toBe(403);
    }
  });

  it('an unknown or malformed id answers 404', async () => {
    const client = await Client.as(app, db, admin);
    expect((await client.get('/mapping/instruments/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
    expect((await client.get('/mapping/instruments/not-an-id')).statusCode).toBe(404);
  });

  it('a form without its CSRF token is refused', async () => {
    const client = await Client.as(app, db, admin);
    const res = await client.post(`/mapping/instruments/${nationalId}/copy`, {}, { csrf: false });
    expect(res.statusCode).toBe(403);
  });
});

describe('a region admin makes a new version through the pages', () => {
  let draftId: string;

  it('copies version 1 to a draft of version 2 and lands on its edit page with a message', async () => {
    const client = await Client.as(app, db, admin);
    const res = await client.post(`/mapping/instruments/${nationalId}/copy`, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/mapping\/instruments\/[0-9a-f-]{36}\/edit$/);
    draftId = idFrom(res.headers.location);
    const edit = await client.get(String(res.headers.location));
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('Version 2 är skapad som utkast.');
    expect(edit.body).toContain('Redigera texter: version 2');
    expect(await auditActions(draftId)).toEqual(['mapping_instrument.copy']);
    const list = await client.get('/mapping/instruments');
    expect(list.body).toContain(`href="/mapping/instruments/${draftId}"`);
    expect(list.body).toContain('Utkast');
  });

  it('the draft is seen only by the region admins: officers and another region get 404', async () => {
    const officerClient = await Client.as(app, db, officer);
    expect((await officerClient.get(`/mapping/instruments/${draftId}`)).statusCode).toBe(404);
    expect((await officerClient.get('/mapping/instruments')).body).not.toContain(draftId);
    const other = await Client.as(app, db, otherAdmin);
    expect((await other.get(`/mapping/instruments/${draftId}`)).statusCode).toBe(404);
    expect((await other.get(`/mapping/instruments/${draftId}/edit`)).statusCode).toBe(404);
    expect((await other.post(`/mapping/instruments/${draftId}/publish`, {})).statusCode).toBe(404);
  });

  it('edits texts in both languages; every text is an ordinary field', async () => {
    const client = await Client.as(app, db, admin);
    const page = await client.get(`/mapping/instruments/${draftId}/edit`);
    const fields = formFields(page.body, `/mapping/instruments/${draftId}/edit`);
    expect(fields['title.sv']).toBe('Gemensam kartläggningsmetod, version 1');
    expect(fields['levelScale.0.label.sv']).toBe('Med stöd');
    expect(fields['levelScale.0.description.en']).toContain('guidance');
    expect(
      Object.keys(fields).some((k) => /^sections\.\d+\.questions\.\d+\.options\.0\.label\.en$/.test(k)),
    ).toBe(true);
    expect(Object.keys(fields).some((k) => /statements\.0\.label\.sv$/.test(k))).toBe(true);
    expect(Object.keys(fields).some((k) => /answerLabels\.3\.en$/.test(k))).toBe(true);
    expect(page.body).toContain('lang="en"');

    const res = await client.post(`/mapping/instruments/${draftId}/edit`, {
      ...fields,
      'title.sv': 'Gemensam kartläggningsmetod, version 2',
      'title.en': 'Common mapping method, version 2',
      'levelScale.0.label.sv': 'Med handledning',
      'sections.0.help.sv': '',
      'sections.0.help.en': '',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/mapping/instruments/${draftId}`);
    const def = await definitionOf(draftId);
    expect(def.title.sv).toBe('Gemensam kartläggningsmetod, version 2');
    expect(def.levelScale[0]?.label).toEqual({ sv: 'Med handledning', en: 'With support' });
    expect(def.sections[0]?.help).toBeUndefined();
    expect(def.version).toBe(2);
    const detail = await client.get(`/mapping/instruments/${draftId}`);
    expect(detail.body).toContain('Utkastet är sparat.');
    expect(detail.body).toContain('Med handledning');
    expect(await auditActions(draftId)).toContain('mapping_instrument.update');
  });

  it('shows validation errors next to the fields and in the summary, keeps the input, saves nothing', async () => {
    const client = await Client.as(app, db, admin);
    const before = await definitionOf(draftId);
    const page = await client.get(`/mapping/instruments/${draftId}/edit`);
    const fields = formFields(page.body, `/mapping/instruments/${draftId}/edit`);
    const res = await client.post(`/mapping/instruments/${draftId}/edit`, {
      ...fields,
      'levelScale.1.label.sv': 'Ett nytt <namn> & "citat"',
      'sections.0.questions.0.label.en': '   ',
      'sections.1.help.sv': 'Bara på svenska',
      'sections.1.help.en': '',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Det finns fel i formuläret');
    expect(res.body).toContain('href="#f-sections-0-questions-0-label-en"');
    expect(res.body).toContain('id="f-sections-0-questions-0-label-en-error"');
    expect(res.body).toContain('Avsnitt 1 › Fråga 1 › Text › Engelska: Fyll i fältet.');
    expect(res.body).toContain('href="#f-sections-1-help-en"');
    expect(res.body).toMatch(/id="f-sections-0-questions-0-label-en"[^>]*aria-invalid="true"/);
    // What the user typed is kept, escaped.
    expect(res.body).toContain('value="Ett nytt <namn> & &#34;citat&#34;"');
    expect(res.body).toContain('>Bara på svenska</textarea>');
    expect(await definitionOf(draftId)).toEqual(before);
  });

  it('refuses texts made for another structure (409) instead of putting them on the wrong question', async () => {
    const client = await Client.as(app, db, admin);
    const page = await client.get(`/mapping/instruments/${draftId}/edit`);
    const fields = formFields(page.body, `/mapping/instruments/${draftId}/edit`);
    const res = await client.post(`/mapping/instruments/${draftId}/edit`, { ...fields, _structure: 'x' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Utkastets frågor har ändrats');
  });

  it('the JSON editor: invalid JSON gets a clear message with the text kept', async () => {
    const client = await Client.as(app, db, admin);
    const page = await client.get(`/mapping/instruments/${draftId}/edit-json`);
    expect(page.statusCode).toBe(200);
    const text = formFields(page.body, `/mapping/instruments/${draftId}/edit-json`).definition ?? '';
    expect(JSON.parse(text).key).toBe('common-method');
    const broken = `${text.slice(0, 40)},,${text.slice(40)}`;
    const res = await client.post(`/mapping/instruments/${draftId}/edit-json`, { definition: broken });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/Texten är inte giltig JSON \(rad \d+, kolumn \d+\)/);
    expect(res.body).toContain('href="#f-definition"');
    expect(decodeEntities(res.body)).toContain(broken.slice(0, 60));
    const array = await client.post(`/mapping/instruments/${draftId}/edit-json`, { definition: '[]' });
    expect(array.statusCode).toBe(422);
    expect(array.body).toContain('Definitionen ska vara ett JSON-objekt');
  });

  it('the JSON editor: schema errors name the place; structural changes are saved', async () => {
    const client = await Client.as(app, db, admin);
    const def = await definitionOf(draftId);
    const si = def.sections.findIndex((s) => s.questions.some((q) => q.type === 'choice'));
    const section = def.sections[si];
    if (!section) throw new Error('no choice question');
    const qi = section.questions.findIndex((q) => q.type === 'choice');
    const broken = structuredClone(def);
    const question = broken.sections[si]?.questions[qi];
    if (!question) throw new Error('no question');
    question.options = [];
    const res = await client.post(`/mapping/instruments/${draftId}/edit-json`, {
      definition: JSON.stringify(broken, null, 2),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(
      `Avsnitt ${si + 1} › Fråga ${qi + 1} › options: Ange minst två svarsalternativ.`,
    );
    expect(await definitionOf(draftId)).toEqual(def);

    const added = structuredClone(def);
    added.sections.at(-1)?.questions.push({
      key: 'regionalExtra',
      type: 'longText',
      label: { sv: 'Något mer för regionen?', en: 'Anything else for the region?' },
      required: false,
    });
    const ok = await client.post(`/mapping/instruments/${draftId}/edit-json`, {
      definition: JSON.stringify(added),
    });
    expect(ok.statusCode).toBe(303);
    const detail = await client.get(`/mapping/instruments/${draftId}`);
    expect(detail.body).toContain('Något mer för regionen?');
    expect((await definitionOf(draftId)).sections.at(-1)?.questions.at(-1)?.key).toBe('regionalExtra');
  });

  it('markup in texts is shown as text', async () => {
    const client = await Client.as(app, db, admin);
    const page = await client.get(`/mapping/instruments/${draftId}/edit`);
    const fields = formFields(page.body, `/mapping/instruments/${draftId}/edit`);
    const evil = '<script>alert(1)</script>';
    const res = await client.post(`/mapping/instruments/${draftId}/edit`, {
      ...fields,
      'sections.0.title.sv': `Företaget ${evil}`,
    });
    expect(res.statusCode).toBe(303);
    const detail = await client.get(`/mapping/instruments/${draftId}`);
    expect(detail.body).not.toContain(evil);
    expect(detail.body).toContain('Avsnitt 1: Företaget &lt;script>alert(1)&lt;/script>');
    const back = formFields(
      (await client.get(`/mapping/instruments/${draftId}/edit`)).body,
      `/mapping/instruments/${draftId}/edit`,
    );
    await client.post(`/mapping/instruments/${draftId}/edit`, {
      ...back,
      'sections.0.title.sv': 'Företaget',
    });
  });

  it('publishes after a confirmation step; then the version is immutable', async () => {
    const client = await Client.as(app, db, admin);
    const confirm = await client.get(`/mapping/instruments/${draftId}/publish`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Publicera version 2?');
    expect(confirm.body).toContain('Den gemensamma kärnan är densamma');
    expect(confirm.body).toContain(`action="/mapping/instruments/${draftId}/publish"`);
    const res = await client.post(`/mapping/instruments/${draftId}/publish`, {});
    expect(res.statusCode).toBe(303);
    const detail = await client.get(String(res.headers.location));
    expect(detail.body).toContain('Version 2 är publicerad.');
    expect(detail.body).toContain('En publicerad version kan inte ändras.');
    expect(await auditActions(draftId)).toContain('mapping_instrument.publish');

    const saved = await definitionOf(draftId);
    const edit = await client.get(`/mapping/instruments/${draftId}/edit`);
    expect(edit.statusCode).toBe(409);
    expect(edit.body).toContain('Versionen kan inte ändras');
    expect(edit.body).toContain('Version 2 är publicerad.');
    const post = await client.post(`/mapping/instruments/${draftId}/edit`, { 'title.sv': 'Ändrad' });
    expect(post.statusCode).toBe(409);
    const json = await client.post(`/mapping/instruments/${draftId}/edit-json`, {
      definition: JSON.stringify(saved),
    });
    expect(json.statusCode).toBe(409);
    expect((await client.get(`/mapping/instruments/${draftId}/publish`)).statusCode).toBe(409);
    expect((await client.post(`/mapping/instruments/${draftId}/publish`, {})).statusCode).toBe(409);
    expect((await client.get(`/mapping/instruments/${nationalId}/edit`)).statusCode).toBe(409);
    expect(await definitionOf(draftId)).toEqual(saved);

    // Officers now see the region's published version.
    const officerClient = await Client.as(app, db, officer);
    expect((await officerClient.get(`/mapping/instruments/${draftId}`)).statusCode).toBe(200);
    // A next version continues the numbering.
    const next = await client.post(`/mapping/instruments/${draftId}/copy`, {});
    expect(next.statusCode).toBe(303);
    const nextPage = await client.get(String(next.headers.location));
    expect(nextPage.body).toContain('Version 3 är skapad som utkast.');
  });

  it('a publish confirmation warns when the common core differs from version 1', async () => {
    const id = await copyDraft();
    const def = await definitionOf(id);
    const changed = structuredClone(def);
    changed.levelScale = changed.levelScale.slice(0, 3);
    const client = await Client.as(app, db, admin);
    expect(
      (await client.post(`/mapping/instruments/${id}/edit-json`, { definition: JSON.stringify(changed) }))
        .statusCode,
    ).toBe(303);
    const confirm = await client.get(`/mapping/instruments/${id}/publish`);
    expect(confirm.body).toContain('Den gemensamma kärnan skiljer sig');
    expect(confirm.body).toContain('Nivåskala: andra nivåer');
  });
});

describe('the JSON API', () => {
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  it('lists and reads for staff; 401 without a token, 403 for company users, 404 for unknown ids', async () => {
    const token = await apiToken(db, officer.id);
    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/mapping/instruments',
      headers: auth(token),
    });
    expect(list.statusCode).toBe(200);
    const national = list.json().items.find((i: { id: string }) => i.id === nationalId);
    expect(national).toMatchObject({ version: 1, national: true, status: 'published', key: 'common-method' });
    const one = await app.inject({
      method: 'GET',
      url: `/api/v1/mapping/instruments/${nationalId}`,
      headers: auth(token),
    });
    expect(one.statusCode).toBe(200);
    expect(one.json().definition.levelScale).toHaveLength(4);
    expect(one.json()).not.toHaveProperty('createdBy');
    expect((await app.inject({ method: 'GET', url: '/api/v1/mapping/instruments' })).statusCode).toBe(401);
    const companyToken = await apiToken(db, companyUser.id);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/mapping/instruments', headers: auth(companyToken) }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/v1/mapping/instruments/00000000-0000-4000-8000-000000000000',
          headers: auth(token),
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/mapping/instruments/${nationalId}/copy`,
          headers: auth(token),
        })
      ).statusCode,
    ).toBe(403);
  });

  it('copy, update (with 422 field errors), publish, then 409 for any change', async () => {
    const token = await apiToken(db, admin.id);
    const copy = await app.inject({
      method: 'POST',
      url: `/api/v1/mapping/instruments/${nationalId}/copy`,
      headers: auth(token),
    });
    expect(copy.statusCode).toBe(201);
    const draft = copy.json();
    expect(draft).toMatchObject({ status: 'draft', national: false, publishedAt: null });
    const id: string = draft.id;
    const definition: InstrumentDefinition = draft.definition;

    const { key: _k, version: _v, ...withoutKey } = structuredClone(definition);
    withoutKey.title = { sv: 'Regionens metod', en: "The region's method" };
    const put = await app.inject({
      method: 'PUT',
      url: `/api/v1/mapping/instruments/${id}`,
      headers: auth(token),
      payload: withoutKey,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().definition.title.sv).toBe('Regionens metod');
    expect(put.json().definition.version).toBe(draft.version);

    const bad = structuredClone(definition);
    const si = bad.sections.findIndex((s) => s.questions.some((q) => q.type === 'choice'));
    const qi = bad.sections[si]?.questions.findIndex((q) => q.type === 'choice') ?? -1;
    const q = bad.sections[si]?.questions[qi];
    if (!q) throw new Error('no choice question');
    q.options = [];
    const invalid = await app.inject({
      method: 'PUT',
      url: `/api/v1/mapping/instruments/${id}`,
      headers: auth(token),
      payload: bad,
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.headers['content-type']).toContain('application/problem+json');
    expect(invalid.json().errors).toContainEqual({
      field: `sections.${si}.questions.${qi}.options`,
      code: 'mapping.instrument.optionsRequired',
      message: 'Ange minst två svarsalternativ.',
    });
    const notObject = await app.inject({
      method: 'PUT',
      url: `/api/v1/mapping/instruments/${id}`,
      headers: auth(token),
      payload: [1, 2],
    });
    expect(notObject.statusCode).toBe(422);

    const officerToken = await apiToken(db, officer.id);
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: `/api/v1/mapping/instruments/${id}`,
          headers: auth(officerToken),
          payload: definition,
        })
      ).statusCode,
    ).toBe(403);
    const otherToken = await apiToken(db, otherAdmin.id);
    for (const [method, url] of [
      ['GET', `/api/v1/mapping/instruments/${id}`],
      ['POST', `/api/v1/mapping/instruments/${id}/publish`],
    ] as const)
      expect((await app.inject({ method, url, headers: auth(otherToken) })).statusCode).toBe(404);

    const published = await app.inject({
      method: 'POST',
      url: `/api/v1/mapping/instruments/${id}/publish`,
      headers: auth(token),
    });
    expect(published.statusCode).toBe(200);
    expect(published.json().status).toBe('published');
    expect(published.json().publishedAt).toEqual(expect.any(String));

    const again = await app.inject({
      method: 'PUT',
      url: `/api/v1/mapping/instruments/${id}`,
      headers: auth(token),
      payload: definition,
    });
    expect(again.statusCode).toBe(409);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/mapping/instruments/${id}/publish`,
          headers: auth(token),
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: `/api/v1/mapping/instruments/${nationalId}`,
          headers: auth(token),
          payload: definition,
        })
      ).statusCode,
    ).toBe(409);
    expect(await auditActions(id)).toEqual([
      'mapping_instrument.copy',
      'mapping_instrument.update',
      'mapping_instrument.publish',
    ]);
  });

  it('the OpenAPI document lists the routes, with the definition as the PUT body', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/mapping/instruments',
        '/api/v1/mapping/instruments/{id}',
        '/api/v1/mapping/instruments/{id}/copy',
        '/api/v1/mapping/instruments/{id}/publish',
      ]),
    );
    const put = doc.paths['/api/v1/mapping/instruments/{id}'].put;
    expect(put.tags).toEqual(['mapping']);
    const body = put.requestBody.content['application/json'].schema;
    expect(body.properties.sections).toBeDefined();
    expect(body.required).not.toContain('key');
    expect(doc.paths['/api/v1/mapping/instruments/{id}/copy'].post.responses['201']).toBeDefined();
    expect(doc.paths['/api/v1/mapping/instruments'].get.summary).not.toBe('');
  });
});
