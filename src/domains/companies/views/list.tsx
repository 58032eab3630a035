import { Field, Pagination, Select } from '../../../platform/http/views.tsx';
import { formatNumber, type T } from '../../../platform/i18n/index.ts';
import { maskOrgNumber } from '../../../platform/identifiers.ts';
import type { CompanyKey } from '../messages.ts';
import type { CompanyListRow } from '../repo.ts';
import { type CompanyListQuery, companyStatuses, sizeClasses } from '../schema.ts';

export interface ListViewProps {
  t: T<CompanyKey>;
  rows: CompanyListRow[];
  total: number;
  query: CompanyListQuery;
  municipalities: { code: string; name: string }[];
  canCreate: boolean;
  canImport: boolean;
}

export function listHref(query: Partial<CompanyListQuery>, base = '/companies'): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (
      (key === 'page' && value === 1) ||
      (key === 'sort' && value === 'name') ||
      (key === 'pageSize' && value === 25)
    )
      continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${base}?${qs}` : base;
}

/** `25620 Metallegoarbeten`, or empty. */
export function sniLabel(code: string | null, name: string | null): string {
  return code ? `${code} ${name ?? ''}`.trim() : '';
}

export function CompanyListView(props: ListViewProps): JSX.Element {
  const { t, query } = props;
  const { page: _page, ...filters } = query;
  return (
    <>
      <div class="kn-title-row">
        <h1 class="ds-heading" data-size="lg" safe>
          {t('companies.title')}
        </h1>
        <div class="kn-actions">
          {props.canCreate ? (
            <a class="ds-button" data-variant="primary" href="/companies/new" safe>
              {t('companies.new')}
            </a>
          ) : (
            ''
          )}
          {props.canImport ? (
            <a class="ds-button" data-variant="secondary" href="/companies/import" safe>
              {t('companies.import')}
            </a>
          ) : (
            ''
          )}
          <a class="ds-button" data-variant="tertiary" href={listHref(filters, '/companies/export.csv')} safe>
            {t('companies.export.csv')}
          </a>
          <a
            class="ds-button"
            data-variant="tertiary"
            href={listHref(filters, '/companies/export.xlsx')}
            safe
          >
            {t('companies.export.xlsx')}
          </a>
        </div>
      </div>
      <form
        method="get"
        action="/companies"
        class="kn-filters"
        role="search"
        aria-label={t('companies.filters')}
      >
        <Field name="q" type="search" label={t('companies.q')} value={query.q} errors={[]} t={t} />
        <Select
          name="status"
          label={t('company.status')}
          value={query.status}
          emptyLabel={t('form.all')}
          options={companyStatuses.map((s) => ({ value: s, label: t(`company.status.${s}`) }))}
          errors={[]}
          t={t}
        />
        <Select
          name="municipality"
          label={t('company.workplace.municipality')}
          value={query.municipality}
          emptyLabel={t('form.all')}
          options={props.municipalities.map((m) => ({ value: m.code, label: m.name }))}
          errors={[]}
          t={t}
        />
        <Field
          name="sni"
          label={t('company.sni')}
          value={query.sni}
          errors={[]}
          t={t}
          hint="25, 256, 25620, C"
        />
        <Select
          name="size"
          label={t('company.size')}
          value={query.size}
          emptyLabel={t('form.all')}
          options={sizeClasses.map((s) => ({ value: s, label: t(`company.size.${s}`) }))}
          errors={[]}
          t={t}
        />
        <Select
          name="sme"
          label={t('company.sme')}
          value={query.sme}
          emptyLabel={t('form.all')}
          options={[
            { value: 'yes', label: t('company.sme.yes') },
            { value: 'no', label: t('company.sme.no') },
          ]}
          errors={[]}
          t={t}
        />
        <div class="kn-filters__buttons">
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('form.filter')}
          </button>
          <a class="ds-button" data-variant="tertiary" href="/companies" safe>
            {t('form.clear')}
          </a>
        </div>
      </form>
      {props.rows.length === 0 ? (
        <p class="ds-paragraph" data-testid="no-companies" safe>
          {t('companies.none')}
        </p>
      ) : (
        <div class="kn-table-wrap">
          <table class="ds-table" data-testid="company-list">
            <caption class="ds-sr-only" safe>
              {t('companies.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('company.name')}
                </th>
                <th scope="col" safe>
                  {t('company.orgNumber')}
                </th>
                <th scope="col" safe>
                  {t('company.municipalities')}
                </th>
                <th scope="col" safe>
                  {t('company.sni')}
                </th>
                <th scope="col" safe>
                  {t('company.size')}
                </th>
                <th scope="col" safe>
                  {t('company.status')}
                </th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((c) => (
                <tr>
                  <td>
                    <a class="ds-link" href={`/companies/${c.id}`} safe>
                      {c.name}
                    </a>
                  </td>
                  <td class="kn-nowrap" safe>
                    {maskOrgNumber(c.orgNumber, c.isSoleTrader)}
                  </td>
                  <td safe>{c.municipalities ?? ''}</td>
                  <td safe>{sniLabel(c.sniCode, c.sniName)}</td>
                  <td class="kn-nowrap" safe>
                    {formatNumber(c.employeesWomen + c.employeesMen)}
                  </td>
                  <td safe>{t(`company.status.${c.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        t={t}
        page={query.page}
        pageSize={query.pageSize}
        total={props.total}
        href={(page) => listHref({ ...query, page })}
      />
    </>
  );
}
