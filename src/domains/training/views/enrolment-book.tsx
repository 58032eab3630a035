// Enrolment pages: enrol learners on an occasion, the company's enrolments (cancel, move), moving one,
// an occasion's participants (provider) and the learner's own courses.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, errorFor, fieldId } from '../../../platform/http/views.tsx';
import { formatDate } from '../../../platform/i18n/index.ts';
import { type ET, FormAlert } from './enrolment-people.tsx';

export interface OccasionVM {
  id: string;
  courseTitle: string;
  startsOn: string;
  endsOn: string;
  seats: number;
  enrolmentDeadline: string;
  status: 'open' | 'cancelled';
  deadlinePassed: boolean;
  location: string | null;
}

export interface EnrolmentVM {
  id: string;
  occasionId: string;
  companyName: string;
  firstName: string;
  lastName: string;
  status: 'enrolled' | 'waitlisted' | 'cancelled';
  paidBy: 'programme' | 'company' | 'free';
  completion: 'pending' | 'completed' | 'not_completed';
  courseTitle: string;
  startsOn: string;
  endsOn: string;
}

export const dates = (o: { startsOn: string; endsOn: string }) =>
  `${formatDate(o.startsOn)} – ${formatDate(o.endsOn)}`;

export function StatusTag(props: { t: ET; status: EnrolmentVM['status'] }): JSX.Element {
  const color =
    props.status === 'enrolled' ? 'success' : props.status === 'waitlisted' ? 'warning' : 'neutral';
  return (
    <span class="ds-tag" data-color={color} data-testid="enrolment-status" safe>
      {props.t(`training.enrolment.status.${props.status}`)}
    </span>
  );
}

