// Answers as entered (drafts): a lenient shape that keeps whatever was typed, also what does not validate
// yet, so that nothing is lost between pages, sessions or a server restart. Strict checks are in validate.ts.
import type { Question, QuestionType, Section } from '../instrument/schema.ts';

/** Row-based question types and the fields of one row, in display order. */
export const rowFields = {
  roleMatrix: ['key', 'title', 'ssyk', 'women', 'men', 'critical', 'keyPerson', 'sunLevel', 'sunField'],
  requirementMatrix: ['role', 'competenceId', 'competenceText', 'levelNow', 'levelFuture', 'meetingNow'],
  needs: [
    'role',
    'competenceId',
    'competenceText',
    'gapSize',
    'women',
    'men',
    'urgency',
    'cause',
    'strategy',
    'difficulty',
    'hours',
    'costSek',
    'priority',
  ],
  recruitmentNeeds: ['ssyk', 'count', 'timing', 'difficulty', 'difficultyReason', 'genderGoal'],
} as const;
export type RowType = keyof typeof rowFields;
export type RowField<R extends RowType> = (typeof rowFields)[R][number];
export type RawRow = Record<string, string>;

export const isRowType = (t: QuestionType): t is RowType => t in rowFields;

/** A draft answer. Scalars are strings as typed; rows and maturity are records of strings. */
export type RawAnswer = string | string[] | RawRow[] | Record<string, string>;
export type SectionAnswers = Record<string, RawAnswer>;

export const MAX_ROWS = 200;
const MAX_TEXT = 20_000;
const MAX_CELL = 2_000;

const str = (v: unknown, max: number): string =>
  typeof v === 'string'
    ? v.trim().slice(0, max)
    : typeof v === 'number' && Number.isFinite(v)
      ? String(v)
      : '';

/** A row key: kept when it looks like one, otherwise a new one. */
export const newRowKey = (): string => `r${Math.random().toString(36).slice(2, 10)}`;
const rowKey = (v: unknown): string =>
  typeof v === 'string' && /^r[a-z0-9]{1,20}$/.test(v) ? v : newRowKey();

function normaliseRows(q: Question & { type: RowType }, value: unknown): RawRow[] {
  if (!Array.isArray(value)) return [];
  const fields = rowFields[q.type] as readonly string[];
  const rows: RawRow[] = [];
  for (const item of value.slice(0, MAX_ROWS)) {
    if (!item || typeof item !== 'object') continue;
    const src = item as Record<string, unknown>;
    const row: RawRow = {};
    for (const f of fields) if (f !== 'key') row[f] = str(src[f], MAX_CELL);
    // A row where nothing was filled in is a blank line of the form, not an answer.
    if (fields.every((f) => f === 'key' || row[f] === '')) continue;
    if (q.type === 'roleMatrix') row.key = rowKey(src.key);
    rows.push(row);
  }
  return rows;
}

/** One answer in the lenient shape; undefined when nothing was given. */
export function normaliseAnswer(q: Question, value: unknown): RawAnswer | undefined {
  if (isRowType(q.type)) {
    const rows = normaliseRows(q as Question & { type: RowType }, value);
    return rows.length ? rows : undefined;
  }
  switch (q.type) {
    case 'multiChoice': {
      const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
      const keys = [...new Set(list.map((v) => str(v, 100)).filter((v) => v !== ''))].slice(0, 50);
      return keys.length ? keys : undefined;
    }
    case 'maturity': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
      const out: Record<string, string> = {};
      for (const s of q.statements ?? []) {
        const v = str((value as Record<string, unknown>)[s.key], 10);
        if (v !== '') out[s.key] = v;
      }
      return Object.keys(out).length ? out : undefined;
    }
    case 'competence': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
      const v = value as Record<string, unknown>;
      const out = { id: str(v.id, 100), text: str(v.text, MAX_CELL) };
      return out.id || out.text ? out : undefined;
    }
    default: {
      const v = str(value, q.type === 'text' ? (q.maxLength ?? 500) * 2 : MAX_TEXT);
      return v === '' ? undefined : v;
    }
  }
}

/** A section's answers from JSON (the API) or from `fromForm`: known questions only, lenient. */
export function normaliseSection(section: Section, input: unknown): SectionAnswers {
  const src =
    input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const out: SectionAnswers = {};
  for (const q of section.questions) {
    const v = normaliseAnswer(q, src[q.key]);
    if (v !== undefined) out[q.key] = v;
  }
  return out;
}

type FormBody = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/**
 * Form field names → the JSON shape. Names: `q.<key>` (scalars; repeated for multiChoice),
 * `q.<key>.id` / `q.<key>.text` (competence), `q.<key>.<statement>` (maturity),
 * `q.<key>.<row>.<field>` (rows; row numbers need not be consecutive).
 */
export function fromForm(section: Section, body: FormBody): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of section.questions) {
    const name = `q.${q.key}`;
    if (isRowType(q.type)) {
      const rows = new Map<number, Record<string, string>>();
      const prefix = `${name}.`;
      for (const [k, v] of Object.entries(body)) {
        if (!k.startsWith(prefix)) continue;
        const m = /^(\d{1,3})\.([A-Za-z]+)$/.exec(k.slice(prefix.length));
        if (!m) continue;
        const i = Number(m[1]);
        const row = rows.get(i) ?? {};
        row[m[2] as string] = first(v);
        rows.set(i, row);
      }
      out[q.key] = [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
    } else if (q.type === 'multiChoice') {
      const v = body[name];
      out[q.key] = Array.isArray(v) ? v : v ? [v] : [];
    } else if (q.type === 'maturity') {
      out[q.key] = Object.fromEntries(
        (q.statements ?? []).map((s) => [s.key, first(body[`${name}.${s.key}`])]),
      );
    } else if (q.type === 'competence') {
      out[q.key] = { id: first(body[`${name}.id`]), text: first(body[`${name}.text`]) };
    } else out[q.key] = first(body[name]);
  }
  return out;
}

/** Whether a question is asked, given the answers so far (a `showIf` on an earlier choice question). */
export function isShown(q: Question, answers: SectionAnswers): boolean {
  if (!q.showIf) return true;
  const on = answers[q.showIf.question];
  const chosen =
    typeof on === 'string' ? [on] : Array.isArray(on) ? on.filter((x) => typeof x === 'string') : [];
  return q.showIf.anyOf.some((k) => chosen.includes(k as string));
}
