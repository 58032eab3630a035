// The provider's uploaded files on the course page: the list and the upload form (multipart, 10 MB).
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, errorFor, Select } from '../../../platform/http/views.tsx';
import type { MediaRef } from '../types.ts';
import type { AT, AuthorKey } from './authoring-shared.tsx';

function FileField(props: { t: AT; errors: FieldError[] }): JSX.Element {
  const { t } = props;
  const error = errorFor(props.errors, 'file');
  return (
    <div class="ds-field">
      <label class="ds-label" for="f-file" safe>
        {t('elearning.author.media.file')}
      </label>
      <div id="f-file-hint" data-field="description" safe>
        {t('elearning.author.media.fileHint')}
      </div>
      {error ? (
        <div class="ds-validation-message" id="f-file-error" data-field="validation" safe>
          {t(error.message as AuthorKey, error.params)}
        </div>
      ) : (
        ''
      )}
      <input
        class="ds-input"
        type="file"
        id="f-file"
        name="file"
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'f-file-hint f-file-error' : 'f-file-hint'}
      />
    </div>
  );
}

export function MediaSection(props: {
  t: AT;
  csrf: string;
  courseId: string;
  courseLanguage: string;
  media: (MediaRef & { createdAt: string })[];
  mediaKinds: readonly string[];
  languages: readonly string[];
  errors: FieldError[];
  values: Record<string, string>;
}): JSX.Element {
  const { t, csrf, errors } = props;
  const vm = props;
  return (
    <section aria-labelledby="media" data-testid="dl-media">
      <h2 class="ds-heading" data-size="md" id="media" safe>
        {t('elearning.author.media.title')}
      </h2>
      {vm.media.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('elearning.author.media.none')}
        </p>
      ) : (
        <div
          class="kn-table-wrap"
          role="region"
          tabindex="0"
          aria-label={t('elearning.author.media.caption')}
        >
          <table class="ds-table">
            <caption safe>{t('elearning.author.media.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('elearning.author.media.file')}
                </th>
                <th scope="col" safe>
                  {t('elearning.author.media.kind')}
                </th>
                <th scope="col" safe>
                  {t('elearning.author.media.size')}
                </th>
                <th scope="col" safe>
                  {t('elearning.author.versions.created')}
                </th>
              </tr>
            </thead>
            <tbody>
              {vm.media.map((m) => (
                <tr>
                  <th scope="row">
                    <a class="ds-link" href={`/learning/media/${m.id}`} safe>
                      {m.filename}
                    </a>
                  </th>
                  <td safe>{t(`elearning.author.media.kind.${m.kind}` as AuthorKey)}</td>
                  <td safe>{`${Math.max(1, Math.round(m.sizeBytes / 1024))} kB`}</td>
                  <td safe>{m.createdAt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 class="ds-heading" data-size="sm" safe>
        {t('elearning.author.media.upload')}
      </h3>
      <form
        method="post"
        action={`/learning/courses/${props.courseId}/media`}
        enctype="multipart/form-data"
        class="kn-form"
      >
        <CsrfField token={csrf} />
        <Select
          name="kind"
          label={t('elearning.author.media.kind')}
          value={props.values.kind}
          options={vm.mediaKinds.map((k) => ({
            value: k,
            label: t(`elearning.author.media.kind.${k}` as AuthorKey),
          }))}
          errors={errors}
          t={t}
        />
        <Select
          name="language"
          label={t('elearning.author.media.language')}
          value={props.values.language ?? props.courseLanguage}
          options={vm.languages.map((l) => ({ value: l, label: l }))}
          errors={errors}
          t={t}
        />
        <FileField t={t} errors={errors} />
        <button type="submit" class="ds-button" data-variant="secondary" safe>
          {t('elearning.author.media.upload')}
        </button>
      </form>
    </section>
  );
}
