// The JSON twins of the authoring pages under /api/v1/learning/courses: the same service calls, validation
// and access (bearer token of a provider or region admin).
import { z } from 'zod';
import { type AnyRoute, defineRoute } from '../../../platform/http/registry.ts';
import { anyT } from '../../../platform/i18n/index.ts';
import * as authoring from '../service/authoring.ts';
import * as content from '../service/authoring-content.ts';
import {
  lessonInput,
  metadataInput,
  moduleInput,
  moveInput,
  newLessonInput,
  questionInput,
} from '../service/authoring-schema.ts';
import { checklist, publish } from '../service/publish.ts';
import { type AnyCtx, access, wctx } from './authoring-shared.ts';

const TAG = 'elearning';
const base = '/api/v1/learning/courses';
const courseParams = z.object({ id: z.string().uuid() });
const moduleParams = courseParams.extend({ moduleId: z.string().uuid() });
const lessonParams = courseParams.extend({ lessonId: z.string().uuid() });
const questionParams = courseParams.extend({ questionId: z.string().uuid() });

const media = z
  .object({
    id: z.string().uuid(),
    kind: z.string(),
    contentType: z.string(),
    filename: z.string(),
    language: z.string().nullable(),
    sizeBytes: z.number(),
  })
  .nullable();
const lessonOut = z.object({
  id: z.string().uuid(),
  key: z.string().uuid(),
  position: z.number().int(),
  kind: z.enum(['text', 'video', 'quiz', 'lti']),
  title: z.string(),
  body: z.string(),
  video: media,
  externalUrl: z.string().nullable(),
  captions: media,
  audioDescription: media,
  textAlternative: z.string(),
  pictureCarriesInformation: z.boolean(),
  passMark: z.number().int().nullable(),
  estimatedMinutes: z.number().int(),
  ltiLinkId: z.string().nullable(),
  questions: z.array(
    z.object({
      id: z.string().uuid(),
      key: z.string().uuid(),
      position: z.number().int(),
      kind: z.enum(['single', 'multiple']),
      prompt: z.string(),
      feedbackCorrect: z.string(),
      feedbackIncorrect: z.string(),
      options: z.array(
        z.object({
          id: z.string().uuid(),
          position: z.number().int(),
          label: z.string(),
          correct: z.boolean(),
          feedback: z.string(),
        }),
      ),
    }),
  ),
});
const checklistOut = z.array(
  z.object({ field: z.string(), message: z.string(), code: z.string(), href: z.string() }),
);
const courseOut = z.object({
  id: z.string().uuid(),
  providerOrgId: z.string().uuid(),
  providerName: z.string(),
  trainingCourseId: z.string().uuid().nullable(),
  issuesCredential: z.boolean(),
  versions: z.array(
    z.object({
      id: z.string().uuid(),
      version: z.number().int(),
      status: z.enum(['draft', 'published', 'superseded']),
      title: z.string(),
      createdAt: z.date(),
      publishedAt: z.date().nullable(),
    }),
  ),
  content: z.object({
    versionId: z.string().uuid(),
    version: z.number().int(),
    status: z.enum(['draft', 'published', 'superseded']),
    title: z.string(),
    summary: z.string(),
    criteria: z.string(),
    language: z.string(),
    hours: z.number(),
    sunLevelCode: z.string().nullable(),
    competences: z.array(z.object({ conceptId: z.string(), label: z.string() })),
    modules: z.array(
      z.object({
        id: z.string().uuid(),
        position: z.number().int(),
        title: z.string(),
        lessons: z.array(lessonOut),
      }),
    ),
  }),
  checklist: checklistOut,
});
const listOut = z.array(
  z.object({
    id: z.string().uuid(),
    title: z.string(),
    providerName: z.string(),
    draftVersion: z.number().int().nullable(),
    publishedVersion: z.number().int().nullable(),
    publishedAt: z.date().nullable(),
    updatedAt: z.date(),
  }),
);
const idOut = z.object({ id: z.string().uuid() });

async function courseJson(ctx: AnyCtx, id: string) {
  const o = await authoring.getCourse(ctx.db, ctx.actor, id);
  const c = o.content;
  const items = c.status === 'draft' ? await checklist(ctx.db, c) : [];
  const t = anyT(ctx.locale);
  return {
    id: c.courseId,
    providerOrgId: c.providerOrgId,
    providerName: c.providerName,
    trainingCourseId: c.trainingCourseId,
    issuesCredential: c.issuesCredential,
    versions: o.versions.map(({ publishedByName: _n, ...v }) => v),
    content: {
      versionId: c.versionId,
      version: c.version,
      status: c.status,
      title: c.title,
      summary: c.summary,
      criteria: c.criteria,
      language: c.language,
      hours: c.hours,
      sunLevelCode: c.sunLevel?.code ?? null,
      competences: c.competences,
      modules: c.modules.map((m) => ({
        id: m.id,
        position: m.position,
        title: m.title,
        lessons: m.lessons.map(({ moduleId: _m, ...l }) => l),
      })),
    },
    checklist: items.map((i) => ({
      field: i.field,
      code: i.message,
      message: t(i.message, i.params),
      href: i.href,
    })),
  };
}

const ctxOf = (ctx: unknown) => ctx as AnyCtx;

