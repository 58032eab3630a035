// The draft's edit forms: a module's title, a lesson (fields of its kind; quiz questions listed), and a quiz
// question with its options (fixed rows, no JavaScript).
import type { FieldError } from '../../../platform/errors.ts';
import { Checkbox, CsrfField, ErrorSummary, Field, Select, TextArea } from '../../../platform/http/views.tsx';
import type { LessonKind, MediaRef } from '../types.ts';
import { type AT, kindLabel, RowActions } from './authoring-shared.tsx';

interface FormBase {
  courseHref: string;
  action: string;
  values: Record<string, string>;
}

function Buttons(props: { t: AT; cancel: string }): JSX.Element {
  return (
    <div class="kn-actions">
      <button type="submit" class="ds-button" data-variant="primary" safe>
        {props.t('elearning.author.form.save')}
      </button>
      <a class="ds-link" href={props.cancel} safe>
        {props.t('elearning.author.action.backToCourse')}
      </a>
    </div>
  );
}

export function ModuleFormView(props: {
  t: AT;
  csrf: string;
  vm: FormBase;
  errors: FieldError[];
}): JSX.Element {
  const { t, vm, errors } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('elearning.author.modules.editTitle')}
      </h1>
      <ErrorSummary errors={errors} t={t} />
      <form method="post" action={vm.action} class="kn-form" novalidate>
        <CsrfField token={props.csrf} />
        <Field
          name="title"
          label={t('elearning.author.modules.addTitle')}
          value={vm.values.title}
          errors={errors}
          t={t}
          required
          maxlength={300}
        />
        <Buttons t={t} cancel={vm.courseHref} />
      </form>
    </>
  );
}

export interface LessonFormVM extends FormBase {
  kind: LessonKind;
  title: string;
  media: MediaRef[];
  ltiLinks: { id: string; title: string; toolName: string }[];
  questions: { id: string; position: number; prompt: string }[];
}

const mediaOptions = (media: MediaRef[], kinds: string[]) =>
  media.filter((m) => kinds.includes(m.kind)).map((m) => ({ value: m.id, label: m.filename }));

function VideoFields(props: { t: AT; vm: LessonFormVM; errors: FieldError[] }): JSX.Element {
  const { t, vm, errors } = props;
  const v = vm.values;
  const none = t('elearning.author.lesson.noMedia');
  return (
    <>
      <Select
        name="videoMediaId"
        label={t('elearning.author.lesson.video')}
        value={v.videoMediaId}
        options={mediaOptions(vm.media, ['video'])}
        emptyLabel={none}
        errors={errors}
        t={t}
      />
      <Field
        name="externalUrl"
        label={t('elearning.author.lesson.externalUrl')}
        hint={t('elearning.author.lesson.externalUrlHint')}
        value={v.externalUrl}
        errors={errors}
        t={t}
        maxlength={2000}
      />
      <Select
        name="captionsMediaId"
        label={t('elearning.author.lesson.captions')}
        value={v.captionsMediaId}
        options={mediaOptions(vm.media, ['captions'])}
        emptyLabel={none}
        errors={errors}
        t={t}
      />
      <Select
        name="audioDescriptionMediaId"
        label={t('elearning.author.lesson.audioDescription')}
        value={v.audioDescriptionMediaId}
        options={mediaOptions(vm.media, ['audio_description'])}
        emptyLabel={none}
        errors={errors}
        t={t}
      />
      <Checkbox
        name="pictureCarriesInformation"
        label={t('elearning.author.lesson.pictureCarries')}
        checked={v.pictureCarriesInformation === 'on' || v.pictureCarriesInformation === 'true'}
      />
      <TextArea
        name="textAlternative"
        label={t('elearning.author.lesson.textAlternative')}
        hint={t('elearning.author.form.markdownHint')}
        value={v.textAlternative}
        errors={errors}
        t={t}
        rows={6}
      />
    </>
  );
}

