// Who may read the digital-learning study page (issue 7): the region's administrators and ESF administrators.
// The record scope (digital courses of the actor's regions) is applied in the study queries.
import { type Actor, hasRole } from '../../platform/auth.ts';

/** The study page, its exports and its API twin. */
export const canSeeLearningStudy = (actor: Actor): boolean => hasRole(actor, 'region_admin', 'esf_admin');

/** The regions whose digital courses the actor studies. */
export const studyRegions = (actor: Actor): string[] => [
  ...new Set(
    actor.memberships
      .filter((m) => m.role === 'region_admin' || m.role === 'esf_admin')
      .map((m) => m.regionId),
  ),
];
