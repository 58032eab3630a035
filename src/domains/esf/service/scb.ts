// Monthly SCB participant files: which months are due, produced, sent or must be re-sent; producing a month
// in order as an immutable version (row snapshot + SHA-256 of the canonical CSV); a correction of an earlier
// month is a new version (with a reason) and marks every later month's latest version for re-sending;
// months inside a closed claim period are frozen.
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import { type Db, isUniqueViolation } from '../../../platform/db.ts';
import { AppError, validation } from '../../../platform/errors.ts';
import type { Keyring } from '../../../platform/secrets.ts';
import { isEsfAdmin } from '../policy.ts';
import * as repo from '../repo-scb.ts';
import { identitiesForDocument } from './identity.ts';
import { swedishToday, syncStarts } from './participants.ts';
import { currentProgramme, currentProgrammeWith, type EsfProgramme, type WriteCtx } from './programme.ts';
import { canonicalCsv, checksumOf, fileGrid } from './scb-file.ts';

export type { ScbSnapshotRow, ScbVersionRow } from '../repo-scb.ts';

/** The month after `month` (YYYY-MM). */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) out.push(m);
  return out;
}

export type MonthState = 'open' | 'due' | 'produced' | 'sent' | 'resend';

export interface MonthStatus {
  month: string;
  state: MonthState;
  latest: repo.ScbVersionRow | null;
  versions: number;
  /** Starts and ends that differ from the latest version (late registrations, changed dates). */
  changes: number;
  /** Inside a closed claim period: no new version. */
  frozen: boolean;
  /** The next month to produce (every earlier month has a version). */
  canProduce: boolean;
  /** A new version (with a reason) may be produced: a correction, or after a correction of an earlier month. */
  canCorrect: boolean;
  /** The latest version may be marked as sent (earlier months are sent). */
  canSend: boolean;
}

export interface ScbOverview {
  programmeName: string;
  currentMonth: string;
  months: MonthStatus[];
  canAct: boolean;
}

/** The programme's first month: its start, or an earlier participation start. */
function firstMonthOf(p: EsfProgramme, firstStart: string | null): string {
  const programmeStart = p.startsOn.slice(0, 7);
  return firstStart && firstStart < programmeStart ? firstStart : programmeStart;
}

const inPeriods = (periods: { first: string; last: string }[], month: string) =>
  periods.some((c) => c.first <= month && month <= c.last);

/** A month's participants as its file reports them: an end is reported in the month it is set, not before. */
function reportedInMonth(rows: repo.MonthParticipant[], month: string): repo.MonthParticipant[] {
  const to = `${nextMonth(month)}-01`;
  return rows.map((r) => ({
    ...r,
    endedOn: r.endedOn !== null && r.closedOn !== null && r.closedOn < to ? r.endedOn : null,
  }));
}

/** The rows a month's file would hold now. */
async function rowsOfMonth(db: Db, programmeId: string, month: string): Promise<repo.MonthParticipant[]> {
  const rows = await repo.participantsOfMonth(db, programmeId, `${month}-01`, `${nextMonth(month)}-01`);
  return reportedInMonth(rows, month);
}

/** Starts and ends that differ between a produced version's rows and the month's rows now. */
function changesBetween(
  snapshot: { participantId: string; startedOn: string | null; endedOn: string | null }[],
  now: { participantId: string; startedOn: string | null; endedOn: string | null }[],
): number {
  const key = (r: { participantId: string; startedOn: string | null; endedOn: string | null }) =>
    `${r.participantId}|${r.startedOn ?? ''}|${r.endedOn ?? ''}`;
  const a = new Set(snapshot.map(key));
  const b = new Set(now.map(key));
  let n = 0;
  for (const k of a) if (!b.has(k)) n++;
  for (const k of b) if (!a.has(k)) n++;
  return n;
}

/** `changes`: the changes per month when the caller knows the ones it needs (one month's page). */
async function overviewOf(
  db: Db,
  p: EsfProgramme,
  canAct: boolean,
  known?: Map<string, number>,
): Promise<ScbOverview> {
  const [firstStart, versions, closed, changes] = await Promise.all([
    repo.firstStartMonth(db, p.id),
    repo.listVersions(db, p.id),
    repo.closedPeriods(db, p.id),
    known ?? repo.changesSinceProduced(db, p.id),
  ]);
  return overviewFrom(p, canAct, { firstStart, versions, closed, changes });
}

