import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Db } from './db.ts';
import type { Logger } from './logger.ts';
import type { Mailer } from './mail.ts';

/**
 * A small PostgreSQL-backed job queue that runs unchanged on PGlite and PostgreSQL (table `jobs`).
 * Jobs are rows, so they survive restarts; a worker claims due jobs with `FOR UPDATE SKIP LOCKED`, so
 * N processes never run one job twice; a claimed job carries a lease (`locked_until`, renewed while it
 * runs) and is claimed again when its process died; a failure retries with exponential back-off until
 * `max_attempts`, then the job is `failed` and a region admin can run it again.
 */

/** What the application hands every job handler besides the database (platform types only). */
export interface JobDeps {
  mailer: Mailer;
  baseUrl: string;
}

export interface JobContext {
  db: Db;
  payload: unknown;
  jobId: string;
  /** 1 on the first run. */
  attempt: number;
  deps: JobDeps;
}

export type JobHandler = (ctx: JobContext) => Promise<void>;

/** A periodic job: every N minutes, or daily at HH:MM Europe/Stockholm. */
export type JobSchedule =
  | { name: string; everyMinutes: number; payload?: Record<string, unknown> }
  | { name: string; dailyAt: string; payload?: Record<string, unknown> };

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';
export const JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'done', 'failed'];

export interface EnqueueInput {
  name: string;
  payload?: Record<string, unknown>;
  runAt?: Date;
  /** Enqueueing a key that exists already adds nothing. */
  uniqueKey?: string;
  maxAttempts?: number;
  regionId?: string | null;
}

/** Enqueue a job; returns its id, or null when a job with the same unique key exists. */
export async function enqueue(db: Db, input: EnqueueInput): Promise<string | null> {
  const id = randomUUID();
  const rows = await db.query<{ id: string }>(
    `INSERT INTO jobs (id, name, payload, region_id, max_attempts, run_at, unique_key)
     VALUES ($1, $2, $3::jsonb, $4, $5, coalesce($6::timestamptz, now()), $7)
     ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING
     RETURNING id`,
    [
      id,
      input.name,
      JSON.stringify(input.payload ?? {}),
      input.regionId ?? null,
      input.maxAttempts ?? 5,
      input.runAt ?? null,
      input.uniqueKey ?? null,
    ],
  );
  return rows[0]?.id ?? null;
}

// ---------------------------------------------------------------- back-off, errors, periods

const BACKOFF_BASE_S = 30;
const BACKOFF_CAP_S = 3600;

/** Seconds to wait after the given (1-based) failed attempt: 30 s, 60 s, 120 s, … capped at one hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** Math.max(0, attempt - 1));
}

/**
 * The error as shown to region admins: its class and message, short, with e-mail addresses and long
 * digit runs (identity numbers, phone numbers) removed.
 */
