import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { type Actor, hashToken } from '../auth.ts';
import { AppError } from '../errors.ts';
import { isLocale, type Locale, registerCatalogue } from '../i18n/index.ts';
import { RateLimitedError, rateLimitMessages } from '../rate-limit.ts';
import { toAppError } from './error-map.ts';
import { rawForm, toFieldErrors } from './forms.ts';
import { withoutNul, withoutNulFields } from './input.ts';
import type { AnyRoute, AppDeps, Ctx, FormInput } from './registry.ts';
import { renderError, sendProblem } from './render-error.tsx';
import { type NavItem, Page } from './views.tsx';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SESSION_COOKIE = 'kn_session';
const LANG_COOKIE = 'kn_lang';
const FLASH_COOKIE = 'kn_flash';

export interface Authenticator {
  /** Resolve a login session token or an API bearer token to an actor (or null). */
  fromSession(deps: AppDeps, token: string, reply: FastifyReply): Promise<Actor | null>;
  fromApiToken(deps: AppDeps, token: string): Promise<Actor | null>;
  /** Where a signed-in user lands. */
  startPage(actor: Actor): string;
}

export interface ServerOptions {
  deps: AppDeps;
  routes: AnyRoute[];
  nav: NavItem[];
  auth: Authenticator;
  cookieSecret: string;
  trustProxy: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
  }
  interface FastifyContextConfig {
    kind?: 'page' | 'api' | 'protocol';
  }
}

function pickLocale(req: FastifyRequest, actor: Actor | null): Locale {
  const fromCookie = req.cookies[LANG_COOKIE];
  if (isLocale(fromCookie)) return fromCookie;
  // Swedish is the default; English is chosen with the language switch (remembered in a cookie).
  return actor?.locale ?? 'sv';
}

/** API requests a minute: per bearer token, and per client address for calls without a valid token. */
export const API_LIMIT_PER_TOKEN = 600;
export const API_LIMIT_PER_IP = 120;

/**
 * Headers every answer gets (helmet sets CSP, nosniff, frame and cross-origin policies):
 * - Referrer-Policy `same-origin`: no path (ids of companies, participants) leaves for another site, while
 *   same-origin requests keep a meaningful Origin/Referer; `no-referrer` where the URL holds a one-time token.
 * - HSTS only when the request came over HTTPS (TLS here, or X-Forwarded-Proto with TRUST_PROXY).
 * - `Cache-Control: no-store` on everything answered to a signed-in user or a token-bearing URL, unless the
 *   handler chose its own caching (course media, public documents).
 */
const PERMISSIONS_POLICY =
  'accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=()';

function securityHeaders(req: FastifyRequest, reply: FastifyReply): void {
  reply.header('permissions-policy', PERMISSIONS_POLICY);
  if (req.protocol === 'https')
    reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  const tokenInUrl = req.routeOptions?.url?.includes(':token') ?? false;
  if (tokenInUrl) reply.header('referrer-policy', 'no-referrer');
  if ((req.actor || tokenInUrl) && !reply.hasHeader('cache-control'))
    reply.header('cache-control', 'no-store');
}

