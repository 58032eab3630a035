// Adopted versions of a plan: the list, one frozen version, and the differences between two versions or a
// version and the working copy.
import { formatDateTime } from '../../../platform/i18n/index.ts';
import type { FieldChange, PlanContent, PlanDiff } from '../plan-diff.ts';
import { ActionsTable, GoalsList, kindLabel, Paragraphs, statusLabel } from './plan-shared.tsx';
import { type CT, EngagementCrumbs, EngagementTabs } from './shared.tsx';

interface Head {
  engagementId: string;
  companyName: string;
}

export function VersionsPage(props: {
  t: CT;
  vm: Head & { versions: { number: number; adoptedByName: string; adoptedAt: Date }[] };
}): JSX.Element {
  const { t, vm } = props;
  const base = `/coaching/${vm.engagementId}/plan`;
  return (
    <>
      <EngagementCrumbs
        t={t}
        engagementId={vm.engagementId}
        companyName={vm.companyName}
        current={t('coaching.plan.versions.title')}
      />
      <h1 class="ds-heading" data-size="lg" safe>
        {t('coaching.plan.versions.title')}
      </h1>
      <EngagementTabs t={t} engagementId={vm.engagementId} current="plan" />
      {vm.versions.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('coaching.plan.notAdopted')}
        </p>
      ) : (
        <table class="ds-table" data-testid="plan-versions">
          <caption safe>{t('coaching.plan.versions.caption', { company: vm.companyName })}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('coaching.plan.versions.number')}
              </th>
              <th scope="col" safe>
                {t('coaching.plan.versions.by')}
              </th>
              <th scope="col" safe>
                {t('coaching.plan.versions.at')}
              </th>
              <th scope="col" safe>
                {t('coaching.plan.versions.links')}
              </th>
            </tr>
          </thead>
          <tbody>
            {vm.versions.map((v) => (
              <tr>
                <th scope="row">
                  <a class="ds-link" href={`${base}/versions/${v.number}`} safe>
                    {t('coaching.plan.versions.name', { n: v.number })}
                  </a>
                </th>
                <td safe>{v.adoptedByName}</td>
                <td safe>{formatDateTime(v.adoptedAt)}</td>
                <td>
                  <a class="ds-link" href={`/coaching/${vm.engagementId}/plan.pdf?version=${v.number}`} safe>
                    {t('coaching.plan.versions.pdf', { n: v.number })}
                  </a>
                  {v.number > 1 ? (
                    <>
                      {' · '}
                      <a class="ds-link" href={`${base}/diff?from=${v.number - 1}&to=${v.number}`} safe>
                        {t('coaching.plan.versions.diffPrev', { n: v.number })}
                      </a>
                    </>
                  ) : (
                    ''
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="ds-paragraph">
        <a class="ds-link" href={base} safe>
          {t('coaching.plan.back')}
        </a>
      </p>
    </>
  );
}

export function VersionPage(props: {
  t: CT;
  vm: Head & { number: number; adoptedByName: string; adoptedAt: Date; content: PlanContent };
}): JSX.Element {
  const { t, vm } = props;
  const title = t('coaching.plan.versions.name', { n: vm.number });
  return (
    <>
      <EngagementCrumbs t={t} engagementId={vm.engagementId} companyName={vm.companyName} current={title} />
      <h1 class="ds-heading" data-size="lg" safe>
        {`${t('coaching.plan.title')} – ${title}`}
      </h1>
      <div class="ds-alert" data-color="info">
        <p class="ds-paragraph" safe>
          {t('coaching.plan.adoptedBanner', {
            n: vm.number,
            name: vm.adoptedByName,
            date: formatDateTime(vm.adoptedAt),
          })}
        </p>
      </div>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/coaching/${vm.engagementId}/plan.pdf?version=${vm.number}`} safe>
          {t('coaching.plan.versions.pdf', { n: vm.number })}
        </a>
      </p>
      <h2 class="ds-heading" data-size="sm" safe>
        {t('coaching.plan.summary')}
      </h2>
      <Paragraphs text={vm.content.summary || t('coaching.plan.noSummary')} />
      <h2 class="ds-heading" data-size="sm" safe>
        {t('coaching.plan.goals')}
      </h2>
      <GoalsList t={t} goals={vm.content.goals} />
      <h2 class="ds-heading" data-size="sm" safe>
        {t('coaching.plan.actions')}
      </h2>
      <ActionsTable
        t={t}
        caption={t('coaching.plan.actionsCaption', { company: vm.companyName })}
        actions={vm.content.actions}
      />
      <p class="ds-paragraph">
        <a class="ds-link" href={`/coaching/${vm.engagementId}/plan/versions`} safe>
          {t('coaching.plan.versions.back')}
        </a>
      </p>
    </>
  );
}

function value(t: CT, field: string, v: string): string {
  if (v === '') return '–';
  if (field === 'kind') return kindLabel(t, v);
  if (field === 'status') return statusLabel(t, v);
  return v;
}

function Changes(props: { t: CT; changes: FieldChange<string>[] }) {
  const { t } = props;
  return (
    <ul class="ds-list">
      {props.changes.map((c) => (
        <li data-field={c.field} safe>
          {t('coaching.plan.diff.change', {
            field: t(`coaching.plan.diff.field.${c.field}` as Parameters<CT>[0]),
            from: value(t, c.field, c.from),
            to: value(t, c.field, c.to),
          })}
        </li>
      ))}
    </ul>
  );
}

export function DiffPage(props: {
  t: CT;
  vm: Head & { from: number; to: number | null; diff: PlanDiff };
}): JSX.Element {
  const { t, vm } = props;
  const d = vm.diff;
  const toName =
    vm.to === null ? t('coaching.plan.diff.working') : t('coaching.plan.versions.name', { n: vm.to });
  const heading = t('coaching.plan.diff.title', {
    from: t('coaching.plan.versions.name', { n: vm.from }),
    to: toName,
  });
  return (
    <>
      <EngagementCrumbs t={t} engagementId={vm.engagementId} companyName={vm.companyName} current={heading} />
      <h1 class="ds-heading" data-size="lg" safe>
        {heading}
      </h1>
      {d.same ? (
        <p class="ds-paragraph" data-testid="diff-same" safe>
          {t('coaching.plan.diff.same')}
        </p>
      ) : (
        ''
      )}
      {d.summary ? (
        <p class="ds-paragraph" data-testid="diff-summary" safe>
          {t('coaching.plan.diff.summaryChanged')}
        </p>
      ) : (
        ''
      )}
      {(['goals', 'actions'] as const).map((part) => {
        const p = d[part];
        if (p.added.length + p.removed.length + p.changed.length === 0) return '';
        return (
          <section aria-labelledby={`diff-${part}`} data-testid={`diff-${part}`}>
            <h2 id={`diff-${part}`} class="ds-heading" data-size="sm" safe>
              {t(`coaching.plan.diff.${part}`)}
            </h2>
            <ul class="ds-list">
              {p.added.map((x) => (
                <li data-diff="added" safe>
                  {t('coaching.plan.diff.added', { title: x.title })}
                </li>
              ))}
              {p.removed.map((x) => (
                <li data-diff="removed" safe>
                  {t('coaching.plan.diff.removed', { title: x.title })}
                </li>
              ))}
              {p.changed.map((x) => (
                <li data-diff="changed">
                  <span safe>{t('coaching.plan.diff.changed', { title: x.title })}</span>
                  <Changes t={t} changes={x.changes} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      <p class="ds-paragraph">
        <a class="ds-link" href={`/coaching/${vm.engagementId}/plan/versions`} safe>
          {t('coaching.plan.versions.back')}
        </a>
      </p>
    </>
  );
}
