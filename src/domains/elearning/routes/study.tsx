// The digital-learning study (issue 7): the page with its filters, CSV/XLSX exports and the /api/v1 twin,
// for the region's administrators and ESF administrators.
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { canSeeLearningStudy } from '../policy-study.ts';
import { type Study, type StudyQuery, study, studyChoicesOf } from '../service/study.ts';
import { exportStudy, type StudyExportFormat } from '../service/study-export.ts';
import { StudyPage, type StudyVM } from '../views/study.tsx';
import { studyOut, studyQuery } from './study-schema.ts';

const access = policy('canSeeLearningStudy', canSeeLearningStudy);
type AnyCtx = Ctx<unknown, unknown, StudyQuery>;
const FILTERS = ['from', 'to', 'provider', 'municipality', 'course', 'version'] as const;

async function renderStudy(ctx: AnyCtx, q: StudyQuery) {
  const t = translator(messages, ctx.locale);
  let errors: FieldError[] = [];
  let s: Study;
  try {
    s = await study(ctx.db, ctx.actor, q);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'VALIDATION')) throw err;
    errors = err.fields;
    s = await study(ctx.db, ctx.actor, {});
  }
  const values = Object.fromEntries(FILTERS.map((k) => [k, q[k]?.trim() ?? ''])) as StudyVM['values'];
  const vm: StudyVM = { study: s, choices: await studyChoicesOf(ctx.db, ctx.actor), errors, values };
  return ctx.page(t('elearning.study.title'), <StudyPage t={t} vm={vm} />, errors.length > 0 ? 422 : 200);
}

function exportRoute(format: StudyExportFormat): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: `/learning/study/export.${format}`,
    kind: 'page',
    access,
    query: studyQuery,
    handler: async (ctx) => {
      const file = await exportStudy(
        ctx.db,
        { actor: ctx.actor, ip: ctx.ip, locale: ctx.locale },
        ctx.query,
        format,
      );
      return ctx.reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .type(file.contentType)
        .send(file.body);
    },
  });
}

/** The study routes of the digital-learning domain. */
export const studyRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/learning/study',
    kind: 'page',
    access,
    query: studyQuery,
    handler: async (ctx) => renderStudy(ctx as unknown as AnyCtx, ctx.query),
  }),
  exportRoute('csv'),
  exportRoute('xlsx'),
  defineRoute({
    method: 'GET',
    url: '/api/v1/learning/study',
    kind: 'api',
    access,
    query: studyQuery,
    summary:
      'Digital-learning study: key figures per course, provider, municipality and gender (fewer than 5 learners suppressed as null) and the module funnel of a course version',
    tag: 'Digital learning',
    response: studyOut,
    handler: async (ctx) => study(ctx.db, ctx.actor, ctx.query),
  }),
];
