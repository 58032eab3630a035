// Sign-in security of the own account: sessions (list, end one; also as JSON API), password change, and
// TOTP enrolment/disabling and new recovery codes on /account. Enrolment is a browser ceremony (QR code) and
// has no API twin; new recovery codes have one.
import type { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { type AnyRoute, type Ctx, defineRoute, signedIn } from '../../../platform/http/registry.ts';
import { SESSION_COOKIE } from '../../../platform/http/server.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import {
  changePasswordForm,
  codeForm,
  idParams,
  recoveryCodesOut,
  renewCodesForm,
  sessionListOut,
} from '../schema.ts';
import {
  confirmEnrolment,
  disableTotp,
  regenerateRecoveryCodes,
  totpEnabled,
} from '../service/second-factor.ts';
import { changePassword, endOwnSession, listOwnSessions } from '../service/sessions.ts';
import { renderAccount } from './account.tsx';
import { currentSessionHash } from './sign-in.ts';
import { renderEnrolPage, renderRecoveryCodes } from './totp-pages.tsx';

type AnyCtx = Ctx<unknown, unknown, unknown>;
const T = (ctx: AnyCtx) => translator(messages, ctx.locale);
const iso = (d: Date) => new Date(d).toISOString();

const renderEnrol = (ctx: AnyCtx, errors: FieldError[], status = 200) =>
  renderEnrolPage(ctx, {
    userId: ctx.actor.userId,
    email: ctx.actor.email,
    action: '/account/totp',
    errors,
    status,
  });

const isValidation = (err: unknown): err is AppError => err instanceof AppError && err.code === 'VALIDATION';

export const securityRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/account/sessions/:id/end',
    kind: 'page',
    access: signedIn,
    params: idParams,
    handler: async (ctx) => {
      const current = (await listOwnSessions(ctx.db, ctx.actor, currentSessionHash(ctx))).find(
        (s) => s.current,
      );
      await endOwnSession(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
      const message = T(ctx)('sessions.ended');
      if (current?.id === ctx.params.id) {
        ctx.reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return ctx.redirect('/login', message);
      }
      return ctx.redirect('/account', message);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/account/password',
    kind: 'page',
    access: signedIn,
    body: changePasswordForm,
    handler: async (ctx) => {
      if (!ctx.form.ok) return renderAccount(ctx, {}, { form: 'password', errors: ctx.form.errors }, 422);
      const hash = currentSessionHash(ctx) ?? '';
      try {
        const count = await changePassword(ctx.db, ctx.actor, ctx.form.value, hash, ctx.ip);
        return ctx.redirect('/account', T(ctx)('password.changed', { count }));
      } catch (err) {
        if (isValidation(err)) return renderAccount(ctx, {}, { form: 'password', errors: err.fields }, 422);
        if (err instanceof AppError && err.code === 'RATE_LIMITED')
          return renderAccount(
            ctx,
            {},
            { form: 'password', errors: [{ field: 'current', message: err.message }] },
            429,
          );
        throw err;
      }
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/account/totp',
    kind: 'page',
    access: signedIn,
    handler: async (ctx) => {
      if (await totpEnabled(ctx.db, ctx.actor.userId))
        return ctx.redirect('/account', T(ctx)('totp.alreadyOn'));
      return renderEnrol(ctx, []);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/account/totp',
    kind: 'page',
    access: signedIn,
    body: codeForm,
    handler: async (ctx) => {
      if (await totpEnabled(ctx.db, ctx.actor.userId))
        return ctx.redirect('/account', T(ctx)('totp.alreadyOn'));
      if (!ctx.form.ok) return renderEnrol(ctx, ctx.form.errors, 422);
      try {
        const codes = await confirmEnrolment(ctx.deps, ctx.actor.userId, ctx.form.value.code, ctx.ip);
        return renderRecoveryCodes(ctx, codes, '/account');
      } catch (err) {
        if (isValidation(err)) return renderEnrol(ctx, err.fields, 422);
        throw err;
      }
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/account/totp/disable',
    kind: 'page',
    access: signedIn,
    body: codeForm,
    handler: async (ctx) => {
      if (!ctx.form.ok) return renderAccount(ctx, {}, { form: 'totp', errors: ctx.form.errors }, 422);
      try {
        await disableTotp(ctx.deps, ctx.actor, ctx.form.value.code, ctx.ip);
        return ctx.redirect('/account', T(ctx)('totp.account.disabled'));
      } catch (err) {
        if (isValidation(err)) return renderAccount(ctx, {}, { form: 'totp', errors: err.fields }, 422);
        throw err;
      }
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/account/totp/recovery-codes',
    kind: 'page',
    access: signedIn,
    body: renewCodesForm,
    handler: async (ctx) => {
      const failed = (errors: FieldError[]) =>
        renderAccount(
          ctx,
          {},
          {
            form: 'recovery',
            errors: errors.map((e) => (e.field === 'code' ? { ...e, field: 'renewCode' } : e)),
          },
          422,
        );
      if (!ctx.form.ok) return failed(ctx.form.errors);
      try {
        const codes = await regenerateRecoveryCodes(
          ctx.deps,
          ctx.actor.userId,
          ctx.form.value.renewCode,
          ctx.ip,
        );
        return renderRecoveryCodes(ctx, codes, '/account');
      } catch (err) {
        if (isValidation(err)) return failed(err.fields);
        throw err;
      }
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/account/totp/recovery-codes',
    kind: 'api',
    tag: 'account',
    summary:
      'Ten new recovery codes against a current code from the authenticator app; the old codes stop working (422 on a wrong or used code, or without two-step verification)',
    access: signedIn,
    body: codeForm,
    response: recoveryCodesOut,
    handler: async (ctx): Promise<z.infer<typeof recoveryCodesOut>> => {
      ctx.reply.header('cache-control', 'no-store');
      return {
        recoveryCodes: await regenerateRecoveryCodes(ctx.deps, ctx.actor.userId, ctx.body.code, ctx.ip),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/account/sessions',
    kind: 'api',
    tag: 'account',
    summary: 'Your own live login sessions (started, last active, whether it is this browser)',
    access: signedIn,
    response: sessionListOut,
    handler: async (ctx): Promise<z.infer<typeof sessionListOut>> => {
      const items = await listOwnSessions(ctx.db, ctx.actor, currentSessionHash(ctx));
      return {
        items: items.map((s) => ({
          id: s.id,
          createdAt: iso(s.createdAt),
          lastSeenAt: iso(s.lastSeenAt),
          method: s.method,
          secondFactor: s.secondFactor,
          current: s.current,
        })),
      };
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/account/sessions/:id',
    kind: 'api',
    tag: 'account',
    summary: 'End one of your own login sessions (someone else’s or an unknown id: 404)',
    access: signedIn,
    params: idParams,
    handler: async (ctx) => {
      await endOwnSession(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
      return undefined;
    },
  }),
];
