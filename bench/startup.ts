// The start-up and memory benchmark (`npm run bench -- --suite startup`): the real app (src/main.ts with the
// demo data on, as `npm start` runs it) on an empty data directory or database — time to the first page
// served, which includes migrations, reference data and the demo seed — then stopped and started again on
// the same data (a later start), and its resident memory at idle and under load (autocannon on the public
// course catalogue and the sign-in page).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { RESULTS_DIR } from './bench.ts';
import { createBenchDatabase } from './database.ts';
import { type RunningApp, startApp } from './server.ts';

export interface StartupOptions {
  serverUrl?: string;
  /** Seconds of load for the memory-under-load figure. */
  duration: number;
  connections: number;
  resultsDir?: string;
  log?: (line: string) => void;
}

export interface StartRun {
  /** Spawn → the app printed that it listens. */
  listeningMs: number;
  /** Spawn → the first page (GET /kurser) answered 200. */
  firstPageMs: number;
}

export interface StartupResult {
  schema: 'kompetensnavet-bench-startup/1';
  startedAt: string;
  database: 'pglite' | 'postgres';
  environment: { node: string; cpus: number; cpuModel: string; loadAverage: { start: number; end: number } };
  firstStart: StartRun;
  laterStart: StartRun;
  /** Resident set size of the app process, MB. */
  memoryMb: { idle: number; underLoadMax: number; afterLoad: number };
  load: { url: string; requestsPerSec: number; p99Ms: number; non2xx: number; errors: number };
}

/** VmRSS of a process in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/^VmRSS:\s+(\d+)\s+kB/m)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

async function firstPage(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${baseUrl}/kurser`).catch(() => null);
    if (res) await res.arrayBuffer();
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the first page did not answer 200 within 60 s');
}

async function timedStart(env: Record<string, string>): Promise<{ app: RunningApp; run: StartRun }> {
  const t0 = performance.now();
  const app = await startApp({ ...env, DEMO_DATA: 'on', DEMO_PASSWORD: 'Bench-lösenord-2026!' });
  const listeningMs = Math.round(performance.now() - t0);
  await firstPage(app.baseUrl);
  return { app, run: { listeningMs, firstPageMs: Math.round(performance.now() - t0) } };
}

/** Run the suite; writes bench/results/<date>-<db>-startup.json. */
export async function runStartupBench(
  opts: StartupOptions,
): Promise<{ result: StartupResult; file: string }> {
  const log = opts.log ?? (() => {});
  const startedAt = new Date().toISOString();
  const loadStart = os.loadavg()[0] ?? 0;
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-startup-'));
  let target: Awaited<ReturnType<typeof createBenchDatabase>> | null = null;
  let app: RunningApp | null = null;
  try {
    target = await createBenchDatabase({ serverUrl: opts.serverUrl, tempDir });
    log(`Start-up on ${target.where} (empty)`);
    const first = await timedStart(target.env);
    await first.app.stop();
    log(
      `  first start: listening after ${first.run.listeningMs} ms, first page after ${first.run.firstPageMs} ms`,
    );
    const later = await timedStart(target.env);
    app = later.app;
    log(
      `  later start: listening after ${later.run.listeningMs} ms, first page after ${later.run.firstPageMs} ms`,
    );
    await new Promise((r) => setTimeout(r, 3000));
    const idle = rssMb(app.pid);
    let underLoadMax = idle;
    const running = app;
    const sampler = setInterval(() => {
      underLoadMax = Math.max(underLoadMax, rssMb(running.pid));
    }, 500);
    const url = `${app.baseUrl}/kurser?q=svets`;
    const r = await new Promise<Result>((resolve, reject) =>
      autocannon({ url, connections: opts.connections, duration: opts.duration, timeout: 10 }, (err, res) =>
        err ? reject(err) : resolve(res),
      ),
    );
    clearInterval(sampler);
    const afterLoad = rssMb(app.pid);
    log(`  memory: idle ${idle} MB, under load up to ${underLoadMax} MB, after ${afterLoad} MB`);
    const cpus = os.cpus();
    const result: StartupResult = {
      schema: 'kompetensnavet-bench-startup/1',
      startedAt,
      database: target.kind,
      environment: {
        node: process.versions.node,
        cpus: cpus.length,
        cpuModel: cpus[0]?.model.trim() ?? 'unknown',
        loadAverage: { start: loadStart, end: os.loadavg()[0] ?? 0 },
      },
      firstStart: first.run,
      laterStart: later.run,
      memoryMb: { idle, underLoadMax, afterLoad },
      load: {
        url: '/kurser?q=svets',
        requestsPerSec: Math.round(r.requests.mean),
        p99Ms: r.latency.p99,
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
      },
    };
    const dir = opts.resultsDir ?? RESULTS_DIR;
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${startedAt.slice(0, 10)}-${target.kind}-startup.json`);
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    return { result, file };
  } finally {
    await app?.stop();
    await target?.drop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

export function formatStartupTable(r: StartupResult): string {
  return [
    `${r.database}; load average ${r.environment.loadAverage.start.toFixed(1)} → ${r.environment.loadAverage.end.toFixed(1)}`,
    '',
    '| measure | value |',
    '| --- | ---: |',
    `| first start (empty), to listening | ${r.firstStart.listeningMs} ms |`,
    `| first start (empty), to first page | ${r.firstStart.firstPageMs} ms |`,
    `| later start, to listening | ${r.laterStart.listeningMs} ms |`,
    `| later start, to first page | ${r.laterStart.firstPageMs} ms |`,
    `| resident memory at idle | ${r.memoryMb.idle} MB |`,
    `| resident memory under load (max) | ${r.memoryMb.underLoadMax} MB |`,
    `| resident memory after load | ${r.memoryMb.afterLoad} MB |`,
    `| load: ${r.load.url} | ${r.load.requestsPerSec} req/s, p99 ${r.load.p99Ms} ms, ${r.load.non2xx} non-2xx, ${r.load.errors} errors |`,
  ].join('\n');
}
