// Who may act for which company's learners and enrolments, and who sees an occasion's participants.
// Anything out of scope is NOT_FOUND (a record the actor may not see does not exist for them).
import { type Actor, membershipsWith } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Mailer } from '../../../platform/mail.ts';
import * as repo from '../repo-enrolment.ts';

/** What the enrolment services need besides the actor. */
export interface EnrolEnv {
  db: Db;
  mailer: Mailer;
  ip?: string | null;
}

/** Staff and providers act for any company of their region; company contacts for their own companies. */
const ACTING_ROLES = ['region_admin', 'municipality_officer', 'coach', 'provider'] as const;

/** The companies the actor is a company contact of. */
export function ownCompanyIds(actor: Actor): string[] {
  return [
    ...new Set(
      membershipsWith(actor, 'company_contact')
        .map((m) => m.companyId)
        .filter((id): id is string => id !== null),
    ),
  ];
}

export function actsForRegion(actor: Actor, regionId: string): boolean {
  return membershipsWith(actor, ...ACTING_ROLES).some((m) => m.regionId === regionId);
}

/** The company if the actor may manage its learners and enrolments; NOT_FOUND otherwise. */
export async function companyInScope(
  db: Db,
  actor: Actor,
  companyId: string,
): Promise<{ id: string; name: string; regionId: string }> {
  const company = await repo.companyBrief(db, companyId);
  if (!company) throw new AppError('NOT_FOUND');
  if (ownCompanyIds(actor).includes(companyId) || actsForRegion(actor, company.regionId)) return company;
  throw new AppError('NOT_FOUND');
}

/** A provider sees only its own courses' participants; region staff see every course of their region. */
export function seesParticipants(actor: Actor, occ: { providerOrgId: string; regionId: string }): boolean {
  if (membershipsWith(actor, 'provider').some((m) => m.organisationId === occ.providerOrgId)) return true;
  return membershipsWith(actor, 'region_admin', 'municipality_officer', 'coach').some(
    (m) => m.regionId === occ.regionId,
  );
}

/** An occasion open for enrolment: approved course, visible to the actor; NOT_FOUND otherwise. */
export async function enrollableOccasion(db: Db, id: string, lock = false): Promise<repo.OccasionRow> {
  const occ = await repo.findOccasion(db, id, lock);
  if (!occ) throw new AppError('NOT_FOUND');
  if (occ.courseStatus !== 'approved') throw new AppError('NOT_FOUND');
  return occ;
}
