// SQL of the credentials issued on completion (issue 7): the completed enrolments of an occasion whose course
// is marked `issues_credential` and whose learner has an account, with what the credential states.
import type { Db } from '../../platform/db.ts';

export interface CredentialCompletion {
  enrolmentId: string;
  userId: string;
  courseId: string;
  title: string;
  description: string;
  hours: number;
  language: string;
  completionPct: number;
  sunLevelCode: string | null;
  sunLevelName: string | null;
  providerOrgId: string;
  completedAt: Date | null;
  competences: { conceptId: string; label: string }[];
}

export async function credentialCompletions(db: Db, occasionId: string): Promise<CredentialCompletion[]> {
  return db.query<CredentialCompletion>(
    `SELECT e.id AS "enrolmentId", l.user_id AS "userId", c.id AS "courseId", c.title, c.description,
            c.hours::float8 AS hours, c.language, c.completion_attendance_pct AS "completionPct",
            c.sun_level_code AS "sunLevelCode", sl.name_sv AS "sunLevelName", c.provider_org_id AS "providerOrgId",
            e.completed_at AS "completedAt",
            coalesce((SELECT json_agg(json_build_object('conceptId', rc.concept_id, 'label', rc.name_sv)
                                      ORDER BY rc.name_sv, rc.concept_id)
                        FROM course_competences cc JOIN ref_competences rc ON rc.concept_id = cc.competence_id
                       WHERE cc.course_id = c.id), '[]'::json) AS competences
       FROM enrolments e
       JOIN learners l ON l.id = e.learner_id
       JOIN course_occasions o ON o.id = e.occasion_id
       JOIN courses c ON c.id = o.course_id
       LEFT JOIN ref_sun_levels sl ON sl.code = c.sun_level_code
      WHERE e.occasion_id = $1 AND e.status = 'enrolled' AND e.completion = 'completed'
        AND c.issues_credential AND l.user_id IS NOT NULL
      ORDER BY e.id`,
    [occasionId],
  );
}
