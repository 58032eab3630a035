// Who may use the learning pages at all; each enrolment is scoped to its own learner in the queries.
import { type Actor, hasRole, membershipsWith } from '../../platform/auth.ts';

/** Learners (the participant role) take digital courses. */
export const canLearn = (actor: Actor): boolean => hasRole(actor, 'participant');

/** Company contacts invite their employees and follow their progress. */
export const canFollowCompanyLearning = (actor: Actor): boolean => hasRole(actor, 'company_contact');

/** Inviting a learner: the company's contact, or region staff acting for a company of their region. */
export const canInviteLearners = (actor: Actor): boolean =>
  hasRole(actor, 'company_contact', 'region_admin', 'municipality_officer');

/** The regions whose courses the learner sees: those of the companies where they are a learner. */
export function learnerRegions(actor: Actor): string[] {
  return [...new Set(membershipsWith(actor, 'participant').map((m) => m.regionId))];
}

/** The companies where the actor holds the participant role. */
export function learnerCompanies(actor: Actor): Array<{ companyId: string; regionId: string }> {
  return membershipsWith(actor, 'participant').flatMap((m) =>
    m.companyId ? [{ companyId: m.companyId, regionId: m.regionId }] : [],
  );
}

/** May the actor invite learners of this company (region given for staff)? */
export function mayInviteFor(actor: Actor, company: { id: string; regionId: string }): boolean {
  return actor.memberships.some(
    (m) =>
      (m.role === 'company_contact' && m.companyId === company.id) ||
      ((m.role === 'region_admin' || m.role === 'municipality_officer') && m.regionId === company.regionId),
  );
}
