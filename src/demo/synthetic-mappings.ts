// Synthetic submitted mappings in bulk, for load tests and the roll-up benchmark: for every synthetic
// company of a region (organisationsnummer 502…) without one, a submitted mapping in the round
// 'synthetic-start' of the published national instrument, with its structured results (roles,
// requirements, ~20 needs, recruitment needs, maturity). Generated inside the database (INSERT … SELECT
// over generate_series, values drawn from md5 of (seed, mapping, row)), so 300 000 companies × 20 needs
// never cross the wire. The same seed and companies give the same rows.

import { COMMON_METHOD_KEY, mappings } from '../domains/mapping/index.ts';
import { ensureRegion } from '../domains/organisations/index.ts';
import { audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { sqlUuidFrom } from '../platform/derived-uuid.ts';
import { DEFAULT_SEED } from './synthetic.ts';

export const SYNTHETIC_ROUND_KEY = 'synthetic-start';

/**
 * SSYK 2012 unit groups common in manufacturing and its services, with weights (roles and recruitment
 * needs are drawn from these). Every code exists in ref_ssyk and has competences in ref_ssyk_competences.
 */
export const SSYK_WEIGHTS: readonly (readonly [string, number])[] = [
  ['7223', 12], // Maskinställare och maskinoperatörer, metallarbete
  ['8219', 8], // Övriga montörer
  ['7212', 8], // Svetsare och gasskärare
  ['7233', 7], // Underhållsmekaniker och maskinreparatörer
  ['3122', 6], // Arbetsledare inom tillverkning
  ['4322', 6], // Lager- och terminalpersonal
  ['8142', 5], // Maskinoperatörer, plastindustri
  ['7412', 5], // Industrielektriker
  ['3114', 5], // Ingenjörer och tekniker inom maskinteknik
  ['3111', 5], // Ingenjörer och tekniker inom industri, logistik och produktionsplanering
  ['8344', 5], // Truckförare
  ['8212', 4], // Montörer, elektrisk och elektronisk utrustning
  ['8189', 4], // Andra process- och maskinoperatörer
  ['8211', 3], // Fordonsmontörer
  ['7214', 3], // Tunnplåtslagare
  ['7522', 3], // Fin-, inrednings- och möbelsnickare
  ['4111', 3], // Ekonomiassistenter m.fl.
  ['8332', 3], // Lastbilsförare m.fl.
  ['7222', 2], // Verktygsmakare
  ['2141', 2], // Civilingenjörsyrken inom logistik och produktionsplanering
  ['3313', 2], // Redovisningsekonomer
  ['2512', 2], // Mjukvaru- och systemutvecklare m.fl.
  ['5223', 2], // Butikssäljare, fackhandel
  ['8121', 2], // Maskinoperatörer, ytbehandling
  ['7411', 2], // Installations- och serviceelektriker
  ['8161', 1], // Maskinoperatörer, kött- och fiskberedningsindustri
  ['2421', 1], // Lednings- och organisationsutvecklare
];

/** Competences typed in free text (a few percent of needs and requirements). */
const FREE_TEXT = [
  'Lean-produktion i praktiken',
  'Robotprogrammering ABB',
  'Hållbarhetsrapportering CSRD',
  'Kvalitetsteknik och mätteknik',
  'Ledarskap för nya arbetsledare',
  'Svenska i arbetslivet',
];
const CAUSES = [
  'Ny maskinpark',
  'Pensionsavgångar',
  'Nya kundkrav',
  'Omställning till fossilfritt',
  'Digitalisering av produktionen',
];

export interface SeedMappingsOptions {
  seed?: number;
  county?: string;
  /** Companies per transaction (default 2 000, about 40 000 needs). */
  batchSize?: number;
  /**
   * Skip the per-row foreign-key triggers while inserting (session_replication_role = replica) when the
   * database role is a superuser (PGlite always is). Default true; every key is drawn from its table.
   */
  skipForeignKeyTriggers?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedMappingsResult {
  roundId: string;
  instrumentId: string;
  mappings: number;
  needs: number;
  ms: number;
}

/** The published national instrument (region NULL, key common-method), newest version. */
async function nationalInstrument(db: Db): Promise<{ id: string; statements: string[]; levels: number[] }> {
  const rows = await db.query<{ id: string; definition: unknown }>(
    `SELECT id, definition FROM mapping_instruments
     WHERE region_id IS NULL AND key = $1 AND status = 'published' ORDER BY version DESC LIMIT 1`,
    [COMMON_METHOD_KEY],
  );
  const row = rows[0];
  if (!row) throw new Error('the published national instrument (common-method) is missing');
  const def = (typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition) as {
    levelScale: { value: number }[];
    sections: { questions: { type: string; statements?: { key: string }[] }[] }[];
  };
  const statements = def.sections
    .flatMap((s) => s.questions)
    .filter((q) => q.type === 'maturity')
    .flatMap((q) => (q.statements ?? []).map((s) => s.key));
  return { id: row.id, statements, levels: def.levelScale.map((l) => l.value) };
}

/** The region's round 'synthetic-start', created when missing (id derived from the region). */
export async function ensureSyntheticRound(db: Db, regionId: string): Promise<string> {
  await db.query(
    `INSERT INTO mapping_rounds (id, region_id, key, name_sv, name_en, position, opens_on, closes_on)
     VALUES (${sqlUuidFrom(`'kn-synthetic-round:' || $1::uuid::text`)}, $1::uuid, $2, 'Syntetisk start', 'Synthetic start', 90,
             '2026-01-01', '2026-12-31')
     ON CONFLICT (region_id, key) DO NOTHING`,
    [regionId, SYNTHETIC_ROUND_KEY],
  );
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM mapping_rounds WHERE region_id = $1 AND key = $2',
    [regionId, SYNTHETIC_ROUND_KEY],
  );
  return rows[0].id;
}

// A 28-bit unsigned number from hex digits `at` (1-based) of an md5 text.
const bits = (h: string, at: number) => `('x' || substr(${h}, ${at}, 7))::bit(28)::int`;
// A number in [0, 1).
const unit = (h: string, at: number) => `(${bits(h, at)} / 268435456.0)`;
// Weighted choice: `choices` as [sql value, weight]; draws from digits `at` of h.
function weightedSql(h: string, at: number, choices: readonly (readonly [string, number])[]): string {
  const total = choices.reduce((a, [, w]) => a + w, 0);
  let cum = 0;
  const arms = choices.slice(0, -1).map(([v, w]) => {
    cum += w;
    return `WHEN ${bits(h, at)} % ${total} < ${cum} THEN ${v}`;
  });
  return `CASE ${arms.join(' ')} ELSE ${choices[choices.length - 1][0]} END`;
}
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Cumulative SSYK weights as a VALUES list (code, lo, hi) for a range join. */
function ssykTable(): { sql: string; total: number } {
  let cum = 0;
  const rows = SSYK_WEIGHTS.map(([code, w]) => {
    const row = `(${lit(code)}, ${cum}, ${cum + w})`;
    cum += w;
    return row;
  });
  return { sql: `(VALUES ${rows.join(', ')}) AS s(code, lo, hi)`, total: cum };
}

// Competences per SSYK code, ranked (deterministically by concept id): draws take rank ⌊n·u³⌋, so a few
// competences per occupation are very common and the rest form a long tail.
const POOL = `pool AS MATERIALIZED (
  SELECT sc.ssyk_code, sc.competence_id,
         (row_number() OVER (PARTITION BY sc.ssyk_code ORDER BY md5(sc.competence_id)) - 1)::int AS rk
  FROM ref_ssyk_competences sc JOIN ref_competences c ON c.concept_id = sc.competence_id
  WHERE sc.ssyk_code = ANY(@ssyk::text[])),
  pool_n AS MATERIALIZED (SELECT ssyk_code, count(*)::int AS n FROM pool GROUP BY ssyk_code)`;
// The rank to draw for a row with hash `h` (digits 1–7) and occupation `ssyk` (pool_n joined as pn).
const drawnRank = (h: string) => `floor(pn.n * power(${unit(h, 1)}, 3))::int AS rk`;

/** The statements of one batch, with @ids (the batch's company or mapping ids), @ssyk and @seed (text). */
function batchStatements(p: {
  roundId: string;
  instrumentId: string;
  statements: string[];
  levels: number[];
}): string[] {
  const ssyk = ssykTable();
  const statementArr = `ARRAY[${p.statements.map(lit).join(', ')}]::text[]`;
  const lo = Math.min(...p.levels);
  const span = Math.max(...p.levels) - lo + 1;
  const freeText = `(ARRAY[${FREE_TEXT.map(lit).join(', ')}])`;
  const causes = `(ARRAY[${CAUSES.map(lit).join(', ')}])`;
  const urgency = (h: string, at: number) =>
    weightedSql(h, at, [
      ["'now'", 20],
      ["'within6Months'", 35],
      ["'within6To12Months'", 30],
      ["'within1To3Years'", 15],
    ]);
  // Maturity score k (0-based) of a mapping: 1–4, leaning to 2–3.
  const maturity = (k: string) =>
    `(1 + (${bits(`md5(@seed::text || ':maturity:' || m.id::text || ':' || ${k})`, 1)} % 7 + 1) / 2)`;
  return [
    // Mappings: submitted, counted under the company's first workplace and SNI code.
    `WITH src AS MATERIALIZED (
       SELECT c.id AS company_id, c.region_id, c.sni_code, md5(@seed::text || ':mapping:' || c.id::text) AS h,
              (SELECT w.municipality_code FROM company_workplaces w WHERE w.company_id = c.id
               ORDER BY w.position, w.created_at, w.id LIMIT 1) AS municipality_code
       FROM unnest(@ids::uuid[]) AS b(id) JOIN companies c ON c.id = b.id)
     INSERT INTO mappings (id, company_id, round_id, instrument_id, region_id, mode, status, revision,
       notice_accepted_at, started_at, updated_at, submitted_at, maturity_score, municipality_code, sni_code)
     SELECT ${sqlUuidFrom(`'kn-synthetic-mapping:' || src.company_id::text || ':' || ${lit(p.roundId)}`)},
            src.company_id, ${lit(p.roundId)}::uuid, ${lit(p.instrumentId)}::uuid, src.region_id,
            CASE WHEN ${bits('src.h', 1)} % 100 < 60 THEN 'interview' ELSE 'self_service' END, 'submitted',
            6 + ${bits('src.h', 8)} % 10, t.started, t.started, t.started + interval '5 days',
            t.started + interval '5 days', NULL, src.municipality_code, src.sni_code
     FROM src, LATERAL (SELECT timestamptz '2026-01-12 08:00:00+00'
                               + (${bits('src.h', 15)} % (300 * 86400)) * interval '1 second' AS started) t`,
    // Maturity: every statement of the instrument, and the mean on the mapping.
    `INSERT INTO mapping_maturity (mapping_id, statement_key, score)
     SELECT m.id, (${statementArr})[k + 1], ${maturity('k')}
     FROM unnest(@ids::uuid[]) AS b(id) JOIN mappings m ON m.id = b.id, generate_series(0, ${p.statements.length - 1}) AS k`,
    `UPDATE mappings m SET maturity_score = s.score
     FROM (SELECT mm.mapping_id, round(avg(mm.score), 2) AS score
           FROM unnest(@ids::uuid[]) AS b(id) JOIN mapping_maturity mm ON mm.mapping_id = b.id GROUP BY 1) s
     WHERE m.id = s.mapping_id`,
    // Roles: 2–5 per mapping, occupations weighted, 1–12 people each.
    `WITH r AS MATERIALIZED (
       SELECT m.id AS mapping_id, i, md5(@seed::text || ':role:' || m.id::text || ':' || i) AS h
       FROM unnest(@ids::uuid[]) AS b(id) JOIN mappings m ON m.id = b.id, generate_series(0, 4) AS i
       WHERE i < 2 + ${bits(`md5(@seed::text || ':roles:' || m.id::text)`, 1)} % 4)
     INSERT INTO mapping_roles (mapping_id, row_key, position, title, ssyk_code, women, men, critical,
       key_person, sun_level, sun_field)
     SELECT r.mapping_id, 'r' || r.i, r.i, left(y.name_sv, 200), s.code,
            ${bits('r.h', 8)} % 5, 1 + ${bits('r.h', 15)} % 8,
            ${bits('r.h', 22)} % 100 < 30, ${bits('r.h', 26)} % 100 < 20, NULL, NULL
     FROM r JOIN ${ssyk.sql} ON ${bits('r.h', 1)} % ${ssyk.total} >= s.lo AND ${bits('r.h', 1)} % ${ssyk.total} < s.hi
     JOIN ref_ssyk y ON y.code = s.code`,
    // Requirements: two per role, from the role's occupation; 3 % typed as free text.
    `WITH ${POOL}, q AS MATERIALIZED (
       SELECT ro.mapping_id, ro.position AS role_pos, ro.row_key, ro.ssyk_code, ro.women + ro.men AS people, j,
              md5(@seed::text || ':req:' || ro.mapping_id::text || ':' || ro.position || ':' || j) AS h
       FROM unnest(@ids::uuid[]) AS b(id) JOIN mapping_roles ro ON ro.mapping_id = b.id, generate_series(0, 1) AS j),
     qr AS MATERIALIZED (SELECT q.*, ${drawnRank('q.h')} FROM q JOIN pool_n pn ON pn.ssyk_code = q.ssyk_code)
     INSERT INTO mapping_requirements (mapping_id, position, role_key, competence_id, competence_text,
       level_now, level_future, meeting_now)
     SELECT q.mapping_id, q.role_pos * 2 + q.j, q.row_key,
            CASE WHEN ${bits('q.h', 1)} % 100 < 3 THEN NULL ELSE pool.competence_id END,
            CASE WHEN ${bits('q.h', 1)} % 100 < 3 THEN ${freeText}[1 + ${bits('q.h', 22)} % ${FREE_TEXT.length}] END,
            ${lo} + lv.now, ${lo} + least(${span - 1}, lv.now + ${bits('q.h', 15)} % 2),
            ${bits('q.h', 26)} % (q.people + 1)
     FROM qr AS q CROSS JOIN LATERAL (SELECT ${bits('q.h', 8)} % ${span} AS now) lv
     JOIN pool ON pool.ssyk_code = q.ssyk_code AND pool.rk = q.rk`,
    // Needs: 16–24 per mapping (mean 20), spread over the roles; women and men 0–5 (at least one person).
    `WITH ${POOL}, nd AS MATERIALIZED (
       SELECT m.id AS mapping_id, m.company_id, m.round_id, m.region_id, m.municipality_code, m.sni_code, p,
              md5(@seed::text || ':need:' || m.id::text || ':' || p) AS h,
              md5(@seed::text || ':need2:' || m.id::text || ':' || p) AS h2,
              (SELECT count(*) FROM mapping_roles ro WHERE ro.mapping_id = m.id)::int AS roles
       FROM unnest(@ids::uuid[]) AS b(id) JOIN mappings m ON m.id = b.id, generate_series(0, 23) AS p
       WHERE p < 16 + ${bits(`md5(@seed::text || ':needs:' || m.id::text)`, 1)} % 9),
     nr AS MATERIALIZED (
       SELECT nd.*, ro.row_key, ro.ssyk_code, ${drawnRank('nd.h')}
       FROM nd JOIN mapping_roles ro ON ro.mapping_id = nd.mapping_id AND ro.position = nd.p % nd.roles
       JOIN pool_n pn ON pn.ssyk_code = ro.ssyk_code)
     INSERT INTO mapping_needs (mapping_id, position, company_id, round_id, region_id, municipality_code,
       sni_code, role_key, ssyk_code, competence_id, competence_text, gap_size, women, men, urgency, cause,
       strategy, difficulty, hours, cost_sek, priority)
     SELECT nd.mapping_id, nd.p, nd.company_id, nd.round_id, nd.region_id, nd.municipality_code, nd.sni_code,
            nd.row_key, nd.ssyk_code,
            CASE WHEN ${bits('nd.h', 1)} % 100 < 3 THEN NULL ELSE pool.competence_id END,
            CASE WHEN ${bits('nd.h', 1)} % 100 < 3 THEN ${freeText}[1 + ${bits('nd.h', 22)} % ${FREE_TEXT.length}] END,
            1 + ${bits('nd.h', 8)} % 3, wm.women, CASE WHEN wm.women + wm.men = 0 THEN 1 ELSE wm.men END,
            ${urgency('nd.h', 15)},
            CASE WHEN ${bits('nd.h2', 1)} % 100 < 15 THEN ${causes}[1 + ${bits('nd.h2', 8)} % ${CAUSES.length}] END,
            ${weightedSql('nd.h', 26, [
              ["'trainInternally'", 35],
              ["'externalTraining'", 30],
              ["'recruit'", 15],
              ["'validate'", 8],
              ["'redeploy'", 7],
              ["'retain'", 5],
            ])},
            CASE WHEN ${bits('nd.h2', 15)} % 10 = 0 THEN NULL ELSE 1 + ${bits('nd.h2', 15)} % 4 END,
            8 * (1 + ${bits('nd.h2', 22)} % 10), 5000 * (${bits('nd.h2', 26)} % 11),
            ${weightedSql('nd.h2', 4, [
              ['1', 30],
              ['2', 45],
              ['3', 25],
            ])}
     FROM nr AS nd
     CROSS JOIN LATERAL (SELECT ${bits('nd.h2', 11)} % 6 AS women, ${bits('nd.h2', 18)} % 6 AS men) wm
     JOIN pool ON pool.ssyk_code = nd.ssyk_code AND pool.rk = nd.rk`,
    // Recruitment needs: 0–3 per mapping.
    `WITH rc AS MATERIALIZED (
       SELECT m.id AS mapping_id, m.company_id, m.round_id, m.region_id, m.municipality_code, m.sni_code, i,
              md5(@seed::text || ':recruit:' || m.id::text || ':' || i) AS h
       FROM unnest(@ids::uuid[]) AS b(id) JOIN mappings m ON m.id = b.id, generate_series(0, 2) AS i
       WHERE i < ${bits(`md5(@seed::text || ':recruits:' || m.id::text)`, 1)} % 4)
     INSERT INTO mapping_recruitments (mapping_id, position, company_id, round_id, region_id,
       municipality_code, sni_code, ssyk_code, count, timing, difficulty, difficulty_reason, gender_goal)
     SELECT rc.mapping_id, rc.i, rc.company_id, rc.round_id, rc.region_id, rc.municipality_code, rc.sni_code,
            s.code, 1 + ${bits('rc.h', 8)} % 3, ${urgency('rc.h', 15)}, 1 + ${bits('rc.h', 22)} % 4, NULL,
            ${weightedSql('rc.h', 26, [
              ["'none'", 60],
              ["'moreWomen'", 30],
              ["'moreMen'", 10],
            ])}
     FROM rc JOIN ${ssyk.sql} ON ${bits('rc.h', 1)} % ${ssyk.total} >= s.lo AND ${bits('rc.h', 1)} % ${ssyk.total} < s.hi`,
  ];
}

async function isSuperuser(db: Db): Promise<boolean> {
  const rows = await db.query<{ su: boolean }>(
    'SELECT rolsuper AS su FROM pg_roles WHERE rolname = current_user',
  );
  return rows[0]?.su === true;
}

/** Named parameters (@name) to positional ones ($n), numbered in order of first use. */
function bind(sql: string, values: Record<string, string | string[]>): [string, (string | string[])[]] {
  const order: string[] = [];
  const text = sql.replace(/@([a-z]+)\b/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for :${name}`);
    if (!order.includes(name)) order.push(name);
    return `$${order.indexOf(name) + 1}`;
  });
  return [text, order.map((name) => values[name])];
}

/**
 * A submitted mapping in round 'synthetic-start' for every synthetic company of the county's region that
 * has none yet, `batchSize` companies per transaction, then ANALYZE of the mapping tables.
 */
export async function seedSyntheticMappings(
  db: Db,
  opts: SeedMappingsOptions = {},
): Promise<SeedMappingsResult> {
  const started = performance.now();
  const seed = String(opts.seed ?? DEFAULT_SEED);
  const batchSize = opts.batchSize ?? 2000;
  const regionId = await ensureRegion(db, opts.county ?? '07');
  const instrument = await nationalInstrument(db);
  const roundId = await ensureSyntheticRound(db, regionId);
  const companies = await db.query<{ id: string }>(
    `SELECT c.id FROM companies c
     WHERE c.region_id = $1 AND c.org_number LIKE '502%'
       AND NOT EXISTS (SELECT 1 FROM mappings m WHERE m.company_id = c.id AND m.round_id = $2)
     ORDER BY c.id`,
    [regionId, roundId],
  );
  const fast = opts.skipForeignKeyTriggers !== false && (await isSuperuser(db));
  const statements = batchStatements({ roundId, instrumentId: instrument.id, ...instrument });
  const ssykCodes = SSYK_WEIGHTS.map(([code]) => code);
  let needs = 0;
  for (let from = 0; from < companies.length; from += batchSize) {
    const companyIds = companies.slice(from, from + batchSize).map((c) => c.id);
    needs += await db.tx(async (tx) => {
      // JIT compiles every statement anew (a quarter of a second each) and buys nothing here.
      if (db.kind === 'postgres') await tx.query('SET LOCAL jit = off');
      // Every key is drawn from the table it references (companies, workplaces, ref_ssyk via the
      // role, ref_competences via the pool), so the per-row foreign-key triggers (8 per need, most of the
      // time) are skipped where the role may do so; tests check the keys hold.
      if (fast) await tx.query('SET LOCAL session_replication_role = replica');
      const [insert, ...rest] = statements;
      const ids = (
        await tx.query<{ id: string }>(...bind(`${insert} RETURNING id`, { ids: companyIds, seed }))
      ).map((r) => r.id);
      for (const sql of rest) await tx.query(...bind(sql, { ids, ssyk: ssykCodes, seed }));
      const [n] = await tx.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM unnest($1::uuid[]) AS b(id) JOIN mapping_needs n ON n.mapping_id = b.id',
        [ids],
      );
      return n.n;
    });
    opts.onProgress?.(Math.min(from + batchSize, companies.length), companies.length);
  }
  // The roll-up's pre-aggregated cells, rebuilt in one statement from the needs just written.
  if (companies.length > 0) await mappings.rebuildRollupCells(db, roundId);
  await db.exec(
    'ANALYZE mapping_rollup_cells; ANALYZE mappings; ANALYZE mapping_roles; ANALYZE mapping_requirements; ANALYZE mapping_needs; ANALYZE mapping_recruitments; ANALYZE mapping_maturity;',
  );
  if (companies.length > 0) {
    await audit(db, {
      actorUserId: null,
      action: 'mapping.synthetic_seed',
      entityType: 'mapping_round',
      organisationId: regionId,
      details: { mappings: companies.length, needs, seed: Number(seed), roundId },
    });
  }
  return {
    roundId,
    instrumentId: instrument.id,
    mappings: companies.length,
    needs,
    ms: performance.now() - started,
  };
}
