import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../test/db.ts';
import { type Db, openPglite, openPostgres } from './db.ts';
import {
  backoffSeconds,
  enqueue,
  errorSummary,
  type JobHandler,
  listJobs,
  periodStart,
  retryJob,
  startWorker,
} from './jobs.ts';
import { createLogger } from './logger.ts';
import { createMailer } from './mail.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const logger = createLogger('silent');
const deps = { mailer: createMailer({ from: 'test@kompetensnavet.local' }), baseUrl: 'http://localhost' };

let db: Db;
beforeAll(async () => {
  db = await testDb();
  await db.exec(
    'CREATE TABLE job_test_runs (id serial PRIMARY KEY, job_id uuid NOT NULL, worker text NOT NULL)',
  );
});
afterAll(async () => {
  await db.close();
});

/** The URL of the test's own PostgreSQL database (PostgreSQL pass only). */
async function ownUrl(d: Db): Promise<string> {
  const [row] = await d.query<{ name: string }>('SELECT current_database() AS name');
  const url = new URL(process.env.DATABASE_URL ?? '');
  url.pathname = `/${row?.name}`;
  return url.toString();
}

/** A second connection to the same database, as a restarted process would open it. */
async function reopen(d: Db): Promise<Db> {
  if (d.kind === 'postgres') return openPostgres(await ownUrl(d), 2);
  if (!d.snapshot) throw new Error('no snapshot');
  return (await openPglite({ loadDataDir: new Blob([(await d.snapshot()).slice()]) })).db;
}

const manual = (handlers: Record<string, JobHandler>, workerId = 'test-worker') =>
  startWorker({ db, handlers, deps, logger, workerId, autoStart: false });

async function job(id: string) {
  const [row] = await db.query<{
    status: string;
    attempts: number;
    last_error: string | null;
    run_at: Date;
    finished_at: Date | null;
  }>('SELECT status, attempts, last_error, run_at, finished_at FROM jobs WHERE id = $1', [id]);
  return row;
}

