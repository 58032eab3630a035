// Input of a payment-claim period (form and API): its first and last month.
import { z } from 'zod';
import { isCalendarMonth } from '../../../platform/http/forms.ts';

const month = () =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v),
    z
      .string({ error: 'validation.required' })
      .regex(/^\d{4}-\d{2}$/, 'esf.claims.monthFormat')
      .refine(isCalendarMonth, 'esf.claims.monthFormat'),
  );

export const claimPeriodInput = z.object({ firstMonth: month(), lastMonth: month() });
export type ClaimPeriodInput = z.infer<typeof claimPeriodInput>;
