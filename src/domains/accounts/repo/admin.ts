import type { Role } from '../../../platform/auth.ts';
import type { Db, SqlParam } from '../../../platform/db.ts';
import type { OrganisationKind, UserScope } from '../policy.ts';

// Memberships are joined to their organisation or company to know their region (read-only joins).
const MEMBERSHIP_FROM = `memberships m
  LEFT JOIN organisations o ON o.id = m.organisation_id
  LEFT JOIN companies c ON c.id = m.company_id`;

function scopeSql(scope: UserScope, params: SqlParam[]): string {
  params.push(scope.regionIds, scope.organisationIds);
  const r = params.length - 1;
  const o = params.length;
  return `(coalesce(o.region_id, c.region_id) = ANY($${r}::uuid[]) OR m.organisation_id = ANY($${o}::uuid[]))`;
}

export interface MembershipRow {
  id: string;
  userId: string;
  role: Role;
  organisationId: string | null;
  companyId: string | null;
  organisationName: string;
  regionId: string;
}

const MEMBERSHIP_COLUMNS = `m.id, m.user_id AS "userId", m.role, m.organisation_id AS "organisationId",
  m.company_id AS "companyId", coalesce(o.name, c.name) AS "organisationName",
  coalesce(o.region_id, c.region_id) AS "regionId"`;

export interface UserListRow {
  id: string;
  name: string;
  email: string;
  hasPassword: boolean;
  disabled: boolean;
  /** Identities at single sign-on issuers bound to the account (oidc_identities). */
  ssoLinks: number;
}

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Users with at least one membership in scope, a page at a time; with their memberships in scope. */
export async function listUsers(
  db: Db,
  scope: UserScope,
  opts: { q?: string; page: number; pageSize: number },
): Promise<{ total: number; rows: UserListRow[]; memberships: MembershipRow[] }> {
  const params: SqlParam[] = [];
  let where = `EXISTS (SELECT 1 FROM ${MEMBERSHIP_FROM} WHERE m.user_id = u.id AND ${scopeSql(scope, params)})`;
  if (opts.q) {
    params.push(`%${escapeLike(opts.q.toLowerCase())}%`);
    where += ` AND (lower(u.name) LIKE $${params.length} OR lower(u.email) LIKE $${params.length})`;
  }
  const count = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users u WHERE ${where}`,
    params,
  );
  const rows = await db.query<UserListRow>(
    `SELECT u.id, u.name, u.email, u.password_hash IS NOT NULL AS "hasPassword", u.disabled_at IS NOT NULL AS disabled,
            (SELECT count(*) FROM oidc_identities i WHERE i.user_id = u.id)::int AS "ssoLinks"
       FROM users u WHERE ${where}
      ORDER BY lower(u.name), u.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, opts.pageSize, (opts.page - 1) * opts.pageSize],
  );
  if (rows.length === 0) return { total: count[0]?.n ?? 0, rows, memberships: [] };
  const mParams: SqlParam[] = [rows.map((r) => r.id)];
  const memberships = await db.query<MembershipRow>(
    `SELECT ${MEMBERSHIP_COLUMNS} FROM ${MEMBERSHIP_FROM}
      WHERE m.user_id = ANY($1::uuid[]) AND ${scopeSql(scope, mParams)}
      ORDER BY m.created_at, m.id`,
    mParams,
  );
  return { total: count[0]?.n ?? 0, rows, memberships };
}

/** Whether the user holds a role inside the scope (so the actor may manage the account). */
export async function userInScope(db: Db, scope: UserScope, userId: string): Promise<boolean> {
  const params: SqlParam[] = [userId];
  const rows = await db.query(
    `SELECT 1 FROM ${MEMBERSHIP_FROM} WHERE m.user_id = $1 AND ${scopeSql(scope, params)} LIMIT 1`,
    params,
  );
  return rows.length > 0;
}

/** Forget the user's single sign-on identities; how many there were. */
export async function deleteSsoLinks(db: Db, userId: string): Promise<string[]> {
  const rows = await db.query<{ issuer: string }>(
    'DELETE FROM oidc_identities WHERE user_id = $1 RETURNING issuer',
    [userId],
  );
  return rows.map((r) => r.issuer);
}

export async function findMembership(db: Db, id: string): Promise<MembershipRow | null> {
  const rows = await db.query<MembershipRow>(
    `SELECT ${MEMBERSHIP_COLUMNS} FROM ${MEMBERSHIP_FROM} WHERE m.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function findMembershipOf(
  db: Db,
  m: { userId: string; role: string; organisationId: string | null; companyId: string | null },
): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM memberships WHERE user_id = $1 AND role = $2
        AND organisation_id IS NOT DISTINCT FROM $3::uuid AND company_id IS NOT DISTINCT FROM $4::uuid`,
    [m.userId, m.role, m.organisationId, m.companyId],
  );
  return rows[0]?.id ?? null;
}

export async function deleteMembership(db: Db, id: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM memberships WHERE id = $1 RETURNING id', [id]);
  return rows.length > 0;
}

export interface OrganisationOption {
  id: string;
  kind: OrganisationKind;
  name: string;
  regionId: string;
}

/** Organisations of the given regions, region first, then municipalities and providers by name. */
export async function organisationsInRegions(db: Db, regionIds: string[]): Promise<OrganisationOption[]> {
  if (regionIds.length === 0) return [];
  return db.query<OrganisationOption>(
    `SELECT id, kind, name, region_id AS "regionId" FROM organisations WHERE region_id = ANY($1::uuid[])
      ORDER BY CASE kind WHEN 'region' THEN 0 WHEN 'municipality' THEN 1 ELSE 2 END, name`,
    [regionIds],
  );
}

export async function companyRegion(
  db: Db,
  companyId: string,
): Promise<{ regionId: string; name: string } | null> {
  const rows = await db.query<{ regionId: string; name: string }>(
    'SELECT region_id AS "regionId", name FROM companies WHERE id = $1',
    [companyId],
  );
  return rows[0] ?? null;
}

// ---------------------------------------------------------------- mail outbox (read side)

export interface OutboxRow {
  id: string;
  toAddress: string;
  subject: string;
  bodyText: string;
  status: 'stored' | 'sent' | 'failed';
  error: string | null;
  createdAt: Date;
}

export async function listOutbox(
  db: Db,
  regionIds: string[],
  opts: { page: number; pageSize: number },
): Promise<{ total: number; rows: OutboxRow[] }> {
  const count = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM mail_outbox WHERE region_id = ANY($1::uuid[])',
    [regionIds],
  );
  const rows = await db.query<OutboxRow>(
    `SELECT id, to_address AS "toAddress", subject, body_text AS "bodyText", status, error, created_at AS "createdAt"
       FROM mail_outbox WHERE region_id = ANY($1::uuid[])
      ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
    [regionIds, opts.pageSize, (opts.page - 1) * opts.pageSize],
  );
  return { total: count[0]?.n ?? 0, rows };
}
