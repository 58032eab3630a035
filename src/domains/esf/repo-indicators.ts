// The SQL of the ESF indicators for a period: participants who started, the SMEs supported, companies
// mapped, coached, with an adopted plan and with the plan still in use at a follow-up six months or more
// after adoption. Mapping and coaching tables (0008, 0013) are only read here. Dates are Europe/Stockholm.
import type { Db } from '../../platform/db.ts';

export interface Period {
  programmeId: string;
  regionId: string;
  from: string;
  to: string;
}

export interface IndicatorParticipantRow {
  id: string;
  firstName: string;
  lastName: string;
  /** From esf_identities: the only form of the number a page shows. */
  masked: string | null;
  gender: 'woman' | 'man';
  ageAtStart: number | null;
  companyId: string;
  companyName: string;
  municipalityName: string | null;
  startedOn: string;
}

/**
 * Joins `rm.name`, the municipality of the first workplace (by position) of company `co`: the workplace is
 * picked first and its municipality looked up by key after (a join inside a per-row subquery made
 * PostgreSQL merge-join every municipality for each row).
 */
const FIRST_MUNICIPALITY_JOIN = `LEFT JOIN LATERAL (
    SELECT w.municipality_code FROM company_workplaces w WHERE w.company_id = co.id
     ORDER BY w.position, w.id LIMIT 1) fw ON true
  LEFT JOIN ref_municipalities rm ON rm.code = fw.municipality_code`;

/** Participants of the programme whose participation started within the period. */
export async function participantsStarted(db: Db, p: Period): Promise<IndicatorParticipantRow[]> {
  return db.query<IndicatorParticipantRow>(
    `SELECT ep.id, ep.first_name AS "firstName", ep.last_name AS "lastName", i.masked, ep.gender,
            ep.age_at_start AS "ageAtStart", co.id AS "companyId", co.name AS "companyName",
            rm.name AS "municipalityName", to_char(ep.started_on, 'YYYY-MM-DD') AS "startedOn"
       FROM esf_participants ep JOIN companies co ON co.id = ep.company_id
       LEFT JOIN esf_identities i ON i.participant_id = ep.id
       ${FIRST_MUNICIPALITY_JOIN}
      WHERE ep.programme_id = $1 AND ep.started_on BETWEEN $2::date AND $3::date
      ORDER BY ep.last_name, ep.first_name, ep.id`,
    [p.programmeId, p.from, p.to],
  );
}

export interface HoursRow {
  id: string;
  firstName: string;
  lastName: string;
  masked: string | null;
  hours: number;
}

/**
 * SQL: whole hours of training per participant, Stockholm date and activity line (course title or digital-
 * learning version title) of the programme's participants within [from, to] (SQL placeholders): course
 * attendance and digital learning, floor of minutes / 60 per line — the lines of `activityDays`
 * (repo-activity.ts) without the coaching ones, aggregated in the database rather than sent row by row.
 */
const trainingLines = (programme: string, from: string, to: string) => `
  SELECT participant_id, sum(minutes) / 60 AS hours FROM (
    SELECT p.id AS participant_id, (s.starts_at AT TIME ZONE 'Europe/Stockholm')::date AS day,
           'training' AS activity, c.title AS label, a.minutes
      FROM esf_participants p
      JOIN enrolments e ON e.learner_id = p.learner_id AND e.status <> 'cancelled'
      JOIN attendance a ON a.enrolment_id = e.id AND a.minutes > 0
      JOIN course_sessions s ON s.id = a.session_id
      JOIN course_occasions o ON o.id = s.occasion_id JOIN courses c ON c.id = o.course_id
     WHERE p.programme_id = ${programme}
    UNION ALL
    SELECT p.id, t.day, 'elearning', v.title, t.minutes
      FROM esf_participants p
      JOIN dl_enrolments de ON de.learner_id = p.learner_id
      JOIN dl_time t ON t.enrolment_id = de.id AND t.minutes > 0
      JOIN dl_course_versions v ON v.id = de.version_id
     WHERE p.programme_id = ${programme}) x
   WHERE day BETWEEN ${from}::date AND ${to}::date
   GROUP BY participant_id, day, activity, label`;

/** Whole hours of training per participant of the programme within [from, to]; only those with hours, by name. */
export async function trainingHoursOf(
  db: Db,
  programmeId: string,
  from: string,
  to: string,
): Promise<HoursRow[]> {
  return db.query<HoursRow>(
    `WITH h AS (
       SELECT participant_id, sum(hours)::int AS hours FROM (${trainingLines('$1', '$2', '$3')}) l
        GROUP BY participant_id HAVING sum(hours) > 0)
     SELECT ep.id, ep.first_name AS "firstName", ep.last_name AS "lastName", i.masked, h.hours
       FROM h JOIN esf_participants ep ON ep.id = h.participant_id
       LEFT JOIN esf_identities i ON i.participant_id = ep.id
      ORDER BY ep.last_name, ep.first_name, ep.id`,
    [programmeId, from, to],
  );
}

