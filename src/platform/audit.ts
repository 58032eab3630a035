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
