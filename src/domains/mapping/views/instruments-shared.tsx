import type { FieldError } from '../../../platform/errors.ts';
import { errorFor, fieldId } from '../../../platform/http/views.tsx';
import type { Locale, T } from '../../../platform/i18n/index.ts';
import type { MappingKey } from '../messages.ts';

export type IT = T<MappingKey>;

/** What the pages show of one version (a view model: no creator, no internal columns). */
export interface InstrumentHead {
  id: string;
  key: string;
  version: number;
  status: 'draft' | 'published' | 'retired';
  national: boolean;
  title: { sv: string; en: string };
  publishedAt: Date | null;
}

export const instrumentHref = (id: string, rest = ''): string => `/mapping/instruments/${id}${rest}`;

/** The title of a version in the reader's language, with its version number. */
export function versionTitle(t: IT, head: InstrumentHead, locale: Locale): string {
  return t('mapping.instruments.versionOf', { title: head.title[locale], version: head.version });
}

/** Translate a field error's catalogue key (domain or common). */
export function errorText(t: IT, e: FieldError): string {
  return (t as T<string>)(e.message, e.params);
}

const indexed: Record<string, MappingKey> = {
  sections: 'mapping.instruments.path.sections',
  questions: 'mapping.instruments.path.questions',
  options: 'mapping.instruments.path.options',
  statements: 'mapping.instruments.path.statements',
  levelScale: 'mapping.instruments.path.levelScale',
  answerLabels: 'mapping.instruments.path.answerLabels',
  anyOf: 'mapping.instruments.path.anyOf',
};
const named: Record<string, MappingKey> = {
  sv: 'mapping.instruments.lang.sv',
  en: 'mapping.instruments.lang.en',
  label: 'mapping.instruments.path.f.label',
  title: 'mapping.instruments.path.f.title',
  help: 'mapping.instruments.path.f.help',
  description: 'mapping.instruments.path.f.description',
};

/**
 * A readable location for a field path of the definition: `sections.2.questions.1.options` becomes
 * "Avsnitt 3 › Fråga 2 › options". Property names without a translation are shown as they are written
 * in the JSON (the JSON editor's users see them there).
 */
export function describePath(t: IT, path: string): string {
  if (path === '_form' || path === '') return t('mapping.instruments.path.definition');
  const parts = path.split('.');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const next = parts[i + 1];
    if (next !== undefined && /^\d+$/.test(next)) {
      const key = indexed[part];
      out.push(key ? t(key, { n: Number(next) + 1 }) : `${part} ${Number(next) + 1}`);
      i++;
    } else if (/^\d+$/.test(part)) out.push(t('mapping.instruments.path.item', { n: Number(part) + 1 }));
    else if (i === 0 && part === 'title') out.push(t('mapping.instruments.field.title'));
    else out.push(named[part] ? t(named[part] as MappingKey) : part);
  }
  return out.join(' › ');
}

/**
 * GOV.UK-style error summary (focused on load by app.js): one link per error, each naming where the
 * problem is, since many fields share the same message.
 */
export function InstrumentErrorSummary(props: {
  t: IT;
  errors: FieldError[];
  href: (field: string) => string;
}): JSX.Element {
  const { t } = props;
  if (props.errors.length === 0) return '';
  return (
    <section class="ds-error-summary" tabindex="-1" data-error-summary aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" class="ds-heading" data-size="xs" safe>
        {t('errorSummary.title')}
      </h2>
      <ul class="ds-list">
        {props.errors.map((e) => (
          <li>
            <a class="ds-link" href={props.href(e.field)} safe>
              {`${describePath(t, e.field)}: ${errorText(t, e)}`}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One text in one language: an input (short texts) or a textarea (descriptions and help texts). */
export function TextControl(props: {
  t: IT;
  name: string;
  label: string;
  value: string;
  lang: Locale;
  errors: FieldError[];
  multiline?: boolean;
  maxlength: number;
  hintId?: string;
}): JSX.Element {
  const id = fieldId(props.name);
  const error = errorFor(props.errors, props.name);
  const describedBy = [props.hintId ?? '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="ds-field">
      <label class="ds-label" for={id} safe>
        {props.label}
      </label>
      {error ? (
        <div class="ds-validation-message" id={`${id}-error`} data-field="validation" safe>
          {errorText(props.t, error)}
        </div>
      ) : (
        ''
      )}
      {props.multiline ? (
        <textarea
          class="ds-input"
          id={id}
          name={props.name}
          lang={props.lang}
          rows="3"
          maxlength={props.maxlength}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
          safe
        >
          {props.value}
        </textarea>
      ) : (
        <input
          class="ds-input"
          id={id}
          name={props.name}
          type="text"
          lang={props.lang}
          value={props.value}
          maxlength={props.maxlength}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
        />
      )}
    </div>
  );
}

/**
 * A text in both languages, side by side in a fieldset whose legend names it. The field names are the
 * definition's paths (`sections.0.title.sv`), so the service's field errors land next to the right input.
 */
export function LocalisedFields(props: {
  t: IT;
  name: string;
  legend: string;
  values: Record<string, string>;
  errors: FieldError[];
  multiline?: boolean;
  maxlength: number;
  hint?: string;
}): JSX.Element {
  const { t } = props;
  const hintId = props.hint ? `${fieldId(props.name)}-hint` : undefined;
  return (
    <fieldset class="ds-fieldset kn-row-group">
      <legend class="ds-label" safe>
        {props.legend}
      </legend>
      {props.hint ? (
        <div id={hintId} data-field="description" safe>
          {props.hint}
        </div>
      ) : (
        ''
      )}
      <div class="kn-grid-2">
        {(['sv', 'en'] as const).map((lang) => (
          <TextControl
            t={t}
            name={`${props.name}.${lang}`}
            label={t(`mapping.instruments.lang.${lang}`)}
            value={props.values[`${props.name}.${lang}`] ?? ''}
            lang={lang}
            errors={props.errors}
            multiline={props.multiline}
            maxlength={props.maxlength}
            hintId={hintId}
          />
        ))}
      </div>
    </fieldset>
  );
}

/** "Utkast", "Publicerad", "Ersatt". */
export function statusLabel(t: IT, status: InstrumentHead['status']): string {
  return t(`mapping.instruments.status.${status}`);
}
