// SQL of the monthly SCB participant files: versions of a month (immutable once produced), their row
// snapshots, the participants who started or ended in a month, and the claim periods that freeze months.
import type { Db } from '../../platform/db.ts';
import type { AlongsideProgramme } from './repo-programme.ts';

export interface ScbVersionRow {
  id: string;
  month: string;
  version: number;
  columns: string[];
  rowCount: number;
  checksum: string;
  producedAt: Date;
  producedBy: string | null;
  producedByName: string | null;
  reason: string | null;
  sentAt: Date | null;
  sentByName: string | null;
  resendRequired: boolean;
  claimPeriodId: string | null;
}

const VERSION_COLS = `m.id, m.month, m.version, m.columns, m.row_count AS "rowCount", m.checksum,
  m.produced_at AS "producedAt", m.produced_by AS "producedBy", pu.name AS "producedByName", m.reason,
  m.sent_at AS "sentAt", su.name AS "sentByName", m.resend_required AS "resendRequired",
  m.claim_period_id AS "claimPeriodId"`;
const VERSION_FROM = `FROM esf_scb_months m LEFT JOIN users pu ON pu.id = m.produced_by
  LEFT JOIN users su ON su.id = m.sent_by`;

/** Every version of every month of a programme, by month and version. */
export async function listVersions(db: Db, programmeId: string): Promise<ScbVersionRow[]> {
  return db.query<ScbVersionRow>(
    `SELECT ${VERSION_COLS} ${VERSION_FROM} WHERE m.programme_id = $1 ORDER BY m.month, m.version`,
    [programmeId],
  );
}

/** The versions of one month, newest first. */
export async function versionsOfMonth(db: Db, programmeId: string, month: string): Promise<ScbVersionRow[]> {
  return db.query<ScbVersionRow>(
    `SELECT ${VERSION_COLS} ${VERSION_FROM} WHERE m.programme_id = $1 AND m.month = $2 ORDER BY m.version DESC`,
    [programmeId, month],
  );
}

export interface ScbSnapshotRow {
  participantId: string;
  position: number;
  firstName: string;
  lastName: string;
  startedOn: string | null;
  endedOn: string | null;
  employerOrgNumber: string;
  email: string | null;
  mobile: string | null;
  /** From the identity table (pages only; the file reads the full number at download). */
  masked: string | null;
}

const SNAPSHOT_SELECT = `SELECT r.participant_id AS "participantId", r.position, r.first_name AS "firstName",
            r.last_name AS "lastName", to_char(r.started_on, 'YYYY-MM-DD') AS "startedOn",
            to_char(r.ended_on, 'YYYY-MM-DD') AS "endedOn", r.employer_org_number AS "employerOrgNumber",
            r.email, r.mobile, i.masked
       FROM esf_scb_month_rows r LEFT JOIN esf_identities i ON i.participant_id = r.participant_id`;

/** The rows of a produced version in file order. */
export async function snapshotRows(db: Db, monthId: string): Promise<ScbSnapshotRow[]> {
  return db.query<ScbSnapshotRow>(`${SNAPSHOT_SELECT} WHERE r.month_id = $1 ORDER BY r.position`, [monthId]);
}

export interface MonthParticipant {
  participantId: string;
  firstName: string;
  lastName: string;
  startedOn: string | null;
  endedOn: string | null;
  /** The day the end was set (the participation closed), Europe/Stockholm. */
  closedOn: string | null;
  employerOrgNumber: string;
  email: string | null;
  mobile: string | null;
}

/**
 * Participants of a programme whose start falls in [from, to), or whose end was set (the participation
 * closed) in it: an end is reported in the month it is set — the rows of that month's file.
 */
