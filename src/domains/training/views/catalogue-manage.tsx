// Providers' and region admins' course pages: the list of managed courses, one course with its status
// actions and occasions, and the occasion form with its sessions (add and remove rows, no JavaScript).
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary } from '../../../platform/http/views.tsx';
import type { CoursePageVM } from './catalogue-public.tsx';
import { type CT, Facts, financingLabel, StatusTag, statusLabel } from './catalogue-shared.tsx';

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
