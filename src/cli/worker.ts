// The job worker on its own: runs background jobs and schedules from the jobs table, serves no HTTP.
// For deployments with app processes started with JOBS=off (PostgreSQL only). Usage: npm run worker
import { prepareDatabase } from '../bootstrap.ts';
import { baseUrlOf, exitOnSignal, exitStartFailed, openDatabaseOrExit, startJobs } from '../main.ts';
import { loadEnvOrExit } from '../platform/env.ts';
import { createLogger } from '../platform/logger.ts';
import { createMailer } from '../platform/mail.ts';

async function worker(): Promise<void> {
  const env = loadEnvOrExit();
  if (!env.DATABASE_URL) {
    process.stderr.write(
      'Error: npm run worker needs DATABASE_URL (PostgreSQL). On the embedded database npm start runs the jobs itself.\n',
    );
    process.exit(1);
  }
  const logger = createLogger(env.LOG_LEVEL);
  const { db, where } = await openDatabaseOrExit(env);
  // Idempotent and serialised by an advisory lock: the worker may start before any app process.
  await prepareDatabase(db);
  const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM });
  const jobs = startJobs({ db, mailer, baseUrl: baseUrlOf(env), logger });
  // A stop lets the running job finish (its lease is released by finishing it); a job longer than the
  // 15 s grace keeps its lease until it expires and another worker claims it again.
  exitOnSignal(logger, async () => {
    await jobs.stop();
    mailer.close();
    await db.close();
  });
  process.stdout.write(`Kompetensnavet job worker is running (no HTTP)\nDatabase: ${where}\n`);
}

worker().catch(exitStartFailed);
