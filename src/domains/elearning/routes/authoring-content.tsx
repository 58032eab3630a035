// Pages that edit a draft's modules, lessons and quiz questions: add, edit, move up/down, delete. Each form
// works without JavaScript; a failed save re-renders with the errors and the input kept.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { type AnyRoute, defineRoute } from '../../../platform/http/registry.ts';
import * as content from '../service/authoring-content.ts';
import {
  lessonInput,
  MAX_OPTIONS,
  moduleInput,
  moveInput,
  newLessonInput,
  questionFromForm,
  questionInput,
} from '../service/authoring-schema.ts';
import { LessonFormView, ModuleFormView, QuestionFormView } from '../views/authoring-edit.tsx';
import { renderCourse } from './authoring-overview.tsx';
import {
  type AnyCtx,
  access,
  formBody,
  lessonValues,
  parseWith,
  questionValues,
  tOf,
  wctx,
} from './authoring-shared.ts';

const courseParams = z.object({ id: z.string().uuid() });
const moduleParams = courseParams.extend({ moduleId: z.string().uuid() });
const lessonParams = courseParams.extend({ lessonId: z.string().uuid() });
const questionParams = courseParams.extend({ questionId: z.string().uuid() });
const courseUrl = (id: string) => `/learning/courses/${id}`;

/** Runs a save; a VALIDATION error re-renders through `fail`. */
async function attempt(fail: (errors: FieldError[]) => Promise<unknown>, run: () => Promise<unknown>) {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION') return fail(err.fields);
    throw err;
  }
}

async function renderModule(
  ctx: AnyCtx,
  id: string,
  moduleId: string,
  values?: Record<string, string>,
  errors: FieldError[] = [],
) {
  const t = tOf(ctx);
  const parts = await content.draftParts(ctx.db, ctx.actor, id);
  const m = parts.module(moduleId);
  return ctx.page(
    t('elearning.author.modules.editTitle'),
    <ModuleFormView
      t={t}
      csrf={ctx.csrfToken()}
      errors={errors}
      vm={{
        courseHref: courseUrl(id),
        action: `${courseUrl(id)}/modules/${moduleId}`,
        values: values ?? { title: m.title },
      }}
    />,
    errors.length > 0 ? 422 : 200,
  );
}

async function renderLesson(
  ctx: AnyCtx,
  id: string,
  lessonId: string,
  values?: Record<string, string>,
  errors: FieldError[] = [],
) {
  const t = tOf(ctx);
  const parts = await content.draftParts(ctx.db, ctx.actor, id);
  const l = parts.lesson(lessonId);
  const choices = await content.lessonChoices(ctx.db, parts.content.providerOrgId);
  return ctx.page(
    t('elearning.author.lesson.editTitle', { title: l.title }),
    <LessonFormView
      t={t}
      csrf={ctx.csrfToken()}
      errors={errors}
      vm={{
        courseHref: courseUrl(id),
        action: `${courseUrl(id)}/lessons/${lessonId}`,
        values: values ?? lessonValues(l),
        kind: l.kind,
        title: l.title,
        media: choices.media,
        ltiLinks: choices.ltiLinks,
        questions: l.questions.map((q) => ({ id: q.id, position: q.position, prompt: q.prompt })),
      }}
    />,
    errors.length > 0 ? 422 : 200,
  );
}

async function renderQuestion(
  ctx: AnyCtx,
  id: string,
  target: { lessonId: string } | { questionId: string },
  values?: Record<string, string>,
  errors: FieldError[] = [],
) {
  const t = tOf(ctx);
  const parts = await content.draftParts(ctx.db, ctx.actor, id);
  const isNew = 'lessonId' in target;
  let v = values;
  if (isNew) parts.lesson(target.lessonId);
  else v ??= questionValues(parts.question(target.questionId).question);
  const action = isNew
    ? `${courseUrl(id)}/lessons/${target.lessonId}/questions/new`
    : `${courseUrl(id)}/questions/${target.questionId}`;
  return ctx.page(
    isNew ? t('elearning.author.questions.newTitle') : t('elearning.author.questions.editTitle'),
    <QuestionFormView
      t={t}
      csrf={ctx.csrfToken()}
      errors={errors}
      vm={{ courseHref: courseUrl(id), action, values: v ?? { kind: 'single' }, isNew, slots: MAX_OPTIONS }}
    />,
    errors.length > 0 ? 422 : 200,
  );
}

