import { audit } from '../../platform/audit.ts';
import { type Actor, hashToken, newToken } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { verifyPassword } from './passwords.ts';
import * as repo from './repo.ts';

export const SESSION_TTL_HOURS = 12;
export const MAX_ACCOUNT_FAILURES_PER_MINUTE = 5;
export const MAX_IP_ATTEMPTS_PER_MINUTE = 60;

export async function actorForUser(db: Db, userId: string, via: Actor['via']): Promise<Actor | null> {
  const user = await repo.findUserById(db, userId);
  if (!user || user.disabledAt) return null;
  const memberships = await repo.loadMemberships(db, userId);
  return { userId: user.id, name: user.name, email: user.email, locale: user.locale, memberships, via };
}

/** A login session token (from the cookie) to its actor; slides the expiry at most every five minutes. */
export async function actorFromSession(db: Db, token: string): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  const session = await repo.findLiveSession(db, tokenHash);
  if (!session) return null;
  if (Date.now() - session.lastSeenAt.getTime() > 5 * 60_000)
    await repo.touchSession(db, tokenHash, SESSION_TTL_HOURS);
  const { user } = session;
  const memberships = await repo.loadMemberships(db, user.id);
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    locale: user.locale,
    memberships,
    via: 'session',
  };
}

export async function actorFromApiToken(db: Db, token: string): Promise<Actor | null> {
  const userId = await repo.useApiToken(db, hashToken(token));
  return userId ? actorForUser(db, userId, 'api_token') : null;
}

export interface LoginInput {
  email: string;
  password: string;
  ip: string;
}

/**
 * Check the password and open a login session. Limited strictly per account (5 failures a minute) and
 * generously per address (60 attempts a minute: a municipal office shares one address).
 */
export async function login(db: Db, input: LoginInput): Promise<{ token: string; actor: Actor }> {
  const accountKey = input.email.trim().toLowerCase();
  const counts = await repo.recentFailures(db, accountKey, input.ip);
  if (counts.account >= MAX_ACCOUNT_FAILURES_PER_MINUTE || counts.ip >= MAX_IP_ATTEMPTS_PER_MINUTE) {
    throw new AppError('RATE_LIMITED', 'login.rateLimited');
  }
  const user = await repo.findUserByEmail(db, accountKey);
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok || user.disabledAt) {
    await repo.recordAttempt(db, accountKey, input.ip, false);
    if (user)
      await audit(db, {
        actorUserId: user.id,
        action: 'login.failed',
        entityType: 'user',
        entityId: user.id,
        ip: input.ip,
      });
    throw new AppError('UNAUTHENTICATED', 'login.failed');
  }
  await repo.recordAttempt(db, accountKey, input.ip, true);
  const token = await openSession(db, user.id);
  await audit(db, {
    actorUserId: user.id,
    action: 'login',
    entityType: 'user',
    entityId: user.id,
    ip: input.ip,
  });
  const actor = await actorForUser(db, user.id, 'session');
  if (!actor) throw new AppError('UNAUTHENTICATED', 'login.failed');
  return { token, actor };
}

/** Open a login session for a user; the secret for the cookie (only its hash is stored). */
export async function openSession(db: Db, userId: string): Promise<string> {
  const { token, hash } = newToken();
  await repo.insertSession(db, hash, userId, SESSION_TTL_HOURS);
  return token;
}

export async function logout(db: Db, token: string, actor: Actor | null, ip: string): Promise<void> {
  await repo.deleteSession(db, hashToken(token));
  if (actor)
    await audit(db, {
      actorUserId: actor.userId,
      action: 'logout',
      entityType: 'user',
      entityId: actor.userId,
      ip,
    });
}

export async function logoutEverywhere(db: Db, actor: Actor, ip: string): Promise<number> {
  const count = await repo.deleteUserSessions(db, actor.userId);
  await audit(db, {
    actorUserId: actor.userId,
    action: 'logout.everywhere',
    entityType: 'user',
    entityId: actor.userId,
    ip,
    details: { sessions: count },
  });
  return count;
}

/** Where a user lands after login: the first thing their roles let them do. */
export function startPage(actor: Actor): string {
  const roles = new Set(actor.memberships.map((m) => m.role));
  if (
    roles.has('region_admin') ||
    roles.has('municipality_officer') ||
    roles.has('coach') ||
    roles.has('esf_admin')
  )
    return '/companies';
  const company = actor.memberships.find((m) => m.role === 'company_contact');
  if (company?.companyId) return `/companies/${company.companyId}`;
  if (roles.has('participant')) return '/my/courses';
  if (roles.has('provider')) return '/training/courses';
  return '/account';
}

/**
 * Remove expired login sessions, old login attempts and spent one-time links. Idempotent deletes, so
 * every app process may run it on its own timer.
 */
export async function housekeeping(db: Db): Promise<void> {
  await repo.deleteExpiredSessions(db);
  await repo.pruneAttempts(db);
  await repo.pruneOneTimeTokens(db);
}
