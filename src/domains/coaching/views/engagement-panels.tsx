// The engagement's view model and its two managed panels: intake (eligibility) and the coaches with their
// history. The overview (engagement.tsx) places them.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, Select } from '../../../platform/http/views.tsx';
import { formatDate } from '../../../platform/i18n/index.ts';
import type { Step } from '../schema.ts';
import type { CT } from './shared.tsx';

export interface EngagementVM {
  id: string;
  companyId: string;
  companyName: string;
  municipalityName: string;
  step: Step;
  createdAt: Date;
  plannedHours: number;
  usedMinutes: number;
  smeChecked: boolean;
  companyIsSme: boolean | null;
  inCountyChecked: boolean;
  agreementSignedOn: string | null;
  agreementReference: string | null;
  mappingId: string | null;
  mappingStatus: 'in_progress' | 'submitted' | null;
  planAdoptedVersion: number;
  blockers: string[];
  aidWarning: { level: 'ok' | 'near' | 'over'; totalEur: number; ceilingEur: number } | null;
  coaches: { userId: string; name: string; organisationName: string; assignedAt: Date }[];
  coachOptions: { userId: string; name: string; organisationName: string }[];
  history: { at: Date; what: string; who: string | null; reason: string | null }[];
  isStaff: boolean;
  canManage: boolean;
  canEdit: boolean;
}

export interface EngagementForms {
  errors: FieldError[];
  /** Which form the errors belong to. */
  form?: 'step' | 'intake' | 'coach';
  values: Record<string, string>;
}

export function Intake(props: {
  t: CT;
  csrf: string;
  vm: EngagementVM;
  forms: EngagementForms;
}): JSX.Element {
  const { t, vm } = props;
  const errors = props.forms.form === 'intake' ? props.forms.errors : [];
  const v = props.forms.form === 'intake' ? props.forms.values : null;
  const yesNo = (b: boolean) => t(b ? 'coaching.intake.yes' : 'coaching.intake.no');
  if (!vm.canManage || vm.step === 'closed')
    return (
      <dl class="kn-facts">
        <dt safe>{t('coaching.intake.sme')}</dt>
        <dd safe>{yesNo(vm.smeChecked)}</dd>
        <dt safe>{t('coaching.intake.county')}</dt>
        <dd safe>{yesNo(vm.inCountyChecked)}</dd>
        <dt safe>{t('coaching.intake.agreement')}</dt>
        <dd safe>
          {vm.agreementSignedOn ? formatDate(vm.agreementSignedOn) : t('coaching.intake.notSigned')}
        </dd>
      </dl>
    );
  const checked = (name: string, saved: boolean) => (v ? v[name] === 'on' : saved);
  return (
    <form method="post" action={`/coaching/${vm.id}/intake`} novalidate>
      <CsrfField token={props.csrf} />
      <ErrorSummary t={t} errors={errors} />
      <div class="ds-field kn-checkbox">
        <input
          class="ds-input"
          type="checkbox"
          id="f-smeChecked"
          name="smeChecked"
          checked={checked('smeChecked', vm.smeChecked)}
        />
        <label class="ds-label" for="f-smeChecked" safe>
          {t('coaching.intake.sme')}
        </label>
        {vm.companyIsSme !== null ? (
          <div data-field="description" safe>
            {t('coaching.intake.smeRecord', { answer: yesNo(vm.companyIsSme) })}
          </div>
        ) : (
          ''
        )}
      </div>
      <div class="ds-field kn-checkbox">
        <input
          class="ds-input"
          type="checkbox"
          id="f-inCountyChecked"
          name="inCountyChecked"
          checked={checked('inCountyChecked', vm.inCountyChecked)}
        />
        <label class="ds-label" for="f-inCountyChecked" safe>
          {t('coaching.intake.county')}
        </label>
      </div>
      <Field
        t={t}
        type="date"
        name="agreementSignedOn"
        label={t('coaching.intake.agreement')}
        value={v ? v.agreementSignedOn : vm.agreementSignedOn}
        errors={errors}
      />
      <Field
        t={t}
        name="agreementReference"
        label={t('coaching.intake.agreementRef')}
        value={v ? v.agreementReference : vm.agreementReference}
        maxlength={200}
        errors={errors}
      />
      <Field
        t={t}
        name="plannedHours"
        label={t('coaching.new.plannedHours')}
        value={v ? v.plannedHours : String(vm.plannedHours)}
        errors={errors}
      />
      <button type="submit" class="ds-button" data-variant="secondary" safe>
        {t('coaching.intake.save')}
      </button>
    </form>
  );
}

export function Coaches(props: {
  t: CT;
  csrf: string;
  vm: EngagementVM;
  forms: EngagementForms;
}): JSX.Element {
  const { t, vm } = props;
  const errors = props.forms.form === 'coach' ? props.forms.errors : [];
  return (
    <>
      {vm.coaches.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('coaching.coaches.none')}
        </p>
      ) : (
        <ul class="ds-list" data-testid="coaches">
          {vm.coaches.map((c) => (
            <li>
              <span safe>{c.name}</span> <span safe>({c.organisationName})</span>{' '}
              <span class="ds-paragraph" data-size="sm" safe>
                {t('coaching.coaches.since', { date: formatDate(c.assignedAt) })}
              </span>
              {vm.canManage ? (
                <form
                  method="post"
                  action={`/coaching/${vm.id}/coaches/${c.userId}/remove`}
                  class="kn-inline-form"
                >
                  <CsrfField token={props.csrf} />
                  <button
                    type="submit"
                    class="ds-button"
                    data-variant="tertiary"
                    data-size="sm"
                    aria-label={t('coaching.coaches.removeLabel', { name: c.name })}
                    safe
                  >
                    {t('coaching.coaches.remove')}
                  </button>
                </form>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      )}
      {vm.canManage && vm.step !== 'closed' && vm.coachOptions.length ? (
        <form method="post" action={`/coaching/${vm.id}/coaches`} novalidate>
          <CsrfField token={props.csrf} />
          <ErrorSummary t={t} errors={errors} />
          <Select
            t={t}
            name="coachId"
            label={t('coaching.coaches.choose')}
            value={props.forms.values.coachId}
            options={vm.coachOptions.map((c) => ({
              value: c.userId,
              label: `${c.name} (${c.organisationName})`,
            }))}
            errors={errors}
          />
          <button type="submit" class="ds-button" data-variant="secondary" safe>
            {t('coaching.coaches.assign')}
          </button>
        </form>
      ) : (
        ''
      )}
    </>
  );
}
