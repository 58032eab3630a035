import { AppError } from '../../../platform/errors.ts';
import { rawForm } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, signedIn } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { apiTokenForm, idParams } from '../schema.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../service/api-tokens.ts';
import { AccountView } from '../views/account.tsx';
import { type ApiTokensProps, ApiTokensSection } from '../views/api-tokens.tsx';
import { noStore } from './session-cookie.ts';

type TokenState = Pick<ApiTokensProps, 'created' | 'values' | 'errors'>;

async function renderAccount(ctx: Ctx<unknown, unknown, unknown>, state: TokenState, status = 200) {
  const t = translator(messages, ctx.locale);
  const csrf = ctx.csrfToken();
  const tokens = await listApiTokens(ctx.db, ctx.actor);
  const extra = <ApiTokensSection t={t} csrf={csrf} tokens={tokens} {...state} />;
  return ctx.page(
    t('account.title'),
    <AccountView t={t} actor={ctx.actor} csrf={csrf} extra={extra} />,
    status,
  );
}

export const accountPageRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/account',
    kind: 'page',
    access: signedIn,
    handler: async (ctx) => renderAccount(ctx, {}),
  }),
  defineRoute({
    method: 'POST',
    url: '/account/api-tokens',
    kind: 'page',
    access: signedIn,
    body: apiTokenForm,
    handler: async (ctx) => {
      if (!ctx.form.ok) return renderAccount(ctx, { values: ctx.form.raw, errors: ctx.form.errors }, 422);
      try {
        const { token } = await createApiToken(ctx.db, ctx.actor, ctx.form.value, ctx.ip);
        // Shown once, in this answer only: never in a redirect, a cookie or a log.
        noStore(ctx.reply);
        return renderAccount(ctx, { created: token });
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'VALIDATION') throw err;
        return renderAccount(ctx, { values: rawForm(ctx.req.body), errors: err.fields }, 422);
      }
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/account/api-tokens/:id/revoke',
    kind: 'page',
    access: signedIn,
    params: idParams,
    handler: async (ctx) => {
      await revokeApiToken(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
      return ctx.redirect('/account', translator(messages, ctx.locale)('tokens.revoked'));
    },
  }),
];
