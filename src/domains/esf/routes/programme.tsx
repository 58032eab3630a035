// The ESF landing page and the programme's rules: pages and /api/v1.
import { z } from 'zod';
import type { FieldError } from '../../../platform/errors.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { canSeeEsf, canSetEsfRules } from '../policy.ts';
import * as repo from '../repo-participants.ts';
import { rulesInput, unitCostInput } from '../schema.ts';
import { currentProgramme, type EsfProgramme, saveRules, saveUnitCost } from '../service/programme.ts';
import { HomePage } from '../views/home.tsx';
import { RulesPage, type RulesVM } from '../views/rules.tsx';

const access = policy('canSeeEsf', canSeeEsf);
type AnyCtx = Ctx<unknown, unknown, unknown>;

/** The ESF pages linked from the landing page, in working order. */
const LINKS = [
  ['/esf/participants', 'participants'],
  ['/esf/scb', 'scb'],
  ['/esf/certificates', 'certificates'],
  ['/esf/claims', 'claims'],
  ['/esf/deminimis', 'deminimis'],
  ['/esf/economy', 'economy'],
  ['/esf/indicators', 'indicators'],
  ['/esf/reports', 'reports'],
  ['/esf/rules', 'rules'],
] as const;

const rulesOut = z.object({
  programmeId: z.string().uuid(),
  name: z.string(),
  period: z.enum(['esf-2014-2020', 'esf-plus-2021-2027']),
  startsOn: z.string(),
  endsOn: z.string(),
  ageBands: z.array(z.object({ key: z.string(), min: z.number().nullable(), max: z.number().nullable() })),
  scbColumns: z.array(z.string()),
  grants: z.array(z.object({ funder: z.string(), amountSek: z.number() })),
  targets: z.object({
    companies: z.number(),
    participantsWomen: z.number(),
    participantsMen: z.number(),
    hours: z.number(),
    plans: z.number(),
  }),
  flatRate: z.enum(['none', 'indirect15', 'other40']),
  informationText: z.string(),
  informationTextSha256: z.string(),
  inactiveDays: z.number(),
  deminimisCeilingEur: z.number(),
  sekPerEur: z.number(),
  retentionYears: z.number(),
  unitCosts: z.array(
    z.object({ year: z.number(), participantHourSek: z.number(), staffHourSek: z.number() }),
  ),
});

function rulesJson(p: EsfProgramme): z.infer<typeof rulesOut> {
  const { deminimisWarnShare: _w, ...r } = p.rules;
  return {
    programmeId: p.id,
    name: p.name,
    period: p.ruleSet,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    ...r,
    unitCosts: p.unitCosts,
  };
}

async function renderRules(ctx: AnyCtx, forms: Pick<RulesVM, 'rulesForm' | 'unitForm'>, status = 200) {
  const t = translator(messages, ctx.locale);
  const programme = await currentProgramme(ctx.db, ctx.actor);
  return ctx.page(
    t('esf.rules.title'),
    <RulesPage
      t={t}
      csrf={ctx.csrfToken()}
      vm={{ programme, canEdit: canSetEsfRules(ctx.actor), ...forms }}
    />,
    status,
  );
}

/** Field errors of the grants list point at the textarea. */
const grantsField = (errors: FieldError[]) =>
  errors.map((e) => (e.field.startsWith('grants.') ? { ...e, field: 'grants' } : e));

export const programmeRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/esf',
    kind: 'page',
    access,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const p = await currentProgramme(ctx.db, ctx.actor);
      const rows = await repo.listParticipants(ctx.db, p.id, {
        q: null,
        status: 'all',
        companyId: null,
        companyIds: null,
      });
      return ctx.page(
        t('esf.home.title'),
        <HomePage
          t={t}
          vm={{
            programme: p,
            active: rows.filter((r) => !r.endedOn).length,
            ended: rows.filter((r) => r.endedOn).length,
            links: LINKS.map(([href, key]) => ({ href, label: t(`esf.home.link.${key}`) })),
          }}
        />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/esf/rules',
    kind: 'page',
    access,
    handler: async (ctx) => renderRules(ctx as AnyCtx, { rulesForm: null, unitForm: null }),
  }),
  defineRoute({
    method: 'POST',
    url: '/esf/rules',
    kind: 'page',
    access: policy('canSetEsfRules', canSetEsfRules),
    body: rulesInput,
    handler: async (ctx) => {
      if (!ctx.form.ok)
        return renderRules(
          ctx as AnyCtx,
          { rulesForm: { errors: grantsField(ctx.form.errors), values: ctx.form.raw }, unitForm: null },
          422,
        );
      await saveRules(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.form.value);
      return ctx.redirect('/esf/rules', translator(messages, ctx.locale)('esf.rules.saved'));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/esf/rules/unit-costs',
    kind: 'page',
    access: policy('canSetEsfRules', canSetEsfRules),
    body: unitCostInput,
    handler: async (ctx) => {
      if (!ctx.form.ok)
        return renderRules(
          ctx as AnyCtx,
          { rulesForm: null, unitForm: { errors: ctx.form.errors, values: ctx.form.raw } },
          422,
        );
      await saveUnitCost(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.form.value);
      return ctx.redirect(
        '/esf/rules#unit-costs',
        translator(messages, ctx.locale)('esf.rules.unitCostSaved', { year: ctx.form.value.year }),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/esf/rules',
    kind: 'api',
    access,
    summary: "The ESF rule set of your region's current programme",
    tag: 'ESF',
    response: rulesOut,
    handler: async (ctx) => rulesJson(await currentProgramme(ctx.db, ctx.actor)),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/esf/rules',
    kind: 'api',
    access: policy('canSetEsfRules', canSetEsfRules),
    body: rulesInput,
    summary: 'Set the SCB columns, grants, targets, flat rate (at most one), information text and limits',
    tag: 'ESF',
    response: rulesOut,
    handler: async (ctx) => rulesJson(await saveRules(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.body)),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/esf/unit-costs',
    kind: 'api',
    access: policy('canSetEsfRules', canSetEsfRules),
    body: unitCostInput,
    summary: "Set one year's unit costs (per participant hour and per staff hour)",
    tag: 'ESF',
    response: rulesOut,
    handler: async (ctx) => rulesJson(await saveUnitCost(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.body)),
  }),
];
