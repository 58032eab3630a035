// ESF monthly SCB files: /api/v1 mirror of the pages (same validation and access). Rows carry masked
// numbers only; the full numbers exist only in the downloaded file (pages).
import { z } from 'zod';
import { f, isCalendarMonth } from '../../../platform/http/forms.ts';
import { type AnyRoute, defineRoute, policy } from '../../../platform/http/registry.ts';
import { canSeeEsf, isEsfAdmin } from '../policy.ts';
import * as service from '../service/scb.ts';

export const readAccess = policy('canSeeEsf', canSeeEsf);
export const adminAccess = policy('isEsfAdmin', isEsfAdmin);

export const monthParams = z.object({
  month: z.string().refine(isCalendarMonth),
});
const versionParams = monthParams.extend({ version: z.coerce.number().int().min(1).max(1_000_000) });
const nullToUndefined = (v: unknown) => (v === null ? undefined : v);
export const produceInput = z.object({ reason: z.preprocess(nullToUndefined, f.optText(1000)) });
export const sentInput = z.object({ version: z.preprocess(nullToUndefined, f.optInt(1, 1_000_000)) });

const versionOut = z.object({
  month: z.string(),
  version: z.number().int(),
  columns: z.array(z.string()),
  rowCount: z.number().int(),
  checksum: z.string(),
  producedAt: z.string(),
  producedBy: z.string().nullable(),
  reason: z.string().nullable(),
  sentAt: z.string().nullable(),
  sentBy: z.string().nullable(),
  resendRequired: z.boolean(),
});
const monthOut = z.object({
  month: z.string(),
  state: z.enum(['open', 'due', 'produced', 'sent', 'resend']),
  versions: z.number().int(),
  changes: z.number().int(),
  frozen: z.boolean(),
  canProduce: z.boolean(),
  canCorrect: z.boolean(),
  canSend: z.boolean(),
  latest: versionOut.nullable(),
});
const rowOut = z.object({
  position: z.number().int(),
  masked: z.string().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  employerOrgNumber: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
});

function versionJson(v: service.ScbVersionRow): z.infer<typeof versionOut> {
  return {
    month: v.month,
    version: v.version,
    columns: v.columns,
    rowCount: v.rowCount,
    checksum: v.checksum,
    producedAt: v.producedAt.toISOString(),
    producedBy: v.producedByName,
    reason: v.reason,
    sentAt: v.sentAt ? v.sentAt.toISOString() : null,
    sentBy: v.sentByName,
    resendRequired: v.resendRequired,
  };
}

export const scbApiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/esf/scb',
    kind: 'api',
    access: readAccess,
    summary: 'The monthly SCB files: every month of the programme with its state',
    tag: 'ESF',
    response: z.object({ programme: z.string(), currentMonth: z.string(), months: z.array(monthOut) }),
    handler: async (ctx) => {
      const o = await service.scbOverview(ctx.db, { actor: ctx.actor, ip: ctx.ip });
      return {
        programme: o.programmeName,
        currentMonth: o.currentMonth,
        months: o.months.map((m) => ({
          month: m.month,
          state: m.state,
          versions: m.versions,
          changes: m.changes,
          frozen: m.frozen,
          canProduce: m.canProduce,
          canCorrect: m.canCorrect,
          canSend: m.canSend,
          latest: m.latest ? versionJson(m.latest) : null,
        })),
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/esf/scb/:month',
    kind: 'api',
    access: adminAccess,
    params: monthParams,
    body: produceInput,
    summary: 'Produce the next version of a month (a reason is needed when the month already has one)',
    tag: 'ESF',
    successStatus: 201,
    response: versionOut,
    handler: async (ctx) =>
      versionJson(
        await service.produceMonth(
          ctx.db,
          ctx.deps.keyring,
          { actor: ctx.actor, ip: ctx.ip },
          ctx.params.month,
          ctx.body.reason,
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/esf/scb/:month/sent',
    kind: 'api',
    access: adminAccess,
    params: monthParams,
    body: sentInput,
    summary: "Record that the month's latest version was sent to SCB",
    tag: 'ESF',
    response: versionOut,
    handler: async (ctx) =>
      versionJson(
        await service.markMonthSent(
          ctx.db,
          { actor: ctx.actor, ip: ctx.ip },
          ctx.params.month,
          ctx.body.version,
        ),
      ),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/esf/scb/:month/v/:version',
    kind: 'api',
    access: adminAccess,
    params: versionParams,
    summary: 'One version of a month: its checksum and rows (masked numbers only)',
    tag: 'ESF',
    response: versionOut.extend({ rows: z.array(rowOut) }),
    handler: async (ctx) => {
      const d = await service.scbMonth(
        ctx.db,
        { actor: ctx.actor, ip: ctx.ip },
        ctx.params.month,
        ctx.params.version,
      );
      const shown = d.shown as service.ScbVersionRow;
      return {
        ...versionJson(shown),
        rows: d.rows.map((r) => ({
          position: r.position,
          masked: r.masked,
          firstName: r.firstName,
          lastName: r.lastName,
          startedOn: r.startedOn,
          endedOn: r.endedOn,
          employerOrgNumber: r.employerOrgNumber,
          email: r.email,
          mobile: r.mobile,
        })),
      };
    },
  }),
];
