import { housekeeping } from './domains/accounts/index.ts';
import { coachingJobHandlers, coachingJobSchedules } from './domains/coaching/index.ts';
import { scanRetention } from './domains/privacy/index.ts';
import type { JobHandler, JobSchedule } from './platform/jobs.ts';
import { pruneRateLimits } from './platform/rate-limit.ts';

/** Every background job of the product (platform/jobs.ts runs them); names are `<domain>.<job>`. */
export const jobHandlers: Record<string, JobHandler> = {
  'accounts.housekeeping': async ({ db }) => {
    await housekeeping(db);
    await pruneRateLimits(db);
  },
  'privacy.retention.scan': async ({ db }) => {
    await scanRetention(db);
  },
  ...coachingJobHandlers,
};

/** Periodic jobs: each process enqueues the current period's run, the queue runs it once. */
export const jobSchedules: JobSchedule[] = [
  { name: 'accounts.housekeeping', everyMinutes: 60 },
  { name: 'privacy.retention.scan', dailyAt: '02:30' },
  ...coachingJobSchedules,
];
