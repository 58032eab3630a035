// Input schemas of digital-course authoring, shared by the no-JavaScript forms (strings) and the JSON API.
import { z } from 'zod';
import { f } from '../../../platform/http/forms.ts';

const blank = (v: unknown) => {
  if (typeof v !== 'string') return v;
  const s = v.trim();
  return s === '' ? undefined : s;
};
const longText = (max: number) =>
  z.preprocess(blank, z.string().max(max, 'validation.tooLong').optional()).transform((v) => v ?? '');
const optUuid = () =>
  z.preprocess(blank, z.string().uuid('validation.uuid').optional()).transform((v) => v ?? null);

/** Languages a digital course may be given in (ISO 639-1), as the training catalogue. */
export const LANGUAGES = ['sv', 'en', 'ar', 'so', 'ti', 'fa', 'uk', 'pl', 'fi', 'es', 'de'] as const;
export const LESSON_KINDS = ['text', 'video', 'quiz', 'lti'] as const;
export const QUESTION_KINDS = ['single', 'multiple'] as const;
export const MEDIA_KINDS = ['video', 'captions', 'audio_description', 'image'] as const;
export const MAX_OPTIONS = 8;

const competenceList = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.string().trim().min(1).max(60))
    .max(40, 'elearning.author.error.tooManyCompetences')
    .transform((ids) => [...new Set(ids)]),
);

export const metadataInput = z.object({
  providerOrgId: optUuid().describe(
    'The provider organisation (on create); defaults to the provider user’s own',
  ),
  title: f.text(300),
  summary: longText(20_000).describe('Markdown'),
  criteria: longText(5000).describe(
    'Markdown: what a learner must do to complete (the credential’s criteria)',
  ),
  language: f.choice(LANGUAGES),
  hours: z.preprocess(
    blank,
    z.coerce
      .number({ error: 'validation.required' })
      .min(0.1, 'validation.min')
      .max(500, 'validation.max')
      .transform((h) => Math.round(h * 10) / 10),
  ),
  sunLevelCode: z
    .preprocess(blank, z.string().max(20, 'validation.tooLong').optional())
    .transform((v) => v ?? null),
  competences: competenceList.describe('JobTech competence concept ids'),
  issuesCredential: f.checkbox(),
  trainingCourseId: optUuid().describe('A pillar-3 catalogue course (format digital) of the same provider'),
});
export type MetadataInput = z.infer<typeof metadataInput>;

export const moduleInput = z.object({ title: f.text(300) });
export type ModuleInput = z.infer<typeof moduleInput>;

export const newLessonInput = z.object({ kind: f.choice(LESSON_KINDS), title: f.text(300) });
export type NewLessonInput = z.infer<typeof newLessonInput>;

export const lessonInput = z.object({
  title: f.text(300),
  body: longText(50_000).describe('Markdown: the text, or the introduction of a video or quiz'),
  estimatedMinutes: f.int(1, 600),
  videoMediaId: optUuid(),
  externalUrl: z
    .preprocess(
      blank,
      z
        .string()
        .max(2000, 'validation.tooLong')
        .regex(/^https:\/\/[^\s]+$/, 'elearning.author.error.https')
        .refine((u) => URL.canParse(u), 'elearning.author.error.https')
        .optional(),
    )
    .transform((v) => v ?? null),
  captionsMediaId: optUuid(),
  audioDescriptionMediaId: optUuid(),
  textAlternative: longText(50_000),
  pictureCarriesInformation: f.checkbox(),
  passMark: f.optInt(1, 100),
  ltiLinkId: optUuid(),
});
export type LessonInput = z.infer<typeof lessonInput>;

export const optionInput = z.object({
  label: f.text(500),
  correct: f.checkbox(),
  feedback: longText(1000),
});
export const questionInput = z.object({
  kind: f.choice(QUESTION_KINDS),
  prompt: f.text(2000),
  feedbackCorrect: longText(2000),
  feedbackIncorrect: longText(2000),
  options: z.array(optionInput).max(MAX_OPTIONS, 'validation.tooLong'),
});
export type QuestionInput = z.infer<typeof questionInput>;

export const moveInput = z.object({ direction: f.choice(['up', 'down'] as const) });

/**
 * A question form's flat fields (`options.0.label`, `options.0.correct`, …) as the nested input; option
 * rows left blank are dropped.
 */
export function questionFromForm(raw: Record<string, string>): Record<string, unknown> {
  const options: Record<string, string>[] = [];
  for (let i = 0; i < MAX_OPTIONS; i++) {
    const label = raw[`options.${i}.label`] ?? '';
    const feedback = raw[`options.${i}.feedback`] ?? '';
    if (label.trim() === '' && feedback.trim() === '') continue;
    options.push({ label, feedback, correct: raw[`options.${i}.correct`] ?? '' });
  }
  return { ...raw, options };
}
