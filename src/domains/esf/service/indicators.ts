// The programme's indicators for a period, each against the grant decision's target: participants who
// started (women/men, age bands at start, by municipality and company), SMEs supported, companies mapped,
// coached, with an adopted plan and with the plan still in use six months after adoption, and hours of
// training (whole hours per date and course or digital-learning line). The rows behind each figure for the administrators.
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { validation } from '../../../platform/errors.ts';
import { isCalendarDate } from '../../../platform/http/forms.ts';
import * as repo from '../repo-indicators.ts';
import { swedishToday, syncStarts } from './participants.ts';
import { type AgeBand, ageBandOf, currentProgramme, type EsfProgramme } from './programme.ts';

export const FIGURES = [
  'participants',
  'women',
  'men',
  'companies',
  'mapped',
  'coached',
  'plans',
  'plansInUse',
  'hours',
] as const;
export type Figure = (typeof FIGURES)[number];

export interface Figures {
  figure: Figure;
  value: number;
  target: number | null;
  /** Share of the target in whole per cent, null without a target. */
  percent: number | null;
}

export interface Breakdown {
  key: string;
  label: string;
  women: number;
  men: number;
  total: number;
}

export interface Indicators {
  programme: { name: string; startsOn: string; endsOn: string };
  from: string;
  to: string;
  figures: Figures[];
  ageBands: Breakdown[];
  byMunicipality: Breakdown[];
  byCompany: Breakdown[];
}

export interface ResolvedPeriod extends repo.Period {}

/** The period of a query: defaults programme start → today; a bad or reversed date is a field error. */
export function resolvePeriod(
  p: EsfProgramme,
  raw: { from?: string | undefined; to?: string | undefined },
  today = swedishToday(),
): ResolvedPeriod {
  const from = raw.from?.trim() || p.startsOn;
  const to = raw.to?.trim() || today;
  const errors = [];
  if (!isCalendarDate(from)) errors.push({ field: 'from', message: 'validation.date' });
  if (!isCalendarDate(to)) errors.push({ field: 'to', message: 'validation.date' });
  if (errors.length === 0 && to < from) errors.push({ field: 'to', message: 'esf.indicators.toBeforeFrom' });
  if (errors.length > 0) throw validation(errors);
  return { programmeId: p.id, regionId: p.regionId, from, to };
}

/** "18–29", "≤ 29", "≥ 55" — the band's bounds; 'unknown' when the age is not known. */
export function bandRange(b: AgeBand): string {
  if (b.min === null && b.max !== null) return `≤ ${b.max}`;
  if (b.max === null && b.min !== null) return `≥ ${b.min}`;
  return `${b.min ?? ''}–${b.max ?? ''}`;
}

function breakdown(
  rows: repo.IndicatorParticipantRow[],
  keyOf: (r: repo.IndicatorParticipantRow) => { key: string; label: string },
  order: string[] = [],
): Breakdown[] {
  const map = new Map<string, Breakdown>();
  for (const k of order) map.set(k, { key: k, label: k, women: 0, men: 0, total: 0 });
  for (const r of rows) {
    const { key, label } = keyOf(r);
    const b = map.get(key) ?? { key, label, women: 0, men: 0, total: 0 };
    b.label = label;
    if (r.gender === 'woman') b.women += 1;
    else b.men += 1;
    b.total += 1;
    map.set(key, b);
  }
  return [...map.values()];
}

/**
 * Whole hours of training per participant in the period: course attendance and digital learning (floor of
 * minutes/60 per date and activity line); coaching is not training.
 */
export async function trainingHours(
  db: Db,
  programmeId: string,
  period: { from: string; to: string },
): Promise<repo.HoursRow[]> {
  return repo.trainingHoursOf(db, programmeId, period.from, period.to);
}

const pct = (value: number, target: number | null) =>
  target && target > 0 ? Math.round((value / target) * 100) : null;

