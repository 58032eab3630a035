// The demo of the learner side: the demo participant has one course completed and one in progress, 30
// synthetic learners (women and men, several municipalities) have varied progress, quiz attempts, time,
// completions with credentials and ratings; a second run adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, TEST_KEYRING } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { ensureRegion } from '../organisations/index.ts';
import { seedElearningLearners } from './service/demo-learning.ts';
import { makeDigitalCourse, makeLearnerRow, makeProviderOrg } from './test-support-learning.ts';

let db: Db;
let pelle: string;
const BASE = 'http://localhost:3000';

beforeAll(async () => {
  db = await testDb();
  const admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  const regionId = await ensureRegion(db, '07');
  const providerOrg = await makeProviderOrg(db, regionId, 'Demo Utbildare AB');
  const companies: string[] = [];
  for (const [i, code] of ['0781', '0780', '0764', '0765'].entries())
    companies.push(
      await makeCompany(db, admin, {
        name: `Demobolag ${i} AB`,
        workplaces: [
          { name: 'Fabriken', street: 'Gatan 1', postalCode: '341 30', city: 'Ort', municipalityCode: code },
        ],
      }),
    );
  const user = await makeUser(db, [{ role: 'participant', org: `company:${companies[0]}` }], {
    email: 'participant@example.org',
    name: 'Pelle Deltagare',
  });
  pelle = user.id;
  await makeLearnerRow(db, companies[0] ?? '', pelle, ['Pelle', 'Deltagare']);
  await makeDigitalCourse(db, { regionId, providerOrgId: providerOrg, title: 'Demo A' });
  await makeDigitalCourse(db, { regionId, providerOrgId: providerOrg, title: 'Demo B' });
});

afterAll(async () => {
  await db.close();
});

describe('seedElearningLearners', () => {
  it('does nothing without published courses', async () => {
    await db.query('UPDATE dl_courses SET archived_at = now()');
    expect(await seedElearningLearners(db, BASE, TEST_KEYRING)).toBe(0);
    await db.query('UPDATE dl_courses SET archived_at = NULL');
  });

  it('seeds the demo participant and 30 varied learners, once', async () => {
    const n = await seedElearningLearners(db, BASE, TEST_KEYRING);
    expect(n).toBeGreaterThanOrEqual(32);
    const own = await db.query<{ status: string }>(
      'SELECT status FROM dl_enrolments WHERE user_id = $1 ORDER BY status',
      [pelle],
    );
    expect(own.map((e) => e.status)).toEqual(['active', 'completed']);
    const [stats] = await db.query<Record<string, number>>(
      `SELECT count(DISTINCT e.learner_id)::int AS learners,
              count(DISTINCT l.gender)::int AS genders,
              count(DISTINCT e.company_id)::int AS companies,
              count(*) FILTER (WHERE e.status = 'completed')::int AS completed,
              count(*) FILTER (WHERE e.status = 'active')::int AS active,
              (SELECT count(*)::int FROM dl_ratings) AS ratings,
              (SELECT count(*)::int FROM dl_quiz_attempts WHERE NOT passed) AS failed,
              (SELECT count(DISTINCT day)::int FROM dl_time) AS days,
              (SELECT count(*)::int FROM credentials WHERE source_kind = 'elearning') AS credentials
         FROM dl_enrolments e JOIN learners l ON l.id = e.learner_id`,
    );
    expect(stats?.learners).toBe(31);
    expect(stats?.genders).toBe(2);
    expect(stats?.companies).toBe(4);
    expect(stats?.completed).toBeGreaterThan(5);
    expect(stats?.active).toBeGreaterThan(5);
    expect(stats?.ratings).toBeGreaterThan(3);
    expect(stats?.failed).toBeGreaterThan(0);
    expect(stats?.days).toBeGreaterThan(20);
    expect(stats?.credentials).toBe(stats?.completed);
    expect(await seedElearningLearners(db, BASE, TEST_KEYRING)).toBe(0);
  });
});
