// The pages benchmark (`npm run bench -- --suite pages [--scale county]`): the main pages of the product,
// each signed in as the role that uses it, at 50 concurrent connections on loopback, next to two floors
// measured in the same run — `/livez` (static, no database) and the same page rendered by
// bench/floor-server.ts from a view model captured once (no database, no session, no access control).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { prepareDatabase } from '../src/bootstrap.ts';
import { DEMO_ESF_TOTP_SECRET, seedDemo } from '../src/demo/seed.ts';
import { DEFAULT_SEED, seedSynthetic } from '../src/demo/synthetic.ts';
import { seedSyntheticCoaching } from '../src/demo/synthetic-coaching.ts';
import { seedSyntheticCourses } from '../src/demo/synthetic-courses.ts';
import { seedSyntheticElearning } from '../src/demo/synthetic-elearning.ts';
import { seedSyntheticEsf } from '../src/demo/synthetic-esf.ts';
import { SYNTHETIC_ROUND_KEY, seedSyntheticMappings } from '../src/demo/synthetic-mappings.ts';
import { seedSyntheticParticipants } from '../src/demo/synthetic-participants.ts';
import { type ScalePlan, scalePlans, seedSyntheticScale } from '../src/demo/synthetic-scales.ts';
import { actorForUser, totp } from '../src/domains/accounts/index.ts';
import { messages as coachingMessages } from '../src/domains/coaching/messages.ts';
import { engagementListQuery } from '../src/domains/coaching/schema.ts';
import { listEngagements } from '../src/domains/coaching/service/engagements.ts';
import { messages as companyMessages } from '../src/domains/companies/messages.ts';
import { regionMunicipalities } from '../src/domains/companies/options.ts';
import { canCreateCompany, canImportCompanies } from '../src/domains/companies/policy.ts';
import { companyListQuery } from '../src/domains/companies/schema.ts';
import { listCompanies } from '../src/domains/companies/service.ts';
import { messages as esfMessages } from '../src/domains/esf/messages.ts';
import { scbMonth } from '../src/domains/esf/service/scb.ts';
import { insightsT } from '../src/domains/insights/messages.ts';
import { toRollupQuery } from '../src/domains/insights/routes-support.ts';
import { rollupQuery } from '../src/domains/insights/schema.ts';
import { needsRollup, requireInsights } from '../src/domains/insights/service.ts';
import { messages as mappingMessages } from '../src/domains/mapping/messages.ts';
import { compareMappings, getResults } from '../src/domains/mapping/service/results.ts';
import { catalogueMessages } from '../src/domains/training/messages/catalogue.ts';
import { FORMATS, LANGUAGES, searchQuery } from '../src/domains/training/service/catalogue-schema.ts';
import { catalogueFilters, searchCatalogue } from '../src/domains/training/service/catalogue-search.ts';
import type { Actor } from '../src/platform/auth.ts';
import type { Db, SqlParam } from '../src/platform/db.ts';
import { translator } from '../src/platform/i18n/index.ts';
import { newKeyLine, parseKeyring } from '../src/platform/secrets.ts';
import { settle } from './bench.ts';
import { createBenchDatabase, type StartFrom, withDatabase } from './database.ts';
import { type FloorPage, type FloorView, writeFloorPages } from './floor-server.ts';
import { type LoadSummary, loadSummary } from './report.ts';
import { type RunningApp, signIn, startApp } from './server.ts';

export const RESULTS_DIR = path.resolve(import.meta.dirname, 'results');

/** The issue's targets: page ≥ 33 % of its view-model floor's req/s and p99 < 100 ms (county, PostgreSQL). */
export const TARGETS = { minFloorRatio: 0.33, maxP99Ms: 100, appliesTo: 'county scale on PostgreSQL' };

/**
 * Sizes of the synthetic data on top of the demo seed (60 companies, coaching, training, ESF): the plans of
 * src/demo/synthetic-scales.ts (county: one county programme, DOMAIN.md — about 100 companies and 1 000
 * participants; region-x10: ten times a region; sweden: every county by population, ≈300 000 companies —
 * the pages are still those of Kronoberg's users, over Kronoberg's share), and a tiny one for the smoke test.
 */
