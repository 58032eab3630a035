import { formatDateTime } from '../../../platform/i18n/index.ts';
import { dates, type EnrolmentVM, type OccasionVM, StatusTag } from './enrolment-book.tsx';
import type { ET } from './enrolment-people.tsx';
export function ParticipantsView(props: {
  t: ET;
  occasion: OccasionVM;
  enrolled: number;
  participants: EnrolmentVM[];
}): JSX.Element {
  const { t, occasion: o } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('training.enrolment.participants.title', { course: o.courseTitle })}
      </h1>
      <p class="ds-paragraph" safe>
        {dates(o)}
      </p>
      <p class="ds-paragraph" safe>
        {t('training.enrolment.enrol.seats', { enrolled: props.enrolled, seats: o.seats })}
      </p>
      {props.participants.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('training.enrolment.participants.none')}
        </p>
      ) : (
        <table class="ds-table" data-testid="participants">
          <thead>
            <tr>
              <th scope="col" safe>
                {t('training.enrolment.col.learner')}
              </th>
              <th scope="col" safe>
                {t('training.enrolment.field.company')}
              </th>
              <th scope="col" safe>
                {t('training.enrolment.col.status')}
              </th>
              <th scope="col" safe>
                {t('training.enrolment.col.paidBy')}
              </th>
              <th scope="col" safe>
                {t('training.enrolment.col.completion')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.participants.map((p) => (
              <tr>
                <th scope="row" safe>
                  {`${p.lastName}, ${p.firstName}`}
                </th>
                <td safe>{p.companyName}</td>
                <td>
                  <StatusTag t={t} status={p.status} />
                </td>
                <td safe>{t(`training.enrolment.paidBy.${p.paidBy}`)}</td>
                <td safe>{t(`training.enrolment.completion.${p.completion}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function MyCoursesView(props: {
  t: ET;
  courses: {
    enrolment: EnrolmentVM & { courseId?: string };
    sessions: { startsAt: Date; endsAt: Date; location: string | null }[];
  }[];
  /** Catalogue courses given in digital format: the learner opens them on the learning pages. */
  digital?: string[];
}): JSX.Element {
  const { t } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('training.enrolment.my.title')}
      </h1>
      {props.courses.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('training.enrolment.my.none')}
        </p>
      ) : (
        props.courses.map(({ enrolment: e, sessions }) => (
          <section class="ds-card kn-section" aria-labelledby={`course-${e.id}`} data-testid="my-course">
            <h2 id={`course-${e.id}`} class="ds-heading" data-size="sm" safe>
              {e.courseTitle}
            </h2>
            <p class="ds-paragraph">
              <span safe>{dates(e)}</span> <StatusTag t={t} status={e.status} />{' '}
              <span
                safe
              >{`${t('training.enrolment.col.completion')}: ${t(`training.enrolment.completion.${e.completion}`)}`}</span>
            </p>
            <h3 class="ds-heading" data-size="xs" safe>
              {t('training.enrolment.col.sessions')}
            </h3>
            {sessions.length === 0 ? (
              <p class="ds-paragraph" safe>
                {t('training.enrolment.my.noSessions')}
              </p>
            ) : (
              <ul class="ds-list">
                {sessions.map((s) => (
                  <li safe>
                    {`${formatDateTime(s.startsAt)} – ${formatDateTime(s.endsAt)}${s.location ? `, ${s.location}` : ''}`}
                  </li>
                ))}
              </ul>
            )}
            {e.status === 'enrolled' && e.courseId && props.digital?.includes(e.courseId) ? (
              <p class="ds-paragraph">
                <a class="ds-button" data-variant="primary" href={`/learning/catalogue/${e.courseId}`} safe>
                  {t('training.enrolment.my.openDigital')}
                </a>
              </p>
            ) : (
              ''
            )}
            {e.status === 'enrolled' &&
            sessions.length > 0 &&
            sessions.every((s) => s.endsAt.getTime() < Date.now()) ? (
              <p class="ds-paragraph">
                <a class="ds-link" href={`/my/courses/${e.id}/evaluation`} safe>
                  {t('training.enrolment.my.evaluate')}
                </a>
              </p>
            ) : (
              ''
            )}
          </section>
        ))
      )}
    </>
  );
}
