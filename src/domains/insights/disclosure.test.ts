import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AxisRef,
  type Contribution,
  cellKey,
  contributionsFromCells,
  derivableCells,
  group,
  isSuppressed,
  leaf,
  publish,
  type SuppressedTable,
  suppressTable,
  type TableCell,
  TOTAL,
} from './index.ts';

/** `companies` companies contributing `people` people each to one cell. */
function block(row: string, col: string, people: readonly number[]): Contribution[] {
  return people.map((p, i) => ({ row, col, companyId: `${row}${col}-${i}`, people: p }));
}

function at(table: SuppressedTable, row: AxisRef, col: AxisRef): TableCell {
  const found = table.cells.get(cellKey(row, col));
  if (!found) throw new Error(`no cell ${cellKey(row, col)}`);
  return found;
}

/** A copy of the table with some statuses overridden, to audit hand-made suppression patterns. */
function withStatuses(
  table: SuppressedTable,
  statuses: Record<string, TableCell['status']>,
): SuppressedTable {
  const cells = new Map([...table.cells].map(([k, c]) => [k, { ...c, status: statuses[k] ?? c.status }]));
  return { ...table, cells };
}

const noMargins = { margins: false } as const;

describe('primary suppression', () => {
  it('needs at least three companies', () => {
    const table = suppressTable([...block('A', 'X', [5, 5]), ...block('A', 'Y', [5, 5, 5])], noMargins);
    expect(at(table, leaf('A'), leaf('X'))).toMatchObject({ status: 'primary', reasons: ['companies'] });
    expect(at(table, leaf('A'), leaf('Y')).status).toBe('shown');
  });

  it('needs at least three people (2 is suppressed, 3 is shown)', () => {
    const contribs = [
      { row: 'A', col: 'X', companyId: 'c1', people: 1 },
      { row: 'A', col: 'X', companyId: 'c2', people: 1 },
      { row: 'A', col: 'X', companyId: 'c3', people: 0 },
      ...block('A', 'Y', [1, 1, 1]),
    ];
    const table = suppressTable(contribs, { ...noMargins, minCompanies: 1, dominance: 1 });
    expect(at(table, leaf('A'), leaf('X'))).toMatchObject({ status: 'primary', reasons: ['people'] });
    expect(at(table, leaf('A'), leaf('Y'))).toMatchObject({ status: 'shown', value: 3 });
  });

  it('allows one company exactly 80 % of the people but not just above', () => {
    const table = suppressTable(
      [...block('A', 'X', [800, 100, 100]), ...block('A', 'Y', [801, 100, 99])],
      noMargins,
    );
    expect(at(table, leaf('A'), leaf('X'))).toMatchObject({ status: 'shown', largestShare: 0.8 });
    expect(at(table, leaf('A'), leaf('Y'))).toMatchObject({ status: 'primary', reasons: ['dominance'] });
  });

  it('counts one company contributing twice to a cell once, with its people summed', () => {
    const contribs = [...block('A', 'X', [1, 1]), { row: 'A', col: 'X', companyId: 'AX-0', people: 2 }];
    const cell = at(suppressTable(contribs, noMargins), leaf('A'), leaf('X'));
    expect(cell).toMatchObject({ companies: 2, value: 4, status: 'primary' });
    expect(cell.reasons).toEqual(['companies']);
  });

  it('marks empty cells zero and never suppresses them', () => {
    const contribs = [...block('A', 'X', [1]), ...block('B', 'Y', [5, 5, 5])];
    const table = suppressTable(contribs, { ...noMargins, rows: ['A', 'B', 'C'] });
    expect(at(table, leaf('A'), leaf('Y'))).toMatchObject({ status: 'zero', value: 0, companies: 0 });
    expect(at(table, leaf('C'), leaf('X')).status).toBe('zero');
    expect(at(table, leaf('A'), leaf('X')).status).toBe('primary');
  });

  it('takes the thresholds from options and applies them to totals too', () => {
    const table = suppressTable(block('A', 'X', [5, 5, 5, 5]), { minCompanies: 5 });
    for (const c of table.cells.values()) expect(c.status).toBe('primary');
  });

  it('rejects invalid input', () => {
    expect(() => suppressTable([{ row: 'A', col: 'X', companyId: 'c', people: -1 }])).toThrow(RangeError);
    expect(() => suppressTable([{ row: 'A', col: 'X', companyId: 'c', people: 1.5 }])).toThrow(RangeError);
    expect(() => suppressTable(block('A', 'X', [5]), { rows: ['B'] })).toThrow(RangeError);
    expect(() => suppressTable(block('A', 'X', [5]), { dominance: 0 })).toThrow(RangeError);
  });

  it('accepts pre-aggregated cells', () => {
    const contribs = contributionsFromCells([
      { row: 'A', col: 'X', contributions: [{ companyId: 'c1', people: 2 }] },
      { row: 'A', col: 'Y', contributions: [{ companyId: 'c1', people: 3 }] },
    ]);
    expect(contribs).toEqual([
      { row: 'A', col: 'X', companyId: 'c1', people: 2 },
      { row: 'A', col: 'Y', companyId: 'c1', people: 3 },
    ]);
  });
});

