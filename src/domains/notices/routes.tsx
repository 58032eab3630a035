// The accessibility statement, the privacy notice, the public report form and the region administrators'
// report list, as pages and as /api/v1.
import type { z } from 'zod';
import type { FieldError } from '../../platform/errors.ts';
import { AppError } from '../../platform/errors.ts';
import { type AnyRoute, type Ctx, defineRoute, PUBLIC, policy } from '../../platform/http/registry.ts';
import { type T, translator } from '../../platform/i18n/index.ts';
import { messages, type NoticesKey } from './messages.ts';
import { canReadAccessibilityReports } from './policy.ts';
import type { ReportRow } from './repo.ts';
import {
  createdOut,
  idParams,
  listQuery,
  type ReportInput,
  reportForm,
  reportOut,
  reportQuery,
  updateForm,
} from './schema.ts';
import * as service from './service.ts';
import { ReportsPage } from './views/admin.tsx';
import { PrivacyPage, ReportFormPage, ReportSentPage, StatementPage } from './views/public.tsx';

const adminAccess = policy('canReadAccessibilityReports', canReadAccessibilityReports);
type AnyCtx = Ctx<unknown, unknown, unknown>;
const tOf = (ctx: AnyCtx) => translator(messages, ctx.locale);

/**
 * A `from` that is a local path is offered as the page, without its query and with token-like segments
 * (one-time links such as /invitation/:token) redacted; anything else is dropped.
 */
