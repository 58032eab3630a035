// A company's people (learners) and the one-time sign-in code (no JavaScript needed): list, add, edit, print a
// code for someone without e-mail, and sign in with it.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { rawForm, toFieldErrors } from '../../../platform/http/forms.ts';
import { type AnyRoute, defineRoute, PUBLIC } from '../../../platform/http/registry.ts';
import { SESSION_COOKIE } from '../../../platform/http/server.ts';
import { loginWithCode } from '../../accounts/index.ts';
import * as learners from '../service/enrolment-learners.ts';
import { codeLearner, formatCode, issueLoginCode } from '../service/enrolment-logincode.ts';
import { CodeLoginView, LearnerEditView, LoginCodeView, PeopleView } from '../views/enrolment-people.tsx';

const learnerValues = (l: learners.LearnerRow): Record<string, string> => ({
  firstName: l.firstName,
  lastName: l.lastName,
  email: l.email ?? '',
  gender: l.gender ?? '',
  birthYear: l.birthYear === null ? '' : String(l.birthYear),
});

async function renderPeople(
  ctx: AnyCtx,
  companyId: string | undefined,
  opts: { values?: Record<string, string>; errors?: FieldError[]; status?: number } = {},
) {
  const t = T(ctx);
  const companies = await learners.learnerCompanies(ctx.db, ctx.actor, companyId);
  const list = await learners.listLearners(ctx.db, ctx.actor, companyId);
  return ctx.page(
    t('training.enrolment.people.title'),
    <PeopleView
      t={t}
      csrf={ctx.csrfToken()}
      companies={companies}
      selectedCompanyId={companyId ?? null}
      learners={list}
      values={opts.values ?? {}}
      errors={opts.errors ?? []}
    />,
    opts.status ?? 200,
  );
}

/** Pages of a company's people (learners) and the one-time sign-in code. */
export const enrolmentPeopleRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/training/people',
    kind: 'page',
    access: enrolAccess,
    query: companyQuery,
    handler: async (ctx) => renderPeople(ctx as AnyCtx, ctx.query.companyId),
  }),
  defineRoute({
    method: 'POST',
    url: '/training/people',
    kind: 'page',
    access: enrolAccess,
    query: companyQuery,
    handler: async (ctx) => {
      const raw = rawForm(ctx.req.body);
      const companyId = z.string().uuid().safeParse(raw.companyId);
      const parsed = learners.learnerInput.safeParse(raw);
      const errors: FieldError[] = [
        ...(companyId.success ? [] : [{ field: 'companyId', message: 'validation.required' }]),
        ...(parsed.success ? [] : toFieldErrors(parsed.error)),
      ];
      if (!companyId.success || !parsed.success)
        return renderPeople(ctx as AnyCtx, ctx.query.companyId, { values: raw, errors, status: 422 });
      await learners.createLearner(ctx.db, ctx.actor, companyId.data, parsed.data, ctx.ip);
      const back = ctx.query.companyId ? `?companyId=${ctx.query.companyId}` : '';
      return ctx.redirect(`/training/people${back}`, T(ctx)('training.enrolment.people.added'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/training/people/:id',
    kind: 'page',
    access: enrolAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = T(ctx);
      const l = await learners.getLearner(ctx.db, ctx.actor, ctx.params.id);
      return ctx.page(
        t('training.enrolment.people.edit'),
        <LearnerEditView t={t} csrf={ctx.csrfToken()} learner={l} values={learnerValues(l)} errors={[]} />,
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/training/people/:id',
    kind: 'page',
    access: enrolAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = T(ctx);
      const l = await learners.getLearner(ctx.db, ctx.actor, ctx.params.id);
      const raw = rawForm(ctx.req.body);
      const parsed = learners.learnerInput.safeParse(raw);
      if (!parsed.success)
        return ctx.page(
          t('training.enrolment.people.edit'),
          <LearnerEditView
            t={t}
            csrf={ctx.csrfToken()}
            learner={l}
            values={raw}
            errors={toFieldErrors(parsed.error)}
          />,
          422,
        );
      await learners.updateLearner(ctx.db, ctx.actor, l.id, parsed.data, ctx.ip);
      return ctx.redirect(`/training/people?companyId=${l.companyId}`, t('training.enrolment.people.saved'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/training/people/:id/login-code',
    kind: 'page',
    access: enrolAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = T(ctx);
      const l = await codeLearner(ctx.db, ctx.actor, ctx.params.id);
      const name = `${l.firstName} ${l.lastName}`;
      return ctx.page(
        t('training.enrolment.code.title', { name }),
        <LoginCodeView
          t={t}
          csrf={ctx.csrfToken()}
          learner={l}
          signInUrl={`${ctx.deps.baseUrl}/login/code`}
          issued={null}
        />,
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/training/people/:id/login-code',
    kind: 'page',
    access: enrolAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = T(ctx);
      const issued = await issueLoginCode(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
      const l = await learners.getLearner(ctx.db, ctx.actor, ctx.params.id);
      // The code is shown once, on this answer: never cached, never redirected to a URL that would show it.
      ctx.reply.header('cache-control', 'no-store');
      return ctx.page(
        t('training.enrolment.code.title', { name: issued.learnerName }),
        <LoginCodeView
          t={t}
          csrf={ctx.csrfToken()}
          learner={l}
          signInUrl={`${ctx.deps.baseUrl}/login/code`}
          issued={{ code: formatCode(issued.code), expiresAt: issued.expiresAt }}
        />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/login/code',
    kind: 'page',
    access: PUBLIC,
    handler: async (ctx) => {
      const t = T(ctx);
      return ctx.page(
        t('training.enrolment.code.loginTitle'),
        <CodeLoginView t={t} csrf={ctx.csrfToken()} errors={[]} />,
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/login/code',
    kind: 'page',
    access: PUBLIC,
    handler: async (ctx) => {
      const t = T(ctx);
      const code = (rawForm(ctx.req.body).code ?? '').slice(0, 40);
      try {
        const { token, maxAgeSeconds } = await loginWithCode(ctx.db, { code, ip: ctx.ip });
        ctx.reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: 'auto',
          signed: true,
          maxAge: maxAgeSeconds,
        });
        return ctx.redirect('/my/courses');
      } catch (err) {
        if (!(err instanceof AppError) || (err.code !== 'UNAUTHENTICATED' && err.code !== 'RATE_LIMITED'))
          throw err;
        const message =
          err.code === 'RATE_LIMITED'
            ? 'training.enrolment.code.rateLimited'
            : 'training.enrolment.code.failed';
        return ctx.page(
          t('training.enrolment.code.loginTitle'),
          <CodeLoginView t={t} csrf={ctx.csrfToken()} errors={[{ field: 'code', message }]} code={code} />,
          err.code === 'RATE_LIMITED' ? 429 : 401,
        );
      }
    },
  }),
];

import { type AnyCtx, companyQuery, enrolAccess, idParams, T } from './enrolment-shared.ts';
