// SQL of course occasions and their sessions.
import type { Db } from '../../platform/db.ts';
import { catalogueChanged } from './repo-search.ts';
import type { SessionActivity } from './repo-types.ts';

export interface OccasionRow {
  id: string;
  courseId: string;
  startsOn: string;
  endsOn: string;
  seats: number;
  enrolmentDeadline: string;
  municipalityCode: string | null;
  municipalityName: string | null;
  location: string | null;
  onlineLink: string | null;
  status: 'open' | 'cancelled';
  enrolled: number;
  updatedAt: Date;
}

export interface OccasionValues {
  startsOn: string;
  endsOn: string;
  seats: number;
  enrolmentDeadline: string;
  municipalityCode: string | null;
  location: string | null;
  onlineLink: string | null;
}

const OCCASION_COLUMNS = `co.id, co.course_id AS "courseId", co.starts_on::text AS "startsOn", co.ends_on::text AS "endsOn",
  co.seats, co.enrolment_deadline::text AS "enrolmentDeadline", co.municipality_code AS "municipalityCode",
  m.name AS "municipalityName", co.location, co.online_link AS "onlineLink", co.status,
  (SELECT count(*)::int FROM enrolments e WHERE e.occasion_id = co.id AND e.status = 'enrolled') AS enrolled,
  co.updated_at AS "updatedAt"`;

export async function listOccasions(
  db: Db,
  courseIds: string[],
  upcomingOnly = false,
): Promise<OccasionRow[]> {
  if (courseIds.length === 0) return [];
  return db.query<OccasionRow>(
    `SELECT ${OCCASION_COLUMNS} FROM course_occasions co LEFT JOIN ref_municipalities m ON m.code = co.municipality_code
      WHERE co.course_id = ANY($1::uuid[])
        AND (NOT $2::boolean OR (co.status = 'open' AND co.ends_on >= (now() AT TIME ZONE 'Europe/Stockholm')::date))
      ORDER BY co.starts_on, co.id`,
    [courseIds, upcomingOnly],
  );
}

export async function findOccasionRow(db: Db, id: string, lock = false): Promise<OccasionRow | null> {
  const rows = await db.query<OccasionRow>(
    `SELECT ${OCCASION_COLUMNS} FROM course_occasions co LEFT JOIN ref_municipalities m ON m.code = co.municipality_code
      WHERE co.id = $1${lock ? ' FOR UPDATE OF co' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function insertOccasion(db: Db, id: string, courseId: string, v: OccasionValues): Promise<void> {
  catalogueChanged();
  await db.query(
    `INSERT INTO course_occasions (id, course_id, starts_on, ends_on, seats, enrolment_deadline, municipality_code,
       location, online_link)
     VALUES ($1, $2, $3::date, $4::date, $5, $6::date, $7, $8, $9)`,
    [
      id,
      courseId,
      v.startsOn,
      v.endsOn,
      v.seats,
      v.enrolmentDeadline,
      v.municipalityCode,
      v.location,
      v.onlineLink,
    ],
  );
}

export async function updateOccasion(db: Db, id: string, v: OccasionValues): Promise<void> {
  catalogueChanged();
  await db.query(
    `UPDATE course_occasions SET starts_on = $2::date, ends_on = $3::date, seats = $4,
       enrolment_deadline = $5::date, municipality_code = $6, location = $7, online_link = $8,
       updated_at = now(), version = version + 1
     WHERE id = $1`,
    [id, v.startsOn, v.endsOn, v.seats, v.enrolmentDeadline, v.municipalityCode, v.location, v.onlineLink],
  );
}

export async function cancelOccasion(db: Db, id: string): Promise<void> {
  catalogueChanged();
  await db.query(
    `UPDATE course_occasions SET status = 'cancelled', updated_at = now(), version = version + 1 WHERE id = $1`,
    [id],
  );
}

// ------------------------------------------------------------------------------------------- sessions

export interface SessionRow {
  id: string;
  occasionId: string;
  date: string;
  start: string;
  end: string;
  startsAt: Date;
  endsAt: Date;
  activity: SessionActivity;
  location: string | null;
}

export interface SessionValues {
  date: string;
  start: string;
  end: string;
  activity: SessionActivity;
  location: string | null;
}

export async function listSessions(db: Db, occasionIds: string[]): Promise<SessionRow[]> {
  if (occasionIds.length === 0) return [];
  return db.query<SessionRow>(
    `SELECT s.id, s.occasion_id AS "occasionId",
            to_char(s.starts_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD') AS date,
            to_char(s.starts_at AT TIME ZONE 'Europe/Stockholm', 'HH24:MI') AS start,
            to_char(s.ends_at AT TIME ZONE 'Europe/Stockholm', 'HH24:MI') AS "end",
            s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.activity, s.location
       FROM course_sessions s WHERE s.occasion_id = ANY($1::uuid[]) ORDER BY s.starts_at, s.id`,
    [occasionIds],
  );
}

export async function insertSession(db: Db, id: string, occasionId: string, v: SessionValues): Promise<void> {
  await db.query(
    `INSERT INTO course_sessions (id, occasion_id, starts_at, ends_at, activity, location)
     VALUES ($1, $2, ($3::date + $4::time) AT TIME ZONE 'Europe/Stockholm',
             ($3::date + $5::time) AT TIME ZONE 'Europe/Stockholm', $6, $7)`,
    [id, occasionId, v.date, v.start, v.end, v.activity, v.location],
  );
}

export async function findSession(db: Db, id: string): Promise<{ id: string; occasionId: string } | null> {
  const rows = await db.query<{ id: string; occasionId: string }>(
    'SELECT id, occasion_id AS "occasionId" FROM course_sessions WHERE id = $1',
    [id],
  );
  return rows[0] ?? null;
}

/** Deletes a session; false when it has attendance (kept) or does not exist. */
export async function deleteSession(db: Db, id: string): Promise<boolean> {
  const rows = await db.query(
    `DELETE FROM course_sessions s WHERE s.id = $1
        AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id) RETURNING s.id`,
    [id],
  );
  return rows.length > 0;
}

// ------------------------------------------------------------------------------------- public search

export * from './repo-search.ts';
