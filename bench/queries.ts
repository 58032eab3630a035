// The queries benchmark (`npm run bench -- --suite queries [--scale county]`): the ESF indicator computation
// and the SCB month (page model and file), each called in-process one after the other as the product's
// service, against a plain SQL floor — the minimal hand-written SQL (plus, for the file, the decryption and
// CSV the file cannot do without) that returns the same figures over the same rows. Data as in the pages
// suite: the demo seed and the synthetic generators of DATA_GENERATORS at a scale.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SEED } from '../src/demo/synthetic.ts';
import { actorForUser } from '../src/domains/accounts/index.ts';
import { type Indicators, indicators } from '../src/domains/esf/service/indicators.ts';
import { currentProgramme } from '../src/domains/esf/service/programme.ts';
import { scbMonth } from '../src/domains/esf/service/scb.ts';
import { canonicalCsv, checksumOf, fileGrid, scbFile } from '../src/domains/esf/service/scb-file.ts';
import type { Actor } from '../src/platform/auth.ts';
import type { Db } from '../src/platform/db.ts';
import { newKeyLine, parseKeyring, unseal } from '../src/platform/secrets.ts';
import { createBenchDatabase, type StartFrom, withDatabase } from './database.ts';
import { type GeneratorRun, RESULTS_DIR, SCALES, type ScaleName, seedBenchData } from './pages.ts';
import { type Latency, latencyOf } from './rollup.ts';

/** Issue 9: each query within 1.5× its SQL floor at the county scale (p50 against p50). */
export const QUERIES_TARGETS = { maxFloorRatio: 1.5, appliesTo: 'county scale' };

export const QUERIES = ['esf-indicators', 'esf-scb-month', 'esf-scb-file'] as const;
export type QueryName = (typeof QUERIES)[number];

// ---------------------------------------------------------------------------------------------------------
// The floors

/**
 * The indicators of a period in one statement ($1 programme, $2 region, $3 from, $4 to): the nine figures and
 * the participants by age band, municipality (first workplace) and company, as (kind, key, women, men) rows.
 * Figures put their value in `women`. Age bands come from the programme's rules, first matching band first.
 */
