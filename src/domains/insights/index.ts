// The insights domain's public API: the only file other domains import.

export { contributionsFromCells, publish, suppressAggregates, suppressTable } from './disclosure.ts';
export type { CellStats } from './disclosure-build.ts';
export { derivableCells } from './disclosure-derivable.ts';
export {
  type AggregatedCell,
  type AxisLevel,
  type AxisRef,
  type CellStatus,
  type Contribution,
  cellKey,
  DEFAULT_RULES,
  type DerivedCell,
  type DisclosureRules,
  type Equation,
  group,
  isSuppressed,
  leaf,
  type PrimaryReason,
  type PublishedCell,
  type SuppressedTable,
  type SuppressTableOptions,
  type TableCell,
  TOTAL,
} from './disclosure-types.ts';
export { messages as insightsMessages } from './messages.ts';
export { canViewInsights } from './policy.ts';
export { insightsRoutes } from './routes.tsx';
export { rulesFor as disclosureRulesFor } from './service/rollup.ts';
