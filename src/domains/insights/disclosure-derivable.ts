// Exact audit: which suppressed cells can an outsider compute from the published numbers?
// Unknowns are the suppressed cells; each known sum (equation) gives
//   sum(unknown parts) − [total if unknown] = [total if published] − sum(published parts).
// A cell is derivable when its unit vector lies in the row space of that system, i.e. when the
// reduced row echelon form has a row with a single non-zero coefficient. Integer (BigInt),
// fraction-free Gauss–Jordan elimination keeps this exact. Non-negativity is not used: this tests
// exact linear determinacy only, not interval (feasibility) disclosure.
import { type DerivedCell, isSuppressed, type SuppressedTable, type TableCell } from './disclosure-types.ts';

type Row = bigint[];

const abs = (a: bigint): bigint => (a < 0n ? -a : a);

function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function normalise(row: Row): void {
  const g = row.reduce((acc, v) => gcd(acc, v), 0n);
  if (g > 1n) for (let i = 0; i < row.length; i++) row[i] /= g;
}

/** In-place Gauss–Jordan elimination on the coefficient columns 0..n−1 (column n is the right side). */
function reduce(matrix: Row[], n: number): void {
  let pivotRow = 0;
  for (let col = 0; col < n && pivotRow < matrix.length; col++) {
    const found = matrix.findIndex((row, i) => i >= pivotRow && row[col] !== 0n);
    if (found < 0) continue;
    [matrix[pivotRow], matrix[found]] = [matrix[found], matrix[pivotRow]];
    const pivot = matrix[pivotRow];
    matrix.forEach((row, i) => {
      if (i === pivotRow || row[col] === 0n) return;
      const factor = row[col];
      for (let j = 0; j <= n; j++) row[j] = row[j] * pivot[col] - pivot[j] * factor;
      normalise(row);
    });
    pivotRow++;
  }
}

function buildSystem(table: SuppressedTable, unknowns: ReadonlyMap<string, number>): Row[] {
  const n = unknowns.size;
  const cellOf = (key: string): TableCell => {
    const cell = table.cells.get(key);
    if (!cell) throw new Error(`equation refers to unknown cell ${key}`);
    return cell;
  };
  const matrix: Row[] = [];
  for (const equation of table.equations) {
    const row: Row = new Array<bigint>(n + 1).fill(0n);
    const add = (key: string, sign: bigint): void => {
      const index = unknowns.get(key);
      if (index === undefined) row[n] -= sign * BigInt(cellOf(key).value);
      else row[index] += sign;
    };
    for (const part of equation.parts) add(part, 1n);
    add(equation.total, -1n);
    if (row.slice(0, n).some((v) => v !== 0n)) matrix.push(row);
  }
  return matrix;
}

/** Suppressed cells whose value follows exactly from the published cells and the known sums. */
export function derivableCells(table: SuppressedTable): DerivedCell[] {
  const suppressed = [...table.cells.values()].filter(isSuppressed);
  const unknowns = new Map(suppressed.map((cell, i) => [cell.key, i]));
  const n = suppressed.length;
  const matrix = buildSystem(table, unknowns);
  reduce(matrix, n);
  const derived = new Map<number, number>();
  for (const row of matrix) {
    const nonZero = row.slice(0, n).flatMap((v, i) => (v === 0n ? [] : [i]));
    if (nonZero.length !== 1) continue;
    const [index] = nonZero;
    derived.set(index, Number(row[n]) / Number(row[index]));
  }
  return suppressed.flatMap((cell, i) => {
    const value = derived.get(i);
    return value === undefined ? [] : [{ key: cell.key, row: cell.row, col: cell.col, value }];
  });
}
