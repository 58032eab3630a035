// The ESF indicators page: a period filter, the figures against the targets (each linking to its rows), the
// participants by age band, municipality and company, and the export links.
import type { FieldError } from '../../../platform/errors.ts';
import { ErrorSummary, Field } from '../../../platform/http/views.tsx';
import { formatNumber, type T } from '../../../platform/i18n/index.ts';
import type { EsfKey } from '../messages.ts';
import type { Breakdown, Figures, Indicators } from '../service/indicators.ts';

type ET = T<EsfKey>;

export interface IndicatorsVM {
  indicators: Indicators;
  errors: FieldError[];
  values: { from: string; to: string };
}

const periodQuery = (i: { from: string; to: string }) =>
  `from=${encodeURIComponent(i.from)}&to=${encodeURIComponent(i.to)}`;

/** The figures against the targets; with `linkRows` each value links to the rows behind it. */
export function FiguresTable(props: { t: ET; ind: Indicators; linkRows: boolean }): JSX.Element {
  const { t, ind } = props;
  const value = (f: Figures) =>
    props.linkRows ? (
      <a
        class="ds-link"
        href={`/esf/indicators/rows?figure=${f.figure}&${periodQuery(ind)}`}
        aria-label={`${formatNumber(f.value)} – ${t('esf.indicators.rowsOf', { figure: t(`esf.indicators.figure.${f.figure}`) })}`}
        safe
      >
        {formatNumber(f.value)}
      </a>
    ) : (
      <span safe>{formatNumber(f.value)}</span>
    );
  return (
    <table class="ds-table" data-size="sm">
      <caption safe>{t('esf.indicators.caption', { from: ind.from, to: ind.to })}</caption>
      <thead>
        <tr>
          <th scope="col" safe>
            {t('esf.indicators.col.indicator')}
          </th>
          <th scope="col" safe>
            {t('esf.indicators.col.value')}
          </th>
          <th scope="col" safe>
            {t('esf.indicators.col.target')}
          </th>
          <th scope="col" safe>
            {t('esf.indicators.col.percent')}
          </th>
        </tr>
      </thead>
      <tbody>
        {ind.figures.map((f) => (
          <tr>
            <th scope="row" safe>
              {t(`esf.indicators.figure.${f.figure}`)}
            </th>
            <td data-numeric>{value(f)}</td>
            <td data-numeric safe>
              {f.target === null ? '–' : formatNumber(f.target)}
            </td>
            <td data-numeric safe>
              {f.percent === null ? '–' : `${formatNumber(f.percent)} %`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Women, men and total per group (age band, municipality, company). */
export function BreakdownTable(props: {
  t: ET;
  caption: string;
  head: string;
  rows: Breakdown[];
}): JSX.Element {
  const { t } = props;
  return (
    <table class="ds-table" data-size="sm">
      <caption safe>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col" safe>
            {props.head}
          </th>
          <th scope="col" safe>
            {t('esf.indicators.women')}
          </th>
          <th scope="col" safe>
            {t('esf.indicators.men')}
          </th>
          <th scope="col" safe>
            {t('esf.indicators.total')}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.length === 0 ? (
          <tr>
            <td colspan="4" safe>
              {t('esf.indicators.noneInPeriod')}
            </td>
          </tr>
        ) : (
          ''
        )}
        {props.rows.map((b) => (
          <tr>
            <th scope="row" safe>
              {b.key === 'unknown' ? t('esf.indicators.unknown') : b.label}
            </th>
            <td data-numeric safe>
              {formatNumber(b.women)}
            </td>
            <td data-numeric safe>
              {formatNumber(b.men)}
            </td>
            <td data-numeric safe>
              {formatNumber(b.total)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function IndicatorsPage(props: { t: ET; vm: IndicatorsVM }): JSX.Element {
  const { t, vm } = props;
  const ind = vm.indicators;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.indicators.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('esf.indicators.intro', { name: ind.programme.name })}
      </p>
      <form method="get" action="/esf/indicators" novalidate class="kn-form">
        <ErrorSummary t={t} errors={vm.errors} />
        <Field
          t={t}
          name="from"
          type="date"
          label={t('esf.indicators.from')}
          value={vm.values.from}
          errors={vm.errors}
        />
        <Field
          t={t}
          name="to"
          type="date"
          label={t('esf.indicators.to')}
          value={vm.values.to}
          errors={vm.errors}
        />
        <button type="submit" class="ds-button" data-variant="secondary" safe>
          {t('esf.indicators.show')}
        </button>
      </form>
      <FiguresTable t={t} ind={ind} linkRows={true} />
      <p class="ds-paragraph">
        <a class="ds-link" href={`/esf/indicators/export.csv?${periodQuery(ind)}`} safe>
          {t('esf.indicators.exportCsv')}
        </a>
        {' · '}
        <a class="ds-link" href={`/esf/indicators/export.xlsx?${periodQuery(ind)}`} safe>
          {t('esf.indicators.exportXlsx')}
        </a>
        {' · '}
        <a class="ds-link" href="/esf/reports" safe>
          {t('esf.reports.title')}
        </a>
      </p>
      <BreakdownTable
        t={t}
        caption={t('esf.indicators.byAgeBand')}
        head={t('esf.indicators.ageBand')}
        rows={ind.ageBands}
      />
      <BreakdownTable
        t={t}
        caption={t('esf.indicators.byMunicipality')}
        head={t('esf.indicators.municipality')}
        rows={ind.byMunicipality}
      />
      <BreakdownTable
        t={t}
        caption={t('esf.indicators.byCompany')}
        head={t('esf.indicators.company')}
        rows={ind.byCompany}
      />
    </>
  );
}
