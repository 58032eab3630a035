// The roll-call of one session, made for a phone: one column, one fieldset per learner with large radio
// choices (as entered / present the whole session / absent) and a minutes field prefilled with the full
// length; one button saves all. Works without JavaScript.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, errorFor, fieldId } from '../../../platform/http/views.tsx';
import { type AT, FormAlert, Info, type SessionVM, sessionLabel } from './attendance-shared.tsx';

export interface RollCallVM {
  courseTitle: string;
  occasionId: string;
  session: SessionVM;
  manager: boolean;
  started: boolean;
  recorded: boolean;
  rows: {
    enrolmentId: string;
    firstName: string;
    lastName: string;
    companyName: string;
    minutes: number | null;
    corrected: boolean;
  }[];
}

export type RollCallMode = 'entered' | 'full' | 'absent';

function LearnerFields(props: {
  t: AT;
  row: RollCallVM['rows'][number];
  length: number;
  typed: Record<string, string> | null;
  errors: FieldError[];
}): JSX.Element {
  const { t, row } = props;
  const name = `minutes-${row.enrolmentId}`;
  const id = fieldId(name);
  const error = errorFor(props.errors, name);
  const value = props.typed ? (props.typed[name] ?? '') : String(row.minutes ?? props.length);
  const mode = (props.typed?.[`mode-${row.enrolmentId}`] as RollCallMode | undefined) ?? 'entered';
  const modes: { mode: RollCallMode; label: string }[] = [
    { mode: 'entered', label: t('training.attendance.asEntered') },
    { mode: 'full', label: t('training.attendance.full', { minutes: props.length }) },
    { mode: 'absent', label: t('training.attendance.absent') },
  ];
  return (
    <fieldset class="ds-fieldset kn-rollcall__learner" data-testid="rollcall-learner">
      <legend class="ds-heading" data-size="xs" safe>
        {`${row.lastName}, ${row.firstName} – ${row.companyName}`}
      </legend>
      {row.minutes !== null ? (
        <p class="ds-paragraph" data-size="sm" safe>
          {t('training.attendance.recordedBefore', { minutes: row.minutes }) +
            (row.corrected ? ` (${t('training.attendance.correctedTag')})` : '')}
        </p>
      ) : (
        ''
      )}
      <div class="ds-field">
        <label class="ds-label" for={id} safe>
          {t('training.attendance.minutes')}
        </label>
        <div id={`${id}-hint`} data-field="description" safe>
          {t('training.attendance.minutesHint', { max: props.length })}
        </div>
        {error ? (
          <div class="ds-validation-message" id={`${id}-error`} data-field="validation" safe>
            {t(error.message as Parameters<AT>[0], error.params)}
          </div>
        ) : (
          ''
        )}
        <input
          class="ds-input"
          id={id}
          name={name}
          type="number"
          inputmode="numeric"
          min="0"
          max={String(props.length)}
          value={value}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        />
      </div>
      {modes.map((m) => {
        const radioId = fieldId(`mode-${m.mode}-${row.enrolmentId}`);
        return (
          <div class="ds-field kn-checkbox">
            <input
              type="radio"
              class="ds-input"
              id={radioId}
              name={`mode-${row.enrolmentId}`}
              value={m.mode}
              checked={mode === m.mode}
            />
            <label class="ds-label" for={radioId} safe>
              {m.label}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

export function RollCallView(props: {
  t: AT;
  csrf: string;
  vm: RollCallVM;
  typed: Record<string, string> | null;
  errors: FieldError[];
}): JSX.Element {
  const { t, vm } = props;
  const reasonId = fieldId('reason');
  const reasonError = errorFor(props.errors, 'reason');
  return (
    <div class="kn-rollcall">
      <h1 class="ds-heading" data-size="lg" safe>
        {t('training.attendance.rollCallTitle')}
      </h1>
      <p class="ds-paragraph" safe>
        {vm.courseTitle}
      </p>
      <p class="ds-paragraph" data-testid="rollcall-session" safe>
        {`${sessionLabel(t, vm.session)} – ${t(`training.attendance.activity.${vm.session.activity}`)}`}
      </p>
      {vm.manager ? (
        <p class="ds-paragraph">
          <a class="ds-link" href={`/training/occasions/${vm.occasionId}/attendance`} safe>
            {t('training.attendance.overviewLink')}
          </a>
        </p>
      ) : (
        ''
      )}
      <ErrorSummary t={t} errors={props.errors.filter((e) => e.field !== '_form')} />
      <FormAlert t={t} errors={props.errors} />
      {!vm.started ? (
        <Info text={t('training.attendance.notStarted')} />
      ) : vm.rows.length === 0 ? (
        <Info text={t('training.attendance.noLearners')} />
      ) : (
        <form method="post" action={`/training/sessions/${vm.session.id}/attendance`} class="kn-form">
          <CsrfField token={props.csrf} />
          {vm.rows.map((row) => (
            <LearnerFields
              t={t}
              row={row}
              length={vm.session.length}
              typed={props.typed}
              errors={props.errors}
            />
          ))}
          {vm.recorded ? (
            <div class="ds-field">
              <label class="ds-label" for={reasonId} safe>
                {t('training.attendance.reason')}
              </label>
              <div id={`${reasonId}-hint`} data-field="description" safe>
                {t('training.attendance.reasonHint')}
              </div>
              {reasonError ? (
                <div class="ds-validation-message" id={`${reasonId}-error`} data-field="validation" safe>
                  {t(reasonError.message as Parameters<AT>[0], reasonError.params)}
                </div>
              ) : (
                ''
              )}
              <input
                class="ds-input"
                id={reasonId}
                name="reason"
                type="text"
                maxlength="500"
                value={props.typed?.reason ?? ''}
                aria-invalid={reasonError ? 'true' : undefined}
                aria-describedby={reasonError ? `${reasonId}-hint ${reasonId}-error` : `${reasonId}-hint`}
              />
            </div>
          ) : (
            ''
          )}
          <button type="submit" class="ds-button" data-variant="primary" data-testid="rollcall-save" safe>
            {t('training.attendance.save')}
          </button>
        </form>
      )}
    </div>
  );
}
