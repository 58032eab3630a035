// Strict checks of draft answers against the instrument, per question, and the typed answers they give.
import type { FieldError } from '../../../platform/errors.ts';
import {
  allQuestions,
  difficultyRange,
  type InstrumentDefinition,
  maturityRange,
  type Question,
  strategies,
  urgencies,
} from '../instrument/schema.ts';
import { isRowType, isShown, type RawRow, type SectionAnswers } from './shape.ts';
import {
  genderGoals,
  type KnownCodes,
  type NeedRow,
  type RecruitmentRow,
  type RequirementRow,
  type RoleRow,
  type TypedAnswer,
} from './typed.ts';

export interface ValidationResult {
  errors: FieldError[];
  /** The answers that passed, typed; a question with an error is absent. */
  typed: Record<string, TypedAnswer>;
}

class Checker {
  readonly errors: FieldError[] = [];
  private failed = false;
  constructor(private readonly path: string) {}
  fail(field: string, message: string, params?: Record<string, string | number>): void {
    this.errors.push({
      field: field ? `${this.path}.${field}` : this.path,
      message,
      ...(params ? { params } : {}),
    });
    this.failed = true;
  }
  get ok(): boolean {
    return !this.failed;
  }
  /** A whole number within [min, max]; null when empty and not required. */
  int(field: string, raw: string | undefined, min: number, max: number, required: boolean): number | null {
    const v = (raw ?? '').replace(/[\s\u00a0]/g, '');
    if (v === '') {
      if (required) this.fail(field, 'validation.required');
      return null;
    }
    if (!/^-?\d{1,12}$/.test(v)) {
      this.fail(field, 'validation.number');
      return null;
    }
    const n = Number(v);
    if (n < min) this.fail(field, 'validation.min', { min });
    else if (n > max) this.fail(field, 'validation.max', { max });
    else return n;
    return null;
  }
  oneOf<T extends string>(
    field: string,
    raw: string | undefined,
    options: readonly T[],
    required: boolean,
  ): T | null {
    const v = raw ?? '';
    if (v === '') {
      if (required) this.fail(field, 'validation.required');
      return null;
    }
    if (!(options as readonly string[]).includes(v)) {
      this.fail(field, 'validation.choice');
      return null;
    }
    return v as T;
  }
  text(field: string, raw: string | undefined, max: number, required: boolean): string | null {
    const v = raw ?? '';
    if (v === '') {
      if (required) this.fail(field, 'validation.required');
      return null;
    }
    if (v.length > max) {
      this.fail(field, 'validation.tooLong', { max });
      return null;
    }
    return v;
  }
  yesNo(field: string, raw: string | undefined): boolean {
    const v = raw ?? '';
    if (v !== '' && v !== 'yes' && v !== 'no') this.fail(field, 'validation.choice');
    return v === 'yes';
  }
}

const MAX_PEOPLE = 100_000;

interface Context {
  def: InstrumentDefinition;
  answers: SectionAnswers;
  known: KnownCodes;
  roles: Map<string, Map<string, RoleRow | null>>;
}

function competence(c: Checker, row: RawRow, known: KnownCodes) {
  const id = row.competenceId ?? '';
  const text = row.competenceText ?? '';
  if (id && !known.competence.has(id)) c.fail('competenceId', 'mapping.answer.unknownCompetence');
  if (!id && !text) c.fail('competenceText', 'mapping.answer.competenceRequired');
  if (text.length > 300) c.fail('competenceText', 'validation.tooLong', { max: 300 });
  return { competenceId: id || null, competenceText: text || null };
}

function roleOf(c: Checker, ctx: Context, q: Question, row: RawRow): RoleRow | null {
  const roles = ctx.roles.get(q.rolesFrom ?? '') ?? new Map();
  const key = row.role ?? '';
  if (key === '') c.fail('role', 'validation.required');
  else if (!roles.has(key)) c.fail('role', 'mapping.answer.unknownRole');
  return roles.get(key) ?? null;
}

