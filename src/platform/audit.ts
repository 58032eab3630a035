import type { Db } from './db.ts';

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  organisationId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Append one audit row. There is no update or delete path; the table's trigger refuses both. */
export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, organisation_id, ip, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      entry.actorUserId,
      entry.action,
      entry.entityType,
      entry.entityId ?? null,
      entry.organisationId ?? null,
      entry.ip ?? null,
      JSON.stringify(entry.details ?? {}),
    ],
  );
}

/** Append many audit rows in one statement (bulk imports). */
export async function auditMany(db: Db, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const col = <T>(f: (e: AuditEntry) => T) => entries.map(f);
  await db.query(
    `INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, organisation_id, ip, details)
     SELECT a, b, c, d, e, f, g::jsonb
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[]) AS t(a, b, c, d, e, f, g)`,
    [
      col((e) => e.actorUserId) as string[],
      col((e) => e.action),
      col((e) => e.entityType),
      col((e) => e.entityId ?? null) as string[],
      col((e) => e.organisationId ?? null) as string[],
      col((e) => e.ip ?? null) as string[],
      col((e) => JSON.stringify(e.details ?? {})),
    ],
  );
}

export interface AuditRow {
  id: number;
  at: Date;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  details: Record<string, unknown>;
}

export async function auditTrail(
  db: Db,
  entityType: string,
  entityId: string,
  limit = 100,
): Promise<AuditRow[]> {
  return db.query<AuditRow>(
    `SELECT a.id, a.at, a.actor_user_id AS "actorUserId", u.name AS "actorName", a.action, a.details
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
      WHERE a.entity_type = $1 AND a.entity_id = $2
      ORDER BY a.at DESC, a.id DESC LIMIT $3`,
    [entityType, entityId, limit],
  );
}
