// ESF economy: budget against outcome per month (page with chart and tables, budget form) and /api/v1.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { rawForm } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { canSeeEsf, canSetEsfRules } from '../policy.ts';
import { budgetInput, economy, monthParam, setBudget } from '../service/economy.ts';
import { EconomyPage } from '../views/economy.tsx';

const access = policy('canSeeEsf', canSeeEsf);
const writeAccess = policy('canSetEsfRules', canSetEsfRules);
type AnyCtx = Ctx<unknown, unknown, unknown>;

const amounts = z.object({
  personnel: z.number(),
  services: z.number(),
  flat_rate: z.number(),
  participant_cofinancing: z.number(),
  other: z.number(),
});
const economyOut = z.object({
  programme: z.object({
    name: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    flatRate: z.enum(['none', 'indirect15', 'other40']),
  }),
  currentMonth: z.string(),
  months: z.array(
    z.object({
      month: z.string(),
      toDate: z.boolean(),
      certifiedHours: z.number(),
      participantHourSek: z.number().nullable(),
      personnelHours: z.number(),
      budget: amounts,
      outcome: amounts,
    }),
  ),
  budgetToDate: amounts,
  outcomeToDate: amounts,
  budgetTotal: amounts,
  grants: z.array(z.object({ funder: z.string(), amountSek: z.number() })),
  grantTotal: z.number(),
  outcomeTotalToDate: z.number(),
  budgetTotalToDate: z.number(),
});
const pageQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional()
    .catch(undefined),
});
const budgetForm = budgetInput.extend(monthParam.shape);

async function render(
  ctx: AnyCtx,
  opts: { month?: string | undefined; errors?: FieldError[]; values?: Record<string, string> },
  status = 200,
) {
  const t = translator(messages, ctx.locale);
  const e = await economy(ctx.db, ctx.actor);
  const month =
    opts.month && e.months.some((m) => m.month === opts.month)
      ? opts.month
      : e.months.some((m) => m.month === e.currentMonth)
        ? e.currentMonth
        : (e.months[0]?.month ?? e.currentMonth);
  return ctx.page(
    t('esf.economy.title'),
    <EconomyPage
      t={t}
      csrf={ctx.csrfToken()}
      vm={{
        economy: e,
        canEdit: canSetEsfRules(ctx.actor),
        form: { month, errors: opts.errors ?? [], values: opts.values ?? null },
      }}
    />,
    status,
  );
}

export const economyRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/esf/economy',
    kind: 'page',
    access,
    query: pageQuery,
    handler: async (ctx) => render(ctx as AnyCtx, { month: ctx.query.month }),
  }),
  defineRoute({
    method: 'POST',
    url: '/esf/economy/budget',
    kind: 'page',
    access: writeAccess,
    body: budgetForm,
    handler: async (ctx) => {
      if (!ctx.form.ok)
        return render(
          ctx as AnyCtx,
          { month: ctx.form.raw.month, errors: ctx.form.errors, values: ctx.form.raw },
          422,
        );
      const { month, ...input } = ctx.form.value;
      try {
        await setBudget(ctx.db, { actor: ctx.actor, ip: ctx.ip }, month, input);
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION')
          return render(ctx as AnyCtx, { month, errors: err.fields, values: rawForm(ctx.req.body) }, 422);
        throw err;
      }
      const t = translator(messages, ctx.locale);
      return ctx.redirect(`/esf/economy?month=${month}`, t('esf.economy.saved', { month }));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/esf/economy',
    kind: 'api',
    access,
    summary: 'Budget against outcome per month and category, totals to date and the grants',
    tag: 'ESF',
    response: economyOut,
    handler: async (ctx) => economy(ctx.db, ctx.actor),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/esf/budget/:month',
    kind: 'api',
    access: writeAccess,
    params: monthParam,
    body: budgetInput,
    summary: "Set a month's budget per category (SEK; a category left out is 0)",
    tag: 'ESF',
    response: economyOut,
    handler: async (ctx) => {
      await setBudget(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.month, ctx.body);
      return economy(ctx.db, ctx.actor);
    },
  }),
];
