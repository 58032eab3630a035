import { AppError } from '../../platform/errors.ts';
import { type AnyRoute, defineRoute, PUBLIC, signedIn } from '../../platform/http/registry.ts';
import { SESSION_COOKIE } from '../../platform/http/server.ts';
import { translator } from '../../platform/i18n/index.ts';
import { messages } from './messages.ts';
import { accountPageRoutes } from './routes/account.tsx';
import { adminRoutes } from './routes/admin.tsx';
import { accountApiRoutes } from './routes/api.ts';
import { linkRoutes } from './routes/links.tsx';
import { secondFactorRoutes } from './routes/second-factor.tsx';
import { securityRoutes } from './routes/security.tsx';
import { completeSignIn, safeNext } from './routes/sign-in.ts';
import { loginForm, loginQuery } from './schema.ts';
import * as service from './service.ts';
import { HomeView } from './views/account.tsx';
import { LoginView } from './views/login.tsx';

const sessionRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/',
    kind: 'page',
    access: PUBLIC,
    handler: async (ctx) => {
      if (ctx.maybeActor) return ctx.reply.redirect(service.startPage(ctx.maybeActor));
      const t = translator(messages, ctx.locale);
      return ctx.page(t('home.title'), <HomeView t={t} />);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/login',
    kind: 'page',
    access: PUBLIC,
    query: loginQuery,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const next = safeNext(ctx.query.next) ?? undefined;
      const sso = !!ctx.deps.env.OIDC_ISSUER;
      return ctx.page(
        t('login.title'),
        <LoginView t={t} csrf={ctx.csrfToken()} errors={[]} next={next} sso={sso} />,
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/login',
    kind: 'page',
    access: PUBLIC,
    body: loginForm,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const render = (
        errors: { field: string; message: string }[],
        status: number,
        email?: string,
        next?: string,
      ) =>
        ctx.page(
          t('login.title'),
          <LoginView
            t={t}
            csrf={ctx.csrfToken()}
            errors={errors}
            email={email}
            next={next}
            sso={!!ctx.deps.env.OIDC_ISSUER}
          />,
          status,
        );
      if (!ctx.form.ok)
        return render(ctx.form.errors, 422, ctx.form.raw.email, safeNext(ctx.form.raw.next) ?? undefined);
      const { email, password, next } = ctx.form.value;
      try {
        const userId = await service.checkPassword(ctx.db, { email, password, ip: ctx.ip });
        return await completeSignIn(ctx, userId, { method: 'password', next: safeNext(next) });
      } catch (err) {
        if (!(err instanceof AppError) || (err.code !== 'UNAUTHENTICATED' && err.code !== 'RATE_LIMITED'))
          throw err;
        const status = err.code === 'RATE_LIMITED' ? 429 : 401;
        return render([{ field: 'email', message: err.message }], status, email, safeNext(next) ?? undefined);
      }
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/logout',
    kind: 'page',
    access: PUBLIC,
    handler: async (ctx) => {
      const raw = ctx.req.cookies[SESSION_COOKIE];
      const unsigned = raw ? ctx.req.unsignCookie(raw) : null;
      if (unsigned?.valid && unsigned.value)
        await service.logout(ctx.db, unsigned.value, ctx.maybeActor, ctx.ip);
      ctx.reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return ctx.redirect('/login', translator(messages, ctx.locale)('logout.done'));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/account/logout-everywhere',
    kind: 'page',
    access: signedIn,
    handler: async (ctx) => {
      const count = await service.logoutEverywhere(ctx.db, ctx.actor, ctx.ip);
      ctx.reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return ctx.redirect(
        '/login',
        translator(messages, ctx.locale)('account.loggedOutEverywhere', { count }),
      );
    },
  }),
];

/** Every page and API route of the accounts domain. */
export const accountRoutes: AnyRoute[] = [
  ...sessionRoutes,
  ...accountPageRoutes,
  ...secondFactorRoutes,
  ...securityRoutes,
  ...linkRoutes,
  ...adminRoutes,
  ...accountApiRoutes,
];
