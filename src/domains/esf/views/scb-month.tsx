// One month's SCB file: its state, the versions with who/when/why and the download links, the rows of the
// shown version (masked numbers only; the full numbers exist only in the downloaded file), and the forms to
// produce it, produce a new version with a reason, or mark it as sent.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, TextArea } from '../../../platform/http/views.tsx';
import type { EsfKey } from '../messages.ts';
import {
  ByAt,
  type ScbMonthVM,
  type ScbVersionVM,
  SentForm,
  type ST,
  StateTag,
  shortChecksum,
} from './scb.tsx';

export interface ScbRowVM {
  masked: string | null;
  firstName: string;
  lastName: string;
  startedOn: string | null;
  endedOn: string | null;
  employerOrgNumber: string;
  email: string | null;
  mobile: string | null;
}

export interface ScbMonthPageVM {
  status: ScbMonthVM;
  versions: ScbVersionVM[];
  shown: ScbVersionVM | null;
  rows: ScbRowVM[];
  /** The correction form's errors and input after a refused post. */
  failed: { errors: FieldError[]; values: Record<string, string> } | null;
}

function cellOf(column: string, r: ScbRowVM): string {
  switch (column) {
    case 'personnummer':
      return r.masked ?? '–';
    case 'firstName':
      return r.firstName;
    case 'lastName':
      return r.lastName;
    case 'startDate':
      return r.startedOn ?? '';
    case 'endDate':
      return r.endedOn ?? '';
    case 'employerOrgNumber':
      return r.employerOrgNumber;
    case 'email':
      return r.email ?? '';
    case 'mobile':
      return r.mobile ?? '';
    default:
      return '';
  }
}

