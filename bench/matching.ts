// Issue 5 benchmark: needs-to-course matching for every company through the product's own code path
// (getMatches, in-process) against its floor, one indexed SQL join of the same needs and courses in the
// same run; the per-company suggestion page (HTML and API) over HTTP; and concurrent enrolment over HTTP
// (`requests` simultaneous POSTs for `seats` seats → exactly `seats` enrolled, the rest waitlisted).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SEED, seedSynthetic } from '../src/demo/synthetic.ts';
import { seedSyntheticCourses } from '../src/demo/synthetic-courses.ts';
import { seedSyntheticMappings } from '../src/demo/synthetic-mappings.ts';
import { ensureRegion } from '../src/domains/organisations/index.ts';
import {
  type BenchDatabase,
  createBenchDatabase,
  prepareBenchDatabase,
  type StartFrom,
  withDatabase,
} from './database.ts';
import {
  addContact,
  enrolAtOnce,
  type InProcessResult,
  type MatchingEndpointResult,
  measureInProcess,
  measurePages,
  prepareEnrolment,
  type Users,
} from './matching-measure.ts';
import { PGLITE_MAX_COMPANIES, ROLLUP_RESULTS_DIR } from './rollup.ts';
import { startApp } from './server.ts';

export { MATCHING_ENDPOINTS, MATCHING_FLOOR_SQL } from './matching-measure.ts';

export interface MatchingSizeResult {
  companies: number;
  courses: number;
  needs: number;
  seeded: { companiesMs: number; mappingsMs: number; coursesMs: number };
  product: InProcessResult['product'];
  floor: InProcessResult['floor'];
  /** product.totalMs / floor.p50. */
  ratio: number;
  endpoints: MatchingEndpointResult[];
  enrolment: {
    seats: number;
    requests: number;
    wallMs: number;
    /** From the API answers. */
    answered: { enrolled: number; waitlisted: number; errors: number; statusCodes: Record<string, number> };
    /** Counted in the database afterwards. */
    database: { enrolled: number; waitlisted: number };
  };
}

export interface MatchingBenchResult {
  schema: 'kompetensnavet-bench-matching/1';
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
  options: {
    sizes: number[];
    courses: number;
    duration: number;
    connections: number;
    seed: number;
    sample: number;
    repeats: number;
    seats: number;
    requests: number;
  };
  results: MatchingSizeResult[];
}

