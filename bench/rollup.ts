// Pillar 1 benchmark: the county roll-up of mapping needs (HTML page and JSON API, as a region admin and
// as a municipality officer, whose view is suppressed) against its floor, a bare SQL GROUP BY over the
// same rows in the same database; and the reference pickers' search against /livez.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { DEFAULT_SEED, seedSynthetic } from '../src/demo/synthetic.ts';
import { SYNTHETIC_ROUND_KEY, seedSyntheticMappings } from '../src/demo/synthetic-mappings.ts';
import { hashPassword, insertMembership, insertUser } from '../src/domains/accounts/index.ts';
import { ensureRegion, findMunicipalityOrganisation } from '../src/domains/organisations/index.ts';
import { newToken } from '../src/platform/auth.ts';
import type { Db } from '../src/platform/db.ts';
import {
  type BenchDatabase,
  createBenchDatabase,
  prepareBenchDatabase,
  type StartFrom,
  withDatabase,
} from './database.ts';
import { type RunningApp, signIn, startApp } from './server.ts';

export const ROLLUP_QUERY = 'rows=municipality&cols=sniSection';
export const FLOOR_SQL = `SELECT municipality_code, left(sni_code, 2), count(DISTINCT company_id), sum(women + men)
  FROM mapping_needs WHERE region_id = $1 AND round_id = $2 GROUP BY 1, 2`;
/** The officer's municipality (Växjö). */
export const OFFICER_MUNICIPALITY = '0780';

type Who = 'none' | 'admin-session' | 'officer-session' | 'admin-token' | 'officer-token';

export interface RollupEndpoint {
  name: string;
  path: string;
  who: Who;
  /** Compared with the floor (the roll-up itself) or with /livez (picker search). */
  group: 'floor' | 'rollup' | 'picker';
}

export const ROLLUP_ENDPOINTS: readonly RollupEndpoint[] = [
  { name: 'livez', path: '/livez', who: 'none', group: 'floor' },
  {
    name: 'rollup-html-admin',
    path: `/insights/needs?${ROLLUP_QUERY}`,
    who: 'admin-session',
    group: 'rollup',
  },
  {
    name: 'rollup-html-officer',
    path: `/insights/needs?${ROLLUP_QUERY}`,
    who: 'officer-session',
    group: 'rollup',
  },
  {
    name: 'rollup-api-admin',
    path: `/api/v1/insights/needs?${ROLLUP_QUERY}`,
    who: 'admin-token',
    group: 'rollup',
  },
  {
    name: 'rollup-api-officer',
    path: `/api/v1/insights/needs?${ROLLUP_QUERY}`,
    who: 'officer-token',
    group: 'rollup',
  },
];

const q = encodeURIComponent;
/** Picker search: measured once per run (it does not depend on the number of companies). */
export const PICKER_ENDPOINTS: readonly RollupEndpoint[] = [
  ...['svets', 'montor', 'cnc operator', 'truckförare', 'undersköterska'].map((term) => ({
    name: `ssyk:${term}`,
    path: `/api/v1/reference/ssyk?q=${q(term)}`,
    who: 'admin-token' as const,
    group: 'picker' as const,
  })),
  ...['svets', 'kvalitetstekink', 'cnc operator'].map((term) => ({
    name: `competences:${term}`,
    path: `/api/v1/reference/competences?q=${q(term)}`,
    who: 'admin-token' as const,
    group: 'picker' as const,
  })),
  ...['svets', 'truckförare'].map((term) => ({
    name: `suggest-occupations:${term}`,
    path: `/reference/suggest/occupations?q=${q(term)}`,
    who: 'admin-session' as const,
    group: 'picker' as const,
  })),
];

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export interface RollupEndpointResult {
  name: string;
  path: string;
  who: Who;
  group: RollupEndpoint['group'];
  /** One request at a time (server time as one user sees it), ms. */
  sequential: Latency & { requests: number };
  /** autocannon with `connections` concurrent connections. */
  loaded: {
    requestsPerSec: number;
    requests: number;
    latencyMs: Latency;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodes: Record<string, number>;
  };
}

export interface RollupSizeResult {
  companies: number;
  mappings: number;
  needs: number;
  seeded: { companiesMs: number; mappingsMs: number };
  /** The bare GROUP BY, timed from Node over the same database: ms. */
  floor: Latency & { repeats: number; cells: number };
  endpoints: RollupEndpointResult[];
}

export interface RollupBenchResult {
  schema: 'kompetensnavet-bench-rollup/1';
  startedAt: string;
  finishedAt: string;
  database: 'pglite' | 'postgres';
  environment: {
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    loadAverage: { start: number; end: number };
  };
  options: { sizes: number[]; duration: number; connections: number; seed: number; repeats: number };
  results: RollupSizeResult[];
}

