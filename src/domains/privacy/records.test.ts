import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { ensureRegion } from '../organisations/index.ts';

let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let companyId: string;
const mappingId = randomUUID();
const engagementId = randomUUID();
const secrets = [
  'köpa konkurrenten',
  'lisa@example.test',
  '19850312-1234',
  'Anna Andersson',
  'anna@example.test',
];

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  const regionId = await ensureRegion(db, '07');
  companyId = await makeCompany(db, admin, { name: 'Gjuteriet i Ljungby AB' });
  const instrument = randomUUID();
  const round = randomUUID();
  await db.query(
    `INSERT INTO mapping_instruments (id, region_id, key, version, status, definition)
     VALUES ($1, $2, 'records-test', 1, 'draft', '{"key":"records-test","version":1}')`,
    [instrument, regionId],
  );
  await db.query(
    `INSERT INTO mapping_rounds (id, region_id, key, name_sv, name_en) VALUES ($1, $2, 'start-rt', 'Start', 'Start')`,
    [round, regionId],
  );
  await db.query(
    `INSERT INTO mappings (id, company_id, round_id, instrument_id, region_id, mode, status, sensitive_questions,
       submitted_at, municipality_code)
     VALUES ($1, $2, $3, $4, $5, 'interview', 'submitted', '{turnoverPlan}', now(), '0781')`,
    [mappingId, companyId, round, instrument, regionId],
  );
  await db.query(
    `INSERT INTO mapping_sections (mapping_id, section_key, answers, revision) VALUES ($1, 'strategy', $2, 1)`,
    [
      mappingId,
      JSON.stringify({
        turnoverPlan: 'Vi planerar att köpa konkurrenten',
        goals: 'Växa. Kontakta lisa@example.test eller 19850312-1234',
      }),
    ],
  );
  await db.query(
    `INSERT INTO engagements (id, company_id, region_id, municipality_code, step, planned_hours)
     VALUES ($1, $2, $3, '0781', 'plan', 15)`,
    [engagementId, companyId, regionId],
  );
  const meeting = randomUUID();
  await db.query(
    `INSERT INTO coaching_meetings (id, engagement_id, held_on, minutes, kind, status, owner_org_id, notes)
     VALUES ($1, $2, '2026-05-04', 60, 'on_site', 'held', $3, 'Anna Andersson berättade om ledarskapet.')`,
    [meeting, engagementId, regionId],
  );
  for (const [kind, name, email] of [
    ['company_person', 'Anna Andersson', 'anna@example.test'],
    ['staff', 'Kalle Coach', null],
  ])
    await db.query(
      `INSERT INTO coaching_meeting_attendees (id, meeting_id, kind, name, email) VALUES ($1, $2, $3, $4, $5)`,
      [randomUUID(), meeting, kind, name, email],
    );
  await db.query(
    `INSERT INTO coaching_attachments (id, meeting_id, file_name, media_type, size_bytes, sha256, content)
     VALUES ($1, $2, 'kompetensplan.pdf', 'application/pdf', 3, 'abc', '\\x010203')`,
    [randomUUID(), meeting],
  );
}, 240_000);
afterAll(async () => {
  await app.close();
  await db.close();
});

const url = (kind: string, id: string, ext = '') =>
  `/privacy/public-records/export${ext}?kind=${kind}&id=${id}`;

describe('public-records requests', () => {
  it("exports a company's records with possibly secret information masked and listed for review", async () => {
    const c = await Client.as(app, db, admin);
    const res = await c.get(url('company', companyId));
    expect(res.statusCode).toBe(200);
    for (const s of secrets) expect(res.body).not.toContain(s);
    expect(res.body).toContain('[Maskerat: uppgift som företaget markerat som affärskänslig (');
    expect(res.body).toContain('OSL 31 kap. 16 §');
    expect(res.body).toContain('Kalle Coach');
    expect(res.body).toContain('berättade om ledarskapet');
    expect(res.body).toContain('kompetensplan.pdf');

    const json = await c.get(url('company', companyId, '.json'));
    expect(json.statusCode).toBe(200);
    for (const s of secrets) expect(json.body).not.toContain(s);
    const x = JSON.parse(json.body) as { redactions: { why: string }[]; attachments: unknown[] };
    expect(new Set(x.redactions.map((r) => r.why))).toEqual(new Set(['business', 'email', 'pnr', 'person']));
    expect(x.attachments).toHaveLength(1);

    const pdf = await c.get(url('company', companyId, '.pdf'));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const [row] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'privacy.records.export' AND entity_id = $1`,
      [companyId],
    );
    expect(row?.n).toBe(3);
  });

  it('an engagement or mapping by id; the API twin gives the same JSON', async () => {
    const c = await Client.as(app, db, admin);
    const e = await c.get(url('engagement', engagementId));
    expect(e.statusCode).toBe(200);
    expect(e.body).not.toContain('Anna Andersson');
    const token = await apiToken(db, admin.id);
    const api = await app.inject({
      method: 'GET',
      url: `/api/v1/privacy/public-records?kind=mapping&id=${mappingId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.statusCode).toBe(200);
    expect(api.body).not.toContain('köpa konkurrenten');
    expect(api.json().redactions.length).toBeGreaterThan(0);
  });

  it('scope: the municipality officer of the records sees them; others get 404 like unknown ids, or 403', async () => {
    const ljungby = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
    expect((await (await Client.as(app, db, ljungby)).get(url('engagement', engagementId))).statusCode).toBe(
      200,
    );
    const vaxjo = await makeUser(db, [{ role: 'municipality_officer', org: '0780' }]);
    const vc = await Client.as(app, db, vaxjo);
    expect((await vc.get(url('company', companyId))).statusCode).toBe(404);
    expect((await vc.get(url('mapping', mappingId))).statusCode).toBe(404);
    const other = await makeUser(db, [{ role: 'region_admin', org: 'region' }], { county: '06' });
    expect((await (await Client.as(app, db, other)).get(url('company', companyId))).statusCode).toBe(404);
    expect((await (await Client.as(app, db, admin)).get(url('company', randomUUID()))).statusCode).toBe(404);
    const coach = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    expect((await (await Client.as(app, db, coach)).get('/privacy/public-records')).statusCode).toBe(403);
  });

  it('bad input: the form again with field errors (422), nothing exported', async () => {
    const c = await Client.as(app, db, admin);
    const res = await c.get('/privacy/public-records/export?kind=nope&id=123');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('ds-error-summary');
    expect((await c.get('/privacy/public-records')).statusCode).toBe(200);
  });
});
