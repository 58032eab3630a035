// The course form (new and edit): every field of a course, without JavaScript. Competences are a searchable
// picker inside the form: the search button re-renders the form (input kept) with the hits as checkboxes.
import type { FieldError } from '../../../platform/errors.ts';
import { CompetenceChoice } from '../../../platform/http/competence-choice.tsx';
import {
  Checkbox,
  CsrfField,
  ErrorSummary,
  errorFor,
  Field,
  Select,
  TextArea,
} from '../../../platform/http/views.tsx';
import {
  type CatalogueKey,
  type CT,
  financingLabel,
  formatLabel,
  languageLabel,
} from './catalogue-shared.tsx';

export interface CourseFormVM {
  action: string;
  heading: string;
  /** The form's values as typed (strings). */
  values: Record<string, string>;
  selected: { id: string; name: string }[];
  /** Competence search hits (not yet selected), null when no search was made. */
  hits: { id: string; name: string }[] | null;
  providers: { id: string; name: string }[];
  sunFields: { code: string; name: string }[];
  sunLevels: { code: string; name: string }[];
  municipalities: { code: string; name: string }[];
  formats: readonly string[];
  financing: readonly string[];
  languages: readonly string[];
  resubmitNote: boolean;
}

function CompetencePicker(props: { t: CT; vm: CourseFormVM; errors: FieldError[] }): JSX.Element {
  const { t, vm } = props;
  const error = errorFor(props.errors, 'competences');
  return (
    <CompetenceChoice
      labels={{
        legend: t('training.catalogue.form.competences'),
        hint: t('training.catalogue.form.competencesHint'),
        noneSelected: t('training.catalogue.form.noneSelected'),
        selected: t('training.catalogue.form.competenceSelected'),
        search: t('training.catalogue.form.competenceSearch'),
        searchButton: t('training.catalogue.form.competenceSearchButton'),
        none: t('training.catalogue.form.competenceNone'),
        results: t('training.catalogue.form.competenceResults'),
      }}
      error={error ? t(error.message as CatalogueKey, error.params) : null}
      selected={vm.selected}
      hits={vm.hits}
      query={vm.values.competenceQ ?? ''}
    />
  );
}

