import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { type JobRow, type JobStatus, listJobs, retryJob } from '../../../platform/jobs.ts';
import { canReadJobs } from '../policy.ts';

export const JOBS_PAGE_SIZE = 25;

const administeredRegions = (actor: Actor): string[] => [
  ...new Set(actor.memberships.filter((m) => m.role === 'region_admin').map((m) => m.regionId)),
];

/** The jobs of the regions the actor administers and the installation-wide ones, newest first. */
export async function listJobsFor(
  db: Db,
  actor: Actor,
  opts: { status?: JobStatus; page: number },
): Promise<{ total: number; rows: JobRow[] }> {
  if (!canReadJobs(actor)) throw new AppError('FORBIDDEN');
  return listJobs(db, {
    regionIds: administeredRegions(actor),
    status: opts.status,
    page: opts.page,
    pageSize: JOBS_PAGE_SIZE,
  });
}

/** Run a failed job again (fresh attempts, due now). Unknown or out of scope: 404; not failed: 409. */
export async function retryJobFor(db: Db, actor: Actor, id: string, ip: string): Promise<JobRow> {
  if (!canReadJobs(actor)) throw new AppError('FORBIDDEN');
  return db.tx(async (tx) => {
    const result = await retryJob(tx, { id, regionIds: administeredRegions(actor) });
    if (result === null) throw new AppError('NOT_FOUND');
    if (result === 'not_failed') throw new AppError('CONFLICT');
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'job.retry',
      entityType: 'job',
      entityId: result.id,
      organisationId: result.regionId,
      ip,
      details: { name: result.name },
    });
    return result;
  });
}
