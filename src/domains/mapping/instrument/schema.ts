import { z } from 'zod';

/**
 * The definition of a mapping instrument (one version of the common method, or a region's own version).
 * Pure data: sections of questions with Swedish and English texts. Error messages are catalogue keys
 * (`mapping.instrument.*`, `validation.*`) so that a form can show them in either language.
 */

const nonEmpty = (max: number) =>
  z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, 'validation.required')
    .max(max, 'validation.tooLong');

/** A text in both languages; neither may be empty. */
export const localised = (max = 500) => z.strictObject({ sv: nonEmpty(max), en: nonEmpty(max) });
export type Localised = z.infer<ReturnType<typeof localised>>;

const questionKey = z
  .string({ error: 'validation.required' })
  .regex(/^[a-z][A-Za-z0-9]{0,59}$/, 'mapping.instrument.keyFormat');
const instrumentKey = z
  .string({ error: 'validation.required' })
  .regex(/^[a-z][a-z0-9-]{0,59}$/, 'mapping.instrument.keyFormat');

export const questionTypes = [
  'text',
  'longText',
  'integer',
  'choice',
  'multiChoice',
  'scale',
  'date',
  'ssyk',
  'competence',
  'roleMatrix',
  'requirementMatrix',
  'needs',
  'recruitmentNeeds',
  'maturity',
] as const;
export type QuestionType = (typeof questionTypes)[number];

/**
 * The comparable core: answers to these questions are counted across companies, municipalities and
 * versions. Each core may be carried by at most one question, and only by a question of its type.
 */
export const coreKeys = ['roles', 'competences', 'needs', 'maturity', 'recruitment'] as const;
export type CoreKey = (typeof coreKeys)[number];
export const coreQuestionType: Record<CoreKey, QuestionType> = {
  roles: 'roleMatrix',
  competences: 'requirementMatrix',
  needs: 'needs',
  maturity: 'maturity',
  recruitment: 'recruitmentNeeds',
};

/** Company-record fields a question may be pre-filled from. */
export const prefillSources = [
  'company.orgNumber',
  'company.name',
  'company.sniCode',
  'company.sizeClass',
  'company.employeesWomen',
  'company.employeesMen',
  'company.workplaces',
] as const;

const option = z.strictObject({ key: questionKey, label: localised(200) });

const statement = z.strictObject({ key: questionKey, label: localised(300) });

/** Which questions use which extra properties (checked in the instrument's refinement). */
const choiceTypes: readonly QuestionType[] = ['choice', 'multiChoice'];
const matrixTypesWithRoles: readonly QuestionType[] = ['requirementMatrix', 'needs'];

export const question = z.strictObject({
  key: questionKey,
  type: z.enum(questionTypes, { error: 'validation.choice' }),
  label: localised(300),
  help: localised(2000).optional(),
  required: z.boolean().default(false),
  core: z.enum(coreKeys, { error: 'validation.choice' }).optional(),
  /** Pre-filled from the company record (the answer can still be corrected). */
  prefill: z.enum(prefillSources, { error: 'validation.choice' }).optional(),
  /** integer */
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  /** text, longText */
  maxLength: z.number().int().min(1).max(20_000).optional(),
  /** choice, multiChoice */
  options: z.array(option).max(50, 'validation.tooLong').optional(),
  /** multiChoice: at most this many options may be chosen (e.g. top 3). */
  maxSelected: z.number().int().min(1).optional(),
  /** maturity: the statements, each scored 1–4 */
  statements: z.array(statement).max(30, 'validation.tooLong').optional(),
  /** maturity: the four answer labels, from 1 (not at all) to 4 (fully) */
  answerLabels: z.array(localised(100)).length(4, 'mapping.instrument.answerLabels').optional(),
  /** requirementMatrix, needs: the roleMatrix question whose roles the rows refer to */
  rolesFrom: questionKey.optional(),
  /** requirementMatrix: the future horizon in months, within 12–36 */
  horizonMonths: z
    .strictObject({ min: z.number().int().min(1).max(120), max: z.number().int().min(1).max(120) })
    .optional(),
  /** Shown (and asked) only when an earlier choice question has one of these options. */
  showIf: z.strictObject({ question: questionKey, anyOf: z.array(questionKey).min(1) }).optional(),
});
export type Question = z.infer<typeof question>;

export const section = z.strictObject({
  key: questionKey,
  title: localised(200),
  help: localised(2000).optional(),
  questions: z.array(question).min(1, 'mapping.instrument.emptySection'),
});
export type Section = z.infer<typeof section>;

export const level = z.strictObject({
  value: z.number().int().min(0).max(10),
  label: localised(100),
  description: localised(500),
});

const baseInstrument = z.strictObject({
  key: instrumentKey,
  version: z.number().int().min(1).max(10_000),
  title: localised(200),
  levelScale: z.array(level).min(2, 'mapping.instrument.levelScale').max(10, 'mapping.instrument.levelScale'),
  sections: z.array(section).min(1, 'mapping.instrument.emptyInstrument'),
});

type Ctx = z.core.$RefinementCtx<z.infer<typeof baseInstrument>>;

function duplicates(keys: string[]): Set<number> {
  const seen = new Set<string>();
  const out = new Set<number>();
  keys.forEach((k, i) => {
    if (seen.has(k)) out.add(i);
    seen.add(k);
  });
  return out;
}

