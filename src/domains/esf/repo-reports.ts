// The SQL of the progress-report drafts (lägesrapporter): a period and two editable texts, with a version
// for optimistic concurrency. The indicators are computed when shown, never stored.
import type { Db } from '../../platform/db.ts';

export interface ReportRow {
  id: string;
  periodFrom: string;
  periodTo: string;
  activities: string;
  deviations: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  updatedByName: string | null;
}

const COLS = `r.id, to_char(r.period_from, 'YYYY-MM-DD') AS "periodFrom", to_char(r.period_to, 'YYYY-MM-DD') AS "periodTo",
  r.activities, r.deviations, r.version, r.created_at AS "createdAt", r.updated_at AS "updatedAt",
  u.name AS "updatedByName"`;

export async function listReports(db: Db, programmeId: string): Promise<ReportRow[]> {
  return db.query<ReportRow>(
    `SELECT ${COLS} FROM esf_progress_reports r LEFT JOIN users u ON u.id = r.updated_by
      WHERE r.programme_id = $1 ORDER BY r.period_from DESC, r.created_at DESC, r.id`,
    [programmeId],
  );
}

export async function findReport(db: Db, programmeId: string, id: string): Promise<ReportRow | null> {
  const [row] = await db.query<ReportRow>(
    `SELECT ${COLS} FROM esf_progress_reports r LEFT JOIN users u ON u.id = r.updated_by
      WHERE r.programme_id = $1 AND r.id = $2`,
    [programmeId, id],
  );
  return row ?? null;
}

export async function insertReport(
  db: Db,
  r: { id: string; programmeId: string; periodFrom: string; periodTo: string; userId: string },
): Promise<void> {
  await db.query(
    `INSERT INTO esf_progress_reports (id, programme_id, period_from, period_to, created_by, updated_by)
     VALUES ($1, $2, $3, $4, $5, $5)`,
    [r.id, r.programmeId, r.periodFrom, r.periodTo, r.userId],
  );
}

/** Save the texts when the version still matches; false when someone saved in between. */
export async function updateReport(
  db: Db,
  r: {
    id: string;
    programmeId: string;
    version: number;
    activities: string;
    deviations: string;
    userId: string;
  },
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE esf_progress_reports SET activities = $4, deviations = $5, version = version + 1,
            updated_by = $6, updated_at = now()
      WHERE programme_id = $1 AND id = $2 AND version = $3 RETURNING id`,
    [r.programmeId, r.id, r.version, r.activities, r.deviations, r.userId],
  );
  return rows.length === 1;
}