export interface MatchingBenchOptions {
  sizes: number[];
  /** Synthetic approved courses (default 5 000), seeded once before the first size. */
  courses?: number;
  duration: number;
  connections: number;
  serverUrl?: string;
  resultsDir?: string;
  seed?: number;
  /** Companies whose suggestion page is requested one by one (default 50). */
  sample?: number;
  /** Floor repetitions after one unmeasured run (default 3). */
  repeats?: number;
  seats?: number;
  requests?: number;
  startFrom?: StartFrom;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

/** Run the matching suite; writes bench/results/matching-<timestamp>.json. */
export async function runMatchingBench(
  opts: MatchingBenchOptions,
): Promise<{ result: MatchingBenchResult; file: string }> {
  const log = opts.log ?? (() => {});
  let sizes = [...new Set(opts.sizes)].sort((a, b) => a - b);
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('sizes must be positive whole numbers');
  if (!opts.serverUrl && sizes.some((n) => n > PGLITE_MAX_COMPANIES)) {
    log(
      `PGlite: skipping sizes above ${PGLITE_MAX_COMPANIES} companies; run those on PostgreSQL (DATABASE_URL).`,
    );
    sizes = sizes.filter((n) => n <= PGLITE_MAX_COMPANIES);
    if (sizes.length === 0)
      throw new Error(`on PGlite the matching suite runs up to ${PGLITE_MAX_COMPANIES} companies`);
  }
  const seed = opts.seed ?? DEFAULT_SEED;
  const courses = opts.courses ?? 5000;
  const sampleSize = opts.sample ?? 50;
  const seats = opts.seats ?? 20;
  const repeats = opts.repeats ?? 3;
  const requests = opts.requests ?? 200;
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg()[0];
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-matching-'));
  let target: BenchDatabase | null = null;
  try {
    target = await createBenchDatabase({ serverUrl: opts.serverUrl, tempDir, startFrom: opts.startFrom });
    log(`Benchmark database: ${target.where}`);
    let users: Users | null = null;
    let coursesMs = 0;
    const results: MatchingSizeResult[] = [];
    let current = 0;
    for (const companies of sizes) {
      if (opts.signal?.aborted) break;
      log(
        `Seeding ${companies - current} companies (total ${companies}), their mappings${users ? '' : ` and ${courses} courses`} …`,
      );
      const prepared = await withDatabase(target, async (db) => {
        let admin: Users['admin'] | null = users?.admin ?? null;
        if (!admin) {
          const u = await prepareBenchDatabase(db);
          const [row] = await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [u.email]);
          admin = { ...u, id: row.id };
          coursesMs = (await seedSyntheticCourses(db, { courses, seed })).ms;
        }
        const regionId = await ensureRegion(db, '07');
        const c = await seedSynthetic(db, { companies: companies - current, seed });
        const m = await seedSyntheticMappings(db, { seed });
        const contact = users?.contact ?? (await addContact(db));
        const [totals] = await db.query<{ needs: number; courses: number }>(
          `SELECT (SELECT count(*)::int FROM mapping_needs) AS needs,
                  (SELECT count(*)::int FROM courses WHERE status = 'approved') AS courses`,
        );
        log(
          `Seeded in ${(c.ms / 1000).toFixed(1)} s + ${(m.ms / 1000).toFixed(1)} s (${totals.needs} needs, ${totals.courses} approved courses). Matching every company in-process …`,
        );
        const inProcess = await measureInProcess(db, admin.id, regionId, repeats, log);
        const enrol = await prepareEnrolment(db, regionId, contact.companyId, seats, requests);
        return { regionId, admin, contact, c, m, totals, inProcess, enrol };
      });
      users = { admin: prepared.admin, contact: prepared.contact };
      current = companies;
      const { product, floor, ratio, companyIds } = prepared.inProcess;
      log(
        `  getMatches: ${product.companies} companies in ${(product.totalMs / 1000).toFixed(1)} s (p50 ${product.p50} ms, p95 ${product.p95} ms); floor join p50 ${floor.p50} ms (${floor.pairs} company × course pairs); ratio ${ratio}`,
      );
      // An even spread over the companies (sorted by id, so effectively random).
      const step = Math.max(1, Math.floor(companyIds.length / sampleSize));
      const sample = companyIds.filter((_, i) => i % step === 0).slice(0, sampleSize);
      const app = await startApp(target.env);
      let endpoints: MatchingEndpointResult[];
      let enrolled: Awaited<ReturnType<typeof enrolAtOnce>>;
      try {
        endpoints = await measurePages(app, users, sample, opts);
        enrolled = await enrolAtOnce(
          app,
          users.contact.apiToken,
          prepared.enrol.occasionId,
          prepared.enrol.learnerIds,
        );
        const exit = app.exitReport();
        if (exit) throw new Error(`during the enrolment, ${exit}`);
      } finally {
        await app.stop();
      }
      const counts = await withDatabase(target, (db) =>
        db.query<{ status: string; n: number }>(
          'SELECT status, count(*)::int AS n FROM enrolments WHERE occasion_id = $1 GROUP BY status',
          [prepared.enrol.occasionId],
        ),
      );
      const inDb = Object.fromEntries(counts.map((r) => [r.status, r.n]));
      const enrolment = {
        seats,
        requests,
        wallMs: enrolled.wallMs,
        answered: enrolled.answered,
        database: { enrolled: inDb.enrolled ?? 0, waitlisted: inDb.waitlisted ?? 0 },
      };
      log(
        `  enrolment: ${requests} simultaneous requests for ${seats} seats in ${enrolled.wallMs} ms → ${enrolment.database.enrolled} enrolled, ${enrolment.database.waitlisted} waitlisted, ${enrolled.answered.errors} errors`,
      );
      results.push({
        companies,
        courses: prepared.totals.courses,
        needs: prepared.totals.needs,
        seeded: {
          companiesMs: Math.round(prepared.c.ms),
          mappingsMs: Math.round(prepared.m.ms),
          coursesMs: Math.round(coursesMs),
        },
        product,
        floor,
        ratio,
        endpoints,
        enrolment,
      });
    }
    if (opts.signal?.aborted) throw new Error('benchmark aborted');
    const cpus = os.cpus();
    const result: MatchingBenchResult = {
      schema: 'kompetensnavet-bench-matching/1',
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
      options: {
        sizes,
        courses,
        duration: opts.duration,
        connections: opts.connections,
        seed,
        sample: sampleSize,
        repeats,
        seats,
        requests,
      },
      results,
    };
    const dir = opts.resultsDir ?? ROLLUP_RESULTS_DIR;
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `matching-${startedAt.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    return { result, file };
  } finally {
    await target?.drop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

const num = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Page p95 ≤ 300 ms (one user); enrolment exactly `seats` enrolled, the rest waitlisted, no error. */
export function enrolmentOk(e: MatchingSizeResult['enrolment']): boolean {
  return (
    e.answered.errors === 0 &&
    e.answered.enrolled === e.seats &&
    e.database.enrolled === e.seats &&
    e.database.waitlisted === e.requests - e.seats
  );
}

export function formatMatchingTable(result: MatchingBenchResult): string {
  const header = [
    'companies',
    'measure',
    'p50',
    'p95',
    'total / ratio',
    'req/s',
    'p97.5',
    'non-2xx',
    'target',
  ];
  const rows: string[][] = [];
  for (const s of result.results) {
    const c = num(s.companies);
    rows.push([
      c,
      'getMatches, every company',
      num(s.product.p50, 2),
      num(s.product.p95, 2),
      `${num(s.product.totalMs)} ms`,
      '',
      '',
      '',
      '',
    ]);
    rows.push([
      c,
      'floor: one SQL join',
      num(s.floor.p50, 2),
      num(s.floor.p95, 2),
      `× ${num(s.ratio, 1)}`,
      '',
      '',
      '',
      '',
    ]);
    for (const e of s.endpoints)
      rows.push([
        c,
        e.name,
        num(e.sequential.p50, 2),
        num(e.sequential.p95, 2),
        '',
        num(e.loaded.requestsPerSec),
        num(e.loaded.latencyMs.p95),
        num(e.loaded.non2xx + e.loaded.errors + e.loaded.timeouts),
        e.sequential.p95 <= 300 ? 'ok' : 'MISSED',
      ]);
    const en = s.enrolment;
    rows.push([
      c,
      `enrol ${en.requests} at once, ${en.seats} seats`,
      '',
      '',
      `${num(en.wallMs)} ms`,
      '',
      '',
      num(en.answered.errors),
      `${en.database.enrolled}+${en.database.waitlisted} ${enrolmentOk(en) ? 'ok' : 'MISSED'}`,
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((x, i) => (i < 2 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
  return [
    `${result.database}, ${result.options.courses} courses, ${result.options.connections} connections × ${result.options.duration} s, ${result.options.sample} sampled companies per page, ${result.environment.cpus} × ${result.environment.cpuModel}, Node ${result.environment.node}`,
    `load average ${num(result.environment.loadAverage.start, 2)} at start, ${num(result.environment.loadAverage.end, 2)} at end`,
    ...result.results.map(
      (s) =>
        `${num(s.companies)} companies: ${num(s.needs)} needs, ${num(s.courses)} approved courses, ${num(s.floor.pairs)} company × course pairs; seeded companies ${num(s.seeded.companiesMs / 1000, 1)} s, mappings ${num(s.seeded.mappingsMs / 1000, 1)} s, courses ${num(s.seeded.coursesMs / 1000, 1)} s`,
    ),
    'p50/p95: per company (getMatches), per run (floor), one user (pages); ratio: getMatches total / floor p50; p97.5 under load; ms',
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}