/** The participants of a month (the programme, from and to as SQL: placeholders or expressions), unordered. */
const monthParticipantsSelect = (
  programme: string,
  from: string,
  to: string,
) => `SELECT id AS "participantId",
            first_name AS "firstName", last_name AS "lastName",
            to_char(started_on, 'YYYY-MM-DD') AS "startedOn", to_char(ended_on, 'YYYY-MM-DD') AS "endedOn",
            to_char((closed_at AT TIME ZONE 'Europe/Stockholm')::date, 'YYYY-MM-DD') AS "closedOn",
            employer_org_number AS "employerOrgNumber", email, mobile
       FROM esf_participants
      WHERE programme_id = ${programme}
        AND ((started_on >= ${from}::date AND started_on < ${to}::date)
             OR (ended_on IS NOT NULL AND (closed_at AT TIME ZONE 'Europe/Stockholm')::date >= ${from}::date
                 AND (closed_at AT TIME ZONE 'Europe/Stockholm')::date < ${to}::date))`;

export async function participantsOfMonth(
  db: Db,
  programmeId: string,
  from: string,
  to: string,
): Promise<MonthParticipant[]> {
  return db.query<MonthParticipant>(
    `${monthParticipantsSelect('$1', '$2', '$3')} ORDER BY last_name, first_name, id`,
    [programmeId, from, to],
  );
}

/** The month (YYYY-MM) of the programme's earliest participation start, or null. */
export async function firstStartMonth(db: Db, programmeId: string): Promise<string | null> {
  const [row] = await db.query<{ month: string | null }>(
    `SELECT to_char(min(started_on), 'YYYY-MM') AS month FROM esf_participants WHERE programme_id = $1`,
    [programmeId],
  );
  return row?.month ?? null;
}

/** The months (YYYY-MM) covered by the programme's closed claim periods, as [first, last] ranges. */
export async function closedPeriods(db: Db, programmeId: string): Promise<{ first: string; last: string }[]> {
  return db.query<{ first: string; last: string }>(
    `SELECT first_month AS first, last_month AS last FROM esf_claim_periods
      WHERE programme_id = $1 AND status = 'closed' ORDER BY first_month`,
    [programmeId],
  );
}

export interface MonthView {
  /** The month (YYYY-MM) of the programme's earliest participation start, or null. */
  firstStart: string | null;
  /** Every version of every month, by month and version (as listVersions). */
  versions: ScbVersionRow[];
  /** As closedPeriods. */
  closed: { first: string; last: string }[];
  /** The rows of the month's latest version (as snapshotRows), none without a version. */
  latestRows: ScbSnapshotRow[];
  /** The month's participants now (as participantsOfMonth). */
  monthRows: MonthParticipant[];
}

/**
 * What a month's page needs, read alongside the programme (programmeWithRules: one statement for the page):
 * the month's page is read far more often than a month is produced, and every statement is a round trip.
 */
export function monthViewAlongside(month: string, from: string, to: string): AlongsideProgramme<MonthView> {
  return {
    expression: `json_build_object(
      'firstStart', (SELECT to_char(min(started_on), 'YYYY-MM') FROM esf_participants WHERE programme_id = programmes.id),
      'versions', coalesce((SELECT json_agg(v ORDER BY v.month, v.version)
                    FROM (SELECT ${VERSION_COLS} ${VERSION_FROM} WHERE m.programme_id = programmes.id) v), '[]'),
      'closed', coalesce((SELECT json_agg(json_build_object('first', first_month, 'last', last_month) ORDER BY first_month)
                    FROM esf_claim_periods WHERE programme_id = programmes.id AND status = 'closed'), '[]'),
      'latestRows', coalesce((SELECT json_agg(s ORDER BY s.position)
                    FROM (${SNAPSHOT_SELECT}
                           WHERE r.month_id = (SELECT id FROM esf_scb_months
                                                WHERE programme_id = programmes.id AND month = $4
                                                ORDER BY version DESC LIMIT 1)) s), '[]'),
      'monthRows', coalesce((SELECT json_agg(p ORDER BY p."lastName", p."firstName", p."participantId")
                    FROM (${monthParticipantsSelect('programmes.id', '$2', '$3')}) p), '[]'))`,
    params: [from, to, month],
    read(value) {
      const raw = value as Omit<MonthView, 'versions'> & {
        versions: (Omit<ScbVersionRow, 'producedAt' | 'sentAt'> & {
          producedAt: string;
          sentAt: string | null;
        })[];
      };
      return {
        ...raw,
        versions: raw.versions.map((v) => ({
          ...v,
          producedAt: new Date(v.producedAt),
          sentAt: v.sentAt === null ? null : new Date(v.sentAt),
        })),
      };
    },
  };
}

