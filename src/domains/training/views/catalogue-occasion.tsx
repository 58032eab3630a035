// The occasion form with its sessions (add and remove rows, no JavaScript) and the links to its work.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, Select } from '../../../platform/http/views.tsx';
import { SessionTable } from './catalogue-sessions.tsx';
import { activityLabel, type CT } from './catalogue-shared.tsx';

export interface OccasionFormVM {
  courseId: string;
  courseTitle: string;
  occasionId: string | null;
  status: 'open' | 'cancelled';
  values: Record<string, string>;
  sessionValues: Record<string, string>;
  sessions: {
    id: string;
    date: string;
    start: string;
    end: string;
    activity: string;
    location: string | null;
  }[];
  municipalities: { code: string; name: string }[];
  activities: readonly string[];
}

export function OccasionFormView(props: {
  t: CT;
  csrf: string;
  vm: OccasionFormVM;
  errors: FieldError[];
  sessionErrors: FieldError[];
}): JSX.Element {
  const { t, vm, errors } = props;
  const v = vm.values;
  const base = `/training/courses/${vm.courseId}`;
  const action = vm.occasionId ? `${base}/occasions/${vm.occasionId}` : `${base}/occasions/new`;
  const editable = vm.status === 'open';
  return (
    <>
      <p class="ds-paragraph" data-size="sm">
        <a class="ds-link" href={base} safe>
          {vm.courseTitle}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {vm.occasionId ? t('training.catalogue.occasion.edit') : t('training.catalogue.occasion.new')}
      </h1>
      {vm.status === 'cancelled' ? (
        <p class="ds-paragraph">
          <span class="ds-tag" data-color="danger" safe>
            {t('training.catalogue.occasion.cancelled')}
          </span>
        </p>
      ) : (
        ''
      )}
      <ErrorSummary errors={[...errors, ...props.sessionErrors]} t={t} />
      {vm.occasionId ? <OccasionLinks t={t} occasionId={vm.occasionId} sessions={vm.sessions} /> : ''}
      <form method="post" action={action} class="kn-form" novalidate data-testid="occasion-form">
        <CsrfField token={props.csrf} />
        <Field
          name="startsOn"
          type="date"
          label={t('training.catalogue.occasion.startsOn')}
          hint={t('training.catalogue.form.dateHint')}
          value={v.startsOn}
          errors={errors}
          t={t}
          required
        />
        <Field
          name="endsOn"
          type="date"
          label={t('training.catalogue.occasion.endsOn')}
          hint={t('training.catalogue.form.dateHint')}
          value={v.endsOn}
          errors={errors}
          t={t}
          required
        />
        <Field
          name="seats"
          label={t('training.catalogue.occasion.seatsField')}
          value={v.seats}
          errors={errors}
          t={t}
          inputmode="numeric"
          required
        />
        <Field
          name="enrolmentDeadline"
          type="date"
          label={t('training.catalogue.occasion.enrolmentDeadline')}
          hint={t('training.catalogue.form.dateHint')}
          value={v.enrolmentDeadline}
          errors={errors}
          t={t}
          required
        />
        <Select
          name="municipalityCode"
          label={t('training.catalogue.occasion.municipalityCode')}
          value={v.municipalityCode}
          options={vm.municipalities.map((m) => ({ value: m.code, label: m.name }))}
          emptyLabel={t('training.catalogue.form.none')}
          errors={errors}
          t={t}
        />
        <Field
          name="location"
          label={t('training.catalogue.occasion.location')}
          value={v.location}
          errors={errors}
          t={t}
          maxlength={500}
        />
        <Field
          name="onlineLink"
          label={t('training.catalogue.occasion.onlineLink')}
          value={v.onlineLink}
          errors={errors}
          t={t}
          maxlength={1000}
        />
        {editable ? (
          <div class="kn-actions">
            <button type="submit" class="ds-button" data-variant="primary" safe>
              {t('training.catalogue.occasion.save')}
            </button>
          </div>
        ) : (
          ''
        )}
      </form>
      {vm.occasionId && editable ? (
        <>
          <form method="post" action={`${action}/cancel`} class="kn-inline-form">
            <CsrfField token={props.csrf} />
            <button type="submit" class="ds-button" data-variant="tertiary" data-color="danger" safe>
              {t('training.catalogue.occasion.cancel')}
            </button>
          </form>
          <h2 class="ds-heading" data-size="md" safe>
            {t('training.catalogue.sessions')}
          </h2>
          <SessionTable
            t={t}
            caption={t('training.catalogue.session.caption')}
            sessions={vm.sessions}
            remove={(id, label) => (
              <form method="post" action={`${action}/sessions/${id}/remove`} class="kn-inline-form">
                <CsrfField token={props.csrf} />
                <button
                  type="submit"
                  class="ds-button"
                  data-variant="tertiary"
                  data-size="sm"
                  aria-label={label}
                  safe
                >
                  {t('training.catalogue.session.removeShort')}
                </button>
              </form>
            )}
          />
          <SessionForm
            t={t}
            csrf={props.csrf}
            action={`${action}/sessions`}
            vm={vm}
            errors={props.sessionErrors}
          />
        </>
      ) : vm.occasionId ? (
        <SessionTable t={t} caption={t('training.catalogue.session.caption')} sessions={vm.sessions} />
      ) : (
        ''
      )}
    </>
  );
}

