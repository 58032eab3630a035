import type { Db } from '../../../platform/db.ts';
import type { Locale } from '../../../platform/i18n/index.ts';

// ---------------------------------------------------------------- one-time links (only hashes are stored)

export type TokenPurpose = 'invitation' | 'password_reset';

export async function insertOneTimeToken(
  db: Db,
  t: { hash: string; purpose: TokenPurpose; userId: string; createdBy: string | null; ttlMinutes: number },
): Promise<void> {
  await db.query(
    `INSERT INTO one_time_tokens (token_hash, purpose, user_id, created_by, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
    [t.hash, t.purpose, t.userId, t.createdBy, t.ttlMinutes],
  );
}

export interface LinkUser {
  userId: string;
  email: string;
  name: string;
  locale: Locale;
}

/** The user of a live (unused, unexpired) token of the purpose, if the account is not disabled. */
export async function findLiveToken(db: Db, hash: string, purpose: TokenPurpose): Promise<LinkUser | null> {
  const rows = await db.query<LinkUser>(
    `SELECT u.id AS "userId", u.email, u.name, u.locale
       FROM one_time_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1 AND t.purpose = $2 AND t.used_at IS NULL AND t.expires_at > now()
        AND u.disabled_at IS NULL`,
    [hash, purpose],
  );
  return rows[0] ?? null;
}

/** Mark a live token used; the user's id, or null when it was not live (used, expired or unknown). */
export async function consumeToken(db: Db, hash: string, purpose: TokenPurpose): Promise<string | null> {
  const rows = await db.query<{ userId: string }>(
    `UPDATE one_time_tokens SET used_at = now()
      WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
      RETURNING user_id AS "userId"`,
    [hash, purpose],
  );
  return rows[0]?.userId ?? null;
}

/** Retire every other live link of the user (after a password is set, old links must not work). */
export async function retireTokens(db: Db, userId: string): Promise<void> {
  await db.query('UPDATE one_time_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [
    userId,
  ]);
}

/** Serialise token writes of one user until the end of the transaction. */
export async function lockUserTokens(db: Db, userId: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [userId]);
}

export async function countRecentTokens(
  db: Db,
  userId: string,
  purpose: TokenPurpose,
  minutes: number,
): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM one_time_tokens
      WHERE user_id = $1 AND purpose = $2 AND created_at > now() - make_interval(mins => $3)`,
    [userId, purpose, minutes],
  );
  return rows[0]?.n ?? 0;
}

// ---------------------------------------------------------------- personal API tokens

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenRow[]> {
  return db.query<ApiTokenRow>(
    `SELECT id, name, token_prefix AS prefix, created_at AS "createdAt", expires_at AS "expiresAt",
            last_used_at AS "lastUsedAt"
       FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL
      ORDER BY created_at DESC, id`,
    [userId],
  );
}

export async function countActiveApiTokens(db: Db, userId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM api_tokens
      WHERE user_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
    [userId],
  );
  return rows[0]?.n ?? 0;
}

export async function insertApiToken(
  db: Db,
  t: { id: string; userId: string; name: string; hash: string; prefix: string; expiresInDays: number | null },
): Promise<void> {
  await db.query(
    `INSERT INTO api_tokens (id, user_id, name, token_hash, token_prefix, expires_at)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::int IS NULL THEN NULL ELSE now() + make_interval(days => $6::int) END)`,
    [t.id, t.userId, t.name, t.hash, t.prefix, t.expiresInDays],
  );
}

/** Revoke one of the user's own tokens; the token's name, or null when there was no such live token. */
export async function revokeApiToken(db: Db, userId: string, id: string): Promise<string | null> {
  const rows = await db.query<{ name: string }>(
    `UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING name`,
    [id, userId],
  );
  return rows[0]?.name ?? null;
}
