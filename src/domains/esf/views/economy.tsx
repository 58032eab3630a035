// The ESF economy page: budget against outcome per month and category, totals to date, the grants, a chart
// (with the same figures in the tables) and the form that sets a month's budget.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, Select } from '../../../platform/http/views.tsx';
import { formatMoney, formatNumber, type T } from '../../../platform/i18n/index.ts';
import type { EsfKey } from '../messages.ts';
import type { Amounts, BudgetCategory, Economy } from '../service/economy.ts';
import { EconomyChart } from './economy-chart.tsx';

type ET = T<EsfKey>;
const CATS: BudgetCategory[] = ['personnel', 'services', 'flat_rate', 'participant_cofinancing', 'other'];
const sum = (a: Amounts) => CATS.reduce((s, c) => s + a[c], 0);

export interface EconomyVM {
  economy: Economy;
  canEdit: boolean;
  form: { month: string; errors: FieldError[]; values: Record<string, string> | null };
}

function MonthTable(props: { t: ET; e: Economy }): JSX.Element {
  const { t, e } = props;
  return (
    <div class="kn-table-wrap" role="region" aria-label={t('esf.economy.perMonth')} tabindex="0">
      <table class="ds-table" data-size="sm">
        <caption safe>{t('esf.economy.perMonth')}</caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('esf.economy.month')}
            </th>
            <th scope="col" safe>
              {t('esf.economy.certifiedHours')}
            </th>
            {CATS.map((c) => (
              <>
                <th scope="col" safe>
                  {`${t(`esf.economy.cat.${c}`)} – ${t('esf.economy.budget')}`}
                </th>
                <th scope="col" safe>
                  {`${t(`esf.economy.cat.${c}`)} – ${t('esf.economy.outcome')}`}
                </th>
              </>
            ))}
            <th scope="col" safe>
              {t('esf.economy.totalBudget')}
            </th>
            <th scope="col" safe>
              {t('esf.economy.totalOutcome')}
            </th>
          </tr>
        </thead>
        <tbody>
          {e.months.map((m) => (
            <tr>
              <th scope="row" safe>
                {m.month}
              </th>
              <td data-numeric safe>
                {formatNumber(m.certifiedHours)}
              </td>
              {CATS.map((c) => (
                <>
                  <td data-numeric safe>
                    {formatMoney(m.budget[c])}
                  </td>
                  <td data-numeric>{m.toDate ? formatMoney(m.outcome[c]) : '–'}</td>
                </>
              ))}
              <td data-numeric safe>
                {formatMoney(sum(m.budget))}
              </td>
              <td data-numeric>{m.toDate ? formatMoney(sum(m.outcome)) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TotalsTable(props: { t: ET; e: Economy }): JSX.Element {
  const { t, e } = props;
  return (
    <table class="ds-table" data-size="sm">
      <caption safe>{t('esf.economy.toDateCaption', { month: e.currentMonth })}</caption>
      <thead>
        <tr>
          <th scope="col" safe>
            {t('esf.economy.category')}
          </th>
          <th scope="col" safe>
            {t('esf.economy.budgetToDate')}
          </th>
          <th scope="col" safe>
            {t('esf.economy.outcomeToDate')}
          </th>
          <th scope="col" safe>
            {t('esf.economy.difference')}
          </th>
          <th scope="col" safe>
            {t('esf.economy.budgetWhole')}
          </th>
        </tr>
      </thead>
      <tbody>
        {CATS.map((c) => (
          <tr>
            <th scope="row" safe>
              {t(`esf.economy.cat.${c}`)}
            </th>
            <td data-numeric safe>
              {formatMoney(e.budgetToDate[c])}
            </td>
            <td data-numeric safe>
              {formatMoney(e.outcomeToDate[c])}
            </td>
            <td data-numeric safe>
              {formatMoney(e.outcomeToDate[c] - e.budgetToDate[c])}
            </td>
            <td data-numeric safe>
              {formatMoney(e.budgetTotal[c])}
            </td>
          </tr>
        ))}
        <tr>
          <th scope="row" safe>
            {t('esf.economy.total')}
          </th>
          <td data-numeric safe>
            {formatMoney(e.budgetTotalToDate)}
          </td>
          <td data-numeric safe>
            {formatMoney(e.outcomeTotalToDate)}
          </td>
          <td data-numeric safe>
            {formatMoney(e.outcomeTotalToDate - e.budgetTotalToDate)}
          </td>
          <td data-numeric safe>
            {formatMoney(sum(e.budgetTotal))}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function GrantsTable(props: { t: ET; e: Economy }): JSX.Element {
  const { t, e } = props;
  const share = e.grantTotal > 0 ? Math.round((e.outcomeTotalToDate / e.grantTotal) * 100) : 0;
  return (
    <table class="ds-table" data-size="sm">
      <caption safe>{t('esf.economy.grants')}</caption>
      <thead>
        <tr>
          <th scope="col" safe>
            {t('esf.economy.funder')}
          </th>
          <th scope="col" safe>
            {t('esf.economy.amount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {e.grants.map((g) => (
          <tr>
            <th scope="row" safe>
              {g.funder}
            </th>
            <td data-numeric safe>
              {formatMoney(g.amountSek)}
            </td>
          </tr>
        ))}
        <tr>
          <th scope="row" safe>
            {t('esf.economy.grantTotal')}
          </th>
          <td data-numeric safe>
            {formatMoney(e.grantTotal)}
          </td>
        </tr>
        <tr>
          <th scope="row" safe>
            {t('esf.economy.outcomeToDate')}
          </th>
          <td data-numeric safe>
            {`${formatMoney(e.outcomeTotalToDate)} (${t('esf.economy.shareOfGrant', { share })})`}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function BudgetForm(props: { t: ET; csrf: string; vm: EconomyVM }): JSX.Element {
  const { t, vm } = props;
  const { errors, values, month } = vm.form;
  const current = vm.economy.months.find((m) => m.month === month);
  const value = (c: BudgetCategory) =>
    values ? values[c] : current ? String(current.budget[c]).replace('.', ',') : '';
  return (
    <section aria-labelledby="budget-form">
      <h2 id="budget-form" class="ds-heading" data-size="sm" safe>
        {t('esf.economy.setBudget')}
      </h2>
      <form method="post" action="/esf/economy/budget" novalidate class="kn-form">
        <CsrfField token={props.csrf} />
        <ErrorSummary t={t} errors={errors} />
        <Select
          t={t}
          name="month"
          label={t('esf.economy.month')}
          value={values ? values.month : month}
          options={vm.economy.months.map((m) => ({ value: m.month, label: m.month }))}
          errors={errors}
        />
        {CATS.map((c) => (
          <Field
            t={t}
            name={c}
            label={t(`esf.economy.cat.${c}`)}
            hint={t('esf.economy.amountHint')}
            inputmode="numeric"
            value={value(c)}
            errors={errors}
          />
        ))}
        <button type="submit" class="ds-button" data-variant="primary" safe>
          {t('esf.economy.saveBudget')}
        </button>
      </form>
    </section>
  );
}

export function EconomyPage(props: { t: ET; csrf: string; vm: EconomyVM }): JSX.Element {
  const { t, vm } = props;
  const e = vm.economy;
  const flat = t(`esf.economy.flat.${e.programme.flatRate}`);
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.economy.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('esf.economy.intro', {
          name: e.programme.name,
          from: e.programme.startsOn,
          to: e.programme.endsOn,
        })}
      </p>
      <p class="ds-paragraph" safe>
        {t('esf.economy.flatRule', { rule: flat })}
      </p>
      <EconomyChart
        t={t}
        points={e.months
          .filter((m) => m.toDate)
          .map((m) => ({ month: m.month, budget: sum(m.budget), outcome: sum(m.outcome) }))}
      />
      <TotalsTable t={t} e={e} />
      <GrantsTable t={t} e={e} />
      <MonthTable t={t} e={e} />
      {vm.canEdit ? <BudgetForm t={t} csrf={props.csrf} vm={vm} /> : ''}
    </>
  );
}
