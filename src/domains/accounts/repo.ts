import type { Membership } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import type { Locale } from '../../platform/i18n/index.ts';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  passwordHash: string | null;
  locale: Locale;
  disabledAt: Date | null;
}

const USER_COLUMNS = `u.id, u.email, u.name, u.password_hash AS "passwordHash", u.locale, u.disabled_at AS "disabledAt"`;

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  const rows = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users u WHERE lower(u.email) = lower($1)`,
    [email],
  );
  return rows[0] ?? null;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | null> {
  const rows = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function insertUser(
  db: Db,
  user: { id: string; email: string; name: string; passwordHash: string | null; locale: Locale },
): Promise<void> {
  await db.query('INSERT INTO users (id, email, name, password_hash, locale) VALUES ($1, $2, $3, $4, $5)', [
    user.id,
    user.email,
    user.name,
    user.passwordHash,
    user.locale,
  ]);
}

export async function setPasswordHash(db: Db, userId: string, hash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [userId, hash]);
}

/** Accepting an invitation: the name the person chose, their password and language. */
export async function activateUser(
  db: Db,
  userId: string,
  v: { name: string; passwordHash: string; locale: Locale },
): Promise<void> {
  await db.query(
    'UPDATE users SET name = $2, password_hash = $3, locale = $4, updated_at = now() WHERE id = $1',
    [userId, v.name, v.passwordHash, v.locale],
  );
}

export async function setUserLocale(db: Db, userId: string, locale: Locale): Promise<void> {
  await db.query('UPDATE users SET locale = $2, updated_at = now() WHERE id = $1', [userId, locale]);
}

/**
 * The memberships of the user `$1` (or of the column a query names) as one JSON array — embedded in the
 * session look-up so that a signed-in request costs one statement for session, user and roles.
 */
const membershipsJson = (userId: string) => `coalesce((
    SELECT json_agg(json_build_object(
             'role', m.role,
             'organisationId', m.organisation_id,
             'organisationKind', o.kind,
             'organisationName', coalesce(o.name, c.name),
             'municipalityCode', CASE WHEN o.kind = 'municipality' THEN o.code END,
             'regionId', coalesce(o.region_id, c.region_id),
             'companyId', m.company_id) ORDER BY m.created_at, m.id)
      FROM memberships m
      LEFT JOIN organisations o ON o.id = m.organisation_id
      LEFT JOIN companies c ON c.id = m.company_id
     WHERE m.user_id = ${userId}), '[]'::json)`;

export async function loadMemberships(db: Db, userId: string): Promise<Membership[]> {
  const [row] = await db.query<{ memberships: Membership[] }>(
    `SELECT ${membershipsJson('$1::uuid')} AS memberships`,
    [userId],
  );
  return row?.memberships ?? [];
}

/** An enabled user with their memberships, in one statement. */
export async function findUserWithMemberships(
  db: Db,
  userId: string,
): Promise<(UserRow & { memberships: Membership[] }) | null> {
  const [row] = await db.query<UserRow & { memberships: Membership[] }>(
    `SELECT ${USER_COLUMNS}, ${membershipsJson('u.id')} AS memberships
       FROM users u WHERE u.id = $1 AND u.disabled_at IS NULL`,
    [userId],
  );
  return row ?? null;
}

export async function insertMembership(
  db: Db,
  m: {
    id: string;
    userId: string;
    role: string;
    organisationId: string | null;
    companyId: string | null;
    createdBy: string | null;
  },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO memberships (id, user_id, role, organisation_id, company_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
    [m.id, m.userId, m.role, m.organisationId, m.companyId, m.createdBy],
  );
  return rows.length > 0;
}

// ---------------------------------------------------------------- login sessions

export interface SessionRow {
  id: string;
  userId: string;
  lastSeenAt: Date;
  /** Fingerprint of the memberships when opened or last rotated (null: not taken yet). */
  privileges: string | null;
  secondFactor: boolean;
  user: UserRow;
  memberships: Membership[];
}

/** Idle timeout and absolute lifetime of a login session (OWASP ASVS 3.3.2, level 2). */
export const SESSION_IDLE_MINUTES = 30;

export async function insertSession(
  db: Db,
  tokenHash: string,
  userId: string,
  ttlHours: number,
  opts: { privileges?: string | null; secondFactor?: boolean; method?: string | null } = {},
): Promise<void> {
  await db.query(
    `INSERT INTO auth_sessions (token_hash, user_id, expires_at, privileges, second_factor, method)
     VALUES ($1, $2, now() + make_interval(hours => $3), $4, $5, $6)`,
    [tokenHash, userId, ttlHours, opts.privileges ?? null, opts.secondFactor ?? false, opts.method ?? null],
  );
}

/**
 * A session that is neither past its absolute end nor idle for longer than the idle timeout, with its user
 * and the user's memberships (one statement: every signed-in request starts here).
 */
export async function findLiveSession(db: Db, tokenHash: string): Promise<SessionRow | null> {
  const rows = await db.query<
    UserRow & {
      sid: string;
      userId: string;
      lastSeenAt: Date;
      privileges: string | null;
      secondFactor: boolean;
      memberships: Membership[];
    }
  >(
    `SELECT s.id AS sid, s.user_id AS "userId", s.last_seen_at AS "lastSeenAt", s.privileges,
            s.second_factor AS "secondFactor", ${USER_COLUMNS}, ${membershipsJson('s.user_id')} AS memberships
       FROM auth_sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > now()
        AND s.last_seen_at > now() - make_interval(mins => $2)
        AND u.disabled_at IS NULL`,
    [tokenHash, SESSION_IDLE_MINUTES],
  );
  const row = rows[0];
  if (!row) return null;
  const { sid, userId, lastSeenAt, privileges, secondFactor, memberships, ...user } = row;
  return { id: sid, userId, lastSeenAt, privileges, secondFactor, user, memberships };
}

/** Activity: moves the idle deadline, never the absolute end. */
export async function touchSession(db: Db, tokenHash: string): Promise<void> {
  await db.query('UPDATE auth_sessions SET last_seen_at = now() WHERE token_hash = $1', [tokenHash]);
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM auth_sessions WHERE token_hash = $1', [tokenHash]);
}

export async function deleteUserSessions(db: Db, userId: string): Promise<number> {
  const rows = await db.query('DELETE FROM auth_sessions WHERE user_id = $1 RETURNING token_hash', [userId]);
  return rows.length;
}

export async function deleteExpiredSessions(db: Db): Promise<void> {
  await db.query('DELETE FROM auth_sessions WHERE expires_at < now()');
}

// ---------------------------------------------------------------- login attempts

export async function recentFailures(
  db: Db,
  accountKey: string,
  ip: string,
): Promise<{ account: number; ip: number }> {
  const rows = await db.query<{ account: number; ip: number }>(
    `SELECT
       (SELECT count(*)::int FROM login_attempts WHERE account_key = $1 AND NOT succeeded AND at > now() - interval '1 minute') AS account,
       (SELECT count(*)::int FROM login_attempts WHERE ip = $2 AND at > now() - interval '1 minute') AS ip`,
    [accountKey, ip],
  );
  return rows[0] ?? { account: 0, ip: 0 };
}

export async function recordAttempt(
  db: Db,
  accountKey: string,
  ip: string,
  succeeded: boolean,
): Promise<void> {
  await db.query('INSERT INTO login_attempts (account_key, ip, succeeded) VALUES ($1, $2, $3)', [
    accountKey,
    ip,
    succeeded,
  ]);
}

export async function pruneAttempts(db: Db): Promise<void> {
  await db.query(`DELETE FROM login_attempts WHERE at < now() - interval '1 day'`);
}

// ---------------------------------------------------------------- API tokens

/** The user of a live API token; marks it used. */
export async function useApiToken(db: Db, tokenHash: string): Promise<string | null> {
  const rows = await db.query<{ userId: string; lastUsedAt: Date | null; id: string }>(
    `SELECT id, user_id AS "userId", last_used_at AS "lastUsedAt" FROM api_tokens
      WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return null;
  // "Last used" to the minute is enough: write it at most once a minute, not on every request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)
    await db.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [row.id]);
  return row.userId;
}

/** Users holding a role through an organisation of the region (e.g. the coaches of a region). */
export async function usersWithRoleInRegion(
  db: Db,
  regionId: string,
  role: string,
): Promise<{ userId: string; name: string }[]> {
  return db.query<{ userId: string; name: string }>(
    `SELECT DISTINCT u.id AS "userId", u.name
       FROM memberships m JOIN organisations o ON o.id = m.organisation_id JOIN users u ON u.id = m.user_id
      WHERE o.region_id = $1 AND m.role = $2 AND u.disabled_at IS NULL
      ORDER BY u.name`,
    [regionId, role],
  );
}

export * from './repo/admin.ts';
export * from './repo/second-factor.ts';
export * from './repo/tokens.ts';

/** One-time links used or expired more than 30 days ago are of no further use. */
export async function pruneOneTimeTokens(db: Db): Promise<void> {
  await db.query(
    `DELETE FROM one_time_tokens WHERE coalesce(used_at, expires_at) < now() - interval '30 days'`,
  );
}
