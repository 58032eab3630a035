// TOTP (RFC 6238 / RFC 4226 test vectors), enrolment on /account, the code step of a sign-in (required for
// ESF administrators), recovery codes, the 5-wrong-codes limit, reuse refusal and disabling.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, TEST_KEYRING, TEST_PASSWORD, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { setTotpSecret } from './service/second-factor.ts';
import { anonCsrf, countWhere } from './test-support.ts';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, stepAt, totp } from './totp.ts';

describe('TOTP algorithm', () => {
  it('RFC 4226 appendix D: HOTP values for counters 0–9', () => {
    const key = Buffer.from('12345678901234567890');
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, i) => hotp(key, i))).toEqual(expected);
  });

  it('RFC 6238 appendix B: SHA-1 values (8 digits) at the published times', () => {
    const key = Buffer.from('12345678901234567890');
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [t, code] of vectors) expect(hotp(key, stepAt(t * 1000), 8)).toBe(code);
    // The SHA-256 and SHA-512 rows too (the algorithm is the same; only the key and hash differ).
    const k256 = Buffer.from('12345678901234567890123456789012');
    const k512 = Buffer.from('1234567890123456789012345678901234567890123456789012345678901234');
    expect(hotp(k256, stepAt(59_000), 8, 'sha256')).toBe('46119246');
    expect(hotp(k512, stepAt(59_000), 8, 'sha512')).toBe('90693936');
  });

  it('base32 round-trips and the 6-digit code is the last digits of the RFC value', () => {
    const secret = base32Encode(Buffer.from('12345678901234567890'));
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(secret.toLowerCase()).toString()).toBe('12345678901234567890');
    expect(totp(secret, 1111111109 * 1000)).toBe('081804');
  });

  it('accepts ±1 step, not 2, and never a step at or before the last used one', () => {
    const secret = base32Encode(Buffer.from('12345678901234567890'));
    const now = 1234567890 * 1000;
    const step = stepAt(now);
    expect(matchTotp(secret, totp(secret, now), now, null)).toBe(step);
    expect(matchTotp(secret, totp(secret, now - 30_000), now, null)).toBe(step - 1);
    expect(matchTotp(secret, totp(secret, now + 30_000), now, null)).toBe(step + 1);
    expect(matchTotp(secret, totp(secret, now - 60_000), now, null)).toBeNull();
    expect(matchTotp(secret, totp(secret, now), now, step)).toBeNull();
    expect(matchTotp(secret, totp(secret, now + 30_000), now, step)).toBe(step + 1);
    expect(matchTotp(secret, 'abcdef', now, null)).toBeNull();
    expect(otpauthUri(secret, 'a@b.se')).toBe(
      `otpauth://totp/Kompetensnavet:a%40b.se?secret=${secret}&issuer=Kompetensnavet&algorithm=SHA1&digits=6&period=30`,
    );
  });
});

let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

async function passwordStep(email: string) {
  const client = new Client(app);
  const res = await client.post(
    '/login',
    { email, password: TEST_PASSWORD },
    { csrf: await anonCsrf(client) },
  );
  return { client, res };
}

/** A code for a later step than any used so far (codes are refused twice). */
const codeAhead = (secret: string, steps: number) => totp(secret, Date.now() + steps * 30_000);

