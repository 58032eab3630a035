// Signing a time certificate: the participant confirms in the product, then the nearest manager
// countersigns — a company contact signed in (one certificate, or many reviewed in one batch), a named
// manager without an account through a one-time link (14 days, single use, only its hash stored), or the
// ESF administrator records a wet-ink signature on the printed PDF. Each signature keeps who, how and
// when; with both, the certificate is signed and frozen.
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import { hashToken, newToken } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { isEsfAdmin } from '../policy.ts';
import * as repo from '../repo-certificates.ts';
import {
  assertMonthOpen,
  type CertificateRow,
  certificateInScope,
  isContactOf,
  isOwn,
} from './certificates-scope.ts';
import type { WriteCtx } from './programme.ts';

export const SIGN_LINK_DAYS = 14;

async function addSignature(
  db: Db,
  c: CertificateRow,
  s: {
    role: 'participant' | 'manager';
    method: repo.SignatureRow['method'];
    userId: string | null;
    name: string;
    batchId: string | null;
    ip: string | null;
    /** Who recorded it, when not the signer (a paper signature). */
    recordedBy?: string;
  },
): Promise<void> {
  const from: repo.CertificateStatus[] = s.role === 'participant' ? ['draft'] : ['participant_confirmed'];
  const to: repo.CertificateStatus = s.role === 'participant' ? 'participant_confirmed' : 'signed';
  if (!(await repo.setStatus(db, c.id, from, to)))
    throw new AppError('CONFLICT', 'esf.certificates.wrongStatus');
  await repo.insertSignature(db, {
    id: randomUUID(),
    certificateId: c.id,
    role: s.role,
    method: s.method,
    signerUserId: s.userId,
    signerName: s.name,
    batchId: s.batchId,
  });
  await audit(db, {
    actorUserId: s.recordedBy ?? s.userId,
    action: `esf.certificate.sign.${s.role}`,
    entityType: 'esf_certificate',
    entityId: c.id,
    ip: s.ip,
    details: { method: s.method, ...(s.batchId ? { batchId: s.batchId } : {}) },
  });
}

/** The participant confirms their own certificate (draft → participant_confirmed). */
export async function confirmOwn(db: Db, ctx: WriteCtx, id: string): Promise<void> {
  const c = await certificateInScope(db, ctx.actor, id);
  if (!isOwn(ctx.actor, c)) throw new AppError('NOT_FOUND');
  await assertMonthOpen(db, c.programmeId, c.month);
  await db.tx((tx) =>
    addSignature(tx, c, {
      role: 'participant',
      method: 'session',
      userId: ctx.actor.userId,
      name: ctx.actor.name,
      batchId: null,
      ip: ctx.ip,
    }),
  );
}

/**
 * A company contact countersigns their employees' confirmed certificates after reviewing them: one is
 * 'session', several are one 'batch' with a shared id. All or nothing.
 */
export async function countersign(
  db: Db,
  ctx: WriteCtx,
  ids: string[],
): Promise<{ signed: number; batchId: string | null }> {
  const unique = [...new Set(ids)];
  const certs: CertificateRow[] = [];
  for (const id of unique) {
    const c = await certificateInScope(db, ctx.actor, id);
    if (!isContactOf(ctx.actor, c)) throw new AppError('NOT_FOUND');
    // Nobody countersigns their own hours.
    if (isOwn(ctx.actor, c)) throw new AppError('FORBIDDEN');
    await assertMonthOpen(db, c.programmeId, c.month);
    certs.push(c);
  }
  const batchId = certs.length > 1 ? randomUUID() : null;
  await db.tx(async (tx) => {
    for (const c of certs)
      await addSignature(tx, c, {
        role: 'manager',
        method: batchId ? 'batch' : 'session',
        userId: ctx.actor.userId,
        name: ctx.actor.name,
        batchId,
        ip: ctx.ip,
      });
  });
  return { signed: certs.length, batchId };
}

/** A one-time link for a named manager without an account (ESF administrator). The token is shown once. */
export async function createSignLink(
  db: Db,
  ctx: WriteCtx,
  id: string,
): Promise<{ token: string; expiresAt: Date }> {
  if (!isEsfAdmin(ctx.actor)) throw new AppError('FORBIDDEN');
  const c = await certificateInScope(db, ctx.actor, id);
  if (c.status !== 'draft' && c.status !== 'participant_confirmed')
    throw new AppError('CONFLICT', 'esf.certificates.wrongStatus');
  await assertMonthOpen(db, c.programmeId, c.month);
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + SIGN_LINK_DAYS * 86_400_000);
  await db.tx(async (tx) => {
    const linkId = randomUUID();
    await repo.insertSignLink(tx, {
      id: linkId,
      certificateId: c.id,
      tokenHash: hash,
      expiresAt,
      createdBy: ctx.actor.userId,
    });
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'esf.certificate.link.create',
      entityType: 'esf_certificate',
      entityId: c.id,
      ip: ctx.ip,
      details: { linkId },
    });
  });
  return { token, expiresAt };
}

/** The certificate behind a live link, or null (unknown, used or expired — one answer for all). */
export async function certificateOfLink(
  db: Db,
  token: string,
): Promise<{ linkId: string; certificate: CertificateRow } | null> {
  const link = await repo.liveSignLink(db, hashToken(token));
  if (!link) return null;
  const certificate = await repo.findCertificate(db, link.certificateId);
  if (!certificate || certificate.status === 'superseded' || certificate.status === 'signed') return null;
  return { linkId: link.id, certificate };
}

/** The named manager signs through the link; the link is spent in the same transaction. */
export async function signWithLink(
  db: Db,
  token: string,
  signer: { name: string; ip: string | null },
): Promise<'signed' | 'gone' | 'not_confirmed'> {
  const found = await certificateOfLink(db, token);
  if (!found) return 'gone';
  const c = found.certificate;
  if (c.status !== 'participant_confirmed') return 'not_confirmed';
  await assertMonthOpen(db, c.programmeId, c.month);
  return db.tx(async (tx) => {
    if (!(await repo.useSignLink(tx, found.linkId))) return 'gone' as const;
    await addSignature(tx, c, {
      role: 'manager',
      method: 'link',
      userId: null,
      name: signer.name,
      batchId: null,
      ip: signer.ip,
    });
    return 'signed' as const;
  });
}

/**
 * The ESF administrator records a wet-ink signed paper certificate: the signatures still missing
 * (participant, manager) are recorded with method 'paper' and the names on the paper.
 */
export async function recordPaper(
  db: Db,
  ctx: WriteCtx,
  id: string,
  names: { participantName: string; managerName: string },
): Promise<void> {
  if (!isEsfAdmin(ctx.actor)) throw new AppError('FORBIDDEN');
  const c = await certificateInScope(db, ctx.actor, id);
  await assertMonthOpen(db, c.programmeId, c.month);
  if (c.status !== 'draft' && c.status !== 'participant_confirmed')
    throw new AppError('CONFLICT', 'esf.certificates.wrongStatus');
  await db.tx(async (tx) => {
    const base = {
      method: 'paper' as const,
      userId: null,
      recordedBy: ctx.actor.userId,
      batchId: null,
      ip: ctx.ip,
    };
    if (c.status === 'draft')
      await addSignature(tx, c, { ...base, role: 'participant', name: names.participantName });
    await addSignature(tx, c, { ...base, role: 'manager', name: names.managerName });
  });
}
