// Enrolment on an occasion, cancellation and moving to another occasion of the same course.
// Seats are never over-booked: every change locks the occasion row (SELECT … FOR UPDATE) in one
// transaction, counts the enrolled and inserts 'enrolled' or 'waitlisted'; a freed seat goes to the
// oldest waitlisted enrolment in the same transaction.
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, validation } from '../../../platform/errors.ts';
import * as repo from '../repo-enrolment.ts';
import {
  companyInScope,
  type EnrolEnv,
  enrollableOccasion,
  ownCompanyIds,
  seesParticipants,
} from './enrolment-access.ts';
import { type PendingMail, sendEnrolmentMails } from './enrolment-mail.ts';

export const paidByValues = ['programme', 'company', 'free'] as const;
export type PaidBy = repo.PaidBy;

export interface EnrolResult {
  learnerId: string;
  enrolmentId: string;
  status: 'enrolled' | 'waitlisted';
}

/** Who may pay for a place on this occasion (the course's financing and contract period). */
export function allowedPaidBy(occ: repo.OccasionRow): PaidBy[] {
  if (occ.financing === 'public') return ['free'];
  const withinContract =
    occ.financing === 'procured' &&
    occ.contractFrom !== null &&
    occ.contractTo !== null &&
    occ.startsOn >= occ.contractFrom &&
    occ.endsOn <= occ.contractTo;
  return withinContract ? ['programme', 'company'] : ['company'];
}

function checkPaidBy(occ: repo.OccasionRow, paidBy: PaidBy): void {
  if (allowedPaidBy(occ).includes(paidBy)) return;
  const message =
    paidBy === 'programme'
      ? 'training.enrolment.error.programmeNotContracted'
      : paidBy === 'free'
        ? 'training.enrolment.error.freeOnlyPublic'
        : 'training.enrolment.error.companyOnPublic';
  throw validation([{ field: 'paidBy', message }]);
}

/** Open for new enrolments: not cancelled, deadline not passed. */
function checkOpen(occ: repo.OccasionRow): void {
  if (occ.status === 'cancelled')
    throw new AppError('CONFLICT', 'training.enrolment.error.occasionCancelled');
  if (occ.deadlinePassed) throw new AppError('CONFLICT', 'training.enrolment.error.deadlinePassed');
}

/** Books one learner under the lock held by the caller; the new status. */
async function book(
  tx: Db,
  occ: repo.OccasionRow,
  learner: { id: string; companyId: string },
  paidBy: PaidBy,
  actor: Actor,
  enrolmentId: string,
): Promise<'enrolled' | 'waitlisted'> {
  const enrolled = await repo.countEnrolled(tx, occ.id);
  const status = enrolled < occ.seats ? 'enrolled' : 'waitlisted';
  await repo.insertEnrolment(tx, {
    id: enrolmentId,
    occasionId: occ.id,
    learnerId: learner.id,
    companyId: learner.companyId,
    status,
    paidBy,
    enrolledBy: actor.userId,
  });
  return status;
}

/**
 * Enrols one or several learners (of companies the actor acts for) on an occasion: 'enrolled' while seats
 * are left, 'waitlisted' after that. All or nothing.
 */
export async function enrol(
  env: EnrolEnv,
  actor: Actor,
  occasionId: string,
  input: { learnerIds: string[]; paidBy: PaidBy },
): Promise<EnrolResult[]> {
  const { db } = env;
  const ids = [...new Set(input.learnerIds)];
  if (ids.length === 0)
    throw validation([{ field: 'learnerIds', message: 'training.enrolment.error.noLearners' }]);
  const occ0 = await enrollableOccasion(db, occasionId);
  const found = new Map((await repo.findLearners(db, ids)).map((l) => [l.id, l]));
  // In the order asked for: the first ones get the seats.
  const learners = ids.flatMap((id) => found.get(id) ?? []);
  if (learners.length !== ids.length) throw new AppError('NOT_FOUND');
  for (const companyId of new Set(learners.map((l) => l.companyId)))
    await companyInScope(db, actor, companyId);
  // Providers enrol only on their own courses; company contacts and staff on any approved course.
  if (ownCompanyIds(actor).length === 0 && !seesParticipants(actor, occ0)) throw new AppError('NOT_FOUND');
  checkOpen(occ0);
  checkPaidBy(occ0, input.paidBy);
  const results = await db.tx(async (tx) => {
    const occ = await enrollableOccasion(tx, occasionId, true);
    checkOpen(occ);
    const already = await repo.liveLearnersOn(tx, occasionId, ids);
    if (already.length > 0)
      throw validation([
        {
          field: 'learnerIds',
          message: 'training.enrolment.error.alreadyEnrolled',
          params: { count: already.length },
        },
      ]);
    const out: EnrolResult[] = [];
    for (const learner of learners) {
      const enrolmentId = randomUUID();
      const status = await book(tx, occ, learner, input.paidBy, actor, enrolmentId);
      out.push({ learnerId: learner.id, enrolmentId, status });
      await audit(tx, {
        actorUserId: actor.userId,
        action: 'training.enrolled',
        entityType: 'enrolment',
        entityId: enrolmentId,
        ip: env.ip ?? null,
        details: { occasionId, learnerId: learner.id, status, paidBy: input.paidBy },
      });
    }
    return out;
  });
  await sendEnrolmentMails(
    db,
    env.mailer,
    occ0.regionId,
    results.map((r) => ({ kind: r.status, enrolmentId: r.enrolmentId })),
  );
  return results;
}

