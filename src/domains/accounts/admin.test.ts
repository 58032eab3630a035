import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { ensureRegion } from '../organisations/index.ts';
import { countWhere, organisationId } from './test-support.ts';

let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let officer: TestUser;
let coach: TestUser;
let vaxjoCoach: TestUser;

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }], { name: 'Alma Admin' });
  officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }], { name: 'Olle Officer' });
  coach = await makeUser(db, [{ role: 'coach', org: '0781' }], { name: 'Cissi Coach' });
  vaxjoCoach = await makeUser(db, [{ role: 'coach', org: '0780' }], { name: 'Vera Växjö' });
});

afterAll(async () => {
  await app.close();
  await db.close();
});

async function membershipId(userId: string): Promise<string> {
  const rows = await db.query<{ id: string }>('SELECT id FROM memberships WHERE user_id = $1', [userId]);
  return rows[0]?.id ?? '';
}

describe('role checks', () => {
  it('a coach gets 403 on /admin/users and on the users API', async () => {
    expect((await (await Client.as(app, db, coach)).get('/admin/users')).statusCode).toBe(403);
    const token = await apiToken(db, coach.id);
    const api = await app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.statusCode).toBe(403);
  });

  it('a participant gets 403 on /admin/outbox; an officer too', async () => {
    const company = await makeCompany(db, admin);
    const participant = await makeUser(db, [{ role: 'participant', org: `company:${company}` }]);
    expect((await (await Client.as(app, db, participant)).get('/admin/outbox')).statusCode).toBe(403);
    expect((await (await Client.as(app, db, officer)).get('/admin/outbox')).statusCode).toBe(403);
  });

  it('without a session the pages send to the login page', async () => {
    const res = await new Client(app).get('/admin/users');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/login?next=%2Fadmin%2Fusers');
  });
});

describe('user administration', () => {
  it('a region admin sees the users of the region, in Swedish and English', async () => {
    const client = await Client.as(app, db, admin);
    const page = await client.get('/admin/users');
    expect(page.statusCode).toBe(200);
    for (const name of ['Alma Admin', 'Olle Officer', 'Cissi Coach', 'Vera Växjö'])
      expect(page.body).toContain(name);
    expect(page.body).toContain('<caption class="ds-sr-only">Användare och deras roller</caption>');
    const en = await client.get('/admin/users', {
      cookie: `${[...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ')}; kn_lang=en`,
    });
    expect(en.body).toContain('Invite a user');
  });

  it('an officer sees only the users of their own municipality', async () => {
    const page = await (await Client.as(app, db, officer)).get('/admin/users');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Cissi Coach');
    expect(page.body).toContain('Olle Officer');
    expect(page.body).not.toContain('Vera Växjö');
    expect(page.body).not.toContain('Alma Admin');
  });

  it('a region admin of another region sees none of these users', async () => {
    const other = await makeUser(db, [{ role: 'region_admin', org: 'region' }], {
      county: '12',
      name: 'Sven Skåne',
    });
    const page = await (await Client.as(app, db, other)).get('/admin/users');
    expect(page.body).toContain('Sven Skåne');
    expect(page.body).not.toContain('Cissi Coach');
  });

  it('search narrows the list and pages are linked', async () => {
    const client = await Client.as(app, db, admin);
    const page = await client.get('/admin/users?q=cissi');
    expect(page.body).toContain('Cissi Coach');
    expect(page.body).not.toContain('Vera Växjö');
    const paged = await client.get('/admin/users?pageSize=2');
    expect(paged.body).toContain('rel="next"');
    expect((await client.get('/admin/users?page=0')).statusCode).toBe(422);
  });

  it('an officer removes a coach of their municipality (audited), but not a role outside it or their own', async () => {
    const client = await Client.as(app, db, officer);
    const localCoach = await makeUser(db, [{ role: 'coach', org: '0781' }]);
    const res = await client.post(`/admin/users/memberships/${await membershipId(localCoach.id)}/delete`, {});
    expect(res.statusCode).toBe(303);
    expect(await countWhere(db, 'memberships WHERE user_id = $1', [localCoach.id])).toBe(0);
    expect(
      await countWhere(db, `audit_log WHERE action = 'membership.delete' AND details->>'userId' = $1`, [
        localCoach.id,
      ]),
    ).toBe(1);

    expect(
      (await client.post(`/admin/users/memberships/${await membershipId(vaxjoCoach.id)}/delete`, {}))
        .statusCode,
    ).toBe(404);
    expect(
      (await client.post(`/admin/users/memberships/${await membershipId(admin.id)}/delete`, {})).statusCode,
    ).toBe(404);
    expect(
      (await client.post(`/admin/users/memberships/${await membershipId(officer.id)}/delete`, {})).statusCode,
    ).toBe(403);
    expect(
      await countWhere(db, 'memberships WHERE user_id = ANY($1::uuid[])', [
        `{${vaxjoCoach.id},${admin.id},${officer.id}}`,
      ]),
    ).toBe(3);
  });
});

