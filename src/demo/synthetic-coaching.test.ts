import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../test/app.ts';
import { testDb } from '../../test/db.ts';
import { getEngagement } from '../domains/coaching/index.ts';
import type { Db } from '../platform/db.ts';
import { seedSynthetic } from './synthetic.ts';
import { STEPS, seedSyntheticCoaching } from './synthetic-coaching.ts';
import { seedSyntheticMappings } from './synthetic-mappings.ts';

let db: Db;
beforeAll(async () => {
  db = await testDb();
  await seedSynthetic(db, { companies: 60, seed: 13 });
  await seedSyntheticMappings(db, { seed: 13 });
}, 120_000);
afterAll(() => db.close());

const count = async (sql: string) => (await db.query<{ n: number }>(sql))[0].n;

async function digest(): Promise<string> {
  const [row] = await db.query<{ d: string }>(
    `SELECT md5(
       (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM (SELECT id, company_id, municipality_code, step,
          agreement_reference, mapping_id FROM engagements) x) ||
       (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM (SELECT id, engagement_id, user_id FROM engagement_coaches) x) ||
       (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM (SELECT id, engagement_id, starts_at, minutes, kind,
          coach_id FROM coaching_meetings) x)) AS d`,
  );
  return row.d;
}

describe('seedSyntheticCoaching', () => {
  let first: Awaited<ReturnType<typeof seedSyntheticCoaching>>;
  beforeAll(async () => {
    first = await seedSyntheticCoaching(db, { seed: 5, batchSize: 7, caseload: 5 });
  }, 60_000);

  it('engages about 30 % of the mapped companies, each with a coach of its municipality', async () => {
    expect(first.engagements).toBeGreaterThan(6);
    expect(first.engagements).toBeLessThan(35);
    expect(first.coaches).toBeGreaterThan(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM engagements g JOIN companies c ON c.id = g.company_id
           JOIN engagement_coaches ec ON ec.engagement_id = g.id AND ec.organisation_id = c.owner_org_id
           JOIN memberships m ON m.user_id = ec.user_id AND m.role = 'coach' AND m.organisation_id = c.owner_org_id
           JOIN organisations o ON o.id = c.owner_org_id AND o.code = g.municipality_code`,
      ),
    ).toBe(first.engagements);
    // The step history ends at the current step; closed ones carry closed_at.
    expect(
      await count(
        `SELECT count(*)::int AS n FROM engagements g WHERE g.step <> (SELECT s.to_step FROM engagement_step_changes s
           WHERE s.engagement_id = g.id ORDER BY s.changed_at DESC LIMIT 1) OR (g.step = 'closed') <> (g.closed_at IS NOT NULL)`,
      ),
    ).toBe(0);
    const steps = await db.query<{ step: string }>('SELECT DISTINCT step FROM engagements');
    for (const { step } of steps) expect(STEPS).toContain(step);
  });

  it('holds past held and planned meetings', async () => {
    expect(first.meetings).toBeGreaterThan(first.engagements);
    const rows = await db.query<{ status: string; past: boolean }>(
      'SELECT DISTINCT status, held_on < current_date AS past FROM coaching_meetings ORDER BY 1, 2',
    );
    expect(rows).toEqual([
      { status: 'held', past: true },
      { status: 'planned', past: false },
    ]);
  });

  it('is read by the coaching service as the coach', async () => {
    const [e] = await db.query<{ id: string; user_id: string }>(
      `SELECT g.id, ec.user_id FROM engagements g JOIN engagement_coaches ec ON ec.engagement_id = g.id
        ORDER BY g.id LIMIT 1`,
    );
    const view = await getEngagement(db, await actorOf(db, e.user_id), e.id);
    expect(view.engagement.id).toBe(e.id);
  });

  it('adds nothing on a second run and gives the same rows for the same seed', async () => {
    const before = await digest();
    const again = await seedSyntheticCoaching(db, { seed: 5, caseload: 5 });
    expect(again.engagements).toBe(first.engagements);
    expect(await digest()).toBe(before);
    await db.query('DELETE FROM engagements');
    await seedSyntheticCoaching(db, { seed: 5, caseload: 5 });
    expect(await digest()).toBe(before);
  }, 60_000);
});
