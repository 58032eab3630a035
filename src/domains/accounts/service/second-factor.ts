// TOTP two-factor authentication: enrolment (secret sealed with the key ring, confirmed with a code, ten
// one-time recovery codes shown once), the code step of a sign-in (5 minutes, at most 5 wrong codes), and
// disabling (with a code; never for ESF administrators, for whom it is required).
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { audit } from '../../../platform/audit.ts';
import { type Actor, hashToken, newToken } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, validation } from '../../../platform/errors.ts';
import type { AppDeps } from '../../../platform/http/registry.ts';
import { seal, unseal } from '../../../platform/secrets.ts';
import * as repo from '../repo.ts';
import { base32Encode, matchTotp, newTotpSecret, otpauthUri } from '../totp.ts';

export const PENDING_LOGIN_MINUTES = 5;
export const MAX_CODE_FAILURES = 5;
export const RECOVERY_CODE_COUNT = 10;

type Deps = Pick<AppDeps, 'db' | 'keyring'>;
const aad = (userId: string) => `totp:${userId}`;

/** Roles for which the second factor is required (for every other role it is optional). */
export async function secondFactorRequired(db: Db, userId: string): Promise<boolean> {
  return (await repo.loadMemberships(db, userId)).some((m) => m.role === 'esf_admin');
}

export async function totpEnabled(db: Db, userId: string): Promise<boolean> {
  return !!(await repo.findTotp(db, userId))?.confirmedAt;
}

/** What a sign-in needs after the first factor: nothing, the code, or enrolment first. */
export async function secondFactorStep(db: Db, userId: string): Promise<'none' | 'code' | 'enrol'> {
  if (await totpEnabled(db, userId)) return 'code';
  return (await secondFactorRequired(db, userId)) ? 'enrol' : 'none';
}

/** A sign-in waiting for its second factor; the secret for its cookie. */
export async function startPendingLogin(
  db: Db,
  userId: string,
  method: string,
  next: string | null,
): Promise<string> {
  const { token, hash } = newToken();
  await repo.insertPendingLogin(db, {
    tokenHash: hash,
    userId,
    method,
    next,
    minutes: PENDING_LOGIN_MINUTES,
  });
  return token;
}

export async function pendingLogin(db: Db, token: string): Promise<repo.PendingLogin | null> {
  const pending = await repo.findPendingLogin(db, hashToken(token));
  return pending && pending.failures < MAX_CODE_FAILURES ? pending : null;
}

// ---------------------------------------------------------------- secrets

function openSecret(deps: Deps, row: repo.TotpRow): string {
  return unseal(deps.keyring, row.keyId, Buffer.from(row.secretSealed), aad(row.userId));
}

export interface Enrolment {
  secret: string;
  uri: string;
  /** The otpauth URI as an inline SVG QR code. */
  qrSvg: string;
}

/** The secret being enrolled (a new one when none is waiting); refused when TOTP is already on. */
export async function enrolment(deps: Deps, userId: string, account: string): Promise<Enrolment> {
  let row = await repo.findTotp(deps.db, userId);
  if (row?.confirmedAt) throw new AppError('CONFLICT', 'totp.alreadyOn');
  if (!row) {
    const { keyId, sealed } = seal(deps.keyring, newTotpSecret(), aad(userId));
    await repo.upsertPendingTotp(deps.db, userId, keyId, sealed);
    row = await repo.findTotp(deps.db, userId);
    if (!row) throw new Error('TOTP enrolment was not stored');
  }
  const secret = openSecret(deps, row);
  const uri = otpauthUri(secret, account);
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrSvg };
}

/** Check a TOTP code against the user's secret and use up its step; `confirm` for an enrolment. */
async function acceptCode(deps: Deps, userId: string, code: string, confirm: boolean): Promise<boolean> {
  const row = await repo.findTotp(deps.db, userId);
  if (!row || (!confirm && !row.confirmedAt)) return false;
  const step = matchTotp(openSecret(deps, row), code, Date.now(), row.lastStep);
  return step !== null && (await repo.acceptTotpStep(deps.db, userId, step, confirm));
}

/** Whether a refused code is right for now but already used (a second sign-in within the same 30 s). */
async function codeUsedBefore(deps: Deps, userId: string, code: string): Promise<boolean> {
  const row = await repo.findTotp(deps.db, userId);
  if (!row?.confirmedAt || row.lastStep === null) return false;
  const step = matchTotp(openSecret(deps, row), code, Date.now(), null);
  return step !== null && step <= row.lastStep;
}

/** Ten random codes "xxxxx-xxxxx" (base32, 50 bits each). */
function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const s = base32Encode(randomBytes(7)).slice(0, 10).toLowerCase();
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
}

const recoveryHash = (code: string) => hashToken(`recovery:${code.replace(/[\s-]/g, '').toLowerCase()}`);

/**
 * Put an enrolment in force with a code from the app; the recovery codes (shown once). A wrong code is a
 * VALIDATION error on `code` and nothing changes.
 */
export async function confirmEnrolment(
  deps: Deps,
  userId: string,
  code: string,
  ip: string,
): Promise<string[]> {
  const codes = newRecoveryCodes();
  await deps.db.tx(async (tx) => {
    if (!(await acceptCode({ ...deps, db: tx }, userId, code, true)))
      throw validation([{ field: 'code', message: 'totp.wrongCode' }]);
    await repo.replaceRecoveryCodes(tx, userId, codes.map(recoveryHash));
    await audit(tx, { actorUserId: userId, action: 'totp.enable', entityType: 'user', entityId: userId, ip });
  });
  return codes;
}

