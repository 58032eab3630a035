// Public-records request: the form (GET, no JavaScript needed) and the export with its review list.
import type { FieldError } from '../../../platform/errors.ts';
import { ErrorSummary, Field, Select } from '../../../platform/http/views.tsx';
import { formatDateTime, type T } from '../../../platform/i18n/index.ts';
import type { RecordsExport } from '../service/records.ts';

type RT = T<string>;

export function RecordsFormPage(props: {
  t: RT;
  values: Record<string, string>;
  errors: FieldError[];
}): JSX.Element {
  const { t, values, errors } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('privacy.records.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('privacy.records.intro')}
      </p>
      <form method="get" action="/privacy/public-records/export" novalidate class="kn-form">
        <ErrorSummary t={t} errors={errors} />
        <Select
          t={t}
          name="kind"
          label={t('privacy.records.kind')}
          value={values.kind ?? 'company'}
          options={(['company', 'engagement', 'mapping'] as const).map((k) => ({
            value: k,
            label: t(`privacy.records.kind.${k}`),
          }))}
          errors={errors}
        />
        <Field
          t={t}
          name="id"
          label={t('privacy.records.id')}
          value={values.id ?? ''}
          errors={errors}
          maxlength={36}
        />
        <button type="submit" class="ds-button" data-variant="primary" safe>
          {t('privacy.records.submit')}
        </button>
      </form>
    </>
  );
}

function Review(props: { t: RT; x: RecordsExport }): JSX.Element {
  const { t, x } = props;
  if (x.redactions.length === 0)
    return (
      <p class="ds-paragraph" safe>
        {t('privacy.records.review.none')}
      </p>
    );
  return (
    <table class="ds-table" data-size="sm" data-testid="records-review">
      <caption safe>{t('privacy.records.review.caption')}</caption>
      <thead>
        <tr>
          {(['n', 'where', 'why', 'provision'] as const).map((c) => (
            <th scope="col" safe>
              {t(`privacy.records.col.${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {x.redactions.map((r) => (
          <tr>
            <th scope="row" safe>
              {String(r.n)}
            </th>
            <td safe>{r.where}</td>
            <td safe>{r.reason}</td>
            <td safe>{r.provision}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RecordsExportPage(props: { t: RT; x: RecordsExport; query: string }): JSX.Element {
  const { t, x } = props;
  return (
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href="/privacy/public-records" safe>
          {t('privacy.records.title')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('privacy.records.export.title', { company: x.companyName })}
      </h1>
      <p class="ds-paragraph" safe>
        {t('privacy.records.export.generated', { at: formatDateTime(new Date(x.generatedAt)) })}
      </p>
      <ul class="ds-list">
        <li>
          <a class="ds-link" href={`/privacy/public-records/export.pdf?${props.query}`} safe>
            {t('privacy.records.pdf')}
          </a>
        </li>
        <li>
          <a class="ds-link" href={`/privacy/public-records/export.json?${props.query}`} safe>
            {t('privacy.records.json')}
          </a>
        </li>
      </ul>
      <h2 class="ds-heading" data-size="sm" safe>
        {t('privacy.records.review.title')}
      </h2>
      <Review t={t} x={x} />
      {x.attachments.length > 0 ? (
        <table class="ds-table" data-size="sm">
          <caption safe>{t('privacy.records.attachments.caption')}</caption>
          <thead>
            <tr>
              {(['where', 'file', 'type', 'size'] as const).map((c) => (
                <th scope="col" safe>
                  {t(`privacy.records.col.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {x.attachments.map((a) => (
              <tr>
                <td safe>{a.where}</td>
                <th scope="row" safe>
                  {a.fileName}
                </th>
                <td safe>{a.mediaType}</td>
                <td class="kn-num" safe>
                  {String(a.sizeBytes)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        ''
      )}
      {x.sections.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('privacy.records.empty')}
        </p>
      ) : (
        ''
      )}
      {x.sections.map((s) => (
        <section>
          <h2 class="ds-heading" data-size="sm" safe>
            {s.heading}
          </h2>
          <dl class="kn-facts">
            {s.items.map((i) => (
              <>
                <dt safe>{i.label}</dt>
                <dd safe>{i.text}</dd>
              </>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}
