// Credential administration (secret shown once, revoke → 401, audited, API twin) and the product's own
// statements (recordStatements: account actor, product authority, version 1.0.3, no e-mail).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, failure, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { learnerAgent, recordStatements } from './index.ts';
import { makeLrsClient } from './test-support.ts';

const BASE = 'http://localhost:3000';
let db: Db;
let app: FastifyInstance;
let admin: TestUser;

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const lrsGet = (auth: string) =>
  app.inject({
    method: 'GET',
    url: '/xapi/statements?limit=1',
    headers: { authorization: auth, 'x-experience-api-version': '1.0.3' },
  });

describe('/admin/xapi', () => {
  it('issues credentials whose secret is shown once, and revokes them (401 afterwards)', async () => {
    const client = await Client.as(app, db, admin);
    const created = await client.post('/admin/xapi', { name: 'Leverantörens LMS', scope: 'readwrite' });
    expect(created.statusCode).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    const key = created.body.match(/<dt>Nyckel<\/dt>\s*<dd>\s*<code>([^<]+)<\/code>/)?.[1];
    const secret = created.body.match(/<dt>Hemlighet<\/dt>\s*<dd>\s*<code>([^<]+)<\/code>/)?.[1];
    expect(key).toBeTruthy();
    expect(secret).toBeTruthy();
    const auth = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
    expect((await lrsGet(auth)).statusCode).toBe(200);

    const list = await client.get('/admin/xapi');
    expect(list.body).toContain('Leverantörens LMS');
    expect(list.body).not.toContain(secret as string);
    const [row] = await db.query<{ id: string; secret_sha256: string }>(
      'SELECT id, secret_sha256 FROM xapi_clients WHERE key = $1',
      [key as string],
    );
    expect(row?.secret_sha256).not.toContain(secret as string);

    const revoked = await client.post(`/admin/xapi/${row?.id}/revoke`, {});
    expect(revoked.statusCode).toBe(303);
    expect((await lrsGet(auth)).statusCode).toBe(401);
    const audit = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`,
      [row?.id as string],
    );
    expect(audit.map((a) => a.action)).toEqual(['xapi.client.create', 'xapi.client.revoke']);
  });

  it('keeps the input and shows field errors on a bad form', async () => {
    const client = await Client.as(app, db, admin);
    const res = await client.post('/admin/xapi', { name: '', scope: 'everything' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('aria-invalid="true"');
  });

  it('is for region administrators only (403 for a coach)', async () => {
    const coach = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const client = await Client.as(app, db, coach);
    expect((await client.get('/admin/xapi')).statusCode).toBe(403);
  });

  it('has an API twin that never lists secrets', async () => {
    const token = await apiToken(db, admin.id);
    const auth = { authorization: `Bearer ${token}` };
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/xapi/clients',
      headers: auth,
      payload: { name: 'Analysverktyg', scopes: ['read'] },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.secret).toEqual(expect.any(String));
    expect(body.scopes).toEqual(['read']);
    const list = await app.inject({ method: 'GET', url: '/api/v1/xapi/clients', headers: auth });
    expect(list.body).not.toContain(body.secret);
    expect(list.json().some((c: { key: string }) => c.key === body.key)).toBe(true);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/xapi/clients',
      headers: auth,
      payload: { name: 'x', scopes: ['admin'] },
    });
    expect(bad.statusCode).toBe(422);
  });
});

describe('recordStatements', () => {
  it('stores account-actor statements with the product as authority, visible to the region', async () => {
    const learner = await makeUser(db, [{ role: 'coach', org: 'region' }], { email: 'learner@example.test' });
    const ids = await db.tx((tx) =>
      recordStatements(tx, BASE, [
        {
          actor: learnerAgent(BASE, learner.id),
          verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'sv-SE': 'slutförde' } },
          object: { id: `${BASE}/learning/courses/abc`, definition: { name: { sv: 'Kurs' } } },
          result: { completion: true, duration: 'PT25M' },
        },
      ]),
    );
    expect(ids).toHaveLength(1);
    const [row] = await db.query<{ statement: Record<string, unknown>; actor_key: string }>(
      'SELECT statement, actor_key FROM xapi_statements WHERE id = $1',
      [ids[0] as string],
    );
    expect(row?.statement).toMatchObject({
      version: '1.0.3',
      actor: { account: { homePage: BASE, name: learner.id } },
      authority: { account: { homePage: BASE, name: 'kompetensnavet' } },
    });
    expect(JSON.stringify(row)).not.toContain('learner@example.test');
    const c = await makeLrsClient(db);
    const res = await app.inject({
      method: 'GET',
      url: `/xapi/statements?statementId=${ids[0]}`,
      headers: { authorization: c.auth, 'x-experience-api-version': '1.0.3' },
    });
    expect(res.statusCode).toBe(200);
  });

  it('refuses an invalid statement with a validation error and stores nothing', async () => {
    const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM xapi_statements');
    const err = await failure(
      recordStatements(db, BASE, [
        {
          actor: learnerAgent(BASE, admin.id),
          verb: { id: 'not an iri', display: {} },
          object: { id: `${BASE}/x` },
        },
      ]),
    );
    expect(err.code).toBe('VALIDATION');
    const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM xapi_statements');
    expect(after[0]?.n).toBe(before[0]?.n);
  });
});