function checkRows(q: Question, rows: RawRow[], ctx: Context, errors: FieldError[]): TypedAnswer | undefined {
  const levels = ctx.def.levelScale.map((l) => l.value);
  const minLevel = Math.min(...levels);
  const maxLevel = Math.max(...levels);
  const out: unknown[] = [];
  let allOk = true;
  rows.forEach((row, i) => {
    const c = new Checker(`q.${q.key}.${i}`);
    let typed: unknown;
    switch (q.type) {
      case 'roleMatrix': {
        const ssyk = c.text('ssyk', row.ssyk, 10, true);
        if (ssyk && !ctx.known.ssyk.has(ssyk)) c.fail('ssyk', 'mapping.answer.unknownSsyk');
        const sunLevel = row.sunLevel || null;
        if (sunLevel && !ctx.known.sunLevel.has(sunLevel)) c.fail('sunLevel', 'mapping.answer.unknownSun');
        const sunField = row.sunField || null;
        if (sunField && !ctx.known.sunField.has(sunField)) c.fail('sunField', 'mapping.answer.unknownSun');
        typed = {
          key: row.key ?? '',
          title: c.text('title', row.title, 200, true),
          ssyk,
          women: c.int('women', row.women, 0, MAX_PEOPLE, true),
          men: c.int('men', row.men, 0, MAX_PEOPLE, true),
          critical: c.yesNo('critical', row.critical),
          keyPerson: c.yesNo('keyPerson', row.keyPerson),
          sunLevel,
          sunField,
        } satisfies Record<keyof RoleRow, unknown>;
        break;
      }
      case 'requirementMatrix': {
        const role = roleOf(c, ctx, q, row);
        const meetingNow = c.int('meetingNow', row.meetingNow, 0, MAX_PEOPLE, true);
        if (role && meetingNow !== null && meetingNow > role.women + role.men)
          c.fail('meetingNow', 'mapping.answer.meetingExceeds', { max: role.women + role.men });
        typed = {
          role: row.role ?? '',
          ...competence(c, row, ctx.known),
          levelNow: c.int('levelNow', row.levelNow, minLevel, maxLevel, true),
          levelFuture: c.int('levelFuture', row.levelFuture, minLevel, maxLevel, true),
          meetingNow,
        } satisfies Record<keyof RequirementRow, unknown>;
        break;
      }
      case 'needs': {
        roleOf(c, ctx, q, row);
        const women = c.int('women', row.women, 0, MAX_PEOPLE, true);
        const men = c.int('men', row.men, 0, MAX_PEOPLE, true);
        if (women === 0 && men === 0) c.fail('women', 'mapping.answer.peopleRequired');
        const strategy = c.oneOf('strategy', row.strategy, strategies, true);
        const difficulty = c.int(
          'difficulty',
          row.difficulty,
          difficultyRange.min,
          difficultyRange.max,
          strategy === 'recruit',
        );
        typed = {
          role: row.role ?? '',
          ...competence(c, row, ctx.known),
          gapSize: c.int('gapSize', row.gapSize, 1, Math.max(1, maxLevel - minLevel + 1), true),
          women,
          men,
          urgency: c.oneOf('urgency', row.urgency, urgencies, true),
          cause: c.text('cause', row.cause, 1000, false),
          strategy,
          difficulty,
          hours: c.int('hours', row.hours, 0, 100_000, false),
          costSek: c.int('costSek', row.costSek, 0, 100_000_000, false),
          priority: c.int('priority', row.priority, 1, 3, true),
        } satisfies Record<keyof NeedRow, unknown>;
        break;
      }
      case 'recruitmentNeeds': {
        const ssyk = c.text('ssyk', row.ssyk, 10, true);
        if (ssyk && !ctx.known.ssyk.has(ssyk)) c.fail('ssyk', 'mapping.answer.unknownSsyk');
        typed = {
          ssyk,
          count: c.int('count', row.count, 1, 10_000, true),
          timing: c.oneOf('timing', row.timing, urgencies, true),
          difficulty: c.int('difficulty', row.difficulty, difficultyRange.min, difficultyRange.max, true),
          difficultyReason: c.text('difficultyReason', row.difficultyReason, 1000, false),
          genderGoal: c.oneOf('genderGoal', row.genderGoal || 'none', genderGoals, true),
        } satisfies Record<keyof RecruitmentRow, unknown>;
        break;
      }
    }
    errors.push(...c.errors);
    if (!c.ok) allOk = false;
    out.push(typed);
  });
  return allOk ? (out as TypedAnswer) : undefined;
}

