// The synthetic ESF participants and SCB months: registrations as the product stores them (sealed identity
// that opens to a valid fictitious personnummer of the learner's gender, keyed hash unique, start = first
// activity), idempotent, and SCB months the product itself finds complete (no changes, nothing due) and
// whose downloads verify against their checksums.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TEST_KEYRING } from '../../test/app.ts';
import { testDb } from '../../test/db.ts';
import { actorForUser } from '../domains/accounts/index.ts';
import { activitySpan } from '../domains/esf/repo-activity.ts';
import { scbMonth, scbOverview } from '../domains/esf/service/scb.ts';
import { scbFile } from '../domains/esf/service/scb-file.ts';
import type { Actor } from '../platform/auth.ts';
import type { Db } from '../platform/db.ts';
import { parseEsfIdentity } from '../platform/identifiers.ts';
import { unseal } from '../platform/secrets.ts';
import { seedSynthetic } from './synthetic.ts';
import { seedSyntheticCourses } from './synthetic-courses.ts';
import {
  esfParticipantId,
  type SeedEsfResult,
  SYNTHETIC_SCB_REASON,
  seedSyntheticEsf,
  syntheticPersonnummer,
} from './synthetic-esf.ts';
import { seedSyntheticMappings } from './synthetic-mappings.ts';
import { seedSyntheticParticipants } from './synthetic-participants.ts';

let db: Db;
let first: SeedEsfResult;
let admin: Actor;
beforeAll(async () => {
  db = await testDb({ demo: true });
  await seedSynthetic(db, { companies: 30, seed: 5 });
  await seedSyntheticCourses(db, { courses: 30, seed: 5 });
  await seedSyntheticMappings(db, { seed: 5 });
  await seedSyntheticParticipants(db, { seed: 5, perCompany: 4 });
  first = await seedSyntheticEsf(db, { keyring: TEST_KEYRING, seed: 5 });
  const [u] = await db.query<{ id: string }>(`SELECT id FROM users WHERE email = 'esf@example.org'`);
  admin = (await actorForUser(db, u?.id as string, 'session')) as Actor;
}, 180_000);
afterAll(() => db?.close());

const synthetic = `SELECT p.*, to_char(p.started_on, 'YYYY-MM-DD') AS started_text, i.key_id, i.sealed, i.lookup_hash, i.masked, i.kind
   FROM esf_participants p JOIN esf_identities i ON i.participant_id = p.id
  WHERE p.id = ${esfParticipantId('p.programme_id', 'p.learner_id')}`;