export interface RollupBenchOptions {
  sizes: number[];
  duration: number;
  connections: number;
  serverUrl?: string;
  resultsDir?: string;
  seed?: number;
  /** Sequential timings per endpoint and of the floor query (default 50). */
  repeats?: number;
  startFrom?: StartFrom;
  /** Skip the picker endpoints (default: measured at the first size). */
  pickers?: boolean;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

/** Larger sizes are skipped on PGlite (seeding time and size). */
export const PGLITE_MAX_COMPANIES = 100_000;

export const ROLLUP_RESULTS_DIR = path.resolve(import.meta.dirname, 'results');

/** Percentiles of a list of timings (nearest rank), ms rounded to 0.01. */
export function latencyOf(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
  const r = (n: number) => Math.round(n * 100) / 100;
  return {
    p50: r(at(50)),
    p95: r(at(95)),
    p99: r(at(99)),
    mean: r(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)),
    max: r(s[s.length - 1] ?? 0),
  };
}

interface Users {
  admin: { email: string; password: string; apiToken: string };
  officer: { email: string; password: string; apiToken: string };
}

/** A municipality officer of Växjö with a password and an API token (the region admin comes from database.ts). */
async function addOfficer(db: Db): Promise<Users['officer']> {
  const org = await findMunicipalityOrganisation(db, OFFICER_MUNICIPALITY);
  if (!org) throw new Error(`municipality organisation ${OFFICER_MUNICIPALITY} missing`);
  const id = randomUUID();
  const officer = { email: 'bench.officer@example.org', password: randomBytes(18).toString('base64url') };
  await insertUser(db, {
    id,
    email: officer.email,
    name: 'Bench Officer',
    passwordHash: await hashPassword(officer.password),
    locale: 'sv',
  });
  await insertMembership(db, {
    id: randomUUID(),
    userId: id,
    role: 'municipality_officer',
    organisationId: org.id,
    companyId: null,
    createdBy: null,
  });
  const { token, hash } = newToken();
  await db.query(
    `INSERT INTO api_tokens (id, user_id, name, token_hash, token_prefix) VALUES ($1, $2, 'bench', $3, $4)`,
    [randomUUID(), id, hash, token.slice(0, 6)],
  );
  return { ...officer, apiToken: token };
}

/** The floor: the bare GROUP BY `repeats` times (after 3 unmeasured runs). */
async function measureFloor(db: Db, repeats: number): Promise<RollupSizeResult['floor']> {
  const regionId = await ensureRegion(db, '07');
  const [round] = await db.query<{ id: string }>(
    'SELECT id FROM mapping_rounds WHERE region_id = $1 AND key = $2',
    [regionId, SYNTHETIC_ROUND_KEY],
  );
  if (!round) throw new Error('the synthetic round is missing');
  let cells = 0;
  for (let i = 0; i < 3; i++) cells = (await db.query(FLOOR_SQL, [regionId, round.id])).length;
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await db.query(FLOOR_SQL, [regionId, round.id]);
    samples.push(performance.now() - t0);
  }
  return { ...latencyOf(samples), repeats, cells };
}

function loadTest(url: string, headers: Record<string, string>, opts: RollupBenchOptions): Promise<Result> {
  return new Promise((resolve, reject) => {
    const stop = () => instance.stop();
    const instance = autocannon(
      { url, headers, connections: opts.connections, duration: opts.duration, timeout: 10 },
      (err, result) => {
        opts.signal?.removeEventListener('abort', stop);
        if (err) reject(err);
        else resolve(result);
      },
    );
    opts.signal?.addEventListener('abort', stop, { once: true });
  });
}

async function settle(app: RunningApp): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const t0 = performance.now();
    const res = await fetch(`${app.baseUrl}/healthz`);
    await res.arrayBuffer();
    if (res.ok && performance.now() - t0 < 100) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `repeats` requests one after the other; every one must answer 200. */
async function sequential(
  app: RunningApp,
  e: RollupEndpoint,
  headers: Record<string, string>,
  repeats: number,
): Promise<RollupEndpointResult['sequential']> {
  const samples: number[] = [];
  for (let i = 0; i < repeats + 2; i++) {
    const t0 = performance.now();
    const res = await fetch(app.baseUrl + e.path, { headers, redirect: 'manual' });
    await res.arrayBuffer();
    const ms = performance.now() - t0;
    if (res.status !== 200) {
      const hint =
        res.status === 404 && e.group === 'rollup'
          ? ' (the insights routes are not there yet: insightsRoutes)'
          : '';
      throw new Error(`${e.name} ${e.path} answered ${res.status}${hint}`);
    }
    if (i >= 2) samples.push(ms);
  }
  return { ...latencyOf(samples), requests: samples.length };
}

