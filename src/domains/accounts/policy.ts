import { type Actor, hasRole } from '../../platform/auth.ts';

export const canReadOutbox = (actor: Actor): boolean => hasRole(actor, 'region_admin');
export const canManageUsers = (actor: Actor): boolean => hasRole(actor, 'region_admin', 'municipality_officer');
