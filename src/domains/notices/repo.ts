// All SQL of accessibility_reports and accessibility_report_attempts.
import type { Db } from '../../platform/db.ts';
import type { ReportStatus } from './schema.ts';

export interface ReportRow {
  id: string;
  regionId: string;
  organisationName: string | null;
  page: string;
  description: string;
  wantsAlternative: boolean;
  reporterName: string | null;
  reporterEmail: string | null;
  locale: 'sv' | 'en';
  status: ReportStatus;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const columns = `r.id, r.region_id AS "regionId", o.name AS "organisationName", r.page_url AS page,
  r.description, r.wants_alternative AS "wantsAlternative", r.reporter_name AS "reporterName",
  r.reporter_email AS "reporterEmail", r.locale, r.status, r.note, r.created_at AS "createdAt",
  r.updated_at AS "updatedAt"`;

export interface NewReport {
  id: string;
  regionId: string;
  organisationId: string | null;
  page: string;
  description: string;
  wantsAlternative: boolean;
  reporterName: string | null;
  reporterEmail: string | null;
  reporterUserId: string | null;
  locale: 'sv' | 'en';
}

export async function insertReport(db: Db, r: NewReport): Promise<void> {
  await db.query(
    `INSERT INTO accessibility_reports (id, region_id, organisation_id, page_url, description, wants_alternative,
       reporter_name, reporter_email, reporter_user_id, locale)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      r.id,
      r.regionId,
      r.organisationId,
      r.page,
      r.description,
      r.wantsAlternative,
      r.reporterName,
      r.reporterEmail,
      r.reporterUserId,
      r.locale,
    ],
  );
}

export async function listReports(
  db: Db,
  regionIds: string[],
  status: ReportStatus | null,
): Promise<ReportRow[]> {
  return db.query<ReportRow>(
    `SELECT ${columns} FROM accessibility_reports r LEFT JOIN organisations o ON o.id = r.organisation_id
      WHERE r.region_id = ANY($1::uuid[]) AND ($2::text IS NULL OR r.status = $2)
      ORDER BY r.created_at DESC, r.id LIMIT 500`,
    [regionIds, status],
  );
}

/** Update within the given regions only; null when the id is unknown or out of scope. */
export async function updateReport(
  db: Db,
  regionIds: string[],
  id: string,
  status: ReportStatus,
  note: string | null,
): Promise<ReportRow | null> {
  const [row] = await db.query<{ id: string }>(
    `UPDATE accessibility_reports SET status = $3, note = $4, updated_at = now()
      WHERE id = $2 AND region_id = ANY($1::uuid[]) RETURNING id`,
    [regionIds, id, status, note],
  );
  if (!row) return null;
  const [report] = await db.query<ReportRow>(
    `SELECT ${columns} FROM accessibility_reports r LEFT JOIN organisations o ON o.id = r.organisation_id
      WHERE r.id = $1`,
    [id],
  );
  return report ?? null;
}

/** Regions and municipalities a public reporter may choose, with the region each belongs to. */
export async function reportTargets(
  db: Db,
): Promise<{ id: string; name: string; regionId: string; kind: string }[]> {
  return db.query(
    `SELECT id, name, region_id AS "regionId", kind FROM organisations
      WHERE kind IN ('region', 'municipality') ORDER BY kind DESC, name`,
  );
}

export async function regionAdminRecipients(
  db: Db,
  regionId: string,
): Promise<{ email: string; locale: 'sv' | 'en' }[]> {
  return db.query(
    `SELECT DISTINCT u.email, u.locale FROM memberships m
       JOIN organisations o ON o.id = m.organisation_id JOIN users u ON u.id = m.user_id
      WHERE m.role = 'region_admin' AND o.region_id = $1 AND u.disabled_at IS NULL
      ORDER BY u.email`,
    [regionId],
  );
}

/** Count this client's submissions in the window and record this one, in one transaction. */
export async function recordAttempt(db: Db, clientHash: string, windowMinutes: number): Promise<number> {
  return db.tx(async (tx) => {
    await tx.query(`DELETE FROM accessibility_report_attempts WHERE at < now() - interval '1 day'`);
    await tx.query(`INSERT INTO accessibility_report_attempts (client_hash) VALUES ($1)`, [clientHash]);
    const [row] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM accessibility_report_attempts
        WHERE client_hash = $1 AND at > now() - make_interval(mins => $2)`,
      [clientHash, windowMinutes],
    );
    return row.n;
  });
}
