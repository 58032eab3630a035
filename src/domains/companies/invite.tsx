import { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { type AnyRoute, defineRoute, policy } from '../../platform/http/registry.ts';
import { translator } from '../../platform/i18n/index.ts';
import { inviteUser } from '../accounts/index.ts';
import { messages } from './messages.ts';
import { canAssignCoaches } from './policy.ts';
import { findContact, linkContactUser } from './repo.ts';
import { getCompany } from './service.ts';

const params = z.object({ id: z.string().uuid(), contactId: z.string().uuid() });

/**
 * Invite a company's contact person as a user with the company-contact role: the company must be in
 * the actor's scope (404 otherwise) and the actor one who may assign coaches to it (403 otherwise).
 */
export const inviteRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/companies/:id/contacts/:contactId/invite',
    kind: 'page',
    access: policy('canAssignCoaches', canAssignCoaches),
    params,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const { id, contactId } = ctx.params;
      const detail = await getCompany(ctx.db, ctx.actor, id);
      if (!detail.canAssignCoaches) throw new AppError('FORBIDDEN');
      const contact = await findContact(ctx.db, id, contactId);
      if (!contact) throw new AppError('NOT_FOUND');
      if (!contact.email) return ctx.redirect(`/companies/${id}`, t('company.contact.noEmail'));
      const result = await inviteUser(ctx.deps, {
        email: contact.email,
        name: contact.name,
        role: 'company_contact',
        companyId: id,
        invitedBy: ctx.actor,
        // The contact's language is not known: Swedish first (the mail carries English too).
        locale: 'sv',
        ip: ctx.ip,
      });
      await ctx.db.tx(async (tx) => {
        await linkContactUser(tx, contactId, result.userId);
        await audit(tx, {
          actorUserId: ctx.actor.userId,
          action: 'company.contact.invite',
          entityType: 'company',
          entityId: id,
          organisationId: detail.company.ownerOrgId,
          ip: ctx.ip,
          details: { contact: contactId, user: result.userId, mailed: result.mailed },
        });
      });
      return ctx.redirect(`/companies/${id}`, t('company.contact.invited', { email: contact.email }));
    },
  }),
];
