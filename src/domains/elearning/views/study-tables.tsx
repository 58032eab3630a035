// Tables of the study page: the key figures of a breakdown (course, provider, municipality, gender) with
// suppressed cells shown as "< 5", and the module funnel of one course version.
import { formatNumber } from '../../../platform/i18n/index.ts';
import {
  type ST,
  STUDY_COLUMNS,
  type StudyKey,
  type StudySection,
  studyGroupLabel,
} from '../messages/study.ts';
import type { StudyFunnel, StudyRow } from '../service/study.ts';

function Cell(props: { t: ST; value: number | null; suppressible: boolean; n: number }): JSX.Element {
  if (props.value !== null)
    return (
      <td data-numeric safe>
        {formatNumber(props.value)}
      </td>
    );
  if (!props.suppressible) return <td data-numeric>–</td>;
  return (
    <td data-numeric data-suppressed>
      <abbr title={props.t('elearning.study.suppressedLabel', { n: props.n })} safe>
        {props.t('elearning.study.suppressed', { n: props.n })}
      </abbr>
    </td>
  );
}

/** One breakdown: a row per group with every key figure; `suppressible` tables show "< 5" for nulls. */
export function FiguresTable(props: {
  t: ST;
  caption: string;
  head: string;
  section: StudySection;
  rows: StudyRow[];
  suppressible: boolean;
  n: number;
  id: string;
}): JSX.Element {
  const { t } = props;
  return (
    <div class="kn-table-wrap" role="region" tabindex="0" aria-label={props.caption}>
      <table class="ds-table" data-size="sm" id={props.id}>
        <caption safe>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {props.head}
            </th>
            {STUDY_COLUMNS.map(([, label]) => (
              <th scope="col" safe>
                {t(label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td colspan={String(STUDY_COLUMNS.length + 1)} safe>
                {t('elearning.study.none')}
              </td>
            </tr>
          ) : (
            ''
          )}
          {props.rows.map((r) => (
            <tr data-key={r.key}>
              <th scope="row" safe>
                {studyGroupLabel(t, props.section, r.key, r.label)}
              </th>
              {STUDY_COLUMNS.map(([key]) => (
                <Cell t={t} value={r[key]} suppressible={props.suppressible} n={props.n} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The module funnel: reached, completed, dropped off and the drop-off rate per module. */
export function FunnelTable(props: { t: ST; funnel: StudyFunnel }): JSX.Element {
  const { t, funnel } = props;
  const cols: StudyKey[] = [
    'elearning.study.col.reached',
    'elearning.study.col.moduleCompleted',
    'elearning.study.col.droppedOff',
    'elearning.study.col.dropOffRate',
  ];
  const caption = t('elearning.study.funnelCaption', {
    title: funnel.title,
    version: String(funnel.version),
  });
  return (
    <div class="kn-table-wrap" role="region" tabindex="0" aria-label={caption}>
      <table class="ds-table" data-size="sm" id="study-funnel">
        <caption safe>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('elearning.study.col.module')}
            </th>
            {cols.map((c) => (
              <th scope="col" safe>
                {t(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {funnel.modules.map((m) => (
            <tr data-key={m.moduleId}>
              <th scope="row" safe>
                {`${m.position}. ${m.title}`}
              </th>
              <td data-numeric safe>
                {formatNumber(m.reached)}
              </td>
              <td data-numeric safe>
                {formatNumber(m.completed)}
              </td>
              <td data-numeric safe>
                {formatNumber(m.droppedOff)}
              </td>
              <td data-numeric safe>
                {m.dropOffRate === null ? '–' : formatNumber(m.dropOffRate)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
