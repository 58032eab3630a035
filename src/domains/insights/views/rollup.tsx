import type { T } from '../../../platform/i18n/index.ts';
import { dims, measures } from '../dims.ts';
import type { InsightsKey } from '../messages.ts';
import type { RollupView } from '../service.ts';
import { RollupTable } from './table.tsx';

export function queryString(params: Record<string, string | null | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string] => !!e[1]);
  return new URLSearchParams(entries).toString();
}

/** The current selection as query parameters. */
export function currentParams(view: RollupView): Record<string, string | null | undefined> {
  return {
    rows: view.query.rows,
    cols: view.query.cols,
    measure: view.query.measure,
    round: view.query.round ?? null,
    ...view.query.filters,
  };
}

function SelectBox(props: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
}) {
  const id = `f-${props.name}`;
  return (
    <div class="ds-field">
      <label class="ds-label" for={id} safe>
        {props.label}
      </label>
      <select class="ds-input" id={id} name={props.name}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function RollupPage(props: { view: RollupView; t: T<InsightsKey> }): JSX.Element {
  const { view, t } = props;
  const dimLabel = (d: string) => t(`insights.dim.${d}` as InsightsKey);
  const params = currentParams(view);
  const drillHref = (code: string, drill: string) => {
    const filterDim = view.query.rows;
    const cleaned = code.replace(/^own\|/, '');
    // Drilling into the dimension shown in the columns moves the columns to urgency (or strategy).
    const cols = drill === view.query.cols ? (drill === 'urgency' ? 'strategy' : 'urgency') : view.query.cols;
    return `/insights/needs?${queryString({ ...params, [filterDim]: cleaned, rows: drill, cols })}`;
  };
  const removeHref = (dim: string) => `/insights/needs?${queryString({ ...params, [dim]: null })}`;
  const exportQs = queryString(params);
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('insights.needs')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('insights.rules', {
          companies: view.rules.minCompanies,
          people: view.rules.minPeople,
          dominance: Math.round(view.rules.dominance * 100),
        })}
      </p>
      {view.audience === 'admin' ? (
        <div class="ds-alert" data-color="info">
          <p class="ds-paragraph" safe>
            {t('insights.adminNote')}
          </p>
        </div>
      ) : (
        ''
      )}
      {view.audience === 'officer' ? (
        <p class="ds-paragraph" safe>
          {t('insights.officerNote')}
        </p>
      ) : (
        ''
      )}
      <form method="get" action="/insights/needs" class="kn-filter-form" aria-labelledby="selection-title">
        <h2 id="selection-title" class="ds-heading" data-size="xs" safe>
          {t('insights.form.title')}
        </h2>
        <SelectBox
          name="rows"
          label={t('insights.form.rows')}
          value={view.query.rows}
          options={dims.map((d) => ({ value: d, label: dimLabel(d) }))}
        />
        <SelectBox
          name="cols"
          label={t('insights.form.cols')}
          value={view.query.cols}
          options={[...dims, 'all'].map((d) => ({ value: d, label: dimLabel(d) }))}
        />
        <SelectBox
          name="measure"
          label={t('insights.form.measure')}
          value={view.query.measure}
          options={measures.map((m) => ({ value: m, label: t(`insights.measure.${m}` as InsightsKey) }))}
        />
        <SelectBox
          name="round"
          label={t('insights.form.round')}
          value={view.roundId ?? ''}
          options={[
            { value: '', label: t('insights.form.any') },
            ...view.rounds.map((r) => ({ value: r.id, label: r.name })),
          ]}
        />
        {Object.entries(view.query.filters).map(([k, v]) =>
          v ? <input type="hidden" name={k} value={v} /> : '',
        )}
        <button type="submit" class="ds-button" safe>
          {t('insights.form.show')}
        </button>
      </form>
      {view.filterLabels.length > 0 ? (
        <section aria-labelledby="filters-title">
          <h2 id="filters-title" class="ds-heading" data-size="xs" safe>
            {t('insights.filters')}
          </h2>
          <ul class="ds-list">
            {view.filterLabels.map((f) => (
              <li>
                <span safe>{`${dimLabel(f.dim)}: ${f.label}`}</span>{' '}
                <a class="ds-link" href={removeHref(f.dim)} safe>
                  {t('insights.filter.remove', { name: f.label })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      {view.rows.length <= 1 ? (
        <p class="ds-paragraph" data-testid="rollup-empty" safe>
          {t('insights.empty')}
        </p>
      ) : (
        ''
      )}
      <RollupTable
        view={view}
        t={t}
        caption={t('insights.tableCaption', {
          measure: t(`insights.measure.${view.query.measure}` as InsightsKey),
          rows: dimLabel(view.query.rows),
          cols: dimLabel(view.query.cols),
        })}
        rowHref={drillHref}
      />
      <h2 class="ds-heading" data-size="sm" safe>
        {t('insights.exports')}
      </h2>
      {view.audience === 'admin' ? (
        ''
      ) : (
        <p class="ds-paragraph" safe>
          {t('insights.export.aggregateNote')}
        </p>
      )}
      <ul class="ds-list">
        <li>
          <a class="ds-link" href={`/insights/export/wide.csv?${exportQs}`} safe>
            {t('insights.export.wideCsv')}
          </a>
        </li>
        <li>
          <a class="ds-link" href={`/insights/export/wide.xlsx?${exportQs}`} safe>
            {t('insights.export.wideXlsx')}
          </a>
        </li>
        <li>
          <a class="ds-link" href={`/insights/export/needs.csv?${exportQs}`} safe>
            {t('insights.export.needsCsv')}
          </a>
        </li>
        <li>
          <a class="ds-link" href={`/insights/export/needs.xlsx?${exportQs}`} safe>
            {t('insights.export.needsXlsx')}
          </a>
        </li>
        <li>
          <a class="ds-link" href="/insights/export/codebook.csv" safe>
            {t('insights.export.codebook')}
          </a>
        </li>
      </ul>
    </>
  );
}
