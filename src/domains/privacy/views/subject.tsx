// Data-subject request pages: search, what exists about a person, the erasure preview and confirmation, and
// the self-service "my data" page.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field } from '../../../platform/http/views.tsx';
import { formatDateTime, type T } from '../../../platform/i18n/index.ts';
import type { PrivacyKey } from '../messages.ts';
import type { RequestRow } from '../repo-subject.ts';
import type { ErasurePreview, PersonHit, SubjectPreview } from '../service/subject.ts';

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
      <h1 class="ds-heading" data-size="lg" safe>
        {t('privacy.requests.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('privacy.requests.intro')}
      </p>
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
    <table class="ds-table" data-testid="hits">
      <caption safe>{t('privacy.requests.hits')}</caption>
      <thead>
        <tr>
          <th scope="col" safe>
            {t('privacy.requests.col.name')}
          </th>
          <th scope="col" safe>
            {t('privacy.requests.col.email')}
          </th>
          <th scope="col" safe>
            {t('privacy.requests.col.source')}
          </th>
          <th scope="col" safe>
            {t('privacy.requests.col.account')}
          </th>
        </tr>
      </thead>
      <tbody>
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
      </tbody>
    </table>
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
        <p class="ds-paragraph" safe>
          {t('privacy.requests.logEmpty')}
        </p>
      ) : (
        <table class="ds-table" data-testid="request-log">
          <caption safe>{t('privacy.requests.log')}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('privacy.requests.col.when')}
              </th>
              <th scope="col" safe>
                {t('privacy.requests.col.kind')}
              </th>
              <th scope="col" safe>
                {t('privacy.requests.col.channel')}
              </th>
              <th scope="col" safe>
                {t('privacy.requests.col.source')}
              </th>
              <th scope="col" safe>
                {t('privacy.requests.col.handledBy')}
              </th>
              <th scope="col" safe>
                {t('privacy.requests.col.rows')}
              </th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      )}
    </section>
  );
}

function TableCounts(props: { t: PT; vm: SubjectPreview }): JSX.Element {
  const { t, vm } = props;
  if (vm.tables.length === 0)
    return (
      <p class="ds-paragraph" safe>
        {t('privacy.subject.nothing')}
      </p>
    );
  return (
    <table class="ds-table" data-testid="subject-tables">
      <caption safe>{t('privacy.subject.caption')}</caption>
      <thead>
        <tr>
          <th scope="col" safe>
            {t('privacy.subject.col.table')}
          </th>
          <th scope="col" safe>
            {t('privacy.subject.col.rows')}
          </th>
          <th scope="col" safe>
            {t('privacy.subject.col.controller')}
          </th>
          <th scope="col" safe>
            {t('privacy.subject.col.basis')}
          </th>
        </tr>
      </thead>
      <tbody>
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
      </tbody>
    </table>
  );
}

export function SubjectPage(props: { t: PT; vm: SubjectPreview }): JSX.Element {
  const { t, vm } = props;
  const base = `/privacy/requests/people/${vm.ref.source}/${vm.ref.id}`;
  return (
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href="/privacy/requests" safe>
          {t('privacy.subject.back')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('privacy.subject.title', { name: vm.name })}
      </h1>
      <p class="ds-paragraph" safe>
        {t('privacy.subject.intro')}
      </p>
      <TableCounts t={t} vm={vm} />
      <p class="ds-paragraph" safe>
        {t('privacy.pnr.note')}
      </p>
      <ul class="ds-list">
        <li>
          <a class="ds-link" href={`${base}/export.json`} safe>
            {t('privacy.subject.json')}
          </a>
        </li>
        <li>
          <a class="ds-link" href={`${base}/export.pdf`} safe>
            {t('privacy.subject.pdf')}
          </a>
        </li>
      </ul>
      {vm.userId ? (
        <a class="ds-button" data-variant="secondary" href={`/privacy/requests/${vm.userId}/erase`} safe>
          {t('privacy.subject.erase')}
        </a>
      ) : (
        <p class="ds-paragraph" safe>
          {t('privacy.subject.noAccount')}
        </p>
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
      <h1 class="ds-heading" data-size="lg" safe>
        {t('privacy.erase.title', { name: vm.name })}
      </h1>
      <p class="ds-paragraph" safe>
        {t('privacy.erase.intro')}
      </p>
      <ErrorSummary t={t} errors={props.errors} />
      <table class="ds-table" data-testid="erasure-preview">
        <caption safe>{t('privacy.erase.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('privacy.subject.col.table')}
            </th>
            <th scope="col" safe>
              {t('privacy.subject.col.rows')}
            </th>
            <th scope="col" safe>
              {t('privacy.erase.col.action')}
            </th>
            <th scope="col" safe>
              {t('privacy.erase.col.why')}
            </th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
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
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('privacy.my.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('privacy.my.intro')}
      </p>
      <TableCounts t={t} vm={vm} />
      <p class="ds-paragraph" safe>
        {t('privacy.pnr.note')}
      </p>
      <ul class="ds-list">
        <li>
          <a class="ds-link" href="/privacy/my-data/export.json" safe>
            {t('privacy.subject.json')}
          </a>
        </li>
        <li>
          <a class="ds-link" href="/privacy/my-data/export.pdf" safe>
            {t('privacy.subject.pdf')}
          </a>
        </li>
      </ul>
    </>
  );
}
