// One section of a mapping as a form that works without JavaScript: every question by type, repeatable
// row groups with blank rows, pickers through the reference domain's search-and-choose pages, and hooks
// (data attributes) for public/mapping-autosave.js.

import type { FieldError } from '../../../platform/errors.ts';
import {
  CsrfField,
  ErrorSummary,
  errorFor,
  Field,
  fieldId,
  Select,
  TextArea,
} from '../../../platform/http/views.tsx';
import { formatDateTime, type Locale } from '../../../platform/i18n/index.ts';
import { type RawRow, type RowType, rowFields, type SectionAnswers } from '../answers/shape.ts';
import { genderGoals } from '../answers/typed.ts';
import type { Question, Section } from '../instrument/schema.ts';
import { strategies, urgencies } from '../instrument/schema.ts';
import type { MappingKey } from '../messages.ts';
import { FormAlert, loc, MappingCrumbs, type MT } from './mapping-shared.tsx';

export interface ConflictVM {
  updatedByName: string | null;
  updatedAt: Date;
  rows: { label: string; theirs: string; mine: string }[];
}

export interface SectionPageVM {
  mappingId: string;
  companyName: string;
  section: Section;
  index: number;
  total: number;
  /** The questions asked on this page (hidden ones left out). */
  questions: Question[];
  /** What the inputs show: stored answers, pre-filled ones, or what was typed. */
  values: SectionAnswers;
  prefilled: string[];
  roles: { key: string; title: string; ssyk: string }[];
  levels: { value: number; label: string; description: string }[];
  errors: FieldError[];
  revision: number;
  sensitive: string[];
  /** Display names of codes: SSYK `code → "code name"`, competence `id → name`. */
  names: Record<string, string>;
  /** Proposed coded competences for free-text answers, by the name of the competence-id input. */
  proposals: Record<string, { conceptId: string; name: string }[]>;
  /** Related JobTech competences per role key (for the requirement rows). */
  related: Record<string, { conceptId: string; name: string }[]>;
  picked: { field: string; value: string } | null;
  conflict: ConflictVM | null;
  hasPrevious: boolean;
  hasNext: boolean;
}

type Vals = Record<string, string>;
const BLANK_ROWS = 2;

function errorsUnder(errors: FieldError[], name: string): FieldError[] {
  return errors.filter((e) => e.field === name || e.field.startsWith(`${name}.`));
}

