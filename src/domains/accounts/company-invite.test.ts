import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { anonCsrf, countWhere, linkPath, mailsTo, organisationId } from './test-support.ts';

let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let companyId: string;
let region: string;

interface Contact {
  id: string;
  email: string | null;
  userId: string | null;
}

async function contacts(id: string): Promise<Contact[]> {
  return db.query<Contact>(
    'SELECT id, email, user_id AS "userId" FROM company_contacts WHERE company_id = $1 ORDER BY position, id',
    [id],
  );
}

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  region = await organisationId(db, 'region', '07');
  companyId = await makeCompany(db, admin);
});

afterAll(async () => {
  await app.close();
  await db.close();
});

describe('inviting a company contact (companies/invite.tsx)', () => {
  it('an officer of the municipality invites the contact: company_contact role, link, audit, flash', async () => {
    const officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
    const [contact] = await contacts(companyId);
    const email = contact?.email ?? '';
    const client = await Client.as(app, db, officer);
    const res = await client.post(`/companies/${companyId}/contacts/${contact?.id}/invite`, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/companies/${companyId}`);
    const page = await client.get(`/companies/${companyId}`);
    expect(page.body).toContain(`En inbjudan har skickats till ${email}.`);

    const [linked] = await contacts(companyId);
    expect(linked?.userId).toBeTruthy();
    expect(
      await countWhere(
        db,
        `memberships WHERE user_id = $1 AND role = 'company_contact' AND company_id = $2`,
        [linked?.userId ?? null, companyId],
      ),
    ).toBe(1);
    expect(
      await countWhere(
        db,
        `audit_log WHERE action = 'company.contact.invite' AND entity_type = 'company' AND entity_id = $1`,
        [companyId],
      ),
    ).toBe(1);
    const [mail] = await mailsTo(db, email);
    expect(mail?.regionId).toBe(region);

    // The contact accepts and lands on their company.
    const anon = new Client(app);
    const link = linkPath(mail?.bodyText ?? '', 'invitation');
    const accept = await anon.post(
      link,
      { name: 'Karin Kontakt', password: 'företagets långa lösenord', confirm: 'företagets långa lösenord' },
      { csrf: await anonCsrf(anon) },
    );
    expect(accept.statusCode).toBe(303);
    expect(accept.headers.location).toBe(`/companies/${companyId}`);
    expect((await anon.get(`/companies/${companyId}`)).statusCode).toBe(200);
  });

  it('a contact without an e-mail address gets a clear message and no account', async () => {
    const id = await makeCompany(db, admin, { contacts: [{ name: 'Utan Adress', roleTitle: 'Ägare' }] });
    const [contact] = await contacts(id);
    const before = await countWhere(db, 'users', []);
    const client = await Client.as(app, db, admin);
    const res = await client.post(`/companies/${id}/contacts/${contact?.id}/invite`, {});
    expect(res.statusCode).toBe(303);
    expect((await client.get(`/companies/${id}`)).body).toContain('Kontaktpersonen saknar e-postadress.');
    expect(await countWhere(db, 'users', [])).toBe(before);
  });

  it('outside the scope: 404 for an officer of another municipality, 403 for a coach; nothing written', async () => {
    const [contact] = await contacts(await makeCompany(db, admin));
    const vaxjo = await makeUser(db, [{ role: 'municipality_officer', org: '0780' }]);
    const coach = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const company = (
      await db.query<{ id: string }>('SELECT company_id AS id FROM company_contacts WHERE id = $1', [
        contact?.id ?? '',
      ])
    )[0]?.id;
    const url = `/companies/${company}/contacts/${contact?.id}/invite`;
    expect((await (await Client.as(app, db, vaxjo)).post(url, {})).statusCode).toBe(404);
    expect((await (await Client.as(app, db, coach)).post(url, {})).statusCode).toBe(403);
    expect(await mailsTo(db, contact?.email ?? '')).toHaveLength(0);
    expect((await contacts(company ?? ''))[0]?.userId).toBeNull();
  });

  it('an unknown contact of a visible company answers 404', async () => {
    const client = await Client.as(app, db, admin);
    const res = await client.post(
      `/companies/${companyId}/contacts/00000000-0000-4000-8000-000000000000/invite`,
      {},
    );
    expect(res.statusCode).toBe(404);
  });
});

describe('the users API', () => {
  it('POST /api/v1/invitations invites; GET /api/v1/users lists the person with the role', async () => {
    const token = await apiToken(db, admin.id);
    const ljungby = await organisationId(db, 'municipality', '0781');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers,
      payload: {
        email: 'api.officer@example.test',
        name: 'Api Officer',
        role: 'municipality_officer',
        organisationId: ljungby,
      },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ userCreated: true, membershipCreated: true, mailed: 'invitation' });
    expect(await mailsTo(db, 'api.officer@example.test')).toHaveLength(1);

    const list = await app.inject({ method: 'GET', url: '/api/v1/users?q=api.officer', headers });
    expect(list.statusCode).toBe(200);
    const users = list.json();
    expect(users.total).toBe(1);
    expect(users.items[0]).toMatchObject({ email: 'api.officer@example.test', status: 'invited' });
    expect(users.items[0].memberships[0]).toMatchObject({
      role: 'municipality_officer',
      organisationId: ljungby,
    });
    expect(JSON.stringify(users)).not.toContain('password');
  });

  it('a bad body or a role that does not fit answers 422 with field errors', async () => {
    const token = await apiToken(db, admin.id);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers,
      payload: { email: 'nope' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('email');
    const provider = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers,
      payload: { email: 'fel.roll@example.test', name: 'Fel Roll', role: 'provider', organisationId: region },
    });
    expect(provider.statusCode).toBe(422);
    expect(provider.json().errors[0].field).toBe('role');
  });

  it('the OpenAPI document describes both operations under the tag users', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(doc.paths['/api/v1/users'].get.tags).toContain('users');
    expect(doc.paths['/api/v1/invitations'].post.tags).toContain('users');
  });
});
