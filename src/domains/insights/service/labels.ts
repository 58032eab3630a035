// Human-readable labels for the codes of a roll-up axis (reference names, rounds, enumerations).
import type { Db } from '../../../platform/db.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { type Dim, OTHER_COMPETENCE, parentDim, UNKNOWN } from '../dims.ts';
import type { AxisRef } from '../disclosure-types.ts';
import { type InsightsKey, insightsT } from '../messages.ts';
import * as repo from '../repo.ts';

export type Labeller = (dim: Dim | 'all', code: string) => string;

/** Looks up the names of every code of the given dimensions at once. */
export async function labeller(
  db: Db,
  locale: Locale,
  wanted: { dim: Dim | 'all'; codes: string[] }[],
): Promise<Labeller> {
  const t = insightsT(locale);
  const maps = new Map<string, Map<string, string>>();
  for (const { dim, codes } of wanted) {
    if (dim === 'all') continue;
    const found = await repo.labelsFor(db, dim, codes);
    maps.set(dim, new Map([...(maps.get(dim) ?? []), ...found]));
  }
  return (dim, code) => {
    if (code === OTHER_COMPETENCE) return t('insights.code.other');
    if (code === UNKNOWN) return t('insights.code.unknown');
    if (dim === 'all') return t('insights.total');
    if (dim === 'urgency' || dim === 'strategy') return t(`insights.${dim}.${code}` as InsightsKey);
    const name = maps.get(dim)?.get(code);
    if (!name) return code;
    return dim === 'municipality' || dim === 'round' || dim === 'competence' ? name : `${code} ${name}`;
  };
}

/** Codes each axis needs labels for: leaves of the dimension, groups of its parent dimension. */
export function codesOf(dim: Dim | 'all', refs: AxisRef[]): { dim: Dim | 'all'; codes: string[] }[] {
  const leaves = refs.filter((r) => r.level === 'leaf').map((r) => r.code.replace(/^(own|rest)\|/, ''));
  const groups = refs.filter((r) => r.level === 'group').map((r) => r.code);
  const parent = dim === 'all' ? undefined : parentDim[dim];
  return [{ dim, codes: leaves }, ...(parent ? [{ dim: parent, codes: groups }] : [])];
}
