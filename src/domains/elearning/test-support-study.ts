// Test fixtures of digital learning for the study page and the ESF time feed (tests only): a provider, a
// published course version of modules and lessons, companies with a workplace, learners, enrolments and
// their progress, quiz attempts, time on task and ratings — written with plain SQL.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db.ts';

let serial = 0;
const next = () => {
  serial += 1;
  return serial;
};

export async function makeProvider(db: Db, regionId: string, name: string): Promise<string> {
  const id = randomUUID();
  await db.query(`INSERT INTO organisations (id, kind, name, region_id) VALUES ($1, 'provider', $2, $3)`, [
    id,
    name,
    regionId,
  ]);
  return id;
}

/** A company of the region with one workplace in the given municipality. */
export async function makeStudyCompany(db: Db, regionId: string, municipalityCode: string): Promise<string> {
  const id = randomUUID();
  const n = next();
  await db.query(
    `INSERT INTO companies (id, org_number, name, region_id, owner_org_id, size_class, is_sme, sme_reason, status,
                            found_via)
     VALUES ($1, $2, $3, $4, $4, '10-49', true, 'test', 'active', 'region')`,
    [id, `55${String(7_700_000 + n).padStart(8, '0')}`, `Studiebolaget ${n} AB`, regionId],
  );
  await db.query(
    `INSERT INTO company_workplaces (id, company_id, municipality_code, position) VALUES ($1, $2, $3, 0)`,
    [randomUUID(), id, municipalityCode],
  );
  return id;
}

export async function makeLearner(
  db: Db,
  companyId: string,
  gender: 'woman' | 'man' | 'other' | null,
  name = `Lärande ${next()}`,
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO learners (id, company_id, first_name, last_name, gender) VALUES ($1, $2, 'Test', $3, $4)`,
    [id, companyId, name, gender],
  );
  return id;
}

export interface DigitalCourse {
  courseId: string;
  versionId: string;
  /** Lesson ids per module, in order. */
  modules: { id: string; lessons: string[] }[];
}

/** A course with a published version 1; `lessons[i]` lessons in module i+1; `quiz` lessons are quizzes. */
export async function makeDigitalCourse(
  db: Db,
  opts: { regionId: string; providerId: string; title: string; lessons: number[]; quiz?: [number, number][] },
): Promise<DigitalCourse> {
  const courseId = randomUUID();
  const versionId = randomUUID();
  await db.query(`INSERT INTO dl_courses (id, region_id, provider_org_id) VALUES ($1, $2, $3)`, [
    courseId,
    opts.regionId,
    opts.providerId,
  ]);
  await db.query(
    `INSERT INTO dl_course_versions (id, course_id, version, status, title, hours, published_at)
     VALUES ($1, $2, 1, 'published', $3, 2, now())`,
    [versionId, courseId, opts.title],
  );
  const modules: DigitalCourse['modules'] = [];
  for (const [mi, count] of opts.lessons.entries()) {
    const moduleId = randomUUID();
    await db.query(`INSERT INTO dl_modules (id, version_id, position, title) VALUES ($1, $2, $3, $4)`, [
      moduleId,
      versionId,
      mi + 1,
      `Modul ${mi + 1}`,
    ]);
    const lessons: string[] = [];
    for (let li = 0; li < count; li += 1) {
      const id = randomUUID();
      const quiz = (opts.quiz ?? []).some(([m, l]) => m === mi && l === li);
      await db.query(
        `INSERT INTO dl_lessons (id, module_id, key, position, kind, title, pass_mark)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, moduleId, randomUUID(), li + 1, quiz ? 'quiz' : 'text', `Lektion ${li + 1}`, quiz ? 80 : null],
      );
      lessons.push(id);
    }
    modules.push({ id: moduleId, lessons });
  }
  return { courseId, versionId, modules };
}

/** An enrolment created (and started) at noon Stockholm time of `on`; completed `completedAfterDays` later. */
export async function enrol(
  db: Db,
  opts: {
    course: DigitalCourse;
    learnerId: string;
    companyId: string;
    userId: string;
    on: string;
    completedAfterDays?: number;
    lastLessonId?: string;
  },
): Promise<string> {
  const id = randomUUID();
  const done = opts.completedAfterDays !== undefined;
  await db.query(
    `INSERT INTO dl_enrolments (id, course_id, version_id, learner_id, user_id, company_id, source, status,
                                last_lesson_id, started_at, created_at, completed_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'self', $7, $8, ($9::date + time '12:00') AT TIME ZONE 'Europe/Stockholm',
             ($9::date + time '12:00') AT TIME ZONE 'Europe/Stockholm',
             CASE WHEN $10::int IS NULL THEN NULL
                  ELSE ($9::date + $10::int + time '12:00') AT TIME ZONE 'Europe/Stockholm' END)`,
    [
      id,
      opts.course.courseId,
      opts.course.versionId,
      opts.learnerId,
      opts.userId,
      opts.companyId,
      done ? 'completed' : 'active',
      opts.lastLessonId ?? null,
      opts.on,
      done ? (opts.completedAfterDays as number) : null,
    ],
  );
  return id;
}

const noon = (day: string) => `${day}T10:00:00Z`;

export async function addProgress(
  db: Db,
  enrolmentId: string,
  lessonIds: string[],
  day: string,
): Promise<void> {
  for (const lessonId of lessonIds)
    await db.query(
      `INSERT INTO dl_lesson_progress (enrolment_id, lesson_id, completed_at) VALUES ($1, $2, $3)`,
      [enrolmentId, lessonId, noon(day)],
    );
}

/** Quiz attempts in order (a minute apart): true = passed. */
export async function addAttempts(
  db: Db,
  enrolmentId: string,
  lessonId: string,
  results: boolean[],
  day: string,
): Promise<void> {
  for (const [i, passed] of results.entries())
    await db.query(
      `INSERT INTO dl_quiz_attempts (id, enrolment_id, lesson_id, answers, score, max_score, passed, created_at)
       VALUES ($1, $2, $3, '{}'::jsonb, $4, 5, $5, $6::timestamptz + make_interval(mins => $7::int))`,
      [randomUUID(), enrolmentId, lessonId, passed ? 5 : 1, passed, noon(day), i],
    );
}

export async function addTime(db: Db, enrolmentId: string, day: string, minutes: number): Promise<void> {
  await db.query(`INSERT INTO dl_time (enrolment_id, day, minutes) VALUES ($1, $2, $3)`, [
    enrolmentId,
    day,
    minutes,
  ]);
}

export async function addRating(
  db: Db,
  enrolmentId: string,
  usefulness: number,
  recommend: number,
): Promise<void> {
  await db.query(`INSERT INTO dl_ratings (enrolment_id, usefulness, recommend) VALUES ($1, $2, $3)`, [
    enrolmentId,
    usefulness,
    recommend,
  ]);
}
