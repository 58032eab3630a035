// Security headers on every kind of answer, and no inline script on any page the demo region admin can
// reach (every page route without parameters, plus one URL of each parameterised page linked from them).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../src/app.ts';
import type { Db } from '../../src/platform/db.ts';
import { Client, testApp } from '../app.ts';
import { testDb } from '../db.ts';

let db: Db;
let app: FastifyInstance;
let admin: Client;

beforeAll(async () => {
  db = await testDb({ demo: true });
  ({ app } = await testApp(db));
  const [user] = await db.query<{ id: string; email: string }>(
    `SELECT id, email FROM users WHERE email = 'region.admin@example.org'`,
  );
  if (!user) throw new Error('demo region admin missing');
  admin = await Client.as(app, db, user);
}, 180_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

function cspOf(res: { headers: Record<string, unknown> }): Map<string, string> {
  const raw = String(res.headers['content-security-policy'] ?? '');
  return new Map(
    raw
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name = '', ...values] = d.split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
  );
}

function expectBaseline(res: { headers: Record<string, unknown> }): void {
  const csp = cspOf(res);
  expect(csp.get('default-src')).toBe("'self'");
  expect(csp.get('script-src')).toBe("'self'");
  expect(csp.get('script-src-attr')).toBe("'none'");
  expect(csp.get('object-src')).toBe("'none'");
  expect(csp.get('base-uri')).toBe("'self'");
  expect(csp.get('frame-ancestors')).toBe("'none'");
  expect(csp.get('form-action')).toMatch(/^'self'/);
  expect(String(res.headers['content-security-policy'])).not.toContain('unsafe-inline');
  expect(String(res.headers['content-security-policy'])).not.toContain('unsafe-eval');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['referrer-policy']).toMatch(/^(same-origin|no-referrer)$/);
  expect(String(res.headers['permissions-policy'])).toContain('camera=()');
}

describe('headers on every kind of route', () => {
  it('a page, an API answer, a protocol document and a static asset carry the baseline', async () => {
    const kinds = new Set(allRoutes().map((r) => r.kind));
    expect([...kinds].sort()).toEqual(['api', 'page', 'protocol']);
    for (const url of ['/login', '/api/v1/openapi.json', '/.well-known/jwks.json', '/assets/app.css']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expectBaseline(res);
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('pages whose URL holds a one-time token send no referrer and are not stored', async () => {
    const tokenRoutes = allRoutes().filter((r) => r.kind === 'page' && r.url.includes(':token'));
    expect(tokenRoutes.map((r) => r.url)).toEqual(
      expect.arrayContaining(['/invitation/:token', '/password/reset/:token', '/esf/sign/:token']),
    );
    for (const r of tokenRoutes.filter((x) => x.method === 'GET')) {
      const url = r.url.replace(':token', 'x'.repeat(43));
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('HSTS only over HTTPS: behind a trusted proxy saying https, never on plain http', async () => {
    const { app: proxied } = await testApp(db, { trustProxy: true });
    try {
      const https = await proxied.inject({ url: '/login', headers: { 'x-forwarded-proto': 'https' } });
      expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const http = await proxied.inject({ url: '/login', headers: { 'x-forwarded-proto': 'http' } });
      expect(http.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await proxied.close();
    }
    // Without TRUST_PROXY the header is not believed.
    const spoofed = await app.inject({ url: '/login', headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });

  it('signed-in pages and API answers are not stored (ASVS 8.2.1)', async () => {
    const page = await admin.get('/companies');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const [user] = await db.query<{ id: string }>(
      `SELECT id FROM users WHERE email = 'region.admin@example.org'`,
    );
    const { apiToken } = await import('../app.ts');
    const token = await apiToken(db, user?.id ?? '');
    const api = await app.inject({ url: '/api/v1/companies', headers: { authorization: `Bearer ${token}` } });
    expect(api.statusCode).toBe(200);
    expect(api.headers['cache-control']).toBe('no-store');
    expectBaseline(api);
  });
});

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>/i;
const EVENT_HANDLER = /<[a-z][^>]*\son[a-z]+\s*=/i;
const JS_URL = /\b(?:href|src|action)\s*=\s*["']?\s*javascript:/i;

function patternOf(url: string): RegExp {
  return new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/?#]+')}$`);
}

describe('no inline script on any page (demo region admin)', () => {
  it('renders every reachable page without inline <script>, on*= handlers or javascript: URLs', async () => {
    const pages = allRoutes().filter((r) => r.kind === 'page' && r.method === 'GET');
    const patterns = pages.map((r) => ({ url: r.url, re: patternOf(r.url) }));
    const seen = new Set<string>();
    const queue = pages.filter((r) => !r.url.includes(':')).map((r) => r.url);
    const rendered: string[] = [];
    const problems: string[] = [];
    while (queue.length > 0) {
      const url = queue.shift() as string;
      const res = await admin.get(url);
      const type = String(res.headers['content-type'] ?? '');
      if (!type.startsWith('text/html')) continue;
      rendered.push(url);
      const html = res.body;
      if (INLINE_SCRIPT.test(html)) problems.push(`${url}: inline <script>`);
      if (EVENT_HANDLER.test(html)) problems.push(`${url}: on*= attribute`);
      if (JS_URL.test(html)) problems.push(`${url}: javascript: URL`);
      if (res.statusCode === 200 && url !== '/') expect(res.headers['cache-control'], url).toBe('no-store');
      // One URL per parameterised route pattern, found as a link on a page already rendered.
      for (const m of html.matchAll(/href="(\/[^"#?]*)[^"]*"/g)) {
        const href = m[1] as string;
        // Only links that carry an id (`/companies/new` is a page of its own, not `/companies/:id`).
        if (!/\/(?:[0-9a-f]{8}-[0-9a-f-]{27}|\d+)(?:\/|$)/.test(href)) continue;
        const route = patterns.find((p) => p.url.includes(':') && p.re.test(href));
        if (route && !seen.has(route.url)) {
          seen.add(route.url);
          queue.push(href);
        }
      }
    }
    expect(problems).toEqual([]);
    // Every parameterless page plus those behind links (a floor, so a broken crawl cannot pass quietly).
    expect(rendered.length, rendered.join('\n')).toBeGreaterThan(110);
  }, 120_000);
});
