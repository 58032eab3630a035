// Synthetic participants (learners) of the synthetic companies, for load tests: for every mapped synthetic
// company of a region (a share of them at national scale) without learners, 1–19 learners (mean 10) with
// invented names, a third with a work e-mail and a participant login (user + membership, no password),
// enrolled on 0–3 occasions of the region's synthetic courses. Each synthetic course also gets one past
// occasion, and every synthetic occasion its sessions (two a day), so past sessions carry attendance and
// past enrolments a completion (attended minutes against the course's completion share) and, for half the
// completed ones, a course evaluation. Seats hold: beyond them a future occasion waitlists, a past one
// takes no more. Generated inside the database (INSERT … SELECT over generate_series, values from md5 of
// (seed, company, row)), batch by batch; a second run adds nothing. Dates are relative to the day of the
// run (past and future sessions), everything else is a pure function of the seed.

import { ensureRegion } from '../domains/organisations/index.ts';
import { audit } from '../platform/audit.ts';
import type { Db, SqlParam } from '../platform/db.ts';
import { sqlUuidFrom } from '../platform/derived-uuid.ts';
import { firstNamesMen, firstNamesWomen, lastNames } from './generate.ts';
import { DEFAULT_SEED } from './synthetic.ts';
import { SYNTHETIC_ROUND_KEY } from './synthetic-mappings.ts';
import {
  batchSetup,
  bits,
  isSuperuser,
  syntheticCoursesOf,
  textArray,
  unit,
  weightedSql,
} from './synthetic-sql.ts';

