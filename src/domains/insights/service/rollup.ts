// The county roll-up: cell statistics from the database, disclosure control, and a view model that
// holds only what the audience may see (region admins: every number, flagged where others see none).
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { strategies, urgencies } from '../../mapping/index.ts';
import { type Dim, drillTo, type Measure, parentDim } from '../dims.ts';
import { suppressAggregates } from '../disclosure.ts';
import type { CellStats } from '../disclosure-build.ts';
import {
  type AxisRef,
  type CellStatus,
  cellKey,
  DEFAULT_RULES,
  type DisclosureRules,
  group,
  isSuppressed,
  leaf,
  type SuppressedTable,
  TOTAL,
} from '../disclosure-types.ts';
import * as repo from '../repo.ts';

/** Who is looking: decides suppression and scope. */
export type Audience =
  | { kind: 'admin'; regionId: string }
  | { kind: 'county'; regionId: string }
  | { kind: 'officer'; regionId: string; municipalityCode: string }
  | { kind: 'public'; regionId: string };

/** The strongest insights membership of an actor (region admin > officer > coach / ESF admin). */
export function audienceOf(actor: Actor, municipality?: string | null): Audience {
  const ms = actor.memberships;
  const admin = ms.find((m) => m.role === 'region_admin');
  if (admin) return { kind: 'admin', regionId: admin.regionId };
  const officers = ms.filter((m) => m.role === 'municipality_officer' && m.municipalityCode);
  const officer = officers.find((m) => m.municipalityCode === municipality) ?? officers[0];
  if (officer?.municipalityCode)
    return { kind: 'officer', regionId: officer.regionId, municipalityCode: officer.municipalityCode };
  const county = ms.find((m) => m.role === 'coach' || m.role === 'esf_admin');
  if (county) return { kind: 'county', regionId: county.regionId };
  throw new AppError('FORBIDDEN');
}

export async function rulesFor(db: Db, regionId: string): Promise<DisclosureRules> {
  return (await repo.regionRules(db, regionId)) ?? DEFAULT_RULES;
}

export interface RollupQuery {
  rows: Dim;
  cols: Dim | 'all';
  measure: Measure;
  round?: string | null;
  filters: Partial<Record<Dim, string>>;
}

export type CellFlag = 'shown' | 'zero' | 'suppressed' | 'wouldSuppress';

export interface RollupCellView {
  /** null where suppressed for this audience. */
  value: number | null;
  flag: CellFlag;
  status: CellStatus;
}

export interface AxisItem {
  ref: AxisRef;
  code: string;
  label: string;
  /** For a leaf row: the drill-down dimension (filter on this code, rows at the finer level). */
  drill: Dim | null;
}

export interface Rollup {
  audience: Audience['kind'];
  rules: DisclosureRules;
  roundId: string | null;
  query: RollupQuery;
  rows: AxisItem[];
  cols: AxisItem[];
  /** cells[r][c] for rows[r] × cols[c]. */
  cells: RollupCellView[][];
  /** Per cell key, the statistics (for the measure and for tests). */
  table: SuppressedTable;
}

/** Canonical order of enumerated dimensions (including empty values). */
function declaredLeaves(dim: Dim | 'all'): string[] | undefined {
  if (dim === 'urgency') return [...urgencies];
  if (dim === 'strategy') return [...strategies];
  if (dim === 'all') return ['all'];
  return undefined;
}

function refOf(level: number, leafCode: string | null, parentCode: string | null): AxisRef {
  if (level === 0) return leaf(leafCode ?? '');
  if (level === 1) return group(parentCode ?? '');
  return TOTAL;
}

function measureOf(row: repo.StatsRow, measure: Measure): number {
  switch (measure) {
    case 'people':
      return row.people;
    case 'women':
      return row.women;
    case 'men':
      return row.men;
    case 'companies':
      return row.companies;
    case 'needs':
      return row.needs;
  }
}

export interface StatsTable {
  table: SuppressedTable;
  stats: Map<string, repo.StatsRow>;
}

/** Runs the grouped query and the disclosure control over its statistics. */
export async function statsTable(db: Db, spec: repo.RollupSpec, rules: DisclosureRules): Promise<StatsTable> {
  const rows = await repo.rollupStats(db, spec);
  const stats = new Map<string, repo.StatsRow>();
  const cellStats: CellStats[] = [];
  const rowParents: Record<string, string> = {};
  const colParents: Record<string, string> = {};
  for (const r of rows) {
    const row = refOf(r.rowLevel, r.rl, r.rp);
    const col = refOf(r.colLevel, r.cl, r.cp);
    if (r.rowLevel === 0 && r.rp !== null && r.rl !== null) rowParents[r.rl] = r.rp;
    if (r.colLevel === 0 && r.cp !== null && r.cl !== null) colParents[r.cl] = r.cp;
    stats.set(cellKey(row, col), r);
    cellStats.push({ row, col, people: r.people, companies: r.companies, largest: r.largest });
  }
  const hasRowParents = spec.rows.withParent || !!spec.rows.splitMunicipality;
  const hasColParents = spec.cols.withParent || !!spec.cols.splitMunicipality;
  const table = suppressAggregates(cellStats, {
    ...rules,
    rows: hasRowParents ? undefined : declaredLeaves(spec.rows.dim),
    cols: hasColParents ? undefined : declaredLeaves(spec.cols.dim),
    rowParents: hasRowParents ? rowParents : undefined,
    colParents: hasColParents ? colParents : undefined,
  });
  return { table, stats };
}

