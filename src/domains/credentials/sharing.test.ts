// A pillar-3 course marked "issues a credential" issues one on completion; the learner downloads it, shares
// it publicly (verification page and JSON), the issuer lists and revokes it; the public page answers 404 when
// not shared, revoked, or the learner has a protected identity (checked on every request).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, type TestUser } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { ensureRegion } from '../organisations/index.ts';
import { enrol, makeLearner, makeOccasion, makeProviderOrg } from '../training/attendance-test-support.ts';
import { shareCredentialForDemo } from './index.ts';
import { credentialsTestApp, independentVerify } from './test-support.ts';

let db: Db;
let app: FastifyInstance;
let regionId: string;
let providerOrg: string;
let provider: TestUser;
let regionAdmin: TestUser;
let anna: TestUser;
let bo: TestUser;
let annaCredential: string;
let boCredential: string;
let companyId: string;
let occasionId: string;

async function api(method: 'GET' | 'POST', url: string, user: TestUser | null, payload?: unknown) {
  const headers: Record<string, string> = {};
  if (user) headers.authorization = `Bearer ${await apiToken(db, user.id)}`;
  return app.inject({ method, url, headers, payload: payload as object });
}

beforeAll(async () => {
  db = await testDb();
  app = await credentialsTestApp(db);
  regionId = await ensureRegion(db, '07');
  providerOrg = await makeProviderOrg(db, regionId, 'Svetsakademin');
  provider = await makeUser(db, [{ role: 'provider', org: providerOrg }]);
  regionAdmin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  const officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
  companyId = await makeCompany(db, officer);
  const occasion = await makeOccasion(db, {
    regionId,
    providerOrgId: providerOrg,
    title: 'Svetsning MIG/MAG',
    pct: 50,
    sessions: [{ startsAt: '2025-03-10T08:00:00Z', endsAt: '2025-03-10T12:00:00Z' }],
  });
  occasionId = occasion.occasionId;
  await db.query(
    `UPDATE courses SET issues_credential = true, description = 'Grundkurs i MIG/MAG-svetsning.',
            sun_level_code = (SELECT code FROM ref_sun_levels ORDER BY code LIMIT 1) WHERE id = $1`,
    [occasion.courseId],
  );
  await db.query(
    `INSERT INTO course_competences (course_id, competence_id)
     SELECT $1, concept_id FROM ref_competences ORDER BY concept_id LIMIT 2`,
    [occasion.courseId],
  );
  anna = await makeUser(db, [{ role: 'participant', org: `company:${companyId}` }]);
  bo = await makeUser(db, [{ role: 'participant', org: `company:${companyId}` }]);
  const people: [string, string | null, number][] = [
    ['Anna', anna.id, 240],
    ['Bo', bo.id, 200],
    ['Cilla', null, 240], // no account: no credential
  ];
  for (const [name, userId, minutes] of people) {
    const learner = await makeLearner(db, companyId, name, 'Svetsare', userId);
    const enrolment = await enrol(db, occasionId, learner, companyId, 'company');
    await db.query('INSERT INTO attendance (session_id, enrolment_id, minutes) VALUES ($1, $2, $3)', [
      occasion.sessionIds[0],
      enrolment,
      minutes,
    ]);
  }
}, 60_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('training completion', () => {
  it('issues a credential to each completed learner with an account, once', async () => {
    const res = await api('POST', `/api/v1/training/occasions/${occasionId}/complete`, provider);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ completed: 3 });
    await api('POST', `/api/v1/training/occasions/${occasionId}/complete`, provider);
    const rows = await db.query<{ id: string; user_id: string; organisation_id: string }>(
      'SELECT id, user_id, organisation_id FROM credentials ORDER BY issued_at',
    );
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.organisation_id === providerOrg)).toBe(true);
    annaCredential = rows.find((r) => r.user_id === anna.id)?.id as string;
    boCredential = rows.find((r) => r.user_id === bo.id)?.id as string;
    const doc = (await api('GET', `/api/v1/my/credentials/${annaCredential}`, anna)).json();
    expect(doc.credentialSubject.achievement.name).toBe('Svetsning MIG/MAG');
    expect(doc.credentialSubject.achievement.alignment.length).toBe(3);
    expect((await independentVerify(app, doc)).verified).toBe(true);
  });
});

