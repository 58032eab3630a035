// Enrolment pages (no JavaScript needed): learners, login codes and sign-in by code, enrolling on an
// occasion, the company's enrolments (cancel, move), an occasion's participants and the learner's courses.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { rawForm, toFieldErrors } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, PUBLIC, policy } from '../../../platform/http/registry.ts';
import { SESSION_COOKIE } from '../../../platform/http/server.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { loginWithCode } from '../../accounts/index.ts';
import { enrolmentMessages } from '../messages/enrolment.ts';
import { canEnrol, isLearner } from '../policy.ts';
import { digitalCourseIds } from '../service/digital-learners.ts';
import {
  cancelEnrolment,
  enrol,
  enrolmentInScope,
  moveEnrolment,
  paidByValues,
} from '../service/enrolment-book.ts';
import * as learners from '../service/enrolment-learners.ts';
import { formatCode, issueLoginCode } from '../service/enrolment-logincode.ts';
import * as read from '../service/enrolment-read.ts';
import { CompanyEnrolmentsView, EnrolView, MoveView } from '../views/enrolment-book.tsx';
import { MyCoursesView, ParticipantsView } from '../views/enrolment-my.tsx';
import { CodeLoginView, LearnerEditView, LoginCodeView, PeopleView } from '../views/enrolment-people.tsx';

type AnyCtx = Ctx<unknown, unknown, unknown>;
const enrolAccess = policy('canEnrol', canEnrol);
const learnerAccess = policy('isLearner', isLearner);
const idParams = z.object({ id: z.string().uuid() });
const companyQuery = z.object({ companyId: z.string().uuid().optional() });
const T = (ctx: { locale: 'sv' | 'en' }) => translator(enrolmentMessages, ctx.locale);

