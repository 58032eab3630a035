import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, TEST_KEYRING, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { unseal } from '../../platform/secrets.ts';
import { ensureRegion } from '../organisations/index.ts';
import { archiveAad, scanRetention } from './service/retention.ts';

let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let regionId: string;
let companyId: string;
const ids = { oldEng: randomUUID(), newEng: randomUUID(), oldMail: randomUUID(), newMail: randomUUID() };

// The cutoff is now() − 24 months: rows an hour before it are covered, rows an hour after never are.
const before = `now() - interval '24 months' - interval '1 hour'`;
const after = `now() - interval '24 months' + interval '1 hour'`;

async function engagement(id: string, closedAt: string) {
  await db.query(
    `INSERT INTO engagements (id, company_id, region_id, municipality_code, step, planned_hours, closed_at)
     VALUES ($1, $2, $3, '0781', 'closed', 15, ${closedAt})`,
    [id, companyId, regionId],
  );
  const meeting = randomUUID();
  await db.query(
    `INSERT INTO coaching_meetings (id, engagement_id, held_on, minutes, kind, status, owner_org_id, notes)
     VALUES ($1, $2, '2024-01-10', 60, 'on_site', 'held', $3, 'Anteckning om ledarskap')`,
    [meeting, id, regionId],
  );
  await db.query(
    `INSERT INTO coaching_meeting_attendees (id, meeting_id, kind, name, email)
     VALUES ($1, $2, 'company_person', 'Anna Andersson', 'anna@example.test')`,
    [randomUUID(), meeting],
  );
}

async function mail(id: string, createdAt: string) {
  await db.query(
    `INSERT INTO mail_outbox (id, region_id, to_address, subject, body_text, status, created_at)
     VALUES ($1, $2, 'bo@example.test', 'Hej', 'Hej Bo', 'sent', ${createdAt})`,
    [id, regionId],
  );
}

