// zod schemas of the staff time log: entries, months, employment, invoices and summary filters.
import { z } from 'zod';
import { f, isCalendarDate, isCalendarMonth } from '../../platform/http/forms.ts';

export const activities = [
  'coaching',
  'mapping',
  'training_coordination',
  'project_management',
  'information',
  'administration',
  'other',
] as const;
export type Activity = (typeof activities)[number];

export const employmentKinds = ['employed', 'external'] as const;
export type EmploymentKind = (typeof employmentKinds)[number];

export const NOTE_MAX = 500;

const blank = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date `2026-11-28` that exists. */
export const dateString = (message = 'stafftime.error.date') =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.string({ error: 'validation.required' }).regex(isoDate, message).refine(isCalendarDate, message),
  );

/** Hours in whole and half hours (a decimal comma is accepted): 0.5, 1, 1.5 … */
export const halfHours = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().replace(',', '.')) : v),
    z.coerce
      .number({ error: 'stafftime.error.hours' })
      .refine((n) => Number.isFinite(n) && n > 0 && Number.isInteger(n * 2), 'stafftime.error.hours')
      .refine((n) => n <= max, 'stafftime.error.hoursMax'),
  );

const optUuid = z
  .preprocess(blank, z.string().uuid('validation.uuid').optional())
  .transform((v) => v ?? null);

export const entryInput = z.object({
  workDate: dateString(),
  hours: halfHours(24),
  activity: f.choice(activities),
  companyId: optUuid,
  engagementId: optUuid,
  organisationId: optUuid,
  note: f.optText(NOTE_MAX).transform((v) => v ?? ''),
});
export type EntryInput = z.infer<typeof entryInput>;

export const monthString = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .refine(isCalendarMonth);

export const unlockInput = z.object({
  userId: f.uuid(),
  reason: f.text(1000),
});

export const employmentInput = z.object({
  organisationId: f.uuid(),
  kind: f.choice(employmentKinds),
  validFrom: dateString(),
  hourlyCostSek: z
    .preprocess(
      (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().replace(',', '.')) : v),
      z.coerce
        .number({ error: 'validation.number' })
        .positive('stafftime.error.cost')
        .max(100_000, 'stafftime.error.cost')
        .optional(),
    )
    .transform((v) => v ?? null),
});
export type EmploymentInput = z.infer<typeof employmentInput>;

export const invoiceInput = z.object({
  userId: optUuid,
  organisationId: optUuid,
  engagementId: optUuid,
  companyId: optUuid,
  invoiceNumber: f.text(100),
  invoiceDate: dateString(),
  periodFrom: dateString(),
  periodTo: dateString(),
  hours: halfHours(10_000),
  amountSek: z.preprocess(
    (v) =>
      typeof v === 'string' ? (v.trim() === '' ? undefined : v.replace(/\s/g, '').replace(',', '.')) : v,
    z.coerce
      .number({ error: 'validation.number' })
      .positive('stafftime.error.amount')
      .max(100_000_000, 'stafftime.error.amount'),
  ),
  note: f.optText(NOTE_MAX).transform((v) => v ?? ''),
});
export type InvoiceInput = z.infer<typeof invoiceInput>;

export const summaryQuery = z.object({
  month: z.preprocess(blank, monthString.optional()),
  period: z.preprocess(blank, z.enum(['week', 'month']).default('month')),
  user: z.preprocess(blank, z.string().uuid().optional()),
  organisation: z.preprocess(blank, z.string().uuid().optional()),
});
export type SummaryQuery = z.infer<typeof summaryQuery>;

export const weekQuery = z.object({
  week: z.preprocess(blank, dateString().optional()),
  edit: z.preprocess(blank, z.string().uuid().optional()),
});
