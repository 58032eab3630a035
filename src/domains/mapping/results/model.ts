// The result model of one mapping, built purely from its typed rows and looked-up names: the roles ×
// competences matrix, the gaps in the order to act on them with totals, the maturity score and the
// recruitment needs. The same model feeds the page and the JSON API.
import { maturityScore, rankNeeds } from '../answers/scoring.ts';
import type { NeedRow, RecruitmentRow, RequirementRow, RoleRow } from '../answers/typed.ts';
import {
  allQuestions,
  type InstrumentDefinition,
  type Localised,
  strategies,
  urgencies,
} from '../instrument/schema.ts';

export type Strategy = (typeof strategies)[number];
export type Urgency = (typeof urgencies)[number];

export interface ResultRows {
  roles: RoleRow[];
  requirements: RequirementRow[];
  needs: NeedRow[];
  recruitments: RecruitmentRow[];
  maturity: Record<string, number>;
}

/** Names of the classification codes the rows mention (SSYK occupations, JobTech competences). */
export interface ResultNames {
  ssyk: ReadonlyMap<string, string>;
  competence: ReadonlyMap<string, string>;
}

export interface LevelLabel {
  value: number;
  label: Localised;
}

export interface MatrixRole {
  key: string;
  title: string;
  ssyk: string;
  ssykName: string | null;
  women: number;
  men: number;
  critical: boolean;
  keyPerson: boolean;
}

export interface CompetenceRef {
  /** Stable identity within a mapping and across mappings: `id:<concept>` or `text:<lower-cased text>`. */
  key: string;
  competenceId: string | null;
  name: string;
  /** Typed by the company, not a JobTech concept. */
  freeText: boolean;
}

export type GapStatus = 'met' | 'partial' | 'none';

export interface MatrixCell {
  levelNow: number;
  levelFuture: number;
  /** People in the role who reach the level required now. */
  meetingNow: number;
  people: number;
  /** People who do not reach it (people − meetingNow, never negative). */
  short: number;
  /** met: everyone reaches it; partial: some do; none: nobody does. */
  status: GapStatus;
  /** The requirement rises within the horizon. */
  rising: boolean;
}

export interface Matrix {
  roles: MatrixRole[];
  competences: CompetenceRef[];
  /** cells[role][competence]: null where the role has no requirement for the competence. */
  cells: (MatrixCell | null)[][];
}

export interface RankedGap {
  rank: number;
  roleKey: string;
  roleTitle: string;
  ssyk: string | null;
  ssykName: string | null;
  competence: CompetenceRef;
  gapSize: number;
  women: number;
  men: number;
  urgency: Urgency;
  cause: string | null;
  strategy: Strategy;
  difficulty: number | null;
  hours: number | null;
  costSek: number | null;
  priority: number;
}

export interface GapTotals {
  gaps: number;
  women: number;
  men: number;
  people: number;
  hours: number;
  costSek: number;
}

export interface GroupCount<K extends string> {
  key: K;
  gaps: number;
  women: number;
  men: number;
}

export interface MaturityStatement {
  key: string;
  label: Localised;
  score: number | null;
  answerLabel: Localised | null;
}

export interface MaturityResult {
  score: number | null;
  statements: MaturityStatement[];
}

export interface RecruitmentResult {
  ssyk: string;
  occupation: string | null;
  count: number;
  timing: Urgency;
  difficulty: number;
  difficultyReason: string | null;
  genderGoal: RecruitmentRow['genderGoal'];
}

export interface ResultModel {
  /** Computed from draft answers of a mapping still in progress. */
  preliminary: boolean;
  levels: LevelLabel[];
  horizonMonths: { min: number; max: number };
  matrix: Matrix;
  gaps: RankedGap[];
  totals: GapTotals;
  byStrategy: GroupCount<Strategy>[];
  byUrgency: GroupCount<Urgency>[];
  maturity: MaturityResult;
  recruitments: RecruitmentResult[];
}

/** The identity of a competence in a requirement or need row. */
export function competenceRef(
  row: { competenceId: string | null; competenceText: string | null },
  names: ResultNames['competence'],
): CompetenceRef {
  if (row.competenceId)
    return {
      key: `id:${row.competenceId}`,
      competenceId: row.competenceId,
      name: names.get(row.competenceId) ?? row.competenceText ?? row.competenceId,
      freeText: false,
    };
  const text = (row.competenceText ?? '').trim();
  return { key: `text:${text.toLowerCase()}`, competenceId: null, name: text, freeText: true };
}

function cellOf(r: RequirementRow, people: number): MatrixCell {
  const meeting = Math.min(r.meetingNow, people);
  const short = Math.max(0, people - meeting);
  return {
    levelNow: r.levelNow,
    levelFuture: r.levelFuture,
    meetingNow: r.meetingNow,
    people,
    short,
    status: short === 0 ? 'met' : meeting === 0 ? 'none' : 'partial',
    rising: r.levelFuture > r.levelNow,
  };
}

