// Course management pages for providers and region admins: list, new/edit (no JavaScript; the competence
// picker searches inside the form), status changes, occasions and their sessions.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { searchCompetences } from '../../reference/index.ts';
import { catalogueMessages } from '../messages/catalogue.ts';
import { canManageCourses } from '../policy.ts';
import * as courses from '../service/catalogue-courses.ts';
import * as occasions from '../service/catalogue-occasions.ts';
import { courseFields, FINANCING, FORMATS, LANGUAGES, STATUSES } from '../service/catalogue-schema.ts';
import { CourseFormView } from '../views/catalogue-form.tsx';
import { CourseListView, CourseManageView } from '../views/catalogue-manage.tsx';
import { courseFormValues, formBody, parseWith } from './catalogue-shared.ts';

const access = policy('canManageCourses', canManageCourses);
const idParams = z.object({ id: z.string().uuid() });
const _occParams = z.object({ id: z.string().uuid(), oid: z.string().uuid() });
const _sessionParams = z.object({ id: z.string().uuid(), oid: z.string().uuid(), sid: z.string().uuid() });
type AnyCtx = Ctx<unknown, unknown, unknown>;
const tOf = (ctx: AnyCtx) => translator(catalogueMessages, ctx.locale);

async function renderForm(
  ctx: AnyCtx,
  opts: {
    courseId: string | null;
    values: Record<string, string>;
    competences: string[];
    hits?: { id: string; name: string }[] | null;
    errors?: FieldError[];
    status?: number;
    resubmitNote?: boolean;
  },
) {
  const t = tOf(ctx);
  const [choices, selected] = await Promise.all([
    courses.formChoices(ctx.db, ctx.actor),
    courses.competenceNames(ctx.db, opts.competences),
  ]);
  const heading = opts.courseId
    ? t('training.catalogue.form.editTitle')
    : t('training.catalogue.form.newTitle');
  return ctx.page(
    heading,
    <CourseFormView
      t={t}
      csrf={ctx.csrfToken()}
      errors={opts.errors ?? []}
      vm={{
        action: opts.courseId ? `/training/courses/${opts.courseId}/edit` : '/training/courses/new',
        heading,
        values: opts.values,
        selected,
        hits: opts.hits ?? null,
        ...choices,
        formats: FORMATS,
        financing: FINANCING,
        languages: LANGUAGES,
        resubmitNote: opts.resubmitNote ?? false,
      }}
    />,
    opts.status ?? 200,
  );
}

/** POST of the course form: a competence search re-renders; a save validates, then creates or updates. */
async function postCourseForm(ctx: AnyCtx, courseId: string | null) {
  const t = tOf(ctx);
  const { values, competences } = formBody(ctx.req.body);
  const resubmitNote = courseId ? !(await courses.getCourse(ctx.db, ctx.actor, courseId)).canApprove : false;
  if (values.action === 'searchCompetence') {
    const q = (values.competenceQ ?? '').trim().slice(0, 100);
    const hits = q
      ? (await searchCompetences(ctx.db, q, 15)).filter((c) => !competences.includes(c.conceptId))
      : [];
    return renderForm(ctx, {
      courseId,
      values,
      competences,
      hits: hits.map((c) => ({ id: c.conceptId, name: c.name })),
      resubmitNote,
    });
  }
  const parsed = parseWith(courseFields, { ...values, competences });
  const fail = (errors: FieldError[]) =>
    renderForm(ctx, { courseId, values, competences, errors, status: 422, resubmitNote });
  if (!parsed.ok) return fail(parsed.errors);
  try {
    if (courseId) {
      await courses.updateCourse(ctx.db, ctx.actor, courseId, parsed.value, ctx.ip);
      return ctx.redirect(`/training/courses/${courseId}`, t('training.catalogue.form.saved'));
    }
    const id = await courses.createCourse(ctx.db, ctx.actor, parsed.value, ctx.ip);
    return ctx.redirect(`/training/courses/${id}`, t('training.catalogue.form.created'));
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION') return fail(err.fields);
    throw err;
  }
}

