import { AppError, type FieldError } from '../../platform/errors.ts';
import { type AnyRoute, type Ctx, defineRoute, PUBLIC, policy } from '../../platform/http/registry.ts';
import { insightsApiRoutes } from './api.ts';
import { insightsT } from './messages.ts';
import { canViewInsights } from './policy.ts';
import { lagTolerant, toRollupQuery } from './routes-support.ts';
import { missingQuery, rollupQuery, roundQuery, targetForm } from './schema.ts';
import * as coverage from './service/coverage.ts';
import { codebookSheet, exportData, toCsv, toXlsx } from './service/export.ts';
import * as service from './service.ts';
import { CoveragePage, MissingPage, OverviewPage, PublicPage } from './views/pages.tsx';
import { RollupPage } from './views/rollup.tsx';

const access = policy('canViewInsights', canViewInsights);

async function renderCoverage(
  ctx: Ctx<unknown, unknown, unknown>,
  round: string | null,
  errors: FieldError[],
  values: Record<string, string>,
  status = 200,
) {
  const t = insightsT(ctx.locale);
  const view = await coverage.coverageView(ctx.db, ctx.actor, { round, locale: ctx.locale });
  return ctx.page(
    t('coverage.title'),
    <CoveragePage t={t} view={view} csrf={ctx.csrfToken()} errors={errors} values={values} />,
    status,
  );
}

function download(ctx: Ctx<unknown, unknown, unknown>, fileName: string, type: string) {
  return ctx.reply
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .type(type);
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function exportRoute(kind: 'wide' | 'needs', format: 'csv' | 'xlsx'): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: `/insights/export/${kind}.${format}`,
    kind: 'page',
    access,
    query: rollupQuery,
    handler: async (ctx) => {
      const data = await exportData(ctx.db, ctx.actor, {
        kind,
        query: toRollupQuery(ctx.query),
        locale: ctx.locale,
        ip: ctx.ip,
      });
      const base = `kompetensbehov-${kind}-${data.kind}`;
      if (format === 'xlsx') return download(ctx, `${base}.xlsx`, XLSX).send(await toXlsx(data.sheets));
      const [sheet] = data.sheets;
      return download(ctx, `${base}.csv`, 'text/csv; charset=utf-8').send(sheet ? toCsv(sheet) : '\ufeff');
    },
  });
}

export const insightsPageRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/insights',
    kind: 'page',
    access,
    query: roundQuery,
    handler: async (ctx) => {
      const t = insightsT(ctx.locale);
      const audience = service.requireInsights(ctx.actor);
      const opts = { round: ctx.query.round ?? null, locale: ctx.locale };
      const top = await service.topCompetences(lagTolerant(ctx.db), audience, { ...opts, limit: 15 });
      const recruit = await service.recruitmentDifficulty(lagTolerant(ctx.db), audience, opts);
      return ctx.page(t('insights.title'), <OverviewPage t={t} top={top} recruit={recruit} canSeeCoverage />);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/insights/needs',
    kind: 'page',
    access,
    query: rollupQuery,
    handler: async (ctx) => {
      const t = insightsT(ctx.locale);
      const query = toRollupQuery(ctx.query);
      const audience = service.requireInsights(ctx.actor, query.filters.municipality);
      const view = await service.needsRollup(lagTolerant(ctx.db), audience, query, ctx.locale);
      return ctx.page(t('insights.needs'), <RollupPage view={view} t={t} />);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/insights/coverage',
    kind: 'page',
    access,
    query: roundQuery,
    handler: async (ctx) => renderCoverage(ctx, ctx.query.round ?? null, [], {}),
  }),
  defineRoute({
    method: 'POST',
    url: '/insights/coverage/targets',
    kind: 'page',
    access,
    body: targetForm,
    handler: async (ctx) => {
      const t = insightsT(ctx.locale);
      if (!ctx.form.ok)
        return renderCoverage(ctx, ctx.form.raw.roundId ?? null, ctx.form.errors, ctx.form.raw, 422);
      const input = ctx.form.value;
      try {
        await coverage.setTarget(ctx.db, ctx.actor, input);
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION')
          return renderCoverage(ctx, null, err.fields, { ...input, target: String(input.target) }, 422);
        throw err;
      }
      return ctx.redirect(`/insights/coverage?round=${input.roundId}`, t('coverage.targetSaved'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/insights/coverage/missing',
    kind: 'page',
    access,
    query: missingQuery,
    handler: async (ctx) => {
      const t = insightsT(ctx.locale);
      const result = await coverage.missingCompanies(ctx.db, ctx.actor, {
        round: ctx.query.round ?? null,
        municipality: ctx.query.municipality,
        sniSection: ctx.query.sniSection,
      });
      const back = `/insights/coverage${result.roundId ? `?round=${result.roundId}` : ''}`;
      return ctx.page(
        t('coverage.missingTitle'),
        <MissingPage t={t} companies={result.companies} back={back} />,
      );
    },
  }),
  exportRoute('wide', 'csv'),
  exportRoute('wide', 'xlsx'),
  exportRoute('needs', 'csv'),
  exportRoute('needs', 'xlsx'),
  defineRoute({
    method: 'GET',
    url: '/insights/export/codebook.csv',
    kind: 'page',
    access,
    query: rollupQuery,
    handler: async (ctx) => {
      const query = toRollupQuery(ctx.query);
      const wide = await exportData(ctx.db, ctx.actor, {
        kind: 'wide',
        query,
        locale: ctx.locale,
        ip: ctx.ip,
      });
      const needs = await exportData(ctx.db, ctx.actor, {
        kind: 'needs',
        query,
        locale: ctx.locale,
        ip: ctx.ip,
      });
      const sheet = codebookSheet([...wide.sheets, ...needs.sheets]);
      return download(ctx, 'kodbok.csv', 'text/csv; charset=utf-8').send(toCsv(sheet));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/statistik',
    kind: 'page',
    access: PUBLIC,
    handler: async (ctx) => {
      const t = insightsT(ctx.locale);
      const summary = await service.publicSummary(lagTolerant(ctx.db), ctx.locale);
      return ctx.page(t('public.title'), <PublicPage t={t} summary={summary} />);
    },
  }),
];

/** The county roll-up, coverage, exports and the public summary (pages and /api/v1). */
export const insightsRoutes: AnyRoute[] = [...insightsPageRoutes, ...insightsApiRoutes];