function checkQuestion(q: Question, ctx: Context, errors: FieldError[]): TypedAnswer | undefined {
  const raw = ctx.answers[q.key];
  const c = new Checker(`q.${q.key}`);
  if (raw === undefined) {
    if (q.required) errors.push({ field: `q.${q.key}`, message: 'validation.required' });
    return undefined;
  }
  if (isRowType(q.type)) {
    const rows = Array.isArray(raw) ? (raw as RawRow[]) : [];
    if (rows.length === 0 && q.required) c.fail('', 'validation.required');
    errors.push(...c.errors);
    return c.ok ? checkRows(q, rows, ctx, errors) : undefined;
  }
  const s = typeof raw === 'string' ? raw : '';
  let typed: TypedAnswer | null | undefined;
  switch (q.type) {
    case 'text':
    case 'longText':
      typed = c.text('', s, q.maxLength ?? (q.type === 'text' ? 500 : 20_000), q.required);
      break;
    case 'integer':
      typed = c.int('', s, q.min ?? -1_000_000_000, q.max ?? 1_000_000_000, q.required);
      break;
    case 'scale':
      typed = c.int('', s, maturityRange.min, maturityRange.max, q.required);
      break;
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`)))
        c.fail('', 'validation.date');
      else typed = s;
      break;
    case 'choice':
      typed = c.oneOf(
        '',
        s,
        (q.options ?? []).map((o) => o.key),
        q.required,
      );
      break;
    case 'multiChoice': {
      const list = Array.isArray(raw) ? (raw as string[]) : [];
      const keys = new Set((q.options ?? []).map((o) => o.key));
      if (list.some((k) => !keys.has(k))) c.fail('', 'validation.choice');
      else if (q.maxSelected && list.length > q.maxSelected)
        c.fail('', 'mapping.answer.maxSelected', { max: q.maxSelected });
      else if (q.required && list.length === 0) c.fail('', 'validation.required');
      else typed = list;
      break;
    }
    case 'ssyk':
      if (!ctx.known.ssyk.has(s)) c.fail('', 'mapping.answer.unknownSsyk');
      else typed = s;
      break;
    case 'competence': {
      const v = typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, string>) : {};
      if (v.id && !ctx.known.competence.has(v.id)) c.fail('id', 'mapping.answer.unknownCompetence');
      else typed = { id: v.id || null, text: v.text || null };
      break;
    }
    case 'maturity': {
      const v = typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, string>) : {};
      const scores: Record<string, number> = {};
      for (const st of q.statements ?? []) {
        const n = c.int(st.key, v[st.key], maturityRange.min, maturityRange.max, true);
        if (n !== null) scores[st.key] = n;
      }
      typed = scores;
      break;
    }
  }
  errors.push(...c.errors);
  return c.ok && typed !== null ? typed : undefined;
}

/**
 * Check the answers of the given sections (all when omitted) of a merged answer set. Questions hidden by
 * a `showIf` are neither checked nor part of the typed result.
 */
export function validateAnswers(
  def: InstrumentDefinition,
  answers: SectionAnswers,
  known: KnownCodes,
  sectionKeys?: readonly string[],
): ValidationResult {
  const errors: FieldError[] = [];
  const typed: Record<string, TypedAnswer> = {};
  const ctx: Context = { def, answers, known, roles: new Map() };
  // Role rows are needed by later questions even when only a later section is checked.
  for (const q of allQuestions(def))
    if (q.type === 'roleMatrix') {
      const rows = Array.isArray(answers[q.key]) ? (answers[q.key] as RawRow[]) : [];
      const scratch: FieldError[] = [];
      const typedRows = rows.map((r, i) => {
        const one = checkRows(q, [r], ctx, scratch);
        return [r.key ?? `#${i}`, one ? ((one as RoleRow[])[0] ?? null) : null] as const;
      });
      ctx.roles.set(q.key, new Map(typedRows));
    }
  for (const section of def.sections) {
    if (sectionKeys && !sectionKeys.includes(section.key)) continue;
    for (const q of section.questions) {
      if (!isShown(q, answers)) continue;
      const t = checkQuestion(q, ctx, errors);
      if (t !== undefined) typed[q.key] = t;
    }
  }
  return { errors, typed };
}
