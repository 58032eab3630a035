import { audit } from '../../../platform/audit.ts';
import { hashToken, newToken } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { AppDeps } from '../../../platform/http/registry.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { hashPassword } from '../passwords.ts';
import * as repo from '../repo.ts';
import { MAX_IP_ATTEMPTS_PER_MINUTE } from '../service.ts';
import { bilingualMail } from './mail.ts';

export const RESET_TTL_MINUTES = 60;
export const MAX_RESETS_PER_HOUR = 3;

const linkGone = () => new AppError('NOT_FOUND', 'link.invalid');

/** The person a live invitation link is for, or null (expired, used, unknown). */
export function invitationFor(db: Db, token: string): Promise<repo.LinkUser | null> {
  return repo.findLiveToken(db, hashToken(token), 'invitation');
}

/** The person a live password-reset link is for, or null (expired, used, unknown). */
export function resetLinkFor(db: Db, token: string): Promise<repo.LinkUser | null> {
  return repo.findLiveToken(db, hashToken(token), 'password_reset');
}

/**
 * Accept an invitation: the person sets their name and password, the link (and any other live link of
 * theirs) is used up, and a login session is opened. A link that is no longer live answers NOT_FOUND.
 */
export async function acceptInvitation(
  db: Db,
  input: { token: string; name: string; password: string; locale: Locale; ip: string },
): Promise<{ userId: string }> {
  const hash = hashToken(input.token);
  const live = await repo.findLiveToken(db, hash, 'invitation');
  if (!live) throw linkGone();
  const passwordHash = await hashPassword(input.password);
  await db.tx(async (tx) => {
    // Consumed inside the transaction: of two concurrent submissions only one gets the row.
    if ((await repo.consumeToken(tx, hash, 'invitation')) !== live.userId) throw linkGone();
    await repo.activateUser(tx, live.userId, { name: input.name, passwordHash, locale: input.locale });
    await repo.retireTokens(tx, live.userId);
    await audit(tx, {
      actorUserId: live.userId,
      action: 'invitation.accept',
      entityType: 'user',
      entityId: live.userId,
      ip: input.ip,
    });
  });
  return { userId: live.userId };
}

/**
 * Mail a 1-hour reset link if the address belongs to an active account. The caller answers the same
 * whatever happens here (no account enumeration): only the per-address limit is checked before the
 * answer; looking the account up and mailing run after it, so a known address takes no longer to answer
 * than an unknown one. At most 3 links per account and hour; requests are also counted per IP address
 * with the login attempts (60 a minute).
 */
export async function requestPasswordReset(
  deps: AppDeps,
  input: { email: string; ip: string },
): Promise<void> {
  const key = input.email.trim().toLowerCase();
  const counts = await repo.recentFailures(deps.db, `reset:${key}`, input.ip);
  if (counts.ip >= MAX_IP_ATTEMPTS_PER_MINUTE) throw new AppError('RATE_LIMITED');
  await repo.recordAttempt(deps.db, `reset:${key}`, input.ip, true);
  const task: Promise<void> = mailResetLink(deps, key, input.ip)
    .catch((err: unknown) => {
      // No address or message in the log: they may be personal data.
      deps.logger.error(
        { errName: err instanceof Error ? err.name : 'unknown' },
        'password reset mail failed',
      );
    })
    .finally(() => inFlight.delete(task));
  inFlight.add(task);
}

const inFlight = new Set<Promise<void>>();

/** Resolves when every reset mail started so far has been handled (for tests and a graceful shutdown). */
export async function resetMailsSettled(): Promise<void> {
  await Promise.all([...inFlight]);
}

async function mailResetLink(deps: AppDeps, email: string, ip: string): Promise<void> {
  const { db } = deps;
  const user = await repo.findUserByEmail(db, email);
  if (!user || user.disabledAt) return;
  const token = await db.tx(async (tx) => {
    // Serialised per user, so that simultaneous requests cannot pass the hourly limit together.
    await repo.lockUserTokens(tx, user.id);
    if ((await repo.countRecentTokens(tx, user.id, 'password_reset', 60)) >= MAX_RESETS_PER_HOUR) return null;
    const t = newToken();
    await repo.insertOneTimeToken(tx, {
      hash: t.hash,
      purpose: 'password_reset',
      userId: user.id,
      createdBy: null,
      ttlMinutes: RESET_TTL_MINUTES,
    });
    await audit(tx, {
      actorUserId: null,
      action: 'password.reset.request',
      entityType: 'user',
      entityId: user.id,
      ip,
    });
    return t.token;
  });
  if (!token) return;
  const regionId = (await repo.loadMemberships(db, user.id))[0]?.regionId ?? null;
  const link = `${deps.baseUrl}/password/reset/${token}`;
  const mail = bilingualMail(user.locale, (t) => ({
    subject: t('mail.reset.subject'),
    text: t('mail.reset.body', { name: user.name, link }),
  }));
  await deps.mailer.send(db, { to: user.email, ...mail, regionId });
}

/**
 * Set a new password through a reset link: the link (and every other live link) is used up, every login
 * session of the user ends, and a new one is opened for this browser.
 */
export async function resetPassword(
  db: Db,
  input: { token: string; password: string; ip: string },
): Promise<{ userId: string }> {
  const hash = hashToken(input.token);
  const live = await repo.findLiveToken(db, hash, 'password_reset');
  if (!live) throw linkGone();
  const passwordHash = await hashPassword(input.password);
  await db.tx(async (tx) => {
    if ((await repo.consumeToken(tx, hash, 'password_reset')) !== live.userId) throw linkGone();
    await repo.setPasswordHash(tx, live.userId, passwordHash);
    await repo.retireTokens(tx, live.userId);
    const ended = await repo.deleteUserSessions(tx, live.userId);
    await audit(tx, {
      actorUserId: live.userId,
      action: 'password.reset',
      entityType: 'user',
      entityId: live.userId,
      ip: input.ip,
      details: { sessionsEnded: ended },
    });
  });
  return { userId: live.userId };
}
