// The completion page: congratulations, the link to the credential, and the two-question rating.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, errorFor, fieldId, TextArea } from '../../../platform/http/views.tsx';
import { formatDate } from '../../../platform/i18n/index.ts';
import type { LT } from './learning-shared.tsx';

export interface CompletionVM {
  enrolmentId: string;
  title: string;
  completedAt: Date | null;
  rating: { usefulness: number; recommend: number } | null;
  issuesCredential: boolean;
  errors: FieldError[];
  values: Record<string, string>;
}

function Scale(props: { t: LT; name: 'usefulness' | 'recommend'; vm: CompletionVM }): JSX.Element {
  const { t, name, vm } = props;
  const error = errorFor(vm.errors, name);
  const errorId = `${fieldId(name)}-error`;
  return (
    <fieldset class="ds-fieldset kn-section" aria-describedby={error ? errorId : undefined}>
      <legend class="ds-label" safe>
        {t(`elearning.learn.rating.${name}`)}
      </legend>
      {error ? (
        <p class="ds-validation-message" id={errorId} data-field="validation" safe>
          {(t as (k: string, p?: Record<string, string | number>) => string)(error.message, error.params)}
        </p>
      ) : (
        ''
      )}
      <div class="kn-inline-fields">
        {[1, 2, 3, 4, 5].map((n) => {
          const id = n === 1 ? fieldId(name) : `${fieldId(name)}-${n}`;
          return (
            <div class="ds-field kn-touch" data-position="start">
              <input
                class="ds-input"
                type="radio"
                id={id}
                name={name}
                value={String(n)}
                checked={vm.values[name] === String(n)}
              />
              <label class="ds-label" for={id} data-weight="regular" safe>
                {String(n)}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export function CompletionPage(props: { t: LT; csrf: string; vm: CompletionVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('elearning.learn.complete.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('elearning.learn.complete.text', { course: vm.title })}
      </p>
      {vm.completedAt ? (
        <p class="ds-paragraph" safe>
          {t('elearning.learn.completedOn', { date: formatDate(vm.completedAt) })}
        </p>
      ) : (
        ''
      )}
      {vm.issuesCredential ? (
        <p class="ds-paragraph">
          <a class="ds-button kn-touch" data-variant="secondary" href="/my/credentials" safe>
            {t('elearning.learn.complete.credential')}
          </a>
        </p>
      ) : (
        ''
      )}
      <h2 class="ds-heading" data-size="sm" safe>
        {t('elearning.learn.rating.title')}
      </h2>
      {vm.rating ? (
        <p class="ds-paragraph" data-testid="rating-given" safe>
          {t('elearning.learn.rating.given', vm.rating)}
        </p>
      ) : (
        <form method="post" action={`/learning/e/${vm.enrolmentId}/rating`} novalidate>
          <ErrorSummary t={t} errors={vm.errors} />
          <CsrfField token={props.csrf} />
          <Scale t={t} name="usefulness" vm={vm} />
          <Scale t={t} name="recommend" vm={vm} />
          <TextArea
            t={t}
            name="comment"
            label={t('elearning.learn.rating.comment')}
            value={vm.values.comment ?? ''}
            errors={vm.errors}
            maxlength={2000}
            rows={3}
          />
          <button type="submit" class="ds-button kn-touch" data-variant="primary" safe>
            {t('elearning.learn.rating.submit')}
          </button>
        </form>
      )}
      <p class="ds-paragraph">
        <a class="ds-link" href="/my/learning" safe>
          {t('elearning.learn.my.title')}
        </a>
      </p>
    </>
  );
}