describe('second factor at sign-in', () => {
  it('an ESF administrator without TOTP must enrol first; the pending step grants nothing', async () => {
    const esf = await makeUser(db, [{ role: 'esf_admin', org: 'region' }]);
    const { client, res } = await passwordStep(esf.email);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login/totp/enrol');
    expect(client.cookies.has('kn_session')).toBe(false);
    expect(client.cookies.has('kn_2fa')).toBe(true);
    expect(await countWhere(db, 'auth_sessions WHERE user_id = $1', [esf.id])).toBe(0);
    // Nothing is reachable while pending.
    const esfPage = await client.get('/account');
    expect(esfPage.statusCode).toBe(302);
    expect(esfPage.headers.location).toMatch(/^\/login/);

    const page = await client.get('/login/totp/enrol');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('data:image/svg+xml;base64,');
    const secret = (page.body.match(/data-testid="totp-secret">([A-Z2-7 ]+)</)?.[1] ?? '').replace(/ /g, '');
    expect(secret).toHaveLength(32);
    // The secret is stored sealed, never as text.
    const [row] = await db.query<{ sealed: Uint8Array }>(
      'SELECT secret_sealed AS sealed FROM user_totp WHERE user_id = $1',
      [esf.id],
    );
    expect(Buffer.from(row?.sealed ?? []).toString('latin1')).not.toContain(secret);

    const wrong = await client.post('/login/totp/enrol', { code: '000000' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Koden stämmer inte');
    const done = await client.post('/login/totp/enrol', { code: totp(secret) });
    expect(done.statusCode).toBe(200);
    const codes = [...done.body.matchAll(/<code>([a-z2-7]{5}-[a-z2-7]{5})<\/code>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);
    expect(client.cookies.has('kn_session')).toBe(true);
    expect((await client.get('/account')).statusCode).toBe(200);
    expect(await countWhere(db, `audit_log WHERE action = 'totp.enable' AND entity_id = $1`, [esf.id])).toBe(
      1,
    );
    expect(await countWhere(db, 'totp_recovery_codes WHERE user_id = $1', [esf.id])).toBe(10);

    // Next sign-in: the code step. A recovery code works once.
    const again = await passwordStep(esf.email);
    expect(again.res.headers.location).toBe('/login/totp');
    const step = await again.client.get('/login/totp');
    expect(step.statusCode).toBe(200);
    const ok = await again.client.post('/login/totp', { code: codes[0] as string });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/companies');
    expect(
      await countWhere(db, `audit_log WHERE action = 'recovery_code.use' AND entity_id = $1`, [esf.id]),
    ).toBe(1);
    const third = await passwordStep(esf.email);
    const reused = await third.client.post('/login/totp', { code: codes[0] as string });
    expect(reused.statusCode).toBe(422);
  });

  it('a used code is refused the second time; five wrong codes end the pending sign-in', async () => {
    const esf = await makeUser(db, [{ role: 'esf_admin', org: 'region' }]);
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await setTotpSecret({ db, keyring: TEST_KEYRING }, esf.id, secret);
    const first = await passwordStep(esf.email);
    const code = totp(secret);
    expect((await first.client.post('/login/totp', { code })).statusCode).toBe(303);
    expect(
      await countWhere(db, `audit_log WHERE action = 'login.second_factor' AND entity_id = $1`, [esf.id]),
    ).toBe(1);

    const second = await passwordStep(esf.email);
    const reused = await second.client.post('/login/totp', { code });
    expect(reused.statusCode).toBe(422);
    // Told apart from a wrong code: the person signing in on a second device waits for the next code.
    expect(reused.body).toContain('Den koden har redan använts');
    for (let i = 0; i < 3; i++) {
      const wrong = await second.client.post('/login/totp', { code: '111111' });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.body).toContain('Koden stämmer inte');
    }
    const fifth = await second.client.post('/login/totp', { code: '222222' });
    expect(fifth.statusCode).toBe(303);
    expect(fifth.headers.location).toBe('/login');
    // Even the right code no longer helps: the pending sign-in is gone.
    const late = await second.client.post('/login/totp', { code: codeAhead(secret, 1) });
    expect(late.statusCode).toBe(303);
    expect(late.headers.location).toBe('/login');
    expect(second.client.cookies.has('kn_session')).toBe(false);
    expect(
      await countWhere(db, `audit_log WHERE action = 'login.second_factor.failed' AND entity_id = $1`, [
        esf.id,
      ]),
    ).toBe(5);
  });

  it('a pending sign-in expires after 5 minutes', async () => {
    const esf = await makeUser(db, [{ role: 'esf_admin', org: 'region' }]);
    const { client } = await passwordStep(esf.email);
    await db.query(
      `UPDATE auth_pending_logins SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [esf.id],
    );
    const res = await client.get('/login/totp/enrol');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login');
  });
});

describe('optional TOTP on /account', () => {
  it('a coach enables it with a code, then signs in with it, then disables it with a code', async () => {
    const coach = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const client = await Client.as(app, db, coach);
    const account = await client.get('/account');
    expect(account.body).toContain('data-testid="totp-status"');
    const page = await client.get('/account/totp');
    expect(page.statusCode).toBe(200);
    const secret = (page.body.match(/data-testid="totp-secret">([A-Z2-7 ]+)</)?.[1] ?? '').replace(/ /g, '');
    expect((await client.post('/account/totp', { code: 'x' })).statusCode).toBe(422);
    const done = await client.post('/account/totp', { code: totp(secret) });
    expect(done.statusCode).toBe(200);
    expect(done.headers['cache-control']).toBe('no-store');

    const signIn = await passwordStep(coach.email);
    expect(signIn.res.headers.location).toBe('/login/totp');
    expect((await signIn.client.post('/login/totp', { code: codeAhead(secret, 1) })).statusCode).toBe(303);

    expect((await client.post('/account/totp/disable', { code: '000000' })).statusCode).toBe(422);
    // As if a minute had passed since the last code (a new code is needed; it must be a later step).
    await db.query('UPDATE user_totp SET last_step = last_step - 2 WHERE user_id = $1', [coach.id]);
    const off = await client.post('/account/totp/disable', { code: codeAhead(secret, 0) });
    expect(off.statusCode).toBe(303);
    expect(await countWhere(db, 'user_totp WHERE user_id = $1', [coach.id])).toBe(0);
    expect(
      await countWhere(db, `audit_log WHERE action = 'totp.disable' AND entity_id = $1`, [coach.id]),
    ).toBe(1);
    expect((await passwordStep(coach.email)).res.headers.location).toBe('/companies');
  });

  it('an ESF administrator cannot disable it', async () => {
    const esf = await makeUser(db, [{ role: 'esf_admin', org: 'region' }]);
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXA';
    await setTotpSecret({ db, keyring: TEST_KEYRING }, esf.id, secret);
    const client = await Client.as(app, db, esf);
    const res = await client.post('/account/totp/disable', { code: totp(secret) });
    expect(res.statusCode).toBe(422);
    expect(await countWhere(db, 'user_totp WHERE user_id = $1', [esf.id])).toBe(1);
  });
});

describe('new recovery codes', () => {
  const codesIn = (body: string) => [...new Set(body.match(/\b[a-z2-7]{5}-[a-z2-7]{5}\b/g) ?? [])];

  it('on /account and through the API, against a current code; the old codes stop working', async () => {
    const esf = await makeUser(db, [{ role: 'esf_admin', org: 'region' }]);
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXB';
    await setTotpSecret({ db, keyring: TEST_KEYRING }, esf.id, secret);
    const client = await Client.as(app, db, esf);
    expect((await client.get('/account')).body).toContain('action="/account/totp/recovery-codes"');

    const wrong = await client.post('/account/totp/recovery-codes', { renewCode: '000000' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Koden stämmer inte');
    expect(wrong.body).toContain('id="f-renewCode"');
    expect(await countWhere(db, 'totp_recovery_codes WHERE user_id = $1', [esf.id])).toBe(0);

    const page = await client.post('/account/totp/recovery-codes', { renewCode: totp(secret) });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const first = codesIn(page.body);
    expect(first).toHaveLength(10);
    expect(await countWhere(db, 'totp_recovery_codes WHERE user_id = $1', [esf.id])).toBe(10);
    // The same code again is refused as used, and writes nothing.
    const again = await client.post('/account/totp/recovery-codes', { renewCode: totp(secret) });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('Den koden har redan använts');

    // The API twin, with a later code: ten other codes; the first list no longer signs anyone in.
    const token = await apiToken(db, esf.id);
    const api = await app.inject({
      method: 'POST',
      url: '/api/v1/account/totp/recovery-codes',
      headers: { authorization: `Bearer ${token}` },
      payload: { code: codeAhead(secret, 1) },
    });
    expect(api.statusCode).toBe(200);
    expect(api.headers['cache-control']).toBe('no-store');
    const second = (api.json() as { recoveryCodes: string[] }).recoveryCodes;
    expect(second).toHaveLength(10);
    expect(second.filter((c) => first.includes(c))).toEqual([]);
    const old = await passwordStep(esf.email);
    expect((await old.client.post('/login/totp', { code: first[0] as string })).statusCode).toBe(422);
    const fresh = await passwordStep(esf.email);
    const signedIn = await fresh.client.post('/login/totp', { code: second[0] as string });
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).not.toMatch(/^\/login/);
    expect(
      await countWhere(db, `audit_log WHERE action = 'totp.recovery_codes.renew' AND entity_id = $1`, [
        esf.id,
      ]),
    ).toBe(2);
  });

  it('is refused (422, nothing written) without two-step verification and with a bad body', async () => {
    const coach = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const token = await apiToken(db, coach.id);
    const post = (payload: object) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/account/totp/recovery-codes',
        headers: { authorization: `Bearer ${token}` },
        payload,
      });
    expect((await post({ code: '123456' })).statusCode).toBe(422);
    expect((await post({})).statusCode).toBe(422);
    expect(await countWhere(db, 'totp_recovery_codes WHERE user_id = $1', [coach.id])).toBe(0);
    const client = await Client.as(app, db, coach);
    expect((await client.get('/account')).body).not.toContain('action="/account/totp/recovery-codes"');
    expect((await client.post('/account/totp/recovery-codes', { renewCode: '123456' })).statusCode).toBe(422);
  });
});
