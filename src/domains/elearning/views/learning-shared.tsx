// Small pieces shared by the learner pages: the translator type, progress as text and bar, status tags.
import type { T } from '../../../platform/i18n/index.ts';
import type { LearningKey } from '../messages/learning.ts';

export type LT = T<LearningKey>;

/** Progress as text first ("3 av 8 lektioner klara"), with a native progress bar for sighted users. */
export function Progress(props: {
  t: LT;
  done: number;
  total: number;
  percent: number;
  id: string;
}): JSX.Element {
  const { t } = props;
  return (
    <p class="ds-paragraph kn-progress">
      <span id={props.id} safe>
        {t('elearning.learn.progressText', { done: props.done, total: props.total })}
      </span>{' '}
      <progress max="100" value={String(props.percent)} aria-labelledby={props.id} safe>
        {t('elearning.learn.percent', { percent: props.percent })}
      </progress>
    </p>
  );
}

export function StatusTag(props: { t: LT; status: 'active' | 'completed' | 'withdrawn' }): JSX.Element {
  const color = props.status === 'completed' ? 'success' : props.status === 'active' ? 'info' : 'neutral';
  return (
    <span class="ds-tag" data-color={color} safe>
      {props.t(`elearning.learn.status.${props.status}`)}
    </span>
  );
}

/** Plain text of Markdown for short places (lists): the first paragraph, without markup characters. */
export function plainSummary(markdown: string, max = 300): string {
  const first = markdown.split(/\n\s*\n/)[0] ?? '';
  const text = first
    .replace(/[#*_`>[\]()!]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
