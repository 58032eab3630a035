// Engagement writes: starting one, the intake checks, step changes (forward one step at a time, back or to
// closed with a reason), and coaches (assigning keeps the history; a removed coach loses access at once,
// also to the company's record).

import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import { type Db, isUniqueViolation } from '../../../platform/db.ts';
import { AppError, validation } from '../../../platform/errors.ts';
import { assignCoachToCompany, getCompany, unassignCoachFromCompany } from '../../companies/index.ts';
import { canManageEngagements } from '../policy.ts';
import * as repo from '../repo.ts';
import {
  type EngagementInput,
  type IntakeInput,
  type Step,
  type StepChangeInput,
  stepIndex,
} from '../schema.ts';
import { blockersFor, type EngagementView, getEngagement, uniq, type WriteCtx } from './engagement-access.ts';

/** Companies the actor may start an engagement for, with their workplace municipalities. */
export async function startOptions(db: Db, actor: Actor, companyId: string) {
  if (!canManageEngagements(actor)) throw new AppError('FORBIDDEN');
  const detail = await getCompany(db, actor, companyId);
  if (!detail.canAssignCoaches) throw new AppError('FORBIDDEN');
  const officerCodes = actor.memberships
    .filter((m) => m.role === 'municipality_officer' && m.municipalityCode)
    .map((m) => m.municipalityCode as string);
  const isAdmin = actor.memberships.some(
    (m) => m.role === 'region_admin' && m.regionId === detail.company.regionId,
  );
  const inCounty = new Set(await repo.regionMunicipalities(db, detail.company.regionId));
  const municipalities = uniq(detail.workplaces.map((w) => w.municipalityCode))
    .filter((code) => inCounty.has(code) && (isAdmin || officerCodes.includes(code)))
    .map((code) => ({
      code,
      name: detail.workplaces.find((w) => w.municipalityCode === code)?.municipalityName ?? code,
    }));
  const [programme, coaches, open] = await Promise.all([
    repo.currentProgramme(db, detail.company.regionId),
    repo.coachCandidates(db, detail.company.regionId),
    repo.openEngagementOfCompany(db, companyId),
  ]);
  return {
    company: detail.company,
    municipalities,
    plannedHours: programme?.plannedHours ?? 15,
    coaches,
    openEngagementId: open,
  };
}

export async function createEngagement(db: Db, ctx: WriteCtx, input: EngagementInput): Promise<string> {
  const opts = await startOptions(db, ctx.actor, input.companyId);
  if (opts.openEngagementId) throw new AppError('CONFLICT', 'coaching.alreadyOpen');
  if (!opts.municipalities.some((m) => m.code === input.municipalityCode))
    throw validation([{ field: 'municipalityCode', message: 'validation.choice' }]);
  const coach = input.coachId ? opts.coaches.find((c) => c.userId === input.coachId) : undefined;
  if (input.coachId && !coach) throw validation([{ field: 'coachId', message: 'validation.choice' }]);
  const programme = await repo.currentProgramme(db, opts.company.regionId);
  const id = randomUUID();
  try {
    await insertNew(db, ctx, id, input, opts, programme?.id ?? null, coach);
  } catch (err) {
    // Two starts at once: the partial unique index lets one through.
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', 'coaching.alreadyOpen');
    throw err;
  }
  return id;
}

async function insertNew(
  db: Db,
  ctx: WriteCtx,
  id: string,
  input: EngagementInput,
  opts: Awaited<ReturnType<typeof startOptions>>,
  programmeId: string | null,
  coach: { userId: string; organisationId: string } | undefined,
): Promise<void> {
  await db.tx(async (tx) => {
    await repo.insertEngagement(tx, {
      id,
      companyId: input.companyId,
      regionId: opts.company.regionId,
      programmeId,
      municipalityCode: input.municipalityCode,
      plannedHours: input.plannedHours ?? opts.plannedHours,
      // A person confirms both at intake; the company record's SME answer is shown beside the box.
      smeChecked: false,
      inCountyChecked: false,
      createdBy: ctx.actor.userId,
    });
    await repo.insertStepChange(tx, {
      id: randomUUID(),
      engagementId: id,
      from: null,
      to: 'intake',
      reason: null,
      by: ctx.actor.userId,
    });
    const mapping = await repo.latestMapping(tx, input.companyId);
    if (mapping) await repo.setMapping(tx, id, mapping.id);
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'coaching.engagement.create',
      entityType: 'engagement',
      entityId: id,
      ip: ctx.ip,
      details: { company: input.companyId, municipality: input.municipalityCode },
    });
    if (coach) await addCoach(tx, ctx, id, input.companyId, coach);
  });
}

async function addCoach(
  tx: Db,
  ctx: WriteCtx,
  engagementId: string,
  companyId: string,
  coach: { userId: string; organisationId: string },
): Promise<boolean> {
  const added = await repo.insertCoach(tx, {
    id: randomUUID(),
    engagementId,
    userId: coach.userId,
    organisationId: coach.organisationId,
    by: ctx.actor.userId,
  });
  if (!added) return false;
  // The coach also gets the company's record (and its mapping) in scope.
  await assignCoachToCompany(tx, companyId, coach.userId, ctx.actor.userId);
  await audit(tx, {
    actorUserId: ctx.actor.userId,
    action: 'coaching.coach.assign',
    entityType: 'engagement',
    entityId: engagementId,
    ip: ctx.ip,
    details: { coach: coach.userId },
  });
  return true;
}

