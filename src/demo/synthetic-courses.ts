// Synthetic (clearly fictitious) training providers and approved courses in bulk, for the matching
// benchmark: 100 providers of the region and courses that teach 2–6 competences drawn from the same
// occupations (SSYK_WEIGHTS) and competence pools as the synthetic mappings, so needs and courses overlap
// realistically (common competences often, the long tail seldom). Formats and municipalities are spread;
// every course has 1–2 open occasions 2–26 weeks ahead. Generated inside the database (INSERT … SELECT
// over generate_series, values from md5 of (seed, serial, row)); a second run continues the series.
// Occasion dates are relative to the day of the run; everything else is a pure function of the seed.

import { ensureRegion } from '../domains/organisations/index.ts';
import { audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { sqlUuidFrom } from '../platform/derived-uuid.ts';
import { DEFAULT_SEED } from './synthetic.ts';
import { SSYK_WEIGHTS } from './synthetic-mappings.ts';

/** Synthetic providers per region (courses are spread over them, a few large ones). */
export const SYNTHETIC_PROVIDERS = 100;

export interface SeedCoursesOptions {
  courses: number;
  seed?: number;
  county?: string;
  /** Courses per transaction (default 5 000). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedCoursesResult {
  providers: number;
  courses: number;
  competences: number;
  occasions: number;
  firstSerial: number;
  ms: number;
}

// A 28-bit unsigned number from hex digits `at` (1-based) of an md5 text; a number in [0, 1).
const bits = (h: string, at: number) => `('x' || substr(${h}, ${at}, 7))::bit(28)::int`;
const unit = (h: string, at: number) => `(${bits(h, at)} / 268435456.0)`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

function ssykTable(): { sql: string; total: number } {
  let cum = 0;
  const rows = SSYK_WEIGHTS.map(([code, w]) => {
    const row = `(${lit(code)}, ${cum}, ${cum + w})`;
    cum += w;
    return row;
  });
  return { sql: `(VALUES ${rows.join(', ')}) AS s(code, lo, hi)`, total: cum };
}

const providerId = (p: string) => sqlUuidFrom(`'kn-synthetic-provider:' || $1::uuid::text || ':' || ${p}`);

/** $1 region, $2 first serial, $3 last serial + 1, $4 seed (text); $5 municipality codes (courses) or SSYK codes (competences). */
function courseStatements(): string[] {
  const ssyk = ssykTable();
  const h = 'src.h';
  return [
    `WITH src AS MATERIALIZED (
       SELECT k, md5($4::text || ':course:' || k) AS h FROM generate_series($2::int, $3::int - 1) AS k),
     pick AS MATERIALIZED (
       SELECT src.k, src.h, s.code AS ssyk_code,
              CASE WHEN ${bits(h, 8)} % 100 < 55 THEN 'classroom'
                   WHEN ${bits(h, 8)} % 100 < 80 THEN 'blended' ELSE 'digital' END AS format,
              CASE WHEN ${bits(h, 15)} % 100 < 40 THEN 'procured'
                   WHEN ${bits(h, 15)} % 100 < 85 THEN 'company' ELSE 'public' END AS financing,
              -- A few large providers: provider ⌊100·u²⌋.
              floor(${SYNTHETIC_PROVIDERS} * power(${unit(h, 22)}, 2))::int AS provider
         FROM src JOIN ${ssyk.sql}
           ON ${bits(h, 1)} % ${ssyk.total} >= s.lo AND ${bits(h, 1)} % ${ssyk.total} < s.hi)
     INSERT INTO courses (id, region_id, provider_org_id, title, description, format, hours, municipality_code,
       price_sek, financing, contract_reference, contract_from, contract_to, status, approved_at)
     SELECT ${sqlUuidFrom(`'kn-synthetic-course:' || $1::uuid::text || ':' || pick.k`)}, $1::uuid,
            ${providerId('pick.provider')},
            left(y.name_sv, 200) || ' – ' ||
              (ARRAY['grundkurs', 'fortsättningskurs', 'fördjupning', 'certifiering', 'uppdatering'])[1 + ${bits('pick.h', 26)} % 5]
              || ' ' || pick.k,
            'Syntetisk kurs för belastningstester.', pick.format, 8 * (1 + ${bits('pick.h', 4)} % 10),
            CASE WHEN pick.format = 'digital' THEN NULL
                 ELSE ($5::text[])[1 + ${bits('pick.h', 11)} % cardinality($5::text[])] END,
            CASE WHEN pick.financing = 'public' THEN 0 ELSE 1000 * (1 + ${bits('pick.h', 18)} % 20) END,
            pick.financing,
            CASE WHEN pick.financing = 'procured' THEN 'LOU-SYNT-' || (1 + pick.provider) END,
            CASE WHEN pick.financing = 'procured' THEN current_date - 90 END,
            CASE WHEN pick.financing = 'procured' THEN current_date + 730 END,
            'approved', now()
       FROM pick JOIN ref_ssyk y ON y.code = pick.ssyk_code`,
    // Competences: 2–6 per course from its occupation's pool, rank ⌊n·u²⌋ (common ones often).
    `WITH pool AS MATERIALIZED (
       SELECT sc.ssyk_code, sc.competence_id,
              (row_number() OVER (PARTITION BY sc.ssyk_code ORDER BY md5(sc.competence_id)) - 1)::int AS rk
         FROM ref_ssyk_competences sc JOIN ref_competences c ON c.concept_id = sc.competence_id
        WHERE sc.ssyk_code = ANY($5::text[])),
     pool_n AS MATERIALIZED (SELECT ssyk_code, count(*)::int AS n FROM pool GROUP BY ssyk_code),
     src AS MATERIALIZED (
       SELECT k, md5($4::text || ':course:' || k) AS h FROM generate_series($2::int, $3::int - 1) AS k),
     ck AS MATERIALIZED (
       SELECT ${sqlUuidFrom(`'kn-synthetic-course:' || $1::uuid::text || ':' || src.k`)} AS course_id, s.code AS ssyk_code,
              md5($4::text || ':course-competence:' || src.k || ':' || j) AS h
         FROM src JOIN ${ssyk.sql}
           ON ${bits(h, 1)} % ${ssyk.total} >= s.lo AND ${bits(h, 1)} % ${ssyk.total} < s.hi,
              generate_series(0, 5) AS j
        WHERE j < 2 + ${bits(h, 25)} % 5)
     INSERT INTO course_competences (course_id, competence_id)
     SELECT DISTINCT ck.course_id, pool.competence_id
       FROM ck JOIN pool_n pn ON pn.ssyk_code = ck.ssyk_code
       JOIN pool ON pool.ssyk_code = ck.ssyk_code AND pool.rk = floor(pn.n * power(${unit('ck.h', 1)}, 2))::int
     ON CONFLICT DO NOTHING`,
    // Occasions: 1–2 per course, open, starting in 2–26 weeks, 8–30 seats, deadline a week before.
    `WITH src AS MATERIALIZED (
       SELECT k, ${sqlUuidFrom(`'kn-synthetic-course:' || $1::uuid::text || ':' || k`)} AS course_id,
              md5($4::text || ':occasions:' || k) AS h
         FROM generate_series($2::int, $3::int - 1) AS k),
     oc AS MATERIALIZED (
       SELECT src.course_id, src.k, i, md5($4::text || ':occasion:' || src.k || ':' || i) AS h
         FROM src, generate_series(0, 1) AS i WHERE i < 1 + ${bits('src.h', 1)} % 2)
     INSERT INTO course_occasions (id, course_id, starts_on, ends_on, seats, enrolment_deadline,
       municipality_code, location, status)
     SELECT ${sqlUuidFrom(`'kn-synthetic-occasion:' || oc.course_id::text || ':' || oc.i`)}, oc.course_id, d.starts,
            d.starts + ${bits('oc.h', 8)} % 5, 8 + ${bits('oc.h', 15)} % 23, d.starts - 7,
            c.municipality_code, CASE WHEN c.format = 'digital' THEN NULL ELSE 'Utbildningslokalen' END, 'open'
       FROM oc JOIN courses c ON c.id = oc.course_id
       CROSS JOIN LATERAL (SELECT current_date + 14 + ${bits('oc.h', 1)} % 169 + oc.i * 35 AS starts) d`,
  ];
}

/** `courses` more synthetic approved courses (and the region's synthetic providers when missing). */
export async function seedSyntheticCourses(db: Db, opts: SeedCoursesOptions): Promise<SeedCoursesResult> {
  const started = performance.now();
  const seed = String(opts.seed ?? DEFAULT_SEED);
  const county = opts.county ?? '07';
  const batchSize = opts.batchSize ?? 5000;
  const regionId = await ensureRegion(db, county);
  await db.query(
    `INSERT INTO organisations (id, kind, name, region_id)
     SELECT ${providerId('p')}, 'provider', 'Syntetisk utbildare ' || lpad((p + 1)::text, 3, '0') || ' AB', $1::uuid
       FROM generate_series(0, ${SYNTHETIC_PROVIDERS - 1}) AS p
     ON CONFLICT (id) DO NOTHING`,
    [regionId],
  );
  const [existing] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM courses
      WHERE provider_org_id IN (SELECT ${providerId('p')} FROM generate_series(0, ${SYNTHETIC_PROVIDERS - 1}) AS p)`,
    [regionId],
  );
  const municipalities = (
    await db.query<{ code: string }>(
      'SELECT code FROM ref_municipalities WHERE county_code = $1 ORDER BY code',
      [county],
    )
  ).map((m) => m.code);
  if (municipalities.length === 0) throw new Error(`no municipalities in county ${county}`);
  const ssykCodes = SSYK_WEIGHTS.map(([code]) => code);
  const [insertCourses, insertCompetences, insertOccasions] = courseStatements();
  const first = existing.n;
  const end = first + opts.courses;
  for (let from = first; from < end; from += batchSize) {
    const to = Math.min(end, from + batchSize);
    await db.tx(async (tx) => {
      if (db.kind === 'postgres') await tx.query('SET LOCAL jit = off');
      await tx.query(insertCourses, [regionId, from, to, seed, municipalities]);
      await tx.query(insertCompetences, [regionId, from, to, seed, ssykCodes]);
      await tx.query(insertOccasions, [regionId, from, to, seed]);
    });
    opts.onProgress?.(to - first, opts.courses);
  }
  // VACUUM too: with the visibility map set, counting a course's competences is an index-only scan.
  // (One statement per call: a multi-statement string runs as one transaction block, where VACUUM may not.)
  await db.exec('ANALYZE organisations');
  await db.exec('VACUUM (ANALYZE) courses, course_competences, course_occasions');
  const [counts] = await db.query<{ competences: number; occasions: number }>(
    `WITH c AS (SELECT ${sqlUuidFrom(`'kn-synthetic-course:' || $1::uuid::text || ':' || k`)} AS id
                  FROM generate_series($2::int, $3::int - 1) AS k)
     SELECT (SELECT count(*)::int FROM course_competences x JOIN c ON c.id = x.course_id) AS competences,
            (SELECT count(*)::int FROM course_occasions x JOIN c ON c.id = x.course_id) AS occasions`,
    [regionId, first, end],
  );
  if (opts.courses > 0) {
    await audit(db, {
      actorUserId: null,
      action: 'training.synthetic_seed',
      entityType: 'course',
      organisationId: regionId,
      details: { courses: opts.courses, firstSerial: first, seed: Number(seed) },
    });
  }
  return {
    providers: SYNTHETIC_PROVIDERS,
    courses: opts.courses,
    competences: counts.competences,
    occasions: counts.occasions,
    firstSerial: first,
    ms: performance.now() - started,
  };
}