export function CourseFormView(props: {
  t: CT;
  csrf: string;
  vm: CourseFormVM;
  errors: FieldError[];
}): JSX.Element {
  const { t, vm, errors } = props;
  const v = vm.values;
  const none = t('training.catalogue.form.none');
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {vm.heading}
      </h1>
      {vm.resubmitNote ? (
        <p class="ds-paragraph" safe>
          {t('training.catalogue.editResubmits')}
        </p>
      ) : (
        ''
      )}
      <ErrorSummary errors={errors} t={t} />
      <form method="post" action={vm.action} class="kn-form" novalidate data-testid="course-form">
        <CsrfField token={props.csrf} />
        {/* Enter in a text field saves (the first submit button is the default), not the competence search. */}
        <button type="submit" name="action" value="save" hidden tabindex="-1" safe>
          {t('training.catalogue.form.save')}
        </button>
        <fieldset class="ds-fieldset">
          <legend class="ds-heading" data-size="sm" safe>
            {t('training.catalogue.form.basics')}
          </legend>
          {vm.providers.length > 1 ? (
            <Select
              name="providerOrgId"
              label={t('training.catalogue.form.providerOrgId')}
              value={v.providerOrgId}
              options={vm.providers.map((p) => ({ value: p.id, label: p.name }))}
              emptyLabel={t('training.catalogue.form.choose')}
              errors={errors}
              t={t}
              required
            />
          ) : (
            <input type="hidden" name="providerOrgId" value={v.providerOrgId ?? vm.providers[0]?.id ?? ''} />
          )}
          <Field
            name="title"
            label={t('training.catalogue.form.titleField')}
            value={v.title}
            errors={errors}
            t={t}
            required
            maxlength={300}
          />
          <TextArea
            name="description"
            label={t('training.catalogue.form.description')}
            value={v.description}
            errors={errors}
            t={t}
            rows={6}
            maxlength={20000}
          />
          <CompetencePicker t={t} vm={vm} errors={errors} />
          <Select
            name="sunFieldCode"
            label={t('training.catalogue.form.sunFieldCode')}
            value={v.sunFieldCode}
            options={vm.sunFields.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))}
            emptyLabel={none}
            errors={errors}
            t={t}
          />
          <Select
            name="sunLevelCode"
            label={t('training.catalogue.form.sunLevelCode')}
            value={v.sunLevelCode}
            options={vm.sunLevels.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))}
            emptyLabel={none}
            errors={errors}
            t={t}
          />
          <TextArea
            name="targetGroup"
            label={t('training.catalogue.form.targetGroup')}
            value={v.targetGroup}
            errors={errors}
            t={t}
            rows={3}
            maxlength={2000}
          />
          <TextArea
            name="prerequisites"
            label={t('training.catalogue.form.prerequisites')}
            value={v.prerequisites}
            errors={errors}
            t={t}
            rows={3}
            maxlength={2000}
          />
        </fieldset>
        <fieldset class="ds-fieldset">
          <legend class="ds-heading" data-size="sm" safe>
            {t('training.catalogue.form.place')}
          </legend>
          <Select
            name="format"
            label={t('training.catalogue.form.format')}
            value={v.format}
            options={vm.formats.map((f) => ({ value: f, label: formatLabel(t, f) }))}
            emptyLabel={t('training.catalogue.form.choose')}
            errors={errors}
            t={t}
            required
          />
          <Field
            name="hours"
            label={t('training.catalogue.form.hours')}
            value={v.hours}
            errors={errors}
            t={t}
            required
            inputmode="text"
          />
          <Select
            name="language"
            label={t('training.catalogue.form.language')}
            value={v.language ?? 'sv'}
            options={vm.languages.map((l) => ({ value: l, label: languageLabel(t, l) }))}
            errors={errors}
            t={t}
            required
          />
          <Select
            name="municipalityCode"
            label={t('training.catalogue.form.municipalityCode')}
            value={v.municipalityCode}
            options={vm.municipalities.map((m) => ({ value: m.code, label: m.name }))}
            emptyLabel={none}
            errors={errors}
            t={t}
          />
          <Field
            name="address"
            label={t('training.catalogue.form.address')}
            value={v.address}
            errors={errors}
            t={t}
            maxlength={500}
            autocomplete="off"
          />
        </fieldset>
        <fieldset class="ds-fieldset">
          <legend class="ds-heading" data-size="sm" safe>
            {t('training.catalogue.form.financingSection')}
          </legend>
          <Select
            name="financing"
            label={t('training.catalogue.form.financing')}
            hint={t('training.catalogue.form.financingHint')}
            value={v.financing}
            options={vm.financing.map((f) => ({ value: f, label: financingLabel(t, f) }))}
            emptyLabel={t('training.catalogue.form.choose')}
            errors={errors}
            t={t}
            required
          />
          <Field
            name="contractReference"
            label={t('training.catalogue.form.contractReference')}
            value={v.contractReference}
            errors={errors}
            t={t}
            maxlength={200}
          />
          <Field
            name="contractFrom"
            type="date"
            label={t('training.catalogue.form.contractFrom')}
            hint={t('training.catalogue.form.dateHint')}
            value={v.contractFrom}
            errors={errors}
            t={t}
          />
          <Field
            name="contractTo"
            type="date"
            label={t('training.catalogue.form.contractTo')}
            hint={t('training.catalogue.form.dateHint')}
            value={v.contractTo}
            errors={errors}
            t={t}
          />
          <Field
            name="priceSek"
            label={t('training.catalogue.form.priceSek')}
            value={v.priceSek ?? '0'}
            errors={errors}
            t={t}
            inputmode="numeric"
            required
          />
        </fieldset>
        <fieldset class="ds-fieldset">
          <legend class="ds-heading" data-size="sm" safe>
            {t('training.catalogue.form.contactSection')}
          </legend>
          <Field
            name="contactName"
            label={t('training.catalogue.form.contactName')}
            value={v.contactName}
            errors={errors}
            t={t}
            maxlength={200}
            autocomplete="off"
          />
          <Field
            name="contactEmail"
            type="email"
            label={t('training.catalogue.form.contactEmail')}
            value={v.contactEmail}
            errors={errors}
            t={t}
            autocomplete="off"
          />
          <Field
            name="contactPhone"
            type="tel"
            label={t('training.catalogue.form.contactPhone')}
            value={v.contactPhone}
            errors={errors}
            t={t}
            autocomplete="off"
          />
          <Field
            name="completionAttendancePct"
            label={t('training.catalogue.form.completionAttendancePct')}
            value={v.completionAttendancePct ?? '80'}
            errors={errors}
            t={t}
            inputmode="numeric"
            required
          />
          <Checkbox
            name="issuesCredential"
            label={t('training.catalogue.form.issuesCredential')}
            checked={v.issuesCredential === 'on' || v.issuesCredential === 'true'}
          />
        </fieldset>
        <div class="kn-actions">
          <button type="submit" name="action" value="save" class="ds-button" data-variant="primary" safe>
            {t('training.catalogue.form.save')}
          </button>
        </div>
      </form>
    </>
  );
}
