// Shared by the page and API routes: query → use-case input.
import { AppError } from '../../platform/errors.ts';
import type { Dim } from './dims.ts';
import type { RollupQueryInput } from './schema.ts';
import type { RollupQuery } from './service.ts';

const filterDims = [
  'municipality',
  'sniSection',
  'sniDivision',
  'ssykMajor',
  'ssykUnit',
  'competence',
  'urgency',
  'strategy',
] as const satisfies readonly Dim[];

export function toRollupQuery(q: RollupQueryInput): RollupQuery {
  if (q.rows === q.cols)
    throw new AppError('VALIDATION', 'VALIDATION', [{ field: 'cols', message: 'validation.choice' }]);
  const filters: Partial<Record<Dim, string>> = {};
  for (const dim of filterDims) {
    const value = q[dim];
    if (value) filters[dim] = value;
  }
  return { rows: q.rows, cols: q.cols, measure: q.measure, round: q.round ?? null, filters };
}
