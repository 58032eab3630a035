// All SQL of the credentials domain (table credentials; reads of organisations, users, signing_keys and the
// ESF participants' protected-identity flag). Scope is applied in the queries.
import type { Db } from '../../platform/db.ts';

export interface OrganisationRow {
  id: string;
  name: string;
  kind: 'region' | 'municipality' | 'provider';
  regionId: string;
}

export async function organisation(db: Db, id: string): Promise<OrganisationRow | null> {
  const rows = await db.query<OrganisationRow>(
    `SELECT id, name, kind, region_id AS "regionId" FROM organisations WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** The learner's e-mail (hashed into the credential, never stored in clear in it). */
export async function userEmail(db: Db, userId: string): Promise<string | null> {
  const rows = await db.query<{ email: string }>('SELECT email FROM users WHERE id = $1', [userId]);
  return rows[0]?.email ?? null;
}

/**
 * Whether the user is an ESF participant registered with a protected identity: through the participant's own
 * account or its learner's account. Same rule as esf/service/protected-identity.ts.
 */
export async function hasProtectedIdentity(db: Db, userId: string): Promise<boolean> {
  const rows = await db.query<{ found: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM esf_participants p LEFT JOIN learners l ON l.id = p.learner_id
        WHERE p.protected_identity AND (p.user_id = $1 OR l.user_id = $1)) AS found`,
    [userId],
  );
  return rows[0]?.found ?? false;
}

export async function idBySource(db: Db, kind: string, sourceId: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM credentials WHERE source_kind = $1 AND source_id = $2',
    [kind, sourceId],
  );
  return rows[0]?.id ?? null;
}

export interface NewCredential {
  id: string;
  organisationId: string;
  userId: string;
  sourceKind: string;
  sourceId: string;
  achievementKey: string;
  name: string;
  statusIndex: number;
  kid: string;
  document: object;
  jwt: string;
  issuedAt: Date;
}

