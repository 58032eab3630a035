import { type Actor, hasRole, type Role } from '../../platform/auth.ts';

export const canReadOutbox = (actor: Actor): boolean => hasRole(actor, 'region_admin');
/** The background-job page: region admins (their region's jobs and the installation-wide ones). */
export const canReadJobs = (actor: Actor): boolean => hasRole(actor, 'region_admin');
export const canManageUsers = (actor: Actor): boolean =>
  hasRole(actor, 'region_admin', 'municipality_officer');

export type OrganisationKind = 'region' | 'municipality' | 'provider';

/** Which roles fit which kind of organisation. */
export const ROLES_BY_KIND: Record<OrganisationKind, Role[]> = {
  region: ['region_admin', 'esf_admin', 'coach'],
  municipality: ['municipality_officer', 'coach'],
  provider: ['provider'],
};

const OFFICER_GRANTS: Role[] = ['municipality_officer', 'coach'];

export interface OrganisationTarget {
  id: string;
  kind: OrganisationKind;
  regionId: string;
}

const regionsAdministered = (actor: Actor): string[] =>
  actor.memberships.filter((m) => m.role === 'region_admin').map((m) => m.regionId);

const officerOrganisations = (actor: Actor): string[] =>
  actor.memberships
    .filter(
      (m) => m.role === 'municipality_officer' && m.organisationKind === 'municipality' && m.organisationId,
    )
    .map((m) => m.organisationId as string);

/**
 * The roles the actor may grant in an organisation (empty: the actor may not invite there). A region
 * admin grants any role fitting the organisation in their own region; a municipality officer grants
 * officer and coach roles in their own municipality only.
 */
export function grantableRoles(actor: Actor, org: OrganisationTarget): Role[] {
  const granted = new Set<Role>();
  if (regionsAdministered(actor).includes(org.regionId))
    for (const r of ROLES_BY_KIND[org.kind]) granted.add(r);
  if (org.kind === 'municipality' && officerOrganisations(actor).includes(org.id))
    for (const r of OFFICER_GRANTS) granted.add(r);
  return [...granted];
}

/** Whose users the actor sees on the user pages: whole regions, or single municipality organisations. */
export interface UserScope {
  regionIds: string[];
  organisationIds: string[];
}

export function userScope(actor: Actor): UserScope {
  return {
    regionIds: [...new Set(regionsAdministered(actor))],
    organisationIds: [...new Set(officerOrganisations(actor))],
  };
}

export interface MembershipTarget {
  userId: string;
  role: Role;
  organisationId: string | null;
  regionId: string;
}

/** Removing a role: a region admin in their region, an officer the roles they could grant; never one's own. */
export function canRevokeMembership(actor: Actor, target: MembershipTarget): boolean {
  if (target.userId === actor.userId) return false;
  if (regionsAdministered(actor).includes(target.regionId)) return true;
  return (
    target.organisationId !== null &&
    officerOrganisations(actor).includes(target.organisationId) &&
    OFFICER_GRANTS.includes(target.role)
  );
}

/**
 * Company roles are granted from the company's page, which checks the company's scope; here only that
 * the inviter is staff of the company's region.
 */
export function canInviteToCompanyRegion(actor: Actor, companyRegionId: string): boolean {
  return actor.memberships.some(
    (m) => (m.role === 'region_admin' || m.role === 'municipality_officer') && m.regionId === companyRegionId,
  );
}
