import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeUser, TEST_PASSWORD, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { housekeeping } from './service.ts';
import { anonCsrf, countWhere } from './test-support.ts';

let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
});

afterAll(async () => {
  await app.close();
  await db.close();
});

async function login(email: string, password: string) {
  const client = new Client(app);
  const res = await client.post('/login', { email, password }, { csrf: await anonCsrf(client) });
  return { client, res };
}

describe('login sessions', () => {
  it('the sixth failure within a minute answers 429 even with the right password; another account still signs in', async () => {
    const target = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const bystander = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    for (let i = 0; i < 5; i++) {
      const { res } = await login(target.email, `fel-lösenord-${i}`);
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('Fel e-postadress eller lösenord.');
    }
    const { res: blocked, client } = await login(target.email, TEST_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('För många misslyckade försök');
    expect(client.cookies.has('kn_session')).toBe(false);

    const { res: other } = await login(bystander.email.toUpperCase(), TEST_PASSWORD);
    expect(other.statusCode).toBe(303);
  });

  it('an unknown account and a wrong password get the same answer', async () => {
    const user = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const wrong = await login(user.email, 'fel lösenord');
    const unknown = await login('ingen.alls@example.test', 'fel lösenord');
    expect(wrong.res.statusCode).toBe(unknown.res.statusCode);
    expect(wrong.res.body.includes('Fel e-postadress eller lösenord.')).toBe(true);
    expect(unknown.res.body.includes('Fel e-postadress eller lösenord.')).toBe(true);
  });

  it('"log out everywhere" ends every session of the user, and only theirs', async () => {
    const user = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const someoneElse = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const laptop = (await login(user.email, TEST_PASSWORD)).client;
    const phone = (await login(user.email, TEST_PASSWORD)).client;
    const other = await Client.as(app, db, someoneElse);
    expect((await phone.get('/account')).statusCode).toBe(200);

    const res = await laptop.post('/account/logout-everywhere', {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login');
    for (const client of [laptop, phone]) {
      const page = await client.get('/account');
      expect(page.statusCode).toBe(302);
      expect(page.headers.location).toMatch(/^\/login/);
    }
    expect(await countWhere(db, 'auth_sessions WHERE user_id = $1', [user.id])).toBe(0);
    expect((await other.get('/account')).statusCode).toBe(200);
    expect(
      await countWhere(db, `audit_log WHERE action = 'logout.everywhere' AND entity_id = $1`, [user.id]),
    ).toBe(1);
  });
});

describe('housekeeping', () => {
  it('removes expired sessions, old attempts and spent links, and keeps live ones', async () => {
    const db = await testDb();
    try {
      const user = await makeUser(db, [{ role: 'coach', org: '0781' }]);
      await db.query(
        `INSERT INTO auth_sessions (token_hash, user_id, expires_at) VALUES ('old', $1, now() - interval '1 hour'), ('live', $1, now() + interval '1 hour')`,
        [user.id],
      );
      await db.query(
        `INSERT INTO login_attempts (account_key, ip, succeeded, at) VALUES ('a', '1', false, now() - interval '2 days'), ('b', '1', false, now())`,
      );
      await db.query(
        `INSERT INTO one_time_tokens (token_hash, purpose, user_id, expires_at, used_at) VALUES
          ('spent', 'invitation', $1, now() - interval '40 days', now() - interval '40 days'),
          ('fresh', 'invitation', $1, now() + interval '1 day', NULL)`,
        [user.id],
      );
      await housekeeping(db);
      expect(
        (await db.query<{ token_hash: string }>('SELECT token_hash FROM auth_sessions')).map(
          (r) => r.token_hash,
        ),
      ).toEqual(['live']);
      expect(
        (await db.query<{ account_key: string }>('SELECT account_key FROM login_attempts')).map(
          (r) => r.account_key,
        ),
      ).toEqual(['b']);
      expect(
        (await db.query<{ token_hash: string }>('SELECT token_hash FROM one_time_tokens')).map(
          (r) => r.token_hash,
        ),
      ).toEqual(['fresh']);
    } finally {
      await db.close();
    }
  });
});

describe('login cookies and the shared-office limit', () => {
  it('the session cookie is httpOnly and SameSite, and Secure behind an HTTPS proxy', async () => {
    const user = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const { res } = await login(user.email, TEST_PASSWORD);
    expect(res.statusCode).toBe(303);
    const plain = String(res.headers['set-cookie']);
    expect(plain).toMatch(/kn_session=[^;]+;.*HttpOnly/);
    expect(plain).toContain('SameSite=Lax');
    expect(plain).not.toContain('Secure');

    const { app: proxied } = await testApp(db, { trustProxy: true });
    const client = new Client(proxied);
    const csrf = await anonCsrf(client);
    const res2 = await proxied.inject({
      method: 'POST',
      url: '/login',
      headers: {
        'x-forwarded-proto': 'https',
        cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ email: user.email, password: TEST_PASSWORD, _csrf: csrf }).toString(),
    });
    expect(res2.statusCode).toBe(303);
    expect(String(res2.headers['set-cookie'])).toMatch(/kn_session=[^;]+;.*Secure/);
    await proxied.close();
  });

  it('one office address may fail 35 times a minute across accounts and a colleague still signs in', async () => {
    for (let i = 0; i < 35; i++) {
      const { res } = await login(`someone-${i}@office.example`, 'fel');
      expect(res.statusCode).toBe(401);
    }
    const colleague = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const { res } = await login(colleague.email, TEST_PASSWORD);
    expect(res.statusCode).toBe(303);
  });
});
