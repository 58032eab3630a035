// The engagement's overview: steps with the step change, intake (eligibility), coaches with history, and
// links to meetings, plan and follow-up. Company contacts see a read-only summary.
import { CsrfField, ErrorSummary, Select, TextArea } from '../../../platform/http/views.tsx';
import { formatDate, formatDateTime } from '../../../platform/i18n/index.ts';
import { type Step, stepIndex, steps } from '../schema.ts';
import { Coaches, type EngagementForms, type EngagementVM, Intake } from './engagement-panels.tsx';
import { type CT, EngagementCrumbs, EngagementTabs, StepTag } from './shared.tsx';

function StepList(props: { t: CT; step: Step }): JSX.Element {
  const { t } = props;
  const current = stepIndex(props.step);
  return (
    <ol class="kn-steps" aria-label={t('coaching.steps.label')}>
      {steps.map((s, i) => (
        <li
          aria-current={i === current ? 'step' : undefined}
          data-done={i < current ? 'true' : undefined}
          safe
        >
          {t(`coaching.step.${s}`)}
        </li>
      ))}
    </ol>
  );
}

function StepForms(props: { t: CT; csrf: string; vm: EngagementVM; forms: EngagementForms }): JSX.Element {
  const { t, vm } = props;
  const idx = stepIndex(vm.step);
  const next = vm.step === 'closed' ? null : steps[idx + 1];
  const errors = props.forms.form === 'step' ? props.forms.errors : [];
  const backOptions = steps.filter((s) => s !== vm.step && (stepIndex(s) < idx || s === 'closed'));
  const eur = (n: number) => `${new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 }).format(n)} €`;
  return (
    <>
      {vm.aidWarning && vm.aidWarning.level !== 'ok' ? (
        <div
          class="ds-alert"
          data-color={vm.aidWarning.level === 'over' ? 'danger' : 'warning'}
          data-testid="aid-warning"
        >
          <p class="ds-paragraph" safe>
            {t(`coaching.intake.aid.${vm.aidWarning.level}`, {
              total: eur(vm.aidWarning.totalEur),
              ceiling: eur(vm.aidWarning.ceilingEur),
            })}
          </p>
        </div>
      ) : (
        ''
      )}
      {next ? (
        vm.blockers.length ? (
          <div class="ds-alert" data-color="info" data-testid="step-blockers">
            <p class="ds-paragraph" safe>
              {t('coaching.steps.blocked')}
            </p>
            <ul class="ds-list">
              {vm.blockers.map((b) => (
                <li safe>{t(b as Parameters<CT>[0])}</li>
              ))}
            </ul>
          </div>
        ) : (
          <form method="post" action={`/coaching/${vm.id}/step`} class="kn-inline-form">
            <CsrfField token={props.csrf} />
            <input type="hidden" name="to" value={next} />
            <button type="submit" class="ds-button" data-variant="primary" safe>
              {t('coaching.steps.next', { step: t(`coaching.step.${next}`) })}
            </button>
          </form>
        )
      ) : (
        ''
      )}
      <details class="kn-details" open={errors.length > 0 || undefined}>
        <summary safe>{t('coaching.steps.back')}</summary>
        <form method="post" action={`/coaching/${vm.id}/step`} novalidate>
          <CsrfField token={props.csrf} />
          <ErrorSummary t={t} errors={errors} />
          <Select
            t={t}
            name="to"
            label={t('coaching.steps.to')}
            value={props.forms.values.to}
            options={backOptions.map((s) => ({ value: s, label: t(`coaching.step.${s}`) }))}
            errors={errors}
          />
          <TextArea
            t={t}
            name="reason"
            label={t('coaching.steps.reason')}
            hint={t('coaching.steps.reasonHint')}
            value={props.forms.values.reason}
            errors={errors}
            rows={3}
            maxlength={1000}
          />
          <button type="submit" class="ds-button" data-variant="secondary" safe>
            {t('coaching.steps.move')}
          </button>
        </form>
      </details>
    </>
  );
}

