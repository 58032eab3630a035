// Who may use the LTI pages at all; each tool and link is scoped in the queries (repo-tools.ts).
import { type Actor, hasRole, membershipsWith } from '../../platform/auth.ts';

/** Providers manage their organisation's tools; region administrators any provider's tools in the region. */
export const canManageLtiTools = (actor: Actor): boolean => hasRole(actor, 'provider', 'region_admin');

/** Learners (participants) launch their region's tools; providers and region admins make test launches. */
export const canLaunchLti = (actor: Actor): boolean =>
  hasRole(actor, 'participant', 'provider', 'region_admin');

/** The scope of an actor over tools: provider organisations and regions (as region administrator). */
export interface ToolScope {
  providerOrgIds: string[];
  adminRegionIds: string[];
}

export function toolScope(actor: Actor): ToolScope {
  return {
    providerOrgIds: membershipsWith(actor, 'provider')
      .map((m) => m.organisationId)
      .filter((id): id is string => id !== null),
    adminRegionIds: membershipsWith(actor, 'region_admin').map((m) => m.regionId),
  };
}

/** The regions in which the actor is a learner (participant of a company of the region). */
export const learnerRegionIds = (actor: Actor): string[] =>
  membershipsWith(actor, 'participant').map((m) => m.regionId);