/**
 * Ten new recovery codes for a user with TOTP on, against a current code from the app; the old codes stop
 * working. A wrong or used code is a VALIDATION error on `code` and nothing changes.
 */
export async function regenerateRecoveryCodes(
  deps: Deps,
  userId: string,
  code: string,
  ip: string,
): Promise<string[]> {
  const codes = newRecoveryCodes();
  await deps.db.tx(async (tx) => {
    const row = await repo.findTotp(tx, userId);
    if (!row?.confirmedAt) throw validation([{ field: 'code', message: 'totp.notOn' }]);
    if (!(await acceptCode({ ...deps, db: tx }, userId, code, false))) {
      const used = await codeUsedBefore({ ...deps, db: tx }, userId, code);
      throw validation([{ field: 'code', message: used ? 'totp.usedCode' : 'totp.wrongCode' }]);
    }
    await repo.replaceRecoveryCodes(tx, userId, codes.map(recoveryHash));
    await audit(tx, {
      actorUserId: userId,
      action: 'totp.recovery_codes.renew',
      entityType: 'user',
      entityId: userId,
      ip,
    });
  });
  return codes;
}

/** Turn TOTP off with a current code; refused for ESF administrators. */
export async function disableTotp(deps: Deps, actor: Actor, code: string, ip: string): Promise<void> {
  if (actor.memberships.some((m) => m.role === 'esf_admin'))
    throw validation([{ field: 'code', message: 'totp.requiredForRole' }]);
  await deps.db.tx(async (tx) => {
    if (!(await acceptCode({ ...deps, db: tx }, actor.userId, code, false)))
      throw validation([{ field: 'code', message: 'totp.wrongCode' }]);
    await repo.deleteTotp(tx, actor.userId);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'totp.disable',
      entityType: 'user',
      entityId: actor.userId,
      ip,
    });
  });
}

export type CodeOutcome =
  | { ok: true; pending: repo.PendingLogin; recoveryCodes?: string[] }
  | { ok: false; reason: 'expired' | 'locked' | 'wrong' | 'used' };

/**
 * The code step of a sign-in: a TOTP code, or a recovery code (`xxxxx-xxxxx`), or — when `enrol` — the
 * first code of a new enrolment. Success uses up the pending sign-in; five wrong codes end it.
 */
export async function passSecondFactor(
  deps: Deps,
  token: string,
  code: string,
  ip: string,
  enrol: boolean,
): Promise<CodeOutcome> {
  const tokenHash = hashToken(token);
  const pending = await pendingLogin(deps.db, token);
  if (!pending) return { ok: false, reason: 'expired' };
  const { userId } = pending;
  let recoveryCodes: string[] | undefined;
  let ok = false;
  let viaRecovery = false;
  let used = false;
  if (enrol) {
    if (!(await totpEnabled(deps.db, userId))) {
      try {
        recoveryCodes = await confirmEnrolment(deps, userId, code, ip);
        ok = true;
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'VALIDATION') throw err;
      }
    }
  } else if (/^[a-z2-7]{5}-?[a-z2-7]{5}$/i.test(code.trim())) {
    ok = await repo.useRecoveryCode(deps.db, userId, recoveryHash(code.trim()));
    viaRecovery = ok;
  } else {
    ok = await acceptCode(deps, userId, code, false);
    used = !ok && (await codeUsedBefore(deps, userId, code));
  }

  if (!ok) {
    const failures = await repo.failPendingLogin(deps.db, tokenHash);
    await audit(deps.db, {
      actorUserId: userId,
      action: 'login.second_factor.failed',
      entityType: 'user',
      entityId: userId,
      ip,
      details: { failures },
    });
    if (failures >= MAX_CODE_FAILURES) {
      await repo.deletePendingLogin(deps.db, tokenHash);
      return { ok: false, reason: 'locked' };
    }
    return { ok: false, reason: used ? 'used' : 'wrong' };
  }
  if (!(await repo.takePendingLogin(deps.db, tokenHash))) return { ok: false, reason: 'expired' };
  if (viaRecovery)
    await audit(deps.db, {
      actorUserId: userId,
      action: 'recovery_code.use',
      entityType: 'user',
      entityId: userId,
      ip,
    });
  await audit(deps.db, {
    actorUserId: userId,
    action: 'login.second_factor',
    entityType: 'user',
    entityId: userId,
    ip,
    details: { method: pending.method, recovery: viaRecovery },
  });
  return recoveryCodes ? { ok: true, pending, recoveryCodes } : { ok: true, pending };
}

/** Seeding and tests: put a known secret in force for a user (the demo ESF administrator's fixed secret). */
export async function setTotpSecret(deps: Deps, userId: string, secret: string): Promise<void> {
  const { keyId, sealed } = seal(deps.keyring, secret, aad(userId));
  await deps.db.query(
    `INSERT INTO user_totp (user_id, key_id, secret_sealed, confirmed_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (user_id) DO UPDATE SET key_id = $2, secret_sealed = $3, confirmed_at = now(), last_step = NULL`,
    [userId, keyId, sealed],
  );
}