export const SCALES: Record<'tiny' | 'county' | 'region-x10' | 'sweden', ScalePlan> = {
  tiny: {
    county: '07',
    companies: 20,
    courses: 20,
    participantShare: 1,
    perCompany: 3,
    coachingShare: 0.3,
    elearningCourses: 2,
  },
  county: scalePlans('county')[0] as ScalePlan,
  'region-x10': scalePlans('region-x10')[0] as ScalePlan,
  sweden: scalePlans('sweden').find((p) => p.county === '07') as ScalePlan,
};
export type ScaleName = keyof typeof SCALES;

export interface GeneratorRun {
  name: string;
  /** What the generator reports it added (rows by kind). */
  added: Record<string, number>;
  ms: number;
}

/**
 * The synthetic generators run after the demo seed, in the order of src/demo/synthetic-scales.ts (each fills
 * what its plan asks for). A new generator joins this list; each gets the database, the scale, the seed and
 * the ESF key ring's text (the app's ESF_KEY: ESF identities are sealed under it).
 */
export const DATA_GENERATORS: readonly {
  name: string;
  run: (db: Db, scale: ScalePlan, seed: number, esfKey: string) => Promise<Omit<GeneratorRun, 'name'>>;
}[] = [
  {
    name: 'companies (src/demo/synthetic.ts)',
    run: async (db, scale, seed) => {
      const r = await seedSynthetic(db, { companies: scale.companies, seed, county: scale.county });
      return { added: { companies: r.inserted }, ms: r.ms };
    },
  },
  {
    name: 'courses (src/demo/synthetic-courses.ts)',
    run: async (db, scale, seed) => {
      const r = await seedSyntheticCourses(db, { courses: scale.courses, seed, county: scale.county });
      return { added: { courses: r.courses, occasions: r.occasions, providers: r.providers }, ms: r.ms };
    },
  },
  {
    name: 'mappings (src/demo/synthetic-mappings.ts)',
    run: async (db, scale, seed) => {
      const r = await seedSyntheticMappings(db, { seed, county: scale.county });
      return { added: { mappings: r.mappings, needs: r.needs }, ms: r.ms };
    },
  },
  {
    name: 'participants (src/demo/synthetic-participants.ts)',
    run: async (db, scale, seed) => {
      const r = await seedSyntheticParticipants(db, {
        seed,
        county: scale.county,
        perCompany: scale.perCompany,
        share: scale.participantShare,
      });
      return {
        added: { learners: r.learners, users: r.users, enrolments: r.enrolments, attendance: r.attendance },
        ms: r.ms,
      };
    },
  },
  {
    name: 'coaching (src/demo/synthetic-coaching.ts)',
    run: async (db, scale, seed) => {
      const r = await seedSyntheticCoaching(db, { seed, county: scale.county, share: scale.coachingShare });
      return { added: { engagements: r.added, coaches: r.coaches, meetings: r.meetings }, ms: r.ms };
    },
  },
  {
    name: 'e-learning (src/demo/synthetic-elearning.ts)',
    run: async (db, scale, seed) => {
      const r = await seedSyntheticElearning(db, {
        seed,
        county: scale.county,
        courses: scale.elearningCourses,
      });
      return {
        added: { courses: r.courses, enrolments: r.enrolments, lessonsDone: r.lessonsDone },
        ms: r.ms,
      };
    },
  },
  {
    name: 'esf (src/demo/synthetic-esf.ts)',
    run: async (db, scale, seed, esfKey) => {
      const r = await seedSyntheticEsf(db, { keyring: parseKeyring(esfKey), seed, county: scale.county });
      return {
        added: {
          participants: r.participants,
          ended: r.ended,
          scbVersions: r.scbVersions,
          scbRows: r.scbRows,
        },
        ms: r.ms,
      };
    },
  },
];

export type Who = 'region_admin' | 'coach' | 'company_contact' | 'esf_admin';

