// Time certificates per participant and month: generated from attendance, coaching and digital learning
// as whole hours per date and activity — minutes summed, then rounded down, the rule shown to
// participants (20 minutes a day = 0 hours). A draft is regenerated in place; a confirmed or signed
// certificate changes only by an explicit correction, which creates the next version and supersedes the
// old one. A month covered by a closed payment-claim period is frozen.
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { isEsfAdmin } from '../policy.ts';
import { type ActivityDayRow, activityDays } from '../repo-activity.ts';
import * as repo from '../repo-certificates.ts';
import {
  assertMonthOpen,
  type CertificateRow,
  certificateInScope,
  contactCompanies,
  ownParticipantIds,
} from './certificates-scope.ts';
import { currentProgramme, type WriteCtx } from './programme.ts';

export type {
  CertificateLine,
  CertificateRow,
  CertificateStatus,
  SignatureRow,
} from '../repo-certificates.ts';

/** First and last date of a month (YYYY-MM). */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The whole-hours rule: each date and activity line's minutes, rounded down to whole hours. */
export function linesOf(days: ActivityDayRow[]): { lines: repo.CertificateLine[]; totalHours: number } {
  const lines = days.map((d) => ({
    date: d.day,
    activity: d.activity,
    label: d.label,
    minutes: d.minutes,
    hours: Math.floor(d.minutes / 60),
  }));
  return { lines, totalHours: lines.reduce((s, l) => s + l.hours, 0) };
}

function requireAdmin(actor: Actor): void {
  if (!isEsfAdmin(actor)) throw new AppError('FORBIDDEN');
}

export interface GenerateResult {
  created: number;
  updated: number;
  /** Participants whose month is confirmed or signed (only a correction changes them). */
  locked: number;
}

/**
 * Draft certificates of a month for every participant of the programme with activity in it: a new
 * version 1, or the draft's lines replaced. Confirmed and signed months are left alone.
 */
export async function generateMonth(db: Db, ctx: WriteCtx, month: string): Promise<GenerateResult> {
  requireAdmin(ctx.actor);
  const p = await currentProgramme(db, ctx.actor);
  await assertMonthOpen(db, p.id, month);
  const participants = await repo.programmeParticipants(db, p.id);
  const { from, to } = monthRange(month);
  const days = await activityDays(
    db,
    participants.map((x) => x.id),
    from,
    to,
  );
  const byParticipant = new Map<string, ActivityDayRow[]>();
  for (const d of days)
    byParticipant.set(d.participantId, [...(byParticipant.get(d.participantId) ?? []), d]);
  const ids = [...byParticipant.keys()];
  const result: GenerateResult = { created: 0, updated: 0, locked: 0 };
  await db.tx(async (tx) => {
    const latest = await repo.latestOf(tx, ids, month);
    for (const x of participants) {
      const rows = byParticipant.get(x.id);
      if (!rows) continue;
      const { lines, totalHours } = linesOf(rows);
      const last = latest.get(x.id);
      if (!last) {
        await repo.insertCertificate(tx, {
          id: randomUUID(),
          participantId: x.id,
          month,
          version: 1,
          lines,
          totalHours,
          employerName: x.employerName,
          employerOrgNumber: x.employerOrgNumber,
          reason: null,
          createdBy: ctx.actor.userId,
        });
        result.created++;
      } else if (last.status === 'draft') {
        if (await repo.replaceDraftLines(tx, last.id, lines, totalHours)) result.updated++;
      } else result.locked++;
    }
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'esf.certificate.generate',
      entityType: 'programme',
      entityId: p.id,
      ip: ctx.ip,
      details: { month, ...result },
    });
  });
  return result;
}

/**
 * Correct a confirmed or signed certificate: the next version as a draft from today's activity, with the
 * reason; the old version is superseded (its signatures stay with it). A draft is simply regenerated.
 */
