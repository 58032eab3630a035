// Pure scores of a mapping: maturity and the ranking of gaps.
import type { NeedRow } from './typed.ts';

/** Mean of the maturity statements' scores (1–4), two decimals; null when none is answered. */
export function maturityScore(scores: Readonly<Record<string, number>>): number | null {
  const values = Object.values(scores);
  if (values.length === 0) return null;
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
}

const urgencyRank: Record<NeedRow['urgency'], number> = {
  now: 0,
  within6Months: 1,
  within6To12Months: 2,
  within1To3Years: 3,
};

/**
 * Gaps in the order to act on them: priority (1 first), then urgency (now first), then the larger gap,
 * then more people affected. Stable for equal rows.
 */
export function rankNeeds<N extends Pick<NeedRow, 'priority' | 'urgency' | 'gapSize' | 'women' | 'men'>>(
  needs: readonly N[],
): N[] {
  return needs
    .map((n, i) => ({ n, i }))
    .sort(
      (a, b) =>
        a.n.priority - b.n.priority ||
        urgencyRank[a.n.urgency] - urgencyRank[b.n.urgency] ||
        b.n.gapSize - a.n.gapSize ||
        b.n.women + b.n.men - (a.n.women + a.n.men) ||
        a.i - b.i,
    )
    .map((x) => x.n);
}
