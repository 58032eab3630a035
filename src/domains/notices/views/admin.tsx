// The region administrators' list of accessibility reports, each with a status and note form.
import { CsrfField } from '../../../platform/http/views.tsx';
import { formatDateTime, type T } from '../../../platform/i18n/index.ts';
import type { NoticesKey } from '../messages.ts';
import { type ReportStatus, reportStatuses } from '../schema.ts';

export interface ReportVM {
  id: string;
  page: string;
  description: string;
  wantsAlternative: boolean;
  reporter: string | null;
  organisationName: string | null;
  status: ReportStatus;
  note: string | null;
  createdAt: Date;
}

/** A labelled choice of status (with "all" for the filter). */
function StatusField(props: { t: T<NoticesKey>; id: string; label: string; value: string; all?: boolean }) {
  const { t } = props;
  return (
    <div class="ds-field">
      <label class="ds-label" for={props.id} safe>
        {props.label}
      </label>
      <select class="ds-input" id={props.id} name="status">
        {props.all ? (
          <option value="" safe>
            {t('reports.filterAll')}
          </option>
        ) : (
          ''
        )}
        {reportStatuses.map((s) => (
          <option value={s} selected={s === props.value} safe>
            {t(`reports.status.${s}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ReportsPage(props: {
  t: T<NoticesKey>;
  csrf: string;
  reports: ReportVM[];
  status: ReportStatus | null;
}): JSX.Element {
  const { t } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('reports.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('reports.intro')}
      </p>
      <form method="get" action="/admin/accessibility-reports" class="kn-form">
        <StatusField t={t} id="f-status-filter" label={t('reports.filter')} value={props.status ?? ''} all />
        <button type="submit" class="ds-button" data-variant="secondary" safe>
          {t('reports.filterSubmit')}
        </button>
      </form>
      {props.reports.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('reports.none')}
        </p>
      ) : (
        <div class="kn-table-wrap" role="region" tabindex="0" aria-label={t('reports.caption')}>
          <table class="ds-table" data-testid="accessibility-reports">
            <caption class="ds-sr-only" safe>
              {t('reports.caption')}
            </caption>
            <thead>
              <tr>
                {(['received', 'page', 'description', 'reporter', 'alternative', 'status'] as const).map(
                  (c) => (
                    <th scope="col" safe>
                      {t(`reports.${c}`)}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {props.reports.map((r) => {
                const date = formatDateTime(r.createdAt);
                return (
                  <tr data-report={r.id}>
                    <th scope="row" safe>
                      {date}
                    </th>
                    <td safe>{r.page}</td>
                    <td>
                      <p class="ds-paragraph" data-size="sm" safe>
                        {r.description}
                      </p>
                      {r.organisationName ? (
                        <p class="ds-paragraph" data-size="sm" safe>
                          {r.organisationName}
                        </p>
                      ) : (
                        ''
                      )}
                    </td>
                    <td safe>{r.reporter ?? t('reports.anonymous')}</td>
                    <td safe>{t(r.wantsAlternative ? 'reports.yes' : 'reports.no')}</td>
                    <td>
                      <form method="post" action={`/admin/accessibility-reports/${r.id}`} class="kn-form">
                        <CsrfField token={props.csrf} />
                        <StatusField
                          t={t}
                          id={`status-${r.id}`}
                          label={t('reports.status')}
                          value={r.status}
                        />
                        <div class="ds-field">
                          <label class="ds-label" for={`note-${r.id}`} safe>
                            {t('reports.note')}
                          </label>
                          <textarea
                            class="ds-input"
                            id={`note-${r.id}`}
                            name="note"
                            rows="2"
                            maxlength={4000}
                            safe
                          >
                            {r.note ?? ''}
                          </textarea>
                        </div>
                        <button
                          type="submit"
                          class="ds-button"
                          data-variant="secondary"
                          data-size="sm"
                          aria-label={t('reports.saveFor', { date })}
                          safe
                        >
                          {t('reports.save')}
                        </button>
                      </form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
