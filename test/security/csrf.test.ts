// CSRF on every state change, generated from the route registry: every non-GET page route refuses a request
// without a token, with another browser's token and with a forged one; API routes never take the session
// cookie (a bearer token cannot be sent by another site); protocol routes name how they authenticate.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../src/app.ts';
import type { Db } from '../../src/platform/db.ts';
import type { AnyRoute } from '../../src/platform/http/registry.ts';
import { commonT } from '../../src/platform/i18n/index.ts';
import { Client, makeUser, testApp } from '../app.ts';
import { testDb } from '../db.ts';

let db: Db;
let app: FastifyInstance;
let victim: Client;
let other: Client;

const routes = allRoutes();
const csrfMessage = commonT('sv')('error.csrf');

/** A concrete URL for a route: a fresh uuid for every parameter (a token for `:token`). */
function urlOf(route: AnyRoute): string {
  return route.url.replace(/:([A-Za-z]+)/g, (_m, name: string) =>
    name === 'token' ? 'x'.repeat(43) : randomUUID(),
  );
}

async function post(client: Client, route: AnyRoute, csrf: string | null) {
  const cookies = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const form = new URLSearchParams({ name: 'x' });
  if (csrf !== null) form.set('_csrf', csrf);
  return app.inject({
    method: route.method,
    url: urlOf(route),
    headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form.toString(),
  });
}

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  victim = await Client.as(app, db, await makeUser(db, [{ role: 'region_admin', org: 'region' }]));
  other = await Client.as(app, db, await makeUser(db, [{ role: 'region_admin', org: 'region' }]));
  // Each browser holds its own CSRF secret cookie.
  await victim.csrf();
  await other.csrf();
}, 180_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('page forms', () => {
  const forms = routes.filter((r) => r.kind === 'page' && r.method !== 'GET');

  it('covers every state-changing page route of the registry', () => {
    expect(forms.length).toBeGreaterThan(100);
    // A page route can only be GET or a form: nothing escapes the check by its method.
    expect(routes.filter((r) => r.kind === 'page' && r.method === 'GET').length + forms.length).toBe(
      routes.filter((r) => r.kind === 'page').length,
    );
  });

  it('refuses a request without a token, with another browser’s token and with a forged token', async () => {
    const otherToken = await other.csrf();
    const valid = await victim.csrf();
    const forged = `${valid.slice(0, -4)}AAAA`;
    const escaped: string[] = [];
    for (const route of forms) {
      for (const [label, token] of [
        ['none', null],
        ['other browser', otherToken],
        ['forged', forged],
      ] as const) {
        const res = await post(victim, route, token);
        if (res.statusCode !== 403 || !res.body.includes(csrfMessage))
          escaped.push(`${route.method} ${route.url} (${label}): ${res.statusCode}`);
      }
    }
    expect(escaped).toEqual([]);
  }, 120_000);

  it('accepts the browser’s own token (the refusals above are the CSRF check, not something else)', async () => {
    const logout = routes.find((r) => r.url === '/logout' && r.method === 'POST');
    if (!logout) throw new Error('no logout route');
    const res = await post(victim, logout, await victim.csrf());
    expect(res.statusCode).toBe(303);
  });

  it('the CSRF cookie is HttpOnly, signed and SameSite', async () => {
    const res = await app.inject({ url: '/login' });
    const cookie = res.cookies.find((c) => c.name === 'kn_csrf');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.value).toMatch(/\./); // signed: value.signature
  });
});

describe('API routes', () => {
  const api = routes.filter((r) => r.kind === 'api');

  it('never accept the session cookie: 401 with a cookie (and a valid CSRF token) only', async () => {
    const token = await other.csrf();
    const accepted: string[] = [];
    // A different client address per call keeps the per-address API limit out of the way.
    for (const [i, route] of api.filter((r) => !('public' in r.access)).entries()) {
      const cookies = [...other.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const bodyless = route.method === 'GET' || route.method === 'DELETE';
      const res = await app.inject({
        method: route.method,
        url: urlOf(route),
        remoteAddress: `10.3.${i >> 8}.${i & 255}`,
        headers: {
          cookie: cookies,
          'x-csrf-token': token,
          ...(bodyless ? {} : { 'content-type': 'application/json' }),
        },
        payload: bodyless ? undefined : '{}',
      });
      if (res.statusCode !== 401) accepted.push(`${route.method} ${route.url}: ${res.statusCode}`);
    }
    expect(accepted).toEqual([]);
  }, 120_000);

  it('public API writes are a reviewed list (none acts for a session: the API ignores the cookie)', () => {
    const publicWrites = api
      .filter((r) => 'public' in r.access && r.method !== 'GET')
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    // The anonymous accessibility report and a stateless credential verification. A new one needs review.
    expect(publicWrites).toEqual(['POST /api/v1/accessibility-reports', 'POST /api/v1/credentials/verify']);
  });
});

describe('protocol routes', () => {
  it('each says how it authenticates instead of CSRF', () => {
    const protocol = routes.filter((r) => r.kind === 'protocol');
    expect(protocol.length).toBeGreaterThan(0);
    for (const r of protocol) expect(r.protocolAuth, `${r.method} ${r.url}`).toMatch(/\S{3,}/);
    // Those that change state authenticate every request themselves (xAPI Basic credentials; the LTI
    // authentication answer is bound to the session by signed hints); none relies on the session alone.
    const writes = protocol.filter((r) => r.method !== 'GET' && !r.url.startsWith('/xapi/about'));
    for (const r of writes) expect(r.protocolAuth, `${r.method} ${r.url}`).not.toMatch(/^none/);
  });
});
