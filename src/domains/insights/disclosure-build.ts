// Builds the table model from microdata: axes (leaves, groups, total), aggregated cells with the
// primary rules applied, and the additivity equations a reader of the table knows.
import {
  type AxisRef,
  type Contribution,
  cellKey,
  type DisclosureRules,
  type Equation,
  group,
  leaf,
  type PrimaryReason,
  type TableCell,
  TOTAL,
} from './disclosure-types.ts';

export type MutableCell = { -readonly [K in keyof TableCell]: TableCell[K] };

interface Axis {
  readonly leaves: readonly string[];
  readonly groups: readonly string[];
  readonly nodes: readonly AxisRef[];
  /** Node indices each leaf code counts towards (itself, its group, the total). */
  readonly nodesOfLeaf: ReadonlyMap<string, readonly number[]>;
  /** Each published sum on this axis: parent node = sum of child nodes. */
  readonly relations: readonly { readonly parent: AxisRef; readonly children: readonly AxisRef[] }[];
}

interface AxisOptions {
  readonly name: 'row' | 'col';
  readonly dataCodes: readonly string[];
  readonly declared: readonly string[] | undefined;
  readonly parents: Readonly<Record<string, string>> | undefined;
  readonly margins: boolean;
}

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function buildAxis(options: AxisOptions): Axis {
  const { name, dataCodes, declared, parents, margins } = options;
  const leaves = declared ? [...declared] : [...new Set(dataCodes)].sort(byCode);
  if (new Set(leaves).size !== leaves.length) throw new RangeError(`duplicate ${name} codes`);
  const known = new Set(leaves);
  const unknown = dataCodes.find((code) => !known.has(code));
  if (unknown !== undefined) throw new RangeError(`${name} '${unknown}' is not among the declared ${name}s`);
  const parentOf = (code: string): string => {
    const parent = parents?.[code];
    if (parent === undefined) throw new RangeError(`${name} '${code}' has no parent in the hierarchy`);
    return parent;
  };
  const groups = parents ? [...new Set(leaves.map(parentOf))].sort(byCode) : [];
  const nodes = [...leaves.map(leaf), ...groups.map(group), ...(margins ? [TOTAL] : [])];
  const totalIndex = margins ? nodes.length - 1 : -1;
  const nodesOfLeaf = new Map<string, number[]>();
  leaves.forEach((code, i) => {
    const indices = [i];
    if (parents) indices.push(leaves.length + groups.indexOf(parentOf(code)));
    if (margins) indices.push(totalIndex);
    nodesOfLeaf.set(code, indices);
  });
  const relations = groups.map((code) => ({
    parent: group(code),
    children: leaves.filter((child) => parentOf(child) === code).map(leaf),
  }));
  if (margins) relations.push({ parent: TOTAL, children: parents ? groups.map(group) : leaves.map(leaf) });
  return { leaves, groups, nodes, nodesOfLeaf, relations };
}

export function primaryReasons(
  cell: { value: number; companies: number; largest: number },
  rules: DisclosureRules,
): PrimaryReason[] {
  const reasons: PrimaryReason[] = [];
  if (cell.companies < rules.minCompanies) reasons.push('companies');
  if (cell.value < rules.minPeople) reasons.push('people');
  if (cell.largest / cell.value > rules.dominance) reasons.push('dominance');
  return reasons;
}

