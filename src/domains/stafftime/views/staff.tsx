// Staff and kind of employment: the staff of the organisations the actor manages, with their current
// employment, and one form to set a member's kind (and hourly cost) from a date.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, Select } from '../../../platform/http/views.tsx';
import { formatMoney } from '../../../platform/i18n/index.ts';
import { employmentKinds } from '../schema.ts';
import { type ST, TimeNav } from './shared.tsx';

export interface StaffVM {
  rows: {
    userId: string;
    name: string;
    organisationId: string;
    organisationName: string;
    kind: 'employed' | 'external' | null;
    validFrom: string | null;
    hourlyCostSek: number | null;
  }[];
  values: Record<string, string>;
  errors: FieldError[];
  today: string;
}

export function StaffView(props: { t: ST; csrf: string; vm: StaffVM }): JSX.Element {
  const { t, vm } = props;
  const v = vm.values;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('stafftime.staff.title')}
      </h1>
      <TimeNav t={t} current="/time/staff" manager={true} />
      <p class="ds-paragraph" safe>
        {t('stafftime.staff.intro')}
      </p>
      {vm.rows.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('stafftime.staff.none')}
        </p>
      ) : (
        <div class="kn-table-wrap">
          <table class="ds-table" data-testid="staff-list">
            <caption safe>{t('stafftime.staff.caption')}</caption>
            <thead>
              <tr>
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
                  {t('stafftime.staff.validFrom')}
                </th>
                <th scope="col" safe>
                  {t('stafftime.staff.hourlyCost')}
                </th>
              </tr>
            </thead>
            <tbody>
              {vm.rows.map((r) => (
                <tr>
                  <th scope="row" safe>
                    {r.name}
                  </th>
                  <td safe>{r.organisationName}</td>
                  <td safe>{r.kind ? t(`stafftime.kind.${r.kind}`) : t('stafftime.staff.notSet')}</td>
                  <td safe>{r.validFrom ?? ''}</td>
                  <td safe>{r.hourlyCostSek === null ? '' : formatMoney(r.hourlyCostSek)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {vm.rows.length > 0 ? (
        <section aria-labelledby="staff-form-title" class="kn-row-group">
          <h2 id="staff-form-title" class="ds-heading" data-size="sm" safe>
            {t('stafftime.staff.set')}
          </h2>
          <ErrorSummary t={t} errors={vm.errors} />
          <form method="post" action="/time/staff" class="kn-form">
            <CsrfField token={props.csrf} />
            <Select
              t={t}
              name="member"
              label={t('stafftime.col.person')}
              value={v.member ?? ''}
              options={vm.rows.map((r) => ({
                value: `${r.userId}|${r.organisationId}`,
                label: `${r.name} – ${r.organisationName}`,
              }))}
              errors={vm.errors}
              required
            />
            <div class="kn-grid-3">
              <Select
                t={t}
                name="kind"
                label={t('stafftime.staff.kind')}
                value={v.kind ?? 'employed'}
                options={employmentKinds.map((k) => ({ value: k, label: t(`stafftime.kind.${k}`) }))}
                errors={vm.errors}
                required
              />
              <Field
                t={t}
                name="validFrom"
                type="date"
                label={t('stafftime.staff.validFrom')}
                value={v.validFrom ?? vm.today}
                errors={vm.errors}
                required
              />
              <Field
                t={t}
                name="hourlyCostSek"
                label={t('stafftime.staff.hourlyCost')}
                hint={t('stafftime.staff.hourlyCostHint')}
                value={v.hourlyCostSek ?? ''}
                inputmode="text"
                errors={vm.errors}
              />
            </div>
            <div>
              <button type="submit" class="ds-button" data-variant="primary" safe>
                {t('stafftime.staff.set')}
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
