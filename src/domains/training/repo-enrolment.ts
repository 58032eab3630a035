// All SQL of training enrolment: learners, enrolments (with the seat lock on the occasion), login codes.
import type { Db } from '../../platform/db.ts';

export interface LearnerRow {
  id: string;
  companyId: string;
  companyName: string;
  firstName: string;
  lastName: string;
  email: string | null;
  gender: 'woman' | 'man' | 'other' | null;
  birthYear: number | null;
  userId: string | null;
}

const LEARNER_COLS = `l.id, l.company_id AS "companyId", c.name AS "companyName", l.first_name AS "firstName",
  l.last_name AS "lastName", l.email, l.gender, l.birth_year AS "birthYear", l.user_id AS "userId"`;

export async function companyBrief(
  db: Db,
  id: string,
): Promise<{ id: string; name: string; regionId: string } | null> {
  const rows = await db.query<{ id: string; name: string; regionId: string }>(
    'SELECT id, name, region_id AS "regionId" FROM companies WHERE id = $1',
    [id],
  );
  return rows[0] ?? null;
}

/** Whether the learner has an enrolment (any status) on an occasion of a course of one of the providers. */
export async function learnerOnProviderCourses(
  db: Db,
  learnerId: string,
  providerOrgIds: string[],
): Promise<boolean> {
  if (providerOrgIds.length === 0) return false;
  const rows = await db.query(
    `SELECT 1 FROM enrolments e JOIN course_occasions o ON o.id = e.occasion_id JOIN courses c ON c.id = o.course_id
      WHERE e.learner_id = $1 AND c.provider_org_id = ANY($2::uuid[]) LIMIT 1`,
    [learnerId, providerOrgIds],
  );
  return rows.length > 0;
}

export async function companiesBrief(db: Db, ids: string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db.query('SELECT id, name FROM companies WHERE id = ANY($1::uuid[]) ORDER BY name', [ids]);
}

export async function listLearners(db: Db, companyIds: string[]): Promise<LearnerRow[]> {
  return db.query<LearnerRow>(
    `SELECT ${LEARNER_COLS} FROM learners l JOIN companies c ON c.id = l.company_id
      WHERE l.company_id = ANY($1::uuid[]) ORDER BY c.name, l.last_name, l.first_name, l.id`,
    [companyIds],
  );
}

export async function findLearner(db: Db, id: string): Promise<LearnerRow | null> {
  const rows = await db.query<LearnerRow>(
    `SELECT ${LEARNER_COLS} FROM learners l JOIN companies c ON c.id = l.company_id WHERE l.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function findLearners(db: Db, ids: string[]): Promise<LearnerRow[]> {
  return db.query<LearnerRow>(
    `SELECT ${LEARNER_COLS} FROM learners l JOIN companies c ON c.id = l.company_id WHERE l.id = ANY($1::uuid[])`,
    [ids],
  );
}

export interface LearnerFields {
  firstName: string;
  lastName: string;
  email: string | null;
  gender: 'woman' | 'man' | 'other' | null;
  birthYear: number | null;
}

export async function insertLearner(
  db: Db,
  l: LearnerFields & { id: string; companyId: string; createdBy: string },
): Promise<void> {
  await db.query(
    `INSERT INTO learners (id, company_id, first_name, last_name, email, gender, birth_year, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [l.id, l.companyId, l.firstName, l.lastName, l.email, l.gender, l.birthYear, l.createdBy],
  );
}

export async function updateLearner(db: Db, id: string, l: LearnerFields): Promise<void> {
  await db.query(
    `UPDATE learners SET first_name = $2, last_name = $3, email = $4, gender = $5, birth_year = $6,
            updated_at = now() WHERE id = $1`,
    [id, l.firstName, l.lastName, l.email, l.gender, l.birthYear],
  );
}

export async function setLearnerUser(db: Db, id: string, userId: string): Promise<void> {
  await db.query('UPDATE learners SET user_id = $2, updated_at = now() WHERE id = $1', [id, userId]);
}

export async function emailTaken(db: Db, email: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [email]);
  return rows.length > 0;
}

// ---------------------------------------------------------------- occasions

export interface OccasionRow {
  id: string;
  courseId: string;
  courseTitle: string;
  courseStatus: string;
  regionId: string;
  providerOrgId: string;
  financing: 'procured' | 'company' | 'public';
  contractFrom: string | null;
  contractTo: string | null;
  startsOn: string;
  endsOn: string;
  seats: number;
  enrolmentDeadline: string;
  status: 'open' | 'cancelled';
  location: string | null;
  deadlinePassed: boolean;
}

