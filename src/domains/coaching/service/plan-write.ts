// Changes to the working copy of a plan: summary and goals, actions (with their linked needs), status
// changes with a comment, comments and course links. Every change is audited (ids and kinds, never text)
// and, once the plan has been adopted, marks it changed since adoption.
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, validation } from '../../../platform/errors.ts';
import { findApprovedCourse } from '../../training/index.ts';
import * as planRepo from '../repo-plan.ts';
import type { ActionInput, PlanInput, StatusInput } from '../schema-plan.ts';
import type { WriteCtx } from './engagements.ts';
import { getPlan, linkedNeeds, planEditor } from './plan.ts';

export type { WriteCtx } from './engagements.ts';

async function log(tx: Db, ctx: WriteCtx, action: string, engagementId: string, details = {}) {
  await audit(tx, {
    actorUserId: ctx.actor.userId,
    action,
    entityType: 'engagement',
    entityId: engagementId,
    ip: ctx.ip,
    details,
  });
}

/** The plan row locked for the transaction (created when missing); CONFLICT when `revision` is stale. */
async function lockPlan(tx: Db, engagementId: string, revision?: number): Promise<planRepo.PlanRow> {
  const plan = await planRepo.ensurePlan(tx, randomUUID(), engagementId);
  if (revision !== undefined && revision !== plan.revision)
    throw new AppError('CONFLICT', 'coaching.plan.stale');
  return plan;
}

export async function savePlan(db: Db, ctx: WriteCtx, engagementId: string, input: PlanInput): Promise<void> {
  await planEditor(db, ctx.actor, engagementId);
  await db.tx(async (tx) => {
    const plan = await lockPlan(tx, engagementId, input.revision);
    const existing = new Set((await planRepo.listGoals(tx, plan.id)).map((g) => g.id));
    const goals = input.goals.map((g, i) => ({
      id: g.id && existing.has(g.id) ? g.id : randomUUID(),
      position: i + 1,
      title: g.title,
      measure: g.measure,
    }));
    await planRepo.deleteGoalsExcept(
      tx,
      plan.id,
      goals.map((g) => g.id),
    );
    for (const g of goals) await planRepo.upsertGoal(tx, plan.id, g);
    await planRepo.touchPlan(tx, plan.id, input.summary);
    await log(tx, ctx, 'coaching.plan.save', engagementId, { plan: plan.id, goals: goals.length });
  });
}

/** Checks the goal and the needs against the plan and the linked mapping. */
async function checkAction(db: Db, engagementId: string, mappingId: string | null, input: ActionInput) {
  const errors = [];
  if (input.goalId) {
    const plan = await planRepo.findPlan(db, engagementId);
    const goals = plan ? await planRepo.listGoals(db, plan.id) : [];
    if (!goals.some((g) => g.id === input.goalId))
      errors.push({ field: 'goalId', message: 'validation.choice' });
  }
  if (input.needPositions.length > 0) {
    const linked = await linkedNeeds(db, mappingId);
    const known = new Set(linked?.needs.map((n) => n.position) ?? []);
    if (!input.needPositions.every((p) => known.has(p)))
      errors.push({ field: 'needPositions', message: 'coaching.plan.needUnknown' });
  }
  if (errors.length) throw validation(errors);
}

export async function createAction(
  db: Db,
  ctx: WriteCtx,
  engagementId: string,
  input: ActionInput,
): Promise<string> {
  const view = await planEditor(db, ctx.actor, engagementId);
  const mappingId = view.engagement.mappingId;
  await checkAction(db, engagementId, mappingId, input);
  const id = randomUUID();
  await db.tx(async (tx) => {
    const plan = await lockPlan(tx, engagementId);
    const position = await planRepo.nextActionPosition(tx, plan.id);
    await planRepo.insertAction(tx, { ...input, id, planId: plan.id, position });
    await planRepo.setActionNeeds(tx, id, mappingId, [...new Set(input.needPositions)]);
    await planRepo.touchPlan(tx, plan.id);
    await log(tx, ctx, 'coaching.plan.action.create', engagementId, { action: id, kind: input.kind });
  });
  return id;
}

