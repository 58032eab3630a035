// "My week": the entry form, the week's entries (edit, remove) and totals per day and activity.
import { CsrfField } from '../../../platform/http/views.tsx';
import { activityLabel, EntryForm, type EntryFormVM, hours, type ST, TimeNav } from './shared.tsx';

export interface WeekEntryVM {
  id: string;
  workDate: string;
  hours: number;
  activity: string;
  companyName: string | null;
  organisationName: string;
  note: string;
  locked: boolean;
}

export interface WeekVM {
  weekNumber: number;
  monday: string;
  sunday: string;
  prev: string;
  next: string;
  days: string[];
  entries: WeekEntryVM[];
  perDay: Record<string, number>;
  perActivity: Record<string, number>;
  total: number;
  signedMonths: string[];
  manager: boolean;
  showOrganisation: boolean;
  form: EntryFormVM;
}

export function WeekView(props: { t: ST; csrf: string; vm: WeekVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('stafftime.title')}
      </h1>
      <TimeNav t={t} current="/time" manager={vm.manager} />
      <p class="ds-paragraph" safe>
        {t('stafftime.intro')}
      </p>
      <div class="kn-title-row">
        <h2 class="ds-heading" data-size="md" safe>
          {t('stafftime.week.heading', { week: vm.weekNumber, from: vm.monday, to: vm.sunday })}
        </h2>
        <nav aria-label={t('stafftime.week.entries')} class="kn-actions">
          <a class="ds-link" href={`/time?week=${vm.prev}`} rel="prev" safe>
            {t('stafftime.week.prev')}
          </a>
          <a class="ds-link" href="/time" safe>
            {t('stafftime.week.thisWeek')}
          </a>
          <a class="ds-link" href={`/time?week=${vm.next}`} rel="next" safe>
            {t('stafftime.week.next')}
          </a>
        </nav>
      </div>
      {vm.signedMonths.map((m) => (
        <div class="ds-alert" data-color="info">
          <p class="ds-paragraph" safe>
            {t('stafftime.week.signed', { month: m })}
          </p>
        </div>
      ))}
      <EntryForm t={t} csrf={props.csrf} vm={vm.form} />
      <p class="ds-paragraph" data-testid="week-total">
        <strong safe>{t('stafftime.week.totalHours', { hours: hours(vm.total) })}</strong>
      </p>
      <EntriesTable t={t} csrf={props.csrf} vm={vm} />
      <div class="kn-grid-2">
        <DayTotals t={t} vm={vm} />
        <ActivityTotals
          t={t}
          perActivity={vm.perActivity}
          total={vm.total}
          caption={t('stafftime.week.perActivity')}
        />
      </div>
    </>
  );
}

function EntriesTable(props: { t: ST; csrf: string; vm: WeekVM }): JSX.Element {
  const { t, vm } = props;
  if (vm.entries.length === 0)
    return (
      <p class="ds-paragraph" data-testid="week-empty" safe>
        {t('stafftime.week.none')}
      </p>
    );
  return (
    <div class="kn-table-wrap">
      <table class="ds-table" data-testid="week-entries">
        <caption safe>{t('stafftime.week.entries')}</caption>
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
            {vm.showOrganisation ? (
              <th scope="col" safe>
                {t('stafftime.col.organisation')}
              </th>
            ) : (
              ''
            )}
            <th scope="col" safe>
              {t('stafftime.col.hours')}
            </th>
            <th scope="col" safe>
              {t('stafftime.col.note')}
            </th>
            <th scope="col" safe>
              {t('stafftime.col.actions')}
            </th>
          </tr>
        </thead>
        <tbody>
          {vm.entries.map((e) => {
            const what = { activity: activityLabel(t, e.activity), date: e.workDate };
            return (
              <tr data-entry={e.id}>
                <td class="kn-nowrap" safe>
                  {e.workDate}
                </td>
                <td safe>{activityLabel(t, e.activity)}</td>
                <td safe>{e.companyName ?? ''}</td>
                {vm.showOrganisation ? <td safe>{e.organisationName}</td> : ''}
                <td safe>{hours(e.hours)}</td>
                <td safe>{e.note}</td>
                <td>
                  {e.locked ? (
                    <span safe>{t('stafftime.entry.locked')}</span>
                  ) : (
                    <div class="kn-actions">
                      <a
                        class="ds-link"
                        href={`/time?week=${vm.monday}&edit=${e.id}#entry-form-title`}
                        aria-label={t('stafftime.entry.editLabel', what)}
                        safe
                      >
                        {t('stafftime.entry.edit')}
                      </a>
                      <form method="post" action={`/time/entries/${e.id}/delete`} class="kn-inline-form">
                        <CsrfField token={props.csrf} />
                        <button
                          type="submit"
                          class="ds-button"
                          data-variant="tertiary"
                          data-size="sm"
                          aria-label={t('stafftime.entry.deleteLabel', what)}
                          safe
                        >
                          {t('stafftime.entry.delete')}
                        </button>
                      </form>
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function DayTotals(props: { t: ST; vm: WeekVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <table class="ds-table" data-testid="day-totals">
      <caption safe>{t('stafftime.week.perDay')}</caption>
      <thead>
        <tr>
          <th scope="col" safe>
            {t('stafftime.col.date')}
          </th>
          <th scope="col" safe>
            {t('stafftime.col.hours')}
          </th>
        </tr>
      </thead>
      <tbody>
        {vm.days.map((d) => (
          <tr>
            <th scope="row" safe>
              {d}
            </th>
            <td safe>{hours(vm.perDay[d] ?? 0)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" safe>
            {t('stafftime.week.total')}
          </th>
          <td safe>{hours(vm.total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

export function ActivityTotals(props: {
  t: ST;
  perActivity: Record<string, number>;
  total: number;
  caption: string;
}): JSX.Element {
  const { t } = props;
  const rows = Object.entries(props.perActivity).sort((a, b) => b[1] - a[1]);
  return (
    <table class="ds-table" data-testid="activity-totals">
      <caption safe>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col" safe>
            {t('stafftime.col.activity')}
          </th>
          <th scope="col" safe>
            {t('stafftime.col.hours')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([a, h]) => (
          <tr>
            <th scope="row" safe>
              {activityLabel(t, a)}
            </th>
            <td safe>{hours(h)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" safe>
            {t('stafftime.col.total')}
          </th>
          <td safe>{hours(props.total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
