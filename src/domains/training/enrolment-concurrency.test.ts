// Seats are never over-booked, also under simultaneous requests: 200 enrolments for 20 seats at once.
// On PostgreSQL (DATABASE_URL) they run through a pool of several connections, really in parallel, and meet
// at the occasion's row lock; on PGlite Promise.all is serialised by the engine. Both: exactly 20 + 180.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, makeUser, type TestUser } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Actor } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { createMailer } from '../../platform/mail.ts';
import {
  day,
  makeCourse,
  makeOccasion,
  makeProviderOrg,
  regionOf,
  statusCounts,
} from './enrolment-test-support.ts';
import { cancelEnrolment, enrol } from './service/enrolment-book.ts';

const SEATS = 20;
const REQUESTS = 200;

let db: Db;
let contact: TestUser;
let actor: Actor;
let companyId: string;
let courseId: string;
const mailer = createMailer({ from: 'test@kompetensnavet.local' });

async function learners(n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => randomUUID());
  await db.query(
    `INSERT INTO learners (id, company_id, first_name, last_name)
     SELECT id, $2, 'Deltagare', 'Nr ' || ord FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)`,
    [ids, companyId],
  );
  return ids;
}

beforeAll(async () => {
  db = await testDb();
  const officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
  companyId = await makeCompany(db, officer);
  contact = await makeUser(db, [{ role: 'company_contact', org: `company:${companyId}` }]);
  actor = await actorOf(db, contact.id);
  const regionId = await regionOf(db, companyId);
  courseId = await makeCourse(db, {
    regionId,
    providerOrgId: await makeProviderOrg(db, regionId),
    financing: 'company',
  });
});

afterAll(async () => {
  await db?.close();
});

describe(`enrolment under load (${process.env.DATABASE_URL ? 'PostgreSQL pool' : 'PGlite'})`, () => {
  it(`${REQUESTS} simultaneous enrolments for ${SEATS} seats: exactly ${SEATS} enrolled, the rest waitlisted`, async () => {
    const occasionId = await makeOccasion(db, courseId, {
      startsOn: day(20),
      endsOn: day(21),
      seats: SEATS,
      deadline: day(10),
    });
    const ids = await learners(REQUESTS);
    const settled = await Promise.allSettled(
      ids.map((id) => enrol({ db, mailer }, actor, occasionId, { learnerIds: [id], paidBy: 'company' })),
    );
    const rejected = settled.filter((s) => s.status === 'rejected');
    expect(rejected.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    const statuses = settled.flatMap((s) => (s.status === 'fulfilled' ? s.value.map((r) => r.status) : []));
    expect(statuses.filter((s) => s === 'enrolled')).toHaveLength(SEATS);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(REQUESTS - SEATS);
    expect(await statusCounts(db, occasionId)).toEqual({ enrolled: SEATS, waitlisted: REQUESTS - SEATS });
    const [mails] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM mail_outbox WHERE to_address = $1',
      [contact.email],
    );
    expect(mails?.n).toBeGreaterThanOrEqual(REQUESTS);

    // Simultaneous cancellations of enrolled learners: each freed seat goes to exactly one waitlisted.
    const enrolledIds = await db.query<{ id: string }>(
      `SELECT id FROM enrolments WHERE occasion_id = $1 AND status = 'enrolled' LIMIT 10`,
      [occasionId],
    );
    const firstWaiting = await db.query<{ id: string }>(
      `SELECT id FROM enrolments WHERE occasion_id = $1 AND status = 'waitlisted' ORDER BY waitlisted_at, created_at, id LIMIT 10`,
      [occasionId],
    );
    await Promise.all(enrolledIds.map((e) => cancelEnrolment({ db, mailer }, actor, e.id)));
    expect(await statusCounts(db, occasionId)).toEqual({
      enrolled: SEATS,
      waitlisted: REQUESTS - SEATS - 10,
      cancelled: 10,
    });
    const promoted = await db.query<{ id: string }>(
      `SELECT id FROM enrolments WHERE id = ANY($1::uuid[]) AND status = 'enrolled'`,
      [firstWaiting.map((w) => w.id)],
    );
    expect(promoted).toHaveLength(10);
  }, 60_000);
});
