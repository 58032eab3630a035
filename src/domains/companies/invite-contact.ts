import { audit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppDeps } from '../../platform/http/registry.ts';
import { inviteUser } from '../accounts/index.ts';
import { findContact, linkContactUser } from './repo.ts';
import { getCompany } from './service.ts';

/**
 * Invite a company's contact person as a user with the company-contact role. The company must be in the
 * actor's scope (404 otherwise) and the actor one who may assign coaches to it (403 otherwise).
 */
export async function inviteContact(
  deps: AppDeps,
  ctx: { actor: Actor; ip: string },
  companyId: string,
  contactId: string,
): Promise<{ email: string } | { email: null }> {
  const detail = await getCompany(deps.db, ctx.actor, companyId);
  if (!detail.canAssignCoaches) throw new AppError('FORBIDDEN');
  const contact = await findContact(deps.db, companyId, contactId);
  if (!contact) throw new AppError('NOT_FOUND');
  if (!contact.email) return { email: null };
  const result = await inviteUser(deps, {
    email: contact.email,
    name: contact.name,
    role: 'company_contact',
    companyId,
    invitedBy: ctx.actor,
    // The contact's language is not known: Swedish first (the mail carries English too).
    locale: 'sv',
    ip: ctx.ip,
  });
  await deps.db.tx(async (tx) => {
    await linkContactUser(tx, contactId, result.userId);
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'company.contact.invite',
      entityType: 'company',
      entityId: companyId,
      organisationId: detail.company.ownerOrgId,
      ip: ctx.ip,
      details: { contact: contactId, user: result.userId, mailed: result.mailed },
    });
  });
  return { email: contact.email };
}
