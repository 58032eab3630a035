// Pages of needs-to-course matching and unmet demand (no JavaScript needed); the JSON API mirror is in
// matching-api.ts. Access: suggestions through the companies domain (staff in scope, the company's own
// contacts); unmet demand for region admins (all) and municipality officers (their municipalities);
// the published snapshot for providers.
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { type AnyRoute, type Ctx, defineRoute, signedIn } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import * as matching from '../service/matching.ts';
import { enrolmentUrl } from '../service/matching-courses.ts';
import * as unmet from '../service/matching-unmet.ts';
import { MatchesView } from '../views/matching-matches.tsx';
import { PublishedUnmetView, UnmetView } from '../views/matching-unmet.tsx';
import {
  companyQuery,
  matchesAccess,
  matchingApiRoutes,
  publishAccess,
  publishedAccess,
  unmetAccess,
} from './matching-api.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function download(ctx: Ctx<unknown, unknown, unknown>, fileName: string, type: string) {
  return ctx.reply
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .type(type);
}

function exportRoute(format: 'csv' | 'xlsx'): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: `/training/unmet.${format}`,
    kind: 'page',
    access: unmetAccess,
    handler: async (ctx) => {
      const file = await unmet.exportUnmet(ctx.db, ctx.actor, format, ctx.ip);
      return download(
        ctx as Ctx<unknown, unknown, unknown>,
        `ej-mott-utbildningsbehov.${format}`,
        format === 'csv' ? 'text/csv; charset=utf-8' : XLSX,
      ).send(file);
    },
  });
}

const pageRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/training/matches',
    kind: 'page',
    access: matchesAccess,
    query: companyQuery,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const v = await matching.getMatches(ctx.db, ctx.actor, ctx.query.company);
      return ctx.page(
        t('training.matching.titleFor', { company: v.companyName }),
        <MatchesView
          t={t}
          vm={{
            companyId: v.companyId,
            companyName: v.companyName,
            submittedAt: v.submittedAt,
            needs: v.needs.map((n) => ({
              competence: n.competenceName ?? '–',
              coded: n.competenceId !== null,
              urgency: n.urgency,
              women: n.women,
              men: n.men,
            })),
            matches: v.matches.map((m) => ({
              courseId: m.courseId,
              title: m.title,
              providerName: m.providerName,
              format: m.format,
              matchedNames: m.matchedNames,
              occasionId: m.occasionId,
              startsOn: m.startsOn,
              score: m.score,
              reasons: m.reasons.map((r) => t(r.key, r.params)),
            })),
          }}
        />,
      );
    },
  }),
  exportRoute('csv'),
  exportRoute('xlsx'),
  defineRoute({
    method: 'GET',
    url: '/training/unmet',
    kind: 'page',
    access: unmetAccess,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const v = await unmet.getUnmet(ctx.db, ctx.actor);
      const last = await unmet.getPublishedUnmet(ctx.db, ctx.actor);
      return ctx.page(
        t('training.matching.unmet.title'),
        <UnmetView
          t={t}
          csrf={ctx.csrfToken()}
          vm={{
            audience: v.audience,
            cells: v.cells,
            canPublish: unmet.canPublishUnmet(ctx.actor),
            lastPublished: last ? { at: last.publishedAt, by: last.publishedByName } : null,
          }}
        />,
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/training/unmet/publish',
    kind: 'page',
    access: publishAccess,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      await unmet.publishUnmet(ctx.db, ctx.actor, ctx.ip);
      return ctx.redirect('/training/unmet', t('training.matching.unmet.published'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/training/unmet/published',
    kind: 'page',
    access: publishedAccess,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const p = await unmet.getPublishedUnmet(ctx.db, ctx.actor);
      return ctx.page(
        t('training.matching.published.title'),
        <PublishedUnmetView t={t} publishedAt={p?.publishedAt ?? null} cells={p?.content.cells ?? []} />,
      );
    },
  }),
  // The coaching plan links here: to the enrolment page of the course's next open occasion, else the course.
  defineRoute({
    method: 'GET',
    url: '/training/courses/:id/enrol-next',
    kind: 'page',
    access: signedIn,
    params: z.object({ id: z.string().uuid() }),
    handler: async (ctx) => {
      const url = await enrolmentUrl(ctx.db, ctx.params.id);
      if (!url) throw new AppError('NOT_FOUND');
      return ctx.redirect(url);
    },
  }),
];

/** Pages and API of the training matching. */
export const matchingRoutes: AnyRoute[] = [...pageRoutes, ...matchingApiRoutes];
