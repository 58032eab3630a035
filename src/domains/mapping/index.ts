import type { AnyRoute } from '../../platform/http/registry.ts';
import { instrumentRoutes } from './routes/instruments.tsx';

/** Every route of the mapping domain (pages and /api/v1). */
export const mappingRoutes: AnyRoute[] = [...instrumentRoutes];
export { type CoreComparison, type CoreDifference, commonCore, compareCore } from './instrument/core.ts';
export {
  type CoreKey,
  coreKeys,
  type InstrumentDefinition,
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
