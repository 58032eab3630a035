// Input of de minimis pages and API: the date the aid is summed up to, and a company's declaration of
// other de minimis aid received.
import { z } from 'zod';
import { isCalendarDate } from '../../../platform/http/forms.ts';
import { decimal } from '../schema.ts';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const asOfQuery = z.object({
  asOf: z
    .preprocess(blank, z.string().refine(isCalendarDate, 'validation.date').optional())
    .transform((v) => v ?? null),
});

export const declarationInput = z.object({
  declaredOn: z.preprocess(
    blank,
    z.string({ error: 'validation.required' }).refine(isCalendarDate, 'validation.date'),
  ),
  otherAidEur: decimal(0, 100_000_000),
  details: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : (v ?? '')),
    z.string().max(2000, 'validation.tooLong'),
  ),
});
export type DeclarationInput = z.infer<typeof declarationInput>;
