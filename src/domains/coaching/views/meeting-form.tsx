// The meeting form (new and edit; works without JavaScript, errors at the fields with the input kept) with
// the public-records reminder right above the notes, and the delete confirmation page.
import type { FieldError } from '../../../platform/errors.ts';
import {
  CsrfField,
  ErrorSummary,
  errorFor,
  Field,
  fieldId,
  Select,
  TextArea,
} from '../../../platform/http/views.tsx';
import type { T } from '../../../platform/i18n/index.ts';
import { meetingKinds } from '../schema.ts';
import { MAX_OTHERS, meetingStatuses } from '../schema-meetings.ts';
import { type CT, EngagementCrumbs } from './shared.tsx';

export interface MeetingFormVM {
  engagementId: string;
  companyName: string;
  /** null for a new meeting. */
  meetingId: string | null;
  /** The form's values as strings (checkboxes `staff.<id>` / `contact.<id>` = 'on'). */
  values: Record<string, string>;
  options: { kind: 'staff' | 'contact'; id: string; name: string; roleTitle: string | null }[];
  /** Whether the actor may read and write the notes (else the owner's name is shown instead). */
  notesReadable: boolean;
  notesOwnerName: string | null;
  /** Shown above the form (a save conflict). */
  alert: string | null;
}

function Checkbox(props: { name: string; label: string; checked: boolean }): JSX.Element {
  const id = fieldId(props.name);
  return (
    <div class="ds-field kn-checkbox">
      <input class="ds-input" type="checkbox" id={id} name={props.name} checked={props.checked} />
      <label class="ds-label" for={id} safe>
        {props.label}
      </label>
    </div>
  );
}

function Attendees(props: { t: CT; vm: MeetingFormVM; errors: FieldError[] }): JSX.Element {
  const { t, vm } = props;
  const v = vm.values;
  const group = (kind: 'staff' | 'contact', legend: string) => {
    const options = vm.options.filter((o) => o.kind === kind);
    const error = errorFor(props.errors, kind === 'staff' ? 'staffAttendees' : 'contactAttendees');
    if (options.length === 0) return '';
    return (
      <fieldset class="ds-fieldset" id={fieldId(kind === 'staff' ? 'staffAttendees' : 'contactAttendees')}>
        <legend class="ds-label" safe>
          {legend}
        </legend>
        {error ? (
          <div class="ds-validation-message" data-field="validation" safe>
            {(props.t as unknown as T<string>)(error.message, error.params)}
          </div>
        ) : (
          ''
        )}
        {options.map((o) => (
          <Checkbox
            name={`${kind}.${o.id}`}
            label={o.roleTitle ? `${o.name}, ${o.roleTitle}` : o.name}
            checked={!!v[`${kind}.${o.id}`]}
          />
        ))}
      </fieldset>
    );
  };
  const rows: JSX.Element[] = [];
  for (let i = 0; i < MAX_OTHERS; i++) {
    rows.push(
      <div class="kn-grid-2">
        <Field
          t={t}
          name={`others.${i}.name`}
          label={t('coaching.meetings.field.otherName', { n: i + 1 })}
          value={v[`others.${i}.name`] ?? ''}
          errors={props.errors}
          maxlength={200}
        />
        <Field
          t={t}
          name={`others.${i}.roleTitle`}
          label={t('coaching.meetings.field.otherRole', { n: i + 1 })}
          value={v[`others.${i}.roleTitle`] ?? ''}
          errors={props.errors}
          maxlength={200}
        />
      </div>,
    );
  }
  return (
    <fieldset class="ds-fieldset">
      <legend class="ds-heading" data-size="xs" safe>
        {t('coaching.meetings.field.attendees')}
      </legend>
      {group('staff', t('coaching.meetings.field.attendeesStaff'))}
      {group('contact', t('coaching.meetings.field.attendeesContacts'))}
      <fieldset class="ds-fieldset kn-row-group">
        <legend class="ds-label" safe>
          {t('coaching.meetings.field.others')}
        </legend>
        <div data-field="description" safe>
          {t('coaching.meetings.field.othersHint')}
        </div>
        {rows}
      </fieldset>
    </fieldset>
  );
}

