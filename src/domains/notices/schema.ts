import { z } from 'zod';
import { f } from '../../platform/http/forms.ts';

export const reportStatuses = ['new', 'in_progress', 'answered'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/** The public report form (page and API). `website` is the honeypot: people leave it empty. */
export const reportForm = z.object({
  page: f.text(500),
  description: f.text(4000),
  wantsAlternative: f.checkbox(),
  organisationId: z
    .preprocess((v) => (v === '' ? undefined : v), f.uuid().optional())
    .transform((v) => v ?? null),
  name: f.optText(200),
  email: f.optEmail(),
  website: z.preprocess((v) => (typeof v === 'string' ? v : undefined), z.string().max(500).optional()),
});
export type ReportInput = z.infer<typeof reportForm>;

export const reportQuery = z.object({ from: z.string().max(500).optional() });

export const updateForm = z.object({
  status: f.choice(reportStatuses),
  note: f.optText(4000),
});
export type UpdateInput = z.infer<typeof updateForm>;

export const listQuery = z.object({ status: z.enum(reportStatuses).optional().catch(undefined) });
export const idParams = z.object({ id: z.string().uuid() });

export const reportOut = z.object({
  id: z.string().uuid(),
  regionId: z.string().uuid(),
  organisationName: z.string().nullable(),
  page: z.string(),
  description: z.string(),
  wantsAlternative: z.boolean(),
  reporterName: z.string().nullable(),
  reporterEmail: z.string().nullable(),
  locale: z.enum(['sv', 'en']),
  status: z.enum(reportStatuses),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const createdOut = z.object({ received: z.literal(true) });
