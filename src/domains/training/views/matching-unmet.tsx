// Unmet training demand: the disclosure-controlled table (region admins see every number, flagged where
// others see none), export links, publishing to all providers at once, and the published snapshot.

import { CsrfField } from '../../../platform/http/views.tsx';
import { formatDateTime, type T } from '../../../platform/i18n/index.ts';
import type { TrainingKey } from '../messages.ts';

type MT = T<TrainingKey>;

export interface UnmetCellVM {
  competenceId: string;
  competenceName: string;
  municipalityName: string | null;
  flag: 'shown' | 'suppressed' | 'wouldSuppress';
  companies: number | null;
  people: number | null;
  women: number | null;
  men: number | null;
  urgentPeople: number | null;
  mostUrgent: 'now' | 'within6Months' | 'within6To12Months' | 'within1To3Years' | null;
}

function num(v: number | null): string {
  return v === null ? '–' : String(v);
}

function urgencyText(t: MT, u: UnmetCellVM['mostUrgent']): string {
  return u ? t(`training.matching.urgency.${u}`) : '–';
}

export function UnmetTable(props: { t: MT; cells: UnmetCellVM[]; testId: string }): JSX.Element {
  const { t } = props;
  if (props.cells.length === 0)
    return (
      <p class="ds-paragraph" data-testid={`${props.testId}-empty`} safe>
        {t('training.matching.unmet.empty')}
      </p>
    );
  return (
    <div class="kn-table-wrap">
      <table class="ds-table" data-testid={props.testId}>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('training.matching.col.competence')}
            </th>
            <th scope="col" safe>
              {t('training.matching.unmet.col.municipality')}
            </th>
            <th scope="col" safe>
              {t('training.matching.unmet.col.companies')}
            </th>
            <th scope="col" safe>
              {t('training.matching.unmet.col.people')}
            </th>
            <th scope="col" safe>
              {t('training.matching.unmet.col.womenMen')}
            </th>
            <th scope="col" safe>
              {t('training.matching.unmet.col.urgent')}
            </th>
            <th scope="col" safe>
              {t('training.matching.unmet.col.mostUrgent')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.cells.map((c) => (
            <tr data-testid="unmet-cell" data-competence={c.competenceId} data-flag={c.flag}>
              <th scope="row" safe>
                {c.competenceName}
              </th>
              <td safe>{c.municipalityName ?? t('training.matching.unmet.allMunicipalities')}</td>
              {c.flag === 'suppressed' ? (
                <td colspan="5" safe>
                  {t('training.matching.unmet.suppressed')}
                </td>
              ) : (
                <>
                  <td safe>{num(c.companies)}</td>
                  <td>
                    <span safe>{num(c.people)}</span>
                    {c.flag === 'wouldSuppress' ? (
                      <>
                        {' '}
                        <span class="ds-tag" data-color="warning" safe>
                          {t('training.matching.unmet.wouldSuppress')}
                        </span>
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                  <td safe>{`${num(c.women)}/${num(c.men)}`}</td>
                  <td safe>{num(c.urgentPeople)}</td>
                  <td safe>{urgencyText(t, c.mostUrgent)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface UnmetPageVM {
  audience: 'admin' | 'officer';
  cells: UnmetCellVM[];
  canPublish: boolean;
  lastPublished: { at: Date; by: string | null } | null;
}

export function UnmetView(props: { t: MT; csrf: string; vm: UnmetPageVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('training.matching.unmet.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('training.matching.unmet.intro')}
      </p>
      <p class="ds-paragraph" safe>
        {t('training.matching.unmet.disclosure')}
      </p>
      {vm.audience === 'admin' ? (
        <p class="ds-paragraph" safe>
          {t('training.matching.unmet.adminNote')}
        </p>
      ) : (
        ''
      )}
      <UnmetTable t={t} cells={vm.cells} testId="unmet" />
      <section aria-labelledby="unmet-export-title">
        <h2 id="unmet-export-title" class="ds-heading" data-size="sm" safe>
          {t('training.matching.unmet.export')}
        </h2>
        <ul class="ds-list">
          <li>
            <a class="ds-link" href="/training/unmet.csv" safe>
              {t('training.matching.unmet.csv')}
            </a>
          </li>
          <li>
            <a class="ds-link" href="/training/unmet.xlsx" safe>
              {t('training.matching.unmet.xlsx')}
            </a>
          </li>
        </ul>
      </section>
      <section aria-labelledby="unmet-publish-title">
        <h2 id="unmet-publish-title" class="ds-heading" data-size="sm" safe>
          {t('training.matching.unmet.publishTitle')}
        </h2>
        <p class="ds-paragraph" data-testid="unmet-last-published" safe>
          {vm.lastPublished
            ? t('training.matching.unmet.lastPublished', {
                date: formatDateTime(vm.lastPublished.at),
                name: vm.lastPublished.by ?? '–',
              })
            : t('training.matching.unmet.neverPublished')}
        </p>
        {vm.canPublish ? (
          <>
            <p class="ds-paragraph" safe>
              {t('training.matching.unmet.publishHint')}
            </p>
            <form method="post" action="/training/unmet/publish" class="kn-form">
              <CsrfField token={props.csrf} />
              <button type="submit" class="ds-button" data-variant="primary" safe>
                {t('training.matching.unmet.publish')}
              </button>
            </form>
          </>
        ) : (
          ''
        )}
        <p class="ds-paragraph">
          <a class="ds-link" href="/training/unmet/published" safe>
            {t('training.matching.unmet.publishedLink')}
          </a>
        </p>
      </section>
    </>
  );
}

export function PublishedUnmetView(props: {
  t: MT;
  publishedAt: Date | null;
  cells: UnmetCellVM[];
}): JSX.Element {
  const { t } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('training.matching.published.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('training.matching.published.intro')}
      </p>
      {props.publishedAt === null ? (
        <p class="ds-paragraph" data-testid="published-none" safe>
          {t('training.matching.published.none')}
        </p>
      ) : (
        <>
          <p class="ds-paragraph" data-testid="published-at" safe>
            {t('training.matching.published.at', { date: formatDateTime(props.publishedAt) })}
          </p>
          <p class="ds-paragraph" safe>
            {t('training.matching.unmet.disclosure')}
          </p>
          <UnmetTable t={t} cells={props.cells} testId="published" />
        </>
      )}
    </>
  );
}
