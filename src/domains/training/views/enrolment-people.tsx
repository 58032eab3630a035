// Learner pages: the company's learners (list + add), edit one, the printed sign-in code and sign-in by code.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, Select } from '../../../platform/http/views.tsx';
import { formatDate, type T } from '../../../platform/i18n/index.ts';
import type { EnrolmentKey } from '../messages/enrolment.ts';

export type ET = T<EnrolmentKey>;

export interface LearnerVM {
  id: string;
  companyId: string;
  companyName: string;
  firstName: string;
  lastName: string;
  email: string | null;
  gender: string | null;
  birthYear: number | null;
  userId: string | null;
}

/** Form-level errors (not tied to a field). */
export function FormAlert(props: { t: ET; errors: FieldError[] }): JSX.Element {
  const general = props.errors.filter((e) => e.field === '_form');
  if (general.length === 0) return '';
  return (
    <div class="ds-alert" data-color="danger" role="alert">
      {general.map((e) => (
        <p class="ds-paragraph" safe>
          {props.t(e.message as EnrolmentKey, e.params)}
        </p>
      ))}
    </div>
  );
}

function LearnerFields(props: { t: ET; values: Record<string, string>; errors: FieldError[] }): JSX.Element {
  const { t, values: v, errors } = props;
  return (
    <>
      <div class="kn-grid-2">
        <Field
          name="firstName"
          label={t('training.enrolment.field.firstName')}
          value={v.firstName}
          errors={errors}
          t={t}
          required
          maxlength={100}
          autocomplete="off"
        />
        <Field
          name="lastName"
          label={t('training.enrolment.field.lastName')}
          value={v.lastName}
          errors={errors}
          t={t}
          required
          maxlength={100}
          autocomplete="off"
        />
      </div>
      <Field
        name="email"
        type="email"
        label={t('training.enrolment.field.email')}
        value={v.email}
        errors={errors}
        t={t}
        autocomplete="off"
      />
      <p class="ds-paragraph" data-size="sm" data-testid="learner-privacy" safe>
        {t('training.enrolment.people.privacy')}
      </p>
      <div class="kn-grid-2">
        <Select
          name="gender"
          label={t('training.enrolment.field.gender')}
          value={v.gender ?? ''}
          emptyLabel={t('training.enrolment.gender.none')}
          options={(['woman', 'man', 'other'] as const).map((g) => ({
            value: g,
            label: t(`training.enrolment.gender.${g}`),
          }))}
          errors={errors}
          t={t}
        />
        <Field
          name="birthYear"
          label={t('training.enrolment.field.birthYear')}
          value={v.birthYear}
          errors={errors}
          t={t}
          inputmode="numeric"
        />
      </div>
    </>
  );
}

