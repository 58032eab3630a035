// Test fixtures of the ESF domain (tests only): a programme with an ESF administrator, SME companies with a
// contact, registered participants (through the service, sealed with the test key ring) and activity —
// attended course sessions and held coaching meetings — written with plain SQL.
import { randomUUID } from 'node:crypto';
import { actorOf, makeUser, TEST_KEYRING, type TestUser } from '../../../test/app.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Actor } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { luhnCheckDigit } from '../../platform/identifiers.ts';
import { createProgramme, ensureRegion } from '../organisations/index.ts';
import { participantInput } from './schema.ts';
import { registerParticipant } from './service/participants.ts';

export interface EsfSetup {
  regionId: string;
  programmeId: string;
  admin: TestUser;
  adminActor: Actor;
  officer: TestUser;
  companyId: string;
  /** The company's first contact (the default nearest manager). */
  contactId: string;
}

/** Region 07 with an ESF+ programme running today, an ESF administrator, an officer and one SME company. */
export async function esfSetup(db: Db): Promise<EsfSetup> {
  const regionId = await ensureRegion(db, '07');
  const year = new Date().getUTCFullYear();
  const existing = await db.query<{ id: string }>('SELECT id FROM programmes WHERE region_id = $1', [
    regionId,
  ]);
  const programmeId =
    existing[0]?.id ??
    (await createProgramme(db, {
      regionId,
      name: 'Kompetens i test',
      startsOn: `${year - 2}-01-01`,
      endsOn: `${year + 2}-12-31`,
      ruleSet: 'esf-plus-2021-2027',
      funders: [
        { name: 'ESF+', amountSek: 3_706_566 },
        { name: 'Regionen', amountSek: 1_235_522 },
      ],
    }));
  const admin = await makeUser(db, [{ role: 'esf_admin', org: 'region' }]);
  const officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
  const companyId = await makeCompany(db, officer);
  const [contact] = await db.query<{ id: string }>(
    'SELECT id FROM company_contacts WHERE company_id = $1 ORDER BY position, id LIMIT 1',
    [companyId],
  );
  return {
    regionId,
    programmeId,
    admin,
    adminActor: await actorOf(db, admin.id),
    officer,
    companyId,
    contactId: contact?.id as string,
  };
}

let serial = 100;
/** A valid, clearly fictitious personnummer (born 1990–1999; serial 9xx marks test data). */
export function fictitiousPersonnummer(opts: { gender?: 'woman' | 'man'; birth?: string } = {}): string {
  serial += 1;
  const birth = opts.birth ?? `199${serial % 10}-0${(serial % 9) + 1}-1${serial % 9}`;
  const [y, m, d] = birth.split('-') as [string, string, string];
  const genderDigit = opts.gender === 'woman' ? (serial % 5) * 2 : (serial % 5) * 2 + 1;
  const body = `${y.slice(2)}${m}${d}9${serial % 10}${genderDigit}`;
  return `${y.slice(0, 2)}${body.slice(0, 6)}-${body.slice(6)}${luhnCheckDigit(body)}`;
}

/** Register a participant by hand through the service; returns its id and the number used. */
export async function makeParticipant(
  db: Db,
  s: EsfSetup,
  opts: {
    companyId?: string;
    firstName?: string;
    lastName?: string;
    gender?: 'woman' | 'man';
    personnummer?: string;
    startedOn?: string | null;
    managerContactId?: string;
  } = {},
): Promise<{ id: string; personnummer: string }> {
  const personnummer = opts.personnummer ?? fictitiousPersonnummer({ gender: opts.gender });
  const input = participantInput.parse({
    source: 'manual',
    companyId: opts.companyId ?? s.companyId,
    personnummer,
    firstName: opts.firstName ?? 'Test',
    lastName: opts.lastName ?? `Deltagare ${serial}`,
    managerContactId: opts.managerContactId ?? s.contactId,
    startedOn: opts.startedOn === undefined ? '' : (opts.startedOn ?? ''),
    informationAcknowledged: 'on',
    eligibilityConfirmed: 'on',
  });
  const { id } = await registerParticipant(db, TEST_KEYRING, { actor: s.adminActor, ip: '127.0.0.1' }, input);
  return { id, personnummer };
}

/**
 * Course attendance for a participant: a learner of the participant's company linked to the participant,
 * an approved course with one session per given date (09:00 Stockholm) and `minutes` attended each.
 */
export async function addAttendance(
  db: Db,
  s: EsfSetup,
  participantId: string,
  days: { date: string; minutes: number }[],
): Promise<void> {
  const [p] = await db.query<{
    companyId: string;
    learnerId: string | null;
    firstName: string;
    lastName: string;
  }>(
    `SELECT company_id AS "companyId", learner_id AS "learnerId", first_name AS "firstName", last_name AS "lastName"
       FROM esf_participants WHERE id = $1`,
    [participantId],
  );
  if (!p) throw new Error('participant missing');
  let learnerId = p.learnerId;
  if (!learnerId) {
    learnerId = randomUUID();
    await db.query(`INSERT INTO learners (id, company_id, first_name, last_name) VALUES ($1, $2, $3, $4)`, [
      learnerId,
      p.companyId,
      p.firstName,
      p.lastName,
    ]);
    await db.query('UPDATE esf_participants SET learner_id = $2 WHERE id = $1', [participantId, learnerId]);
  }
  const providerId = randomUUID();
  await db.query(
    `INSERT INTO organisations (id, kind, name, region_id) VALUES ($1, 'provider', 'Testanordnare', $2)`,
    [providerId, s.regionId],
  );
  const courseId = randomUUID();
  await db.query(
    `INSERT INTO courses (id, region_id, provider_org_id, title, format, hours, financing, status, approved_at)
     VALUES ($1, $2, $3, 'Svetsning grund (test)', 'classroom', 16, 'company', 'approved', now())`,
    [courseId, s.regionId, providerId],
  );
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const occasionId = randomUUID();
  await db.query(
    `INSERT INTO course_occasions (id, course_id, starts_on, ends_on, seats, enrolment_deadline)
     VALUES ($1, $2, $3, $4, 10, $3)`,
    [occasionId, courseId, sorted[0]?.date, sorted[sorted.length - 1]?.date],
  );
  const enrolmentId = randomUUID();
  await db.query(
    `INSERT INTO enrolments (id, occasion_id, learner_id, company_id, status, paid_by)
     VALUES ($1, $2, $3, $4, 'enrolled', 'company')`,
    [enrolmentId, occasionId, learnerId, p.companyId],
  );
  for (const d of sorted) {
    const sessionId = randomUUID();
    await db.query(
      `INSERT INTO course_sessions (id, occasion_id, starts_at, ends_at)
       VALUES ($1, $2, ($3::date + time '09:00') AT TIME ZONE 'Europe/Stockholm',
               ($3::date + time '17:00') AT TIME ZONE 'Europe/Stockholm')`,
      [sessionId, occasionId, d.date],
    );
    await db.query('INSERT INTO attendance (session_id, enrolment_id, minutes) VALUES ($1, $2, $3)', [
      sessionId,
      enrolmentId,
      d.minutes,
    ]);
  }
}

/** A company contact user for a company (sees own employees' certificates). */
export async function makeContactUser(db: Db, companyId: string): Promise<TestUser> {
  return makeUser(db, [{ role: 'company_contact', org: `company:${companyId}` }]);
}
