// ESF monthly SCB files: the status page (ESF and region administrators), a month's page with its
// versions, the downloads (CSV and XLSX; ESF administrators only, audited, checked against the checksum),
// and the produce / mark-as-sent forms; the /api/v1 mirror is in scb-api.ts.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { f } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import * as service from '../service/scb.ts';
import { scbFile } from '../service/scb-file.ts';
import { ScbOverviewPage } from '../views/scb.tsx';
import { ScbMonthPage } from '../views/scb-month.tsx';
import { adminAccess, monthParams, produceInput, readAccess, scbApiRoutes, sentInput } from './scb-api.ts';

type AnyCtx = Ctx<unknown, unknown, unknown>;

const fileParams = monthParams.extend({ file: z.string().regex(/^[1-9]\d{0,5}\.(csv|xlsx)$/) });
const monthQuery = z.object({ version: f.optInt(1, 1_000_000) });

async function renderMonth(
  ctx: AnyCtx,
  month: string,
  version: number | null,
  failed: { errors: FieldError[]; values: Record<string, string> } | null,
  status = 200,
) {
  const t = translator(messages, ctx.locale);
  const vm = await service.scbMonth(ctx.db, { actor: ctx.actor, ip: ctx.ip }, month, version);
  return ctx.page(
    t('esf.scb.month.title', { month }),
    <ScbMonthPage t={t} csrf={ctx.csrfToken()} month={month} vm={{ ...vm, failed }} />,
    status,
  );
}

export const scbRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/esf/scb',
    kind: 'page',
    access: readAccess,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const vm = await service.scbOverview(ctx.db, { actor: ctx.actor, ip: ctx.ip });
      return ctx.page(t('esf.scb.title'), <ScbOverviewPage t={t} csrf={ctx.csrfToken()} vm={vm} />);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/esf/scb/:month',
    kind: 'page',
    access: adminAccess,
    params: monthParams,
    query: monthQuery,
    handler: async (ctx) => renderMonth(ctx as AnyCtx, ctx.params.month, ctx.query.version, null),
  }),
  defineRoute({
    method: 'POST',
    url: '/esf/scb/:month',
    kind: 'page',
    access: adminAccess,
    params: monthParams,
    body: produceInput,
    handler: async (ctx) => {
      const month = ctx.params.month;
      if (!ctx.form.ok)
        return renderMonth(
          ctx as AnyCtx,
          month,
          null,
          { errors: ctx.form.errors, values: ctx.form.raw },
          422,
        );
      try {
        const v = await service.produceMonth(
          ctx.db,
          ctx.deps.keyring,
          { actor: ctx.actor, ip: ctx.ip },
          month,
          ctx.form.value.reason,
        );
        const t = translator(messages, ctx.locale);
        return ctx.redirect(`/esf/scb/${month}`, t('esf.scb.producedFlash', { month, version: v.version }));
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION')
          return renderMonth(
            ctx as AnyCtx,
            month,
            null,
            { errors: err.fields, values: { reason: ctx.form.value.reason ?? '' } },
            422,
          );
        throw err;
      }
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/esf/scb/:month/sent',
    kind: 'page',
    access: adminAccess,
    params: monthParams,
    body: sentInput,
    handler: async (ctx) => {
      const month = ctx.params.month;
      if (!ctx.form.ok) throw new AppError('VALIDATION', 'error.422.body', ctx.form.errors);
      await service.markMonthSent(ctx.db, { actor: ctx.actor, ip: ctx.ip }, month, ctx.form.value.version);
      return ctx.redirect('/esf/scb', translator(messages, ctx.locale)('esf.scb.sentFlash', { month }));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/esf/scb/:month/v/:file',
    kind: 'page',
    access: adminAccess,
    params: fileParams,
    handler: async (ctx) => {
      const [version, format] = ctx.params.file.split('.') as [string, 'csv' | 'xlsx'];
      const out = await scbFile(
        ctx.db,
        ctx.deps.keyring,
        { actor: ctx.actor, ip: ctx.ip },
        ctx.params.month,
        Number(version),
        format,
      );
      return ctx.reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${out.fileName}"`)
        .type(out.contentType)
        .send(out.body);
    },
  }),
  ...scbApiRoutes,
];
