// Rate limits. `hitLimit` is DB-backed (table `rate_limits`, migration 0027): a fixed-window counter bumped
// with one atomic upsert, so a limit holds across every app process (invitations). The JSON API's
// per-token/per-IP limit is in-memory per process (server.ts, @fastify/rate-limit): see docs/security.md.
import type { Db } from './db.ts';
import { AppError } from './errors.ts';
import { defineMessages } from './i18n/index.ts';

export const rateLimitMessages = defineMessages(
  {
    'rateLimit.invitations':
      'Du har skickat för många inbjudningar den senaste timmen. Vänta en stund och försök igen.',
    'rateLimit.api': 'För många anrop. Vänta en stund och försök igen.',
  },
  {
    'rateLimit.invitations':
      'You have sent too many invitations in the last hour. Wait a while and try again.',
    'rateLimit.api': 'Too many requests. Wait a while and try again.',
  },
);
export type RateLimitKey = keyof typeof rateLimitMessages.sv;

/** A 429 that says when to come back (the server sends it as Retry-After). */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(message: RateLimitKey, retryAfterSeconds: number) {
    super('RATE_LIMITED', message);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

export interface Limit {
  /** The limit and its subject, e.g. `invite:<user id>` (no personal data in clear). */
  bucket: string;
  max: number;
  windowSeconds: number;
}

export interface LimitState {
  allowed: boolean;
  hits: number;
  retryAfterSeconds: number;
}

/** Count one hit in the current window; `allowed` is false once the window holds more than `max`. */
export async function hitLimit(db: Db, limit: Limit, now = new Date()): Promise<LimitState> {
  const windowMs = limit.windowSeconds * 1000;
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db.query<{ hits: number }>(
    `INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1)
     ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1
     RETURNING hits::int AS hits`,
    [limit.bucket, start],
  );
  const hits = row?.hits ?? 1;
  return {
    allowed: hits <= limit.max,
    hits,
    retryAfterSeconds: (start.getTime() + windowMs - now.getTime()) / 1000,
  };
}

/** Count a hit and throw a RateLimitedError (429) when the limit is exceeded. */
export async function enforceLimit(db: Db, limit: Limit, message: RateLimitKey): Promise<void> {
  const state = await hitLimit(db, limit);
  if (!state.allowed) throw new RateLimitedError(message, state.retryAfterSeconds);
}

/** Delete windows that started more than a day ago (hourly housekeeping; windows are at most an hour). */
export async function pruneRateLimits(db: Db): Promise<void> {
  await db.query(`DELETE FROM rate_limits WHERE window_start < now() - interval '1 day'`);
}
