// The typed answers of a mapping (the rows a validated answer set gives, as stored and read by the results),
// and the classification codes an answer set mentions (looked up before validating).
import {
  allQuestions,
  type InstrumentDefinition,
  type strategies,
  type urgencies,
} from '../instrument/schema.ts';
import { isRowType, type RawRow, type SectionAnswers } from './shape.ts';

export const genderGoals = ['none', 'moreWomen', 'moreMen'] as const;

export interface RoleRow {
  key: string;
  title: string;
  ssyk: string;
  women: number;
  men: number;
  critical: boolean;
  keyPerson: boolean;
  sunLevel: string | null;
  sunField: string | null;
}
export interface RequirementRow {
  role: string;
  competenceId: string | null;
  competenceText: string | null;
  levelNow: number;
  levelFuture: number;
  meetingNow: number;
}
export interface NeedRow {
  role: string;
  competenceId: string | null;
  competenceText: string | null;
  gapSize: number;
  women: number;
  men: number;
  urgency: (typeof urgencies)[number];
  cause: string | null;
  strategy: (typeof strategies)[number];
  difficulty: number | null;
  hours: number | null;
  costSek: number | null;
  priority: number;
}
export interface RecruitmentRow {
  ssyk: string;
  count: number;
  timing: (typeof urgencies)[number];
  difficulty: number;
  difficultyReason: string | null;
  genderGoal: (typeof genderGoals)[number];
}

export type TypedAnswer =
  | string
  | number
  | string[]
  | { id: string | null; text: string | null }
  | RoleRow[]
  | RequirementRow[]
  | NeedRow[]
  | RecruitmentRow[]
  | Record<string, number>;

/** Codes that exist in the classifications (looked up by the service before validating). */
export interface KnownCodes {
  ssyk: ReadonlySet<string>;
  competence: ReadonlySet<string>;
  sunLevel: ReadonlySet<string>;
  sunField: ReadonlySet<string>;
}

/** Every classification code an answer set mentions, by kind (to look up before validating). */
export function mentionedCodes(
  def: InstrumentDefinition,
  answers: SectionAnswers,
): Record<keyof KnownCodes, string[]> {
  const out = {
    ssyk: [] as string[],
    competence: [] as string[],
    sunLevel: [] as string[],
    sunField: [] as string[],
  };
  for (const q of allQuestions(def)) {
    const a = answers[q.key];
    if (a === undefined) continue;
    if (q.type === 'ssyk' && typeof a === 'string') out.ssyk.push(a);
    if (q.type === 'competence' && typeof a === 'object' && !Array.isArray(a) && a.id)
      out.competence.push(a.id);
    if (isRowType(q.type) && Array.isArray(a))
      for (const r of a as RawRow[]) {
        if (r.ssyk) out.ssyk.push(r.ssyk);
        if (r.competenceId) out.competence.push(r.competenceId);
        if (r.sunLevel) out.sunLevel.push(r.sunLevel);
        if (r.sunField) out.sunField.push(r.sunField);
      }
  }
  return out;
}