describe('enqueue and run', () => {
  it('runs a due job once with its payload, and not a job scheduled for later', async () => {
    const seen: unknown[] = [];
    const now = await enqueue(db, { name: 't.echo', payload: { n: 1 } });
    const later = await enqueue(db, { name: 't.echo', runAt: new Date(Date.now() + 3600_000) });
    const w = manual({ 't.echo': async ({ payload, attempt }) => void seen.push({ payload, attempt }) });
    expect(await w.runOnce()).toBe(1);
    expect(await w.runOnce()).toBe(0);
    expect(seen).toEqual([{ payload: { n: 1 }, attempt: 1 }]);
    expect((await job(now ?? ''))?.status).toBe('done');
    expect((await job(later ?? ''))?.status).toBe('queued');
  });

  it('a unique key is enqueued once', async () => {
    const a = await enqueue(db, { name: 't.once', uniqueKey: 't.once:1' });
    const b = await enqueue(db, { name: 't.once', uniqueKey: 't.once:1' });
    expect(a).toBeTypeOf('string');
    expect(b).toBeNull();
    const rows = await db.query(`SELECT 1 FROM jobs WHERE unique_key = 't.once:1'`);
    expect(rows).toHaveLength(1);
    await db.query(`DELETE FROM jobs WHERE name = 't.once'`);
  });

  it('a job survives a restart: enqueued before, run by the worker of the reopened database', async () => {
    const id = await enqueue(db, { name: 't.restart', payload: { k: 'v' } });
    const reopened = await reopen(db);
    try {
      const ran: string[] = [];
      const w = startWorker({
        db: reopened,
        handlers: { 't.restart': async ({ jobId }) => void ran.push(jobId) },
        deps,
        logger,
        autoStart: false,
      });
      expect(await w.runOnce()).toBe(1);
      expect(ran).toEqual([id]);
      const [row] = await reopened.query<{ status: string }>('SELECT status FROM jobs WHERE id = $1', [id]);
      expect(row?.status).toBe('done');
    } finally {
      await reopened.close();
      // On PGlite the reopened database is a copy: settle the original's row for the next tests.
      await db.query(`UPDATE jobs SET status = 'done' WHERE id = $1`, [id]);
    }
  });

  it('a job of a worker that died mid-run is claimed again once its lease has expired', async () => {
    const id = (await enqueue(db, { name: 't.lease' })) ?? '';
    await db.query(
      `UPDATE jobs SET status = 'running', attempts = 1, locked_by = 'dead-worker',
              locked_until = now() + interval '1 minute' WHERE id = $1`,
      [id],
    );
    const ran: number[] = [];
    const w = manual({ 't.lease': async ({ attempt }) => void ran.push(attempt) });
    expect(await w.runOnce()).toBe(0); // the lease still holds
    await db.query(`UPDATE jobs SET locked_until = now() - interval '1 second' WHERE id = $1`, [id]);
    expect(await w.runOnce()).toBe(1);
    expect(ran).toEqual([2]);
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('a failure retries with back-off and fails after max attempts with the error kept', async () => {
    const id = (await enqueue(db, { name: 't.fail', maxAttempts: 2 })) ?? '';
    const w = manual({
      't.fail': async () => {
        throw new Error('SMTP refused for karin@example.test, 19121212-1212');
      },
    });
    const before = Date.now();
    expect(await w.runOnce()).toBe(1);
    const first = await job(id);
    expect(first).toMatchObject({ status: 'queued', attempts: 1, finished_at: null });
    expect(first?.last_error).toBe('Error: SMTP refused for [address], [number]');
    expect(new Date(first?.run_at ?? 0).getTime()).toBeGreaterThanOrEqual(before + 29_000);
    expect(await w.runOnce()).toBe(0); // not due yet
    await db.query('UPDATE jobs SET run_at = now() WHERE id = $1', [id]);
    expect(await w.runOnce()).toBe(1);
    const second = await job(id);
    expect(second).toMatchObject({ status: 'failed', attempts: 2 });
    expect(second?.finished_at).not.toBeNull();
    expect(backoffSeconds(1)).toBe(30);
    expect(backoffSeconds(3)).toBe(120);
    expect(backoffSeconds(20)).toBe(3600);
  });

  it('a job without a handler fails at once with a clear error', async () => {
    const id = (await enqueue(db, { name: 't.unknown' })) ?? '';
    expect(await manual({}).runOnce()).toBe(1);
    expect(await job(id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'Error: No handler for job "t.unknown"',
    });
  });

  it('a job whose last attempt lost its lease is failed, not run again', async () => {
    const id = (await enqueue(db, { name: 't.lastlease', maxAttempts: 1 })) ?? '';
    await db.query(
      `UPDATE jobs SET status = 'running', attempts = 1, locked_by = 'dead',
              locked_until = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
    const ran: string[] = [];
    expect(await manual({ 't.lastlease': async () => void ran.push('x') }).runOnce()).toBe(0);
    expect(ran).toEqual([]);
    expect((await job(id))?.status).toBe('failed');
  });

  it('retryJob queues a failed job again, in scope only; listJobs filters by status', async () => {
    // A region organisation straight into the table: the platform knows no domain, not even in its tests.
    const regionId = randomUUID();
    await db.query(
      `INSERT INTO organisations (id, kind, name, code, region_id) VALUES ($1, 'region', 'Testregionen', NULL, $1)`,
      [regionId],
    );
    const id = (await enqueue(db, { name: 't.regional', maxAttempts: 1, regionId })) ?? '';
    await manual({}).runOnce();
    const failed = await listJobs(db, { regionIds: [regionId], status: 'failed', page: 1 });
    expect(failed.rows.map((r) => r.id)).toContain(id);
    expect(failed.rows.every((r) => r.status === 'failed')).toBe(true);
    const elsewhere = await listJobs(db, { regionIds: [], page: 1, pageSize: 500 });
    expect(elsewhere.rows.map((r) => r.id)).not.toContain(id);
    expect(await retryJob(db, { id, regionIds: [] })).toBeNull();
    const retried = await retryJob(db, { id, regionIds: [regionId] });
    expect(retried).toMatchObject({ id, status: 'queued', attempts: 0 });
    expect(await retryJob(db, { id, regionIds: [regionId] })).toBe('not_failed');
  });
});

describe('schedules', () => {
  it('every process enqueues the current period once', async () => {
    const schedules = [{ name: 't.tick', everyMinutes: 60 }];
    const ran: string[] = [];
    const handlers = { 't.tick': async ({ jobId }: { jobId: string }) => void ran.push(jobId) };
    const a = startWorker({ db, handlers, deps, logger, schedules, autoStart: false, workerId: 'a' });
    const b = startWorker({ db, handlers, deps, logger, schedules, autoStart: false, workerId: 'b' });
    await a.runOnce();
    await b.runOnce();
    await a.runOnce();
    expect(ran).toHaveLength(1);
    const rows = await db.query<{ unique_key: string }>(`SELECT unique_key FROM jobs WHERE name = 't.tick'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.unique_key).toBe(
      `t.tick:${periodStart(schedules[0] as never, new Date()).toISOString()}`,
    );
  });

  it('daily periods start at the wall-clock time in Europe/Stockholm, across daylight saving', () => {
    const daily = { name: 'd', dailyAt: '07:00' };
    // Winter (UTC+1): 07:00 is 06:00Z.
    expect(periodStart(daily, new Date('2026-11-28T10:00:00Z')).toISOString()).toBe(
      '2026-11-28T06:00:00.000Z',
    );
    expect(periodStart(daily, new Date('2026-11-28T05:59:00Z')).toISOString()).toBe(
      '2026-11-27T06:00:00.000Z',
    );
    // Summer (UTC+2): 07:00 is 05:00Z.
    expect(periodStart(daily, new Date('2026-07-01T05:00:00Z')).toISOString()).toBe(
      '2026-07-01T05:00:00.000Z',
    );
    // The day after the spring change: yesterday's run was at 06:00Z (before the change: UTC+1).
    expect(periodStart(daily, new Date('2026-03-29T04:00:00Z')).toISOString()).toBe(
      '2026-03-28T06:00:00.000Z',
    );
    expect(periodStart({ name: 'e', everyMinutes: 15 }, new Date('2026-11-28T10:44:59Z')).toISOString()).toBe(
      '2026-11-28T10:30:00.000Z',
    );
  });

  it('errorSummary keeps no addresses or long numbers', () => {
    expect(errorSummary(new TypeError('bad a.b@c.se 070-123 45 67'))).toBe(
      'TypeError: bad [address] [number]',
    );
  });
});

describe('stop', () => {
  it('waits for the running job', async () => {
    let finished = false;
    const id = await enqueue(db, { name: 't.slow' });
    let started: () => void = () => {};
    const begun = new Promise<void>((resolve) => {
      started = resolve;
    });
    const w = startWorker({
      db,
      deps,
      logger,
      pollMs: 20,
      handlers: {
        't.slow': async () => {
          started();
          await new Promise((resolve) => setTimeout(resolve, 200));
          finished = true;
        },
      },
    });
    await begun;
    await w.stop();
    expect(finished).toBe(true);
    expect((await job(id ?? ''))?.status).toBe('done');
  });
});

// Two real processes need a server both connect to: this runs in the PostgreSQL pass (as the
// PostgreSQL part of test/process.test.ts does); the PGlite pass runs the in-process tests above.
describe.runIf(!!process.env.DATABASE_URL)('two worker processes on one PostgreSQL database', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });

  function spawnWorker(url: string, workerId: string, leaseSeconds = 300) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/jobs-worker.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATABASE_URL: url,
        WORKER_ID: workerId,
        LEASE_SECONDS: String(leaseSeconds),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d) => {
        out += d;
        if (out.includes('ready')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`worker exited ${code}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, ready, exited };
  }

  it('40 jobs each run exactly once, and both processes claim some', async () => {
    const url = await ownUrl(db);
    const a = spawnWorker(url, 'proc-a');
    const b = spawnWorker(url, 'proc-b');
    await Promise.all([a.ready, b.ready]);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await enqueue(db, { name: 'test.record', payload: { i } })) ?? '');
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [row] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM jobs WHERE name = 'test.record' AND status = 'done'`,
      );
      if ((row?.n ?? 0) >= 40 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    const runs = await db.query<{ job_id: string; n: number; workers: string[] }>(
      `SELECT job_id, count(*)::int AS n, array_agg(worker) AS workers FROM job_test_runs GROUP BY job_id`,
    );
    expect(runs.map((r) => r.job_id).sort()).toEqual([...ids].sort());
    expect(runs.every((r) => r.n === 1)).toBe(true);
    const byWorker = new Set(runs.flatMap((r) => r.workers));
    expect(byWorker).toEqual(new Set(['proc-a', 'proc-b']));
    const [locked] = await db.query<{ n: number }>(
      `SELECT count(DISTINCT locked_by)::int AS n FROM jobs WHERE name = 'test.record' AND locked_by IS NOT NULL`,
    );
    expect(locked?.n).toBe(0);
  }, 60_000);

  it('a job whose process was killed mid-run is run by another process once the lease expires', async () => {
    const url = await ownUrl(db);
    const doomed = spawnWorker(url, 'doomed', 2);
    await doomed.ready;
    const id = (await enqueue(db, { name: 'test.crashOnce' })) ?? '';
    const runsOf = () =>
      db.query<{ worker: string }>('SELECT worker FROM job_test_runs WHERE job_id = $1 ORDER BY id', [id]);
    const until = async (check: () => Promise<boolean>) => {
      const deadline = Date.now() + 20_000;
      while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    };
    await until(async () => (await runsOf()).length === 1);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const survivor = spawnWorker(url, 'survivor', 2);
    await survivor.ready;
    await until(async () => (await job(id))?.status === 'done');
    survivor.child.kill('SIGTERM');
    expect(await survivor.exited).toBe(0);
    expect((await runsOf()).map((r) => r.worker)).toEqual(['doomed:1', 'survivor:2']);
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2 });
  }, 60_000);
});
