import { formatNumber, type T } from '../../../platform/i18n/index.ts';
import type { InsightsKey } from '../messages.ts';
import type { RankedRow, RollupView } from '../service.ts';

type Cell = RollupView['cells'][number][number];

export function CellText(props: { cell: Cell; t: T<InsightsKey> }): JSX.Element {
  const { cell, t } = props;
  if (cell.flag === 'suppressed')
    return (
      <span data-cell="suppressed" class="kn-suppressed" safe>
        {t('insights.suppressed')}
      </span>
    ) as JSX.Element;
  const text = formatNumber(cell.value ?? 0);
  if (cell.flag === 'wouldSuppress')
    return (
      <span data-cell="would-suppress">
        <span safe>{text}</span>{' '}
        <span class="kn-would-suppress" safe>{`(${t('insights.wouldSuppress')})`}</span>
      </span>
    ) as JSX.Element;
  return (
    <span data-cell={cell.flag} safe>
      {text}
    </span>
  );
}

/** A cross table with caption, row and column headers; `rowHref` makes leaf row labels drill-down links. */
export function RollupTable(props: {
  view: RollupView;
  t: T<InsightsKey>;
  caption: string;
  rowHref?: (code: string, drill: string) => string;
}): JSX.Element {
  const { view, t } = props;
  return (
    // A wide table scrolls inside its region: keyboard users reach it with Tab (axe: scrollable-region-focusable).
    <div class="kn-table-wrap" tabindex="0" role="region" aria-label={props.caption}>
      <table class="ds-table" data-testid="rollup-table">
        <caption safe>{props.caption}</caption>
        <thead>
          <tr>
            <td></td>
            {view.cols.map((c) => (
              <th scope="col" safe>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.rows.map((r, i) => (
            <tr data-level={r.ref.level}>
              <th scope="row">
                {r.drill && props.rowHref ? (
                  <a class="ds-link" href={props.rowHref(r.code, r.drill)} safe>
                    {r.label}
                  </a>
                ) : (
                  <span safe>{r.label}</span>
                )}
              </th>
              {view.cols.map((_, j) => {
                const cell = view.cells[i]?.[j];
                return <td class="kn-num">{cell ? <CellText cell={cell} t={t} /> : ''}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RankedTable(props: {
  rows: RankedRow[];
  t: T<InsightsKey>;
  caption: string;
  nameHeader: string;
  valueHeader: string;
  difficulty?: boolean;
}): JSX.Element {
  const { t } = props;
  return (
    <table class="ds-table" data-testid="ranked-table">
      <caption safe>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col" safe>
            {props.nameHeader}
          </th>
          <th scope="col" safe>
            {props.valueHeader}
          </th>
          {props.difficulty ? (
            <th scope="col" safe>
              {t('insights.recruit.difficulty')}
            </th>
          ) : (
            ''
          )}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr>
            <th scope="row" safe>
              {r.label}
            </th>
            <td class="kn-num">
              <CellText cell={{ value: r.value, flag: r.flag, status: 'shown' }} t={t} />
            </td>
            {props.difficulty ? (
              <td class="kn-num" safe>
                {r.difficulty === null || r.difficulty === undefined
                  ? t('insights.suppressedShort')
                  : String(r.difficulty).replace('.', ',')}
              </td>
            ) : (
              ''
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