/** 3 × 3 table, every cell three companies, except A×X which has one. */
function classicContributions(): Contribution[] {
  const values: Record<string, number[]> = {
    AX: [4],
    AY: [3, 3, 3],
    AZ: [5, 5, 5],
    BX: [2, 2, 2],
    BY: [4, 4, 4],
    BZ: [6, 6, 6],
    CX: [7, 7, 7],
    CY: [8, 8, 8],
    CZ: [9, 9, 9],
  };
  return Object.entries(values).flatMap(([rc, people]) => block(rc[0], rc[1], people));
}

describe('complementary suppression', () => {
  it('adds complements so the primary cell cannot be recovered from its row and column totals', () => {
    const table = suppressTable(classicContributions());
    const primary = at(table, leaf('A'), leaf('X'));
    expect(primary.status).toBe('primary');
    // The smallest cells of row A and column X are the complements, and B×Y closes the rectangle.
    expect(at(table, leaf('A'), leaf('Y')).status).toBe('secondary');
    expect(at(table, leaf('B'), leaf('X')).status).toBe('secondary');
    expect(at(table, leaf('B'), leaf('Y')).status).toBe('secondary');
    const suppressed = [...table.cells.values()].filter(isSuppressed).map((c) => c.key);
    expect(suppressed).toHaveLength(4);
    expect(derivableCells(table)).toEqual([]);
    // Without the complements the row total gives A×X away, with its exact value.
    const bare = withStatuses(table, Object.fromEntries(suppressed.slice(1).map((k) => [k, 'shown'])));
    expect(derivableCells(bare)).toEqual([
      { key: primary.key, row: primary.row, col: primary.col, value: primary.value },
    ]);
  });

  it('suppresses totals that fail the rules and protects them too', () => {
    // Row A has only two companies in all: its total is primary, and so are its cells.
    const contribs = [
      ...block('A', 'X', [3, 3]),
      ...block('A', 'Y', [3, 3]).map((c, i) => ({ ...c, companyId: `AX-${i}` })),
      ...block('B', 'X', [5, 5, 5]),
      ...block('B', 'Y', [6, 6, 6]),
      ...block('C', 'X', [7, 7, 7]),
      ...block('C', 'Y', [8, 8, 8]),
    ];
    const table = suppressTable(contribs);
    expect(at(table, leaf('A'), TOTAL)).toMatchObject({ status: 'primary', reasons: ['companies'] });
    const column = [leaf('A'), leaf('B'), leaf('C'), TOTAL].map((r) => at(table, r, TOTAL));
    expect(column.filter(isSuppressed).length).toBeGreaterThanOrEqual(2);
    expect(derivableCells(table)).toEqual([]);
  });
  it('repairs a pattern the line rule misses, found by the property test', () => {
    const spec: Record<string, number[]> = {
      AX: [2],
      AY: [17, 1, 1],
      AZ: [19, 1],
      BY: [14],
      BZ: [1],
      CY: [1],
    };
    const contribs = Object.entries(spec).flatMap(([rc, people]) => block(rc[0], rc[1], people));
    const table = suppressTable(contribs, { minPeople: 1, dominance: 1 });
    const statusOf = (row: AxisRef, col: AxisRef): string => at(table, row, col).status;
    expect(statusOf(leaf('A'), leaf('Y'))).toBe('secondary');
    expect(statusOf(TOTAL, leaf('Z'))).toBe('secondary');
    expect(derivableCells(table)).toEqual([]);
    // Without A×Y every row and column still has two suppressions, yet cells are derivable.
    const lineRuleOnly = withStatuses(table, { [cellKey(leaf('A'), leaf('Y'))]: 'shown' });
    for (const equation of lineRuleOnly.equations) {
      const members = [equation.total, ...equation.parts].map((k) => lineRuleOnly.cells.get(k));
      const count = members.filter((c) => c !== undefined && isSuppressed(c)).length;
      expect(count === 0 || count >= 2).toBe(true);
    }
    expect(derivableCells(lineRuleOnly).length).toBeGreaterThan(0);
  });
});

