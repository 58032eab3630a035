// All SQL of training attendance, completion, invoice basis and evaluations (tables attendance,
// course_evaluations; reads courses, course_occasions, course_sessions, learners, enrolments).
import type { Db } from '../../platform/db.ts';

/** The course an occasion belongs to, with what access and the rules need. */
export interface OccasionContext {
  occasionId: string;
  courseId: string;
  courseTitle: string;
  regionId: string;
  providerOrgId: string;
  providerName: string;
  startsOn: string;
  endsOn: string;
  completionPct: number;
  priceSek: number;
  financing: 'procured' | 'company' | 'public';
  contractReference: string | null;
}

const OCCASION_COLS = `o.id AS "occasionId", c.id AS "courseId", c.title AS "courseTitle", c.region_id AS "regionId",
  c.provider_org_id AS "providerOrgId", p.name AS "providerName", o.starts_on AS "startsOn", o.ends_on AS "endsOn",
  c.completion_attendance_pct AS "completionPct", c.price_sek AS "priceSek", c.financing,
  c.contract_reference AS "contractReference"`;

export async function findOccasion(db: Db, occasionId: string): Promise<OccasionContext | null> {
  const rows = await db.query<OccasionContext>(
    `SELECT ${OCCASION_COLS}
       FROM course_occasions o JOIN courses c ON c.id = o.course_id JOIN organisations p ON p.id = c.provider_org_id
      WHERE o.id = $1`,
    [occasionId],
  );
  return rows[0] ?? null;
}

export interface SessionRow {
  id: string;
  occasionId: string;
  startsAt: Date;
  endsAt: Date;
  activity: 'teaching' | 'practice' | 'digital' | 'exam';
  /** The session's scheduled length in minutes. */
  length: number;
}

const SESSION_COLS = `s.id, s.occasion_id AS "occasionId", s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.activity,
  (extract(epoch FROM (s.ends_at - s.starts_at)) / 60)::int AS length`;

export async function findSession(db: Db, sessionId: string): Promise<SessionRow | null> {
  const rows = await db.query<SessionRow>(`SELECT ${SESSION_COLS} FROM course_sessions s WHERE s.id = $1`, [
    sessionId,
  ]);
  return rows[0] ?? null;
}

export async function listSessions(db: Db, occasionId: string): Promise<SessionRow[]> {
  return db.query<SessionRow>(
    `SELECT ${SESSION_COLS} FROM course_sessions s WHERE s.occasion_id = $1 ORDER BY s.starts_at, s.id`,
    [occasionId],
  );
}

export interface EnrolledRow {
  enrolmentId: string;
  learnerId: string;
  firstName: string;
  lastName: string;
  companyId: string;
  companyName: string;
  paidBy: 'programme' | 'company' | 'free';
  completion: 'pending' | 'completed' | 'not_completed';
  completedAt: Date | null;
}

/** The enrolled (not waitlisted or cancelled) learners of an occasion, by name. */
export async function listEnrolled(db: Db, occasionId: string): Promise<EnrolledRow[]> {
  return db.query<EnrolledRow>(
    `SELECT e.id AS "enrolmentId", l.id AS "learnerId", l.first_name AS "firstName", l.last_name AS "lastName",
            e.company_id AS "companyId", co.name AS "companyName", e.paid_by AS "paidBy", e.completion,
            e.completed_at AS "completedAt"
       FROM enrolments e JOIN learners l ON l.id = e.learner_id JOIN companies co ON co.id = e.company_id
      WHERE e.occasion_id = $1 AND e.status = 'enrolled'
      ORDER BY l.last_name, l.first_name, e.id`,
    [occasionId],
  );
}

export interface AttendanceRow {
  sessionId: string;
  enrolmentId: string;
  minutes: number;
  corrected: boolean;
}

export async function listAttendance(db: Db, occasionId: string): Promise<AttendanceRow[]> {
  return db.query<AttendanceRow>(
    `SELECT a.session_id AS "sessionId", a.enrolment_id AS "enrolmentId", a.minutes, a.corrected
       FROM attendance a JOIN course_sessions s ON s.id = a.session_id
      WHERE s.occasion_id = $1`,
    [occasionId],
  );
}

