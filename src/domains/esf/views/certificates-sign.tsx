// Signing pages: the participant's own certificates (confirm), the company's batch page for managers and
// HR (review, tick, sign all at once) and the one-time link page for a named manager without an account.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, errorFor, Field } from '../../../platform/http/views.tsx';
import {
  CertificateFacts,
  type CertificateVM,
  type CT,
  LinesTable,
  StatusTag,
  TickBox,
} from './certificates-shared.tsx';

export interface MyVM {
  rows: CertificateVM[];
  failed: { id: string; errors: FieldError[] } | null;
}

export function MyCertificatesPage(props: { t: CT; csrf: string; vm: MyVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.certificates.my.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('esf.certificates.my.intro')}
      </p>
      <p class="ds-paragraph" safe>
        {t('esf.certificates.rule')}
      </p>
      {vm.rows.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('esf.certificates.my.none')}
        </p>
      ) : (
        ''
      )}
      {vm.rows.map((c) => {
        const errors = vm.failed?.id === c.id ? vm.failed.errors : [];
        return (
          <section aria-labelledby={`c-${c.id}`} data-testid="my-certificate">
            <h2 id={`c-${c.id}`} class="ds-heading" data-size="sm" safe>
              {`${c.month} – ${t('esf.certificates.col.version')} ${c.version}`}
            </h2>
            <CertificateFacts t={t} c={c} />
            <LinesTable t={t} c={c} />
            {c.status === 'draft' ? (
              <form method="post" action={`/my/certificates/${c.id}/confirm`} novalidate class="kn-form">
                <CsrfField token={props.csrf} />
                <ErrorSummary t={t} errors={errors} />
                <TickBox
                  t={t}
                  name="confirmed"
                  label={t('esf.certificates.my.confirm')}
                  checked={false}
                  errors={errors}
                />
                <button type="submit" class="ds-button" data-variant="primary" safe>
                  {t('esf.certificates.link.submit')}
                </button>
              </form>
            ) : (
              ''
            )}
          </section>
        );
      })}
    </>
  );
}

export interface BatchVM {
  rows: CertificateVM[];
  errors: FieldError[];
  /** Ticked ids when the form failed. */
  chosen: string[];
}

export function SignBatchPage(props: { t: CT; csrf: string; vm: BatchVM }): JSX.Element {
  const { t, vm } = props;
  const idsError = errorFor(vm.errors, 'ids');
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.certificates.sign.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('esf.certificates.sign.intro')}
      </p>
      <p class="ds-paragraph" data-size="sm" safe>
        {t('esf.certificates.rule')}
      </p>
      {vm.rows.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('esf.certificates.sign.none')}
        </p>
      ) : (
        <form method="post" action="/esf/certificates/sign" novalidate class="kn-form">
          <CsrfField token={props.csrf} />
          <ErrorSummary t={t} errors={vm.errors} />
          {idsError ? (
            <div class="ds-validation-message" id="f-ids" tabindex="-1" data-field="validation" safe>
              {t(idsError.message as Parameters<CT>[0])}
            </div>
          ) : (
            ''
          )}
          {vm.rows.map((c) => (
            <details class="kn-details" data-testid="awaiting">
              <summary>
                <span
                  safe
                >{`${c.participantName} – ${c.month} – ${c.totalHours} ${t('esf.certificates.col.hours').toLowerCase()}`}</span>{' '}
                <StatusTag t={t} status={c.status} />
              </summary>
              <CertificateFacts t={t} c={c} />
              <LinesTable t={t} c={c} showMinutes={false} />
            </details>
          ))}
          <fieldset class="ds-fieldset">
            <legend class="ds-label" safe>
              {t('esf.certificates.sign.caption')}
            </legend>
            {vm.rows.map((c) => (
              <div class="ds-field kn-checkbox">
                <input
                  class="ds-input"
                  type="checkbox"
                  id={`pick-${c.id}`}
                  name="ids"
                  value={c.id}
                  checked={vm.chosen.includes(c.id)}
                />
                <label class="ds-label" for={`pick-${c.id}`} safe>
                  {t('esf.certificates.sign.pick', { name: c.participantName, month: c.month })}
                </label>
              </div>
            ))}
          </fieldset>
          <TickBox
            t={t}
            name="reviewed"
            label={t('esf.certificates.sign.reviewed')}
            checked={false}
            errors={vm.errors}
          />
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('esf.certificates.sign.submit')}
          </button>
        </form>
      )}
    </>
  );
}

export interface LinkSignVM {
  c: CertificateVM;
  token: string;
  name: string;
  errors: FieldError[];
  /** The participant has not confirmed yet: no form. */
  waiting: boolean;
}

export function LinkSignPage(props: { t: CT; csrf: string; vm: LinkSignVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.certificates.link.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('esf.certificates.link.intro')}
      </p>
      <CertificateFacts t={t} c={vm.c} />
      <LinesTable t={t} c={vm.c} showMinutes={false} />
      {vm.waiting ? (
        <div class="ds-alert" data-color="info" safe>
          {t('esf.certificates.link.notConfirmed')}
        </div>
      ) : (
        <form method="post" action={`/esf/sign/${vm.token}`} novalidate class="kn-form">
          <CsrfField token={props.csrf} />
          <ErrorSummary t={t} errors={vm.errors} />
          <Field
            t={t}
            name="name"
            label={t('esf.certificates.link.name')}
            value={vm.name}
            errors={vm.errors}
            autocomplete="name"
          />
          <TickBox
            t={t}
            name="confirmed"
            label={t('esf.certificates.link.confirm')}
            checked={false}
            errors={vm.errors}
          />
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('esf.certificates.link.submit')}
          </button>
        </form>
      )}
    </>
  );
}

export function MessagePage(props: { title: string; text: string }): JSX.Element {
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {props.title}
      </h1>
      <p class="ds-paragraph" safe>
        {props.text}
      </p>
    </>
  );
}
