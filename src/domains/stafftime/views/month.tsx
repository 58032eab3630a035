// The monthly time report: the month's hours per organisation (employed/external), per activity and per
// entry; the staff member signs it (the month locks); a region admin can unlock it with a reason.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, TextArea } from '../../../platform/http/views.tsx';
import { formatDateTime, formatMoney } from '../../../platform/i18n/index.ts';
import { activityLabel, hours, type ST, TimeNav } from './shared.tsx';
import { ActivityTotals } from './week.tsx';

export interface MonthVM {
  month: string;
  prev: string;
  next: string;
  userId: string;
  userName: string;
  own: boolean;
  manager: boolean;
  entries: {
    workDate: string;
    activity: string;
    companyName: string | null;
    organisationName: string;
    hours: number;
    note: string;
  }[];
  totals: {
    totalHours: number;
    entries: number;
    byActivity: Record<string, number>;
    byOrganisation: {
      organisationName: string;
      kind: 'employed' | 'external' | 'unset';
      hours: number;
      costSek: number | null;
    }[];
  };
  signed: { signedAt: Date; signedByName: string | null } | null;
  canSign: boolean;
  canUnlock: boolean;
  unlockReason: string;
  errors: FieldError[];
}

export function MonthView(props: { t: ST; csrf: string; vm: MonthVM }): JSX.Element {
  const { t, vm } = props;
  const userQuery = vm.own ? '' : `?user=${vm.userId}`;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('stafftime.month.title', { month: vm.month })}
      </h1>
      <TimeNav t={t} current="/time/month" manager={vm.manager} />
      <p class="ds-paragraph" safe>
        {t('stafftime.month.for', { name: vm.userName })}
      </p>
      <nav aria-label={t('stafftime.nav.month')} class="kn-actions">
        <a class="ds-link" href={`/time/month/${vm.prev}${userQuery}`} rel="prev" safe>
          {t('stafftime.month.prev')}
        </a>
        <a class="ds-link" href={`/time/month/${vm.next}${userQuery}`} rel="next" safe>
          {t('stafftime.month.next')}
        </a>
      </nav>
      <ErrorSummary t={t} errors={vm.errors} />
      <div class="ds-alert" data-color={vm.signed ? 'success' : 'warning'} data-testid="month-status">
        <p class="ds-paragraph" safe>
          {vm.signed
            ? t('stafftime.month.signed', {
                at: formatDateTime(vm.signed.signedAt),
                name: vm.signed.signedByName ?? '',
              })
            : t('stafftime.month.notSigned')}
        </p>
      </div>
      <p class="ds-paragraph" data-testid="month-total">
        <strong safe>
          {t('stafftime.month.total', { hours: hours(vm.totals.totalHours), entries: vm.totals.entries })}
        </strong>
      </p>
      <OrganisationTotals t={t} vm={vm} />
      <ActivityTotals
        t={t}
        perActivity={vm.totals.byActivity}
        total={vm.totals.totalHours}
        caption={t('stafftime.month.byActivity')}
      />
      <MonthEntries t={t} vm={vm} />
      {vm.canSign ? (
        <form method="post" action={`/time/month/${vm.month}/sign`} class="kn-form">
          <CsrfField token={props.csrf} />
          <p class="ds-paragraph" safe>
            {t('stafftime.month.signInfo')}
          </p>
          <div>
            <button type="submit" class="ds-button" data-variant="primary" safe>
              {t('stafftime.month.sign')}
            </button>
          </div>
        </form>
      ) : (
        ''
      )}
      {vm.canUnlock ? (
        <form method="post" action={`/time/month/${vm.month}/unlock`} class="kn-form">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="userId" value={vm.userId} />
          <TextArea
            t={t}
            name="reason"
            label={t('stafftime.month.unlockReason')}
            value={vm.unlockReason}
            errors={vm.errors}
            maxlength={1000}
          />
          <div>
            <button type="submit" class="ds-button" data-variant="secondary" safe>
              {t('stafftime.month.unlock')}
            </button>
          </div>
        </form>
      ) : (
        ''
      )}
    </>
  );
}

function OrganisationTotals(props: { t: ST; vm: MonthVM }): JSX.Element {
  const { t, vm } = props;
  if (vm.totals.byOrganisation.length === 0) return '';
  return (
    <table class="ds-table" data-testid="month-organisations">
      <caption safe>{t('stafftime.month.byOrganisation')}</caption>
      <thead>
        <tr>
          <th scope="col" safe>
            {t('stafftime.col.organisation')}
          </th>
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
        {vm.totals.byOrganisation.map((o) => (
          <tr>
            <th scope="row" safe>
              {o.organisationName}
            </th>
            <td safe>{t(`stafftime.kind.${o.kind}`)}</td>
            <td safe>{hours(o.hours)}</td>
            <td safe>{o.costSek === null ? '' : formatMoney(o.costSek)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MonthEntries(props: { t: ST; vm: MonthVM }): JSX.Element {
  const { t, vm } = props;
  if (vm.entries.length === 0)
    return (
      <p class="ds-paragraph" safe>
        {t('stafftime.month.none')}
      </p>
    );
  return (
    <div class="kn-table-wrap">
      <table class="ds-table" data-testid="month-entries">
        <caption safe>{t('stafftime.month.entries')}</caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('stafftime.col.date')}
            </th>
            <th scope="col" safe>
              {t('stafftime.col.activity')}
            </th>
            <th scope="col" safe>
              {t('stafftime.col.company')}
            </th>
            <th scope="col" safe>
              {t('stafftime.col.organisation')}
            </th>
            <th scope="col" safe>
              {t('stafftime.col.hours')}
            </th>
            <th scope="col" safe>
              {t('stafftime.col.note')}
            </th>
          </tr>
        </thead>
        <tbody>
          {vm.entries.map((e) => (
            <tr>
              <td class="kn-nowrap" safe>
                {e.workDate}
              </td>
              <td safe>{activityLabel(t, e.activity)}</td>
              <td safe>{e.companyName ?? ''}</td>
              <td safe>{e.organisationName}</td>
              <td safe>{hours(e.hours)}</td>
              <td safe>{e.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