export const INDICATORS_FLOOR_SQL = `WITH
  ppl AS MATERIALIZED (
    SELECT ep.gender, ep.age_at_start, ep.company_id FROM esf_participants ep
     WHERE ep.programme_id = $1 AND ep.started_on BETWEEN $3::date AND $4::date),
  held AS MATERIALIZED (
    SELECT en.company_id FROM coaching_meetings m JOIN engagements en ON en.id = m.engagement_id
     WHERE en.region_id = $2 AND m.status = 'held' AND m.held_on BETWEEN $3::date AND $4::date),
  act AS (
    SELECT p.id, (s.starts_at AT TIME ZONE 'Europe/Stockholm')::date AS day, 't' AS k, c.title AS label, a.minutes
      FROM esf_participants p JOIN enrolments e ON e.learner_id = p.learner_id AND e.status <> 'cancelled'
      JOIN attendance a ON a.enrolment_id = e.id AND a.minutes > 0 JOIN course_sessions s ON s.id = a.session_id
      JOIN course_occasions o ON o.id = s.occasion_id JOIN courses c ON c.id = o.course_id
     WHERE p.programme_id = $1
    UNION ALL
    SELECT p.id, t.day, 'e', v.title, t.minutes
      FROM esf_participants p JOIN dl_enrolments de ON de.learner_id = p.learner_id
      JOIN dl_time t ON t.enrolment_id = de.id AND t.minutes > 0 JOIN dl_course_versions v ON v.id = de.version_id
     WHERE p.programme_id = $1),
  hours AS (
    SELECT coalesce(sum(h), 0)::int AS n FROM (
      SELECT floor(sum(minutes) / 60) AS h FROM act WHERE day BETWEEN $3::date AND $4::date
       GROUP BY id, day, k, label) x),
  bands AS (
    SELECT b.value->>'key' AS key, (b.value->>'min')::int AS lo, (b.value->>'max')::int AS hi, b.ord
      FROM esf_programme_rules r, jsonb_array_elements(r.age_bands) WITH ORDINALITY AS b(value, ord)
     WHERE r.programme_id = $1),
  muni AS (
    SELECT DISTINCT ON (w.company_id) w.company_id, rm.name
      FROM company_workplaces w JOIN ref_municipalities rm ON rm.code = w.municipality_code
     WHERE w.company_id IN (SELECT company_id FROM ppl) ORDER BY w.company_id, w.position, w.id)
  SELECT 'figure' AS kind, f.key, f.n AS women, 0 AS men FROM (
    SELECT 'participants' AS key, (SELECT count(*) FROM ppl)::int AS n
    UNION ALL SELECT 'women', (SELECT count(*) FROM ppl WHERE gender = 'woman')::int
    UNION ALL SELECT 'men', (SELECT count(*) FROM ppl WHERE gender <> 'woman')::int
    UNION ALL SELECT 'companies', (SELECT count(DISTINCT y.company_id) FROM (
        SELECT company_id FROM ppl UNION ALL SELECT company_id FROM held) y
        JOIN companies c ON c.id = y.company_id AND c.is_sme)::int
    UNION ALL SELECT 'mapped', (SELECT count(DISTINCT mp.company_id) FROM mappings mp
       WHERE mp.region_id = $2 AND mp.status = 'submitted'
         AND (mp.submitted_at AT TIME ZONE 'Europe/Stockholm')::date BETWEEN $3::date AND $4::date)::int
    UNION ALL SELECT 'coached', (SELECT count(DISTINCT company_id) FROM held)::int
    UNION ALL SELECT 'plans', (SELECT count(DISTINCT en.company_id) FROM plan_versions v
       JOIN coaching_plans cp ON cp.id = v.plan_id JOIN engagements en ON en.id = cp.engagement_id
       WHERE en.region_id = $2 AND v.number = 1
         AND (v.adopted_at AT TIME ZONE 'Europe/Stockholm')::date BETWEEN $3::date AND $4::date)::int
    UNION ALL SELECT 'plansInUse', (SELECT count(DISTINCT en.company_id) FROM plan_followups f
       JOIN engagements en ON en.id = f.engagement_id
       WHERE en.region_id = $2 AND f.months >= 6 AND f.plan_in_use IS TRUE AND f.done_at IS NOT NULL
         AND (f.done_at AT TIME ZONE 'Europe/Stockholm')::date BETWEEN $3::date AND $4::date)::int
    UNION ALL SELECT 'hours', (SELECT n FROM hours)) f
  UNION ALL
  SELECT 'ageBand', coalesce((SELECT b.key FROM bands b WHERE ppl.age_at_start IS NOT NULL
             AND (b.lo IS NULL OR ppl.age_at_start >= b.lo) AND (b.hi IS NULL OR ppl.age_at_start <= b.hi)
           ORDER BY b.ord LIMIT 1), 'unknown'),
         count(*) FILTER (WHERE gender = 'woman')::int, count(*) FILTER (WHERE gender <> 'woman')::int
    FROM ppl GROUP BY 2
  UNION ALL
  SELECT 'municipality', coalesce(muni.name, 'unknown'), count(*) FILTER (WHERE gender = 'woman')::int,
         count(*) FILTER (WHERE gender <> 'woman')::int
    FROM ppl LEFT JOIN muni ON muni.company_id = ppl.company_id GROUP BY 2
  UNION ALL
  SELECT 'company', company_id::text, count(*) FILTER (WHERE gender = 'woman')::int,
         count(*) FILTER (WHERE gender <> 'woman')::int
    FROM ppl GROUP BY 2`;

/**
 * One SCB month as its page shows it, in one statement ($1 programme, $2 month YYYY-MM, $3 first day, $4 first
 * day of the next month): every version of the month (newest first), the latest version's rows with the
 * masked numbers, how many starts and ends differ from it, and how many earlier months are unproduced or
 * unsent (what the month's state and actions need).
 */