/** Move up/down and delete of one kind of row. */
function rowRoutes(kind: 'module' | 'lesson' | 'question'): AnyRoute[] {
  const params = (
    kind === 'module' ? moduleParams : kind === 'lesson' ? lessonParams : questionParams
  ) as z.ZodType<Record<string, string>>;
  const path = `/learning/courses/:id/${kind}s/:${kind}Id`;
  const rowId = (p: Record<string, string>) => p[`${kind}Id`] as string;
  const back = (p: Record<string, string>, lessonId?: string) =>
    kind === 'question' && lessonId
      ? `${courseUrl(p.id as string)}/lessons/${lessonId}`
      : courseUrl(p.id as string);
  const lessonOf = async (ctx: AnyCtx, p: Record<string, string>) =>
    kind === 'question'
      ? (await content.draftParts(ctx.db, ctx.actor, p.id as string)).question(rowId(p)).lesson.id
      : undefined;
  return [
    defineRoute({
      method: 'POST',
      url: `${path}/move`,
      kind: 'page',
      access,
      params,
      body: moveInput,
      handler: async (ctx) => {
        const p = ctx.params as Record<string, string>;
        if (!ctx.form.ok) throw new AppError('VALIDATION', 'error.422.body', ctx.form.errors);
        const lessonId = await lessonOf(ctx as AnyCtx, p);
        await content.move(
          ctx.db,
          wctx(ctx as AnyCtx),
          p.id as string,
          kind,
          rowId(p),
          ctx.form.value.direction,
        );
        return ctx.redirect(back(p, lessonId), tOf(ctx as AnyCtx)('elearning.author.moved'));
      },
    }),
    defineRoute({
      method: 'POST',
      url: `${path}/delete`,
      kind: 'page',
      access,
      params,
      handler: async (ctx) => {
        const p = ctx.params as Record<string, string>;
        const lessonId = await lessonOf(ctx as AnyCtx, p);
        await content.remove(ctx.db, wctx(ctx as AnyCtx), p.id as string, kind, rowId(p));
        return ctx.redirect(back(p, lessonId), tOf(ctx as AnyCtx)('elearning.author.deleted'));
      },
    }),
  ];
}