export function PeopleView(props: {
  t: ET;
  csrf: string;
  companies: { id: string; name: string }[];
  selectedCompanyId: string | null;
  learners: LearnerVM[];
  values: Record<string, string>;
  errors: FieldError[];
}): JSX.Element {
  const { t, companies, learners } = props;
  const query = props.selectedCompanyId ? `?companyId=${encodeURIComponent(props.selectedCompanyId)}` : '';
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('training.enrolment.people.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('training.enrolment.people.intro')}
      </p>
      {companies.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('training.enrolment.people.noCompany')}
        </p>
      ) : (
        <>
          {learners.length === 0 ? (
            <p class="ds-paragraph" safe>
              {t('training.enrolment.people.none')}
            </p>
          ) : (
            <table class="ds-table" data-testid="learners">
              <thead>
                <tr>
                  <th scope="col" safe>
                    {t('training.enrolment.field.name')}
                  </th>
                  <th scope="col" safe>
                    {t('training.enrolment.field.company')}
                  </th>
                  <th scope="col" safe>
                    {t('training.enrolment.field.email')}
                  </th>
                  <th scope="col" safe>
                    {t('training.enrolment.field.login')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {learners.map((l) => (
                  <tr>
                    <th scope="row">
                      <a class="ds-link" href={`/training/people/${l.id}`} safe>
                        {`${l.lastName}, ${l.firstName}`}
                      </a>
                    </th>
                    <td safe>{l.companyName}</td>
                    <td safe>{l.email ?? '–'}</td>
                    <td>
                      <span safe>
                        {l.userId ? t('training.enrolment.login.has') : t('training.enrolment.login.none')}
                      </span>{' '}
                      <a class="ds-link" href={`/training/people/${l.id}/login-code`} safe>
                        {t('training.enrolment.login.code')}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2 class="ds-heading" data-size="sm" safe>
            {t('training.enrolment.people.add')}
          </h2>
          <ErrorSummary t={t} errors={props.errors.filter((e) => e.field !== '_form')} />
          <FormAlert t={t} errors={props.errors} />
          <form method="post" action={`/training/people${query}`} class="kn-form" novalidate>
            <CsrfField token={props.csrf} />
            <Select
              name="companyId"
              label={t('training.enrolment.field.company')}
              value={props.values.companyId ?? props.selectedCompanyId ?? companies[0]?.id ?? ''}
              options={companies.map((c) => ({ value: c.id, label: c.name }))}
              errors={props.errors}
              t={t}
              required
            />
            <LearnerFields t={t} values={props.values} errors={props.errors} />
            <button type="submit" class="ds-button" safe>
              {t('training.enrolment.people.add')}
            </button>
          </form>
        </>
      )}
    </>
  );
}

export function LearnerEditView(props: {
  t: ET;
  csrf: string;
  learner: LearnerVM;
  values: Record<string, string>;
  errors: FieldError[];
}): JSX.Element {
  const { t, learner } = props;
  return (
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/training/people?companyId=${learner.companyId}`} safe>
          {t('training.enrolment.people.title')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {`${t('training.enrolment.people.edit')}: ${learner.firstName} ${learner.lastName}`}
      </h1>
      <p class="ds-paragraph" safe>
        {learner.companyName}
      </p>
      <ErrorSummary t={t} errors={props.errors} />
      <form method="post" action={`/training/people/${learner.id}`} class="kn-form" novalidate>
        <CsrfField token={props.csrf} />
        <LearnerFields t={t} values={props.values} errors={props.errors} />
        <button type="submit" class="ds-button" safe>
          {t('training.enrolment.people.save')}
        </button>
      </form>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/training/people/${learner.id}/login-code`} safe>
          {t('training.enrolment.login.code')}
        </a>
      </p>
    </>
  );
}

export function LoginCodeView(props: {
  t: ET;
  csrf: string;
  learner: LearnerVM;
  signInUrl: string;
  issued: { code: string; expiresAt: Date } | null;
}): JSX.Element {
  const { t, learner, issued } = props;
  const name = `${learner.firstName} ${learner.lastName}`;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('training.enrolment.code.title', { name })}
      </h1>
      {issued ? (
        <section class="ds-card" data-testid="login-code-card" aria-labelledby="code-heading">
          <h2 id="code-heading" class="ds-heading" data-size="md" safe>
            {t('training.enrolment.code.yourCode')}
          </h2>
          <p class="ds-paragraph" safe>
            {`${name}, ${learner.companyName}`}
          </p>
          <p class="ds-paragraph kn-login-code" data-size="lg" data-testid="login-code">
            <strong safe>{issued.code}</strong>
          </p>
          <p class="ds-paragraph" safe>
            {t('training.enrolment.code.how', { url: props.signInUrl, date: formatDate(issued.expiresAt) })}
          </p>
          <p class="ds-paragraph kn-no-print" data-size="sm" safe>
            {t('training.enrolment.code.print')}
          </p>
        </section>
      ) : (
        <>
          <p class="ds-paragraph" safe>
            {t('training.enrolment.code.intro', { url: props.signInUrl })}
          </p>
          <form method="post" action={`/training/people/${learner.id}/login-code`}>
            <CsrfField token={props.csrf} />
            <button type="submit" class="ds-button" safe>
              {t('training.enrolment.code.create')}
            </button>
          </form>
        </>
      )}
    </>
  );
}

export function CodeLoginView(props: {
  t: ET;
  csrf: string;
  errors: FieldError[];
  code?: string;
}): JSX.Element {
  const { t } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('training.enrolment.code.loginTitle')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('training.enrolment.code.loginIntro')}
      </p>
      <ErrorSummary t={t} errors={props.errors} />
      <form method="post" action="/login/code" class="kn-form" novalidate>
        <CsrfField token={props.csrf} />
        <Field
          name="code"
          label={t('training.enrolment.code.field')}
          hint={t('training.enrolment.code.hint')}
          value={props.code}
          errors={props.errors}
          t={t}
          required
          autocomplete="one-time-code"
          maxlength={20}
        />
        <button type="submit" class="ds-button" safe>
          {t('training.enrolment.code.submit')}
        </button>
      </form>
    </>
  );
}
