// All SQL of time entries and signed monthly reports (staff_time_entries, staff_time_reports).
import type { Db, SqlParam } from '../../platform/db.ts';

export interface Scope {
  userId: string;
  regionIds: string[];
  organisationIds: string[];
}

/** The rows of `alias` (user_id, organisation_id columns) an actor may read, as one SQL condition. */
export function scopeSql(scope: Scope, params: SqlParam[], alias: string): string {
  params.push(scope.userId);
  const parts = [`${alias}.user_id = $${params.length}`];
  if (scope.regionIds.length) {
    params.push(scope.regionIds);
    parts.push(
      `${alias}.organisation_id IN (SELECT so.id FROM organisations so WHERE so.region_id = ANY($${params.length}::uuid[]))`,
    );
  }
  if (scope.organisationIds.length) {
    params.push(scope.organisationIds);
    parts.push(`${alias}.organisation_id = ANY($${params.length}::uuid[])`);
  }
  return `(${parts.join(' OR ')})`;
}

/** The employment valid on the entry's date (kind and hourly cost), for a query over entries `e`. */
export const EMPLOYMENT_JOIN = `LEFT JOIN LATERAL (
    SELECT se.kind, se.hourly_cost_sek FROM staff_employment se
     WHERE se.user_id = e.user_id AND se.organisation_id = e.organisation_id
       AND se.valid_from <= e.work_date AND (se.valid_to IS NULL OR se.valid_to >= e.work_date)
     ORDER BY se.valid_from DESC LIMIT 1) emp ON true`;

export interface EntryRow {
  id: string;
  userId: string;
  organisationId: string;
  organisationName: string;
  workDate: string;
  hours: number;
  activity: string;
  companyId: string | null;
  companyName: string | null;
  engagementId: string | null;
  note: string;
  updatedAt: Date;
}

const ENTRY_COLUMNS = `e.id, e.user_id AS "userId", e.organisation_id AS "organisationId", o.name AS "organisationName",
  e.work_date AS "workDate", e.hours::float8 AS hours, e.activity, e.company_id AS "companyId", c.name AS "companyName",
  e.engagement_id AS "engagementId", e.note, e.updated_at AS "updatedAt"`;
const ENTRY_FROM = `staff_time_entries e JOIN organisations o ON o.id = e.organisation_id
  LEFT JOIN companies c ON c.id = e.company_id`;

export async function findEntry(db: Db, id: string): Promise<EntryRow | null> {
  const rows = await db.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM} WHERE e.id = $1`, [id]);
  return rows[0] ?? null;
}

/** One user's entries between two dates (inclusive), by date and creation. */
export async function listEntries(db: Db, userId: string, from: string, to: string): Promise<EntryRow[]> {
  return db.query<EntryRow>(
    `SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM}
      WHERE e.user_id = $1 AND e.work_date BETWEEN $2 AND $3
      ORDER BY e.work_date, e.created_at, e.id`,
    [userId, from, to],
  );
}

/** Serialises writes of one user's day (the 24-hour cap) inside a transaction. */
export async function lockDay(tx: Db, userId: string, date: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`stafftime:${userId}:${date}`]);
}

export async function dayTotal(
  db: Db,
  userId: string,
  date: string,
  exceptId: string | null,
): Promise<number> {
  const rows = await db.query<{ h: number }>(
    `SELECT coalesce(sum(hours), 0)::float8 AS h FROM staff_time_entries
      WHERE user_id = $1 AND work_date = $2 AND ($3::uuid IS NULL OR id <> $3::uuid)`,
    [userId, date, exceptId],
  );
  return rows[0]?.h ?? 0;
}

export interface EntryValues {
  organisationId: string;
  workDate: string;
  hours: number;
  activity: string;
  companyId: string | null;
  engagementId: string | null;
  note: string;
}

export async function insertEntry(db: Db, id: string, userId: string, v: EntryValues): Promise<void> {
  await db.query(
    `INSERT INTO staff_time_entries (id, user_id, organisation_id, work_date, hours, activity, company_id, engagement_id, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [id, userId, v.organisationId, v.workDate, v.hours, v.activity, v.companyId, v.engagementId, v.note],
  );
}

export async function updateEntry(db: Db, id: string, v: EntryValues): Promise<void> {
  await db.query(
    `UPDATE staff_time_entries SET organisation_id = $2, work_date = $3, hours = $4, activity = $5, company_id = $6,
            engagement_id = $7, note = $8, updated_at = now() WHERE id = $1`,
    [id, v.organisationId, v.workDate, v.hours, v.activity, v.companyId, v.engagementId, v.note],
  );
}

