// Shared parts of the coaching pages: breadcrumbs and the engagement's tabs (overview, meetings, plan,
// follow-up), so every page of an engagement is reached the same way.
import type { T } from '../../../platform/i18n/index.ts';
import type { CoachingKey } from '../messages.ts';
import type { Step } from '../schema.ts';

export type CT = T<CoachingKey>;

export type EngagementTab = 'overview' | 'meetings' | 'plan' | 'followups';

export function EngagementCrumbs(props: {
  t: CT;
  engagementId: string;
  companyName: string;
  current?: string;
}): JSX.Element {
  const { t } = props;
  return (
    <nav aria-label={t('coaching.crumbs.label')} class="kn-crumbs">
      <ol class="kn-crumbs__list">
        <li>
          <a class="ds-link" href="/coaching" safe>
            {t('coaching.title')}
          </a>
        </li>
        <li>
          {props.current ? (
            <a class="ds-link" href={`/coaching/${props.engagementId}`} safe>
              {props.companyName}
            </a>
          ) : (
            <span aria-current="page" safe>
              {props.companyName}
            </span>
          )}
        </li>
        {props.current ? (
          <li aria-current="page" safe>
            {props.current}
          </li>
        ) : (
          ''
        )}
      </ol>
    </nav>
  );
}

/** The engagement's sections as a navigation list; the current one marked with aria-current. */
export function EngagementTabs(props: { t: CT; engagementId: string; current: EngagementTab }): JSX.Element {
  const { t } = props;
  const base = `/coaching/${props.engagementId}`;
  const tabs: { key: EngagementTab; href: string; label: string }[] = [
    { key: 'overview', href: base, label: t('coaching.tab.overview') },
    { key: 'meetings', href: `${base}/meetings`, label: t('coaching.tab.meetings') },
    { key: 'plan', href: `${base}/plan`, label: t('coaching.tab.plan') },
    { key: 'followups', href: `${base}/followups`, label: t('coaching.tab.followups') },
  ];
  return (
    <nav aria-label={t('coaching.tabs.label')} class="kn-tabs">
      <ul class="kn-tabs__list">
        {tabs.map((tab) => (
          <li>
            <a
              class="ds-link kn-tabs__link"
              href={tab.href}
              aria-current={tab.key === props.current ? 'page' : undefined}
              safe
            >
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function StepTag(props: { t: CT; step: Step }): JSX.Element {
  const color = props.step === 'closed' ? 'neutral' : props.step === 'intake' ? 'warning' : 'info';
  return (
    <span class="ds-tag" data-color={color} data-step={props.step} safe>
      {props.t(`coaching.step.${props.step}`)}
    </span>
  );
}