/** An occasion with its course; the occasion row locked when `lock` (inside a transaction). */
export async function findOccasion(db: Db, id: string, lock = false): Promise<OccasionRow | null> {
  const rows = await db.query<OccasionRow>(
    `SELECT o.id, o.course_id AS "courseId", c.title AS "courseTitle", c.status AS "courseStatus",
            c.region_id AS "regionId", c.provider_org_id AS "providerOrgId", c.financing,
            c.contract_from::text AS "contractFrom", c.contract_to::text AS "contractTo",
            o.starts_on::text AS "startsOn", o.ends_on::text AS "endsOn", o.seats,
            o.enrolment_deadline::text AS "enrolmentDeadline", o.status, o.location,
            (now() AT TIME ZONE 'Europe/Stockholm')::date > o.enrolment_deadline AS "deadlinePassed"
       FROM course_occasions o JOIN courses c ON c.id = o.course_id
      WHERE o.id = $1${lock ? ' FOR UPDATE OF o' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

/** Other open occasions of the same course (targets of a move). */
export async function siblingOccasions(db: Db, courseId: string, exceptId: string): Promise<OccasionRow[]> {
  const ids = await db.query<{ id: string }>(
    `SELECT id FROM course_occasions WHERE course_id = $1 AND id <> $2 AND status = 'open'
        AND enrolment_deadline >= (now() AT TIME ZONE 'Europe/Stockholm')::date ORDER BY starts_on`,
    [courseId, exceptId],
  );
  const out: OccasionRow[] = [];
  for (const { id } of ids) {
    const o = await findOccasion(db, id);
    if (o) out.push(o);
  }
  return out;
}

export async function countEnrolled(db: Db, occasionId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM enrolments WHERE occasion_id = $1 AND status = 'enrolled'`,
    [occasionId],
  );
  return rows[0]?.n ?? 0;
}

export async function liveLearnersOn(db: Db, occasionId: string, learnerIds: string[]): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT learner_id AS id FROM enrolments
      WHERE occasion_id = $1 AND learner_id = ANY($2::uuid[]) AND status <> 'cancelled'`,
    [occasionId, learnerIds],
  );
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------- enrolments

export type EnrolmentStatus = 'enrolled' | 'waitlisted' | 'cancelled';
export type PaidBy = 'programme' | 'company' | 'free';

export async function insertEnrolment(
  db: Db,
  e: {
    id: string;
    occasionId: string;
    learnerId: string;
    companyId: string;
    status: 'enrolled' | 'waitlisted';
    paidBy: PaidBy;
    enrolledBy: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO enrolments (id, occasion_id, learner_id, company_id, status, waitlisted_at, paid_by, enrolled_by)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $5 = 'waitlisted' THEN clock_timestamp() END, $6, $7)`,
    [e.id, e.occasionId, e.learnerId, e.companyId, e.status, e.paidBy, e.enrolledBy],
  );
}

export interface EnrolmentRow {
  id: string;
  occasionId: string;
  learnerId: string;
  companyId: string;
  companyName: string;
  status: EnrolmentStatus;
  paidBy: PaidBy;
  completion: 'pending' | 'completed' | 'not_completed';
  waitlistedAt: Date | null;
  createdAt: Date;
  cancelledAt: Date | null;
  movedTo: string | null;
  enrolledBy: string | null;
  firstName: string;
  lastName: string;
  learnerEmail: string | null;
  learnerUserId: string | null;
  courseId: string;
  courseTitle: string;
  providerOrgId: string;
  startsOn: string;
  endsOn: string;
  occasionStatus: 'open' | 'cancelled';
  location: string | null;
}

const ENROLMENT_SELECT = `SELECT e.id, e.occasion_id AS "occasionId", e.learner_id AS "learnerId",
    e.company_id AS "companyId", co.name AS "companyName", e.status, e.paid_by AS "paidBy", e.completion,
    e.waitlisted_at AS "waitlistedAt", e.created_at AS "createdAt", e.cancelled_at AS "cancelledAt",
    e.moved_to AS "movedTo", e.enrolled_by AS "enrolledBy", l.first_name AS "firstName",
    l.last_name AS "lastName", l.email AS "learnerEmail", l.user_id AS "learnerUserId",
    c.id AS "courseId", c.title AS "courseTitle", c.provider_org_id AS "providerOrgId",
    o.starts_on::text AS "startsOn", o.ends_on::text AS "endsOn", o.status AS "occasionStatus", o.location
  FROM enrolments e
  JOIN learners l ON l.id = e.learner_id
  JOIN companies co ON co.id = e.company_id
  JOIN course_occasions o ON o.id = e.occasion_id
  JOIN courses c ON c.id = o.course_id`;

