// Who may handle data-subject requests: region administrators, for people of their own region. Everyone
// signed in may export their own data.
import { type Actor, hasRole } from '../../platform/auth.ts';

export const canHandleSubjectRequests = (actor: Actor): boolean => hasRole(actor, 'region_admin');

/** The regions whose people the actor may look up, export and erase. */
export const subjectRegions = (actor: Actor): string[] => [
  ...new Set(actor.memberships.filter((m) => m.role === 'region_admin').map((m) => m.regionId)),
];