/** An enrolment the actor may change: their company's (contacts, staff) or on their own course (provider). */
export async function enrolmentInScope(db: Db, actor: Actor, id: string): Promise<repo.EnrolmentRow> {
  const e = await repo.findEnrolment(db, id);
  if (!e) throw new AppError('NOT_FOUND');
  if (ownCompanyIds(actor).includes(e.companyId)) return e;
  const occ = await repo.findOccasion(db, e.occasionId);
  if (occ && seesParticipants(actor, occ)) return e;
  await companyInScope(db, actor, e.companyId);
  return e;
}

/** Cancels under the occasion lock; a freed seat goes to the oldest waitlisted. The promoted id, if any. */
async function cancelLocked(tx: Db, e: repo.EnrolmentRow, movedTo: string | null): Promise<string | null> {
  const current = await repo.findEnrolment(tx, e.id, true);
  if (!current || current.status === 'cancelled')
    throw new AppError('CONFLICT', 'training.enrolment.error.alreadyCancelled');
  // Attended time and results are the invoice basis and the ESF hours: they stay.
  if (current.completion !== 'pending' || (await repo.hasAttendance(tx, e.id)))
    throw new AppError('CONFLICT', 'training.enrolment.error.attended');
  await repo.cancelEnrolment(tx, e.id, movedTo);
  return current.status === 'enrolled' ? repo.promoteOldestWaitlisted(tx, e.occasionId) : null;
}

export async function cancelEnrolment(env: EnrolEnv, actor: Actor, id: string): Promise<void> {
  const { db } = env;
  const e = await enrolmentInScope(db, actor, id);
  if (e.status === 'cancelled') throw new AppError('CONFLICT', 'training.enrolment.error.alreadyCancelled');
  const { promoted, regionId } = await db.tx(async (tx) => {
    const occ = await repo.findOccasion(tx, e.occasionId, true);
    if (!occ) throw new AppError('NOT_FOUND');
    const promoted = await cancelLocked(tx, e, null);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'training.enrolment_cancelled',
      entityType: 'enrolment',
      entityId: id,
      ip: env.ip ?? null,
      details: { occasionId: e.occasionId, promoted },
    });
    if (promoted) await auditPromoted(tx, actor, promoted, e.occasionId, env.ip ?? null);
    return { promoted, regionId: occ.regionId };
  });
  const mails: PendingMail[] = [{ kind: 'cancelled', enrolmentId: id }];
  if (promoted) mails.push({ kind: 'movedUp', enrolmentId: promoted });
  await sendEnrolmentMails(db, env.mailer, regionId, mails);
}

async function auditPromoted(tx: Db, actor: Actor, id: string, occasionId: string, ip: string | null) {
  await audit(tx, {
    actorUserId: actor.userId,
    action: 'training.enrolment_moved_up',
    entityType: 'enrolment',
    entityId: id,
    ip,
    details: { occasionId },
  });
}

/**
 * Moves an enrolment to another occasion of the same course: cancelled here (a freed seat moves the waitlist
 * up) and enrolled or waitlisted there, linked by moved_to. Both occasions locked in id order.
 */
export async function moveEnrolment(
  env: EnrolEnv,
  actor: Actor,
  id: string,
  toOccasionId: string,
): Promise<EnrolResult> {
  const { db } = env;
  const e = await enrolmentInScope(db, actor, id);
  if (e.status === 'cancelled') throw new AppError('CONFLICT', 'training.enrolment.error.alreadyCancelled');
  const target0 = await enrollableOccasion(db, toOccasionId);
  if (target0.courseId !== e.courseId || target0.id === e.occasionId)
    throw validation([{ field: 'toOccasionId', message: 'training.enrolment.error.sameCourseOnly' }]);
  const newId = randomUUID();
  const { status, promoted } = await db.tx(async (tx) => {
    const [first, second] = [e.occasionId, toOccasionId].sort();
    await repo.findOccasion(tx, first as string, true);
    await repo.findOccasion(tx, second as string, true);
    const target = await enrollableOccasion(tx, toOccasionId);
    checkOpen(target);
    checkPaidBy(target, e.paidBy);
    if ((await repo.liveLearnersOn(tx, toOccasionId, [e.learnerId])).length > 0)
      throw validation([
        { field: 'toOccasionId', message: 'training.enrolment.error.alreadyEnrolled', params: { count: 1 } },
      ]);
    const promoted = await cancelLocked(tx, e, null);
    const status = await book(
      tx,
      target,
      { id: e.learnerId, companyId: e.companyId },
      e.paidBy,
      actor,
      newId,
    );
    await repo.cancelEnrolment(tx, e.id, newId);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'training.enrolment_moved',
      entityType: 'enrolment',
      entityId: id,
      ip: env.ip ?? null,
      details: { from: e.occasionId, to: toOccasionId, newEnrolmentId: newId, status },
    });
    if (promoted) await auditPromoted(tx, actor, promoted, e.occasionId, env.ip ?? null);
    return { status, promoted };
  });
  const mails: PendingMail[] = [{ kind: 'moved', enrolmentId: newId }];
  if (promoted) mails.push({ kind: 'movedUp', enrolmentId: promoted });
  await sendEnrolmentMails(db, env.mailer, target0.regionId, mails);
  return { learnerId: e.learnerId, enrolmentId: newId, status };
}
