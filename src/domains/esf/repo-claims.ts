// SQL of the payment-claim periods: the periods, what their checks read (participants, produced SCB
// months, the latest certificate versions) and the freeze on closing.
import type { Db } from '../../platform/db.ts';

export interface ClaimPeriodRow {
  id: string;
  programmeId: string;
  firstMonth: string;
  lastMonth: string;
  status: 'open' | 'closed';
  closedAt: Date | null;
  closedByName: string | null;
  createdAt: Date;
}

const PERIOD_COLS = `cp.id, cp.programme_id AS "programmeId", cp.first_month AS "firstMonth",
  cp.last_month AS "lastMonth", cp.status, cp.closed_at AS "closedAt", u.name AS "closedByName",
  cp.created_at AS "createdAt"`;

export async function listPeriods(db: Db, programmeId: string): Promise<ClaimPeriodRow[]> {
  return db.query<ClaimPeriodRow>(
    `SELECT ${PERIOD_COLS} FROM esf_claim_periods cp LEFT JOIN users u ON u.id = cp.closed_by
      WHERE cp.programme_id = $1 ORDER BY cp.first_month DESC`,
    [programmeId],
  );
}

/** A period of the programme (null when unknown or of another programme). */
export async function findPeriod(db: Db, programmeId: string, id: string): Promise<ClaimPeriodRow | null> {
  const [row] = await db.query<ClaimPeriodRow>(
    `SELECT ${PERIOD_COLS} FROM esf_claim_periods cp LEFT JOIN users u ON u.id = cp.closed_by
      WHERE cp.programme_id = $1 AND cp.id = $2`,
    [programmeId, id],
  );
  return row ?? null;
}

/** Serialise period writes of one programme (overlap check, closing). */
export async function lockProgramme(tx: Db, programmeId: string): Promise<void> {
  await tx.query('SELECT id FROM programmes WHERE id = $1 FOR UPDATE', [programmeId]);
}

/** Whether another period of the programme shares a month with [first, last]. */
export async function overlaps(db: Db, programmeId: string, first: string, last: string): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM esf_claim_periods
      WHERE programme_id = $1 AND first_month <= $3 AND last_month >= $2 LIMIT 1`,
    [programmeId, first, last],
  );
  return rows.length > 0;
}

export async function insertPeriod(
  db: Db,
  v: { id: string; programmeId: string; firstMonth: string; lastMonth: string; createdBy: string },
): Promise<void> {
  await db.query(
    `INSERT INTO esf_claim_periods (id, programme_id, first_month, last_month, created_by)
     VALUES ($1, $2, $3, $4, $5)`,
    [v.id, v.programmeId, v.firstMonth, v.lastMonth, v.createdBy],
  );
}

/**
 * Whether a month (`2026-10`) of the programme lies in a closed claim period: the freeze other ESF use
 * cases check before changing certificates or SCB months.
 */
export async function monthClosed(db: Db, programmeId: string, month: string): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM esf_claim_periods
      WHERE programme_id = $1 AND status = 'closed' AND $2 BETWEEN first_month AND last_month LIMIT 1`,
    [programmeId, month],
  );
  return rows.length > 0;
}

export interface ClaimParticipantRow {
  id: string;
  firstName: string;
  lastName: string;
  startedOn: string | null;
  endedOn: string | null;
  companyId: string;
  companyName: string;
  orgNumber: string;
  soleTrader: boolean;
}

/** Every participant of the programme, with the employer company. */
export async function programmeParticipants(db: Db, programmeId: string): Promise<ClaimParticipantRow[]> {
  return db.query<ClaimParticipantRow>(
    `SELECT p.id, p.first_name AS "firstName", p.last_name AS "lastName",
            to_char(p.started_on, 'YYYY-MM-DD') AS "startedOn", to_char(p.ended_on, 'YYYY-MM-DD') AS "endedOn",
            p.company_id AS "companyId", c.name AS "companyName", c.org_number AS "orgNumber",
            c.is_sole_trader AS "soleTrader"
       FROM esf_participants p JOIN companies c ON c.id = p.company_id
      WHERE p.programme_id = $1
      ORDER BY p.last_name, p.first_name, p.id`,
    [programmeId],
  );
}

