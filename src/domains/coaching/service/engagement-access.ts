import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import * as repo from '../repo.ts';

export interface WriteCtx {
  actor: Actor;
  ip: string | null;
}

export const uniq = <T>(xs: T[]) => [...new Set(xs)];

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
