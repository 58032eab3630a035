// The player: one lesson of an enrolment with its body, previous/next, and "mark as done and continue"
// (text, video, LTI) or the quiz form. Works without JavaScript; the optional script posts a heartbeat.
import { CsrfField } from '../../../platform/http/views.tsx';
import type { Locale } from '../../../platform/i18n/index.ts';
import type { LessonView } from '../types.ts';
import { type LT, Progress } from './learning-shared.tsx';
import { LessonBody } from './lesson-content.tsx';
import { QuizForm, type QuizFormProps } from './player-quiz.tsx';

export interface PlayerVM {
  enrolmentId: string;
  courseTitle: string;
  active: boolean;
  lesson: LessonView;
  moduleTitle: string;
  index: number;
  count: number;
  doneCount: number;
  percent: number;
  previous: LessonView | null;
  next: LessonView | null;
  done: boolean;
  locale: Locale;
  /** An external player: whether the learner agreed to load it, and the link that records the consent. */
  consent: boolean;
  consentUrl: string;
  quiz: Omit<QuizFormProps, 't' | 'csrf'> | null;
}

export function PlayerPage(props: { t: LT; csrf: string; vm: PlayerVM }): JSX.Element {
  const { t, vm, csrf } = props;
  const l = vm.lesson;
  const base = `/learning/e/${vm.enrolmentId}`;
  return (
    <article
      class="kn-player"
      data-heartbeat={vm.active ? `${base}/heartbeat` : undefined}
      data-csrf={vm.active ? csrf : undefined}
    >
      <p class="ds-paragraph">
        <a class="ds-link" href={base} safe>
          {`${t('elearning.learn.overview')}: ${vm.courseTitle}`}
        </a>
      </p>
      <p class="ds-paragraph" data-size="sm" safe>
        {`${vm.moduleTitle} · ${t('elearning.learn.lessonOf', { index: vm.index, count: vm.count })}`}
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {l.title}
      </h1>
      <Progress t={t} id="dl-progress" done={vm.doneCount} total={vm.count} percent={vm.percent} />
      <p class="ds-paragraph" data-size="sm" safe>
        {t('elearning.learn.estimate', { minutes: l.estimatedMinutes })}
      </p>
      {vm.done ? (
        <p class="ds-paragraph" safe>
          {t('elearning.learn.alreadyDone')}
        </p>
      ) : (
        ''
      )}
      <LessonBody lesson={l} locale={vm.locale} consent={vm.consent} consentUrl={vm.consentUrl} />
      {l.kind === 'lti' && l.ltiLinkId ? (
        <p class="ds-paragraph">
          <a class="ds-button kn-touch" data-variant="secondary" href={`/lti/launch/${l.ltiLinkId}`} safe>
            {t('elearning.learn.lti.launch')}
          </a>{' '}
          <span data-size="sm" safe>
            {t('elearning.learn.lti.hint')}
          </span>
        </p>
      ) : (
        ''
      )}
      {vm.quiz ? (
        <QuizForm t={t} csrf={csrf} {...vm.quiz} />
      ) : vm.active ? (
        <form method="post" action={`${base}/lessons/${l.id}/done`}>
          <CsrfField token={csrf} />
          <button
            type="submit"
            class="ds-button kn-touch"
            data-variant="primary"
            data-testid="mark-done"
            safe
          >
            {t('elearning.learn.markDone')}
          </button>
        </form>
      ) : (
        ''
      )}
      <nav class="kn-actions" aria-label={t('elearning.learn.lessonNav')}>
        {vm.previous ? (
          <a class="ds-link kn-touch" rel="prev" href={`${base}/lessons/${vm.previous.id}`} safe>
            {t('elearning.learn.previous', { lesson: vm.previous.title })}
          </a>
        ) : (
          ''
        )}{' '}
        {vm.next ? (
          <a class="ds-link kn-touch" rel="next" href={`${base}/lessons/${vm.next.id}`} safe>
            {t('elearning.learn.next', { lesson: vm.next.title })}
          </a>
        ) : (
          ''
        )}
      </nav>
      {vm.active ? <script src="/assets/elearning-learn.js" defer></script> : ''}
    </article>
  );
}
