// Named scales of synthetic data across every capability (`npm run seed:synthetic -- --scale …`): companies,
// approved courses, submitted mappings, participants with enrolments and attendance, coaching, e-learning and
// ESF participants with their SCB months (with the product's key ring only: identities are sealed under it).
// A scale is a target: companies and courses are added up to it (per county), the other generators fill
// what is missing, so a second run of the same scale does nothing.

import { ensureRegion } from '../domains/organisations/index.ts';
import type { Db } from '../platform/db.ts';
import type { Keyring } from '../platform/secrets.ts';
import { seedSynthetic } from './synthetic.ts';
import { seedSyntheticCoaching } from './synthetic-coaching.ts';
import { seedSyntheticCourses } from './synthetic-courses.ts';
import { seedSyntheticElearning } from './synthetic-elearning.ts';
import { seedSyntheticEsf } from './synthetic-esf.ts';
import { seedSyntheticMappings } from './synthetic-mappings.ts';
import { seedSyntheticParticipants } from './synthetic-participants.ts';
import { syntheticCoursesOf } from './synthetic-sql.ts';

export const SCALES = ['county', 'region-x10', 'sweden'] as const;
export type Scale = (typeof SCALES)[number];

export interface ScalePlan {
  county: string;
  companies: number;
  courses: number;
  /** Share of the mapped companies with learners, and their mean number. */
  participantShare: number;
  perCompany: number;
  coachingShare: number;
  elearningCourses: number;
}

/** Population of the counties (thousands, 2024, rounded): the sweden scale spreads companies by it. */
export const COUNTY_POPULATION: readonly (readonly [string, number])[] = [
  ['01', 2_455],
  ['03', 400],
  ['04', 302],
  ['05', 470],
  ['06', 370],
  ['07', 204],
  ['08', 246],
  ['09', 61],
  ['10', 157],
  ['12', 1_423],
  ['13', 342],
  ['14', 1_762],
  ['17', 283],
  ['18', 306],
  ['19', 280],
  ['20', 288],
  ['21', 288],
  ['22', 244],
  ['23', 132],
  ['24', 276],
  ['25', 250],
];

/**
 * county: ≈100 companies, 200 courses, ≈1 000 participants (every mapped company, 10 on average).
 * region-x10: ≈10 000 companies, 2 000 courses, a third of the companies with ≈10 participants (≈33 000).
 * sweden: ≈300 000 companies over every county by population (≈6 million needs), courses ≈2 per 30
 * companies, a third with participants (≈1 million).
 */
export function scalePlans(scale: Scale, county = '07'): ScalePlan[] {
  const base = { perCompany: 10, coachingShare: 0.3, elearningCourses: 5 };
  if (scale === 'county') return [{ ...base, county, companies: 100, courses: 200, participantShare: 1 }];
  if (scale === 'region-x10')
    return [{ ...base, county, companies: 10_000, courses: 2_000, participantShare: 1 / 3 }];
  const total = COUNTY_POPULATION.reduce((a, [, p]) => a + p, 0);
  return COUNTY_POPULATION.map(([code, p]) => {
    const companies = Math.round((300_000 * p) / total);
    return {
      ...base,
      county: code,
      companies,
      courses: Math.max(200, Math.round(companies / 15)),
      participantShare: 1 / 3,
    };
  });
}

export interface ScaleStep {
  county: string;
  step: 'companies' | 'courses' | 'mappings' | 'participants' | 'coaching' | 'elearning' | 'esf';
  added: number;
  ms: number;
}

/** Fills the plan of every county of the scale, step by step; `onStep` after each. */
export async function seedSyntheticScale(
  db: Db,
  opts: {
    scale: Scale;
    seed: number;
    county?: string;
    /** The product's ESF key ring: without it the ESF step adds nothing (identities cannot be sealed). */
    keyring?: Keyring;
    onStep?: (s: ScaleStep) => void;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ScaleStep[]> {
  const steps: ScaleStep[] = [];
  const done = (s: ScaleStep) => {
    steps.push(s);
    opts.onStep?.(s);
  };
  const { seed, onProgress } = opts;
  for (const plan of scalePlans(opts.scale, opts.county)) {
    const county = plan.county;
    const regionId = await ensureRegion(db, county);
    const [have] = await db.query<{ companies: number; courses: number }>(
      `SELECT (SELECT count(*)::int FROM companies WHERE region_id = $1 AND org_number LIKE '502%') AS companies,
              (SELECT count(*)::int FROM (${syntheticCoursesOf('$1::uuid')}) c) AS courses`,
      [regionId],
    );
    let t = performance.now();
    const companies = Math.max(0, plan.companies - have.companies);
    if (companies > 0) await seedSynthetic(db, { companies, seed, county, onProgress });
    done({ county, step: 'companies', added: companies, ms: performance.now() - t });
    t = performance.now();
    const courses = Math.max(0, plan.courses - have.courses);
    if (courses > 0) await seedSyntheticCourses(db, { courses, seed, county, onProgress });
    done({ county, step: 'courses', added: courses, ms: performance.now() - t });
    t = performance.now();
    const m = await seedSyntheticMappings(db, { seed, county, onProgress });
    done({ county, step: 'mappings', added: m.mappings, ms: performance.now() - t });
    t = performance.now();
    const p = await seedSyntheticParticipants(db, {
      seed,
      county,
      perCompany: plan.perCompany,
      share: plan.participantShare,
      onProgress,
    });
    done({ county, step: 'participants', added: p.learners, ms: performance.now() - t });
    t = performance.now();
    const c = await seedSyntheticCoaching(db, { seed, county, share: plan.coachingShare, onProgress });
    done({ county, step: 'coaching', added: c.added, ms: performance.now() - t });
    t = performance.now();
    const e = await seedSyntheticElearning(db, { seed, county, courses: plan.elearningCourses, onProgress });
    done({ county, step: 'elearning', added: e.enrolments, ms: performance.now() - t });
    t = performance.now();
    // ESF participants of the county's programme (none without one) and its SCB months up to last month.
    const esf = opts.keyring
      ? await seedSyntheticEsf(db, { keyring: opts.keyring, seed, county, onProgress })
      : null;
    done({ county, step: 'esf', added: esf?.participants ?? 0, ms: performance.now() - t });
  }
  return steps;
}
