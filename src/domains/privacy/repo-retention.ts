// SQL of gallring's own tables: retention decisions, disposal proposals and archives.
import type { Db } from '../../platform/db.ts';

export interface DecisionRow {
  id: string;
  regionId: string;
  recordType: string;
  reference: string;
  decidedOn: string;
  retentionMonths: number;
  archiveIdentities: boolean;
  recordedByName: string | null;
  recordedAt: Date;
  supersededAt: Date | null;
}

const decisionCols = `d.id, d.region_id AS "regionId", d.record_type AS "recordType", d.reference,
  d.decided_on AS "decidedOn", d.retention_months AS "retentionMonths",
  d.archive_identities AS "archiveIdentities", u.name AS "recordedByName", d.recorded_at AS "recordedAt",
  d.superseded_at AS "supersededAt"`;

export function listDecisions(db: Db, regionIds: string[]): Promise<DecisionRow[]> {
  return db.query<DecisionRow>(
    `SELECT ${decisionCols} FROM retention_decisions d LEFT JOIN users u ON u.id = d.recorded_by
      WHERE d.region_id = ANY($1::uuid[])
      ORDER BY d.record_type, d.superseded_at IS NOT NULL, d.recorded_at DESC`,
    [regionIds],
  );
}

export async function currentDecision(
  db: Db,
  regionId: string,
  recordType: string,
): Promise<DecisionRow | null> {
  const [row] = await db.query<DecisionRow>(
    `SELECT ${decisionCols} FROM retention_decisions d LEFT JOIN users u ON u.id = d.recorded_by
      WHERE d.region_id = $1 AND d.record_type = $2 AND d.superseded_at IS NULL`,
    [regionId, recordType],
  );
  return row ?? null;
}

export async function currentDecisions(db: Db): Promise<DecisionRow[]> {
  return db.query<DecisionRow>(
    `SELECT ${decisionCols} FROM retention_decisions d LEFT JOIN users u ON u.id = d.recorded_by
      WHERE d.superseded_at IS NULL ORDER BY d.region_id, d.record_type`,
  );
}

/** Record a decision, superseding the current one of the same type (call inside a transaction). */
export async function insertDecision(
  db: Db,
  d: {
    id: string;
    regionId: string;
    recordType: string;
    reference: string;
    decidedOn: string;
    retentionMonths: number;
    archiveIdentities: boolean;
    recordedBy: string;
  },
): Promise<void> {
  const [old] = await db.query<{ id: string }>(
    `SELECT id FROM retention_decisions WHERE region_id = $1 AND record_type = $2 AND superseded_at IS NULL
      FOR UPDATE`,
    [d.regionId, d.recordType],
  );
  if (old)
    await db.query(`UPDATE retention_decisions SET superseded_at = now(), superseded_by = $2 WHERE id = $1`, [
      old.id,
      d.id,
    ]);
  await db.query(
    `INSERT INTO retention_decisions (id, region_id, record_type, reference, decided_on, retention_months,
       archive_identities, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      d.id,
      d.regionId,
      d.recordType,
      d.reference,
      d.decidedOn,
      d.retentionMonths,
      d.archiveIdentities,
      d.recordedBy,
    ],
  );
}

/** The cutoff under a decision as of now: the reference date must be before it. */
export async function cutoffOf(db: Db, retentionMonths: number): Promise<Date> {
  const [row] = await db.query<{ cutoff: Date }>(
    `SELECT now() - make_interval(months => $1::int) AS cutoff`,
    [retentionMonths],
  );
  return new Date((row as { cutoff: Date }).cutoff);
}

export async function rootIds(db: Db, rootsSql: string, regionId: string, cutoff: Date): Promise<string[]> {
  const rows = await db.query<{ id: string }>(`SELECT id FROM (${rootsSql}) r ORDER BY id`, [
    regionId,
    cutoff,
  ]);
  return rows.map((r) => r.id);
}

export interface ProposalRow {
  id: string;
  regionId: string;
  recordType: string;
  decisionId: string;
  decisionReference: string;
  retentionMonths: number;
  archiveIdentities: boolean;
  cutoff: Date;
  recordCount: number;
  status: 'proposed' | 'confirmed' | 'rejected' | 'done';
  proposedAt: Date;
  decidedByName: string | null;
  decidedAt: Date | null;
  reason: string | null;
  doneAt: Date | null;
  deletedCount: number | null;
  archiveId: string | null;
}

const proposalSelect = `SELECT p.id, p.region_id AS "regionId", p.record_type AS "recordType",
    p.decision_id AS "decisionId", d.reference AS "decisionReference", d.retention_months AS "retentionMonths",
    d.archive_identities AS "archiveIdentities", p.cutoff, p.record_count AS "recordCount", p.status,
    p.proposed_at AS "proposedAt", u.name AS "decidedByName", p.decided_at AS "decidedAt", p.reason,
    p.done_at AS "doneAt", p.deleted_count AS "deletedCount", a.id AS "archiveId"
  FROM disposal_proposals p JOIN retention_decisions d ON d.id = p.decision_id
  LEFT JOIN users u ON u.id = p.decided_by LEFT JOIN disposal_archives a ON a.proposal_id = p.id`;

export function listProposals(db: Db, regionIds: string[]): Promise<ProposalRow[]> {
  return db.query<ProposalRow>(
    `${proposalSelect} WHERE p.region_id = ANY($1::uuid[]) ORDER BY p.proposed_at DESC, p.id LIMIT 200`,
    [regionIds],
  );
}

/** A proposal within the given regions (row-locked with `lock`); null when unknown or out of scope. */
export async function findProposal(
  db: Db,
  id: string,
  regionIds: string[],
  lock = false,
): Promise<ProposalRow | null> {
  if (lock)
    await db.query(
      `SELECT 1 FROM disposal_proposals WHERE id = $1 AND region_id = ANY($2::uuid[]) FOR UPDATE`,
      [id, regionIds],
    );
  const [row] = await db.query<ProposalRow>(
    `${proposalSelect} WHERE p.id = $1 AND p.region_id = ANY($2::uuid[])`,
    [id, regionIds],
  );
  return row ?? null;
}

/** A new open proposal unless the type already has one (the unique index decides). */
export async function insertProposal(
  db: Db,
  p: { id: string; regionId: string; recordType: string; decisionId: string; cutoff: Date; count: number },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO disposal_proposals (id, region_id, record_type, decision_id, cutoff, record_count)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (region_id, record_type) WHERE status IN ('proposed', 'confirmed') DO NOTHING RETURNING id`,
    [p.id, p.regionId, p.recordType, p.decisionId, p.cutoff, p.count],
  );
  return rows.length > 0;
}

