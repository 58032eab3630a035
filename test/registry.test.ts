import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../src/app.ts';
import type { Db } from '../src/platform/db.ts';
import { testApp } from './app.ts';
import { testDb } from './db.ts';

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

const sampleUrl = (url: string) => url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');

describe('route registry', () => {
  const routes = allRoutes();

  it('every route declares who may use it: explicitly public, or a named policy', () => {
    const undeclared = routes.filter((r) => !('public' in r.access) && typeof r.access.policy !== 'function');
    expect(undeclared.map((r) => `${r.method} ${r.url}`)).toEqual([]);
    for (const r of routes)
      if (!('public' in r.access)) expect(r.access.name, `${r.method} ${r.url}`).toMatch(/^[a-zA-Z]+$/);
  });

  it('every protocol route (xAPI, LTI, well-known documents) says how it authenticates its caller', () => {
    for (const r of routes.filter((x) => x.kind === 'protocol'))
      expect(r.protocolAuth, `${r.method} ${r.url}`).toMatch(/^[a-z][A-Za-z0-9 ()-]+$/);
  });

  it('has no two routes with the same method and path', () => {
    const keys = routes.map((r) => `${r.method} ${r.url}`);
    expect(keys.length).toBe(new Set(keys).size);
  });

  it('every API route is under /api/v1 and every page route is not', () => {
    for (const r of routes)
      expect(r.url.startsWith('/api/v1/'), `${r.method} ${r.url}`).toBe(r.kind === 'api');
  });

  it('every non-public route refuses an anonymous request (login redirect, 401 or 403 for a missing CSRF token)', async () => {
    let n = 0;
    for (const r of routes.filter((x) => !('public' in x.access))) {
      n++;
      const res = await app.inject({
        method: r.method,
        url: sampleUrl(r.url),
        payload: r.method === 'GET' ? undefined : {},
        // One address per request: the anonymous API limit (120 a minute per address) is not under test here.
        remoteAddress: `10.77.${n >> 8}.${n & 255}`,
      });
      const label = `${r.method} ${r.url} -> ${res.statusCode}`;
      if (r.kind === 'api') expect(res.statusCode, label).toBe(401);
      else if (r.method === 'GET') {
        expect(res.statusCode, label).toBe(302);
        expect(res.headers.location, label).toMatch(/^\/login\?next=/);
      } else expect([401, 403], label).toContain(res.statusCode);
    }
  });

  it('the OpenAPI document is valid OpenAPI 3.0 (checked against the official schema)', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const result = await new Validator().validate(doc);
    expect(result.errors ?? [], JSON.stringify(result.errors ?? []).slice(0, 2000)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('every API route with a body, query or params is described in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const r of routes.filter((x) => x.kind === 'api')) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${r.url}`).toBeDefined();
    }
  });
});

describe('probes and errors', () => {
  it('/livez is static and /healthz checks the database', async () => {
    expect((await app.inject({ method: 'GET', url: '/livez' })).body).toBe('ok');
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json().status).toBe('ok');
  });

  it('answers a localised 404 page in Swedish and English without internals', async () => {
    const sv = await app.inject({ method: 'GET', url: '/no/such/page' });
    expect(sv.statusCode).toBe(404);
    expect(sv.body).toContain('Sidan finns inte');
    const en = await app.inject({ method: 'GET', url: '/no/such/page', headers: { cookie: 'kn_lang=en' } });
    expect(en.body).toContain('Page not found');
    expect(en.body).toContain('lang="en"');
  });

  it('the language switch remembers the choice and only redirects inside the site', async () => {
    const res = await app.inject({ method: 'GET', url: '/lang/en?back=%2Faccessibility' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/accessibility');
    expect(String(res.headers['set-cookie'])).toContain('kn_lang=en');
    const evil = await app.inject({ method: 'GET', url: '/lang/en?back=%2F%2Fevil.example' });
    expect(evil.headers.location).toBe('/');
  });
});
