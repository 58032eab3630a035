import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { ensureRegion } from './service.ts';

let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let coach: TestUser;

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  coach = await makeUser(db, [{ role: 'coach', org: '0781' }]);
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('regions as data', () => {
  it('creates any county as a region with its municipalities, idempotently', async () => {
    const first = await ensureRegion(db, '12');
    const again = await ensureRegion(db, '12');
    expect(again).toBe(first);
    const rows = await db.query<{ kind: string; n: number }>(
      'SELECT kind, count(*)::int AS n FROM organisations WHERE region_id = $1 GROUP BY kind ORDER BY kind',
      [first],
    );
    expect(rows).toEqual([
      { kind: 'municipality', n: 33 },
      { kind: 'region', n: 1 },
    ]);
    const kronoberg = await db.query<{ code: string }>(
      `SELECT o.code FROM organisations o JOIN organisations r ON r.id = o.region_id
        WHERE r.code = '07' AND o.kind = 'municipality' ORDER BY o.code`,
    );
    expect(kronoberg.map((r) => r.code)).toEqual([
      '0760',
      '0761',
      '0763',
      '0764',
      '0765',
      '0767',
      '0780',
      '0781',
    ]);
  });
});

describe('organisations page', () => {
  it('a region admin adds a provider and a programme; bad input is kept with errors', async () => {
    const client = await Client.as(app, db, admin);
    const page = await client.get('/organisations');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ljungby kommun');
    const added = await client.post('/organisations/providers', {
      name: 'Yrkesskolan <b>Syd</b>',
      orgNumber: '',
    });
    expect(added.statusCode).toBe(303);
    const after = await client.get('/organisations');
    expect(after.body).toContain('Yrkesskolan &lt;b>Syd&lt;/b>');
    const bad = await client.post('/organisations/programmes', {
      name: 'Nytt program',
      startsOn: '2027-01-01',
      endsOn: '2026-01-01',
      ruleSet: 'esf-plus-2021-2027',
      'funders.0.name': 'ESF+',
      'funders.0.amountSek': '100',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Slutdatum måste vara samma dag som eller efter startdatum.');
    expect(bad.body).toContain('value="Nytt program"');
    const amount = await client.post('/organisations/programmes', {
      name: 'Nytt program',
      startsOn: '2026-01-01',
      endsOn: '2027-01-01',
      ruleSet: 'esf-plus-2021-2027',
      'funders.0.name': 'ESF+',
      'funders.0.amountSek': 'mycket',
    });
    expect(amount.statusCode).toBe(422);
    expect(amount.body).toContain('href="#f-funders-0-amountSek"');
    const good = await client.post('/organisations/programmes', {
      name: 'Nytt program',
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
      ruleSet: 'esf-plus-2021-2027',
      'funders.0.name': 'ESF+',
      'funders.0.amountSek': '1000000',
    });
    expect(good.statusCode).toBe(303);
    expect((await client.get('/organisations')).body).toMatch(/ESF\+: 1\s000\s000\skr/);
  });

  it('a coach may look but not add (403)', async () => {
    const client = await Client.as(app, db, coach);
    expect((await client.get('/organisations')).statusCode).toBe(200);
    expect((await client.post('/organisations/providers', { name: 'X' })).statusCode).toBe(403);
  });

  it('the API lists organisations and programmes and adds a programme with the same validation', async () => {
    const token = await apiToken(db, admin.id);
    const headers = { authorization: `Bearer ${token}` };
    const orgs = await app.inject({ method: 'GET', url: '/api/v1/organisations', headers });
    expect(orgs.json().filter((o: { kind: string }) => o.kind === 'municipality')).toHaveLength(8);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/programmes',
      headers,
      payload: { name: 'P', startsOn: '2026-13-01', endsOn: '2026-01-01', ruleSet: 'x', funders: [] },
    });
    expect(bad.statusCode).toBe(422);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/programmes',
      headers,
      payload: {
        name: 'API-programmet',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        ruleSet: 'esf-2014-2020',
        funders: [{ name: 'Region', amountSek: 5 }],
      },
    });
    expect(ok.statusCode).toBe(201);
    const list = await app.inject({ method: 'GET', url: '/api/v1/programmes', headers });
    expect(list.json().map((p: { name: string }) => p.name)).toContain('API-programmet');
  });
});
