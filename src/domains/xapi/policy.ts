// Who may administer the LRS credentials; the LRS resources themselves authenticate clients (HTTP Basic).
import { type Actor, hasRole } from '../../platform/auth.ts';

/** Issuing and revoking LRS client credentials of the region: region administrators. */
export const canManageXapi = (actor: Actor): boolean => hasRole(actor, 'region_admin');
