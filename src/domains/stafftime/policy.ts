// Who may use the staff time log: pure checks over the actor.
import { type Actor, hasRole, type Membership } from '../../platform/auth.ts';

const STAFF_ROLES = ['coach', 'municipality_officer', 'region_admin', 'esf_admin'] as const;

/** Coaches, municipality officers, region admins and ESF admins log their own time. */
export const canLogTime = (actor: Actor): boolean => hasRole(actor, ...STAFF_ROLES);

/** Region admins and officers set employment kind and hourly cost (admins: region; officers: own organisation). */
export const canManageStaff = (actor: Actor): boolean =>
  hasRole(actor, 'region_admin', 'municipality_officer');

/** Who sees other people's time: region admins and ESF admins (region), officers (own organisation). */
export const canSeeOthers = (actor: Actor): boolean =>
  hasRole(actor, 'region_admin', 'municipality_officer', 'esf_admin');

/** The staff organisations an actor may log time for (one per organisation). */
export function staffOrganisations(actor: Actor): Membership[] {
  const seen = new Set<string>();
  return actor.memberships.filter((m) => {
    if (!(STAFF_ROLES as readonly string[]).includes(m.role) || !m.organisationId) return false;
    if (seen.has(m.organisationId)) return false;
    seen.add(m.organisationId);
    return true;
  });
}

/** Whose time an actor may read: always their own, plus whole regions and organisations. */
export interface StaffScope {
  userId: string;
  regionIds: string[];
  organisationIds: string[];
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];

export function readScope(actor: Actor): StaffScope {
  const ms = actor.memberships;
  return {
    userId: actor.userId,
    regionIds: uniq(
      ms.filter((m) => m.role === 'region_admin' || m.role === 'esf_admin').map((m) => m.regionId),
    ),
    organisationIds: uniq(
      ms
        .filter((m) => m.role === 'municipality_officer' && m.organisationId)
        .map((m) => m.organisationId as string),
    ),
  };
}

/** Whose employment and invoices an actor may change: region admins (region), officers (own organisation). */
export function manageScope(actor: Actor): StaffScope {
  const ms = actor.memberships;
  return {
    userId: actor.userId,
    regionIds: uniq(ms.filter((m) => m.role === 'region_admin').map((m) => m.regionId)),
    organisationIds: readScope(actor).organisationIds,
  };
}
