import { z } from 'zod';
import { f, isCalendarDate } from '../../platform/http/forms.ts';

/** The steps of an engagement, in order (DOMAIN.md, Pillar 2). */
export const steps = [
  'intake',
  'current_state',
  'mapping',
  'analysis',
  'plan',
  'implementation',
  'follow_up',
  'closed',
] as const;
export type Step = (typeof steps)[number];

export const stepIndex = (s: Step): number => steps.indexOf(s);

/** Kinds of plan action; the first six are the mapping's gap strategies. */
export const actionKinds = [
  'trainInternally',
  'externalTraining',
  'recruit',
  'validate',
  'redeploy',
  'retain',
  'schoolCollaboration',
  'other',
] as const;
export type ActionKind = (typeof actionKinds)[number];

export const meetingKinds = ['on_site', 'digital', 'phone', 'workshop'] as const;
export type MeetingKind = (typeof meetingKinds)[number];

const isoDate = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date')
    .refine(isCalendarDate, 'validation.date')
    .optional(),
);
/** An optional ISO date (yyyy-mm-dd); blank becomes null. */
export const optDate = () => isoDate.transform((v) => v ?? null);

/** Planned coaching hours: 0.5–999 in half hours. */
export const plannedHours = () =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().replace(',', '.') : v),
    z.coerce
      .number({ error: 'validation.number' })
      .min(0.5, 'validation.min')
      .max(999, 'validation.max')
      .refine((n) => Number.isInteger(n * 2), 'coaching.hours.half'),
  );

export const engagementInput = z.object({
  companyId: f.uuid(),
  municipalityCode: z.string().regex(/^\d{4}$/, 'validation.choice'),
  plannedHours: plannedHours().optional(),
  coachId: f
    .uuid()
    .optional()
    .or(z.literal('').transform(() => undefined)),
});
export type EngagementInput = z.infer<typeof engagementInput>;

export const intakeInput = z.object({
  smeChecked: f.checkbox(),
  inCountyChecked: f.checkbox(),
  agreementSignedOn: optDate(),
  agreementReference: f.optText(200),
  plannedHours: plannedHours(),
});
export type IntakeInput = z.infer<typeof intakeInput>;

export const stepChangeInput = z.object({
  to: z.enum(steps, { error: 'validation.choice' }),
  reason: f.optText(1000),
});
export type StepChangeInput = z.infer<typeof stepChangeInput>;

export const coachAssignInput = z.object({ coachId: f.uuid() });
export const coachRemoveInput = z.object({ reason: f.optText(1000) });

export const engagementListQuery = z.object({
  step: z.enum(steps).optional().catch(undefined),
  municipality: z
    .string()
    .regex(/^\d{4}$/)
    .optional()
    .catch(undefined),
  coach: z.string().uuid().optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  open: z.enum(['open', 'closed', 'all']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
export type EngagementListQuery = z.infer<typeof engagementListQuery>;

/** The programme's coaching rules (region admin). Follow-up months as typed: "3, 6, 12". */
export const rulesInput = z.object({
  plannedHours: plannedHours(),
  followupMonths: z.preprocess(
    (v) =>
      Array.isArray(v)
        ? v
        : typeof v === 'string'
          ? v
              .split(/[\s,;]+/)
              .filter((x) => x !== '')
              .map(Number)
          : v,
    z
      .array(
        z
          .number({ error: 'coaching.rules.monthsFormat' })
          .int('coaching.rules.monthsFormat')
          .min(1, 'coaching.rules.monthsFormat')
          .max(60, 'coaching.rules.monthsFormat'),
        {
          error: 'coaching.rules.monthsFormat',
        },
      )
      .min(1, 'coaching.rules.monthsFormat')
      .max(6, 'coaching.rules.monthsFormat')
      .transform((xs) => [...new Set(xs)].sort((a, b) => a - b)),
  ),
  notesSharing: z.enum(['organisation', 'programme'], { error: 'validation.choice' }),
});
export type RulesInput = z.infer<typeof rulesInput>;
