// The list of digital courses and the course details form (new and edit), without JavaScript. Competences
// are the training form's searchable picker: the search button re-renders the form (input kept) with hits.
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
import { type AT, type AuthorKey, StatusTag } from './authoring-shared.tsx';

export interface CourseListVM {
  rows: {
    id: string;
    title: string;
    providerName: string;
    draftVersion: number | null;
    publishedVersion: number | null;
    publishedAt: string | null;
    updatedAt: string;
  }[];
}

export function CourseListView(props: { t: AT; vm: CourseListVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <div class="kn-title-row">
        <h1 class="ds-heading" data-size="lg" safe>
          {t('elearning.author.title')}
        </h1>
        <a class="ds-button" data-variant="primary" href="/learning/courses/new" safe>
          {t('elearning.author.new')}
        </a>
      </div>
      <p class="ds-paragraph" safe>
        {t('elearning.author.intro')}
      </p>
      {vm.rows.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('elearning.author.none')}
        </p>
      ) : (
        <div class="kn-table-wrap" role="region" tabindex="0" aria-label={t('elearning.author.list.caption')}>
          <table class="ds-table" data-testid="dl-course-list">
            <caption safe>{t('elearning.author.list.caption')}</caption>
            <thead>
              <tr>
                {(['title', 'provider', 'status', 'published', 'updated'] as const).map((c) => (
                  <th scope="col" safe>
                    {t(`elearning.author.col.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {vm.rows.map((r) => (
                <tr>
                  <th scope="row">
                    <a class="ds-link" href={`/learning/courses/${r.id}`} safe>
                      {r.title}
                    </a>
                  </th>
                  <td safe>{r.providerName}</td>
                  <td>
                    {r.publishedVersion !== null ? (
                      <span>
                        <StatusTag t={t} status="published" /> <span
                          safe
                        >{`v${r.publishedVersion}`}</span>{' '}
                      </span>
                    ) : (
                      ''
                    )}
                    {r.draftVersion !== null ? (
                      <span>
                        <StatusTag t={t} status="draft" /> <span safe>{`v${r.draftVersion}`}</span>
                      </span>
                    ) : (
                      ''
                    )}
                  </td>
                  <td safe>{r.publishedAt ?? '–'}</td>
                  <td safe>{r.updatedAt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export interface MetadataFormVM {
  action: string;
  heading: string;
  isNew: boolean;
  cancelHref: string;
  values: Record<string, string>;
  selected: { id: string; name: string }[];
  hits: { id: string; name: string }[] | null;
  providers: { id: string; name: string }[];
  sunLevels: { code: string; name: string }[];
  catalogue: { id: string; title: string }[];
  languages: readonly string[];
}

function CompetencePicker(props: { t: AT; vm: MetadataFormVM; errors: FieldError[] }): JSX.Element {
  const { t, vm } = props;
  const error = errorFor(props.errors, 'competences');
  return (
    <CompetenceChoice
      labels={{
        legend: t('elearning.author.form.competences'),
        hint: t('elearning.author.form.competencesHint'),
        noneSelected: t('elearning.author.form.noneSelected'),
        selected: t('elearning.author.form.competenceSelected'),
        search: t('elearning.author.form.competenceSearch'),
        searchButton: t('elearning.author.form.competenceSearchButton'),
        none: t('elearning.author.form.competenceNone'),
        results: t('elearning.author.form.competenceResults'),
      }}
      error={error ? t(error.message as AuthorKey, error.params) : null}
      selected={vm.selected}
      hits={vm.hits}
      query={vm.values.competenceQ ?? ''}
    />
  );
}

export function MetadataFormView(props: {
  t: AT;
  csrf: string;
  vm: MetadataFormVM;
  errors: FieldError[];
}): JSX.Element {
  const { t, vm, errors } = props;
  const v = vm.values;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {vm.heading}
      </h1>
      <ErrorSummary errors={errors} t={t} />
      <form method="post" action={vm.action} class="kn-form" novalidate>
        {/* Enter in a text field saves (the first submit button is the default), not the competence search. */}
        <button type="submit" name="action" value="save" hidden tabindex="-1" safe>
          {t('elearning.author.form.save')}
        </button>
        <CsrfField token={props.csrf} />
        {vm.isNew && vm.providers.length > 1 ? (
          <Select
            name="providerOrgId"
            label={t('elearning.author.form.provider')}
            value={v.providerOrgId}
            options={vm.providers.map((p) => ({ value: p.id, label: p.name }))}
            emptyLabel=""
            errors={errors}
            t={t}
            required
          />
        ) : (
          <input type="hidden" name="providerOrgId" value={v.providerOrgId ?? ''} />
        )}
        <Field
          name="title"
          label={t('elearning.author.form.title')}
          value={v.title}
          errors={errors}
          t={t}
          required
          maxlength={300}
        />
        <TextArea
          name="summary"
          label={t('elearning.author.form.summary')}
          hint={t('elearning.author.form.markdownHint')}
          value={v.summary}
          errors={errors}
          t={t}
          rows={6}
        />
        <TextArea
          name="criteria"
          label={t('elearning.author.form.criteria')}
          hint={t('elearning.author.form.criteriaHint')}
          value={v.criteria}
          errors={errors}
          t={t}
          rows={3}
        />
        <Select
          name="language"
          label={t('elearning.author.form.language')}
          value={v.language ?? 'sv'}
          options={vm.languages.map((l) => ({ value: l, label: l }))}
          errors={errors}
          t={t}
        />
        <Field
          name="hours"
          label={t('elearning.author.form.hours')}
          value={v.hours}
          errors={errors}
          t={t}
          required
          inputmode="text"
        />
        <Select
          name="sunLevelCode"
          label={t('elearning.author.form.sunLevel')}
          value={v.sunLevelCode}
          options={vm.sunLevels.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))}
          emptyLabel={t('elearning.author.form.noSunLevel')}
          errors={errors}
          t={t}
        />
        <CompetencePicker t={t} vm={vm} errors={errors} />
        <Checkbox
          name="issuesCredential"
          label={t('elearning.author.form.issuesCredential')}
          checked={v.issuesCredential === 'on' || v.issuesCredential === 'true'}
        />
        <Select
          name="trainingCourseId"
          label={t('elearning.author.form.catalogue')}
          hint={t('elearning.author.form.catalogueHint')}
          value={v.trainingCourseId}
          options={vm.catalogue.map((c) => ({ value: c.id, label: c.title }))}
          emptyLabel={t('elearning.author.form.noCatalogue')}
          errors={errors}
          t={t}
        />
        <div class="kn-actions">
          <button type="submit" name="action" value="save" class="ds-button" data-variant="primary" safe>
            {vm.isNew ? t('elearning.author.form.create') : t('elearning.author.form.save')}
          </button>
          <a class="ds-link" href={vm.cancelHref} safe>
            {t('elearning.author.form.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}
