// Rate limits: login and password reset (accounts, DB-backed), invitations over every path (DB-backed,
// platform/rate-limit.ts) and the JSON API (per token, and per address without one; in-memory).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INVITATIONS_PER_HOUR } from '../../src/domains/accounts/service/invite-user.ts';
import { organisationId } from '../../src/domains/accounts/test-support.ts';
import type { Db } from '../../src/platform/db.ts';
import { API_LIMIT_PER_IP, API_LIMIT_PER_TOKEN } from '../../src/platform/http/server.ts';
import { anyT } from '../../src/platform/i18n/index.ts';
import { hitLimit } from '../../src/platform/rate-limit.ts';
import { apiToken, Client, makeUser, TEST_PASSWORD, type TestUser, testApp } from '../app.ts';
import { testDb } from '../db.ts';

let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let ljungby: string;

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  ljungby = await organisationId(db, 'municipality', '0781');
}, 180_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const count = async (sql: string, params: string[] = []) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]?.n ?? 0;

describe('the DB-backed limiter', () => {
  it('counts hits per bucket and window, atomically under concurrency', async () => {
    const limit = { bucket: 'test:concurrent', max: 10, windowSeconds: 60 };
    const now = new Date('2026-11-28T10:00:30Z');
    const states = await Promise.all(Array.from({ length: 12 }, () => hitLimit(db, limit, now)));
    expect(states.map((s) => s.hits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    expect(states.filter((s) => !s.allowed)).toHaveLength(2);
    expect(states[0]?.retryAfterSeconds).toBe(30);
    // The next window starts afresh; another bucket is independent.
    expect((await hitLimit(db, limit, new Date('2026-11-28T10:01:00Z'))).hits).toBe(1);
    expect((await hitLimit(db, { ...limit, bucket: 'test:other' }, now)).hits).toBe(1);
  });
});

describe('login and password reset (accounts)', () => {
  it('the sixth wrong password within a minute answers 429, even before the password is checked', async () => {
    const user = await makeUser(db, [{ role: 'coach', org: '0781' }]);
    const client = await Client.as(app, db, null);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await client.post('/login', { email: user.email, password: 'wrong-password-1' })).statusCode,
      );
    expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
    expect(statuses[5]).toBe(429);
    const right = await client.post('/login', { email: user.email, password: TEST_PASSWORD });
    expect(right.statusCode).toBe(429);
  });

  it('password-reset requests past 60 a minute from one address answer 429', async () => {
    await db.query(
      `INSERT INTO login_attempts (account_key, ip, succeeded)
       SELECT 'reset:someone@example.test', '10.9.9.9', true FROM generate_series(1, 60)`,
    );
    const res = await app.inject({ method: 'GET', url: '/password/forgot', remoteAddress: '10.9.9.9' });
    const csrf = res.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const post = await app.inject({
      method: 'POST',
      url: '/password/forgot',
      remoteAddress: '10.9.9.9',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email: 'x@example.test', _csrf: csrf }).toString(),
    });
    expect(post.statusCode).toBe(429);
  });
});

describe('invitations', () => {
  const form = (n: number) => ({
    email: `limit-${n}@example.test`,
    name: `Person ${n}`,
    organisationId: ljungby,
    role: 'coach',
    locale: 'sv',
  });

  it(`past ${MAX_INVITATIONS_PER_HOUR} an hour per inviter: 429 at the form and on the API, nothing written`, async () => {
    const inviter = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
    const client = await Client.as(app, db, inviter);
    const token = await apiToken(db, inviter.id);
    // Spend the hour's allowance over both paths (they share the inviter's count).
    for (let i = 0; i < MAX_INVITATIONS_PER_HOUR; i++) {
      const res =
        i % 2 === 0
          ? await client.post('/admin/users/invite', form(i))
          : await app.inject({
              method: 'POST',
              url: '/api/v1/invitations',
              headers: { authorization: `Bearer ${token}` },
              payload: form(i),
            });
      expect(res.statusCode, `invitation ${i}`).toBeLessThan(400);
    }
    const users = await count('users');
    const page = await client.post('/admin/users/invite', form(100));
    expect(page.statusCode).toBe(429);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain(anyT('sv')('rateLimit.invitations'));
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
    const api = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: { authorization: `Bearer ${token}` },
      payload: form(101),
    });
    expect(api.statusCode).toBe(429);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(api.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED', reason: 'rateLimit.invitations' });
    expect(Number(api.headers['retry-after'])).toBeGreaterThan(0);
    expect(await count('users')).toBe(users);
    expect(await count(`users WHERE email IN ('limit-100@example.test', 'limit-101@example.test')`)).toBe(0);
    // Another inviter is not affected.
    const fresh = await Client.as(app, db, admin);
    expect((await fresh.post('/admin/users/invite', form(102))).statusCode).toBe(303);
  }, 60_000);
});

describe('the JSON API', () => {
  it(`without a valid token: ${API_LIMIT_PER_IP} a minute per address, then 429 with Retry-After`, async () => {
    const call = (ip: string) => app.inject({ url: '/api/v1/users', remoteAddress: ip });
    for (let i = 0; i < API_LIMIT_PER_IP; i++) expect((await call('10.1.1.1')).statusCode).toBe(401);
    const limited = await call('10.1.1.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Made-up tokens do not open a new allowance.
    const guessed = await app.inject({
      url: '/api/v1/users',
      remoteAddress: '10.1.1.1',
      headers: { authorization: 'Bearer made-up-token' },
    });
    expect(guessed.statusCode).toBe(429);
    expect((await call('10.1.1.2')).statusCode).toBe(401);
    // Pages are not counted by the API limit.
    expect((await app.inject({ url: '/login', remoteAddress: '10.1.1.1' })).statusCode).toBe(200);
  }, 60_000);

  it(`with a token: ${API_LIMIT_PER_TOKEN} a minute per token, whatever the address`, async () => {
    // The 429 itself is proven per address above (same limiter); 600 calls would not fit a minute on a
    // loaded CI machine, so the per-token count is read from the limiter's headers.
    const token = await apiToken(db, admin.id);
    const other = await apiToken(db, admin.id);
    const call = (t: string, ip: string) =>
      app.inject({
        url: '/api/v1/users?pageSize=1',
        remoteAddress: ip,
        headers: { authorization: `Bearer ${t}` },
      });
    const remaining: number[] = [];
    for (const ip of ['10.2.0.1', '10.2.0.2', '10.2.0.3', '10.2.0.4']) {
      const res = await call(token, ip);
      expect(res.statusCode).toBe(200);
      expect(Number(res.headers['x-ratelimit-limit'])).toBe(API_LIMIT_PER_TOKEN);
      remaining.push(Number(res.headers['x-ratelimit-remaining']));
    }
    // One count per token across addresses; another token has its own.
    expect(remaining).toEqual([0, 1, 2, 3].map((i) => (remaining[0] ?? 0) - i));
    expect(remaining[0]).toBe(API_LIMIT_PER_TOKEN - 1);
    const fresh = await call(other, '10.2.0.1');
    expect(Number(fresh.headers['x-ratelimit-remaining'])).toBe(API_LIMIT_PER_TOKEN - 1);
  });
});
