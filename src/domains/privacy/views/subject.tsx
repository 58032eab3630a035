// Data-subject request pages: search, what exists about a person, the erasure preview and confirmation, and
// the self-service "my data" page.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field } from '../../../platform/http/views.tsx';
import { formatDateTime, type T } from '../../../platform/i18n/index.ts';
import type { PrivacyKey } from '../messages.ts';
import type { RequestRow } from '../repo-subject.ts';
import type { ErasurePreview, PersonHit, SubjectPreview } from '../service/subject.ts';
import { DataTable, LinkList, LinkPara, PageHeading, Para } from './shared.tsx';

type PT = T<PrivacyKey>;
const k = (s: string) => s as PrivacyKey;

export function SearchPage(props: {
  t: PT;
  q: string;
  errors: FieldError[];
  hits: PersonHit[] | null;
  log: RequestRow[];
}): JSX.Element {
  const { t, hits } = props;
  return (
    <>
      <PageHeading title={t('privacy.requests.title')} intro={t('privacy.requests.intro')} />
      <ErrorSummary t={t} errors={props.errors} />
      <form method="get" action="/privacy/requests" class="kn-form" role="search">
        <Field
          t={t}
          name="q"
          type="search"
          label={t('privacy.requests.q')}
          hint={t('privacy.requests.qHint')}
          value={props.q}
          errors={props.errors}
          maxlength={254}
        />
        <button type="submit" class="ds-button" safe>
          {t('privacy.requests.search')}
        </button>
      </form>
      {hits === null ? '' : <Hits t={t} hits={hits} />}
      <RequestLog t={t} log={props.log} />
    </>
  );
}