export function errorSummary(err: unknown): string {
  const name = err instanceof Error ? err.name : 'Error';
  const message = err instanceof Error ? err.message : String(err);
  const clean = message
    .replace(/[^\s@<>"',;()]+@[^\s@<>"',;()]+/g, '[address]')
    .replace(/\d[\d -]{7,}\d/g, '[number]')
    .replace(/\s+/g, ' ')
    .trim();
  return `${name}: ${clean}`.slice(0, 300);
}

const stockholmParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** Europe/Stockholm wall-clock fields of an instant. */
function wallClock(at: Date): { y: number; m: number; d: number; hh: number; mm: number } {
  const p = Object.fromEntries(stockholmParts.formatToParts(at).map((x) => [x.type, x.value]));
  return { y: +p.year, m: +p.month, d: +p.day, hh: +p.hour, mm: +p.minute };
}

/** The instant of a Europe/Stockholm wall-clock time (the offset is looked up at that instant). */
function fromWallClock(y: number, m: number, d: number, hh: number, mm: number): Date {
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  let guess = naive;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(new Date(guess));
    const offset = Date.UTC(w.y, w.m - 1, w.d, w.hh, w.mm) - guess;
    guess = naive - offset;
  }
  return new Date(guess);
}

/** The start of the schedule's period that contains `now`. */
export function periodStart(schedule: JobSchedule, now: Date): Date {
  if ('everyMinutes' in schedule) {
    const ms = schedule.everyMinutes * 60_000;
    return new Date(Math.floor(now.getTime() / ms) * ms);
  }
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(schedule.dailyAt);
  if (!match) throw new Error(`bad dailyAt ${schedule.dailyAt}`);
  const [hh, mm] = [Number(match[1]), Number(match[2])];
  const w = wallClock(now);
  const today = fromWallClock(w.y, w.m, w.d, hh, mm);
  if (today.getTime() <= now.getTime()) return today;
  const yesterday = new Date(Date.UTC(w.y, w.m - 1, w.d) - 86_400_000);
  return fromWallClock(
    yesterday.getUTCFullYear(),
    yesterday.getUTCMonth() + 1,
    yesterday.getUTCDate(),
    hh,
    mm,
  );
}

/** Enqueue the current period's run of every schedule (once across all processes). */
export async function enqueueScheduled(db: Db, schedules: JobSchedule[], now = new Date()): Promise<void> {
  for (const s of schedules) {
    const start = periodStart(s, now);
    await enqueue(db, {
      name: s.name,
      payload: { ...s.payload, periodStart: start.toISOString() },
      runAt: start,
      uniqueKey: `${s.name}:${start.toISOString()}`,
    });
  }
}

// ---------------------------------------------------------------- worker

interface ClaimedJob {
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

export interface WorkerOptions {
  db: Db;
  handlers: Record<string, JobHandler>;
  deps: JobDeps;
  logger: Logger;
  workerId?: string;
  /** Pause between polls when nothing is due (default 5 s). */
  pollMs?: number;
  /** Lease of a claimed job, renewed while it runs (default 5 minutes). */
  leaseSeconds?: number;
  schedules?: JobSchedule[];
  /** Finished jobs older than this are deleted (default 30 days). */
  keepDays?: number;
  /** Start the polling loop (default true); tests drive runOnce() by hand with false. */
  autoStart?: boolean;
}

export interface Worker {
  readonly id: string;
  /** Stop polling and wait for the running job. */
  stop(): Promise<void>;
  /** Enqueue scheduled runs and run due jobs one by one until none is due; returns how many ran. */
  runOnce(): Promise<number>;
}

async function claim(db: Db, workerId: string, leaseSeconds: number): Promise<ClaimedJob | null> {
  // A job whose last allowed attempt lost its lease is not run again.
  await db.query(
    `UPDATE jobs SET status = 'failed', finished_at = now(), locked_by = NULL, locked_until = NULL,
            last_error = 'Lease expired: the worker stopped during the last attempt'
      WHERE id IN (SELECT id FROM jobs
                    WHERE status = 'running' AND locked_until < now() AND attempts >= max_attempts
                    FOR UPDATE SKIP LOCKED)`,
  );
  const rows = await db.query<ClaimedJob>(
    `UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = $1,
            locked_until = now() + make_interval(secs => $2)
      WHERE id IN (SELECT id FROM jobs
                    WHERE (status = 'queued' AND run_at <= now())
                       OR (status = 'running' AND locked_until < now() AND attempts < max_attempts)
                    ORDER BY run_at, created_at
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED)
      RETURNING id, name, payload, attempts, max_attempts`,
    [workerId, leaseSeconds],
  );
  return rows[0] ?? null;
}

async function finish(db: Db, job: ClaimedJob, workerId: string, err: unknown | null, final = false) {
  if (err === null) {
    await db.query(
      `UPDATE jobs SET status = 'done', finished_at = now(), locked_by = NULL, locked_until = NULL
        WHERE id = $1 AND locked_by = $2`,
      [job.id, workerId],
    );
    return;
  }
  const failed = final || job.attempts >= job.max_attempts;
  await db.query(
    `UPDATE jobs SET status = $3, last_error = $4, locked_by = NULL, locked_until = NULL,
            run_at = CASE WHEN $3 = 'queued' THEN now() + make_interval(secs => $5) ELSE run_at END,
            finished_at = CASE WHEN $3 = 'failed' THEN now() END
      WHERE id = $1 AND locked_by = $2`,
    [job.id, workerId, failed ? 'failed' : 'queued', errorSummary(err), backoffSeconds(job.attempts)],
  );
}

/** Start a worker over the jobs table; see the module comment. */
export function startWorker(opts: WorkerOptions): Worker {
  const { db, logger } = opts;
  const workerId = opts.workerId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const pollMs = opts.pollMs ?? 5000;
  const leaseSeconds = opts.leaseSeconds ?? 300;
  const keepDays = opts.keepDays ?? 30;
  let stopping = false;
  let wake: (() => void) | null = null;
  let lastPrune = 0;

  async function runJob(job: ClaimedJob): Promise<void> {
    const handler = opts.handlers[job.name];
    if (!handler) {
      logger.error({ job: job.name, jobId: job.id }, 'job failed: no handler');
      await finish(db, job, workerId, new Error(`No handler for job "${job.name}"`), true);
      return;
    }
    const renew = setInterval(
      () =>
        void db
          .query(
            `UPDATE jobs SET locked_until = now() + make_interval(secs => $3) WHERE id = $1 AND locked_by = $2`,
            [job.id, workerId, leaseSeconds],
          )
          .catch(() => {}),
      (leaseSeconds * 1000) / 3,
    );
    renew.unref();
    const started = Date.now();
    try {
      await handler({ db, payload: job.payload, jobId: job.id, attempt: job.attempts, deps: opts.deps });
      clearInterval(renew);
      await finish(db, job, workerId, null);
      logger.info({ job: job.name, jobId: job.id, ms: Date.now() - started }, 'job done');
    } catch (err) {
      clearInterval(renew);
      await finish(db, job, workerId, err);
      logger.warn({ job: job.name, jobId: job.id, attempt: job.attempts }, 'job failed');
    }
  }

  async function runOnce(): Promise<number> {
    await enqueueScheduled(db, opts.schedules ?? []);
    if (Date.now() - lastPrune > 3600_000) {
      lastPrune = Date.now();
      await db.query(`DELETE FROM jobs WHERE finished_at < now() - make_interval(days => $1)`, [keepDays]);
    }
    let ran = 0;
    while (!stopping && ran < 100) {
      const job = await claim(db, workerId, leaseSeconds);
      if (!job) break;
      await runJob(job);
      ran++;
    }
    return ran;
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      let ran = 0;
      try {
        ran = await runOnce();
      } catch {
        logger.error('job worker: polling failed');
      }
      if (ran > 0 || stopping) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  }

  const running = opts.autoStart === false ? Promise.resolve() : loop();
  return {
    id: workerId,
    runOnce,
    async stop() {
      stopping = true;
      wake?.();
      await running;
    },
  };
}

// ---------------------------------------------------------------- admin page

export interface JobRow {
  id: string;
  name: string;
  regionId: string | null;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

const JOB_COLUMNS = `id, name, region_id AS "regionId", status, attempts, max_attempts AS "maxAttempts",
  run_at AS "runAt", last_error AS "lastError", created_at AS "createdAt", finished_at AS "finishedAt"`;

/** Jobs of the given regions and the installation-wide ones (region_id NULL), newest first. */
export async function listJobs(
  db: Db,
  opts: { regionIds: string[]; status?: JobStatus; page: number; pageSize?: number },
): Promise<{ total: number; rows: JobRow[] }> {
  const pageSize = opts.pageSize ?? 25;
  const where = `(region_id = ANY($1::uuid[]) OR region_id IS NULL) AND ($2::text IS NULL OR status = $2)`;
  const params = [opts.regionIds, opts.status ?? null];
  const [count, rows] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE ${where}`, params),
    db.query<JobRow>(
      `SELECT ${JOB_COLUMNS} FROM jobs WHERE ${where}
        ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
      [...params, pageSize, (opts.page - 1) * pageSize],
    ),
  ]);
  return { total: count[0]?.n ?? 0, rows };
}

/**
 * Queue a failed job of the given regions (or an installation-wide one) to run now with fresh attempts.
 * Returns the job, `not_failed` when it is not failed, or null when it is unknown or out of scope.
 */
export async function retryJob(
  db: Db,
  opts: { id: string; regionIds: string[] },
): Promise<JobRow | 'not_failed' | null> {
  const scope = `id = $1 AND (region_id = ANY($2::uuid[]) OR region_id IS NULL)`;
  const rows = await db.query<JobRow>(
    `UPDATE jobs SET status = 'queued', attempts = 0, run_at = now(), finished_at = NULL
      WHERE ${scope} AND status = 'failed'
      RETURNING ${JOB_COLUMNS}`,
    [opts.id, opts.regionIds],
  );
  if (rows[0]) return rows[0];
  const exists = await db.query(`SELECT 1 FROM jobs WHERE ${scope}`, [opts.id, opts.regionIds]);
  return exists.length > 0 ? 'not_failed' : null;
}
