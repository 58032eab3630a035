// Building the plan from the mapping's ranked gaps (pre-ticked top needs) and adopting the plan.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, fieldId } from '../../../platform/http/views.tsx';
import { formatMoney, formatNumber } from '../../../platform/i18n/index.ts';
import type { PlanContent } from '../plan-diff.ts';
import type { NeedChoice } from './plan-forms.tsx';
import { ActionsTable, GoalsList, kindLabel } from './plan-shared.tsx';
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

export interface BuildVM extends Head {
  needs: NeedChoice[] | null;
  suggested: number[];
}

export function BuildPage(props: { t: CT; csrf: string; vm: BuildVM; errors: FieldError[] }): JSX.Element {
  const { t, vm, errors } = props;
  return (
    <>
      <Crumbs t={t} head={vm} current={t('coaching.plan.build.title')} />
      <h1 class="ds-heading" data-size="lg" safe>
        {t('coaching.plan.build.title')}
      </h1>
      <ErrorSummary t={t} errors={errors} />
      {vm.needs === null ? (
        <div class="ds-alert" data-color="warning" data-testid="build-no-mapping">
          <p class="ds-paragraph" safe>
            {t('coaching.plan.noMapping')}
          </p>
        </div>
      ) : vm.needs.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('coaching.plan.build.noNeeds')}
        </p>
      ) : (
        <form method="post" action={`/coaching/${vm.engagementId}/plan/build`} class="kn-form">
          <CsrfField token={props.csrf} />
          <p class="ds-paragraph" safe>
            {t('coaching.plan.build.intro')}
          </p>
          <div class="kn-table-wrap">
            <table class="ds-table" id={fieldId('needPositions')} tabindex="-1" data-testid="build-needs">
              <caption safe>{t('coaching.plan.build.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col" safe>
                    {t('coaching.plan.build.choose')}
                  </th>
                  <th scope="col" safe>
                    {t('coaching.plan.build.rank')}
                  </th>
                  <th scope="col" safe>
                    {t('coaching.plan.build.need')}
                  </th>
                  <th scope="col" safe>
                    {t('coaching.plan.col.kind')}
                  </th>
                  <th scope="col" safe>
                    {t('coaching.plan.build.urgency')}
                  </th>
                  <th scope="col" safe>
                    {t('coaching.plan.build.gap')}
                  </th>
                  <th scope="col" safe>
                    {t('coaching.plan.col.hours')}
                  </th>
                  <th scope="col" safe>
                    {t('coaching.plan.col.cost')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {vm.needs.map((n) => {
                  const id = fieldId(`need-${n.position}`);
                  return (
                    <tr data-need={String(n.position)}>
                      <td>
                        {n.planned ? (
                          <span safe>{t('coaching.plan.build.planned')}</span>
                        ) : (
                          <input
                            type="checkbox"
                            id={id}
                            name="needPositions"
                            value={String(n.position)}
                            checked={vm.suggested.includes(n.position)}
                            aria-labelledby={`${id}-label`}
                          />
                        )}
                      </td>
                      <td safe>{String(n.rank)}</td>
                      <th scope="row" id={`${id}-label`} safe>
                        {n.label}
                      </th>
                      <td safe>{kindLabel(t, n.strategy)}</td>
                      <td safe>{t(`coaching.plan.urgency.${n.urgency}` as Parameters<CT>[0])}</td>
                      <td safe>{formatNumber(n.gapSize)}</td>
                      <td safe>{n.hours === null ? '–' : formatNumber(n.hours)}</td>
                      <td safe>{n.costSek === null ? '–' : formatMoney(n.costSek)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('coaching.plan.build.submit')}
          </button>
        </form>
      )}
      <p class="ds-paragraph">
        <a class="ds-link" href={`/coaching/${vm.engagementId}/plan`} safe>
          {t('coaching.plan.back')}
        </a>
      </p>
    </>
  );
}

export interface AdoptVM extends Head {
  actions: number;
  nextVersion: number;
  /** Staff record the company's adoption and name the person who adopted. */
  onBehalf: boolean;
  adoptedByName: string;
  /** The plan as it will be frozen, shown before adopting; its revision goes with the form. */
  content: PlanContent;
  revision: number;
}

export function AdoptPage(props: { t: CT; csrf: string; vm: AdoptVM; errors: FieldError[] }): JSX.Element {
  const { t, vm, errors } = props;
  return (
    <>
      <Crumbs t={t} head={vm} current={t('coaching.plan.adopt.title')} />
      <h1 class="ds-heading" data-size="lg" safe>
        {t('coaching.plan.adopt.title')}
      </h1>
      <ErrorSummary t={t} errors={errors} />
      <p class="ds-paragraph" safe>
        {t('coaching.plan.adopt.intro', { n: vm.nextVersion, actions: vm.actions, company: vm.companyName })}
      </p>
      <section aria-labelledby="adopt-goals">
        <h2 id="adopt-goals" class="ds-heading" data-size="sm" safe>
          {t('coaching.plan.goals')}
        </h2>
        <GoalsList t={t} goals={vm.content.goals} />
      </section>
      <section aria-labelledby="adopt-actions">
        <h2 id="adopt-actions" class="ds-heading" data-size="sm" safe>
          {t('coaching.plan.actions')}
        </h2>
        <ActionsTable
          t={t}
          caption={t('coaching.plan.actionsCaption', { company: vm.companyName })}
          actions={vm.content.actions}
        />
      </section>
      <form method="post" action={`/coaching/${vm.engagementId}/plan/adopt`} class="kn-form">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="revision" value={String(vm.revision)} />
        {vm.onBehalf ? (
          <Field
            t={t}
            name="adoptedByName"
            label={t('coaching.plan.adopt.byName')}
            hint={t('coaching.plan.adopt.byNameHint')}
            value={vm.adoptedByName}
            errors={errors}
            required
            maxlength={200}
          />
        ) : (
          ''
        )}
        <button type="submit" class="ds-button" data-variant="primary" safe>
          {t('coaching.plan.adopt.submit')}
        </button>
      </form>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/coaching/${vm.engagementId}/plan`} safe>
          {t('coaching.plan.back')}
        </a>
      </p>
    </>
  );
}
