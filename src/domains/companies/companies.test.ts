import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { companyData, makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';

let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let ljungby: TestUser;
let vaxjo: TestUser;
let coach: TestUser;
let ljCompany: string;
let vxCompany: string;

/** Form fields as the browser posts them (`workplaces.0.city`). */
function form(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) {
    if (Array.isArray(v)) {
      v.forEach((row, i) => {
        for (const [f, value] of Object.entries(row as Record<string, unknown>))
          out[`${k}.${i}.${f}`] = String(value ?? '');
      });
    } else if (typeof v === 'boolean') {
      if (v) out[k] = 'on';
    } else if (v !== null && v !== undefined) out[k] = String(v);
  }
  return out;
}

async function count(): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM companies');
  return rows[0].n;
}

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  ljungby = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
  vaxjo = await makeUser(db, [{ role: 'municipality_officer', org: '0780' }]);
  coach = await makeUser(db, [{ role: 'coach', org: '0781' }]);
  ljCompany = await makeCompany(db, ljungby, { name: 'Lagan Plast AB' });
  vxCompany = await makeCompany(db, vaxjo, {
    name: 'Växjö Verktyg AB',
    workplaces: [{ name: 'Verkstan', municipalityCode: '0780', city: 'Växjö' }],
  });
});

afterAll(async () => {
  await app.close();
  await db.close();
});

