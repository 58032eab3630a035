// Registering a participant: from a learner or a coaching attendee (prefilled) or by hand, with the
// eligibility of the employer, the nearest manager and the funder's information text to acknowledge.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, Select } from '../../../platform/http/views.tsx';
import type { Prefill } from '../service/participants.ts';
import { Checkbox, type ET } from './shared.tsx';

export interface ParticipantFormVM {
  prefill: Prefill;
  companies: { id: string; name: string }[];
  informationText: string;
  errors: FieldError[];
  values: Record<string, string>;
}

export function ParticipantForm(props: { t: ET; csrf: string; vm: ParticipantFormVM }): JSX.Element {
  const { t, vm } = props;
  const p = vm.prefill;
  const errors = vm.errors;
  const v = (name: string, fallback = '') => vm.values[name] ?? fallback;
  const submitted = Object.keys(vm.values).length > 0;
  const name = `${p.firstName ?? ''} ${p.lastName ?? ''}`.trim();
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.participant.newTitle')}
      </h1>
      {p.source === 'enrolment' ? (
        <p class="ds-paragraph" safe>
          {t('esf.participant.fromLearner', { name, company: p.companyName ?? '' })}
        </p>
      ) : p.source === 'coaching' ? (
        <p class="ds-paragraph" safe>
          {t('esf.participant.fromAttendee', { name, company: p.companyName ?? '' })}
        </p>
      ) : (
        ''
      )}
      {p.eligibility ? (
        <p class="ds-paragraph" data-testid="eligibility" safe>
          {!p.eligibility.sme
            ? t('esf.participant.eligibility.notSme')
            : !p.eligibility.inRegion
              ? t('esf.participant.eligibility.notInRegion')
              : t('esf.participant.eligibility.ok')}
        </p>
      ) : (
        ''
      )}
      <form method="post" action="/esf/participants" novalidate class="kn-form">
        <CsrfField token={props.csrf} />
        <ErrorSummary t={t} errors={errors} />
        <input type="hidden" name="source" value={p.source} />
        {p.learnerId ? <input type="hidden" name="learnerId" value={p.learnerId} /> : ''}
        {p.attendeeId ? <input type="hidden" name="attendeeId" value={p.attendeeId} /> : ''}
        {p.source === 'manual' ? (
          <Select
            t={t}
            name="companyId"
            label={t('esf.participant.company')}
            hint={t('esf.participant.companyHint')}
            value={v('companyId', p.companyId ?? '')}
            emptyLabel={t('esf.participant.chooseCompany')}
            options={vm.companies.map((c) => ({ value: c.id, label: c.name }))}
            errors={errors}
          />
        ) : (
          <input type="hidden" name="companyId" value={p.companyId ?? ''} />
        )}
        <Field
          t={t}
          name="personnummer"
          label={t('esf.participant.personnummer')}
          hint={t('esf.participant.personnummerHint')}
          value={v('personnummer')}
          autocomplete="off"
          errors={errors}
        />
        <Field
          t={t}
          name="firstName"
          label={t('esf.participant.firstName')}
          value={v('firstName', p.firstName ?? '')}
          autocomplete="off"
          errors={errors}
        />
        <Field
          t={t}
          name="lastName"
          label={t('esf.participant.lastName')}
          value={v('lastName', p.lastName ?? '')}
          autocomplete="off"
          errors={errors}
        />
        <Select
          t={t}
          name="gender"
          label={t('esf.participant.gender')}
          hint={t('esf.participant.genderHint')}
          value={v('gender')}
          emptyLabel="–"
          options={(['woman', 'man'] as const).map((g) => ({
            value: g,
            label: t(`esf.participant.gender.${g}`),
          }))}
          errors={errors}
        />
        <fieldset class="ds-fieldset">
          <legend class="ds-label" safe>
            {t('esf.participant.manager')}
          </legend>
          {p.contacts.length > 0 ? (
            <Select
              t={t}
              name="managerContactId"
              label={t('esf.participant.managerContact')}
              value={v('managerContactId', submitted ? '' : (p.contacts[0]?.id ?? ''))}
              emptyLabel={t('esf.participant.managerOther')}
              options={p.contacts.map((c) => ({ value: c.id, label: c.name }))}
              errors={errors}
            />
          ) : (
            ''
          )}
          <Field
            t={t}
            name="managerName"
            label={t('esf.participant.managerName')}
            hint={t('esf.participant.managerNameHint')}
            value={v('managerName')}
            errors={errors}
          />
          <Field
            t={t}
            name="managerEmail"
            type="email"
            label={t('esf.participant.managerEmail')}
            value={v('managerEmail')}
            errors={errors}
          />
        </fieldset>
        <Field
          t={t}
          name="email"
          type="email"
          label={t('esf.participant.email')}
          value={v('email', p.email ?? '')}
          errors={errors}
        />
        <Field
          t={t}
          name="mobile"
          type="tel"
          label={t('esf.participant.mobile')}
          value={v('mobile')}
          errors={errors}
        />
        <Field
          t={t}
          name="startedOn"
          type="date"
          label={t('esf.participant.startedOn')}
          hint={t('esf.participant.startedOnHint')}
          value={v('startedOn', p.startedOn ?? '')}
          errors={errors}
        />
        <h2 class="ds-heading" data-size="xs" safe>
          {t('esf.participant.information')}
        </h2>
        <blockquote class="kn-quote" data-testid="information-text" safe>
          {vm.informationText}
        </blockquote>
        <Checkbox
          t={t}
          name="informationAcknowledged"
          label={t('esf.participant.informationAcknowledged')}
          checked={v('informationAcknowledged') === 'on'}
          errors={errors}
        />
        <Checkbox
          t={t}
          name="eligibilityConfirmed"
          label={t('esf.participant.eligibilityConfirmed')}
          checked={v('eligibilityConfirmed') === 'on'}
          errors={errors}
        />
        <button type="submit" class="ds-button" data-variant="primary" safe>
          {t('esf.participant.register')}
        </button>
      </form>
    </>
  );
}
