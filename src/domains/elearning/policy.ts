// Who may author digital courses at all; which courses (the provider's own, the region's) is decided in the
// services, in the queries. Other helpers keep the learners' and study policies in policy-learning.ts and
// policy-study.ts.
import { type Actor, hasRole, membershipsWith } from '../../platform/auth.ts';

/** Providers author their own organisation's digital courses; region admins any provider's of the region. */
export const canAuthorCourses = (actor: Actor): boolean => hasRole(actor, 'provider', 'region_admin');

/** The actor's authoring scope: the provider organisations and the regions (as region admin). */
export interface AuthorScope {
  providerOrgIds: string[];
  regionIds: string[];
}

export function authorScope(actor: Actor): AuthorScope {
  return {
    providerOrgIds: membershipsWith(actor, 'provider')
      .map((m) => m.organisationId)
      .filter((id): id is string => id !== null),
    regionIds: membershipsWith(actor, 'region_admin').map((m) => m.regionId),
  };
}
