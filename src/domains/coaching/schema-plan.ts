// Input schemas of the competence-supply plan and its follow-ups (pages and API share them).
import { z } from 'zod';
import { f } from '../../platform/http/forms.ts';
import { actionKinds, optDate } from './schema.ts';

export const actionStatuses = ['planned', 'ongoing', 'done', 'dropped'] as const;
export type ActionStatusValue = (typeof actionStatuses)[number];

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** Repeated form fields arrive as a string or a string[]; the API sends an array. */
const list = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);
const optText = (max: number) => f.optText(max).transform((v) => v ?? '');

/** Hours with at most one decimal, 0–99 999. */
const hours = z
  .preprocess(
    (v) => blank(typeof v === 'string' ? v.trim().replace(',', '.') : v),
    z.coerce
      .number({ error: 'validation.number' })
      .min(0, 'validation.min')
      .max(99_999, 'validation.max')
      .refine((n) => Number.isInteger(Math.round(n * 10 * 1000) / 1000), 'coaching.plan.oneDecimal')
      .optional(),
  )
  .transform((v) => v ?? null);

export const goalInput = z.object({
  id: z.preprocess(blank, z.string().uuid('validation.uuid').optional()),
  title: f.text(500),
  measure: optText(1000),
});

export const planInput = z.object({
  summary: optText(10_000),
  goals: z.array(goalInput).max(30, 'validation.tooLong'),
  revision: z.preprocess(blank, z.coerce.number().int().min(0).optional()),
});
export type PlanInput = z.infer<typeof planInput>;

export const actionInput = z.object({
  title: f.text(500),
  kind: f.choice(actionKinds),
  goalId: z.preprocess(blank, z.string().uuid('validation.choice').optional()).transform((v) => v ?? null),
  ownerName: f.optText(200),
  dueOn: optDate(),
  costSek: f.optInt(0, 100_000_000),
  hours,
  needPositions: z.preprocess(
    list,
    z.array(z.coerce.number({ error: 'validation.choice' }).int('validation.choice').min(0)).max(200),
  ),
});
export type ActionInput = z.infer<typeof actionInput>;

export const statusInput = z.object({
  status: f.choice(actionStatuses),
  comment: f.optText(2000),
});
export type StatusInput = z.infer<typeof statusInput>;

export const commentInput = z.object({ body: f.text(2000) });

export const courseInput = z.object({ courseId: f.uuid(), courseTitle: f.text(500) });

export const buildInput = z.object({
  needPositions: z
    .preprocess(
      (v) => (v === undefined ? undefined : list(v)),
      z.array(z.coerce.number({ error: 'validation.choice' }).int('validation.choice').min(0)).max(500),
    )
    .optional(),
});

/** Adoption names the revision of the plan the person saw, so that a later edit cannot slip in. */
export const adoptInput = z.object({ adoptedByName: f.optText(200), revision: f.optInt(0, 1_000_000_000) });

/** A maturity score 1–4 with at most one decimal; blank is none. */
const maturity = z
  .preprocess(
    (v) => blank(typeof v === 'string' ? v.trim().replace(',', '.') : v),
    z.coerce
      .number({ error: 'coaching.followup.maturityFormat' })
      .min(1, 'coaching.followup.maturityFormat')
      .max(4, 'coaching.followup.maturityFormat')
      .refine((n) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9, 'coaching.followup.maturityFormat')
      .optional(),
  )
  .transform((v) => v ?? null);

const yesNo = z
  .preprocess(
    (v) => (v === true ? 'yes' : v === false ? 'no' : blank(v)),
    z.enum(['yes', 'no'], { error: 'validation.choice' }).optional(),
  )
  .transform((v) => (v === undefined ? null : v === 'yes'));

export const followupInput = z.object({
  statuses: z.record(z.string().uuid(), z.enum(actionStatuses, { error: 'validation.choice' })).default({}),
  maturityScore: maturity,
  planInUse: yesNo,
  companyFeedback: optText(5000),
  coachComment: optText(5000),
});
export type FollowupInput = z.infer<typeof followupInput>;

/** A flat form (`goals.0.title`, `status.<id>`) as the nested object the schemas read. */
export function nestForm(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const goals: Record<string, unknown>[] = [];
  const statuses: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const g = /^goals\.(\d{1,2})\.(id|title|measure)$/.exec(key);
    const s = /^status\.([0-9a-f-]{36})$/.exec(key);
    if (g) {
      const i = Number(g[1]);
      goals[i] ??= {};
      (goals[i] as Record<string, unknown>)[g[2] as string] = value;
    } else if (s) statuses[s[1] as string] = value;
    else out[key] = value;
  }
  // Blank goal rows (the empty rows the form offers) are not goals.
  out.goals = goals.filter(
    (g) => g && [g.title, g.measure].some((v) => typeof v === 'string' && v.trim() !== ''),
  );
  out.statuses = statuses;
  return out;
}
