// Progress-report drafts: the list with the form for a new period, and one report with its indicators, the
// rendered texts, the edit form (Markdown in plain textareas) and the PDF link.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, TextArea } from '../../../platform/http/views.tsx';
import { formatDateTime, type T } from '../../../platform/i18n/index.ts';
import type { EsfKey } from '../messages.ts';
import type { ReportView } from '../service/progress-reports.ts';
import { BreakdownTable, FiguresTable } from './indicators.tsx';

type ET = T<EsfKey>;

export interface ReportListItem {
  id: string;
  periodFrom: string;
  periodTo: string;
  updatedAt: Date;
  updatedByName: string | null;
}

export interface ReportsVM {
  reports: ReportListItem[];
  errors: FieldError[];
  values: { periodFrom: string; periodTo: string };
}

export function ReportsPage(props: { t: ET; csrf: string; vm: ReportsVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.reports.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('esf.reports.intro')}
      </p>
      {vm.reports.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('esf.reports.none')}
        </p>
      ) : (
        <table class="ds-table" data-size="sm">
          <caption safe>{t('esf.reports.listCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('esf.reports.periodCol')}
              </th>
              <th scope="col" safe>
                {t('esf.reports.updated')}
              </th>
            </tr>
          </thead>
          <tbody>
            {vm.reports.map((r) => (
              <tr>
                <th scope="row">
                  <a class="ds-link" href={`/esf/reports/${r.id}`} safe>
                    {`${r.periodFrom} – ${r.periodTo}`}
                  </a>
                </th>
                <td
                  safe
                >{`${formatDateTime(r.updatedAt)}${r.updatedByName ? ` (${r.updatedByName})` : ''}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="new-report">
        <h2 id="new-report" class="ds-heading" data-size="sm" safe>
          {t('esf.reports.create')}
        </h2>
        <form method="post" action="/esf/reports" novalidate class="kn-form">
          <CsrfField token={props.csrf} />
          <ErrorSummary t={t} errors={vm.errors} />
          <Field
            t={t}
            type="date"
            name="periodFrom"
            label={t('esf.indicators.from')}
            value={vm.values.periodFrom}
            errors={vm.errors}
          />
          <Field
            t={t}
            type="date"
            name="periodTo"
            label={t('esf.indicators.to')}
            value={vm.values.periodTo}
            errors={vm.errors}
          />
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('esf.reports.createButton')}
          </button>
        </form>
      </section>
    </>
  );
}

export interface ReportVM {
  view: ReportView;
  /** Markdown rendered through the allow-list sanitiser (already safe HTML). */
  activitiesHtml: string;
  deviationsHtml: string;
  errors: FieldError[];
  values: { activities: string; deviations: string; version: string } | null;
  conflict: boolean;
}

function Rendered(props: { html: string; empty: string }): JSX.Element {
  // Markdown rendered through the allow-list sanitiser in platform/markdown.ts.
  const safeHtml = props.html;
  if (safeHtml === '')
    return (
      <p class="ds-paragraph" safe>
        {props.empty}
      </p>
    );
  return <div class="kn-prose">{safeHtml}</div>;
}

export function ReportPage(props: { t: ET; csrf: string; vm: ReportVM }): JSX.Element {
  const { t, vm } = props;
  const { report, indicators } = vm.view;
  const v = vm.values ?? {
    activities: report.activities,
    deviations: report.deviations,
    version: String(report.version),
  };
  return (
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href="/esf/reports" safe>
          {t('esf.reports.back')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.reports.reportTitle', { from: report.periodFrom, to: report.periodTo })}
      </h1>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/esf/reports/${report.id}.pdf`} safe>
          {t('esf.reports.pdf')}
        </a>
      </p>
      <h2 class="ds-heading" data-size="sm" safe>
        {t('esf.reports.indicators')}
      </h2>
      <FiguresTable t={t} ind={indicators} linkRows={true} />
      <BreakdownTable
        t={t}
        caption={t('esf.indicators.byAgeBand')}
        head={t('esf.indicators.ageBand')}
        rows={indicators.ageBands}
      />
      <h2 class="ds-heading" data-size="sm" safe>
        {t('esf.reports.activities')}
      </h2>
      <Rendered html={vm.activitiesHtml} empty={t('esf.reports.empty')} />
      <h2 class="ds-heading" data-size="sm" safe>
        {t('esf.reports.deviations')}
      </h2>
      <Rendered html={vm.deviationsHtml} empty={t('esf.reports.empty')} />
      <section aria-labelledby="edit-report">
        <h2 id="edit-report" class="ds-heading" data-size="sm" safe>
          {t('esf.reports.edit')}
        </h2>
        {vm.conflict ? (
          <div class="ds-alert" data-color="warning" role="alert">
            <p safe>{t('esf.reports.conflict')}</p>
          </div>
        ) : (
          ''
        )}
        <form method="post" action={`/esf/reports/${report.id}`} novalidate class="kn-form">
          <CsrfField token={props.csrf} />
          <ErrorSummary t={t} errors={vm.errors} />
          <input type="hidden" name="version" value={vm.conflict ? String(report.version) : v.version} />
          <TextArea
            t={t}
            name="activities"
            label={t('esf.reports.activities')}
            hint={t('esf.reports.markdownHint')}
            value={v.activities}
            rows={10}
            maxlength={20000}
            errors={vm.errors}
          />
          <TextArea
            t={t}
            name="deviations"
            label={t('esf.reports.deviations')}
            hint={t('esf.reports.markdownHint')}
            value={v.deviations}
            rows={6}
            maxlength={20000}
            errors={vm.errors}
          />
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('esf.reports.save')}
          </button>
        </form>
      </section>
    </>
  );
}