/** Insert; false when the source already has a credential or the status index is taken. */
export async function insertCredential(db: Db, c: NewCredential): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO credentials (id, organisation_id, user_id, source_kind, source_id, achievement_key, name,
       status_index, kid, document, jwt, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING RETURNING id`,
    [
      c.id,
      c.organisationId,
      c.userId,
      c.sourceKind,
      c.sourceId,
      c.achievementKey,
      c.name,
      c.statusIndex,
      c.kid,
      JSON.stringify(c.document),
      c.jwt,
      c.issuedAt,
    ],
  );
  return rows.length === 1;
}

export interface CredentialRow {
  id: string;
  organisationId: string;
  organisationName: string;
  userId: string;
  name: string;
  sourceKind: 'elearning' | 'training';
  issuedAt: Date;
  sharedAt: Date | null;
  revokedAt: Date | null;
  revocationReason: string | null;
  statusIndex: number;
}

const COLUMNS = `c.id, c.organisation_id AS "organisationId", o.name AS "organisationName", c.user_id AS "userId",
  c.name, c.source_kind AS "sourceKind", c.issued_at AS "issuedAt", c.shared_at AS "sharedAt",
  c.revoked_at AS "revokedAt", c.revocation_reason AS "revocationReason", c.status_index AS "statusIndex"`;
const FROM = 'FROM credentials c JOIN organisations o ON o.id = c.organisation_id';

export async function listForUser(db: Db, userId: string): Promise<CredentialRow[]> {
  return db.query<CredentialRow>(
    `SELECT ${COLUMNS} ${FROM} WHERE c.user_id = $1 ORDER BY c.issued_at DESC, c.id`,
    [userId],
  );
}

/** The user's own credential (scope: user_id in the query). */
export async function getForUser(db: Db, userId: string, id: string): Promise<CredentialRow | null> {
  const rows = await db.query<CredentialRow>(`SELECT ${COLUMNS} ${FROM} WHERE c.id = $1 AND c.user_id = $2`, [
    id,
    userId,
  ]);
  return rows[0] ?? null;
}

export async function documentOf(
  db: Db,
  id: string,
): Promise<{ document: Record<string, unknown>; jwt: string } | null> {
  const rows = await db.query<{ document: Record<string, unknown>; jwt: string }>(
    'SELECT document, jwt FROM credentials WHERE id = $1',
    [id],
  );
  return rows[0] ?? null;
}

export async function setShared(db: Db, userId: string, id: string, shared: boolean): Promise<boolean> {
  const rows = await db.query(
    `UPDATE credentials SET shared_at = CASE WHEN $3 THEN coalesce(shared_at, now()) ELSE NULL END
      WHERE id = $1 AND user_id = $2 RETURNING id`,
    [id, userId, shared],
  );
  return rows.length === 1;
}

/** Issuer scope: provider organisations (own) and regions (every organisation of the region). */
export interface IssuerScope {
  organisationIds: string[];
  regionIds: string[];
}

const SCOPE = `(c.organisation_id = ANY($1::uuid[]) OR o.region_id = ANY($2::uuid[]) OR o.id = ANY($2::uuid[]))`;

export async function listIssued(db: Db, scope: IssuerScope, limit = 500): Promise<CredentialRow[]> {
  return db.query<CredentialRow>(
    `SELECT ${COLUMNS} ${FROM} WHERE ${SCOPE} ORDER BY c.issued_at DESC, c.id LIMIT $3`,
    [scope.organisationIds, scope.regionIds, limit],
  );
}

export async function getIssued(db: Db, scope: IssuerScope, id: string): Promise<CredentialRow | null> {
  const rows = await db.query<CredentialRow>(`SELECT ${COLUMNS} ${FROM} WHERE ${SCOPE} AND c.id = $3`, [
    scope.organisationIds,
    scope.regionIds,
    id,
  ]);
  return rows[0] ?? null;
}

export async function revoke(db: Db, id: string, by: string, reason: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE credentials SET revoked_at = now(), revoked_by = $2, revocation_reason = $3
      WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
    [id, by, reason],
  );
  return rows.length === 1;
}

export async function revokedIndexes(db: Db, organisationId: string): Promise<number[]> {
  const rows = await db.query<{ i: number }>(
    'SELECT status_index AS i FROM credentials WHERE organisation_id = $1 AND revoked_at IS NOT NULL',
    [organisationId],
  );
  return rows.map((r) => r.i);
}

/** A credential's revocation by its organisation and status index (the issuer's own status list). */
export async function isRevokedAt(db: Db, organisationId: string, index: number): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM credentials WHERE organisation_id = $1 AND status_index = $2 AND revoked_at IS NOT NULL`,
    [organisationId, index],
  );
  return rows.length > 0;
}

/**
 * A credential that may be shown publicly: shared by the learner, not revoked, and the learner is not (now)
 * an ESF participant with a protected identity. Otherwise null, like an unknown id.
 */
export async function publicCredential(
  db: Db,
  id: string,
): Promise<(CredentialRow & { document: Record<string, unknown> }) | null> {
  const rows = await db.query<CredentialRow & { document: Record<string, unknown> }>(
    `SELECT ${COLUMNS}, c.document ${FROM}
      WHERE c.id = $1 AND c.shared_at IS NOT NULL AND c.revoked_at IS NULL
        AND NOT EXISTS (
          SELECT 1 FROM esf_participants p LEFT JOIN learners l ON l.id = p.learner_id
           WHERE p.protected_identity AND (p.user_id = c.user_id OR l.user_id = c.user_id))`,
    [id],
  );
  return rows[0] ?? null;
}

/** The public JWK of an organisation's credentials key by kid (current or retired), or null. */
export async function credentialKey(db: Db, organisationId: string, kid: string): Promise<object | null> {
  const rows = await db.query<{ jwk: object }>(
    `SELECT public_jwk AS jwk FROM signing_keys
      WHERE kid = $1 AND organisation_id = $2 AND purpose = 'credentials'`,
    [kid, organisationId],
  );
  return rows[0]?.jwk ?? null;
}

/** The demo shares one credential publicly (no actor: the seed). */
export async function shareForDemo(db: Db, id: string): Promise<void> {
  await db.query('UPDATE credentials SET shared_at = coalesce(shared_at, now()) WHERE id = $1', [id]);
}