export const SCB_MONTH_FLOOR_SQL = `WITH
  v AS (SELECT id, version, row_count, checksum, sent_at, resend_required FROM esf_scb_months
         WHERE programme_id = $1 AND month = $2),
  latest AS (SELECT id FROM v ORDER BY version DESC LIMIT 1),
  snap AS (SELECT r.participant_id, r.started_on, r.ended_on FROM esf_scb_month_rows r
            WHERE r.month_id = (SELECT id FROM latest)),
  cur AS (
    SELECT p.id, p.started_on,
           CASE WHEN (p.closed_at AT TIME ZONE 'Europe/Stockholm')::date < $4::date THEN p.ended_on END AS ended_on
      FROM esf_participants p
     WHERE p.programme_id = $1 AND EXISTS (SELECT 1 FROM latest)
       AND ((p.started_on >= $3::date AND p.started_on < $4::date)
            OR (p.ended_on IS NOT NULL AND (p.closed_at AT TIME ZONE 'Europe/Stockholm')::date >= $3::date
                AND (p.closed_at AT TIME ZONE 'Europe/Stockholm')::date < $4::date))),
  earlier AS (
    SELECT DISTINCT ON (month) month, sent_at IS NOT NULL AND NOT resend_required AS sent FROM esf_scb_months
     WHERE programme_id = $1 AND month < $2 ORDER BY month, version DESC)
  SELECT
    (SELECT json_agg(json_build_object('version', version, 'rowCount', row_count, 'checksum', checksum,
              'sent', sent_at IS NOT NULL, 'resend', resend_required) ORDER BY version DESC) FROM v) AS versions,
    (SELECT json_agg(json_build_object('participantId', r.participant_id, 'position', r.position,
              'firstName', r.first_name, 'lastName', r.last_name, 'startedOn', r.started_on, 'endedOn', r.ended_on,
              'employerOrgNumber', r.employer_org_number, 'email', r.email, 'mobile', r.mobile, 'masked', i.masked)
              ORDER BY r.position)
       FROM esf_scb_month_rows r LEFT JOIN esf_identities i ON i.participant_id = r.participant_id
      WHERE r.month_id = (SELECT id FROM latest)) AS rows,
    (SELECT count(*) FROM ((SELECT * FROM cur EXCEPT SELECT * FROM snap)
                           UNION ALL (SELECT * FROM snap EXCEPT SELECT * FROM cur)) d)::int AS changes,
    (SELECT count(*) FILTER (WHERE NOT sent) FROM earlier)::int AS "earlierUnsent",
    (SELECT count(*) FROM earlier)::int AS "earlierProduced"`;

/** The rows of one version with their sealed identities ($1 programme, $2 month, $3 version), in file order. */
export const SCB_FILE_FLOOR_SQL = `SELECT r.participant_id AS "participantId", r.first_name AS "firstName",
       r.last_name AS "lastName", to_char(r.started_on, 'YYYY-MM-DD') AS "startedOn",
       to_char(r.ended_on, 'YYYY-MM-DD') AS "endedOn", r.employer_org_number AS "employerOrgNumber", r.email,
       r.mobile, i.key_id AS "keyId", i.sealed, m.columns, m.checksum
  FROM esf_scb_months m JOIN esf_scb_month_rows r ON r.month_id = m.id
  LEFT JOIN esf_identities i ON i.participant_id = r.participant_id
 WHERE m.programme_id = $1 AND m.month = $2 AND m.version = $3 ORDER BY r.position`;

// ---------------------------------------------------------------------------------------------------------
// Comparable figures: what the product returns and what the floor returns, reduced to the same shape

export interface IndicatorFigures {
  figures: Record<string, number>;
  /** key → [women, men], only keys with someone in them. */
  ageBands: Record<string, [number, number]>;
  byMunicipality: Record<string, [number, number]>;
  byCompany: Record<string, [number, number]>;
}