function Hits(props: { t: PT; hits: PersonHit[] }): JSX.Element {
  const { t } = props;
  if (props.hits.length === 0)
    return (
      <p class="ds-paragraph" data-testid="no-hits" safe>
        {t('privacy.requests.noHits')}
      </p>
    );
  return (
    <DataTable
      testId="hits"
      caption={t('privacy.requests.hits')}
      columns={(['name', 'email', 'source', 'account'] as const).map((c) => t(`privacy.requests.col.${c}`))}
    >
      {props.hits.map((h) => (
        <tr>
          <td>
            <a class="ds-link" href={`/privacy/requests/people/${h.source}/${h.id}`} safe>
              {h.name}
            </a>
          </td>
          <td safe>{h.email ?? '–'}</td>
          <td safe>{t(k(`privacy.source.${h.source}`))}</td>
          <td safe>{h.userId ? t('privacy.requests.yes') : t('privacy.requests.no')}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function RequestLog(props: { t: PT; log: RequestRow[] }): JSX.Element {
  const { t } = props;
  return (
    <section aria-labelledby="request-log">
      <h2 id="request-log" class="ds-heading" data-size="md" safe>
        {t('privacy.requests.log')}
      </h2>
      {props.log.length === 0 ? (
        <Para text={t('privacy.requests.logEmpty')} />
      ) : (
        <DataTable
          testId="request-log"
          caption={t('privacy.requests.log')}
          columns={(['when', 'kind', 'channel', 'source', 'handledBy', 'rows'] as const).map((c) =>
            t(`privacy.requests.col.${c}`),
          )}
        >
          {props.log.map((r) => (
            <tr>
              <td safe>{formatDateTime(r.createdAt)}</td>
              <td safe>{t(k(`privacy.kind.${r.kind}`))}</td>
              <td safe>{t(k(`privacy.channel.${r.channel}`))}</td>
              <td safe>{t(k(`privacy.source.${r.subjectSource}`))}</td>
              <td safe>{r.handledByName ?? '–'}</td>
              <td safe>{String(Object.values(r.outcome).reduce((n, o) => n + o.rows, 0))}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function TableCounts(props: { t: PT; vm: SubjectPreview }): JSX.Element {
  const { t, vm } = props;
  if (vm.tables.length === 0) return <Para text={t('privacy.subject.nothing')} />;
  return (
    <DataTable
      testId="subject-tables"
      caption={t('privacy.subject.caption')}
      columns={(['table', 'rows', 'controller', 'basis'] as const).map((c) => t(`privacy.subject.col.${c}`))}
    >
      {vm.tables.map((r) => (
        <tr data-table={r.table}>
          <th scope="row" safe>
            {t(k(`privacy.table.${r.table}`))}
          </th>
          <td safe>{String(r.rows)}</td>
          <td safe>{t(k(`privacy.controller.${r.controller}`))}</td>
          <td safe>{t(k(`privacy.basis.${r.basis}`))}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** What the inventory holds about the person (tables and counts), with the downloads of the export. */
function SubjectSummary(props: {
  t: PT;
  vm: SubjectPreview;
  title: string;
  intro: string;
  exportBase: string;
}): JSX.Element {
  const { t, vm, exportBase } = props;
  return (
    <>
      <PageHeading title={props.title} intro={props.intro} />
      <TableCounts t={t} vm={vm} />
      <Para text={t('privacy.pnr.note')} />
      <LinkList
        links={[
          { href: `${exportBase}/export.json`, text: t('privacy.subject.json') },
          { href: `${exportBase}/export.pdf`, text: t('privacy.subject.pdf') },
        ]}
      />
    </>
  );
}

export function SubjectPage(props: { t: PT; vm: SubjectPreview }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <LinkPara href="/privacy/requests" text={t('privacy.subject.back')} />
      <SubjectSummary
        t={t}
        vm={vm}
        title={t('privacy.subject.title', { name: vm.name })}
        intro={t('privacy.subject.intro')}
        exportBase={`/privacy/requests/people/${vm.ref.source}/${vm.ref.id}`}
      />
      {vm.userId ? (
        <a class="ds-button" data-variant="secondary" href={`/privacy/requests/${vm.userId}/erase`} safe>
          {t('privacy.subject.erase')}
        </a>
      ) : (
        <Para text={t('privacy.subject.noAccount')} />
      )}
    </>
  );
}

function why(t: PT, vm: ErasurePreview, rule: ErasurePreview['lines'][number]['rule']): string {
  if (!rule) return '–';
  if (rule !== 'esf_retention') return t(k(`privacy.rule.${rule}`));
  return vm.esfKeptUntil
    ? t('privacy.rule.esf_retention', { until: vm.esfKeptUntil })
    : t('privacy.rule.esf_retention_open', { years: vm.esfRetentionYears ?? 10 });
}

export function ErasurePage(props: {
  t: PT;
  csrf: string;
  vm: ErasurePreview;
  errors: FieldError[];
  values: Record<string, string>;
}): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <PageHeading title={t('privacy.erase.title', { name: vm.name })} intro={t('privacy.erase.intro')} />
      <ErrorSummary t={t} errors={props.errors} />
      <DataTable
        testId="erasure-preview"
        caption={t('privacy.erase.caption')}
        columns={[
          t('privacy.subject.col.table'),
          t('privacy.subject.col.rows'),
          t('privacy.erase.col.action'),
          t('privacy.erase.col.why'),
        ]}
      >
        {vm.lines.map((l) => (
          <tr data-table={l.table} data-action={l.action}>
            <th scope="row" safe>
              {t(k(`privacy.table.${l.table}`))}
            </th>
            <td safe>{String(l.rows)}</td>
            <td safe>{t(k(`privacy.action.${l.action}`))}</td>
            <td safe>{why(t, vm, l.rule)}</td>
          </tr>
        ))}
      </DataTable>
      <form method="post" action={`/privacy/requests/${vm.userId}/erase`} class="kn-form">
        <CsrfField token={props.csrf} />
        <Field
          t={t}
          name="confirmEmail"
          type="email"
          label={t('privacy.erase.confirmEmail')}
          value={props.values.confirmEmail ?? ''}
          errors={props.errors}
          autocomplete="off"
          maxlength={254}
          required
        />
        <Field
          t={t}
          name="reason"
          label={t('privacy.erase.reason')}
          value={props.values.reason ?? ''}
          errors={props.errors}
          maxlength={500}
          required
        />
        <button type="submit" class="ds-button" data-color="danger" safe>
          {t('privacy.erase.submit')}
        </button>
      </form>
    </>
  );
}

export function MyDataPage(props: { t: PT; vm: SubjectPreview }): JSX.Element {
  const { t } = props;
  return (
    <SubjectSummary
      t={t}
      vm={props.vm}
      title={t('privacy.my.title')}
      intro={t('privacy.my.intro')}
      exportBase="/privacy/my-data"
    />
  );
}
