// Who sees which time certificate: ESF and region administrators their region's programme, a company
// contact (manager, HR) their own companies' employees, a participant only their own. Anything else is
// answered exactly like an unknown id (404).
import { type Actor, membershipsWith } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { canSeeEsf } from '../policy.ts';
import * as repo from '../repo-certificates.ts';
import { participantsOfUser } from '../repo-participants.ts';

export type CertificateRow = repo.CertificateRow;

/** The companies whose employees' certificates a company contact handles. */
export const contactCompanies = (actor: Actor): string[] => [
  ...new Set(
    membershipsWith(actor, 'company_contact')
      .map((m) => m.companyId)
      .filter((c): c is string => c !== null),
  ),
];

const adminRegions = (actor: Actor): string[] =>
  canSeeEsf(actor) ? membershipsWith(actor, 'esf_admin', 'region_admin').map((m) => m.regionId) : [];

/** The participant ids registered for the actor's own login. */
export async function ownParticipantIds(db: Db, actor: Actor): Promise<string[]> {
  return (await participantsOfUser(db, actor.userId)).map((p) => p.id);
}

export const isOwn = (actor: Actor, c: CertificateRow): boolean =>
  c.participantUserId === actor.userId || c.learnerUserId === actor.userId;

export const isAdminOf = (actor: Actor, c: CertificateRow): boolean =>
  adminRegions(actor).includes(c.regionId);

export const isContactOf = (actor: Actor, c: CertificateRow): boolean =>
  contactCompanies(actor).includes(c.companyId);

/** A certificate the actor may see, or NOT_FOUND. */
export async function certificateInScope(db: Db, actor: Actor, id: string): Promise<CertificateRow> {
  const c = await repo.findCertificate(db, id);
  if (!c || !(isAdminOf(actor, c) || isContactOf(actor, c) || isOwn(actor, c)))
    throw new AppError('NOT_FOUND');
  return c;
}

/** No change to a month that a closed payment-claim period covers (409). */
export async function assertMonthOpen(db: Db, programmeId: string, month: string): Promise<void> {
  if (await repo.monthClosed(db, programmeId, month))
    throw new AppError('CONFLICT', 'esf.certificates.monthClosed');
}
