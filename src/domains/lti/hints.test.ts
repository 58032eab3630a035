// The signed hints and the pseudonym, as pure functions: bound to the user, tamper-evident, expiring, valid
// across a key-ring rotation; the pseudonym stable per tool and different between tools.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseKeyring } from '../../platform/secrets.ts';
import {
  loginHint,
  loginHintMatches,
  messageHint,
  pseudonym,
  readMessageHint,
  safePath,
} from './service/hints.ts';

const key = (b: number) => Buffer.alloc(32, b).toString('base64');
const ring = parseKeyring(`k1:${key(1)}`);
const rotated = parseKeyring(`k2:${key(2)}\nk1:${key(1)}`);
const alice = '11111111-1111-4111-8111-111111111111';
const bob = '22222222-2222-4222-8222-222222222222';

describe('LTI hints', () => {
  it('binds the login hint to the user without showing the user id', () => {
    const hint = loginHint(ring, alice);
    expect(hint).not.toContain(alice);
    expect(loginHintMatches(ring, hint, alice)).toBe(true);
    expect(loginHintMatches(ring, hint, bob)).toBe(false);
    expect(loginHintMatches(ring, `x${hint}`, alice)).toBe(false);
    expect(loginHintMatches(rotated, hint, alice)).toBe(true);
    expect(loginHintMatches(parseKeyring(`k3:${key(3)}`), hint, alice)).toBe(false);
  });

  it('reads a message hint only for its user, unchanged and before it expires', () => {
    const now = Date.now();
    const hint = messageHint(ring, alice, { linkId: 'link-1', returnPath: '/x' }, now);
    expect(readMessageHint(ring, hint, alice, now)).toMatchObject({ linkId: 'link-1', returnPath: '/x' });
    expect(readMessageHint(ring, hint, bob, now)).toBeNull();
    expect(readMessageHint(ring, hint, alice, now + 6 * 60_000)).toBeNull();
    const [payload, mac] = hint.split('.');
    const forged = Buffer.from(JSON.stringify({ linkId: 'link-2', returnPath: '/x', exp: 9e9 })).toString(
      'base64url',
    );
    expect(readMessageHint(ring, `${forged}.${mac}`, alice, now)).toBeNull();
    expect(readMessageHint(rotated, `${payload}.${mac}`, alice, now)).not.toBeNull();
  });

  it('gives a stable pseudonym per tool that differs between tools and is not the user id', () => {
    const [toolA, toolB] = [randomBytes(32), randomBytes(32)];
    expect(pseudonym(toolA, alice)).toBe(pseudonym(toolA, alice));
    expect(pseudonym(toolA, alice)).not.toBe(pseudonym(toolB, alice));
    expect(pseudonym(toolA, alice)).not.toBe(pseudonym(toolA, bob));
    expect(pseudonym(toolA, alice)).not.toContain(alice.slice(0, 8));
  });

  it('keeps the return path on this site', () => {
    expect(safePath('/learn/lesson/1')).toBe('/learn/lesson/1');
    expect(safePath('//evil.test/')).toBe('/');
    expect(safePath('https://evil.test/')).toBe('/');
    expect(safePath('/\\evil.test')).toBe('/');
    expect(safePath(undefined)).toBe('/');
  });
});
