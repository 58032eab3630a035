import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { cookieSecret, EmbeddedDatabaseDamagedError, openDatabase, prepareDatabase } from './bootstrap.ts';
import { DEMO_ESF_TOTP_SECRET, DEMO_USERS, seedDemo } from './demo/seed.ts';
import { otpauthUri } from './domains/accounts/index.ts';
import { jobHandlers, jobSchedules } from './jobs.ts';
import { DataDirLockedError, type Db, openPostgres, withReadReplica } from './platform/db.ts';
import { type Env, loadEnvOrExit } from './platform/env.ts';
import { startWorker, type Worker } from './platform/jobs.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { createMailer, type Mailer } from './platform/mail.ts';
import { loadKeyring, verifyKeyring } from './platform/secrets.ts';
import { writeSnapshot } from './platform/snapshots.ts';

// Shared with the job-worker-only entry (src/cli/worker.ts): opening the database, the job worker and
// the clean stop on a signal.

/**
 * Open the database (PostgreSQL, or PGlite in DATA_DIR), with the read replica of DATABASE_READ_URL
 * attached, or stop the process with a clear message.
 */
export async function openDatabaseOrExit(env: Env) {
  try {
    const opened = await openDatabase(env);
    if (!env.DATABASE_READ_URL || opened.db.kind !== 'postgres') return opened;
    const replica = openPostgres(env.DATABASE_READ_URL, {
      poolSize: env.DB_POOL_SIZE,
      preparedStatements: env.DB_PREPARED_STATEMENTS === 'on',
    });
    return { ...opened, db: withReadReplica(opened.db, replica) };
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      process.stderr.write(`Error: ${err.message} Stop that process first, or use another DATA_DIR.\n`);
      process.exit(1);
    }
    if (err instanceof EmbeddedDatabaseDamagedError) {
      process.stderr.write(`${err.explain()}\n`);
      process.exit(1);
    }
    throw err;
  }
}

export function baseUrlOf(env: Env, port = env.PORT): string {
  return env.BASE_URL ?? `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${port}`;
}

/**
 * Background jobs (reminders, hourly housekeeping) run from the jobs table: every process that starts
 * this polls it, each job runs once (platform/jobs.ts).
 */
export function startJobs(opts: { db: Db; mailer: Mailer; baseUrl: string; logger: Logger }): Worker {
  return startWorker({
    db: opts.db,
    handlers: jobHandlers,
    schedules: jobSchedules,
    deps: { mailer: opts.mailer, baseUrl: opts.baseUrl },
    logger: opts.logger,
  });
}

/** On SIGINT or SIGTERM run `stop` once (cut off after 15 s with exit code 1), then exit 0. */
export function exitOnSignal(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await stop();
    } catch {
      logger.error('shutdown failed');
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void onSignal('SIGINT'));
  process.on('SIGTERM', () => void onSignal('SIGTERM'));
}

/** A start that failed: one line with the error's class, code and message (no stack, no secrets). */
export function exitStartFailed(err: unknown): never {
  const e = err as { name?: string; code?: string; message?: string };
  process.stderr.write(
    `Kompetensnavet could not start: ${e.name ?? 'Error'}${e.code ? ` ${e.code}` : ''}: ${e.message ?? ''}\n`,
  );
  process.exit(1);
}

async function main(): Promise<void> {
  const env = loadEnvOrExit();
  const logger = createLogger(env.LOG_LEVEL);
  const { db, lock, where } = await openDatabaseOrExit(env);
  const dataDir = path.resolve(env.DATA_DIR);
  const snapshot = async () => {
    if (!db.snapshot) return;
    const file = writeSnapshot(dataDir, await db.snapshot());
    logger.info({ file: path.basename(file) }, 'snapshot written');
  };
  if (lock?.wasUnclean)
    logger.warn('the previous run did not shut down cleanly; the database is being recovered');
  const prepared = await prepareDatabase(db);
  const keys = loadKeyring({ esfKey: env.ESF_KEY, esfKeyFile: env.ESF_KEY_FILE, dataDir: env.DATA_DIR });
  if (keys.created && env.DATABASE_URL)
    logger.warn(
      'a new ESF key ring was created in DATA_DIR; with more than one app process, give them all the same ESF_KEY or ESF_KEY_FILE',
    );
  await verifyKeyring(db, keys.keyring);
  const keyring = keys.keyring;
  const baseUrl = baseUrlOf(env);
  let seeded = false;
  if (env.DEMO_DATA === 'on') seeded = await seedDemo(db, env.DEMO_PASSWORD, keyring, baseUrl);
  const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM });
  const app = await createApp(
    { db, env, mailer, logger, baseUrl, keyring },
    { cookieSecret: await cookieSecret(db, env), trustProxy: env.TRUST_PROXY === 'on' },
  );
  await app.listen({ port: env.PORT, host: env.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const url = baseUrlOf(env, port);
  const lines = [
    `Kompetensnavet is running at ${url}`,
    `Database: ${where}${prepared.migrations.length ? ` (applied ${prepared.migrations.length} migrations)` : ''}`,
    `Mail: ${mailer.mode === 'smtp' ? 'SMTP' : 'outbox in the product (set SMTP_URL to send)'}`,
    env.JOBS === 'on' ? 'Jobs: run by this process' : 'Jobs: off here (run them with npm run worker)',
  ];
  if (env.DATABASE_READ_URL) lines.push('Insights read from the replica in DATABASE_READ_URL');
  if (env.DEMO_DATA === 'on') {
    lines.push(seeded ? 'Demo data loaded. Demo logins:' : 'Demo logins:');
    for (const email of new Set(DEMO_USERS.map((u) => u.email))) lines.push(`  ${email}`);
    lines.push(`  password: ${env.DEMO_PASSWORD}`);
    lines.push(`  two-step code for esf@example.org: TOTP secret ${DEMO_ESF_TOTP_SECRET}`);
    lines.push(
      `    (add it to an authenticator app: ${otpauthUri(DEMO_ESF_TOTP_SECRET, 'esf@example.org')})`,
    );
  }
  // The embedded database is snapshotted daily and at shutdown (npm run restore brings one back).
  const daily = db.snapshot
    ? setInterval(() => void snapshot().catch(() => logger.error('snapshot failed')), 24 * 3600_000)
    : null;
  daily?.unref();
  const worker = env.JOBS === 'on' ? startJobs({ db, mailer, baseUrl, logger }) : null;
  exitOnSignal(logger, async () => {
    try {
      await app.close();
      await worker?.stop();
      mailer.close();
      if (daily) clearInterval(daily);
      await snapshot().catch(() => logger.error('snapshot at shutdown failed'));
      await db.close();
    } finally {
      lock?.release();
    }
  });
  // Announce readiness only once a signal stops the process cleanly.
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** True when this file is the script node was started with (real paths: a symlinked release works). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return fs.realpathSync(script) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// Run only as the entry point (npm start), not when src/cli/worker.ts imports the shared parts.
if (isEntryPoint()) main().catch(exitStartFailed);