/** The overview from what overviewOf reads (versions by month and version). */
function overviewFrom(
  p: EsfProgramme,
  canAct: boolean,
  d: {
    firstStart: string | null;
    versions: repo.ScbVersionRow[];
    closed: { first: string; last: string }[];
    changes: Map<string, number>;
  },
): ScbOverview {
  const { versions, closed, changes } = d;
  const first = firstMonthOf(p, d.firstStart);
  const currentMonth = swedishToday().slice(0, 7);
  const byMonth = new Map<string, repo.ScbVersionRow[]>();
  for (const v of versions) byMonth.set(v.month, [...(byMonth.get(v.month) ?? []), v]);
  const last = [currentMonth, ...byMonth.keys()].sort().pop() as string;
  let earlierProduced = true;
  let earlierSent = true;
  const months = monthsBetween(first, last).map((month): MonthStatus => {
    const list = byMonth.get(month) ?? [];
    const latest = list[list.length - 1] ?? null;
    const frozen = inPeriods(closed, month) || list.some((v) => v.claimPeriodId !== null);
    const state: MonthState = latest
      ? latest.resendRequired
        ? 'resend'
        : latest.sentAt
          ? 'sent'
          : 'produced'
      : month >= currentMonth
        ? 'open'
        : 'due';
    const status: MonthStatus = {
      month,
      state,
      latest,
      versions: list.length,
      changes: changes.get(month) ?? 0,
      frozen,
      canProduce: canAct && !frozen && month < currentMonth && earlierProduced && !latest,
      canCorrect: canAct && !frozen && latest !== null,
      canSend: canAct && state === 'produced' && earlierSent,
    };
    earlierProduced &&= latest !== null;
    earlierSent &&= state === 'sent';
    return status;
  });
  return { programmeName: p.name, currentMonth, months, canAct };
}

/** The months of the programme up to the current one with their state (ESF and region administrators). */
export async function scbOverview(db: Db, ctx: WriteCtx): Promise<ScbOverview> {
  const p = await currentProgramme(db, ctx.actor);
  // Starts known from a first activity show as changes of produced months at once.
  await syncStarts(db, p);
  return overviewOf(db, p, isEsfAdmin(ctx.actor));
}

export interface ScbMonthDetail {
  status: MonthStatus;
  /** Every version, newest first. */
  versions: repo.ScbVersionRow[];
  /** The shown version (the latest unless another was asked for) and its rows (masked numbers only). */
  shown: repo.ScbVersionRow | null;
  rows: repo.ScbSnapshotRow[];
}

/** One month: its versions and the rows of one version (ESF administrators). */
export async function scbMonth(
  db: Db,
  ctx: WriteCtx,
  month: string,
  version: number | null,
): Promise<ScbMonthDetail> {
  if (!isEsfAdmin(ctx.actor)) throw new AppError('FORBIDDEN');
  // The programme and everything else in one statement; only an earlier version's rows take another.
  const { programme: p, along: d } = await currentProgrammeWith(
    db,
    ctx.actor,
    repo.monthViewAlongside(month, `${month}-01`, `${nextMonth(month)}-01`),
  );
  const versions = d.versions.filter((v) => v.month === month).reverse();
  const latest = versions[0] ?? null;
  const latestRows = d.latestRows;
  // Only this month's changes: its latest version's rows against the month's rows now.
  const changes = new Map(
    latest ? [[month, changesBetween(latestRows, reportedInMonth(d.monthRows, month))]] : [],
  );
  const overview = overviewFrom(p, true, { ...d, changes });
  const status = overview.months.find((m) => m.month === month);
  if (!status) throw new AppError('NOT_FOUND');
  const shown = version === null ? latest : (versions.find((v) => v.version === version) ?? null);
  if (version !== null && !shown) throw new AppError('NOT_FOUND');
  const rows = !shown ? [] : shown.id === latest?.id ? latestRows : await repo.snapshotRows(db, shown.id);
  return { status, versions, shown, rows };
}

/**
 * Produce the next version of a month. Refuses (CONFLICT with a message key): a month not over yet, an
 * earlier month without a version, a month in a closed claim period. A month that already has a version
 * needs a reason (VALIDATION on `reason`); afterwards every later month's latest version must be re-sent.
 */
