import { createHash } from 'node:crypto';
import { audit } from '../../platform/audit.ts';
import { type Actor, hashToken, type Membership, newToken } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { verifyPassword } from './passwords.ts';
import * as repo from './repo.ts';

export const SESSION_TTL_HOURS = 12;
export const MAX_ACCOUNT_FAILURES_PER_MINUTE = 5;
export const MAX_IP_ATTEMPTS_PER_MINUTE = 60;

export async function actorForUser(db: Db, userId: string, via: Actor['via']): Promise<Actor | null> {
  const user = await repo.findUserWithMemberships(db, userId);
  if (!user) return null;
  const { memberships } = user;
  return { userId: user.id, name: user.name, email: user.email, locale: user.locale, memberships, via };
}

/** A fingerprint of a user's roles: when it changes, so do their privileges. */
export function privilegesOf(memberships: Membership[]): string {
  const lines = memberships
    .map((m) => `${m.role}|${m.organisationId ?? ''}|${m.companyId ?? ''}`)
    .sort()
    .join('\n');
  return createHash('sha256').update(lines).digest('hex').slice(0, 32);
}

/**
 * A login session secret (from the cookie) to its actor, or null when it is unknown, past its absolute end
 * (12 h), idle longer than 30 minutes or its user is disabled. Activity is recorded at most once a minute.
 * When the user's roles changed since the session was opened, the session gets a new secret (handed to
 * `onRotate`, which sets the cookie) and the old one is dead; without `onRotate` the new fingerprint is only
 * recorded. Gaining the ESF administrator role in a session without the second factor ends it instead.
 */
export async function actorFromSession(
  db: Db,
  token: string,
  onRotate?: (freshToken: string) => void,
): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  const session = await repo.findLiveSession(db, tokenHash);
  if (!session) return null;
  const { user, memberships } = session;
  const privileges = privilegesOf(memberships);
  if (session.privileges === null) await repo.setSessionPrivileges(db, tokenHash, privileges);
  else if (session.privileges !== privileges) {
    if (!session.secondFactor && memberships.some((m) => m.role === 'esf_admin')) {
      await repo.deleteSession(db, tokenHash);
      return null;
    }
    if (!onRotate) await repo.setSessionPrivileges(db, tokenHash, privileges);
    else {
      const fresh = newToken();
      if (!(await repo.rotateSession(db, tokenHash, fresh.hash, privileges))) return null;
      onRotate(fresh.token);
    }
  } else if (Date.now() - session.lastSeenAt.getTime() > 60_000) await repo.touchSession(db, tokenHash);
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
 * Check the password (the first factor); the user's id. The session is opened by `completeSignIn`. Limited strictly per account (5 failures a minute) and
 * generously per address (60 attempts a minute: a municipal office shares one address).
 */
export async function checkPassword(db: Db, input: LoginInput): Promise<string> {
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
  await audit(db, {
    actorUserId: user.id,
    action: 'login',
    entityType: 'user',
    entityId: user.id,
    ip: input.ip,
  });
  return user.id;
}

/**
 * Open a login session for a user; the secret for the cookie (only its hash is stored). `secondFactor`:
 * the user passed TOTP in this sign-in.
 */
export async function openSession(
  db: Db,
  userId: string,
  opts: { method?: string; secondFactor?: boolean } = {},
): Promise<string> {
  const { token, hash } = newToken();
  const privileges = privilegesOf(await repo.loadMemberships(db, userId));
  await repo.insertSession(db, hash, userId, SESSION_TTL_HOURS, { privileges, ...opts });
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
  await repo.deleteExpiredPendingLogins(db);
  await repo.pruneAttempts(db);
  await repo.pruneOneTimeTokens(db);
}
