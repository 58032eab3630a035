// The summary: filters (month, week/month, person and organisation for managers), totals employed vs
// external, and hours per period × person × activity × company; downloads as CSV and XLSX.
import { Field, Select } from '../../../platform/http/views.tsx';
import { formatMoney } from '../../../platform/i18n/index.ts';
import { activityLabel, hours, type Option, type ST, TimeNav } from './shared.tsx';

export interface SummaryRowVM {
  period: string;
  userName: string;
  organisationName: string;
  kind: 'employed' | 'external' | 'unset';
  activity: string;
  companyName: string | null;
  hours: number;
  costSek: number | null;
}

export interface SummaryVM {
  month: string;
  period: 'week' | 'month';
  from: string;
  to: string;
  rows: SummaryRowVM[];
  totals: Record<'employed' | 'external' | 'unset', { hours: number; costSek: number }> & { all: number };
  canFilter: boolean;
  manager: boolean;
  people: Option[];
  organisations: Option[];
  filter: { user: string | null; organisation: string | null };
  query: string;
}

export function SummaryView(props: { t: ST; vm: SummaryVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('stafftime.summary.title')}
      </h1>
      <TimeNav t={t} current="/time/summary" manager={vm.manager} />
      {vm.canFilter ? (
        ''
      ) : (
        <p class="ds-paragraph" safe>
          {t('stafftime.summary.ownOnly')}
        </p>
      )}
      <form
        method="get"
        action="/time/summary"
        class="kn-filters"
        aria-label={t('stafftime.summary.filters')}
      >
        <Field t={t} name="month" label={t('stafftime.summary.month')} value={vm.month} errors={[]} />
        <Select
          t={t}
          name="period"
          label={t('stafftime.summary.period')}
          value={vm.period}
          options={[
            { value: 'month', label: t('stafftime.summary.period.month') },
            { value: 'week', label: t('stafftime.summary.period.week') },
          ]}
          errors={[]}
        />
        {vm.canFilter ? (
          <>
            <Select
              t={t}
              name="user"
              label={t('stafftime.summary.person')}
              value={vm.filter.user}
              options={vm.people}
              emptyLabel={t('stafftime.summary.allPeople')}
              errors={[]}
            />
            <Select
              t={t}
              name="organisation"
              label={t('stafftime.summary.organisation')}
              value={vm.filter.organisation}
              options={vm.organisations}
              emptyLabel={t('stafftime.summary.allOrganisations')}
              errors={[]}
            />
          </>
        ) : (
          ''
        )}
        <div class="kn-filters__buttons">
          <button type="submit" class="ds-button" data-variant="secondary" safe>
            {t('stafftime.summary.show')}
          </button>
        </div>
      </form>
      <p class="kn-actions">
        <a class="ds-link" href={`/time/export.csv?${vm.query}`} download="" safe>
          {t('stafftime.summary.exportCsv')}
        </a>
        <a class="ds-link" href={`/time/export.xlsx?${vm.query}`} download="" safe>
          {t('stafftime.summary.exportXlsx')}
        </a>
      </p>
      <KindTotals t={t} vm={vm} />
      <SummaryTable t={t} vm={vm} />
    </>
  );
}

const moneyIfEmployed = (kind: string, sek: number): string => (kind === 'employed' ? formatMoney(sek) : '');

function KindTotals(props: { t: ST; vm: SummaryVM }): JSX.Element {
  const { t, vm } = props;
  const kinds = ['employed', 'external', 'unset'] as const;
  return (
    <table class="ds-table" data-testid="kind-totals">
      <caption>
        <span safe>{t('stafftime.summary.totals')}</span>
        <br />
        <small safe>{t('stafftime.summary.totalsCaption')}</small>
      </caption>
      <thead>
        <tr>
          <th scope="col" safe>
            {t('stafftime.col.kind')}
          </th>
          <th scope="col" safe>
            {t('stafftime.col.hours')}
          </th>
          <th scope="col" safe>
            {t('stafftime.col.cost')}
          </th>
        </tr>
      </thead>
      <tbody>
        {kinds.map((k) => (
          <tr data-kind={k}>
            <th scope="row" safe>
              {t(`stafftime.kind.${k}`)}
            </th>
            <td safe>{hours(vm.totals[k].hours)}</td>
            <td safe>{moneyIfEmployed(k, vm.totals[k].costSek)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" safe>
            {t('stafftime.summary.all')}
          </th>
          <td data-testid="summary-total" safe>
            {hours(vm.totals.all)}
          </td>
          <td></td>
        </tr>
      </tfoot>
    </table>
  );
}

function SummaryTable(props: { t: ST; vm: SummaryVM }): JSX.Element {
  const { t, vm } = props;
  if (vm.rows.length === 0)
    return (
      <p class="ds-paragraph" safe>
        {t('stafftime.summary.none')}
      </p>
    );
  return (
    <div class="kn-table-wrap">
      <table class="ds-table" data-testid="summary-rows">
        <caption safe>{t('stafftime.summary.caption', { from: vm.from, to: vm.to })}</caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t(vm.period === 'week' ? 'stafftime.col.week' : 'stafftime.col.month')}
            </th>
            <th scope="col" safe>
              {t('stafftime.col.person')}
            </th>
            <th scope="col" safe>
              {t('stafftime.col.organisation')}
            </th>
            <th scope="col" safe>
              {t('stafftime.col.kind')}
            </th>
            <th scope="col" safe>
              {t('stafftime.col.activity')}
            </th>
            <th scope="col" safe>
              {t('stafftime.col.company')}
            </th>
            <th scope="col" safe>
              {t('stafftime.col.hours')}
            </th>
            <th scope="col" safe>
              {t('stafftime.col.cost')}
            </th>
          </tr>
        </thead>
        <tbody>
          {vm.rows.map((r) => (
            <tr>
              <td class="kn-nowrap" safe>
                {vm.period === 'week' ? r.period : r.period.slice(0, 7)}
              </td>
              <td safe>{r.userName}</td>
              <td safe>{r.organisationName}</td>
              <td safe>{t(`stafftime.kind.${r.kind}`)}</td>
              <td safe>{activityLabel(t, r.activity)}</td>
              <td safe>{r.companyName ?? ''}</td>
              <td safe>{hours(r.hours)}</td>
              <td safe>{r.costSek === null ? '' : formatMoney(r.costSek)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