const sorted = <T>(o: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export function productIndicatorFigures(ind: Indicators): IndicatorFigures {
  const by = (rows: Indicators['ageBands']) =>
    sorted(
      Object.fromEntries(
        rows.filter((b) => b.total > 0).map((b) => [b.key, [b.women, b.men] as [number, number]]),
      ),
    );
  return {
    figures: sorted(Object.fromEntries(ind.figures.map((f) => [f.figure, f.value]))),
    ageBands: by(ind.ageBands),
    byMunicipality: by(ind.byMunicipality),
    byCompany: by(ind.byCompany),
  };
}

interface FloorRow {
  kind: 'figure' | 'ageBand' | 'municipality' | 'company';
  key: string;
  women: number;
  men: number;
}

export function floorIndicatorFigures(rows: FloorRow[]): IndicatorFigures {
  const pick = (kind: FloorRow['kind']) =>
    sorted(
      Object.fromEntries(
        rows.filter((r) => r.kind === kind).map((r) => [r.key, [r.women, r.men] as [number, number]]),
      ),
    );
  return {
    figures: sorted(Object.fromEntries(rows.filter((r) => r.kind === 'figure').map((r) => [r.key, r.women]))),
    ageBands: pick('ageBand'),
    byMunicipality: pick('municipality'),
    byCompany: pick('company'),
  };
}

export interface ScbMonthFigures {
  versions: number[];
  latestChecksum: string | null;
  rows: {
    participantId: string;
    position: number;
    startedOn: string | null;
    endedOn: string | null;
    masked: string | null;
  }[];
  changes: number;
}

export interface QueryCheck {
  /** The figures the product and the floor returned agree. */
  same: boolean;
  /** A short summary of the figures (counts only: no personal data). */
  summary: Record<string, number | string>;
}

// ---------------------------------------------------------------------------------------------------------
// The run

export interface QueryResult {
  name: QueryName;
  /** What the product path is (the function behind the page/API). */
  product: Latency & { runs: number; function: string };
  floor: Latency & { runs: number; what: string };
  /** product p50 ÷ floor p50, and p95 ÷ p95. */
  ratio: number;
  ratioP95: number;
  target: boolean;
  check: QueryCheck;
}

export interface QueriesBenchResult {
  schema: 'kompetensnavet-bench-queries/1';
  startedAt: string;
  finishedAt: string;
  database: 'pglite' | 'postgres';
  scale: { name: ScaleName } & (typeof SCALES)[ScaleName];
  environment: {
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    loadAverage: { start: number; end: number };
  };
  options: { repeats: number; warmup: number; seed: number };
  targets: typeof QUERIES_TARGETS;
  data: {
    demoMs: number;
    generators: GeneratorRun[];
    esfParticipants: number;
    period: { from: string; to: string };
    scbMonth: string;
    scbVersion: number;
    scbRows: number;
  };
  queries: QueryResult[];
}

export interface QueriesBenchOptions {
  scale: ScaleName;
  /** Timed runs of each product call and each floor (default 30). */
  repeats?: number;
  /** Unmeasured runs first (default 3). */
  warmup?: number;
  serverUrl?: string;
  resultsDir?: string;
  seed?: number;
  startFrom?: StartFrom;
  /** `startFrom` already holds the demo seed, made with this password and ESF key ring (see pages.ts). */
  seeded?: { password: string; esfKey: string };
  log?: (line: string) => void;
  signal?: AbortSignal;
}

async function timed(runs: number, warmup: number, fn: () => Promise<unknown>): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return latencyOf(samples);
}

/** The three product calls and their floors over one database, with the checks that they agree. */
export interface QueryPair {
  name: QueryName;
  productFunction: string;
  floorWhat: string;
  product: () => Promise<unknown>;
  floor: () => Promise<unknown>;
  check: () => Promise<QueryCheck>;
}

const scbMonthFromProduct = (vm: Awaited<ReturnType<typeof scbMonth>>): ScbMonthFigures => ({
  versions: vm.versions.map((v) => v.version),
  latestChecksum: vm.shown?.checksum ?? null,
  rows: vm.rows.map((r) => ({
    participantId: r.participantId,
    position: r.position,
    startedOn: r.startedOn,
    endedOn: r.endedOn,
    masked: r.masked,
  })),
  changes: vm.status.changes,
});

interface ScbFloorRow {
  versions: { version: number; checksum: string }[] | null;
  rows:
    | {
        participantId: string;
        position: number;
        startedOn: string | null;
        endedOn: string | null;
        masked: string | null;
      }[]
    | null;
  changes: number;
  earlierUnsent: number;
  earlierProduced: number;
}

