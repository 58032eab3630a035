// The record types gallring can dispose of: each names its reference date, how to find the records past a
// cutoff in one region (`roots`: $1 region id, $2 cutoff), the rows it covers table by table in delete
// order (`where`: $1 the root ids as uuid[]) and the columns that identify people. This is the one declared
// cross-domain write path of gallring (docs/decisions.md): the SQL here is constant code, never input.

export interface RecordTable {
  table: string;
  where: string;
  /** Columns that identify a person: replaced by pseudonyms unless the decision keeps identities. */
  identities: readonly string[];
}

export interface RecordType {
  key: string;
  /** The column the retention period runs from (shown to the officer). */
  referenceDate: string;
  roots: string;
  tables: readonly RecordTable[];
}

const inMeetings = 'meeting_id IN (SELECT id FROM coaching_meetings WHERE engagement_id = ANY($1::uuid[]))';
const inPlans = 'plan_id IN (SELECT id FROM coaching_plans WHERE engagement_id = ANY($1::uuid[]))';
const inActions = `action_id IN (SELECT id FROM plan_actions WHERE ${inPlans})`;
const byMapping = 'mapping_id = ANY($1::uuid[])';

export const recordTypes: readonly RecordType[] = [
  {
    // Closed coaching engagements with meetings, notes and plan. Engagements that staff time or a
    // consultant invoice still points at stay until those are disposed of under their own decision.
    key: 'coaching_engagements',
    referenceDate: 'engagements.closed_at',
    roots: `SELECT e.id FROM engagements e
             WHERE e.region_id = $1 AND e.step = 'closed' AND e.closed_at < $2
               AND NOT EXISTS (SELECT 1 FROM staff_time_entries s WHERE s.engagement_id = e.id)
               AND NOT EXISTS (SELECT 1 FROM consultant_invoices c WHERE c.engagement_id = e.id)`,
    tables: [
      {
        table: 'coaching_meeting_attendees',
        where: inMeetings,
        identities: ['user_id', 'contact_id', 'name', 'email', 'esf_participant_id'],
      },
      { table: 'coaching_attachments', where: inMeetings, identities: ['uploaded_by'] },
      {
        table: 'coaching_meetings',
        where: 'engagement_id = ANY($1::uuid[])',
        identities: ['coach_id', 'created_by'],
      },
      { table: 'plan_action_needs', where: inActions, identities: [] },
      { table: 'plan_action_courses', where: inActions, identities: [] },
      { table: 'plan_action_comments', where: inActions, identities: ['author_id', 'author_name'] },
      { table: 'plan_actions', where: inPlans, identities: ['owner_name'] },
      { table: 'plan_goals', where: inPlans, identities: [] },
      { table: 'plan_versions', where: inPlans, identities: ['adopted_by', 'adopted_by_name'] },
      { table: 'coaching_plans', where: 'engagement_id = ANY($1::uuid[])', identities: [] },
      { table: 'plan_followups', where: 'engagement_id = ANY($1::uuid[])', identities: ['done_by'] },
      {
        table: 'engagement_coaches',
        where: 'engagement_id = ANY($1::uuid[])',
        identities: ['user_id', 'assigned_by', 'removed_by'],
      },
      {
        table: 'engagement_step_changes',
        where: 'engagement_id = ANY($1::uuid[])',
        identities: ['changed_by'],
      },
      { table: 'engagements', where: 'id = ANY($1::uuid[])', identities: ['created_by'] },
    ],
  },
  {
    // Submitted mappings with their answers; a mapping a coaching engagement or plan refers to stays.
    key: 'submitted_mappings',
    referenceDate: 'mappings.submitted_at',
    roots: `SELECT m.id FROM mappings m
             WHERE m.region_id = $1 AND m.status = 'submitted' AND m.submitted_at < $2
               AND NOT EXISTS (SELECT 1 FROM engagements e WHERE e.mapping_id = m.id)
               AND NOT EXISTS (SELECT 1 FROM plan_action_needs n WHERE n.mapping_id = m.id)`,
    tables: [
      { table: 'person_rating_comments', where: byMapping, identities: ['person_id', 'author_user_id'] },
      { table: 'person_ratings', where: byMapping, identities: ['person_id', 'rated_by'] },
      { table: 'mapping_note_concepts', where: byMapping, identities: ['confirmed_by'] },
      { table: 'mapping_maturity', where: byMapping, identities: [] },
      { table: 'mapping_recruitments', where: byMapping, identities: [] },
      { table: 'mapping_needs', where: byMapping, identities: [] },
      { table: 'mapping_requirements', where: byMapping, identities: [] },
      { table: 'mapping_roles', where: byMapping, identities: [] },
      { table: 'mapping_sections', where: byMapping, identities: ['updated_by'] },
      {
        table: 'mappings',
        where: 'id = ANY($1::uuid[])',
        identities: ['started_by', 'updated_by', 'submitted_by', 'notice_accepted_by'],
      },
    ],
  },
  {
    // Enrolments, attendance and evaluations of course occasions that have ended. An enrolment another,
    // later one was moved from stays with it.
    key: 'training_enrolments',
    referenceDate: 'course_occasions.ends_on',
    roots: `SELECT en.id FROM enrolments en
              JOIN course_occasions o ON o.id = en.occasion_id
              JOIN courses c ON c.id = o.course_id
             WHERE c.region_id = $1 AND o.ends_on < ($2::timestamptz AT TIME ZONE 'Europe/Stockholm')::date
               AND NOT EXISTS (
                 SELECT 1 FROM enrolments src JOIN course_occasions so ON so.id = src.occasion_id
                  WHERE src.moved_to = en.id
                    AND so.ends_on >= ($2::timestamptz AT TIME ZONE 'Europe/Stockholm')::date)`,
    tables: [
      { table: 'attendance', where: 'enrolment_id = ANY($1::uuid[])', identities: ['recorded_by'] },
      { table: 'course_evaluations', where: 'enrolment_id = ANY($1::uuid[])', identities: [] },
      { table: 'enrolments', where: 'id = ANY($1::uuid[])', identities: ['learner_id', 'enrolled_by'] },
    ],
  },
  {
    // Mail kept in the outbox (and the record of mail sent): addresses and bodies name people.
    key: 'mail_outbox',
    referenceDate: 'mail_outbox.created_at',
    roots: 'SELECT id FROM mail_outbox WHERE region_id = $1 AND created_at < $2',
    tables: [
      { table: 'mail_outbox', where: 'id = ANY($1::uuid[])', identities: ['to_address', 'body_text'] },
    ],
  },
];

export const recordTypeKeys = recordTypes.map((r) => r.key) as [string, ...string[]];

export function recordType(key: string): RecordType | undefined {
  return recordTypes.find((r) => r.key === key);
}
