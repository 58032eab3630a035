import { z } from 'zod';
import { type AnyRoute, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { JOB_STATUSES, type JobRow, type JobStatus } from '../../../platform/jobs.ts';
import { messages } from '../messages.ts';
import { canReadJobs } from '../policy.ts';
import { idParams } from '../schema.ts';
import { JOBS_PAGE_SIZE, listJobsFor, retryJobFor } from '../service/jobs.ts';
import { JobsView, jobsHref } from '../views/jobs.tsx';

const jobsAccess = policy('canReadJobs', canReadJobs);
const TAG = 'admin';

const statusSchema = z.enum(JOB_STATUSES as [JobStatus, ...JobStatus[]]);
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
const jobsQuery = z.object({
  status: z.preprocess(blankToUndefined, statusSchema.optional()),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
const retryForm = z.object({ status: z.preprocess(blankToUndefined, statusSchema.optional()) });

const jobOut = z.object({
  id: z.string().uuid(),
  name: z.string(),
  regionId: z.string().uuid().nullable(),
  status: statusSchema,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
const jobListOut = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(jobOut),
});

/** View model: no payload (it may name records), times as ISO strings. */
function presentJob(j: JobRow): z.infer<typeof jobOut> {
  const iso = (d: Date | string) => new Date(d).toISOString();
  return {
    id: j.id,
    name: j.name,
    regionId: j.regionId,
    status: j.status,
    attempts: j.attempts,
    maxAttempts: j.maxAttempts,
    runAt: iso(j.runAt),
    lastError: j.lastError,
    createdAt: iso(j.createdAt),
    finishedAt: j.finishedAt ? iso(j.finishedAt) : null,
  };
}

export const jobRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/admin/jobs',
    kind: 'page',
    access: jobsAccess,
    query: jobsQuery,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const { total, rows } = await listJobsFor(ctx.db, ctx.actor, ctx.query);
      const view = (
        <JobsView
          t={t}
          csrf={ctx.csrfToken()}
          rows={rows}
          total={total}
          page={ctx.query.page}
          pageSize={JOBS_PAGE_SIZE}
          status={ctx.query.status}
        />
      );
      return ctx.page(t('jobs.title'), view);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/admin/jobs/:id/retry',
    kind: 'page',
    access: jobsAccess,
    params: idParams,
    body: retryForm,
    handler: async (ctx) => {
      await retryJobFor(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
      const status = ctx.form.ok ? ctx.form.value.status : undefined;
      return ctx.redirect(jobsHref(status, 1), translator(messages, ctx.locale)('jobs.retried'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/admin/jobs',
    kind: 'api',
    tag: TAG,
    summary:
      'Background jobs of your region and the installation-wide ones, newest first, with their last error (region admin)',
    access: jobsAccess,
    query: jobsQuery,
    response: jobListOut,
    handler: async (ctx) => {
      const { total, rows } = await listJobsFor(ctx.db, ctx.actor, ctx.query);
      return { total, page: ctx.query.page, pageSize: JOBS_PAGE_SIZE, items: rows.map(presentJob) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/admin/jobs/:id/retry',
    kind: 'api',
    tag: TAG,
    summary: 'Run a failed background job again (region admin; 409 when the job has not failed)',
    access: jobsAccess,
    params: idParams,
    response: jobOut,
    handler: async (ctx) => presentJob(await retryJobFor(ctx.db, ctx.actor, ctx.params.id, ctx.ip)),
  }),
];
