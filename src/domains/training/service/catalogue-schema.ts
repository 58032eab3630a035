// Input schemas of the training catalogue, shared by the no-JavaScript forms (strings) and the JSON API.
import { z } from 'zod';
import { f } from '../../../platform/http/forms.ts';

const blank = (v: unknown) => {
  if (typeof v !== 'string') return v;
  const s = v.trim();
  return s === '' ? undefined : s;
};

export const FORMATS = ['classroom', 'digital', 'blended'] as const;
export const FINANCING = ['procured', 'company', 'public'] as const;
export const STATUSES = ['draft', 'submitted', 'approved', 'withdrawn'] as const;
export const ACTIVITIES = ['teaching', 'practice', 'digital', 'exam'] as const;
/** Languages a course may be given in (ISO 639-1). */
export const LANGUAGES = ['sv', 'en', 'ar', 'so', 'ti', 'fa', 'uk', 'pl', 'fi', 'es', 'de'] as const;

const longText = (max: number) =>
  z.preprocess(blank, z.string().max(max, 'validation.tooLong').optional()).transform((v) => v ?? '');
export const optDate = () =>
  z
    .preprocess(
      blank,
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date')
        .optional(),
    )
    .refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), 'validation.date')
    .transform((v) => v ?? null);
export const date = () =>
  z
    .preprocess(
      blank,
      z.string({ error: 'validation.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date'),
    )
    .refine((v) => !Number.isNaN(Date.parse(v)), 'validation.date');
const time = () =>
  z.preprocess(
    blank,
    z
      .string({ error: 'validation.required' })
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'training.catalogue.error.time'),
  );
const code = () =>
  z.preprocess(blank, z.string().max(20, 'validation.tooLong').optional()).transform((v) => v ?? null);

/** One value or many (a form's repeated checkbox) as a list of distinct competence ids. */
const competenceList = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.string().trim().min(1).max(60))
    .max(40, 'training.catalogue.error.tooManyCompetences')
    .transform((ids) => [...new Set(ids)]),
);

export const courseFields = z.object({
  providerOrgId: z
    .preprocess(blank, z.string().uuid('validation.uuid').optional())
    .transform((v) => v ?? null)
    .describe('The provider organisation; required for region admins, defaults to the provider user’s own'),
  title: f.text(300),
  description: longText(20_000),
  competences: competenceList.describe('JobTech competence concept ids the course teaches'),
  sunFieldCode: code().describe('SUN 2020 field of education'),
  sunLevelCode: code().describe('SUN 2020 level'),
  targetGroup: longText(2000),
  format: f.choice(FORMATS),
  hours: z.preprocess(
    blank,
    z.coerce
      .number({ error: 'validation.required' })
      .min(0.5, 'validation.min')
      .max(5000, 'validation.max')
      .transform((h) => Math.round(h * 10) / 10),
  ),
  language: f.choice(LANGUAGES),
  municipalityCode: code(),
  address: f.optText(500),
  priceSek: f.int(0, 10_000_000).describe('Price per participant in SEK'),
  prerequisites: longText(2000),
  contactName: f.optText(200),
  contactEmail: f.optEmail(),
  contactPhone: f.optText(40),
  financing: f.choice(FINANCING),
  contractReference: f.optText(200),
  contractFrom: optDate(),
  contractTo: optDate(),
  completionAttendancePct: f.int(1, 100),
  issuesCredential: f.checkbox(),
});
export type CourseInput = z.infer<typeof courseFields>;
/** PATCH: any subset of the fields. */
export const coursePatch = courseFields.partial();
export type CoursePatch = z.infer<typeof coursePatch>;

export const occasionFields = z.object({
  startsOn: date(),
  endsOn: date(),
  seats: f.int(1, 10_000),
  enrolmentDeadline: date(),
  municipalityCode: code(),
  location: f.optText(500),
  onlineLink: z
    .preprocess(
      blank,
      z.string().max(1000, 'validation.tooLong').url('training.catalogue.error.url').optional(),
    )
    .refine((v) => v === undefined || /^https?:\/\//i.test(v), 'training.catalogue.error.url')
    .transform((v) => v ?? null),
});
export type OccasionInput = z.infer<typeof occasionFields>;

export const sessionFields = z.object({
  date: date(),
  start: time(),
  end: time(),
  activity: f.choice(ACTIVITIES),
  location: f.optText(500),
});
export type SessionInput = z.infer<typeof sessionFields>;

export const searchQuery = z.object({
  q: z.preprocess(blank, z.string().max(200).optional()),
  competence: z.preprocess(blank, z.string().max(60).optional()),
  municipality: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{4}$/)
      .optional(),
  ),
  format: z.preprocess(blank, z.enum(FORMATS).optional()),
  language: z.preprocess(blank, z.enum(LANGUAGES).optional()),
  from: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  ),
  to: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  ),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(1000).optional()),
});
export type SearchQuery = z.infer<typeof searchQuery>;
