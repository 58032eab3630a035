import { type Actor, hasRole } from '../../platform/auth.ts';

/** Who sees the county roll-up: the programme's staff (region admins unsuppressed, others suppressed). */
export const canViewInsights = (actor: Actor): boolean =>
  hasRole(actor, 'region_admin', 'municipality_officer', 'coach', 'esf_admin');
