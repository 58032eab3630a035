// The draft as a learner will see it, read-only: every module and lesson in order (LessonBody), quiz
// questions with their options disabled (nothing is answered or stored).
import type { Locale } from '../../../platform/i18n/index.ts';
import type { CourseContent, LessonView } from '../types.ts';
import type { AT } from './authoring-shared.tsx';
import { LessonBody, lessonMarkdown } from './lesson-content.tsx';

function QuizPreview(props: { t: AT; lesson: LessonView }): JSX.Element {
  const { t, lesson } = props;
  return (
    <div class="kn-quiz-preview">
      {lesson.passMark !== null ? (
        <p class="ds-paragraph" safe>
          {t('elearning.author.preview.passMark', { passMark: lesson.passMark })}
        </p>
      ) : (
        ''
      )}
      {lesson.questions.map((q) => (
        <fieldset class="ds-fieldset" disabled>
          <legend class="ds-label" safe>
            {`${q.position}. ${q.prompt}`}
          </legend>
          {q.options.map((o) => (
            <div class="ds-field">
              <input
                class="ds-input"
                type={q.kind === 'single' ? 'radio' : 'checkbox'}
                id={`p-${o.id}`}
                name={`q-${q.id}`}
                value={o.id}
                disabled
              />
              <label class="ds-label" data-weight="regular" for={`p-${o.id}`} safe>
                {o.label}
              </label>
            </div>
          ))}
        </fieldset>
      ))}
    </div>
  );
}

export function PreviewView(props: {
  t: AT;
  locale: Locale;
  content: CourseContent;
  consent: boolean;
  consentUrl: string;
}): JSX.Element {
  const { t, content: c } = props;
  // Markdown rendered through the allow-list sanitiser (lessonMarkdown).
  const safeSummary = lessonMarkdown(c.summary);
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('elearning.author.preview.title', { title: c.title })}
      </h1>
      <div class="ds-alert" data-color="info">
        <p class="ds-paragraph" safe>
          {t('elearning.author.preview.notice')}
        </p>
        <p class="ds-paragraph">
          <a class="ds-link" href={`/learning/courses/${c.courseId}`} safe>
            {t('elearning.author.action.backToCourse')}
          </a>
        </p>
      </div>
      {safeSummary ? <div class="kn-prose">{safeSummary}</div> : ''}
      {c.modules.map((m) => (
        <section aria-labelledby={`pm-${m.id}`}>
          <h2 class="ds-heading" data-size="md" id={`pm-${m.id}`} safe>
            {t('elearning.author.modules.module', { position: m.position, title: m.title })}
          </h2>
          {m.lessons.map((l) => (
            <article aria-labelledby={`pl-${l.id}`} class="kn-lesson-preview">
              <h3 class="ds-heading" data-size="sm" id={`pl-${l.id}`} safe>
                {l.title}
              </h3>
              <p class="ds-paragraph" data-size="sm" safe>
                {t('elearning.lesson.minutes', { minutes: l.estimatedMinutes })}
              </p>
              <LessonBody
                lesson={l}
                locale={props.locale}
                consent={props.consent}
                consentUrl={props.consentUrl}
              />
              {l.kind === 'quiz' ? <QuizPreview t={t} lesson={l} /> : ''}
              {l.kind === 'lti' ? (
                <p class="ds-paragraph" safe>
                  {t('elearning.author.preview.lti')}
                </p>
              ) : (
                ''
              )}
            </article>
          ))}
        </section>
      ))}
    </>
  );
}
