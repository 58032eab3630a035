import type { FastifyReply } from 'fastify';
import { hashToken } from '../../../platform/auth.ts';
import type { Ctx } from '../../../platform/http/registry.ts';
import { SESSION_COOKIE } from '../../../platform/http/server.ts';
import * as repo from '../repo.ts';
import { secondFactorStep, startPendingLogin } from '../service/second-factor.ts';
import { actorForUser, openSession, startPage } from '../service.ts';
import { setSessionCookie } from './session-cookie.ts';

/** The cookie of a sign-in waiting for its second factor (5 minutes, only sent to /login…). */
export const PENDING_COOKIE = 'kn_2fa';
const PENDING_PATH = '/login';

type AnyCtx<P, Q, B> = Ctx<P, Q, B>;

/** Where a sign-in may continue: a local path only. */
export function safeNext(next: unknown): string | null {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

/** The value of a signed cookie, or null when absent or tampered with. */
export function signedCookie<P, Q, B>(ctx: AnyCtx<P, Q, B>, name: string): string | null {
  const raw = ctx.req.cookies[name];
  if (!raw) return null;
  const unsigned = ctx.req.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : null;
}

/** The stored hash of this browser's session secret (to tell "this browser" and keep it). */
export function currentSessionHash<P, Q, B>(ctx: AnyCtx<P, Q, B>): string | null {
  const token = signedCookie(ctx, SESSION_COOKIE);
  return token ? hashToken(token) : null;
}

export function setPendingCookie(reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  reply.setCookie(PENDING_COOKIE, token, {
    path: PENDING_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: 'auto',
    signed: true,
    maxAge: maxAgeSeconds,
  });
}

export function clearPendingCookie(reply: FastifyReply): void {
  reply.clearCookie(PENDING_COOKIE, { path: PENDING_PATH });
}

/** A new sign-in ends whatever this browser had: its session (no fixation) and a waiting second step. */
async function endBrowserSignIn<P, Q, B>(ctx: AnyCtx<P, Q, B>): Promise<void> {
  const session = signedCookie(ctx, SESSION_COOKIE);
  if (session) await repo.deleteSession(ctx.db, hashToken(session));
  const pending = signedCookie(ctx, PENDING_COOKIE);
  if (pending) await repo.deletePendingLogin(ctx.db, hashToken(pending));
}

/** Open the session (a new random secret), set its cookie and go on to `next` or the start page. */
export async function openSessionAndGo<P, Q, B>(
  ctx: AnyCtx<P, Q, B>,
  userId: string,
  opts: { method: string; secondFactor: boolean; next?: string | null; message?: string },
): Promise<FastifyReply> {
  const token = await openSession(ctx.db, userId, { method: opts.method, secondFactor: opts.secondFactor });
  setSessionCookie(ctx.reply, token);
  const actor = await actorForUser(ctx.db, userId, 'session');
  return ctx.redirect(safeNext(opts.next) ?? (actor ? startPage(actor) : '/account'), opts.message);
}

/**
 * After the first factor (password, one-time link, single sign-on). Every way of signing in ends here, so
 * session rules live in one place: the browser's old session ends; a user with TOTP (or an ESF
 * administrator, who must have it) goes to the code step or enrolment with a pending sign-in that grants
 * nothing; everyone else gets a new session and goes on to `next` or the start page.
 */
export async function completeSignIn<P, Q, B>(
  ctx: Ctx<P, Q, B>,
  userId: string,
  opts: { method: 'password' | 'link' | 'sso'; next?: string | null; message?: string },
): Promise<FastifyReply> {
  await endBrowserSignIn(ctx);
  const step = await secondFactorStep(ctx.db, userId);
  if (step === 'none') return openSessionAndGo(ctx, userId, { ...opts, secondFactor: false });
  const pending = await startPendingLogin(ctx.db, userId, opts.method, safeNext(opts.next));
  ctx.reply.clearCookie(SESSION_COOKIE, { path: '/' });
  setPendingCookie(ctx.reply, pending, 5 * 60);
  return ctx.redirect(step === 'code' ? '/login/totp' : '/login/totp/enrol');
}