export interface VersionWrite {
  id: string;
  programmeId: string;
  month: string;
  version: number;
  columns: string[];
  rowCount: number;
  checksum: string;
  /** Null for synthetic scale data produced without an administrator. */
  producedBy: string | null;
  reason: string | null;
}

export async function insertVersion(db: Db, v: VersionWrite): Promise<void> {
  await db.query(
    `INSERT INTO esf_scb_months (id, programme_id, month, version, columns, row_count, checksum, produced_by, reason)
     VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9)`,
    [v.id, v.programmeId, v.month, v.version, v.columns, v.rowCount, v.checksum, v.producedBy, v.reason],
  );
}

/** A version's rows in file order (position 1, 2, …), in one statement. */
export async function insertRows(
  db: Db,
  monthId: string,
  rows: Omit<MonthParticipant, 'closedOn'>[],
): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: Omit<MonthParticipant, 'closedOn'>) => T) => rows.map(f) as unknown as string[];
  await db.query(
    `INSERT INTO esf_scb_month_rows (month_id, participant_id, position, first_name, last_name, started_on,
            ended_on, employer_org_number, email, mobile)
     SELECT $1, t.pid, t.pos, t.fn, t.ln, t.so, t.eo, t.org, t.em, t.mob
       FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::date[], $7::date[], $8::text[], $9::text[],
                   $10::text[]) AS t(pid, pos, fn, ln, so, eo, org, em, mob)`,
    [
      monthId,
      col((r) => r.participantId),
      rows.map((_, i) => i + 1),
      col((r) => r.firstName),
      col((r) => r.lastName),
      col((r) => r.startedOn),
      col((r) => r.endedOn),
      col((r) => r.employerOrgNumber),
      col((r) => r.email),
      col((r) => r.mobile),
    ],
  );
}

/** Mark the latest version of every month after `month` for re-sending; returns how many. */
export async function markLaterForResend(db: Db, programmeId: string, month: string): Promise<number> {
  const rows = await db.query<{ id: string }>(
    `UPDATE esf_scb_months m SET resend_required = true
      WHERE m.programme_id = $1 AND m.month > $2
        AND m.version = (SELECT max(x.version) FROM esf_scb_months x
                          WHERE x.programme_id = m.programme_id AND x.month = m.month)
      RETURNING m.id`,
    [programmeId, month],
  );
  return rows.length;
}

/** Record that a version was sent; false when it was already sent. */
export async function markSent(db: Db, id: string, by: string): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `UPDATE esf_scb_months SET sent_at = now(), sent_by = $2 WHERE id = $1 AND sent_at IS NULL RETURNING id`,
    [id, by],
  );
  return rows.length > 0;
}

/**
 * Per produced month: how many starts and ends differ from its latest version (a participant registered
 * late, a start or end date changed since) — the month needs a corrected version.
 */
export async function changesSinceProduced(db: Db, programmeId: string): Promise<Map<string, number>> {
  const rows = await db.query<{ month: string; n: number }>(
    `WITH latest AS (
       SELECT DISTINCT ON (month) id, month FROM esf_scb_months WHERE programme_id = $1
        ORDER BY month, version DESC),
     snap AS (
       SELECT l.month, r.participant_id, r.started_on, r.ended_on
         FROM latest l JOIN esf_scb_month_rows r ON r.month_id = l.id),
     cur AS (
       SELECT l.month, p.id AS participant_id, p.started_on,
              CASE WHEN to_char(p.closed_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') <= l.month THEN p.ended_on END
                AS ended_on
         FROM latest l JOIN esf_participants p ON p.programme_id = $1
          AND (to_char(p.started_on, 'YYYY-MM') = l.month
               OR (p.ended_on IS NOT NULL AND to_char(p.closed_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') = l.month)))
     SELECT month, count(*)::int AS n FROM (
       (SELECT * FROM cur EXCEPT SELECT * FROM snap) UNION ALL (SELECT * FROM snap EXCEPT SELECT * FROM cur)
     ) d GROUP BY month`,
    [programmeId],
  );
  return new Map(rows.map((r) => [r.month, r.n]));
}
