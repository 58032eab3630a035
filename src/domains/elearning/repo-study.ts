// SQL of the study page (issue 7): key figures of digital learning per course, provider, municipality and
// gender in one GROUPING SETS pass over the filtered enrolments of the actor's regions. Only aggregates
// leave the database; small-number suppression is the service's rule over these rows.
import type { Db, SqlParam } from '../../platform/db.ts';

export interface StudyFilter {
  regionIds: string[];
  /** Enrolment date (Europe/Stockholm), inclusive; null = open. */
  from: string | null;
  to: string | null;
  providerId: string | null;
  /** Municipality code of the company's first workplace. */
  municipality: string | null;
  courseId: string | null;
}

export type StudyDim = 'total' | 'course' | 'provider' | 'municipality' | 'gender';

/** Raw aggregates of one group; `*L` are distinct learners (the unit of small-number suppression). */
export interface StudyAggRow {
  dim: StudyDim;
  key: string;
  label: string;
  enrolled: number;
  enrolledL: number;
  active: number;
  activeL: number;
  completed: number;
  completedL: number;
  medianDays: number | null;
  minutes: number;
  timeL: number;
  timeEnrolments: number;
  quizzes: number;
  quizL: number;
  firstPassed: number;
  firstPassL: number;
  passedQuizzes: number;
  attemptsToPass: number;
  ratings: number;
  ratingL: number;
  usefulness: number | null;
  recommend: number | null;
}

const HOME = `(SELECT w.municipality_code FROM company_workplaces w WHERE w.company_id = de.company_id
                ORDER BY w.position, w.created_at, w.id LIMIT 1)`;

/**
 * The filtered cohort of enrolments (CTE `cohort`) with $1 regions, $2 from, $3 to, $4 provider, $5 course,
 * $6 municipality. Shared with the module funnel.
 */
export const COHORT_CTE = `cohort0 AS (
  SELECT de.id, de.learner_id, de.course_id, de.version_id, dc.provider_org_id AS provider_id,
         coalesce(l.gender, 'unknown') AS gender, coalesce(${HOME}, 'unknown') AS municipality, de.status,
         CASE WHEN de.status = 'completed' AND de.completed_at IS NOT NULL
              THEN (de.completed_at AT TIME ZONE 'Europe/Stockholm')::date
                   - (coalesce(de.started_at, de.created_at) AT TIME ZONE 'Europe/Stockholm')::date END AS days
    FROM dl_enrolments de
    JOIN dl_courses dc ON dc.id = de.course_id
    JOIN learners l ON l.id = de.learner_id
   WHERE dc.region_id = ANY($1::uuid[])
     AND ($2::date IS NULL OR (de.created_at AT TIME ZONE 'Europe/Stockholm')::date >= $2::date)
     AND ($3::date IS NULL OR (de.created_at AT TIME ZONE 'Europe/Stockholm')::date <= $3::date)
     AND ($4::uuid IS NULL OR dc.provider_org_id = $4::uuid)
     AND ($5::uuid IS NULL OR de.course_id = $5::uuid)
), cohort AS (SELECT * FROM cohort0 WHERE $6::text IS NULL OR municipality = $6::text)`;

export const cohortParams = (f: StudyFilter): SqlParam[] => [
  f.regionIds,
  f.from,
  f.to,
  f.providerId,
  f.courseId,
  f.municipality,
];

/** Within the period (when one is set): a timestamptz column's Stockholm date. */
const inPeriod = (col: string) =>
  `($2::date IS NULL OR (${col} AT TIME ZONE 'Europe/Stockholm')::date >= $2::date)
   AND ($3::date IS NULL OR (${col} AT TIME ZONE 'Europe/Stockholm')::date <= $3::date)`;

