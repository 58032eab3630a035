import type { FieldError } from '../../../../platform/errors.ts';
import { CsrfField, ErrorSummary, errorFor, fieldId } from '../../../../platform/http/views.tsx';
import type { T } from '../../../../platform/i18n/index.ts';
import type { TransferKey } from '../messages.ts';
import type { DuplicateMode } from '../schema.ts';

export interface UploadViewProps {
  t: T<TransferKey>;
  csrf: string;
  mode: DuplicateMode;
  errors: FieldError[];
  officerOnly: boolean;
  required: string;
  optional: string;
  maxRows: number;
}

const ACCEPT = '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function UploadView(props: UploadViewProps): JSX.Element {
  const { t } = props;
  const id = fieldId('file');
  const error = errorFor(props.errors, 'file');
  const modeError = errorFor(props.errors, 'duplicateMode');
  const described = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('transfer.import.title')}
      </h1>
      <ErrorSummary errors={props.errors} t={t} />
      <p class="ds-paragraph" safe>
        {t('transfer.import.intro')}
      </p>
      <p class="ds-paragraph">
        <span safe>{t('transfer.import.template')}</span>{' '}
        <a class="ds-link" href="/companies/import/template.csv" download="" safe>
          {t('transfer.import.template.csv')}
        </a>
        {', '}
        <a class="ds-link" href="/companies/import/template.xlsx" download="" safe>
          {t('transfer.import.template.xlsx')}
        </a>
      </p>
      <form
        method="post"
        action="/companies/import"
        enctype="multipart/form-data"
        class="kn-form"
        data-testid="import-form"
      >
        <CsrfField token={props.csrf} />
        <div class="ds-field">
          <label class="ds-label" for={id} safe>
            {t('transfer.import.file')}
          </label>
          <div id={`${id}-hint`} data-field="description">
            <p class="ds-paragraph" data-size="sm" safe>
              {t('transfer.import.file.hint', {
                required: props.required,
                optional: props.optional,
                maxRows: props.maxRows,
              })}
            </p>
            <p class="ds-paragraph" data-size="sm" safe>
              {t('transfer.import.defaults')}
            </p>
            {props.officerOnly ? (
              <p class="ds-paragraph" data-size="sm" safe>
                {t('transfer.import.officerNote')}
              </p>
            ) : (
              ''
            )}
          </div>
          {error ? (
            <div class="ds-validation-message" id={`${id}-error`} data-field="validation" safe>
              {t(error.message as TransferKey, error.params)}
            </div>
          ) : (
            ''
          )}
          <input
            class="ds-input"
            type="file"
            id={id}
            name="file"
            accept={ACCEPT}
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={described}
          />
        </div>
        <fieldset
          class="ds-fieldset"
          aria-describedby={modeError ? `${fieldId('duplicateMode')}-error` : undefined}
        >
          <legend class="ds-label" safe>
            {t('transfer.import.duplicates')}
          </legend>
          {modeError ? (
            <div
              class="ds-validation-message"
              id={`${fieldId('duplicateMode')}-error`}
              data-field="validation"
              safe
            >
              {t(modeError.message as TransferKey, modeError.params)}
            </div>
          ) : (
            ''
          )}
          {(['update', 'skip'] as const).map((mode) => {
            // The first option carries the field's id, so the error summary can link to it.
            const radioId = mode === 'update' ? fieldId('duplicateMode') : fieldId(`duplicateMode-${mode}`);
            return (
              <div class="ds-field kn-checkbox">
                <input
                  type="radio"
                  class="ds-input"
                  id={radioId}
                  name="duplicateMode"
                  value={mode}
                  checked={props.mode === mode}
                  aria-describedby={`${radioId}-hint`}
                />
                <label class="ds-label" for={radioId} safe>
                  {t(`transfer.import.mode.${mode}`)}
                </label>
                <span id={`${radioId}-hint`} data-field="description" safe>
                  {t(`transfer.import.mode.${mode}.hint`)}
                </span>
              </div>
            );
          })}
        </fieldset>
        <div class="kn-actions">
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('transfer.import.submit')}
          </button>
          <a class="ds-button" data-variant="tertiary" href="/companies" safe>
            {t('form.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}