/** A session's attendance rows, locked when `lock` (inside a transaction). */
export async function sessionAttendance(db: Db, sessionId: string, lock = false): Promise<AttendanceRow[]> {
  return db.query<AttendanceRow>(
    `SELECT session_id AS "sessionId", enrolment_id AS "enrolmentId", minutes, corrected
       FROM attendance WHERE session_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [sessionId],
  );
}

export async function insertAttendance(
  db: Db,
  sessionId: string,
  enrolmentId: string,
  minutes: number,
  userId: string,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO attendance (session_id, enrolment_id, minutes, recorded_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (session_id, enrolment_id) DO NOTHING RETURNING session_id`,
    [sessionId, enrolmentId, minutes, userId],
  );
  return rows.length > 0;
}

export async function correctAttendance(
  db: Db,
  sessionId: string,
  enrolmentId: string,
  minutes: number,
  userId: string,
): Promise<void> {
  await db.query(
    `UPDATE attendance SET minutes = $3, recorded_by = $4, recorded_at = now(), corrected = true
      WHERE session_id = $1 AND enrolment_id = $2`,
    [sessionId, enrolmentId, minutes, userId],
  );
}

/** The companies among `companyIds` that the user coaches. */
export async function coachedCompanies(db: Db, userId: string, companyIds: string[]): Promise<string[]> {
  if (companyIds.length === 0) return [];
  const rows = await db.query<{ companyId: string }>(
    `SELECT company_id AS "companyId" FROM company_coaches WHERE user_id = $1 AND company_id = ANY($2::uuid[])`,
    [userId, companyIds],
  );
  return rows.map((r) => r.companyId);
}

export async function setCompletion(
  db: Db,
  enrolmentId: string,
  completion: 'completed' | 'not_completed',
): Promise<void> {
  await db.query(
    `UPDATE enrolments SET completion = $2, completed_at = now(), updated_at = now() WHERE id = $1`,
    [enrolmentId, completion],
  );
}

/** Minutes per enrolment, local date (Europe/Stockholm) and activity, for whole-hour rounding. */
export interface DayMinutesRow {
  enrolmentId: string;
  learnerId: string;
  firstName: string;
  lastName: string;
  companyName: string;
  day: string;
  activity: string;
  minutes: number;
}

export async function occasionDayMinutes(db: Db, occasionId: string): Promise<DayMinutesRow[]> {
  return db.query<DayMinutesRow>(
    `SELECT e.id AS "enrolmentId", l.id AS "learnerId", l.first_name AS "firstName", l.last_name AS "lastName",
            co.name AS "companyName", to_char((s.starts_at AT TIME ZONE 'Europe/Stockholm')::date, 'YYYY-MM-DD') AS day,
            s.activity, sum(a.minutes)::int AS minutes
       FROM attendance a JOIN course_sessions s ON s.id = a.session_id JOIN enrolments e ON e.id = a.enrolment_id
       JOIN learners l ON l.id = e.learner_id JOIN companies co ON co.id = e.company_id
      WHERE s.occasion_id = $1
      GROUP BY e.id, l.id, co.name, day, s.activity
      ORDER BY l.last_name, l.first_name, e.id, day, s.activity`,
    [occasionId],
  );
}

/** Minutes per learner, company, local date and activity of a region's courses in a date range. */
export interface RegionDayMinutesRow {
  learnerId: string;
  firstName: string;
  lastName: string;
  companyId: string;
  companyName: string;
  orgNumber: string;
  day: string;
  activity: string;
  minutes: number;
}

export async function regionDayMinutes(
  db: Db,
  regionId: string,
  from: string,
  to: string,
): Promise<RegionDayMinutesRow[]> {
  return db.query<RegionDayMinutesRow>(
    `SELECT l.id AS "learnerId", l.first_name AS "firstName", l.last_name AS "lastName", e.company_id AS "companyId",
            co.name AS "companyName", co.org_number AS "orgNumber", to_char(d.day, 'YYYY-MM-DD') AS day,
            s.activity, sum(a.minutes)::int AS minutes
       FROM attendance a JOIN course_sessions s ON s.id = a.session_id
       JOIN course_occasions o ON o.id = s.occasion_id JOIN courses c ON c.id = o.course_id
       JOIN enrolments e ON e.id = a.enrolment_id JOIN learners l ON l.id = e.learner_id
       JOIN companies co ON co.id = e.company_id
       CROSS JOIN LATERAL (SELECT (s.starts_at AT TIME ZONE 'Europe/Stockholm')::date AS day) d
      WHERE c.region_id = $1 AND d.day BETWEEN $2::date AND $3::date AND a.minutes > 0
      GROUP BY l.id, e.company_id, co.name, co.org_number, d.day, s.activity
      ORDER BY co.name, e.company_id, l.last_name, l.first_name, l.id, d.day, s.activity`,
    [regionId, from, to],
  );
}

