// Gallring pages: record types with their current decisions, the decision form, proposals, one proposal.
import type { FieldError } from '../../../platform/errors.ts';
import { Checkbox, CsrfField, ErrorSummary, Field, Select, TextArea } from '../../../platform/http/views.tsx';
import { formatDate, formatDateTime, type T } from '../../../platform/i18n/index.ts';
import type { DecisionRow, ProposalRow } from '../repo-retention.ts';
import type { RetentionOverview } from '../service/retention.ts';
import { DataTable, LinkPara, PageHeading, Para } from './shared.tsx';

type RT = T<string>;

const typeLabel = (t: RT, key: string) => t(`privacy.retention.type.${key}`);
const columns = (t: RT, keys: readonly string[]) => keys.map((c) => t(`privacy.retention.col.${c}`));

function DecisionCells(props: { t: RT; d: DecisionRow | null }): JSX.Element {
  const { t, d } = props;
  if (!d)
    return (
      <td colspan="4" safe>
        {t('privacy.retention.none')}
      </td>
    );
  return (
    <>
      <td safe>{d.reference}</td>
      <td safe>{d.decidedOn}</td>
      <td class="kn-num" safe>
        {String(d.retentionMonths)}
      </td>
      <td safe>{d.archiveIdentities ? t('privacy.retention.yes') : t('privacy.retention.no')}</td>
    </>
  );
}

function DecisionForm(props: {
  t: RT;
  csrf: string;
  errors: FieldError[];
  values: Record<string, string>;
  typeKeys: string[];
}): JSX.Element {
  const { t, errors, values } = props;
  return (
    <section aria-labelledby="retention-form">
      <h2 id="retention-form" class="ds-heading" data-size="sm" safe>
        {t('privacy.retention.form.title')}
      </h2>
      <form method="post" action="/privacy/retention" novalidate class="kn-form">
        <CsrfField token={props.csrf} />
        <ErrorSummary t={t} errors={errors} />
        <Select
          t={t}
          name="recordType"
          label={t('privacy.retention.form.recordType')}
          value={values.recordType ?? ''}
          options={props.typeKeys.map((key) => ({ value: key, label: typeLabel(t, key) }))}
          errors={errors}
          emptyLabel=""
        />
        <Field
          t={t}
          name="reference"
          label={t('privacy.retention.form.reference')}
          hint={t('privacy.retention.form.referenceHint')}
          value={values.reference ?? ''}
          errors={errors}
          maxlength={200}
        />
        <Field
          t={t}
          name="decidedOn"
          type="date"
          label={t('privacy.retention.form.decidedOn')}
          value={values.decidedOn ?? ''}
          errors={errors}
        />
        <Field
          t={t}
          name="retentionMonths"
          label={t('privacy.retention.form.months')}
          value={values.retentionMonths ?? ''}
          errors={errors}
          inputmode="numeric"
        />
        <Checkbox
          name="archiveIdentities"
          label={t('privacy.retention.form.identities')}
          checked={values.archiveIdentities === 'on'}
        />
        <button type="submit" class="ds-button" data-variant="primary" safe>
          {t('privacy.retention.form.submit')}
        </button>
      </form>
    </section>
  );
}

