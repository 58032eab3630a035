import { AppError } from '../../../platform/errors.ts';
import { type AnyRoute, type Ctx, defineRoute, PUBLIC } from '../../../platform/http/registry.ts';
import { type T, translator } from '../../../platform/i18n/index.ts';
import { type AccountKey, messages } from '../messages.ts';
import { acceptInvitationForm, forgotForm, resetPasswordForm, tokenParams } from '../schema.ts';
import {
  acceptInvitation,
  invitationFor,
  requestPasswordReset,
  resetLinkFor,
  resetPassword,
} from '../service/links.ts';
import {
  AcceptInvitationView,
  ForgotSentView,
  ForgotView,
  LinkInvalidView,
  ResetView,
} from '../views/links.tsx';
import { noStore } from './session-cookie.ts';
import { completeSignIn } from './sign-in.ts';

type AnyCtx = Ctx<{ token: string }, unknown, unknown>;

/** An expired, used or unknown link: one clear page, the same for all three (410 Gone). */
function linkGone(ctx: AnyCtx, t: T<AccountKey>, kind: 'invitation' | 'reset') {
  return ctx.page(t('link.invalid.title'), <LinkInvalidView t={t} kind={kind} />, 410);
}

const isLinkGone = (err: unknown) => err instanceof AppError && err.code === 'NOT_FOUND';

/** Signed in through a link: the common end of every sign-in (second factor, session, start page). */
async function signInAndGo(ctx: AnyCtx, userId: string, message: string) {
  return completeSignIn(ctx, userId, { method: 'link', message });
}

const invitationRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/invitation/:token',
    kind: 'page',
    access: PUBLIC,
    params: tokenParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      noStore(ctx.reply);
      const user = await invitationFor(ctx.db, ctx.params.token);
      if (!user) return linkGone(ctx, t, 'invitation');
      const view = (
        <AcceptInvitationView
          t={t}
          csrf={ctx.csrfToken()}
          errors={[]}
          token={ctx.params.token}
          email={user.email}
          name={user.name}
        />
      );
      return ctx.page(t('invitation.title'), view);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/invitation/:token',
    kind: 'page',
    access: PUBLIC,
    params: tokenParams,
    body: acceptInvitationForm,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      noStore(ctx.reply);
      const { token } = ctx.params;
      const user = await invitationFor(ctx.db, token);
      if (!user) return linkGone(ctx, t, 'invitation');
      if (!ctx.form.ok) {
        const view = (
          <AcceptInvitationView
            t={t}
            csrf={ctx.csrfToken()}
            errors={ctx.form.errors}
            token={token}
            email={user.email}
            name={ctx.form.raw.name ?? ''}
          />
        );
        return ctx.page(t('invitation.title'), view, 422);
      }
      try {
        const { name, password } = ctx.form.value;
        const done = await acceptInvitation(ctx.db, {
          token,
          name,
          password,
          locale: ctx.locale,
          ip: ctx.ip,
        });
        return signInAndGo(ctx, done.userId, t('invitation.accepted'));
      } catch (err) {
        if (isLinkGone(err)) return linkGone(ctx, t, 'invitation');
        throw err;
      }
    },
  }),
];

const passwordRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/password/forgot',
    kind: 'page',
    access: PUBLIC,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      return ctx.page(t('forgot.title'), <ForgotView t={t} csrf={ctx.csrfToken()} errors={[]} />);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/password/forgot',
    kind: 'page',
    access: PUBLIC,
    body: forgotForm,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      if (!ctx.form.ok) {
        const view = (
          <ForgotView t={t} csrf={ctx.csrfToken()} errors={ctx.form.errors} email={ctx.form.raw.email} />
        );
        return ctx.page(t('forgot.title'), view, 422);
      }
      // The same answer whether or not the address has an account.
      await requestPasswordReset(ctx.deps, { email: ctx.form.value.email, ip: ctx.ip });
      return ctx.page(t('forgot.sent.title'), <ForgotSentView t={t} />);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/password/reset/:token',
    kind: 'page',
    access: PUBLIC,
    params: tokenParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      noStore(ctx.reply);
      const user = await resetLinkFor(ctx.db, ctx.params.token);
      if (!user) return linkGone(ctx, t, 'reset');
      return ctx.page(
        t('reset.title'),
        <ResetView t={t} csrf={ctx.csrfToken()} errors={[]} token={ctx.params.token} email={user.email} />,
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/password/reset/:token',
    kind: 'page',
    access: PUBLIC,
    params: tokenParams,
    body: resetPasswordForm,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      noStore(ctx.reply);
      const { token } = ctx.params;
      const user = await resetLinkFor(ctx.db, token);
      if (!user) return linkGone(ctx, t, 'reset');
      if (!ctx.form.ok) {
        const view = (
          <ResetView t={t} csrf={ctx.csrfToken()} errors={ctx.form.errors} token={token} email={user.email} />
        );
        return ctx.page(t('reset.title'), view, 422);
      }
      try {
        const done = await resetPassword(ctx.db, { token, password: ctx.form.value.password, ip: ctx.ip });
        return signInAndGo(ctx, done.userId, t('reset.done'));
      } catch (err) {
        if (isLinkGone(err)) return linkGone(ctx, t, 'reset');
        throw err;
      }
    },
  }),
];

export const linkRoutes: AnyRoute[] = [...invitationRoutes, ...passwordRoutes];
