// Enrolment pages (no JavaScript needed): enrolling on an occasion, the company's enrolments (cancel, move),
// an occasion's participants and the learner's courses (people and sign-in codes: enrolment-people.tsx).
import { z } from 'zod';
import type { FieldError } from '../../../platform/errors.ts';
import { rawForm } from '../../../platform/http/forms.ts';
import { type AnyRoute, defineRoute } from '../../../platform/http/registry.ts';
import { digitalCourseIds } from '../service/digital-learners.ts';
import {
  cancelEnrolment,
  enrol,
  enrolmentInScope,
  moveEnrolment,
  paidByValues,
} from '../service/enrolment-book.ts';
import * as read from '../service/enrolment-read.ts';
import { CompanyEnrolmentsView, EnrolView, MoveView } from '../views/enrolment-book.tsx';
import { MyCoursesView, ParticipantsView } from '../views/enrolment-my.tsx';

import {
  type AnyCtx,
  companyQuery,
  enrolAccess,
  formErrors,
  idParams,
  learnerAccess,
  T,
} from './enrolment-shared.ts';

/** Every value of a repeated form field (checkboxes). */
function many(body: unknown, name: string): string[] {
  const v = (body as Record<string, unknown> | null)?.[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);
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
