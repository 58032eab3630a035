// The plan page: version banner, what the actor may do, summary, goals, the actions table and per action
// its comments (with the status change and comment forms), all working without JavaScript.
import { CsrfField, fieldId } from '../../../platform/http/views.tsx';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import type { PlanContentAction } from '../plan-diff.ts';
import { actionStatuses } from '../schema-plan.ts';
import { ActionsTable, GoalsList, Paragraphs, statusLabel, VersionBanner } from './plan-shared.tsx';
import { type CT, EngagementCrumbs, EngagementTabs } from './shared.tsx';

export interface PlanPageVM {
  engagementId: string;
  companyName: string;
  summary: string;
  adoptedVersion: number;
  changedSinceAdoption: boolean;
  latest: { number: number; adoptedByName: string; adoptedAt: Date } | null;
  goals: { id: string; title: string; measure: string }[];
  actions: (PlanContentAction & { comments: { authorName: string; body: string; createdAt: Date }[] })[];
  versions: number;
  hasMapping: boolean;
  canEdit: boolean;
  canAdopt: boolean;
  canComment: boolean;
}

function ActionDetails(props: { t: CT; csrf: string; vm: PlanPageVM; a: PlanPageVM['actions'][number] }) {
  const { t, vm, a } = props;
  const base = `/coaching/${vm.engagementId}/plan/actions/${a.id}`;
  const headingId = `action-${a.id}`;
  return (
    <section aria-labelledby={headingId} class="kn-form" data-testid="action-details">
      <h3 id={headingId} class="ds-heading" data-size="xs" safe>
        {a.title}
      </h3>
      {vm.canEdit ? (
        <p class="ds-paragraph">
          <a class="ds-link" href={`${base}/edit`} safe>
            {t('coaching.plan.editAction', { title: a.title })}
          </a>
        </p>
      ) : (
        ''
      )}
      {a.comments.length === 0 ? (
        <p class="ds-paragraph" data-size="sm" safe>
          {t('coaching.plan.noComments')}
        </p>
      ) : (
        <ul class="ds-list" data-testid="action-comments">
          {a.comments.map((c) => (
            <li>
              <strong safe>{c.authorName}</strong> <span safe>{formatDateTime(c.createdAt)}</span>:{' '}
              <span safe>{c.body}</span>
            </li>
          ))}
        </ul>
      )}
      {vm.canEdit ? (
        <form method="post" action={`${base}/status`} class="kn-inline-fields">
          <CsrfField token={props.csrf} />
          <div class="ds-field">
            <label class="ds-label" for={fieldId(`status-${a.id}`)} safe>
              {t('coaching.plan.newStatus')}
            </label>
            <select class="ds-input" id={fieldId(`status-${a.id}`)} name="status">
              {actionStatuses.map((s) => (
                <option value={s} selected={s === a.status} safe>
                  {statusLabel(t, s)}
                </option>
              ))}
            </select>
          </div>
          <div class="ds-field">
            <label class="ds-label" for={fieldId(`statuscomment-${a.id}`)} safe>
              {t('coaching.plan.statusComment')}
            </label>
            <input class="ds-input" id={fieldId(`statuscomment-${a.id}`)} name="comment" maxlength={2000} />
          </div>
          <button type="submit" class="ds-button" data-variant="secondary" safe>
            {t('coaching.plan.saveStatus')}
          </button>
        </form>
      ) : (
        ''
      )}
      {vm.canComment && !vm.canEdit ? (
        <form method="post" action={`${base}/comments`} class="kn-inline-fields">
          <CsrfField token={props.csrf} />
          <div class="ds-field">
            <label class="ds-label" for={fieldId(`comment-${a.id}`)} safe>
              {t('coaching.plan.comment')}
            </label>
            <input class="ds-input" id={fieldId(`comment-${a.id}`)} name="body" maxlength={2000} required />
          </div>
          <button type="submit" class="ds-button" data-variant="secondary" safe>
            {t('coaching.plan.addComment')}
          </button>
        </form>
      ) : (
        ''
      )}
    </section>
  );
}

export function PlanPage(props: { t: CT; csrf: string; vm: PlanPageVM }): JSX.Element {
  const { t, vm } = props;
  const base = `/coaching/${vm.engagementId}/plan`;
  return (
    <>
      <EngagementCrumbs
        t={t}
        engagementId={vm.engagementId}
        companyName={vm.companyName}
        current={t('coaching.plan.title')}
      />
      <h1 class="ds-heading" data-size="lg" safe>
        {t('coaching.plan.title')}
      </h1>
      <EngagementTabs t={t} engagementId={vm.engagementId} current="plan" />
      <VersionBanner
        t={t}
        adoptedVersion={vm.adoptedVersion}
        changedSinceAdoption={vm.changedSinceAdoption}
        latest={vm.latest}
      />
      <div class="kn-actions" data-testid="plan-links">
        {vm.canEdit && vm.hasMapping ? (
          <a class="ds-button" data-variant="primary" href={`${base}/build`} safe>
            {t('coaching.plan.build.link')}
          </a>
        ) : (
          ''
        )}
        {vm.canEdit ? (
          <a class="ds-button" data-variant="secondary" href={`${base}/actions/new`} safe>
            {t('coaching.plan.newAction')}
          </a>
        ) : (
          ''
        )}
        {vm.canEdit ? (
          <a class="ds-button" data-variant="secondary" href={`${base}/edit`} safe>
            {t('coaching.plan.editPlan')}
          </a>
        ) : (
          ''
        )}
        {vm.canAdopt && (vm.adoptedVersion === 0 || vm.changedSinceAdoption) ? (
          <a class="ds-button" data-variant="primary" href={`${base}/adopt`} safe>
            {t('coaching.plan.adopt.link')}
          </a>
        ) : (
          ''
        )}
        <a class="ds-link" href={`/coaching/${vm.engagementId}/plan.pdf`} safe>
          {t('coaching.plan.pdfWorking')}
        </a>
        {vm.versions > 0 ? (
          <a class="ds-link" href={`${base}/versions`} safe>
            {t('coaching.plan.versions.link', { n: vm.versions })}
          </a>
        ) : (
          ''
        )}
        {vm.adoptedVersion > 0 && vm.changedSinceAdoption ? (
          <a class="ds-link" href={`${base}/diff`} safe>
            {t('coaching.plan.diff.workingLink')}
          </a>
        ) : (
          ''
        )}
      </div>
      <section aria-labelledby="plan-summary">
        <h2 id="plan-summary" class="ds-heading" data-size="sm" safe>
          {t('coaching.plan.summary')}
        </h2>
        <Paragraphs text={vm.summary || t('coaching.plan.noSummary')} testid="plan-summary" />
      </section>
      <section aria-labelledby="plan-goals">
        <h2 id="plan-goals" class="ds-heading" data-size="sm" safe>
          {t('coaching.plan.goals')}
        </h2>
        <GoalsList t={t} goals={vm.goals} />
      </section>
      <section aria-labelledby="plan-actions">
        <h2 id="plan-actions" class="ds-heading" data-size="sm" safe>
          {t('coaching.plan.actions')}
        </h2>
        <ActionsTable
          t={t}
          caption={t('coaching.plan.actionsCaption', { company: vm.companyName })}
          actions={vm.actions}
        />
        {vm.actions.map((a) => (
          <ActionDetails t={t} csrf={props.csrf} vm={vm} a={a} />
        ))}
      </section>
    </>
  );
}