function Versions(props: { t: ST; month: string; vm: ScbMonthPageVM }): JSX.Element {
  const { t, month, vm } = props;
  return (
    <div class="kn-table-wrap" role="region" tabindex="0" aria-label={t('esf.scb.month.versionsCaption')}>
      <table class="ds-table" data-testid="scb-versions">
        <caption safe>{t('esf.scb.month.versionsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('esf.scb.col.version')}
            </th>
            <th scope="col" safe>
              {t('esf.scb.col.produced')}
            </th>
            <th scope="col" safe>
              {t('esf.scb.col.rows')}
            </th>
            <th scope="col" safe>
              {t('esf.scb.col.checksum')}
            </th>
            <th scope="col" safe>
              {t('esf.scb.col.reason')}
            </th>
            <th scope="col" safe>
              {t('esf.scb.col.sent')}
            </th>
            <th scope="col" safe>
              {t('esf.scb.month.download')}
            </th>
          </tr>
        </thead>
        <tbody>
          {vm.versions.map((v) => (
            <tr data-version={String(v.version)}>
              <th scope="row">
                {vm.shown?.version === v.version ? (
                  <span safe>{`${v.version} (${t('esf.scb.month.shown')})`}</span>
                ) : (
                  <a
                    class="ds-link"
                    href={`/esf/scb/${month}?version=${v.version}`}
                    aria-label={t('esf.scb.month.showVersion', { version: v.version })}
                    safe
                  >
                    {String(v.version)}
                  </a>
                )}
              </th>
              <td>
                <ByAt t={t} at={v.producedAt} name={v.producedByName} />
              </td>
              <td safe>{String(v.rowCount)}</td>
              <td>
                <code title={v.checksum} safe>
                  {shortChecksum(v.checksum)}
                </code>
              </td>
              <td safe>{v.reason ?? '–'}</td>
              <td>
                <ByAt t={t} at={v.sentAt} name={v.sentByName} />
                {v.resendRequired ? (
                  <div>
                    <span class="ds-tag" data-color="danger" safe>
                      {t('esf.scb.state.resend')}
                    </span>
                  </div>
                ) : (
                  ''
                )}
              </td>
              <td>
                <ul class="kn-plain-list">
                  <li>
                    <a class="ds-link" href={`/esf/scb/${month}/v/${v.version}.csv`} download="" safe>
                      {t('esf.scb.month.downloadCsv', { version: v.version })}
                    </a>
                  </li>
                  <li>
                    <a class="ds-link" href={`/esf/scb/${month}/v/${v.version}.xlsx`} download="" safe>
                      {t('esf.scb.month.downloadXlsx', { version: v.version })}
                    </a>
                  </li>
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Rows(props: { t: ST; shown: ScbVersionVM; rows: ScbRowVM[] }): JSX.Element {
  const { t, shown, rows } = props;
  if (rows.length === 0)
    return (
      <p class="ds-paragraph" safe>
        {t('esf.scb.month.noRows')}
      </p>
    );
  return (
    <div
      class="kn-table-wrap"
      role="region"
      tabindex="0"
      aria-label={t('esf.scb.month.rowsCaption', { version: shown.version, count: rows.length })}
    >
      <table class="ds-table" data-testid="scb-rows">
        <caption safe>
          {t('esf.scb.month.rowsCaption', { version: shown.version, count: rows.length })}
        </caption>
        <thead>
          <tr>
            {shown.columns.map((c) => (
              <th scope="col" safe>
                {t(`esf.scb.column.${c}` as EsfKey)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              {shown.columns.map((c) => (
                <td safe>{cellOf(c, r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProduceForm(props: { t: ST; csrf: string; month: string; vm: ScbMonthPageVM }): JSX.Element {
  const { t, vm } = props;
  const s = vm.status;
  if (!s.latest) {
    if (!s.canProduce) return '';
    return (
      <form method="post" action={`/esf/scb/${props.month}`} class="kn-form">
        <CsrfField token={props.csrf} />
        <button type="submit" class="ds-button" data-variant="primary" safe>
          {t('esf.scb.produce', { month: props.month })}
        </button>
      </form>
    );
  }
  if (!s.canCorrect) return '';
  const errors = vm.failed?.errors ?? [];
  const reason = vm.failed
    ? vm.failed.values.reason
    : s.state === 'resend'
      ? t('esf.scb.month.reasonResend')
      : '';
  return (
    <section aria-labelledby="scb-correct">
      <h2 id="scb-correct" class="ds-heading" data-size="sm" safe>
        {t('esf.scb.month.correctTitle')}
      </h2>
      <p class="ds-paragraph" safe>
        {t(s.state === 'resend' ? 'esf.scb.month.resendIntro' : 'esf.scb.month.correctIntro')}
      </p>
      <form method="post" action={`/esf/scb/${props.month}`} novalidate class="kn-form">
        <CsrfField token={props.csrf} />
        <ErrorSummary t={t} errors={errors} />
        <TextArea
          t={t}
          name="reason"
          label={t('esf.scb.month.reason')}
          hint={t('esf.scb.month.reasonHint')}
          value={reason}
          errors={errors}
          rows={3}
          maxlength={1000}
        />
        <button type="submit" class="ds-button" data-variant="primary" safe>
          {t('esf.scb.month.produceNew', { version: s.latest.version + 1 })}
        </button>
      </form>
    </section>
  );
}

export function ScbMonthPage(props: { t: ST; csrf: string; month: string; vm: ScbMonthPageVM }): JSX.Element {
  const { t, vm, month } = props;
  const s = vm.status;
  return (
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href="/esf/scb" safe>
          {t('esf.scb.month.back')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.scb.month.title', { month })}
      </h1>
      <p class="ds-paragraph">
        <StateTag t={t} m={s} />
      </p>
      {s.canSend && s.latest ? (
        <SentForm t={t} csrf={props.csrf} month={month} version={s.latest.version} />
      ) : (
        ''
      )}
      {vm.versions.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('esf.scb.month.notProduced')}
        </p>
      ) : (
        <>
          <p class="ds-paragraph" data-size="sm" safe>
            {t('esf.scb.month.downloadNote')}
          </p>
          <Versions t={t} month={month} vm={vm} />
        </>
      )}
      {vm.shown ? <Rows t={t} shown={vm.shown} rows={vm.rows} /> : ''}
      <ProduceForm t={t} csrf={props.csrf} month={month} vm={vm} />
    </>
  );
}
