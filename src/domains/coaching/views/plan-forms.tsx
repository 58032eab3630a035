// Forms of the plan: summary and goals, an action (with the mapping's needs to link), building actions from
// the ranked gaps, and adoption. Plain POST forms; errors at the field with the input kept.
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
import { actionKinds } from '../schema.ts';
import { kindLabel } from './plan-shared.tsx';
import { type CT, EngagementCrumbs } from './shared.tsx';

interface Head {
  engagementId: string;
  companyName: string;
}

function Crumbs(props: { t: CT; head: Head; current: string }) {
  return (
    <EngagementCrumbs
      t={props.t}
      engagementId={props.head.engagementId}
      companyName={props.head.companyName}
      current={props.current}
    />
  );
}

export interface PlanEditVM extends Head {
  summary: string;
  goals: { id: string; title: string; measure: string }[];
  revision: number;
}

export function PlanEditPage(props: {
  t: CT;
  csrf: string;
  vm: PlanEditVM;
  errors: FieldError[];
}): JSX.Element {
  const { t, vm, errors } = props;
  const rows = [...vm.goals, { id: '', title: '', measure: '' }, { id: '', title: '', measure: '' }];
  return (
    <>
      <Crumbs t={t} head={vm} current={t('coaching.plan.editPlan')} />
      <h1 class="ds-heading" data-size="lg" safe>
        {t('coaching.plan.editPlan')}
      </h1>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/coaching/${vm.engagementId}/plan/edit`} class="kn-form">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="revision" value={String(vm.revision)} />
        <TextArea
          t={t}
          name="summary"
          label={t('coaching.plan.summary')}
          value={vm.summary}
          errors={errors}
          rows={6}
        />
        {rows.map((g, i) => (
          <fieldset class="ds-fieldset">
            <legend class="ds-heading" data-size="xs" safe>
              {t('coaching.plan.goalN', { n: i + 1 })}
            </legend>
            <input type="hidden" name={`goals.${i}.id`} value={g.id} />
            <Field
              t={t}
              name={`goals.${i}.title`}
              label={t('coaching.plan.goalTitle')}
              value={g.title}
              errors={errors}
              maxlength={500}
            />
            <Field
              t={t}
              name={`goals.${i}.measure`}
              label={t('coaching.plan.goalMeasure')}
              value={g.measure}
              errors={errors}
              maxlength={1000}
            />
          </fieldset>
        ))}
        <p class="ds-paragraph" data-size="sm" safe>
          {t('coaching.plan.goalsHint')}
        </p>
        <button type="submit" class="ds-button" data-variant="primary" safe>
          {t('coaching.plan.save')}
        </button>
      </form>
    </>
  );
}

export interface NeedChoice {
  position: number;
  rank: number;
  label: string;
  strategy: string;
  urgency: string;
  gapSize: number;
  hours: number | null;
  costSek: number | null;
  planned: boolean;
}

export interface ActionFormVM extends Head {
  actionId: string | null;
  values: Record<string, string>;
  needPositions: number[];
  goals: { id: string; title: string }[];
  needs: NeedChoice[] | null;
}

export function ActionFormPage(props: {
  t: CT;
  csrf: string;
  vm: ActionFormVM;
  errors: FieldError[];
}): JSX.Element {
  const { t, vm, errors } = props;
  const v = vm.values;
  const title = vm.actionId ? t('coaching.plan.editActionTitle') : t('coaching.plan.newAction');
  const action = vm.actionId
    ? `/coaching/${vm.engagementId}/plan/actions/${vm.actionId}/edit`
    : `/coaching/${vm.engagementId}/plan/actions/new`;
  const needsError = errorFor(errors, 'needPositions');
  return (
    <>
      <Crumbs t={t} head={vm} current={title} />
      <h1 class="ds-heading" data-size="lg" safe>
        {title}
      </h1>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={action} class="kn-form">
        <CsrfField token={props.csrf} />
        <Field
          t={t}
          name="title"
          label={t('coaching.plan.field.title')}
          value={v.title}
          errors={errors}
          required
          maxlength={500}
        />
        <Select
          t={t}
          name="kind"
          label={t('coaching.plan.field.kind')}
          value={v.kind}
          errors={errors}
          emptyLabel={t('coaching.plan.choose')}
          options={actionKinds.map((k) => ({ value: k, label: kindLabel(t, k) }))}
        />
        <Select
          t={t}
          name="goalId"
          label={t('coaching.plan.field.goal')}
          value={v.goalId}
          errors={errors}
          emptyLabel={t('coaching.plan.noGoal')}
          options={vm.goals.map((g) => ({ value: g.id, label: g.title }))}
        />
        <Field
          t={t}
          name="ownerName"
          label={t('coaching.plan.field.owner')}
          value={v.ownerName}
          errors={errors}
          maxlength={200}
        />
        <div class="kn-grid-3">
          <Field
            t={t}
            name="dueOn"
            type="date"
            label={t('coaching.plan.field.due')}
            value={v.dueOn}
            errors={errors}
            hint={t('coaching.plan.dateHint')}
          />
          <Field
            t={t}
            name="costSek"
            label={t('coaching.plan.field.cost')}
            value={v.costSek}
            errors={errors}
            inputmode="numeric"
          />
          <Field t={t} name="hours" label={t('coaching.plan.field.hours')} value={v.hours} errors={errors} />
        </div>
        <fieldset class="ds-fieldset" id={fieldId('needPositions')} tabindex="-1">
          <legend class="ds-heading" data-size="xs" safe>
            {t('coaching.plan.field.needs')}
          </legend>
          {needsError ? (
            <div class="ds-validation-message" data-field="validation" safe>
              {t(needsError.message as Parameters<CT>[0], needsError.params)}
            </div>
          ) : (
            ''
          )}
          {vm.needs === null ? (
            <p class="ds-paragraph" safe>
              {t('coaching.plan.noMapping')}
            </p>
          ) : vm.needs.length === 0 ? (
            <p class="ds-paragraph" safe>
              {t('coaching.plan.build.noNeeds')}
            </p>
          ) : (
            vm.needs.map((n) => (
              <div class="ds-field kn-checkbox">
                <input
                  type="checkbox"
                  class="ds-input"
                  id={fieldId(`need-${n.position}`)}
                  name="needPositions"
                  value={String(n.position)}
                  checked={vm.needPositions.includes(n.position)}
                />
                <label class="ds-label" for={fieldId(`need-${n.position}`)} safe>
                  {`${n.rank}. ${n.label} · ${kindLabel(t, n.strategy)}`}
                </label>
              </div>
            ))
          )}
        </fieldset>
        <button type="submit" class="ds-button" data-variant="primary" safe>
          {t('coaching.plan.saveAction')}
        </button>
      </form>
      {vm.actionId ? (
        <form
          method="post"
          action={`/coaching/${vm.engagementId}/plan/actions/${vm.actionId}/delete`}
          class="kn-form"
        >
          <CsrfField token={props.csrf} />
          <button type="submit" class="ds-button" data-variant="tertiary" data-color="danger" safe>
            {t('coaching.plan.deleteAction')}
          </button>
        </form>
      ) : (
        ''
      )}
    </>
  );
}
