// The EU definition of an SME (Commission Recommendation 2003/361/EC): fewer than 250 employees and
// turnover <= EUR 50 M or balance-sheet total <= EUR 43 M, counting linked and partner enterprises.

export const SEK_PER_EUR = 11.5;
export const MAX_EMPLOYEES = 250;
export const MAX_TURNOVER_EUR = 50_000_000;
export const MAX_BALANCE_EUR = 43_000_000;

export interface SmeInput {
  employees: number;
  turnoverTsek: number | null;
  balanceTsek: number | null;
  partOfGroup: boolean;
  groupEmployees: number | null;
  groupTurnoverTsek: number | null;
  groupBalanceTsek: number | null;
}

export type SmeReason =
  | 'sme'
  | 'too_many_employees'
  | 'too_large_financials'
  | 'group_too_large'
  | 'unknown_financials';

export interface SmeResult {
  isSme: boolean;
  reason: SmeReason;
}

const eur = (tsek: number) => (tsek * 1000) / SEK_PER_EUR;

/**
 * Classify. Staff headcount alone decides when it reaches 250. Financial ceilings: the enterprise is
 * within them when either turnover or balance sheet is within its ceiling. Unknown financials with
 * fewer than 250 employees count as SME but are flagged so the officer asks.
 */
export function classifySme(input: SmeInput): SmeResult {
  const employees =
    input.partOfGroup && input.groupEmployees !== null ? input.groupEmployees : input.employees;
  const turnover =
    input.partOfGroup && input.groupTurnoverTsek !== null ? input.groupTurnoverTsek : input.turnoverTsek;
  const balance =
    input.partOfGroup && input.groupBalanceTsek !== null ? input.groupBalanceTsek : input.balanceTsek;
  const groupReason = (r: SmeReason): SmeReason =>
    input.partOfGroup && r !== 'unknown_financials' ? 'group_too_large' : r;
  if (employees >= MAX_EMPLOYEES) return { isSme: false, reason: groupReason('too_many_employees') };
  if (turnover === null && balance === null) return { isSme: true, reason: 'unknown_financials' };
  const turnoverOk = turnover !== null && eur(turnover) <= MAX_TURNOVER_EUR;
  const balanceOk = balance !== null && eur(balance) <= MAX_BALANCE_EUR;
  if (turnoverOk || balanceOk) return { isSme: true, reason: 'sme' };
  return { isSme: false, reason: groupReason('too_large_financials') };
}

export type SizeClass = '0' | '1-9' | '10-49' | '50-249' | '250+';

export function sizeClass(employees: number): SizeClass {
  if (employees <= 0) return '0';
  if (employees < 10) return '1-9';
  if (employees < 50) return '10-49';
  if (employees < 250) return '50-249';
  return '250+';
}
