// The credentials pages: the learner's own (/my/credentials, downloads, the share switch), the issuer's
// (/credentials/issued, revoke) and the public verification page of a shared credential.
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { type AnyRoute, type Ctx, defineRoute, PUBLIC, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { canHoldCredentials, canIssueCredentials } from '../policy.ts';
import * as service from '../service/holders.ts';
import { publicView } from '../service/public-view.ts';
import { IssuedListPage, IssuedPage } from '../views/issued.tsx';
import { MyCredentialsPage } from '../views/my.tsx';
import { PublicCredentialPage } from '../views/public.tsx';
import { idParams, revokeInput, shareForm } from './schema.ts';

export const holdAccess = policy('canHoldCredentials', canHoldCredentials);
export const issueAccess = policy('canIssueCredentials', canIssueCredentials);
type AnyCtx = Ctx<unknown, unknown, unknown>;
const tOf = (ctx: { locale: AnyCtx['locale'] }) => translator(messages, ctx.locale);

async function renderMine(ctx: AnyCtx, refused: string | null = null, status = 200) {
  const t = tOf(ctx);
  const vm = await service.myCredentials(ctx.db, ctx.actor);
  return ctx.page(
    t('credentials.title'),
    <MyCredentialsPage t={t} csrf={ctx.csrfToken()} vm={vm} refused={refused} />,
    status,
  );
}

async function renderIssued(
  ctx: AnyCtx,
  id: string,
  failed: { errors: FieldError[]; values: Record<string, string> } | null = null,
  status = 200,
) {
  const t = tOf(ctx);
  const list = await service.issuedCredentials(ctx.db, ctx.actor);
  const c = list.find((x) => x.id === id);
  if (!c) throw new AppError('NOT_FOUND');
  return ctx.page(
    c.name,
    <IssuedPage
      t={t}
      csrf={ctx.csrfToken()}
      c={c}
      errors={failed?.errors ?? []}
      values={failed?.values ?? {}}
    />,
    status,
  );
}

export const pageRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/my/credentials',
    kind: 'page',
    access: holdAccess,
    handler: async (ctx) => renderMine(ctx as AnyCtx),
  }),
  defineRoute({
    method: 'GET',
    url: '/my/credentials/:id.json',
    kind: 'page',
    access: holdAccess,
    params: idParams,
    handler: async (ctx) => {
      const d = await service.myDocument(ctx.db, ctx.actor, ctx.params.id);
      return ctx.reply
        .type('application/ld+json')
        .header('content-disposition', `attachment; filename="${service.fileName(d.credential, 'json')}"`)
        .send(JSON.stringify(d.document, null, 2));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/my/credentials/:id.jwt',
    kind: 'page',
    access: holdAccess,
    params: idParams,
    handler: async (ctx) => {
      const d = await service.myDocument(ctx.db, ctx.actor, ctx.params.id);
      return ctx.reply
        .type('application/vc+jwt')
        .header('content-disposition', `attachment; filename="${service.fileName(d.credential, 'jwt')}"`)
        .send(d.jwt);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/my/credentials/:id/share',
    kind: 'page',
    access: holdAccess,
    params: idParams,
    body: shareForm,
    handler: async (ctx) => {
      const t = tOf(ctx);
      if (!ctx.form.ok) return renderMine(ctx as AnyCtx, null, 422);
      try {
        const c = await service.setSharing(ctx.db, ctx, ctx.params.id, ctx.form.value.shared);
        return ctx.redirect(
          '/my/credentials',
          t(c.shared ? 'credentials.share.doneOn' : 'credentials.share.doneOff'),
        );
      } catch (err) {
        if (err instanceof AppError && (err.code === 'FORBIDDEN' || err.code === 'CONFLICT'))
          return renderMine(ctx as AnyCtx, t(err.message as 'credentials.share.protected'), err.status);
        throw err;
      }
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/credentials/issued',
    kind: 'page',
    access: issueAccess,
    handler: async (ctx) => {
      const t = tOf(ctx);
      const list = await service.issuedCredentials(ctx.db, ctx.actor);
      return ctx.page(t('credentials.issued.title'), <IssuedListPage t={t} list={list} />);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/credentials/issued/:id',
    kind: 'page',
    access: issueAccess,
    params: idParams,
    handler: async (ctx) => renderIssued(ctx as AnyCtx, ctx.params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/credentials/issued/:id/revoke',
    kind: 'page',
    access: issueAccess,
    params: idParams,
    body: revokeInput,
    handler: async (ctx) => {
      const id = ctx.params.id;
      if (!ctx.form.ok)
        return renderIssued(ctx as AnyCtx, id, { errors: ctx.form.errors, values: ctx.form.raw }, 422);
      await service.revokeCredential(ctx.db, ctx, id, ctx.form.value.reason);
      return ctx.redirect(`/credentials/issued/${id}`, tOf(ctx)('credentials.revoke.done'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/credentials/:id.json',
    kind: 'page',
    access: PUBLIC,
    params: idParams,
    handler: async (ctx) => {
      const { credential, document } = await service.publicCredential(ctx.db, ctx.params.id);
      return ctx.reply
        .type('application/ld+json')
        .header('cache-control', 'no-store')
        .header('content-disposition', `inline; filename="${service.fileName(credential, 'json')}"`)
        .send(JSON.stringify(document, null, 2));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/credentials/:id',
    kind: 'page',
    access: PUBLIC,
    params: idParams,
    handler: async (ctx) => {
      const t = tOf(ctx);
      const vm = await publicView(ctx.deps, ctx.params.id);
      ctx.reply.header('cache-control', 'no-store');
      return ctx.page(`${t('credentials.public.title')}: ${vm.name}`, <PublicCredentialPage t={t} vm={vm} />);
    },
  }),
];
