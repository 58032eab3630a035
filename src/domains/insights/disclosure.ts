// Statistical disclosure control for aggregate tables: primary suppression by the programme's rules,
// then complementary (secondary) suppression until no suppressed cell can be derived from the
// published cells, margins and parent levels. Pure: no database, no I/O.
import {
  buildAxis,
  buildCells,
  buildCellsFromStats,
  buildEquations,
  type CellStats,
  type MutableCell,
  validateContributions,
  validateRules,
} from './disclosure-build.ts';
import { derivableCells } from './disclosure-derivable.ts';
import {
  type AggregatedCell,
  type Contribution,
  DEFAULT_RULES,
  type DisclosureRules,
  type Equation,
  isSuppressed,
  type PublishedCell,
  type SuppressedTable,
  type SuppressTableOptions,
} from './disclosure-types.ts';

/** How many candidates the exact repair step tries before falling back to the smallest. */
const REPAIR_TRIES = 12;

interface Work {
  readonly table: SuppressedTable;
  readonly cells: ReadonlyMap<string, MutableCell>;
  /** Cell key → position in table order (the final tie-breaker). */
  readonly order: ReadonlyMap<string, number>;
  /** Cell key → the equations it appears in (as total or part). */
  readonly linesOf: ReadonlyMap<string, readonly Equation[]>;
}

const members = (equation: Equation): readonly string[] => [equation.total, ...equation.parts];

function cell(work: Work, key: string): MutableCell {
  const found = work.cells.get(key);
  if (!found) throw new Error(`no cell ${key}`);
  return found;
}

const isCandidate = (c: MutableCell): boolean => c.status === 'shown' && c.value > 0;

/** Sort by value, then table position. */
function byValueThenPosition(work: Work): (a: MutableCell, b: MutableCell) => number {
  return (a, b) => a.value - b.value || (work.order.get(a.key) ?? 0) - (work.order.get(b.key) ?? 0);
}

/** Number of equations (other than `except`) with no suppression that suppressing `key` would open. */
function linesOpened(work: Work, key: string, except: Equation): number {
  const lines = work.linesOf.get(key) ?? [];
  return lines.filter((eq) => eq !== except && !members(eq).some((k) => isSuppressed(cell(work, k)))).length;
}

/**
 * The classic line heuristic on the extended table: while an equation (a row, column or parent sum,
 * its total counted as a member) has exactly one suppressed member, suppress another non-zero shown
 * member — the one opening the fewest new lines, then the smallest, then the first in table order.
 */
function closeLines(work: Work): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const equation of work.table.equations) {
      const cells = members(equation).map((k) => cell(work, k));
      if (cells.filter(isSuppressed).length !== 1) continue;
      const candidates = cells.filter(isCandidate);
      const cost = new Map(candidates.map((c) => [c.key, linesOpened(work, c.key, equation)]));
      const order = byValueThenPosition(work);
      candidates.sort((a, b) => (cost.get(a.key) ?? 0) - (cost.get(b.key) ?? 0) || order(a, b));
      const [pick] = candidates;
      if (!pick) throw new Error('a line with one non-zero suppressed cell has no other non-zero cell');
      pick.status = 'secondary';
      changed = true;
    }
  }
}

/** Suppresses one more cell so that `target` (derivable) is, if possible, no longer derivable. */
function repair(work: Work, targetKey: string): void {
  const lines = work.linesOf.get(targetKey) ?? [];
  const near = [...new Set(lines.flatMap(members))].map((k) => cell(work, k)).filter(isCandidate);
  const pool = near.length > 0 ? near : [...work.cells.values()].filter(isCandidate);
  pool.sort(byValueThenPosition(work));
  const [first] = pool;
  if (!first) throw new Error('a derivable cell remains but no shown cell is left to suppress');
  for (const candidate of pool.slice(0, REPAIR_TRIES)) {
    candidate.status = 'secondary';
    if (!derivableCells(work.table).some((d) => d.key === targetKey)) return;
    candidate.status = 'shown';
  }
  first.status = 'secondary';
}

function complementarySuppression(work: Work): void {
  for (;;) {
    closeLines(work);
    const [derived] = derivableCells(work.table);
    if (!derived) return;
    repair(work, derived.key);
  }
}

/**
 * Builds a (row × column) table of people from company-level microdata, with margins and optional
 * parent levels, applies the primary rules and complementary suppression. The returned table holds the
 * true values (it stays inside the region admin); use `publish` for what may leave it.
 */