function Proposals(props: { t: RT; proposals: ProposalRow[] }): JSX.Element {
  const { t } = props;
  if (props.proposals.length === 0) return <Para text={t('privacy.retention.proposals.none')} />;
  return (
    <DataTable
      testId="retention-proposals"
      caption={t('privacy.retention.proposals.caption')}
      columns={columns(t, ['type', 'reference', 'cutoff', 'count', 'status', 'proposedAt'])}
    >
      {props.proposals.map((p) => (
        <tr>
          <th scope="row">
            <a class="ds-link" href={`/privacy/retention/proposals/${p.id}`} safe>
              {typeLabel(t, p.recordType)}
            </a>
          </th>
          <td safe>{p.decisionReference}</td>
          <td safe>{formatDate(p.cutoff)}</td>
          <td class="kn-num" safe>
            {String(p.deletedCount ?? p.recordCount)}
          </td>
          <td safe>{t(`privacy.retention.status.${p.status}`)}</td>
          <td safe>{formatDateTime(p.proposedAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export function RetentionPage(props: {
  t: RT;
  csrf: string;
  vm: RetentionOverview;
  errors: FieldError[];
  values: Record<string, string>;
}): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <PageHeading title={t('privacy.retention.title')} intro={t('privacy.retention.intro')} />
      <DataTable
        testId="retention-types"
        caption={t('privacy.retention.types.caption')}
        columns={columns(t, ['type', 'referenceDate', 'reference', 'decidedOn', 'months', 'identities'])}
      >
        {vm.types.map((r) => (
          <tr data-type={r.key}>
            <th scope="row" safe>
              {typeLabel(t, r.key)}
            </th>
            <td>
              <code safe>{r.referenceDate}</code>
            </td>
            <DecisionCells t={t} d={r.current} />
          </tr>
        ))}
      </DataTable>
      <h2 class="ds-heading" data-size="sm" safe>
        {t('privacy.retention.proposals.title')}
      </h2>
      <Proposals t={t} proposals={vm.proposals} />
      <DecisionForm
        t={t}
        csrf={props.csrf}
        errors={props.errors}
        values={props.values}
        typeKeys={vm.types.map((r) => r.key)}
      />
      <DataTable
        testId="retention-history"
        caption={t('privacy.retention.history.caption')}
        columns={columns(t, [
          'type',
          'reference',
          'decidedOn',
          'months',
          'identities',
          'recordedBy',
          'status',
        ])}
      >
        {vm.decisions.map((d) => (
          <tr>
            <th scope="row" safe>
              {typeLabel(t, d.recordType)}
            </th>
            <DecisionCells t={t} d={d} />
            <td safe>{d.recordedByName ?? ''}</td>
            <td safe>
              {d.supersededAt ? t('privacy.retention.superseded') : t('privacy.retention.current')}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

export function ProposalPage(props: {
  t: RT;
  csrf: string;
  p: ProposalRow;
  errors: FieldError[];
  values: Record<string, string>;
}): JSX.Element {
  const { t, p, errors } = props;
  const facts: [string, string][] = [
    [t('privacy.retention.col.reference'), p.decisionReference],
    [t('privacy.retention.col.cutoff'), formatDate(p.cutoff)],
    [t('privacy.retention.col.count'), String(p.deletedCount ?? p.recordCount)],
    [t('privacy.retention.col.status'), t(`privacy.retention.status.${p.status}`)],
    [
      t('privacy.retention.col.identities'),
      p.archiveIdentities ? t('privacy.retention.yes') : t('privacy.retention.no'),
    ],
  ];
  return (
    <>
      <LinkPara href="/privacy/retention" text={t('privacy.retention.proposal.back')} />
      <PageHeading title={t('privacy.retention.proposal.title', { type: typeLabel(t, p.recordType) })} />
      <dl class="kn-facts" data-testid="proposal-facts">
        {facts.map(([k, v]) => (
          <>
            <dt safe>{k}</dt>
            <dd safe>{v}</dd>
          </>
        ))}
      </dl>
      {p.status === 'rejected' && p.reason ? (
        <Para text={t('privacy.retention.proposal.rejectedReason', { reason: p.reason })} />
      ) : (
        ''
      )}
      {p.archiveId ? (
        <LinkPara
          href={`/privacy/retention/proposals/${p.id}/archive.json`}
          text={t('privacy.retention.proposal.download')}
        />
      ) : (
        ''
      )}
      {p.status === 'proposed' ? (
        <>
          <Para text={t('privacy.retention.proposal.explain')} />
          <form method="post" action={`/privacy/retention/proposals/${p.id}/confirm`} class="kn-form">
            <CsrfField token={props.csrf} />
            <button type="submit" class="ds-button" data-variant="primary" safe>
              {t('privacy.retention.proposal.confirm')}
            </button>
          </form>
          <form
            method="post"
            action={`/privacy/retention/proposals/${p.id}/reject`}
            novalidate
            class="kn-form"
          >
            <CsrfField token={props.csrf} />
            <ErrorSummary t={t} errors={errors} />
            <TextArea
              t={t}
              name="reason"
              label={t('privacy.retention.proposal.reason')}
              value={props.values.reason ?? ''}
              errors={errors}
              maxlength={2000}
            />
            <button type="submit" class="ds-button" data-variant="secondary" safe>
              {t('privacy.retention.proposal.reject')}
            </button>
          </form>
        </>
      ) : (
        ''
      )}
    </>
  );
}