describe('registering a company through the form', () => {
  it('creates it with workplace, contact, SME status and an audit row', async () => {
    const client = await Client.as(app, db, ljungby);
    const before = await count();
    const res = await client.post(
      '/companies',
      form(companyData({ name: 'Ryd Svets AB', employeesWomen: 3, employeesMen: 9 })),
    );
    expect(res.statusCode).toBe(303);
    const id = res.headers.location?.toString().split('/').pop() ?? '';
    expect(await count()).toBe(before + 1);
    const page = await client.get(`/companies/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ryd Svets AB');
    expect(page.body).toContain('Företaget är registrerat.');
    expect(page.body).toContain('Karin Kontakt');
    expect(page.body).toMatch(/data-testid="sme"[^>]*>Ja\./);
    expect(page.body).toContain('Registrerade företaget');
    const audit = await db.query('SELECT action FROM audit_log WHERE entity_id = $1', [id]);
    expect(audit.map((a) => a.action)).toContain('company.create');
  });

  it('re-renders with an error summary, field errors and the input kept; writes nothing', async () => {
    const client = await Client.as(app, db, ljungby);
    const before = await count();
    const res = await client.post(
      '/companies',
      form(companyData({ orgNumber: '556036-0794', name: '', sniCode: '99999' })),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Det finns fel i formuläret');
    expect(res.body).toContain('href="#f-orgNumber"');
    expect(res.body).toContain('Organisationsnumret har fel kontrollsiffra.');
    expect(res.body).toContain('href="#f-name"');
    expect(res.body).toContain('value="556036-0794"');
    expect(await count()).toBe(before);
    const sni = await client.post('/companies', form(companyData({ sniCode: '99999' })));
    expect(sni.statusCode).toBe(422);
    expect(sni.body).toContain('SNI-koden finns inte i SNI 2007');
    expect(await count()).toBe(before);
  });

  it('rejects malformed organisationsnummer, over-long fields and an unknown municipality', async () => {
    const client = await Client.as(app, db, admin);
    for (const bad of ['12345', 'abcdefghij', '556036-07933', '556036-0794']) {
      const res = await client.post('/companies', form(companyData({ orgNumber: bad })));
      expect(res.statusCode, bad).toBe(422);
      expect(res.body).toContain('f-orgNumber-error');
    }
    const long = await client.post('/companies', form(companyData({ name: 'x'.repeat(201) })));
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('Högst 200 tecken.');
    const muni = await client.post(
      '/companies',
      form(companyData({ workplaces: [{ municipalityCode: '0180' }] })),
    );
    expect(muni.statusCode).toBe(422);
    expect(muni.body).toContain('Kommunen ligger inte i regionen.');
  });

  it("refuses an officer registering a company with no workplace in the officer's municipality", async () => {
    const client = await Client.as(app, db, ljungby);
    const res = await client.post(
      '/companies',
      form(companyData({ workplaces: [{ municipalityCode: '0780' }] })),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Du kan bara registrera arbetsställen i din egen kommun.');
  });

  it('refuses a duplicate organisationsnummer with a field error', async () => {
    const client = await Client.as(app, db, admin);
    const data = companyData();
    expect((await client.post('/companies', form(data))).statusCode).toBe(303);
    const again = await client.post('/companies', form({ ...data, name: 'Kopian AB' }));
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('Ett företag med det organisationsnumret finns redan.');
  });

  it('renders HTML and script in every text field inert', async () => {
    const client = await Client.as(app, db, admin);
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const res = await client.post(
      '/companies',
      form(
        companyData({
          name: `${evil} AB`,
          workplaces: [
            { name: evil, street: evil, postalCode: '<b>1', city: evil, municipalityCode: '0781' },
          ],
          contacts: [{ name: evil, roleTitle: evil, email: '', phone: '<i>07' }],
        }),
      ),
    );
    expect(res.statusCode).toBe(303);
    const page = await client.get(res.headers.location?.toString() ?? '');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
    const list = await client.get('/companies?q=script');
    expect(list.body).not.toContain('<script>alert(1)');
    expect(list.body).toContain('&lt;script>');
  });

  it('refuses a wrong or missing CSRF token and writes nothing', async () => {
    const client = await Client.as(app, db, admin);
    const before = await count();
    const wrong = await client.post('/companies', form(companyData()), { csrf: 'not-a-token' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.body).toContain('Formuläret hade gått ut');
    const missing = await client.post('/companies', form(companyData()), { csrf: false });
    expect(missing.statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it('"More rows" re-renders the form with extra workplace rows and saves nothing', async () => {
    const client = await Client.as(app, db, admin);
    const before = await count();
    const res = await client.post('/companies', { ...form(companyData()), _more: '1' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('name="workplaces.3.city"');
    expect(await count()).toBe(before);
  });
});

describe('editing', () => {
  it('saves, keeps change history, and refuses a stale version with the input kept', async () => {
    const client = await Client.as(app, db, ljungby);
    const edit = await client.get(`/companies/${ljCompany}/edit`);
    expect(edit.statusCode).toBe(200);
    const version = edit.body.match(/name="version" value="(\d+)"/)?.[1] ?? '';
    const values = form(companyData({ name: 'Lagan Plast & Form AB', employeesMen: 30 }));
    const orgNumber = edit.body.match(/name="orgNumber"[^>]*value="([^"]+)"/)?.[1] ?? '';
    const saved = await client.post(`/companies/${ljCompany}`, { ...values, orgNumber, version });
    expect(saved.statusCode).toBe(303);
    const page = await client.get(`/companies/${ljCompany}`);
    expect(page.body).toContain('Lagan Plast &amp; Form AB');
    expect(page.body).toContain('Ändrade uppgifter: namn, anställda män');
    const stale = await client.post(`/companies/${ljCompany}`, {
      ...values,
      orgNumber,
      name: 'Gammal AB',
      version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Någon annan har ändrat uppgifterna');
    expect(stale.body).toContain('value="Gammal AB"');
    const rows = await db.query<{ name: string }>('SELECT name FROM companies WHERE id = $1', [ljCompany]);
    expect(rows[0].name).toBe('Lagan Plast & Form AB');
  });

  it('answers 404 for a company outside the scope, exactly as for an unknown id', async () => {
    const client = await Client.as(app, db, vaxjo);
    const outside = await client.get(`/companies/${ljCompany}`);
    const unknown = await client.get('/companies/00000000-0000-4000-8000-000000000000');
    expect(outside.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect((await client.get(`/companies/${ljCompany}/edit`)).statusCode).toBe(404);
    const post = await client.post(`/companies/${ljCompany}`, form(companyData()));
    expect(post.statusCode).toBe(404);
    expect((await client.get('/companies/not-a-uuid')).statusCode).toBe(404);
  });
});

describe('who sees which companies', () => {
  it('an officer lists only companies with a workplace in the municipality', async () => {
    const lj = await (await Client.as(app, db, ljungby)).get('/companies?pageSize=200');
    expect(lj.body).toContain('Lagan Plast');
    expect(lj.body).not.toContain('Växjö Verktyg AB');
    const vx = await (await Client.as(app, db, vaxjo)).get('/companies?pageSize=200');
    expect(vx.body).toContain('Växjö Verktyg AB');
    expect(vx.body).not.toContain('Lagan Plast');
  });

  it('a coach sees only assigned companies, and cannot edit them', async () => {
    const client = await Client.as(app, db, coach);
    expect((await client.get(`/companies/${ljCompany}`)).statusCode).toBe(404);
    const officer = await Client.as(app, db, ljungby);
    const assign = await officer.post(`/companies/${ljCompany}/coaches`, { coach: coach.id });
    expect(assign.statusCode).toBe(303);
    expect((await client.get(`/companies/${ljCompany}`)).statusCode).toBe(200);
    expect((await client.get('/companies')).body).not.toContain('Växjö Verktyg AB');
    expect((await client.get(`/companies/${ljCompany}/edit`)).statusCode).toBe(403);
    expect((await client.get('/companies/new')).statusCode).toBe(403);
  });

  it('a company contact sees and edits only their own company', async () => {
    const contact = await makeUser(db, [{ role: 'company_contact', org: `company:${vxCompany}` }]);
    const client = await Client.as(app, db, contact);
    expect((await client.get(`/companies/${vxCompany}`)).statusCode).toBe(200);
    expect((await client.get(`/companies/${vxCompany}/edit`)).statusCode).toBe(200);
    expect((await client.get(`/companies/${ljCompany}`)).statusCode).toBe(404);
    const list = await client.get('/companies');
    expect(list.body).toContain('Växjö Verktyg AB');
    expect(list.body).not.toContain('Lagan Plast');
  });

  it('participants and providers may never use the company pages (403)', async () => {
    const participant = await makeUser(db, [{ role: 'participant', org: `company:${vxCompany}` }]);
    const provider = await makeUser(db, [{ role: 'provider', org: 'region' }]);
    for (const user of [participant, provider]) {
      const client = await Client.as(app, db, user);
      expect((await client.get('/companies')).statusCode).toBe(403);
      expect((await client.get(`/companies/${vxCompany}`)).statusCode).toBe(403);
    }
  });

  it('a region sees nothing of another region', async () => {
    const other = await makeUser(db, [{ role: 'region_admin', org: 'region' }], { county: '06' });
    const client = await Client.as(app, db, other);
    const list = await client.get('/companies?pageSize=200');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Inga företag matchar urvalet.');
    expect((await client.get(`/companies/${ljCompany}`)).statusCode).toBe(404);
  });

  it('filters by municipality, status, SNI and search', async () => {
    const client = await Client.as(app, db, admin);
    const byMuni = await client.get('/companies?municipality=0780&pageSize=200');
    expect(byMuni.body).toContain('Växjö Verktyg AB');
    expect(byMuni.body).not.toContain('Lagan Plast');
    const bySni = await client.get('/companies?sni=C&q=Verktyg');
    expect(bySni.body).toContain('Växjö Verktyg AB');
    const none = await client.get('/companies?sni=62&q=Verktyg');
    expect(none.body).toContain('Inga företag matchar urvalet.');
    const bad = await client.get('/companies?status=nonsense');
    expect(bad.statusCode).toBe(422);
  });

  it("masks a sole trader's number in lists but shows it on the company's own page", async () => {
    const id = await makeCompany(db, admin, { orgNumber: '198112189876', name: 'Enskilda Firman Svensson' });
    const client = await Client.as(app, db, admin);
    const list = await client.get('/companies?q=Enskilda');
    expect(list.body).toContain('811218-****');
    expect(list.body).not.toContain('811218-9876');
    const page = await client.get(`/companies/${id}`);
    expect(page.body).toContain('811218-9876');
  });
});

describe('JSON API', () => {
  it('lists, gets, creates and updates with a personal token, with the same rules', async () => {
    const token = await apiToken(db, ljungby.id);
    const auth = { authorization: `Bearer ${token}` };
    const list = await app.inject({ method: 'GET', url: '/api/v1/companies?pageSize=200', headers: auth });
    expect(list.statusCode).toBe(200);
    const names = list.json().items.map((i: { name: string }) => i.name);
    expect(names.some((n: string) => n.startsWith('Lagan Plast'))).toBe(true);
    expect(names).not.toContain('Växjö Verktyg AB');

    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/companies',
      headers: auth,
      payload: companyData({ name: 'API Bolaget AB' }),
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ name: 'API Bolaget AB', isSme: true, sizeClass: '10-49' });
    expect(body.workplaces[0].municipalityCode).toBe('0781');

    const put = await app.inject({
      method: 'PUT',
      url: `/api/v1/companies/${body.id}`,
      headers: auth,
      payload: companyData({ orgNumber: body.orgNumber, name: 'API Bolaget Två AB', version: body.version }),
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().name).toBe('API Bolaget Två AB');
    const stale = await app.inject({
      method: 'PUT',
      url: `/api/v1/companies/${body.id}`,
      headers: auth,
      payload: companyData({ orgNumber: body.orgNumber, version: body.version }),
    });
    expect(stale.statusCode).toBe(409);

    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/companies/${vxCompany}`, headers: auth })).statusCode,
    ).toBe(404);
  });

  it('answers validation errors as a problem document with every field', async () => {
    const token = await apiToken(db, admin.id);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/companies',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        orgNumber: '123',
        name: '',
        workplaces: [],
        contacts: [],
        status: 'x',
        foundVia: 'other',
        employeesWomen: -1,
        employeesMen: 0,
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['orgNumber', 'name', 'workplaces', 'status', 'employeesWomen']),
    );
  });

  it('401 without a token, 403 for a role that may never use it, 422 for junk JSON', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/companies' })).statusCode).toBe(401);
    const participant = await makeUser(db, [{ role: 'participant', org: `company:${vxCompany}` }]);
    const token = await apiToken(db, participant.id);
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/companies',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(403);
    const adminToken = await apiToken(db, admin.id);
    const junk = await app.inject({
      method: 'POST',
      url: '/api/v1/companies',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(junk.statusCode).toBe(422);
  });

  it('assigns and removes coaches, invites a contact and reads the history', async () => {
    const token = await apiToken(db, ljungby.id);
    const headers = { authorization: `Bearer ${token}` };
    const id = await makeCompany(db, ljungby, { name: 'Coachade Bolaget AB' });
    const assign = await app.inject({
      method: 'POST',
      url: `/api/v1/companies/${id}/coaches`,
      headers,
      payload: { userId: coach.id },
    });
    expect(assign.statusCode).toBe(200);
    expect(assign.json().map((c: { userId: string }) => c.userId)).toEqual([coach.id]);
    const notACoach = await app.inject({
      method: 'POST',
      url: `/api/v1/companies/${id}/coaches`,
      headers,
      payload: { userId: vaxjo.id },
    });
    expect(notACoach.statusCode).toBe(422);
    const remove = await app.inject({
      method: 'DELETE',
      url: `/api/v1/companies/${id}/coaches/${coach.id}`,
      headers,
    });
    expect(remove.statusCode).toBe(204);
    const company = (await app.inject({ method: 'GET', url: `/api/v1/companies/${id}`, headers })).json();
    expect(company.coaches).toEqual([]);
    const contactId = company.contacts[0].id;
    const invite = await app.inject({
      method: 'POST',
      url: `/api/v1/companies/${id}/contacts/${contactId}/invitation`,
      headers,
    });
    expect(invite.statusCode).toBe(200);
    expect(invite.json().invited).toBe(true);
    const history = (
      await app.inject({ method: 'GET', url: `/api/v1/companies/${id}/history`, headers })
    ).json();
    expect(history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining([
        'company.create',
        'company.coach.assign',
        'company.coach.unassign',
        'company.contact.invite',
      ]),
    );
    const coachToken = await apiToken(db, coach.id);
    const forbidden = await app.inject({
      method: 'POST',
      url: `/api/v1/companies/${id}/coaches`,
      headers: { authorization: `Bearer ${coachToken}` },
      payload: { userId: coach.id },
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('serves an OpenAPI document listing the company operations', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/companies', '/api/v1/companies/{id}']),
    );
    expect(doc.paths['/api/v1/companies'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/companies/{id}'].put).toBeDefined();
  });
});

describe('the form without JavaScript', () => {
  it('offers every SNI 2007 detail group in a native datalist', async () => {
    const client = await Client.as(app, db, admin);
    const page = await client.get('/companies/new');
    const options = page.body.match(/<option value="\d{5}"/g) ?? [];
    expect(options.length).toBe(821);
    expect(page.body).toContain('<option value="25620">25620 Metallegoarbeten</option>');
  });
});
