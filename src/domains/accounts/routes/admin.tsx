import { AppError, type FieldError } from '../../../platform/errors.ts';
import { rawForm } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { canManageUsers, canReadOutbox } from '../policy.ts';
import { idParams, inviteForm, pageQuery, type UserListQuery, userListQuery } from '../schema.ts';
import { inviteUser } from '../service/invite-user.ts';
import { inviteChoices, listUsers, removeMembership, unlinkSso } from '../service/manage-users.ts';
import { listOutbox, OUTBOX_PAGE_SIZE } from '../service/outbox.ts';
import { OutboxView } from '../views/outbox.tsx';
import { UsersView } from '../views/users.tsx';

const manageAccess = policy('canManageUsers', canManageUsers);
const outboxAccess = policy('canReadOutbox', canReadOutbox);

async function renderUsers(
  ctx: Ctx<unknown, unknown, unknown>,
  opts: { query: UserListQuery; values: Record<string, string>; errors: FieldError[]; status: number },
) {
  const t = translator(messages, ctx.locale);
  const [{ total, items }, choices] = await Promise.all([
    listUsers(ctx.db, ctx.actor, opts.query),
    inviteChoices(ctx.db, ctx.actor),
  ]);
  const view = (
    <UsersView
      t={t}
      csrf={ctx.csrfToken()}
      items={items}
      total={total}
      query={opts.query}
      choices={choices}
      values={opts.values}
      errors={opts.errors}
    />
  );
  return ctx.page(t('users.title'), view, opts.status);
}

const firstPage: UserListQuery = { page: 1, pageSize: 50 };

export const adminRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/admin/users',
    kind: 'page',
    access: manageAccess,
    query: userListQuery,
    handler: async (ctx) =>
      renderUsers(ctx, { query: ctx.query, values: { locale: ctx.locale }, errors: [], status: 200 }),
  }),
  defineRoute({
    method: 'POST',
    url: '/admin/users/invite',
    kind: 'page',
    access: manageAccess,
    body: inviteForm,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      if (!ctx.form.ok)
        return renderUsers(ctx, {
          query: firstPage,
          values: ctx.form.raw,
          errors: ctx.form.errors,
          status: 422,
        });
      const v = ctx.form.value;
      try {
        const result = await inviteUser(ctx.deps, {
          email: v.email,
          name: v.name,
          role: v.role,
          organisationId: v.organisationId,
          invitedBy: ctx.actor,
          locale: v.locale,
          ip: ctx.ip,
        });
        const key =
          result.mailed === 'invitation'
            ? 'users.invite.sent'
            : result.mailed === 'notice'
              ? 'users.invite.granted'
              : 'users.invite.exists';
        return ctx.redirect('/admin/users', t(key, { email: v.email }));
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'VALIDATION') throw err;
        return renderUsers(ctx, {
          query: firstPage,
          values: rawForm(ctx.req.body),
          errors: err.fields,
          status: 422,
        });
      }
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/admin/users/memberships/:id/delete',
    kind: 'page',
    access: manageAccess,
    params: idParams,
    handler: async (ctx) => {
      await removeMembership(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
      return ctx.redirect('/admin/users', translator(messages, ctx.locale)('users.removed'));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/admin/users/:id/sso/unlink',
    kind: 'page',
    access: manageAccess,
    params: idParams,
    handler: async (ctx) => {
      await unlinkSso(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
      return ctx.redirect('/admin/users', translator(messages, ctx.locale)('users.ssoUnlinked'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/admin/outbox',
    kind: 'page',
    access: outboxAccess,
    query: pageQuery,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const { total, rows } = await listOutbox(ctx.db, ctx.actor, ctx.query.page);
      const view = (
        <OutboxView t={t} rows={rows} total={total} page={ctx.query.page} pageSize={OUTBOX_PAGE_SIZE} />
      );
      return ctx.page(t('outbox.title'), view);
    },
  }),
];