// --- evaluations -----------------------------------------------------------------------------------------

export interface EvaluationTarget {
  enrolmentId: string;
  status: string;
  learnerUserId: string | null;
  occasionId: string;
  courseId: string;
  courseTitle: string;
  completion: 'pending' | 'completed' | 'not_completed';
  /** The end of the occasion's last session; null when it has none. */
  lastEndsAt: Date | null;
  answered: boolean;
}

export async function findEvaluationTarget(db: Db, enrolmentId: string): Promise<EvaluationTarget | null> {
  const rows = await db.query<EvaluationTarget>(
    `SELECT e.id AS "enrolmentId", e.status, l.user_id AS "learnerUserId", e.occasion_id AS "occasionId",
            c.id AS "courseId", c.title AS "courseTitle", e.completion,
            (SELECT max(s.ends_at) FROM course_sessions s WHERE s.occasion_id = e.occasion_id) AS "lastEndsAt",
            EXISTS (SELECT 1 FROM course_evaluations v WHERE v.enrolment_id = e.id) AS answered
       FROM enrolments e JOIN learners l ON l.id = e.learner_id
       JOIN course_occasions o ON o.id = e.occasion_id JOIN courses c ON c.id = o.course_id
      WHERE e.id = $1`,
    [enrolmentId],
  );
  return rows[0] ?? null;
}

export interface EvaluationInput {
  overall: number;
  relevance: number;
  teaching: number;
  wouldRecommend: boolean | null;
  comment: string;
}

/** Stores an answer; false when the enrolment has answered already. */
export async function insertEvaluation(db: Db, enrolmentId: string, e: EvaluationInput): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO course_evaluations (enrolment_id, overall, relevance, teaching, would_recommend, comment)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (enrolment_id) DO NOTHING RETURNING enrolment_id`,
    [enrolmentId, e.overall, e.relevance, e.teaching, e.wouldRecommend, e.comment],
  );
  return rows.length > 0;
}

export interface CourseRow {
  courseId: string;
  title: string;
  regionId: string;
  providerOrgId: string;
}

export async function findCourse(db: Db, courseId: string): Promise<CourseRow | null> {
  const rows = await db.query<CourseRow>(
    `SELECT id AS "courseId", title, region_id AS "regionId", provider_org_id AS "providerOrgId"
       FROM courses WHERE id = $1`,
    [courseId],
  );
  return rows[0] ?? null;
}

export interface EvaluationAggregate {
  count: number;
  overall: number | null;
  relevance: number | null;
  teaching: number | null;
  recommendYes: number;
  recommendNo: number;
}

export async function evaluationAggregate(db: Db, courseId: string): Promise<EvaluationAggregate> {
  const rows = await db.query<EvaluationAggregate>(
    `SELECT count(*)::int AS count, avg(v.overall)::float8 AS overall, avg(v.relevance)::float8 AS relevance,
            avg(v.teaching)::float8 AS teaching,
            count(*) FILTER (WHERE v.would_recommend)::int AS "recommendYes",
            count(*) FILTER (WHERE v.would_recommend = false)::int AS "recommendNo"
       FROM course_evaluations v JOIN enrolments e ON e.id = v.enrolment_id
       JOIN course_occasions o ON o.id = e.occasion_id
      WHERE o.course_id = $1`,
    [courseId],
  );
  return rows[0] as EvaluationAggregate;
}

/** The non-empty comments of a course's evaluations, in text order (not in answer order, for anonymity). */
export async function evaluationComments(db: Db, courseId: string): Promise<string[]> {
  const rows = await db.query<{ comment: string }>(
    `SELECT v.comment FROM course_evaluations v JOIN enrolments e ON e.id = v.enrolment_id
       JOIN course_occasions o ON o.id = e.occasion_id
      WHERE o.course_id = $1 AND v.comment <> '' ORDER BY v.comment`,
    [courseId],
  );
  return rows.map((r) => r.comment);
}