/** The demo users (src/demo/seed.ts) the pages are requested as. */
export const USERS: Record<Who, { email: string; totp?: boolean }> = {
  region_admin: { email: 'region.admin@example.org' },
  coach: { email: 'coach@example.org' },
  company_contact: { email: 'company@example.org' },
  esf_admin: { email: 'esf@example.org', totp: true },
};

export interface PageDef {
  name: string;
  who: Who;
  /** Builds the page's URL and its view model from the database, as the route's handler does. */
  capture: (db: Db, actor: Actor) => Promise<{ path: string; title: string; view: FloorView }>;
}

const LOCALE = 'sv' as const;
const COMPANY_FILTER = { municipality: '0780', status: 'active' };
const ROLLUP = { rows: 'municipality', cols: 'sniSection' };
const CATALOGUE_SEARCH = 'svets';

async function one<T>(db: Db, sql: string, what: string, params: SqlParam[] = []): Promise<T> {
  const [row] = await db.query<{ v: T }>(sql, params);
  if (!row) throw new Error(`the benchmark data has no ${what}`);
  return row.v;
}

export const PAGES: readonly PageDef[] = [
  {
    name: 'companies-filtered',
    who: 'region_admin',
    capture: async (db, actor) => {
      const query = companyListQuery.parse(COMPANY_FILTER);
      const [{ rows, total }, municipalities] = await Promise.all([
        listCompanies(db, actor, query),
        regionMunicipalities(db, actor),
      ]);
      return {
        path: `/companies?${new URLSearchParams(COMPANY_FILTER)}`,
        title: translator(companyMessages, LOCALE)('companies.title'),
        view: {
          kind: 'companies',
          props: {
            rows,
            total,
            query,
            municipalities,
            canCreate: canCreateCompany(actor),
            canImport: canImportCompanies(actor),
          },
        },
      };
    },
  },
  {
    name: 'mapping-results',
    who: 'region_admin',
    capture: async (db, actor) => {
      // A demo company's latest submitted mapping, preferring one with an earlier mapping to compare with.
      const id = await one<string>(
        db,
        `SELECT m.id AS v FROM mappings m JOIN mapping_rounds r ON r.id = m.round_id
          WHERE m.status = 'submitted' AND r.key <> '${SYNTHETIC_ROUND_KEY}'
          ORDER BY (SELECT count(*) FROM mappings e WHERE e.company_id = m.company_id AND e.status = 'submitted') DESC,
                   m.submitted_at DESC, m.id LIMIT 1`,
        'submitted demo mapping',
      );
      const results = await getResults(db, actor, id);
      let compare: {
        selected: string | null;
        result: Awaited<ReturnType<typeof compareMappings>> | null;
      } | null = null;
      if (results.earlier.length > 0) {
        const selected = results.earlier[0]?.id ?? null;
        compare = { selected, result: selected ? await compareMappings(db, actor, id, selected) : null };
      }
      return {
        path: `/mappings/${id}/results`,
        title: translator(mappingMessages, LOCALE)('mapping.results.heading', {
          company: results.head.companyName,
        }),
        view: { kind: 'mapping-results', props: { locale: LOCALE, results, compare } },
      };
    },
  },
  {
    name: 'insights-rollup',
    who: 'region_admin',
    capture: async (db, actor) => {
      const query = toRollupQuery(rollupQuery.parse(ROLLUP));
      const audience = requireInsights(actor, query.filters.municipality);
      const view = await needsRollup(db, audience, query, LOCALE);
      return {
        path: `/insights/needs?${new URLSearchParams(ROLLUP)}`,
        title: insightsT(LOCALE)('insights.needs'),
        view: { kind: 'insights-needs', props: { view } },
      };
    },
  },
  {
    name: 'catalogue-search',
    who: 'company_contact',
    capture: async (db) => {
      const query = searchQuery.parse({ q: CATALOGUE_SEARCH });
      const [result, filters] = await Promise.all([searchCatalogue(db, query), catalogueFilters(db)]);
      const q: Record<string, string> = {};
      for (const [k, v] of Object.entries(query)) if (v !== undefined) q[k] = String(v);
      return {
        path: `/kurser?q=${encodeURIComponent(CATALOGUE_SEARCH)}`,
        title: `${translator(catalogueMessages, LOCALE)('training.catalogue.title')}: ${CATALOGUE_SEARCH}`,
        view: {
          kind: 'catalogue',
          props: { vm: { q, ...result, ...filters, formats: FORMATS, languages: LANGUAGES } },
        },
      };
    },
  },
  {
    name: 'coach-caseload',
    who: 'coach',
    capture: async (db, actor) => {
      // A coach sees only their own engagements (the route's "mine only" list, no coach filter).
      const query = engagementListQuery.parse({});
      const list = await listEngagements(db, actor, { page: query.page });
      return {
        path: '/coaching',
        title: translator(coachingMessages, LOCALE)('coaching.list.mine'),
        view: {
          kind: 'coaching',
          props: {
            vm: {
              rows: list.rows,
              total: list.total,
              page: list.page,
              pageSize: list.pageSize,
              filter: query,
              municipalities: list.municipalities,
              coaches: [],
              canStart: false,
              mineOnly: true,
              canSetRules: false,
            },
          },
        },
      };
    },
  },
  {
    name: 'esf-scb-month',
    who: 'esf_admin',
    capture: async (db, actor) => {
      const month = await one<string>(
        db,
        'SELECT month AS v FROM esf_scb_months ORDER BY month DESC LIMIT 1',
        'produced SCB month',
      );
      const vm = await scbMonth(db, { actor, ip: '127.0.0.1' }, month, null);
      return {
        path: `/esf/scb/${month}`,
        title: translator(esfMessages, LOCALE)('esf.scb.month.title', { month }),
        view: { kind: 'esf-month', props: { month, vm: { ...vm, failed: null } } },
      };
    },
  },
];

