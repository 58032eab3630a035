// A quiz lesson: fieldsets of radio buttons (single choice) or checkboxes (multiple), legend = prompt; the
// answers are kept when the form comes back with unanswered questions. And the result of an attempt.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, errorFor, fieldId } from '../../../platform/http/views.tsx';
import type { LessonView, QuestionView } from '../types.ts';
import type { LT } from './learning-shared.tsx';

export interface QuizFormProps {
  t: LT;
  csrf: string;
  action: string;
  lesson: LessonView;
  errors: FieldError[];
  /** Chosen option ids per question id (a re-rendered form keeps them). */
  chosen: Record<string, string[]>;
  attempts: number;
}

function Question(props: {
  t: LT;
  q: QuestionView;
  error: FieldError | undefined;
  chosen: string[];
}): JSX.Element {
  const { t, q } = props;
  const name = `q_${q.id}`;
  const hintId = `${fieldId(name)}-hint`;
  const errorId = `${fieldId(name)}-error`;
  return (
    <fieldset
      class="ds-fieldset kn-section"
      aria-describedby={props.error ? `${hintId} ${errorId}` : hintId}
      aria-invalid={props.error ? 'true' : undefined}
    >
      <legend class="ds-heading" data-size="xs" safe>
        {t('elearning.learn.quiz.question', { position: q.position, prompt: q.prompt })}
      </legend>
      <p id={hintId} class="ds-paragraph" data-size="sm" safe>
        {q.kind === 'single' ? t('elearning.learn.quiz.single') : t('elearning.learn.quiz.multiple')}
      </p>
      {props.error ? (
        <p class="ds-validation-message" id={errorId} data-field="validation" safe>
          {(t as (k: string, p?: Record<string, string | number>) => string)(
            props.error.message,
            props.error.params,
          )}
        </p>
      ) : (
        ''
      )}
      {q.options.map((o, i) => {
        const id = i === 0 ? fieldId(name) : `${fieldId(name)}-${o.position}`;
        return (
          <div class="ds-field kn-touch" data-position="start">
            <input
              class="ds-input"
              type={q.kind === 'single' ? 'radio' : 'checkbox'}
              id={id}
              name={name}
              value={o.id}
              checked={props.chosen.includes(o.id)}
            />
            <label class="ds-label" for={id} data-weight="regular" safe>
              {o.label}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

export function QuizForm(props: QuizFormProps): JSX.Element {
  const { t, lesson } = props;
  return (
    <form method="post" action={props.action} novalidate>
      <ErrorSummary t={t} errors={props.errors} />
      <CsrfField token={props.csrf} />
      <p class="ds-paragraph" safe>
        {t('elearning.learn.quiz.intro', { passMark: lesson.passMark ?? 100 })}
      </p>
      {props.attempts > 0 ? (
        <p class="ds-paragraph" data-size="sm" safe>
          {t('elearning.learn.quiz.attempts', { count: props.attempts })}
        </p>
      ) : (
        ''
      )}
      {lesson.questions.map((q) => (
        <Question t={t} q={q} error={errorFor(props.errors, `q_${q.id}`)} chosen={props.chosen[q.id] ?? []} />
      ))}
      <button type="submit" class="ds-button kn-touch" data-variant="primary" safe>
        {t('elearning.learn.quiz.submit')}
      </button>
    </form>
  );
}

export interface ResultVM {
  enrolmentId: string;
  lesson: LessonView;
  score: number;
  max: number;
  passed: boolean;
  passMark: number;
  questions: Array<{ question: QuestionView; chosen: string[]; right: boolean }>;
  nextLessonId: string | null;
  completed: boolean;
}

export function QuizResultPage(props: { t: LT; vm: ResultVM }): JSX.Element {
  const { t, vm } = props;
  const base = `/learning/e/${vm.enrolmentId}`;
  return (
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href={base} safe>
          {t('elearning.learn.overview')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('elearning.learn.quiz.resultTitle', { lesson: vm.lesson.title })}
      </h1>
      <div
        class="ds-alert"
        data-color={vm.passed ? 'success' : 'warning'}
        role="status"
        data-testid="quiz-result"
      >
        <p class="ds-paragraph" safe>
          {vm.passed ? t('elearning.learn.quiz.passed') : t('elearning.learn.quiz.failed')}
        </p>
        <p class="ds-paragraph" safe>
          {t('elearning.learn.quiz.score', { score: vm.score, max: vm.max, passMark: vm.passMark })}
        </p>
      </div>
      {vm.questions.map(({ question: q, chosen, right }) => (
        <section class="kn-section" aria-labelledby={`r-${q.id}`}>
          <h2 id={`r-${q.id}`} class="ds-heading" data-size="xs" safe>
            {t('elearning.learn.quiz.question', { position: q.position, prompt: q.prompt })}
          </h2>
          <p class="ds-paragraph">
            <span class="ds-tag" data-color={right ? 'success' : 'danger'} safe>
              {right ? t('elearning.learn.quiz.right') : t('elearning.learn.quiz.wrong')}
            </span>{' '}
            <span safe>{right ? q.feedbackCorrect : q.feedbackIncorrect}</span>
          </p>
          <ul class="ds-list">
            {q.options
              .filter((o) => chosen.includes(o.id))
              .map((o) => (
                <li>
                  <span safe>{t('elearning.learn.quiz.yourAnswer', { option: o.label })}</span>
                  {o.feedback ? <span safe>{` – ${o.feedback}`}</span> : ''}
                </li>
              ))}
          </ul>
        </section>
      ))}
      <p class="ds-paragraph kn-actions">
        {vm.completed ? (
          <a class="ds-button kn-touch" data-variant="primary" href={`${base}/complete`} safe>
            {t('elearning.learn.toCompletion')}
          </a>
        ) : vm.passed && vm.nextLessonId ? (
          <a
            class="ds-button kn-touch"
            data-variant="primary"
            href={`${base}/lessons/${vm.nextLessonId}`}
            safe
          >
            {t('elearning.learn.quiz.continue')}
          </a>
        ) : (
          ''
        )}
        {vm.passed ? (
          ''
        ) : (
          <a class="ds-button kn-touch" data-variant="primary" href={`${base}/lessons/${vm.lesson.id}`} safe>
            {t('elearning.learn.quiz.retry')}
          </a>
        )}
      </p>
    </>
  );
}
