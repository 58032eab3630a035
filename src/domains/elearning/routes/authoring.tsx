// Digital-course authoring pages (providers and region admins): the list, new course, the course overview
// with its checklist, course details, preview, publish and "new draft". Modules, lessons and questions are in
// authoring-content.tsx, uploads and serving of media in media.ts, the JSON twins in authoring-api.ts.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { type AnyRoute, defineRoute } from '../../../platform/http/registry.ts';
import { searchCompetences } from '../../reference/index.ts';
import * as authoring from '../service/authoring.ts';
import { LANGUAGES, metadataInput } from '../service/authoring-schema.ts';
import { publish } from '../service/publish.ts';
import { CourseListView, MetadataFormView } from '../views/authoring-form.tsx';
import { PreviewView } from '../views/authoring-preview.tsx';
import { frameSrcFor } from '../views/lesson-content.tsx';
import { authoringApiRoutes } from './authoring-api.ts';
import { contentRoutes } from './authoring-content.tsx';
import { renderCourse } from './authoring-overview.tsx';
import {
  type AnyCtx,
  access,
  day,
  formBody,
  metadataValues,
  parseWith,
  tOf,
  wctx,
  withFrameSrc,
} from './authoring-shared.ts';
import { mediaRoutes } from './media.ts';

const idParams = z.object({ id: z.string().uuid() });

async function renderForm(
  ctx: AnyCtx,
  opts: {
    courseId: string | null;
    values: Record<string, string>;
    competences: string[];
    hits?: { id: string; name: string }[] | null;
    errors?: FieldError[];
    status?: number;
  },
) {
  const t = tOf(ctx);
  const course = opts.courseId ? await authoring.authoredCourse(ctx.db, ctx.actor, opts.courseId) : null;
  const [choices, selected] = await Promise.all([
    authoring.metadataChoices(ctx.db, ctx.actor, course),
    authoring.competenceNames(ctx.db, opts.competences),
  ]);
  const heading = course ? t('elearning.author.form.editTitle') : t('elearning.author.form.newTitle');
  return ctx.page(
    heading,
    <MetadataFormView
      t={t}
      csrf={ctx.csrfToken()}
      errors={opts.errors ?? []}
      vm={{
        action: course ? `/learning/courses/${course.id}/edit` : '/learning/courses/new',
        heading,
        isNew: !course,
        cancelHref: course ? `/learning/courses/${course.id}` : '/learning/courses',
        values: opts.values,
        selected,
        hits: opts.hits ?? null,
        ...choices,
        languages: LANGUAGES,
      }}
    />,
    opts.status ?? 200,
  );
}

/** POST of the details form: a competence search re-renders; a save validates, then creates or updates. */
async function postForm(ctx: AnyCtx, courseId: string | null) {
  const t = tOf(ctx);
  const { values, competences } = formBody(ctx.req.body);
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
    });
  }
  const fail = (errors: FieldError[]) =>
    renderForm(ctx, { courseId, values, competences, errors, status: 422 });
  const parsed = parseWith(metadataInput, { ...values, competences });
  if (!parsed.ok) return fail(parsed.errors);
  try {
    if (courseId) {
      await authoring.updateMetadata(ctx.db, wctx(ctx), courseId, parsed.value);
      return ctx.redirect(`/learning/courses/${courseId}`, t('elearning.author.saved'));
    }
    const id = await authoring.createCourse(ctx.db, wctx(ctx), parsed.value);
    return ctx.redirect(`/learning/courses/${id}`, t('elearning.author.created'));
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION') return fail(err.fields);
    throw err;
  }
}

const pageRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/learning/courses',
    kind: 'page',
    access,
    handler: async (ctx) => {
      const rows = await authoring.listCourses(ctx.db, ctx.actor);
      const t = tOf(ctx as AnyCtx);
      return ctx.page(
        t('elearning.author.title'),
        <CourseListView
          t={t}
          vm={{
            rows: rows.map((r) => ({
              ...r,
              publishedAt: day(r.publishedAt),
              updatedAt: day(r.updatedAt) ?? '',
            })),
          }}
        />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/learning/courses/new',
    kind: 'page',
    access,
    handler: async (ctx) =>
      renderForm(ctx as AnyCtx, {
        courseId: null,
        values: { language: 'sv', hours: '2', issuesCredential: 'on' },
        competences: [],
      }),
  }),
  defineRoute({
    method: 'POST',
    url: '/learning/courses/new',
    kind: 'page',
    access,
    handler: async (ctx) => postForm(ctx as AnyCtx, null),
  }),
  defineRoute({
    method: 'GET',
    url: '/learning/courses/:id',
    kind: 'page',
    access,
    params: idParams,
    handler: async (ctx) => renderCourse(ctx as AnyCtx, ctx.params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/learning/courses/:id/edit',
    kind: 'page',
    access,
    params: idParams,
    handler: async (ctx) => {
      const o = await authoring.getCourse(ctx.db, ctx.actor, ctx.params.id);
      if (o.content.status !== 'draft') throw new AppError('CONFLICT', 'elearning.author.error.noDraft');
      return renderForm(ctx as AnyCtx, {
        courseId: ctx.params.id,
        values: metadataValues(o.content),
        competences: o.content.competences.map((c) => c.conceptId),
      });
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/learning/courses/:id/edit',
    kind: 'page',
    access,
    params: idParams,
    handler: async (ctx) => postForm(ctx as AnyCtx, ctx.params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/learning/courses/:id/preview',
    kind: 'page',
    access,
    params: idParams,
    query: z.object({ consent: z.enum(['1']).optional() }),
    handler: async (ctx) => {
      const t = tOf(ctx as AnyCtx);
      const o = await authoring.getCourse(ctx.db, ctx.actor, ctx.params.id);
      const consent = ctx.query.consent === '1';
      if (consent) {
        const origins = o.content.modules
          .flatMap((m) => m.lessons.map(frameSrcFor))
          .filter((x): x is string => !!x);
        const csp = withFrameSrc(ctx.reply.getHeader('content-security-policy'), origins);
        if (csp) ctx.reply.header('content-security-policy', csp);
      }
      return ctx.page(
        t('elearning.author.preview.title', { title: o.content.title }),
        <PreviewView
          t={t}
          locale={ctx.locale}
          content={o.content}
          consent={consent}
          consentUrl={`/learning/courses/${ctx.params.id}/preview?consent=1`}
        />,
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/learning/courses/:id/publish',
    kind: 'page',
    access,
    params: idParams,
    handler: async (ctx) => {
      try {
        const r = await publish(ctx.db, wctx(ctx as AnyCtx), ctx.params.id);
        return ctx.redirect(
          `/learning/courses/${ctx.params.id}`,
          tOf(ctx as AnyCtx)('elearning.author.published', { version: r.version }),
        );
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION')
          return renderCourse(ctx as AnyCtx, ctx.params.id, { status: 422 });
        throw err;
      }
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/learning/courses/:id/new-draft',
    kind: 'page',
    access,
    params: idParams,
    handler: async (ctx) => {
      await authoring.newDraft(ctx.db, wctx(ctx as AnyCtx), ctx.params.id);
      return ctx.redirect(
        `/learning/courses/${ctx.params.id}`,
        tOf(ctx as AnyCtx)('elearning.author.draftCreated'),
      );
    },
  }),
];

/** The authoring routes of the digital-learning domain (pages, media and /api/v1). */
export const authoringRoutes: AnyRoute[] = [
  ...pageRoutes,
  ...contentRoutes,
  ...mediaRoutes,
  ...authoringApiRoutes,
];