export function suppressTable(
  contributions: readonly Contribution[],
  options: SuppressTableOptions = {},
): SuppressedTable {
  const rules: DisclosureRules = {
    minCompanies: options.minCompanies ?? DEFAULT_RULES.minCompanies,
    minPeople: options.minPeople ?? DEFAULT_RULES.minPeople,
    dominance: options.dominance ?? DEFAULT_RULES.dominance,
  };
  validateRules(rules);
  validateContributions(contributions);
  const margins = options.margins ?? true;
  const rowAxis = buildAxis({
    name: 'row',
    dataCodes: contributions.map((c) => c.row),
    declared: options.rows,
    parents: options.rowParents,
    margins,
  });
  const colAxis = buildAxis({
    name: 'col',
    dataCodes: contributions.map((c) => c.col),
    declared: options.cols,
    parents: options.colParents,
    margins,
  });
  const cells = buildCells({ contributions, rowAxis, colAxis, rules });
  const equations = buildEquations(rowAxis, colAxis);
  const table: SuppressedTable = {
    rules,
    rows: rowAxis.leaves,
    cols: colAxis.leaves,
    rowGroups: rowAxis.groups,
    colGroups: colAxis.groups,
    cells,
    equations,
  };
  const linesOf = new Map<string, Equation[]>();
  for (const equation of equations) {
    for (const key of members(equation)) linesOf.set(key, [...(linesOf.get(key) ?? []), equation]);
  }
  const order = new Map([...cells.keys()].map((key, i) => [key, i]));
  complementarySuppression({ table, cells, order, linesOf });
  return table;
}

/** What may leave the region admin: every cell, with the value withheld where suppressed. */
export function publish(table: SuppressedTable): PublishedCell[] {
  return [...table.cells.values()].map((c) => ({
    row: c.row,
    col: c.col,
    value: isSuppressed(c) ? null : c.value,
    status: c.status,
  }));
}

/** Flattens pre-aggregated cells (with per-company contributions) into microdata for `suppressTable`. */
export function contributionsFromCells(cells: readonly AggregatedCell[]): Contribution[] {
  return cells.flatMap((c) =>
    c.contributions.map((p) => ({ row: c.row, col: c.col, companyId: p.companyId, people: p.people })),
  );
}

/**
 * Like `suppressTable`, but from statistics pre-aggregated for every cell at every level (the database
 * does the grouping: per cell the people, the distinct companies and the largest company's people).
 * `rows` / `cols` default to the leaf codes in the statistics; parents as in `suppressTable`.
 */
export function suppressAggregates(
  stats: readonly CellStats[],
  options: SuppressTableOptions = {},
): SuppressedTable {
  const rules: DisclosureRules = {
    minCompanies: options.minCompanies ?? DEFAULT_RULES.minCompanies,
    minPeople: options.minPeople ?? DEFAULT_RULES.minPeople,
    dominance: options.dominance ?? DEFAULT_RULES.dominance,
  };
  validateRules(rules);
  for (const s of stats) {
    if (![s.people, s.companies, s.largest].every((v) => Number.isSafeInteger(v) && v >= 0))
      throw new RangeError('cell statistics must be non-negative integers');
  }
  const margins = options.margins ?? true;
  const leafCodes = (axis: 'row' | 'col') =>
    stats
      .map((s) => s[axis])
      .filter((ref) => ref.level === 'leaf')
      .map((ref) => ref.code);
  const rowAxis = buildAxis({
    name: 'row',
    dataCodes: leafCodes('row'),
    declared: options.rows,
    parents: options.rowParents,
    margins,
  });
  const colAxis = buildAxis({
    name: 'col',
    dataCodes: leafCodes('col'),
    declared: options.cols,
    parents: options.colParents,
    margins,
  });
  const cells = buildCellsFromStats({ stats, rowAxis, colAxis, rules });
  const equations = buildEquations(rowAxis, colAxis);
  const table: SuppressedTable = {
    rules,
    rows: rowAxis.leaves,
    cols: colAxis.leaves,
    rowGroups: rowAxis.groups,
    colGroups: colAxis.groups,
    cells,
    equations,
  };
  const linesOf = new Map<string, Equation[]>();
  for (const equation of equations) {
    for (const key of members(equation)) linesOf.set(key, [...(linesOf.get(key) ?? []), equation]);
  }
  const order = new Map([...cells.keys()].map((key, i) => [key, i]));
  complementarySuppression({ table, cells, order, linesOf });
  return table;
}
