// The LRS credential administration for region administrators: /admin/xapi and /api/v1/xapi/clients.
import type { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { canManageXapi } from '../policy.ts';
import { clientApiInput, clientForm, clientOut, createdOut, idParams, scopesOf } from '../schema.ts';
import { type ClientRow, createClient, listClients, revokeClient } from '../service/clients.ts';
import { ClientsPage, type ClientsProps, type ClientVM } from '../views/clients.tsx';

const access = policy('canManageXapi', canManageXapi);
type AnyCtx = Ctx<unknown, unknown, unknown>;

const vm = (c: ClientRow): ClientVM => ({
  id: c.id,
  name: c.name,
  key: c.key,
  scopes: c.scopes,
  createdAt: new Date(c.created_at),
  lastUsedAt: c.last_used_at ? new Date(c.last_used_at) : null,
  revokedAt: c.revoked_at ? new Date(c.revoked_at) : null,
});

const json = (c: ClientRow): z.infer<typeof clientOut> => ({
  id: c.id,
  name: c.name,
  key: c.key,
  scopes: c.scopes,
  createdAt: new Date(c.created_at).toISOString(),
  lastUsedAt: c.last_used_at ? new Date(c.last_used_at).toISOString() : null,
  revokedAt: c.revoked_at ? new Date(c.revoked_at).toISOString() : null,
});

const endpoint = (ctx: AnyCtx) => `${ctx.deps.baseUrl}/xapi/`;

async function render(ctx: AnyCtx, state: Pick<ClientsProps, 'created' | 'values' | 'errors'>, status = 200) {
  const t = translator(messages, ctx.locale);
  const clients = (await listClients(ctx.db, ctx.actor)).map(vm);
  return ctx.page(
    t('xapi.title'),
    <ClientsPage t={t} csrf={ctx.csrfToken()} endpoint={endpoint(ctx)} clients={clients} {...state} />,
    status,
  );
}

export const adminRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/admin/xapi',
    kind: 'page',
    access,
    handler: async (ctx) => render(ctx, {}),
  }),
  defineRoute({
    method: 'POST',
    url: '/admin/xapi',
    kind: 'page',
    access,
    body: clientForm,
    handler: async (ctx) => {
      if (!ctx.form.ok) return render(ctx, { values: ctx.form.raw, errors: ctx.form.errors }, 422);
      const { client, secret } = await createClient(
        ctx.db,
        ctx.actor,
        { name: ctx.form.value.name, scopes: scopesOf(ctx.form.value.scope) },
        ctx.ip,
      );
      // The secret is in this answer only: never in a redirect, a cookie, a log or a cache.
      ctx.reply.header('Cache-Control', 'no-store');
      return render(ctx, { created: { key: client.key, secret } });
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/admin/xapi/:id/revoke',
    kind: 'page',
    access,
    params: idParams,
    handler: async (ctx) => {
      await revokeClient(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
      return ctx.redirect('/admin/xapi', translator(messages, ctx.locale)('xapi.clients.revokedFlash'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/xapi/clients',
    kind: 'api',
    access,
    summary: "The region's LRS client credentials (never their secrets)",
    tag: 'xapi',
    response: clientOut.array(),
    handler: async (ctx) => (await listClients(ctx.db, ctx.actor)).map(json),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/xapi/clients',
    kind: 'api',
    access,
    body: clientApiInput,
    summary: 'Issue LRS client credentials (the secret is in this answer only)',
    tag: 'xapi',
    response: createdOut,
    successStatus: 201,
    handler: async (ctx) => {
      const { client, secret } = await createClient(ctx.db, ctx.actor, ctx.body, ctx.ip);
      ctx.reply.header('Cache-Control', 'no-store');
      return { ...json(client), secret, endpoint: endpoint(ctx) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/xapi/clients/:id/revoke',
    kind: 'api',
    access,
    params: idParams,
    summary: 'Revoke LRS client credentials',
    tag: 'xapi',
    response: clientOut,
    handler: async (ctx) => {
      const client = await revokeClient(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
      if (!client) throw new AppError('NOT_FOUND');
      return json(client);
    },
  }),
];
