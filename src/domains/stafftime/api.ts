// The JSON API of the staff time log (/api/v1/time/...): the same use cases, validation and access rules
// as the pages.
import { z } from 'zod';
import { type AnyRoute, defineRoute, policy } from '../../platform/http/registry.ts';
import { addDays, mondayOf, today } from './dates.ts';
import { canLogTime, canManageStaff } from './policy.ts';
import {
  activities,
  dateString,
  employmentInput,
  entryInput,
  invoiceInput,
  monthString,
  summaryQuery,
  unlockInput,
} from './schema.ts';
import * as entries from './service/entries.ts';
import * as months from './service/months.ts';
import * as staff from './service/staff.ts';
import { summary } from './service/summary.ts';

const TAG = 'Staff time';
const timeAccess = policy('canLogTime', canLogTime);
const staffAccess = policy('canManageStaff', canManageStaff);
const idParams = z.object({ id: z.string().uuid() });
const monthParams = z.object({ month: monthString });
const kind3 = z.enum(['employed', 'external', 'unset']);

const entryOut = z.object({
  id: z.string().uuid(),
  workDate: z.string(),
  hours: z.number(),
  activity: z.enum(activities),
  organisationId: z.string().uuid(),
  organisationName: z.string(),
  companyId: z.string().uuid().nullable(),
  companyName: z.string().nullable(),
  engagementId: z.string().uuid().nullable(),
  note: z.string(),
  updatedAt: z.string(),
});

function entryJson(e: entries.EntryView): z.infer<typeof entryOut> {
  return {
    id: e.id,
    workDate: e.workDate,
    hours: e.hours,
    activity: e.activity as (typeof activities)[number],
    organisationId: e.organisationId,
    organisationName: e.organisationName,
    companyId: e.companyId,
    companyName: e.companyName,
    engagementId: e.engagementId,
    note: e.note,
    updatedAt: e.updatedAt.toISOString(),
  };
}

const monthOut = z.object({
  month: z.string(),
  userId: z.string().uuid(),
  userName: z.string(),
  signedAt: z.string().nullable(),
  totals: z.object({
    totalHours: z.number(),
    entries: z.number(),
    byActivity: z.record(z.string(), z.number()),
    byOrganisation: z.array(
      z.object({
        organisationName: z.string(),
        kind: kind3,
        hours: z.number(),
        costSek: z.number().nullable(),
      }),
    ),
  }),
  entries: z.array(entryOut),
});

function monthJson(r: months.MonthReport): z.infer<typeof monthOut> {
  return {
    month: r.month,
    userId: r.userId,
    userName: r.userName,
    signedAt: r.signed ? r.signed.signedAt.toISOString() : null,
    totals: r.totals,
    entries: r.entries.map(entryJson),
  };
}

const invoiceOut = z.object({
  id: z.string().uuid(),
  userId: z.string().uuid(),
  userName: z.string(),
  organisationName: z.string(),
  engagementId: z.string().uuid().nullable(),
  companyId: z.string().uuid().nullable(),
  companyName: z.string().nullable(),
  invoiceNumber: z.string(),
  invoiceDate: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  hours: z.number(),
  amountSek: z.number(),
  note: z.string(),
});

const invoiceJson = (i: z.infer<typeof invoiceOut>): z.infer<typeof invoiceOut> => ({
  id: i.id,
  userId: i.userId,
  userName: i.userName,
  organisationName: i.organisationName,
  engagementId: i.engagementId,
  companyId: i.companyId,
  companyName: i.companyName,
  invoiceNumber: i.invoiceNumber,
  invoiceDate: i.invoiceDate,
  periodFrom: i.periodFrom,
  periodTo: i.periodTo,
  hours: i.hours,
  amountSek: i.amountSek,
  note: i.note,
});

const summaryOut = z.object({
  month: z.string(),
  period: z.enum(['week', 'month']),
  from: z.string(),
  to: z.string(),
  totals: z.object({
    employed: z.object({ hours: z.number(), costSek: z.number() }),
    external: z.object({ hours: z.number(), costSek: z.number() }),
    unset: z.object({ hours: z.number(), costSek: z.number() }),
    all: z.number(),
  }),
  rows: z.array(
    z.object({
      period: z.string(),
      userId: z.string().uuid(),
      userName: z.string(),
      organisationName: z.string(),
      kind: kind3,
      activity: z.string(),
      companyName: z.string().nullable(),
      hours: z.number(),
      costSek: z.number().nullable(),
    }),
  ),
});

const employmentOut = z.array(
  z.object({
    organisationId: z.string().uuid(),
    organisationName: z.string(),
    kind: z.enum(['employed', 'external']),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    hourlyCostSek: z.number().nullable(),
  }),
);

const rangeQuery = z.object({ from: dateString().optional(), to: dateString().optional() });

