// The activities of registered participants, per date: attended course sessions (through the learner the
// participant was registered from), held coaching meetings they attended, and digital learning (time on
// task of the learner's digital enrolments, `dl_time`, already per Stockholm day). Minutes are summed per
// participant, date (Europe/Stockholm) and activity; whole hours are the caller's rule.
import type { Db } from '../../platform/db.ts';

export type ActivityKind = 'training' | 'coaching' | 'elearning';

export interface ActivityDayRow {
  participantId: string;
  /** YYYY-MM-DD */
  day: string;
  activity: ActivityKind;
  /** The course or the company's engagement, for the certificate's line. */
  label: string;
  minutes: number;
}

/** Activity days of the given participants within [from, to] (dates, inclusive). */
export async function activityDays(
  db: Db,
  participantIds: string[],
  from: string,
  to: string,
): Promise<ActivityDayRow[]> {
  if (participantIds.length === 0) return [];
  return db.query<ActivityDayRow>(
    `SELECT participant_id AS "participantId", to_char(day, 'YYYY-MM-DD') AS day, activity, label,
            sum(minutes)::int AS minutes
       FROM (
         SELECT p.id AS participant_id, (s.starts_at AT TIME ZONE 'Europe/Stockholm')::date AS day,
                'training' AS activity, c.title AS label, a.minutes
           FROM esf_participants p
           JOIN enrolments e ON e.learner_id = p.learner_id AND e.status <> 'cancelled'
           JOIN attendance a ON a.enrolment_id = e.id AND a.minutes > 0
           JOIN course_sessions s ON s.id = a.session_id
           JOIN course_occasions o ON o.id = s.occasion_id JOIN courses c ON c.id = o.course_id
          WHERE p.id = ANY($1::uuid[])
         UNION ALL
         SELECT p.id, m.held_on, 'coaching', co.name, m.minutes
           FROM esf_participants p
           JOIN coaching_meeting_attendees ma ON ma.esf_participant_id = p.id
           JOIN coaching_meetings m ON m.id = ma.meeting_id AND m.status = 'held'
           JOIN engagements en ON en.id = m.engagement_id JOIN companies co ON co.id = en.company_id
          WHERE p.id = ANY($1::uuid[])
         UNION ALL
         SELECT p.id, t.day, 'elearning', v.title, t.minutes
           FROM esf_participants p
           JOIN dl_enrolments de ON de.learner_id = p.learner_id
           JOIN dl_time t ON t.enrolment_id = de.id AND t.minutes > 0
           JOIN dl_course_versions v ON v.id = de.version_id
          WHERE p.id = ANY($1::uuid[])
       ) x
      WHERE day BETWEEN $2::date AND $3::date
      GROUP BY participant_id, day, activity, label
      ORDER BY participant_id, day, activity, label`,
    [participantIds, from, to],
  );
}

/** First and last activity date of each participant (null when none yet). */
export async function activitySpan(
  db: Db,
  participantIds: string[],
): Promise<Map<string, { first: string; last: string }>> {
  const rows = await activityDays(db, participantIds, '1900-01-01', '2100-12-31');
  const out = new Map<string, { first: string; last: string }>();
  for (const r of rows) {
    const s = out.get(r.participantId);
    if (!s) out.set(r.participantId, { first: r.day, last: r.day });
    else {
      if (r.day < s.first) s.first = r.day;
      if (r.day > s.last) s.last = r.day;
    }
  }
  return out;
}
