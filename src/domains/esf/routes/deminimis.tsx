// ESF de minimis aid: pages, the certificate PDF and /api/v1. ESF and region administrators read; ESF
// administrators record the companies' declarations.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { rawForm } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { canSeeEsf, isEsfAdmin } from '../policy.ts';
import * as service from '../service/deminimis.ts';
import { deminimisCertificatePdf } from '../service/deminimis-pdf.ts';
import { asOfQuery, declarationInput } from '../service/deminimis-schema.ts';
import { DeminimisCompanyPage, DeminimisListPage } from '../views/deminimis.tsx';

const seeAccess = policy('canSeeEsf', canSeeEsf);
const adminAccess = policy('isEsfAdmin', isEsfAdmin);
type AnyCtx = Ctx<unknown, unknown, unknown>;
const companyParams = z.object({ companyId: z.string().uuid() });
const tOf = (ctx: AnyCtx) => translator(messages, ctx.locale);

const lineOut = z.object({
  year: z.number().int(),
  activity: z.enum(['coaching', 'training']),
  quantity: z.number(),
  unitSek: z.number().nullable(),
  valueSek: z.number(),
  valueEur: z.number(),
});
const declarationOut = z.object({
  id: z.string().uuid(),
  declaredOn: z.string(),
  otherAidEur: z.number(),
  details: z.string(),
  recordedByName: z.string().nullable(),
  createdAt: z.date(),
});
const companyOut = z.object({
  companyId: z.string().uuid(),
  companyName: z.string(),
  orgNumber: z.string(),
  coachingEur: z.number(),
  trainingEur: z.number(),
  givenSek: z.number(),
  givenEur: z.number(),
  declaredEur: z.number(),
  totalEur: z.number(),
  level: z.enum(['ok', 'near', 'over']),
});
const windowOut = {
  asOf: z.string(),
  from: z.string(),
  ceilingEur: z.number(),
  warnShare: z.number(),
  sekPerEur: z.number(),
};
const listOut = z.object({ ...windowOut, companies: z.array(companyOut) });
const detailOut = z.object({
  ...windowOut,
  company: companyOut.extend({ lines: z.array(lineOut), declaration: declarationOut.nullable() }),
  declarations: z.array(declarationOut),
});

const decl = ({ companyId: _c, ...d }: service.DeminimisDetail['declarations'][number]) => d;
const companyJson = ({ lines: _l, declaration: _d, level, ...c }: service.CompanyAidItem) => ({
  ...c,
  level,
});
const head = (v: { window: { asOf: string; from: string }; rules: service.DeminimisOverview['rules'] }) => ({
  asOf: v.window.asOf,
  from: v.window.from,
  ceilingEur: v.rules.ceilingEur,
  warnShare: v.rules.warnShare,
  sekPerEur: v.rules.sekPerEur,
});
const detailJson = (d: service.DeminimisDetail) => ({
  ...head(d),
  company: {
    ...companyJson(d.company),
    lines: d.company.lines,
    declaration: d.company.declaration ? decl(d.company.declaration) : null,
  },
  declarations: d.declarations.map(decl),
});

async function renderCompany(
  ctx: AnyCtx,
  companyId: string,
  asOf: string | null,
  failed: { errors: FieldError[]; values: Record<string, string> } | null,
  status = 200,
) {
  const t = tOf(ctx);
  const d = await service.getDeminimis(ctx.db, ctx.actor, companyId, asOf);
  return ctx.page(
    t('esf.deminimis.company', { company: d.company.companyName }),
    <DeminimisCompanyPage
      t={t}
      csrf={ctx.csrfToken()}
      vm={{
        ...d,
        canDeclare: isEsfAdmin(ctx.actor),
        errors: failed?.errors ?? [],
        values: failed?.values ?? {},
      }}
    />,
    status,
  );
}

export const deminimisRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/esf/deminimis',
    kind: 'page',
    access: seeAccess,
    query: asOfQuery,
    handler: async (ctx) => {
      const t = tOf(ctx as AnyCtx);
      const vm = await service.listDeminimis(ctx.db, ctx.actor, ctx.query.asOf);
      return ctx.page(t('esf.deminimis.title'), <DeminimisListPage t={t} vm={vm} />);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/esf/deminimis/:companyId.pdf',
    kind: 'page',
    access: seeAccess,
    params: companyParams,
    handler: async (ctx) => {
      const { file, fileName } = await deminimisCertificatePdf(
        ctx.db,
        { actor: ctx.actor, ip: ctx.ip },
        ctx.params.companyId,
        ctx.locale,
      );
      return ctx.reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(file);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/esf/deminimis/:companyId',
    kind: 'page',
    access: seeAccess,
    params: companyParams,
    query: asOfQuery,
    handler: async (ctx) => renderCompany(ctx as AnyCtx, ctx.params.companyId, ctx.query.asOf, null),
  }),
  defineRoute({
    method: 'POST',
    url: '/esf/deminimis/:companyId/declarations',
    kind: 'page',
    access: adminAccess,
    params: companyParams,
    body: declarationInput,
    handler: async (ctx) => {
      const id = ctx.params.companyId;
      if (!ctx.form.ok)
        return renderCompany(ctx as AnyCtx, id, null, { errors: ctx.form.errors, values: ctx.form.raw }, 422);
      try {
        await service.declareDeminimis(ctx.db, { actor: ctx.actor, ip: ctx.ip }, id, ctx.form.value);
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'VALIDATION')) throw err;
        return renderCompany(
          ctx as AnyCtx,
          id,
          null,
          { errors: err.fields, values: rawForm(ctx.req.body) },
          422,
        );
      }
      return ctx.redirect(`/esf/deminimis/${id}`, tOf(ctx as AnyCtx)('esf.deminimis.declared'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/esf/deminimis',
    kind: 'api',
    access: seeAccess,
    query: asOfQuery,
    summary: "De minimis aid per company of the programme's region over three years, against the ceiling",
    tag: 'ESF',
    response: listOut,
    handler: async (ctx) => {
      const v = await service.listDeminimis(ctx.db, ctx.actor, ctx.query.asOf);
      return { ...head(v), companies: v.companies.map(companyJson) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/esf/deminimis/:companyId',
    kind: 'api',
    access: seeAccess,
    params: companyParams,
    query: asOfQuery,
    summary: "A company's de minimis aid per year and activity, with its declarations of other aid",
    tag: 'ESF',
    response: detailOut,
    handler: async (ctx) =>
      detailJson(await service.getDeminimis(ctx.db, ctx.actor, ctx.params.companyId, ctx.query.asOf)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/esf/deminimis/:companyId/declarations',
    kind: 'api',
    access: adminAccess,
    params: companyParams,
    body: declarationInput,
    summary: "Record a company's declaration of other de minimis aid (euro, over three years)",
    tag: 'ESF',
    response: detailOut,
    successStatus: 201,
    handler: async (ctx) =>
      detailJson(
        await service.declareDeminimis(
          ctx.db,
          { actor: ctx.actor, ip: ctx.ip },
          ctx.params.companyId,
          ctx.body,
        ),
      ),
  }),
];