const scbMonthFromFloor = (r: ScbFloorRow): ScbMonthFigures => ({
  versions: (r.versions ?? []).map((v) => v.version),
  latestChecksum: r.versions?.[0]?.checksum ?? null,
  rows: (r.rows ?? []).map((x) => ({
    participantId: x.participantId,
    position: x.position,
    startedOn: x.startedOn,
    endedOn: x.endedOn,
    masked: x.masked,
  })),
  changes: r.changes,
});

const nextMonthStart = (month: string) => {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/** The pairs to measure for the ESF administrator `actor` over `db` (the SCB month with the most rows). */
export async function queryPairs(
  db: Db,
  actor: Actor,
  esfKey: string,
): Promise<{ pairs: QueryPair[]; data: Omit<QueriesBenchResult['data'], 'demoMs' | 'generators'> }> {
  const keyring = parseKeyring(esfKey);
  const ctx = { actor, ip: '127.0.0.1' };
  const p = await currentProgramme(db, actor);
  const period = (await indicators(db, actor, {})) as Indicators;
  const [pick] = await db.query<{ month: string; version: number; rows: number }>(
    `SELECT DISTINCT ON (row_count, month) month, version, row_count AS rows FROM esf_scb_months m
      WHERE programme_id = $1 AND version = (SELECT max(version) FROM esf_scb_months x
                                             WHERE x.programme_id = m.programme_id AND x.month = m.month)
      ORDER BY row_count DESC, month DESC LIMIT 1`,
    [p.id],
  );
  if (!pick) throw new Error('the benchmark data has no produced SCB month');
  const [people] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM esf_participants WHERE programme_id = $1',
    [p.id],
  );
  const indicatorsFloor = () =>
    db.query<FloorRow>(INDICATORS_FLOOR_SQL, [p.id, p.regionId, period.from, period.to]);
  const monthArgs = [p.id, pick.month, `${pick.month}-01`, nextMonthStart(pick.month)];
  const monthFloor = async () =>
    (await db.query<ScbFloorRow>(SCB_MONTH_FLOOR_SQL, monthArgs))[0] as ScbFloorRow;
  const fileFloor = async () => {
    const rows = await db.query<{
      participantId: string;
      firstName: string;
      lastName: string;
      startedOn: string | null;
      endedOn: string | null;
      employerOrgNumber: string;
      email: string | null;
      mobile: string | null;
      keyId: string | null;
      sealed: Uint8Array | null;
      columns: string[];
      checksum: string;
    }>(SCB_FILE_FLOOR_SQL, [p.id, pick.month, pick.version]);
    const numbers = new Map<string, string>();
    for (const r of rows)
      if (r.keyId && r.sealed)
        numbers.set(r.participantId, unseal(keyring, r.keyId, Buffer.from(r.sealed), r.participantId));
    const csv = canonicalCsv(fileGrid(rows[0]?.columns ?? p.rules.scbColumns, rows, numbers));
    return { csv, ok: rows.length === 0 || checksumOf(csv) === rows[0]?.checksum };
  };
  const pairs: QueryPair[] = [
    {
      name: 'esf-indicators',
      productFunction: 'esf/service/indicators.ts indicators() — GET /esf/indicators, /api/v1/esf/indicators',
      floorWhat: 'INDICATORS_FLOOR_SQL: one statement, figures and breakdowns',
      product: () => indicators(db, actor, {}),
      floor: indicatorsFloor,
      check: async () => {
        const a = productIndicatorFigures(await indicators(db, actor, {}));
        const b = floorIndicatorFigures(await indicatorsFloor());
        return {
          same: JSON.stringify(a) === JSON.stringify(b),
          summary: {
            ...a.figures,
            ageBands: Object.keys(a.ageBands).length,
            municipalities: Object.keys(a.byMunicipality).length,
            companies: Object.keys(a.byCompany).length,
          },
        };
      },
    },
    {
      name: 'esf-scb-month',
      productFunction: 'esf/service/scb.ts scbMonth() — GET /esf/scb/:month, /api/v1/esf/scb/:month',
      floorWhat:
        'SCB_MONTH_FLOOR_SQL: one statement, versions, rows with masked numbers, changes, earlier months',
      product: () => scbMonth(db, ctx, pick.month, null),
      floor: monthFloor,
      check: async () => {
        const vm = await scbMonth(db, ctx, pick.month, null);
        const floor = await monthFloor();
        const a = scbMonthFromProduct(vm);
        const b = scbMonthFromFloor(floor);
        // The month's state and actions from the floor's counts, as overviewOf derives them.
        const months = (
          await db.query<{ n: number }>(
            'SELECT count(DISTINCT month)::int AS n FROM esf_scb_months WHERE programme_id = $1 AND month < $2',
            [p.id, pick.month],
          )
        )[0]?.n;
        const stateOk =
          vm.status.canSend === (vm.status.state === 'produced' && floor.earlierUnsent === 0) &&
          floor.earlierProduced === months;
        return {
          same: JSON.stringify(a) === JSON.stringify(b) && stateOk,
          summary: {
            month: pick.month,
            versions: a.versions.length,
            rows: a.rows.length,
            changes: a.changes,
          },
        };
      },
    },
    {
      name: 'esf-scb-file',
      productFunction: "esf/service/scb-file.ts scbFile(…, 'csv') — GET /esf/scb/:month/v/:version.csv",
      floorWhat: 'SCB_FILE_FLOOR_SQL (rows + sealed identities) + unseal + canonical CSV + SHA-256 check',
      product: () => scbFile(db, keyring, ctx, pick.month, pick.version, 'csv'),
      floor: fileFloor,
      check: async () => {
        const file = await scbFile(db, keyring, ctx, pick.month, pick.version, 'csv');
        const floor = await fileFloor();
        return {
          same: floor.ok && file.body.toString('utf8').replace(/^\ufeff/, '') === floor.csv,
          summary: { month: pick.month, version: pick.version, bytes: file.body.length },
        };
      },
    },
  ];
  return {
    pairs,
    data: {
      esfParticipants: people?.n ?? 0,
      period: { from: period.from, to: period.to },
      scbMonth: pick.month,
      scbVersion: pick.version,
      scbRows: pick.rows,
    },
  };
}

