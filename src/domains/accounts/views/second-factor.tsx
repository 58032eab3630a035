import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field } from '../../../platform/http/views.tsx';
import type { T } from '../../../platform/i18n/index.ts';
import type { AccountKey } from '../messages.ts';
import type { Enrolment } from '../service/second-factor.ts';

type Props = { t: T<AccountKey>; csrf: string; errors: FieldError[] };

function CodeField(props: { t: T<AccountKey>; errors: FieldError[]; hint: string }): JSX.Element {
  return (
    <Field
      name="code"
      label={props.t('totp.code')}
      hint={props.hint}
      errors={props.errors}
      t={props.t}
      autocomplete="one-time-code"
      inputmode="text"
      required
      maxlength={20}
    />
  );
}

/** The code step of a sign-in: a code from the app, or a recovery code. */
export function CodeStepView(props: Props): JSX.Element {
  const { t } = props;
  return (
    <div class="kn-narrow">
      <h1 class="ds-heading" data-size="lg" safe>
        {t('totp.step.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('totp.step.intro')}
      </p>
      <ErrorSummary errors={props.errors} t={t} />
      <form method="post" action="/login/totp" class="kn-form" novalidate>
        <CsrfField token={props.csrf} />
        <CodeField t={t} errors={props.errors} hint={t('totp.step.hint')} />
        <button type="submit" class="ds-button" data-variant="primary" safe>
          {t('totp.step.submit')}
        </button>
      </form>
      <p class="ds-paragraph">
        <a class="ds-link" href="/login" safe>
          {t('totp.step.cancel')}
        </a>
      </p>
    </div>
  );
}

/** Enrolment: the QR code, the secret for manual entry, and the first code to confirm. */
export function EnrolView(
  props: Props & { enrolment: Enrolment; action: string; required: boolean },
): JSX.Element {
  const { t, enrolment } = props;
  const qr = `data:image/svg+xml;base64,${Buffer.from(enrolment.qrSvg).toString('base64')}`;
  const grouped = enrolment.secret.replace(/(.{4})/g, '$1 ').trim();
  return (
    <div class="kn-narrow">
      <h1 class="ds-heading" data-size="lg" safe>
        {t('totp.enrol.title')}
      </h1>
      {props.required ? (
        <p class="ds-paragraph" safe>
          {t('totp.enrol.required')}
        </p>
      ) : (
        ''
      )}
      <ErrorSummary errors={props.errors} t={t} />
      <ol class="kn-steps">
        <li>
          <p class="ds-paragraph" safe>
            {t('totp.enrol.scan')}
          </p>
          <img src={qr} alt={t('totp.enrol.qrAlt')} width="200" height="200" data-testid="totp-qr" />
        </li>
        <li>
          <p class="ds-paragraph" safe>
            {t('totp.enrol.manual')}
          </p>
          <p class="ds-paragraph">
            <code data-testid="totp-secret" safe>
              {grouped}
            </code>
          </p>
        </li>
        <li>
          <form method="post" action={props.action} class="kn-form" novalidate>
            <CsrfField token={props.csrf} />
            <CodeField t={t} errors={props.errors} hint={t('totp.enrol.hint')} />
            <button type="submit" class="ds-button" data-variant="primary" safe>
              {t('totp.enrol.submit')}
            </button>
          </form>
        </li>
      </ol>
    </div>
  );
}

/** After enrolment: the ten recovery codes, shown this once. */
export function RecoveryCodesView(props: { t: T<AccountKey>; codes: string[]; next: string }): JSX.Element {
  const { t } = props;
  return (
    <div class="kn-narrow">
      <h1 class="ds-heading" data-size="lg" safe>
        {t('totp.recovery.title')}
      </h1>
      <div class="ds-alert" data-color="warning" role="status">
        <p class="ds-paragraph" safe>
          {t('totp.recovery.body')}
        </p>
      </div>
      <ul class="kn-codes" data-testid="recovery-codes">
        {props.codes.map((c) => (
          <li>
            <code safe>{c}</code>
          </li>
        ))}
      </ul>
      <p class="ds-paragraph">
        <a class="ds-button" data-variant="primary" href={props.next} safe>
          {t('totp.recovery.continue')}
        </a>
      </p>
    </div>
  );
}