const localPath = (from: string | undefined) =>
  from?.startsWith('/') && !from.startsWith('//')
    ? from
        .split(/[?#]/)[0]
        .split('/')
        .map((seg) => (/^[A-Za-z0-9_-]{20,}$/.test(seg) ? '…' : seg))
        .join('/')
        .slice(0, 500)
    : '';

async function renderForm(ctx: AnyCtx, values: Record<string, string>, errors: FieldError[], status = 200) {
  const t = tOf(ctx);
  const organisations = (await service.reportTargets(ctx.db)).map((o) => ({ value: o.id, label: o.name }));
  return ctx.page(
    t('report.title'),
    <ReportFormPage
      t={t}
      csrf={ctx.csrfToken()}
      values={values}
      errors={errors}
      organisations={organisations}
    />,
    status,
  );
}

const json = (r: ReportRow): z.infer<typeof reportOut> => ({
  ...r,
  createdAt: new Date(r.createdAt).toISOString(),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

const submitter = (ctx: AnyCtx) => ({ actor: ctx.maybeActor, ip: ctx.ip, locale: ctx.locale });

/** A public page that shows only text of the catalogue. */
const textPage = (url: string, title: NoticesKey, View: (props: { t: T<NoticesKey> }) => JSX.Element) =>
  defineRoute({
    method: 'GET',
    url,
    kind: 'page',
    access: PUBLIC,
    handler: async (ctx) => {
      const t = tOf(ctx as AnyCtx);
      return ctx.page(t(title), <View t={t} />);
    },
  });

export const noticesRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/accessibility',
    kind: 'page',
    access: PUBLIC,
    handler: async (ctx) => {
      const t = tOf(ctx as AnyCtx);
      const from = localPath(
        ctx.req.headers.referer ? safeReferer(ctx.req.headers.referer, ctx.deps.baseUrl) : undefined,
      );
      const reportHref = from
        ? `/accessibility/report?from=${encodeURIComponent(from)}`
        : '/accessibility/report';
      return ctx.page(t('a11y.title'), <StatementPage t={t} reportHref={reportHref} />);
    },
  }),
  textPage('/privacy', 'privacy.title', PrivacyPage),
  defineRoute({
    method: 'GET',
    url: '/accessibility/report',
    kind: 'page',
    access: PUBLIC,
    query: reportQuery,
    handler: async (ctx) => renderForm(ctx as AnyCtx, { page: localPath(ctx.query.from) }, []),
  }),
  defineRoute({
    method: 'POST',
    url: '/accessibility/report',
    kind: 'page',
    access: PUBLIC,
    body: reportForm,
    handler: async (ctx) => {
      if (!ctx.form.ok) return renderForm(ctx as AnyCtx, ctx.form.raw, ctx.form.errors, 422);
      try {
        await service.submitReport(ctx.deps, ctx.form.value, submitter(ctx as AnyCtx));
      } catch (err) {
        if (!(err instanceof AppError) || !['VALIDATION', 'RATE_LIMITED'].includes(err.code)) throw err;
        const errors =
          err.code === 'VALIDATION' ? err.fields : [{ field: 'description', message: 'report.rateLimited' }];
        return renderForm(ctx as AnyCtx, rawOf(ctx.form.value), errors, err.status);
      }
      return ctx.redirect('/accessibility/report/sent');
    },
  }),
  textPage('/accessibility/report/sent', 'report.sent.title', ReportSentPage),
  defineRoute({
    method: 'GET',
    url: '/admin/accessibility-reports',
    kind: 'page',
    access: adminAccess,
    query: listQuery,
    handler: async (ctx) => {
      const t = tOf(ctx as AnyCtx);
      const status = ctx.query.status ?? null;
      const reports = (await service.listReports(ctx.db, ctx.actor, status)).map((r) => ({
        ...r,
        createdAt: new Date(r.createdAt),
        reporter: [r.reporterName, r.reporterEmail].filter(Boolean).join(', ') || null,
      }));
      return ctx.page(
        t('reports.title'),
        <ReportsPage t={t} csrf={ctx.csrfToken()} reports={reports} status={status} />,
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/admin/accessibility-reports/:id',
    kind: 'page',
    access: adminAccess,
    params: idParams,
    body: updateForm,
    handler: async (ctx) => {
      // The only fields are a choice and a note; a bad choice is a tampered form.
      if (!ctx.form.ok) throw new AppError('VALIDATION', 'error.422.body', ctx.form.errors);
      await service.updateReport(ctx.db, ctx.actor, ctx.ip, ctx.params.id, ctx.form.value);
      return ctx.redirect('/admin/accessibility-reports', tOf(ctx as AnyCtx)('reports.saved'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accessibility-reports',
    kind: 'api',
    access: adminAccess,
    query: listQuery,
    summary: "The accessibility reports of the administrator's regions, newest first",
    tag: 'notices',
    response: reportOut.array(),
    handler: async (ctx) =>
      (await service.listReports(ctx.db, ctx.actor, ctx.query.status ?? null)).map(json),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/accessibility-reports/:id',
    kind: 'api',
    access: adminAccess,
    params: idParams,
    body: updateForm,
    summary: 'Set the status and note of an accessibility report',
    tag: 'notices',
    response: reportOut,
    handler: async (ctx) =>
      json(await service.updateReport(ctx.db, ctx.actor, ctx.ip, ctx.params.id, ctx.body)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accessibility-reports',
    kind: 'api',
    access: PUBLIC,
    body: reportForm,
    summary: 'Report an accessibility problem or ask for content in another format (public, rate-limited)',
    tag: 'notices',
    response: createdOut,
    successStatus: 201,
    handler: async (ctx) => {
      await service.submitReport(ctx.deps, ctx.body, submitter(ctx as AnyCtx));
      return { received: true as const };
    },
  }),
];

function rawOf(v: ReportInput): Record<string, string> {
  return {
    page: v.page,
    description: v.description,
    wantsAlternative: v.wantsAlternative ? 'on' : '',
    organisationId: v.organisationId ?? '',
    name: v.name ?? '',
    email: v.email ?? '',
  };
}

/** The path of a same-site referer (the page the reader came from), else undefined. */
function safeReferer(referer: string, baseUrl: string): string | undefined {
  try {
    const url = new URL(referer, baseUrl);
    return url.origin === new URL(baseUrl).origin ? url.pathname : undefined;
  } catch {
    return undefined;
  }
}