/** Each pair: the check, then the product `repeats` times and the floor `repeats` times, sequentially. */
export async function measureQueries(
  pairs: QueryPair[],
  repeats: number,
  warmup: number,
  log: (line: string) => void,
  signal?: AbortSignal,
): Promise<QueryResult[]> {
  const out: QueryResult[] = [];
  for (const q of pairs) {
    if (signal?.aborted) break;
    const check = await q.check();
    const product = await timed(repeats, warmup, q.product);
    const floor = await timed(repeats, warmup, q.floor);
    const ratio = Math.round((product.p50 / Math.max(floor.p50, 0.01)) * 100) / 100;
    const ratioP95 = Math.round((product.p95 / Math.max(floor.p95, 0.01)) * 100) / 100;
    out.push({
      name: q.name,
      product: { ...product, runs: repeats, function: q.productFunction },
      floor: { ...floor, runs: repeats, what: q.floorWhat },
      ratio,
      ratioP95,
      target: ratio <= QUERIES_TARGETS.maxFloorRatio,
      check,
    });
    log(
      `  ${q.name.padEnd(16)} product p50 ${product.p50} ms p95 ${product.p95} ms; floor p50 ${floor.p50} ms p95 ${floor.p95} ms; ×${ratio}${check.same ? '' : ' (FIGURES DIFFER)'}`,
    );
  }
  return out;
}

