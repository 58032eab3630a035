// The LTI 1.3 platform endpoints: the launch of a resource link (step 1 of the OIDC third-party initiated
// login), the OIDC authentication endpoint that issues the id_token, and the platform's JWK set.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { type AnyRoute, type Ctx, defineRoute, PUBLIC, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { currentSigningKey, publishedJwks } from '../../../platform/signing-keys.ts';
import { messages } from '../messages.ts';
import { canLaunchLti } from '../policy.ts';
import { safePath } from '../service/hints.ts';
import { type AuthParams, authorize, startLaunch } from '../service/launch.ts';
import { AutoPostPage, LaunchErrorPage, ResubmitPage } from '../views/launch.tsx';

type AnyCtx = Ctx<unknown, unknown, unknown>;
const tOf = (ctx: AnyCtx) => translator(messages, ctx.locale);

/** The OIDC authentication request's parameters (the only ones read or passed on). */
const AUTH_PARAMS = [
  'scope',
  'response_type',
  'response_mode',
  'client_id',
  'redirect_uri',
  'login_hint',
  'lti_message_hint',
  'state',
  'nonce',
  'prompt',
  'id_token_signed_response_alg',
  'lti_deployment_id',
] as const;

function pick(source: (name: string) => unknown): AuthParams {
  const out: AuthParams = {};
  for (const name of AUTH_PARAMS) {
    const raw = source(name);
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value === 'string' && value.length <= 4000) out[name] = value;
  }
  return out;
}

const fromQuery = (ctx: AnyCtx): AuthParams => {
  const q = (ctx.req.query ?? {}) as Record<string, unknown>;
  return pick((n) => q[n]);
};

const fromForm = (ctx: AnyCtx): AuthParams => {
  const body = ctx.body instanceof Buffer ? ctx.body.toString('utf8') : '';
  const type = String(ctx.req.headers['content-type'] ?? '');
  const form = new URLSearchParams(type.startsWith('application/x-www-form-urlencoded') ? body : '');
  return pick((n) => form.get(n) ?? undefined);
};

/** This answer may post a form to the tool: allow its origin in form-action (the default allows only 'self'). */
function allowFormTo(reply: FastifyReply, action: string): void {
  const origin = new URL(action).origin;
  const current = String(
    reply.getHeader('content-security-policy') ?? "default-src 'self';form-action 'self'",
  );
  const directives = current
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '' && !d.startsWith('form-action'));
  directives.push(`form-action 'self' ${origin}`);
  reply.header('content-security-policy', directives.join(';'));
}

async function answerAuth(ctx: AnyCtx, params: AuthParams) {
  const t = tOf(ctx);
  const outcome = await authorize(
    { db: ctx.db, keyring: ctx.deps.keyring, baseUrl: ctx.deps.baseUrl },
    ctx.maybeActor,
    params,
    { locale: ctx.locale, ip: ctx.ip },
  );
  ctx.reply.header('cache-control', 'no-store');
  if (outcome.kind === 'page')
    return ctx.page(t('lti.error.title'), <LaunchErrorPage t={t} message={outcome.message} />, 400);
  if (outcome.kind === 'redirect') return ctx.reply.redirect(outcome.url, 302);
  allowFormTo(ctx.reply, outcome.action);
  ctx.reply.header('referrer-policy', 'no-referrer');
  return ctx.page(
    t('lti.autopost.title'),
    <AutoPostPage t={t} toolName={outcome.toolName} action={outcome.action} fields={outcome.fields} />,
  );
}

const AUTH = 'signed-in session bound by the signed login hint and message hint';

export const launchRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/lti/launch/:linkId',
    kind: 'page',
    access: policy('canLaunchLti', canLaunchLti),
    params: z.object({ linkId: z.string().uuid() }),
    query: z.object({ return: z.string().max(500).optional() }),
    handler: async (ctx) => {
      const url = await startLaunch(
        { db: ctx.db, keyring: ctx.deps.keyring, baseUrl: ctx.deps.baseUrl },
        ctx.actor,
        ctx.params.linkId,
        safePath(ctx.query.return),
      );
      return ctx.reply.header('cache-control', 'no-store').redirect(url, 302);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/lti/auth',
    kind: 'protocol',
    access: PUBLIC,
    protocolAuth: AUTH,
    handler: async (ctx) => answerAuth(ctx as AnyCtx, fromQuery(ctx as AnyCtx)),
  }),
  defineRoute({
    method: 'POST',
    url: '/lti/auth',
    kind: 'protocol',
    access: PUBLIC,
    protocolAuth: AUTH,
    bodyLimit: 64 * 1024,
    handler: async (ctx) => {
      const c = ctx as AnyCtx;
      const params = fromForm(c);
      // A cross-site form post carries no SameSite=Lax session cookie: send the same request again from this
      // site (a GET form), which does.
      if (!ctx.maybeActor) {
        const t = tOf(c);
        ctx.reply.header('cache-control', 'no-store');
        return ctx.page(
          t('lti.resubmit.title'),
          <ResubmitPage t={t} fields={params as Record<string, string>} />,
        );
      }
      return answerAuth(c, params);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/lti/jwks',
    kind: 'protocol',
    access: PUBLIC,
    protocolAuth: 'none (public document)',
    handler: async (ctx) => {
      // The key exists before the first launch, so that a tool can be configured against this document.
      await currentSigningKey(ctx.db, ctx.deps.keyring, 'lti');
      const jwks = await publishedJwks(ctx.db, { purpose: 'lti' });
      return ctx.reply
        .header('cache-control', 'public, max-age=300')
        .type('application/json; charset=utf-8')
        .send(jwks);
    },
  }),
];