export interface SeedParticipantsOptions {
  seed?: number;
  county?: string;
  /** Mean learners per participating company (default 10; 1 … 2·mean − 1). */
  perCompany?: number;
  /** Share of the mapped synthetic companies that get learners (default 1). */
  share?: number;
  /** Companies per transaction (default 1 000). */
  batchSize?: number;
  skipForeignKeyTriggers?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedParticipantsResult {
  companies: number;
  learners: number;
  users: number;
  enrolments: number;
  attendance: number;
  ms: number;
}

export const learnerId = (company: string, i: string) =>
  sqlUuidFrom(`'kn-synthetic-learner:' || ${company}::text || ':' || ${i}`);
export const participantUserId = (learner: string) => sqlUuidFrom(`'kn-synthetic-user:' || ${learner}::text`);
const ascii = (x: string) => `translate(lower(${x}), 'åäöéü', 'aaoeu')`;

/** Past occasions (one per synthetic course; $1 region, $2 seed), sessions of every synthetic occasion without any ($1). */
const PREPARE = [
  `INSERT INTO course_occasions (id, course_id, starts_on, ends_on, seats, enrolment_deadline, municipality_code,
     location, status)
   SELECT ${sqlUuidFrom(`'kn-synthetic-past-occasion:' || c.id::text`)}, c.id, d.starts, d.starts + ${bits('h', 8)} % 5,
          8 + ${bits('h', 15)} % 23, d.starts - 7, c.municipality_code,
          CASE WHEN c.format = 'digital' THEN NULL ELSE 'Utbildningslokalen' END, 'open'
     FROM (${syntheticCoursesOf('$1::uuid')}) s JOIN courses c ON c.id = s.id
     CROSS JOIN LATERAL (SELECT md5($2::text || ':past-occasion:' || c.id::text) AS h) x
     CROSS JOIN LATERAL (SELECT current_date - 20 - ${bits('x.h', 1)} % 160 AS starts) d
   ON CONFLICT (id) DO NOTHING`,
  // Two sessions a day (Stockholm time): teaching 09–12, practice (or digital, for a digital course) 13–16.
  `INSERT INTO course_sessions (id, occasion_id, starts_at, ends_at, activity, location)
   SELECT ${sqlUuidFrom(`'kn-synthetic-session:' || o.id::text || ':' || d || ':' || k`)}, o.id,
          ((o.starts_on + d) + CASE k WHEN 0 THEN time '09:00' ELSE time '13:00' END) AT TIME ZONE 'Europe/Stockholm',
          ((o.starts_on + d) + CASE k WHEN 0 THEN time '12:00' ELSE time '16:00' END) AT TIME ZONE 'Europe/Stockholm',
          CASE WHEN c.format = 'digital' THEN 'digital' WHEN k = 0 THEN 'teaching' ELSE 'practice' END, o.location
     FROM (${syntheticCoursesOf('$1::uuid')}) s JOIN courses c ON c.id = s.id
     JOIN course_occasions o ON o.course_id = c.id,
          generate_series(0, 4) AS d, generate_series(0, 1) AS k
    WHERE d <= o.ends_on - o.starts_on
      AND NOT EXISTS (SELECT 1 FROM course_sessions x WHERE x.occasion_id = o.id)`,
];

/** The statements of one batch: @ids (company ids), @seed, @region, @mean. */
function batchStatements(): string[] {
  const women = textArray(firstNamesWomen);
  const men = textArray(firstNamesMen);
  const last = textArray(lastNames);
  const first = (h: string) =>
    `CASE WHEN ${bits(h, 8)} % 100 < 48 THEN (${women})[1 + ${bits(h, 15)} % ${firstNamesWomen.length}]
          ELSE (${men})[1 + ${bits(h, 15)} % ${firstNamesMen.length}] END`;
  return [
    `WITH l AS MATERIALIZED (
       SELECT c.id AS company_id, replace(c.org_number, '-', '') AS orgno, i,
              md5(@seed::text || ':learner:' || c.id::text || ':' || i) AS h
         FROM unnest(@ids::uuid[]) AS b(id) JOIN companies c ON c.id = b.id, generate_series(0, 2 * @mean::int - 2) AS i
        WHERE i <= ${bits(`md5(@seed::text || ':learners:' || c.id::text)`, 1)} % (2 * @mean::int - 1)),
     n AS MATERIALIZED (
       SELECT l.*, ${first('l.h')} AS first_name, (${last})[1 + ${bits('l.h', 22)} % ${lastNames.length}] AS last_name,
              ${bits('l.h', 1)} % 100 < 33 AS has_login
         FROM l)
     INSERT INTO learners (id, company_id, first_name, last_name, email, gender, birth_year, user_id, created_at)
     SELECT ${learnerId('n.company_id', 'n.i')}, n.company_id, n.first_name, n.last_name,
            CASE WHEN n.has_login THEN ${ascii('n.first_name')} || '.' || ${ascii('n.last_name')} || '.' || n.i
                                        || '@f' || n.orgno || '.example.invalid' END,
            CASE WHEN ${bits('n.h', 26)} % 100 < 6 THEN NULL WHEN ${bits('n.h', 26)} % 100 < 7 THEN 'other'
                 WHEN ${bits('n.h', 8)} % 100 < 48 THEN 'woman' ELSE 'man' END,
            1960 + ${bits('n.h', 4)} % 45, NULL, now() - interval '200 days'
       FROM n`,
    // A participant login (no password: a sign-in code or link sets it) for those with an e-mail.
    `INSERT INTO users (id, email, name, locale, created_at)
     SELECT ${participantUserId('x.id')}, x.email, x.first_name || ' ' || x.last_name, 'sv', x.created_at
       FROM unnest(@ids::uuid[]) AS b(id) JOIN learners x ON x.company_id = b.id WHERE x.email IS NOT NULL`,
    `INSERT INTO memberships (id, user_id, role, company_id, created_at)
     SELECT ${sqlUuidFrom(`'kn-synthetic-membership:' || x.id::text`)}, ${participantUserId('x.id')}, 'participant',
            x.company_id, x.created_at
       FROM unnest(@ids::uuid[]) AS b(id) JOIN learners x ON x.company_id = b.id WHERE x.email IS NOT NULL`,
    `UPDATE learners x SET user_id = ${participantUserId('x.id')}
       FROM unnest(@ids::uuid[]) AS b(id) WHERE x.company_id = b.id AND x.email IS NOT NULL`,
    // Enrolments: 0–3 per learner (20/35/30/15 %) on the region's synthetic occasions, drawn uniformly.
    `WITH occ AS MATERIALIZED (
       SELECT o.id, o.starts_on, o.ends_on, o.seats, c.financing, c.contract_from, c.contract_to,
              (row_number() OVER (ORDER BY o.id) - 1)::int AS rk
         FROM (${syntheticCoursesOf('@region::uuid')}) s JOIN courses c ON c.id = s.id
         JOIN course_occasions o ON o.course_id = c.id WHERE o.status = 'open'),
     occ_n AS (SELECT count(*)::int AS n FROM occ),
     e AS MATERIALIZED (
       SELECT DISTINCT ON (occ.id, x.id) x.id AS learner_id, x.company_id, occ.*,
              md5(@seed::text || ':enrolment:' || x.id::text || ':' || j) AS h
         FROM unnest(@ids::uuid[]) AS b(id) JOIN learners x ON x.company_id = b.id
         CROSS JOIN LATERAL (SELECT md5(@seed::text || ':enrolments:' || x.id::text) AS h) lh
         CROSS JOIN generate_series(0, 2) AS j CROSS JOIN occ_n
         JOIN occ ON occ.rk = ${bits(`md5(@seed::text || ':enrolment:' || x.id::text || ':' || j)`, 1)} % occ_n.n
        WHERE occ_n.n > 0 AND j < ${weightedSql('lh.h', 1, [
          ['0', 20],
          ['1', 35],
          ['2', 30],
          ['3', 15],
        ])}
        ORDER BY occ.id, x.id, j),
     r AS MATERIALIZED (
       SELECT e.*, row_number() OVER (PARTITION BY e.id ORDER BY e.h) + (SELECT count(*) FROM enrolments t
                WHERE t.occasion_id = e.id AND t.status = 'enrolled') AS place,
              least(now(), (e.starts_on - 7 - ${bits('e.h', 8)} % 50) + time '10:00') AS ts
         FROM e)
     INSERT INTO enrolments (id, occasion_id, learner_id, company_id, status, waitlisted_at, paid_by, created_at,
       updated_at)
     SELECT ${sqlUuidFrom(`'kn-synthetic-enrolment:' || r.id::text || ':' || r.learner_id::text`)}, r.id,
            r.learner_id, r.company_id, CASE WHEN r.place <= r.seats THEN 'enrolled' ELSE 'waitlisted' END,
            CASE WHEN r.place > r.seats THEN r.ts END,
            CASE WHEN r.financing = 'public' THEN 'free'
                 WHEN r.financing = 'procured' AND r.starts_on >= r.contract_from AND r.ends_on <= r.contract_to
                   THEN 'programme' ELSE 'company' END,
            r.ts, r.ts
       FROM r WHERE r.place <= r.seats OR r.starts_on > current_date`,
    // Attendance of past sessions: 80 % attend fully (one session in ten half), 12 % partly, 8 % not at all.
    `WITH e AS MATERIALIZED (
       SELECT t.id, t.occasion_id, md5(@seed::text || ':attendance:' || t.id::text) AS h
         FROM unnest(@ids::uuid[]) AS b(id) JOIN enrolments t ON t.company_id = b.id WHERE t.status = 'enrolled')
     INSERT INTO attendance (session_id, enrolment_id, minutes, recorded_at)
     SELECT s.id, e.id,
            floor(extract(epoch FROM s.ends_at - s.starts_at) / 60 * CASE
              WHEN ${bits('e.h', 1)} % 100 < 8 THEN 0
              WHEN ${bits('e.h', 1)} % 100 < 20 THEN 0.3 + 0.5 * ${unit('sh.h', 1)}
              WHEN ${bits('sh.h', 8)} % 10 = 0 THEN 0.5 ELSE 1 END)::int, s.ends_at
       FROM e JOIN course_sessions s ON s.occasion_id = e.occasion_id AND s.ends_at < now()
       CROSS JOIN LATERAL (SELECT md5(e.h || s.id::text) AS h) sh`,
    // Completion of enrolments whose occasion has ended: attended share against the course's requirement.
    `UPDATE enrolments t SET completion = CASE WHEN a.attended * 100 >= a.total * a.pct THEN 'completed' ELSE 'not_completed' END,
            completed_at = CASE WHEN a.attended * 100 >= a.total * a.pct THEN a.last_end END
       FROM (SELECT t.id, c.completion_attendance_pct AS pct, max(s.ends_at) AS last_end,
                    sum(extract(epoch FROM s.ends_at - s.starts_at) / 60) AS total,
                    sum(coalesce(ad.minutes, 0)) AS attended
               FROM unnest(@ids::uuid[]) AS b(id) JOIN enrolments t ON t.company_id = b.id
               JOIN course_occasions o ON o.id = t.occasion_id JOIN courses c ON c.id = o.course_id
               JOIN course_sessions s ON s.occasion_id = o.id
               LEFT JOIN attendance ad ON ad.session_id = s.id AND ad.enrolment_id = t.id
              WHERE t.status = 'enrolled' AND o.ends_on < current_date GROUP BY t.id, c.completion_attendance_pct) a
      WHERE t.id = a.id`,
    // Half of the completed answer the evaluation (mostly 4–5).
    `INSERT INTO course_evaluations (enrolment_id, overall, relevance, teaching, would_recommend, comment, submitted_at)
     SELECT t.id, 3 + ${bits('h', 1)} % 3, 2 + ${bits('h', 8)} % 4, 3 + ${bits('h', 15)} % 3,
            CASE WHEN ${bits('h', 22)} % 10 < 8 THEN true WHEN ${bits('h', 22)} % 10 < 9 THEN NULL ELSE false END,
            '', t.completed_at
       FROM unnest(@ids::uuid[]) AS b(id) JOIN enrolments t ON t.company_id = b.id
       CROSS JOIN LATERAL (SELECT md5(@seed::text || ':evaluation:' || t.id::text) AS h) x
      WHERE t.completion = 'completed' AND ${bits('h', 26)} % 2 = 0`,
  ];
}

/** Named parameters (@name::type) to positional ones ($n::type), numbered in order of first use. */
export function bind(sql: string, values: Record<string, SqlParam>): [string, SqlParam[]] {
  const order: string[] = [];
  const text = sql.replace(/@([a-z]+)(?=::)/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for @${name}`);
    if (!order.includes(name)) order.push(name);
    return `$${order.indexOf(name) + 1}`;
  });
  return [text, order.map((name) => values[name])];
}

export async function seedSyntheticParticipants(
  db: Db,
  opts: SeedParticipantsOptions = {},
): Promise<SeedParticipantsResult> {
  const started = performance.now();
  const seed = String(opts.seed ?? DEFAULT_SEED);
  const mean = Math.max(1, Math.round(opts.perCompany ?? 10));
  const permille = Math.round((opts.share ?? 1) * 1000);
  const batchSize = opts.batchSize ?? 1000;
  const regionId = await ensureRegion(db, opts.county ?? '07');
  await db.query(PREPARE[0], [regionId, seed]);
  await db.query(PREPARE[1], [regionId]);
  const companies = await db.query<{ id: string }>(
    `SELECT c.id FROM companies c JOIN mappings m ON m.company_id = c.id
       JOIN mapping_rounds r ON r.id = m.round_id AND r.key = $3
      WHERE c.region_id = $1 AND c.org_number LIKE '502%'
        AND ${bits(`md5($2::text || ':participating:' || c.id::text)`, 1)} % 1000 < ${permille}
        AND NOT EXISTS (SELECT 1 FROM learners x WHERE x.company_id = c.id)
      ORDER BY c.id`,
    [regionId, seed, SYNTHETIC_ROUND_KEY],
  );
  const fast = opts.skipForeignKeyTriggers !== false && (await isSuperuser(db));
  const statements = batchStatements();
  const totals = { learners: 0, users: 0, enrolments: 0, attendance: 0 };
  for (let from = 0; from < companies.length; from += batchSize) {
    const ids = companies.slice(from, from + batchSize).map((c) => c.id);
    await db.tx(async (tx) => {
      await batchSetup(db, tx, fast);
      for (const sql of statements) await tx.query(...bind(sql, { ids, seed, region: regionId, mean }));
      const [n] = await tx.query<typeof totals>(
        `SELECT (SELECT count(*)::int FROM learners x WHERE x.company_id = ANY($1::uuid[])) AS learners,
                (SELECT count(*)::int FROM learners x WHERE x.company_id = ANY($1::uuid[]) AND x.user_id IS NOT NULL) AS users,
                (SELECT count(*)::int FROM enrolments t WHERE t.company_id = ANY($1::uuid[])) AS enrolments,
                (SELECT count(*)::int FROM enrolments t JOIN attendance a ON a.enrolment_id = t.id
                  WHERE t.company_id = ANY($1::uuid[])) AS attendance`,
        [ids],
      );
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += n[k];
    });
    opts.onProgress?.(Math.min(from + batchSize, companies.length), companies.length);
  }
  for (const t of [
    'course_occasions',
    'course_sessions',
    'learners',
    'users',
    'memberships',
    'enrolments',
    'attendance',
    'course_evaluations',
  ])
    await db.exec(`ANALYZE ${t}`);
  if (companies.length > 0)
    await audit(db, {
      actorUserId: null,
      action: 'training.synthetic_participants',
      entityType: 'learner',
      organisationId: regionId,
      details: { companies: companies.length, ...totals, seed: Number(seed) },
    });
  return { companies: companies.length, ...totals, ms: performance.now() - started };
}
