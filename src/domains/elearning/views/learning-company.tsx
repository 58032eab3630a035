// The company contact's page: employees' digital enrolments with progress, and the invitation form.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, Select } from '../../../platform/http/views.tsx';
import { formatDate } from '../../../platform/i18n/index.ts';
import { type LT, StatusTag } from './learning-shared.tsx';

export interface CompanyVM {
  rows: Array<{
    id: string;
    companyName: string;
    firstName: string;
    lastName: string;
    title: string;
    source: 'invitation' | 'self' | 'catalogue';
    status: 'active' | 'completed' | 'withdrawn';
    done: number;
    total: number;
    percent: number;
    minutes: number;
    completedAt: Date | null;
  }>;
  companies: Array<{ id: string; name: string }>;
  courses: Array<{ courseId: string; title: string }>;
  errors: FieldError[];
  values: Record<string, string>;
}

export function CompanyLearningPage(props: { t: LT; csrf: string; vm: CompanyVM }): JSX.Element {
  const { t, vm } = props;
  const v = vm.values;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('elearning.learn.company.title')}
      </h1>
      {vm.rows.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('elearning.learn.company.none')}
        </p>
      ) : (
        <div
          class="kn-table-wrap"
          role="region"
          tabindex="0"
          aria-label={t('elearning.learn.company.caption')}
        >
          <table class="ds-table" data-testid="company-learning">
            <caption safe>{t('elearning.learn.company.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('elearning.learn.col.learner')}
                </th>
                <th scope="col" safe>
                  {t('elearning.learn.col.company')}
                </th>
                <th scope="col" safe>
                  {t('elearning.learn.col.course')}
                </th>
                <th scope="col" safe>
                  {t('elearning.learn.col.progress')}
                </th>
                <th scope="col" safe>
                  {t('elearning.learn.col.status')}
                </th>
                <th scope="col" class="kn-num" safe>
                  {t('elearning.learn.col.minutes')}
                </th>
                <th scope="col" safe>
                  {t('elearning.learn.col.completed')}
                </th>
              </tr>
            </thead>
            <tbody>
              {vm.rows.map((r) => (
                <tr>
                  <th scope="row" safe>{`${r.lastName}, ${r.firstName}`}</th>
                  <td safe>{r.companyName}</td>
                  <td safe>{r.title}</td>
                  <td safe>{t('elearning.learn.progressText', { done: r.done, total: r.total })}</td>
                  <td>
                    <StatusTag t={t} status={r.status} />
                  </td>
                  <td class="kn-num" safe>
                    {String(r.minutes)}
                  </td>
                  <td safe>{formatDate(r.completedAt ?? '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 class="ds-heading" data-size="sm" id="invite" safe>
        {t('elearning.learn.company.invite')}
      </h2>
      {vm.courses.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('elearning.learn.company.noCourses')}
        </p>
      ) : (
        <form method="post" action="/learning/company/invite" class="kn-form" novalidate>
          <ErrorSummary t={t} errors={vm.errors} />
          <CsrfField token={props.csrf} />
          <Select
            t={t}
            name="companyId"
            label={t('elearning.learn.field.company')}
            value={v.companyId ?? vm.companies[0]?.id ?? ''}
            options={vm.companies.map((c) => ({ value: c.id, label: c.name }))}
            errors={vm.errors}
            required
          />
          <Select
            t={t}
            name="courseId"
            label={t('elearning.learn.field.course')}
            value={v.courseId ?? ''}
            options={vm.courses.map((c) => ({ value: c.courseId, label: c.title }))}
            emptyLabel={t('elearning.learn.choose')}
            errors={vm.errors}
            required
          />
          <Field
            t={t}
            name="firstName"
            label={t('elearning.learn.field.firstName')}
            value={v.firstName}
            errors={vm.errors}
            required
            autocomplete="off"
          />
          <Field
            t={t}
            name="lastName"
            label={t('elearning.learn.field.lastName')}
            value={v.lastName}
            errors={vm.errors}
            required
            autocomplete="off"
          />
          <Field
            t={t}
            name="email"
            type="email"
            label={t('elearning.learn.field.email')}
            value={v.email}
            errors={vm.errors}
            required
            autocomplete="off"
          />
          <Select
            t={t}
            name="gender"
            label={t('elearning.learn.field.gender')}
            hint={t('elearning.learn.field.genderHint')}
            value={v.gender ?? ''}
            options={(['woman', 'man', 'other'] as const).map((g) => ({
              value: g,
              label: t(`elearning.learn.gender.${g}`),
            }))}
            emptyLabel=""
            errors={vm.errors}
          />
          <Field
            t={t}
            name="birthYear"
            inputmode="numeric"
            label={t('elearning.learn.field.birthYear')}
            value={v.birthYear}
            errors={vm.errors}
          />
          <button type="submit" class="ds-button kn-touch" data-variant="primary" safe>
            {t('elearning.learn.company.invite')}
          </button>
        </form>
      )}
    </>
  );
}
