// Synthetic coaching for load tests: for a share (default 30 %) of the mapped synthetic companies of a region
// without an engagement, an engagement at a step drawn from a realistic mix (most in analysis, plan or
// implementation), its step history, a synthetic coach of the company's municipality (caseload about 15 each:
// coach users are created per municipality from its number of companies) and meetings: held ones every three
// weeks from the start (more the further the engagement has come), and one planned in the coming month for
// open engagements. Generated inside the database (INSERT … SELECT, values from md5 of (seed, company, row)),
// batch by batch; a second run adds nothing. Dates are relative to the day of the run.

import { steps } from '../domains/coaching/index.ts';
import { ensureRegion } from '../domains/organisations/index.ts';
import { audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { sqlUuidFrom } from '../platform/derived-uuid.ts';
import { DEFAULT_SEED } from './synthetic.ts';
import { SYNTHETIC_ROUND_KEY } from './synthetic-mappings.ts';
import { bind } from './synthetic-participants.ts';
import { batchSetup, bits, isSuperuser, textArray, weightedSql } from './synthetic-sql.ts';

export interface SeedCoachingOptions {
  seed?: number;
  county?: string;
  /** Share of the mapped synthetic companies with an engagement (default 0.3). */
  share?: number;
  /** Engagements per synthetic coach (default 15). */
  caseload?: number;
  /** Companies per transaction (default 2 000). */
  batchSize?: number;
  skipForeignKeyTriggers?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedCoachingResult {
  /** Engagements added by this run (the others: totals of the region's synthetic companies). */
  added: number;
  engagements: number;
  coaches: number;
  meetings: number;
  ms: number;
}

/** The engagement steps in order (the coaching domain's own list). */
export const STEPS: readonly string[] = steps;
const STEP_WEIGHTS = [10, 10, 10, 15, 15, 25, 10, 5];
const AGENDA = [
  'Programmet, nuläge och behov',
  'Kartläggningens resultat',
  'Prioriteringar',
  'Förslag till plan',
  'Uppföljning av åtgärder',
];

export const coachUserId = (municipalityOrg: string, i: string) =>
  sqlUuidFrom(`'kn-synthetic-coach:' || ${municipalityOrg}::text || ':' || ${i}`);
const engagementId = (company: string) => sqlUuidFrom(`'kn-synthetic-engagement:' || ${company}::text`);

/** Coaches per municipality organisation of the region: enough for the share of its synthetic companies. */
const COACHES = `WITH m AS (
    SELECT o.id AS org_id, o.code, count(c.id) AS n FROM organisations o
      LEFT JOIN companies c ON c.owner_org_id = o.id AND c.org_number LIKE '502%'
     WHERE o.kind = 'municipality' AND o.region_id = @region::uuid GROUP BY o.id, o.code),
  k AS (SELECT m.*, i FROM m, generate_series(0, greatest(0, ceil(m.n * @share::float8 / @caseload::int)::int - 1)) AS i)
  INSERT INTO users (id, email, name, locale)
  SELECT ${coachUserId('k.org_id', 'k.i')}, 'coach.' || k.code || '.' || k.i || '@synthetic.example.invalid',
         'Syntetisk coach ' || k.code || '-' || (k.i + 1), 'sv' FROM k
  ON CONFLICT DO NOTHING`;
const COACH_MEMBERSHIPS = `INSERT INTO memberships (id, user_id, role, organisation_id)
  SELECT ${sqlUuidFrom(`'kn-synthetic-coach-membership:' || u.id::text`)}, u.id, 'coach', o.id
    FROM organisations o JOIN users u ON lower(u.email) LIKE 'coach.' || o.code || '.%@synthetic.example.invalid'
   WHERE o.kind = 'municipality' AND o.region_id = @region::uuid
  ON CONFLICT DO NOTHING`;

/** @ids (company ids), @seed, @round, @region. */
function batchStatements(): string[] {
  const steps = textArray(STEPS);
  const stepChoice = weightedSql(
    'e.h',
    1,
    STEP_WEIGHTS.map((w, i) => [String(i), w] as const),
  );
  return [
    `WITH e AS MATERIALIZED (
       SELECT c.id AS company_id, c.region_id, c.owner_org_id, md5(@seed::text || ':engagement:' || c.id::text) AS h,
              (SELECT w.municipality_code FROM company_workplaces w WHERE w.company_id = c.id
                ORDER BY w.position, w.created_at, w.id LIMIT 1) AS municipality_code,
              (SELECT m.id FROM mappings m WHERE m.company_id = c.id AND m.round_id = @round::uuid) AS mapping_id
         FROM unnest(@ids::uuid[]) AS b(id) JOIN companies c ON c.id = b.id),
     s AS MATERIALIZED (
       SELECT e.*, ${stepChoice} AS k, (SELECT count(*) FROM memberships mm JOIN users u ON u.id = mm.user_id
                WHERE mm.organisation_id = e.owner_org_id AND mm.role = 'coach'
                  AND u.email LIKE 'coach.%@synthetic.example.invalid')::int AS coaches
         FROM e)
     INSERT INTO engagements (id, company_id, region_id, municipality_code, step, step_changed_at, planned_hours,
       sme_checked, in_county_checked, agreement_signed_on, agreement_reference, mapping_id, created_at, updated_at,
       closed_at)
     SELECT ${engagementId('s.company_id')}, s.company_id, s.region_id, s.municipality_code, (${steps})[s.k + 1],
            d.created + (s.k * 21) * interval '1 day', 15, s.k > 0, s.k > 0,
            CASE WHEN s.k > 0 THEN (d.created + interval '10 days')::date END,
            CASE WHEN s.k > 0 THEN 'SYNT ' || upper(substr(s.h, 9, 6)) END,
            CASE WHEN s.k >= 2 THEN s.mapping_id END, d.created, d.created + (s.k * 21) * interval '1 day',
            CASE WHEN s.k = 7 THEN d.created + (s.k * 21) * interval '1 day' END
       FROM s CROSS JOIN LATERAL (SELECT date_trunc('day', now()) - ((s.k * 21 + 7 + ${bits('s.h', 8)} % 60) * interval '1 day')
                                         + interval '8 hours' AS created) d
      WHERE s.coaches > 0`,
    // Step history: intake at the start, then one change per later step, three weeks apart.
    `INSERT INTO engagement_step_changes (id, engagement_id, from_step, to_step, changed_at)
     SELECT ${sqlUuidFrom(`'kn-synthetic-step:' || g.id::text || ':' || j`)}, g.id,
            CASE WHEN j > 0 THEN (${steps})[j] END, (${steps})[j + 1], g.created_at + (j * 21) * interval '1 day'
       FROM unnest(@ids::uuid[]) AS b(id) JOIN engagements g ON g.company_id = b.id,
            generate_series(0, 7) AS j
      WHERE j <= array_position(${steps}, g.step) - 1`,
    // A coach of the company's municipality organisation.
    `INSERT INTO engagement_coaches (id, engagement_id, user_id, organisation_id, assigned_at)
     SELECT ${sqlUuidFrom(`'kn-synthetic-engagement-coach:' || g.id::text`)}, g.id, ${coachUserId('c.owner_org_id', 'x.i')},
            c.owner_org_id, g.created_at
       FROM unnest(@ids::uuid[]) AS b(id) JOIN engagements g ON g.company_id = b.id JOIN companies c ON c.id = b.id
       CROSS JOIN LATERAL (SELECT ${bits(`md5(@seed::text || ':coach:' || g.id::text)`, 1)} % (
                             SELECT count(*) FROM memberships mm JOIN users u ON u.id = mm.user_id
                              WHERE mm.organisation_id = c.owner_org_id AND mm.role = 'coach'
                                AND u.email LIKE 'coach.%@synthetic.example.invalid')::int AS i) x`,
    // Meetings: held ones every three weeks from the start (1 + step index), one planned ahead when open.
    `WITH g AS MATERIALIZED (
       SELECT g.id, g.created_at, g.step, ec.user_id AS coach_id, ec.organisation_id,
              array_position(${steps}, g.step) - 1 AS k
         FROM unnest(@ids::uuid[]) AS b(id) JOIN engagements g ON g.company_id = b.id
         JOIN engagement_coaches ec ON ec.engagement_id = g.id AND ec.removed_at IS NULL),
     mt AS MATERIALIZED (
       SELECT g.*, j, md5(@seed::text || ':meeting:' || g.id::text || ':' || j) AS h,
              CASE WHEN j < g.k THEN (g.created_at + (7 + j * 21) * interval '1 day')::date
                   ELSE current_date + 3 + ${bits(`md5(@seed::text || ':planned:' || g.id::text)`, 1)} % 28 END AS held_on
         FROM g, generate_series(0, 8) AS j
        WHERE j < g.k OR (j = g.k AND g.step <> 'closed'))
     INSERT INTO coaching_meetings (id, engagement_id, held_on, starts_at, ends_at, minutes, kind, status, location,
       agenda, notes, decisions, next_steps, owner_org_id, coach_id, created_at, updated_at)
     SELECT ${sqlUuidFrom(`'kn-synthetic-meeting:' || mt.id::text || ':' || mt.j`)}, mt.id, mt.held_on,
            time '09:00' + (${bits('mt.h', 1)} % 6) * interval '1 hour',
            time '09:00' + (${bits('mt.h', 1)} % 6) * interval '1 hour' + d.minutes * interval '1 minute', d.minutes,
            d.kind, CASE WHEN mt.held_on < current_date THEN 'held' ELSE 'planned' END,
            CASE WHEN d.kind = 'digital' THEN 'Teams' WHEN d.kind = 'phone' THEN NULL ELSE 'Hos företaget' END,
            (${textArray(AGENDA)})[1 + least(mt.j, ${AGENDA.length - 1})],
            CASE WHEN mt.held_on < current_date THEN 'Syntetiska anteckningar från mötet.' ELSE '' END,
            CASE WHEN mt.held_on < current_date THEN 'Företaget går vidare till nästa steg.' ELSE '' END,
            '', mt.organisation_id, mt.coach_id, least(now(), mt.held_on - 14 + time '12:00'),
            least(now(), mt.held_on + time '15:00')
       FROM mt CROSS JOIN LATERAL (SELECT 30 * (2 + ${bits('mt.h', 8)} % 4) AS minutes,
                                          ${weightedSql('mt.h', 15, [
                                            ["'on_site'", 55],
                                            ["'digital'", 30],
                                            ["'phone'", 10],
                                            ["'workshop'", 5],
                                          ])} AS kind) d`,
    `INSERT INTO coaching_meeting_attendees (id, meeting_id, kind, user_id, name, position)
     SELECT ${sqlUuidFrom(`'kn-synthetic-attendee:' || m.id::text`)}, m.id, 'staff', m.coach_id, u.name, 0
       FROM unnest(@ids::uuid[]) AS b(id) JOIN engagements g ON g.company_id = b.id
       JOIN coaching_meetings m ON m.engagement_id = g.id JOIN users u ON u.id = m.coach_id`,
  ];
}

export async function seedSyntheticCoaching(
  db: Db,
  opts: SeedCoachingOptions = {},
): Promise<SeedCoachingResult> {
  const started = performance.now();
  const seed = String(opts.seed ?? DEFAULT_SEED);
  const share = opts.share ?? 0.3;
  const batchSize = opts.batchSize ?? 2000;
  const regionId = await ensureRegion(db, opts.county ?? '07');
  const [round] = await db.query<{ id: string }>(
    'SELECT id FROM mapping_rounds WHERE region_id = $1 AND key = $2',
    [regionId, SYNTHETIC_ROUND_KEY],
  );
  if (!round) return { added: 0, engagements: 0, coaches: 0, meetings: 0, ms: performance.now() - started };
  await db.query(...bind(COACHES, { region: regionId, share, caseload: opts.caseload ?? 15 }));
  await db.query(...bind(COACH_MEMBERSHIPS, { region: regionId }));
  const companies = await db.query<{ id: string }>(
    `SELECT c.id FROM companies c JOIN mappings m ON m.company_id = c.id AND m.round_id = $3
      WHERE c.region_id = $1 AND c.org_number LIKE '502%'
        AND ${bits(`md5($2::text || ':coached:' || c.id::text)`, 1)} % 1000 < ${Math.round(share * 1000)}
        AND NOT EXISTS (SELECT 1 FROM engagements g WHERE g.company_id = c.id)
      ORDER BY c.id`,
    [regionId, seed, round.id],
  );
  const fast = opts.skipForeignKeyTriggers !== false && (await isSuperuser(db));
  const statements = batchStatements();
  for (let from = 0; from < companies.length; from += batchSize) {
    const ids = companies.slice(from, from + batchSize).map((c) => c.id);
    await db.tx(async (tx) => {
      await batchSetup(db, tx, fast);
      for (const sql of statements)
        await tx.query(...bind(sql, { ids, seed, round: round.id, region: regionId }));
    });
    opts.onProgress?.(Math.min(from + batchSize, companies.length), companies.length);
  }
  for (const t of [
    'engagements',
    'engagement_step_changes',
    'engagement_coaches',
    'coaching_meetings',
    'coaching_meeting_attendees',
  ])
    await db.exec(`ANALYZE ${t}`);
  const [n] = await db.query<{ engagements: number; coaches: number; meetings: number }>(
    `SELECT (SELECT count(*)::int FROM engagements g JOIN companies c ON c.id = g.company_id
              WHERE c.region_id = $1 AND c.org_number LIKE '502%') AS engagements,
            (SELECT count(DISTINCT ec.user_id)::int FROM engagement_coaches ec JOIN engagements g ON g.id = ec.engagement_id
              WHERE g.region_id = $1) AS coaches,
            (SELECT count(*)::int FROM coaching_meetings m JOIN engagements g ON g.id = m.engagement_id
               JOIN companies c ON c.id = g.company_id WHERE c.region_id = $1 AND c.org_number LIKE '502%') AS meetings`,
    [regionId],
  );
  if (companies.length > 0)
    await audit(db, {
      actorUserId: null,
      action: 'coaching.synthetic_seed',
      entityType: 'engagement',
      organisationId: regionId,
      details: { companies: companies.length, seed: Number(seed) },
    });
  return { added: companies.length, ...n, ms: performance.now() - started };
}