function SessionForm(props: {
  t: CT;
  csrf: string;
  action: string;
  vm: OccasionFormVM;
  errors: FieldError[];
}) {
  const { t, errors } = props;
  const v = props.vm.sessionValues;
  return (
    <form method="post" action={props.action} class="kn-form" novalidate data-testid="session-form">
      <CsrfField token={props.csrf} />
      <fieldset class="ds-fieldset">
        <legend class="ds-heading" data-size="sm" safe>
          {t('training.catalogue.session.add')}
        </legend>
        <Field
          name="s_date"
          type="date"
          label={t('training.catalogue.session.date')}
          hint={t('training.catalogue.form.dateHint')}
          value={v.s_date}
          errors={errors}
          t={t}
          required
        />
        <Field
          name="s_start"
          label={t('training.catalogue.session.start')}
          hint={t('training.catalogue.session.timeHint')}
          value={v.s_start}
          errors={errors}
          t={t}
          required
        />
        <Field
          name="s_end"
          label={t('training.catalogue.session.end')}
          hint={t('training.catalogue.session.timeHint')}
          value={v.s_end}
          errors={errors}
          t={t}
          required
        />
        <Select
          name="s_activity"
          label={t('training.catalogue.session.activity')}
          value={v.s_activity ?? 'teaching'}
          options={props.vm.activities.map((a) => ({ value: a, label: activityLabel(t, a) }))}
          errors={errors}
          t={t}
        />
        <Field
          name="s_location"
          label={t('training.catalogue.session.location')}
          value={v.s_location}
          errors={errors}
          t={t}
          maxlength={500}
        />
      </fieldset>
      <button type="submit" class="ds-button" data-variant="secondary" safe>
        {t('training.catalogue.session.add')}
      </button>
    </form>
  );
}

/** The occasion's work: enrolment, participants, attendance per session, the overview and the invoice basis. */
function OccasionLinks(props: {
  t: CT;
  occasionId: string;
  sessions: OccasionFormVM['sessions'];
}): JSX.Element {
  const { t } = props;
  const o = `/training/occasions/${props.occasionId}`;
  return (
    <nav aria-label={t('training.catalogue.occasion.links')} data-testid="occasion-links">
      <ul class="kn-actions kn-plain-list">
        <li>
          <a class="ds-link" href={`${o}/enrol`} safe>
            {t('training.catalogue.occasion.enrol')}
          </a>
        </li>
        <li>
          <a class="ds-link" href={`${o}/participants`} safe>
            {t('training.catalogue.occasion.participants')}
          </a>
        </li>
        <li>
          <a class="ds-link" href={`${o}/attendance`} safe>
            {t('training.catalogue.occasion.attendance')}
          </a>
        </li>
        <li>
          <a class="ds-link" href={`${o}/invoice-basis`} safe>
            {t('training.catalogue.occasion.invoiceBasis')}
          </a>
        </li>
      </ul>
      {props.sessions.length ? (
        <ul class="kn-actions kn-plain-list">
          {props.sessions.map((s) => (
            <li>
              <a class="ds-link" href={`/training/sessions/${s.id}/attendance`} safe>
                {t('training.catalogue.occasion.rollCall', { date: s.date, start: s.start })}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
    </nav>
  );
}
