// Providers' and region admins' course pages: the list of managed courses, one course with its status
// actions and occasions, and the occasion form with its sessions (add and remove rows, no JavaScript).
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, Select } from '../../../platform/http/views.tsx';
import { type CoursePageVM, SessionTable } from './catalogue-public.tsx';
import {
  activityLabel,
  type CT,
  Facts,
  financingLabel,
  StatusTag,
  statusLabel,
} from './catalogue-shared.tsx';

export interface CourseListVM {
  heading: string;
  status: string | null;
  statuses: readonly string[];
  rows: {
    id: string;
    title: string;
    providerName: string;
    status: string;
    occasions: number;
    updatedAt: string;
  }[];
}

export function CourseListView(props: { t: CT; vm: CourseListVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <div class="kn-title-row">
        <h1 class="ds-heading" data-size="lg" safe>
          {vm.heading}
        </h1>
        <a class="ds-button" data-variant="primary" href="/training/courses/new" safe>
          {t('training.catalogue.manage.new')}
        </a>
      </div>
      <form method="get" action="/training/courses" class="kn-filters">
        <div class="ds-field">
          <label class="ds-label" for="f-status" safe>
            {t('training.catalogue.manage.statusFilter')}
          </label>
          <select class="ds-input" id="f-status" name="status">
            <option value="" safe>
              {t('training.catalogue.filter.any')}
            </option>
            {vm.statuses.map((s) => (
              <option value={s} selected={s === vm.status} safe>
                {statusLabel(t, s)}
              </option>
            ))}
          </select>
        </div>
        <div class="kn-filters__buttons">
          <button type="submit" class="ds-button" data-variant="secondary" safe>
            {t('training.catalogue.manage.show')}
          </button>
        </div>
      </form>
      {vm.rows.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('training.catalogue.manage.empty')}
        </p>
      ) : (
        <div class="kn-table-wrap">
          <table class="ds-table" data-testid="course-list">
            <caption safe>{t('training.catalogue.manage.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('training.catalogue.form.titleField')}
                </th>
                <th scope="col" safe>
                  {t('training.catalogue.provider')}
                </th>
                <th scope="col" safe>
                  {t('training.catalogue.actions')}
                </th>
                <th scope="col" safe>
                  {t('training.catalogue.manage.occasionCount')}
                </th>
                <th scope="col" safe>
                  {t('training.catalogue.manage.updated')}
                </th>
              </tr>
            </thead>
            <tbody>
              {vm.rows.map((r) => (
                <tr data-course={r.id}>
                  <td>
                    <a class="ds-link" href={`/training/courses/${r.id}`} safe>
                      {r.title}
                    </a>
                  </td>
                  <td safe>{r.providerName}</td>
                  <td>
                    <StatusTag t={t} status={r.status} />
                  </td>
                  <td safe>{String(r.occasions)}</td>
                  <td class="kn-nowrap" safe>
                    {r.updatedAt}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export interface CourseManageVM extends CoursePageVM {
  status: string;
  canApprove: boolean;
  contractReference: string | null;
  contractFrom: string | null;
  contractTo: string | null;
  enrolled: Record<string, number>;
}

function ActionButton(props: { csrf: string; action: string; label: string; variant: string }): JSX.Element {
  return (
    <form method="post" action={props.action} class="kn-inline-form">
      <CsrfField token={props.csrf} />
      <button type="submit" class="ds-button" data-variant={props.variant} safe>
        {props.label}
      </button>
    </form>
  );
}

export function CourseManageView(props: {
  t: CT;
  csrf: string;
  vm: CourseManageVM;
  errors: FieldError[];
}): JSX.Element {
  const { t, vm } = props;
  const base = `/training/courses/${vm.id}`;
  return (
    <>
      <p class="ds-paragraph" data-size="sm">
        <a class="ds-link" href="/training/courses" safe>
          {t('training.catalogue.manage.title')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {vm.title}
      </h1>
      <ErrorSummary errors={props.errors} t={t} />
      <p class="ds-paragraph">
        <StatusTag t={t} status={vm.status} />
      </p>
      <div class="kn-actions" data-testid="course-actions">
        <a class="ds-button" data-variant="secondary" href={`${base}/edit`} safe>
          {t('training.catalogue.manage.edit')}
        </a>
        {vm.status === 'draft' || vm.status === 'withdrawn' ? (
          <ActionButton
            csrf={props.csrf}
            action={`${base}/submit`}
            label={t('training.catalogue.action.submit')}
            variant="primary"
          />
        ) : (
          ''
        )}
        {vm.canApprove && (vm.status === 'draft' || vm.status === 'submitted') ? (
          <ActionButton
            csrf={props.csrf}
            action={`${base}/approve`}
            label={t('training.catalogue.action.approve')}
            variant="primary"
          />
        ) : (
          ''
        )}
        {vm.status !== 'withdrawn' ? (
          <ActionButton
            csrf={props.csrf}
            action={`${base}/withdraw`}
            label={t('training.catalogue.action.withdraw')}
            variant="tertiary"
          />
        ) : (
          ''
        )}
        {vm.status === 'approved' ? (
          <a class="ds-link" href={`/kurser/${vm.id}`} safe>
            {t('training.catalogue.manage.publicPage')}
          </a>
        ) : (
          ''
        )}
      </div>
      <Facts
        items={[
          [t('training.catalogue.provider'), vm.providerName],
          [t('training.catalogue.form.competences'), vm.competences.map((c) => c.name).join(', ')],
          [t('training.catalogue.form.financing'), financingLabel(t, vm.financing)],
          [t('training.catalogue.form.contractReference'), vm.contractReference],
          [
            t('training.catalogue.form.contractFrom'),
            vm.contractFrom ? `${vm.contractFrom} – ${vm.contractTo ?? ''}` : null,
          ],
          [t('training.catalogue.form.hours'), t('training.catalogue.hoursValue', { hours: vm.hours })],
        ]}
      />
      <div class="kn-title-row">
        <h2 class="ds-heading" data-size="md" safe>
          {t('training.catalogue.occasions')}
        </h2>
        <a class="ds-button" data-variant="secondary" href={`${base}/occasions/new`} safe>
          {t('training.catalogue.occasion.new')}
        </a>
      </div>
      {vm.occasions.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('training.catalogue.occasion.none')}
        </p>
      ) : (
        <div class="kn-table-wrap">
          <table class="ds-table" data-testid="occasion-list">
            <caption safe>{t('training.catalogue.occasion.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('training.catalogue.session.date')}
                </th>
                <th scope="col" safe>
                  {t('training.catalogue.occasion.seatsField')}
                </th>
                <th scope="col" safe>
                  {t('training.catalogue.occasion.enrolmentDeadline')}
                </th>
                <th scope="col" safe>
                  {t('training.catalogue.occasion.status')}
                </th>
                <th scope="col" safe>
                  {t('training.catalogue.sessions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {vm.occasions.map((o) => (
                <tr>
                  <td>
                    <a class="ds-link" href={`${base}/occasions/${o.id}`} safe>
                      {t('training.catalogue.occasion.dates', { from: o.startsOn, to: o.endsOn })}
                    </a>
                  </td>
                  <td safe>
                    {t('training.catalogue.occasion.seats', { free: o.freeSeats, seats: o.seats })}
                  </td>
                  <td class="kn-nowrap" safe>
                    {o.enrolmentDeadline}
                  </td>
                  <td safe>
                    {o.status === 'cancelled'
                      ? t('training.catalogue.occasion.cancelled')
                      : t('training.catalogue.occasion.open')}
                  </td>
                  <td safe>{String(o.sessions.length)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

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
