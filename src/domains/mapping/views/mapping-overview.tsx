import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, fieldId } from '../../../platform/http/views.tsx';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { MappingCrumbs, type MT, StatusTag } from './mapping-shared.tsx';

export interface OverviewSectionVM {
  key: string;
  title: string;
  answered: number;
  total: number;
  problems: number;
  started: boolean;
}

/** A problem of the whole mapping, linked to the field on its section page. */
export interface LinkedProblemVM {
  href: string;
  text: string;
}

export interface OverviewVM {
  id: string;
  companyName: string;
  roundName: string;
  instrument: string;
  status: 'in_progress' | 'submitted';
  mode: 'interview' | 'self_service';
  submittedAt: Date | null;
  updatedAt: Date;
  updatedByName: string | null;
  edited: boolean;
  sections: OverviewSectionVM[];
  canEdit: boolean;
  canReopen: boolean;
  /** Staff (not company contacts) see the link to the interview notes. */
  canReadNotes?: boolean;
}

export const sectionHref = (id: string, key: string, field?: string) =>
  `/mappings/${id}/sections/${key}${field ? `#${fieldId(field)}` : ''}`;

export function MappingOverviewView(props: {
  t: MT;
  csrf: string;
  vm: OverviewVM;
  /** After a submission that did not validate: every problem, linked. */
  problems: LinkedProblemVM[];
  reopenErrors: FieldError[];
  reason: string;
}): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <MappingCrumbs t={t} mappingId={vm.id} companyName={vm.companyName} />
      <div class="kn-title-row">
        <h1 class="ds-heading" data-size="lg" safe>
          {vm.companyName}
        </h1>
        <StatusTag t={t} status={vm.status} />
      </div>
      {props.problems.length > 0 ? (
        <section
          class="ds-error-summary"
          tabindex="-1"
          data-error-summary
          aria-labelledby="problems-title"
          data-testid="submit-problems"
        >
          <h2 id="problems-title" class="ds-heading" data-size="xs" safe>
            {t('errorSummary.title')}
          </h2>
          <ul class="ds-list">
            {props.problems.map((p) => (
              <li>
                <a class="ds-link" href={p.href} safe>
                  {p.text}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      <dl class="kn-facts">
        <dt safe>{t('mapping.round')}</dt>
        <dd safe>{vm.roundName}</dd>
        <dt safe>{t('mapping.overview.instrument')}</dt>
        <dd safe>{vm.instrument}</dd>
        <dt safe>{t('mapping.mode')}</dt>
        <dd safe>{t(`mapping.mode.${vm.mode}`)}</dd>
        <dt safe>{t('mapping.updated')}</dt>
        <dd safe>
          {vm.edited
            ? t('mapping.overview.lastEdit', {
                when: formatDateTime(vm.updatedAt),
                name: vm.updatedByName ?? t('mapping.section.someone'),
              })
            : t('mapping.overview.lastEditNobody')}
        </dd>
      </dl>
      {vm.status === 'submitted' && vm.submittedAt ? (
        <div class="ds-alert" data-color="info">
          <p class="ds-paragraph" data-testid="submitted-notice" safe>
            {t('mapping.overview.submitted', { when: formatDateTime(vm.submittedAt) })}
          </p>
        </div>
      ) : (
        ''
      )}
      {!vm.canEdit && vm.status === 'in_progress' ? (
        <p class="ds-paragraph" safe>
          {t('mapping.overview.readOnly')}
        </p>
      ) : (
        ''
      )}
      <div class="kn-table-wrap">
        <table class="ds-table" data-testid="mapping-sections">
          <caption safe>{t('mapping.overview.sections')}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('mapping.overview.section')}
              </th>
              <th scope="col" safe>
                {t('mapping.overview.answered')}
              </th>
              <th scope="col" safe>
                {t('mapping.overview.problems')}
              </th>
            </tr>
          </thead>
          <tbody>
            {vm.sections.map((s) => (
              <tr>
                <td>
                  <a class="ds-link" href={sectionHref(vm.id, s.key)} safe>
                    {s.title}
                  </a>
                </td>
                <td safe>{t('mapping.overview.answeredCount', { answered: s.answered, total: s.total })}</td>
                <td safe>
                  {!s.started
                    ? t('mapping.overview.notStarted')
                    : s.problems > 0
                      ? t('mapping.overview.problemsCount', { count: s.problems })
                      : t('mapping.overview.noProblems')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="ds-paragraph kn-actions">
        <a class="ds-link" href={`/mappings/${vm.id}/results`} safe>
          {t('mapping.overview.results')}
        </a>
        <a class="ds-link" href={`/mappings/${vm.id}/notice`} safe>
          {t('mapping.overview.notice')}
        </a>
        {vm.canReadNotes ? (
          <a class="ds-link" href={`/mappings/${vm.id}/notes`} safe>
            {t('mapping.notes.link')}
          </a>
        ) : (
          ''
        )}
      </p>
      {vm.canEdit ? (
        <section aria-labelledby="submit-title" class="kn-form">
          <h2 id="submit-title" class="ds-heading" data-size="sm" safe>
            {t('mapping.overview.submitTitle')}
          </h2>
          <p class="ds-paragraph" safe>
            {t('mapping.overview.submitIntro')}
          </p>
          <form method="post" action={`/mappings/${vm.id}/submit`}>
            <CsrfField token={props.csrf} />
            <button type="submit" class="ds-button" data-variant="primary" data-testid="submit-mapping" safe>
              {t('mapping.overview.submit')}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
      {vm.canReopen ? (
        <section aria-labelledby="reopen-title" class="kn-form">
          <h2 id="reopen-title" class="ds-heading" data-size="sm" safe>
            {t('mapping.overview.reopenTitle')}
          </h2>
          <ErrorSummary errors={props.reopenErrors} t={t} />
          <form method="post" action={`/mappings/${vm.id}/reopen`} class="kn-form" novalidate>
            <CsrfField token={props.csrf} />
            <Field
              name="reason"
              label={t('mapping.overview.reason')}
              hint={t('mapping.overview.reasonHint')}
              value={props.reason}
              errors={props.reopenErrors}
              t={t}
              maxlength={1000}
              required
            />
            <div>
              <button type="submit" class="ds-button" data-variant="secondary" safe>
                {t('mapping.overview.reopen')}
              </button>
            </div>
          </form>
        </section>
      ) : (
        ''
      )}
    </>
  );
}
