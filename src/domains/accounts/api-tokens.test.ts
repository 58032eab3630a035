import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { countWhere } from './test-support.ts';

let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let client: Client;

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  client = await Client.as(app, db, admin);
});

afterAll(async () => {
  await app.close();
  await db.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const companiesWith = (headers: Record<string, string>) =>
  app.inject({ method: 'GET', url: '/api/v1/companies', headers });

async function createToken(form: Record<string, string>): Promise<string> {
  const res = await client.post('/account/api-tokens', form);
  expect(res.statusCode).toBe(200);
  const token = res.body.match(/data-testid="new-token"[\s\S]*?<code>([^<]+)<\/code>/)?.[1];
  if (!token) throw new Error('no token shown');
  return token;
}

async function tokenId(name: string): Promise<string> {
  const rows = await db.query<{ id: string }>('SELECT id FROM api_tokens WHERE user_id = $1 AND name = $2', [
    admin.id,
    name,
  ]);
  return rows[0]?.id ?? '';
}

describe('personal API tokens', () => {
  it('the account page lists tokens and offers a labelled form', async () => {
    const page = await client.get('/account');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('API-nycklar');
    expect(page.body).toContain('Du har inga API-nycklar.');
    expect(page.body).toMatch(/<label[^>]*for="f-name"/);
    expect(page.body).toMatch(/<label[^>]*for="f-expiresInDays"/);
    expect(page.body).toContain('action="/account/api-tokens"');
  });

  it('a new token is shown once, authenticates the API, and only its hash is stored', async () => {
    const res = await client.post('/account/api-tokens', { name: 'Integration', expiresInDays: '30' });
    expect(res.headers['cache-control']).toBe('no-store');
    const token = res.body.match(/data-testid="new-token"[\s\S]*?<code>([^<]+)<\/code>/)?.[1] ?? '';
    expect(token.length).toBeGreaterThan(30);
    expect(await countWhere(db, 'api_tokens WHERE token_hash = $1', [token])).toBe(0);
    expect(
      await countWhere(db, `audit_log WHERE action = 'api_token.create' AND actor_user_id = $1`, [admin.id]),
    ).toBe(1);

    const api = await companiesWith(bearer(token));
    expect(api.statusCode).toBe(200);
    expect(api.json()).toHaveProperty('items');

    const later = await client.get('/account');
    expect(later.body).not.toContain(token);
    expect(later.body).toContain('Integration');
    expect(later.body).toContain(`${token.slice(0, 8)}…`);
    expect(later.body).not.toContain('Aldrig'); // it has been used
  });

  it('a revoked token answers 401', async () => {
    const token = await createToken({ name: 'Kortlivad' });
    expect((await companiesWith(bearer(token))).statusCode).toBe(200);
    const res = await client.post(`/account/api-tokens/${await tokenId('Kortlivad')}/revoke`, {});
    expect(res.statusCode).toBe(303);
    expect((await companiesWith(bearer(token))).statusCode).toBe(401);
    expect(
      await countWhere(db, `audit_log WHERE action = 'api_token.revoke' AND actor_user_id = $1`, [admin.id]),
    ).toBe(1);
  });

  it('an expired token answers 401', async () => {
    const token = await createToken({ name: 'Utgången', expiresInDays: '1' });
    await db.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE name = 'Utgången'`);
    expect((await companiesWith(bearer(token))).statusCode).toBe(401);
  });

  it('a session cookie alone does not open the API', async () => {
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await companiesWith({ cookie });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it("someone else's token cannot be revoked (404) and stays valid", async () => {
    const token = await createToken({ name: 'Min egen' });
    const stranger = await Client.as(app, db, await makeUser(db, [{ role: 'coach', org: 'region' }]));
    const res = await stranger.post(`/account/api-tokens/${await tokenId('Min egen')}/revoke`, {});
    expect(res.statusCode).toBe(404);
    expect((await companiesWith(bearer(token))).statusCode).toBe(200);
  });

  it('bad input re-renders the form with the error summary', async () => {
    const res = await client.post('/account/api-tokens', { name: '', expiresInDays: '0' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('ds-error-summary');
    expect(res.body).toContain('href="#f-name"');
    expect(res.body).toContain('href="#f-expiresInDays"');
    expect(res.body).not.toContain('data-testid="new-token"');
  });
});
