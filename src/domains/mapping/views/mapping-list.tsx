import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, Pagination, Select } from '../../../platform/http/views.tsx';
import { formatDateTime, type Locale } from '../../../platform/i18n/index.ts';
import type { MappingListRow, RoundRow } from '../service/mappings.ts';
import { type MT, StatusTag } from './mapping-shared.tsx';

export interface MappingListQueryVM {
  q?: string | null | undefined;
  round?: string | undefined;
  status?: 'in_progress' | 'submitted' | undefined;
  page: number;
}

export function mappingListHref(query: MappingListQueryVM): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.round) params.set('round', query.round);
  if (query.status) params.set('status', query.status);
  if (query.page > 1) params.set('page', String(query.page));
  const qs = params.toString();
  return qs ? `/mappings?${qs}` : '/mappings';
}

export const roundName = (r: { nameSv: string; nameEn: string }, locale: Locale) =>
  locale === 'en' ? r.nameEn : r.nameSv;

export function MappingListView(props: {
  t: MT;
  locale: Locale;
  rows: MappingListRow[];
  total: number;
  pageSize: number;
  query: MappingListQueryVM;
  rounds: RoundRow[];
  canStart: boolean;
  roundAdmin: { csrf: string; values: Record<string, string>; errors: FieldError[] } | null;
}): JSX.Element {
  const { t, locale, query } = props;
  return (
    <>
      <div class="kn-title-row">
        <h1 class="ds-heading" data-size="lg" safe>
          {t('mapping.title')}
        </h1>
        {props.canStart ? (
          <a class="ds-button" data-variant="primary" href="/mappings/new" safe>
            {t('mapping.start')}
          </a>
        ) : (
          ''
        )}
      </div>
      <p class="ds-paragraph" safe>
        {t('mapping.intro')}
      </p>
      <form
        method="get"
        action="/mappings"
        class="kn-filters"
        role="search"
        aria-label={t('mapping.filters')}
      >
        <Field name="q" type="search" label={t('mapping.q')} value={query.q ?? ''} errors={[]} t={t} />
        <Select
          name="round"
          label={t('mapping.round')}
          value={query.round}
          emptyLabel={t('form.all')}
          options={props.rounds.map((r) => ({ value: r.id, label: roundName(r, locale) }))}
          errors={[]}
          t={t}
        />
        <Select
          name="status"
          label={t('mapping.status')}
          value={query.status}
          emptyLabel={t('form.all')}
          options={(['in_progress', 'submitted'] as const).map((s) => ({
            value: s,
            label: t(`mapping.status.${s}`),
          }))}
          errors={[]}
          t={t}
        />
        <div class="kn-filters__buttons">
          <button type="submit" class="ds-button" data-variant="secondary" safe>
            {t('form.filter')}
          </button>
        </div>
      </form>
      {props.rows.length === 0 ? (
        <p class="ds-paragraph" role="status" safe>
          {t('mapping.none')}
        </p>
      ) : (
        <div class="kn-table-wrap">
          <table class="ds-table" data-testid="mapping-list">
            <caption safe>{t('mapping.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('mapping.company')}
                </th>
                <th scope="col" safe>
                  {t('mapping.round')}
                </th>
                <th scope="col" safe>
                  {t('mapping.status')}
                </th>
                <th scope="col" safe>
                  {t('mapping.mode')}
                </th>
                <th scope="col" safe>
                  {t('mapping.updated')}
                </th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td>
                    <a class="ds-link" href={`/mappings/${r.id}`} safe>
                      {r.companyName}
                    </a>
                  </td>
                  <td safe>{locale === 'en' ? r.roundNameEn : r.roundNameSv}</td>
                  <td>
                    <StatusTag t={t} status={r.status} />
                  </td>
                  <td safe>{t(`mapping.mode.${r.mode}`)}</td>
                  <td class="kn-nowrap" safe>
                    {formatDateTime(r.updatedAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        t={t}
        page={query.page}
        pageSize={props.pageSize}
        total={props.total}
        href={(page) => mappingListHref({ ...query, page })}
      />
      {props.roundAdmin ? (
        <RoundsArea t={t} locale={locale} rounds={props.rounds} {...props.roundAdmin} />
      ) : (
        ''
      )}
    </>
  );
}

function RoundsArea(props: {
  t: MT;
  locale: Locale;
  rounds: RoundRow[];
  csrf: string;
  values: Record<string, string>;
  errors: FieldError[];
}): JSX.Element {
  const { t, values, errors } = props;
  return (
    <section aria-labelledby="rounds-title" class="kn-form" id="rounds">
      <h2 id="rounds-title" class="ds-heading" data-size="md" safe>
        {t('mapping.rounds.title')}
      </h2>
      {props.rounds.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('mapping.rounds.none')}
        </p>
      ) : (
        <ul class="ds-list" data-testid="round-list">
          {props.rounds.map((r) => (
            <li>
              <span safe>{roundName(r, props.locale)}</span> (<code safe>{r.key}</code>)
              {r.opensOn || r.closesOn ? (
                <span safe>{` ${r.opensOn ?? '…'} – ${r.closesOn ?? '…'}`}</span>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      )}
      <h3 class="ds-heading" data-size="xs" safe>
        {t('mapping.rounds.new')}
      </h3>
      <ErrorSummary errors={errors} t={t} />
      <form method="post" action="/mappings/rounds" class="kn-form" novalidate>
        <CsrfField token={props.csrf} />
        <Field
          name="key"
          label={t('mapping.rounds.key')}
          hint={t('mapping.rounds.keyHint')}
          value={values.key}
          errors={errors}
          t={t}
          maxlength={60}
          required
        />
        <div class="kn-grid-2">
          <Field
            name="nameSv"
            label={t('mapping.rounds.nameSv')}
            value={values.nameSv}
            errors={errors}
            t={t}
            required
          />
          <Field
            name="nameEn"
            label={t('mapping.rounds.nameEn')}
            value={values.nameEn}
            errors={errors}
            t={t}
            required
          />
          <Field
            name="opensOn"
            type="date"
            label={t('mapping.rounds.opensOn')}
            hint={t('mapping.rounds.dateHint')}
            value={values.opensOn}
            errors={errors}
            t={t}
          />
          <Field
            name="closesOn"
            type="date"
            label={t('mapping.rounds.closesOn')}
            hint={t('mapping.rounds.dateHint')}
            value={values.closesOn}
            errors={errors}
            t={t}
          />
        </div>
        <div>
          <button type="submit" class="ds-button" data-variant="secondary" safe>
            {t('mapping.rounds.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
