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

/** The company's first workplace's municipality (by position). */
const FIRST_MUNICIPALITY = `(SELECT rm.name FROM company_workplaces w JOIN ref_municipalities rm ON rm.code = w.municipality_code
   WHERE w.company_id = co.id ORDER BY w.position, w.id LIMIT 1)`;

/** Participants of the programme whose participation started within the period. */
export async function participantsStarted(db: Db, p: Period): Promise<IndicatorParticipantRow[]> {
  return db.query<IndicatorParticipantRow>(
    `SELECT ep.id, ep.first_name AS "firstName", ep.last_name AS "lastName", i.masked, ep.gender,
            ep.age_at_start AS "ageAtStart", co.id AS "companyId", co.name AS "companyName",
            ${FIRST_MUNICIPALITY} AS "municipalityName", to_char(ep.started_on, 'YYYY-MM-DD') AS "startedOn"
       FROM esf_participants ep JOIN companies co ON co.id = ep.company_id
       LEFT JOIN esf_identities i ON i.participant_id = ep.id
      WHERE ep.programme_id = $1 AND ep.started_on BETWEEN $2::date AND $3::date
      ORDER BY ep.last_name, ep.first_name, ep.id`,
    [p.programmeId, p.from, p.to],
  );
}

/** Every participant of the programme (id, name, masked number) — whose activity gives training hours. */
export async function programmeParticipants(
  db: Db,
  programmeId: string,
): Promise<{ id: string; firstName: string; lastName: string; masked: string | null }[]> {
  return db.query(
    `SELECT ep.id, ep.first_name AS "firstName", ep.last_name AS "lastName", i.masked
       FROM esf_participants ep LEFT JOIN esf_identities i ON i.participant_id = ep.id
      WHERE ep.programme_id = $1 ORDER BY ep.last_name, ep.first_name, ep.id`,
    [programmeId],
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
  SELECT co.id AS "companyId", co.name AS "companyName", ${FIRST_MUNICIPALITY} AS "municipalityName",
         to_char(min(x.day), 'YYYY-MM-DD') AS date
    FROM (${inner}) x JOIN companies co ON co.id = x.company_id
   GROUP BY co.id, co.name ORDER BY co.name, co.id`;

const HELD_MEETINGS = `SELECT en.company_id, m.held_on AS day
    FROM coaching_meetings m JOIN engagements en ON en.id = m.engagement_id
   WHERE en.region_id = $2 AND m.status = 'held' AND m.held_on BETWEEN $3::date AND $4::date`;

/** SMEs supported: a participant who started, or a held coaching meeting, within the period. */
export async function companiesSupported(db: Db, p: Period): Promise<IndicatorCompanyRow[]> {
  return db.query<IndicatorCompanyRow>(
    companyRows(`
      SELECT y.company_id, y.day FROM (
        SELECT ep.company_id, ep.started_on AS day FROM esf_participants ep
         WHERE ep.programme_id = $1 AND ep.started_on BETWEEN $3::date AND $4::date
        UNION ALL ${HELD_MEETINGS}) y
      JOIN companies c ON c.id = y.company_id AND c.is_sme`),
    [p.programmeId, p.regionId, p.from, p.to],
  );
}

/** Companies with a mapping submitted within the period. */
export async function companiesMapped(db: Db, p: Period): Promise<IndicatorCompanyRow[]> {
  return db.query<IndicatorCompanyRow>(
    companyRows(`
      SELECT mp.company_id, (mp.submitted_at AT TIME ZONE 'Europe/Stockholm')::date AS day FROM mappings mp
       WHERE $1::uuid IS NOT NULL AND mp.region_id = $2 AND mp.status = 'submitted'
         AND (mp.submitted_at AT TIME ZONE 'Europe/Stockholm')::date BETWEEN $3::date AND $4::date`),
    [p.programmeId, p.regionId, p.from, p.to],
  );
}

/** Companies coached: an engagement with a held meeting within the period. */
export async function companiesCoached(db: Db, p: Period): Promise<IndicatorCompanyRow[]> {
  return db.query<IndicatorCompanyRow>(companyRows(`${HELD_MEETINGS} AND $1::uuid IS NOT NULL`), [
    p.programmeId,
    p.regionId,
    p.from,
    p.to,
  ]);
}

/** Companies whose plan was first adopted within the period. */
export async function plansAdopted(db: Db, p: Period): Promise<IndicatorCompanyRow[]> {
  return db.query<IndicatorCompanyRow>(
    companyRows(`
      SELECT en.company_id, (v.adopted_at AT TIME ZONE 'Europe/Stockholm')::date AS day
        FROM plan_versions v JOIN coaching_plans cp ON cp.id = v.plan_id
        JOIN engagements en ON en.id = cp.engagement_id
       WHERE $1::uuid IS NOT NULL AND en.region_id = $2 AND v.number = 1
         AND (v.adopted_at AT TIME ZONE 'Europe/Stockholm')::date BETWEEN $3::date AND $4::date`),
    [p.programmeId, p.regionId, p.from, p.to],
  );
}

/** Companies whose follow-up at six months or later, done within the period, says the plan is in use. */
export async function plansInUse(db: Db, p: Period): Promise<IndicatorCompanyRow[]> {
  return db.query<IndicatorCompanyRow>(
    companyRows(`
      SELECT en.company_id, (f.done_at AT TIME ZONE 'Europe/Stockholm')::date AS day
        FROM plan_followups f JOIN engagements en ON en.id = f.engagement_id
       WHERE $1::uuid IS NOT NULL AND en.region_id = $2 AND f.months >= 6 AND f.plan_in_use IS TRUE
         AND f.done_at IS NOT NULL
         AND (f.done_at AT TIME ZONE 'Europe/Stockholm')::date BETWEEN $3::date AND $4::date`),
    [p.programmeId, p.regionId, p.from, p.to],
  );
}
