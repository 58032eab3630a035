// Shared pieces of the time pages: the sub-navigation, hours formatting and the entry form.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, Select, TextArea } from '../../../platform/http/views.tsx';
import { formatNumber, type T } from '../../../platform/i18n/index.ts';
import type { StaffTimeKey } from '../messages.ts';
import { activities, NOTE_MAX } from '../schema.ts';

export type ST = T<StaffTimeKey>;

export interface Option {
  value: string;
  label: string;
}

export interface ChoicesVM {
  organisations: Option[];
  companies: Option[];
  engagements: Option[];
}

export const hours = (n: number): string => formatNumber(n);

export const activityLabel = (t: ST, a: string): string => t(`stafftime.activity.${a}` as StaffTimeKey);

export function TimeNav(props: { t: ST; current: string; manager: boolean }): JSX.Element {
  const { t } = props;
  const items: { href: string; label: StaffTimeKey; show: boolean }[] = [
    { href: '/time', label: 'stafftime.nav.week', show: true },
    { href: '/time/month', label: 'stafftime.nav.month', show: true },
    { href: '/time/summary', label: 'stafftime.nav.summary', show: true },
    { href: '/time/invoices', label: 'stafftime.nav.invoices', show: true },
    { href: '/time/staff', label: 'stafftime.nav.staff', show: props.manager },
  ];
  return (
    <nav aria-label={t('stafftime.nav.label')}>
      <ul class="kn-pagination__list">
        {items
          .filter((i) => i.show)
          .map((i) => (
            <li>
              <a
                class="ds-link"
                href={i.href}
                aria-current={props.current === i.href ? 'page' : undefined}
                safe
              >
                {t(i.label)}
              </a>
            </li>
          ))}
      </ul>
    </nav>
  );
}

export interface EntryFormVM {
  action: string;
  heading: string;
  submit: string;
  cancelHref?: string;
  values: Record<string, string>;
  errors: FieldError[];
  choices: ChoicesVM;
  today: string;
}

export function EntryForm(props: { t: ST; csrf: string; vm: EntryFormVM }): JSX.Element {
  const { t, vm } = props;
  const v = vm.values;
  return (
    <section aria-labelledby="entry-form-title" class="kn-row-group">
      <h2 id="entry-form-title" class="ds-heading" data-size="sm" safe>
        {vm.heading}
      </h2>
      <ErrorSummary t={t} errors={vm.errors} />
      <form method="post" action={vm.action} class="kn-form" data-testid="entry-form">
        <CsrfField token={props.csrf} />
        <div class="kn-grid-3">
          <Field
            t={t}
            name="workDate"
            type="date"
            label={t('stafftime.form.workDate')}
            value={v.workDate ?? vm.today}
            errors={vm.errors}
            required
          />
          <Field
            t={t}
            name="hours"
            label={t('stafftime.form.hours')}
            hint={t('stafftime.form.hoursHint')}
            value={v.hours ?? ''}
            inputmode="text"
            errors={vm.errors}
            required
          />
          <Select
            t={t}
            name="activity"
            label={t('stafftime.form.activity')}
            value={v.activity ?? 'coaching'}
            options={activities.map((a) => ({ value: a, label: activityLabel(t, a) }))}
            errors={vm.errors}
            required
          />
        </div>
        <div class="kn-grid-2">
          <Select
            t={t}
            name="companyId"
            label={t('stafftime.form.company')}
            value={v.companyId ?? ''}
            options={vm.choices.companies}
            emptyLabel={t('stafftime.form.noCompany')}
            errors={vm.errors}
          />
          {vm.choices.engagements.length > 0 ? (
            <Select
              t={t}
              name="engagementId"
              label={t('stafftime.form.engagement')}
              value={v.engagementId ?? ''}
              options={vm.choices.engagements}
              emptyLabel={t('stafftime.form.noEngagement')}
              errors={vm.errors}
            />
          ) : (
            ''
          )}
          {vm.choices.organisations.length > 1 ? (
            <Select
              t={t}
              name="organisationId"
              label={t('stafftime.form.organisation')}
              value={v.organisationId ?? vm.choices.organisations[0]?.value ?? ''}
              options={vm.choices.organisations}
              errors={vm.errors}
              required
            />
          ) : (
            ''
          )}
        </div>
        <TextArea
          t={t}
          name="note"
          label={t('stafftime.form.note')}
          hint={t('stafftime.form.noteHint')}
          value={v.note ?? ''}
          errors={vm.errors}
          maxlength={NOTE_MAX}
        />
        <div class="kn-actions">
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {vm.submit}
          </button>
          {vm.cancelHref ? (
            <a class="ds-link" href={vm.cancelHref} safe>
              {t('stafftime.form.cancel')}
            </a>
          ) : (
            ''
          )}
        </div>
      </form>
    </section>
  );
}