/** Radios or checkboxes in a fieldset whose id is the field's, so the error summary can link to it. */
function ChoiceGroup(props: {
  name: string;
  legend: string;
  hint?: string | undefined;
  type: 'radio' | 'checkbox';
  options: { value: string; label: string }[];
  chosen: string[];
  errors: FieldError[];
  t: MT;
}): JSX.Element {
  const id = fieldId(props.name);
  const error = errorFor(props.errors, props.name);
  const described = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset class="ds-fieldset" id={id} tabindex="-1" aria-describedby={described || undefined}>
      <legend class="ds-label" safe>
        {props.legend}
      </legend>
      {props.hint ? (
        <div id={`${id}-hint`} data-field="description" safe>
          {props.hint}
        </div>
      ) : (
        ''
      )}
      {error ? (
        <div class="ds-validation-message" id={`${id}-error`} data-field="validation" safe>
          {props.t(error.message as MappingKey, error.params)}
        </div>
      ) : (
        ''
      )}
      {props.options.map((o, i) => (
        <div class="kn-checkbox">
          <input
            type={props.type}
            name={props.name}
            id={`${id}-${i}`}
            value={o.value}
            checked={props.chosen.includes(o.value)}
          />
          <label for={`${id}-${i}`} safe>
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * A code input (SSYK occupation or JobTech competence). Without JavaScript: type the code, or press the
 * search button (saves the page, opens the reference picker, which returns here with the choice). With
 * JavaScript, mapping-autosave.js turns it into the reference domain's combobox.
 */
function CodeField(props: {
  vm: SectionPageVM;
  t: MT;
  kind: 'occupations' | 'competences';
  name: string;
  label: string;
  value: string;
  errors: FieldError[];
  /** For competences: suggest those related to this occupation first. */
  ssyk?: string | undefined;
}): JSX.Element {
  const { t, vm } = props;
  const id = fieldId(props.name);
  const error = errorFor(props.errors, props.name);
  const picked = vm.picked?.field === props.name ? vm.picked.value : null;
  const value = picked ?? props.value;
  const name = vm.names[value];
  const shown = name ? (props.kind === 'occupations' ? name : `${name}`) : '';
  const described = [`${id}-hint`, error ? `${id}-error` : '', shown ? `${id}-name` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class="ds-field">
      <label class="ds-label" for={id} safe>
        {props.label}
      </label>
      <div id={`${id}-hint`} data-field="description" safe>
        {t('mapping.section.codeHint')}
      </div>
      {error ? (
        <div class="ds-validation-message" id={`${id}-error`} data-field="validation" safe>
          {t(error.message as MappingKey, error.params)}
        </div>
      ) : (
        ''
      )}
      {picked ? (
        <div class="ds-paragraph" data-size="sm" role="status" safe>
          {t('mapping.section.picked', { value: name ?? picked })}
        </div>
      ) : (
        ''
      )}
      <div class="kn-code-field">
        <input
          class="ds-input"
          id={id}
          name={props.name}
          type="text"
          value={value}
          maxlength={100}
          autocomplete="off"
          data-mapping-picker={props.kind}
          data-label={shown || undefined}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={described}
        />
        <button
          type="submit"
          name="pick"
          value={`${props.kind}:${props.name}${props.ssyk ? `:${props.ssyk}` : ''}`}
          class="ds-button"
          data-variant="secondary"
          data-size="sm"
          aria-describedby={id}
          safe
        >
          {props.kind === 'occupations'
            ? t('mapping.section.searchOccupation')
            : t('mapping.section.searchCompetence')}
        </button>
      </div>
      {shown ? (
        <div id={`${id}-name`} class="kn-code-name" data-field="description" safe>
          {shown}
        </div>
      ) : (
        ''
      )}
    </div>
  );
}

function Proposals(props: { vm: SectionPageVM; t: MT; idName: string; text: string }): JSX.Element {
  const list = props.vm.proposals[props.idName] ?? [];
  if (list.length === 0 || props.text === '') return '';
  return (
    <div class="kn-proposals" data-testid="proposals">
      <p class="ds-paragraph" data-size="sm" safe>
        {props.t('mapping.section.proposals', { text: props.text })}
      </p>
      <div class="kn-actions">
        {list.map((p) => (
          <button
            type="submit"
            name="use"
            value={`${props.idName}=${p.conceptId}`}
            class="ds-button"
            data-variant="tertiary"
            data-size="sm"
            safe
          >
            {props.t('mapping.section.useConcept', { name: p.name })}
          </button>
        ))}
      </div>
    </div>
  );
}

const num = (t: MT, name: string, label: string, value: string, errors: FieldError[]) => (
  <Field name={name} label={label} value={value} errors={errors} t={t} inputmode="numeric" maxlength={12} />
);

function RowFieldControl(props: {
  vm: SectionPageVM;
  t: MT;
  type: RowType;
  base: string;
  field: string;
  row: Vals;
  errors: FieldError[];
}): JSX.Element {
  const { vm, t, base, field, row, errors } = props;
  const name = `${base}.${field}`;
  const value = row[field] ?? '';
  const label = t(`mapping.row.${field}` as 'mapping.row.role');
  const yesNo = [
    { value: 'yes', label: t('form.yes') },
    { value: 'no', label: t('form.no') },
  ];
  const levelOptions = vm.levels.map((l) => ({ value: String(l.value), label: `${l.value} – ${l.label}` }));
  const oneToFour = [1, 2, 3, 4].map((n) => ({ value: String(n), label: String(n) }));
  const choose = t('form.choose');
  switch (field) {
    case 'key':
      return <input type="hidden" name={name} value={value} />;
    case 'ssyk':
      return (
        <CodeField vm={vm} t={t} kind="occupations" name={name} label={label} value={value} errors={errors} />
      );
    case 'competenceId': {
      const role = vm.roles.find((r) => r.key === row.role);
      return (
        <CodeField
          vm={vm}
          t={t}
          kind="competences"
          name={name}
          label={label}
          value={value}
          errors={errors}
          ssyk={role?.ssyk || undefined}
        />
      );
    }
    case 'competenceText':
      return (
        <>
          <Field name={name} label={label} value={value} errors={errors} t={t} maxlength={300} />
          <Proposals vm={vm} t={t} idName={`${base}.competenceId`} text={value} />
        </>
      );
    case 'role':
      return (
        <Select
          name={name}
          label={label}
          value={value}
          emptyLabel={choose}
          options={vm.roles.map((r) => ({ value: r.key, label: r.title || r.ssyk }))}
          errors={errors}
          t={t}
        />
      );
    case 'critical':
    case 'keyPerson':
      return (
        <Select
          name={name}
          label={label}
          value={value}
          emptyLabel={choose}
          options={yesNo}
          errors={errors}
          t={t}
        />
      );
    case 'levelNow':
    case 'levelFuture':
      return (
        <Select
          name={name}
          label={label}
          value={value}
          emptyLabel={choose}
          options={levelOptions}
          errors={errors}
          t={t}
        />
      );
    case 'urgency':
    case 'timing':
      return (
        <Select
          name={name}
          label={label}
          value={value}
          emptyLabel={choose}
          options={urgencies.map((u) => ({ value: u, label: t(`mapping.urgency.${u}`) }))}
          errors={errors}
          t={t}
        />
      );
    case 'strategy':
      return (
        <Select
          name={name}
          label={label}
          value={value}
          emptyLabel={choose}
          options={strategies.map((s) => ({ value: s, label: t(`mapping.strategy.${s}`) }))}
          errors={errors}
          t={t}
        />
      );
    case 'genderGoal':
      return (
        <Select
          name={name}
          label={label}
          value={value}
          emptyLabel={choose}
          options={genderGoals.map((g) => ({ value: g, label: t(`mapping.genderGoal.${g}`) }))}
          errors={errors}
          t={t}
        />
      );
    case 'difficulty':
      return (
        <Select
          name={name}
          label={label}
          value={value}
          emptyLabel={choose}
          options={oneToFour}
          errors={errors}
          t={t}
        />
      );
    case 'priority':
      return (
        <Select
          name={name}
          label={label}
          value={value}
          emptyLabel={choose}
          options={oneToFour.slice(0, 3)}
          errors={errors}
          t={t}
        />
      );
    case 'women':
    case 'men':
    case 'meetingNow':
    case 'gapSize':
    case 'hours':
    case 'costSek':
    case 'count':
      return num(t, name, label, value, errors);
    default:
      return <Field name={name} label={label} value={value} errors={errors} t={t} maxlength={1000} />;
  }
}

function Rows(props: {
  vm: SectionPageVM;
  t: MT;
  q: Question & { type: RowType };
  errors: FieldError[];
}): JSX.Element {
  const { vm, t, q, errors } = props;
  const stored = (Array.isArray(vm.values[q.key]) ? vm.values[q.key] : []) as RawRow[];
  const rows: { row: Vals; existing: boolean }[] = [
    ...stored.map((row) => ({ row: row as Vals, existing: true })),
    ...Array.from({ length: BLANK_ROWS }, () => ({ row: {} as Vals, existing: false })),
  ];
  const fields = rowFields[q.type] as readonly string[];
  return (
    <div class="kn-rows" data-rows={q.key}>
      <p class="ds-paragraph" data-size="sm" safe>
        {t('mapping.section.rowsHint')}
      </p>
      {rows.map(({ row, existing }, i) => {
        const base = `q.${q.key}.${i}`;
        const legend = existing
          ? `${t('mapping.section.row', { n: i + 1 })}${row.title ? `: ${row.title}` : ''}`
          : t('mapping.section.newRow', { n: i + 1 });
        return (
          <fieldset class="ds-fieldset kn-row-group" id={fieldId(base)} tabindex="-1" data-row={i}>
            <legend class="ds-label" safe>
              {legend}
            </legend>
            <div class="kn-grid-3">
              {fields.map((field) => (
                <RowFieldControl
                  vm={vm}
                  t={t}
                  type={q.type}
                  base={base}
                  field={field}
                  row={row}
                  errors={errors}
                />
              ))}
            </div>
            {existing ? (
              <div class="kn-checkbox">
                <input type="checkbox" name={`${base}.remove`} id={`${fieldId(base)}-remove`} value="on" />
                <label for={`${fieldId(base)}-remove`} safe>
                  {t('mapping.section.remove')}
                </label>
              </div>
            ) : (
              ''
            )}
          </fieldset>
        );
      })}
    </div>
  );
}

function LevelScale(props: { vm: SectionPageVM; t: MT }): JSX.Element {
  return (
    <details class="kn-levels">
      <summary safe>{props.t('mapping.section.levels')}</summary>
      <dl class="kn-facts">
        {props.vm.levels.map((l) => (
          <>
            <dt safe>{`${l.value} – ${l.label}`}</dt>
            <dd safe>{l.description}</dd>
          </>
        ))}
      </dl>
    </details>
  );
}

function Related(props: { vm: SectionPageVM; t: MT }): JSX.Element {
  const roles = props.vm.roles.filter((r) => (props.vm.related[r.key] ?? []).length > 0);
  if (roles.length === 0) return '';
  return (
    <>
      {roles.map((r) => (
        <details class="kn-levels" data-testid="related-competences">
          <summary safe>
            {props.t('mapping.section.relatedFor', { role: r.title || r.ssyk, ssyk: r.ssyk })}
          </summary>
          <ul class="ds-list">
            {(props.vm.related[r.key] ?? []).map((c) => (
              <li>
                <span safe>{c.name}</span> <code safe>{c.conceptId}</code>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </>
  );
}

function QuestionBlock(props: { vm: SectionPageVM; t: MT; locale: Locale; q: Question }): JSX.Element {
  const { vm, t, locale, q } = props;
  const name = `q.${q.key}`;
  const errors = errorsUnder(vm.errors, name);
  const value = vm.values[q.key];
  const str = typeof value === 'string' ? value : '';
  const label = `${loc(q.label, locale)}${q.required ? ` ${t('mapping.section.required')}` : ''}`;
  const help = q.help ? loc(q.help, locale) : undefined;
  const prefilled = vm.prefilled.includes(q.key) ? t('mapping.section.prefilled') : undefined;
  const hint = [help, prefilled].filter(Boolean).join(' ') || undefined;
  let control: JSX.Element;
  switch (q.type) {
    case 'text':
      control = (
        <Field
          name={name}
          label={label}
          hint={hint}
          value={str}
          errors={errors}
          t={t}
          maxlength={(q.maxLength ?? 500) * 2}
        />
      );
      break;
    case 'longText':
      control = <TextArea name={name} label={label} hint={hint} value={str} errors={errors} t={t} />;
      break;
    case 'integer':
      control = (
        <Field
          name={name}
          label={label}
          hint={hint}
          value={str}
          errors={errors}
          t={t}
          inputmode="numeric"
          maxlength={14}
        />
      );
      break;
    case 'date':
      control = <Field name={name} type="date" label={label} hint={hint} value={str} errors={errors} t={t} />;
      break;
    case 'scale':
      control = (
        <ChoiceGroup
          name={name}
          legend={label}
          hint={hint}
          type="radio"
          options={[1, 2, 3, 4].map((n) => ({ value: String(n), label: String(n) }))}
          chosen={[str]}
          errors={errors}
          t={t}
        />
      );
      break;
    case 'choice':
    case 'multiChoice': {
      const chosen = Array.isArray(value) ? (value as string[]) : str ? [str] : [];
      const max =
        q.type === 'multiChoice' && q.maxSelected
          ? t('mapping.section.maxSelected', { max: q.maxSelected })
          : '';
      control = (
        <ChoiceGroup
          name={name}
          legend={label}
          hint={[hint, max].filter(Boolean).join(' ') || undefined}
          type={q.type === 'choice' ? 'radio' : 'checkbox'}
          options={(q.options ?? []).map((o) => ({ value: o.key, label: loc(o.label, locale) }))}
          chosen={chosen}
          errors={errors}
          t={t}
        />
      );
      break;
    }
    case 'ssyk':
      control = (
        <CodeField vm={vm} t={t} kind="occupations" name={name} label={label} value={str} errors={errors} />
      );
      break;
    case 'competence': {
      const v = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Vals;
      control = (
        <fieldset class="ds-fieldset" id={fieldId(name)} tabindex="-1">
          <legend class="ds-label" safe>
            {label}
          </legend>
          {hint ? (
            <div data-field="description" safe>
              {hint}
            </div>
          ) : (
            ''
          )}
          <CodeField
            vm={vm}
            t={t}
            kind="competences"
            name={`${name}.id`}
            label={t('mapping.section.competenceId')}
            value={v.id ?? ''}
            errors={errors}
          />
          <Field
            name={`${name}.text`}
            label={t('mapping.section.competenceText')}
            value={v.text ?? ''}
            errors={errors}
            t={t}
            maxlength={2000}
          />
          <Proposals vm={vm} t={t} idName={`${name}.id`} text={v.text ?? ''} />
        </fieldset>
      );
      break;
    }
    case 'maturity': {
      const v = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Vals;
      const labels = q.answerLabels ?? [];
      control = (
        <div class="kn-maturity" id={fieldId(name)} tabindex="-1">
          <h3 class="ds-heading" data-size="xs" safe>
            {label}
          </h3>
          {hint ? (
            <p class="ds-paragraph" data-size="sm" safe>
              {hint}
            </p>
          ) : (
            ''
          )}
          {(q.statements ?? []).map((s) => (
            <ChoiceGroup
              name={`${name}.${s.key}`}
              legend={loc(s.label, locale)}
              type="radio"
              options={[1, 2, 3, 4].map((n) => ({
                value: String(n),
                label: `${n} – ${labels[n - 1] ? loc(labels[n - 1] as { sv: string; en: string }, locale) : ''}`,
              }))}
              chosen={[v[s.key] ?? '']}
              errors={errors}
              t={t}
            />
          ))}
        </div>
      );
      break;
    }
    default: {
      const rq = q as Question & { type: RowType };
      const generalError = errorFor(errors, name);
      control = (
        <section
          class="kn-matrix"
          id={fieldId(name)}
          tabindex="-1"
          aria-labelledby={`${fieldId(name)}-title`}
        >
          <h3 class="ds-heading" data-size="xs" id={`${fieldId(name)}-title`} safe>
            {label}
          </h3>
          {hint ? (
            <p class="ds-paragraph" data-size="sm" safe>
              {hint}
            </p>
          ) : (
            ''
          )}
          {generalError ? (
            <div class="ds-validation-message" data-field="validation" safe>
              {t(generalError.message as MappingKey, generalError.params)}
            </div>
          ) : (
            ''
          )}
          {rq.type === 'requirementMatrix' || rq.type === 'needs' ? <LevelScale vm={vm} t={t} /> : ''}
          {rq.type === 'requirementMatrix' ? <Related vm={vm} t={t} /> : ''}
          <Rows vm={vm} t={t} q={rq} errors={errors} />
        </section>
      );
    }
  }
  return (
    <div class="kn-question" data-question={q.key}>
      {control}
      <input type="hidden" name="shown" value={q.key} />
      <div class="kn-checkbox kn-sensitive">
        <input
          type="checkbox"
          name="sensitive"
          value={q.key}
          id={`sensitive-${q.key}`}
          checked={vm.sensitive.includes(q.key)}
        />
        <label for={`sensitive-${q.key}`}>
          <span safe>{t('mapping.section.sensitive')}</span>
          <span class="ds-sr-only" safe>{`: ${loc(q.label, locale)}`}</span>
        </label>
      </div>
    </div>
  );
}

function ConflictBox(props: { t: MT; c: ConflictVM; reloadHref: string }): JSX.Element {
  const { t, c } = props;
  const name = c.updatedByName ?? t('mapping.section.someone');
  return (
    <section class="ds-alert" data-color="warning" aria-labelledby="conflict-title" data-testid="conflict">
      <h2 id="conflict-title" class="ds-heading" data-size="sm" safe>
        {t('mapping.section.conflictTitle')}
      </h2>
      <p class="ds-paragraph" safe>
        {t('mapping.section.conflictBody', { name, when: formatDateTime(c.updatedAt) })}
      </p>
      <div class="kn-table-wrap">
        <table class="ds-table" data-testid="conflict-versions">
          <caption safe>{t('mapping.section.conflictTitle')}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('mapping.section.conflictQuestion')}
              </th>
              <th scope="col" safe>
                {t('mapping.section.theirs', { name })}
              </th>
              <th scope="col" safe>
                {t('mapping.section.mine')}
              </th>
            </tr>
          </thead>
          <tbody>
            {c.rows.map((r) => (
              <tr>
                <th scope="row" safe>
                  {r.label}
                </th>
                <td class="kn-pre" safe>
                  {r.theirs || t('mapping.section.empty')}
                </td>
                <td class="kn-pre" safe>
                  {r.mine || t('mapping.section.empty')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="ds-paragraph kn-actions">
        <button type="submit" name="force" value="1" class="ds-button" data-variant="primary" safe>
          {t('mapping.section.keepMine')}
        </button>
        <a class="ds-button" data-variant="secondary" href={props.reloadHref} safe>
          {t('mapping.section.useTheirs')}
        </a>
      </p>
    </section>
  );
}

export function MappingSectionView(props: {
  t: MT;
  locale: Locale;
  csrf: string;
  vm: SectionPageVM;
}): JSX.Element {
  const { t, locale, vm } = props;
  const action = `/mappings/${vm.mappingId}/sections/${vm.section.key}`;
  const summary = vm.errors.filter((e) => e.field !== '_form');
  return (
    <>
      <link rel="stylesheet" href="/assets/mapping.css" />
      <MappingCrumbs t={t} mappingId={vm.mappingId} companyName={vm.companyName} />
      <p class="ds-paragraph" data-size="sm" safe>
        {t('mapping.section.progress', { n: vm.index + 1, total: vm.total })}
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {loc(vm.section.title, locale)}
      </h1>
      {vm.section.help ? (
        <p class="ds-paragraph" safe>
          {loc(vm.section.help, locale)}
        </p>
      ) : (
        ''
      )}
      <FormAlert t={t} errors={vm.errors} />
      <ErrorSummary errors={summary} t={t} />
      <form
        method="post"
        action={action}
        class="kn-form kn-section-form"
        id="section-form"
        novalidate
        data-autosave={vm.conflict ? undefined : `${action}/autosave`}
        data-draft-key={`kn-mapping:${vm.mappingId}:${vm.section.key}`}
        data-msg-saving={t('mapping.autosave.saving')}
        data-msg-saved={t('mapping.autosave.saved', { time: '{time}' })}
        data-msg-offline={t('mapping.autosave.offline')}
        data-msg-conflict={t('mapping.autosave.conflict')}
        data-msg-restored={t('mapping.autosave.restored')}
      >
        <CsrfField token={props.csrf} />
        <input type="hidden" name="baseRevision" value={String(vm.revision)} />
        {/* Enter in a text input saves the page (the first submit button is the default one). */}
        <button type="submit" name="go" value="save" hidden tabindex="-1">
          {''}
        </button>
        {vm.conflict ? <ConflictBox t={t} c={vm.conflict} reloadHref={action} /> : ''}
        {vm.questions.map((q) => (
          <QuestionBlock vm={vm} t={t} locale={locale} q={q} />
        ))}
        <p
          class="kn-autosave ds-paragraph"
          data-size="sm"
          role="status"
          aria-live="polite"
          data-testid="autosave-status"
        ></p>
        <div class="kn-actions">
          {vm.hasPrevious ? (
            <button type="submit" name="go" value="prev" class="ds-button" data-variant="secondary" safe>
              {t('mapping.section.previous')}
            </button>
          ) : (
            ''
          )}
          <button type="submit" name="go" value="save" class="ds-button" data-variant="secondary" safe>
            {t('mapping.section.save')}
          </button>
          {vm.hasNext ? (
            <button type="submit" name="go" value="next" class="ds-button" data-variant="primary" safe>
              {t('mapping.section.next')}
            </button>
          ) : (
            <button type="submit" name="go" value="overview" class="ds-button" data-variant="primary" safe>
              {t('mapping.section.toOverview')}
            </button>
          )}
        </div>
      </form>
      <script src="/assets/mapping-autosave.js" defer></script>
    </>
  );
}
