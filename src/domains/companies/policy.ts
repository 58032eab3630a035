import { type Actor, hasRole, type Membership } from '../../platform/auth.ts';

/** Which companies an actor may see (the union over memberships), applied inside every query. */
export interface CompanyScope {
  regionIds: string[];
  municipalityCodes: string[];
  coachUserId: string | null;
  companyIds: string[];
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];

export function readScope(actor: Actor): CompanyScope {
  const ms = actor.memberships;
  return {
    regionIds: uniq(
      ms.filter((m) => m.role === 'region_admin' || m.role === 'esf_admin').map((m) => m.regionId),
    ),
    municipalityCodes: uniq(
      ms
        .filter((m) => m.role === 'municipality_officer' && m.municipalityCode)
        .map((m) => m.municipalityCode as string),
    ),
    coachUserId: ms.some((m) => m.role === 'coach') ? actor.userId : null,
    companyIds: uniq(
      ms.filter((m) => m.role === 'company_contact' && m.companyId).map((m) => m.companyId as string),
    ),
  };
}

/** Who may change a company: region admins, officers of a workplace municipality, its own contacts. */
export function writeScope(actor: Actor): CompanyScope {
  const scope = readScope(actor);
  return {
    regionIds: uniq(actor.memberships.filter((m) => m.role === 'region_admin').map((m) => m.regionId)),
    municipalityCodes: scope.municipalityCodes,
    coachUserId: null,
    companyIds: scope.companyIds,
  };
}

export const isEmptyScope = (s: CompanyScope): boolean =>
  s.regionIds.length === 0 && s.municipalityCodes.length === 0 && !s.coachUserId && s.companyIds.length === 0;

export const canListCompanies = (actor: Actor): boolean =>
  hasRole(actor, 'region_admin', 'municipality_officer', 'coach', 'esf_admin', 'company_contact');
export const canCreateCompany = (actor: Actor): boolean =>
  hasRole(actor, 'region_admin', 'municipality_officer');
export const canImportCompanies = canCreateCompany;
export const canEditSomeCompany = (actor: Actor): boolean =>
  hasRole(actor, 'region_admin', 'municipality_officer', 'company_contact');
export const canAssignCoaches = canCreateCompany;

/**
 * The membership a new company is registered under: a region admin's region, or the officer
 * membership of a municipality where the company has a workplace. Null: the actor may not register it.
 */
export function registeringMembership(actor: Actor, workplaceMunicipalities: string[]): Membership | null {
  const admin = actor.memberships.find((m) => m.role === 'region_admin');
  if (admin) return admin;
  return (
    actor.memberships.find(
      (m) =>
        m.role === 'municipality_officer' &&
        m.municipalityCode &&
        workplaceMunicipalities.includes(m.municipalityCode),
    ) ?? null
  );
}

/** A sole trader's organisationsnummer is personal data: shown in full only to staff in scope and the company. */
export const canSeeFullOrgNumber = (actor: Actor | null): boolean => actor !== null;