export interface ScbMonthState {
  month: string;
  version: number;
  resendRequired: boolean;
}

/** The latest produced version of each SCB month of the programme (all months). */
export async function latestScbMonths(db: Db, programmeId: string): Promise<ScbMonthState[]> {
  return db.query<ScbMonthState>(
    `SELECT DISTINCT ON (month) month, version, resend_required AS "resendRequired"
       FROM esf_scb_months WHERE programme_id = $1 ORDER BY month, version DESC`,
    [programmeId],
  );
}

/** The participants that appear with a start date in some produced SCB month of the programme. */
export async function reportedStarts(db: Db, programmeId: string): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>(
    `SELECT DISTINCT r.participant_id AS id
       FROM esf_scb_month_rows r JOIN esf_scb_months m ON m.id = r.month_id
      WHERE m.programme_id = $1 AND r.started_on IS NOT NULL`,
    [programmeId],
  );
  return new Set(rows.map((r) => r.id));
}

export interface CertificateState {
  id: string;
  participantId: string;
  month: string;
  status: 'draft' | 'participant_confirmed' | 'signed' | 'superseded';
  totalHours: number;
  signatures: number;
}

/** The latest version of each certificate of the programme's participants in [first, last] (months). */
export async function latestCertificates(
  db: Db,
  programmeId: string,
  first: string,
  last: string,
): Promise<CertificateState[]> {
  return db.query<CertificateState>(
    `SELECT DISTINCT ON (c.participant_id, c.month) c.id, c.participant_id AS "participantId", c.month,
            c.status, c.total_hours AS "totalHours",
            (SELECT count(*)::int FROM esf_certificate_signatures s WHERE s.certificate_id = c.id) AS signatures
       FROM esf_certificates c JOIN esf_participants p ON p.id = c.participant_id
      WHERE p.programme_id = $1 AND c.month BETWEEN $2 AND $3
      ORDER BY c.participant_id, c.month, c.version DESC`,
    [programmeId, first, last],
  );
}

/**
 * Close a period: its status, and the claim period on the latest certificate version of each participant
 * and month and on the latest version of each SCB month of its months. Returns the numbers stamped.
 */
export async function closePeriod(
  tx: Db,
  p: { id: string; programmeId: string; firstMonth: string; lastMonth: string; closedBy: string },
): Promise<{ certificates: number; scbMonths: number }> {
  await tx.query(
    `UPDATE esf_claim_periods SET status = 'closed', closed_at = now(), closed_by = $2 WHERE id = $1`,
    [p.id, p.closedBy],
  );
  const certs = await tx.query<{ id: string }>(
    `UPDATE esf_certificates SET claim_period_id = $1, updated_at = now()
      WHERE id IN (
        SELECT DISTINCT ON (c.participant_id, c.month) c.id
          FROM esf_certificates c JOIN esf_participants pa ON pa.id = c.participant_id
         WHERE pa.programme_id = $2 AND c.month BETWEEN $3 AND $4
         ORDER BY c.participant_id, c.month, c.version DESC)
      RETURNING id`,
    [p.id, p.programmeId, p.firstMonth, p.lastMonth],
  );
  const months = await tx.query<{ id: string }>(
    `UPDATE esf_scb_months SET claim_period_id = $1
      WHERE id IN (
        SELECT DISTINCT ON (month) id FROM esf_scb_months
         WHERE programme_id = $2 AND month BETWEEN $3 AND $4
         ORDER BY month, version DESC)
      RETURNING id`,
    [p.id, p.programmeId, p.firstMonth, p.lastMonth],
  );
  return { certificates: certs.length, scbMonths: months.length };
}
