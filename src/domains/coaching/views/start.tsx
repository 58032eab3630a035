// Starting an engagement: find a company in scope, then municipality, planned hours and coach.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, Select } from '../../../platform/http/views.tsx';
import type { CT } from './shared.tsx';

export interface StartVM {
  q: string;
  found: { id: string; name: string; municipality: string | null }[] | null;
  company: { id: string; name: string } | null;
  municipalities: { code: string; name: string }[];
  coaches: { userId: string; name: string; organisationName: string }[];
  defaultHours: number;
  openEngagementId: string | null;
  values: Record<string, string>;
  errors: FieldError[];
}

export function StartEngagement(props: { t: CT; csrf: string; vm: StartVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('coaching.new.title')}
      </h1>
      <ErrorSummary t={t} errors={vm.errors} />
      {vm.company ? (
        vm.openEngagementId ? (
          <div class="ds-alert" data-color="warning">
            <p class="ds-paragraph" safe>
              {t('coaching.alreadyOpen')}
            </p>
            <a class="ds-link" href={`/coaching/${vm.openEngagementId}`} safe>
              {t('coaching.alreadyOpenLink')}
            </a>
          </div>
        ) : vm.municipalities.length === 0 ? (
          <div class="ds-alert" data-color="warning">
            <p class="ds-paragraph" safe>
              {t('coaching.new.noMunicipality')}
            </p>
          </div>
        ) : (
          <form method="post" action="/coaching/new" novalidate>
            <CsrfField token={props.csrf} />
            <input type="hidden" name="companyId" value={vm.company.id} />
            <p class="ds-paragraph">
              <strong safe>{t('coaching.new.company')}:</strong> <span safe>{vm.company.name}</span>
            </p>
            <Select
              t={t}
              name="municipalityCode"
              label={t('coaching.new.municipality')}
              hint={t('coaching.new.municipalityHint')}
              value={vm.values.municipalityCode ?? vm.municipalities[0]?.code}
              options={vm.municipalities.map((m) => ({ value: m.code, label: m.name }))}
              errors={vm.errors}
              required
            />
            <Field
              t={t}
              name="plannedHours"
              label={t('coaching.new.plannedHours')}
              hint={t('coaching.new.plannedHoursHint', { hours: vm.defaultHours })}
              value={vm.values.plannedHours ?? String(vm.defaultHours)}
              inputmode="text"
              errors={vm.errors}
            />
            <Select
              t={t}
              name="coachId"
              label={t('coaching.new.coach')}
              value={vm.values.coachId}
              emptyLabel={t('coaching.new.noCoach')}
              options={vm.coaches.map((c) => ({
                value: c.userId,
                label: `${c.name} (${c.organisationName})`,
              }))}
              errors={vm.errors}
            />
            <button type="submit" class="ds-button" data-variant="primary" safe>
              {t('coaching.new.submit')}
            </button>
          </form>
        )
      ) : (
        <>
          <form method="get" action="/coaching/new" role="search">
            <Field
              t={t}
              name="q"
              type="search"
              label={t('coaching.new.search')}
              hint={t('coaching.new.searchHint')}
              value={vm.q}
              errors={[]}
            />
            <button type="submit" class="ds-button" data-variant="secondary" safe>
              {t('coaching.new.searchButton')}
            </button>
          </form>
          {vm.found === null ? (
            ''
          ) : vm.found.length === 0 ? (
            <p class="ds-paragraph" safe>
              {t('coaching.new.noCompanies')}
            </p>
          ) : (
            <ul class="ds-list" data-testid="coaching-company-results">
              {vm.found.map((c) => (
                <li>
                  <a
                    class="ds-link"
                    href={`/coaching/new?company=${c.id}`}
                    aria-label={t('coaching.new.pickLabel', { name: c.name })}
                    safe
                  >
                    {c.name}
                  </a>
                  {c.municipality ? <span safe> ({c.municipality})</span> : ''}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
