// The SCB months of the synthetic ESF participants (src/demo/synthetic-esf.ts): every past month of the
// programme gets a first version, or a correction where the registrations changed it, produced by the product's
// own rule (repo-scb.ts participantsOfMonth, end masking) with its file grid and checksum (esf/index.ts).

import {
  canonicalCsv,
  checksumOf,
  insertScbRows,
  insertScbVersion,
  type ScbFileRow,
  scbFileGrid,
} from '../domains/esf/index.ts';
import { audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { sqlUuidFrom } from '../platform/derived-uuid.ts';
import { type Keyring, unseal } from '../platform/secrets.ts';

/** The reason of a correction the generator produces. */
export const SYNTHETIC_SCB_REASON = 'Syntetiska deltagare registrerade (belastningsdata)';

/** Today in Sweden, YYYY-MM-DD (the ESF domain's rule). */
export const swedishToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
const nextMonth = (m: string) => {
  const y = Number(m.slice(0, 4));
  const mm = Number(m.slice(5, 7));
  return mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
};
const previousMonth = (m: string) => {
  const y = Number(m.slice(0, 4));
  const mm = Number(m.slice(5, 7));
  return mm === 1 ? `${y - 1}-12` : `${y}-${String(mm - 1).padStart(2, '0')}`;
};

/** A region's ESF programme with what its SCB files need. */
export interface Programme {
  id: string;
  regionId: string;
  startsOn: string;
  scbColumns: string[];
  informationSha256: string;
}

type MonthRow = ScbFileRow;

/** The rows of a month's file as the product produces them (repo-scb.ts participantsOfMonth, end masking). */
const MONTH_ROWS = `SELECT id AS "participantId", first_name AS "firstName", last_name AS "lastName",
        to_char(started_on, 'YYYY-MM-DD') AS "startedOn",
        to_char(CASE WHEN (closed_at AT TIME ZONE 'Europe/Stockholm')::date < $3::date THEN ended_on END, 'YYYY-MM-DD')
          AS "endedOn",
        employer_org_number AS "employerOrgNumber", email, mobile
   FROM esf_participants
  WHERE programme_id = $1
    AND ((started_on >= $2::date AND started_on < $3::date)
         OR (ended_on IS NOT NULL AND (closed_at AT TIME ZONE 'Europe/Stockholm')::date >= $2::date
             AND (closed_at AT TIME ZONE 'Europe/Stockholm')::date < $3::date))
  ORDER BY last_name, first_name, id`;

const rowKey = (r: { participantId: string; startedOn: string | null; endedOn: string | null }) =>
  `${r.participantId}|${r.startedOn ?? ''}|${r.endedOn ?? ''}`;

/**
 * Every past month of the programme, in order: a first version where none is, a correction (with a reason)
 * where the registrations changed the month or an earlier correction marked it for re-sending. Months of a
 * closed claim period are frozen and skipped.
 */
export async function produceScbMonths(
  db: Db,
  keyring: Keyring,
  p: Programme,
  adminId: string | null,
  seed: string,
): Promise<{ versions: number; rows: number }> {
  const [first] = await db.query<{ month: string | null }>(
    `SELECT to_char(min(started_on), 'YYYY-MM') AS month FROM esf_participants WHERE programme_id = $1`,
    [p.id],
  );
  const programmeStart = p.startsOn.slice(0, 7);
  const firstMonth = first?.month && first.month < programmeStart ? first.month : programmeStart;
  const lastMonth = previousMonth(swedishToday().slice(0, 7));
  const closed = await db.query<{ first: string; last: string }>(
    `SELECT first_month AS first, last_month AS last FROM esf_claim_periods WHERE programme_id = $1 AND status = 'closed'`,
    [p.id],
  );
  let versions = 0;
  let total = 0;
  for (let month = firstMonth; month <= lastMonth; month = nextMonth(month)) {
    const [latest] = await db.query<{
      id: string;
      version: number;
      resend: boolean;
      claimPeriodId: string | null;
    }>(
      `SELECT id, version, resend_required AS resend, claim_period_id AS "claimPeriodId" FROM esf_scb_months
        WHERE programme_id = $1 AND month = $2 ORDER BY version DESC LIMIT 1`,
      [p.id, month],
    );
    if (latest?.claimPeriodId || closed.some((c) => c.first <= month && month <= c.last)) continue;
    const to = `${nextMonth(month)}-01`;
    const rows = await db.query<MonthRow>(MONTH_ROWS, [p.id, `${month}-01`, to]);
    if (latest && !latest.resend) {
      const snap = await db.query<MonthRow>(
        `SELECT participant_id AS "participantId", to_char(started_on, 'YYYY-MM-DD') AS "startedOn",
                to_char(ended_on, 'YYYY-MM-DD') AS "endedOn" FROM esf_scb_month_rows WHERE month_id = $1`,
        [latest.id],
      );
      const now = new Set(rows.map(rowKey));
      if (snap.length === rows.length && snap.every((r) => now.has(rowKey(r)))) continue;
    }
    const version = (latest?.version ?? 0) + 1;
    await db.tx(async (tx) => {
      const [made] = await tx.query<{ id: string }>(
        `SELECT ${sqlUuidFrom(`'kn-synthetic-scb:' || $1::text || ':' || $2::text || ':' || $3::text || ':' || $4::text`)}::text AS id`,
        [seed, p.id, month, version],
      );
      const id = made?.id as string;
      const sealed = await tx.query<{ participantId: string; keyId: string; sealed: Uint8Array }>(
        `SELECT participant_id AS "participantId", key_id AS "keyId", sealed FROM esf_identities
          WHERE participant_id = ANY($1::uuid[])`,
        [rows.map((r) => r.participantId)],
      );
      const numbers = new Map(
        sealed.map((s) => [
          s.participantId,
          unseal(keyring, s.keyId, Buffer.from(s.sealed), s.participantId),
        ]),
      );
      const checksum = checksumOf(canonicalCsv(scbFileGrid(p.scbColumns, rows, numbers)));
      await audit(tx, {
        actorUserId: adminId,
        action: 'esf.identity.document.scb_file',
        entityType: 'esf_document',
        entityId: id,
        details: { numbers: numbers.size },
      });
      await insertScbVersion(tx, {
        id,
        programmeId: p.id,
        month,
        version,
        columns: p.scbColumns,
        rowCount: rows.length,
        checksum,
        producedBy: adminId,
        reason: latest ? SYNTHETIC_SCB_REASON : null,
      });
      await insertScbRows(tx, id, rows);
      const later = latest
        ? await tx.query(
            `UPDATE esf_scb_months m SET resend_required = true
              WHERE m.programme_id = $1 AND m.month > $2
                AND m.version = (SELECT max(x.version) FROM esf_scb_months x
                                  WHERE x.programme_id = m.programme_id AND x.month = m.month)
              RETURNING m.id`,
            [p.id, month],
          )
        : [];
      await audit(tx, {
        actorUserId: adminId,
        action: latest ? 'esf.scb.correct' : 'esf.scb.produce',
        entityType: 'esf_scb_month',
        entityId: id,
        details: { month, version, rows: rows.length, laterMarkedForResend: later.length, synthetic: true },
      });
    });
    versions++;
    total += rows.length;
  }
  return { versions, rows: total };
}
