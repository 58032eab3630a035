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
const byEnrolment = 'enrolment_id = ANY($1::uuid[])';
const byParticipant = 'participant_id = ANY($1::uuid[])';
const inCertificates = `certificate_id IN (SELECT id FROM esf_certificates WHERE ${byParticipant})`;
/** A Stockholm calendar date before the cutoff ($2). */
const cutoffDate = `($2::timestamptz AT TIME ZONE 'Europe/Stockholm')::date`;

// xAPI statements are keyed by (region, id): their root ids are '<region id>/<statement id>'.
const statementKeys = `SELECT split_part(k, '/', 1)::uuid, split_part(k, '/', 2)::uuid FROM unnest($1::text[]) k`;
/** The attachment hashes a statement (alias `s`) declares, its SubStatement's included. */
const declared = (s: string) =>
  `(SELECT lower(h #>> '{}') FROM jsonb_path_query(${s}.statement, '$.attachments[*].sha2') h
    UNION ALL SELECT lower(h #>> '{}') FROM jsonb_path_query(${s}.statement, '$.object.attachments[*].sha2') h)`;

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
  {
    // LRS statements stored before the cutoff. A statement stays while a statement that stays refers to it
    // (StatementRef, voiding) and so does the voiding statement of one that stays, so no reference and no
    // voided flag is left without its other end; attachment bytes go when no remaining statement declares them.
    key: 'xapi_statements',
    referenceDate: 'xapi_statements.stored',
    roots: `WITH RECURSIVE old AS (
              SELECT s.region_id, s.id, s.ref_target, s.is_voiding FROM xapi_statements s
               WHERE s.region_id = $1 AND s.stored < $2
            ), kept AS (
              SELECT o.id, o.ref_target FROM old o
               WHERE EXISTS (SELECT 1 FROM xapi_statements n
                              WHERE n.region_id = $1 AND n.stored >= $2
                                AND (n.ref_target = o.id OR (o.is_voiding AND n.id = o.ref_target)))
              UNION
              SELECT o.id, o.ref_target FROM kept k
                JOIN old o ON o.id = k.ref_target OR (o.is_voiding AND o.ref_target = k.id)
            )
            SELECT o.region_id::text || '/' || o.id::text AS id FROM old o
             WHERE NOT EXISTS (SELECT 1 FROM kept k WHERE k.id = o.id)`,
    tables: [
      {
        table: 'xapi_attachments',
        where: `(region_id, sha2) IN (SELECT s.region_id, d.sha2 FROM xapi_statements s
                   CROSS JOIN LATERAL ${declared('s')} d(sha2) WHERE (s.region_id, s.id) IN (${statementKeys}))
                AND NOT EXISTS (SELECT 1 FROM xapi_statements r
                   WHERE r.region_id = xapi_attachments.region_id AND (r.region_id, r.id) NOT IN (${statementKeys})
                     AND xapi_attachments.sha2 IN ${declared('r')})`,
        identities: [],
      },
      {
        table: 'xapi_statements',
        where: `(region_id, id) IN (${statementKeys})`,
        identities: ['statement', 'actor_key', 'object_agent_key', 'related_agents'],
      },
    ],
  },
  {
    // Digital-course enrolments whose last activity (start, progress, completion) is before the cutoff.
    // An enrolment a credential was issued for, or whose learner is an ESF participant (its time is the
    // participant's certified hours), stays until those are disposed of under their own decision.
    key: 'elearning_enrolments',
    referenceDate: 'dl_enrolments.last_active_at / completed_at',
    roots: `SELECT en.id FROM dl_enrolments en JOIN dl_courses c ON c.id = en.course_id
             WHERE c.region_id = $1 AND greatest(en.created_at, en.last_active_at, en.completed_at) < $2
               AND NOT EXISTS (SELECT 1 FROM credentials cr
                                WHERE cr.source_kind = 'elearning' AND cr.source_id = en.id::text)
               AND NOT EXISTS (SELECT 1 FROM esf_participants p WHERE p.learner_id = en.learner_id)`,
    tables: [
      { table: 'dl_lesson_progress', where: byEnrolment, identities: [] },
      { table: 'dl_quiz_attempts', where: byEnrolment, identities: [] },
      { table: 'dl_time', where: byEnrolment, identities: [] },
      { table: 'dl_ratings', where: byEnrolment, identities: [] },
      {
        table: 'dl_enrolments',
        where: 'id = ANY($1::uuid[])',
        identities: ['learner_id', 'user_id', 'invited_by'],
      },
    ],
  },
  {
    // Staff time of the region's organisations by work date. Hours in a month of one of the region's ESF
    // payment-claim periods (open or closed) stay: they are the claim's personnel costs.
    key: 'staff_time_entries',
    referenceDate: 'staff_time_entries.work_date',
    roots: `SELECT e.id FROM staff_time_entries e JOIN organisations o ON o.id = e.organisation_id
             WHERE (o.region_id = $1 OR o.id = $1) AND e.work_date < ${cutoffDate}
               AND NOT EXISTS (
                 SELECT 1 FROM esf_claim_periods cp JOIN programmes pg ON pg.id = cp.programme_id
                  WHERE pg.region_id = $1
                    AND to_char(e.work_date, 'YYYY-MM') BETWEEN cp.first_month AND cp.last_month)`,
    tables: [{ table: 'staff_time_entries', where: 'id = ANY($1::uuid[])', identities: ['user_id', 'note'] }],
  },
  {
    // ESF participants whose participation ended before the cutoff, with their sealed identity, time
    // certificates and rows of the SCB files (the month versions themselves stay; their files can no longer
    // be rebuilt). A participant a coaching meeting still names, or whose months lie in a payment-claim
    // period that is still open, stays.
    key: 'esf_participants',
    referenceDate: 'esf_participants.ended_on',
    roots: `SELECT p.id FROM esf_participants p
             WHERE p.region_id = $1 AND p.ended_on < ${cutoffDate}
               AND NOT EXISTS (SELECT 1 FROM coaching_meeting_attendees a WHERE a.esf_participant_id = p.id)
               AND NOT EXISTS (
                 SELECT 1 FROM esf_claim_periods cp
                  WHERE cp.programme_id = p.programme_id AND cp.status = 'open'
                    AND cp.first_month <= to_char(p.ended_on, 'YYYY-MM')
                    AND cp.last_month >= to_char(p.started_on, 'YYYY-MM'))`,
    tables: [
      { table: 'esf_sign_links', where: inCertificates, identities: ['created_by'] },
      {
        table: 'esf_certificate_signatures',
        where: inCertificates,
        identities: ['signer_user_id', 'signer_name'],
      },
      { table: 'esf_certificates', where: byParticipant, identities: ['created_by'] },
      {
        table: 'esf_scb_month_rows',
        where: byParticipant,
        identities: ['first_name', 'last_name', 'email', 'mobile'],
      },
      { table: 'esf_identities', where: byParticipant, identities: ['sealed', 'lookup_hash', 'masked'] },
      {
        table: 'esf_participants',
        where: 'id = ANY($1::uuid[])',
        identities: [
          'learner_id',
          'user_id',
          'first_name',
          'last_name',
          'manager_contact_id',
          'manager_name',
          'manager_email',
          'email',
          'mobile',
          'closed_by',
          'eligibility_confirmed_by',
          'created_by',
        ],
      },
    ],
  },
];

export const recordTypeKeys = recordTypes.map((r) => r.key) as [string, ...string[]];

export function recordType(key: string): RecordType | undefined {
  return recordTypes.find((r) => r.key === key);
}
