// Shared by the page and API routes: query → use-case input.
import type { Db } from '../../platform/db.ts';
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

/**
 * The database for the roll-up and overview reads: the read replica (DATABASE_READ_URL) when one is
 * configured. A few seconds of replication lag is fine there; coverage (targets are set and shown
 * again at once), exports (they write an audit row) and every other page read the primary.
 */
export function lagTolerant(db: Db): Db {
  return db.reads ?? db;
}
