// Input schemas of the time certificate pages and API (forms and JSON share them).
import { z } from 'zod';
import { f, isCalendarMonth } from '../../../platform/http/forms.ts';

export const monthField = () =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: 'validation.required' })
      .min(1, 'validation.required')
      .regex(/^\d{4}-\d{2}$/, 'esf.certificates.monthInvalid')
      .refine(isCalendarMonth, 'esf.certificates.monthInvalid'),
  );

export const idParams = z.object({ id: z.string().uuid() });
/** A one-time link's token (base64url, 32 bytes); anything else is an unknown link. */
export const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{40,60}$/) });

export const monthQuery = z.object({ month: monthField().optional().catch(undefined) });
export const generateInput = z.object({ month: monthField() });
export const correctInput = z.object({ reason: f.text(1000) });
export const paperInput = z.object({ participantName: f.text(200), managerName: f.text(200) });

const mustTick = (message: string) => f.checkbox().refine((v) => v, message);

/** Ids as repeated form fields, a comma-separated string or a JSON array. */
const idList = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : v === undefined
        ? []
        : v,
  z.array(z.string().uuid('validation.uuid')).min(1, 'esf.certificates.sign.noneChosen').max(500),
);

export const countersignInput = z.object({
  ids: idList,
  reviewed: mustTick('esf.certificates.sign.reviewedRequired'),
});
export const confirmInput = z.object({ confirmed: mustTick('esf.certificates.confirmRequired') });
export const linkSignInput = z.object({
  name: f.text(200),
  confirmed: mustTick('esf.certificates.confirmRequired'),
});
