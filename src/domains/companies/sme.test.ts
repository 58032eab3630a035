import { describe, expect, it } from 'vitest';
import { classifySme, sizeClass } from './sme.ts';

const base = {
  employees: 20,
  turnoverTsek: 30_000,
  balanceTsek: 10_000,
  partOfGroup: false,
  groupEmployees: null,
  groupTurnoverTsek: null,
  groupBalanceTsek: null,
};

describe('EU SME definition', () => {
  it('a small company is an SME', () => {
    expect(classifySme(base)).toEqual({ isSme: true, reason: 'sme' });
  });
  it('250 employees or more is never an SME', () => {
    expect(classifySme({ ...base, employees: 250 })).toEqual({ isSme: false, reason: 'too_many_employees' });
    expect(classifySme({ ...base, employees: 249 }).isSme).toBe(true);
  });
  it('either financial ceiling is enough; both exceeded is not an SME', () => {
    // 700 MSEK turnover (~60 M EUR) but 100 MSEK balance sheet: still an SME
    expect(classifySme({ ...base, turnoverTsek: 700_000, balanceTsek: 100_000 }).isSme).toBe(true);
    expect(classifySme({ ...base, turnoverTsek: 700_000, balanceTsek: 600_000 })).toEqual({
      isSme: false,
      reason: 'too_large_financials',
    });
  });
  it("a large group's subsidiary is not an SME", () => {
    expect(
      classifySme({
        ...base,
        partOfGroup: true,
        groupEmployees: 1200,
        groupTurnoverTsek: 5_000_000,
        groupBalanceTsek: 4_000_000,
      }),
    ).toEqual({ isSme: false, reason: 'group_too_large' });
  });
  it('unknown financials under 250 employees count as SME but are flagged', () => {
    expect(classifySme({ ...base, turnoverTsek: null, balanceTsek: null })).toEqual({
      isSme: true,
      reason: 'unknown_financials',
    });
  });
  it('size classes', () => {
    expect([0, 1, 9, 10, 49, 50, 249, 250].map(sizeClass)).toEqual([
      '0',
      '1-9',
      '1-9',
      '10-49',
      '10-49',
      '50-249',
      '50-249',
      '250+',
    ]);
  });
});
