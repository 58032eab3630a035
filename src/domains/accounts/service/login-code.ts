// Sign-in with a printed one-time code (learners without e-mail; issued by the training domain, which stores
// only the code's sha256 hash in login_codes). A live code (unused, not expired) is used up atomically and
// opens a normal login session. Rate-limited like the password login: per address, and failures per address.
import { audit } from '../../../platform/audit.ts';
import { type Actor, hashToken } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import * as repo from '../repo.ts';
import {
  actorForUser,
  MAX_ACCOUNT_FAILURES_PER_MINUTE,
  MAX_IP_ATTEMPTS_PER_MINUTE,
  openSession,
  SESSION_TTL_HOURS,
} from '../service.ts';
import { secondFactorStep } from './second-factor.ts';

/** Upper case without spaces and dashes: "abcde-fghjk" and "ABCDE FGHJK" are the same code. */
export function normaliseLoginCode(code: string): string {
  return code.replace(/[\s-]+/g, '').toUpperCase();
}

export async function loginWithCode(
  db: Db,
  input: { code: string; ip: string },
): Promise<{ token: string; actor: Actor; maxAgeSeconds: number }> {
  // Codes have no account to count against: failures are counted per address under a key of their own.
  const accountKey = `login-code:${input.ip}`;
  const counts = await repo.recentFailures(db, accountKey, input.ip);
  if (counts.account >= MAX_ACCOUNT_FAILURES_PER_MINUTE || counts.ip >= MAX_IP_ATTEMPTS_PER_MINUTE)
    throw new AppError('RATE_LIMITED', 'login.rateLimited');
  const code = normaliseLoginCode(input.code);
  const rows =
    code.length >= 8 && code.length <= 12
      ? await db.query<{ userId: string }>(
          `UPDATE login_codes SET used_at = now()
            WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
            RETURNING user_id AS "userId"`,
          [hashToken(code)],
        )
      : [];
  const userId = rows[0]?.userId;
  const actor = userId ? await actorForUser(db, userId, 'session') : null;
  // A printed code is one factor: an account with (or required to have) TOTP signs in with its password.
  if (!userId || !actor || (await secondFactorStep(db, userId)) !== 'none') {
    await repo.recordAttempt(db, accountKey, input.ip, false);
    throw new AppError('UNAUTHENTICATED', 'loginCode.failed');
  }
  await repo.recordAttempt(db, accountKey, input.ip, true);
  const token = await openSession(db, userId, { method: 'code' });
  await audit(db, {
    actorUserId: userId,
    action: 'login.code',
    entityType: 'user',
    entityId: userId,
    ip: input.ip,
  });
  return { token, actor, maxAgeSeconds: SESSION_TTL_HOURS * 3600 };
}
