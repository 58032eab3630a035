// Input schemas of the ESF administration's programme rules and participant registration (forms and API).
import { z } from 'zod';
import { f, isCalendarDate } from '../../platform/http/forms.ts';

/** The columns the SCB participant file can hold, in the default order. */
export const SCB_COLUMNS = [
  'personnummer',
  'firstName',
  'lastName',
  'startDate',
  'endDate',
  'employerOrgNumber',
  'email',
  'mobile',
] as const;
export type ScbColumn = (typeof SCB_COLUMNS)[number];

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A decimal in Swedish or English notation (`1 234,50` or `1234.5`). */
export const decimal = (min: number, max: number) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v.trim() === ''
          ? undefined
          : Number(v.replace(/\s/g, '').replace(',', '.'))
        : v,
    z.number({ error: 'validation.number' }).min(min, 'validation.min').max(max, 'validation.max'),
  );

const date = () =>
  z.preprocess(blank, z.string({ error: 'validation.required' }).refine(isCalendarDate, 'validation.date'));
const optDate = () =>
  z
    .preprocess(blank, z.string().refine(isCalendarDate, 'validation.date').optional())
    .transform((v) => v ?? null);

export const scbColumnsField = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(/[\s,;]+/)
          .map((x) => x.trim())
          .filter((x) => x !== '')
      : v,
  z
    .array(z.enum(SCB_COLUMNS, { error: 'esf.rules.scbColumnsUnknown' }), { error: 'validation.required' })
    .min(1, 'validation.required')
    .refine((cols) => new Set(cols).size === cols.length, 'esf.rules.scbColumnsTwice')
    .refine((cols) => cols.includes('personnummer'), 'esf.rules.scbColumnsPnr'),
);

export const rulesInput = z
  .object({
    scbColumns: scbColumnsField,
    indirectCosts15: f.checkbox(),
    otherCosts40: f.checkbox(),
    targetCompanies: f.int(0, 1_000_000),
    targetParticipantsWomen: f.int(0, 10_000_000),
    targetParticipantsMen: f.int(0, 10_000_000),
    targetHours: f.int(0, 100_000_000),
    targetPlans: f.int(0, 1_000_000),
    informationText: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : v),
      z.string().max(20000, 'validation.tooLong'),
    ),
    inactiveDays: f.int(7, 730),
    deminimisCeilingEur: decimal(1, 100_000_000),
    sekPerEur: decimal(0.01, 1000),
    retentionYears: f.int(1, 50),
    grants: z.preprocess(
      (v) =>
        typeof v === 'string'
          ? v
              .split('\n')
              .map((l) => l.trim())
              .filter((l) => l !== '')
              .map((l) => {
                const at = Math.max(l.lastIndexOf(':'), l.lastIndexOf('='));
                const amount = Number(
                  l
                    .slice(at + 1)
                    .replace(/\s|kr/g, '')
                    .replace(',', '.'),
                );
                return at < 1
                  ? { funder: l, amountSek: Number.NaN }
                  : { funder: l.slice(0, at).trim(), amountSek: amount };
              })
          : v,
      z
        .array(
          z.object({
            funder: z.string().min(1, 'esf.rules.grantsFormat').max(200, 'validation.tooLong'),
            amountSek: z
              .number({ error: 'esf.rules.grantsFormat' })
              .min(0, 'esf.rules.grantsFormat')
              .max(10_000_000_000, 'validation.max'),
          }),
          { error: 'esf.rules.grantsFormat' },
        )
        .max(10, 'validation.tooLong'),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.indirectCosts15 && v.otherCosts40)
      ctx.addIssue({ code: 'custom', path: ['otherCosts40'], message: 'esf.rules.flatRateBoth' });
  });
export type RulesInput = z.infer<typeof rulesInput>;

export const unitCostInput = z.object({
  year: f.int(2000, 2100),
  participantHourSek: decimal(0, 100_000),
  staffHourSek: decimal(0, 100_000),
});
export type UnitCostInput = z.infer<typeof unitCostInput>;

/** Register a participant: from an enrolled learner, a coaching meeting's attendee, or by hand. */
export const participantInput = z.object({
  source: f.choice(['enrolment', 'coaching', 'manual'] as const),
  learnerId: z.preprocess(blank, f.uuid().optional()),
  attendeeId: z.preprocess(blank, f.uuid().optional()),
  companyId: z.preprocess(blank, f.uuid().optional()),
  personnummer: f.text(20),
  firstName: f.text(100),
  lastName: f.text(100),
  gender: z.preprocess(blank, z.enum(['woman', 'man'], { error: 'validation.choice' }).optional()),
  managerContactId: z.preprocess(blank, f.uuid().optional()),
  managerName: f.optText(200),
  managerEmail: f.optEmail(),
  email: f.optEmail(),
  mobile: z
    .preprocess(
      blank,
      z
        .string()
        .max(30, 'validation.tooLong')
        .regex(/^\+?[\d\s-]{6,20}$/, 'esf.participant.mobileFormat')
        .optional(),
    )
    .transform((v) => v ?? null),
  startedOn: optDate(),
  informationAcknowledged: f.checkbox(),
  eligibilityConfirmed: f.checkbox(),
});
export type ParticipantInput = z.infer<typeof participantInput>;

export const closeInput = z.object({
  endedOn: date(),
  reason: f.optText(500),
  version: f.int(1, 1_000_000),
});
export type CloseInput = z.infer<typeof closeInput>;

export const participantListQuery = z.object({
  q: z.preprocess(blank, z.string().max(100).optional()),
  status: z.preprocess(blank, z.enum(['active', 'ended', 'all']).optional()),
  company: z.preprocess(blank, z.string().uuid().optional()),
});
export type ParticipantListQuery = z.infer<typeof participantListQuery>;