export interface LoadResult extends LoadSummary {
  url: string;
}

export interface PageResult {
  name: string;
  who: Who;
  path: string;
  /** Size of one answer, bytes: the page and its floor should be about the same. */
  bytes: { page: number; floor: number };
  page: LoadResult;
  floor: LoadResult;
  /** page req/s ÷ view-model floor req/s, and ÷ /livez req/s. */
  ratioToFloor: number;
  ratioToLivez: number;
  targets: { floorRatio: boolean; p99: boolean };
}

export interface PagesBenchResult {
  schema: 'kompetensnavet-bench-pages/1';
  startedAt: string;
  finishedAt: string;
  database: 'pglite' | 'postgres';
  scale: { name: ScaleName } & ScalePlan;
  environment: {
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    loadAverage: { start: number; end: number };
  };
  options: { duration: number; connections: number; seed: number };
  targets: typeof TARGETS;
  data: { demoMs: number; generators: GeneratorRun[] };
  livez: LoadResult;
  pages: PageResult[];
}

export interface PagesBenchOptions {
  scale: ScaleName;
  duration: number;
  connections: number;
  serverUrl?: string;
  resultsDir?: string;
  seed?: number;
  warmupRequests?: number;
  startFrom?: StartFrom;
  /**
   * `startFrom` already holds the demo seed (the test suite's demo snapshot or template), made with this
   * password and ESF key ring (its text, as ESF_KEY takes it); the demo seed is then skipped.
   */
  seeded?: { password: string; esfKey: string };
  /** Only these pages (by name; all when absent): for working on one page. The JSON's name then says which. */
  only?: readonly string[];
  log?: (line: string) => void;
  signal?: AbortSignal;
}

const REQUEST_TIMEOUT_S = 10;

function load(url: string, headers: Record<string, string>, opts: PagesBenchOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const stop = () => instance.stop();
    const instance = autocannon(
      { url, headers, connections: opts.connections, duration: opts.duration, timeout: REQUEST_TIMEOUT_S },
      (err, r: Result) => {
        opts.signal?.removeEventListener('abort', stop);
        if (err) return reject(err);
        resolve({ url: new URL(url).pathname + new URL(url).search, ...loadSummary(r) });
      },
    );
    opts.signal?.addEventListener('abort', stop, { once: true });
  });
}

