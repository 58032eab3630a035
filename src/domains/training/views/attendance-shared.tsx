// Small pieces shared by the attendance pages.
import type { FieldError } from '../../../platform/errors.ts';
import { formatDate, formatDateTime, type T } from '../../../platform/i18n/index.ts';
import type { TrainingKey } from '../messages.ts';

export type AT = T<TrainingKey>;
export type Activity = 'teaching' | 'practice' | 'digital' | 'exam';
export type Completion = 'pending' | 'completed' | 'not_completed';

export interface SessionVM {
  id: string;
  startsAt: Date;
  endsAt: Date;
  activity: Activity;
  length: number;
}

/** "2026-11-28, 09:00–12:00 (180 min)" in Europe/Stockholm time. */
export function sessionLabel(t: AT, s: SessionVM): string {
  return t('training.attendance.session', {
    date: formatDate(s.startsAt),
    from: formatDateTime(s.startsAt).slice(11),
    to: formatDateTime(s.endsAt).slice(11),
    minutes: s.length,
  });
}

export function CompletionTag(props: { t: AT; completion: Completion }): JSX.Element {
  const color =
    props.completion === 'completed' ? 'success' : props.completion === 'not_completed' ? 'warning' : 'info';
  return (
    <span class="ds-tag" data-color={color} data-completion={props.completion} safe>
      {props.t(`training.attendance.completion.${props.completion}`)}
    </span>
  );
}

/** A form-level error (not tied to a field). */
export function FormAlert(props: { t: AT; errors: FieldError[] }): JSX.Element {
  const general = props.errors.filter((e) => e.field === '_form');
  if (general.length === 0) return '';
  return (
    <div class="ds-alert" data-color="danger" role="alert">
      {general.map((e) => (
        <p class="ds-paragraph" safe>
          {props.t(e.message as TrainingKey, e.params)}
        </p>
      ))}
    </div>
  );
}

export function Info(props: { text: string; testid?: string }): JSX.Element {
  return (
    <div class="ds-alert" data-color="info">
      <p class="ds-paragraph" data-testid={props.testid} safe>
        {props.text}
      </p>
    </div>
  );
}
