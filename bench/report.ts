// The benchmark's result document (written as JSON) and its text table.
import fs from 'node:fs';
import path from 'node:path';
import type { Result } from 'autocannon';

/** What one autocannon run measured: mean req/s of its per-second samples, latencies, failures by kind. */
export interface LoadSummary {
  requestsPerSec: number;
  requests: number;
  latencyMs: { mean: number; p50: number; p90: number; p97_5: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

export function loadSummary(r: Result): LoadSummary {
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(r.statusCodeStats)) statusCodes[code] = stat.count;
  const { mean, p50, p90, p97_5, p99, max } = r.latency;
  return {
    requestsPerSec: r.requests.mean,
    requests: r.requests.total ?? 0,
    latencyMs: { mean, p50, p90, p97_5, p99, max },
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    statusCodes,
  };
}

export interface EndpointResult extends LoadSummary {
  name: string;
  method: 'GET';
  path: string;
  auth: 'none' | 'session' | 'api_token';
  bytesPerSec: number;
}

export interface SizeResult {
  companies: number;
  /** Companies added by the synthetic seeder for this size, and how long it took (VACUUM ANALYZE included). */
  seeded: { companies: number; ms: number };
  endpoints: EndpointResult[];
}

export interface BenchResult {
  schema: 'kompetensnavet-bench/1';
  startedAt: string;
  finishedAt: string;
  database: 'pglite' | 'postgres';
  environment: {
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    /** 1-minute load average before and after: a busy machine skews every figure. */
    loadAverage: { start: number; end: number };
  };
  options: { sizes: number[]; duration: number; connections: number; seed: number };
  results: SizeResult[];
}

const num = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A fixed-width table: one row per size and endpoint. */
export function formatTable(result: BenchResult): string {
  const header = [
    'companies',
    'endpoint',
    'req/s',
    'p50 ms',
    'p97.5 ms',
    'p99 ms',
    'max ms',
    'errors',
    'non-2xx',
  ];
  const rows = result.results.flatMap((size) =>
    size.endpoints.map((e) => [
      num(size.companies),
      e.name,
      num(e.requestsPerSec),
      num(e.latencyMs.p50),
      num(e.latencyMs.p97_5),
      num(e.latencyMs.p99),
      num(e.latencyMs.max),
      num(e.errors + e.timeouts),
      num(e.non2xx),
    ]),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const seeding = result.results.map(
    (s) =>
      `seeded ${num(s.seeded.companies)} companies in ${num(s.seeded.ms / 1000, 1)} s (total ${num(s.companies)})`,
  );
  return [
    `${result.database}, ${result.options.connections} connections, ${result.options.duration} s per endpoint, ${result.environment.cpus} × ${result.environment.cpuModel}, Node ${result.environment.node}`,
    `load average ${num(result.environment.loadAverage.start, 2)} at start, ${num(result.environment.loadAverage.end, 2)} at end`,
    ...seeding,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}

/** bench/results/2026-11-28T09-40-12-345Z.json (or in `dir`). */
export function writeResult(result: BenchResult, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${result.startedAt.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
