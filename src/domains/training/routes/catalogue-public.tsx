// The public course catalogue (no login): search at /kurser, a course's page and the iCalendar feeds.
import { z } from 'zod';
import { type AnyRoute, type Ctx, defineRoute, PUBLIC } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { catalogueMessages } from '../messages/catalogue.ts';
import * as courses from '../service/catalogue-courses.ts';
import * as occasions from '../service/catalogue-occasions.ts';
import { FORMATS, LANGUAGES, searchQuery } from '../service/catalogue-schema.ts';
import { catalogueCalendar, catalogueFilters, searchCatalogue } from '../service/catalogue-search.ts';
import { CatalogueSearchView, CoursePageView } from '../views/catalogue-public.tsx';

const idParams = z.object({ id: z.string().uuid() });
type AnyCtx = Ctx<unknown, unknown, unknown>;

function sendIcs(ctx: AnyCtx, body: string, filename: string) {
  return ctx.reply
    .code(200)
    .header('content-type', 'text/calendar; charset=utf-8')
    .header('content-disposition', `inline; filename="${filename}"`)
    .header('cache-control', 'public, max-age=300')
    .send(body);
}

export const cataloguePublicRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/kurser',
    kind: 'page',
    access: PUBLIC,
    query: searchQuery,
    handler: async (ctx) => {
      const t = translator(catalogueMessages, ctx.locale);
      const [result, filters] = await Promise.all([
        searchCatalogue(ctx.db, ctx.query),
        catalogueFilters(ctx.db),
      ]);
      const q: Record<string, string> = {};
      for (const [k, v] of Object.entries(ctx.query)) if (v !== undefined) q[k] = String(v);
      return ctx.page(
        ctx.query.q ? `${t('training.catalogue.title')}: ${ctx.query.q}` : t('training.catalogue.title'),
        <CatalogueSearchView
          t={t}
          vm={{ q, ...result, ...filters, formats: FORMATS, languages: LANGUAGES }}
        />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/kurser/kalender.ics',
    kind: 'page',
    access: PUBLIC,
    handler: async (ctx) =>
      sendIcs(ctx as AnyCtx, await catalogueCalendar(ctx.db, ctx.deps.baseUrl), 'kurser.ics'),
  }),
  defineRoute({
    method: 'GET',
    url: '/kurser/:id',
    kind: 'page',
    access: PUBLIC,
    params: idParams,
    handler: async (ctx) => {
      const t = translator(catalogueMessages, ctx.locale);
      const course = await courses.getCourse(ctx.db, ctx.maybeActor, ctx.params.id);
      // The public page shows upcoming open occasions; managers see a draft's too.
      const occ = await occasions.listCourseOccasions(
        ctx.db,
        course.status === 'approved' ? null : ctx.maybeActor,
        ctx.params.id,
      );
      return ctx.page(
        course.title,
        <CoursePageView
          t={t}
          vm={{ ...course, occasions: occ }}
          manageHref={course.canManage ? `/training/courses/${course.id}` : null}
        />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/kurser/:id/kalender.ics',
    kind: 'page',
    access: PUBLIC,
    params: idParams,
    handler: async (ctx) => {
      const course = await courses.getCourse(ctx.db, null, ctx.params.id);
      return sendIcs(
        ctx as AnyCtx,
        await catalogueCalendar(ctx.db, ctx.deps.baseUrl, course.id, course.title),
        'kurs.ics',
      );
    },
  }),
];
