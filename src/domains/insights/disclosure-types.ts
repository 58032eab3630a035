// Types of the disclosure-control (SDC) module: inputs, rules and the suppressed table model.

/** One company's contribution of people to one cell of a two-dimensional table. */
export interface Contribution {
  readonly row: string;
  readonly col: string;
  readonly companyId: string;
  readonly people: number;
}

/** A pre-aggregated cell that still carries its per-company contributions. */
export interface AggregatedCell {
  readonly row: string;
  readonly col: string;
  readonly contributions: readonly { readonly companyId: string; readonly people: number }[];
}

export interface DisclosureRules {
  /** A cell needs at least this many distinct companies. */
  readonly minCompanies: number;
  /** A cell needs at least this many people. */
  readonly minPeople: number;
  /** No single company may contribute more than this share of a cell's people (0.8 = 80 %). */
  readonly dominance: number;
}

export const DEFAULT_RULES: DisclosureRules = { minCompanies: 3, minPeople: 3, dominance: 0.8 };

export interface SuppressTableOptions extends Partial<DisclosureRules> {
  /** Publish row totals, column totals and the grand total (default true). */
  readonly margins?: boolean;
  /** Leaf row codes in display order; defaults to the rows in the data, sorted. Lets empty rows appear. */
  readonly rows?: readonly string[];
  /** Leaf column codes in display order; defaults to the columns in the data, sorted. */
  readonly cols?: readonly string[];
  /** Row hierarchy, child code → parent code (e.g. municipality → county): parents are published too. */
  readonly rowParents?: Readonly<Record<string, string>>;
  /** Column hierarchy, child code → parent code (e.g. SNI division → section). */
  readonly colParents?: Readonly<Record<string, string>>;
}

export type AxisLevel = 'leaf' | 'group' | 'total';

/** A position on one axis: a leaf code, a parent (group) code, or the total. */
export interface AxisRef {
  readonly level: AxisLevel;
  readonly code: string;
}

export const TOTAL: AxisRef = { level: 'total', code: '' };

export function leaf(code: string): AxisRef {
  return { level: 'leaf', code };
}

export function group(code: string): AxisRef {
  return { level: 'group', code };
}

/** Unambiguous key of a cell, whatever characters the codes contain. */
export function cellKey(row: AxisRef, col: AxisRef): string {
  return JSON.stringify([row.level, row.code, col.level, col.code]);
}

export type CellStatus = 'shown' | 'primary' | 'secondary' | 'zero';
export type PrimaryReason = 'companies' | 'people' | 'dominance';

export interface TableCell {
  readonly key: string;
  readonly row: AxisRef;
  readonly col: AxisRef;
  /** Number of people (the true value; only published when status is 'shown' or 'zero'). */
  readonly value: number;
  /** Distinct contributing companies. */
  readonly companies: number;
  /** Largest single company's share of the people, 0 for a zero cell. */
  readonly largestShare: number;
  readonly status: CellStatus;
  /** Why the cell failed the rules; empty unless status is 'primary'. */
  readonly reasons: readonly PrimaryReason[];
}

/** An additivity constraint the reader knows: the total cell equals the sum of the parts. */
export interface Equation {
  readonly total: string;
  readonly parts: readonly string[];
}

export interface SuppressedTable {
  readonly rules: DisclosureRules;
  readonly rows: readonly string[];
  readonly cols: readonly string[];
  readonly rowGroups: readonly string[];
  readonly colGroups: readonly string[];
  /** Every published cell (leaves, groups, totals) keyed by `cellKey`, in table order. */
  readonly cells: ReadonlyMap<string, TableCell>;
  readonly equations: readonly Equation[];
}

export interface PublishedCell {
  readonly row: AxisRef;
  readonly col: AxisRef;
  /** null where suppressed. */
  readonly value: number | null;
  readonly status: CellStatus;
}

export interface DerivedCell {
  readonly key: string;
  readonly row: AxisRef;
  readonly col: AxisRef;
  /** The value an outsider can compute from the published numbers. */
  readonly value: number;
}

export function isSuppressed(cell: TableCell): boolean {
  return cell.status === 'primary' || cell.status === 'secondary';
}
