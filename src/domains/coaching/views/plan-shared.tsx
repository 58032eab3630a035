// Shared parts of the plan pages: the actions table (working copy and frozen versions), goals, labels.
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../../platform/i18n/index.ts';
import type { PlanContentAction, PlanContentGoal } from '../plan-diff.ts';
import type { CT } from './shared.tsx';

export type KindKey = `coaching.plan.kind.${string}`;

export const kindLabel = (t: CT, kind: string): string =>
  t(`coaching.plan.kind.${kind}` as Parameters<CT>[0]);
export const statusLabel = (t: CT, s: string): string => t(`coaching.plan.status.${s}` as Parameters<CT>[0]);

export const money = (v: number | null): string => (v === null ? '–' : formatMoney(v));
export const num = (v: number | null): string => (v === null ? '–' : formatNumber(v));

export function VersionBanner(props: {
  t: CT;
  adoptedVersion: number;
  changedSinceAdoption: boolean;
  latest: { number: number; adoptedByName: string; adoptedAt: Date } | null;
}): JSX.Element {
  const { t, latest } = props;
  if (props.adoptedVersion === 0 || !latest)
    return (
      <div class="ds-alert" data-color="info" data-testid="plan-banner">
        <p class="ds-paragraph" safe>
          {t('coaching.plan.notAdopted')}
        </p>
      </div>
    );
  return (
    <div
      class="ds-alert"
      data-color={props.changedSinceAdoption ? 'warning' : 'success'}
      data-testid="plan-banner"
    >
      <p class="ds-paragraph" safe>
        {t('coaching.plan.adoptedBanner', {
          n: latest.number,
          name: latest.adoptedByName,
          date: formatDateTime(latest.adoptedAt),
        })}
      </p>
      {props.changedSinceAdoption ? (
        <p class="ds-paragraph" data-testid="plan-changed" safe>
          {t('coaching.plan.changedSinceAdoption')}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

export function GoalsList(props: { t: CT; goals: PlanContentGoal[] }): JSX.Element {
  const { t } = props;
  if (props.goals.length === 0)
    return (
      <p class="ds-paragraph" safe>
        {t('coaching.plan.noGoals')}
      </p>
    );
  return (
    <ol class="ds-list" data-testid="plan-goals">
      {props.goals.map((g) => (
        <li>
          <span safe>{g.title}</span>
          {g.measure ? (
            <>
              {' '}
              <span class="kn-muted" safe>
                {t('coaching.plan.measureInline', { measure: g.measure })}
              </span>
            </>
          ) : (
            ''
          )}
        </li>
      ))}
    </ol>
  );
}

/** The actions as a table with caption and column headers; `extra` adds a last column (e.g. links). */
export function ActionsTable(props: {
  t: CT;
  caption: string;
  actions: PlanContentAction[];
  extra?: (a: PlanContentAction) => JSX.Element;
  extraHeader?: string;
}): JSX.Element {
  const { t } = props;
  if (props.actions.length === 0)
    return (
      <p class="ds-paragraph" data-testid="plan-no-actions" safe>
        {t('coaching.plan.noActions')}
      </p>
    );
  return (
    // A wide table scrolls sideways: the region is focusable so that keyboard users can scroll it.
    <div class="kn-table-wrap" role="region" aria-label={props.caption} tabindex="0">
      <table class="ds-table" data-testid="plan-actions">
        <caption class="ds-sr-only" safe>
          {props.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('coaching.plan.col.action')}
            </th>
            <th scope="col" safe>
              {t('coaching.plan.col.kind')}
            </th>
            <th scope="col" safe>
              {t('coaching.plan.col.owner')}
            </th>
            <th scope="col" safe>
              {t('coaching.plan.col.due')}
            </th>
            <th scope="col" safe>
              {t('coaching.plan.col.cost')}
            </th>
            <th scope="col" safe>
              {t('coaching.plan.col.hours')}
            </th>
            <th scope="col" safe>
              {t('coaching.plan.col.status')}
            </th>
            <th scope="col" safe>
              {t('coaching.plan.col.needs')}
            </th>
            <th scope="col" safe>
              {t('coaching.plan.col.courses')}
            </th>
            {props.extra ? (
              <th scope="col" safe>
                {props.extraHeader ?? ''}
              </th>
            ) : (
              ''
            )}
          </tr>
        </thead>
        <tbody>
          {props.actions.map((a) => (
            <tr data-action={a.id}>
              <th scope="row">
                <span safe>{a.title}</span>
                {a.goalTitle ? (
                  <div class="kn-muted" safe>
                    {t('coaching.plan.forGoal', { goal: a.goalTitle })}
                  </div>
                ) : (
                  ''
                )}
              </th>
              <td safe>{kindLabel(t, a.kind)}</td>
              <td safe>{a.ownerName ?? '–'}</td>
              <td>{a.dueOn ? formatDate(a.dueOn) : '–'}</td>
              <td class="kn-num" safe>
                {money(a.costSek)}
              </td>
              <td class="kn-num" safe>
                {num(a.hours)}
              </td>
              <td>
                <span
                  class="ds-tag"
                  data-color={a.status === 'done' ? 'success' : 'neutral'}
                  data-status={a.status}
                  safe
                >
                  {statusLabel(t, a.status)}
                </span>
              </td>
              <td>
                {a.needs.length === 0 ? (
                  '–'
                ) : (
                  <ul class="kn-plain-list">
                    {a.needs.map((n) => (
                      <li safe>{n.label}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                {a.courses.length === 0 ? (
                  '–'
                ) : (
                  <ul class="kn-plain-list">
                    {a.courses.map((c) => (
                      <li data-testid="plan-course">
                        <a class="ds-link" href={`/kurser/${c.courseId}`} safe>
                          {c.courseTitle}
                        </a>{' '}
                        (
                        <a
                          class="ds-link"
                          href={`/training/courses/${c.courseId}/enrol-next`}
                          aria-label={t('coaching.plan.course.enrolLabel', { title: c.courseTitle })}
                          safe
                        >
                          {t('coaching.plan.course.enrol')}
                        </a>
                        )
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              {props.extra ? <td>{props.extra(a)}</td> : ''}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Plain text as paragraphs (blank lines separate them); no inline styles (the CSP forbids them). */
export function Paragraphs(props: { text: string; testid?: string }): JSX.Element {
  return (
    <div data-testid={props.testid}>
      {props.text
        .split(/\n\s*\n/)
        .map((para) => para.trim())
        .filter((para) => para !== '')
        .map((para) => (
          <p class="ds-paragraph" safe>
            {para}
          </p>
        ))}
    </div>
  );
}