export const authoringApiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: base,
    kind: 'api',
    access,
    summary: 'Digital courses the caller may author',
    tag: TAG,
    response: listOut,
    handler: async (ctx) => authoring.listCourses(ctx.db, ctx.actor),
  }),
  defineRoute({
    method: 'POST',
    url: base,
    kind: 'api',
    access,
    body: metadataInput,
    summary: 'Create a digital course (its first draft version)',
    tag: TAG,
    response: courseOut,
    successStatus: 201,
    handler: async (ctx) =>
      courseJson(ctxOf(ctx), await authoring.createCourse(ctx.db, wctx(ctxOf(ctx)), ctx.body)),
  }),
  defineRoute({
    method: 'GET',
    url: `${base}/:id`,
    kind: 'api',
    access,
    params: courseParams,
    summary: 'A digital course: versions, the draft (or published) content in full, the publish checklist',
    tag: TAG,
    response: courseOut,
    handler: async (ctx) => courseJson(ctxOf(ctx), ctx.params.id),
  }),
  defineRoute({
    method: 'PUT',
    url: `${base}/:id`,
    kind: 'api',
    access,
    params: courseParams,
    body: metadataInput,
    summary: 'Update the draft’s details, the catalogue link and the credential switch',
    tag: TAG,
    response: courseOut,
    handler: async (ctx) => {
      await authoring.updateMetadata(ctx.db, wctx(ctxOf(ctx)), ctx.params.id, ctx.body);
      return courseJson(ctxOf(ctx), ctx.params.id);
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${base}/:id/publish`,
    kind: 'api',
    access,
    params: courseParams,
    summary: 'Publish the draft (422 with the checklist items as errors when it cannot be published)',
    tag: TAG,
    response: courseOut,
    handler: async (ctx) => {
      await publish(ctx.db, wctx(ctxOf(ctx)), ctx.params.id);
      return courseJson(ctxOf(ctx), ctx.params.id);
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${base}/:id/new-draft`,
    kind: 'api',
    access,
    params: courseParams,
    summary: 'A new draft copied from the published version',
    tag: TAG,
    response: courseOut,
    successStatus: 201,
    handler: async (ctx) => {
      await authoring.newDraft(ctx.db, wctx(ctxOf(ctx)), ctx.params.id);
      return courseJson(ctxOf(ctx), ctx.params.id);
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${base}/:id/modules`,
    kind: 'api',
    access,
    params: courseParams,
    body: moduleInput,
    summary: 'Add a module to the draft',
    tag: TAG,
    response: idOut,
    successStatus: 201,
    handler: async (ctx) => ({
      id: await content.addModule(ctx.db, wctx(ctxOf(ctx)), ctx.params.id, ctx.body),
    }),
  }),
  defineRoute({
    method: 'PUT',
    url: `${base}/:id/modules/:moduleId`,
    kind: 'api',
    access,
    params: moduleParams,
    body: moduleInput,
    summary: 'Rename a module of the draft',
    tag: TAG,
    handler: async (ctx) => {
      await content.renameModule(ctx.db, wctx(ctxOf(ctx)), ctx.params.id, ctx.params.moduleId, ctx.body);
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${base}/:id/modules/:moduleId/lessons`,
    kind: 'api',
    access,
    params: moduleParams,
    body: newLessonInput,
    summary: 'Add a lesson (text, video, quiz or lti) to a module of the draft',
    tag: TAG,
    response: idOut,
    successStatus: 201,
    handler: async (ctx) => ({
      id: await content.addLesson(ctx.db, wctx(ctxOf(ctx)), ctx.params.id, ctx.params.moduleId, ctx.body),
    }),
  }),
  defineRoute({
    method: 'PUT',
    url: `${base}/:id/lessons/:lessonId`,
    kind: 'api',
    access,
    params: lessonParams,
    body: lessonInput,
    summary: 'Update a lesson of the draft (fields of other kinds are ignored)',
    tag: TAG,
    handler: async (ctx) => {
      await content.updateLesson(ctx.db, wctx(ctxOf(ctx)), ctx.params.id, ctx.params.lessonId, ctx.body);
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${base}/:id/lessons/:lessonId/questions`,
    kind: 'api',
    access,
    params: lessonParams,
    body: questionInput,
    summary: 'Add a question with its options to a quiz of the draft',
    tag: TAG,
    response: idOut,
    successStatus: 201,
    handler: async (ctx) => ({
      id: await content.addQuestion(ctx.db, wctx(ctxOf(ctx)), ctx.params.id, ctx.params.lessonId, ctx.body),
    }),
  }),
  defineRoute({
    method: 'PUT',
    url: `${base}/:id/questions/:questionId`,
    kind: 'api',
    access,
    params: questionParams,
    body: questionInput,
    summary: 'Replace a question of the draft and its options',
    tag: TAG,
    handler: async (ctx) => {
      await content.updateQuestion(ctx.db, wctx(ctxOf(ctx)), ctx.params.id, ctx.params.questionId, ctx.body);
    },
  }),
  ...(['module', 'lesson', 'question'] as const).flatMap((kind) => {
    const params = (
      kind === 'module' ? moduleParams : kind === 'lesson' ? lessonParams : questionParams
    ) as z.ZodType<Record<string, string>>;
    const url = `${base}/:id/${kind}s/:${kind}Id`;
    const rowId = (p: Record<string, string>) => p[`${kind}Id`] as string;
    return [
      defineRoute({
        method: 'POST',
        url: `${url}/move`,
        kind: 'api',
        access,
        params,
        body: moveInput,
        summary: `Move a ${kind} of the draft up or down`,
        tag: TAG,
        handler: async (ctx) => {
          const p = ctx.params as Record<string, string>;
          await content.move(ctx.db, wctx(ctxOf(ctx)), p.id as string, kind, rowId(p), ctx.body.direction);
        },
      }),
      defineRoute({
        method: 'DELETE',
        url,
        kind: 'api',
        access,
        params,
        summary: `Delete a ${kind} of the draft`,
        tag: TAG,
        handler: async (ctx) => {
          const p = ctx.params as Record<string, string>;
          await content.remove(ctx.db, wctx(ctxOf(ctx)), p.id as string, kind, rowId(p));
        },
      }),
    ];
  }),
];
