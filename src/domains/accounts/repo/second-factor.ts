// SQL of the login-session list and rotation, sign-ins waiting for their second factor, TOTP secrets and
// recovery codes. Secrets are stored sealed (TOTP) or hashed (session secrets, recovery codes).
import type { Db } from '../../../platform/db.ts';

// ---------------------------------------------------------------- sessions: rotation and the own list

/** Give a session a new secret (privilege change); false when the old secret was no longer there. */
export async function rotateSession(
  db: Db,
  oldHash: string,
  newHash: string,
  privileges: string,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE auth_sessions SET token_hash = $2, privileges = $3, last_seen_at = now()
      WHERE token_hash = $1 RETURNING id`,
    [oldHash, newHash, privileges],
  );
  return rows.length > 0;
}

export async function setSessionPrivileges(db: Db, tokenHash: string, privileges: string): Promise<void> {
  await db.query('UPDATE auth_sessions SET privileges = $2 WHERE token_hash = $1', [tokenHash, privileges]);
}

export interface OwnSession {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  method: string | null;
  secondFactor: boolean;
  current: boolean;
}

/** The user's live sessions, newest activity first; `current` marks the one with this secret hash. */
export async function listUserSessions(
  db: Db,
  userId: string,
  currentHash: string | null,
  idleMinutes: number,
): Promise<OwnSession[]> {
  return db.query<OwnSession>(
    `SELECT id, created_at AS "createdAt", last_seen_at AS "lastSeenAt", method,
            second_factor AS "secondFactor", (token_hash = $2) IS TRUE AS current
       FROM auth_sessions
      WHERE user_id = $1 AND expires_at > now() AND last_seen_at > now() - make_interval(mins => $3)
      ORDER BY last_seen_at DESC, created_at DESC`,
    [userId, currentHash, idleMinutes],
  );
}

/** End one of the user's own sessions by its id; false when it is not theirs (or gone). */
export async function deleteUserSession(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM auth_sessions WHERE user_id = $1 AND id = $2 RETURNING id', [
    userId,
    id,
  ]);
  return rows.length > 0;
}

/** End every session of the user except the one with this secret hash. */
export async function deleteOtherSessions(db: Db, userId: string, keepHash: string): Promise<number> {
  const rows = await db.query(
    'DELETE FROM auth_sessions WHERE user_id = $1 AND token_hash <> $2 RETURNING id',
    [userId, keepHash],
  );
  return rows.length;
}

// ---------------------------------------------------------------- sign-ins waiting for the second factor

export interface PendingLogin {
  userId: string;
  method: string;
  next: string | null;
  failures: number;
}

export async function insertPendingLogin(
  db: Db,
  p: { tokenHash: string; userId: string; method: string; next: string | null; minutes: number },
): Promise<void> {
  await db.query(
    `INSERT INTO auth_pending_logins (token_hash, user_id, method, next, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
    [p.tokenHash, p.userId, p.method, p.next, p.minutes],
  );
}

export async function findPendingLogin(db: Db, tokenHash: string): Promise<PendingLogin | null> {
  const rows = await db.query<PendingLogin>(
    `SELECT p.user_id AS "userId", p.method, p.next, p.failures
       FROM auth_pending_logins p JOIN users u ON u.id = p.user_id
      WHERE p.token_hash = $1 AND p.expires_at > now() AND u.disabled_at IS NULL`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

/** Count a wrong code; the new count (0 when the pending sign-in is gone). */
export async function failPendingLogin(db: Db, tokenHash: string): Promise<number> {
  const rows = await db.query<{ failures: number }>(
    'UPDATE auth_pending_logins SET failures = failures + 1 WHERE token_hash = $1 RETURNING failures',
    [tokenHash],
  );
  return rows[0]?.failures ?? 0;
}

/** Use up a pending sign-in (once): false when another request already did, or it expired. */
export async function takePendingLogin(db: Db, tokenHash: string): Promise<boolean> {
  const rows = await db.query(
    'DELETE FROM auth_pending_logins WHERE token_hash = $1 AND expires_at > now() RETURNING user_id',
    [tokenHash],
  );
  return rows.length > 0;
}

export async function deletePendingLogin(db: Db, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM auth_pending_logins WHERE token_hash = $1', [tokenHash]);
}

export async function deleteExpiredPendingLogins(db: Db): Promise<void> {
  await db.query('DELETE FROM auth_pending_logins WHERE expires_at < now()');
}

// ---------------------------------------------------------------- TOTP secrets and recovery codes

export interface TotpRow {
  userId: string;
  keyId: string;
  secretSealed: Uint8Array;
  lastStep: number | null;
  confirmedAt: Date | null;
}

export async function findTotp(db: Db, userId: string): Promise<TotpRow | null> {
  const rows = await db.query<TotpRow & { lastStep: string | number | null }>(
    `SELECT user_id AS "userId", key_id AS "keyId", secret_sealed AS "secretSealed",
            last_step AS "lastStep", confirmed_at AS "confirmedAt"
       FROM user_totp WHERE user_id = $1`,
    [userId],
  );
  const row = rows[0];
  return row ? { ...row, lastStep: row.lastStep === null ? null : Number(row.lastStep) } : null;
}

/** A new, unconfirmed secret (replacing an unconfirmed one; never a confirmed one). */
export async function upsertPendingTotp(
  db: Db,
  userId: string,
  keyId: string,
  sealed: Buffer,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO user_totp (user_id, key_id, secret_sealed) VALUES ($1, $2, $3)
     ON CONFLICT (user_id) DO UPDATE SET key_id = $2, secret_sealed = $3, created_at = now(), last_step = NULL
       WHERE user_totp.confirmed_at IS NULL
     RETURNING user_id`,
    [userId, keyId, sealed],
  );
  return rows.length > 0;
}

/**
 * Record an accepted step, only if it is later than the last one (two requests with the same code cannot
 * both pass); `confirm` also puts an enrolment in force.
 */
export async function acceptTotpStep(
  db: Db,
  userId: string,
  step: number,
  confirm: boolean,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE user_totp SET last_step = $2,
            confirmed_at = CASE WHEN $3::boolean THEN coalesce(confirmed_at, now()) ELSE confirmed_at END
      WHERE user_id = $1 AND (last_step IS NULL OR last_step < $2)
        AND (confirmed_at IS NOT NULL OR $3::boolean)
      RETURNING user_id`,
    [userId, step, confirm],
  );
  return rows.length > 0;
}

export async function deleteTotp(db: Db, userId: string): Promise<void> {
  await db.query('DELETE FROM totp_recovery_codes WHERE user_id = $1', [userId]);
  await db.query('DELETE FROM user_totp WHERE user_id = $1', [userId]);
}

export async function replaceRecoveryCodes(db: Db, userId: string, hashes: string[]): Promise<void> {
  await db.query('DELETE FROM totp_recovery_codes WHERE user_id = $1', [userId]);
  for (const hash of hashes)
    await db.query('INSERT INTO totp_recovery_codes (user_id, code_hash) VALUES ($1, $2)', [userId, hash]);
}

/** Use up a recovery code (once). */
export async function useRecoveryCode(db: Db, userId: string, hash: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE totp_recovery_codes SET used_at = now()
      WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING user_id`,
    [userId, hash],
  );
  return rows.length > 0;
}

export async function unusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM totp_recovery_codes WHERE user_id = $1 AND used_at IS NULL',
    [userId],
  );
  return rows[0]?.n ?? 0;
}