export const stafftimeApiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/time/entries',
    kind: 'api',
    access: timeAccess,
    summary: 'My time entries between two dates (default: this week; at most 366 days)',
    tag: TAG,
    query: rangeQuery,
    response: z.object({ from: z.string(), to: z.string(), entries: z.array(entryOut) }),
    handler: async (ctx) => {
      const from = ctx.query.from ?? mondayOf(today());
      let to = ctx.query.to ?? addDays(from, 6);
      if (to < from) to = from;
      if (to > addDays(from, 366)) to = addDays(from, 366);
      const rows = await entries.listOwnEntries(ctx.db, ctx.actor, from, to);
      return { from, to, entries: rows.map(entryJson) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/time/entries',
    kind: 'api',
    access: timeAccess,
    summary: 'Log hours (whole or half hours, at most 24 a day, not in the future, not in a signed month)',
    tag: TAG,
    body: entryInput,
    response: entryOut,
    successStatus: 201,
    handler: async (ctx) => entryJson(await entries.createEntry(ctx.db, ctx.actor, ctx.body, ctx.ip)),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/time/entries/:id',
    kind: 'api',
    access: timeAccess,
    summary: 'Change one of my time entries (the fields given)',
    tag: TAG,
    params: idParams,
    body: entryInput.partial(),
    response: entryOut,
    handler: async (ctx) => {
      const before = await entries.getOwnEntry(ctx.db, ctx.actor, ctx.params.id);
      const given = Object.fromEntries(Object.entries(ctx.body).filter(([, v]) => v !== undefined));
      const input = entryInput.parse({
        workDate: before.workDate,
        hours: before.hours,
        activity: before.activity,
        companyId: before.companyId ?? undefined,
        engagementId: before.engagementId ?? undefined,
        organisationId: before.organisationId,
        note: before.note,
        ...given,
      });
      return entryJson(await entries.updateEntry(ctx.db, ctx.actor, ctx.params.id, input, ctx.ip));
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/time/entries/:id',
    kind: 'api',
    access: timeAccess,
    summary: 'Remove one of my time entries (not in a signed month)',
    tag: TAG,
    params: idParams,
    handler: async (ctx) => {
      await entries.deleteEntry(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
      return undefined;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/time/summary',
    kind: 'api',
    access: timeAccess,
    summary:
      'Hours per week or month × person × activity × company, employed vs external (own, or staff in scope)',
    tag: TAG,
    query: summaryQuery,
    response: summaryOut,
    handler: async (ctx) => {
      const s = await summary(ctx.db, ctx.actor, ctx.query);
      return { month: s.month, period: s.period, from: s.from, to: s.to, totals: s.totals, rows: s.rows };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/time/months/:month',
    kind: 'api',
    access: timeAccess,
    summary: 'A monthly time report (mine, or of a staff member in scope with ?user=)',
    tag: TAG,
    params: monthParams,
    query: z.object({ user: z.string().uuid().optional() }),
    response: monthOut,
    handler: async (ctx) =>
      monthJson(
        await months.monthReport(ctx.db, ctx.actor, ctx.params.month, ctx.query.user ?? ctx.actor.userId),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/time/months/:month/sign',
    kind: 'api',
    access: timeAccess,
    summary: 'Sign my monthly time report; the month is locked against edits',
    tag: TAG,
    params: monthParams,
    response: monthOut,
    successStatus: 201,
    handler: async (ctx) => monthJson(await months.signMonth(ctx.db, ctx.actor, ctx.params.month, ctx.ip)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/time/months/:month/unlock',
    kind: 'api',
    access: staffAccess,
    summary: "Unlock a staff member's signed month, with a reason (region admin)",
    tag: TAG,
    params: monthParams,
    body: unlockInput,
    handler: async (ctx) => {
      await months.unlockMonth(ctx.db, ctx.actor, ctx.body.userId, ctx.params.month, ctx.body.reason, ctx.ip);
      return undefined;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/time/invoices',
    kind: 'api',
    access: timeAccess,
    summary: 'Consultant invoices: mine, or of the staff in scope',
    tag: TAG,
    response: z.array(invoiceOut),
    handler: async (ctx) => (await staff.listInvoices(ctx.db, ctx.actor)).map(invoiceJson),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/time/invoices',
    kind: 'api',
    access: timeAccess,
    summary: 'Record an invoice of an external staff member (against an engagement or a company)',
    tag: TAG,
    body: invoiceInput,
    response: invoiceOut,
    successStatus: 201,
    handler: async (ctx) => invoiceJson(await staff.recordInvoice(ctx.db, ctx.actor, ctx.body, ctx.ip)),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/time/staff/:userId/employment',
    kind: 'api',
    access: staffAccess,
    summary: "Set a staff member's kind of employment (and hourly cost) in an organisation from a date",
    tag: TAG,
    params: z.object({ userId: z.string().uuid() }),
    body: employmentInput,
    response: employmentOut,
    handler: async (ctx) =>
      (await staff.setEmployment(ctx.db, ctx.actor, ctx.params.userId, ctx.body, ctx.ip)).map((e) => ({
        organisationId: e.organisationId,
        organisationName: e.organisationName,
        kind: e.kind,
        validFrom: e.validFrom,
        validTo: e.validTo,
        hourlyCostSek: e.hourlyCostSek,
      })),
  }),
];