describe('single sign-on links', () => {
  const link = (userId: string) =>
    db.query(
      `INSERT INTO oidc_identities (issuer, subject, user_id) VALUES ('https://idp.example.test', $1, $2)`,
      [`sub-${userId}`, userId],
    );
  const linked = (userId: string) => countWhere(db, 'oidc_identities WHERE user_id = $1', [userId]);

  it('an officer unlinks a coach of their municipality on the page (audited); not outside it', async () => {
    await link(coach.id);
    await link(vaxjoCoach.id);
    const client = await Client.as(app, db, officer);
    const page = await client.get('/admin/users');
    expect(page.body).toContain(`action="/admin/users/${coach.id}/sso/unlink"`);
    expect(page.body).toContain('aria-label="Koppla loss inloggningen via organisationen för Cissi Coach"');
    expect(page.body).not.toContain(`/admin/users/${vaxjoCoach.id}/sso/unlink`);
    // Another municipality's coach: as if unknown, nothing removed.
    expect((await client.post(`/admin/users/${vaxjoCoach.id}/sso/unlink`, {})).statusCode).toBe(404);
    expect(await linked(vaxjoCoach.id)).toBe(1);
    const done = await client.post(`/admin/users/${coach.id}/sso/unlink`, {});
    expect(done.statusCode).toBe(303);
    expect(await linked(coach.id)).toBe(0);
    expect(
      await countWhere(
        db,
        `audit_log WHERE action = 'sso.unlink' AND entity_id = $1 AND actor_user_id = $2`,
        [coach.id, officer.id],
      ),
    ).toBe(1);
    // Nothing left to unlink: 404.
    expect((await client.post(`/admin/users/${coach.id}/sso/unlink`, {})).statusCode).toBe(404);
  });

  it('the API lists the link and unlinks it (204, then 404); a coach is refused', async () => {
    const token = await apiToken(db, admin.id);
    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/users?q=V%C3%A4xj%C3%B6',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(list.json().items.find((u: { id: string }) => u.id === vaxjoCoach.id)?.ssoLinked).toBe(true);
    const del = () =>
      app.inject({
        method: 'DELETE',
        url: `/api/v1/users/${vaxjoCoach.id}/sso-links`,
        headers: { authorization: `Bearer ${token}` },
      });
    const coachToken = await apiToken(db, coach.id);
    const refused = await app.inject({
      method: 'DELETE',
      url: `/api/v1/users/${vaxjoCoach.id}/sso-links`,
      headers: { authorization: `Bearer ${coachToken}` },
    });
    expect(refused.statusCode).toBe(403);
    expect((await del()).statusCode).toBe(204);
    expect(await linked(vaxjoCoach.id)).toBe(0);
    expect((await del()).statusCode).toBe(404);
  });
});

describe('the outbox', () => {
  it('shows the region mail newest first, 25 a page, and not another region', async () => {
    const region = await organisationId(db, 'region', '07');
    const otherRegion = await ensureRegion(db, '12');
    for (let i = 1; i <= 30; i++) {
      await db.query(
        `INSERT INTO mail_outbox (id, region_id, to_address, subject, body_text, status, created_at)
         VALUES ($1, $2, $3, $4, 'Hej!', 'stored', now() - make_interval(mins => $5))`,
        [randomUUID(), region, `mottagare${i}@example.test`, `Ämne nummer ${i}`, 100 - i],
      );
    }
    await db.query(
      `INSERT INTO mail_outbox (id, region_id, to_address, subject, body_text, status) VALUES ($1, $2, 'x@example.test', 'Annan region', '', 'stored')`,
      [randomUUID(), otherRegion],
    );
    const client = await Client.as(app, db, admin);
    const first = await client.get('/admin/outbox');
    expect(first.statusCode).toBe(200);
    expect(first.body.indexOf('Ämne nummer 30')).toBeLessThan(first.body.indexOf('Ämne nummer 29'));
    expect(first.body).not.toContain('Ämne nummer 5<');
    expect(first.body).not.toContain('Annan region');
    expect(first.body).toContain('href="/admin/outbox?page=2"');
    const second = await client.get('/admin/outbox?page=2');
    expect(second.body).toContain('Ämne nummer 1<');
    expect(second.body).not.toContain('Ämne nummer 30');
  });

  it('escapes what it shows', async () => {
    const region = await organisationId(db, 'region', '07');
    await db.query(
      `INSERT INTO mail_outbox (id, region_id, to_address, subject, body_text, status) VALUES ($1, $2, 'a@example.test', '<script>alert(1)</script>', '<b>x</b>', 'stored')`,
      [randomUUID(), region],
    );
    const page = await (await Client.as(app, db, admin)).get('/admin/outbox');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(page.body).toContain('&lt;b>x&lt;/b>');
  });
});
