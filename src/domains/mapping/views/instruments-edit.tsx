import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, errorFor, fieldId } from '../../../platform/http/views.tsx';
import type { Locale } from '../../../platform/i18n/index.ts';
import type { CoreComparison } from '../instrument/core.ts';
import { coreKeys, type InstrumentDefinition, questionTypes } from '../instrument/schema.ts';
import {
  describePath,
  errorText,
  InstrumentErrorSummary,
  type InstrumentHead,
  type IT,
  instrumentHref,
  LocalisedFields,
} from './instruments-shared.tsx';

/** One bilingual text of a definition: where it sits, and how it is edited. */
export interface TextSlot {
  /** The definition path, also the form field prefix: `sections.0.questions.2.help`. */
  path: string;
  holder: Record<string | number, unknown>;
  prop: string | number;
  /** Help texts may be absent (both languages left empty). */
  optional: boolean;
  multiline: boolean;
  max: number;
}

/** Every Swedish/English text of a definition, in page order. */
export function forEachText(def: InstrumentDefinition, fn: (slot: TextSlot) => void): void {
  const slot = (path: string, holder: object, prop: string | number, max: number, extra = {}) =>
    fn({
      path,
      holder: holder as Record<string | number, unknown>,
      prop,
      max,
      optional: false,
      multiline: false,
      ...extra,
    });
  slot('title', def, 'title', 200);
  def.levelScale.forEach((l, i) => {
    slot(`levelScale.${i}.label`, l, 'label', 100);
    slot(`levelScale.${i}.description`, l, 'description', 500, { multiline: true });
  });
  def.sections.forEach((s, si) => {
    const sp = `sections.${si}`;
    slot(`${sp}.title`, s, 'title', 200);
    slot(`${sp}.help`, s, 'help', 2000, { optional: true, multiline: true });
    s.questions.forEach((q, qi) => {
      const qp = `${sp}.questions.${qi}`;
      slot(`${qp}.label`, q, 'label', 300);
      slot(`${qp}.help`, q, 'help', 2000, { optional: true, multiline: true });
      q.options?.forEach((o, oi) => {
        slot(`${qp}.options.${oi}.label`, o, 'label', 200);
      });
      q.statements?.forEach((x, xi) => {
        slot(`${qp}.statements.${xi}.label`, x, 'label', 300);
      });
      q.answerLabels?.forEach((_, ai) => {
        slot(`${qp}.answerLabels.${ai}`, q.answerLabels as object, ai, 100);
      });
    });
  });
}

/** The form fields of every text of a definition (`sections.0.title.sv`). */
export function textFieldNames(def: InstrumentDefinition): Set<string> {
  const names = new Set<string>();
  forEachText(def, (s) => {
    names.add(`${s.path}.sv`);
    names.add(`${s.path}.en`);
  });
  return names;
}

export interface TextsFormProps {
  t: IT;
  locale: Locale;
  head: InstrumentHead;
  /** The saved draft: gives the structure (sections, questions, options) the form edits. */
  definition: InstrumentDefinition;
  /** Field values: the saved texts, or what the user sent. */
  values: Record<string, string>;
  errors: FieldError[];
  csrf: string;
  /** A fingerprint of the structure the form was made for (hidden field). */
  structure: string;
}

