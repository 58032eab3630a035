import { AppError } from '../../../platform/errors.ts';
import { rawForm } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, signedIn } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import * as repo from '../repo.ts';
import { apiTokenForm, idParams } from '../schema.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../service/api-tokens.ts';
import { totpEnabled } from '../service/second-factor.ts';
import { listOwnSessions } from '../service/sessions.ts';
import { AccountView } from '../views/account.tsx';
import { type ApiTokensProps, ApiTokensSection } from '../views/api-tokens.tsx';
import { type SecurityProps, SecuritySection } from '../views/security.tsx';
import { noStore } from './session-cookie.ts';
import { currentSessionHash } from './sign-in.ts';

/** What the account page's security sections show for the signed-in user. */
export async function securityState(
  ctx: Ctx<unknown, unknown, unknown>,
): Promise<Omit<SecurityProps, 't' | 'csrf' | 'failed'>> {
  const userId = ctx.actor.userId;
  return {
    sessions: await listOwnSessions(ctx.db, ctx.actor, currentSessionHash(ctx)),
    totp: {
      enabled: await totpEnabled(ctx.db, userId),
      required: ctx.actor.memberships.some((m) => m.role === 'esf_admin'),
      recoveryLeft: await repo.unusedRecoveryCodes(ctx.db, userId),
    },
  };
}

type TokenState = Pick<ApiTokensProps, 'created' | 'values' | 'errors'>;

/** The account page; `failed` carries the errors of a security form (password, TOTP) just sent. */
export async function renderAccount(
  ctx: Ctx<unknown, unknown, unknown>,
  state: TokenState,
  failed?: SecurityProps['failed'],
  status = 200,
) {
  const t = translator(messages, ctx.locale);
  const csrf = ctx.csrfToken();
  const tokens = await listApiTokens(ctx.db, ctx.actor);
  const security = await securityState(ctx);
  const extra = (
    <>
      <ApiTokensSection t={t} csrf={csrf} tokens={tokens} {...state} />
      <SecuritySection t={t} csrf={csrf} {...security} failed={failed} />
    </>
  );
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
      if (!ctx.form.ok)
        return renderAccount(ctx, { values: ctx.form.raw, errors: ctx.form.errors }, undefined, 422);
      try {
        const { token } = await createApiToken(ctx.db, ctx.actor, ctx.form.value, ctx.ip);
        // Shown once, in this answer only: never in a redirect, a cookie or a log.
        noStore(ctx.reply);
        return renderAccount(ctx, { created: token });
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'VALIDATION') throw err;
        return renderAccount(ctx, { values: rawForm(ctx.req.body), errors: err.fields }, undefined, 422);
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
