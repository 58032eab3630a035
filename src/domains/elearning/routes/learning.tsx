// Learner pages of digital courses: the catalogue of the learner's region, a course, enrolling, "Mitt
// lärande", an enrolment's overview; and the company contact's page with the invitation form.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { rawForm } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { renderMarkdown } from '../../../platform/markdown.ts';
import { canFollowCompanyLearning } from '../policy-learning.ts';
import * as learning from '../service/learning.ts';
import * as invite from '../service/learning-invite.ts';
import { CoursePage, CoursesPage, MyLearningPage } from '../views/learning-catalogue.tsx';
import { CompanyLearningPage } from '../views/learning-company.tsx';
import { OverviewPage } from '../views/learning-overview.tsx';
import { learningApiRoutes } from './learning-api.ts';
import { playerRoutes } from './learning-player.tsx';
import { courseParams, enrolmentParams, learnAccess, tOf } from './learning-shared.ts';

const companyAccess = policy('canFollowCompanyLearning', canFollowCompanyLearning);
type AnyCtx = Ctx<unknown, unknown, unknown>;

async function renderCompany(
  ctx: AnyCtx,
  failed: { errors: FieldError[]; values: Record<string, string> } | null,
  status = 200,
) {
  const t = tOf(ctx);
  const { rows, companies, courses } = await invite.companyPage(ctx.db, ctx.actor);
  return ctx.page(
    t('elearning.learn.company.title'),
    <CompanyLearningPage
      t={t}
      csrf={ctx.csrfToken()}
      vm={{ rows, companies, courses, errors: failed?.errors ?? [], values: failed?.values ?? {} }}
    />,
    status,
  );
}

export const learningPageRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/learning',
    kind: 'page',
    access: learnAccess,
    handler: async (ctx) => {
      const t = tOf(ctx);
      const courses = await learning.listCourses(ctx.db, ctx.actor);
      return ctx.page(t('elearning.learn.title'), <CoursesPage t={t} courses={courses} />);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/learning/company',
    kind: 'page',
    access: companyAccess,
    handler: async (ctx) => renderCompany(ctx as AnyCtx, null),
  }),
  defineRoute({
    method: 'POST',
    url: '/learning/company/invite',
    kind: 'page',
    access: companyAccess,
    body: invite.inviteInput,
    handler: async (ctx) => {
      if (!ctx.form.ok)
        return renderCompany(ctx as AnyCtx, { errors: ctx.form.errors, values: ctx.form.raw }, 422);
      try {
        await invite.inviteLearner(
          ctx.deps,
          { actor: ctx.actor, ip: ctx.ip, locale: ctx.locale },
          ctx.form.value,
        );
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'VALIDATION')) throw err;
        return renderCompany(ctx as AnyCtx, { errors: err.fields, values: rawForm(ctx.req.body) }, 422);
      }
      return ctx.redirect('/learning/company', tOf(ctx)('elearning.learn.company.invited'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/learning/catalogue/:trainingCourseId',
    kind: 'page',
    access: learnAccess,
    params: z.object({ trainingCourseId: z.string().uuid() }),
    handler: async (ctx) => {
      // From "Mina kurser": the digital course of a catalogue course (the enrolment is created on opening it).
      const id = await learning.courseForCatalogue(ctx.db, ctx.actor, ctx.params.trainingCourseId);
      return ctx.redirect(id ? `/learning/${id}` : `/kurser/${ctx.params.trainingCourseId}`);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/learning/:courseId',
    kind: 'page',
    access: learnAccess,
    params: courseParams,
    handler: async (ctx) => {
      const t = tOf(ctx);
      const d = await learning.getCourse(ctx.db, ctx.actor, ctx.params.courseId);
      return ctx.page(
        d.content.title,
        <CoursePage
          t={t}
          csrf={ctx.csrfToken()}
          content={d.content}
          safeSummaryHtml={renderMarkdown(d.content.summary)}
          enrolment={d.enrolment}
        />,
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/learning/:courseId/enrol',
    kind: 'page',
    access: learnAccess,
    params: courseParams,
    handler: async (ctx) => {
      const id = await learning.enrolSelf(ctx.db, ctx.actor, ctx.params.courseId, ctx.ip);
      return ctx.redirect(`/learning/e/${id}`, tOf(ctx)('elearning.learn.enrolled'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/my/learning',
    kind: 'page',
    access: learnAccess,
    handler: async (ctx) => {
      const t = tOf(ctx);
      const enrolments = await learning.myEnrolments(ctx.db, ctx.actor);
      return ctx.page(t('elearning.learn.my.title'), <MyLearningPage t={t} enrolments={enrolments} />);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/learning/e/:enrolmentId',
    kind: 'page',
    access: learnAccess,
    params: enrolmentParams,
    handler: async (ctx) => {
      const t = tOf(ctx);
      const o = await learning.overview(ctx.db, ctx.actor, ctx.params.enrolmentId);
      return ctx.page(
        o.content.title,
        <OverviewPage
          t={t}
          vm={{
            enrolmentId: o.enrolment.id,
            status: o.enrolment.status,
            done: o.enrolment.done,
            total: o.enrolment.total,
            percent: o.enrolment.percent,
            completedAt: o.enrolment.completedAt,
            minutes: o.minutes,
            content: o.content,
            doneIds: [...o.done],
            resume: o.resume,
            started: o.enrolment.startedAt !== null,
          }}
        />,
      );
    },
  }),
];

/** The learning routes of the digital-learning domain. */
export const learningRoutes: AnyRoute[] = [...learningPageRoutes, ...playerRoutes, ...learningApiRoutes];