export async function deleteEntry(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM staff_time_entries WHERE id = $1', [id]);
}

// ---------------------------------------------------------------- signed months

export interface ReportRow {
  id: string;
  userId: string;
  month: string;
  signedAt: Date;
  signedByName: string | null;
  totals: Record<string, unknown>;
}

/** The months (`2026-11`) among the given first days that the user has signed and not had unlocked. */
export async function signedMonths(db: Db, userId: string, firstDays: string[]): Promise<Set<string>> {
  if (firstDays.length === 0) return new Set();
  const rows = await db.query<{ month: string }>(
    `SELECT month FROM staff_time_reports WHERE user_id = $1 AND month = ANY($2::date[]) AND unlocked_at IS NULL`,
    [userId, firstDays],
  );
  return new Set(rows.map((r) => r.month.slice(0, 7)));
}

export async function findReport(db: Db, userId: string, firstDay: string): Promise<ReportRow | null> {
  const rows = await db.query<ReportRow>(
    `SELECT r.id, r.user_id AS "userId", r.month, r.signed_at AS "signedAt", u.name AS "signedByName", r.totals
       FROM staff_time_reports r LEFT JOIN users u ON u.id = r.signed_by
      WHERE r.user_id = $1 AND r.month = $2 AND r.unlocked_at IS NULL`,
    [userId, firstDay],
  );
  return rows[0] ?? null;
}

export async function insertReport(
  db: Db,
  r: { id: string; userId: string; firstDay: string; totals: Record<string, unknown> },
): Promise<void> {
  await db.query(
    `INSERT INTO staff_time_reports (id, user_id, month, signed_by, totals) VALUES ($1, $2, $3, $2, $4)`,
    [r.id, r.userId, r.firstDay, JSON.stringify(r.totals)],
  );
}

export async function unlockReport(db: Db, id: string, by: string, reason: string): Promise<void> {
  await db.query(
    'UPDATE staff_time_reports SET unlocked_at = now(), unlocked_by = $2, unlock_reason = $3 WHERE id = $1',
    [id, by, reason],
  );
}

// ---------------------------------------------------------------- engagements (coaching's table, read only)

export interface EngagementRef {
  id: string;
  companyId: string;
  companyName: string;
}

export async function findEngagement(db: Db, id: string): Promise<EngagementRef | null> {
  const rows = await db.query<EngagementRef>(
    `SELECT g.id, g.company_id AS "companyId", c.name AS "companyName"
       FROM engagements g JOIN companies c ON c.id = g.company_id WHERE g.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** Open engagements the user currently coaches (for the entry form's choice). */
export async function engagementsOfCoach(db: Db, userId: string): Promise<EngagementRef[]> {
  return db.query<EngagementRef>(
    `SELECT g.id, g.company_id AS "companyId", c.name AS "companyName"
       FROM engagements g JOIN companies c ON c.id = g.company_id
      WHERE g.step <> 'closed'
        AND EXISTS (SELECT 1 FROM engagement_coaches ec
                     WHERE ec.engagement_id = g.id AND ec.user_id = $1 AND ec.removed_at IS NULL)
      ORDER BY lower(c.name), g.id LIMIT 200`,
    [userId],
  );
}

/**
 * Whether a month (YYYY-MM) lies in a closed ESF payment-claim period of a region the user is staff in:
 * the claim froze that month's staff time. Reads the ESF table directly (stafftime imports no ESF code).
 */
export async function monthClaimClosed(db: Db, userId: string, month: string): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM memberships ms
       JOIN organisations o ON o.id = ms.organisation_id
       JOIN programmes p ON p.region_id = o.region_id
       JOIN esf_claim_periods cp ON cp.programme_id = p.id AND cp.status = 'closed'
      WHERE ms.user_id = $1 AND $2 BETWEEN cp.first_month AND cp.last_month LIMIT 1`,
    [userId, month],
  );
  return rows.length > 0;
}

/** Whether a month (YYYY-MM) lies in a closed ESF payment-claim period of the organisation's region. */
export async function organisationMonthClaimClosed(
  db: Db,
  organisationId: string,
  month: string,
): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM organisations o
       JOIN programmes p ON p.region_id = o.region_id
       JOIN esf_claim_periods cp ON cp.programme_id = p.id AND cp.status = 'closed'
      WHERE o.id = $1 AND $2 BETWEEN cp.first_month AND cp.last_month LIMIT 1`,
    [organisationId, month],
  );
  return rows.length > 0;
}