export function EngagementOverview(props: {
  t: CT;
  csrf: string;
  vm: EngagementVM;
  forms: EngagementForms;
}): JSX.Element {
  const { t, vm } = props;
  const used = Math.round((vm.usedMinutes / 60) * 10) / 10;
  return (
    <>
      <EngagementCrumbs t={t} engagementId={vm.id} companyName={vm.companyName} />
      <div class="kn-title-row">
        <h1 class="ds-heading" data-size="lg">
          <span safe>{vm.companyName}</span>
        </h1>
        <StepTag t={t} step={vm.step} />
      </div>
      <EngagementTabs t={t} engagementId={vm.id} current="overview" />
      {vm.isStaff ? (
        ''
      ) : (
        <p class="ds-paragraph" safe>
          {t('coaching.company.readOnly')}
        </p>
      )}
      <dl class="kn-facts">
        <dt safe>{t('coaching.overview.municipality')}</dt>
        <dd safe>{vm.municipalityName}</dd>
        <dt safe>{t('coaching.overview.started')}</dt>
        <dd safe>{formatDate(vm.createdAt)}</dd>
        <dt safe>{t('coaching.overview.hours')}</dt>
        <dd safe>{t('coaching.list.hoursValue', { used, planned: vm.plannedHours })}</dd>
        <dt safe>{t('coaching.overview.mapping')}</dt>
        <dd>
          {vm.mappingId ? (
            <>
              <a class="ds-link" href={`/mappings/${vm.mappingId}`} safe>
                {t('coaching.overview.mappingLink')}
              </a>
              {vm.mappingStatus ? (
                <span safe> ({t(`coaching.overview.mappingStatus.${vm.mappingStatus}`)})</span>
              ) : (
                ''
              )}
            </>
          ) : (
            <span safe>{t('coaching.overview.noMapping')}</span>
          )}
        </dd>
        <dt safe>{t('coaching.overview.plan')}</dt>
        <dd>
          <a class="ds-link" href={`/coaching/${vm.id}/plan`} safe>
            {vm.planAdoptedVersion
              ? t('coaching.overview.planAdopted', { n: vm.planAdoptedVersion })
              : t('coaching.overview.planNone')}
          </a>
        </dd>
        {vm.isStaff ? (
          <>
            <dt safe>{t('coaching.overview.company')}</dt>
            <dd>
              <a class="ds-link" href={`/companies/${vm.companyId}`} safe>
                {t('coaching.overview.companyLink')}
              </a>
            </dd>
          </>
        ) : (
          ''
        )}
      </dl>
      <section aria-labelledby="steps-title">
        <h2 id="steps-title" class="ds-heading" data-size="sm" safe>
          {t('coaching.steps.title')}
        </h2>
        <StepList t={t} step={vm.step} />
        {vm.isStaff ? <StepForms t={t} csrf={props.csrf} vm={vm} forms={props.forms} /> : ''}
      </section>
      {vm.isStaff ? (
        <>
          <section aria-labelledby="intake-title">
            <h2 id="intake-title" class="ds-heading" data-size="sm" safe>
              {t('coaching.intake.title')}
            </h2>
            <Intake t={t} csrf={props.csrf} vm={vm} forms={props.forms} />
          </section>
          <section aria-labelledby="coaches-title">
            <h2 id="coaches-title" class="ds-heading" data-size="sm" safe>
              {t('coaching.coaches.title')}
            </h2>
            <Coaches t={t} csrf={props.csrf} vm={vm} forms={props.forms} />
          </section>
          <section aria-labelledby="history-title">
            <h2 id="history-title" class="ds-heading" data-size="sm" safe>
              {t('coaching.history.title')}
            </h2>
            <div class="kn-table-wrap">
              <table class="ds-table" data-testid="history">
                <caption class="ds-sr-only" safe>
                  {t('coaching.history.title')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col" safe>
                      {t('coaching.history.when')}
                    </th>
                    <th scope="col" safe>
                      {t('coaching.history.what')}
                    </th>
                    <th scope="col" safe>
                      {t('coaching.history.who')}
                    </th>
                    <th scope="col" safe>
                      {t('coaching.history.reason')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {vm.history.map((h) => (
                    <tr>
                      <td safe>{formatDateTime(h.at)}</td>
                      <td safe>{h.what}</td>
                      <td safe>{h.who ?? ''}</td>
                      <td safe>{h.reason ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      ) : (
        ''
      )}
    </>
  );
}
