// The learner's course evaluation form (once, after the last session) and the summary per course for the
// provider and the Region (hidden below three answers).
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, errorFor, fieldId } from '../../../platform/http/views.tsx';
import { type AT, type Completion, CompletionTag, FormAlert, Info } from './attendance-shared.tsx';

export interface EvaluationFormVM {
  enrolmentId: string;
  courseTitle: string;
  completion: Completion;
  state: 'open' | 'early' | 'answered';
}

const SCALES = ['overall', 'relevance', 'teaching'] as const;

function Scale(props: {
  t: AT;
  name: (typeof SCALES)[number];
  typed: Record<string, string>;
  errors: FieldError[];
}): JSX.Element {
  const { t, name } = props;
  const error = errorFor(props.errors, name);
  const id = fieldId(name);
  return (
    <fieldset class="ds-fieldset" aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}>
      <legend class="ds-label" safe>
        {t(`training.attendance.eval.${name}`)}
      </legend>
      <div id={`${id}-hint`} data-field="description" safe>
        {t('training.attendance.eval.scale')}
      </div>
      {error ? (
        <div class="ds-validation-message" id={`${id}-error`} data-field="validation" safe>
          {t(error.message as Parameters<AT>[0], error.params)}
        </div>
      ) : (
        ''
      )}
      {['1', '2', '3', '4', '5'].map((v) => {
        // The first option carries the field's id, so the error summary can link to it.
        const radioId = v === '1' ? id : fieldId(`${name}-${v}`);
        return (
          <div class="ds-field kn-checkbox">
            <input
              type="radio"
              class="ds-input"
              id={radioId}
              name={name}
              value={v}
              checked={props.typed[name] === v}
            />
            <label class="ds-label" for={radioId} safe>
              {v}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

export function EvaluationFormView(props: {
  t: AT;
  csrf: string;
  vm: EvaluationFormVM;
  typed: Record<string, string>;
  errors: FieldError[];
}): JSX.Element {
  const { t, vm } = props;
  const commentId = fieldId('comment');
  const commentError = errorFor(props.errors, 'comment');
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {`${t('training.attendance.eval.title')} – ${vm.courseTitle}`}
      </h1>
      <p class="ds-paragraph">
        <span safe>{`${t('training.attendance.eval.completion')} `}</span>
        <CompletionTag t={t} completion={vm.completion} />
      </p>
      {vm.state === 'early' ? (
        <Info text={t('training.attendance.eval.early')} testid="evaluation-early" />
      ) : vm.state === 'answered' ? (
        <Info text={t('training.attendance.eval.already')} testid="evaluation-answered" />
      ) : (
        <>
          <p class="ds-paragraph" safe>
            {t('training.attendance.eval.intro', { course: vm.courseTitle })}
          </p>
          <ErrorSummary t={t} errors={props.errors.filter((e) => e.field !== '_form')} />
          <FormAlert t={t} errors={props.errors} />
          <form method="post" action={`/my/courses/${vm.enrolmentId}/evaluation`} class="kn-form">
            <CsrfField token={props.csrf} />
            {SCALES.map((s) => (
              <Scale t={t} name={s} typed={props.typed} errors={props.errors} />
            ))}
            <fieldset class="ds-fieldset">
              <legend class="ds-label" safe>
                {t('training.attendance.eval.recommend')}
              </legend>
              {(['yes', 'no', 'noAnswer'] as const).map((v) => {
                const radioId = fieldId(`recommend-${v}`);
                return (
                  <div class="ds-field kn-checkbox">
                    <input
                      type="radio"
                      class="ds-input"
                      id={radioId}
                      name="recommend"
                      value={v}
                      checked={(props.typed.recommend ?? 'noAnswer') === v}
                    />
                    <label class="ds-label" for={radioId} safe>
                      {t(`training.attendance.eval.${v}`)}
                    </label>
                  </div>
                );
              })}
            </fieldset>
            <div class="ds-field">
              <label class="ds-label" for={commentId} safe>
                {t('training.attendance.eval.comment')}
              </label>
              <div id={`${commentId}-hint`} data-field="description" safe>
                {t('training.attendance.eval.commentHint')}
              </div>
              {commentError ? (
                <div class="ds-validation-message" id={`${commentId}-error`} data-field="validation" safe>
                  {t(commentError.message as Parameters<AT>[0], commentError.params)}
                </div>
              ) : (
                ''
              )}
              <textarea
                class="ds-input"
                id={commentId}
                name="comment"
                rows="5"
                maxlength="2000"
                aria-invalid={commentError ? 'true' : undefined}
                aria-describedby={commentError ? `${commentId}-hint ${commentId}-error` : `${commentId}-hint`}
                safe
              >
                {props.typed.comment ?? ''}
              </textarea>
            </div>
            <button type="submit" class="ds-button" data-variant="primary" safe>
              {t('training.attendance.eval.submit')}
            </button>
          </form>
        </>
      )}
    </>
  );
}

export interface EvaluationSummaryVM {
  courseTitle: string;
  count: number;
  min: number;
  shown: boolean;
  overall: number | null;
  relevance: number | null;
  teaching: number | null;
  recommendYes: number;
  recommendNo: number;
  comments: string[];
}

export function EvaluationSummaryView(props: { t: AT; vm: EvaluationSummaryVM }): JSX.Element {
  const { t, vm } = props;
  const avg = (v: number | null) =>
    v === null ? '–' : v.toLocaleString('sv-SE', { maximumFractionDigits: 1 });
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {`${t('training.attendance.eval.summaryTitle')} – ${vm.courseTitle}`}
      </h1>
      <p class="ds-paragraph" data-testid="evaluation-count" safe>
        {t('training.attendance.eval.answers', { count: vm.count })}
      </p>
      {!vm.shown ? (
        <Info text={t('training.attendance.eval.hidden', { min: vm.min })} testid="evaluation-hidden" />
      ) : (
        <>
          <div class="kn-table-wrap">
            <table class="ds-table" data-testid="evaluation-summary">
              <thead>
                <tr>
                  <th scope="col" safe>
                    {t('training.attendance.eval.question')}
                  </th>
                  <th scope="col" safe>
                    {t('training.attendance.eval.average')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {SCALES.map((s) => (
                  <tr>
                    <th scope="row" safe>
                      {t(`training.attendance.eval.${s}`)}
                    </th>
                    <td safe>{avg(vm[s])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="ds-paragraph" safe>
            {t('training.attendance.eval.recommendCounts', { yes: vm.recommendYes, no: vm.recommendNo })}
          </p>
          <h2 class="ds-heading" data-size="sm" safe>
            {t('training.attendance.eval.comments')}
          </h2>
          {vm.comments.length === 0 ? (
            <p class="ds-paragraph" safe>
              {t('training.attendance.eval.noComments')}
            </p>
          ) : (
            <ul class="ds-list" data-testid="evaluation-comments">
              {vm.comments.map((c) => (
                <li safe>{c}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