export function buildMatrix(roles: RoleRow[], requirements: RequirementRow[], names: ResultNames): Matrix {
  const competences: CompetenceRef[] = [];
  const column = new Map<string, number>();
  for (const r of requirements) {
    const ref = competenceRef(r, names.competence);
    if (!column.has(ref.key)) {
      column.set(ref.key, competences.length);
      competences.push(ref);
    }
  }
  const rowOf = new Map(roles.map((r, i) => [r.key, i]));
  const cells: (MatrixCell | null)[][] = roles.map(() => competences.map(() => null));
  for (const r of requirements) {
    const ri = rowOf.get(r.role);
    const ci = column.get(competenceRef(r, names.competence).key);
    const role = ri === undefined ? undefined : roles[ri];
    const row = ri === undefined ? undefined : cells[ri];
    // The first requirement of a role and competence counts; a repeated row adds nothing new.
    if (!role || !row || ci === undefined || row[ci]) continue;
    row[ci] = cellOf(r, role.women + role.men);
  }
  return {
    roles: roles.map((r) => ({
      key: r.key,
      title: r.title,
      ssyk: r.ssyk,
      ssykName: names.ssyk.get(r.ssyk) ?? null,
      women: r.women,
      men: r.men,
      critical: r.critical,
      keyPerson: r.keyPerson,
    })),
    competences,
    cells,
  };
}

export function rankedGaps(roles: RoleRow[], needs: NeedRow[], names: ResultNames): RankedGap[] {
  const byKey = new Map(roles.map((r) => [r.key, r]));
  return rankNeeds(needs).map((n, i) => {
    const role = byKey.get(n.role);
    return {
      rank: i + 1,
      roleKey: n.role,
      roleTitle: role?.title ?? n.role,
      ssyk: role?.ssyk ?? null,
      ssykName: role ? (names.ssyk.get(role.ssyk) ?? null) : null,
      competence: competenceRef(n, names.competence),
      gapSize: n.gapSize,
      women: n.women,
      men: n.men,
      urgency: n.urgency,
      cause: n.cause,
      strategy: n.strategy,
      difficulty: n.difficulty,
      hours: n.hours,
      costSek: n.costSek,
      priority: n.priority,
    };
  });
}

export function gapTotals(
  gaps: readonly Pick<RankedGap, 'women' | 'men' | 'hours' | 'costSek'>[],
): GapTotals {
  const women = gaps.reduce((a, g) => a + g.women, 0);
  const men = gaps.reduce((a, g) => a + g.men, 0);
  return {
    gaps: gaps.length,
    women,
    men,
    people: women + men,
    hours: gaps.reduce((a, g) => a + (g.hours ?? 0), 0),
    costSek: gaps.reduce((a, g) => a + (g.costSek ?? 0), 0),
  };
}

/** Counts per value of a fixed vocabulary, every value present (zero when unused), in vocabulary order. */
export function countBy<K extends string, G extends Pick<RankedGap, 'women' | 'men'>>(
  gaps: readonly G[],
  keys: readonly K[],
  keyOf: (g: G) => K,
): GroupCount<K>[] {
  const out = keys.map((key) => ({ key, gaps: 0, women: 0, men: 0 }));
  for (const g of gaps) {
    const hit = out.find((o) => o.key === keyOf(g));
    if (!hit) continue;
    hit.gaps += 1;
    hit.women += g.women;
    hit.men += g.men;
  }
  return out;
}

export function maturityResult(def: InstrumentDefinition, scores: Record<string, number>): MaturityResult {
  const q = allQuestions(def).find((x) => x.core === 'maturity');
  const labels = q?.answerLabels ?? [];
  const statements = (q?.statements ?? []).map((s) => {
    const score = scores[s.key] ?? null;
    return {
      key: s.key,
      label: s.label,
      score,
      answerLabel: score === null ? null : (labels[score - 1] ?? null),
    };
  });
  return { score: maturityScore(scores), statements };
}

function horizonOf(def: InstrumentDefinition): { min: number; max: number } {
  const q = allQuestions(def).find((x) => x.core === 'competences');
  return q?.horizonMonths ?? { min: 12, max: 36 };
}

export function buildResults(
  def: InstrumentDefinition,
  rows: ResultRows,
  names: ResultNames,
  preliminary: boolean,
): ResultModel {
  const gaps = rankedGaps(rows.roles, rows.needs, names);
  return {
    preliminary,
    levels: def.levelScale.map((l) => ({ value: l.value, label: l.label })),
    horizonMonths: horizonOf(def),
    matrix: buildMatrix(rows.roles, rows.requirements, names),
    gaps,
    totals: gapTotals(gaps),
    byStrategy: countBy(gaps, strategies, (g) => g.strategy),
    byUrgency: countBy(gaps, urgencies, (g) => g.urgency),
    maturity: maturityResult(def, rows.maturity),
    recruitments: rows.recruitments.map((r) => ({
      ssyk: r.ssyk,
      occupation: names.ssyk.get(r.ssyk) ?? null,
      count: r.count,
      timing: r.timing,
      difficulty: r.difficulty,
      difficultyReason: r.difficultyReason,
      genderGoal: r.genderGoal,
    })),
  };
}
