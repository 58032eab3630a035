// Building a plan from the mapping's ranked gaps, adopting it (a frozen version; the first adoption dates
// the follow-ups) and reading versions and the differences between them.
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, validation } from '../../../platform/errors.ts';
import { formatDate } from '../../../platform/i18n/index.ts';
import type { RankedNeed } from '../../mapping/index.ts';
import { diffPlans, type PlanContent, type PlanDiff } from '../plan-diff.ts';
import * as planRepo from '../repo-plan.ts';
import type { WriteCtx } from './engagements.ts';
import { contentOf, getPlan, linkedNeeds, type PlanView, planAccess, planEditor } from './plan.ts';

/** How many of the top ranked, not yet planned needs the build page ticks. */
export const SUGGESTED = 5;

const monthsFor: Record<RankedNeed['urgency'], number> = {
  now: 1,
  within6Months: 6,
  within6To12Months: 12,
  within1To3Years: 24,
};

/** yyyy-mm-dd `months` later (the day capped at 28 so that every month has it). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, 28))).toISOString().slice(0, 10);
}

/** The suggested action for a need: competence and role, the need's strategy, hours and cost, a due date from its urgency. */
export function suggestedAction(n: RankedNeed, today: string) {
  return {
    title: `${n.competenceName} – ${n.roleTitle}`.slice(0, 500),
    kind: n.strategy,
    goalId: null,
    ownerName: null,
    dueOn: addMonths(today, monthsFor[n.urgency]),
    costSek: n.costSek,
    hours: n.hours,
  };
}

/** Creates one suggested action per chosen need (default: the top ranked needs not yet in the plan). */
export async function buildFromGaps(
  db: Db,
  ctx: WriteCtx,
  engagementId: string,
  positions?: number[],
): Promise<number> {
  const view = await planEditor(db, ctx.actor, engagementId);
  const mappingId = view.engagement.mappingId;
  const linked = await linkedNeeds(db, mappingId);
  if (!mappingId || !linked) throw new AppError('CONFLICT', 'coaching.plan.noMapping');
  const p = await getPlan(db, ctx.actor, engagementId);
  const planned = new Set((p.needOptions ?? []).filter((n) => n.planned).map((n) => n.position));
  const open = linked.needs.filter((n) => !planned.has(n.position));
  const chosen = positions ? open.filter((n) => positions.includes(n.position)) : open.slice(0, SUGGESTED);
  if (positions?.some((x) => !linked.needs.some((n) => n.position === x)))
    throw validation([{ field: 'needPositions', message: 'coaching.plan.needUnknown' }]);
  if (chosen.length === 0)
    throw validation([{ field: 'needPositions', message: 'coaching.plan.build.none' }]);
  const today = formatDate(new Date());
  await db.tx(async (tx) => {
    const plan = await planRepo.ensurePlan(tx, randomUUID(), engagementId);
    let position = await planRepo.nextActionPosition(tx, plan.id);
    const ids: string[] = [];
    for (const n of chosen) {
      const id = randomUUID();
      await planRepo.insertAction(tx, { ...suggestedAction(n, today), id, planId: plan.id, position });
      await planRepo.setActionNeeds(tx, id, mappingId, [n.position]);
      ids.push(id);
      position++;
    }
    await planRepo.touchPlan(tx, plan.id);
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'coaching.plan.build',
      entityType: 'engagement',
      entityId: engagementId,
      ip: ctx.ip,
      details: { mapping: mappingId, needs: chosen.map((n) => n.position), actions: ids },
    });
  });
  return chosen.length;
}

/**
 * Adoption: a company contact adopts in their own name; staff record the company's adoption with the name
 * of the person who adopted. Freezes the working copy as version N+1; the first adoption dates the
 * follow-ups at the programme's months after the adoption.
 */
export async function adoptPlan(
  db: Db,
  ctx: WriteCtx,
  engagementId: string,
  input: { adoptedByName: string | null; revision?: number | null },
): Promise<number> {
  const view = await planAccess(db, ctx.actor, engagementId);
  if (!view.isCompany && !view.isStaff) throw new AppError('FORBIDDEN');
  if (view.engagement.step === 'closed') throw new AppError('CONFLICT', 'coaching.plan.readOnly');
  // A company contact adopts in their own name; staff record the company's adoption and name its person.
  const byName = view.isCompany ? ctx.actor.name : input.adoptedByName;
  if (!byName) throw validation([{ field: 'adoptedByName', message: 'coaching.plan.adopt.nameRequired' }]);
  const p = await getPlan(db, ctx.actor, engagementId);
  if (p.actions.length === 0) throw new AppError('CONFLICT', 'coaching.plan.adopt.empty');
  if (p.plan.adoptedVersion > 0 && !p.plan.changedSinceAdoption)
    throw new AppError('CONFLICT', 'coaching.plan.adopt.unchanged');
  if (input.revision !== undefined && input.revision !== null && input.revision !== p.plan.revision)
    throw new AppError('CONFLICT', 'coaching.plan.stale');
  const content = contentOf(p);
  return db.tx(async (tx) => {
    const plan = await planRepo.ensurePlan(tx, randomUUID(), engagementId);
    if (plan.revision !== p.plan.revision) throw new AppError('CONFLICT', 'coaching.plan.stale');
    const number = plan.adoptedVersion + 1;
    const at = await planRepo.insertVersion(tx, {
      id: randomUUID(),
      planId: plan.id,
      number,
      content,
      by: ctx.actor.userId,
      byName,
    });
    await planRepo.markAdopted(tx, plan.id, number);
    let followups = 0;
    if (plan.adoptedVersion === 0)
      followups = await planRepo.insertFollowups(
        tx,
        engagementId,
        at,
        view.engagement.followupMonths.map((months) => ({ id: randomUUID(), months })),
      );
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'coaching.plan.adopt',
      entityType: 'engagement',
      entityId: engagementId,
      ip: ctx.ip,
      details: { plan: plan.id, version: number, onBehalf: !view.isCompany, followups },
    });
    return number;
  });
}

export interface VersionView {
  plan: PlanView;
  number: number;
  adoptedByName: string;
  adoptedAt: Date;
  content: PlanContent;
}

export async function getVersion(
  db: Db,
  actor: WriteCtx['actor'],
  engagementId: string,
  n: number,
): Promise<VersionView> {
  const p = await getPlan(db, actor, engagementId);
  const plan = await planRepo.findPlan(db, engagementId);
  const v = plan ? await planRepo.findVersion(db, plan.id, n) : null;
  if (!v) throw new AppError('NOT_FOUND');
  return {
    plan: p,
    number: v.number,
    adoptedByName: v.adoptedByName,
    adoptedAt: v.adoptedAt,
    content: v.content as PlanContent,
  };
}

export interface DiffView {
  plan: PlanView;
  /** null: the working copy. */
  from: number;
  to: number | null;
  diff: PlanDiff;
}

/** Differences between two versions, or (to = null) between a version and the working copy. */
export async function diffVersions(
  db: Db,
  actor: WriteCtx['actor'],
  engagementId: string,
  q: { from?: number; to?: number },
): Promise<DiffView> {
  const p = await getPlan(db, actor, engagementId);
  const from = q.from ?? p.plan.adoptedVersion;
  if (from < 1) throw new AppError('NOT_FOUND');
  const a = await getVersion(db, actor, engagementId, from);
  const b = q.to === undefined ? contentOf(p) : (await getVersion(db, actor, engagementId, q.to)).content;
  return { plan: p, from, to: q.to ?? null, diff: diffPlans(a.content, b) };
}
