// Engagements: who sees which, starting one, the intake checks, step changes (forward one step at a time,
// back or to closed with a reason), and coaches (assigning keeps the history; a removed coach loses access
// at once, also to the company's record).

import { type Actor, hasRole } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { companyListQuery, listCompanies } from '../../companies/index.ts';
import { type DeminimisWarning, deminimisWarningForHours } from '../../esf/index.ts';
import { canManageEngagements } from '../policy.ts';
import * as repo from '../repo.ts';
import * as listRepo from '../repo-list.ts';
import { type EngagementListQuery, type Step, steps } from '../schema.ts';
import { blockersFor, type EngagementView, getEngagement, readScope } from './engagement-access.ts';

export type { CoachRow, EngagementRow, StepChangeRow } from '../repo.ts';
export type { EngagementListRow } from '../repo-list.ts';
export * from './engagement-access.ts';
export * from './engagement-writes.ts';

export interface EngagementDetail extends EngagementView {
  coachHistory: repo.CoachRow[];
  steps: repo.StepChangeRow[];
  coachOptions: { userId: string; name: string; organisationName: string }[];
  mappingStatus: 'in_progress' | 'submitted' | null;
  planAdoptedVersion: number;
  usedMinutes: number;
  /** What stops the next step, as catalogue keys (empty: the next step is open). */
  blockers: string[];
  /** At intake: the company's de minimis level if the planned hours are given (null at later steps). */
  aidWarning: DeminimisWarning | null;
}

export async function getEngagementDetail(db: Db, actor: Actor, id: string): Promise<EngagementDetail> {
  const view = await getEngagement(db, actor, id);
  const e = view.engagement;
  const [coachHistory, stepRows, candidates, mappingStatus, adopted, used] = await Promise.all([
    repo.coachAssignments(db, id),
    repo.stepChanges(db, id),
    view.canManage ? repo.coachCandidates(db, e.regionId) : Promise.resolve([]),
    e.mappingId ? repo.mappingStatus(db, e.mappingId) : Promise.resolve(null),
    repo.adoptedPlanVersion(db, id),
    repo.usedMinutes(db, id),
  ]);
  const current = new Set(view.coaches.map((c) => c.userId));
  return {
    ...view,
    coachHistory,
    steps: stepRows,
    coachOptions: candidates.filter((c) => !current.has(c.userId)),
    mappingStatus,
    planAdoptedVersion: adopted,
    usedMinutes: used,
    blockers: blockersFor(e, mappingStatus, adopted),
    aidWarning: e.step === 'intake' ? await deminimisWarningForHours(db, e.companyId, e.plannedHours) : null,
  };
}

export async function listEngagements(db: Db, actor: Actor, query: EngagementListQuery, pageSize = 50) {
  const scope = readScope(actor);
  const page = query.page ?? 1;
  const [result, municipalities] = await Promise.all([
    listRepo.listEngagements(db, scope, query, { limit: pageSize, offset: (page - 1) * pageSize }),
    listRepo.scopeMunicipalities(db, scope),
  ]);
  return { ...result, page, pageSize, municipalities };
}

/** Every open engagement in scope, grouped by step, for the board. */
export async function board(db: Db, actor: Actor, query: EngagementListQuery) {
  const scope = readScope(actor);
  const [result, municipalities] = await Promise.all([
    listRepo.listEngagements(
      db,
      scope,
      { ...query, step: undefined, open: 'open' },
      { limit: 2000, offset: 0 },
    ),
    listRepo.scopeMunicipalities(db, scope),
  ]);
  const columns = steps
    .filter((s) => s !== 'closed')
    .map((step) => ({ step, rows: result.rows.filter((r) => r.step === step) }));
  return { columns, total: result.total, municipalities };
}

/** Whether the actor is a current coach of some engagement (for the caseload link). */
export const isCoachingStaff = (actor: Actor): boolean =>
  hasRole(actor, 'region_admin', 'municipality_officer', 'coach');

/** Companies in the actor's scope whose name matches, for choosing whom to start coaching. */
export async function searchCompanies(db: Db, actor: Actor, q: string) {
  if (!canManageEngagements(actor)) throw new AppError('FORBIDDEN');
  const result = await listCompanies(db, actor, companyListQuery.parse({ q, pageSize: 20 }));
  return result.rows.map((r) => ({ id: r.id, name: r.name, municipality: r.municipalities }));
}

/** The engagement's history: step changes and coach assignments, oldest first. */
export function historyOf(
  d: EngagementDetail,
  stepName: (s: Step) => string,
  label: {
    started: (to: string) => string;
    step: (from: string, to: string) => string;
    assigned: (name: string) => string;
    removed: (name: string) => string;
  },
) {
  const out: { at: Date; what: string; who: string | null; reason: string | null }[] = [];
  for (const s of d.steps)
    out.push({
      at: s.changedAt,
      what: s.fromStep
        ? label.step(stepName(s.fromStep), stepName(s.toStep))
        : label.started(stepName(s.toStep)),
      who: s.changedByName,
      reason: s.reason,
    });
  for (const c of d.coachHistory) {
    out.push({ at: c.assignedAt, what: label.assigned(c.name), who: c.assignedByName, reason: null });
    if (c.removedAt)
      out.push({
        at: c.removedAt,
        what: label.removed(c.name),
        who: c.removedByName,
        reason: c.removedReason,
      });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The region's coaches, for filters. */
export async function regionCoaches(db: Db, regionId: string) {
  return (await repo.coachCandidates(db, regionId)).map((c) => ({ userId: c.userId, name: c.name }));
}