function Images(props: { t: AT; media: MediaRef[] }): JSX.Element {
  const { t } = props;
  const images = props.media.filter((m) => m.kind === 'image');
  return (
    <section aria-labelledby="images">
      <h2 class="ds-heading" data-size="sm" id="images" safe>
        {t('elearning.author.lesson.images')}
      </h2>
      {images.length === 0 ? (
        <p class="ds-paragraph" safe>
          {`${t('elearning.author.lesson.noImages')} ${t('elearning.author.lesson.uploadHere')}`}
        </p>
      ) : (
        <table class="ds-table" data-testid="dl-image-snippets">
          <caption safe>{t('elearning.author.lesson.imagesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('elearning.author.lesson.imageFile')}
              </th>
              <th scope="col" safe>
                {t('elearning.author.lesson.imageSnippet')}
              </th>
            </tr>
          </thead>
          <tbody>
            {images.map((m) => (
              <tr>
                <th scope="row" safe>
                  {m.filename}
                </th>
                <td>
                  <code safe>{`![](/learning/media/${m.id})`}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function LessonFormView(props: {
  t: AT;
  csrf: string;
  vm: LessonFormVM;
  errors: FieldError[];
}): JSX.Element {
  const { t, vm, errors } = props;
  const v = vm.values;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('elearning.author.lesson.editTitle', { title: vm.title })}
      </h1>
      <p class="ds-paragraph" safe>
        {t('elearning.author.lesson.kindIs', { kind: kindLabel(t, vm.kind) })}
      </p>
      <ErrorSummary errors={errors} t={t} />
      <form method="post" action={vm.action} class="kn-form" novalidate>
        <CsrfField token={props.csrf} />
        <Field
          name="title"
          label={t('elearning.author.lessons.title')}
          value={v.title}
          errors={errors}
          t={t}
          required
          maxlength={300}
        />
        <TextArea
          name="body"
          label={vm.kind === 'text' ? t('elearning.author.lesson.body') : t('elearning.author.lesson.intro')}
          hint={t('elearning.author.lesson.bodyHint')}
          value={v.body}
          errors={errors}
          t={t}
          rows={vm.kind === 'text' ? 16 : 5}
        />
        <Field
          name="estimatedMinutes"
          label={t('elearning.author.lesson.minutes')}
          value={v.estimatedMinutes}
          errors={errors}
          t={t}
          inputmode="numeric"
          required
        />
        {vm.kind === 'video' ? <VideoFields t={t} vm={vm} errors={errors} /> : ''}
        {vm.kind === 'quiz' ? (
          <Field
            name="passMark"
            label={t('elearning.author.lesson.passMark')}
            value={v.passMark}
            errors={errors}
            t={t}
            inputmode="numeric"
          />
        ) : (
          ''
        )}
        {vm.kind === 'lti' ? (
          <Select
            name="ltiLinkId"
            label={t('elearning.author.lesson.ltiLink')}
            hint={vm.ltiLinks.length === 0 ? t('elearning.author.lesson.noLtiLinks') : undefined}
            value={v.ltiLinkId}
            options={vm.ltiLinks.map((l) => ({ value: l.id, label: `${l.toolName}: ${l.title}` }))}
            emptyLabel={t('elearning.author.lesson.noMedia')}
            errors={errors}
            t={t}
          />
        ) : (
          ''
        )}
        <Buttons t={t} cancel={vm.courseHref} />
      </form>
      {vm.kind === 'text' || vm.kind === 'video' || vm.kind === 'quiz' ? (
        <Images t={t} media={vm.media} />
      ) : (
        ''
      )}
      {vm.kind === 'quiz' ? (
        <section aria-labelledby="questions" data-testid="dl-questions">
          <h2 class="ds-heading" data-size="md" id="questions" safe>
            {t('elearning.author.questions.title')}
          </h2>
          {vm.questions.length === 0 ? (
            <p class="ds-paragraph" safe>
              {t('elearning.author.questions.none')}
            </p>
          ) : (
            <ol class="ds-list">
              {vm.questions.map((q) => (
                <li>
                  <span safe>{q.prompt}</span>
                  <RowActions
                    t={t}
                    csrf={props.csrf}
                    base={`${vm.courseHref}/questions/${q.id}`}
                    title={q.prompt.slice(0, 60)}
                    editHref={`${vm.courseHref}/questions/${q.id}`}
                  />
                </li>
              ))}
            </ol>
          )}
          <a class="ds-button" data-variant="secondary" href={`${vm.action}/questions/new`} safe>
            {t('elearning.author.questions.add')}
          </a>
        </section>
      ) : (
        ''
      )}
    </>
  );
}

export function QuestionFormView(props: {
  t: AT;
  csrf: string;
  vm: FormBase & { isNew: boolean; slots: number };
  errors: FieldError[];
}): JSX.Element {
  const { t, vm, errors } = props;
  const v = vm.values;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {vm.isNew ? t('elearning.author.questions.newTitle') : t('elearning.author.questions.editTitle')}
      </h1>
      <ErrorSummary errors={errors} t={t} />
      <form method="post" action={vm.action} class="kn-form" novalidate>
        <CsrfField token={props.csrf} />
        <Select
          name="kind"
          label={t('elearning.author.questions.kind')}
          value={v.kind ?? 'single'}
          options={(['single', 'multiple'] as const).map((k) => ({
            value: k,
            label: t(`elearning.author.questions.kind.${k}`),
          }))}
          errors={errors}
          t={t}
        />
        <TextArea
          name="prompt"
          label={t('elearning.author.questions.prompt')}
          value={v.prompt}
          errors={errors}
          t={t}
          rows={3}
        />
        <fieldset class="ds-fieldset" id="f-options" tabindex="-1">
          <legend class="ds-label" safe>
            {t('elearning.author.questions.options')}
          </legend>
          <p class="ds-paragraph" data-size="sm" safe>
            {t('elearning.author.questions.optionsHint')}
          </p>
          {Array.from({ length: vm.slots }, (_, i) => (
            <fieldset class="ds-fieldset kn-option">
              <legend class="ds-label" data-weight="regular" safe>
                {t('elearning.author.questions.option', { n: i + 1 })}
              </legend>
              <Field
                name={`options.${i}.label`}
                label={t('elearning.author.questions.optionLabel', { n: i + 1 })}
                value={v[`options.${i}.label`]}
                errors={errors}
                t={t}
                maxlength={500}
              />
              <div class="ds-field">
                <input
                  class="ds-input"
                  type="checkbox"
                  id={`f-options-${i}-correct`}
                  name={`options.${i}.correct`}
                  value="on"
                  checked={v[`options.${i}.correct`] === 'on' || v[`options.${i}.correct`] === 'true'}
                />
                <label class="ds-label" data-weight="regular" for={`f-options-${i}-correct`} safe>
                  {t('elearning.author.questions.optionCorrect', { n: i + 1 })}
                </label>
              </div>
              <Field
                name={`options.${i}.feedback`}
                label={t('elearning.author.questions.optionFeedback', { n: i + 1 })}
                value={v[`options.${i}.feedback`]}
                errors={errors}
                t={t}
                maxlength={1000}
              />
            </fieldset>
          ))}
        </fieldset>
        <TextArea
          name="feedbackCorrect"
          label={t('elearning.author.questions.feedbackCorrect')}
          value={v.feedbackCorrect}
          errors={errors}
          t={t}
          rows={2}
        />
        <TextArea
          name="feedbackIncorrect"
          label={t('elearning.author.questions.feedbackIncorrect')}
          value={v.feedbackIncorrect}
          errors={errors}
          t={t}
          rows={2}
        />
        <Buttons t={t} cancel={vm.courseHref} />
      </form>
    </>
  );
}
