// Payment-claim periods: the list with the form for a new period, and one period with its summary per
// month and employer, the problems that stop it from closing (each with a link to fix it) and the close form.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field } from '../../../platform/http/views.tsx';
import { formatDate, formatNumber, type T } from '../../../platform/i18n/index.ts';
import type { EsfKey } from '../messages.ts';
import type { ClaimPeriod, ClaimPeriodDetail } from '../service/claims.ts';

type ET = T<EsfKey>;

export interface ClaimsListVM {
  periods: ClaimPeriod[];
  canCreate: boolean;
  errors: FieldError[];
  values: Record<string, string>;
}

const range = (t: ET, p: ClaimPeriod) => t('esf.claims.range', { first: p.firstMonth, last: p.lastMonth });

export function ClaimsListPage(props: { t: ET; csrf: string; vm: ClaimsListVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.claims.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('esf.claims.intro')}
      </p>
      {vm.periods.length === 0 ? (
        <p class="ds-paragraph" data-testid="claims-none" safe>
          {t('esf.claims.none')}
        </p>
      ) : (
        <table class="ds-table" data-testid="claims">
          <caption safe>{t('esf.claims.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('esf.claims.col.months')}
              </th>
              <th scope="col" safe>
                {t('esf.claims.col.status')}
              </th>
              <th scope="col" safe>
                {t('esf.claims.col.closed')}
              </th>
            </tr>
          </thead>
          <tbody>
            {vm.periods.map((p) => (
              <tr data-period={p.id}>
                <th scope="row">
                  <a class="ds-link" href={`/esf/claims/${p.id}`} safe>
                    {range(t, p)}
                  </a>
                </th>
                <td safe>{t(`esf.claims.status.${p.status}`)}</td>
                <td safe>{formatDate(p.closedAt ?? '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {vm.canCreate ? (
        <section aria-labelledby="claims-create">
          <h2 id="claims-create" class="ds-heading" data-size="sm" safe>
            {t('esf.claims.create.title')}
          </h2>
          <form method="post" action="/esf/claims" novalidate class="kn-form">
            <CsrfField token={props.csrf} />
            <ErrorSummary t={t} errors={vm.errors} />
            <Field
              t={t}
              name="firstMonth"
              label={t('esf.claims.firstMonth')}
              hint={t('esf.claims.monthHint')}
              value={vm.values.firstMonth ?? ''}
              errors={vm.errors}
              maxlength={7}
            />
            <Field
              t={t}
              name="lastMonth"
              label={t('esf.claims.lastMonth')}
              hint={t('esf.claims.monthHint')}
              value={vm.values.lastMonth ?? ''}
              errors={vm.errors}
              maxlength={7}
            />
            <button type="submit" class="ds-button" data-variant="primary" safe>
              {t('esf.claims.create.submit')}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
    </>
  );
}

function Summary(props: { t: ET; rows: ClaimPeriodDetail['check']['summary'] }): JSX.Element {
  const { t } = props;
  if (props.rows.length === 0)
    return (
      <p class="ds-paragraph" safe>
        {t('esf.claims.summary.none')}
      </p>
    );
  const cols = [
    'esf.claims.col.orgNumber',
    'esf.claims.col.participants',
    'esf.claims.col.hours',
    'esf.claims.col.certifiedHours',
    'esf.claims.col.signed',
    'esf.claims.col.unsigned',
  ] as const;
  return (
    <table class="ds-table" data-testid="claim-summary">
      <caption safe>{t('esf.claims.summary.caption')}</caption>
      <thead>
        <tr>
          <th scope="col" safe>
            {t('esf.claims.col.month')}
          </th>
          <th scope="col" safe>
            {t('esf.claims.col.employer')}
          </th>
          {cols.map((c) => (
            <th scope="col" safe>
              {t(c)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr data-month={r.month} data-company={r.companyId}>
            <td safe>{r.month}</td>
            <th scope="row" safe>
              {r.companyName}
            </th>
            <td safe>{r.orgNumber}</td>
            <td class="kn-num" safe>
              {formatNumber(r.participants)}
            </td>
            <td class="kn-num" safe>
              {formatNumber(r.hours)}
            </td>
            <td class="kn-num" safe>
              {formatNumber(r.certifiedHours)}
            </td>
            <td class="kn-num" safe>
              {formatNumber(r.signed)}
            </td>
            <td class="kn-num" safe>
              {formatNumber(r.unsigned)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Problems(props: { t: ET; problems: ClaimPeriodDetail['check']['problems'] }): JSX.Element {
  const { t } = props;
  if (props.problems.length === 0)
    return (
      <p class="ds-paragraph" data-testid="claim-no-problems" safe>
        {t('esf.claims.problems.none')}
      </p>
    );
  return (
    <>
      <p class="ds-paragraph" safe>
        {t('esf.claims.problems.intro')}
      </p>
      <ul class="ds-list" data-testid="claim-problems">
        {props.problems.map((p) => (
          <li data-problem={p.kind}>
            <span safe>
              {t(`esf.claims.problem.${p.kind}`, {
                month: p.month,
                name: p.participantName ?? '',
                date: p.date ?? '',
              })}
            </span>{' '}
            <a class="ds-link" href={p.href} safe>
              {t('esf.claims.fix')}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ClaimPeriodPage(props: {
  t: ET;
  csrf: string;
  vm: ClaimPeriodDetail & { canClose: boolean; refused: boolean };
}): JSX.Element {
  const { t, vm } = props;
  const p = vm.period;
  return (
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href="/esf/claims" safe>
          {t('esf.claims.back')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.claims.period', { first: p.firstMonth, last: p.lastMonth })}
      </h1>
      {p.status === 'closed' ? (
        <p class="ds-paragraph" data-testid="claim-closed" safe>
          {t('esf.claims.closedInfo', {
            date: p.closedAt ? formatDate(p.closedAt) : '',
            name: p.closedByName ?? '',
          })}
        </p>
      ) : (
        ''
      )}
      {vm.refused ? (
        <div class="ds-alert" data-color="danger" role="alert" tabindex="-1" data-error-summary>
          <p class="ds-paragraph" safe>
            {t('esf.claims.notClosable')}
          </p>
        </div>
      ) : (
        ''
      )}
      <h2 class="ds-heading" data-size="sm" safe>
        {t('esf.claims.summary.title')}
      </h2>
      <Summary t={t} rows={vm.check.summary} />
      {p.status === 'open' ? (
        <section aria-labelledby="claim-problems">
          <h2 id="claim-problems" class="ds-heading" data-size="sm" safe>
            {t('esf.claims.problems.title')}
          </h2>
          <Problems t={t} problems={vm.check.problems} />
        </section>
      ) : (
        ''
      )}
      {p.status === 'open' && vm.canClose ? (
        <section aria-labelledby="claim-close">
          <h2 id="claim-close" class="ds-heading" data-size="sm" safe>
            {t('esf.claims.close.title')}
          </h2>
          <p class="ds-paragraph" safe>
            {t('esf.claims.close.hint')}
          </p>
          <form method="post" action={`/esf/claims/${p.id}/close`} class="kn-form">
            <CsrfField token={props.csrf} />
            <button type="submit" class="ds-button" data-variant="primary" safe>
              {t('esf.claims.close.submit')}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
    </>
  );
}
