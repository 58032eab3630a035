// The ESF administrator's time certificate pages: the month's list with the generate action, and one
// certificate with its lines, signatures, versions and actions (correct, one-time link, paper, PDF).
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, TextArea } from '../../../platform/http/views.tsx';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import {
  CertificateFacts,
  type CertificateVM,
  type CT,
  LinesTable,
  StatusTag,
} from './certificates-shared.tsx';

export interface MonthListVM {
  month: string;
  programmeName: string;
  canGenerate: boolean;
  rows: CertificateVM[];
  errors: FieldError[];
  /** The month as typed when it failed. */
  monthInput: string;
}

export function MonthListPage(props: { t: CT; csrf: string; vm: MonthListVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.certificates.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('esf.certificates.intro')}
      </p>
      <ErrorSummary t={t} errors={vm.errors} />
      <form method="get" action="/esf/certificates" class="kn-filters">
        <Field
          t={t}
          name="month"
          label={t('esf.certificates.month')}
          hint={t('esf.certificates.monthHint')}
          value={vm.monthInput}
          errors={[]}
        />
        <button type="submit" class="ds-button" data-variant="secondary" safe>
          {t('esf.certificates.show')}
        </button>
      </form>
      {vm.canGenerate ? (
        <form method="post" action="/esf/certificates/generate" novalidate class="kn-form">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="month" value={vm.monthInput} />
          <p class="ds-paragraph" data-size="sm" safe>
            {t('esf.certificates.generateHint')}
          </p>
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('esf.certificates.generate')}
          </button>
        </form>
      ) : (
        ''
      )}
      {vm.rows.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('esf.certificates.none')}
        </p>
      ) : (
        <div
          class="kn-table-wrap"
          role="region"
          tabindex="0"
          aria-label={t('esf.certificates.listCaption', { month: vm.month })}
        >
          <table class="ds-table" data-testid="certificates">
            <caption safe>{t('esf.certificates.listCaption', { month: vm.month })}</caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('esf.certificates.col.participant')}
                </th>
                <th scope="col" safe>
                  {t('esf.certificates.col.number')}
                </th>
                <th scope="col" safe>
                  {t('esf.certificates.employer')}
                </th>
                <th scope="col" class="kn-num" safe>
                  {t('esf.certificates.col.version')}
                </th>
                <th scope="col" safe>
                  {t('esf.certificates.col.status')}
                </th>
                <th scope="col" class="kn-num" safe>
                  {t('esf.certificates.col.hours')}
                </th>
              </tr>
            </thead>
            <tbody>
              {vm.rows.map((r) => (
                <tr>
                  <th scope="row">
                    <a class="ds-link" href={`/esf/certificates/${r.id}`} safe>
                      {r.participantName}
                    </a>
                  </th>
                  <td safe>{r.masked ?? '–'}</td>
                  <td safe>{r.employerName}</td>
                  <td class="kn-num" safe>
                    {String(r.version)}
                  </td>
                  <td>
                    <StatusTag t={t} status={r.status} />
                  </td>
                  <td class="kn-num" safe>
                    {String(r.totalHours)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export interface DetailVM {
  c: CertificateVM;
  signatures: {
    role: 'participant' | 'manager';
    method: 'session' | 'link' | 'batch' | 'paper';
    signerName: string;
    signedAt: Date;
  }[];
  versions: {
    id: string;
    version: number;
    status: CertificateVM['status'];
    reason: string | null;
    createdAt: Date;
  }[];
  openLinks: number;
  monthClosed: boolean;
  isLatest: boolean;
  /** ESF administrator: correct, link, paper and PDF. */
  canAdminister: boolean;
  defaultManagerName: string;
  failed: { form: 'correct' | 'paper'; errors: FieldError[]; values: Record<string, string> } | null;
}

function Signatures(props: { t: CT; vm: DetailVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <section aria-labelledby="sigs">
      <h2 id="sigs" class="ds-heading" data-size="sm" safe>
        {t('esf.certificates.signatures')}
      </h2>
      {vm.signatures.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('esf.certificates.noSignatures')}
        </p>
      ) : (
        <ul class="kn-plain-list" data-testid="signatures">
          {vm.signatures.map((s) => (
            <li safe>
              {t('esf.certificates.signedBy', {
                role: t(`esf.certificates.role.${s.role}`),
                name: s.signerName,
                method: t(`esf.certificates.method.${s.method}`),
                at: formatDateTime(s.signedAt),
              })}
            </li>
          ))}
        </ul>
      )}
      <h2 class="ds-heading" data-size="sm" safe>
        {t('esf.certificates.versions')}
      </h2>
      <ul class="kn-plain-list" data-testid="versions">
        {vm.versions.map((v) => (
          <li>
            <a class="ds-link" href={`/esf/certificates/${v.id}`} safe>
              {t('esf.certificates.versionLine', {
                version: v.version,
                status: t(`esf.certificates.status.${v.status}`),
                at: formatDateTime(v.createdAt),
              })}
            </a>
            {v.reason ? <span safe>{` – ${v.reason}`}</span> : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

function AdminActions(props: { t: CT; csrf: string; vm: DetailVM }): JSX.Element {
  const { t, vm } = props;
  const c = vm.c;
  const failed = (form: 'correct' | 'paper') => (vm.failed?.form === form ? vm.failed : null);
  const open = c.status === 'draft' || c.status === 'participant_confirmed';
  const fc = failed('correct');
  const fp = failed('paper');
  return (
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/esf/certificates/${c.id}.pdf`} safe>
          {t('esf.certificates.pdf.download')}
        </a>
      </p>
      {open ? (
        <section aria-labelledby="link-h">
          <h2 id="link-h" class="ds-heading" data-size="sm" safe>
            {t('esf.certificates.link.heading')}
          </h2>
          <p class="ds-paragraph" data-size="sm" safe>
            {t('esf.certificates.link.hint')}
          </p>
          {vm.openLinks > 0 ? (
            <p class="ds-paragraph" data-size="sm" safe>
              {t('esf.certificates.link.open', { count: vm.openLinks })}
            </p>
          ) : (
            ''
          )}
          <form method="post" action={`/esf/certificates/${c.id}/link`}>
            <CsrfField token={props.csrf} />
            <button type="submit" class="ds-button" data-variant="secondary" safe>
              {t('esf.certificates.link.create')}
            </button>
          </form>
          <h2 class="ds-heading" data-size="sm" safe>
            {t('esf.certificates.paper.heading')}
          </h2>
          <p class="ds-paragraph" data-size="sm" safe>
            {t('esf.certificates.paper.hint')}
          </p>
          <form method="post" action={`/esf/certificates/${c.id}/paper`} novalidate class="kn-form">
            <CsrfField token={props.csrf} />
            <ErrorSummary t={t} errors={fp?.errors ?? []} />
            <Field
              t={t}
              name="participantName"
              label={t('esf.certificates.paper.participantName')}
              value={fp ? fp.values.participantName : c.participantName}
              errors={fp?.errors ?? []}
            />
            <Field
              t={t}
              name="managerName"
              label={t('esf.certificates.paper.managerName')}
              value={fp ? fp.values.managerName : vm.defaultManagerName}
              errors={fp?.errors ?? []}
            />
            <button type="submit" class="ds-button" data-variant="secondary" safe>
              {t('esf.certificates.paper.save')}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
      {c.status === 'participant_confirmed' || c.status === 'signed' ? (
        <section aria-labelledby="correct-h">
          <h2 id="correct-h" class="ds-heading" data-size="sm" safe>
            {t('esf.certificates.correct')}
          </h2>
          <form method="post" action={`/esf/certificates/${c.id}/correct`} novalidate class="kn-form">
            <CsrfField token={props.csrf} />
            <ErrorSummary t={t} errors={fc?.errors ?? []} />
            <TextArea
              t={t}
              name="reason"
              label={t('esf.certificates.reason')}
              hint={t('esf.certificates.correctHint')}
              value={fc ? fc.values.reason : ''}
              errors={fc?.errors ?? []}
              maxlength={1000}
            />
            <button type="submit" class="ds-button" data-variant="secondary" safe>
              {t('esf.certificates.correct')}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
    </>
  );
}

export function DetailPage(props: { t: CT; csrf: string; vm: DetailVM }): JSX.Element {
  const { t, vm } = props;
  const c = vm.c;
  return (
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/esf/certificates?month=${c.month}`} safe>
          {t('esf.certificates.back')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.certificates.detailTitle', { month: c.month, name: c.participantName })}
      </h1>
      {vm.monthClosed ? (
        <div class="ds-alert" data-color="warning" safe>
          {t('esf.certificates.monthClosed')}
        </div>
      ) : c.status === 'signed' ? (
        <div class="ds-alert" data-color="info" safe>
          {t('esf.certificates.frozen')}
        </div>
      ) : (
        ''
      )}
      <CertificateFacts t={t} c={c} />
      {c.reason ? (
        <p class="ds-paragraph" safe>
          {`${t('esf.certificates.reason')}: ${c.reason}`}
        </p>
      ) : (
        ''
      )}
      <LinesTable t={t} c={c} />
      <Signatures t={t} vm={vm} />
      {vm.canAdminister && vm.isLatest && !vm.monthClosed ? (
        <AdminActions t={t} csrf={props.csrf} vm={vm} />
      ) : (
        ''
      )}
      {vm.canAdminister && (vm.monthClosed || !vm.isLatest) ? (
        <p class="ds-paragraph">
          <a class="ds-link" href={`/esf/certificates/${c.id}.pdf`} safe>
            {t('esf.certificates.pdf.download')}
          </a>
        </p>
      ) : (
        ''
      )}
    </>
  );
}

/** The one-time link, shown once right after it was made. */
export function LinkCreatedPage(props: {
  t: CT;
  url: string;
  expiresAt: Date;
  managerName: string;
  certificateId: string;
}): JSX.Element {
  const { t } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.certificates.link.created')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('esf.certificates.link.showOnce', { name: props.managerName })}
      </p>
      <p class="ds-paragraph">
        <code data-testid="sign-link" safe>
          {props.url}
        </code>
      </p>
      <p class="ds-paragraph" safe>
        {t('esf.certificates.link.expires', { at: formatDateTime(props.expiresAt) })}
      </p>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/esf/certificates/${props.certificateId}`} safe>
          {t('esf.certificates.back')}
        </a>
      </p>
    </>
  );
}
