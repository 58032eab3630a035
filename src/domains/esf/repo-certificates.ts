// SQL of ESF time certificates: versions per participant and month, their signatures, one-time signing
// links for a named manager (only the token's hash is kept) and the claim-period lock of a month.
import type { Db } from '../../platform/db.ts';

export type CertificateStatus = 'draft' | 'participant_confirmed' | 'signed' | 'superseded';

export interface CertificateLine {
  date: string;
  activity: 'training' | 'coaching' | 'elearning';
  label: string;
  minutes: number;
  hours: number;
}

export interface CertificateRow {
  id: string;
  participantId: string;
  month: string;
  version: number;
  status: CertificateStatus;
  lines: CertificateLine[];
  totalHours: number;
  employerName: string;
  employerOrgNumber: string;
  reason: string | null;
  createdAt: Date;
  updatedAt: Date;
  programmeId: string;
  regionId: string;
  companyId: string;
  participantUserId: string | null;
  learnerUserId: string | null;
  firstName: string;
  lastName: string;
  masked: string | null;
  managerName: string;
}

const COLS = `c.id, c.participant_id AS "participantId", c.month, c.version, c.status, c.lines,
  c.total_hours AS "totalHours", c.employer_name AS "employerName", c.employer_org_number AS "employerOrgNumber",
  c.reason, c.created_at AS "createdAt", c.updated_at AS "updatedAt", p.programme_id AS "programmeId",
  p.region_id AS "regionId", p.company_id AS "companyId", p.user_id AS "participantUserId",
  l.user_id AS "learnerUserId", p.first_name AS "firstName", p.last_name AS "lastName", i.masked,
  p.manager_name AS "managerName"`;
const FROM = `FROM esf_certificates c JOIN esf_participants p ON p.id = c.participant_id
  LEFT JOIN learners l ON l.id = p.learner_id LEFT JOIN esf_identities i ON i.participant_id = p.id`;

export interface CertificateFilter {
  programmeId: string | null;
  month: string | null;
  companyIds: string[] | null;
  participantIds: string[] | null;
  statuses: CertificateStatus[] | null;
}

/** Certificates matching every given filter (null = no filter), newest month first. */
export async function listCertificates(db: Db, f: CertificateFilter): Promise<CertificateRow[]> {
  return db.query<CertificateRow>(
    `SELECT ${COLS} ${FROM}
      WHERE ($1::uuid IS NULL OR p.programme_id = $1)
        AND ($2::text IS NULL OR c.month = $2)
        AND ($3::uuid[] IS NULL OR p.company_id = ANY($3::uuid[]))
        AND ($4::uuid[] IS NULL OR p.id = ANY($4::uuid[]))
        AND ($5::text[] IS NULL OR c.status = ANY($5::text[]))
      ORDER BY c.month DESC, p.last_name, p.first_name, p.id, c.version DESC
      LIMIT 5000`,
    [f.programmeId, f.month, f.companyIds, f.participantIds, f.statuses],
  );
}

export async function findCertificate(db: Db, id: string): Promise<CertificateRow | null> {
  const [row] = await db.query<CertificateRow>(`SELECT ${COLS} ${FROM} WHERE c.id = $1`, [id]);
  return row ?? null;
}

/** Every version of a participant's month, newest first. */
export async function versionsOf(db: Db, participantId: string, month: string): Promise<CertificateRow[]> {
  return db.query<CertificateRow>(
    `SELECT ${COLS} ${FROM} WHERE c.participant_id = $1 AND c.month = $2 ORDER BY c.version DESC`,
    [participantId, month],
  );
}

/** The latest version of each given participant's month. */
export async function latestOf(
  db: Db,
  participantIds: string[],
  month: string,
): Promise<Map<string, { id: string; version: number; status: CertificateStatus }>> {
  const rows = await db.query<{
    participantId: string;
    id: string;
    version: number;
    status: CertificateStatus;
  }>(
    `SELECT DISTINCT ON (participant_id) participant_id AS "participantId", id, version, status
       FROM esf_certificates WHERE participant_id = ANY($1::uuid[]) AND month = $2
      ORDER BY participant_id, version DESC`,
    [participantIds, month],
  );
  return new Map(rows.map((r) => [r.participantId, r]));
}

export interface CertificateInsert {
  id: string;
  participantId: string;
  month: string;
  version: number;
  lines: CertificateLine[];
  totalHours: number;
  employerName: string;
  employerOrgNumber: string;
  reason: string | null;
  createdBy: string | null;
}

export async function insertCertificate(db: Db, c: CertificateInsert): Promise<void> {
  await db.query(
    `INSERT INTO esf_certificates (id, participant_id, month, version, status, lines, total_hours, employer_name,
       employer_org_number, reason, created_by)
     VALUES ($1, $2, $3, $4, 'draft', $5::jsonb, $6, $7, $8, $9, $10)`,
    [
      c.id,
      c.participantId,
      c.month,
      c.version,
      JSON.stringify(c.lines),
      c.totalHours,
      c.employerName,
      c.employerOrgNumber,
      c.reason,
      c.createdBy,
    ],
  );
}

