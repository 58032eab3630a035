// Follow-ups of the adopted plan: the dated list (upcoming, overdue, done) and the short follow-up form.
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
import { formatDate, formatDateTime, formatNumber } from '../../../platform/i18n/index.ts';
import { actionStatuses } from '../schema-plan.ts';
import { statusLabel } from './plan-shared.tsx';
import { type CT, EngagementCrumbs, EngagementTabs } from './shared.tsx';

interface Head {
  engagementId: string;
  companyName: string;
}

export interface FollowupItemVM {
  id: string;
  months: number;
  dueOn: string;
  state: 'done' | 'overdue' | 'upcoming';
  doneAt: Date | null;
  maturityScore: number | null;
}

const stateColor = { done: 'success', overdue: 'danger', upcoming: 'neutral' } as const;

export function FollowupsPage(props: {
  t: CT;
  vm: Head & { followups: FollowupItemVM[]; adopted: boolean };
}): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <EngagementCrumbs
        t={t}
        engagementId={vm.engagementId}
        companyName={vm.companyName}
        current={t('coaching.followup.title')}
      />
      <h1 class="ds-heading" data-size="lg" safe>
        {t('coaching.followup.title')}
      </h1>
      <EngagementTabs t={t} engagementId={vm.engagementId} current="followups" />
      {vm.followups.length === 0 ? (
        <p class="ds-paragraph" data-testid="followups-none" safe>
          {vm.adopted ? t('coaching.followup.none') : t('coaching.followup.notAdopted')}
        </p>
      ) : (
        <table class="ds-table" data-testid="followups">
          <caption safe>{t('coaching.followup.caption', { company: vm.companyName })}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('coaching.followup.col.when')}
              </th>
              <th scope="col" safe>
                {t('coaching.followup.col.due')}
              </th>
              <th scope="col" safe>
                {t('coaching.followup.col.state')}
              </th>
              <th scope="col" safe>
                {t('coaching.followup.col.maturity')}
              </th>
            </tr>
          </thead>
          <tbody>
            {vm.followups.map((f) => (
              <tr data-followup={f.id} data-months={String(f.months)}>
                <th scope="row">
                  <a class="ds-link" href={`/coaching/${vm.engagementId}/followups/${f.id}`} safe>
                    {t('coaching.followup.months', { n: f.months })}
                  </a>
                </th>
                <td safe>{formatDate(f.dueOn)}</td>
                <td>
                  <span class="ds-tag" data-color={stateColor[f.state]} data-state={f.state} safe>
                    {f.doneAt
                      ? t('coaching.followup.doneOn', { date: formatDateTime(f.doneAt) })
                      : t(`coaching.followup.state.${f.state}`)}
                  </span>
                </td>
                <td safe>{f.maturityScore === null ? '–' : formatNumber(f.maturityScore)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export interface FollowupFormVM extends Head {
  followupId: string;
  months: number;
  dueOn: string;
  state: 'done' | 'overdue' | 'upcoming';
  actions: { id: string; title: string; status: string }[];
  values: Record<string, string>;
  canComplete: boolean;
  canGiveFeedback: boolean;
  previousMaturity: number | null;
}

export function FollowupFormPage(props: {
  t: CT;
  csrf: string;
  vm: FollowupFormVM;
  errors: FieldError[];
}): JSX.Element {
  const { t, vm, errors } = props;
  const v = vm.values;
  const title = t('coaching.followup.formTitle', { n: vm.months });
  const canSave = vm.canComplete || vm.canGiveFeedback;
  const planInUseError = errorFor(errors, 'planInUse');
  return (
    <>
      <EngagementCrumbs t={t} engagementId={vm.engagementId} companyName={vm.companyName} current={title} />
      <h1 class="ds-heading" data-size="lg" safe>
        {title}
      </h1>
      <p class="ds-paragraph" safe>
        {t('coaching.followup.dueLine', {
          date: formatDate(vm.dueOn),
          state: t(`coaching.followup.state.${vm.state}`),
        })}
      </p>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/coaching/${vm.engagementId}/followups/${vm.followupId}`} class="kn-form">
        <CsrfField token={props.csrf} />
        {vm.canComplete ? (
          <>
            <fieldset class="ds-fieldset">
              <legend class="ds-heading" data-size="xs" safe>
                {t('coaching.followup.actionStatuses')}
              </legend>
              {vm.actions.length === 0 ? (
                <p class="ds-paragraph" safe>
                  {t('coaching.plan.noActions')}
                </p>
              ) : (
                vm.actions.map((a) => (
                  <Select
                    t={t}
                    name={`status.${a.id}`}
                    label={a.title}
                    value={v[`status.${a.id}`] ?? a.status}
                    errors={errors}
                    options={actionStatuses.map((s) => ({ value: s, label: statusLabel(t, s) }))}
                  />
                ))
              )}
            </fieldset>
            <Field
              t={t}
              name="maturityScore"
              label={t('coaching.followup.maturity')}
              hint={
                vm.previousMaturity === null
                  ? t('coaching.followup.maturityHint')
                  : t('coaching.followup.maturityHintPrevious', { score: formatNumber(vm.previousMaturity) })
              }
              value={v.maturityScore}
              errors={errors}
              inputmode="text"
            />
          </>
        ) : (
          ''
        )}
        <fieldset class="ds-fieldset" id={fieldId('planInUse')} tabindex="-1">
          <legend class="ds-heading" data-size="xs" safe>
            {t('coaching.followup.planInUse')}
          </legend>
          {planInUseError ? (
            <div class="ds-validation-message" data-field="validation" safe>
              {t(planInUseError.message as Parameters<CT>[0])}
            </div>
          ) : (
            ''
          )}
          {(['yes', 'no'] as const).map((o) => (
            <div class="ds-field kn-checkbox">
              <input
                type="radio"
                class="ds-input"
                id={fieldId(`planInUse-${o}`)}
                name="planInUse"
                value={o}
                checked={v.planInUse === o}
                disabled={!canSave}
              />
              <label class="ds-label" for={fieldId(`planInUse-${o}`)} safe>
                {t(`coaching.followup.${o}`)}
              </label>
            </div>
          ))}
        </fieldset>
        <TextArea
          t={t}
          name="companyFeedback"
          label={t('coaching.followup.companyFeedback')}
          value={v.companyFeedback ?? ''}
          errors={errors}
          readonly={!canSave}
        />
        {vm.canComplete ? (
          <TextArea
            t={t}
            name="coachComment"
            label={t('coaching.followup.coachComment')}
            value={v.coachComment ?? ''}
            errors={errors}
            readonly={false}
          />
        ) : (
          ''
        )}
        {canSave ? (
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {vm.canComplete ? t('coaching.followup.complete') : t('coaching.followup.saveFeedback')}
          </button>
        ) : (
          ''
        )}
      </form>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/coaching/${vm.engagementId}/followups`} safe>
          {t('coaching.followup.back')}
        </a>
      </p>
    </>
  );
}
