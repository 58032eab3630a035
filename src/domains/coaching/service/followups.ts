// Follow-ups of an adopted plan (by default 3, 6 and 12 months after the first adoption): the status of
// each action, a new maturity score, whether the plan is still in use, the company's feedback and the
// coach's comment. Staff who may edit the engagement complete them (the action statuses are applied to
// the plan); the company's contacts write the company's part (feedback, plan still in use).
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, validation } from '../../../platform/errors.ts';
import { formatDate } from '../../../platform/i18n/index.ts';
import * as planRepo from '../repo-plan.ts';
import type { FollowupInput } from '../schema-plan.ts';
import type { WriteCtx } from './engagements.ts';
import { getPlan, type PlanView } from './plan.ts';

export type FollowupState = 'done' | 'overdue' | 'upcoming';

export interface FollowupView extends planRepo.FollowupRow {
  state: FollowupState;
}

export function followupState(
  f: Pick<planRepo.FollowupRow, 'doneAt' | 'dueOn'>,
  today: string,
): FollowupState {
  if (f.doneAt) return 'done';
  return f.dueOn < today ? 'overdue' : 'upcoming';
}

export interface FollowupsView {
  plan: PlanView;
  followups: FollowupView[];
  canComplete: boolean;
  canGiveFeedback: boolean;
}

export async function listFollowups(db: Db, actor: Actor, engagementId: string): Promise<FollowupsView> {
  const plan = await getPlan(db, actor, engagementId);
  const today = formatDate(new Date());
  const rows = await planRepo.listFollowups(db, engagementId);
  return {
    plan,
    followups: rows.map((f) => ({ ...f, state: followupState(f, today) })),
    canComplete: plan.view.canEdit,
    canGiveFeedback: plan.view.isCompany && plan.view.engagement.step !== 'closed',
  };
}

export async function getFollowup(
  db: Db,
  actor: Actor,
  engagementId: string,
  followupId: string,
): Promise<FollowupsView & { followup: FollowupView }> {
  const all = await listFollowups(db, actor, engagementId);
  const followup = all.followups.find((f) => f.id === followupId);
  if (!followup) throw new AppError('NOT_FOUND');
  return { ...all, followup };
}

/** Saves a follow-up: staff complete it; a company contact saves the company's part only. */
export async function saveFollowup(
  db: Db,
  ctx: WriteCtx,
  engagementId: string,
  followupId: string,
  input: FollowupInput,
): Promise<'completed' | 'feedback'> {
  const v = await getFollowup(db, ctx.actor, engagementId, followupId);
  if (!v.canComplete && !v.canGiveFeedback) throw new AppError('FORBIDDEN');
  if (!v.canComplete) {
    await db.tx(async (tx) => {
      await planRepo.updateFollowupCompany(tx, followupId, {
        companyFeedback: input.companyFeedback,
        planInUse: input.planInUse,
      });
      await logFollowup(tx, ctx, engagementId, { followup: followupId, part: 'company' });
    });
    return 'feedback';
  }
  const actions = v.plan.actions;
  const unknown = Object.keys(input.statuses).filter((id) => !actions.some((a) => a.id === id));
  const errors = unknown.map((id) => ({ field: `status.${id}`, message: 'validation.choice' }));
  if (input.maturityScore === null)
    errors.push({ field: 'maturityScore', message: 'coaching.followup.maturityRequired' });
  if (errors.length) throw validation(errors);
  const statuses = actions.map((a) => ({
    actionId: a.id,
    title: a.title,
    status: input.statuses[a.id] ?? a.status,
  }));
  await db.tx(async (tx) => {
    for (const s of statuses) {
      const before = actions.find((a) => a.id === s.actionId)?.status;
      if (before !== s.status) await planRepo.setActionStatus(tx, s.actionId, s.status);
    }
    await planRepo.completeFollowup(tx, followupId, {
      actionStatuses: statuses,
      maturityScore: input.maturityScore,
      planInUse: input.planInUse,
      companyFeedback: input.companyFeedback,
      coachComment: input.coachComment,
      by: ctx.actor.userId,
    });
    await logFollowup(tx, ctx, engagementId, {
      followup: followupId,
      part: 'complete',
      maturity: input.maturityScore,
      planInUse: input.planInUse,
    });
  });
  return 'completed';
}

async function logFollowup(tx: Db, ctx: WriteCtx, engagementId: string, details: Record<string, unknown>) {
  await audit(tx, {
    actorUserId: ctx.actor.userId,
    action: 'coaching.followup.save',
    entityType: 'engagement',
    entityId: engagementId,
    ip: ctx.ip,
    details,
  });
}
