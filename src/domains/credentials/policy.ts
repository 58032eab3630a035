// Who may use the credentials pages at all; records are scoped in the queries (own credentials by user id,
// issued credentials by the issuer's organisation or region).
import { type Actor, hasRole, membershipsWith } from '../../platform/auth.ts';
import type { IssuerScope } from './repo-credentials.ts';

/** Own credentials: every signed-in user (a learner of any role may have completed a course). */
export const canHoldCredentials = (_actor: Actor): boolean => true;

/** The credentials an organisation issued, and revoking them: providers and region administrators. */
export const canIssueCredentials = (actor: Actor): boolean => hasRole(actor, 'provider', 'region_admin');

/** Providers see their own organisations' credentials; region administrators every issuer of their region. */
export function issuerScope(actor: Actor): IssuerScope {
  return {
    organisationIds: membershipsWith(actor, 'provider')
      .map((m) => m.organisationId)
      .filter((id): id is string => id !== null),
    regionIds: membershipsWith(actor, 'region_admin').map((m) => m.regionId),
  };
}
