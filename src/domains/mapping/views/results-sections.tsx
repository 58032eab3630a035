// The ranked gaps (with totals and charts by strategy and urgency), the maturity score and the
// recruitment needs of one mapping's results.
import { formatNumber, type Locale } from '../../../platform/i18n/index.ts';
import type { GroupCount, ResultModel } from '../results/model.ts';
import { BarChart } from './results-charts.tsx';
import { CompetenceName, money, num, type RT, strategyLabel, urgencyLabel } from './results-shared.tsx';

function CountTable(props: {
  t: RT;
  id: string;
  caption: string;
  head: string;
  rows: { label: string; count: GroupCount<string> }[];
}): JSX.Element {
  const { t } = props;
  return (
    <div class="kn-table-wrap">
      <table class="ds-table" data-testid={`${props.id}-table`}>
        <caption safe>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {props.head}
            </th>
            <th scope="col" class="kn-num" safe>
              {t('mapping.results.col.count')}
            </th>
            <th scope="col" class="kn-num" safe>
              {t('mapping.results.col.women')}
            </th>
            <th scope="col" class="kn-num" safe>
              {t('mapping.results.col.men')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <th scope="row" safe>
                {r.label}
              </th>
              <td class="kn-num" safe>
                {formatNumber(r.count.gaps)}
              </td>
              <td class="kn-num" safe>
                {formatNumber(r.count.women)}
              </td>
              <td class="kn-num" safe>
                {formatNumber(r.count.men)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CountChart(props: {
  t: RT;
  id: string;
  title: string;
  summaryKey: 'mapping.results.chart.strategySummary' | 'mapping.results.chart.urgencySummary';
  head: string;
  rows: { label: string; count: GroupCount<string> }[];
}): JSX.Element {
  const { t, rows } = props;
  const list = rows.map((r) => `${r.label}: ${formatNumber(r.count.gaps)}`).join(', ');
  return (
    <div class="kn-chart-block">
      <BarChart
        id={props.id}
        title={props.title}
        summary={t(props.summaryKey, { list })}
        max={Math.max(1, ...rows.map((r) => r.count.gaps))}
        bars={rows.map((r) => ({ label: r.label, value: r.count.gaps, display: formatNumber(r.count.gaps) }))}
      />
      <CountTable t={t} id={props.id} caption={props.title} head={props.head} rows={rows} />
    </div>
  );
}

export function GapsSection(props: { t: RT; model: ResultModel }): JSX.Element {
  const { t, model } = props;
  const totals = model.totals;
  return (
    <section class="kn-results-section" aria-labelledby="gaps-heading" data-testid="results-gaps">
      <h2 id="gaps-heading" class="ds-heading" data-size="md" safe>
        {t('mapping.results.gaps')}
      </h2>
      {model.gaps.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('mapping.results.noGaps')}
        </p>
      ) : (
        <>
          <p class="ds-paragraph" data-testid="results-totals" safe>
            {t('mapping.results.totals.summary', {
              gaps: totals.gaps,
              people: totals.people,
              women: totals.women,
              men: totals.men,
              hours: totals.hours,
              cost: money(totals.costSek),
            })}
          </p>
          <div class="kn-table-wrap" role="region" aria-labelledby="gaps-caption" tabindex="0">
            <table class="ds-table kn-gaps" data-testid="results-gap-table">
              <caption id="gaps-caption" safe>
                {t('mapping.results.gaps.caption')}
              </caption>
              <thead>
                <tr>
                  {(
                    [
                      ['rank', false],
                      ['role', false],
                      ['competence', false],
                      ['priority', true],
                      ['urgency', false],
                      ['strategy', false],
                      ['gapSize', true],
                      ['women', true],
                      ['men', true],
                      ['difficulty', true],
                      ['hours', true],
                      ['cost', true],
                    ] as const
                  ).map(([key, numeric]) => (
                    <th scope="col" class={numeric ? 'kn-num' : undefined} safe>
                      {t(`mapping.results.col.${key}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {model.gaps.map((g) => (
                  <tr>
                    <td safe>{String(g.rank)}</td>
                    <th scope="row" safe>
                      {g.roleTitle}
                    </th>
                    <td>
                      <CompetenceName t={t} competence={g.competence} />
                    </td>
                    <td class="kn-num" safe>
                      {String(g.priority)}
                    </td>
                    <td safe>{urgencyLabel(t, g.urgency)}</td>
                    <td safe>{strategyLabel(t, g.strategy)}</td>
                    <td class="kn-num" safe>
                      {String(g.gapSize)}
                    </td>
                    <td class="kn-num" safe>
                      {num(g.women)}
                    </td>
                    <td class="kn-num" safe>
                      {num(g.men)}
                    </td>
                    <td class="kn-num" safe>
                      {num(g.difficulty)}
                    </td>
                    <td class="kn-num" safe>
                      {num(g.hours)}
                    </td>
                    <td class="kn-num kn-nowrap" safe>
                      {money(g.costSek)}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colspan="7" safe>
                    {t('mapping.results.totals')}
                  </th>
                  <td class="kn-num" safe>
                    {num(totals.women)}
                  </td>
                  <td class="kn-num" safe>
                    {num(totals.men)}
                  </td>
                  <td></td>
                  <td class="kn-num" safe>
                    {num(totals.hours)}
                  </td>
                  <td class="kn-num kn-nowrap" safe>
                    {money(totals.costSek)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          <div class="kn-charts">
            <CountChart
              t={t}
              id="by-strategy"
              title={t('mapping.results.byStrategy')}
              summaryKey="mapping.results.chart.strategySummary"
              head={t('mapping.results.col.strategy')}
              rows={model.byStrategy.map((c) => ({ label: strategyLabel(t, c.key), count: c }))}
            />
            <CountChart
              t={t}
              id="by-urgency"
              title={t('mapping.results.byUrgency')}
              summaryKey="mapping.results.chart.urgencySummary"
              head={t('mapping.results.col.urgency')}
              rows={model.byUrgency.map((c) => ({ label: urgencyLabel(t, c.key), count: c }))}
            />
          </div>
        </>
      )}
    </section>
  );
}

export function MaturitySection(props: { t: RT; locale: Locale; model: ResultModel }): JSX.Element {
  const { t, locale } = props;
  const m = props.model.maturity;
  const answered = m.statements.filter((s) => s.score !== null);
  const sorted = [...answered].sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  const describe = (s: (typeof answered)[number] | undefined) =>
    s ? `${s.label[locale]} (${s.score})` : '–';
  return (
    <section class="kn-results-section" aria-labelledby="maturity-heading" data-testid="results-maturity">
      <h2 id="maturity-heading" class="ds-heading" data-size="md" safe>
        {t('mapping.results.maturity')}
      </h2>
      <p class="ds-paragraph kn-score" data-testid="maturity-score" safe>
        {m.score === null
          ? t('mapping.results.maturity.noScore')
          : t('mapping.results.maturity.score', { score: m.score })}
      </p>
      {answered.length > 0 ? (
        <BarChart
          id="maturity"
          title={t('mapping.results.maturity.caption')}
          summary={t('mapping.results.maturity.chartSummary', {
            n: m.statements.length,
            score: m.score ?? '–',
            high: describe(sorted[0]),
            low: describe(sorted[sorted.length - 1]),
          })}
          max={4}
          ticks={[1, 2, 3, 4]}
          bars={m.statements.map((s) => ({
            label: s.label[locale],
            value: s.score ?? 0,
            display:
              s.score === null
                ? t('mapping.results.notAnswered')
                : `${s.score} – ${s.answerLabel?.[locale] ?? ''}`,
          }))}
        />
      ) : (
        ''
      )}
      <div class="kn-table-wrap">
        <table class="ds-table" data-testid="maturity-table">
          <caption safe>{t('mapping.results.maturity.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('mapping.results.col.statement')}
              </th>
              <th scope="col" class="kn-num" safe>
                {t('mapping.results.col.score')}
              </th>
              <th scope="col" safe>
                {t('mapping.results.col.answer')}
              </th>
            </tr>
          </thead>
          <tbody>
            {m.statements.map((s) => (
              <tr>
                <th scope="row" safe>
                  {s.label[locale]}
                </th>
                <td class="kn-num" safe>
                  {num(s.score)}
                </td>
                <td safe>{s.answerLabel?.[locale] ?? t('mapping.results.notAnswered')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function RecruitmentSection(props: { t: RT; model: ResultModel }): JSX.Element {
  const { t } = props;
  const rows = props.model.recruitments;
  return (
    <section
      class="kn-results-section"
      aria-labelledby="recruitment-heading"
      data-testid="results-recruitment"
    >
      <h2 id="recruitment-heading" class="ds-heading" data-size="md" safe>
        {t('mapping.results.recruitment')}
      </h2>
      {rows.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('mapping.results.noRecruitment')}
        </p>
      ) : (
        <div class="kn-table-wrap">
          <table class="ds-table">
            <caption safe>{t('mapping.results.recruitment.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('mapping.results.col.occupation')}
                </th>
                <th scope="col" class="kn-num" safe>
                  {t('mapping.results.col.recruitCount')}
                </th>
                <th scope="col" safe>
                  {t('mapping.results.col.timing')}
                </th>
                <th scope="col" class="kn-num" safe>
                  {t('mapping.results.col.difficulty')}
                </th>
                <th scope="col" safe>
                  {t('mapping.results.col.reason')}
                </th>
                <th scope="col" safe>
                  {t('mapping.results.col.genderGoal')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row" safe>
                    {r.occupation ? `${r.ssyk} ${r.occupation}` : r.ssyk}
                  </th>
                  <td class="kn-num" safe>
                    {formatNumber(r.count)}
                  </td>
                  <td safe>{urgencyLabel(t, r.timing)}</td>
                  <td class="kn-num" safe>
                    {String(r.difficulty)}
                  </td>
                  <td safe>{r.difficultyReason ?? '–'}</td>
                  <td safe>{t(`mapping.results.genderGoal.${r.genderGoal}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