describe('synthetic ESF participants', () => {
  it('makes fictitious, valid personnummer (serial 9nn) of the given gender', () => {
    for (let slot = 0; slot < 50; slot++)
      for (const gender of ['woman', 'man'] as const) {
        const pnr = syntheticPersonnummer('1984-02-29', gender, slot);
        const parsed = parseEsfIdentity(pnr);
        expect(parsed).toMatchObject({ ok: true, kind: 'personnummer', gender, birthDate: '1984-02-29' });
        expect(pnr.slice(9, 10)).toBe('9');
      }
  });

  it('registers the ESF-financed synthetic learners as the product stores a registration', async () => {
    expect(first.programmeId).not.toBeNull();
    expect(first.participants).toBeGreaterThan(10);
    const rows = await db.query<{
      id: string;
      learner_id: string;
      gender: string;
      age_at_start: number;
      started_text: string | null;
      key_id: string;
      sealed: Uint8Array;
      masked: string;
      kind: string;
      information_text_sha256: string;
      eligibility_confirmed_at: Date;
      source: string;
      employer_org_number: string;
      company_id: string;
    }>(synthetic);
    expect(rows).toHaveLength(first.participants);
    // Every one is a learner with a programme-paid (ESF-financed) enrolment, at an SME.
    const [n] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (${synthetic}) s
        WHERE EXISTS (SELECT 1 FROM enrolments e WHERE e.learner_id = s.learner_id AND e.paid_by = 'programme')
          AND EXISTS (SELECT 1 FROM companies c WHERE c.id = s.company_id AND c.is_sme
                         AND c.org_number = s.employer_org_number)`,
    );
    expect(n?.n).toBe(rows.length);
    const today = new Date().toISOString().slice(0, 10);
    for (const r of rows) {
      const value = unseal(TEST_KEYRING, r.key_id, Buffer.from(r.sealed), r.id);
      const parsed = parseEsfIdentity(value);
      if (!parsed.ok) throw new Error('sealed value is not a personnummer');
      expect(parsed.value).toBe(value);
      expect(parsed.gender).toBe(r.gender);
      expect(r.masked).toBe(`${value.slice(0, 8)}-****`);
      expect(r.kind).toBe('personnummer');
      expect(r.source).toBe('enrolment');
      expect(r.information_text_sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(r.eligibility_confirmed_at).not.toBeNull();
      const on = r.started_text ?? today;
      expect(
        Math.abs(r.age_at_start - (Number(on.slice(0, 4)) - Number(value.slice(0, 4)))),
      ).toBeLessThanOrEqual(1);
    }
    const [dup] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM (SELECT lookup_hash FROM esf_identities GROUP BY programme_id, lookup_hash HAVING count(*) > 1) d',
    );
    expect(dup?.n).toBe(0);
  });

  it('starts each participation at its first activity and ends a closed one at its last', async () => {
    const rows = await db.query<{
      id: string;
      started: string | null;
      ended: string | null;
      closed: string | null;
    }>(
      `SELECT s.id, to_char(s.started_on, 'YYYY-MM-DD') AS started, to_char(s.ended_on, 'YYYY-MM-DD') AS ended,
              to_char(s.closed_at, 'YYYY-MM-DD') AS closed FROM (${synthetic}) s`,
    );
    const spans = await activitySpan(
      db,
      rows.map((r) => r.id),
    );
    expect(rows.filter((r) => r.started !== null).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.ended !== null).length).toBe(first.ended);
    for (const r of rows) {
      expect(r.started).toBe(spans.get(r.id)?.first ?? null);
      if (r.ended) {
        expect(r.ended).toBe(spans.get(r.id)?.last);
        expect(r.closed && r.closed >= r.ended).toBe(true);
      }
    }
  });

  it('leaves SCB months the product finds complete, with checksums its download verifies', async () => {
    expect(first.scbVersions).toBeGreaterThan(0);
    const overview = await scbOverview(db, { actor: admin, ip: '127.0.0.1' });
    const past = overview.months.filter((m) => m.month < overview.currentMonth);
    expect(past.length).toBeGreaterThan(0);
    for (const m of past) {
      expect({ month: m.month, changes: m.changes }).toEqual({ month: m.month, changes: 0 });
      expect(['produced', 'sent']).toContain(m.state);
    }
    const made = await db.query<{ month: string; version: number; reason: string | null }>(
      `SELECT month, version, reason FROM esf_scb_months WHERE id IN (
         SELECT entity_id::uuid FROM audit_log WHERE action IN ('esf.scb.produce', 'esf.scb.correct')
            AND details->>'synthetic' = 'true')`,
    );
    expect(made).toHaveLength(first.scbVersions);
    for (const v of made) {
      expect(v.reason === null || v.reason === SYNTHETIC_SCB_REASON).toBe(true);
      const file = await scbFile(
        db,
        TEST_KEYRING,
        { actor: admin, ip: '127.0.0.1' },
        v.month,
        v.version,
        'csv',
      );
      expect(file.body.length).toBeGreaterThan(0);
    }
  });

  it('gives every row an RFC uuid the routes accept (as src/demo/ids.test.ts checks for the others)', async () => {
    const ids = await db.query<{ v: string }>(
      `SELECT id::text AS v FROM esf_participants UNION ALL SELECT id::text FROM esf_scb_months
       UNION ALL SELECT participant_id::text FROM esf_scb_month_rows`,
    );
    expect(ids.length).toBeGreaterThan(first.participants);
    expect(ids.filter((r) => !z.string().uuid().safeParse(r.v).success)).toEqual([]);
  });

  it('adds nothing on a second run', async () => {
    const again = await seedSyntheticEsf(db, { keyring: TEST_KEYRING, seed: 5 });
    expect(again).toMatchObject({ participants: 0, ended: 0, scbVersions: 0 });
  });

  it('shows on the month page the same changes as the overview once a produced month changes', async () => {
    // A late start moved into an earlier produced month: that month and the one it left both change.
    const [p] = await db.query<{ id: string; month: string }>(
      `SELECT s.id, to_char(s.started_on, 'YYYY-MM') AS month FROM (${synthetic}) s
        WHERE s.started_on < date_trunc('month', current_date) AND s.ended_on IS NULL
        ORDER BY s.started_on DESC, s.id LIMIT 1`,
    );
    if (!p) throw new Error('no started synthetic participant');
    await db.query(`UPDATE esf_participants SET started_on = started_on - 35 WHERE id = $1`, [p.id]);
    const ctx = { actor: admin, ip: '127.0.0.1' };
    const overview = await scbOverview(db, ctx);
    const changed = overview.months.filter((m) => m.changes > 0);
    expect(changed.map((m) => m.month)).toContain(p.month);
    for (const m of overview.months.filter((x) => x.latest !== null))
      expect([m.month, (await scbMonth(db, ctx, m.month, null)).status.changes]).toEqual([
        m.month,
        m.changes,
      ]);
  });

  it('creates nothing in a region without a programme', async () => {
    const r = await seedSyntheticEsf(db, { keyring: TEST_KEYRING, seed: 5, county: '25' });
    expect(r).toMatchObject({ programmeId: null, participants: 0, scbVersions: 0 });
  });
});
