// The competence-supply plan of an engagement, read side: who may do what with it, the working copy with
// its goals and actions (linked needs named by competence and occupation, courses, comments), and the
// mapping's ranked needs to link. Staff who may edit the engagement edit the plan; the company's contacts
// read it, comment on actions and adopt it; nobody else sees it (NOT_FOUND).
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { type RankedNeed, rankedNeedsOf } from '../../mapping/index.ts';
import type { PlanContent, PlanContentNeed } from '../plan-diff.ts';
import * as repo from '../repo.ts';
import * as planRepo from '../repo-plan.ts';
import { type EngagementView, getEngagement } from './engagements.ts';

export interface NeedOption extends RankedNeed {
  label: string;
  /** Already linked to an action of the plan. */
  planned: boolean;
}

export interface ActionView extends planRepo.ActionRow {
  goalTitle: string | null;
  needs: PlanContentNeed[];
  courses: { courseId: string; courseTitle: string }[];
  comments: planRepo.CommentRow[];
}

export interface PlanView {
  view: EngagementView;
  engagementId: string;
  companyName: string;
  plan: {
    exists: boolean;
    summary: string;
    adoptedVersion: number;
    changedSinceAdoption: boolean;
    revision: number;
  };
  latestVersion: planRepo.VersionRow | null;
  versions: planRepo.VersionRow[];
  goals: planRepo.GoalRow[];
  actions: ActionView[];
  /** The linked mapping's ranked needs when it is submitted, else null. */
  needOptions: NeedOption[] | null;
  mappingId: string | null;
  mappingMaturity: number | null;
  canEdit: boolean;
  canAdopt: boolean;
  canComment: boolean;
}

export const needLabel = (n: Pick<RankedNeed, 'competenceName' | 'roleTitle' | 'occupationName'>): string =>
  n.occupationName && n.occupationName !== n.roleTitle
    ? `${n.competenceName} – ${n.roleTitle} (${n.occupationName})`
    : `${n.competenceName} – ${n.roleTitle}`;

/** The engagement, or NOT_FOUND for anybody who may not see it. */
export async function planAccess(db: Db, actor: Actor, engagementId: string): Promise<EngagementView> {
  return getEngagement(db, actor, engagementId);
}

/** Staff who may edit the engagement; a company contact gets FORBIDDEN. */
export async function planEditor(db: Db, actor: Actor, engagementId: string): Promise<EngagementView> {
  const view = await getEngagement(db, actor, engagementId);
  if (!view.canEdit) throw new AppError(view.isStaff ? 'CONFLICT' : 'FORBIDDEN', 'coaching.plan.readOnly');
  return view;
}

/** The submitted mapping's ranked needs, or null when the linked mapping is missing or not submitted. */
export async function linkedNeeds(
  db: Db,
  mappingId: string | null,
): Promise<{ needs: RankedNeed[]; maturityScore: number | null } | null> {
  if (!mappingId || (await repo.mappingStatus(db, mappingId)) !== 'submitted') return null;
  return rankedNeedsOf(db, mappingId);
}

async function needLabels(db: Db, rows: planRepo.ActionNeedRow[], known: Map<string, RankedNeed[]>) {
  const labels = new Map<string, string>();
  for (const mappingId of new Set(rows.map((r) => r.mappingId))) {
    const needs = known.get(mappingId) ?? (await rankedNeedsOf(db, mappingId)).needs;
    for (const n of needs) labels.set(`${mappingId}:${n.position}`, needLabel(n));
  }
  return labels;
}

export async function getPlan(db: Db, actor: Actor, engagementId: string): Promise<PlanView> {
  const view = await planAccess(db, actor, engagementId);
  const e = view.engagement;
  const plan = await planRepo.findPlan(db, engagementId);
  const linked = await linkedNeeds(db, e.mappingId);
  const [goals, actions, needRows, courses, comments, versions] = plan
    ? await Promise.all([
        planRepo.listGoals(db, plan.id),
        planRepo.listActions(db, plan.id),
        planRepo.listActionNeeds(db, plan.id),
        planRepo.listCourses(db, plan.id),
        planRepo.listComments(db, plan.id),
        planRepo.listVersions(db, plan.id),
      ])
    : [[], [], [], [], [], []];
  const known = new Map<string, RankedNeed[]>();
  if (e.mappingId && linked) known.set(e.mappingId, linked.needs);
  const labels = await needLabels(db, needRows, known);
  const goalTitle = new Map(goals.map((g) => [g.id, g.title]));
  const plannedKeys = new Set(needRows.map((n) => `${n.mappingId}:${n.position}`));
  const closed = e.step === 'closed';
  return {
    view,
    engagementId,
    companyName: e.companyName,
    plan: {
      exists: plan !== null,
      summary: plan?.summary ?? '',
      adoptedVersion: plan?.adoptedVersion ?? 0,
      changedSinceAdoption: plan?.changedSinceAdoption ?? false,
      revision: plan?.revision ?? 0,
    },
    latestVersion: versions[0] ?? null,
    versions,
    goals,
    actions: actions.map((a) => ({
      ...a,
      goalTitle: a.goalId ? (goalTitle.get(a.goalId) ?? null) : null,
      needs: needRows
        .filter((n) => n.actionId === a.id)
        .map((n) => ({
          mappingId: n.mappingId,
          position: n.position,
          label: labels.get(`${n.mappingId}:${n.position}`) ?? `#${n.position + 1}`,
        })),
      courses: courses
        .filter((c) => c.actionId === a.id)
        .map((c) => ({ courseId: c.courseId, courseTitle: c.courseTitle })),
      comments: comments.filter((c) => c.actionId === a.id),
    })),
    needOptions: linked
      ? linked.needs.map((n) => ({
          ...n,
          label: needLabel(n),
          planned: plannedKeys.has(`${e.mappingId}:${n.position}`),
        }))
      : null,
    mappingId: e.mappingId,
    mappingMaturity: linked?.maturityScore ?? null,
    canEdit: view.canEdit,
    canAdopt: !closed && (view.isCompany || view.canEdit) && actions.length > 0,
    canComment: !closed && (view.isStaff || view.isCompany),
  };
}

/** The working copy as the content a version freezes. */
export function contentOf(p: PlanView): PlanContent {
  return {
    companyName: p.companyName,
    summary: p.plan.summary,
    goals: p.goals.map((g) => ({ id: g.id, title: g.title, measure: g.measure })),
    actions: p.actions.map((a) => ({
      id: a.id,
      title: a.title,
      kind: a.kind,
      goalId: a.goalId,
      goalTitle: a.goalTitle,
      ownerName: a.ownerName,
      dueOn: a.dueOn,
      costSek: a.costSek,
      hours: a.hours,
      status: a.status,
      needs: a.needs,
      courses: a.courses,
    })),
  };
}

export function findAction(p: PlanView, actionId: string): ActionView {
  const a = p.actions.find((x) => x.id === actionId);
  if (!a) throw new AppError('NOT_FOUND');
  return a;
}
