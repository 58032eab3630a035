// All SQL of learners' enrolments on digital courses: enrolments (scoped to the learner in the query),
// lessons done, quiz attempts, time on task per day and ratings.
import type { Db } from '../../platform/db.ts';

export interface PublishedCourseRow {
  courseId: string;
  versionId: string;
  title: string;
  summary: string;
  hours: number;
  providerName: string;
  regionId: string;
  trainingCourseId: string | null;
  lessons: number;
}

/** Published, not archived courses of the given regions. */
export async function publishedCourses(
  db: Db,
  regionIds: string[],
  courseId?: string,
): Promise<PublishedCourseRow[]> {
  if (regionIds.length === 0) return [];
  const rows = await db.query<PublishedCourseRow & { hours: number | string }>(
    `SELECT c.id AS "courseId", v.id AS "versionId", v.title, v.summary, v.hours, o.name AS "providerName",
            c.region_id AS "regionId", c.training_course_id AS "trainingCourseId",
            (SELECT count(*)::int FROM dl_lessons l JOIN dl_modules m ON m.id = l.module_id
              WHERE m.version_id = v.id) AS lessons
       FROM dl_courses c
       JOIN dl_course_versions v ON v.course_id = c.id AND v.status = 'published'
       JOIN organisations o ON o.id = c.provider_org_id
      WHERE c.archived_at IS NULL AND c.region_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR c.id = $2::uuid)
      ORDER BY lower(v.title), c.id`,
    [regionIds, courseId ?? null],
  );
  return rows.map((r) => ({ ...r, hours: Number(r.hours) }));
}

export interface EnrolmentRow {
  id: string;
  courseId: string;
  versionId: string;
  learnerId: string;
  userId: string;
  companyId: string;
  source: 'invitation' | 'self' | 'catalogue';
  status: 'active' | 'completed' | 'withdrawn';
  lastLessonId: string | null;
  startedAt: Date | null;
  lastActiveAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
  title: string;
  done: number;
  total: number;
}

const ENROLMENT_SELECT = `SELECT e.id, e.course_id AS "courseId", e.version_id AS "versionId", e.learner_id AS "learnerId",
    e.user_id AS "userId", e.company_id AS "companyId", e.source, e.status, e.last_lesson_id AS "lastLessonId",
    e.started_at AS "startedAt", e.last_active_at AS "lastActiveAt", e.completed_at AS "completedAt",
    e.created_at AS "createdAt", v.title,
    (SELECT count(*)::int FROM dl_lesson_progress p JOIN dl_lessons l ON l.id = p.lesson_id
       JOIN dl_modules m ON m.id = l.module_id WHERE p.enrolment_id = e.id AND m.version_id = e.version_id) AS done,
    (SELECT count(*)::int FROM dl_lessons l JOIN dl_modules m ON m.id = l.module_id
      WHERE m.version_id = e.version_id) AS total
  FROM dl_enrolments e JOIN dl_course_versions v ON v.id = e.version_id`;

/** The learner's own live enrolments (not withdrawn), newest first. */
export function enrolmentsOfUser(db: Db, userId: string): Promise<EnrolmentRow[]> {
  return db.query<EnrolmentRow>(
    `${ENROLMENT_SELECT} WHERE e.user_id = $1 AND e.status <> 'withdrawn'
      ORDER BY (e.status = 'completed'), COALESCE(e.last_active_at, e.created_at) DESC, e.id`,
    [userId],
  );
}

/** An enrolment of this login only (scope in the query): null for anyone else's or an unknown id. */
export async function findOwnEnrolment(
  db: Db,
  id: string,
  userId: string,
  lock = false,
): Promise<EnrolmentRow | null> {
  if (lock)
    await db.query('SELECT id FROM dl_enrolments WHERE id = $1 AND user_id = $2 FOR UPDATE', [id, userId]);
  const rows = await db.query<EnrolmentRow>(
    `${ENROLMENT_SELECT} WHERE e.id = $1 AND e.user_id = $2 AND e.status <> 'withdrawn'`,
    [id, userId],
  );
  return rows[0] ?? null;
}

/** The live enrolment of a learner on a course, if any. */
export async function liveEnrolmentId(db: Db, courseId: string, learnerId: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM dl_enrolments WHERE course_id = $1 AND learner_id = $2 AND status <> 'withdrawn'`,
    [courseId, learnerId],
  );
  return rows[0]?.id ?? null;
}

export async function insertEnrolment(
  db: Db,
  e: {
    id: string;
    courseId: string;
    versionId: string;
    learnerId: string;
    userId: string;
    companyId: string;
    source: EnrolmentRow['source'];
    invitedBy: string | null;
  },
): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO dl_enrolments (id, course_id, version_id, learner_id, user_id, company_id, source, invited_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (course_id, learner_id) WHERE status <> 'withdrawn' DO NOTHING RETURNING id`,
    [e.id, e.courseId, e.versionId, e.learnerId, e.userId, e.companyId, e.source, e.invitedBy],
  );
  return rows.length > 0;
}

