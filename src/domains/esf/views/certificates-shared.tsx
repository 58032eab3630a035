// Pieces of the time certificate pages: the view model, the table of whole hours per date and activity,
// the header facts and a confirmation checkbox with its inline error.
import type { FieldError } from '../../../platform/errors.ts';
import { errorFor, fieldId } from '../../../platform/http/views.tsx';
import type { T } from '../../../platform/i18n/index.ts';
import type { EsfKey } from '../messages.ts';

export type CT = T<EsfKey>;
export type CertificateStatusVM = 'draft' | 'participant_confirmed' | 'signed' | 'superseded';

export interface CertificateVM {
  id: string;
  participantName: string;
  /** The masked number (never the full one on a page). */
  masked: string | null;
  month: string;
  version: number;
  status: CertificateStatusVM;
  totalHours: number;
  employerName: string;
  employerOrgNumber: string;
  reason: string | null;
  lines: {
    date: string;
    activity: 'training' | 'coaching' | 'elearning';
    label: string;
    minutes: number;
    hours: number;
  }[];
}

export function StatusTag(props: { t: CT; status: CertificateStatusVM }): JSX.Element {
  const color = props.status === 'signed' ? 'success' : props.status === 'superseded' ? 'neutral' : 'info';
  return (
    <span class="ds-tag" data-color={color} safe>
      {props.t(`esf.certificates.status.${props.status}`)}
    </span>
  );
}

/** Who, employer, month and version of a certificate. */
export function CertificateFacts(props: { t: CT; c: CertificateVM }): JSX.Element {
  const { t, c } = props;
  return (
    <dl class="kn-facts">
      <dt safe>{t('esf.certificates.col.participant')}</dt>
      <dd safe>{c.masked ? `${c.participantName} (${c.masked})` : c.participantName}</dd>
      <dt safe>{t('esf.certificates.employer')}</dt>
      <dd safe>{`${c.employerName}, ${c.employerOrgNumber}`}</dd>
      <dt safe>{t('esf.certificates.col.month')}</dt>
      <dd safe>{c.month}</dd>
      <dt safe>{t('esf.certificates.col.version')}</dt>
      <dd safe>{String(c.version)}</dd>
      <dt safe>{t('esf.certificates.col.status')}</dt>
      <dd>
        <StatusTag t={t} status={c.status} />
      </dd>
    </dl>
  );
}

/** The lines: date, activity, description, minutes and whole hours, with the total and the rule. */
export function LinesTable(props: { t: CT; c: CertificateVM; showMinutes?: boolean }): JSX.Element {
  const { t, c } = props;
  const minutes = props.showMinutes ?? true;
  return (
    <>
      <div
        class="kn-table-wrap"
        role="region"
        tabindex="0"
        aria-label={t('esf.certificates.detailTitle', { month: c.month, name: c.participantName })}
      >
        <table class="ds-table" data-testid="certificate-lines">
          <caption safe>
            {t('esf.certificates.detailTitle', { month: c.month, name: c.participantName })}
          </caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('esf.certificates.col.date')}
              </th>
              <th scope="col" safe>
                {t('esf.certificates.col.activity')}
              </th>
              <th scope="col" safe>
                {t('esf.certificates.col.label')}
              </th>
              {minutes ? (
                <th scope="col" class="kn-num" safe>
                  {t('esf.certificates.col.minutes')}
                </th>
              ) : (
                ''
              )}
              <th scope="col" class="kn-num" safe>
                {t('esf.certificates.col.hours')}
              </th>
            </tr>
          </thead>
          <tbody>
            {c.lines.map((l) => (
              <tr>
                <th scope="row" safe>
                  {l.date}
                </th>
                <td safe>{t(`esf.certificates.activity.${l.activity}`)}</td>
                <td safe>{l.label}</td>
                {minutes ? (
                  <td class="kn-num" safe>
                    {String(l.minutes)}
                  </td>
                ) : (
                  ''
                )}
                <td class="kn-num" safe>
                  {String(l.hours)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan={minutes ? '4' : '3'} safe>
                {t('esf.certificates.total')}
              </th>
              <td class="kn-num" data-testid="total-hours" safe>
                {String(c.totalHours)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p class="ds-paragraph" data-size="sm" safe>
        {t('esf.certificates.rule')}
      </p>
    </>
  );
}

/** A required tick box with its label and inline error. */
export function TickBox(props: {
  t: T<string>;
  name: string;
  label: string;
  checked: boolean;
  errors: FieldError[];
}): JSX.Element {
  const id = fieldId(props.name);
  const error = errorFor(props.errors, props.name);
  return (
    <div class="ds-field kn-checkbox">
      <input
        class="ds-input"
        type="checkbox"
        id={id}
        name={props.name}
        checked={props.checked}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <label class="ds-label" for={id} safe>
        {props.label}
      </label>
      {error ? (
        <div class="ds-validation-message" id={`${id}-error`} data-field="validation" safe>
          {props.t(error.message, error.params)}
        </div>
      ) : (
        ''
      )}
    </div>
  );
}