function safeBack(back: unknown): string {
  return typeof back === 'string' && back.startsWith('/') && !back.startsWith('//') ? back : '/';
}

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const { deps } = opts;
  const app = Fastify({
    logger: false,
    trustProxy: opts.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
  });

  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'sv');
  registerCatalogue(rateLimitMessages);

  await app.register(cookie, { secret: opts.cookieSecret });
  await app.register(formbody);
  await app.register(multipart, {
    attachFieldsToBody: true,
    limits: { fileSize: 10 * 1024 * 1024, files: 1 },
  });
  // helmet's middleware, built once: @fastify/helmet rebuilt it (parsing every directive) on each request, 7 %
  // of a page's CPU time. It sets its headers on the raw response in onRequest; routes read and widen them.
  const securityMiddleware = helmet({
    // No 'unsafe-inline' anywhere: scripts and styles are files under /assets. Per-response widening only:
    // frame-src for an external video (elearning), form-action for the LTI tool's origin (lti launch).
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    hsts: false,
  });
  app.addHook('onRequest', (req, reply, done) => {
    securityMiddleware(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'kn_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: 'auto' },
    getToken: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const value = body?._csrf;
      if (typeof value === 'string') return value;
      if (value && typeof value === 'object' && 'value' in value)
        return String((value as { value: unknown }).value);
      return undefined;
    },
  });
  await app.register(fastifyStatic, { root: path.join(ROOT, 'public'), prefix: '/assets/', maxAge: '1h' });
  await app.register(fastifyStatic, {
    root: path.join(ROOT, 'node_modules/@digdir/designsystemet-css/dist'),
    prefix: '/assets/ds/',
    decorateReply: false,
    allowedPath: (p) => p === '/src/index.css' || p === '/theme/designsystemet.css',
    maxAge: '1d',
  });

  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/assets/') || req.url === '/livez') return;
    const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const session = req.cookies[SESSION_COOKIE];
    let actor: Actor | null = null;
    // The API never reads the session cookie: only a bearer token, which no other site can make a browser send.
    if (req.url.startsWith('/api/')) actor = bearer ? await opts.auth.fromApiToken(deps, bearer) : null;
    else if (session) {
      const unsigned = req.unsignCookie(session);
      if (unsigned.valid && unsigned.value) actor = await opts.auth.fromSession(deps, unsigned.value, reply);
    }
    req.actor = actor;
    req.locale = pickLocale(req, actor);
  });

  app.addHook('onSend', async (req, reply) => securityHeaders(req, reply));
  // The JSON API: per token (or per address without a valid one), counted in this process's memory.
  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    timeWindow: 60_000,
    allowList: (req) => !req.url.startsWith('/api/'),
    keyGenerator: (req) => {
      const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
      return req.actor && bearer ? `token:${hashToken(bearer).slice(0, 32)}` : `ip:${req.ip}`;
    },
    max: (_req, key) =>
      key.startsWith('token:')
        ? (deps.env.API_RATE_LIMIT ?? API_LIMIT_PER_TOKEN)
        : Math.max(API_LIMIT_PER_IP, Math.floor((deps.env.API_RATE_LIMIT ?? API_LIMIT_PER_TOKEN) / 5)),
    errorResponseBuilder: (_req, context) => new RateLimitedError('rateLimit.api', context.ttl / 1000),
  });

  app.get('/livez', async (_req, reply) => reply.type('text/plain').send('ok'));
  app.get('/healthz', async (_req, reply) => {
    try {
      await Promise.race([
        deps.db.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000)),
      ]);
      return reply.type('application/json').send({ status: 'ok', database: deps.db.kind });
    } catch {
      return reply.code(503).type('application/json').send({ status: 'unavailable' });
    }
  });
  app.get('/lang/:locale', async (req, reply) => {
    const { locale } = req.params as { locale: string };
    const back = safeBack((req.query as { back?: unknown }).back);
    if (!isLocale(locale)) return reply.redirect(back);
    reply.setCookie(LANG_COOKIE, locale, {
      path: '/',
      sameSite: 'lax',
      maxAge: 365 * 24 * 3600,
      httpOnly: true,
    });
    return reply.redirect(back);
  });

  // The handlers first: a route takes the error handler in force when it is registered.
  app.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith('/api/')) return sendProblem(reply, new AppError('NOT_FOUND'), req.locale);
    return renderError(req, reply, new AppError('NOT_FOUND'), opts.nav);
  });
  app.setErrorHandler(async (err, req, reply) => {
    const appError = toAppError(err);
    if (appError.code === 'INTERNAL' || appError.code === 'UNAVAILABLE') {
      // No message, body or parameters: they may carry personal data.
      const e = err as { code?: unknown; name?: unknown; stack?: unknown };
      deps.logger.error(
        {
          reqId: req.id,
          route: req.routeOptions?.url,
          errName: e.name,
          errCode: e.code,
          stack: String(e.stack ?? '')
            .split('\n')
            .slice(1, 6)
            .join('\n'),
        },
        'request failed',
      );
    }
    if (appError instanceof RateLimitedError) reply.header('retry-after', String(appError.retryAfterSeconds));
    if (req.url.startsWith('/api/') || req.routeOptions?.config?.kind === 'protocol')
      return sendProblem(reply, appError, req.locale);
    return renderError(req, reply, appError, opts.nav);
  });
  for (const route of opts.routes.filter((r) => r.kind !== 'protocol')) registerRoute(app, route, opts);
  // Protocol endpoints take any content type as raw bytes (xAPI documents and multipart/mixed statements,
  // LTI form posts); their own scope keeps the product's form and JSON parsers for everything else.
  const protocolRoutes = opts.routes.filter((r) => r.kind === 'protocol');
  if (protocolRoutes.length > 0)
    await app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
      for (const route of protocolRoutes) registerRoute(scope, route, opts);
    });

  return app;
}