/** Sequential requests that warm up and prove the URL answers 200; returns the size of the last answer. */
async function warmUp(url: string, headers: Record<string, string>, requests: number): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < Math.max(1, requests); i++) {
    const res = await fetch(url, { headers, redirect: 'manual' });
    const body = await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${new URL(url).pathname} answered ${res.status} during warm-up`);
    bytes = body.byteLength;
  }
  return bytes;
}

function check(app: RunningApp, what: string): void {
  const exit = app.exitReport();
  if (exit) throw new Error(`while measuring ${what}, ${exit}`);
}

/** Migrations, the demo seed (unless already there), the synthetic generators at the scale, ANALYZE. */
export async function seedBenchData(
  db: Db,
  o: {
    scale: ScalePlan;
    seed: number;
    password: string;
    esfKey: string;
    alreadySeeded: boolean;
    /** Also every other county at the sweden scale (seedSyntheticScale: about 25 minutes on PostgreSQL). */
    nationwide?: boolean;
    /** With alreadySeeded: the database holds the scale's synthetic data too (no generator runs). */
    complete?: boolean;
    log: (line: string) => void;
  },
): Promise<PagesBenchResult['data']> {
  const { scale, seed, password, esfKey, alreadySeeded, log } = o;
  await prepareDatabase(db);
  const demoStarted = performance.now();
  if (!alreadySeeded && !(await seedDemo(db, password, parseKeyring(esfKey))))
    throw new Error('the benchmark database already had users: the demo seed needs an empty one');
  const demoMs = Math.round(performance.now() - demoStarted);
  if (!alreadySeeded) log(`Demo seed in ${(demoMs / 1000).toFixed(1)} s.`);
  const generators: GeneratorRun[] = [];
  // A template seeded at the sweden scale holds every generator's data already (they add, not fill up).
  const complete = alreadySeeded && o.complete === true;
  for (const g of complete ? [] : DATA_GENERATORS) {
    const r = await g.run(db, scale, seed, esfKey);
    generators.push({ name: g.name, added: r.added, ms: Math.round(r.ms) });
    log(`  ${g.name}: ${JSON.stringify(r.added)} in ${(r.ms / 1000).toFixed(1)} s`);
  }
  if (o.nationwide) {
    const started = performance.now();
    const added: Record<string, number> = {};
    await seedSyntheticScale(db, {
      scale: 'sweden',
      seed,
      keyring: parseKeyring(esfKey),
      onStep: (s) => {
        added[s.step] = (added[s.step] ?? 0) + s.added;
        log(`  sweden, county ${s.county}: ${s.step} +${s.added} in ${(s.ms / 1000).toFixed(1)} s`);
      },
    });
    generators.push({
      name: 'every county (src/demo/synthetic-scales.ts, sweden)',
      added,
      ms: Math.round(performance.now() - started),
    });
  }
  // ANALYZE of the sweden scale takes longer than the pool's statement timeout.
  await db.tx(async (t) => {
    if (t.kind === 'postgres') await t.query('SET LOCAL statement_timeout = 0');
    await t.query('ANALYZE');
  });
  return { demoMs, generators };
}

/** Demo seed, synthetic generators, ANALYZE; then every page's view model as its route would build it. */
async function prepare(
  db: Db,
  scale: ScalePlan,
  seed: number,
  password: string,
  esfKey: string,
  alreadySeeded: boolean,
  nationwide: boolean,
  log: (line: string) => void,
  only?: readonly string[],
): Promise<{ data: PagesBenchResult['data']; floorPages: FloorPage[]; userIds: Record<Who, string> }> {
  const { demoMs, generators } = await seedBenchData(db, {
    scale,
    seed,
    password,
    esfKey,
    alreadySeeded,
    // A database seeded earlier (opts.seeded) at the sweden scale holds every county already.
    nationwide: nationwide && !alreadySeeded,
    complete: nationwide && alreadySeeded,
    log,
  });
  const userIds = {} as Record<Who, string>;
  for (const [who, u] of Object.entries(USERS) as [Who, (typeof USERS)[Who]][])
    userIds[who] = await one<string>(db, 'SELECT id::text AS v FROM users WHERE email = $1', u.email, [
      u.email,
    ]);
  const floorPages: FloorPage[] = [];
  for (const p of PAGES.filter((d) => !only || only.includes(d.name))) {
    const actor = await actorForUser(db, userIds[p.who], 'session');
    if (!actor) throw new Error(`no actor for ${p.who}`);
    const captured = await p.capture(db, actor);
    floorPages.push({ name: p.name, locale: LOCALE, actor, ...captured });
  }
  return { data: { demoMs, generators }, floorPages, userIds };
}

/** Run the pages suite; writes bench/results/<date>-<db>-<scale>.json. */
export async function runPagesBench(
  opts: PagesBenchOptions,
): Promise<{ result: PagesBenchResult; file: string }> {
  const log = opts.log ?? (() => {});
  const scale = SCALES[opts.scale];
  if (!scale) throw new Error(`unknown scale ${opts.scale}`);
  const seed = opts.seed ?? DEFAULT_SEED;
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg()[0];
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-pages-'));
  const password = opts.seeded?.password ?? randomBytes(18).toString('base64url');
  const esfKey = opts.seeded?.esfKey ?? newKeyLine();
  let target: Awaited<ReturnType<typeof createBenchDatabase>> | null = null;
  let app: RunningApp | null = null;
  let floor: RunningApp | null = null;
  try {
    target = await createBenchDatabase({ serverUrl: opts.serverUrl, tempDir, startFrom: opts.startFrom });
    log(`Benchmark database: ${target.where}; scale ${opts.scale} (${JSON.stringify(scale)})`);
    const { data, floorPages } = await withDatabase(target, (db) =>
      prepare(
        db,
        scale,
        seed,
        password,
        esfKey,
        opts.seeded !== undefined,
        opts.scale === 'sweden',
        log,
        opts.only,
      ),
    );
    const modelsFile = path.join(tempDir, 'floor-pages.v8');
    writeFloorPages(modelsFile, floorPages);
    app = await startApp({ ...target.env, ESF_KEY: esfKey });
    floor = await startApp({}, { script: 'bench/floor-server.ts', args: [modelsFile] });
    const cookies = {} as Record<Who, string>;
    for (const [who, u] of Object.entries(USERS) as [Who, (typeof USERS)[Who]][])
      cookies[who] = await signIn(
        app.baseUrl,
        u.email,
        password,
        u.totp ? () => totp(DEMO_ESF_TOTP_SECRET) : undefined,
      );
    const warm = opts.warmupRequests ?? 10;
    await warmUp(`${app.baseUrl}/livez`, {}, warm);
    const bytes = new Map<string, { page: number; floor: number }>();
    for (const p of floorPages) {
      const who = PAGES.find((d) => d.name === p.name)?.who as Who;
      bytes.set(p.name, {
        page: await warmUp(app.baseUrl + p.path, { cookie: cookies[who] }, warm),
        floor: await warmUp(floor.baseUrl + p.path, {}, warm),
      });
    }
    log(`Measuring /livez and ${floorPages.length} pages with their floors, ${opts.duration} s each:`);
    const livez = await load(`${app.baseUrl}/livez`, {}, opts);
    check(app, '/livez');
    log(`  ${'livez'.padEnd(20)} ${Math.round(livez.requestsPerSec)} req/s`);
    const pages: PageResult[] = [];
    for (const p of floorPages) {
      if (opts.signal?.aborted) break;
      const def = PAGES.find((d) => d.name === p.name) as PageDef;
      const page = await load(app.baseUrl + p.path, { cookie: cookies[def.who] }, opts);
      await settle(app);
      check(app, p.path);
      const fl = await load(floor.baseUrl + p.path, {}, opts);
      check(floor, `the floor of ${p.path}`);
      const ratioToFloor = fl.requestsPerSec > 0 ? page.requestsPerSec / fl.requestsPerSec : 0;
      const r: PageResult = {
        name: p.name,
        who: def.who,
        path: p.path,
        bytes: bytes.get(p.name) ?? { page: 0, floor: 0 },
        page,
        floor: fl,
        ratioToFloor,
        ratioToLivez: livez.requestsPerSec > 0 ? page.requestsPerSec / livez.requestsPerSec : 0,
        targets: {
          floorRatio: ratioToFloor >= TARGETS.minFloorRatio,
          p99: page.latencyMs.p99 < TARGETS.maxP99Ms,
        },
      };
      log(
        `  ${p.name.padEnd(20)} ${Math.round(page.requestsPerSec)} req/s, p99 ${page.latencyMs.p99} ms; floor ${Math.round(fl.requestsPerSec)} req/s`,
      );
      pages.push(r);
    }
    if (opts.signal?.aborted) throw new Error('benchmark aborted');
    const cpus = os.cpus();
    const result: PagesBenchResult = {
      schema: 'kompetensnavet-bench-pages/1',
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
        loadAverage: { start: loadAtStart, end: os.loadavg()[0] },
      },
      options: { duration: opts.duration, connections: opts.connections, seed },
      targets: TARGETS,
      data,
      livez,
      pages,
    };
    const dir = opts.resultsDir ?? RESULTS_DIR;
    fs.mkdirSync(dir, { recursive: true });
    const part = opts.only ? `-only-${opts.only.join('+')}` : '';
    const file = path.join(dir, `${startedAt.slice(0, 10)}-${target.kind}-${opts.scale}${part}.json`);
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    return { result, file };
  } finally {
    await floor?.stop();
    await app?.stop();
    await target?.drop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

const int = (n: number) => Math.round(n).toLocaleString('en-US').replace(/,/g, ' ');
const pct = (n: number) => `${Math.round(n * 100)} %`;

/** The table: page, req/s, p50, p99, floor req/s, page ÷ floor, page ÷ livez, target met? */
export function formatPagesTable(result: PagesBenchResult): string {
  const head = ['page', 'who', 'req/s', 'p50 ms', 'p99 ms', 'floor req/s', '÷ floor', '÷ livez', 'target'];
  const rows: string[][] = [
    [
      'livez',
      '—',
      int(result.livez.requestsPerSec),
      String(result.livez.latencyMs.p50),
      String(result.livez.latencyMs.p99),
      '',
      '',
      '',
      '',
    ],
  ];
  for (const p of result.pages) {
    const missed = [
      p.targets.floorRatio ? null : `÷ floor < ${pct(TARGETS.minFloorRatio)}`,
      p.targets.p99 ? null : `p99 ≥ ${TARGETS.maxP99Ms} ms`,
    ].filter(Boolean);
    rows.push([
      p.name,
      p.who,
      int(p.page.requestsPerSec),
      String(p.page.latencyMs.p50),
      String(p.page.latencyMs.p99),
      int(p.floor.requestsPerSec),
      pct(p.ratioToFloor),
      pct(p.ratioToLivez),
      missed.length === 0 ? 'ok' : `MISSED (${missed.join(', ')})`,
    ]);
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const left = new Set([0, 1, 8]);
  const line = (r: string[]) =>
    `| ${r.map((c, i) => (left.has(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const sep = `| ${widths.map((w, i) => (left.has(i) ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  const errors = [result.livez, ...result.pages.flatMap((p) => [p.page, p.floor])].reduce(
    (n, r) => n + r.errors + r.timeouts + r.non2xx,
    0,
  );
  return [
    `${result.database}, scale ${result.scale.name}, ${result.options.connections} connections, ${result.options.duration} s per run; load average ${result.environment.loadAverage.start.toFixed(1)} → ${result.environment.loadAverage.end.toFixed(1)}`,
    `targets (${TARGETS.appliesTo}): ≥ ${pct(TARGETS.minFloorRatio)} of the view-model floor's req/s and p99 < ${TARGETS.maxP99Ms} ms`,
    '',
    line(head),
    sep,
    ...rows.map(line),
    '',
    errors === 0
      ? 'no errors, timeouts or non-2xx answers'
      : `${errors} errors, timeouts or non-2xx answers (see the JSON)`,
  ].join('\n');
}
