// Synthetic e-learning for load tests: a few of the region's synthetic digital courses (default 5) get a
// published e-learning version (3 modules × 4 text lessons), and a share (default 60 %) of the synthetic
// learners with a participant login study one of them: invited, self-enrolled or from the catalogue; a
// quarter completed (every lesson), 5 % withdrawn, the rest active part-way, with lesson progress and time
// per day. Generated inside the database (INSERT … SELECT, values from md5 of (seed, learner, row)), batch by
// batch; a second run adds nothing. Dates are relative to the day of the run.

import { ensureRegion } from '../domains/organisations/index.ts';
import { audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { sqlUuidFrom } from '../platform/derived-uuid.ts';
import { DEFAULT_SEED } from './synthetic.ts';
import { bind } from './synthetic-participants.ts';
import { batchSetup, bits, isSuperuser, syntheticCoursesOf, weightedSql } from './synthetic-sql.ts';

export interface SeedElearningOptions {
  seed?: number;
  county?: string;
  /** Synthetic digital courses given an e-learning version (default 5). */
  courses?: number;
  /** Share of the synthetic learners with a login who study (default 0.6). */
  share?: number;
  /** Learners per transaction (default 5 000). */
  batchSize?: number;
  skipForeignKeyTriggers?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedElearningResult {
  courses: number;
  enrolments: number;
  lessonsDone: number;
  ms: number;
}

const MODULES = 3;
const LESSONS = 4;
const dlCourseId = (course: string) => sqlUuidFrom(`'kn-synthetic-dl-course:' || ${course}::text`);
const dlVersionId = (course: string) => sqlUuidFrom(`'kn-synthetic-dl-version:' || ${course}::text`);
const dlModuleId = (version: string, m: string) =>
  sqlUuidFrom(`'kn-synthetic-dl-module:' || ${version}::text || ':' || ${m}`);

/** The e-learning course `d` is a synthetic one (its id derived from its training course's). */
const SYNTHETIC_DL = `d.id = ${dlCourseId('d.training_course_id')}`;

/** $1 region, $2 number of courses. The first synthetic digital courses (by id) without e-learning get one. */
const COURSES = [
  `WITH t AS (SELECT c.* FROM (${syntheticCoursesOf('$1::uuid')}) s JOIN courses c ON c.id = s.id
               WHERE c.format = 'digital' ORDER BY c.id LIMIT $2)
   INSERT INTO dl_courses (id, region_id, provider_org_id, training_course_id, issues_credential, created_at)
   SELECT ${dlCourseId('t.id')}, t.region_id, t.provider_org_id, t.id, true, now() - interval '300 days' FROM t
   ON CONFLICT DO NOTHING`,
  `INSERT INTO dl_course_versions (id, course_id, version, status, title, summary, language, hours, published_at,
     created_at)
   SELECT ${dlVersionId('d.training_course_id')}, d.id, 1, 'published', left(c.title, 300),
          'Syntetisk e-kurs för belastningstester.', 'sv', least(c.hours, 500), d.created_at, d.created_at
     FROM dl_courses d JOIN courses c ON c.id = d.training_course_id WHERE d.region_id = $1::uuid AND ${SYNTHETIC_DL}
   ON CONFLICT DO NOTHING`,
  `INSERT INTO dl_version_competences (version_id, competence_id)
   SELECT ${dlVersionId('cc.course_id')}, cc.competence_id
     FROM dl_courses d JOIN course_competences cc ON cc.course_id = d.training_course_id WHERE d.region_id = $1::uuid AND ${SYNTHETIC_DL}
   ON CONFLICT DO NOTHING`,
  `INSERT INTO dl_modules (id, version_id, position, title)
   SELECT ${dlModuleId('v.id', 'm')}, v.id, m, 'Modul ' || m
     FROM dl_courses d JOIN dl_course_versions v ON v.course_id = d.id, generate_series(1, ${MODULES}) AS m
    WHERE d.region_id = $1::uuid AND ${SYNTHETIC_DL}
   ON CONFLICT (id) DO NOTHING`,
  `INSERT INTO dl_lessons (id, module_id, key, position, kind, title, body, estimated_minutes)
   SELECT ${sqlUuidFrom(`'kn-synthetic-dl-lesson:' || mo.id::text || ':' || l`)}, mo.id,
          ${sqlUuidFrom(`'kn-synthetic-dl-lesson-key:' || mo.id::text || ':' || l`)}, l, 'text',
          'Lektion ' || mo.position || '.' || l, 'Syntetiskt lektionsinnehåll.', 5 + 5 * (l % 3)
     FROM dl_courses d JOIN dl_course_versions v ON v.course_id = d.id JOIN dl_modules mo ON mo.version_id = v.id,
          generate_series(1, ${LESSONS}) AS l
    WHERE d.region_id = $1::uuid AND ${SYNTHETIC_DL}
   ON CONFLICT (id) DO NOTHING`,
];

/** @ids (learner ids), @seed, @region. */
const BATCH = [
  `WITH dc AS MATERIALIZED (
     SELECT d.id, v.id AS version_id, (row_number() OVER (ORDER BY d.id) - 1)::int AS rk
       FROM dl_courses d JOIN dl_course_versions v ON v.course_id = d.id AND v.status = 'published'
       JOIN courses c ON c.id = d.training_course_id
      WHERE d.region_id = @region::uuid AND c.id IN (${syntheticCoursesOf('@region::uuid')})),
   n AS (SELECT count(*)::int AS n FROM dc),
   e AS MATERIALIZED (
     SELECT x.id AS learner_id, x.user_id, x.company_id, md5(@seed::text || ':dl-enrolment:' || x.id::text) AS h
       FROM unnest(@ids::uuid[]) AS b(id) JOIN learners x ON x.id = b.id)
   INSERT INTO dl_enrolments (id, course_id, version_id, learner_id, user_id, company_id, source, status,
     started_at, last_active_at, completed_at, created_at, updated_at)
   SELECT ${sqlUuidFrom(`'kn-synthetic-dl-enrolment:' || e.learner_id::text`)}, dc.id, dc.version_id, e.learner_id,
          e.user_id, e.company_id,
          ${weightedSql('e.h', 8, [
            ["'invitation'", 60],
            ["'self'", 25],
            ["'catalogue'", 15],
          ])}, s.status,
          t.started, t.started + t.active, CASE WHEN s.status = 'completed' THEN t.started + t.active END,
          t.started - interval '2 days', t.started + t.active
     FROM e CROSS JOIN n JOIN dc ON dc.rk = ${bits('e.h', 1)} % n.n
     CROSS JOIN LATERAL (SELECT ${weightedSql('e.h', 15, [
       ["'completed'", 25],
       ["'withdrawn'", 5],
       ["'active'", 70],
     ])} AS status) s
     CROSS JOIN LATERAL (SELECT date_trunc('minute', now()) - (10 + ${bits('e.h', 22)} % 190) * interval '1 day' AS started,
                                (${bits('e.h', 26)} % 9) * interval '1 day' + interval '35 minutes' AS active) t`,
  // Lesson progress: every lesson when completed, else the first 0–11 in order; the last one as last_lesson.
  `WITH lessons AS MATERIALIZED (
     SELECT mo.version_id, le.id, (row_number() OVER (PARTITION BY mo.version_id ORDER BY mo.position, le.position))::int AS ord
       FROM dl_lessons le JOIN dl_modules mo ON mo.id = le.module_id
      WHERE mo.version_id IN (SELECT v.id FROM dl_courses d JOIN dl_course_versions v ON v.course_id = d.id
                               WHERE d.region_id = @region::uuid AND ${SYNTHETIC_DL})),
   e AS MATERIALIZED (
     SELECT t.id, t.version_id, t.started_at, t.last_active_at,
            CASE WHEN t.status = 'completed' THEN ${MODULES * LESSONS}
                 ELSE ${bits(`md5(@seed::text || ':dl-progress:' || t.id::text)`, 1)} % ${MODULES * LESSONS} END AS done
       FROM unnest(@ids::uuid[]) AS b(id) JOIN dl_enrolments t ON t.learner_id = b.id)
   INSERT INTO dl_lesson_progress (enrolment_id, lesson_id, completed_at)
   SELECT e.id, l.id, e.started_at + (e.last_active_at - e.started_at) * l.ord / e.done
     FROM e JOIN lessons l ON l.version_id = e.version_id AND l.ord <= e.done`,
  `UPDATE dl_enrolments t SET last_lesson_id = p.lesson_id
     FROM (SELECT DISTINCT ON (p.enrolment_id) p.enrolment_id, p.lesson_id
             FROM unnest(@ids::uuid[]) AS b(id) JOIN dl_enrolments t ON t.learner_id = b.id
             JOIN dl_lesson_progress p ON p.enrolment_id = t.id ORDER BY p.enrolment_id, p.completed_at DESC) p
    WHERE t.id = p.enrolment_id`,
  // Time per active day: the lessons' days, 10–60 minutes each.
  `INSERT INTO dl_time (enrolment_id, day, minutes)
   SELECT p.enrolment_id, (p.completed_at AT TIME ZONE 'Europe/Stockholm')::date,
          least(1440, sum(10 + ${bits(`md5(p.enrolment_id::text || p.lesson_id::text)`, 1)} % 20))
     FROM unnest(@ids::uuid[]) AS b(id) JOIN dl_enrolments t ON t.learner_id = b.id
     JOIN dl_lesson_progress p ON p.enrolment_id = t.id GROUP BY 1, 2`,
];

export async function seedSyntheticElearning(
  db: Db,
  opts: SeedElearningOptions = {},
): Promise<SeedElearningResult> {
  const started = performance.now();
  const seed = String(opts.seed ?? DEFAULT_SEED);
  const batchSize = opts.batchSize ?? 5000;
  const regionId = await ensureRegion(db, opts.county ?? '07');
  const [courses, ...rest] = COURSES;
  await db.query(courses, [regionId, opts.courses ?? 5]);
  for (const sql of rest) await db.query(sql, [regionId]);
  const [{ n: dlCourses }] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM dl_courses WHERE region_id = $1 AND id IN (SELECT ' +
      `${dlCourseId('c.id')} FROM courses c WHERE c.region_id = $1)`,
    [regionId],
  );
  const learners =
    dlCourses === 0
      ? []
      : await db.query<{ id: string }>(
          `SELECT x.id FROM learners x JOIN companies c ON c.id = x.company_id
            WHERE c.region_id = $1 AND c.org_number LIKE '502%' AND x.user_id IS NOT NULL
              AND ${bits(`md5($2::text || ':studies:' || x.id::text)`, 1)} % 1000 < ${Math.round((opts.share ?? 0.6) * 1000)}
              AND NOT EXISTS (SELECT 1 FROM dl_enrolments t WHERE t.learner_id = x.id)
            ORDER BY x.id`,
          [regionId, seed],
        );
  const fast = opts.skipForeignKeyTriggers !== false && (await isSuperuser(db));
  let enrolments = 0;
  let lessonsDone = 0;
  for (let from = 0; from < learners.length; from += batchSize) {
    const ids = learners.slice(from, from + batchSize).map((x) => x.id);
    await db.tx(async (tx) => {
      await batchSetup(db, tx, fast);
      for (const sql of BATCH) await tx.query(...bind(sql, { ids, seed, region: regionId }));
      const [n] = await tx.query<{ e: number; p: number }>(
        `SELECT count(DISTINCT t.id)::int AS e, count(p.lesson_id)::int AS p FROM dl_enrolments t
           LEFT JOIN dl_lesson_progress p ON p.enrolment_id = t.id WHERE t.learner_id = ANY($1::uuid[])`,
        [ids],
      );
      enrolments += n.e;
      lessonsDone += n.p;
    });
    opts.onProgress?.(Math.min(from + batchSize, learners.length), learners.length);
  }
  for (const t of [
    'dl_courses',
    'dl_course_versions',
    'dl_lessons',
    'dl_enrolments',
    'dl_lesson_progress',
    'dl_time',
  ])
    await db.exec(`ANALYZE ${t}`);
  if (learners.length > 0)
    await audit(db, {
      actorUserId: null,
      action: 'elearning.synthetic_seed',
      entityType: 'dl_enrolment',
      organisationId: regionId,
      details: { enrolments, seed: Number(seed) },
    });
  return { courses: dlCourses, enrolments, lessonsDone, ms: performance.now() - started };
}
