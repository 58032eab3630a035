import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, TEST_KEYRING, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db, SqlParam } from '../../platform/db.ts';
import { unseal } from '../../platform/secrets.ts';
import {
  addAttempts,
  addProgress,
  addRating,
  addTime,
  type DigitalCourse,
  enrol,
  makeDigitalCourse,
  makeLearner,
  makeProvider,
} from '../elearning/test-support-study.ts';
import { type EsfSetup, esfSetup, makeParticipant } from '../esf/test-support.ts';
import { ensureRegion } from '../organisations/index.ts';
import { columnsOf, coveredRows, rootIds } from './repo-retention.ts';
import { archiveAad, scanRetention } from './service/retention.ts';
import { recordTypes } from './service/retention-types.ts';

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

// The other record types: each is disposed of under its own decision (24 months) with everything a row of
// it owns, and only what nothing that stays still needs.
interface Archive {
  recordType: string;
  count: number;
  tables: { table: string; identities: string; rows: Record<string, unknown>[] }[];
}
const pseudonym = /^P-[0-9a-f]{12}$/;
const rowsOf = (a: Archive, table: string) => a.tables.find((t) => t.table === table)?.rows ?? [];

/** A date (YYYY-MM-DD) `months` months and `days` days ago: old = before the 24-month cutoff, new = after. */
function ago(months: number, days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - days);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}
const oldDay = ago(24, 10);
const newDay = ago(24, -10);

/** Record a 24-month decision for the type, scan, confirm its proposal (303, so no key violation) and unseal. */
async function disposeUnder(recordType: string, expected: number): Promise<Archive> {
  const c = await Client.as(app, db, admin);
  const decided = await c.post('/privacy/retention', {
    recordType,
    reference: `RK 2026/${recordType}`,
    decidedOn: '2026-03-01',
    retentionMonths: 24,
  });
  expect(decided.statusCode).toBe(303);
  await scanRetention(db);
  const [p] = await db.query<{ id: string; record_count: number }>(
    `SELECT id, record_count FROM disposal_proposals WHERE record_type = $1 AND status = 'proposed'`,
    [recordType],
  );
  if (!p) throw new Error(`no proposal for ${recordType}`);
  expect(p.record_count).toBe(expected);
  expect((await c.post(`/privacy/retention/proposals/${p.id}/confirm`, {})).statusCode).toBe(303);
  const [done] = await db.query<{ status: string; deleted_count: number }>(
    `SELECT status, deleted_count FROM disposal_proposals WHERE id = $1`,
    [p.id],
  );
  expect(done).toEqual({ status: 'done', deleted_count: expected });
  const [a] = await db.query<{ sealed: Uint8Array }>(
    `SELECT sealed FROM disposal_archives WHERE proposal_id = $1`,
    [p.id],
  );
  const sealed = Buffer.from((a as { sealed: Uint8Array }).sealed);
  const archive = JSON.parse(unseal(TEST_KEYRING, 'test1', sealed, archiveAad(p.id))) as Archive;
  expect(archive).toMatchObject({ recordType, count: expected });
  for (const t of archive.tables) expect(t.identities).toBe('pseudonymised');
  return archive;
}