describe('derivableCells', () => {
  it('finds a cell given away by a single suppression in its row', () => {
    const table = suppressTable(classicContributions(), { minCompanies: 1, dominance: 1 });
    expect([...table.cells.values()].some(isSuppressed)).toBe(false);
    const key = cellKey(leaf('B'), leaf('Z'));
    expect(derivableCells(withStatuses(table, { [key]: 'primary' }))).toEqual([
      { key, row: leaf('B'), col: leaf('Z'), value: 18 },
    ]);
  });

  it('finds a bridge between two closed cycles, where every line has two suppressions', () => {
    const codes = ['A', 'B', 'C', 'D'];
    const contribs = codes.flatMap((r, i) =>
      ['W', 'X', 'Y', 'Z'].flatMap((c, j) => block(r, c, [i + j + 3])),
    );
    const table = suppressTable(contribs, { minCompanies: 1, dominance: 1 });
    const pattern = ['AW', 'AX', 'BW', 'BX', 'CY', 'CZ', 'DY', 'DZ', 'AY'];
    const statuses = Object.fromEntries(
      pattern.map((rc) => [cellKey(leaf(rc[0]), leaf(rc[1])), 'secondary']),
    );
    const audited = withStatuses(table, statuses as Record<string, TableCell['status']>);
    for (const equation of audited.equations) {
      const count = [equation.total, ...equation.parts].filter((k) => statuses[k]).length;
      expect(count === 0 || count >= 2).toBe(true);
    }
    expect(derivableCells(audited)).toEqual([
      { key: cellKey(leaf('A'), leaf('Y')), row: leaf('A'), col: leaf('Y'), value: 5 },
    ]);
  });
});

describe('hierarchy', () => {
  const rowParents = { k1: 'L1', k2: 'L1', k3: 'L1', k4: 'L2', k5: 'L2' };
  const contribs = [
    ...block('k1', 'X', [4]),
    ...block('k2', 'X', [5, 5, 5]),
    ...block('k3', 'X', [3, 3, 3]),
    ...block('k4', 'X', [6, 6, 6]),
    ...block('k5', 'X', [7, 7, 7]),
  ];

  it('suppresses a second child when a parent has exactly one suppressed child', () => {
    const table = suppressTable(contribs, { margins: false, rowParents });
    expect(table.rowGroups).toEqual(['L1', 'L2']);
    expect(at(table, leaf('k1'), leaf('X')).status).toBe('primary');
    expect(at(table, leaf('k3'), leaf('X')).status).toBe('secondary');
    expect(at(table, leaf('k2'), leaf('X')).status).toBe('shown');
    expect(at(table, group('L1'), leaf('X'))).toMatchObject({ status: 'shown', value: 28 });
    expect(derivableCells(table)).toEqual([]);
  });

  it('suppresses the parent when the suppressed child is its only non-zero child', () => {
    const table = suppressTable(
      contribs.filter((c) => c.row !== 'k2' && c.row !== 'k3'),
      {
        margins: false,
        rows: ['k1', 'k2', 'k3', 'k4', 'k5'],
        rowParents,
      },
    );
    expect(at(table, leaf('k2'), leaf('X')).status).toBe('zero');
    expect(at(table, group('L1'), leaf('X')).status).toBe('primary');
    expect(derivableCells(table)).toEqual([]);
  });
});

