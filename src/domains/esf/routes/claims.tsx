// ESF payment-claim periods: pages and /api/v1. ESF and region administrators read; ESF administrators
// create and close.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { rawForm } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { canSeeEsf, isEsfAdmin } from '../policy.ts';
import * as service from '../service/claims.ts';
import { claimPeriodInput } from '../service/claims-schema.ts';
import { ClaimPeriodPage, ClaimsListPage } from '../views/claims.tsx';

const seeAccess = policy('canSeeEsf', canSeeEsf);
const adminAccess = policy('isEsfAdmin', isEsfAdmin);
type AnyCtx = Ctx<unknown, unknown, unknown>;
const idParams = z.object({ id: z.string().uuid() });
const tOf = (ctx: AnyCtx) => translator(messages, ctx.locale);

const periodOut = z.object({
  id: z.string().uuid(),
  firstMonth: z.string(),
  lastMonth: z.string(),
  status: z.enum(['open', 'closed']),
  closedAt: z.date().nullable(),
  closedByName: z.string().nullable(),
  createdAt: z.date(),
});
const detailOut = periodOut.extend({
  months: z.array(z.string()),
  problems: z.array(
    z.object({
      kind: z.string(),
      href: z.string(),
      month: z.string(),
      participantId: z.string().uuid().nullable(),
      participantName: z.string().nullable(),
      date: z.string().nullable(),
    }),
  ),
  summary: z.array(
    z.object({
      month: z.string(),
      companyId: z.string().uuid(),
      companyName: z.string(),
      orgNumber: z.string(),
      participants: z.number().int(),
      hours: z.number().int(),
      certifiedHours: z.number().int(),
      signed: z.number().int(),
      unsigned: z.number().int(),
    }),
  ),
});

const periodJson = ({ programmeId: _p, ...p }: service.ClaimPeriod) => p;
const detailJson = (d: service.ClaimPeriodDetail) => ({
  ...periodJson(d.period),
  months: d.check.months,
  problems: d.check.problems,
  summary: d.check.summary,
});

async function renderList(
  ctx: AnyCtx,
  failed: { errors: FieldError[]; values: Record<string, string> } | null,
  status = 200,
) {
  const t = tOf(ctx);
  const periods = await service.listClaimPeriods(ctx.db, ctx.actor);
  return ctx.page(
    t('esf.claims.title'),
    <ClaimsListPage
      t={t}
      csrf={ctx.csrfToken()}
      vm={{
        periods,
        canCreate: isEsfAdmin(ctx.actor),
        errors: failed?.errors ?? [],
        values: failed?.values ?? {},
      }}
    />,
    status,
  );
}

async function renderPeriod(ctx: AnyCtx, id: string, refused = false) {
  const t = tOf(ctx);
  const detail = await service.getClaimPeriod(ctx.db, ctx.actor, id);
  return ctx.page(
    t('esf.claims.period', { first: detail.period.firstMonth, last: detail.period.lastMonth }),
    <ClaimPeriodPage
      t={t}
      csrf={ctx.csrfToken()}
      vm={{ ...detail, canClose: isEsfAdmin(ctx.actor), refused }}
    />,
    refused ? 422 : 200,
  );
}

const isValidation = (err: unknown): err is AppError => err instanceof AppError && err.code === 'VALIDATION';

export const claimsRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/esf/claims',
    kind: 'page',
    access: seeAccess,
    handler: async (ctx) => renderList(ctx as AnyCtx, null),
  }),
  defineRoute({
    method: 'POST',
    url: '/esf/claims',
    kind: 'page',
    access: adminAccess,
    body: claimPeriodInput,
    handler: async (ctx) => {
      if (!ctx.form.ok)
        return renderList(ctx as AnyCtx, { errors: ctx.form.errors, values: ctx.form.raw }, 422);
      try {
        const p = await service.createClaimPeriod(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.form.value);
        return ctx.redirect(`/esf/claims/${p.id}`, tOf(ctx as AnyCtx)('esf.claims.created'));
      } catch (err) {
        if (!isValidation(err)) throw err;
        return renderList(ctx as AnyCtx, { errors: err.fields, values: rawForm(ctx.req.body) }, 422);
      }
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/esf/claims/:id',
    kind: 'page',
    access: seeAccess,
    params: idParams,
    handler: async (ctx) => renderPeriod(ctx as AnyCtx, ctx.params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/esf/claims/:id/close',
    kind: 'page',
    access: adminAccess,
    params: idParams,
    handler: async (ctx) => {
      try {
        await service.closeClaimPeriod(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id);
      } catch (err) {
        if (!isValidation(err)) throw err;
        return renderPeriod(ctx as AnyCtx, ctx.params.id, true);
      }
      return ctx.redirect(`/esf/claims/${ctx.params.id}`, tOf(ctx as AnyCtx)('esf.claims.closed'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/esf/claims',
    kind: 'api',
    access: seeAccess,
    summary: "The programme's payment-claim periods",
    tag: 'ESF',
    response: z.array(periodOut),
    handler: async (ctx) => (await service.listClaimPeriods(ctx.db, ctx.actor)).map(periodJson),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/esf/claims',
    kind: 'api',
    access: adminAccess,
    body: claimPeriodInput,
    summary: 'Create a payment-claim period (months in order, overlapping no other period)',
    tag: 'ESF',
    response: periodOut,
    successStatus: 201,
    handler: async (ctx) =>
      periodJson(await service.createClaimPeriod(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/esf/claims/:id',
    kind: 'api',
    access: seeAccess,
    params: idParams,
    summary: 'A payment-claim period with its problems and its summary per month and employer',
    tag: 'ESF',
    response: detailOut,
    handler: async (ctx) => detailJson(await service.getClaimPeriod(ctx.db, ctx.actor, ctx.params.id)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/esf/claims/:id/close',
    kind: 'api',
    access: adminAccess,
    params: idParams,
    summary: 'Close a payment-claim period (422 with the problems while any remain); freezes its months',
    tag: 'ESF',
    response: detailOut,
    handler: async (ctx) =>
      detailJson(await service.closeClaimPeriod(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id)),
  }),
];
