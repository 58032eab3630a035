// The other time pages: summary and its downloads, the monthly report (sign, unlock), staff employment
// and consultant invoices. Plain forms; errors at the field with the input kept (422).
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { rawForm, toFieldErrors } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { addMonths, monthOf, today } from '../dates.ts';
import { messages } from '../messages.ts';
import { canManageStaff } from '../policy.ts';
import { employmentInput, invoiceInput, monthString, summaryQuery, unlockInput } from '../schema.ts';
import * as months from '../service/months.ts';
import * as staff from '../service/staff.ts';
import { type ExportFormat, exportSummary, summary } from '../service/summary.ts';
import { formChoices } from '../service/week.ts';
import { InvoicesView } from '../views/invoices.tsx';
import { MonthView } from '../views/month.tsx';
import { StaffView } from '../views/staff.tsx';
import { SummaryView } from '../views/summary.tsx';
import { timeAccess } from './week.tsx';

type AnyCtx = Ctx<unknown, unknown, unknown>;
const staffAccess = policy('canManageStaff', canManageStaff);
const monthParams = z.object({ month: monthString });
const monthQuery = z.object({
  user: z.preprocess((v) => (v === '' ? undefined : v), z.string().uuid().optional()),
});

function exportRoute(format: ExportFormat): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: `/time/export.${format}`,
    kind: 'page',
    access: timeAccess,
    query: summaryQuery,
    handler: async (ctx) => {
      const file = await exportSummary(
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

async function renderMonth(
  ctx: AnyCtx,
  month: string,
  userId: string | undefined,
  opts: { errors?: FieldError[]; reason?: string; status?: number } = {},
) {
  const t = translator(messages, ctx.locale);
  const r = await months.monthReport(ctx.db, ctx.actor, month, userId ?? ctx.actor.userId);
  return ctx.page(
    t('stafftime.month.title', { month }),
    <MonthView
      t={t}
      csrf={ctx.csrfToken()}
      vm={{
        ...r,
        prev: addMonths(month, -1),
        next: addMonths(month, 1),
        manager: canManageStaff(ctx.actor),
        unlockReason: opts.reason ?? '',
        errors: opts.errors ?? [],
      }}
    />,
    opts.status ?? 200,
  );
}

async function renderStaff(
  ctx: AnyCtx,
  values: Record<string, string> = {},
  errors: FieldError[] = [],
  status = 200,
) {
  const t = translator(messages, ctx.locale);
  const rows = await staff.listStaff(ctx.db, ctx.actor);
  return ctx.page(
    t('stafftime.staff.title'),
    <StaffView t={t} csrf={ctx.csrfToken()} vm={{ rows, values, errors, today: today() }} />,
    status,
  );
}

async function renderInvoices(
  ctx: AnyCtx,
  values: Record<string, string> = {},
  errors: FieldError[] = [],
  status = 200,
) {
  const t = translator(messages, ctx.locale);
  const manager = canManageStaff(ctx.actor);
  const [rows, choices, consultants] = await Promise.all([
    staff.listInvoices(ctx.db, ctx.actor),
    formChoices(ctx.db, ctx.actor),
    manager ? staff.listStaff(ctx.db, ctx.actor) : Promise.resolve([]),
  ]);
  const external = consultants.filter((s) => s.kind === 'external' && s.userId !== ctx.actor.userId);
  return ctx.page(
    t('stafftime.invoices.title'),
    <InvoicesView
      t={t}
      csrf={ctx.csrfToken()}
      vm={{
        rows,
        manager,
        consultants: [
          ...new Map(external.map((s) => [s.userId, { value: s.userId, label: s.name }])).values(),
        ],
        companies: choices.companies,
        engagements: choices.engagements,
        values,
        errors,
        today: today(),
      }}
    />,
    status,
  );
}

export const pageRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/time/summary',
    kind: 'page',
    access: timeAccess,
    query: summaryQuery,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const s = await summary(ctx.db, ctx.actor, ctx.query);
      const query = new URLSearchParams({ month: s.month, period: s.period });
      if (s.filter.user) query.set('user', s.filter.user);
      if (s.filter.organisation) query.set('organisation', s.filter.organisation);
      return ctx.page(
        t('stafftime.summary.title'),
        <SummaryView t={t} vm={{ ...s, manager: canManageStaff(ctx.actor), query: query.toString() }} />,
      );
    },
  }),
  exportRoute('csv'),
  exportRoute('xlsx'),
  defineRoute({
    method: 'GET',
    url: '/time/month',
    kind: 'page',
    access: timeAccess,
    handler: async (ctx) => ctx.redirect(`/time/month/${monthOf(today())}`),
  }),
  defineRoute({
    method: 'GET',
    url: '/time/month/:month',
    kind: 'page',
    access: timeAccess,
    params: monthParams,
    query: monthQuery,
    handler: async (ctx) => renderMonth(ctx as AnyCtx, ctx.params.month, ctx.query.user),
  }),
  defineRoute({
    method: 'POST',
    url: '/time/month/:month/sign',
    kind: 'page',
    access: timeAccess,
    params: monthParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      try {
        await months.signMonth(ctx.db, ctx.actor, ctx.params.month, ctx.ip);
      } catch (err) {
        if (err instanceof AppError && err.code === 'CONFLICT')
          return ctx.redirect(
            `/time/month/${ctx.params.month}`,
            t(err.message as 'stafftime.error.alreadySigned'),
          );
        throw err;
      }
      return ctx.redirect(`/time/month/${ctx.params.month}`, t('stafftime.month.signedFlash'));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/time/month/:month/unlock',
    kind: 'page',
    access: staffAccess,
    params: monthParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const raw = rawForm(ctx.req.body);
      const parsed = unlockInput.safeParse(raw);
      const userId = z.string().uuid().safeParse(raw.userId).success ? raw.userId : undefined;
      if (!parsed.success)
        return renderMonth(ctx as AnyCtx, ctx.params.month, userId, {
          errors: toFieldErrors(parsed.error),
          reason: raw.reason,
          status: 422,
        });
      try {
        await months.unlockMonth(
          ctx.db,
          ctx.actor,
          parsed.data.userId,
          ctx.params.month,
          parsed.data.reason,
          ctx.ip,
        );
      } catch (err) {
        if (err instanceof AppError && err.code === 'CONFLICT')
          return ctx.redirect(
            `/time/month/${ctx.params.month}?user=${parsed.data.userId}`,
            t('stafftime.error.notSigned'),
          );
        throw err;
      }
      return ctx.redirect(
        `/time/month/${ctx.params.month}?user=${parsed.data.userId}`,
        t('stafftime.month.unlocked'),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/time/staff',
    kind: 'page',
    access: staffAccess,
    handler: async (ctx) => renderStaff(ctx as AnyCtx),
  }),
  defineRoute({
    method: 'POST',
    url: '/time/staff',
    kind: 'page',
    access: staffAccess,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const raw = rawForm(ctx.req.body);
      const [userId, organisationId] = (raw.member ?? '').split('|');
      const member = z.string().uuid().safeParse(userId);
      const parsed = employmentInput.safeParse({ ...raw, organisationId });
      const errors = parsed.success
        ? []
        : toFieldErrors(parsed.error).map((e) =>
            e.field === 'organisationId' ? { ...e, field: 'member' } : e,
          );
      if (!member.success && !errors.some((e) => e.field === 'member'))
        errors.push({ field: 'member', message: 'validation.required' });
      if (!parsed.success || !member.success) return renderStaff(ctx as AnyCtx, raw, errors, 422);
      try {
        await staff.setEmployment(ctx.db, ctx.actor, member.data, parsed.data, ctx.ip);
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION')
          return renderStaff(ctx as AnyCtx, raw, err.fields, 422);
        throw err;
      }
      return ctx.redirect('/time/staff', t('stafftime.staff.saved'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/time/invoices',
    kind: 'page',
    access: timeAccess,
    handler: async (ctx) => renderInvoices(ctx as AnyCtx),
  }),
  defineRoute({
    method: 'POST',
    url: '/time/invoices',
    kind: 'page',
    access: timeAccess,
    body: invoiceInput,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const raw = rawForm(ctx.req.body);
      if (!ctx.form.ok) return renderInvoices(ctx as AnyCtx, raw, ctx.form.errors, 422);
      try {
        await staff.recordInvoice(ctx.db, ctx.actor, ctx.form.value, ctx.ip);
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION')
          return renderInvoices(ctx as AnyCtx, raw, err.fields, 422);
        throw err;
      }
      return ctx.redirect('/time/invoices', t('stafftime.invoices.saved'));
    },
  }),
];