/** The indicators of a programme for a resolved period. */
export async function indicatorsOf(db: Db, p: EsfProgramme, period: ResolvedPeriod): Promise<Indicators> {
  // Starts known from a first activity count at once (the sync reads only participants still waiting for one).
  await syncStarts(db, p);
  const [people, n] = await Promise.all([
    repo.participantsStarted(db, period),
    repo.figureCounts(db, period),
  ]);
  const women = people.filter((r) => r.gender === 'woman').length;
  const tg = p.rules.targets;
  const values: Record<Figure, [number, number | null]> = {
    participants: [people.length, tg.participantsWomen + tg.participantsMen || null],
    women: [women, tg.participantsWomen || null],
    men: [people.length - women, tg.participantsMen || null],
    companies: [n.companies, tg.companies || null],
    mapped: [n.mapped, null],
    coached: [n.coached, null],
    plans: [n.plans, tg.plans || null],
    plansInUse: [n.plansInUse, null],
    hours: [n.hours, tg.hours || null],
  };
  const bands = p.rules.ageBands;
  return {
    programme: { name: p.name, startsOn: p.startsOn, endsOn: p.endsOn },
    from: period.from,
    to: period.to,
    figures: FIGURES.map((figure) => {
      const [value, target] = values[figure];
      return { figure, value, target, percent: pct(value, target) };
    }),
    ageBands: breakdown(
      people,
      (r) => {
        const key = ageBandOf(bands, r.ageAtStart) ?? 'unknown';
        const band = bands.find((b) => b.key === key);
        return { key, label: band ? bandRange(band) : key };
      },
      bands.map((b) => b.key),
    ).map((b) => {
      const band = bands.find((x) => x.key === b.key);
      return band ? { ...b, label: bandRange(band) } : b;
    }),
    byMunicipality: breakdown(people, (r) => ({
      key: r.municipalityName ?? 'unknown',
      label: r.municipalityName ?? 'unknown',
    })),
    byCompany: breakdown(people, (r) => ({ key: r.companyId, label: r.companyName })),
  };
}

/** The indicators of the actor's programme (ESF and region administrators). */
export async function indicators(
  db: Db,
  actor: Actor,
  raw: { from?: string | undefined; to?: string | undefined },
): Promise<Indicators> {
  const p = await currentProgramme(db, actor);
  return indicatorsOf(db, p, resolvePeriod(p, raw));
}

export type FigureRows =
  | { kind: 'participants'; rows: (repo.IndicatorParticipantRow & { ageBand: string })[] }
  | { kind: 'companies'; rows: repo.IndicatorCompanyRow[] }
  | {
      kind: 'hours';
      rows: { id: string; firstName: string; lastName: string; masked: string | null; hours: number }[];
    };

/** The rows behind one figure: participants (masked numbers), companies, or hours per participant. */
export async function figureRows(
  db: Db,
  actor: Actor,
  figure: Figure,
  raw: { from?: string | undefined; to?: string | undefined },
): Promise<{ figure: Figure; from: string; to: string; result: FigureRows }> {
  const p = await currentProgramme(db, actor);
  const period = resolvePeriod(p, raw);
  const out = (result: FigureRows) => ({ figure, from: period.from, to: period.to, result });
  if (figure === 'participants' || figure === 'women' || figure === 'men') {
    const rows = (await repo.participantsStarted(db, period))
      .filter((r) => figure === 'participants' || r.gender === (figure === 'women' ? 'woman' : 'man'))
      .map((r) => {
        const key = ageBandOf(p.rules.ageBands, r.ageAtStart);
        const band = p.rules.ageBands.find((b) => b.key === key);
        return { ...r, ageBand: band ? bandRange(band) : '' };
      });
    return out({ kind: 'participants', rows });
  }
  if (figure === 'hours') return out({ kind: 'hours', rows: await trainingHours(db, p.id, period) });
  const load = {
    companies: repo.companiesSupported,
    mapped: repo.companiesMapped,
    coached: repo.companiesCoached,
    plans: repo.plansAdopted,
    plansInUse: repo.plansInUse,
  }[figure];
  return out({ kind: 'companies', rows: await load(db, period) });
}