function refineInstrument(def: z.infer<typeof baseInstrument>, ctx: Ctx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });

  def.levelScale.forEach((l, i) => {
    if (i > 0 && l.value !== (def.levelScale[i - 1]?.value ?? 0) + 1)
      issue(['levelScale', i, 'value'], 'mapping.instrument.levelsConsecutive');
  });

  for (const i of duplicates(def.sections.map((s) => s.key)))
    issue(['sections', i, 'key'], 'mapping.instrument.duplicateKey');

  const seenQuestions = new Map<string, Question>();
  const seenCores = new Set<CoreKey>();
  def.sections.forEach((s, si) => {
    s.questions.forEach((q, qi) => {
      const at = (...rest: (string | number)[]) => ['sections', si, 'questions', qi, ...rest];
      if (seenQuestions.has(q.key)) issue(at('key'), 'mapping.instrument.duplicateKey');

      if (q.core) {
        if (seenCores.has(q.core)) issue(at('core'), 'mapping.instrument.duplicateCore');
        if (coreQuestionType[q.core] !== q.type) issue(at('core'), 'mapping.instrument.coreType');
        seenCores.add(q.core);
      }

      if (choiceTypes.includes(q.type)) {
        if (!q.options || q.options.length < 2) issue(at('options'), 'mapping.instrument.optionsRequired');
        else
          for (const i of duplicates(q.options.map((o) => o.key)))
            issue(at('options', i, 'key'), 'mapping.instrument.duplicateKey');
      } else if (q.options) issue(at('options'), 'mapping.instrument.notForType');

      if (q.maxSelected !== undefined) {
        if (q.type !== 'multiChoice') issue(at('maxSelected'), 'mapping.instrument.notForType');
        else if (q.options && q.maxSelected > q.options.length)
          issue(at('maxSelected'), 'validation.invalid');
      }

      if ((q.min !== undefined || q.max !== undefined) && q.type !== 'integer')
        issue(at('min'), 'mapping.instrument.notForType');
      if (q.min !== undefined && q.max !== undefined && q.min > q.max)
        issue(at('max'), 'mapping.instrument.minMax');

      if (q.maxLength !== undefined && q.type !== 'text' && q.type !== 'longText')
        issue(at('maxLength'), 'mapping.instrument.notForType');

      if (q.type === 'maturity') {
        if (!q.statements || q.statements.length === 0)
          issue(at('statements'), 'mapping.instrument.statementsRequired');
        else
          for (const i of duplicates(q.statements.map((x) => x.key)))
            issue(at('statements', i, 'key'), 'mapping.instrument.duplicateKey');
        if (!q.answerLabels) issue(at('answerLabels'), 'mapping.instrument.answerLabels');
      } else {
        if (q.statements) issue(at('statements'), 'mapping.instrument.notForType');
        if (q.answerLabels) issue(at('answerLabels'), 'mapping.instrument.notForType');
      }

      if (matrixTypesWithRoles.includes(q.type)) {
        const roles = q.rolesFrom ? seenQuestions.get(q.rolesFrom) : undefined;
        if (roles?.type !== 'roleMatrix') issue(at('rolesFrom'), 'mapping.instrument.rolesFrom');
      } else if (q.rolesFrom) issue(at('rolesFrom'), 'mapping.instrument.notForType');

      if (q.horizonMonths) {
        if (q.type !== 'requirementMatrix') issue(at('horizonMonths'), 'mapping.instrument.notForType');
        else if (q.horizonMonths.min > q.horizonMonths.max)
          issue(at('horizonMonths'), 'mapping.instrument.minMax');
      }

      if (q.showIf) {
        const on = seenQuestions.get(q.showIf.question);
        if (!on || !choiceTypes.includes(on.type))
          issue(at('showIf', 'question'), 'mapping.instrument.showIf');
        else {
          const keys = new Set(on.options?.map((o) => o.key));
          q.showIf.anyOf.forEach((k, i) => {
            if (!keys.has(k)) issue(at('showIf', 'anyOf', i), 'mapping.instrument.showIf');
          });
        }
      }

      seenQuestions.set(q.key, q);
    });
  });
}

export const instrumentDefinition = baseInstrument.superRefine(refineInstrument);
export type InstrumentDefinition = z.infer<typeof instrumentDefinition>;
/** What an editor sends (before defaults such as `required: false` are applied). */
export type InstrumentDefinitionInput = z.input<typeof instrumentDefinition>;

/** Fixed vocabularies of the structured question types: part of the comparable core, so not editable. */
export const urgencies = ['now', 'within6Months', 'within6To12Months', 'within1To3Years'] as const;
export const strategies = [
  'trainInternally',
  'externalTraining',
  'recruit',
  'validate',
  'redeploy',
  'retain',
] as const;
export const trainingFormats = ['classroom', 'digital', 'blended'] as const;
/** Recruitment difficulty: 1 (easy) to 4 (very hard). */
export const difficultyRange = { min: 1, max: 4 } as const;
/** Maturity statements are scored 1 (not at all) to 4 (fully). */
export const maturityRange = { min: 1, max: 4 } as const;

/** Every question of a definition, in order. */
export function allQuestions(def: InstrumentDefinition): Question[] {
  return def.sections.flatMap((s) => s.questions);
}
