import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field } from '../../../platform/http/views.tsx';
import type { T } from '../../../platform/i18n/index.ts';
import type { AccountKey } from '../messages.ts';

interface FormProps {
  t: T<AccountKey>;
  csrf: string;
  errors: FieldError[];
}

function PasswordFields(props: FormProps & { label: AccountKey; confirmLabel: AccountKey }): JSX.Element {
  const { t } = props;
  return (
    <>
      <Field
        name="password"
        type="password"
        label={t(props.label)}
        hint={t('invitation.passwordHint')}
        errors={props.errors}
        t={t}
        autocomplete="new-password"
        required
      />
      <Field
        name="confirm"
        type="password"
        label={t(props.confirmLabel)}
        errors={props.errors}
        t={t}
        autocomplete="new-password"
        required
      />
    </>
  );
}

export function AcceptInvitationView(
  props: FormProps & { token: string; email: string; name: string },
): JSX.Element {
  const { t } = props;
  return (
    <div class="kn-narrow">
      <h1 class="ds-heading" data-size="lg" safe>
        {t('invitation.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('invitation.intro')}
      </p>
      <ErrorSummary errors={props.errors} t={t} />
      <form
        method="post"
        action={`/invitation/${encodeURIComponent(props.token)}`}
        class="kn-form"
        novalidate
      >
        <CsrfField token={props.csrf} />
        <dl class="kn-facts">
          <dt safe>{t('invitation.email')}</dt>
          <dd safe>{props.email}</dd>
        </dl>
        <Field
          name="name"
          label={t('invitation.name')}
          value={props.name}
          errors={props.errors}
          t={t}
          autocomplete="name"
          required
          maxlength={200}
        />
        <PasswordFields {...props} label="invitation.password" confirmLabel="invitation.confirm" />
        <button type="submit" class="ds-button" data-variant="primary" safe>
          {t('invitation.submit')}
        </button>
      </form>
    </div>
  );
}

export function LinkInvalidView(props: { t: T<AccountKey>; kind: 'invitation' | 'reset' }): JSX.Element {
  const { t } = props;
  return (
    <div class="kn-narrow" data-testid="link-invalid">
      <h1 class="ds-heading" data-size="lg" safe>
        {t('link.invalid.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('link.invalid.body')}
      </p>
      {props.kind === 'invitation' ? (
        <p class="ds-paragraph" safe>
          {t('link.invalid.invitation')}
        </p>
      ) : (
        <>
          <p class="ds-paragraph" safe>
            {t('link.invalid.reset')}
          </p>
          <p class="ds-paragraph">
            <a class="ds-link" href="/password/forgot" safe>
              {t('link.invalid.newReset')}
            </a>
          </p>
        </>
      )}
    </div>
  );
}

export function ForgotView(props: FormProps & { email?: string }): JSX.Element {
  const { t } = props;
  return (
    <div class="kn-narrow">
      <h1 class="ds-heading" data-size="lg" safe>
        {t('forgot.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('forgot.intro')}
      </p>
      <ErrorSummary errors={props.errors} t={t} />
      <form method="post" action="/password/forgot" class="kn-form" novalidate>
        <CsrfField token={props.csrf} />
        <Field
          name="email"
          type="email"
          label={t('forgot.email')}
          value={props.email}
          errors={props.errors}
          t={t}
          autocomplete="username"
          required
        />
        <button type="submit" class="ds-button" data-variant="primary" safe>
          {t('forgot.submit')}
        </button>
      </form>
      <p class="ds-paragraph">
        <a class="ds-link" href="/login" safe>
          {t('forgot.backToLogin')}
        </a>
      </p>
    </div>
  );
}

export function ForgotSentView(props: { t: T<AccountKey> }): JSX.Element {
  const { t } = props;
  return (
    <div class="kn-narrow" data-testid="forgot-sent">
      <h1 class="ds-heading" data-size="lg" safe>
        {t('forgot.sent.title')}
      </h1>
      <div class="ds-alert" data-color="info" role="status">
        <p class="ds-paragraph" safe>
          {t('forgot.sent.body')}
        </p>
      </div>
      <p class="ds-paragraph" safe>
        {t('forgot.sent.spam')}
      </p>
      <p class="ds-paragraph">
        <a class="ds-link" href="/login" safe>
          {t('forgot.backToLogin')}
        </a>
      </p>
    </div>
  );
}

export function ResetView(props: FormProps & { token: string; email: string }): JSX.Element {
  const { t } = props;
  return (
    <div class="kn-narrow">
      <h1 class="ds-heading" data-size="lg" safe>
        {t('reset.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('reset.intro', { email: props.email })}
      </p>
      <ErrorSummary errors={props.errors} t={t} />
      <form
        method="post"
        action={`/password/reset/${encodeURIComponent(props.token)}`}
        class="kn-form"
        novalidate
      >
        <CsrfField token={props.csrf} />
        <input type="hidden" name="username" value={props.email} autocomplete="username" />
        <PasswordFields {...props} label="reset.password" confirmLabel="reset.confirm" />
        <button type="submit" class="ds-button" data-variant="primary" safe>
          {t('reset.submit')}
        </button>
      </form>
    </div>
  );
}