/** Replace a draft's lines; false when the certificate is no longer a draft. */
export async function replaceDraftLines(
  db: Db,
  id: string,
  lines: CertificateLine[],
  totalHours: number,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE esf_certificates SET lines = $2::jsonb, total_hours = $3, updated_at = now()
      WHERE id = $1 AND status = 'draft' RETURNING id`,
    [id, JSON.stringify(lines), totalHours],
  );
  return rows.length === 1;
}

/** Move a certificate from one status to the next; false when it was not in `from` any more. */
export async function setStatus(
  db: Db,
  id: string,
  from: CertificateStatus[],
  to: CertificateStatus,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE esf_certificates SET status = $3, updated_at = now()
      WHERE id = $1 AND status = ANY($2::text[]) RETURNING id`,
    [id, from, to],
  );
  return rows.length === 1;
}

export interface SignatureRow {
  certificateId: string;
  role: 'participant' | 'manager';
  method: 'session' | 'link' | 'batch' | 'paper';
  signerUserId: string | null;
  signerName: string;
  batchId: string | null;
  signedAt: Date;
}

export async function signaturesOf(db: Db, certificateIds: string[]): Promise<SignatureRow[]> {
  if (certificateIds.length === 0) return [];
  return db.query<SignatureRow>(
    `SELECT certificate_id AS "certificateId", role, method, signer_user_id AS "signerUserId",
            signer_name AS "signerName", batch_id AS "batchId", signed_at AS "signedAt"
       FROM esf_certificate_signatures WHERE certificate_id = ANY($1::uuid[]) ORDER BY signed_at, role`,
    [certificateIds],
  );
}

export async function insertSignature(
  db: Db,
  s: {
    id: string;
    certificateId: string;
    role: SignatureRow['role'];
    method: SignatureRow['method'];
    signerUserId: string | null;
    signerName: string;
    batchId: string | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO esf_certificate_signatures (id, certificate_id, role, method, signer_user_id, signer_name, batch_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [s.id, s.certificateId, s.role, s.method, s.signerUserId, s.signerName, s.batchId],
  );
}

/** True when a closed claim period of the programme covers the month. */
export async function monthClosed(db: Db, programmeId: string, month: string): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM esf_claim_periods
      WHERE programme_id = $1 AND status = 'closed' AND first_month <= $2 AND last_month >= $2 LIMIT 1`,
    [programmeId, month],
  );
  return rows.length > 0;
}

/** Participants of a programme (generation for a month reads their activity). */
export async function programmeParticipants(
  db: Db,
  programmeId: string,
): Promise<{ id: string; employerName: string; employerOrgNumber: string }[]> {
  return db.query(
    `SELECT p.id, co.name AS "employerName", p.employer_org_number AS "employerOrgNumber"
       FROM esf_participants p JOIN companies co ON co.id = p.company_id
      WHERE p.programme_id = $1 ORDER BY p.id`,
    [programmeId],
  );
}

export async function insertSignLink(
  db: Db,
  l: { id: string; certificateId: string; tokenHash: string; expiresAt: Date; createdBy: string },
): Promise<void> {
  await db.query(
    `INSERT INTO esf_sign_links (id, certificate_id, token_hash, expires_at, created_by) VALUES ($1, $2, $3, $4, $5)`,
    [l.id, l.certificateId, l.tokenHash, l.expiresAt, l.createdBy],
  );
}

/** The certificate of an unused, unexpired link, by the token's hash. */
export async function liveSignLink(
  db: Db,
  tokenHash: string,
): Promise<{ id: string; certificateId: string } | null> {
  const [row] = await db.query<{ id: string; certificateId: string }>(
    `SELECT id, certificate_id AS "certificateId" FROM esf_sign_links
      WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()`,
    [tokenHash],
  );
  return row ?? null;
}

/** Spend a link; false when it was used or expired meanwhile. */
export async function useSignLink(db: Db, id: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE esf_sign_links SET used_at = now() WHERE id = $1 AND used_at IS NULL AND expires_at > now() RETURNING id`,
    [id],
  );
  return rows.length === 1;
}

/** Outstanding links of a certificate (shown on its page: count and latest expiry). */
export async function openLinks(db: Db, certificateId: string): Promise<{ expiresAt: Date }[]> {
  return db.query(
    `SELECT expires_at AS "expiresAt" FROM esf_sign_links
      WHERE certificate_id = $1 AND used_at IS NULL AND expires_at > now() ORDER BY expires_at DESC`,
    [certificateId],
  );
}

export interface MonthStatusRow {
  participantId: string;
  month: string;
  latestVersion: number;
  status: CertificateStatus;
  totalHours: number;
}

/** The latest version of every participant × month of a programme within [first, last] (YYYY-MM). */
export async function latestPerMonth(
  db: Db,
  programmeId: string,
  firstMonth: string,
  lastMonth: string,
): Promise<MonthStatusRow[]> {
  return db.query<MonthStatusRow>(
    `SELECT DISTINCT ON (c.participant_id, c.month) c.participant_id AS "participantId", c.month,
            c.version AS "latestVersion", c.status, c.total_hours AS "totalHours"
       FROM esf_certificates c JOIN esf_participants p ON p.id = c.participant_id
      WHERE p.programme_id = $1 AND c.month BETWEEN $2 AND $3
      ORDER BY c.participant_id, c.month, c.version DESC`,
    [programmeId, firstMonth, lastMonth],
  );
}
