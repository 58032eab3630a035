// SQL of the study page's module funnel (one course version) and of its filter choices.
import type { Db } from '../../platform/db.ts';
import { COHORT_CTE, cohortParams, type StudyFilter } from './repo-study.ts';

export interface FunnelRow {
  moduleId: string;
  position: number;
  title: string;
  /** Enrolments with any lesson of the module done, opened (where to resume) or a quiz attempted. */
  reached: number;
  /** Enrolments with every lesson of the module done. */
  completed: number;
  /** Reached this module as their furthest one and have not completed the course. */
  droppedOff: number;
}

/** The module funnel of one version over the filtered cohort's enrolments on that version. */
export async function moduleFunnel(db: Db, f: StudyFilter, versionId: string): Promise<FunnelRow[]> {
  return db.query<FunnelRow>(
    `WITH ${COHORT_CTE},
     mods AS (SELECT m.id, m.position, m.title, (SELECT count(*) FROM dl_lessons x WHERE x.module_id = m.id)::int AS lessons
                FROM dl_modules m WHERE m.version_id = $7::uuid),
     touch AS (
       SELECT c.id AS enrolment_id, l.module_id, l.id AS lesson_id, true AS done
         FROM cohort c JOIN dl_lesson_progress p ON p.enrolment_id = c.id JOIN dl_lessons l ON l.id = p.lesson_id
        WHERE c.version_id = $7::uuid
       UNION ALL
       SELECT c.id, l.module_id, l.id, false
         FROM cohort c JOIN dl_enrolments de ON de.id = c.id JOIN dl_lessons l ON l.id = de.last_lesson_id
        WHERE c.version_id = $7::uuid
       UNION ALL
       SELECT c.id, l.module_id, l.id, false
         FROM cohort c JOIN dl_quiz_attempts q ON q.enrolment_id = c.id JOIN dl_lessons l ON l.id = q.lesson_id
        WHERE c.version_id = $7::uuid),
     per AS (
       SELECT t.enrolment_id, t.module_id, count(DISTINCT t.lesson_id) FILTER (WHERE t.done)::int AS done
         FROM touch t JOIN mods m ON m.id = t.module_id GROUP BY 1, 2),
     furthest AS (
       SELECT DISTINCT ON (per.enrolment_id) per.enrolment_id, per.module_id
         FROM per JOIN mods m ON m.id = per.module_id
        ORDER BY per.enrolment_id, m.position DESC)
     SELECT m.id AS "moduleId", m.position, m.title,
            count(per.enrolment_id)::int AS reached,
            count(per.enrolment_id) FILTER (WHERE per.done >= m.lessons AND m.lessons > 0)::int AS completed,
            count(fu.enrolment_id) FILTER (WHERE c.status <> 'completed')::int AS "droppedOff"
       FROM mods m
       LEFT JOIN per ON per.module_id = m.id
       LEFT JOIN furthest fu ON fu.enrolment_id = per.enrolment_id AND fu.module_id = m.id
       LEFT JOIN cohort c ON c.id = fu.enrolment_id
      GROUP BY m.id, m.position, m.title, m.lessons
      ORDER BY m.position`,
    [...cohortParams(f), versionId],
  );
}

export interface VersionChoice {
  id: string;
  courseId: string;
  version: number;
  status: string;
  title: string;
}

/** The non-draft versions of a course of the given regions (newest first). */
export async function courseVersions(
  db: Db,
  regionIds: string[],
  courseId: string,
): Promise<VersionChoice[]> {
  return db.query<VersionChoice>(
    `SELECT v.id, v.course_id AS "courseId", v.version, v.status, v.title
       FROM dl_course_versions v JOIN dl_courses c ON c.id = v.course_id
      WHERE c.id = $2 AND c.region_id = ANY($1::uuid[]) AND v.status <> 'draft'
      ORDER BY v.version DESC`,
    [regionIds, courseId],
  );
}

export interface Choice {
  value: string;
  label: string;
}

/** The filter choices: providers and courses of the regions' digital courses, the regions' municipalities. */
export async function studyChoices(
  db: Db,
  regionIds: string[],
): Promise<{ providers: Choice[]; courses: Choice[]; municipalities: Choice[] }> {
  const [providers, courses, municipalities] = await Promise.all([
    db.query<Choice>(
      `SELECT DISTINCT o.id::text AS value, o.name AS label FROM dl_courses c
         JOIN organisations o ON o.id = c.provider_org_id WHERE c.region_id = ANY($1::uuid[]) ORDER BY 2, 1`,
      [regionIds],
    ),
    db.query<Choice>(
      `SELECT c.id::text AS value,
              (SELECT v.title FROM dl_course_versions v WHERE v.course_id = c.id
                ORDER BY (v.status = 'published') DESC, v.version DESC LIMIT 1) AS label
         FROM dl_courses c WHERE c.region_id = ANY($1::uuid[]) ORDER BY 2, 1`,
      [regionIds],
    ),
    db.query<Choice>(
      `SELECT m.code AS value, m.name AS label FROM organisations o JOIN ref_municipalities m ON m.code = o.code
        WHERE o.kind = 'municipality' AND o.region_id = ANY($1::uuid[]) ORDER BY 2, 1`,
      [regionIds],
    ),
  ]);
  return { providers, courses: courses.filter((c) => c.label !== null), municipalities };
}
