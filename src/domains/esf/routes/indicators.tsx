// ESF indicators: the page for a period, the rows behind each figure, CSV/XLSX export and /api/v1; the
// progress reports' routes (routes/reports.tsx) are spread in here.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { canSeeEsf } from '../policy.ts';
import { FIGURES, figureRows, indicators } from '../service/indicators.ts';
import { exportIndicators, type IndicatorExportFormat } from '../service/indicators-export.ts';
import { IndicatorsPage } from '../views/indicators.tsx';
import { IndicatorRowsPage } from '../views/indicators-rows.tsx';
import { indicatorsOut, rowsOut } from './indicators-api.ts';
import { reportsRoutes } from './progress-reports.tsx';

const access = policy('canSeeEsf', canSeeEsf);
type AnyCtx = Ctx<unknown, unknown, unknown>;
const str = z.string().max(20).optional().catch(undefined);
const periodQuery = z.object({ from: str, to: str });
const rowsQuery = periodQuery.extend({ figure: z.enum(FIGURES) });

async function renderIndicators(ctx: AnyCtx, q: { from?: string | undefined; to?: string | undefined }) {
  const t = translator(messages, ctx.locale);
  let errors: FieldError[] = [];
  let ind: Awaited<ReturnType<typeof indicators>>;
  try {
    ind = await indicators(ctx.db, ctx.actor, q);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'VALIDATION')) throw err;
    errors = err.fields;
    ind = await indicators(ctx.db, ctx.actor, {});
  }
  const values = errors.length > 0 ? { from: q.from ?? '', to: q.to ?? '' } : { from: ind.from, to: ind.to };
  return ctx.page(
    t('esf.indicators.title'),
    <IndicatorsPage t={t} vm={{ indicators: ind, errors, values }} />,
    errors.length > 0 ? 422 : 200,
  );
}

function exportRoute(format: IndicatorExportFormat): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: `/esf/indicators/export.${format}`,
    kind: 'page',
    access,
    query: periodQuery,
    handler: async (ctx) => {
      const file = await exportIndicators(
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

export const indicatorsRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/esf/indicators',
    kind: 'page',
    access,
    query: periodQuery,
    handler: async (ctx) => renderIndicators(ctx as AnyCtx, ctx.query),
  }),
  defineRoute({
    method: 'GET',
    url: '/esf/indicators/rows',
    kind: 'page',
    access,
    query: rowsQuery,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const vm = await figureRows(ctx.db, ctx.actor, ctx.query.figure, ctx.query);
      return ctx.page(
        t('esf.indicators.rowsTitle', { figure: t(`esf.indicators.figure.${vm.figure}`) }),
        <IndicatorRowsPage t={t} vm={vm} />,
      );
    },
  }),
  exportRoute('csv'),
  exportRoute('xlsx'),
  defineRoute({
    method: 'GET',
    url: '/api/v1/esf/indicators',
    kind: 'api',
    access,
    query: periodQuery,
    summary: 'The indicators of a period (default programme start to today) against the targets',
    tag: 'ESF',
    response: indicatorsOut,
    handler: async (ctx) => indicators(ctx.db, ctx.actor, ctx.query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/esf/indicators/rows',
    kind: 'api',
    access,
    query: rowsQuery,
    summary: 'The rows behind one indicator figure (participants with masked numbers, or companies)',
    tag: 'ESF',
    response: rowsOut,
    handler: async (ctx) => figureRows(ctx.db, ctx.actor, ctx.query.figure, ctx.query),
  }),
  ...reportsRoutes,
];
