// Who may see and record a training occasion's attendance: the course's provider, a region admin of the
// course's region, or (roll-call only) a coach of a company of an enrolled learner. Anyone else gets 404.
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import * as repo from '../repo-attendance.ts';

/** The provider of the course (membership of its provider organisation). */
export function isCourseProvider(actor: Actor, course: { providerOrgId: string }): boolean {
  return actor.memberships.some((m) => m.role === 'provider' && m.organisationId === course.providerOrgId);
}

/** A region admin of the course's region. */
export function isRegionAdminOf(actor: Actor, course: { regionId: string }): boolean {
  return actor.memberships.some((m) => m.role === 'region_admin' && m.regionId === course.regionId);
}

/** The provider or a region admin: they see every learner of the course. */
export function managesCourse(actor: Actor, course: { providerOrgId: string; regionId: string }): boolean {
  return isCourseProvider(actor, course) || isRegionAdminOf(actor, course);
}

export interface OccasionAccess {
  occasion: repo.OccasionContext;
  /** The enrolled learners this actor may see (a coach: only those of the companies they coach). */
  enrolled: repo.EnrolledRow[];
  /** Provider or region admin (overview, invoice basis, completion). */
  manager: boolean;
}

/** The occasion with the learners the actor may see; 404 when the actor may not take its roll-call. */
export async function occasionAccess(
  db: Db,
  actor: Actor,
  occasionId: string,
  opts: { managerOnly?: boolean } = {},
): Promise<OccasionAccess> {
  const occasion = await repo.findOccasion(db, occasionId);
  if (!occasion) throw new AppError('NOT_FOUND');
  const all = await repo.listEnrolled(db, occasionId);
  if (managesCourse(actor, occasion)) return { occasion, enrolled: all, manager: true };
  if (!opts.managerOnly && actor.memberships.some((m) => m.role === 'coach')) {
    const companies = new Set(
      await repo.coachedCompanies(db, actor.userId, [...new Set(all.map((e) => e.companyId))]),
    );
    if (companies.size > 0)
      return { occasion, enrolled: all.filter((e) => companies.has(e.companyId)), manager: false };
  }
  throw new AppError('NOT_FOUND');
}

/** Whole hours, rounded down (the ESF rule: 50 minutes is 0 hours, 119 minutes is 1 hour). */
export function wholeHours(minutes: number): number {
  return Math.floor(Math.max(0, minutes) / 60);
}