export function MeetingFormView(props: {
  t: CT;
  csrf: string;
  vm: MeetingFormVM;
  errors: FieldError[];
}): JSX.Element {
  const { t, vm, errors } = props;
  const v = vm.values;
  const list = `/coaching/${vm.engagementId}/meetings`;
  const action = vm.meetingId ? `${list}/${vm.meetingId}/edit` : `${list}/new`;
  const cancel = vm.meetingId ? `${list}/${vm.meetingId}` : list;
  const title = vm.meetingId ? t('coaching.meetings.editTitle') : t('coaching.meetings.newTitle');
  const fieldErrors = errors.filter((e) => e.field !== '_form');
  return (
    <>
      <EngagementCrumbs t={t} engagementId={vm.engagementId} companyName={vm.companyName} current={title} />
      <h1 class="ds-heading" data-size="lg" safe>
        {`${title} – ${vm.companyName}`}
      </h1>
      {vm.alert ? (
        <div class="ds-alert" data-color="danger" role="alert" data-testid="meeting-conflict">
          <p class="ds-paragraph" safe>
            {vm.alert}
          </p>
        </div>
      ) : (
        ''
      )}
      <ErrorSummary t={t} errors={fieldErrors} />
      <form method="post" action={action} class="kn-form" novalidate>
        <CsrfField token={props.csrf} />
        {vm.meetingId ? <input type="hidden" name="version" value={v.version ?? ''} /> : ''}
        <Field
          t={t}
          name="heldOn"
          type="date"
          label={t('coaching.meetings.field.heldOn')}
          hint={t('coaching.meetings.field.heldOnHint')}
          value={v.heldOn ?? ''}
          errors={errors}
          required
        />
        <div class="kn-grid-2">
          <Field
            t={t}
            name="startsAt"
            label={t('coaching.meetings.field.startsAt')}
            hint={t('coaching.meetings.field.timeHint')}
            value={v.startsAt ?? ''}
            errors={errors}
            inputmode="numeric"
            maxlength={5}
          />
          <Field
            t={t}
            name="endsAt"
            label={t('coaching.meetings.field.endsAt')}
            hint={t('coaching.meetings.field.timeHint')}
            value={v.endsAt ?? ''}
            errors={errors}
            inputmode="numeric"
            maxlength={5}
          />
        </div>
        <Field
          t={t}
          name="minutes"
          label={t('coaching.meetings.field.minutes')}
          hint={t('coaching.meetings.field.minutesHint')}
          value={v.minutes ?? ''}
          errors={errors}
          inputmode="numeric"
        />
        <Select
          t={t}
          name="kind"
          label={t('coaching.meetings.field.kind')}
          value={v.kind ?? 'on_site'}
          options={meetingKinds.map((k) => ({ value: k, label: t(`coaching.meetings.kind.${k}`) }))}
          errors={errors}
          required
        />
        <Select
          t={t}
          name="status"
          label={t('coaching.meetings.field.status')}
          value={v.status ?? 'planned'}
          options={meetingStatuses.map((s) => ({ value: s, label: t(`coaching.meetings.status.${s}`) }))}
          errors={errors}
        />
        <Field
          t={t}
          name="location"
          label={t('coaching.meetings.field.location')}
          value={v.location ?? ''}
          errors={errors}
          maxlength={500}
        />
        <Attendees t={t} vm={vm} errors={errors} />
        <TextArea
          t={t}
          name="agenda"
          label={t('coaching.meetings.field.agenda')}
          hint={t('coaching.meetings.markdownHint')}
          value={v.agenda ?? ''}
          errors={errors}
        />
        {vm.notesReadable ? (
          <>
            <div class="ds-alert" data-color="warning" data-testid="public-records">
              <p class="ds-paragraph" safe>
                {t('coaching.meetings.publicRecords')}
              </p>
            </div>
            <TextArea
              t={t}
              name="notes"
              label={t('coaching.meetings.field.notes')}
              hint={t('coaching.meetings.markdownHint')}
              value={v.notes ?? ''}
              errors={errors}
              rows={10}
            />
          </>
        ) : (
          <p class="ds-paragraph" data-testid="notes-not-shared" safe>
            {t('coaching.meetings.notesNotShared', { org: vm.notesOwnerName ?? '' })}
          </p>
        )}
        <p class="ds-paragraph" safe>
          {t('coaching.meetings.sharedHint')}
        </p>
        <TextArea
          t={t}
          name="decisions"
          label={t('coaching.meetings.field.decisions')}
          value={v.decisions ?? ''}
          errors={errors}
        />
        <TextArea
          t={t}
          name="nextSteps"
          label={t('coaching.meetings.field.nextSteps')}
          value={v.nextSteps ?? ''}
          errors={errors}
        />
        <div class="kn-actions">
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('coaching.meetings.save')}
          </button>
          <a class="ds-link" href={cancel} safe>
            {t('coaching.meetings.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}

export function DeleteMeetingView(props: {
  t: CT;
  csrf: string;
  engagementId: string;
  companyName: string;
  meetingId: string;
  heldOn: string;
}): JSX.Element {
  const { t } = props;
  const base = `/coaching/${props.engagementId}/meetings/${props.meetingId}`;
  return (
    <>
      <EngagementCrumbs
        t={t}
        engagementId={props.engagementId}
        companyName={props.companyName}
        current={t('coaching.meetings.delete')}
      />
      <h1 class="ds-heading" data-size="lg" safe>
        {t('coaching.meetings.deleteTitle', { date: props.heldOn })}
      </h1>
      <div class="ds-alert" data-color="warning">
        <p class="ds-paragraph" safe>
          {t('coaching.meetings.deleteWarning')}
        </p>
      </div>
      <form method="post" action={`${base}/delete`} class="kn-form">
        <CsrfField token={props.csrf} />
        <div class="kn-actions">
          <button type="submit" class="ds-button" data-variant="primary" data-color="danger" safe>
            {t('coaching.meetings.deleteConfirm')}
          </button>
          <a class="ds-link" href={base} safe>
            {t('coaching.meetings.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}
