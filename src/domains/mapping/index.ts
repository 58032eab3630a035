import type { AnyRoute } from '../../platform/http/registry.ts';
import { instrumentRoutes } from './routes/instruments.tsx';
import { mappingPageRoutes } from './routes/mappings.tsx';
import { noteRoutes } from './routes/notes.tsx';
import { ratingRoutes } from './routes/ratings.tsx';
import { resultRoutes } from './routes/results.tsx';

/** Every route of the mapping domain (pages and /api/v1). */
export const mappingRoutes: AnyRoute[] = [
  ...instrumentRoutes,
  ...resultRoutes,
  ...ratingRoutes,
  ...noteRoutes,
  ...mappingPageRoutes,
];
export { type SampleInput, type SampleRole, sampleAnswers } from './answers/sample.ts';
export { maturityScore, rankNeeds } from './answers/scoring.ts';
export {
  fromForm,
  isShown,
  normaliseSection,
  type RawAnswer,
  type RawRow,
  rowFields,
  type SectionAnswers,
} from './answers/shape.ts';
export {
  genderGoals,
  type NeedRow,
  type RecruitmentRow,
  type RequirementRow,
  type RoleRow,
} from './answers/typed.ts';
export { validateAnswers } from './answers/validate.ts';
export { type CoreComparison, type CoreDifference, commonCore, compareCore } from './instrument/core.ts';
export {
  allQuestions,
  type CoreKey,
  coreKeys,
  type InstrumentDefinition,
  type InstrumentDefinition as Definition,
  type InstrumentDefinitionInput,
  instrumentDefinition,
  type Question,
  type QuestionType,
  questionTypes,
  type Section,
  strategies,
  urgencies,
} from './instrument/schema.ts';
export { COMMON_METHOD_KEY, commonMethodV1 } from './instrument/v1.ts';
export { type MappingKey, messages as mappingMessages } from './messages.ts';
export { canManageInstruments, canViewInstruments } from './policy.ts';
export * as mappings from './service/mappings.ts';
export { canManagePersonRatings, canReadOwnRatings } from './service/person-ratings.ts';
export { type RankedNeed, rankedNeedsOf } from './service/ranked-needs.ts';
export {
  copyToDraft,
  ensureCommonInstrument,
  getInstrument,
  type InstrumentRow,
  type InstrumentStatus,
  type InstrumentSummary,
  listInstruments,
  parseDefinition,
  publish,
  updateDraft,
} from './service.ts';