export function EnrolView(props: {
  t: ET;
  csrf: string;
  occasion: OccasionVM;
  enrolled: number;
  paidByOptions: ('programme' | 'company' | 'free')[];
  companyId: string | null;
  learners: {
    id: string;
    firstName: string;
    lastName: string;
    companyName: string;
    liveStatus: string | null;
  }[];
  selected: string[];
  paidBy: string | null;
  errors: FieldError[];
  aidWarnings: { companyName: string; level: 'near' | 'over'; totalEur: number; ceilingEur: number }[];
}): JSX.Element {
  const { t, occasion: o } = props;
  const eur = (n: number) => `${new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 }).format(n)} €`;
  const open = o.status === 'open' && !o.deadlinePassed;
  const query = props.companyId ? `?companyId=${encodeURIComponent(props.companyId)}` : '';
  const learnersError = errorFor(props.errors, 'learnerIds');
  const paidByError = errorFor(props.errors, 'paidBy');
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('training.enrolment.enrol.title', { course: o.courseTitle })}
      </h1>
      {props.aidWarnings.map((w) => (
        <div
          class="ds-alert"
          data-color={w.level === 'over' ? 'danger' : 'warning'}
          role="status"
          data-testid="aid-warning"
        >
          <p class="ds-paragraph" safe>
            {t(`training.enrolment.aid.${w.level}`, {
              company: w.companyName,
              total: eur(w.totalEur),
              ceiling: eur(w.ceilingEur),
            })}
          </p>
        </div>
      ))}
      <p class="ds-paragraph" safe>
        {dates(o)}
      </p>
      <p class="ds-paragraph" safe>
        {t('training.enrolment.enrol.seats', { enrolled: props.enrolled, seats: o.seats })}
      </p>
      <p class="ds-paragraph" safe>
        {t('training.enrolment.enrol.deadline', { date: formatDate(o.enrolmentDeadline) })}
      </p>
      <ErrorSummary t={t} errors={props.errors.filter((e) => e.field !== '_form')} />
      <FormAlert t={t} errors={props.errors} />
      {!open ? (
        <div class="ds-alert" data-color="warning">
          <p class="ds-paragraph" safe>
            {t('training.enrolment.enrol.closed')}
          </p>
        </div>
      ) : props.learners.length === 0 ? (
        <p class="ds-paragraph">
          <span safe>{t('training.enrolment.enrol.noLearners')}</span>{' '}
          <a class="ds-link" href={`/training/people${query}`} safe>
            {t('training.enrolment.enrol.managePeople')}
          </a>
        </p>
      ) : (
        <form method="post" action={`/training/occasions/${o.id}/enrol${query}`} class="kn-form" novalidate>
          <CsrfField token={props.csrf} />
          <fieldset
            class="ds-fieldset"
            id={fieldId('learnerIds')}
            aria-describedby={learnersError ? 'learnerIds-error' : undefined}
          >
            <legend class="ds-label" safe>
              {t('training.enrolment.enrol.learners')}
            </legend>
            {learnersError ? (
              <div class="ds-validation-message" id="learnerIds-error" data-field="validation" safe>
                {t(learnersError.message as Parameters<ET>[0], learnersError.params)}
              </div>
            ) : (
              ''
            )}
            {props.learners.map((l) => {
              const id = `learner-${l.id}`;
              return (
                <div class="ds-field kn-checkbox">
                  <input
                    type="checkbox"
                    class="ds-input"
                    id={id}
                    name="learnerIds"
                    value={l.id}
                    checked={props.selected.includes(l.id)}
                    disabled={l.liveStatus !== null}
                  />
                  <label class="ds-label" for={id} safe>
                    {`${l.firstName} ${l.lastName} (${l.companyName})${
                      l.liveStatus ? ` – ${t(`training.enrolment.status.${l.liveStatus as 'enrolled'}`)}` : ''
                    }`}
                  </label>
                </div>
              );
            })}
          </fieldset>
          <fieldset
            class="ds-fieldset"
            id={fieldId('paidBy')}
            aria-describedby={paidByError ? 'paidBy-error' : undefined}
          >
            <legend class="ds-label" safe>
              {t('training.enrolment.enrol.paidBy')}
            </legend>
            {paidByError ? (
              <div class="ds-validation-message" id="paidBy-error" data-field="validation" safe>
                {t(paidByError.message as Parameters<ET>[0], paidByError.params)}
              </div>
            ) : (
              ''
            )}
            {props.paidByOptions.map((p, i) => (
              <div class="ds-field kn-checkbox">
                <input
                  type="radio"
                  class="ds-input"
                  id={`paidBy-${p}`}
                  name="paidBy"
                  value={p}
                  checked={props.paidBy ? props.paidBy === p : i === 0}
                />
                <label class="ds-label" for={`paidBy-${p}`} safe>
                  {t(`training.enrolment.paidBy.${p}`)}
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="ds-button" safe>
            {t('training.enrolment.enrol.submit')}
          </button>
        </form>
      )}
    </>
  );
}

export function CompanyEnrolmentsView(props: {
  t: ET;
  csrf: string;
  enrolments: EnrolmentVM[];
}): JSX.Element {
  const { t } = props;
  // Ended occasions and results are history: no cancelling or moving (the service refuses it too).
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('training.enrolment.list.title')}
      </h1>
      {props.enrolments.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('training.enrolment.list.none')}
        </p>
      ) : (
        <table class="ds-table" data-testid="enrolments">
          <thead>
            <tr>
              <th scope="col" safe>
                {t('training.enrolment.col.learner')}
              </th>
              <th scope="col" safe>
                {t('training.enrolment.col.course')}
              </th>
              <th scope="col" safe>
                {t('training.enrolment.col.dates')}
              </th>
              <th scope="col" safe>
                {t('training.enrolment.col.status')}
              </th>
              <th scope="col" safe>
                {t('training.enrolment.col.paidBy')}
              </th>
              <th scope="col" safe>
                {t('training.enrolment.col.actions')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.enrolments.map((e) => {
              const name = `${e.firstName} ${e.lastName}`;
              return (
                <tr>
                  <th scope="row" safe>
                    {`${name} (${e.companyName})`}
                  </th>
                  <td safe>{e.courseTitle}</td>
                  <td safe>{dates(e)}</td>
                  <td>
                    <StatusTag t={t} status={e.status} />
                  </td>
                  <td safe>{t(`training.enrolment.paidBy.${e.paidBy}`)}</td>
                  <td>
                    {e.status === 'cancelled' || e.completion !== 'pending' || e.endsOn < today ? (
                      ''
                    ) : (
                      <div class="kn-actions">
                        <form method="post" action={`/training/enrolments/${e.id}/cancel`}>
                          <CsrfField token={props.csrf} />
                          <button
                            type="submit"
                            class="ds-button"
                            data-variant="tertiary"
                            data-size="sm"
                            aria-label={t('training.enrolment.cancelLabel', { name })}
                            safe
                          >
                            {t('training.enrolment.cancel')}
                          </button>
                        </form>
                        <a
                          class="ds-link"
                          href={`/training/enrolments/${e.id}/move`}
                          aria-label={t('training.enrolment.moveLabel', { name })}
                          safe
                        >
                          {t('training.enrolment.move')}
                        </a>
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

export function MoveView(props: {
  t: ET;
  csrf: string;
  enrolment: EnrolmentVM;
  targets: OccasionVM[];
  errors: FieldError[];
}): JSX.Element {
  const { t, enrolment: e } = props;
  const name = `${e.firstName} ${e.lastName}`;
  const error = errorFor(props.errors, 'toOccasionId');
  return (
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href="/training/enrolments" safe>
          {t('training.enrolment.list.title')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('training.enrolment.move.title', { name })}
      </h1>
      <p class="ds-paragraph" safe>
        {`${e.courseTitle}, ${dates(e)}`}
      </p>
      <ErrorSummary t={t} errors={props.errors.filter((x) => x.field !== '_form')} />
      <FormAlert t={t} errors={props.errors} />
      {props.targets.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('training.enrolment.move.none')}
        </p>
      ) : (
        <form method="post" action={`/training/enrolments/${e.id}/move`} class="kn-form" novalidate>
          <CsrfField token={props.csrf} />
          <fieldset
            class="ds-fieldset"
            id={fieldId('toOccasionId')}
            aria-describedby={error ? 'toOccasionId-error' : undefined}
          >
            <legend class="ds-label" safe>
              {t('training.enrolment.move.target')}
            </legend>
            {error ? (
              <div class="ds-validation-message" id="toOccasionId-error" data-field="validation" safe>
                {t(error.message as Parameters<ET>[0], error.params)}
              </div>
            ) : (
              ''
            )}
            {props.targets.map((o, i) => (
              <div class="ds-field kn-checkbox">
                <input
                  type="radio"
                  class="ds-input"
                  id={`target-${o.id}`}
                  name="toOccasionId"
                  value={o.id}
                  checked={i === 0}
                />
                <label class="ds-label" for={`target-${o.id}`} safe>
                  {`${dates(o)}${o.location ? `, ${o.location}` : ''}`}
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="ds-button" safe>
            {t('training.enrolment.move.submit')}
          </button>
        </form>
      )}
    </>
  );
}