async function renderCourse(ctx: AnyCtx, id: string, errors: FieldError[] = [], status = 200) {
  const t = tOf(ctx);
  const course = await courses.getCourse(ctx.db, ctx.actor, id);
  if (!course.canManage) throw new AppError('NOT_FOUND');
  const occ = await occasions.listCourseOccasions(ctx.db, ctx.actor, id);
  return ctx.page(
    course.title,
    <CourseManageView
      t={t}
      csrf={ctx.csrfToken()}
      errors={errors}
      vm={{ ...course, occasions: occ, enrolled: {} }}
    />,
    status,
  );
}

function statusRoute(action: 'submit' | 'approve' | 'withdraw') {
  return defineRoute({
    method: 'POST',
    url: `/training/courses/:id/${action}`,
    kind: 'page',
    access,
    params: idParams,
    handler: async (ctx) => {
      const t = tOf(ctx as AnyCtx);
      try {
        const to = await courses.changeStatus(ctx.db, ctx.actor, ctx.params.id, action, ctx.ip);
        return ctx.redirect(`/training/courses/${ctx.params.id}`, t(`training.catalogue.action.${to}`));
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION')
          return renderCourse(ctx as AnyCtx, ctx.params.id, err.fields, 422);
        if (err instanceof AppError && err.code === 'CONFLICT')
          return renderCourse(ctx as AnyCtx, ctx.params.id, [{ field: '_form', message: err.message }], 409);
        throw err;
      }
    },
  });
}

export const catalogueManageRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/training/courses',
    kind: 'page',
    access,
    query: z.object({ status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(STATUSES).optional()) }),
    handler: async (ctx) => {
      const t = tOf(ctx as AnyCtx);
      const rows = await courses.listManagedCourses(ctx.db, ctx.actor, ctx.query.status ?? null);
      const isAdmin = courses.adminRegionIdsOf(ctx.actor).length > 0;
      const heading = isAdmin
        ? t('training.catalogue.manage.adminTitle')
        : t('training.catalogue.manage.title');
      return ctx.page(
        heading,
        <CourseListView
          t={t}
          vm={{
            heading,
            status: ctx.query.status ?? null,
            statuses: STATUSES,
            rows: rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString().slice(0, 10) })),
          }}
        />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/training/courses/new',
    kind: 'page',
    access,
    handler: async (ctx) =>
      renderForm(ctx as AnyCtx, {
        courseId: null,
        values: { language: 'sv', completionAttendancePct: '80', priceSek: '0' },
        competences: [],
      }),
  }),
  defineRoute({
    method: 'POST',
    url: '/training/courses/new',
    kind: 'page',
    access,
    handler: async (ctx) => postCourseForm(ctx as AnyCtx, null),
  }),
  defineRoute({
    method: 'GET',
    url: '/training/courses/:id',
    kind: 'page',
    access,
    params: idParams,
    handler: async (ctx) => renderCourse(ctx as AnyCtx, ctx.params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/training/courses/:id/edit',
    kind: 'page',
    access,
    params: idParams,
    handler: async (ctx) => {
      const course = await courses.getCourse(ctx.db, ctx.actor, ctx.params.id);
      if (!course.canManage) throw new AppError('NOT_FOUND');
      return renderForm(ctx as AnyCtx, {
        courseId: course.id,
        values: courseFormValues(course),
        competences: course.competences.map((c) => c.id),
        resubmitNote: !course.canApprove && course.status === 'approved',
      });
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/training/courses/:id/edit',
    kind: 'page',
    access,
    params: idParams,
    handler: async (ctx) => postCourseForm(ctx as AnyCtx, ctx.params.id),
  }),
  statusRoute('submit'),
  statusRoute('approve'),
  statusRoute('withdraw'),
];
