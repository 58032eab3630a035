// The learner's catalogue of digital courses, one course's page, and "Mitt lärande".
import { CsrfField } from '../../../platform/http/views.tsx';
import { formatDate } from '../../../platform/i18n/index.ts';
import type { CourseContent } from '../types.ts';
import { type LT, Progress, plainSummary, StatusTag } from './learning-shared.tsx';

export interface CourseCard {
  courseId: string;
  title: string;
  summary: string;
  hours: number;
  providerName: string;
  lessons: number;
  enrolment: { id: string; status: 'active' | 'completed' | 'withdrawn'; percent: number } | null;
}

export function CoursesPage(props: { t: LT; courses: CourseCard[] }): JSX.Element {
  const { t } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('elearning.learn.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('elearning.learn.intro')}
      </p>
      {props.courses.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('elearning.learn.none')}
        </p>
      ) : (
        <ul class="kn-plain-list" data-testid="dl-courses">
          {props.courses.map((c) => (
            <li class="ds-card kn-section">
              <h2 class="ds-heading" data-size="sm" safe>
                {c.title}
              </h2>
              <p class="ds-paragraph" safe>
                {plainSummary(c.summary)}
              </p>
              <p class="ds-paragraph" data-size="sm" safe>
                {`${t('elearning.learn.provider', { provider: c.providerName })} · ${t('elearning.learn.hours', { hours: c.hours })} · ${t('elearning.learn.lessonCount', { count: c.lessons })}`}
              </p>
              <p class="ds-paragraph">
                {c.enrolment ? (
                  <>
                    <StatusTag t={t} status={c.enrolment.status} />{' '}
                    <a
                      class="ds-button kn-touch"
                      data-variant="primary"
                      href={`/learning/e/${c.enrolment.id}`}
                      safe
                    >
                      {t('elearning.learn.continueCourse', { course: c.title })}
                    </a>
                  </>
                ) : (
                  <a class="ds-link kn-touch" href={`/learning/${c.courseId}`} safe>
                    {t('elearning.learn.open', { course: c.title })}
                  </a>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function CoursePage(props: {
  t: LT;
  csrf: string;
  content: CourseContent;
  safeSummaryHtml: string;
  enrolment: CourseCard['enrolment'];
}): JSX.Element {
  const { t, content: c, safeSummaryHtml } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {c.title}
      </h1>
      <p class="ds-paragraph" safe>
        {`${t('elearning.learn.provider', { provider: c.providerName })} · ${t('elearning.learn.hours', { hours: c.hours })}`}
      </p>
      {c.sunLevel ? (
        <p class="ds-paragraph" safe>
          {t('elearning.learn.level', { level: c.sunLevel.label })}
        </p>
      ) : (
        ''
      )}
      <div class="kn-prose">{safeSummaryHtml}</div>
      {props.enrolment ? (
        <p class="ds-paragraph">
          <a
            class="ds-button kn-touch"
            data-variant="primary"
            href={`/learning/e/${props.enrolment.id}`}
            safe
          >
            {t('elearning.learn.continue')}
          </a>
        </p>
      ) : (
        <form method="post" action={`/learning/${c.courseId}/enrol`}>
          <CsrfField token={props.csrf} />
          <button type="submit" class="ds-button kn-touch" data-variant="primary" safe>
            {t('elearning.learn.enrol')}
          </button>
        </form>
      )}
      {c.competences.length > 0 ? (
        <>
          <h2 class="ds-heading" data-size="sm" safe>
            {t('elearning.learn.competences')}
          </h2>
          <ul class="ds-list">
            {c.competences.map((k) => (
              <li safe>{k.label}</li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      <h2 class="ds-heading" data-size="sm" safe>
        {t('elearning.learn.contents')}
      </h2>
      <ol class="ds-list">
        {c.modules.map((m) => (
          <li>
            <span safe>{m.title}</span>
            <ol class="ds-list">
              {m.lessons.map((l) => (
                <li safe>{l.title}</li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </>
  );
}

export interface MyRow {
  id: string;
  title: string;
  status: 'active' | 'completed' | 'withdrawn';
  done: number;
  total: number;
  percent: number;
  completedAt: Date | null;
}

export function MyLearningPage(props: { t: LT; enrolments: MyRow[] }): JSX.Element {
  const { t } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('elearning.learn.my.title')}
      </h1>
      {props.enrolments.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('elearning.learn.my.none')}
        </p>
      ) : (
        <ul class="kn-plain-list" data-testid="my-learning">
          {props.enrolments.map((e) => (
            <li class="ds-card kn-section">
              <h2 class="ds-heading" data-size="sm">
                <a class="ds-link kn-touch" href={`/learning/e/${e.id}`} safe>
                  {e.title}
                </a>
              </h2>
              <p class="ds-paragraph">
                <StatusTag t={t} status={e.status} />
                {e.completedAt ? (
                  <span
                    safe
                  >{` ${t('elearning.learn.completedOn', { date: formatDate(e.completedAt) })}`}</span>
                ) : (
                  ''
                )}
              </p>
              <Progress t={t} id={`p-${e.id}`} done={e.done} total={e.total} percent={e.percent} />
              {e.status === 'completed' ? (
                <p class="ds-paragraph">
                  <a class="ds-link" href="/my/credentials" safe>
                    {t('elearning.learn.my.credentials')}
                  </a>
                </p>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      )}
      <p class="ds-paragraph">
        <a class="ds-link" href="/learning" safe>
          {t('elearning.learn.my.browse')}
        </a>
      </p>
    </>
  );
}
