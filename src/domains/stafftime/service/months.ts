// The monthly time report: a staff member's hours of one month, signed by them (the report behind
// personnel costs), which locks the month; a region admin can unlock it again, with a reason (audited).
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { firstDay, lastDay, monthOf, today } from '../dates.ts';
import { canLogTime, manageScope, readScope } from '../policy.ts';
import * as repo from '../repo.ts';
import * as staffRepo from '../repo-staff.ts';

export interface OrganisationTotal {
  organisationName: string;
  kind: 'employed' | 'external' | 'unset';
  hours: number;
  costSek: number | null;
}

export interface MonthTotals {
  totalHours: number;
  entries: number;
  byActivity: Record<string, number>;
  byOrganisation: OrganisationTotal[];
}

export interface MonthReport {
  month: string;
  userId: string;
  userName: string;
  own: boolean;
  entries: repo.EntryRow[];
  totals: MonthTotals;
  signed: repo.ReportRow | null;
  canSign: boolean;
  canUnlock: boolean;
}

/** Whether the actor may read the user's time: their own, or a staff member in their read scope. */
export async function mayRead(db: Db, actor: Actor, userId: string): Promise<boolean> {
  if (userId === actor.userId) return canLogTime(actor);
  const scope = readScope(actor);
  if (scope.regionIds.length === 0 && scope.organisationIds.length === 0) return false;
  return staffRepo.staffInScope(db, scope, userId);
}

async function totalsOf(
  db: Db,
  userId: string,
  month: string,
  entries: repo.EntryRow[],
): Promise<MonthTotals> {
  const byActivity: Record<string, number> = {};
  for (const e of entries) byActivity[e.activity] = (byActivity[e.activity] ?? 0) + e.hours;
  const rows = await staffRepo.summaryRows(
    db,
    { userId, regionIds: [], organisationIds: [] },
    { from: firstDay(month), to: lastDay(month), period: 'month', userId },
  );
  const byOrg = new Map<string, OrganisationTotal>();
  for (const r of rows) {
    const key = `${r.organisationName}|${r.kind}`;
    const t = byOrg.get(key) ?? {
      organisationName: r.organisationName,
      kind: r.kind,
      hours: 0,
      costSek: null,
    };
    t.hours += r.hours;
    if (r.costSek !== null) t.costSek = (t.costSek ?? 0) + r.costSek;
    byOrg.set(key, t);
  }
  return {
    totalHours: entries.reduce((s, e) => s + e.hours, 0),
    entries: entries.length,
    byActivity,
    byOrganisation: [...byOrg.values()],
  };
}

export async function monthReport(
  db: Db,
  actor: Actor,
  month: string,
  userId = actor.userId,
): Promise<MonthReport> {
  if (!canLogTime(actor) || !(await mayRead(db, actor, userId))) throw new AppError('NOT_FOUND');
  const entries = await repo.listEntries(db, userId, firstDay(month), lastDay(month));
  const [totals, signed, name] = await Promise.all([
    totalsOf(db, userId, month, entries),
    repo.findReport(db, userId, firstDay(month)),
    staffRepo.userName(db, userId),
  ]);
  const own = userId === actor.userId;
  const adminScope = manageScope(actor);
  const canUnlock =
    signed !== null &&
    adminScope.regionIds.length > 0 &&
    (await staffRepo.staffInScope(db, { regionIds: adminScope.regionIds, organisationIds: [] }, userId));
  return {
    month,
    userId,
    userName: name ?? '',
    own,
    entries,
    totals,
    signed,
    canSign: own && signed === null && month <= monthOf(today()),
    canUnlock,
  };
}

/** Sign one's own month: the totals are kept as they were signed, and the month is locked. */
export async function signMonth(
  db: Db,
  actor: Actor,
  month: string,
  ip: string | null = null,
): Promise<MonthReport> {
  if (!canLogTime(actor)) throw new AppError('FORBIDDEN');
  if (month > monthOf(today())) throw new AppError('CONFLICT', 'stafftime.error.signFuture');
  await db.tx(async (tx) => {
    if (await repo.monthClaimClosed(tx, actor.userId, month))
      throw new AppError('CONFLICT', 'stafftime.error.claimClosed');
    if (await repo.findReport(tx, actor.userId, firstDay(month)))
      throw new AppError('CONFLICT', 'stafftime.error.alreadySigned');
    const entries = await repo.listEntries(tx, actor.userId, firstDay(month), lastDay(month));
    const totals = await totalsOf(tx, actor.userId, month, entries);
    const id = randomUUID();
    await repo.insertReport(tx, {
      id,
      userId: actor.userId,
      firstDay: firstDay(month),
      totals: { ...totals },
    });
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'stafftime.month_signed',
      entityType: 'staff_time_report',
      entityId: id,
      ip,
      details: { month, totalHours: totals.totalHours },
    });
  });
  return monthReport(db, actor, month);
}

/** A region admin unlocks a signed month of a staff member of their region (with a reason). */
export async function unlockMonth(
  db: Db,
  actor: Actor,
  userId: string,
  month: string,
  reason: string,
  ip: string | null = null,
): Promise<void> {
  const scope = manageScope(actor);
  if (scope.regionIds.length === 0) throw new AppError('FORBIDDEN');
  if (!(await staffRepo.staffInScope(db, { regionIds: scope.regionIds, organisationIds: [] }, userId)))
    throw new AppError('NOT_FOUND');
  await db.tx(async (tx) => {
    if (await repo.monthClaimClosed(tx, userId, month))
      throw new AppError('CONFLICT', 'stafftime.error.claimClosed');
    const report = await repo.findReport(tx, userId, firstDay(month));
    if (!report) throw new AppError('CONFLICT', 'stafftime.error.notSigned');
    await repo.unlockReport(tx, report.id, actor.userId, reason);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'stafftime.month_unlocked',
      entityType: 'staff_time_report',
      entityId: report.id,
      ip,
      details: { month, userId, reason },
    });
  });
}
