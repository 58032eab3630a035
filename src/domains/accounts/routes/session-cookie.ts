import type { FastifyReply } from 'fastify';
import { SESSION_COOKIE } from '../../../platform/http/server.ts';
import { SESSION_TTL_HOURS } from '../service.ts';

/** The login session cookie: signed, HTTP-only, same-site lax; the session itself lives in the database. */
export function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: 'auto',
    signed: true,
    maxAge: SESSION_TTL_HOURS * 3600,
  });
}

/** Pages that carry a one-time secret (a link token, a new API token) are never cached. */
export function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store');
}
