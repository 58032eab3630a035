import { CsrfField, Pagination } from '../../../platform/http/views.tsx';
import { formatDateTime, type T } from '../../../platform/i18n/index.ts';
import type { JobRow, JobStatus } from '../../../platform/jobs.ts';
import type { AccountKey } from '../messages.ts';

const STATUSES: JobStatus[] = ['queued', 'running', 'done', 'failed'];

export function jobsHref(status: JobStatus | undefined, page: number): string {
  const q = new URLSearchParams();
  if (status) q.set('status', status);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `/admin/jobs?${s}` : '/admin/jobs';
}

function StatusFilter(props: { t: T<AccountKey>; status?: JobStatus }): JSX.Element {
  const { t } = props;
  return (
    <form method="get" action="/admin/jobs" class="kn-inline-fields">
      <div class="ds-field">
        <label class="ds-label" for="f-status" safe>
          {t('jobs.filter')}
        </label>
        <select class="ds-input" id="f-status" name="status">
          <option value="" selected={!props.status} safe>
            {t('jobs.filterAll')}
          </option>
          {STATUSES.map((s) => (
            <option value={s} selected={props.status === s} safe>
              {t(`jobs.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <button class="ds-button" data-variant="secondary" type="submit" safe>
        {t('jobs.filterSubmit')}
      </button>
    </form>
  );
}

function JobLine(props: { t: T<AccountKey>; job: JobRow; csrf: string; status?: JobStatus }): JSX.Element {
  const { t, job } = props;
  // A job's readable name, when the catalogue has one (the code name is always shown).
  const key = `jobs.kind.${job.name}`;
  const label = t(key as AccountKey);
  const finished = job.finishedAt ? formatDateTime(new Date(job.finishedAt)) : '';
  return (
    <tr>
      <th scope="row">
        {label === key ? '' : <div safe>{label}</div>}
        <code safe>{job.name}</code>
        {job.regionId ? (
          ''
        ) : (
          <div class="ds-paragraph" data-size="sm" safe>
            {t('jobs.scopeAll')}
          </div>
        )}
      </th>
      <td safe>{t(`jobs.status.${job.status}`)}</td>
      <td class="kn-nowrap" safe>
        {t('jobs.attemptsOf', { attempts: job.attempts, max: job.maxAttempts })}
      </td>
      <td class="kn-nowrap" safe>
        {formatDateTime(new Date(job.runAt))}
      </td>
      <td safe>{job.lastError ?? ''}</td>
      <td class="kn-nowrap" safe>
        {finished}
      </td>
      <td>
        {job.status === 'failed' ? (
          <form method="post" action={`/admin/jobs/${job.id}/retry`}>
            <CsrfField token={props.csrf} />
            <input type="hidden" name="status" value={props.status ?? ''} />
            <button
              class="ds-button"
              data-variant="secondary"
              data-size="sm"
              type="submit"
              aria-label={t('jobs.retryLabel', { name: job.name })}
              safe
            >
              {t('jobs.retry')}
            </button>
          </form>
        ) : (
          ''
        )}
      </td>
    </tr>
  );
}

export function JobsView(props: {
  t: T<AccountKey>;
  csrf: string;
  rows: JobRow[];
  total: number;
  page: number;
  pageSize: number;
  status?: JobStatus;
}): JSX.Element {
  const { t } = props;
  const columns = [
    'jobs.name',
    'jobs.status',
    'jobs.attempts',
    'jobs.runAt',
    'jobs.lastError',
    'jobs.finished',
    'jobs.actions',
  ] as const;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('jobs.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('jobs.intro')}
      </p>
      <StatusFilter t={t} status={props.status} />
      {props.rows.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('jobs.none')}
        </p>
      ) : (
        <div class="kn-table-wrap">
          <table class="ds-table" data-testid="jobs">
            <caption class="ds-sr-only" safe>
              {t('jobs.caption')}
            </caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th scope="col" safe>
                    {t(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((job) => (
                <JobLine t={t} job={job} csrf={props.csrf} status={props.status} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        t={t}
        page={props.page}
        pageSize={props.pageSize}
        total={props.total}
        href={(p) => jobsHref(props.status, p)}
      />
    </>
  );
}