describe('the learner', () => {
  it('lists own credentials and downloads JSON-LD and VC-JWT with file names', async () => {
    const client = await Client.as(app, db, anna);
    const page = await client.get('/my/credentials');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Svetsning MIG/MAG');
    expect(page.body).toContain('Svetsakademin');
    const json = await client.get(`/my/credentials/${annaCredential}.json`);
    expect(json.headers['content-type']).toContain('application/ld+json');
    expect(json.headers['content-disposition']).toMatch(
      /attachment; filename="svetsning-migmag-[0-9a-f]{8}\.json"/,
    );
    expect(json.json().id).toContain(annaCredential);
    const jwt = await client.get(`/my/credentials/${annaCredential}.jwt`);
    expect(jwt.headers['content-type']).toContain('application/vc+jwt');
    expect(jwt.body.split('.')).toHaveLength(3);
    // Someone else's credential is unknown.
    expect((await client.get(`/my/credentials/${boCredential}.json`)).statusCode).toBe(404);
    expect((await api('GET', `/api/v1/my/credentials/${boCredential}`, anna)).statusCode).toBe(404);
  });

  it('shares publicly: the verification page and JSON exist only while shared', async () => {
    const visitor = await Client.as(app, db, null);
    expect((await visitor.get(`/credentials/${annaCredential}`)).statusCode).toBe(404);
    expect((await visitor.get(`/credentials/${annaCredential}.json`)).statusCode).toBe(404);
    const client = await Client.as(app, db, anna);
    const share = await client.post(`/my/credentials/${annaCredential}/share`, { shared: 'true' });
    expect(share.statusCode).toBe(303);
    const page = await visitor.get(`/credentials/${annaCredential}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-verified="true"');
    expect(page.body).toContain('data-check="notRevoked" data-ok="true"');
    expect(page.body).toContain('Svetsakademin');
    expect(page.body).not.toContain('Anna');
    const json = await visitor.get(`/credentials/${annaCredential}.json`);
    expect(json.json().credentialSubject.achievement.name).toBe('Svetsning MIG/MAG');
    const twin = await api('GET', `/api/v1/credentials/public/${annaCredential}`, null);
    expect(twin.json().verification.verified).toBe(true);
    await client.post(`/my/credentials/${annaCredential}/share`, { shared: 'false' });
    expect((await visitor.get(`/credentials/${annaCredential}`)).statusCode).toBe(404);
    const bad = await client.post(`/my/credentials/${annaCredential}/share`, { shared: 'maybe' });
    expect(bad.statusCode).toBe(422);
    const audit = await db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [
      annaCredential,
    ]);
    expect(audit.map((a) => (a as { action: string }).action)).toEqual([
      'credentials.issued',
      'credentials.shared',
      'credentials.unshared',
    ]);
  });

  it('a protected identity can never share, and a shared credential stops being public at once', async () => {
    const shared = await api('POST', `/api/v1/my/credentials/${boCredential}/share`, bo, { shared: true });
    expect(shared.json()).toMatchObject({ shared: true });
    const visitor = await Client.as(app, db, null);
    expect((await visitor.get(`/credentials/${boCredential}`)).statusCode).toBe(200);
    const programmeId = randomUUID();
    await db.query(
      `INSERT INTO programmes (id, region_id, name, starts_on, ends_on, rule_set)
       VALUES ($1, $2, 'Testprogram', '2025-01-01', '2027-12-31', 'esf-plus-2021-2027')`,
      [programmeId, regionId],
    );
    await db.query(
      `INSERT INTO esf_participants (id, programme_id, region_id, source, user_id, first_name, last_name, gender,
         company_id, employer_org_number, manager_name, protected_identity)
       VALUES ($1, $2, $3, 'manual', $4, 'Skyddad', 'Person', 'man', $5, '556000-0000', 'Chef', true)`,
      [randomUUID(), programmeId, regionId, bo.id, companyId],
    );
    expect((await visitor.get(`/credentials/${boCredential}`)).statusCode).toBe(404);
    expect((await visitor.get(`/credentials/${boCredential}.json`)).statusCode).toBe(404);
    expect((await api('GET', `/api/v1/credentials/public/${boCredential}`, null)).statusCode).toBe(404);
    const client = await Client.as(app, db, bo);
    await client.post(`/my/credentials/${boCredential}/share`, { shared: 'false' });
    const refused = await client.post(`/my/credentials/${boCredential}/share`, { shared: 'true' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('data-testid="share-refused"');
    expect(
      (await api('POST', `/api/v1/my/credentials/${boCredential}/share`, bo, { shared: true })).statusCode,
    ).toBe(403);
    const page = await client.get('/my/credentials');
    expect(page.body).toContain('data-testid="protected"');
    expect(page.body).not.toContain(`action="/my/credentials/${boCredential}/share"`);
  });
});

describe('the issuer', () => {
  it('lists issued credentials for the provider and the region admin, not for learners', async () => {
    const list = await api('GET', '/api/v1/credentials/issued', provider);
    expect(list.json().credentials).toHaveLength(2);
    const admin = await api('GET', '/api/v1/credentials/issued', regionAdmin);
    expect(admin.json().credentials).toHaveLength(2);
    expect((await api('GET', '/api/v1/credentials/issued', anna)).statusCode).toBe(403);
    const client = await Client.as(app, db, provider);
    const page = await client.get('/credentials/issued');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/credentials/issued/${annaCredential}`);
    expect((await (await Client.as(app, db, anna)).get('/credentials/issued')).statusCode).toBe(403);
  });

  it('revokes through the page with a reason: the public page then answers 404', async () => {
    await shareCredentialForDemo(db, annaCredential);
    const visitor = await Client.as(app, db, null);
    expect((await visitor.get(`/credentials/${annaCredential}`)).statusCode).toBe(200);
    const client = await Client.as(app, db, provider);
    const empty = await client.post(`/credentials/issued/${annaCredential}/revoke`, { reason: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('ds-error-summary');
    const ok = await client.post(`/credentials/issued/${annaCredential}/revoke`, { reason: 'Fel person' });
    expect(ok.statusCode).toBe(303);
    expect((await client.get(`/credentials/issued/${annaCredential}`)).body).toContain(
      'data-testid="revoked"',
    );
    expect((await visitor.get(`/credentials/${annaCredential}`)).statusCode).toBe(404);
    const mine = await api('GET', '/api/v1/my/credentials', anna);
    expect(mine.json().credentials[0]).toMatchObject({ status: 'revoked', shared: false });
    expect((await visitor.get('/credentials/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});
