// SQL of ESF participants and their sealed identities, and the registration sources (enrolled learners,
// coaching meeting attendees) read for prefilling.
import type { Db } from '../../platform/db.ts';

export interface ParticipantRow {
  id: string;
  programmeId: string;
  regionId: string;
  source: 'enrolment' | 'coaching' | 'manual';
  learnerId: string | null;
  userId: string | null;
  firstName: string;
  lastName: string;
  gender: 'woman' | 'man';
  ageAtStart: number | null;
  companyId: string;
  companyName: string;
  employerOrgNumber: string;
  managerContactId: string | null;
  managerName: string;
  managerEmail: string | null;
  email: string | null;
  mobile: string | null;
  startedOn: string | null;
  endedOn: string | null;
  endReason: string | null;
  closedAt: Date | null;
  eligibilityConfirmedAt: Date | null;
  informationAcknowledgedAt: Date | null;
  informationTextSha256: string | null;
  protectedIdentity: boolean;
  masked: string | null;
  identityKind: 'personnummer' | 'samordningsnummer' | 'protected' | null;
  version: number;
  createdAt: Date;
}

const COLS = `p.id, p.programme_id AS "programmeId", p.region_id AS "regionId", p.source, p.learner_id AS "learnerId",
  p.user_id AS "userId", p.first_name AS "firstName", p.last_name AS "lastName", p.gender, p.age_at_start AS "ageAtStart",
  p.company_id AS "companyId", c.name AS "companyName", p.employer_org_number AS "employerOrgNumber",
  p.manager_contact_id AS "managerContactId", p.manager_name AS "managerName", p.manager_email AS "managerEmail",
  p.email, p.mobile, to_char(p.started_on, 'YYYY-MM-DD') AS "startedOn", to_char(p.ended_on, 'YYYY-MM-DD') AS "endedOn",
  p.end_reason AS "endReason", p.closed_at AS "closedAt", p.eligibility_confirmed_at AS "eligibilityConfirmedAt",
  p.information_acknowledged_at AS "informationAcknowledgedAt", p.information_text_sha256 AS "informationTextSha256",
  p.protected_identity AS "protectedIdentity", i.masked, i.kind AS "identityKind", p.version, p.created_at AS "createdAt"`;
const FROM = `FROM esf_participants p JOIN companies c ON c.id = p.company_id
  LEFT JOIN esf_identities i ON i.participant_id = p.id`;

export interface ListFilter {
  q: string | null;
  status: 'active' | 'ended' | 'all';
  companyId: string | null;
  /** Only these companies (a company contact's own); null = every company of the programme. */
  companyIds: string[] | null;
}

export async function listParticipants(
  db: Db,
  programmeId: string,
  f: ListFilter,
): Promise<ParticipantRow[]> {
  return db.query<ParticipantRow>(
    `SELECT ${COLS} ${FROM}
      WHERE p.programme_id = $1
        AND ($2::text IS NULL OR (p.first_name || ' ' || p.last_name || ' ' || c.name) ILIKE '%' || $2 || '%')
        AND ($3 = 'all' OR ($3 = 'active' AND p.ended_on IS NULL) OR ($3 = 'ended' AND p.ended_on IS NOT NULL))
        AND ($4::uuid IS NULL OR p.company_id = $4)
        AND ($5::uuid[] IS NULL OR p.company_id = ANY($5::uuid[]))
      ORDER BY p.last_name, p.first_name, p.id
      LIMIT 2000`,
    [programmeId, f.q, f.status, f.companyId, f.companyIds],
  );
}

export async function findParticipant(
  db: Db,
  programmeId: string,
  id: string,
): Promise<ParticipantRow | null> {
  const [row] = await db.query<ParticipantRow>(
    `SELECT ${COLS} ${FROM} WHERE p.programme_id = $1 AND p.id = $2`,
    [programmeId, id],
  );
  return row ?? null;
}

/** Participants registered for a user (the participant's own login) in any programme. */
export async function participantsOfUser(db: Db, userId: string): Promise<ParticipantRow[]> {
  return db.query<ParticipantRow>(
    `SELECT ${COLS} ${FROM} WHERE p.user_id = $1 OR p.learner_id IN (SELECT id FROM learners WHERE user_id = $1)
      ORDER BY p.created_at`,
    [userId],
  );
}

export interface ParticipantInsert {
  id: string;
  programmeId: string;
  regionId: string;
  source: string;
  learnerId: string | null;
  userId: string | null;
  firstName: string;
  lastName: string;
  gender: string;
  ageAtStart: number | null;
  companyId: string;
  employerOrgNumber: string;
  managerContactId: string | null;
  managerName: string;
  managerEmail: string | null;
  email: string | null;
  mobile: string | null;
  startedOn: string | null;
  eligibilityConfirmed: boolean;
  informationAcknowledged: boolean;
  informationTextSha256: string | null;
  protectedIdentity: boolean;
  createdBy: string;
}