async function measureEndpoints(
  target: BenchDatabase,
  users: Users,
  endpoints: readonly RollupEndpoint[],
  opts: RollupBenchOptions,
): Promise<RollupEndpointResult[]> {
  const log = opts.log ?? (() => {});
  const app = await startApp(target.env);
  try {
    const adminCookie = await signIn(app.baseUrl, users.admin.email, users.admin.password);
    const officerCookie = await signIn(app.baseUrl, users.officer.email, users.officer.password);
    const headersFor = (who: Who): Record<string, string> => {
      switch (who) {
        case 'admin-session':
          return { cookie: adminCookie };
        case 'officer-session':
          return { cookie: officerCookie };
        case 'admin-token':
          return { authorization: `Bearer ${users.admin.apiToken}` };
        case 'officer-token':
          return { authorization: `Bearer ${users.officer.apiToken}` };
        default:
          return {};
      }
    };
    const results: RollupEndpointResult[] = [];
    for (const e of endpoints) {
      if (opts.signal?.aborted) break;
      const headers = headersFor(e.who);
      const seq = await sequential(app, e, headers, opts.repeats ?? 50);
      const r = await loadTest(app.baseUrl + e.path, headers, opts);
      await settle(app);
      const exit = app.exitReport();
      if (exit) throw new Error(`while measuring ${e.path}, ${exit}`);
      const statusCodes: Record<string, number> = {};
      for (const [code, stat] of Object.entries(r.statusCodeStats)) statusCodes[code] = stat.count;
      const loaded = {
        requestsPerSec: r.requests.mean,
        requests: r.requests.total ?? 0,
        latencyMs: {
          p50: r.latency.p50,
          // autocannon reports p90 and p97.5, not p95: the upper one (conservative).
          p95: r.latency.p97_5,
          p99: r.latency.p99,
          mean: r.latency.mean,
          max: r.latency.max,
        },
        errors: r.errors,
        timeouts: r.timeouts,
        non2xx: r.non2xx,
        statusCodes,
      };
      log(
        `  ${e.name.padEnd(32)} 1 user p50 ${seq.p50} ms p95 ${seq.p95} ms; ${opts.connections} conn: ${Math.round(loaded.requestsPerSec)} req/s, p50 ${loaded.latencyMs.p50} ms, p97.5 ${loaded.latencyMs.p95} ms`,
      );
      results.push({ name: e.name, path: e.path, who: e.who, group: e.group, sequential: seq, loaded });
    }
    return results;
  } finally {
    await app.stop();
  }
}

