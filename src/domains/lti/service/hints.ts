// The signed, opaque hints of the third-party login initiation and the per-tool pseudonym.
// login_hint = <random>.<mac>: bound to the user (the MAC covers the user id, which the hint never shows).
// lti_message_hint = <payload>.<mac>: the link, the return path and an expiry, bound to the same user.
// The MAC key is derived from the installation's key ring (every process shares it; after a rotation, hints
// signed under an older key of the ring still verify).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Keyring } from '../../../platform/secrets.ts';
import { lookupHash } from '../../../platform/secrets.ts';

/** How long a launch may take from the platform's redirect to the authentication request. */
export const HINT_SECONDS = 5 * 60;

function macKeys(keyring: Keyring): Buffer[] {
  const ids = [keyring.currentId, ...[...keyring.keys.keys()].filter((id) => id !== keyring.currentId)];
  return ids.map((id) => Buffer.from(lookupHash(keyring, id, 'kompetensnavet-lti-hints'), 'hex'));
}

function mac(key: Buffer, kind: string, payload: string, userId: string): string {
  return createHmac('sha256', key).update(`${kind}|${payload}|${userId}`).digest('base64url');
}

function sign(keyring: Keyring, kind: string, payload: string, userId: string): string {
  return `${payload}.${mac(macKeys(keyring)[0] as Buffer, kind, payload, userId)}`;
}

function verify(keyring: Keyring, kind: string, hint: string, userId: string): string | null {
  const at = hint.lastIndexOf('.');
  if (at <= 0) return null;
  const payload = hint.slice(0, at);
  const given = Buffer.from(hint.slice(at + 1));
  for (const key of macKeys(keyring)) {
    const want = Buffer.from(mac(key, kind, payload, userId));
    if (want.length === given.length && timingSafeEqual(want, given)) return payload;
  }
  return null;
}

export function loginHint(keyring: Keyring, userId: string): string {
  return sign(keyring, 'login', randomBytes(12).toString('base64url'), userId);
}

export const loginHintMatches = (keyring: Keyring, hint: string, userId: string): boolean =>
  verify(keyring, 'login', hint, userId) !== null;

export interface MessageHint {
  linkId: string;
  /** A same-site path to return to (launch_presentation.return_url). */
  returnPath: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export function messageHint(
  keyring: Keyring,
  userId: string,
  hint: Omit<MessageHint, 'exp'>,
  now = Date.now(),
) {
  const body: MessageHint = { ...hint, exp: Math.floor(now / 1000) + HINT_SECONDS };
  return sign(keyring, 'message', Buffer.from(JSON.stringify(body)).toString('base64url'), userId);
}

/** The message hint's content when its MAC holds for this user and it has not expired; else null. */
export function readMessageHint(
  keyring: Keyring,
  hint: string,
  userId: string,
  now = Date.now(),
): MessageHint | null {
  const payload = verify(keyring, 'message', hint, userId);
  if (payload === null) return null;
  try {
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as MessageHint;
    if (
      typeof body.linkId !== 'string' ||
      typeof body.returnPath !== 'string' ||
      typeof body.exp !== 'number'
    )
      return null;
    return body.exp * 1000 > now ? body : null;
  } catch {
    return null;
  }
}

/** The user's opaque pseudonym for one tool: stable, different for every tool, not the user id. */
export function pseudonym(secret: Uint8Array, userId: string): string {
  return createHmac('sha256', secret).update(userId).digest('base64url');
}

/** A same-site path (no scheme, no `//`), else `/`. */
export const safePath = (value: unknown): string =>
  typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\')
    ? value.slice(0, 500)
    : '/';
