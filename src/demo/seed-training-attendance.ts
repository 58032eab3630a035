// Demo attendance (issue 5): attendance minutes for the past sessions of one demo occasion, so that the
// roll-call, the overview with whole hours, the invoice basis and the ESF hours read model show something.
// Given an occasion and its enrolments, it records their past sessions; otherwise (or when that occasion has
// no past session) it creates one past occasion with three sessions — for `courseId`, or for a new procured
// demo course of the provider — with five learners of the first two demo companies, the first one linked to
// the demo participant (left without an evaluation so the form can be tried), and three evaluations.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db.ts';

export interface TrainingAttendanceDemoInput {
  regionId: string;
  /** The demo provider organisation ("provider:0"). */
  providerOrgId: string;
  /** The demo companies; the first two are used. */
  companyIds: string[];
  /** The user recorded as having taken the attendance (the demo provider user). */
  recordedBy: string;
  /** The demo participant's user, linked to the first created learner. */
  participantUserId?: string | null;
  /** An existing demo course to add the past occasion to. */
  courseId?: string;
  /** An existing occasion with its enrolments whose past sessions get attendance. */
  occasionId?: string;
  enrolmentIds?: string[];
}

export interface TrainingAttendanceDemo {
  courseId: string | null;
  occasionId: string;
  enrolmentIds: string[];
}

// Minutes per session as a share of its length, per learner: full, mostly, partly, absent, full.
const SHARES = [
  [1, 1, 1],
  [1, 0.5, 1],
  [0.75, 1, 0.4],
  [0, 0, 0],
  [1, 1, 0.9],
];

async function recordPast(db: Db, occasionId: string, enrolmentIds: string[], by: string): Promise<number> {
  const sessions = await db.query<{ id: string; length: number }>(
    `SELECT id, (extract(epoch FROM (ends_at - starts_at)) / 60)::int AS length FROM course_sessions
      WHERE occasion_id = $1 AND ends_at < now() ORDER BY starts_at`,
    [occasionId],
  );
  const sIds: string[] = [];
  const eIds: string[] = [];
  const minutes: number[] = [];
  sessions.forEach((s, si) => {
    enrolmentIds.forEach((e, ei) => {
      const share = SHARES[ei % SHARES.length][si % 3];
      sIds.push(s.id);
      eIds.push(e);
      minutes.push(Math.floor(s.length * share));
    });
  });
  if (sIds.length > 0)
    await db.query(
      `INSERT INTO attendance (session_id, enrolment_id, minutes, recorded_by)
       SELECT s, e, m, $4 FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS t(s, e, m)
       ON CONFLICT DO NOTHING`,
      [sIds, eIds, minutes, by],
    );
  return sessions.length;
}

/** Stockholm-local "YYYY-MM-DD" `days` days from today. */
function day(days: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

export async function seedTrainingAttendanceDemo(
  db: Db,
  input: TrainingAttendanceDemoInput,
): Promise<TrainingAttendanceDemo> {
  if (input.occasionId && input.enrolmentIds && input.enrolmentIds.length > 0) {
    const recorded = await recordPast(db, input.occasionId, input.enrolmentIds, input.recordedBy);
    if (recorded > 0)
      return {
        courseId: input.courseId ?? null,
        occasionId: input.occasionId,
        enrolmentIds: input.enrolmentIds,
      };
  }
  let courseId = input.courseId;
  if (!courseId) {
    courseId = randomUUID();
    await db.query(
      `INSERT INTO courses (id, region_id, provider_org_id, title, description, format, hours, price_sek, financing,
                            contract_reference, contract_from, contract_to, completion_attendance_pct, status,
                            created_by)
       VALUES ($1, $2, $3, 'Arbetsmiljö och säkerhet i verkstaden (demo)',
               'Tre pass om riskbedömning, skyddsutrustning och säkra arbetssätt.', 'classroom', 7, 4500, 'procured',
               'LOU-2025-014', $4, $5, 80, 'approved', $6)`,
      [courseId, input.regionId, input.providerOrgId, day(-365), day(365), input.recordedBy],
    );
  }
  const occasionId = randomUUID();
  await db.query(
    `INSERT INTO course_occasions (id, course_id, starts_on, ends_on, seats, enrolment_deadline, location)
     VALUES ($1, $2, $3, $4, 12, $3, 'Växjö')`,
    [occasionId, courseId, day(-21), day(-14)],
  );
  // 09:00–12:00, 13:00–15:00 the first day and 09:00–11:00 practice a week later (Stockholm time).
  const at = (d: string, hm: string) => `${d} ${hm} Europe/Stockholm`;
  const sessions: [string, string, string][] = [
    [at(day(-21), '09:00'), at(day(-21), '12:00'), 'teaching'],
    [at(day(-21), '13:00'), at(day(-21), '15:00'), 'teaching'],
    [at(day(-14), '09:00'), at(day(-14), '11:00'), 'practice'],
  ];
  for (const [from, to, activity] of sessions)
    await db.query(
      `INSERT INTO course_sessions (id, occasion_id, starts_at, ends_at, activity)
       VALUES ($1, $2, $3::timestamptz, $4::timestamptz, $5)`,
      [randomUUID(), occasionId, from, to, activity],
    );
  const people: [string, string, number, 'programme' | 'company' | 'free'][] = [
    ['Pelle', 'Deltagare', 0, 'programme'],
    ['Anna', 'Svensson', 0, 'programme'],
    ['Omar', 'Haddad', 0, 'company'],
    ['Sara', 'Lind', 1, 'company'],
    ['Jonas', 'Berg', 1, 'programme'],
  ];
  const enrolmentIds: string[] = [];
  for (const [i, [first, last, c, paidBy]] of people.entries()) {
    const companyId = input.companyIds[c] ?? input.companyIds[0];
    // The same people as the enrolment demo when it ran first: one learner row per person.
    const [existing] = await db.query<{ id: string }>(
      'SELECT id FROM learners WHERE company_id = $1 AND first_name = $2 AND last_name = $3 LIMIT 1',
      [companyId, first, last],
    );
    const learnerId = existing?.id ?? randomUUID();
    if (!existing)
      await db.query(
        `INSERT INTO learners (id, company_id, first_name, last_name, user_id, created_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          learnerId,
          companyId,
          first,
          last,
          i === 0 ? (input.participantUserId ?? null) : null,
          input.recordedBy,
        ],
      );
    const enrolmentId = randomUUID();
    await db.query(
      `INSERT INTO enrolments (id, occasion_id, learner_id, company_id, status, paid_by, enrolled_by)
       VALUES ($1, $2, $3, $4, 'enrolled', $5, $6)`,
      [enrolmentId, occasionId, learnerId, companyId, paidBy, input.recordedBy],
    );
    enrolmentIds.push(enrolmentId);
  }
  await recordPast(db, occasionId, enrolmentIds, input.recordedBy);
  const answers: [number, number, number, boolean | null, string][] = [
    [5, 5, 4, true, 'Mycket praktiskt upplägg.'],
    [4, 4, 4, true, ''],
    [3, 4, 3, null, 'Mer tid för övningar vore bra.'],
  ];
  for (const [i, [overall, relevance, teaching, recommend, comment]] of answers.entries())
    await db.query(
      `INSERT INTO course_evaluations (enrolment_id, overall, relevance, teaching, would_recommend, comment)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [enrolmentIds[i + 1], overall, relevance, teaching, recommend, comment],
    );
  return { courseId, occasionId, enrolmentIds };
}
