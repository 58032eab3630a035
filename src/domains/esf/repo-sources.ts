// SQL of what a participant is registered from: enrolled learners (course or digital course) and coached company people not yet
// registered, the employer (SME, county) and its contacts.
import type { Db } from '../../platform/db.ts';

export interface LearnerSource {
  learnerId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  gender: string | null;
  userId: string | null;
  companyId: string;
  companyName: string;
  orgNumber: string;
  /** Earliest date with attended course time or digital-learning time (YYYY-MM-DD), or null. */
  firstAttended: string | null;
  courses: string;
}

/**
 * Learners enrolled on the region's courses, or with a (not withdrawn) enrolment on one of its digital
 * courses, who are not yet registered in the programme.
 */
export async function unregisteredLearners(
  db: Db,
  regionId: string,
  programmeId: string,
  learnerId: string | null,
): Promise<LearnerSource[]> {
  return db.query<LearnerSource>(
    `WITH src AS (
       SELECT e.learner_id, c.title
         FROM enrolments e
         JOIN course_occasions o ON o.id = e.occasion_id JOIN courses c ON c.id = o.course_id AND c.region_id = $1
        WHERE e.status = 'enrolled'
       UNION ALL
       SELECT de.learner_id, v.title
         FROM dl_enrolments de
         JOIN dl_courses dc ON dc.id = de.course_id AND dc.region_id = $1
         JOIN dl_course_versions v ON v.id = de.version_id
        WHERE de.status <> 'withdrawn'
     )
     SELECT l.id AS "learnerId", l.first_name AS "firstName", l.last_name AS "lastName", l.email, l.gender,
            l.user_id AS "userId", co.id AS "companyId", co.name AS "companyName", co.org_number AS "orgNumber",
            (SELECT to_char(min(f.day), 'YYYY-MM-DD') FROM (
               SELECT (s.starts_at AT TIME ZONE 'Europe/Stockholm')::date AS day
                 FROM enrolments e2 JOIN attendance a ON a.enrolment_id = e2.id AND a.minutes > 0
                 JOIN course_sessions s ON s.id = a.session_id WHERE e2.learner_id = l.id
               UNION ALL
               SELECT t.day FROM dl_enrolments de2 JOIN dl_time t ON t.enrolment_id = de2.id AND t.minutes > 0
                WHERE de2.learner_id = l.id) f) AS "firstAttended",
            string_agg(DISTINCT src.title, ', ') AS courses
       FROM learners l JOIN companies co ON co.id = l.company_id
       JOIN src ON src.learner_id = l.id
      WHERE NOT EXISTS (SELECT 1 FROM esf_participants p WHERE p.programme_id = $2 AND p.learner_id = l.id)
        AND ($3::uuid IS NULL OR l.id = $3)
      GROUP BY l.id, co.id
      ORDER BY co.name, l.last_name, l.first_name
      LIMIT 500`,
    [regionId, programmeId, learnerId],
  );
}

export interface AttendeeSource {
  attendeeId: string;
  name: string;
  email: string | null;
  roleTitle: string | null;
  companyId: string;
  companyName: string;
  orgNumber: string;
  heldOn: string;
}

/** Company people who attended a held coaching meeting of the region and are not yet registered. */
export async function unregisteredAttendees(
  db: Db,
  regionId: string,
  attendeeId: string | null,
): Promise<AttendeeSource[]> {
  return db.query<AttendeeSource>(
    `SELECT * FROM (
       SELECT DISTINCT ON (en.id, ma.kind, coalesce(ma.contact_id::text, lower(ma.name)))
              ma.id AS "attendeeId", ma.name, ma.email, ma.role_title AS "roleTitle",
              co.id AS "companyId", co.name AS "companyName", co.org_number AS "orgNumber",
              to_char(m.held_on, 'YYYY-MM-DD') AS "heldOn"
         FROM coaching_meeting_attendees ma
         JOIN coaching_meetings m ON m.id = ma.meeting_id AND m.status = 'held'
         JOIN engagements en ON en.id = m.engagement_id AND en.region_id = $1
         JOIN companies co ON co.id = en.company_id
        WHERE ma.kind IN ('contact', 'company_person') AND ma.esf_participant_id IS NULL
          AND ($2::uuid IS NULL OR ma.id = $2)
        ORDER BY en.id, ma.kind, coalesce(ma.contact_id::text, lower(ma.name)), m.held_on, ma.id) x
      ORDER BY "companyName", name
      LIMIT 500`,
    [regionId, attendeeId],
  );
}

/**
 * Link the attendee to the participant, and with it every attendee row of the same company person (same
 * kind and name, or the same company contact) in the same engagement's meetings: their coaching is the
 * participant's activity.
 */
export async function linkAttendee(db: Db, attendeeId: string, participantId: string): Promise<void> {
  await db.query(
    `UPDATE coaching_meeting_attendees a SET esf_participant_id = $2
       FROM coaching_meeting_attendees src
       JOIN coaching_meetings sm ON sm.id = src.meeting_id
      WHERE src.id = $1 AND a.esf_participant_id IS NULL AND a.kind = src.kind
        AND (a.id = src.id OR (src.contact_id IS NOT NULL AND a.contact_id = src.contact_id)
             OR (src.contact_id IS NULL AND lower(a.name) = lower(src.name)))
        AND a.meeting_id IN (SELECT id FROM coaching_meetings WHERE engagement_id = sm.engagement_id)`,
    [attendeeId, participantId],
  );
}

export interface CompanyRef {
  id: string;
  name: string;
  orgNumber: string;
  regionId: string;
  isSme: boolean;
  countyCodes: string[];
}

export async function findCompanyRef(db: Db, id: string): Promise<CompanyRef | null> {
  const [row] = await db.query<CompanyRef>(
    `SELECT c.id, c.name, c.org_number AS "orgNumber", c.region_id AS "regionId", c.is_sme AS "isSme",
            coalesce((SELECT array_agg(DISTINCT left(w.municipality_code, 2)) FROM company_workplaces w
                       WHERE w.company_id = c.id), '{}') AS "countyCodes"
       FROM companies c WHERE c.id = $1`,
    [id],
  );
  return row ?? null;
}

export async function regionCounty(db: Db, regionId: string): Promise<string | null> {
  const [row] = await db.query<{ code: string | null }>('SELECT code FROM organisations WHERE id = $1', [
    regionId,
  ]);
  return row?.code ?? null;
}

export interface ContactRef {
  id: string;
  name: string;
  email: string | null;
}

export async function companyContacts(db: Db, companyId: string): Promise<ContactRef[]> {
  return db.query<ContactRef>(
    `SELECT id, name, email FROM company_contacts WHERE company_id = $1 ORDER BY name, id`,
    [companyId],
  );
}

/** The region's active and eligible companies, for the registration form's employer choice. */
export async function regionCompanies(db: Db, regionId: string): Promise<{ id: string; name: string }[]> {
  return db.query<{ id: string; name: string }>(
    `SELECT id, name FROM companies WHERE region_id = $1 AND status IN ('eligible', 'active') ORDER BY name, id LIMIT 2000`,
    [regionId],
  );
}
