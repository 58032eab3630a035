import type { Children } from '@kitajs/html';
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field } from '../../../platform/http/views.tsx';
import { formatDateTime, type T } from '../../../platform/i18n/index.ts';
import type { AccountKey } from '../messages.ts';
import type { OwnSession } from '../repo.ts';

export interface SecurityProps {
  t: T<AccountKey>;
  csrf: string;
  sessions: OwnSession[];
  totp: { enabled: boolean; required: boolean; recoveryLeft: number };
  /** Errors of the form that was just sent: 'password', 'totp' (turning it off) or 'recovery' (new codes). */
  failed?: { form: 'password' | 'totp' | 'recovery'; errors: FieldError[] };
}

/** A titled section of the account page (its h2 names the section). */
function Section(props: { id: string; title: string; children: Children }): JSX.Element {
  const { children } = props;
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id} class="ds-heading" data-size="sm" safe>
        {props.title}
      </h2>
      {children}
    </section>
  );
}

function SubmitButton(props: { text: string }): JSX.Element {
  return (
    <div>
      <button type="submit" class="ds-button" data-variant="secondary" safe>
        {props.text}
      </button>
    </div>
  );
}

/** The password form's fields, in order; each is a password input the browser may fill. */
const passwordFields = [
  { name: 'current', label: 'password.current', autocomplete: 'current-password' },
  { name: 'password', label: 'password.new', hint: 'password.newHint', autocomplete: 'new-password' },
  { name: 'confirm', label: 'password.confirm', autocomplete: 'new-password' },
] as const satisfies { name: string; label: AccountKey; hint?: AccountKey; autocomplete: string }[];

function SessionTable(props: SecurityProps): JSX.Element {
  const { t } = props;
  return (
    <div class="kn-table-wrap">
      <table class="ds-table" data-testid="sessions">
        <caption class="ds-sr-only" safe>
          {t('sessions.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('sessions.started')}
            </th>
            <th scope="col" safe>
              {t('sessions.lastActive')}
            </th>
            <th scope="col" safe>
              {t('sessions.secondFactor')}
            </th>
            <th scope="col">
              <span class="ds-sr-only" safe>
                {t('sessions.endShort')}
              </span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.sessions.map((s) => (
            <tr>
              <td>
                <span safe>{formatDateTime(s.createdAt)}</span>
                {s.current ? <strong safe>{` (${t('sessions.thisBrowser')})`}</strong> : ''}
              </td>
              <td safe>{formatDateTime(s.lastSeenAt)}</td>
              <td safe>{s.secondFactor ? t('sessions.yes') : t('sessions.no')}</td>
              <td>
                <form method="post" action={`/account/sessions/${s.id}/end`} class="kn-inline-form">
                  <CsrfField token={props.csrf} />
                  <button
                    type="submit"
                    class="ds-button"
                    data-variant="tertiary"
                    data-size="sm"
                    aria-label={t('sessions.end', { started: formatDateTime(s.createdAt) })}
                    safe
                  >
                    {t('sessions.endShort')}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PasswordForm(props: SecurityProps): JSX.Element {
  const { t } = props;
  const errors = props.failed?.form === 'password' ? props.failed.errors : [];
  return (
    <Section id="password-title" title={t('password.title')}>
      <p class="ds-paragraph" safe>
        {t('password.intro')}
      </p>
      <ErrorSummary errors={errors} t={t} />
      <form method="post" action="/account/password" class="kn-form" novalidate>
        <CsrfField token={props.csrf} />
        {passwordFields.map((f) => (
          <Field
            name={f.name}
            type="password"
            label={t(f.label)}
            hint={'hint' in f ? t(f.hint) : undefined}
            errors={errors}
            t={t}
            autocomplete={f.autocomplete}
            required
          />
        ))}
        <SubmitButton text={t('password.submit')} />
      </form>
    </Section>
  );
}

function TotpSection(props: SecurityProps): JSX.Element {
  const { t, totp } = props;
  const errors = props.failed?.form === 'totp' ? props.failed.errors : [];
  let body: JSX.Element;
  if (!totp.enabled)
    body = (
      <p class="ds-paragraph">
        <a class="ds-button" data-variant="secondary" href="/account/totp" safe>
          {t('totp.account.enable')}
        </a>
      </p>
    );
  else if (totp.required)
    body = (
      <p class="ds-paragraph" safe>
        {t('totp.account.requiredForRole')}
      </p>
    );
  else
    body = (
      <CodeForm
        {...props}
        errors={errors}
        action="/account/totp/disable"
        name="code"
        hint={t('totp.account.disableHint')}
        submit={t('totp.account.disable')}
      />
    );
  return (
    <Section id="totp-title" title={t('totp.account.title')}>
      <p class="ds-paragraph" data-testid="totp-status" safe>
        {totp.enabled
          ? t('totp.account.on', { left: totp.recoveryLeft })
          : totp.required
            ? t('totp.account.offRequired')
            : t('totp.account.off')}
      </p>
      {body}
      {totp.enabled ? <RecoveryCodesForm {...props} /> : ''}
    </Section>
  );
}

/** A form asking for a current code from the authenticator app (its errors summarised above it). */
function CodeForm(
  props: SecurityProps & { errors: FieldError[]; action: string; name: string; hint: string; submit: string },
): JSX.Element {
  const { t, errors } = props;
  return (
    <>
      <ErrorSummary errors={errors} t={t} />
      <form method="post" action={props.action} class="kn-form" novalidate>
        <CsrfField token={props.csrf} />
        <Field
          name={props.name}
          label={t('totp.code')}
          hint={props.hint}
          errors={errors}
          t={t}
          autocomplete="one-time-code"
          required
          maxlength={20}
        />
        <SubmitButton text={props.submit} />
      </form>
    </>
  );
}

/** New recovery codes against a current code from the app (the old ones stop working). */
function RecoveryCodesForm(props: SecurityProps): JSX.Element {
  const { t } = props;
  const errors = props.failed?.form === 'recovery' ? props.failed.errors : [];
  return (
    <>
      <h3 class="ds-heading" data-size="xs" safe>
        {t('totp.account.renewTitle')}
      </h3>
      <CodeForm
        {...props}
        errors={errors}
        action="/account/totp/recovery-codes"
        name="renewCode"
        hint={t('totp.account.renewHint')}
        submit={t('totp.account.renew')}
      />
    </>
  );
}

/** Sign-in security on the account page: own sessions, password change, two-factor authentication. */
export function SecuritySection(props: SecurityProps): JSX.Element {
  const { t } = props;
  return (
    <>
      <Section id="sessions-title" title={t('sessions.title')}>
        <p class="ds-paragraph" safe>
          {t('sessions.intro')}
        </p>
        <SessionTable {...props} />
      </Section>
      <PasswordForm {...props} />
      <TotpSection {...props} />
    </>
  );
}
