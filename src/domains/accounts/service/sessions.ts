// The user's own login sessions (list, end one) and changing the password, which ends every other session.
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, notFound, validation } from '../../../platform/errors.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import * as repo from '../repo.ts';
import { MAX_ACCOUNT_FAILURES_PER_MINUTE, MAX_IP_ATTEMPTS_PER_MINUTE } from '../service.ts';

export function listOwnSessions(
  db: Db,
  actor: Actor,
  currentHash: string | null,
): Promise<repo.OwnSession[]> {
  return repo.listUserSessions(db, actor.userId, currentHash, repo.SESSION_IDLE_MINUTES);
}

/** End one of the actor's own sessions; someone else's or an unknown id is NOT_FOUND. */
export async function endOwnSession(db: Db, actor: Actor, id: string, ip: string): Promise<void> {
  if (!(await repo.deleteUserSession(db, actor.userId, id))) throw notFound();
  await audit(db, {
    actorUserId: actor.userId,
    action: 'session.end',
    entityType: 'user',
    entityId: actor.userId,
    ip,
  });
}

/**
 * Change the password: the current one must be right (failures count against the sign-in limit of the
 * account), then the new hash is stored, unused reset links are retired and every other session ends.
 */
export async function changePassword(
  db: Db,
  actor: Actor,
  input: { current: string; password: string },
  currentHash: string,
  ip: string,
): Promise<number> {
  const accountKey = actor.email.trim().toLowerCase();
  const counts = await repo.recentFailures(db, accountKey, ip);
  if (counts.account >= MAX_ACCOUNT_FAILURES_PER_MINUTE || counts.ip >= MAX_IP_ATTEMPTS_PER_MINUTE)
    throw new AppError('RATE_LIMITED', 'login.rateLimited');
  const user = await repo.findUserById(db, actor.userId);
  if (!user || !(await verifyPassword(user.passwordHash, input.current))) {
    await repo.recordAttempt(db, accountKey, ip, false);
    throw validation([{ field: 'current', message: 'password.currentWrong' }]);
  }
  const passwordHash = await hashPassword(input.password);
  return db.tx(async (tx) => {
    await repo.setPasswordHash(tx, actor.userId, passwordHash);
    await repo.retireTokens(tx, actor.userId);
    const ended = await repo.deleteOtherSessions(tx, actor.userId, currentHash);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'password.change',
      entityType: 'user',
      entityId: actor.userId,
      ip,
      details: { sessionsEnded: ended },
    });
    return ended;
  });
}
