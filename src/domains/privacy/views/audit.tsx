// The audit log viewer: filter form (GET, works without JavaScript), a page of entries, pagination, CSV.
import type { FieldError } from '../../../platform/errors.ts';
import { ErrorSummary, Field, Pagination } from '../../../platform/http/views.tsx';
import { formatDateTime, type T } from '../../../platform/i18n/index.ts';
import type { AuditListRow } from '../repo-audit.ts';
import { DataTable, LinkPara, PageHeading, Para } from './shared.tsx';

type AT = T<string>;
const FILTERS = ['actor', 'action', 'entityType', 'entityId', 'from', 'to'] as const;

export function auditHref(
  values: Record<string, string>,
  extra: Record<string, string> = {},
  base = '/admin/audit',
) {
  const q = new URLSearchParams();
  for (const k of FILTERS) if (values[k]) q.set(k, values[k] as string);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

function Entries(props: { t: AT; rows: AuditListRow[] }): JSX.Element {
  const { t } = props;
  if (props.rows.length === 0) return <Para text={t('privacy.audit.none')} />;
  return (
    <DataTable
      size="sm"
      testId="audit-entries"
      caption={t('privacy.audit.caption')}
      columns={(['at', 'who', 'action', 'entity', 'ip', 'details'] as const).map((c) =>
        t(`privacy.audit.col.${c}`),
      )}
    >
      {props.rows.map((r) => (
        <tr data-id={String(r.id)}>
          <th scope="row" safe>
            {formatDateTime(r.at)}
          </th>
          <td safe>{r.actorName ? `${r.actorName} <${r.actorEmail ?? ''}>` : t('privacy.audit.system')}</td>
          <td>
            <code safe>{r.action}</code>
          </td>
          <td safe>{r.entityId ? `${r.entityType} ${r.entityId}` : r.entityType}</td>
          <td safe>{r.ip ?? ''}</td>
          <td>
            <code safe>{detailsText(r.details)}</code>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

export function AuditPage(props: {
  t: AT;
  values: Record<string, string>;
  errors: FieldError[];
  result: { rows: AuditListRow[]; total: number; page: number; pageSize: number } | null;
}): JSX.Element {
  const { t, values, errors, result } = props;
  return (
    <>
      <PageHeading title={t('privacy.audit.title')} intro={t('privacy.audit.intro')} />
      <form method="get" action="/admin/audit" novalidate class="kn-form" aria-labelledby="audit-filter">
        <h2 id="audit-filter" class="ds-heading" data-size="sm" safe>
          {t('privacy.audit.filter.title')}
        </h2>
        <ErrorSummary t={t} errors={errors} />
        {FILTERS.map((name) => (
          <Field
            t={t}
            name={name}
            type={name === 'from' || name === 'to' ? 'date' : 'text'}
            label={t(`privacy.audit.filter.${name}`)}
            value={values[name] ?? ''}
            errors={errors}
            maxlength={200}
          />
        ))}
        <button type="submit" class="ds-button" data-variant="primary" safe>
          {t('privacy.audit.filter.submit')}
        </button>
      </form>
      {result ? (
        <>
          <LinkPara href={auditHref(values, {}, '/admin/audit.csv')} text={t('privacy.audit.csv')} />
          <Entries t={t} rows={result.rows} />
          <Pagination
            t={t}
            page={result.page}
            pageSize={result.pageSize}
            total={result.total}
            href={(page) => auditHref(values, { page: String(page) })}
          />
        </>
      ) : (
        ''
      )}
    </>
  );
}

/** The details of an audit entry as one line of JSON (empty when there are none). */
function detailsText(details: Record<string, unknown>): string {
  return Object.keys(details).length > 0 ? JSON.stringify(details) : '';
}