export const contentRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/learning/courses/:id/modules',
    kind: 'page',
    access,
    params: courseParams,
    body: moduleInput,
    handler: async (ctx) => {
      const id = ctx.params.id;
      const fail = (errors: FieldError[]) => renderCourse(ctx as AnyCtx, id, { errors, status: 422 });
      if (!ctx.form.ok) return fail(ctx.form.errors);
      const v = ctx.form.value;
      return attempt(fail, async () => {
        await content.addModule(ctx.db, wctx(ctx as AnyCtx), id, v);
        return ctx.redirect(`${courseUrl(id)}#modules`, tOf(ctx as AnyCtx)('elearning.author.modules.added'));
      });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/learning/courses/:id/modules/:moduleId',
    kind: 'page',
    access,
    params: moduleParams,
    handler: async (ctx) => renderModule(ctx as AnyCtx, ctx.params.id, ctx.params.moduleId),
  }),
  defineRoute({
    method: 'POST',
    url: '/learning/courses/:id/modules/:moduleId',
    kind: 'page',
    access,
    params: moduleParams,
    body: moduleInput,
    handler: async (ctx) => {
      const { id, moduleId } = ctx.params;
      const values = formBody(ctx.req.body).values;
      const fail = (errors: FieldError[]) => renderModule(ctx as AnyCtx, id, moduleId, values, errors);
      if (!ctx.form.ok) return fail(ctx.form.errors);
      const v = ctx.form.value;
      return attempt(fail, async () => {
        await content.renameModule(ctx.db, wctx(ctx as AnyCtx), id, moduleId, v);
        return ctx.redirect(courseUrl(id), tOf(ctx as AnyCtx)('elearning.author.saved'));
      });
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/learning/courses/:id/modules/:moduleId/lessons',
    kind: 'page',
    access,
    params: moduleParams,
    body: newLessonInput,
    handler: async (ctx) => {
      const { id, moduleId } = ctx.params;
      const fail = (errors: FieldError[]) => renderCourse(ctx as AnyCtx, id, { errors, status: 422 });
      if (!ctx.form.ok) return fail(ctx.form.errors);
      const v = ctx.form.value;
      return attempt(fail, async () => {
        const lessonId = await content.addLesson(ctx.db, wctx(ctx as AnyCtx), id, moduleId, v);
        return ctx.redirect(
          `${courseUrl(id)}/lessons/${lessonId}`,
          tOf(ctx as AnyCtx)('elearning.author.lessons.added'),
        );
      });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/learning/courses/:id/lessons/:lessonId',
    kind: 'page',
    access,
    params: lessonParams,
    handler: async (ctx) => renderLesson(ctx as AnyCtx, ctx.params.id, ctx.params.lessonId),
  }),
  defineRoute({
    method: 'POST',
    url: '/learning/courses/:id/lessons/:lessonId',
    kind: 'page',
    access,
    params: lessonParams,
    body: lessonInput,
    handler: async (ctx) => {
      const { id, lessonId } = ctx.params;
      const values = formBody(ctx.req.body).values;
      const fail = (errors: FieldError[]) => renderLesson(ctx as AnyCtx, id, lessonId, values, errors);
      if (!ctx.form.ok) return fail(ctx.form.errors);
      const v = ctx.form.value;
      return attempt(fail, async () => {
        await content.updateLesson(ctx.db, wctx(ctx as AnyCtx), id, lessonId, v);
        return ctx.redirect(
          `${courseUrl(id)}/lessons/${lessonId}`,
          tOf(ctx as AnyCtx)('elearning.author.saved'),
        );
      });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/learning/courses/:id/lessons/:lessonId/questions/new',
    kind: 'page',
    access,
    params: lessonParams,
    handler: async (ctx) => renderQuestion(ctx as AnyCtx, ctx.params.id, { lessonId: ctx.params.lessonId }),
  }),
  defineRoute({
    method: 'POST',
    url: '/learning/courses/:id/lessons/:lessonId/questions/new',
    kind: 'page',
    access,
    params: lessonParams,
    handler: async (ctx) => {
      const { id, lessonId } = ctx.params;
      const values = formBody(ctx.req.body).values;
      const fail = (errors: FieldError[]) => renderQuestion(ctx as AnyCtx, id, { lessonId }, values, errors);
      const parsed = parseWith(questionInput, questionFromForm(values));
      if (!parsed.ok) return fail(parsed.errors);
      return attempt(fail, async () => {
        await content.addQuestion(ctx.db, wctx(ctx as AnyCtx), id, lessonId, parsed.value);
        return ctx.redirect(
          `${courseUrl(id)}/lessons/${lessonId}#questions`,
          tOf(ctx as AnyCtx)('elearning.author.questions.added'),
        );
      });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/learning/courses/:id/questions/:questionId',
    kind: 'page',
    access,
    params: questionParams,
    handler: async (ctx) =>
      renderQuestion(ctx as AnyCtx, ctx.params.id, { questionId: ctx.params.questionId }),
  }),
  defineRoute({
    method: 'POST',
    url: '/learning/courses/:id/questions/:questionId',
    kind: 'page',
    access,
    params: questionParams,
    handler: async (ctx) => {
      const { id, questionId } = ctx.params;
      const values = formBody(ctx.req.body).values;
      const fail = (errors: FieldError[]) =>
        renderQuestion(ctx as AnyCtx, id, { questionId }, values, errors);
      const parsed = parseWith(questionInput, questionFromForm(values));
      if (!parsed.ok) return fail(parsed.errors);
      return attempt(fail, async () => {
        await content.updateQuestion(ctx.db, wctx(ctx as AnyCtx), id, questionId, parsed.value);
        const parts = await content.draftParts(ctx.db, ctx.actor, id);
        const lessonId = parts.question(questionId).lesson.id;
        return ctx.redirect(
          `${courseUrl(id)}/lessons/${lessonId}#questions`,
          tOf(ctx as AnyCtx)('elearning.author.saved'),
        );
      });
    },
  }),
  ...rowRoutes('module'),
  ...rowRoutes('lesson'),
  ...rowRoutes('question'),
];