export async function findEnrolment(db: Db, id: string, lock = false): Promise<EnrolmentRow | null> {
  const rows = await db.query<EnrolmentRow>(
    `${ENROLMENT_SELECT} WHERE e.id = $1${lock ? ' FOR UPDATE OF e' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function enrolmentsOfCompanies(db: Db, companyIds: string[]): Promise<EnrolmentRow[]> {
  return db.query<EnrolmentRow>(
    `${ENROLMENT_SELECT} WHERE e.company_id = ANY($1::uuid[])
      ORDER BY o.starts_on DESC, c.title, l.last_name, l.first_name, e.created_at`,
    [companyIds],
  );
}

export async function enrolmentsOfOccasion(db: Db, occasionId: string): Promise<EnrolmentRow[]> {
  return db.query<EnrolmentRow>(
    `${ENROLMENT_SELECT} WHERE e.occasion_id = $1
      ORDER BY CASE e.status WHEN 'enrolled' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END,
               e.waitlisted_at NULLS FIRST, l.last_name, l.first_name, e.created_at`,
    [occasionId],
  );
}

export async function enrolmentsOfUser(db: Db, userId: string): Promise<EnrolmentRow[]> {
  return db.query<EnrolmentRow>(
    `${ENROLMENT_SELECT} WHERE l.user_id = $1 ORDER BY o.starts_on DESC, e.created_at DESC`,
    [userId],
  );
}

export async function cancelEnrolment(db: Db, id: string, movedTo: string | null = null): Promise<void> {
  await db.query(
    `UPDATE enrolments SET status = 'cancelled', cancelled_at = now(), updated_at = now(), moved_to = $2
      WHERE id = $1`,
    [id, movedTo],
  );
}

/** The oldest waitlisted enrolment of an occasion moves up to enrolled; its id, or null. */
export async function promoteOldestWaitlisted(db: Db, occasionId: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM enrolments WHERE occasion_id = $1 AND status = 'waitlisted'
      ORDER BY waitlisted_at, created_at, id LIMIT 1 FOR UPDATE`,
    [occasionId],
  );
  const id = rows[0]?.id;
  if (!id) return null;
  await db.query(`UPDATE enrolments SET status = 'enrolled', updated_at = now() WHERE id = $1`, [id]);
  return id;
}

export interface SessionRow {
  occasionId: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
}

export async function sessionsOf(db: Db, occasionIds: string[]): Promise<SessionRow[]> {
  if (occasionIds.length === 0) return [];
  return db.query<SessionRow>(
    `SELECT occasion_id AS "occasionId", starts_at AS "startsAt", ends_at AS "endsAt", location
       FROM course_sessions WHERE occasion_id = ANY($1::uuid[]) ORDER BY starts_at`,
    [occasionIds],
  );
}

// ---------------------------------------------------------------- people to mail

export interface Recipient {
  email: string;
  locale: 'sv' | 'en';
}

/** A user's e-mail and language, when they are a company contact of the company (the one who enrolled). */
export async function contactRecipient(db: Db, userId: string, companyId: string): Promise<Recipient | null> {
  const rows = await db.query<Recipient>(
    `SELECT u.email, u.locale FROM users u
      WHERE u.id = $1 AND u.disabled_at IS NULL AND EXISTS (
        SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.role = 'company_contact' AND m.company_id = $2)`,
    [userId, companyId],
  );
  return rows[0] ?? null;
}

export async function userLocale(db: Db, userId: string): Promise<'sv' | 'en' | null> {
  const rows = await db.query<{ locale: 'sv' | 'en' }>('SELECT locale FROM users WHERE id = $1', [userId]);
  return rows[0]?.locale ?? null;
}

// ---------------------------------------------------------------- login codes

export async function replaceLoginCode(
  db: Db,
  c: { id: string; userId: string; codeHash: string; createdBy: string; days: number },
): Promise<Date> {
  await db.query('DELETE FROM login_codes WHERE user_id = $1 AND used_at IS NULL', [c.userId]);
  const rows = await db.query<{ expiresAt: Date }>(
    `INSERT INTO login_codes (id, user_id, code_hash, created_by, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(days => $5::int)) RETURNING expires_at AS "expiresAt"`,
    [c.id, c.userId, c.codeHash, c.createdBy, c.days],
  );
  return rows[0]?.expiresAt as Date;
}

export async function hasParticipantMembership(db: Db, userId: string, companyId: string): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM memberships WHERE user_id = $1 AND role = 'participant' AND company_id = $2`,
    [userId, companyId],
  );
  return rows.length > 0;
}

/** Whether any attended minutes are recorded for the enrolment. */
export async function hasAttendance(db: Db, enrolmentId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM attendance WHERE enrolment_id = $1 AND minutes > 0 LIMIT 1', [
    enrolmentId,
  ]);
  return rows.length > 0;
}
