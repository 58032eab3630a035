// Suggested courses for a company's mapped needs: access through the companies domain (staff in the
// company's scope, the company's own contacts and coaches), the needs of the company's latest submitted
// mapping, the candidates from one set-based query and the ranking of matching-rank.ts, with the reasons
// in words.
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { canListCompanies, getCompany } from '../../companies/index.ts';
import * as repo from '../repo-matching.ts';
import { type RankedCourse, rankCourses, URGENCY_WEIGHT } from './matching-rank.ts';

/** Who may ask for suggestions at all (the company itself is checked through the companies domain). */
export const canSeeMatches = (actor: Actor): boolean => canListCompanies(actor);

/** A reason in words: a message key of `training.matching.reason.*` and its parameters. */
export interface Reason {
  key:
    | 'training.matching.reason.overlap'
    | 'training.matching.reason.municipality'
    | 'training.matching.reason.county'
    | 'training.matching.reason.elsewhere'
    | 'training.matching.reason.digital'
    | 'training.matching.reason.starts'
    | 'training.matching.reason.noOccasion'
    | 'training.matching.reason.format'
    | 'training.matching.reason.urgent';
  params: Record<string, string | number>;
}

export interface Match extends RankedCourse {
  matchedNames: string[];
  reasons: Reason[];
}

export interface MatchesView {
  companyId: string;
  companyName: string;
  mappingId: string | null;
  submittedAt: string | null;
  needs: repo.NeedRow[];
  formats: string[];
  matches: Match[];
}

/** At most this many suggestions are shown. */
export const MAX_MATCHES = 25;

export function reasonsOf(m: RankedCourse): Reason[] {
  const out: Reason[] = [
    {
      key: 'training.matching.reason.overlap',
      params: { matched: m.matchedCount, needed: m.neededCount },
    },
  ];
  if (m.place === 'digital') out.push({ key: 'training.matching.reason.digital', params: {} });
  else if (m.municipalityName && m.place !== 'unknown')
    out.push({ key: `training.matching.reason.${m.place}`, params: { place: m.municipalityName } });
  out.push(
    m.startsOn
      ? { key: 'training.matching.reason.starts', params: { date: m.startsOn } }
      : { key: 'training.matching.reason.noOccasion', params: {} },
  );
  if (m.urgency === 'now' && m.startsOn) out.push({ key: 'training.matching.reason.urgent', params: {} });
  if (m.formatFit === 1) out.push({ key: 'training.matching.reason.format', params: {} });
  return out;
}

/** Today in Sweden as YYYY-MM-DD. */
export function swedishToday(now = new Date()): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

/** Suggestions for a company; NOT_FOUND (through getCompany) when the company is not in the actor's scope. */
export async function getMatches(db: Db, actor: Actor, companyId: string): Promise<MatchesView> {
  const detail = await getCompany(db, actor, companyId);
  const base = {
    companyId,
    companyName: detail.company.name,
    mappingId: null,
    submittedAt: null,
    needs: [],
    formats: [],
    matches: [],
  };
  const found = await repo.companyNeeds(db, companyId);
  if (!found) return base;
  const needs = new Map<string, repo.Urgency>();
  const names = new Map<string, string>();
  for (const n of found.needs) {
    if (!n.competenceId) continue;
    const prev = needs.get(n.competenceId);
    if (!prev || URGENCY_WEIGHT[n.urgency] > URGENCY_WEIGHT[prev]) needs.set(n.competenceId, n.urgency);
    names.set(n.competenceId, n.competenceName ?? n.competenceId);
  }
  const candidates = await repo.candidateCourses(db, detail.company.regionId, [...needs.keys()]);
  const ranked = rankCourses({
    candidates,
    needs,
    places: found.places,
    formats: found.formats,
    today: swedishToday(),
  }).slice(0, MAX_MATCHES);
  return {
    ...base,
    mappingId: found.mappingId,
    submittedAt: found.submittedAt,
    needs: found.needs,
    formats: found.formats,
    matches: ranked.map((m) => ({
      ...m,
      matchedNames: m.matched.map((id) => names.get(id) ?? id),
      reasons: reasonsOf(m),
    })),
  };
}