export function cellView(
  st: StatsTable,
  row: AxisRef,
  col: AxisRef,
  measure: Measure,
  unsuppressed: boolean,
): RollupCellView {
  const key = cellKey(row, col);
  const cell = st.table.cells.get(key);
  const s = st.stats.get(key);
  const value = s ? measureOf(s, measure) : 0;
  if (!cell || cell.status === 'zero') return { value: 0, flag: 'zero', status: 'zero' };
  if (!isSuppressed(cell)) return { value, flag: 'shown', status: cell.status };
  return unsuppressed
    ? { value, flag: 'wouldSuppress', status: cell.status }
    : { value: null, flag: 'suppressed', status: cell.status };
}

/** Row order: each parent group followed by its leaves, then the total (or leaves then total). */
function axisOrder(table: SuppressedTable, axis: 'row' | 'col', parents: Record<string, string>): AxisRef[] {
  const leaves = axis === 'row' ? table.rows : table.cols;
  const groups = axis === 'row' ? table.rowGroups : table.colGroups;
  if (groups.length === 0) return [...leaves.map(leaf), TOTAL];
  return [...groups.flatMap((g) => [group(g), ...leaves.filter((l) => parents[l] === g).map(leaf)]), TOTAL];
}

export function axisSpec(dim: Dim | 'all', other: Dim | 'all'): repo.AxisSpec {
  const parent = dim === 'all' ? undefined : parentDim[dim];
  return { dim, withParent: parent !== undefined && parent !== other };
}

/** The roll-up table for an actor: scope, suppression and labels applied. */
export async function rollup(
  db: Db,
  audience: Audience,
  query: RollupQuery,
): Promise<
  Omit<Rollup, 'rows' | 'cols'> & {
    rowRefs: AxisRef[];
    colRefs: AxisRef[];
    /** The region's rounds, latest first (read to resolve the round; the page lists them). */
    rounds: repo.RoundRow[];
  }
> {
  const [rules, rounds] = await Promise.all([
    rulesFor(db, audience.regionId),
    repo.roundsOf(db, audience.regionId),
  ]);
  const roundId = await resolveRound(db, audience.regionId, query, rounds);
  const filters = Object.entries(query.filters)
    .filter(([dim, value]) => value && !(audience.kind === 'officer' && dim === 'municipality'))
    .map(([dim, value]) => ({ dim: dim as Dim, value: value as string }));
  const rows: repo.AxisSpec =
    audience.kind === 'officer'
      ? { dim: query.rows, withParent: false, splitMunicipality: audience.municipalityCode }
      : axisSpec(query.rows, query.cols);
  const spec: repo.RollupSpec = {
    source: 'needs',
    regionId: audience.regionId,
    roundId,
    rows,
    cols: axisSpec(query.cols, query.rows),
    filters,
  };
  const st = await statsTable(db, spec, rules);
  const rowParents = parentsOf(st, 'row');
  let rowRefs = axisOrder(st.table, 'row', rowParents);
  if (audience.kind === 'officer') {
    // Only the own municipality and the county total leave the table; the rest of the county stays hidden.
    rowRefs = rowRefs.filter(
      (r) =>
        r.level === 'total' ||
        (r.level === 'group' && r.code === 'own') ||
        (r.level === 'leaf' && r.code.startsWith('own|') && query.rows !== 'municipality'),
    );
  }
  // A single 'all' column equals its total: show it once.
  const colRefs = axisOrder(st.table, 'col', parentsOf(st, 'col')).filter(
    (c) => !(query.cols === 'all' && c.level === 'total'),
  );
  const unsuppressed = audience.kind === 'admin';
  const cells = rowRefs.map((r) => colRefs.map((c) => cellView(st, r, c, query.measure, unsuppressed)));
  return { audience: audience.kind, rules, roundId, query, rowRefs, colRefs, cells, table: st.table, rounds };
}

function parentsOf(st: StatsTable, axis: 'row' | 'col'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of st.stats.values()) {
    const [leafCode, parentCode, level] =
      axis === 'row' ? [s.rl, s.rp, s.rowLevel] : [s.cl, s.cp, s.colLevel];
    if (level === 0 && leafCode !== null && parentCode !== null) out[leafCode] = parentCode;
  }
  return out;
}

/**
 * The round asked for (it must be the region's), else the latest one; none when rows or columns are rounds.
 * `known`: the region's rounds when the caller has read them already.
 */
export async function resolveRound(
  db: Db,
  regionId: string,
  query: { round?: string | null; rows?: Dim; cols?: Dim | 'all' },
  known?: repo.RoundRow[],
): Promise<string | null> {
  const rounds = known ?? (await repo.roundsOf(db, regionId));
  if (query.round) {
    if (!rounds.some((r) => r.id === query.round))
      throw new AppError('VALIDATION', 'VALIDATION', [{ field: 'round', message: 'validation.choice' }]);
    return query.round;
  }
  if (query.rows === 'round' || query.cols === 'round') return null;
  return rounds[0]?.id ?? null;
}

export { drillTo };
