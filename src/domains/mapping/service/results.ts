// Use cases of the results pages: one mapping's results (from the structured results of a submitted
// mapping, or preliminary from the draft answers of one in progress) and the before/after comparison of
// two submitted mappings of the same company. Access is exactly that of `getMapping`.
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { conceptNames } from '../../reference/index.ts';
import {
  mentionedCodes,
  type NeedRow,
  type RecruitmentRow,
  type RequirementRow,
  type RoleRow,
} from '../answers/typed.ts';
import { validateAnswers } from '../answers/validate.ts';
import { commonCore } from '../instrument/core.ts';
import type { CoreKey, Localised } from '../instrument/schema.ts';
import * as repo from '../repo-results.ts';
import { type Comparison, compareResults } from '../results/compare.ts';
import { buildResults, type ResultModel, type ResultNames, type ResultRows } from '../results/model.ts';
import { getMapping, type MappingView } from './mappings.ts';

export type { RoundMapping } from '../repo-results.ts';

export interface ResultsHead {
  id: string;
  companyId: string;
  companyName: string;
  status: 'in_progress' | 'submitted';
  submittedAt: Date | null;
  roundId: string;
  roundName: Localised;
  instrumentTitle: Localised;
}

export interface MappingResults {
  head: ResultsHead;
  model: ResultModel;
  /** Submitted mappings of the same company in earlier rounds (latest first): candidates for comparison. */
  earlier: repo.RoundMapping[];
}

async function namesFor(db: Db, rows: ResultRows): Promise<ResultNames> {
  const ssyk = [...rows.roles.map((r) => r.ssyk), ...rows.recruitments.map((r) => r.ssyk)];
  const competence = [...rows.requirements, ...rows.needs]
    .map((r) => r.competenceId)
    .filter((c): c is string => c !== null);
  const [s, c] = await Promise.all([
    conceptNames(db, 'ssyk', [...new Set(ssyk)]),
    conceptNames(db, 'competence', [...new Set(competence)]),
  ]);
  return { ssyk: s, competence: c };
}

/** The core answers of a mapping still in progress that validate today. */
async function draftRows(db: Db, view: MappingView): Promise<ResultRows> {
  const m = mentionedCodes(view.definition, view.answers);
  const [ssyk, competence, sunLevel, sunField] = await Promise.all([
    conceptNames(db, 'ssyk', m.ssyk),
    conceptNames(db, 'competence', m.competence),
    conceptNames(db, 'sunLevel', m.sunLevel),
    conceptNames(db, 'sunField', m.sunField),
  ]);
  const { typed } = validateAnswers(view.definition, view.answers, {
    ssyk: new Set(ssyk.keys()),
    competence: new Set(competence.keys()),
    sunLevel: new Set(sunLevel.keys()),
    sunField: new Set(sunField.keys()),
  });
  const core = commonCore(view.definition);
  const of = <T>(key: CoreKey, empty: T): T => {
    const q = core[key];
    return q && typed[q] !== undefined ? (typed[q] as T) : empty;
  };
  return {
    roles: of<RoleRow[]>('roles', []),
    requirements: of<RequirementRow[]>('competences', []),
    needs: of<NeedRow[]>('needs', []),
    recruitments: of<RecruitmentRow[]>('recruitment', []),
    maturity: of<Record<string, number>>('maturity', {}),
  };
}

async function modelOf(db: Db, view: MappingView): Promise<ResultModel> {
  const submitted = view.mapping.status === 'submitted';
  const rows = submitted ? await repo.submittedRows(db, view.mapping.id) : await draftRows(db, view);
  return buildResults(view.definition, rows, await namesFor(db, rows), !submitted);
}

function headOf(view: MappingView): ResultsHead {
  return {
    id: view.mapping.id,
    companyId: view.mapping.companyId,
    companyName: view.mapping.companyName,
    status: view.mapping.status,
    submittedAt: view.mapping.submittedAt,
    roundId: view.round.id,
    roundName: { sv: view.round.nameSv, en: view.round.nameEn },
    instrumentTitle: view.definition.title,
  };
}