/** Run the roll-up suite; writes bench/results/rollup-<timestamp>.json. */
export async function runRollupBench(
  opts: RollupBenchOptions,
): Promise<{ result: RollupBenchResult; file: string }> {
  const log = opts.log ?? (() => {});
  const sizes = [...new Set(opts.sizes)].sort((a, b) => a - b);
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('sizes must be positive whole numbers');
  if (!opts.serverUrl && sizes.some((n) => n > PGLITE_MAX_COMPANIES)) {
    const skipped = sizes.filter((n) => n > PGLITE_MAX_COMPANIES);
    log(
      `PGlite: skipping ${skipped.join(', ')} companies. Seeding mappings on PGlite runs at about 80 companies a second (10 000 in about 2 minutes), so 300 000 would take over an hour and some 4 GB; run those sizes on PostgreSQL (DATABASE_URL).`,
    );
    sizes.splice(0, sizes.length, ...sizes.filter((n) => n <= PGLITE_MAX_COMPANIES));
    if (sizes.length === 0)
      throw new Error(`on PGlite the roll-up suite runs up to ${PGLITE_MAX_COMPANIES} companies`);
  }
  const seed = opts.seed ?? DEFAULT_SEED;
  const repeats = opts.repeats ?? 50;
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg()[0];
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-rollup-'));
  let target: BenchDatabase | null = null;
  try {
    target = await createBenchDatabase({ serverUrl: opts.serverUrl, tempDir, startFrom: opts.startFrom });
    log(`Benchmark database: ${target.where}`);
    let users: Users | null = null;
    const results: RollupSizeResult[] = [];
    let current = 0;
    for (const [i, companies] of sizes.entries()) {
      if (opts.signal?.aborted) break;
      const add = companies - current;
      log(`Seeding ${add} companies (total ${companies}) and their mappings …`);
      const seeded = await withDatabase(target, async (db) => {
        if (!users) users = { admin: await prepareBenchDatabase(db), officer: await addOfficer(db) };
        const c = await seedSynthetic(db, { companies: add, seed });
        const m = await seedSyntheticMappings(db, { seed });
        const [totals] = await db.query<{ mappings: number; needs: number }>(
          `SELECT (SELECT count(*)::int FROM mappings) AS mappings, (SELECT count(*)::int FROM mapping_needs) AS needs`,
        );
        const floor = await measureFloor(db, repeats);
        return { companiesMs: c.ms, mappingsMs: m.ms, ...totals, floor };
      });
      if (!users) throw new Error('benchmark users missing');
      current = companies;
      log(
        `Seeded in ${(seeded.companiesMs / 1000).toFixed(1)} s + ${(seeded.mappingsMs / 1000).toFixed(1)} s (${seeded.mappings} mappings, ${seeded.needs} needs). Floor p50 ${seeded.floor.p50} ms, p95 ${seeded.floor.p95} ms (${seeded.floor.cells} cells).`,
      );
      const endpoints = [...ROLLUP_ENDPOINTS, ...(i === 0 && opts.pickers !== false ? PICKER_ENDPOINTS : [])];
      const measured = await measureEndpoints(target, users, endpoints, opts);
      results.push({
        companies,
        mappings: seeded.mappings,
        needs: seeded.needs,
        seeded: { companiesMs: Math.round(seeded.companiesMs), mappingsMs: Math.round(seeded.mappingsMs) },
        floor: seeded.floor,
        endpoints: measured,
      });
    }
    if (opts.signal?.aborted) throw new Error('benchmark aborted');
    const cpus = os.cpus();
    const result: RollupBenchResult = {
      schema: 'kompetensnavet-bench-rollup/1',
      startedAt,
      finishedAt: new Date().toISOString(),
      database: target.kind,
      environment: {
        node: process.versions.node,
        platform: `${os.platform()} ${os.release()}`,
        cpus: cpus.length,
        cpuModel: cpus[0]?.model.trim() ?? 'unknown',
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        loadAverage: { start: loadAtStart, end: os.loadavg()[0] },
      },
      options: { sizes, duration: opts.duration, connections: opts.connections, seed, repeats },
      results,
    };
    const dir = opts.resultsDir ?? ROLLUP_RESULTS_DIR;
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `rollup-${startedAt.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    return { result, file };
  } finally {
    await target?.drop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

const num = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The targets: ≤ 1.5 × the floor at the county scale (≤ 1 000 companies), p95 ≤ 300 ms at 300 000. */
export function verdict(size: RollupSizeResult, e: RollupEndpointResult): string {
  if (e.group !== 'rollup') return '';
  if (size.companies <= 1000)
    return e.sequential.p50 / Math.max(size.floor.p50, 0.01) <= 1.5 ? 'ok' : 'MISSED';
  if (size.companies >= 300_000) return e.loaded.latencyMs.p95 <= 300 ? 'ok' : 'MISSED';
  return '';
}

/** A fixed-width table: floor and endpoints per size, ratios to the floor (roll-up) or to /livez (pickers). */
export function formatRollupTable(result: RollupBenchResult): string {
  const header = [
    'companies',
    'endpoint',
    '1-user p50',
    'p95',
    'ratio',
    `req/s`,
    'p50',
    'p97.5',
    'p99',
    'non-2xx',
    'target',
  ];
  const rows: string[][] = [];
  for (const size of result.results) {
    const livez = size.endpoints.find((e) => e.name === 'livez');
    rows.push([
      num(size.companies),
      'floor: SQL GROUP BY',
      num(size.floor.p50, 2),
      num(size.floor.p95, 2),
      '1.00',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
    for (const e of size.endpoints) {
      const base =
        e.group === 'picker' ? livez?.sequential.p50 : e.group === 'rollup' ? size.floor.p50 : undefined;
      rows.push([
        num(size.companies),
        e.name,
        num(e.sequential.p50, 2),
        num(e.sequential.p95, 2),
        base ? num(e.sequential.p50 / Math.max(base, 0.01), 2) : '',
        num(e.loaded.requestsPerSec),
        num(e.loaded.latencyMs.p50),
        num(e.loaded.latencyMs.p95),
        num(e.loaded.latencyMs.p99),
        num(e.loaded.non2xx + e.loaded.errors + e.loaded.timeouts),
        verdict(size, e),
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [
    `${result.database}, ${result.options.connections} connections × ${result.options.duration} s, ${result.options.repeats} sequential requests per endpoint, ${result.environment.cpus} × ${result.environment.cpuModel}, Node ${result.environment.node}`,
    `load average ${num(result.environment.loadAverage.start, 2)} at start, ${num(result.environment.loadAverage.end, 2)} at end`,
    ...result.results.map(
      (s) =>
        `${num(s.companies)} companies: ${num(s.mappings)} mappings, ${num(s.needs)} needs; seeded companies ${num(s.seeded.companiesMs / 1000, 1)} s, mappings ${num(s.seeded.mappingsMs / 1000, 1)} s`,
    ),
    'ratio: 1-user p50 / floor p50 (roll-up) or / livez p50 (pickers); req/s and p50/p97.5/p99 under load; ms',
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}