/** Small tables where most cells pass the rules, so complements are needed often. */
const tableArbitrary = fc
  .record({
    rows: fc.integer({ min: 2, max: 6 }),
    cols: fc.integer({ min: 2, max: 6 }),
    companies: fc.integer({ min: 1, max: 40 }),
    hierarchy: fc.boolean(),
  })
  .chain((shape) => {
    const contribution = fc.record({
      company: fc.integer({ min: 0, max: shape.companies - 1 }),
      people: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 60 })),
    });
    const cellContributions = fc.oneof(
      { arbitrary: fc.array(contribution, { minLength: 3, maxLength: 6 }), weight: 4 },
      { arbitrary: fc.array(contribution, { maxLength: 3 }), weight: 1 },
    );
    return fc.record({
      shape: fc.constant(shape),
      cells: fc.array(cellContributions, {
        minLength: shape.rows * shape.cols,
        maxLength: shape.rows * shape.cols,
      }),
    });
  });

function covers(ref: AxisRef, code: string, parents: Readonly<Record<string, string>>): boolean {
  if (ref.level === 'total') return true;
  if (ref.level === 'group') return parents[code] === ref.code;
  return ref.code === code;
}

describe('property: suppressTable protects every cell', () => {
  it('leaves nothing derivable, suppresses every failing cell and publishes exact sums', () => {
    let withComplements = 0;
    fc.assert(
      fc.property(tableArbitrary, ({ shape, cells }) => {
        const contribs = cells.flatMap((list, i) =>
          list.map((c) => ({
            row: `r${Math.floor(i / shape.cols)}`,
            col: `c${i % shape.cols}`,
            companyId: `co${c.company}`,
            people: c.people,
          })),
        );
        const rowParents = Object.fromEntries(
          Array.from({ length: shape.rows }, (_, i) => [`r${i}`, `g${i % 2}`]),
        );
        const table = suppressTable(contribs, shape.hierarchy ? { rowParents } : {});
        expect(derivableCells(table)).toEqual([]);
        if ([...table.cells.values()].some((c) => c.status === 'secondary')) withComplements++;
        const { minCompanies, minPeople, dominance } = table.rules;
        for (const c of table.cells.values()) {
          if (c.reasons.length > 0) expect(c.status).toBe('primary');
          if (c.status === 'zero') expect(c.value).toBe(0);
          if (c.status !== 'shown') continue;
          expect(c.companies).toBeGreaterThanOrEqual(minCompanies);
          expect(c.value).toBeGreaterThanOrEqual(minPeople);
          expect(c.largestShare).toBeLessThanOrEqual(dominance);
        }
        for (const p of publish(table)) {
          const inside = contribs.filter((c) => covers(p.row, c.row, rowParents) && covers(p.col, c.col, {}));
          const truth = inside.reduce((sum, c) => sum + c.people, 0);
          if (p.status === 'primary' || p.status === 'secondary') expect(p.value).toBeNull();
          else expect(p.value).toBe(truth);
          if (p.status === 'zero') expect(inside).toEqual([]);
        }
      }),
      { seed: 20261128, numRuns: 150 },
    );
    expect(withComplements).toBeGreaterThan(100);
  });
});
