// Engagements: who sees which, starting one, the intake checks, step changes (forward one step at a time,
// back or to closed with a reason), and coaches (assigning keeps the history; a removed coach loses access
// at once, also to the company's record).

import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import { type Actor, hasRole } from '../../../platform/auth.ts';
import { type Db, isUniqueViolation } from '../../../platform/db.ts';
import { AppError, validation } from '../../../platform/errors.ts';
import {
  assignCoachToCompany,
  companyListQuery,
  getCompany,
  listCompanies,
  unassignCoachFromCompany,
} from '../../companies/index.ts';
import { type DeminimisWarning, deminimisWarningForHours } from '../../esf/index.ts';
import { canManageEngagements } from '../policy.ts';
import * as repo from '../repo.ts';
import {
  type EngagementInput,
  type EngagementListQuery,
  type IntakeInput,
  type Step,
  type StepChangeInput,
  stepIndex,
  steps,
} from '../schema.ts';

export type { CoachRow, EngagementListRow, EngagementRow, StepChangeRow } from '../repo.ts';

export interface WriteCtx {
  actor: Actor;
  ip: string | null;
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];

/** Engagements the actor sees: region admins their region's, officers their municipality's, coaches their own, contacts their company's. */
export function readScope(actor: Actor): repo.EngagementScope {
  const ms = actor.memberships;
  return {
    regionIds: uniq(ms.filter((m) => m.role === 'region_admin').map((m) => m.regionId)),
    municipalityCodes: uniq(
      ms
        .filter((m) => m.role === 'municipality_officer' && m.municipalityCode)
        .map((m) => m.municipalityCode as string),
    ),
    coachUserId: ms.some((m) => m.role === 'coach') ? actor.userId : null,
    companyIds: uniq(
      ms.filter((m) => m.role === 'company_contact' && m.companyId).map((m) => m.companyId as string),
    ),
  };
}

export interface EngagementView {
  engagement: repo.EngagementRow;
  /** Current coaches. */
  coaches: repo.CoachRow[];
  /** Staff who work on it: a region admin of its region, an officer of its municipality, a current coach. */
  isStaff: boolean;
  /** Region admin or officer in scope: assigns coaches, records the intake. */
  canManage: boolean;
  /** Staff in scope and the engagement is not closed: documents meetings, edits the plan, changes the step. */
  canEdit: boolean;
  /** A current coach of the engagement. */
  isCoach: boolean;
  /** The organisation the actor coaches this engagement through (null: not a coach of it). */
  coachOrgId: string | null;
  /** A contact of the company: reads the plan, decisions and next steps; adopts the plan. */
  isCompany: boolean;
  /** Organisations the actor works for (staff memberships): the owners of notes they may read. */
  actorOrgIds: string[];
}

/** An engagement the actor may see, or NOT_FOUND exactly as for an unknown id. */
export async function getEngagement(db: Db, actor: Actor, id: string): Promise<EngagementView> {
  const engagement = await repo.findEngagement(db, id);
  if (!engagement) throw new AppError('NOT_FOUND');
  return viewFor(db, actor, engagement);
}

async function viewFor(db: Db, actor: Actor, engagement: repo.EngagementRow): Promise<EngagementView> {
  const all = await repo.coachAssignments(db, engagement.id);
  const coaches = all.filter((c) => c.removedAt === null);
  const ms = actor.memberships;
  // A current assignment counts only while the user still holds the coach role in the organisation they
  // were assigned through: a coach who leaves that organisation loses access at once.
  const assignment = coaches.find(
    (c) =>
      c.userId === actor.userId &&
      ms.some((m) => m.role === 'coach' && m.organisationId === c.organisationId),
  );
  const isCoach = assignment !== undefined;
  const canManage = ms.some(
    (m) =>
      (m.role === 'region_admin' && m.regionId === engagement.regionId) ||
      (m.role === 'municipality_officer' && m.municipalityCode === engagement.municipalityCode),
  );
  const isCompany = ms.some((m) => m.role === 'company_contact' && m.companyId === engagement.companyId);
  const isStaff = canManage || isCoach;
  if (!isStaff && !isCompany) throw new AppError('NOT_FOUND');
  return {
    engagement,
    coaches,
    isStaff,
    canManage,
    canEdit: isStaff && engagement.step !== 'closed',
    isCoach,
    coachOrgId: assignment?.organisationId ?? null,
    isCompany,
    actorOrgIds: uniq(
      ms.filter((m) => m.organisationId && m.role !== 'provider').map((m) => m.organisationId as string),
    ),
  };
}

/** Whether the actor may read the notes of a meeting owned by `ownerOrgId` (the programme's sharing rule). */
export function canReadNotesOf(view: EngagementView, ownerOrgId: string): boolean {
  if (!view.isStaff) return false;
  if (view.engagement.notesSharing === 'programme') return true;
  // 'organisation': staff of the owning organisation, including a coach assigned through it.
  return view.coachOrgId === ownerOrgId || view.actorOrgIds.includes(ownerOrgId);
}

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

/** What must be true before leaving a step forwards. */
export function blockersFor(
  e: Pick<repo.EngagementRow, 'step' | 'smeChecked' | 'inCountyChecked' | 'agreementSignedOn'>,
  mappingStatus: 'in_progress' | 'submitted' | null,
  adoptedVersion: number,
): string[] {
  const out: string[] = [];
  if (e.step === 'intake') {
    if (!e.smeChecked) out.push('coaching.blocker.sme');
    if (!e.inCountyChecked) out.push('coaching.blocker.county');
    if (!e.agreementSignedOn) out.push('coaching.blocker.agreement');
  }
  if (e.step === 'mapping' && mappingStatus !== 'submitted') out.push('coaching.blocker.mapping');
  if (e.step === 'plan' && adoptedVersion < 1) out.push('coaching.blocker.plan');
  return out;
}

export async function listEngagements(db: Db, actor: Actor, query: EngagementListQuery, pageSize = 50) {
  const scope = readScope(actor);
  const page = query.page ?? 1;
  const [result, municipalities] = await Promise.all([
    repo.listEngagements(db, scope, query, { limit: pageSize, offset: (page - 1) * pageSize }),
    repo.scopeMunicipalities(db, scope),
  ]);
  return { ...result, page, pageSize, municipalities };
}

/** Every open engagement in scope, grouped by step, for the board. */
export async function board(db: Db, actor: Actor, query: EngagementListQuery) {
  const scope = readScope(actor);
  const [result, municipalities] = await Promise.all([
    repo.listEngagements(db, scope, { ...query, step: undefined, open: 'open' }, { limit: 2000, offset: 0 }),
    repo.scopeMunicipalities(db, scope),
  ]);
  const columns = steps
    .filter((s) => s !== 'closed')
    .map((step) => ({ step, rows: result.rows.filter((r) => r.step === step) }));
  return { columns, total: result.total, municipalities };
}

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
