// Database outage under the running app: a TCP proxy between the app and PostgreSQL is cut and hung.
// Requests answer a friendly 503 within seconds and the app recovers by itself when the proxy is back.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openPostgres } from '../../src/platform/db.ts';
import { apiToken, Client, makeUser, testApp } from '../app.ts';
import { ownDatabase, pgProxy } from './support.ts';

// A proxy in front of a real server is needed; PGlite has no network to cut.
describe.skipIf(!process.env.DATABASE_URL)('database outage (PostgreSQL through a TCP proxy)', () => {
  let database: Awaited<ReturnType<typeof ownDatabase>>;
  let proxy: Awaited<ReturnType<typeof pgProxy>>;
  let direct: Db;
  let viaProxy: Db;
  let app: FastifyInstance;
  let client: Client;
  let token: string;
  const unhandled: unknown[] = [];
  const onUnhandled = (err: unknown) => unhandled.push(err);

  beforeAll(async () => {
    process.on('uncaughtException', onUnhandled);
    process.on('unhandledRejection', onUnhandled);
    database = await ownDatabase();
    proxy = await pgProxy();
    direct = openPostgres(database.url, 2);
    // Short limits so the test is quick; the product's defaults are POSTGRES_DEFAULTS.
    viaProxy = openPostgres(proxy.url(database.url), {
      poolSize: 4,
      connectTimeoutMs: 1_000,
      statementTimeoutMs: 1_500,
    });
    ({ app } = await testApp(viaProxy));
    const admin = await makeUser(direct, [{ role: 'region_admin', org: 'region' }]);
    client = await Client.as(app, direct, admin);
    client.cookies.set('kn_lang', 'en');
    token = await apiToken(direct, admin.id);
  });

  afterAll(async () => {
    await app?.close();
    await viaProxy?.close().catch(() => {});
    await direct?.close();
    await proxy?.close();
    await database?.drop();
    process.off('uncaughtException', onUnhandled);
    process.off('unhandledRejection', onUnhandled);
  });

  const api = () =>
    app.inject({ method: 'GET', url: '/api/v1/companies', headers: { authorization: `Bearer ${token}` } });

  async function expectWorking() {
    expect((await client.get('/companies')).statusCode).toBe(200);
    expect((await api()).statusCode).toBe(200);
    expect((await app.inject('/healthz')).statusCode).toBe(200);
  }

  /** Every kind of request answers 503 quickly, the friendly way. */
  async function expectUnavailable() {
    const started = performance.now();
    const page = await client.get('/companies');
    expect(page.statusCode).toBe(503);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['retry-after']).toBe('10');
    expect(page.body).toContain('Service unavailable');
    expect(page.body).toContain('Try again in a moment.');
    expect(page.body).not.toMatch(/ECONN|timeout|terminated|\n\s+at /i);

    const problem = await api();
    expect(problem.statusCode).toBe(503);
    expect(problem.headers['content-type']).toContain('application/problem+json');
    expect(problem.headers['retry-after']).toBe('10');
    expect(problem.json()).toMatchObject({ status: 503, code: 'UNAVAILABLE' });

    expect((await app.inject('/healthz')).statusCode).toBe(503);
    expect((await app.inject('/livez')).statusCode).toBe(200);
    // Four database-bound requests in well under their timeouts' sum: nothing waits for long.
    expect(performance.now() - started).toBeLessThan(12_000);
  }

  it('cut: live connections reset, new ones refused → 503 everywhere; back up → works without a restart', async () => {
    await expectWorking();
    proxy.set('down');
    await expectUnavailable();
    // A Swedish user gets the Swedish page.
    const sv = await Client.as(
      app,
      direct,
      await makeUser(direct, [{ role: 'region_admin', org: 'region' }]),
    );
    proxy.set('down');
    const page = await sv.get('/companies');
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('Tjänsten är inte tillgänglig');
    expect(page.body).toContain('Försök igen om en stund.');
    proxy.set('up');
    await expectWorking();
  }, 30_000);

  it('hung: connections accepted but never answered → 503 within the timeouts, then recovery', async () => {
    await expectWorking();
    proxy.set('hung');
    await expectUnavailable();
    proxy.set('up');
    await expectWorking();
    expect(unhandled).toEqual([]);
  }, 30_000);
});
