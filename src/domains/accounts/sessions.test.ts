import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Client, makeUser, TEST_PASSWORD, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { hashToken } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { insertMembership } from './repo.ts';
import { actorFromSession, housekeeping } from './service.ts';
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

/** The raw session secret in a client's cookie jar (the cookie is signed: `secret.signature`). */
function secretOf(client: Client): string {
  const signed = decodeURIComponent(client.cookies.get('kn_session') ?? '');
  return signed.slice(0, signed.lastIndexOf('.'));
}

describe('session lifetime and rotation', () => {
  // Every test here signs in through the form: start each from a clean per-address attempt count.
  beforeEach(async () => {
    await db.query('DELETE FROM login_attempts');
  });

  it('a session idle for more than 30 minutes, or past its absolute end, is dead; activity never moves the end', async () => {
    const user = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const idle = (await login(user.email, TEST_PASSWORD)).client;
    const old = (await login(user.email, TEST_PASSWORD)).client;
    const hashIdle = hashToken(secretOf(idle));
    const hashOld = hashToken(secretOf(old));
    await db.query(
      `UPDATE auth_sessions SET last_seen_at = now() - interval '31 minutes' WHERE token_hash = $1`,
      [hashIdle],
    );
    await db.query(
      `UPDATE auth_sessions SET last_seen_at = now() - interval '2 minutes', expires_at = now() + interval '1 minute' WHERE token_hash = $1`,
      [hashOld],
    );
    expect((await idle.get('/account')).statusCode).toBe(302);
    expect((await old.get('/account')).statusCode).toBe(200);
    const [row] = await db.query<{ left: number }>(
      `SELECT extract(epoch FROM expires_at - now())::int AS left FROM auth_sessions WHERE token_hash = $1`,
      [hashOld],
    );
    expect(row?.left).toBeLessThanOrEqual(60);
    await db.query(
      `UPDATE auth_sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
      [hashOld],
    );
    expect((await old.get('/account')).statusCode).toBe(302);
  });

  it('signing in again in the same browser ends its old session (no fixation) and gives a new secret', async () => {
    const user = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const { client } = await login(user.email, TEST_PASSWORD);
    const before = secretOf(client);
    const res = await client.post('/login', { email: user.email, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(303);
    const after = secretOf(client);
    expect(after).not.toBe(before);
    expect(await countWhere(db, 'auth_sessions WHERE token_hash = $1', [hashToken(before)])).toBe(0);
    expect(await countWhere(db, 'auth_sessions WHERE user_id = $1', [user.id])).toBe(1);
  });

  it('a change of roles rotates the session: the next answer sets a new secret and the old one is dead', async () => {
    const user = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const { client } = await login(user.email, TEST_PASSWORD);
    expect((await client.get('/account')).statusCode).toBe(200);
    const before = secretOf(client);
    const [org] = await db.query<{ id: string }>(
      `SELECT id FROM organisations WHERE kind = 'region' LIMIT 1`,
    );
    await insertMembership(db, {
      id: randomUUID(),
      userId: user.id,
      role: 'region_admin',
      organisationId: org?.id ?? null,
      companyId: null,
      createdBy: null,
    });
    const res = await client.get('/account');
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toContain('kn_session=');
    expect(secretOf(client)).not.toBe(before);
    expect(await actorFromSession(db, before)).toBeNull();
    expect((await client.get('/admin/users')).statusCode).toBe(200);
  });

  it('no redirect or page carries the session secret', async () => {
    const user = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const { client, res } = await login(user.email, TEST_PASSWORD);
    const secret = secretOf(client);
    expect(secret.length).toBeGreaterThan(20);
    expect(String(res.headers.location)).not.toContain(secret);
    for (const url of ['/account', '/companies', '/api/v1/account/sessions']) {
      const page = await client.get(url);
      expect(page.body).not.toContain(secret);
      expect(String(page.headers.location ?? '')).not.toContain(secret);
    }
    const out = await client.post('/logout', {});
    expect(String(out.headers.location)).not.toContain(secret);
  });
});

describe('own sessions and password change', () => {
  // Every test here signs in through the form: start each from a clean per-address attempt count.
  beforeEach(async () => {
    await db.query('DELETE FROM login_attempts');
  });

  it('/account lists own sessions with "this browser"; ending another one works, someone else\'s is 404', async () => {
    const user = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const other = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const laptop = (await login(user.email, TEST_PASSWORD)).client;
    const phone = (await login(user.email, TEST_PASSWORD)).client;
    const stranger = (await login(other.email, TEST_PASSWORD)).client;
    const page = await laptop.get('/account');
    expect(page.body).toContain('data-testid="sessions"');
    expect(page.body).toContain('den här webbläsaren');

    // (The API twin answers API tokens only; the ids come from the table here.)
    const laptopHash = hashToken(secretOf(laptop));
    const [phoneRow] = await db.query<{ id: string }>(
      'SELECT id FROM auth_sessions WHERE user_id = $1 AND token_hash <> $2',
      [user.id, laptopHash],
    );
    const phoneId = phoneRow?.id as string;
    const [strangerRow] = await db.query<{ id: string }>('SELECT id FROM auth_sessions WHERE user_id = $1', [
      other.id,
    ]);
    const strangerId = strangerRow?.id as string;

    // Someone else's session: 404 like an unknown id, and it lives on.
    expect((await laptop.post(`/account/sessions/${strangerId}/end`, {})).statusCode).toBe(404);
    expect((await stranger.get('/account')).statusCode).toBe(200);

    const ended = await laptop.post(`/account/sessions/${phoneId}/end`, {});
    expect(ended.statusCode).toBe(303);
    expect(ended.headers.location).toBe('/account');
    expect((await phone.get('/account')).statusCode).toBe(302);
    expect(await countWhere(db, `audit_log WHERE action = 'session.end' AND entity_id = $1`, [user.id])).toBe(
      1,
    );
  });

  it("DELETE /api/v1/account/sessions/:id ends an own session (204); someone else's is 404", async () => {
    const user = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const other = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const { apiToken } = await import('../../../test/app.ts');
    const bearer = { authorization: `Bearer ${await apiToken(db, user.id)}` };
    const browser = (await login(user.email, TEST_PASSWORD)).client;
    const theirs = (await login(other.email, TEST_PASSWORD)).client;
    const [own] = await db.query<{ id: string }>('SELECT id FROM auth_sessions WHERE user_id = $1', [
      user.id,
    ]);
    const [foreign] = await db.query<{ id: string }>('SELECT id FROM auth_sessions WHERE user_id = $1', [
      other.id,
    ]);
    const del = (id: string) =>
      app.inject({ method: 'DELETE', url: `/api/v1/account/sessions/${id}`, headers: bearer });
    expect((await del(foreign?.id as string)).statusCode).toBe(404);
    expect((await del(randomUUID())).statusCode).toBe(404);
    expect((await del(own?.id as string)).statusCode).toBe(204);
    expect((await browser.get('/account')).statusCode).toBe(302);
    expect((await theirs.get('/account')).statusCode).toBe(200);
  });

  it('changing the password needs the current one, 12+ characters twice, and ends every other session', async () => {
    const user = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const laptop = (await login(user.email, TEST_PASSWORD)).client;
    const phone = (await login(user.email, TEST_PASSWORD)).client;
    const bad = await laptop.post('/account/password', {
      current: 'fel-lösenord',
      password: 'nytt-lösenord-2026',
      confirm: 'nytt-lösenord-2026',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Det nuvarande lösenordet stämmer inte.');
    const short = await laptop.post('/account/password', {
      current: TEST_PASSWORD,
      password: 'kort',
      confirm: 'kort',
    });
    expect(short.statusCode).toBe(422);
    const mismatch = await laptop.post('/account/password', {
      current: TEST_PASSWORD,
      password: 'nytt-lösenord-2026',
      confirm: 'annat-lösenord-2026',
    });
    expect(mismatch.statusCode).toBe(422);
    expect((await phone.get('/account')).statusCode).toBe(200);

    const ok = await laptop.post('/account/password', {
      current: TEST_PASSWORD,
      password: 'nytt-lösenord-2026',
      confirm: 'nytt-lösenord-2026',
    });
    expect(ok.statusCode).toBe(303);
    expect((await laptop.get('/account')).statusCode).toBe(200);
    expect((await phone.get('/account')).statusCode).toBe(302);
    expect((await login(user.email, TEST_PASSWORD)).res.statusCode).toBe(401);
    expect((await login(user.email, 'nytt-lösenord-2026')).res.statusCode).toBe(303);
    expect(
      await countWhere(db, `audit_log WHERE action = 'password.change' AND entity_id = $1`, [user.id]),
    ).toBe(1);
  });
});