export async function insertParticipant(db: Db, p: ParticipantInsert): Promise<void> {
  await db.query(
    `INSERT INTO esf_participants (id, programme_id, region_id, source, learner_id, user_id, first_name, last_name, gender,
       age_at_start, company_id, employer_org_number, manager_contact_id, manager_name, manager_email, email, mobile,
       started_on, eligibility_confirmed_at, eligibility_confirmed_by, information_acknowledged_at,
       information_text_sha256, protected_identity, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
       CASE WHEN $19 THEN now() END, CASE WHEN $19 THEN $23::uuid END, CASE WHEN $20 THEN now() END,
       CASE WHEN $20 THEN $21 END, $22, $23)`,
    [
      p.id,
      p.programmeId,
      p.regionId,
      p.source,
      p.learnerId,
      p.userId,
      p.firstName,
      p.lastName,
      p.gender,
      p.ageAtStart,
      p.companyId,
      p.employerOrgNumber,
      p.managerContactId,
      p.managerName,
      p.managerEmail,
      p.email,
      p.mobile,
      p.startedOn,
      p.eligibilityConfirmed,
      p.informationAcknowledged,
      p.informationTextSha256,
      p.protectedIdentity,
      p.createdBy,
    ],
  );
}

export async function insertIdentity(
  db: Db,
  i: {
    participantId: string;
    programmeId: string;
    kind: string;
    keyId: string;
    sealed: Buffer;
    lookupHash: string;
    masked: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO esf_identities (participant_id, programme_id, kind, key_id, sealed, lookup_hash, masked)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [i.participantId, i.programmeId, i.kind, i.keyId, i.sealed, i.lookupHash, i.masked],
  );
}

/** The participant already registered with one of these keyed hashes, or null. */
export async function findByLookup(
  db: Db,
  programmeId: string,
  hashes: string[],
): Promise<{ id: string } | null> {
  const [row] = await db.query<{ id: string }>(
    'SELECT participant_id AS id FROM esf_identities WHERE programme_id = $1 AND lookup_hash = ANY($2::text[])',
    [programmeId, hashes],
  );
  return row ?? null;
}

export interface SealedIdentity {
  participantId: string;
  keyId: string;
  sealed: Buffer;
  kind: string;
}

export async function sealedIdentities(db: Db, participantIds: string[]): Promise<SealedIdentity[]> {
  const rows = await db.query<{ participantId: string; keyId: string; sealed: Uint8Array; kind: string }>(
    `SELECT participant_id AS "participantId", key_id AS "keyId", sealed, kind FROM esf_identities
      WHERE participant_id = ANY($1::uuid[])`,
    [participantIds],
  );
  return rows.map((r) => ({ ...r, sealed: Buffer.from(r.sealed) }));
}

export async function updateSealed(
  db: Db,
  participantId: string,
  s: { keyId: string; sealed: Buffer; lookupHash: string },
): Promise<void> {
  await db.query(
    `UPDATE esf_identities SET key_id = $2, sealed = $3, lookup_hash = $4, updated_at = now() WHERE participant_id = $1`,
    [participantId, s.keyId, s.sealed, s.lookupHash],
  );
}

export async function allIdentityIds(db: Db): Promise<string[]> {
  return (await db.query<{ id: string }>('SELECT participant_id AS id FROM esf_identities ORDER BY 1')).map(
    (r) => r.id,
  );
}

/** Close (end) a participation under optimistic concurrency; false when the version moved on. */
export async function closeParticipant(
  db: Db,
  p: { id: string; programmeId: string; endedOn: string; reason: string | null; by: string; version: number },
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE esf_participants SET ended_on = $3, end_reason = $4, closed_at = now(), closed_by = $5,
            version = version + 1, updated_at = now()
      WHERE id = $1 AND programme_id = $2 AND version = $6 RETURNING id`,
    [p.id, p.programmeId, p.endedOn, p.reason, p.by, p.version],
  );
  return rows.length === 1;
}

export async function setStartedOn(
  db: Db,
  id: string,
  startedOn: string,
  ageAtStart: number | null,
): Promise<void> {
  await db.query(
    `UPDATE esf_participants SET started_on = $2, age_at_start = coalesce(age_at_start, $3), updated_at = now()
      WHERE id = $1 AND started_on IS NULL`,
    [id, startedOn, ageAtStart],
  );
}

export async function acknowledgeInformation(db: Db, id: string, sha: string): Promise<void> {
  await db.query(
    `UPDATE esf_participants SET information_acknowledged_at = now(), information_text_sha256 = $2,
            version = version + 1, updated_at = now() WHERE id = $1`,
    [id, sha],
  );
}

/**
 * Participants of the programme without a start who have an activity (attended training, a held coaching
 * meeting, e-learning time): the ones whose start can be filled in. No limit: every one of them.
 */
export async function pendingStartIds(db: Db, programmeId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT p.id FROM esf_participants p
      WHERE p.programme_id = $1 AND p.started_on IS NULL
        AND (EXISTS (SELECT 1 FROM enrolments e JOIN attendance a ON a.enrolment_id = e.id AND a.minutes > 0
                      WHERE e.learner_id = p.learner_id AND e.status <> 'cancelled')
             OR EXISTS (SELECT 1 FROM coaching_meeting_attendees ma
                          JOIN coaching_meetings m ON m.id = ma.meeting_id AND m.status = 'held'
                         WHERE ma.esf_participant_id = p.id)
             OR EXISTS (SELECT 1 FROM dl_enrolments de JOIN dl_time t ON t.enrolment_id = de.id AND t.minutes > 0
                         WHERE de.learner_id = p.learner_id))`,
    [programmeId],
  );
  return rows.map((r) => r.id);
}