export async function updateAction(
  db: Db,
  ctx: WriteCtx,
  engagementId: string,
  actionId: string,
  input: ActionInput,
  revision?: number,
): Promise<void> {
  const view = await planEditor(db, ctx.actor, engagementId);
  const p = await getPlan(db, ctx.actor, engagementId);
  if (!p.actions.some((a) => a.id === actionId)) throw new AppError('NOT_FOUND');
  const mappingId = view.engagement.mappingId;
  await checkAction(db, engagementId, mappingId, input);
  await db.tx(async (tx) => {
    const plan = await lockPlan(tx, engagementId, revision);
    await planRepo.updateAction(tx, actionId, input);
    await planRepo.setActionNeeds(tx, actionId, mappingId, [...new Set(input.needPositions)]);
    await planRepo.touchPlan(tx, plan.id);
    await log(tx, ctx, 'coaching.plan.action.update', engagementId, { action: actionId, kind: input.kind });
  });
}

export async function deleteAction(db: Db, ctx: WriteCtx, engagementId: string, actionId: string) {
  await planEditor(db, ctx.actor, engagementId);
  const p = await getPlan(db, ctx.actor, engagementId);
  if (!p.actions.some((a) => a.id === actionId)) throw new AppError('NOT_FOUND');
  await db.tx(async (tx) => {
    const plan = await lockPlan(tx, engagementId);
    await planRepo.deleteAction(tx, actionId);
    await planRepo.touchPlan(tx, plan.id);
    await log(tx, ctx, 'coaching.plan.action.delete', engagementId, { action: actionId });
  });
}

/** A status change, with an optional comment that explains it. Progress, not a change of the plan. */
export async function changeStatus(
  db: Db,
  ctx: WriteCtx,
  engagementId: string,
  actionId: string,
  input: StatusInput,
): Promise<void> {
  await planEditor(db, ctx.actor, engagementId);
  const p = await getPlan(db, ctx.actor, engagementId);
  const action = p.actions.find((a) => a.id === actionId);
  if (!action) throw new AppError('NOT_FOUND');
  await db.tx(async (tx) => {
    await planRepo.setActionStatus(tx, actionId, input.status);
    if (input.comment)
      await planRepo.insertComment(tx, {
        id: randomUUID(),
        actionId,
        authorId: ctx.actor.userId,
        authorName: ctx.actor.name,
        body: input.comment,
      });
    await log(tx, ctx, 'coaching.plan.action.status', engagementId, {
      action: actionId,
      from: action.status,
      to: input.status,
      comment: input.comment !== null,
    });
  });
}

/** Staff of the engagement and the company's contacts comment on actions. */
export async function addComment(
  db: Db,
  ctx: WriteCtx,
  engagementId: string,
  actionId: string,
  body: string,
): Promise<void> {
  const p = await getPlan(db, ctx.actor, engagementId);
  if (!p.actions.some((a) => a.id === actionId)) throw new AppError('NOT_FOUND');
  if (!p.canComment) throw new AppError('CONFLICT', 'coaching.plan.readOnly');
  const id = randomUUID();
  await db.tx(async (tx) => {
    await planRepo.insertComment(tx, {
      id,
      actionId,
      authorId: ctx.actor.userId,
      authorName: ctx.actor.name,
      body,
    });
    await log(tx, ctx, 'coaching.plan.action.comment', engagementId, { action: actionId, comment: id });
  });
}

/**
 * Links an approved course of the training catalogue (by id, with the catalogue's title as shown when
 * linked); another id is refused (422 at the field courseId).
 */
export async function addCourse(
  db: Db,
  ctx: WriteCtx,
  engagementId: string,
  actionId: string,
  course: { courseId: string; courseTitle: string },
): Promise<void> {
  await planEditor(db, ctx.actor, engagementId);
  const p = await getPlan(db, ctx.actor, engagementId);
  if (!p.actions.some((a) => a.id === actionId)) throw new AppError('NOT_FOUND');
  const found = await findApprovedCourse(db, course.courseId);
  if (!found) throw validation([{ field: 'courseId', message: 'validation.choice' }]);
  await db.tx(async (tx) => {
    const plan = await lockPlan(tx, engagementId);
    if (!(await planRepo.insertCourse(tx, { actionId, courseId: found.id, courseTitle: found.title })))
      return;
    await planRepo.touchPlan(tx, plan.id);
    await log(tx, ctx, 'coaching.plan.action.course', engagementId, {
      action: actionId,
      course: course.courseId,
    });
  });
}
