// Payment-claim periods: an ESF administrator creates a period of months (in order, inside the programme,
// overlapping no other period); it is checked for inconsistencies and closes only when there are none.
// Closing freezes the period's certificates and SCB months (stamped with the period) and, through
// esf_claim_periods, staff time and costs of its months.
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, type FieldError, validation } from '../../../platform/errors.ts';
import { isEsfAdmin } from '../policy.ts';
import * as repo from '../repo-claims.ts';
import { type ClaimProblem, checkPeriod, type PeriodCheck } from './claims-check.ts';
import type { ClaimPeriodInput } from './claims-schema.ts';
import { currentProgramme, type EsfProgramme, type WriteCtx } from './programme.ts';

export type { ClaimProblem, PeriodCheck, SummaryRow } from './claims-check.ts';
export type ClaimPeriod = repo.ClaimPeriodRow;

export interface ClaimPeriodDetail {
  period: ClaimPeriod;
  check: PeriodCheck;
}

/** The programme's claim periods, latest first (ESF and region administrators). */
export async function listClaimPeriods(db: Db, actor: Actor): Promise<ClaimPeriod[]> {
  const p = await currentProgramme(db, actor);
  return repo.listPeriods(db, p.id);
}

async function periodOf(db: Db, p: EsfProgramme, id: string): Promise<ClaimPeriod> {
  const period = await repo.findPeriod(db, p.id, id);
  if (!period) throw new AppError('NOT_FOUND');
  return period;
}

/** A period with its problems and summary (NOT_FOUND outside the actor's programme). */
export async function getClaimPeriod(db: Db, actor: Actor, id: string): Promise<ClaimPeriodDetail> {
  const p = await currentProgramme(db, actor);
  const period = await periodOf(db, p, id);
  return { period, check: await checkPeriod(db, p.id, period.firstMonth, period.lastMonth) };
}

function rangeErrors(p: EsfProgramme, input: ClaimPeriodInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.lastMonth < input.firstMonth) errors.push({ field: 'lastMonth', message: 'esf.claims.order' });
  if (input.firstMonth < p.startsOn.slice(0, 7))
    errors.push({ field: 'firstMonth', message: 'esf.claims.outside', params: { from: p.startsOn } });
  if (input.lastMonth > p.endsOn.slice(0, 7))
    errors.push({ field: 'lastMonth', message: 'esf.claims.outside', params: { to: p.endsOn } });
  return errors;
}

/** Create a period (ESF administrators); VALIDATION on order, range or overlap. */
export async function createClaimPeriod(
  db: Db,
  ctx: WriteCtx,
  input: ClaimPeriodInput,
): Promise<ClaimPeriod> {
  if (!isEsfAdmin(ctx.actor)) throw new AppError('FORBIDDEN');
  const p = await currentProgramme(db, ctx.actor);
  const errors = rangeErrors(p, input);
  if (errors.length) throw validation(errors);
  const id = randomUUID();
  await db.tx(async (tx) => {
    await repo.lockProgramme(tx, p.id);
    if (await repo.overlaps(tx, p.id, input.firstMonth, input.lastMonth))
      throw validation([{ field: 'firstMonth', message: 'esf.claims.overlap' }]);
    await repo.insertPeriod(tx, { id, programmeId: p.id, ...input, createdBy: ctx.actor.userId });
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'esf.claim.create',
      entityType: 'esf_claim_period',
      entityId: id,
      ip: ctx.ip,
      details: { ...input },
    });
  });
  return periodOf(db, p, id);
}

/** The problems as field errors (the API's 422 document): the kind, the month and where to fix it. */
export function problemErrors(problems: ClaimProblem[]): FieldError[] {
  return problems.map((pr) => ({
    field: pr.participantId ? `${pr.kind}:${pr.month}:${pr.participantId}` : `${pr.kind}:${pr.month}`,
    message: `esf.claims.problem.${pr.kind}`,
    params: {
      month: pr.month,
      name: pr.participantName ?? '',
      date: pr.date ?? '',
      href: pr.href,
    },
  }));
}

/**
 * Close a period (ESF administrators). Refused with VALIDATION (the problems) while anything is
 * inconsistent, with CONFLICT when already closed.
 */
export async function closeClaimPeriod(db: Db, ctx: WriteCtx, id: string): Promise<ClaimPeriodDetail> {
  if (!isEsfAdmin(ctx.actor)) throw new AppError('FORBIDDEN');
  const p = await currentProgramme(db, ctx.actor);
  await periodOf(db, p, id);
  await db.tx(async (tx) => {
    await repo.lockProgramme(tx, p.id);
    const period = await periodOf(tx, p, id);
    if (period.status === 'closed') throw new AppError('CONFLICT', 'esf.claims.alreadyClosed');
    const check = await checkPeriod(tx, p.id, period.firstMonth, period.lastMonth);
    if (check.problems.length > 0)
      throw new AppError('VALIDATION', 'esf.claims.notClosable', problemErrors(check.problems));
    const stamped = await repo.closePeriod(tx, {
      id,
      programmeId: p.id,
      firstMonth: period.firstMonth,
      lastMonth: period.lastMonth,
      closedBy: ctx.actor.userId,
    });
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'esf.claim.close',
      entityType: 'esf_claim_period',
      entityId: id,
      ip: ctx.ip,
      details: { firstMonth: period.firstMonth, lastMonth: period.lastMonth, ...stamped },
    });
  });
  return getClaimPeriod(db, ctx.actor, id);
}