async function managed(db: Db, actor: Actor, id: string): Promise<EngagementView> {
  const view = await getEngagement(db, actor, id);
  if (!view.canManage) throw new AppError('FORBIDDEN');
  return view;
}

export async function assignCoach(db: Db, ctx: WriteCtx, id: string, coachId: string): Promise<void> {
  const view = await managed(db, ctx.actor, id);
  if (view.engagement.step === 'closed') throw new AppError('CONFLICT', 'coaching.closed');
  const coach = (await repo.coachCandidates(db, view.engagement.regionId)).find((c) => c.userId === coachId);
  if (!coach) throw validation([{ field: 'coachId', message: 'validation.choice' }]);
  await db.tx(async (tx) => {
    if (!(await addCoach(tx, ctx, id, view.engagement.companyId, coach)))
      throw new AppError('CONFLICT', 'coaching.coach.already');
  });
}

export async function removeCoach(
  db: Db,
  ctx: WriteCtx,
  id: string,
  coachId: string,
  reason: string | null,
): Promise<void> {
  const view = await managed(db, ctx.actor, id);
  await db.tx(async (tx) => {
    if (!(await repo.endCoach(tx, id, coachId, ctx.actor.userId, reason))) throw new AppError('NOT_FOUND');
    await unassignCoachFromCompany(tx, view.engagement.companyId, coachId);
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'coaching.coach.remove',
      entityType: 'engagement',
      entityId: id,
      ip: ctx.ip,
      details: { coach: coachId, withReason: reason !== null },
    });
  });
}

export async function saveIntake(db: Db, ctx: WriteCtx, id: string, input: IntakeInput): Promise<void> {
  const view = await managed(db, ctx.actor, id);
  if (view.engagement.step === 'closed') throw new AppError('CONFLICT', 'coaching.closed');
  await db.tx(async (tx) => {
    await repo.updateIntake(tx, id, input);
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'coaching.engagement.intake',
      entityType: 'engagement',
      entityId: id,
      ip: ctx.ip,
      details: {
        smeChecked: input.smeChecked,
        inCountyChecked: input.inCountyChecked,
        agreementSignedOn: input.agreementSignedOn,
        plannedHours: input.plannedHours,
      },
    });
  });
}

/**
 * Move the engagement: one step forward when nothing blocks it, back to any earlier step with a reason,
 * to closed from anywhere (with a reason unless it is the step after follow-up), or reopen a closed one
 * (back, with a reason). Staff of the engagement may do it.
 */
export async function changeStep(db: Db, ctx: WriteCtx, id: string, input: StepChangeInput): Promise<Step> {
  const view = await getEngagement(db, ctx.actor, id);
  if (!view.isStaff) throw new AppError('FORBIDDEN');
  return db.tx(async (tx) => {
    const e = await repo.findEngagement(tx, id, true);
    if (!e) throw new AppError('NOT_FOUND');
    const from = e.step;
    const to = input.to;
    if (to === from) throw validation([{ field: 'to', message: 'coaching.step.same' }]);
    const forward = stepIndex(to) > stepIndex(from);
    const reason = input.reason;
    if (forward) {
      const early = to === 'closed' && from !== 'follow_up';
      if (!early && stepIndex(to) !== stepIndex(from) + 1)
        throw validation([{ field: 'to', message: 'coaching.step.oneAtATime' }]);
      if (early && !reason) throw validation([{ field: 'reason', message: 'coaching.step.reasonRequired' }]);
      if (!early) {
        let mappingId = e.mappingId;
        if (from === 'mapping' && !mappingId) {
          mappingId = (await repo.latestMapping(tx, e.companyId))?.id ?? null;
          if (mappingId) await repo.setMapping(tx, id, mappingId);
        }
        const blockers = blockersFor(
          e,
          mappingId ? await repo.mappingStatus(tx, mappingId) : null,
          await repo.adoptedPlanVersion(tx, id),
        );
        if (blockers.length) throw validation(blockers.map((message) => ({ field: 'to', message })));
      }
    } else {
      if (!reason) throw validation([{ field: 'reason', message: 'coaching.step.reasonRequired' }]);
      if (from === 'closed' && (await repo.openEngagementOfCompany(tx, e.companyId)))
        throw new AppError('CONFLICT', 'coaching.alreadyOpen');
    }
    await repo.setStep(tx, id, to);
    await repo.insertStepChange(tx, {
      id: randomUUID(),
      engagementId: id,
      from,
      to,
      reason,
      by: ctx.actor.userId,
    });
    // Entering the mapping step links the company's latest mapping when none is linked yet.
    if (to === 'mapping' && !e.mappingId) {
      const mapping = await repo.latestMapping(tx, e.companyId);
      if (mapping) await repo.setMapping(tx, id, mapping.id);
    }
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'coaching.engagement.step',
      entityType: 'engagement',
      entityId: id,
      ip: ctx.ip,
      details: { from, to, withReason: reason !== null, back: !forward },
    });
    return to;
  });
}