/** Every Swedish and English text of a draft as ordinary form fields. */
export function InstrumentTextsForm(props: TextsFormProps): JSX.Element {
  const { t, locale, definition: def, values: v, errors } = props;
  const rendered = textFieldNames(def);
  const other = errors.filter((e) => !rendered.has(e.field));
  const f = (
    path: string,
    legend: string,
    max: number,
    extra: { multiline?: boolean; hint?: string } = {},
  ) => (
    <LocalisedFields
      t={t}
      name={path}
      legend={legend}
      values={v}
      errors={errors}
      maxlength={max}
      {...extra}
    />
  );
  const helpHint = t('mapping.instruments.edit.helpHint');
  return (
    <>
      <p class="ds-paragraph" data-size="sm">
        <a class="ds-link" href={instrumentHref(props.head.id)} safe>
          {t('mapping.instruments.backToInstrument')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('mapping.instruments.edit.title', { version: props.head.version })}
      </h1>
      <p class="ds-paragraph" safe>
        {t('mapping.instruments.edit.intro')}
      </p>
      <p class="ds-paragraph">
        <a class="ds-link" href={instrumentHref(props.head.id, '/edit-json')} safe>
          {t('mapping.instruments.editJson')}
        </a>
      </p>
      <InstrumentErrorSummary
        t={t}
        errors={errors}
        href={(field) => (rendered.has(field) ? `#${fieldId(field)}` : '#other-errors')}
      />
      {other.length > 0 ? (
        <div class="ds-alert" data-color="danger" id="other-errors" tabindex="-1">
          <h2 class="ds-heading" data-size="xs" safe>
            {t('mapping.instruments.edit.otherErrors')}
          </h2>
          <ul class="ds-list">
            {other.map((e) => (
              <li safe>{`${describePath(t, e.field)}: ${errorText(t, e)}`}</li>
            ))}
          </ul>
          <p class="ds-paragraph">
            <a class="ds-link" href={instrumentHref(props.head.id, '/edit-json')} safe>
              {t('mapping.instruments.edit.otherErrorsHint')}
            </a>
          </p>
        </div>
      ) : (
        ''
      )}
      <form
        method="post"
        action={instrumentHref(props.head.id, '/edit')}
        class="kn-form"
        id="instrument-form"
        novalidate
      >
        <CsrfField token={props.csrf} />
        <input type="hidden" name="_structure" value={props.structure} />
        <h2 class="ds-heading" data-size="md" safe>
          {t('mapping.instruments.edit.general')}
        </h2>
        {f('title', t('mapping.instruments.field.title'), 200)}
        <h2 class="ds-heading" data-size="md" safe>
          {t('mapping.instruments.levelScale')}
        </h2>
        {def.levelScale.map((l, i) => (
          <>
            <h3 class="ds-heading" data-size="xs" safe>
              {t('mapping.instruments.field.level', { value: l.value })}
            </h3>
            {f(`levelScale.${i}.label`, t('mapping.instruments.field.levelLabel'), 100)}
            {f(`levelScale.${i}.description`, t('mapping.instruments.field.levelDescription'), 500, {
              multiline: true,
            })}
          </>
        ))}
        {def.sections.map((s, si) => (
          <>
            <h2 class="ds-heading" data-size="md" safe>
              {t('mapping.instruments.sectionHeading', { n: si + 1, title: s.title[locale] })}
            </h2>
            {f(`sections.${si}.title`, t('mapping.instruments.field.sectionTitle'), 200)}
            {f(`sections.${si}.help`, t('mapping.instruments.field.sectionHelp'), 2000, {
              multiline: true,
              hint: helpHint,
            })}
            {s.questions.map((q, qi) => {
              const qp = `sections.${si}.questions.${qi}`;
              return (
                <>
                  <h3 class="ds-heading" data-size="xs" safe>
                    {t('mapping.instruments.field.question', {
                      n: `${si + 1}.${qi + 1}`,
                      key: q.key,
                      type: t(`mapping.instruments.type.${q.type}`),
                    })}
                  </h3>
                  {f(`${qp}.label`, t('mapping.instruments.field.questionLabel'), 300)}
                  {f(`${qp}.help`, t('mapping.instruments.field.questionHelp'), 2000, {
                    multiline: true,
                    hint: helpHint,
                  })}
                  {(q.options ?? []).map((o, oi) =>
                    f(
                      `${qp}.options.${oi}.label`,
                      t('mapping.instruments.field.option', { n: oi + 1, key: o.key }),
                      200,
                    ),
                  )}
                  {(q.statements ?? []).map((x, xi) =>
                    f(
                      `${qp}.statements.${xi}.label`,
                      t('mapping.instruments.field.statement', { n: xi + 1, key: x.key }),
                      300,
                    ),
                  )}
                  {(q.answerLabels ?? []).map((_, ai) =>
                    f(
                      `${qp}.answerLabels.${ai}`,
                      t('mapping.instruments.field.answerLabel', { n: ai + 1 }),
                      100,
                    ),
                  )}
                </>
              );
            })}
          </>
        ))}
        <div class="kn-actions">
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('mapping.instruments.edit.save')}
          </button>
          <a class="ds-button" data-variant="tertiary" href={instrumentHref(props.head.id)} safe>
            {t('form.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}

export interface JsonFormProps {
  t: IT;
  head: InstrumentHead;
  /** The JSON text: the saved definition, or what the user sent. */
  text: string;
  errors: FieldError[];
  csrf: string;
}

/** Advanced editing: the whole definition as JSON, for structural changes. */
export function InstrumentJsonForm(props: JsonFormProps): JSX.Element {
  const { t, errors } = props;
  const id = fieldId('definition');
  const describedBy = [`${id}-hint`, errors.length > 0 ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <>
      <p class="ds-paragraph" data-size="sm">
        <a class="ds-link" href={instrumentHref(props.head.id)} safe>
          {t('mapping.instruments.backToInstrument')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('mapping.instruments.json.title', { version: props.head.version })}
      </h1>
      <p class="ds-paragraph" safe>
        {t('mapping.instruments.json.intro')}
      </p>
      <InstrumentErrorSummary t={t} errors={errors} href={() => `#${id}`} />
      <form method="post" action={instrumentHref(props.head.id, '/edit-json')} class="kn-form" novalidate>
        <CsrfField token={props.csrf} />
        <div class="ds-field">
          <label class="ds-label" for={id} safe>
            {t('mapping.instruments.json.label')}
          </label>
          <div id={`${id}-hint`} data-field="description" safe>
            {t('mapping.instruments.json.hint', {
              types: questionTypes.join(', '),
              cores: coreKeys.join(', '),
            })}
          </div>
          {errors.length > 0 ? (
            <div class="ds-validation-message" id={`${id}-error`} data-field="validation">
              <span safe>{t('mapping.instruments.json.errors')}</span>
              <ul class="ds-list">
                {errors.map((e) => (
                  <li safe>{`${describePath(t, e.field)}: ${errorText(t, e)}`}</li>
                ))}
              </ul>
            </div>
          ) : (
            ''
          )}
          <textarea
            class="ds-input"
            id={id}
            name="definition"
            rows="30"
            spellcheck="false"
            autocapitalize="off"
            aria-invalid={errorFor(errors, 'definition') || errors.length > 0 ? 'true' : undefined}
            aria-describedby={describedBy}
            safe
          >
            {props.text}
          </textarea>
        </div>
        <div class="kn-actions">
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('mapping.instruments.edit.save')}
          </button>
          <a class="ds-button" data-variant="tertiary" href={instrumentHref(props.head.id)} safe>
            {t('form.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}

/** Why a published version cannot be edited, with the way forward: a new version. */
export function InstrumentNotEditable(props: {
  t: IT;
  head: InstrumentHead;
  canManage: boolean;
  csrf: string;
}): JSX.Element {
  const { t, head } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('mapping.instruments.notEditable.title')}
      </h1>
      <p class="ds-paragraph" data-testid="not-editable" safe>
        {t('mapping.instruments.notEditable.body', { version: head.version })}
      </p>
      <div class="kn-actions">
        {props.canManage ? (
          <form method="post" action={instrumentHref(head.id, '/copy')} class="kn-inline-form">
            <CsrfField token={props.csrf} />
            <button type="submit" class="ds-button" data-variant="primary" safe>
              {t('mapping.instruments.copy')}
            </button>
          </form>
        ) : (
          ''
        )}
        <a class="ds-button" data-variant="tertiary" href={instrumentHref(head.id)} safe>
          {t('mapping.instruments.backToInstrument')}
        </a>
      </div>
    </>
  );
}

/** The confirmation step before publishing (works without JavaScript). */
export function InstrumentPublishConfirm(props: {
  t: IT;
  head: InstrumentHead;
  comparison: CoreComparison;
  errors: FieldError[];
  csrf: string;
}): JSX.Element {
  const { t, head, comparison } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('mapping.instruments.publish.title', { version: head.version })}
      </h1>
      {props.errors.length > 0 ? (
        <section
          class="ds-error-summary"
          tabindex="-1"
          data-error-summary
          aria-labelledby="error-summary-title"
        >
          <h2 id="error-summary-title" class="ds-heading" data-size="xs" safe>
            {t('mapping.instruments.publish.invalid')}
          </h2>
          <ul class="ds-list">
            {props.errors.map((e) => (
              <li safe>{`${describePath(t, e.field)}: ${errorText(t, e)}`}</li>
            ))}
          </ul>
          <p class="ds-paragraph">
            <a class="ds-link" href={instrumentHref(head.id, '/edit-json')} safe>
              {t('mapping.instruments.editJson')}
            </a>
          </p>
        </section>
      ) : (
        ''
      )}
      <p class="ds-paragraph" safe>
        {t('mapping.instruments.publish.body')}
      </p>
      {comparison.comparable ? (
        <p class="ds-paragraph" data-testid="core-comparison" safe>
          {t('mapping.instruments.publish.coreSame')}
        </p>
      ) : (
        <div class="ds-alert" data-color="warning" data-testid="core-comparison">
          <p class="ds-paragraph" safe>
            {t('mapping.instruments.publish.coreDiffers')}
          </p>
          <ul class="ds-list">
            {comparison.differences.map((d) => (
              <li safe>
                {t(`mapping.instruments.publish.diff.${d.reason}`, {
                  core: t(`mapping.instruments.core.${d.core}`),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="post" action={instrumentHref(head.id, '/publish')} class="kn-actions">
        <CsrfField token={props.csrf} />
        <button type="submit" class="ds-button" data-variant="primary" safe>
          {t('mapping.instruments.publish.confirm', { version: head.version })}
        </button>
        <a class="ds-button" data-variant="tertiary" href={instrumentHref(head.id)} safe>
          {t('mapping.instruments.publish.cancel')}
        </a>
      </form>
    </>
  );
}
