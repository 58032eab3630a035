// SQL of the company contact's view of their employees' digital enrolments (scoped to given companies).
import type { Db } from '../../platform/db.ts';

export interface CompanyEnrolmentRow {
  id: string;
  companyId: string;
  companyName: string;
  firstName: string;
  lastName: string;
  courseId: string;
  title: string;
  source: 'invitation' | 'self' | 'catalogue';
  status: 'active' | 'completed' | 'withdrawn';
  startedAt: Date | null;
  completedAt: Date | null;
  done: number;
  total: number;
  minutes: number;
}

export function companyEnrolments(db: Db, companyIds: string[]): Promise<CompanyEnrolmentRow[]> {
  if (companyIds.length === 0) return Promise.resolve([]);
  return db.query<CompanyEnrolmentRow>(
    `SELECT e.id, e.company_id AS "companyId", co.name AS "companyName", l.first_name AS "firstName",
            l.last_name AS "lastName", e.course_id AS "courseId", v.title, e.source, e.status,
            e.started_at AS "startedAt", e.completed_at AS "completedAt",
            (SELECT count(*)::int FROM dl_lesson_progress p JOIN dl_lessons x ON x.id = p.lesson_id
               JOIN dl_modules m ON m.id = x.module_id WHERE p.enrolment_id = e.id AND m.version_id = e.version_id) AS done,
            (SELECT count(*)::int FROM dl_lessons x JOIN dl_modules m ON m.id = x.module_id
              WHERE m.version_id = e.version_id) AS total,
            (SELECT COALESCE(sum(t.minutes), 0)::int FROM dl_time t WHERE t.enrolment_id = e.id) AS minutes
       FROM dl_enrolments e
       JOIN learners l ON l.id = e.learner_id
       JOIN companies co ON co.id = e.company_id
       JOIN dl_course_versions v ON v.id = e.version_id
      WHERE e.company_id = ANY($1::uuid[]) AND e.status <> 'withdrawn'
      ORDER BY co.name, l.last_name, l.first_name, lower(v.title), e.id`,
    [companyIds],
  );
}
