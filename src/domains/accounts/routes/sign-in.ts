import type { FastifyReply } from 'fastify';
import type { Ctx } from '../../../platform/http/registry.ts';
import { actorForUser, openSession, startPage } from '../service.ts';
import { setSessionCookie } from './session-cookie.ts';

/** Where a sign-in may continue: a local path only. */
export function safeNext(next: unknown): string | null {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

/**
 * After the first factor (password, one-time link, single sign-on): open the login session and go on to
 * `next` or the start page. Every way of signing in ends here, so session rules live in one place.
 */
export async function completeSignIn<P, Q, B>(
  ctx: Ctx<P, Q, B>,
  userId: string,
  opts: { method: 'password' | 'link' | 'sso'; next?: string | null },
): Promise<FastifyReply> {
  const token = await openSession(ctx.db, userId);
  setSessionCookie(ctx.reply, token);
  const actor = await actorForUser(ctx.db, userId, 'session');
  return ctx.redirect(safeNext(opts.next) ?? (actor ? startPage(actor) : '/account'));
}
