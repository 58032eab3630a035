import { z } from 'zod';
import type { FieldError } from '../errors.ts';

/** Form values arrive as strings; blank means "not given". */
const blankToUndefined = (v: unknown) => {
  if (typeof v !== 'string') return v;
  const trimmed = v.trim();
  return trimmed === '' ? undefined : trimmed;
};

/**
 * A calendar date `yyyy-mm-dd` that exists (no 2026-02-30) within the years 1900–2100, which every table
 * accepts (PostgreSQL refuses year 0).
 */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const year = Number(s.slice(0, 4));
  if (year < 1900 || year > 2100) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A month `yyyy-mm` within the years 1900–2100. */
export const isCalendarMonth = (s: string): boolean => isCalendarDate(`${s}-01`);

export const f = {
  /** Required trimmed text of at most `max` characters. */
  text: (max: number) =>
    z.preprocess(blankToUndefined, z.string({ error: 'validation.required' }).max(max, 'validation.tooLong')),
  /** Optional trimmed text; blank becomes null. */
  optText: (max: number) =>
    z
      .preprocess(blankToUndefined, z.string().max(max, 'validation.tooLong').optional())
      .transform((v) => v ?? null),
  email: () =>
    z.preprocess(
      blankToUndefined,
      z.string({ error: 'validation.required' }).max(254, 'validation.tooLong').email('validation.email'),
    ),
  optEmail: () =>
    z
      .preprocess(
        blankToUndefined,
        z.string().max(254, 'validation.tooLong').email('validation.email').optional(),
      )
      .transform((v) => v ?? null),
  int: (min: number, max: number) =>
    z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: 'validation.number' })
        .int('validation.number')
        .min(min, 'validation.min')
        .max(max, 'validation.max'),
    ),
  optInt: (min: number, max: number) =>
    z
      .preprocess(
        blankToUndefined,
        z.coerce
          .number({ error: 'validation.number' })
          .int('validation.number')
          .min(min, 'validation.min')
          .max(max, 'validation.max')
          .optional(),
      )
      .transform((v) => v ?? null),
  choice: <const T extends readonly [string, ...string[]]>(values: T) =>
    z.preprocess(blankToUndefined, z.enum(values, { error: 'validation.choice' })),
  checkbox: () => z.preprocess((v) => v === 'on' || v === 'true' || v === true || v === '1', z.boolean()),
  uuid: () => z.string().uuid('validation.uuid'),
};

/** Turn zod issues into field errors whose messages are catalogue keys (with params). */
export function toFieldErrors(error: z.ZodError): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || '_form';
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, ...messageFor(issue) });
  }
  return out;
}

function messageFor(issue: z.core.$ZodIssue): Pick<FieldError, 'message' | 'params'> {
  const key = issue.message;
  if (issue.code === 'too_big')
    return {
      message: key.includes('.') ? key : 'validation.tooLong',
      params: { max: Number(issue.maximum) },
    };
  if (issue.code === 'too_small')
    return {
      message: key.includes('.') ? key : 'validation.tooShort',
      params: { min: Number(issue.minimum) },
    };
  if (/^[a-z]+(\.[A-Za-z0-9]+)+$/.test(key)) return { message: key };
  if (issue.code === 'invalid_type')
    return { message: issue.input === undefined ? 'validation.required' : 'validation.invalid' };
  if (issue.code === 'invalid_value') return { message: 'validation.choice' };
  return { message: 'validation.invalid' };
}

/** Flatten a form body (fastify/formbody gives string | string[]) to a plain record, for re-rendering. */
export function rawForm(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return out;
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue;
    out[key] = Array.isArray(value)
      ? String(value[0] ?? '')
      : typeof value === 'string'
        ? value
        : String(value ?? '');
  }
  return out;
}