function registerRoute(app: FastifyInstance, route: AnyRoute, opts: ServerOptions): void {
  const isPageForm = route.kind === 'page' && route.method !== 'GET';
  if (route.kind === 'protocol' && !route.protocolAuth)
    throw new Error(
      `protocol route ${route.method} ${route.url} must say how it authenticates (protocolAuth)`,
    );
  app.route({
    method: route.method,
    url: route.url,
    config: { kind: route.kind },
    bodyLimit: route.bodyLimit,
    preValidation: isPageForm ? app.csrfProtection : undefined,
    handler: async (req, reply) => {
      const actor = req.actor;
      if (!('public' in route.access)) {
        if (!actor) {
          if (route.kind === 'api') throw new AppError('UNAUTHENTICATED');
          if (route.method === 'GET') return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`);
          throw new AppError('UNAUTHENTICATED');
        }
        if (route.kind === 'api' && actor.via !== 'api_token') throw new AppError('UNAUTHENTICATED');
        if (!route.access.policy(actor)) throw new AppError('FORBIDDEN');
      }
      // No NUL characters reach a handler, with or without a body schema (some forms read the raw body).
      if (route.kind !== 'protocol' && req.body && typeof req.body === 'object')
        req.body = route.multipart ? withoutNulFields(req.body) : withoutNul(req.body);
      const params = parseOr404(route, req.params);
      const query = route.query ? parseQuery(route, withoutNul(req.query)) : {};
      let body: unknown = {};
      let form: FormInput<unknown> = { ok: true, value: {} };
      if (route.kind === 'protocol') body = req.body;
      else if (route.body && route.method !== 'GET') {
        const input = route.multipart ? withoutNulFields(req.body) : withoutNul(req.body ?? {});
        const parsed = route.body.safeParse(input);
        if (parsed.success) {
          body = parsed.data;
          form = { ok: true, value: parsed.data };
        } else {
          const errors = toFieldErrors(parsed.error);
          if (route.kind === 'api') throw new AppError('VALIDATION', 'error.422.body', errors);
          form = { ok: false, errors, raw: rawForm(req.body) };
        }
      }
      const flash = readFlash(req, reply);
      // One token per request: a second generateCsrf() before the cookie exists would make a new secret.
      let csrfToken: string | null = null;
      const csrf = () => {
        csrfToken ??= reply.generateCsrf();
        return csrfToken;
      };
      const ctx: Ctx<unknown, unknown, unknown> = {
        req,
        reply,
        deps: opts.deps,
        db: opts.deps.db,
        locale: req.locale,
        actor: actor as Actor,
        maybeActor: actor,
        params,
        query,
        body,
        form,
        ip: req.ip,
        flash,
        csrfToken: csrf,
        html: async (markup, status = 200) =>
          reply
            .code(status)
            .type('text/html; charset=utf-8')
            .send(await markup),
        page: async (title, content, status = 200) => {
          const markup = await Page({
            locale: req.locale,
            title,
            actor,
            nav: opts.nav,
            path: req.url,
            csrfToken: csrf(),
            flash,
            children: content,
          });
          return reply.code(status).type('text/html; charset=utf-8').send(markup);
        },
        redirect: (url, message) => {
          if (message)
            reply.setCookie(FLASH_COOKIE, message, {
              path: '/',
              httpOnly: true,
              sameSite: 'lax',
              signed: true,
            });
          return reply.redirect(url, 303);
        },
      };
      const result = await route.handler(ctx);
      if (reply.sent || result === reply) return reply;
      if (route.kind === 'api') {
        if (result === undefined) return reply.code(204).send();
        return reply.code(route.successStatus ?? 200).send(result);
      }
      return result;
    },
  });
}

function parseOr404(route: AnyRoute, raw: unknown): unknown {
  if (!route.params) return raw;
  const parsed = route.params.safeParse(raw);
  if (!parsed.success) throw new AppError('NOT_FOUND');
  return parsed.data;
}

function parseQuery(route: AnyRoute, raw: unknown): unknown {
  const parsed = route.query?.safeParse(raw);
  if (!parsed || parsed.success) return parsed?.data ?? {};
  throw new AppError('VALIDATION', 'error.422.body', toFieldErrors(parsed.error));
}

function readFlash(req: FastifyRequest, reply: FastifyReply): string | null {
  const raw = req.cookies[FLASH_COOKIE];
  if (!raw) return null;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  const unsigned = req.unsignCookie(raw);
  return unsigned.valid ? unsigned.value : null;
}
