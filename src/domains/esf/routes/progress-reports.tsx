// ESF progress reports (lägesrapport): list and create, one report with its indicators and editable texts,
// its tagged PDF, and the /api/v1 mirror. Spread into indicatorsRoutes.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { rawForm } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { renderMarkdown } from '../../../platform/markdown.ts';
import { messages } from '../messages.ts';
import { canSeeEsf, canSetEsfRules } from '../policy.ts';
import * as service from '../service/progress-reports.ts';
import { ReportPage, ReportsPage } from '../views/progress-reports.tsx';
import { reportListOut, reportOut } from './indicators-api.ts';

const access = policy('canSeeEsf', canSeeEsf);
const writeAccess = policy('canSetEsfRules', canSetEsfRules);
type AnyCtx = Ctx<unknown, unknown, unknown>;
const idParams = z.object({ id: z.string().uuid() });

async function renderList(
  ctx: AnyCtx,
  errors: FieldError[] = [],
  values?: Record<string, string>,
  status = 200,
) {
  const t = translator(messages, ctx.locale);
  const reports = await service.listReports(ctx.db, ctx.actor);
  return ctx.page(
    t('esf.reports.title'),
    <ReportsPage
      t={t}
      csrf={ctx.csrfToken()}
      vm={{
        reports,
        errors,
        values: { periodFrom: values?.periodFrom ?? '', periodTo: values?.periodTo ?? '' },
      }}
    />,
    status,
  );
}

async function renderReport(
  ctx: AnyCtx,
  id: string,
  opts: { errors?: FieldError[]; values?: Record<string, string>; conflict?: boolean; status?: number } = {},
) {
  const t = translator(messages, ctx.locale);
  const view = await service.getReport(ctx.db, ctx.actor, id);
  const v = opts.values;
  return ctx.page(
    t('esf.reports.reportTitle', { from: view.report.periodFrom, to: view.report.periodTo }),
    <ReportPage
      t={t}
      csrf={ctx.csrfToken()}
      vm={{
        view,
        activitiesHtml: renderMarkdown(view.report.activities),
        deviationsHtml: renderMarkdown(view.report.deviations),
        errors: opts.errors ?? [],
        values: v
          ? { activities: v.activities ?? '', deviations: v.deviations ?? '', version: v.version ?? '' }
          : null,
        conflict: opts.conflict ?? false,
      }}
    />,
    opts.status ?? 200,
  );
}

const apiReport = async (ctx: AnyCtx, id: string) => {
  const { report, indicators } = await service.getReport(ctx.db, ctx.actor, id);
  const { createdAt: _c, ...rest } = report;
  return { ...rest, indicators };
};

export const reportsRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/esf/reports',
    kind: 'page',
    access,
    handler: async (ctx) => renderList(ctx as AnyCtx),
  }),
  defineRoute({
    method: 'POST',
    url: '/esf/reports',
    kind: 'page',
    access: writeAccess,
    body: service.reportInput,
    handler: async (ctx) => {
      if (!ctx.form.ok) return renderList(ctx as AnyCtx, ctx.form.errors, ctx.form.raw, 422);
      const id = await service.createReport(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.form.value);
      return ctx.redirect(`/esf/reports/${id}`, translator(messages, ctx.locale)('esf.reports.created'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/esf/reports/:id.pdf',
    kind: 'page',
    access,
    params: idParams,
    handler: async (ctx) => {
      const pdf = await service.reportPdf(ctx.db, ctx.actor, ctx.params.id, ctx.locale);
      const t = translator(messages, ctx.locale);
      return ctx.reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `inline; filename="${t('esf.reports.fileName')}.pdf"`)
        .type('application/pdf')
        .send(pdf);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/esf/reports/:id',
    kind: 'page',
    access,
    params: idParams,
    handler: async (ctx) => renderReport(ctx as AnyCtx, ctx.params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/esf/reports/:id',
    kind: 'page',
    access: writeAccess,
    params: idParams,
    body: service.reportTextInput,
    handler: async (ctx) => {
      if (!ctx.form.ok)
        return renderReport(ctx as AnyCtx, ctx.params.id, {
          errors: ctx.form.errors,
          values: ctx.form.raw,
          status: 422,
        });
      try {
        await service.saveReport(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id, ctx.form.value);
      } catch (err) {
        if (err instanceof AppError && err.code === 'CONFLICT')
          return renderReport(ctx as AnyCtx, ctx.params.id, {
            values: rawForm(ctx.req.body),
            conflict: true,
            status: 409,
          });
        throw err;
      }
      return ctx.redirect(
        `/esf/reports/${ctx.params.id}`,
        translator(messages, ctx.locale)('esf.reports.saved'),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/esf/reports',
    kind: 'api',
    access,
    summary: 'The progress-report drafts of your programme',
    tag: 'ESF',
    response: reportListOut,
    handler: async (ctx) =>
      (await service.listReports(ctx.db, ctx.actor)).map(({ createdAt: _c, ...r }) => r),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/esf/reports',
    kind: 'api',
    access: writeAccess,
    body: service.reportInput,
    successStatus: 201,
    summary: 'Create a progress-report draft for a period',
    tag: 'ESF',
    response: reportOut,
    handler: async (ctx) => {
      const id = await service.createReport(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.body);
      return apiReport(ctx as AnyCtx, id);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/esf/reports/:id',
    kind: 'api',
    access,
    params: idParams,
    summary: 'A progress report with the indicators of its period',
    tag: 'ESF',
    response: reportOut,
    handler: async (ctx) => apiReport(ctx as AnyCtx, ctx.params.id),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/esf/reports/:id',
    kind: 'api',
    access: writeAccess,
    params: idParams,
    body: service.reportTextInput,
    summary: 'Save the activities and deviations (version as read; 409 when changed since)',
    tag: 'ESF',
    response: reportOut,
    handler: async (ctx) => {
      await service.saveReport(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id, ctx.body);
      return apiReport(ctx as AnyCtx, ctx.params.id);
    },
  }),
];
