import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { ensureRegion } from '../organisations/index.ts';
import { bootstrapRegionAdmin } from './service/bootstrap.ts';

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

describe('a new region from the command line', () => {
  it("its first admin accepts the link and sees the new region's organisations but nothing of another region", async () => {
    const kronobergOfficer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
    await makeCompany(db, kronobergOfficer, { name: 'Kronobergsbolaget AB' });
    const regionId = await ensureRegion(db, '06', 'Region Jönköpings län');
    const link = await bootstrapRegionAdmin(db, {
      regionId,
      email: 'chef@jkpg.example',
      name: 'Chef',
      baseUrl: 'http://localhost:3000',
    });
    const path = new URL(link).pathname;
    const client = new Client(app);
    const page = await client.get(path);
    expect(page.statusCode).toBe(200);
    const token = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    const accept = await client.post(
      path,
      { name: 'Chefen', password: 'ett långt lösenord 2026', confirm: 'ett långt lösenord 2026' },
      { csrf: token },
    );
    expect(accept.statusCode).toBe(303);
    const orgs = await client.get('/organisations');
    expect(orgs.body).toContain('Region Jönköpings län');
    expect(orgs.body).toContain('Jönköping kommun');
    expect(orgs.body).not.toContain('Ljungby kommun');
    const companies = await client.get('/companies');
    expect(companies.body).not.toContain('Kronobergsbolaget AB');
    expect((await client.get(path)).statusCode).toBe(410);
  });
});