/** Every group's aggregates: the total, then per course, provider, municipality and gender. */
export async function studyAggregates(db: Db, f: StudyFilter): Promise<StudyAggRow[]> {
  return db.query<StudyAggRow>(
    `WITH ${COHORT_CTE},
     tot AS (SELECT t.enrolment_id, sum(t.minutes)::int AS minutes FROM dl_time t
               JOIN cohort c ON c.id = t.enrolment_id GROUP BY 1),
     act AS (
       SELECT t.enrolment_id FROM dl_time t JOIN cohort c ON c.id = t.enrolment_id
        WHERE t.minutes > 0 AND ($2::date IS NULL OR t.day >= $2::date) AND ($3::date IS NULL OR t.day <= $3::date)
       UNION
       SELECT p.enrolment_id FROM dl_lesson_progress p JOIN cohort c ON c.id = p.enrolment_id
        WHERE ${inPeriod('p.completed_at')}
       UNION
       SELECT q.enrolment_id FROM dl_quiz_attempts q JOIN cohort c ON c.id = q.enrolment_id
        WHERE ${inPeriod('q.created_at')}),
     att AS (
       SELECT q.enrolment_id, q.lesson_id, q.passed,
              row_number() OVER (PARTITION BY q.enrolment_id, q.lesson_id ORDER BY q.created_at, q.id) AS n
         FROM dl_quiz_attempts q JOIN cohort c ON c.id = q.enrolment_id),
     quiz AS (
       SELECT enrolment_id, count(*)::int AS quizzes,
              count(*) FILTER (WHERE first_passed)::int AS first_passed,
              count(to_pass)::int AS passed, coalesce(sum(to_pass), 0)::int AS attempts
         FROM (SELECT enrolment_id, lesson_id, bool_or(passed AND n = 1) AS first_passed,
                      min(n) FILTER (WHERE passed) AS to_pass
                 FROM att GROUP BY 1, 2) x
        GROUP BY 1),
     agg AS (
       SELECT GROUPING(c.course_id, c.provider_id, c.municipality, c.gender) AS g,
              c.course_id, c.provider_id, c.municipality, c.gender,
              count(*)::int AS enrolled, count(DISTINCT c.learner_id)::int AS "enrolledL",
              count(a.enrolment_id)::int AS active,
              count(DISTINCT c.learner_id) FILTER (WHERE a.enrolment_id IS NOT NULL)::int AS "activeL",
              count(*) FILTER (WHERE c.status = 'completed')::int AS completed,
              count(DISTINCT c.learner_id) FILTER (WHERE c.status = 'completed')::int AS "completedL",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY c.days)::float8 AS "medianDays",
              coalesce(sum(t.minutes), 0)::int AS minutes,
              count(DISTINCT c.learner_id) FILTER (WHERE t.minutes > 0)::int AS "timeL",
              count(*) FILTER (WHERE t.minutes > 0)::int AS "timeEnrolments",
              coalesce(sum(q.quizzes), 0)::int AS quizzes,
              count(DISTINCT c.learner_id) FILTER (WHERE q.enrolment_id IS NOT NULL)::int AS "quizL",
              coalesce(sum(q.first_passed), 0)::int AS "firstPassed",
              count(DISTINCT c.learner_id) FILTER (WHERE q.first_passed > 0)::int AS "firstPassL",
              coalesce(sum(q.passed), 0)::int AS "passedQuizzes",
              coalesce(sum(q.attempts), 0)::int AS "attemptsToPass",
              count(r.enrolment_id)::int AS ratings,
              count(DISTINCT c.learner_id) FILTER (WHERE r.enrolment_id IS NOT NULL)::int AS "ratingL",
              avg(r.usefulness)::float8 AS usefulness, avg(r.recommend)::float8 AS recommend
         FROM cohort c
         LEFT JOIN (SELECT DISTINCT enrolment_id FROM act) a ON a.enrolment_id = c.id
         LEFT JOIN tot t ON t.enrolment_id = c.id
         LEFT JOIN quiz q ON q.enrolment_id = c.id
         LEFT JOIN dl_ratings r ON r.enrolment_id = c.id
        GROUP BY GROUPING SETS ((), (c.course_id), (c.provider_id), (c.municipality), (c.gender)))
     SELECT CASE g WHEN 15 THEN 'total' WHEN 7 THEN 'course' WHEN 11 THEN 'provider'
                   WHEN 13 THEN 'municipality' ELSE 'gender' END AS dim,
            coalesce(agg.course_id::text, agg.provider_id::text, agg.municipality, agg.gender, '') AS key,
            coalesce((SELECT v.title FROM dl_course_versions v WHERE v.course_id = agg.course_id
                       ORDER BY (v.status = 'published') DESC, v.version DESC LIMIT 1),
                     o.name, m.name, agg.municipality, agg.gender, '') AS label,
            agg.enrolled, agg."enrolledL", agg.active, agg."activeL", agg.completed, agg."completedL",
            agg."medianDays", agg.minutes, agg."timeL", agg."timeEnrolments", agg.quizzes, agg."quizL",
            agg."firstPassed", agg."firstPassL", agg."passedQuizzes", agg."attemptsToPass", agg.ratings,
            agg."ratingL", agg.usefulness, agg.recommend
       FROM agg
       LEFT JOIN organisations o ON o.id = agg.provider_id
       LEFT JOIN ref_municipalities m ON m.code = agg.municipality
      ORDER BY g DESC, label, key`,
    cohortParams(f),
  );
}