export async function doneLessonIds(db: Db, enrolmentId: string): Promise<Set<string>> {
  const rows = await db.query<{ lessonId: string }>(
    'SELECT lesson_id AS "lessonId" FROM dl_lesson_progress WHERE enrolment_id = $1',
    [enrolmentId],
  );
  return new Set(rows.map((r) => r.lessonId));
}

/** Mark a lesson done; false when it already was. */
export async function markDone(db: Db, enrolmentId: string, lessonId: string, at?: Date): Promise<boolean> {
  const rows = await db.query<{ lessonId: string }>(
    `INSERT INTO dl_lesson_progress (enrolment_id, lesson_id, completed_at) VALUES ($1, $2, COALESCE($3, now()))
     ON CONFLICT DO NOTHING RETURNING lesson_id AS "lessonId"`,
    [enrolmentId, lessonId, at ?? null],
  );
  return rows.length > 0;
}

/** Record activity: where to resume, the new activity mark, the first start. */
export async function touchEnrolment(
  db: Db,
  id: string,
  t: { lastLessonId?: string | null; activeAt: Date | null; start: boolean },
): Promise<void> {
  await db.query(
    `UPDATE dl_enrolments SET last_active_at = COALESCE($2, last_active_at),
            last_lesson_id = CASE WHEN $3::boolean THEN $4::uuid ELSE last_lesson_id END,
            started_at = CASE WHEN $5::boolean THEN COALESCE(started_at, $2, now()) ELSE started_at END,
            updated_at = now()
      WHERE id = $1`,
    [id, t.activeAt, t.lastLessonId !== undefined, t.lastLessonId ?? null, t.start],
  );
}

/** Add minutes to a day's time on task (at most a whole day). */
export async function addMinutes(db: Db, enrolmentId: string, day: string, minutes: number): Promise<void> {
  if (minutes <= 0) return;
  await db.query(
    `INSERT INTO dl_time (enrolment_id, day, minutes) VALUES ($1, $2, LEAST($3::int, 1440))
     ON CONFLICT (enrolment_id, day) DO UPDATE SET minutes = LEAST(dl_time.minutes + EXCLUDED.minutes, 1440)`,
    [enrolmentId, day, minutes],
  );
}

export async function minutesOf(db: Db, enrolmentId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'SELECT COALESCE(sum(minutes), 0)::int AS n FROM dl_time WHERE enrolment_id = $1',
    [enrolmentId],
  );
  return rows[0]?.n ?? 0;
}

export async function completeEnrolment(db: Db, id: string, at: Date): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `UPDATE dl_enrolments SET status = 'completed', completed_at = $2, updated_at = now()
      WHERE id = $1 AND status = 'active' RETURNING id`,
    [id, at],
  );
  return rows.length > 0;
}

export interface AttemptRow {
  id: string;
  lessonId: string;
  answers: Record<string, string[]>;
  score: number;
  maxScore: number;
  passed: boolean;
  createdAt: Date;
}

export async function insertAttempt(
  db: Db,
  a: Omit<AttemptRow, 'createdAt'> & { enrolmentId: string; createdAt?: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO dl_quiz_attempts (id, enrolment_id, lesson_id, answers, score, max_score, passed, created_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, COALESCE($8, now()))`,
    [
      a.id,
      a.enrolmentId,
      a.lessonId,
      JSON.stringify(a.answers),
      a.score,
      a.maxScore,
      a.passed,
      a.createdAt ?? null,
    ],
  );
}

export async function findAttempt(db: Db, id: string, enrolmentId: string): Promise<AttemptRow | null> {
  const rows = await db.query<AttemptRow>(
    `SELECT id, lesson_id AS "lessonId", answers, score, max_score AS "maxScore", passed, created_at AS "createdAt"
       FROM dl_quiz_attempts WHERE id = $1 AND enrolment_id = $2`,
    [id, enrolmentId],
  );
  return rows[0] ?? null;
}

export async function attemptCount(db: Db, enrolmentId: string, lessonId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM dl_quiz_attempts WHERE enrolment_id = $1 AND lesson_id = $2',
    [enrolmentId, lessonId],
  );
  return rows[0]?.n ?? 0;
}

export interface RatingRow {
  usefulness: number;
  recommend: number;
  comment: string;
}

export async function findRating(db: Db, enrolmentId: string): Promise<RatingRow | null> {
  const rows = await db.query<RatingRow>(
    'SELECT usefulness, recommend, comment FROM dl_ratings WHERE enrolment_id = $1',
    [enrolmentId],
  );
  return rows[0] ?? null;
}

/** One rating per enrolment: false when it was already given. */
export async function insertRating(db: Db, enrolmentId: string, r: RatingRow, at?: Date): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO dl_ratings (enrolment_id, usefulness, recommend, comment, created_at)
     VALUES ($1, $2, $3, $4, COALESCE($5, now())) ON CONFLICT DO NOTHING RETURNING enrolment_id AS id`,
    [enrolmentId, r.usefulness, r.recommend, r.comment, at ?? null],
  );
  return rows.length > 0;
}
