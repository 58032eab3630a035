// Before/after comparison of two submitted mappings of one company (e.g. start and follow-up round),
// on the common core only: maturity per statement, gaps and people affected, and per competence
// whether its gap has closed.
import { type CoreDifference, compareCore } from '../instrument/core.ts';
import type { InstrumentDefinition, Localised } from '../instrument/schema.ts';
import type { CompetenceRef, GapTotals, ResultModel } from './model.ts';

export interface Change {
  before: number | null;
  after: number | null;
  /** after − before (two decimals); null when either is missing. */
  change: number | null;
}

export interface StatementChange extends Change {
  key: string;
  label: Localised;
}

export type CompetenceGapStatus = 'closed' | 'remaining' | 'new';

export interface CompetenceChange {
  competence: CompetenceRef;
  peopleBefore: number;
  peopleAfter: number;
  status: CompetenceGapStatus;
}

export interface ComparisonData {
  maturity: Change;
  statements: StatementChange[];
  gaps: Change;
  people: Change;
  women: Change;
  men: Change;
  competences: CompetenceChange[];
}

export type Comparison =
  | ({ comparable: true; differences: CoreDifference[] } & ComparisonData)
  | { comparable: false; differences: CoreDifference[] };

export interface CompareSide {
  instrumentId: string;
  definition: InstrumentDefinition;
  model: ResultModel;
}

export function change(before: number | null, after: number | null): Change {
  return {
    before,
    after,
    change: before === null || after === null ? null : Math.round((after - before) * 100) / 100,
  };
}

function peopleByCompetence(model: ResultModel): Map<string, { ref: CompetenceRef; people: number }> {
  const out = new Map<string, { ref: CompetenceRef; people: number }>();
  for (const g of model.gaps) {
    const hit = out.get(g.competence.key) ?? { ref: g.competence, people: 0 };
    hit.people += g.women + g.men;
    out.set(g.competence.key, hit);
  }
  return out;
}

function competenceChanges(before: ResultModel, after: ResultModel): CompetenceChange[] {
  const b = peopleByCompetence(before);
  const a = peopleByCompetence(after);
  const out: CompetenceChange[] = [];
  for (const [key, x] of b) {
    const later = a.get(key);
    out.push({
      competence: later?.ref ?? x.ref,
      peopleBefore: x.people,
      peopleAfter: later?.people ?? 0,
      status: later ? 'remaining' : 'closed',
    });
  }
  for (const [key, x] of a)
    if (!b.has(key)) out.push({ competence: x.ref, peopleBefore: 0, peopleAfter: x.people, status: 'new' });
  return out;
}

const totalsChange = (b: GapTotals, a: GapTotals) => ({
  gaps: change(b.gaps, a.gaps),
  people: change(b.people, a.people),
  women: change(b.women, a.women),
  men: change(b.men, a.men),
});

/**
 * Compare an earlier mapping with a later one. Two different instrument versions are compared only
 * when `compareCore` says they share the common core; otherwise the answer says why not.
 */
export function compareResults(before: CompareSide, after: CompareSide): Comparison {
  const core =
    before.instrumentId === after.instrumentId
      ? { comparable: true, differences: [] }
      : compareCore(before.definition, after.definition);
  if (!core.comparable) return { comparable: false, differences: core.differences };
  const earlier = new Map(before.model.maturity.statements.map((s) => [s.key, s.score]));
  return {
    comparable: true,
    differences: [],
    maturity: change(before.model.maturity.score, after.model.maturity.score),
    statements: after.model.maturity.statements.map((s) => ({
      key: s.key,
      label: s.label,
      ...change(earlier.get(s.key) ?? null, s.score),
    })),
    ...totalsChange(before.model.totals, after.model.totals),
    competences: competenceChanges(before.model, after.model),
  };
}
