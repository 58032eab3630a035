// Input and output schemas of the data-subject request routes (pages and /api/v1).
import { z } from 'zod';
import { f } from '../../../platform/http/forms.ts';
import { subjectSources } from '../repo-subject.ts';

export const searchQuery = z.object({ q: z.string().max(254, 'validation.tooLong').optional() });
export const subjectParams = z.object({ source: z.enum(subjectSources), id: z.string().uuid() });
export const userParams = z.object({ userId: z.string().uuid() });
export const erasureInput = z.object({ confirmEmail: f.email(), reason: f.text(500) });

export const hitOut = z.object({
  source: z.enum(subjectSources),
  id: z.string().uuid(),
  name: z.string(),
  email: z.string().nullable(),
  userId: z.string().uuid().nullable(),
});
export const previewOut = z.object({
  ref: z.object({ source: z.enum(subjectSources), id: z.string().uuid() }),
  name: z.string(),
  hasAccount: z.boolean(),
  userId: z.string().uuid().nullable(),
  tables: z.array(
    z.object({
      table: z.string(),
      domain: z.string(),
      rows: z.number(),
      controller: z.string(),
      basis: z.string(),
    }),
  ),
});
export const exportOut = z.object({
  generatedAt: z.string(),
  subject: z.object({ source: z.string(), id: z.string(), userId: z.string().nullable(), name: z.string() }),
  personnummer: z.string(),
  tables: z.record(
    z.string(),
    z.object({
      domain: z.string(),
      purpose: z.string(),
      legalBasis: z.string(),
      controller: z.string(),
      retention: z.string(),
      rows: z.array(z.record(z.string(), z.unknown())),
    }),
  ),
});
export const erasurePreviewOut = z.object({
  userId: z.string().uuid(),
  name: z.string(),
  email: z.string(),
  esfKeptUntil: z.string().nullable(),
  esfRetentionYears: z.number().nullable(),
  lines: z.array(
    z.object({
      table: z.string(),
      rows: z.number(),
      action: z.enum(['delete', 'anonymise', 'keep']),
      rule: z.string().nullable(),
      kept: z.number(),
    }),
  ),
});
export const erasureOut = z.object({ requestId: z.string().uuid(), rows: z.number() });
export const requestOut = z.object({
  id: z.string().uuid(),
  kind: z.enum(['export', 'erasure']),
  channel: z.enum(['admin', 'self']),
  subjectSource: z.string(),
  subjectUserId: z.string().uuid().nullable(),
  format: z.string().nullable(),
  outcome: z.record(z.string(), z.object({ action: z.string(), rows: z.number() })),
  handledByName: z.string().nullable(),
  createdAt: z.date(),
});
