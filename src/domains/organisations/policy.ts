import { type Actor, hasRole } from '../../platform/auth.ts';

export const canViewOrganisations = (actor: Actor): boolean =>
  hasRole(actor, 'region_admin', 'municipality_officer', 'esf_admin', 'coach');

export const canManageOrganisations = (actor: Actor): boolean => hasRole(actor, 'region_admin');