export async function markConfirmed(
  db: Db,
  p: { id: string; userId: string; decisionId: string; cutoff: Date; count: number },
): Promise<void> {
  await db.query(
    `UPDATE disposal_proposals SET status = 'confirmed', decided_by = $2, decided_at = now(), decision_id = $3,
       cutoff = $4, record_count = $5 WHERE id = $1`,
    [p.id, p.userId, p.decisionId, p.cutoff, p.count],
  );
}

export async function markDone(db: Db, id: string, deleted: number): Promise<void> {
  await db.query(
    `UPDATE disposal_proposals SET status = 'done', done_at = now(), deleted_count = $2 WHERE id = $1`,
    [id, deleted],
  );
}

export async function markRejected(db: Db, id: string, userId: string, reason: string): Promise<void> {
  await db.query(
    `UPDATE disposal_proposals SET status = 'rejected', decided_by = $2, decided_at = now(), reason = $3
      WHERE id = $1`,
    [id, userId, reason],
  );
}

export async function insertArchive(
  db: Db,
  a: {
    id: string;
    proposalId: string;
    keyId: string;
    sealed: Buffer;
    sha256: string;
    count: number;
    by: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO disposal_archives (id, proposal_id, key_id, sealed, sha256, record_count, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [a.id, a.proposalId, a.keyId, a.sealed, a.sha256, a.count, a.by],
  );
}

export async function findArchive(
  db: Db,
  proposalId: string,
): Promise<{ id: string; keyId: string; sealed: Uint8Array; sha256: string } | null> {
  const [row] = await db.query<{ id: string; keyId: string; sealed: Uint8Array; sha256: string }>(
    `SELECT id, key_id AS "keyId", sealed, sha256 FROM disposal_archives WHERE proposal_id = $1`,
    [proposalId],
  );
  return row ?? null;
}

/** The rows a record type covers in one table, and the table's columns (for the archive's schema). */
export function coveredRows(
  db: Db,
  table: string,
  where: string,
  ids: string[],
): Promise<Record<string, unknown>[]> {
  return db.query(`SELECT * FROM ${table} WHERE ${where}`, [ids]);
}

export function columnsOf(db: Db, table: string): Promise<{ name: string; type: string }[]> {
  return db.query(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
}

export async function deleteCovered(db: Db, table: string, where: string, ids: string[]): Promise<number> {
  const rows = await db.query(`DELETE FROM ${table} WHERE ${where} RETURNING 1 AS x`, [ids]);
  return rows.length;
}
