import path from 'node:path';
import { createApp } from './app.ts';
import { cookieSecret, EmbeddedDatabaseDamagedError, openDatabase, prepareDatabase } from './bootstrap.ts';
import { DEMO_ESF_TOTP_SECRET, DEMO_USERS, seedDemo } from './demo/seed.ts';
import { otpauthUri } from './domains/accounts/index.ts';
import { jobHandlers, jobSchedules } from './jobs.ts';
import { DataDirLockedError } from './platform/db.ts';
import { loadEnvOrExit } from './platform/env.ts';
import { startWorker } from './platform/jobs.ts';
import { createLogger } from './platform/logger.ts';
import { createMailer } from './platform/mail.ts';
import { loadKeyring, verifyKeyring } from './platform/secrets.ts';
import { writeSnapshot } from './platform/snapshots.ts';

const env = loadEnvOrExit();
const logger = createLogger(env.LOG_LEVEL);

async function main(): Promise<void> {
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  try {
    opened = await openDatabase(env);
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
  const { db, lock, where } = opened;
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
  const baseUrl = env.BASE_URL ?? `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`;
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
  const url = env.BASE_URL ?? `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${port}`;
  const lines = [
    `Kompetensnavet is running at ${url}`,
    `Database: ${where}${prepared.migrations.length ? ` (applied ${prepared.migrations.length} migrations)` : ''}`,
    `Mail: ${mailer.mode === 'smtp' ? 'SMTP' : 'outbox in the product (set SMTP_URL to send)'}`,
  ];
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
  // Background jobs (reminders, hourly housekeeping) run from the jobs table: every process polls it,
  // each job runs once (platform/jobs.ts).
  const worker = startWorker({
    db,
    handlers: jobHandlers,
    schedules: jobSchedules,
    deps: { mailer, baseUrl },
    logger,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      await worker.stop();
      mailer.close();
      if (daily) clearInterval(daily);
      await snapshot().catch(() => logger.error('snapshot at shutdown failed'));
      await db.close();
    } finally {
      lock?.release();
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Announce readiness only once a signal stops the process cleanly.
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  const e = err as { name?: string; code?: string; message?: string };
  process.stderr.write(
    `Kompetensnavet could not start: ${e.name ?? 'Error'}${e.code ? ` ${e.code}` : ''}: ${e.message ?? ''}\n`,
  );
  process.exit(1);
});
