import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, errorFor, Field, fieldId, Select } from '../../../platform/http/views.tsx';
import type { Locale } from '../../../platform/i18n/index.ts';
import type { MappingKey } from '../messages.ts';
import { roundName } from './mapping-list.tsx';
import type { MT } from './mapping-shared.tsx';

export interface StartCompanyVM {
  id: string;
  name: string;
  contacts: { id: string; name: string; email: string | null }[];
}

/** Without a company: find one (a GET search form and a list of matches to choose from). */
export function MappingFindCompanyView(props: {
  t: MT;
  q: string;
  companies: { id: string; name: string }[] | null;
}): JSX.Element {
  const { t } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('mapping.new.title')}
      </h1>
      <search>
        <form method="get" action="/mappings/new" class="kn-form">
          <Field
            name="q"
            type="search"
            label={t('mapping.new.companyQ')}
            hint={t('mapping.new.companyHint')}
            value={props.q}
            errors={[]}
            t={t}
            maxlength={100}
          />
          <div>
            <button type="submit" class="ds-button" data-variant="primary" safe>
              {t('form.search')}
            </button>
          </div>
        </form>
      </search>
      {props.companies === null ? (
        ''
      ) : props.companies.length === 0 ? (
        <p class="ds-paragraph" role="status" safe>
          {t('mapping.new.noCompanies')}
        </p>
      ) : (
        <section aria-labelledby="companies-title">
          <h2 id="companies-title" class="ds-heading" data-size="sm" safe>
            {t('mapping.new.companies')}
          </h2>
          <ul class="ds-list" data-testid="company-choices">
            {props.companies.map((c) => (
              <li>
                <a class="ds-link" href={`/mappings/new?company=${c.id}`}>
                  <span safe>{t('mapping.new.choose')}</span> <span safe>{c.name}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export function MappingStartView(props: {
  t: MT;
  locale: Locale;
  csrf: string;
  company: StartCompanyVM;
  rounds: { id: string; nameSv: string; nameEn: string }[];
  values: Record<string, string>;
  errors: FieldError[];
}): JSX.Element {
  const { t, company, values, errors } = props;
  const contacts = company.contacts.filter((c) => c.email);
  const modeError = errorFor(errors, 'mode');
  const modeId = fieldId('mode');
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('mapping.new.for', { company: company.name })}
      </h1>
      <ErrorSummary errors={errors} t={t} />
      {props.rounds.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('mapping.new.noRounds')}
        </p>
      ) : (
        <form method="post" action={`/mappings/new?company=${company.id}`} class="kn-form" novalidate>
          <CsrfField token={props.csrf} />
          <input type="hidden" name="companyId" value={company.id} />
          <Select
            name="roundId"
            label={t('mapping.round')}
            value={values.roundId ?? props.rounds[props.rounds.length - 1]?.id ?? ''}
            options={props.rounds.map((r) => ({ value: r.id, label: roundName(r, props.locale) }))}
            errors={errors}
            t={t}
            required
          />
          <fieldset
            class="ds-fieldset"
            id={modeId}
            aria-describedby={modeError ? `${modeId}-error` : undefined}
            tabindex="-1"
          >
            <legend class="ds-label" safe>
              {t('mapping.new.how')}
            </legend>
            {modeError ? (
              <div class="ds-validation-message" id={`${modeId}-error`} data-field="validation" safe>
                {t(modeError.message as MappingKey, modeError.params)}
              </div>
            ) : (
              ''
            )}
            <div class="kn-checkbox">
              <input
                type="radio"
                name="mode"
                id="mode-interview"
                value="interview"
                checked={(values.mode ?? 'interview') === 'interview'}
              />
              <label for="mode-interview" safe>
                {t('mapping.new.modeInterview')}
              </label>
            </div>
            <div class="kn-checkbox">
              <input
                type="radio"
                name="mode"
                id="mode-invite"
                value="invite"
                checked={values.mode === 'invite'}
                disabled={contacts.length === 0}
                aria-describedby={contacts.length === 0 ? 'mode-invite-none' : undefined}
              />
              <label for="mode-invite" safe>
                {t('mapping.new.modeInvite')}
              </label>
            </div>
            {contacts.length === 0 ? (
              <p class="ds-paragraph" data-size="sm" id="mode-invite-none" safe>
                {t('mapping.new.noContacts')}
              </p>
            ) : (
              ''
            )}
          </fieldset>
          {contacts.length > 0 ? (
            <Select
              name="contactId"
              label={t('mapping.new.contact')}
              hint={t('mapping.new.contactHint')}
              value={values.contactId}
              options={contacts.map((c) => ({ value: c.id, label: `${c.name} <${c.email}>` }))}
              errors={errors}
              t={t}
            />
          ) : (
            ''
          )}
          <div>
            <button type="submit" class="ds-button" data-variant="primary" safe>
              {t('mapping.new.submit')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
