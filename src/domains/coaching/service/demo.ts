// What the demo data uses of the domain: the services it drives, and the demo-only progress (actions under
// way, an adoption moved back in time so that follow-ups are due or done).
import type { Db } from '../../../platform/db.ts';
import * as demoRepo from '../repo-demo.ts';
import type { WriteCtx } from './engagements.ts';
import { saveFollowup } from './followups.ts';
import { getPlan } from './plan.ts';
import { changeStatus } from './plan-write.ts';

export { changeStep, createEngagement, saveIntake } from './engagements.ts';
export { createMeeting } from './meetings.ts';
export { adoptPlan, buildFromGaps } from './plan-versions.ts';
export const companyMunicipalities = demoRepo.companyMunicipalities;

/** Actions under way; with `backdateDays` ≥ 90 the 3-month follow-up is due and is completed. */
export async function demoProgress(
  db: Db,
  ctx: WriteCtx,
  engagementId: string,
  opts: { backdateDays: number },
): Promise<void> {
  await demoRepo.backdateAdoption(db, engagementId, opts.backdateDays);
  const plan = await getPlan(db, ctx.actor, engagementId);
  const [first, second] = plan.actions;
  if (first)
    await changeStatus(db, ctx, engagementId, first.id, {
      status: 'ongoing',
      comment: 'Kursstart bokad med leverantören.',
    });
  if (second && opts.backdateDays >= 90)
    await changeStatus(db, ctx, engagementId, second.id, { status: 'done', comment: null });
  if (opts.backdateDays < 90) return;
  const due = (await demoRepo.followupsOf(db, engagementId)).find((f) => f.months === 3)?.id;
  if (!due) return;
  const after = await getPlan(db, ctx.actor, engagementId);
  await saveFollowup(db, ctx, engagementId, due, {
    statuses: Object.fromEntries(after.actions.map((a) => [a.id, a.status])),
    maturityScore: 2.6,
    planInUse: true,
    companyFeedback: 'Planen används i ledningsgruppen varje månad.',
    coachComment: 'Två av åtgärderna är igång enligt plan.',
  });
}