export async function correctCertificate(
  db: Db,
  ctx: WriteCtx,
  id: string,
  reason: string,
): Promise<{ id: string; version: number }> {
  requireAdmin(ctx.actor);
  const c = await certificateInScope(db, ctx.actor, id);
  await assertMonthOpen(db, c.programmeId, c.month);
  const [latest] = await repo.versionsOf(db, c.participantId, c.month);
  if (!latest || latest.id !== c.id || c.status === 'superseded') throw new AppError('CONFLICT');
  const { from, to } = monthRange(c.month);
  const { lines, totalHours } = linesOf(await activityDays(db, [c.participantId], from, to));
  return db.tx(async (tx) => {
    if (c.status === 'draft') {
      if (!(await repo.replaceDraftLines(tx, c.id, lines, totalHours))) throw new AppError('CONFLICT');
      await audit(tx, {
        actorUserId: ctx.actor.userId,
        action: 'esf.certificate.regenerate',
        entityType: 'esf_certificate',
        entityId: c.id,
        ip: ctx.ip,
      });
      return { id: c.id, version: c.version };
    }
    if (!(await repo.setStatus(tx, c.id, ['participant_confirmed', 'signed'], 'superseded')))
      throw new AppError('CONFLICT');
    const newId = randomUUID();
    await repo.insertCertificate(tx, {
      id: newId,
      participantId: c.participantId,
      month: c.month,
      version: c.version + 1,
      lines,
      totalHours,
      employerName: c.employerName,
      employerOrgNumber: c.employerOrgNumber,
      reason,
      createdBy: ctx.actor.userId,
    });
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'esf.certificate.correct',
      entityType: 'esf_certificate',
      entityId: newId,
      ip: ctx.ip,
      details: { supersedes: c.id, version: c.version + 1 },
    });
    return { id: newId, version: c.version + 1 };
  });
}

/** The programme's certificates of a month (administrators), newest version per participant first. */
export async function listMonth(
  db: Db,
  actor: Actor,
  month: string,
): Promise<{ programmeName: string; rows: CertificateRow[] }> {
  const p = await currentProgramme(db, actor);
  const rows = await repo.listCertificates(db, {
    programmeId: p.id,
    month,
    companyIds: null,
    participantIds: null,
    statuses: null,
  });
  return { programmeName: p.name, rows };
}

/** A company contact's employees' certificates awaiting the manager's countersignature. */
export async function awaitingCountersignature(db: Db, actor: Actor): Promise<CertificateRow[]> {
  const companyIds = contactCompanies(actor);
  if (companyIds.length === 0) return [];
  return repo.listCertificates(db, {
    programmeId: null,
    month: null,
    companyIds,
    participantIds: null,
    statuses: ['participant_confirmed'],
  });
}

/** The actor's own certificates (every version but superseded ones). */
export async function myCertificates(db: Db, actor: Actor): Promise<CertificateRow[]> {
  const ids = await ownParticipantIds(db, actor);
  if (ids.length === 0) return [];
  return repo.listCertificates(db, {
    programmeId: null,
    month: null,
    companyIds: null,
    participantIds: ids,
    statuses: ['draft', 'participant_confirmed', 'signed'],
  });
}

export interface CertificateDetail {
  certificate: CertificateRow;
  signatures: repo.SignatureRow[];
  versions: {
    id: string;
    version: number;
    status: repo.CertificateStatus;
    reason: string | null;
    createdAt: Date;
  }[];
  openLinks: number;
  monthClosed: boolean;
}

/** One certificate in the actor's scope with its signatures and the month's versions. */
export async function getCertificate(db: Db, actor: Actor, id: string): Promise<CertificateDetail> {
  const certificate = await certificateInScope(db, actor, id);
  const [signatures, versions, links, monthClosed] = await Promise.all([
    repo.signaturesOf(db, [id]),
    repo.versionsOf(db, certificate.participantId, certificate.month),
    repo.openLinks(db, id),
    repo.monthClosed(db, certificate.programmeId, certificate.month),
  ]);
  return {
    certificate,
    signatures,
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      status: v.status,
      reason: v.reason,
      createdAt: v.createdAt,
    })),
    openLinks: links.length,
    monthClosed,
  };
}