/** Run the queries suite; writes bench/results/<date>-<db>-<scale>-queries.json. */
export async function runQueriesBench(
  opts: QueriesBenchOptions,
): Promise<{ result: QueriesBenchResult; file: string }> {
  const log = opts.log ?? (() => {});
  const scale = SCALES[opts.scale];
  if (!scale) throw new Error(`unknown scale ${opts.scale}`);
  const seed = opts.seed ?? DEFAULT_SEED;
  const repeats = opts.repeats ?? 30;
  const warmup = opts.warmup ?? 3;
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-queries-'));
  const password = opts.seeded?.password ?? randomBytes(18).toString('base64url');
  const esfKey = opts.seeded?.esfKey ?? newKeyLine();
  let target: Awaited<ReturnType<typeof createBenchDatabase>> | null = null;
  try {
    target = await createBenchDatabase({ serverUrl: opts.serverUrl, tempDir, startFrom: opts.startFrom });
    log(`Benchmark database: ${target.where}; scale ${opts.scale} (${JSON.stringify(scale)})`);
    const measured = await withDatabase(target, async (db) => {
      const seeded = await seedBenchData(db, {
        scale,
        seed,
        password,
        esfKey,
        alreadySeeded: opts.seeded !== undefined,
        log,
      });
      const [u] = await db.query<{ id: string }>(`SELECT id FROM users WHERE email = 'esf@example.org'`);
      const actor = u ? await actorForUser(db, u.id, 'session') : null;
      if (!actor) throw new Error('no ESF administrator in the benchmark data');
      const { pairs, data } = await queryPairs(db, actor, esfKey);
      log(
        `Measuring ${pairs.length} queries in-process, ${warmup} warm-up and ${repeats} timed runs each (${data.esfParticipants} ESF participants, SCB month ${data.scbMonth} with ${data.scbRows} rows):`,
      );
      const queries = await measureQueries(pairs, repeats, warmup, log, opts.signal);
      return { data: { ...seeded, ...data }, queries };
    });
    if (opts.signal?.aborted) throw new Error('benchmark aborted');
    const cpus = os.cpus();
    const result: QueriesBenchResult = {
      schema: 'kompetensnavet-bench-queries/1',
      startedAt,
      finishedAt: new Date().toISOString(),
      database: target.kind,
      scale: { name: opts.scale, ...scale },
      environment: {
        node: process.versions.node,
        platform: `${os.platform()} ${os.release()}`,
        cpus: cpus.length,
        cpuModel: cpus[0]?.model.trim() ?? 'unknown',
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
      },
      options: { repeats, warmup, seed },
      targets: QUERIES_TARGETS,
      data: measured.data,
      queries: measured.queries,
    };
    const dir = opts.resultsDir ?? RESULTS_DIR;
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${startedAt.slice(0, 10)}-${target.kind}-${opts.scale}-queries.json`);
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    return { result, file };
  } finally {
    await target?.drop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : String(Math.round(n)));

/** The table: query, product p50/p95, floor p50/p95, ratio, figures agree, target met? */
export function formatQueriesTable(result: QueriesBenchResult): string {
  const head = ['query', 'p50 ms', 'p95 ms', 'floor p50', 'floor p95', '× floor', '× p95', 'same', 'target'];
  const rows = result.queries.map((q) => [
    q.name,
    ms(q.product.p50),
    ms(q.product.p95),
    ms(q.floor.p50),
    ms(q.floor.p95),
    q.ratio.toFixed(2),
    q.ratioP95.toFixed(2),
    q.check.same ? 'yes' : 'NO',
    q.target ? 'ok' : `MISSED (> ${QUERIES_TARGETS.maxFloorRatio}×)`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const left = new Set([0, 7, 8]);
  const line = (r: string[]) =>
    `| ${r.map((c, i) => (left.has(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const sep = `| ${widths.map((w, i) => (left.has(i) ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  const d = result.data;
  return [
    `${result.database}, scale ${result.scale.name}, ${result.options.repeats} timed runs each (${result.options.warmup} warm-up), in-process, sequential; load average ${result.environment.loadAverage.start.toFixed(1)} → ${result.environment.loadAverage.end.toFixed(1)}`,
    `data: ${d.esfParticipants} ESF participants, indicators ${d.period.from} – ${d.period.to}, SCB month ${d.scbMonth} v${d.scbVersion} (${d.scbRows} rows)`,
    `target (${QUERIES_TARGETS.appliesTo}): product p50 ≤ ${QUERIES_TARGETS.maxFloorRatio}× its SQL floor's p50`,
    '',
    line(head),
    sep,
    ...rows.map(line),
  ].join('\n');
}
