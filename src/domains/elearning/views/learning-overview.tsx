// An enrolment's overview: modules and lessons with done marks, progress as text, where to resume.
import { formatDate } from '../../../platform/i18n/index.ts';
import type { CourseContent, LessonView } from '../types.ts';
import { type LT, Progress, StatusTag } from './learning-shared.tsx';

export interface OverviewVM {
  enrolmentId: string;
  status: 'active' | 'completed' | 'withdrawn';
  done: number;
  total: number;
  percent: number;
  completedAt: Date | null;
  minutes: number;
  content: CourseContent;
  doneIds: string[];
  resume: LessonView | null;
  started: boolean;
}

export function OverviewPage(props: { t: LT; vm: OverviewVM }): JSX.Element {
  const { t, vm } = props;
  const base = `/learning/e/${vm.enrolmentId}`;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {vm.content.title}
      </h1>
      <p class="ds-paragraph">
        <StatusTag t={t} status={vm.status} />{' '}
        <span safe>{t('elearning.learn.version', { version: vm.content.version })}</span>
      </p>
      <Progress t={t} id="dl-progress" done={vm.done} total={vm.total} percent={vm.percent} />
      <p class="ds-paragraph" data-size="sm" safe>
        {t('elearning.learn.timeSpent', { minutes: vm.minutes })}
      </p>
      {vm.resume ? (
        <p class="ds-paragraph">
          <a
            class="ds-button kn-touch"
            data-variant="primary"
            href={`${base}/lessons/${vm.resume.id}`}
            data-testid="resume"
            safe
          >
            {vm.started
              ? t('elearning.learn.resume', { lesson: vm.resume.title })
              : t('elearning.learn.start')}
          </a>
        </p>
      ) : (
        ''
      )}
      {vm.status === 'completed' ? (
        <p class="ds-paragraph">
          <span safe>
            {t('elearning.learn.completedOn', { date: vm.completedAt ? formatDate(vm.completedAt) : '' })}
          </span>{' '}
          <a class="ds-link" href={`${base}/complete`} safe>
            {t('elearning.learn.toCompletion')}
          </a>
        </p>
      ) : (
        ''
      )}
      {vm.content.modules.map((m) => (
        <section class="kn-section" aria-labelledby={`m-${m.id}`}>
          <h2 id={`m-${m.id}`} class="ds-heading" data-size="sm" safe>
            {t('elearning.learn.module', { position: m.position, title: m.title })}
          </h2>
          <ol class="kn-plain-list">
            {m.lessons.map((l) => {
              const isDone = vm.doneIds.includes(l.id);
              return (
                <li>
                  <a class="ds-link kn-touch" href={`${base}/lessons/${l.id}`} safe>
                    {l.title}
                  </a>{' '}
                  <span class="ds-tag" data-color={isDone ? 'success' : 'neutral'} safe>
                    {isDone ? t('elearning.learn.doneMark') : t('elearning.learn.notDoneMark')}
                  </span>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </>
  );
}
