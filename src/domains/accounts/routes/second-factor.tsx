// The second step of a sign-in: the TOTP code (or a recovery code), or — for an ESF administrator without
// TOTP — enrolment first. A pending sign-in (cookie kn_2fa) grants nothing until this step is passed.
import { hashToken } from '../../../platform/auth.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { type AnyRoute, type Ctx, defineRoute, PUBLIC } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { type AccountKey, messages } from '../messages.ts';
import * as repo from '../repo.ts';
import { codeForm } from '../schema.ts';
import { type CodeOutcome, passSecondFactor, pendingLogin, totpEnabled } from '../service/second-factor.ts';
import { actorForUser, openSession, startPage } from '../service.ts';
import { CodeStepView } from '../views/second-factor.tsx';
import { setSessionCookie } from './session-cookie.ts';
import { clearPendingCookie, openSessionAndGo, PENDING_COOKIE, safeNext, signedCookie } from './sign-in.ts';
import { renderEnrolPage, renderRecoveryCodes } from './totp-pages.tsx';

type AnyCtx = Ctx<unknown, unknown, unknown>;
const T = (ctx: AnyCtx) => translator(messages, ctx.locale);

/** The pending sign-in of this browser, or null (expired, locked out, unknown). */
async function pendingOf(ctx: AnyCtx) {
  const token = signedCookie(ctx, PENDING_COOKIE);
  const pending = token ? await pendingLogin(ctx.db, token) : null;
  return pending && token ? { token, pending } : null;
}

/** Back to the login form with a reason; whatever was pending is gone. */
async function startOver(ctx: AnyCtx, message: AccountKey) {
  const token = signedCookie(ctx, PENDING_COOKIE);
  if (token) await repo.deletePendingLogin(ctx.db, hashToken(token));
  clearPendingCookie(ctx.reply);
  return ctx.redirect('/login', T(ctx)(message));
}

const failureMessage = (o: Extract<CodeOutcome, { ok: false }>): AccountKey =>
  o.reason === 'locked' ? 'totp.locked' : 'totp.expired';

async function renderEnrol(ctx: AnyCtx, userId: string, errors: FieldError[], status = 200) {
  const user = await repo.findUserById(ctx.db, userId);
  const email = user?.email ?? userId;
  return renderEnrolPage(ctx, { userId, email, action: '/login/totp/enrol', errors, status });
}

export const secondFactorRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/login/totp',
    kind: 'page',
    access: PUBLIC,
    handler: async (ctx) => {
      const found = await pendingOf(ctx);
      if (!found) return startOver(ctx, 'totp.expired');
      const t = T(ctx);
      return ctx.page(t('totp.step.title'), <CodeStepView t={t} csrf={ctx.csrfToken()} errors={[]} />);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/login/totp',
    kind: 'page',
    access: PUBLIC,
    body: codeForm,
    handler: async (ctx) => {
      const t = T(ctx);
      const found = await pendingOf(ctx);
      if (!found) return startOver(ctx, 'totp.expired');
      const render = (errors: { field: string; message: string }[], status: number) =>
        ctx.page(t('totp.step.title'), <CodeStepView t={t} csrf={ctx.csrfToken()} errors={errors} />, status);
      if (!ctx.form.ok) return render(ctx.form.errors, 422);
      const outcome = await passSecondFactor(ctx.deps, found.token, ctx.form.value.code, ctx.ip, false);
      if (outcome.ok) {
        clearPendingCookie(ctx.reply);
        return openSessionAndGo(ctx, outcome.pending.userId, {
          method: outcome.pending.method,
          secondFactor: true,
          next: outcome.pending.next,
        });
      }
      if (outcome.reason === 'wrong' || outcome.reason === 'used')
        return render([{ field: 'code', message: `totp.${outcome.reason}Code` }], 422);
      return startOver(ctx, failureMessage(outcome));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/login/totp/enrol',
    kind: 'page',
    access: PUBLIC,
    handler: async (ctx) => {
      const found = await pendingOf(ctx);
      if (!found) return startOver(ctx, 'totp.expired');
      if (await totpEnabled(ctx.db, found.pending.userId)) return ctx.redirect('/login/totp');
      return renderEnrol(ctx, found.pending.userId, []);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/login/totp/enrol',
    kind: 'page',
    access: PUBLIC,
    body: codeForm,
    handler: async (ctx) => {
      const found = await pendingOf(ctx);
      if (!found) return startOver(ctx, 'totp.expired');
      const { userId } = found.pending;
      if (await totpEnabled(ctx.db, userId)) return ctx.redirect('/login/totp');
      if (!ctx.form.ok) return renderEnrol(ctx, userId, ctx.form.errors, 422);
      const outcome = await passSecondFactor(ctx.deps, found.token, ctx.form.value.code, ctx.ip, true);
      if (!outcome.ok) {
        if (outcome.reason === 'wrong')
          return renderEnrol(ctx, userId, [{ field: 'code', message: 'totp.wrongCode' }], 422);
        return startOver(ctx, failureMessage(outcome));
      }
      clearPendingCookie(ctx.reply);
      const token = await openSession(ctx.db, userId, { method: outcome.pending.method, secondFactor: true });
      setSessionCookie(ctx.reply, token);
      const actor = await actorForUser(ctx.db, userId, 'session');
      const next = safeNext(outcome.pending.next) ?? (actor ? startPage(actor) : '/account');
      return renderRecoveryCodes(ctx, outcome.recoveryCodes ?? [], next);
    },
  }),
];
