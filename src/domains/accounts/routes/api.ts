import type { z } from 'zod';
import { type AnyRoute, defineRoute, policy } from '../../../platform/http/registry.ts';
import { canManageUsers } from '../policy.ts';
import { idParams, invitationOut, inviteForm, userListOut, userListQuery } from '../schema.ts';
import { inviteUser } from '../service/invite-user.ts';
import { listUsers, type UserListItem, unlinkSso } from '../service/manage-users.ts';

const manageAccess = policy('canManageUsers', canManageUsers);

/** View model for the API: no password state beyond the status, no internal columns. */
function presentUser(u: UserListItem): z.infer<typeof userListOut>['items'][number] {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    status: u.status,
    ssoLinked: u.ssoLinked,
    memberships: u.memberships.map((m) => ({
      id: m.id,
      role: m.role,
      organisationId: m.organisationId,
      companyId: m.companyId,
      organisationName: m.organisationName,
    })),
  };
}

export const accountApiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/users/:id/sso-links',
    kind: 'api',
    tag: 'users',
    summary:
      'Unbind a user’s single sign-on identities (the next SSO sign-in binds again by verified e-mail); 404 outside your scope or when none is bound',
    access: manageAccess,
    params: idParams,
    handler: async (ctx) => {
      await unlinkSso(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
      return undefined;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/users',
    kind: 'api',
    tag: 'users',
    summary:
      'Users with roles in your region (region admin) or municipality (officer), with their roles there',
    access: manageAccess,
    query: userListQuery,
    response: userListOut,
    handler: async (ctx) => {
      const { total, items } = await listUsers(ctx.db, ctx.actor, ctx.query);
      return { total, page: ctx.query.page, pageSize: ctx.query.pageSize, items: items.map(presentUser) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/invitations',
    kind: 'api',
    tag: 'users',
    summary:
      'Invite a person to a role in an organisation you manage; mails a one-time link (7 days) or a notice',
    access: manageAccess,
    body: inviteForm,
    response: invitationOut,
    successStatus: 201,
    handler: async (ctx) => {
      const b = ctx.body;
      return inviteUser(ctx.deps, {
        email: b.email,
        name: b.name,
        role: b.role,
        organisationId: b.organisationId,
        invitedBy: ctx.actor,
        locale: b.locale,
        ip: ctx.ip,
      });
    },
  }),
];
