// Ranking of candidate courses for a company's mapped needs. Pure: the database hands over the candidates
// with their competence overlap (repo-matching.ts, one set-based query); this file scores and explains.
//
// Score (0–1, higher first), the sum of five weighted parts:
//  - overlap 0.40: the share of the company's needed (coded) competences the course teaches
//    ("Teaches 3 of your 4 needed competences");
//  - urgency 0.10: the most urgent need the course covers (now 1, within 6 months 0.75, within 6–12
//    months 0.4, within 1–3 years 0.2);
//  - date 0.15: with an open occasion that still takes enrolments, for urgent needs the sooner the better
//    (1 at today, 0 at a year or later), for later needs neutral (0.5), mixed by the urgency weight;
//    a course without such an occasion gets 0 here;
//  - place 0.20: the occasion (else the course) in a municipality of one of the company's workplaces 1,
//    in the same county 0.6, a digital course counts as near (0.6), elsewhere 0, unknown place 0.3;
//  - format 0.15: the format chosen in the mapping's training preferences 1, a blended course when only
//    classroom or digital was chosen 0.5, another format 0; neutral 0.5 when the mapping has no preference.
// Ties: more overlap, then the earlier occasion, then the title.
import type { CandidateRow, CourseFormat, Urgency } from '../repo-matching.ts';

export const WEIGHTS = { overlap: 0.4, urgency: 0.1, date: 0.15, place: 0.2, format: 0.15 } as const;

export const URGENCY_WEIGHT: Record<Urgency, number> = {
  now: 1,
  within6Months: 0.75,
  within6To12Months: 0.4,
  within1To3Years: 0.2,
};

export type PlaceKind = 'municipality' | 'county' | 'digital' | 'elsewhere' | 'unknown';

export interface RankInput {
  candidates: CandidateRow[];
  /** Distinct needed competence ids with the most urgent urgency of the needs naming each. */
  needs: Map<string, Urgency>;
  places: { municipalityCode: string; countyCode: string }[];
  /** Formats preferred in the mapping; empty = no preference (neutral). */
  formats: string[];
  /** Today as YYYY-MM-DD. */
  today: string;
}

export interface RankedCourse {
  courseId: string;
  title: string;
  format: CourseFormat;
  providerName: string;
  matched: string[];
  matchedCount: number;
  neededCount: number;
  urgency: Urgency;
  occasionId: string | null;
  startsOn: string | null;
  municipalityName: string | null;
  place: PlaceKind;
  /** 0 when the format does not suit, 0.5 neutral or partly, 1 preferred. */
  formatFit: number;
  score: number;
  parts: Record<keyof typeof WEIGHTS, number>;
}

const DAY = 86_400_000;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

function placeOf(c: CandidateRow, places: RankInput['places']): PlaceKind {
  if (c.municipalityCode && places.some((p) => p.municipalityCode === c.municipalityCode))
    return 'municipality';
  if (c.countyCode && places.some((p) => p.countyCode === c.countyCode)) return 'county';
  if (c.format === 'digital') return 'digital';
  return c.municipalityCode ? 'elsewhere' : 'unknown';
}

const PLACE_SCORE: Record<PlaceKind, number> = {
  municipality: 1,
  county: 0.6,
  digital: 0.6,
  unknown: 0.3,
  elsewhere: 0,
};

function formatFit(format: CourseFormat, preferred: string[]): number {
  if (preferred.length === 0) return 0.5;
  if (preferred.includes(format)) return 1;
  if (format === 'blended' && (preferred.includes('classroom') || preferred.includes('digital'))) return 0.5;
  return 0;
}

function mostUrgent(urgencies: Urgency[]): Urgency {
  return urgencies.reduce<Urgency>(
    (best, u) => (URGENCY_WEIGHT[u] > URGENCY_WEIGHT[best] ? u : best),
    'within1To3Years',
  );
}

/** Scores and orders the candidates (best first). */
export function rankCourses(input: RankInput): RankedCourse[] {
  const neededCount = input.needs.size;
  const ranked = input.candidates.map((c): RankedCourse => {
    const matched = c.matched.filter((id) => input.needs.has(id));
    const urgency = mostUrgent(matched.map((id) => input.needs.get(id) as Urgency));
    const u = URGENCY_WEIGHT[urgency];
    const place = placeOf(c, input.places);
    const fit = formatFit(c.format, input.formats);
    let date = 0;
    if (c.startsOn) {
      const soon = 1 - Math.min(Math.max(daysBetween(input.today, c.startsOn), 0), 365) / 365;
      date = u * soon + (1 - u) * 0.5;
    }
    const parts = {
      overlap: neededCount === 0 ? 0 : matched.length / neededCount,
      urgency: u,
      date,
      place: PLACE_SCORE[place],
      format: fit,
    };
    const score = (Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]).reduce(
      (sum, k) => sum + WEIGHTS[k] * parts[k],
      0,
    );
    return {
      courseId: c.courseId,
      title: c.title,
      format: c.format,
      providerName: c.providerName,
      matched,
      matchedCount: matched.length,
      neededCount,
      urgency,
      occasionId: c.occasionId,
      startsOn: c.startsOn,
      municipalityName: c.municipalityName,
      place,
      formatFit: fit,
      score: Math.round(score * 1000) / 1000,
      parts,
    };
  });
  return ranked.sort(
    (a, b) =>
      b.score - a.score ||
      b.matchedCount - a.matchedCount ||
      (a.startsOn ?? '9999').localeCompare(b.startsOn ?? '9999') ||
      a.title.localeCompare(b.title, 'sv'),
  );
}
