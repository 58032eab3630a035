// The value of de minimis aid over the rolling three years up to a date (Regulation (EU) 2023/2831):
// coaching = held meeting minutes / 60 × the staff-hour unit cost of the meeting's year; training = the
// course prices of programme-paid enrolments; in euro at the programme's rate; plus the company's latest
// declaration of other de minimis aid within the window. Compared with the ceiling and its warning share.
import type { Db } from '../../../platform/db.ts';
import * as repo from '../repo-deminimis.ts';
import { type EsfProgramme, unitCostFor } from './programme.ts';

export type AidLevel = 'ok' | 'near' | 'over';

export interface AidLine {
  year: number;
  activity: 'coaching' | 'training';
  /** Coaching: hours (minutes / 60, two decimals); training: enrolments. */
  quantity: number;
  /** SEK per coaching hour; null for training (the course prices vary). */
  unitSek: number | null;
  valueSek: number;
  valueEur: number;
}

export interface CompanyAid {
  companyId: string;
  lines: AidLine[];
  coachingEur: number;
  trainingEur: number;
  givenSek: number;
  givenEur: number;
  declaration: repo.DeclarationRow | null;
  declaredEur: number;
  totalEur: number;
  level: AidLevel;
}

export interface AidRules {
  ceilingEur: number;
  warnShare: number;
  sekPerEur: number;
}

export interface AidWindow {
  asOf: string;
  /** The first day of the three years ending on `asOf`. */
  from: string;
}

export const rulesOf = (p: EsfProgramme): AidRules => ({
  ceilingEur: p.rules.deminimisCeilingEur,
  warnShare: p.rules.deminimisWarnShare,
  sekPerEur: p.rules.sekPerEur,
});

/** The three years ending on `asOf` (inclusive): from the day after the same date three years before. */
export function windowOf(asOf: string): AidWindow {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  const monthEnd = new Date(Date.UTC(y - 3, m, 0)).getUTCDate();
  const from = new Date(Date.UTC(y - 3, m - 1, Math.min(d, monthEnd) + 1)).toISOString().slice(0, 10);
  return { asOf, from };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function levelOf(totalEur: number, r: AidRules): AidLevel {
  if (totalEur > r.ceilingEur) return 'over';
  if (totalEur >= r.ceilingEur * r.warnShare) return 'near';
  return 'ok';
}

/** The aid of the region's companies (or one company) within the window, by company. */
export async function aidByCompany(
  db: Db,
  p: EsfProgramme | null,
  regionId: string,
  w: AidWindow,
  companyId: string | null,
  r: AidRules,
): Promise<Map<string, CompanyAid>> {
  const q = { regionId, from: w.from, to: w.asOf, companyId };
  const [coaching, training, declarations] = await Promise.all([
    repo.coachingByYear(db, q),
    repo.trainingByYear(db, q),
    repo.latestDeclarations(db, q),
  ]);
  const out = new Map<string, CompanyAid>();
  const entry = (id: string): CompanyAid => {
    let e = out.get(id);
    if (!e) {
      e = {
        companyId: id,
        lines: [],
        coachingEur: 0,
        trainingEur: 0,
        givenSek: 0,
        givenEur: 0,
        declaration: null,
        declaredEur: 0,
        totalEur: 0,
        level: 'ok',
      };
      out.set(id, e);
    }
    return e;
  };
  for (const c of coaching) {
    const unitSek = p ? (unitCostFor(p, c.year)?.staffHourSek ?? 0) : 0;
    const valueSek = round2((c.minutes / 60) * unitSek);
    entry(c.companyId).lines.push({
      year: c.year,
      activity: 'coaching',
      quantity: round2(c.minutes / 60),
      unitSek,
      valueSek,
      valueEur: round2(valueSek / r.sekPerEur),
    });
  }
  for (const t of training)
    entry(t.companyId).lines.push({
      year: t.year,
      activity: 'training',
      quantity: t.enrolments,
      unitSek: null,
      valueSek: t.priceSek,
      valueEur: round2(t.priceSek / r.sekPerEur),
    });
  for (const d of declarations) entry(d.companyId).declaration = d;
  for (const e of out.values()) {
    e.lines.sort((a, b) => a.year - b.year || a.activity.localeCompare(b.activity));
    const sum = (kind: AidLine['activity']) =>
      e.lines.filter((l) => l.activity === kind).reduce((s, l) => s + l.valueSek, 0);
    e.coachingEur = round2(sum('coaching') / r.sekPerEur);
    e.trainingEur = round2(sum('training') / r.sekPerEur);
    e.givenSek = round2(sum('coaching') + sum('training'));
    e.givenEur = round2(e.givenSek / r.sekPerEur);
    e.declaredEur = e.declaration?.otherAidEur ?? 0;
    e.totalEur = round2(e.givenEur + e.declaredEur);
    e.level = levelOf(e.totalEur, r);
  }
  return out;
}

export const emptyAid = (companyId: string): CompanyAid => ({
  companyId,
  lines: [],
  coachingEur: 0,
  trainingEur: 0,
  givenSek: 0,
  givenEur: 0,
  declaration: null,
  declaredEur: 0,
  totalEur: 0,
  level: 'ok',
});
