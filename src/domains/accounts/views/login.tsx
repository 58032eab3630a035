import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field } from '../../../platform/http/views.tsx';
import type { T } from '../../../platform/i18n/index.ts';

export function LoginView(props: {
  t: T<string>;
  csrf: string;
  errors: FieldError[];
  email?: string;
  next?: string;
  failure?: string;
  /** Single sign-on is configured: offer "sign in with the organisation's account". */
  sso?: boolean;
}): JSX.Element {
  const { t } = props;
  return (
    <div class="kn-narrow">
      <h1 class="ds-heading" data-size="lg" safe>
        {t('login.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('login.intro')}
      </p>
      <ErrorSummary errors={props.errors} t={t} />
      <form method="post" action="/login" class="kn-form" novalidate>
        <CsrfField token={props.csrf} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : ''}
        <Field
          name="email"
          type="email"
          label={t('login.email')}
          value={props.email}
          errors={props.errors}
          t={t}
          autocomplete="username"
          required
        />
        <Field
          name="password"
          type="password"
          label={t('login.password')}
          errors={props.errors}
          t={t}
          autocomplete="current-password"
          required
        />
        <button type="submit" class="ds-button" data-variant="primary" safe>
          {t('login.submit')}
        </button>
      </form>
      {props.sso ? (
        <p class="ds-paragraph">
          <a
            class="ds-button"
            data-variant="secondary"
            href={props.next ? `/login/sso?next=${encodeURIComponent(props.next)}` : '/login/sso'}
            safe
          >
            {t('login.sso')}
          </a>
        </p>
      ) : (
        ''
      )}
      <p class="ds-paragraph">
        <a class="ds-link" href="/password/forgot" safe>
          {t('login.forgot')}
        </a>
      </p>
    </div>
  );
}
