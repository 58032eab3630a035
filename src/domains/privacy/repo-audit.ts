// Reading the append-only audit log, scoped to regions. There is no write path here: entries are added
// only by platform/audit.ts, and the table's trigger refuses UPDATE and DELETE.
import type { Db, SqlParam } from '../../platform/db.ts';

export interface AuditFilter {
  actor: string | null;
  action: string | null;
  entityType: string | null;
  entityId: string | null;
  /** Calendar dates (Europe/Stockholm), inclusive. */
  from: string | null;
  to: string | null;
}

export interface AuditScope {
  /** Regions whose entries the actor sees in full (region administrators). */
  allRegions: string[];
  /** Regions whose ESF identity entries the actor sees (ESF administrators). */
  identityRegions: string[];
}

export interface AuditListRow {
  id: number;
  at: Date;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/**
 * An entry belongs to a region through its organisation (that organisation's region); an entry without
 * one belongs to the regions where its actor holds a role (staff organisation or company).
 */
const inRegions = (p: string) => `(
  o.region_id = ANY(${p}::uuid[])
  OR (a.organisation_id IS NULL AND EXISTS (
    SELECT 1 FROM memberships m
      LEFT JOIN organisations mo ON mo.id = m.organisation_id
      LEFT JOIN companies mc ON mc.id = m.company_id
     WHERE m.user_id = a.actor_user_id AND coalesce(mo.region_id, mc.region_id) = ANY(${p}::uuid[]))))`;

const like = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function where(scope: AuditScope, f: AuditFilter): { sql: string; params: SqlParam[] } {
  const params: SqlParam[] = [scope.allRegions, scope.identityRegions];
  const parts = [`(${inRegions('$1')} OR (a.action LIKE 'esf.identity.%' AND ${inRegions('$2')}))`];
  const add = (sql: (n: string) => string, v: SqlParam) => {
    params.push(v);
    parts.push(sql(`$${params.length}`));
  };
  if (f.actor) add((n) => `(u.name ILIKE ${n} OR u.email ILIKE ${n})`, `%${like(f.actor)}%`);
  if (f.action) add((n) => `a.action LIKE ${n}`, `${like(f.action)}%`);
  if (f.entityType) add((n) => `a.entity_type = ${n}`, f.entityType);
  if (f.entityId) add((n) => `a.entity_id = ${n}`, f.entityId);
  if (f.from) add((n) => `a.at >= (${n}::date::timestamp AT TIME ZONE 'Europe/Stockholm')`, f.from);
  if (f.to) add((n) => `a.at < ((${n}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm')`, f.to);
  return { sql: parts.join(' AND '), params };
}

const from = `FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
  LEFT JOIN organisations o ON o.id = a.organisation_id`;

export async function listAudit(
  db: Db,
  scope: AuditScope,
  f: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditListRow[]; total: number }> {
  const w = where(scope, f);
  const n = w.params.length;
  const rows = await db.query<AuditListRow>(
    `SELECT a.id, a.at, u.name AS "actorName", u.email AS "actorEmail", a.action, a.entity_type AS "entityType",
            a.entity_id AS "entityId", a.ip, a.details
       ${from} WHERE ${w.sql} ORDER BY a.at DESC, a.id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...w.params, page.limit, page.offset],
  );
  const [count] = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total ${from} WHERE ${w.sql}`,
    w.params,
  );
  return { rows, total: count?.total ?? 0 };
}
