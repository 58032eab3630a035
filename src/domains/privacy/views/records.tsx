// Public-records request: the form (GET, no JavaScript needed) and the export with its review list.
import type { FieldError } from '../../../platform/errors.ts';
import { ErrorSummary, Field, Select } from '../../../platform/http/views.tsx';
import { formatDateTime, type T } from '../../../platform/i18n/index.ts';
import type { RecordsExport } from '../service/records.ts';
import { DataTable, LinkList, LinkPara, PageHeading, Para } from './shared.tsx';

type RT = T<string>;
const columns = (t: RT, keys: readonly string[]) => keys.map((c) => t(`privacy.records.col.${c}`));

export function RecordsFormPage(props: {
  t: RT;
  values: Record<string, string>;
  errors: FieldError[];
}): JSX.Element {
  const { t, values, errors } = props;
  return (
    <>
      <PageHeading title={t('privacy.records.title')} intro={t('privacy.records.intro')} />
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
  if (x.redactions.length === 0) return <Para text={t('privacy.records.review.none')} />;
  return (
    <DataTable
      size="sm"
      testId="records-review"
      caption={t('privacy.records.review.caption')}
      columns={columns(t, ['n', 'where', 'why', 'provision'])}
    >
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
    </DataTable>
  );
}

export function RecordsExportPage(props: { t: RT; x: RecordsExport; query: string }): JSX.Element {
  const { t, x } = props;
  return (
    <>
      <LinkPara href="/privacy/public-records" text={t('privacy.records.title')} />
      <PageHeading
        title={t('privacy.records.export.title', { company: x.companyName })}
        intro={t('privacy.records.export.generated', { at: formatDateTime(new Date(x.generatedAt)) })}
      />
      <LinkList
        links={[
          { href: `/privacy/public-records/export.pdf?${props.query}`, text: t('privacy.records.pdf') },
          { href: `/privacy/public-records/export.json?${props.query}`, text: t('privacy.records.json') },
        ]}
      />
      <h2 class="ds-heading" data-size="sm" safe>
        {t('privacy.records.review.title')}
      </h2>
      <Review t={t} x={x} />
      {x.attachments.length > 0 ? (
        <DataTable
          size="sm"
          caption={t('privacy.records.attachments.caption')}
          columns={columns(t, ['where', 'file', 'type', 'size'])}
        >
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
        </DataTable>
      ) : (
        ''
      )}
      {x.sections.length === 0 ? <Para text={t('privacy.records.empty')} /> : ''}
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