/** Aggregates the microdata into every (row node × column node) cell and applies the primary rules. */
export function buildCells(options: {
  readonly contributions: readonly Contribution[];
  readonly rowAxis: Axis;
  readonly colAxis: Axis;
  readonly rules: DisclosureRules;
}): Map<string, MutableCell> {
  const { contributions, rowAxis, colAxis, rules } = options;
  const width = colAxis.nodes.length;
  const perCompany = rowAxis.nodes.flatMap(() => colAxis.nodes.map(() => new Map<string, number>()));
  for (const c of contributions) {
    if (c.people === 0) continue;
    for (const r of rowAxis.nodesOfLeaf.get(c.row) ?? []) {
      for (const k of colAxis.nodesOfLeaf.get(c.col) ?? []) {
        const companies = perCompany[r * width + k];
        companies.set(c.companyId, (companies.get(c.companyId) ?? 0) + c.people);
      }
    }
  }
  const cells = new Map<string, MutableCell>();
  rowAxis.nodes.forEach((row, r) => {
    colAxis.nodes.forEach((col, k) => {
      const people = [...perCompany[r * width + k].values()];
      const value = people.reduce((sum, p) => sum + p, 0);
      const largest = Math.max(0, ...people);
      const reasons = value === 0 ? [] : primaryReasons({ value, companies: people.length, largest }, rules);
      const status = value === 0 ? 'zero' : reasons.length > 0 ? 'primary' : 'shown';
      const key = cellKey(row, col);
      const largestShare = value === 0 ? 0 : largest / value;
      cells.set(key, { key, row, col, value, companies: people.length, largestShare, status, reasons });
    });
  });
  return cells;
}

/** The equations a reader knows: every published sum, along rows and along columns. */
export function buildEquations(rowAxis: Axis, colAxis: Axis): Equation[] {
  const equations: Equation[] = [];
  for (const { parent, children } of rowAxis.relations) {
    for (const col of colAxis.nodes) {
      equations.push({ total: cellKey(parent, col), parts: children.map((row) => cellKey(row, col)) });
    }
  }
  for (const { parent, children } of colAxis.relations) {
    for (const row of rowAxis.nodes) {
      equations.push({ total: cellKey(row, parent), parts: children.map((col) => cellKey(row, col)) });
    }
  }
  return equations;
}

export function validateContributions(contributions: readonly Contribution[]): void {
  for (const c of contributions) {
    if (!Number.isSafeInteger(c.people) || c.people < 0) {
      throw new RangeError(`people must be a non-negative integer, got ${c.people} for ${c.companyId}`);
    }
    if (c.companyId === '') throw new RangeError('companyId must not be empty');
  }
}

export function validateRules(rules: DisclosureRules): void {
  if (!Number.isInteger(rules.minCompanies) || rules.minCompanies < 1) {
    throw new RangeError('minCompanies must be a positive integer');
  }
  if (!Number.isInteger(rules.minPeople) || rules.minPeople < 1) {
    throw new RangeError('minPeople must be a positive integer');
  }
  if (!(rules.dominance > 0 && rules.dominance <= 1)) throw new RangeError('dominance must be in (0, 1]');
}

/** Pre-aggregated statistics of one cell at any level (leaf, group or total on each axis). */
export interface CellStats {
  readonly row: AxisRef;
  readonly col: AxisRef;
  /** People in the cell. */
  readonly people: number;
  /** Distinct contributing companies (with more than 0 people). */
  readonly companies: number;
  /** The largest single company's people in the cell. */
  readonly largest: number;
}

/**
 * Like `buildCells`, but from statistics the database already computed for every (row node × column
 * node) cell. Cells missing from `stats` are zero cells.
 */
export function buildCellsFromStats(options: {
  readonly stats: readonly CellStats[];
  readonly rowAxis: Axis;
  readonly colAxis: Axis;
  readonly rules: DisclosureRules;
}): Map<string, MutableCell> {
  const { stats, rowAxis, colAxis, rules } = options;
  const byKey = new Map(stats.map((s) => [cellKey(s.row, s.col), s]));
  const cells = new Map<string, MutableCell>();
  for (const row of rowAxis.nodes) {
    for (const col of colAxis.nodes) {
      const key = cellKey(row, col);
      const s = byKey.get(key);
      const value = s?.people ?? 0;
      const companies = value === 0 ? 0 : (s?.companies ?? 0);
      const largest = value === 0 ? 0 : (s?.largest ?? 0);
      const reasons = value === 0 ? [] : primaryReasons({ value, companies, largest }, rules);
      const status = value === 0 ? 'zero' : reasons.length > 0 ? 'primary' : 'shown';
      const largestShare = value === 0 ? 0 : largest / value;
      cells.set(key, { key, row, col, value, companies, largestShare, status, reasons });
    }
  }
  return cells;
}