/** Submitted mappings of the company in rounds before this one (none while this one is in progress). */
function earlierOf(view: MappingView, all: repo.RoundMapping[]): repo.RoundMapping[] {
  if (view.mapping.status !== 'submitted') return [];
  return all.filter((m) => m.roundId !== view.round.id && m.roundPosition < view.round.position);
}

/** The results of a mapping the actor may read (NOT_FOUND otherwise, exactly as `getMapping`). */
export async function getResults(db: Db, actor: Actor, id: string): Promise<MappingResults> {
  const view = await getMapping(db, actor, id);
  const [model, all] = await Promise.all([
    modelOf(db, view),
    repo.submittedOfCompany(db, view.mapping.companyId),
  ]);
  return { head: headOf(view), model, earlier: earlierOf(view, all) };
}

export interface ComparisonResult {
  before: ResultsHead;
  after: ResultsHead;
  comparison: Comparison;
}

/**
 * Compare a submitted mapping with another submitted mapping of the same company in another round
 * (the earlier round is "before"). Without `withId`, the previous round's mapping; null when there is none.
 * A mapping outside the actor's scope, or of another company, is NOT_FOUND; one still in progress is a
 * CONFLICT.
 */
export async function compareMappings(
  db: Db,
  actor: Actor,
  id: string,
  withId?: string,
): Promise<ComparisonResult | null> {
  const view = await getMapping(db, actor, id);
  if (view.mapping.status !== 'submitted') throw new AppError('CONFLICT', 'mapping.results.notSubmitted');
  const all = await repo.submittedOfCompany(db, view.mapping.companyId);
  return comparisonOf(db, actor, view, all, withId);
}

/** The comparison of a submitted mapping (its model when already built) with another of the company's. */
async function comparisonOf(
  db: Db,
  actor: Actor,
  view: MappingView,
  all: repo.RoundMapping[],
  withId: string | undefined,
  built?: ResultModel,
): Promise<ComparisonResult | null> {
  const otherId = withId ?? earlierOf(view, all)[0]?.id;
  if (!otherId) return null;
  const other = await getMapping(db, actor, otherId);
  if (other.mapping.companyId !== view.mapping.companyId || other.mapping.id === view.mapping.id)
    throw new AppError('NOT_FOUND');
  if (other.mapping.status !== 'submitted') throw new AppError('CONFLICT', 'mapping.results.notSubmitted');
  if (other.round.id === view.round.id) throw new AppError('NOT_FOUND');
  const [before, after] = other.round.position < view.round.position ? [other, view] : [view, other];
  const model = (v: MappingView) => (v === view && built ? built : modelOf(db, v));
  const [bm, am] = await Promise.all([model(before), model(after)]);
  return {
    before: headOf(before),
    after: headOf(after),
    comparison: compareResults(
      { instrumentId: before.mapping.instrumentId, definition: before.definition, model: bm },
      { instrumentId: after.mapping.instrumentId, definition: after.definition, model: am },
    ),
  };
}

export interface ResultsPage {
  results: MappingResults;
  /** With earlier rounds: the one compared with (`wanted` when it is one of them, else the latest) and the comparison. */
  compare: { selected: string | null; result: ComparisonResult | null } | null;
}

/**
 * The results page: a mapping's results and, when the company has submitted mappings in earlier rounds, the
 * comparison with one of them — each mapping read and modelled once.
 */
export async function resultsPage(db: Db, actor: Actor, id: string, wanted?: string): Promise<ResultsPage> {
  const view = await getMapping(db, actor, id);
  const [model, all] = await Promise.all([
    modelOf(db, view),
    repo.submittedOfCompany(db, view.mapping.companyId),
  ]);
  const results = { head: headOf(view), model, earlier: earlierOf(view, all) };
  if (results.earlier.length === 0) return { results, compare: null };
  const selected = results.earlier.find((m) => m.id === wanted)?.id ?? results.earlier[0]?.id ?? null;
  const result = selected ? await comparisonOf(db, actor, view, all, selected, model) : null;
  return { results, compare: { selected, result } };
}