/** Known errors of a form post shown on the page (422 for validation, the error's status otherwise). */
function formErrors(err: unknown): { errors: FieldError[]; status: number } {
  if (!(err instanceof AppError) || err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN') throw err;
  if (err.code === 'VALIDATION') return { errors: err.fields, status: 422 };
  return { errors: [{ field: '_form', message: err.message }], status: err.status };
}

/** Every value of a repeated form field (checkboxes). */
function many(body: unknown, name: string): string[] {
  const v = (body as Record<string, unknown> | null)?.[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);
}

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

async function renderEnrol(
  ctx: AnyCtx,
  id: string,
  companyId: string | undefined,
  opts: { selected?: string[]; paidBy?: string; errors?: FieldError[]; status?: number } = {},
) {
  const t = T(ctx);
  const d = await read.enrolPage(ctx.db, ctx.actor, id, companyId);
  return ctx.page(
    t('training.enrolment.enrol.title', { course: d.occasion.courseTitle }),
    <EnrolView
      t={t}
      csrf={ctx.csrfToken()}
      occasion={d.occasion}
      enrolled={d.enrolled}
      paidByOptions={d.paidByOptions}
      companyId={companyId ?? null}
      learners={d.learners}
      selected={opts.selected ?? []}
      paidBy={opts.paidBy ?? null}
      errors={opts.errors ?? []}
      aidWarnings={d.aidWarnings}
    />,
    opts.status ?? 200,
  );
}

async function renderMove(ctx: AnyCtx, id: string, errors: FieldError[] = [], status = 200) {
  const t = T(ctx);
  const e = await enrolmentInScope(ctx.db, ctx.actor, id);
  const targets = await read.moveTargets(ctx.db, e);
  return ctx.page(
    t('training.enrolment.move.title', { name: `${e.firstName} ${e.lastName}` }),
    <MoveView t={t} csrf={ctx.csrfToken()} enrolment={e} targets={targets} errors={errors} />,
    status,
  );
}

export const enrolmentPageRoutes: AnyRoute[] = [
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
      const l = await learners.getLearner(ctx.db, ctx.actor, ctx.params.id);
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
  defineRoute({
    method: 'GET',
    url: '/training/occasions/:id/enrol',
    kind: 'page',
    access: enrolAccess,
    params: idParams,
    query: companyQuery,
    handler: async (ctx) => renderEnrol(ctx as AnyCtx, ctx.params.id, ctx.query.companyId),
  }),
  defineRoute({
    method: 'POST',
    url: '/training/occasions/:id/enrol',
    kind: 'page',
    access: enrolAccess,
    params: idParams,
    query: companyQuery,
    handler: async (ctx) => {
      const t = T(ctx);
      const selected = many(ctx.req.body, 'learnerIds').filter((v) => z.string().uuid().safeParse(v).success);
      const rawPaid = rawForm(ctx.req.body).paidBy;
      const paidBy = z.enum(paidByValues).safeParse(rawPaid);
      const errors: FieldError[] = [];
      if (selected.length === 0)
        errors.push({ field: 'learnerIds', message: 'training.enrolment.error.noLearners' });
      if (!paidBy.success) errors.push({ field: 'paidBy', message: 'validation.choice' });
      const opts = { selected, paidBy: rawPaid };
      if (errors.length > 0 || !paidBy.success)
        return renderEnrol(ctx as AnyCtx, ctx.params.id, ctx.query.companyId, {
          ...opts,
          errors,
          status: 422,
        });
      try {
        const results = await enrol(
          { db: ctx.db, mailer: ctx.deps.mailer, ip: ctx.ip },
          ctx.actor,
          ctx.params.id,
          {
            learnerIds: selected,
            paidBy: paidBy.data,
          },
        );
        const enrolled = results.filter((r) => r.status === 'enrolled').length;
        return ctx.redirect(
          '/training/enrolments',
          t('training.enrolment.enrol.done', { enrolled, waitlisted: results.length - enrolled }),
        );
      } catch (err) {
        const fe = formErrors(err);
        return renderEnrol(ctx as AnyCtx, ctx.params.id, ctx.query.companyId, { ...opts, ...fe });
      }
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/training/enrolments',
    kind: 'page',
    access: enrolAccess,
    query: companyQuery,
    handler: async (ctx) => {
      const t = T(ctx);
      const { enrolments } = await read.companyEnrolments(ctx.db, ctx.actor, ctx.query.companyId);
      return ctx.page(
        t('training.enrolment.list.title'),
        <CompanyEnrolmentsView t={t} csrf={ctx.csrfToken()} enrolments={enrolments} />,
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/training/enrolments/:id/cancel',
    kind: 'page',
    access: enrolAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = T(ctx);
      try {
        await cancelEnrolment({ db: ctx.db, mailer: ctx.deps.mailer, ip: ctx.ip }, ctx.actor, ctx.params.id);
      } catch (err) {
        const fe = formErrors(err);
        const first = fe.errors[0];
        return ctx.redirect(
          '/training/enrolments',
          first ? t(first.message as 'training.enrolment.title') : undefined,
        );
      }
      return ctx.redirect('/training/enrolments', t('training.enrolment.cancelled'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/training/enrolments/:id/move',
    kind: 'page',
    access: enrolAccess,
    params: idParams,
    handler: async (ctx) => renderMove(ctx as AnyCtx, ctx.params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/training/enrolments/:id/move',
    kind: 'page',
    access: enrolAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = T(ctx);
      const target = z.string().uuid().safeParse(rawForm(ctx.req.body).toOccasionId);
      if (!target.success)
        return renderMove(
          ctx as AnyCtx,
          ctx.params.id,
          [{ field: 'toOccasionId', message: 'validation.choice' }],
          422,
        );
      try {
        await moveEnrolment(
          { db: ctx.db, mailer: ctx.deps.mailer, ip: ctx.ip },
          ctx.actor,
          ctx.params.id,
          target.data,
        );
      } catch (err) {
        const fe = formErrors(err);
        return renderMove(ctx as AnyCtx, ctx.params.id, fe.errors, fe.status);
      }
      return ctx.redirect('/training/enrolments', t('training.enrolment.moved'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/training/occasions/:id/participants',
    kind: 'page',
    access: enrolAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = T(ctx);
      const d = await read.occasionParticipants(ctx.db, ctx.actor, ctx.params.id);
      return ctx.page(
        t('training.enrolment.participants.title', { course: d.occasion.courseTitle }),
        <ParticipantsView t={t} occasion={d.occasion} enrolled={d.enrolled} participants={d.participants} />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/my/courses',
    kind: 'page',
    access: learnerAccess,
    handler: async (ctx) => {
      const t = T(ctx);
      const courses = await read.myCourses(ctx.db, ctx.actor);
      const digital = await digitalCourseIds(ctx.db, [...new Set(courses.map((c) => c.enrolment.courseId))]);
      return ctx.page(
        t('training.enrolment.my.title'),
        <MyCoursesView t={t} courses={courses} digital={digital} />,
      );
    },
  }),
];