async function count(sql: string, params: SqlParam[] = []): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) q`, params);
  return row?.n ?? 0;
}

describe('gallring of the other record types', () => {
  let s: EsfSetup;
  let otherRegion: string;
  let meetingId: string;

  beforeAll(async () => {
    s = await esfSetup(db);
    otherRegion = await ensureRegion(db, '06');
    const [m] = await db.query<{ id: string }>(`SELECT id FROM coaching_meetings WHERE engagement_id = $1`, [
      ids.newEng,
    ]);
    meetingId = (m as { id: string }).id;
  }, 240_000);

  it('declares only existing tables and identity columns, and every query runs', async () => {
    for (const type of recordTypes) {
      await rootIds(db, type.roots, regionId, new Date());
      for (const t of type.tables) {
        const cols = (await columnsOf(db, t.table)).map((c) => c.name);
        expect(cols.length, t.table).toBeGreaterThan(0);
        for (const col of t.identities) expect(cols, `${t.table}.${col}`).toContain(col);
        await coveredRows(db, t.table, t.where, []);
      }
    }
  });

  it('xapi_statements: old statements go with attachments nothing else declares; references stay whole', async () => {
    const x = {
      old: randomUUID(),
      oldShared: randomUUID(),
      newShared: randomUUID(),
      voidedKept: randomUUID(),
      voidingNew: randomUUID(),
      voidedOld: randomUUID(),
      voidingOld: randomUUID(),
      chainA: randomUUID(),
      chainB: randomUUID(),
      chainC: randomUUID(),
    };
    const shaOld = 'a'.repeat(64);
    const shaShared = 'b'.repeat(64);
    const put = async (
      region: string,
      id: string,
      day: string,
      o: { sha2?: string; ref?: string; voiding?: boolean; voided?: boolean } = {},
    ) => {
      const statement = {
        id,
        actor: { objectType: 'Agent', mbox: 'mailto:anna@example.test' },
        verb: {
          id: o.voiding
            ? 'http://adlnet.gov/expapi/verbs/voided'
            : 'http://adlnet.gov/expapi/verbs/completed',
        },
        object: o.ref
          ? { objectType: 'StatementRef', id: o.ref }
          : { objectType: 'Activity', id: 'https://lms.example.test/courses/1' },
        ...(o.sha2
          ? {
              attachments: [
                {
                  usageType: 'https://example.test/usage/certificate',
                  display: { 'sv-SE': 'Intyg' },
                  contentType: 'text/plain',
                  length: 4,
                  sha2: o.sha2.toUpperCase(),
                },
              ],
            }
          : {}),
      };
      await db.query(
        `INSERT INTO xapi_statements (region_id, id, statement, stored, voided, is_voiding, ref_target, actor_key,
                                      verb_id, related_agents)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'mbox:mailto:anna@example.test', $8, '{mbox:mailto:anna@example.test}')`,
        [
          region,
          id,
          JSON.stringify(statement),
          `${day}T12:00:00Z`,
          o.voided ?? false,
          o.voiding ?? false,
          o.ref ?? null,
          statement.verb.id,
        ],
      );
    };
    for (const [region, sha2] of [
      [regionId, shaOld],
      [regionId, shaShared],
      [otherRegion, shaOld],
    ] as const)
      await db.query(
        `INSERT INTO xapi_attachments (region_id, sha2, content_type, content) VALUES ($1, $2, 'text/plain', $3)`,
        [region, sha2, Buffer.from('intyg')],
      );
    await put(regionId, x.old, oldDay, { sha2: shaOld });
    await put(regionId, x.oldShared, oldDay, { sha2: shaShared });
    await put(regionId, x.newShared, newDay, { sha2: shaShared });
    await put(regionId, x.voidedKept, oldDay, { voided: true });
    await put(regionId, x.voidingNew, newDay, { voiding: true, ref: x.voidedKept });
    await put(regionId, x.voidedOld, oldDay, { voided: true });
    await put(regionId, x.voidingOld, oldDay, { voiding: true, ref: x.voidedOld });
    await put(regionId, x.chainA, oldDay);
    await put(regionId, x.chainB, oldDay, { ref: x.chainA });
    await put(regionId, x.chainC, newDay, { ref: x.chainB });
    // The same statement id in another region's LRS is another record.
    await put(otherRegion, x.old, oldDay, { sha2: shaOld });

    const archive = await disposeUnder('xapi_statements', 4);
    const left = await db.query<{ id: string }>(`SELECT id FROM xapi_statements WHERE region_id = $1`, [
      regionId,
    ]);
    expect(left.map((r) => r.id).sort()).toEqual(
      [x.newShared, x.voidedKept, x.voidingNew, x.chainA, x.chainB, x.chainC].sort(),
    );
    expect(await count(`SELECT 1 FROM xapi_statements WHERE region_id = $1`, [otherRegion])).toBe(1);
    const attachments = await db.query<{ region_id: string; sha2: string }>(
      `SELECT region_id, sha2 FROM xapi_attachments ORDER BY sha2, region_id`,
    );
    expect(attachments).toEqual([
      { region_id: otherRegion, sha2: shaOld },
      { region_id: regionId, sha2: shaShared },
    ]);

    const statements = rowsOf(archive, 'xapi_statements');
    expect(statements.map((r) => r.id).sort()).toEqual(
      [x.old, x.oldShared, x.voidedOld, x.voidingOld].sort(),
    );
    for (const r of statements) {
      expect(r.actor_key).toMatch(pseudonym);
      expect(r.statement).toMatch(pseudonym);
    }
    expect(rowsOf(archive, 'xapi_attachments')).toMatchObject([{ sha2: shaOld }]);
    expect(JSON.stringify(archive)).not.toContain('anna@example.test');
  });

  it('elearning_enrolments: old enrolments go with progress, attempts, time and rating; credential and ESF ones stay', async () => {
    const provider = await makeProvider(db, regionId, 'Digitala anordnaren');
    const course: DigitalCourse = await makeDigitalCourse(db, {
      regionId,
      providerId: provider,
      title: 'Digital svetsning',
      lessons: [2],
      quiz: [[0, 1]],
    });
    const [text, quiz] = (course.modules[0]?.lessons ?? []) as [string, string];
    const enrolment = async (on: string, completedAfterDays?: number) => {
      const user = await makeUser(db, []);
      const learnerId = await makeLearner(db, companyId, 'woman', 'Lisa Lärande');
      const id = await enrol(db, { course, learnerId, companyId, userId: user.id, on, completedAfterDays });
      await addProgress(db, id, [text], on);
      await addAttempts(db, id, quiz, [false, true], on);
      await addTime(db, id, on, 45);
      await addRating(db, id, 4, 5);
      return { id, learnerId };
    };
    const old = await enrolment(ago(26, 0), 30);
    const fresh = await enrolment(ago(25, 0));
    await db.query(`UPDATE dl_enrolments SET last_active_at = $2 WHERE id = $1`, [
      fresh.id,
      `${newDay}T12:00:00Z`,
    ]);
    const credited = await enrolment(ago(26, 0), 30);
    const kid = `test-${randomUUID()}`;
    await db.query(
      `INSERT INTO signing_keys (kid, purpose, organisation_id, alg, public_jwk, sealed_key_id, private_sealed)
       VALUES ($1, 'credentials', $2, 'EdDSA', '{}', 'test1', '\\x00')`,
      [kid, provider],
    );
    await db.query(
      `INSERT INTO credentials (id, organisation_id, user_id, source_kind, source_id, achievement_key, name,
                                status_index, kid, document, jwt, issued_at)
       SELECT $1, $2, user_id, 'elearning', id::text, 'svetsning', 'Digital svetsning', 7, $3, '{}', 'x', now()
         FROM dl_enrolments WHERE id = $4`,
      [randomUUID(), provider, kid, credited.id],
    );
    const esfLearner = await enrolment(ago(26, 0), 30);
    const participant = await makeParticipant(db, s);
    await db.query(`UPDATE esf_participants SET learner_id = $2 WHERE id = $1`, [
      participant.id,
      esfLearner.learnerId,
    ]);

    const archive = await disposeUnder('elearning_enrolments', 1);
    const children = ['dl_lesson_progress', 'dl_quiz_attempts', 'dl_time', 'dl_ratings'];
    expect(await count(`SELECT 1 FROM dl_enrolments WHERE id = $1`, [old.id])).toBe(0);
    for (const table of children)
      expect(await count(`SELECT 1 FROM ${table} WHERE enrolment_id = $1`, [old.id]), table).toBe(0);
    for (const kept of [fresh, credited, esfLearner]) {
      expect(await count(`SELECT 1 FROM dl_enrolments WHERE id = $1`, [kept.id])).toBe(1);
      for (const table of children)
        expect(
          await count(`SELECT 1 FROM ${table} WHERE enrolment_id = $1`, [kept.id]),
          table,
        ).toBeGreaterThan(0);
    }
    const [row] = rowsOf(archive, 'dl_enrolments');
    expect(row).toMatchObject({ id: old.id, status: 'completed' });
    expect(row?.learner_id).toMatch(pseudonym);
    expect(row?.user_id).toMatch(pseudonym);
    expect(rowsOf(archive, 'dl_quiz_attempts')).toHaveLength(2);
    expect(rowsOf(archive, 'dl_time')).toMatchObject([{ minutes: 45 }]);
    expect(rowsOf(archive, 'dl_ratings')).toMatchObject([{ usefulness: 4, recommend: 5 }]);
  });

  it('staff_time_entries: old hours go; hours of a claimed month and of another region stay', async () => {
    const coach = await makeUser(db, [{ role: 'coach', org: '0781' }]);
    const [org] = await db.query<{ id: string }>(
      `SELECT id FROM organisations WHERE kind = 'municipality' AND code = '0781'`,
    );
    const entry = async (organisationId: string, day: string) => {
      const id = randomUUID();
      await db.query(
        `INSERT INTO staff_time_entries (id, user_id, organisation_id, work_date, hours, activity, note)
         VALUES ($1, $2, $3, $4, 2.5, 'coaching', 'Möte med Anna på Testbolaget')`,
        [id, coach.id, organisationId, day],
      );
      return id;
    };
    const municipality = (org as { id: string }).id;
    const old = await entry(municipality, oldDay);
    const fresh = await entry(municipality, newDay);
    const claimedDay = ago(30, 0);
    const claimed = await entry(municipality, claimedDay);
    const elsewhere = await entry(otherRegion, oldDay);
    await db.query(
      `INSERT INTO esf_claim_periods (id, programme_id, first_month, last_month, status, closed_at)
       VALUES ($1, $2, $3, $3, 'closed', now())`,
      [randomUUID(), s.programmeId, claimedDay.slice(0, 7)],
    );

    const archive = await disposeUnder('staff_time_entries', 1);
    const left = await db.query<{ id: string }>(`SELECT id FROM staff_time_entries WHERE user_id = $1`, [
      coach.id,
    ]);
    expect(left.map((r) => r.id).sort()).toEqual([fresh, claimed, elsewhere].sort());
    const [row] = rowsOf(archive, 'staff_time_entries');
    expect(row).toMatchObject({ id: old, activity: 'coaching' });
    expect(row?.user_id).toMatch(pseudonym);
    expect(row?.note).toMatch(pseudonym);
  });

  it('esf_participants: ended participants go with identity, certificates and SCB rows; referenced ones stay', async () => {
    const participant = async (started: string | null, ended: string | null) => {
      const p = await makeParticipant(db, s, { firstName: 'Greta', lastName: 'Gallrad' });
      await db.query(`UPDATE esf_participants SET started_on = $2, ended_on = $3 WHERE id = $1`, [
        p.id,
        started,
        ended,
      ]);
      return p;
    };
    const old = await participant(ago(25, 0), oldDay);
    const fresh = await participant(ago(25, 0), newDay);
    const ongoing = await participant(ago(25, 0), null);
    const inMeeting = await participant(ago(25, 0), oldDay);
    await db.query(
      `INSERT INTO coaching_meeting_attendees (id, meeting_id, kind, name, esf_participant_id)
       VALUES ($1, $2, 'company_person', 'Greta Gallrad', $3)`,
      [randomUUID(), meetingId, inMeeting.id],
    );
    const openClaimMonth = ago(36, 0);
    const inOpenClaim = await participant(openClaimMonth, ago(35, 0));
    await db.query(
      `INSERT INTO esf_claim_periods (id, programme_id, first_month, last_month) VALUES ($1, $2, $3, $3)`,
      [randomUUID(), s.programmeId, openClaimMonth.slice(0, 7)],
    );
    // A signed certificate (with its signature and a used link) and an SCB month with both participants.
    const cert = randomUUID();
    await db.query(
      `INSERT INTO esf_certificates (id, participant_id, month, version, status, lines, total_hours, employer_name,
                                     employer_org_number)
       VALUES ($1, $2, $3, 1, 'signed', '[]', 3, 'Testbolaget AB', '5560000000')`,
      [cert, old.id, oldDay.slice(0, 7)],
    );
    await db.query(
      `INSERT INTO esf_certificate_signatures (id, certificate_id, role, method, signer_name)
       VALUES ($1, $2, 'manager', 'link', 'Karin Kontakt')`,
      [randomUUID(), cert],
    );
    await db.query(
      `INSERT INTO esf_sign_links (id, certificate_id, token_hash, expires_at, used_at)
       VALUES ($1, $2, $3, now(), now())`,
      [randomUUID(), cert, randomUUID()],
    );
    const month = randomUUID();
    await db.query(
      `INSERT INTO esf_scb_months (id, programme_id, month, version, columns, row_count, checksum)
       VALUES ($1, $2, $3, 1, '{first_name}', 2, 'x')`,
      [month, s.programmeId, oldDay.slice(0, 7)],
    );
    for (const [i, p] of [old, fresh].entries())
      await db.query(
        `INSERT INTO esf_scb_month_rows (month_id, participant_id, position, first_name, last_name,
                                         employer_org_number, email)
         VALUES ($1, $2, $3, 'Greta', 'Gallrad', '5560000000', 'greta@example.test')`,
        [month, p.id, i + 1],
      );

    const archive = await disposeUnder('esf_participants', 1);
    const left = await db.query<{ id: string }>(
      `SELECT id FROM esf_participants WHERE last_name = 'Gallrad'`,
    );
    expect(left.map((r) => r.id).sort()).toEqual([fresh.id, ongoing.id, inMeeting.id, inOpenClaim.id].sort());
    expect(await count(`SELECT 1 FROM esf_identities WHERE participant_id = $1`, [old.id])).toBe(0);
    expect(await count(`SELECT 1 FROM esf_identities WHERE participant_id = $1`, [fresh.id])).toBe(1);
    expect(await count(`SELECT 1 FROM esf_certificates WHERE participant_id = $1`, [old.id])).toBe(0);
    for (const table of ['esf_certificate_signatures', 'esf_sign_links'])
      expect(await count(`SELECT 1 FROM ${table} WHERE certificate_id = $1`, [cert])).toBe(0);
    expect(await count(`SELECT 1 FROM esf_scb_month_rows WHERE month_id = $1`, [month])).toBe(1);
    expect(await count(`SELECT 1 FROM esf_scb_months WHERE id = $1`, [month])).toBe(1);

    const [p] = rowsOf(archive, 'esf_participants');
    expect(p).toMatchObject({ id: old.id, gender: expect.any(String) });
    for (const col of ['first_name', 'last_name', 'manager_name', 'created_by'])
      expect(p?.[col], col).toMatch(pseudonym);
    const [identity] = rowsOf(archive, 'esf_identities');
    for (const col of ['sealed', 'lookup_hash', 'masked']) expect(identity?.[col], col).toMatch(pseudonym);
    expect(rowsOf(archive, 'esf_scb_month_rows')).toHaveLength(1);
    expect(rowsOf(archive, 'esf_scb_month_rows')[0]?.email).toMatch(pseudonym);
    expect(rowsOf(archive, 'esf_certificates')).toMatchObject([{ id: cert, total_hours: 3 }]);
    expect(rowsOf(archive, 'esf_certificate_signatures')[0]?.signer_name).toMatch(pseudonym);
    const text = JSON.stringify(archive);
    expect(text).not.toContain('Gallrad');
    expect(text).not.toContain(old.personnummer.slice(0, 8));
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