async function exists(table: string, id: string): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
  return rows.length === 1;
}

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }], { name: 'Rut Regionadmin' });
  regionId = await ensureRegion(db, '07');
  companyId = await makeCompany(db, admin);
  await engagement(ids.oldEng, before);
  await engagement(ids.newEng, after);
  await mail(ids.oldMail, before);
  await mail(ids.newMail, after);
}, 240_000);
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('gallring under recorded decisions', () => {
  it('proposes nothing without a decision', async () => {
    expect(await scanRetention(db)).toBe(0);
    expect(await db.query('SELECT 1 FROM disposal_proposals')).toHaveLength(0);
  });

  it('refuses a decision with bad input, writing nothing, with localised field errors', async () => {
    const c = await Client.as(app, db, admin);
    const res = await c.post('/privacy/retention', {
      recordType: 'nonsense',
      reference: '',
      retentionMonths: 'x',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('ds-error-summary');
    expect(await db.query('SELECT 1 FROM retention_decisions')).toHaveLength(0);
  });

  it('records decisions on the page; a new decision supersedes, never edits', async () => {
    const c = await Client.as(app, db, admin);
    for (const months of [36, 24]) {
      const res = await c.post('/privacy/retention', {
        recordType: 'coaching_engagements',
        reference: `RK 2026/${months} § 4`,
        decidedOn: '2026-03-01',
        retentionMonths: months,
      });
      expect(res.statusCode).toBe(303);
    }
    const rows = await db.query<{ reference: string; superseded: boolean }>(
      `SELECT reference, superseded_at IS NOT NULL AS superseded FROM retention_decisions ORDER BY recorded_at`,
    );
    expect(rows).toEqual([
      { reference: 'RK 2026/36 § 4', superseded: true },
      { reference: 'RK 2026/24 § 4', superseded: false },
    ]);
    await expect(db.query(`UPDATE retention_decisions SET retention_months = 1`)).rejects.toThrow();
    await expect(db.query(`DELETE FROM retention_decisions`)).rejects.toThrow();
    const page = await c.get('/privacy/retention');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('RK 2026/24 § 4');
  });

  it('the scan proposes one open proposal per type, counting only records past the period', async () => {
    expect(await scanRetention(db)).toBe(1);
    expect(await scanRetention(db)).toBe(0);
    const [p] = await db.query<{ record_count: number; status: string }>(
      `SELECT record_count, status FROM disposal_proposals`,
    );
    expect(p).toEqual({ record_count: 1, status: 'proposed' });
  });

  it('others cannot see or confirm the proposal: 403 for other roles, 404 for another region', async () => {
    const [p] = await db.query<{ id: string }>(`SELECT id FROM disposal_proposals`);
    const id = (p as { id: string }).id;
    const officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
    const other = await makeUser(db, [{ role: 'region_admin', org: 'region' }], { county: '06' });
    expect(
      (await (await Client.as(app, db, officer)).get(`/privacy/retention/proposals/${id}`)).statusCode,
    ).toBe(403);
    const oc = await Client.as(app, db, other);
    expect((await oc.get(`/privacy/retention/proposals/${id}`)).statusCode).toBe(404);
    expect((await oc.post(`/privacy/retention/proposals/${id}/confirm`, {})).statusCode).toBe(404);
    expect(await exists('engagements', ids.oldEng)).toBe(true);
  });

  it('confirming archives (sealed, pseudonymised) then deletes only records before the recomputed cutoff', async () => {
    const [p] = await db.query<{ id: string }>(`SELECT id FROM disposal_proposals`);
    const id = (p as { id: string }).id;
    const c = await Client.as(app, db, admin);
    const res = await c.post(`/privacy/retention/proposals/${id}/confirm`, {});
    expect(res.statusCode).toBe(303);
    expect(await exists('engagements', ids.oldEng)).toBe(false);
    expect(await exists('engagements', ids.newEng)).toBe(true);
    expect(
      await db.query(`SELECT 1 FROM coaching_meetings WHERE engagement_id = $1`, [ids.newEng]),
    ).toHaveLength(1);
    const [prop] = await db.query<{ status: string; deleted_count: number }>(
      `SELECT status, deleted_count FROM disposal_proposals WHERE id = $1`,
      [id],
    );
    expect(prop).toEqual({ status: 'done', deleted_count: 1 });

    // The stored archive is sealed to this proposal and does not hold the attendee's identity.
    const [a] = await db.query<{ key_id: string; sealed: Uint8Array }>(
      `SELECT key_id, sealed FROM disposal_archives`,
    );
    const sealed = Buffer.from((a as { sealed: Uint8Array }).sealed);
    expect(sealed.toString('latin1')).not.toContain('Anna');
    expect(() => unseal(TEST_KEYRING, 'test1', sealed, archiveAad(randomUUID()))).toThrow();
    const archive = JSON.parse(unseal(TEST_KEYRING, 'test1', sealed, archiveAad(id)));
    expect(archive).toMatchObject({ recordType: 'coaching_engagements', count: 1 });
    expect(archive.decision.reference).toBe('RK 2026/24 § 4');
    const attendees = archive.tables.find((t: { table: string }) => t.table === 'coaching_meeting_attendees');
    expect(attendees.rows).toHaveLength(1);
    expect(attendees.rows[0].name).toMatch(/^P-[0-9a-f]{12}$/);
    expect(attendees.columns.map((col: { name: string }) => col.name)).toContain('email');
    const meetings = archive.tables.find((t: { table: string }) => t.table === 'coaching_meetings');
    expect(meetings.rows[0].notes).toBe('Anteckning om ledarskap');

    // The download is decrypted for the region admin and audited.
    const dl = await c.get(`/privacy/retention/proposals/${id}/archive.json`);
    expect(dl.statusCode).toBe(200);
    expect(JSON.parse(dl.body).count).toBe(1);
    const audits = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE action LIKE 'privacy.retention.%' ORDER BY id`,
    );
    expect(audits.map((x) => x.action)).toEqual([
      'privacy.retention.decide',
      'privacy.retention.decide',
      'privacy.retention.dispose',
      'privacy.retention.archive.download',
    ]);
    // A done proposal cannot be confirmed again.
    expect((await c.post(`/privacy/retention/proposals/${id}/confirm`, {})).statusCode).toBe(409);
  });

  it('the API twin records a decision (422 on bad input) and a proposal is rejected with a reason', async () => {
    const token = await apiToken(db, admin.id);
    const auth = { authorization: `Bearer ${token}` };
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/privacy/retention/decisions',
      headers: auth,
      payload: { recordType: 'mail_outbox', reference: 'x', decidedOn: '2026-02-30', retentionMonths: 0 },
    });
    expect(bad.statusCode).toBe(422);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/privacy/retention/decisions',
      headers: auth,
      payload: {
        recordType: 'mail_outbox',
        reference: 'RK 2026/9',
        decidedOn: '2026-02-01',
        retentionMonths: 24,
      },
    });
    expect(ok.statusCode).toBe(201);
    expect(await scanRetention(db)).toBe(1);
    const [p] = await db.query<{ id: string }>(
      `SELECT id FROM disposal_proposals WHERE record_type = 'mail_outbox'`,
    );
    const id = (p as { id: string }).id;
    const c = await Client.as(app, db, admin);
    expect((await c.post(`/privacy/retention/proposals/${id}/reject`, { reason: '' })).statusCode).toBe(422);
    const rej = await app.inject({
      method: 'POST',
      url: `/api/v1/privacy/retention/proposals/${id}/reject`,
      headers: auth,
      payload: { reason: 'Begäran om utlämnande pågår' },
    });
    expect(rej.statusCode).toBe(200);
    expect(rej.json()).toMatchObject({ status: 'rejected', reason: 'Begäran om utlämnande pågår' });
    expect(await exists('mail_outbox', ids.oldMail)).toBe(true);
  });
});

describe('demo data', () => {
  it('seeds one decision and one open proposal, idempotently', async () => {
    const { seedRetentionDemo } = await import('./service/retention-demo.ts');
    const fresh = await testDb();
    try {
      const user = await makeUser(fresh, [{ role: 'region_admin', org: 'region' }]);
      const region = await ensureRegion(fresh, '07');
      await seedRetentionDemo(fresh, region, user.id);
      await seedRetentionDemo(fresh, region, user.id);
      expect(await fresh.query(`SELECT 1 FROM retention_decisions`)).toHaveLength(1);
      const rows = await fresh.query<{ status: string; record_count: number }>(
        `SELECT status, record_count FROM disposal_proposals`,
      );
      expect(rows).toEqual([{ status: 'proposed', record_count: 2 }]);
    } finally {
      await fresh.close();
    }
  }, 240_000);
});