export async function produceMonth(
  db: Db,
  keyring: Keyring,
  ctx: WriteCtx,
  month: string,
  reason: string | null,
): Promise<repo.ScbVersionRow> {
  if (!isEsfAdmin(ctx.actor)) throw new AppError('FORBIDDEN');
  const p = await currentProgramme(db, ctx.actor);
  await syncStarts(db, p);
  const overview = await overviewOf(db, p, true);
  const index = overview.months.findIndex((m) => m.month === month);
  const status = overview.months[index];
  if (!status) throw new AppError('NOT_FOUND');
  if (status.frozen) throw new AppError('CONFLICT', 'esf.scb.errors.frozen');
  if (month >= overview.currentMonth) throw new AppError('CONFLICT', 'esf.scb.errors.notOver');
  if (overview.months.slice(0, index).some((m) => m.latest === null))
    throw new AppError('CONFLICT', 'esf.scb.errors.outOfOrder');
  if (status.latest && !reason)
    throw validation([{ field: 'reason', message: 'esf.scb.errors.reasonNeeded' }]);

  // An end is reported in the month it is set: an end set after this month is not this month's news.
  const rows = await rowsOfMonth(db, p.id, month);
  const id = randomUUID();
  const version = (status.latest?.version ?? 0) + 1;
  try {
    await db.tx(async (tx) => {
      const numbers = await identitiesForDocument(
        tx,
        keyring,
        { actorUserId: ctx.actor.userId, ip: ctx.ip },
        { kind: 'scb_file', reference: id },
        rows.map((r) => r.participantId),
      );
      const checksum = checksumOf(canonicalCsv(fileGrid(p.rules.scbColumns, rows, numbers)));
      await repo.insertVersion(tx, {
        id,
        programmeId: p.id,
        month,
        version,
        columns: [...p.rules.scbColumns],
        rowCount: rows.length,
        checksum,
        producedBy: ctx.actor.userId,
        reason: status.latest ? reason : null,
      });
      await repo.insertRows(tx, id, rows);
      const resend = status.latest ? await repo.markLaterForResend(tx, p.id, month) : 0;
      await audit(tx, {
        actorUserId: ctx.actor.userId,
        action: status.latest ? 'esf.scb.correct' : 'esf.scb.produce',
        entityType: 'esf_scb_month',
        entityId: id,
        ip: ctx.ip,
        details: { month, version, rows: rows.length, laterMarkedForResend: resend },
      });
    });
  } catch (err) {
    // Two productions of the same month at once: the unique (programme, month, version) decides.
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', 'esf.scb.errors.concurrent');
    throw err;
  }
  const [made] = (await repo.versionsOfMonth(db, p.id, month)).filter((v) => v.id === id);
  if (!made) throw new AppError('INTERNAL');
  return made;
}

/**
 * Record that the month's latest version was sent to SCB. Refuses (CONFLICT): nothing produced, a version
 * that must be produced again first, an earlier month not sent, a stale version, already sent.
 */
export async function markMonthSent(
  db: Db,
  ctx: WriteCtx,
  month: string,
  version: number | null,
): Promise<repo.ScbVersionRow> {
  if (!isEsfAdmin(ctx.actor)) throw new AppError('FORBIDDEN');
  const p = await currentProgramme(db, ctx.actor);
  const overview = await overviewOf(db, p, true);
  const status = overview.months.find((m) => m.month === month);
  if (!status) throw new AppError('NOT_FOUND');
  const latest = status.latest;
  if (!latest) throw new AppError('CONFLICT', 'esf.scb.errors.notProduced');
  if (version !== null && version !== latest.version)
    throw new AppError('CONFLICT', 'esf.scb.errors.staleVersion');
  if (status.state === 'sent') throw new AppError('CONFLICT', 'esf.scb.errors.alreadySent');
  if (status.state === 'resend') throw new AppError('CONFLICT', 'esf.scb.errors.produceAgainFirst');
  if (!status.canSend) throw new AppError('CONFLICT', 'esf.scb.errors.sendInOrder');
  await db.tx(async (tx) => {
    if (!(await repo.markSent(tx, latest.id, ctx.actor.userId)))
      throw new AppError('CONFLICT', 'esf.scb.errors.alreadySent');
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'esf.scb.sent',
      entityType: 'esf_scb_month',
      entityId: latest.id,
      ip: ctx.ip,
      details: { month, version: latest.version },
    });
  });
  const [made] = (await repo.versionsOfMonth(db, p.id, month)).filter((v) => v.id === latest.id);
  if (!made) throw new AppError('INTERNAL');
  return made;
}
