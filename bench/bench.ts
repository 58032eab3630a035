// The company-list benchmark: a throw-away database seeded with synthetic companies, the real app in a
// child process on 127.0.0.1, a signed-in region admin, and autocannon runs of fixed duration.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { DEFAULT_SEED, seedSynthetic } from '../src/demo/synthetic.ts';
import {
  type BenchDatabase,
  type BenchUser,
  createBenchDatabase,
  prepareBenchDatabase,
  type StartFrom,
  withDatabase,
} from './database.ts';
import {
  type BenchResult,
  type EndpointResult,
  loadSummary,
  type SizeResult,
  writeResult,
} from './report.ts';
import { type RunningApp, signIn, startApp } from './server.ts';

export const RESULTS_DIR = path.resolve(import.meta.dirname, 'results');

export interface BenchOptions {
  /** Company counts to measure at, ascending; each size adds companies to the previous one. */
  sizes: number[];
  /** Seconds per endpoint. */
  duration: number;
  connections: number;
  /** A PostgreSQL server to create the throw-away database on; PGlite in a temporary directory without it. */
  serverUrl?: string;
  resultsDir?: string;
  seed?: number;
  /** Sequential requests per endpoint before measuring (they also check every answer is a 200). */
  warmupRequests?: number;
  /** Start from a migrated copy instead of an empty database (the test suite's snapshot or template). */
  startFrom?: StartFrom;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

interface Endpoint {
  name: string;
  path: string;
  auth: EndpointResult['auth'];
}

export const ENDPOINTS: readonly Endpoint[] = [
  { name: 'livez', path: '/livez', auth: 'none' },
  { name: 'list', path: '/companies', auth: 'session' },
  { name: 'list-filtered', path: '/companies?municipality=0781&status=active', auth: 'session' },
  { name: 'list-search', path: '/companies?q=plast', auth: 'session' },
  { name: 'list-page-50', path: '/companies?page=50', auth: 'session' },
  { name: 'api-list', path: '/api/v1/companies', auth: 'api_token' },
];

/** autocannon's own default; a request slower than this counts as a timeout (an error). */
const REQUEST_TIMEOUT_S = 10;
const SETTLE_TIMEOUT_MS = 60_000;

function measure(url: string, headers: Record<string, string>, opts: BenchOptions): Promise<Result> {
  return new Promise((resolve, reject) => {
    const stop = () => instance.stop();
    const instance = autocannon(
      { url, headers, connections: opts.connections, duration: opts.duration, timeout: REQUEST_TIMEOUT_S },
      (err, result) => {
        opts.signal?.removeEventListener('abort', stop);
        if (err) reject(err);
        else resolve(result);
      },
    );
    opts.signal?.addEventListener('abort', stop, { once: true });
  });
}

/**
 * Requests the client gave up on (timeouts) are still being served: wait until the database answers
 * promptly again, so one endpoint's backlog does not count against the next.
 */
export async function settle(app: RunningApp): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const started = performance.now();
    const res = await fetch(`${app.baseUrl}/healthz`);
    await res.arrayBuffer();
    if (res.ok && performance.now() - started < 100) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function toEndpointResult(e: Endpoint, r: Result): EndpointResult {
  return {
    name: e.name,
    method: 'GET',
    path: e.path,
    auth: e.auth,
    ...loadSummary(r),
    bytesPerSec: r.throughput.mean,
  };
}

/** Sequential requests that warm the app up and prove every endpoint answers 200 as expected. */
async function warmUp(
  app: RunningApp,
  headers: (e: Endpoint) => Record<string, string>,
  opts: { companies: number; requests: number },
): Promise<void> {
  const { companies } = opts;
  for (const e of ENDPOINTS) {
    for (let i = 0; i < Math.max(1, opts.requests); i++) {
      const res = await fetch(app.baseUrl + e.path, { headers: headers(e), redirect: 'manual' });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${e.path} answered ${res.status} during warm-up`);
      if (e.auth === 'api_token' && i === 0) {
        const total = (JSON.parse(body) as { total?: unknown }).total;
        if (total !== companies)
          throw new Error(`${e.path} reports ${String(total)} companies, expected ${companies}`);
      }
    }
  }
}

/** One autocannon run and the wait for the app to settle; an app that died says why. */
async function measureEndpoint(
  app: RunningApp,
  e: Endpoint,
  headers: Record<string, string>,
  opts: BenchOptions,
): Promise<EndpointResult> {
  try {
    const r = toEndpointResult(e, await measure(app.baseUrl + e.path, headers, opts));
    await settle(app);
    const exit = app.exitReport();
    if (exit) throw new Error(exit);
    return r;
  } catch (err) {
    const exit = app.exitReport();
    throw exit ? new Error(`while measuring ${e.path}, ${exit}`, { cause: err }) : err;
  }
}

async function measureSize(
  target: BenchDatabase,
  user: BenchUser,
  companies: number,
  opts: BenchOptions,
): Promise<EndpointResult[]> {
  const log = opts.log ?? (() => {});
  const app = await startApp(target.env);
  try {
    const cookie = await signIn(app.baseUrl, user.email, user.password);
    const headers = (e: Endpoint): Record<string, string> =>
      e.auth === 'session'
        ? { cookie }
        : e.auth === 'api_token'
          ? { authorization: `Bearer ${user.apiToken}` }
          : {};
    await warmUp(app, headers, { companies, requests: opts.warmupRequests ?? 10 });
    const results: EndpointResult[] = [];
    for (const e of ENDPOINTS) {
      if (opts.signal?.aborted) break;
      const r = await measureEndpoint(app, e, headers(e), opts);
      log(
        `  ${e.name.padEnd(14)} ${Math.round(r.requestsPerSec)} req/s, p50 ${r.latencyMs.p50} ms, p97.5 ${r.latencyMs.p97_5} ms`,
      );
      results.push(r);
    }
    return results;
  } finally {
    await app.stop();
  }
}

function validSizes(sizes: number[]): number[] {
  const sorted = [...new Set(sizes)].sort((a, b) => a - b);
  if (sorted.length === 0 || sorted.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('sizes must be positive whole numbers');
  return sorted;
}

/** Run the whole benchmark, write bench/results/<timestamp>.json and return the result and its path. */
export async function runBench(opts: BenchOptions): Promise<{ result: BenchResult; file: string }> {
  const log = opts.log ?? (() => {});
  const sizes = validSizes(opts.sizes);
  const seed = opts.seed ?? DEFAULT_SEED;
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg()[0];
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-'));
  let target: BenchDatabase | null = null;
  try {
    target = await createBenchDatabase({ serverUrl: opts.serverUrl, tempDir, startFrom: opts.startFrom });
    log(`Benchmark database: ${target.where}`);
    let user: BenchUser | null = null;
    const results: SizeResult[] = [];
    let current = 0;
    for (const companies of sizes) {
      if (opts.signal?.aborted) break;
      const add = companies - current;
      log(`Seeding ${add} companies (total ${companies}) …`);
      const seeded = await withDatabase(target, async (db) => {
        user ??= await prepareBenchDatabase(db);
        return seedSynthetic(db, { companies: add, seed });
      });
      if (!user) throw new Error('benchmark user missing');
      current = companies;
      log(
        `Seeded in ${(seeded.ms / 1000).toFixed(1)} s. Measuring ${ENDPOINTS.length} endpoints, ${opts.duration} s each:`,
      );
      const endpoints = await measureSize(target, user, companies, opts);
      results.push({ companies, seeded: { companies: add, ms: Math.round(seeded.ms) }, endpoints });
    }
    if (opts.signal?.aborted) throw new Error('benchmark aborted');
    const cpus = os.cpus();
    const result: BenchResult = {
      schema: 'kompetensnavet-bench/1',
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
      options: { sizes, duration: opts.duration, connections: opts.connections, seed },
      results,
    };
    return { result, file: writeResult(result, opts.resultsDir ?? RESULTS_DIR) };
  } finally {
    await target?.drop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}
