// Consultant invoices: those the actor may see, and the form to record one.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, Select, TextArea } from '../../../platform/http/views.tsx';
import { formatMoney } from '../../../platform/i18n/index.ts';
import { NOTE_MAX } from '../schema.ts';
import { hours, type Option, type ST, TimeNav } from './shared.tsx';

export interface InvoicesVM {
  rows: {
    id: string;
    userName: string;
    organisationName: string;
    companyName: string | null;
    invoiceNumber: string;
    invoiceDate: string;
    periodFrom: string;
    periodTo: string;
    hours: number;
    amountSek: number;
  }[];
  manager: boolean;
  consultants: Option[];
  companies: Option[];
  engagements: Option[];
  values: Record<string, string>;
  errors: FieldError[];
  today: string;
}

export function InvoicesView(props: { t: ST; csrf: string; vm: InvoicesVM }): JSX.Element {
  const { t, vm } = props;
  const v = vm.values;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('stafftime.invoices.title')}
      </h1>
      <TimeNav t={t} current="/time/invoices" manager={vm.manager} />
      <p class="ds-paragraph" safe>
        {t('stafftime.invoices.intro')}
      </p>
      <section aria-labelledby="invoice-form-title" class="kn-row-group">
        <h2 id="invoice-form-title" class="ds-heading" data-size="sm" safe>
          {t('stafftime.invoices.add')}
        </h2>
        <ErrorSummary t={t} errors={vm.errors} />
        <form method="post" action="/time/invoices" class="kn-form">
          <CsrfField token={props.csrf} />
          {vm.manager && vm.consultants.length > 0 ? (
            <Select
              t={t}
              name="userId"
              label={t('stafftime.invoices.consultant')}
              value={v.userId ?? ''}
              options={vm.consultants}
              emptyLabel={t('stafftime.invoices.self')}
              errors={vm.errors}
            />
          ) : (
            ''
          )}
          <div class="kn-grid-2">
            <Select
              t={t}
              name="engagementId"
              label={t('stafftime.form.engagement')}
              value={v.engagementId ?? ''}
              options={vm.engagements}
              emptyLabel={t('stafftime.form.noEngagement')}
              errors={vm.errors}
            />
            <Select
              t={t}
              name="companyId"
              label={t('stafftime.form.company')}
              value={v.companyId ?? ''}
              options={vm.companies}
              emptyLabel={t('stafftime.form.noCompany')}
              errors={vm.errors}
            />
          </div>
          <div class="kn-grid-3">
            <Field
              t={t}
              name="invoiceNumber"
              label={t('stafftime.invoices.number')}
              value={v.invoiceNumber ?? ''}
              errors={vm.errors}
              maxlength={100}
              required
            />
            <Field
              t={t}
              name="invoiceDate"
              type="date"
              label={t('stafftime.invoices.date')}
              value={v.invoiceDate ?? vm.today}
              errors={vm.errors}
              required
            />
            <Field
              t={t}
              name="periodFrom"
              type="date"
              label={t('stafftime.invoices.periodFrom')}
              value={v.periodFrom ?? ''}
              errors={vm.errors}
              required
            />
            <Field
              t={t}
              name="periodTo"
              type="date"
              label={t('stafftime.invoices.periodTo')}
              value={v.periodTo ?? ''}
              errors={vm.errors}
              required
            />
            <Field
              t={t}
              name="hours"
              label={t('stafftime.invoices.hours')}
              value={v.hours ?? ''}
              inputmode="text"
              errors={vm.errors}
              required
            />
            <Field
              t={t}
              name="amountSek"
              label={t('stafftime.invoices.amount')}
              value={v.amountSek ?? ''}
              inputmode="text"
              errors={vm.errors}
              required
            />
          </div>
          <TextArea
            t={t}
            name="note"
            label={t('stafftime.form.note')}
            value={v.note ?? ''}
            errors={vm.errors}
            maxlength={NOTE_MAX}
          />
          <div>
            <button type="submit" class="ds-button" data-variant="primary" safe>
              {t('stafftime.invoices.add')}
            </button>
          </div>
        </form>
      </section>
      {vm.rows.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('stafftime.invoices.none')}
        </p>
      ) : (
        <div class="kn-table-wrap">
          <table class="ds-table" data-testid="invoice-list">
            <caption safe>{t('stafftime.invoices.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('stafftime.invoices.number')}
                </th>
                <th scope="col" safe>
                  {t('stafftime.invoices.consultant')}
                </th>
                <th scope="col" safe>
                  {t('stafftime.col.company')}
                </th>
                <th scope="col" safe>
                  {t('stafftime.invoices.date')}
                </th>
                <th scope="col" safe>
                  {t('stafftime.invoices.period')}
                </th>
                <th scope="col" safe>
                  {t('stafftime.col.hours')}
                </th>
                <th scope="col" safe>
                  {t('stafftime.invoices.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {vm.rows.map((r) => (
                <tr>
                  <th scope="row" safe>
                    {r.invoiceNumber}
                  </th>
                  <td safe>{`${r.userName} (${r.organisationName})`}</td>
                  <td safe>{r.companyName ?? ''}</td>
                  <td class="kn-nowrap" safe>
                    {r.invoiceDate}
                  </td>
                  <td class="kn-nowrap" safe>{`${r.periodFrom} – ${r.periodTo}`}</td>
                  <td safe>{hours(r.hours)}</td>
                  <td safe>{formatMoney(r.amountSek)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