export interface IndicatorCompanyRow {
  companyId: string;
  companyName: string;
  municipalityName: string | null;
  /** The date that counts the company (first in the period). */
  date: string;
}

const companyRows = (inner: string) => `
  SELECT co.id AS "companyId", co.name AS "companyName", rm.name AS "municipalityName",
         to_char(g.day, 'YYYY-MM-DD') AS date
    FROM (SELECT x.company_id, min(x.day) AS day FROM (${inner}) x GROUP BY x.company_id) g
    JOIN companies co ON co.id = g.company_id
    ${FIRST_MUNICIPALITY_JOIN}
   ORDER BY co.name, co.id`;

const HELD_MEETINGS = `SELECT en.company_id, m.held_on AS day
    FROM coaching_meetings m JOIN engagements en ON en.id = m.engagement_id
   WHERE en.region_id = $2 AND m.status = 'held' AND m.held_on BETWEEN $3::date AND $4::date`;

// The companies behind each company figure, as (company_id, day) rows: $1 programme, $2 region, $3 from, $4 to.

/** SMEs supported: a participant who started, or a held coaching meeting, within the period. */
const SUPPORTED = `
  SELECT y.company_id, y.day FROM (
    SELECT ep.company_id, ep.started_on AS day FROM esf_participants ep
     WHERE ep.programme_id = $1 AND ep.started_on BETWEEN $3::date AND $4::date
    UNION ALL ${HELD_MEETINGS}) y
  JOIN companies c ON c.id = y.company_id AND c.is_sme`;

/** Companies with a mapping submitted within the period. */
const MAPPED = `
  SELECT mp.company_id, (mp.submitted_at AT TIME ZONE 'Europe/Stockholm')::date AS day FROM mappings mp
   WHERE $1::uuid IS NOT NULL AND mp.region_id = $2 AND mp.status = 'submitted'
     AND (mp.submitted_at AT TIME ZONE 'Europe/Stockholm')::date BETWEEN $3::date AND $4::date`;

/** Companies coached: an engagement with a held meeting within the period. */
const COACHED = `${HELD_MEETINGS} AND $1::uuid IS NOT NULL`;

/** Companies whose plan was first adopted within the period. */
const ADOPTED = `
  SELECT en.company_id, (v.adopted_at AT TIME ZONE 'Europe/Stockholm')::date AS day
    FROM plan_versions v JOIN coaching_plans cp ON cp.id = v.plan_id
    JOIN engagements en ON en.id = cp.engagement_id
   WHERE $1::uuid IS NOT NULL AND en.region_id = $2 AND v.number = 1
     AND (v.adopted_at AT TIME ZONE 'Europe/Stockholm')::date BETWEEN $3::date AND $4::date`;

/** Companies whose follow-up at six months or later, done within the period, says the plan is in use. */
const IN_USE = `
  SELECT en.company_id, (f.done_at AT TIME ZONE 'Europe/Stockholm')::date AS day
    FROM plan_followups f JOIN engagements en ON en.id = f.engagement_id
   WHERE $1::uuid IS NOT NULL AND en.region_id = $2 AND f.months >= 6 AND f.plan_in_use IS TRUE
     AND f.done_at IS NOT NULL
     AND (f.done_at AT TIME ZONE 'Europe/Stockholm')::date BETWEEN $3::date AND $4::date`;

const rowsOf = (inner: string) => (db: Db, p: Period) =>
  db.query<IndicatorCompanyRow>(companyRows(inner), [p.programmeId, p.regionId, p.from, p.to]);

export const companiesSupported = rowsOf(SUPPORTED);
export const companiesMapped = rowsOf(MAPPED);
export const companiesCoached = rowsOf(COACHED);
export const plansAdopted = rowsOf(ADOPTED);
export const plansInUse = rowsOf(IN_USE);

export interface FigureCounts {
  companies: number;
  mapped: number;
  coached: number;
  plans: number;
  plansInUse: number;
  hours: number;
}

/**
 * The company figures (how many rows each of the functions above gives) and the training hours of the
 * period, counted in one statement: the indicators page needs the numbers, not the rows.
 */
export async function figureCounts(db: Db, p: Period): Promise<FigureCounts> {
  const n = (inner: string) => `(SELECT count(DISTINCT x.company_id) FROM (${inner}) x)::int`;
  const [row] = await db.query<FigureCounts>(
    `SELECT ${n(SUPPORTED)} AS companies, ${n(MAPPED)} AS mapped, ${n(COACHED)} AS coached,
            ${n(ADOPTED)} AS plans, ${n(IN_USE)} AS "plansInUse",
            (SELECT coalesce(sum(l.hours), 0) FROM (${trainingLines('$1', '$3', '$4')}) l)::int AS hours`,
    [p.programmeId, p.regionId, p.from, p.to],
  );
  if (!row) throw new Error('figure counts: no row');
  return row;
}
