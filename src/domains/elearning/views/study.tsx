// The study page (issue 7): the selection (period on enrolment date, provider, municipality, course and the
// funnel's version), a text summary, the small-numbers note, the breakdown tables, the module funnel and
// the export links.
import type { FieldError } from '../../../platform/errors.ts';
import { ErrorSummary, Field, Select } from '../../../platform/http/views.tsx';
import { formatNumber } from '../../../platform/i18n/index.ts';
import type { ST } from '../messages/study.ts';
import type { Study, StudyRow } from '../service/study.ts';
import { FiguresTable, FunnelTable } from './study-tables.tsx';

export interface StudyChoices {
  providers: { value: string; label: string }[];
  courses: { value: string; label: string }[];
  municipalities: { value: string; label: string }[];
}

export interface StudyVM {
  study: Study;
  choices: StudyChoices;
  errors: FieldError[];
  values: Record<'from' | 'to' | 'provider' | 'municipality' | 'course' | 'version', string>;
}

/** The query string of the current selection (for the export links). */
export function studyQuery(values: StudyVM['values']): string {
  return Object.entries(values)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
}

function Summary(props: { t: ST; total: StudyRow }): JSX.Element {
  const { t, total } = props;
  if (!total.enrolled)
    return (
      <p class="ds-paragraph" id="study-summary" safe>
        {t('elearning.study.summaryNone')}
      </p>
    );
  const num = (n: number | null) => (n === null ? '–' : formatNumber(n));
  return (
    <p class="ds-paragraph" id="study-summary" safe>
      {t('elearning.study.summary', {
        enrolled: num(total.enrolled),
        active: num(total.active),
        completed: num(total.completed),
        rate: total.completionRate === null ? '–' : `${formatNumber(total.completionRate)} %`,
        median: num(total.medianDaysToComplete),
        minutes: num(total.minutesTotal),
      })}
    </p>
  );
}

function Filters(props: { t: ST; vm: StudyVM }): JSX.Element {
  const { t, vm } = props;
  const versions = vm.study.versions.map((v) => ({ value: v.id, label: `${v.version} – ${v.title}` }));
  return (
    <form
      method="get"
      action="/learning/study"
      novalidate
      class="kn-filters"
      aria-label={t('elearning.study.filters')}
    >
      <Field
        t={t}
        name="from"
        type="date"
        label={t('elearning.study.from')}
        value={vm.values.from}
        errors={vm.errors}
      />
      <Field
        t={t}
        name="to"
        type="date"
        label={t('elearning.study.to')}
        value={vm.values.to}
        errors={vm.errors}
      />
      <Select
        t={t}
        name="provider"
        label={t('elearning.study.provider')}
        value={vm.values.provider}
        emptyLabel={t('form.all')}
        options={vm.choices.providers}
        errors={vm.errors}
      />
      <Select
        t={t}
        name="municipality"
        label={t('elearning.study.municipality')}
        value={vm.values.municipality}
        emptyLabel={t('form.all')}
        options={vm.choices.municipalities}
        errors={vm.errors}
      />
      <Select
        t={t}
        name="course"
        label={t('elearning.study.course')}
        value={vm.values.course}
        emptyLabel={t('form.all')}
        options={vm.choices.courses}
        errors={vm.errors}
      />
      {versions.length > 0 ? (
        <Select
          t={t}
          name="version"
          label={t('elearning.study.version')}
          value={vm.study.funnel?.versionId ?? vm.values.version}
          options={versions}
          errors={vm.errors}
        />
      ) : (
        ''
      )}
      <div class="kn-filters__buttons">
        <button type="submit" class="ds-button" data-variant="primary" safe>
          {t('elearning.study.show')}
        </button>
        <a class="ds-button" data-variant="tertiary" href="/learning/study" safe>
          {t('form.clear')}
        </a>
      </div>
    </form>
  );
}

export function StudyPage(props: { t: ST; vm: StudyVM }): JSX.Element {
  const { t, vm } = props;
  const s = vm.study;
  const n = s.suppressBelow;
  const q = studyQuery(vm.values);
  const suffix = q ? `?${q}` : '';
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('elearning.study.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('elearning.study.intro')}
      </p>
      <ErrorSummary t={t} errors={vm.errors} />
      <Filters t={t} vm={vm} />
      <Summary t={t} total={s.total} />
      <p class="ds-paragraph" id="study-suppression" safe>
        {t('elearning.study.suppression', { n: String(n) })}
      </p>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/learning/study/export.csv${suffix}`} safe>
          {t('elearning.study.exportCsv')}
        </a>
        {' · '}
        <a class="ds-link" href={`/learning/study/export.xlsx${suffix}`} safe>
          {t('elearning.study.exportXlsx')}
        </a>
      </p>
      <FiguresTable
        t={t}
        id="study-course"
        caption={t('elearning.study.byCourse')}
        head={t('elearning.study.course')}
        section="course"
        rows={s.byCourse}
        suppressible={false}
        n={n}
      />
      <FiguresTable
        t={t}
        id="study-gender"
        caption={t('elearning.study.byGender')}
        head={t('elearning.study.col.group')}
        section="gender"
        rows={s.byGender}
        suppressible={true}
        n={n}
      />
      <FiguresTable
        t={t}
        id="study-municipality"
        caption={t('elearning.study.byMunicipality')}
        head={t('elearning.study.municipality')}
        section="municipality"
        rows={s.byMunicipality}
        suppressible={true}
        n={n}
      />
      <FiguresTable
        t={t}
        id="study-provider"
        caption={t('elearning.study.byProvider')}
        head={t('elearning.study.provider')}
        section="provider"
        rows={s.byProvider}
        suppressible={false}
        n={n}
      />
      <h2 class="ds-heading" data-size="md" safe>
        {t('elearning.study.funnel')}
      </h2>
      {s.funnel ? (
        <>
          <p class="ds-paragraph" safe>
            {t('elearning.study.funnelHelp')}
          </p>
          <FunnelTable t={t} funnel={s.funnel} />
        </>
      ) : (
        <p class="ds-paragraph" safe>
          {s.filters.course ? t('elearning.study.funnelNone') : t('elearning.study.funnelPickCourse')}
        </p>
      )}
      <h2 class="ds-heading" data-size="sm" safe>
        {t('elearning.study.definitions')}
      </h2>
      <ul class="ds-list">
        <li safe>{t('elearning.study.def.active')}</li>
        <li safe>{t('elearning.study.def.minutes')}</li>
        <li safe>{t('elearning.study.def.quiz')}</li>
        <li safe>{t('elearning.study.def.rating')}</li>
      </ul>
    </>
  );
}
