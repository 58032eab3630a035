// Staff single sign-on: /login/sso sends the browser to the configured OpenID Connect issuer, and
// /login/sso/callback verifies the answer, maps it to an existing staff account and signs in. Both answer
// 404 when single sign-on is not configured.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { audit } from '../../../platform/audit.ts';
import type { Env } from '../../../platform/env.ts';
import { AppError } from '../../../platform/errors.ts';
import { type AnyRoute, type Ctx, defineRoute, PUBLIC } from '../../../platform/http/registry.ts';
import { type Locale, translator } from '../../../platform/i18n/index.ts';
import { oidcMessages } from '../messages/oidc.ts';
import {
  authorizationUrl,
  decodeAttempt,
  encodeAttempt,
  mapIdentity,
  newLoginAttempt,
  type OidcConfig,
  oidcConfig,
  redeemCode,
  SsoError,
  SsoErrorFor,
  type SsoFailure,
  sameSecret,
} from '../service/oidc.ts';
import { completeSignIn, safeNext } from './sign-in.ts';

const ATTEMPT_COOKIE = 'kn_sso';
const ATTEMPT_PATH = '/login/sso';
const ATTEMPT_MINUTES = 10;

type AnyCtx = Ctx<unknown, unknown, unknown>;

const redirectUri = (ctx: AnyCtx) => `${ctx.deps.baseUrl}/login/sso/callback`;

function configured(ctx: AnyCtx): OidcConfig {
  const cfg = oidcConfig(ctx.deps.env);
  if (!cfg) throw new AppError('NOT_FOUND');
  return cfg;
}

const statusOf: Record<SsoFailure, number> = {
  unavailable: 503,
  idp_error: 400,
  state: 400,
  token: 400,
  nonce: 400,
  email_unverified: 403,
  unknown_account: 403,
  disabled: 403,
  not_staff: 403,
  sub_mismatch: 403,
};

/** The page that says why, in the user's language; no detail from the IdP is echoed back. */
function refusedPage(ctx: AnyCtx, reason: SsoFailure): Promise<FastifyReply> {
  const t = translator(oidcMessages, ctx.locale);
  ctx.reply.header('cache-control', 'no-store');
  return ctx.page(
    t('sso.refused.title'),
    <div class="kn-narrow" data-testid="sso-refused" data-reason={reason}>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('sso.refused.title')}
      </h1>
      <div class="ds-alert" data-color={statusOf[reason] === 403 ? 'warning' : 'danger'}>
        <p class="ds-paragraph" safe>
          {t(`sso.reason.${reason}`)}
        </p>
      </div>
      <p class="ds-paragraph" safe>
        {t('sso.help')}
      </p>
      <p class="ds-paragraph">
        <a class="ds-link" href="/login" safe>
          {t('sso.backToLogin')}
        </a>
      </p>
    </div>,
    statusOf[reason],
  );
}

const startQuery = z.object({ next: z.string().max(2000).optional() });

// Callback parameters are only checked for shape; their content is verified against the cookie and the IdP.
const callbackQuery = z.object({
  code: z.string().max(4000).optional(),
  state: z.string().max(200).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
  iss: z.string().max(500).optional(),
});

export const oidcRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/login/sso',
    kind: 'page',
    access: PUBLIC,
    query: startQuery,
    handler: async (ctx) => {
      const cfg = configured(ctx as AnyCtx);
      const attempt = newLoginAttempt(safeNext(ctx.query.next));
      let url: string;
      try {
        url = await authorizationUrl(cfg, redirectUri(ctx as AnyCtx), attempt);
      } catch (err) {
        if (err instanceof SsoError) return refusedPage(ctx as AnyCtx, err.reason);
        throw err;
      }
      ctx.reply.setCookie(ATTEMPT_COOKIE, encodeAttempt(attempt), {
        path: ATTEMPT_PATH,
        httpOnly: true,
        // Lax: the IdP's redirect back is a top-level GET, which still carries the cookie.
        sameSite: 'lax',
        secure: 'auto',
        signed: true,
        maxAge: ATTEMPT_MINUTES * 60,
      });
      ctx.reply.header('cache-control', 'no-store');
      return ctx.reply.redirect(url, 303);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/login/sso/callback',
    kind: 'page',
    access: PUBLIC,
    query: callbackQuery,
    handler: async (ctx) => {
      const cfg = configured(ctx as AnyCtx);
      const raw = ctx.req.cookies[ATTEMPT_COOKIE];
      // One attempt, one use: the cookie goes whatever the outcome.
      ctx.reply.clearCookie(ATTEMPT_COOKIE, { path: ATTEMPT_PATH });
      const unsigned = raw ? ctx.req.unsignCookie(raw) : null;
      const attempt = unsigned?.valid && unsigned.value ? decodeAttempt(unsigned.value) : null;
      const refuse = async (reason: SsoFailure, userId: string | null = null) => {
        await audit(ctx.db, {
          actorUserId: null,
          action: 'login.sso.refused',
          entityType: 'user',
          entityId: userId,
          ip: ctx.ip,
          // Neither the e-mail nor the IdP's subject: the reason and which issuer is enough to follow up.
          details: { reason, issuer: cfg.issuer },
        });
        return refusedPage(ctx as AnyCtx, reason);
      };
      if (!attempt || !ctx.query.state || !sameSecret(ctx.query.state, attempt.state)) return refuse('state');
      // RFC 9207: when the IdP names itself in the answer, it must be ours (mix-up defence).
      if (ctx.query.iss !== undefined && ctx.query.iss !== cfg.issuer) return refuse('state');
      if (ctx.query.error || !ctx.query.code) return refuse('idp_error');
      try {
        const claims = await redeemCode(cfg, redirectUri(ctx as AnyCtx), ctx.query.code, attempt);
        const { userId, linked } = await mapIdentity(ctx.db, claims);
        await audit(ctx.db, {
          actorUserId: userId,
          action: 'login.sso',
          entityType: 'user',
          entityId: userId,
          ip: ctx.ip,
          details: { issuer: claims.issuer, linked },
        });
        return completeSignIn(ctx, userId, { method: 'sso', next: attempt.next });
      } catch (err) {
        if (err instanceof SsoErrorFor) return refuse(err.reason, err.userId);
        if (err instanceof SsoError) return refuse(err.reason);
        throw err;
      }
    },
  }),
];

/** The sign-in page's link to single sign-on, or nothing when it is not configured (for the login view). */
export function SsoLoginLink(props: { env: Env; locale: Locale; next?: string | null }): JSX.Element {
  const cfg = oidcConfig(props.env);
  if (!cfg) return '';
  const t = translator(oidcMessages, props.locale);
  const next = safeNext(props.next);
  const href = next ? `/login/sso?next=${encodeURIComponent(next)}` : '/login/sso';
  return (
    <section class="kn-sso" aria-labelledby="sso-heading">
      <p class="ds-paragraph" id="sso-heading" safe>
        {t('sso.or')}
      </p>
      <p class="ds-paragraph">
        <a class="ds-button" data-variant="secondary" href={href} data-testid="sso-login" safe>
          {cfg.label ?? t('sso.button')}
        </a>
      </p>
    </section>
  );
}
