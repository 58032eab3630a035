import { z } from 'zod';
import { type AnyRoute, defineRoute, policy } from '../../platform/http/registry.ts';
import { translator } from '../../platform/i18n/index.ts';
import { inviteContact } from './invite-contact.ts';
import { messages } from './messages.ts';
import { canAssignCoaches } from './policy.ts';

const params = z.object({ id: z.string().uuid(), contactId: z.string().uuid() });

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
      const { email } = await inviteContact(ctx.deps, { actor: ctx.actor, ip: ctx.ip }, id, contactId);
      const message = email ? t('company.contact.invited', { email }) : t('company.contact.noEmail');
      return ctx.redirect(`/companies/${id}`, message);
    },
  }),
];
