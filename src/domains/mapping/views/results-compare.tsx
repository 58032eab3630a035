// Before/after: the chosen earlier mapping of the company against this one, on the common core.
import { Select } from '../../../platform/http/views.tsx';
import { formatDate, formatNumber, type Locale } from '../../../platform/i18n/index.ts';
import type { Change } from '../results/compare.ts';
import type { ComparisonResult, RoundMapping } from '../service/results.ts';
import { CompetenceName, type RT } from './results-shared.tsx';

export interface CompareProps {
  t: RT;
  locale: Locale;
  mappingId: string;
  earlier: RoundMapping[];
  selected: string | null;
  result: ComparisonResult | null;
  print: boolean;
}

const fmt = (n: number | null) => (n === null ? '–' : formatNumber(n));
const signed = (n: number | null) => (n === null ? '–' : n > 0 ? `+${formatNumber(n)}` : formatNumber(n));

function ChangeCells(props: { c: Change }): JSX.Element {
  return (
    <>
      <td class="kn-num" safe>
        {fmt(props.c.before)}
      </td>
      <td class="kn-num" safe>
        {fmt(props.c.after)}
      </td>
      <td class="kn-num" safe>
        {signed(props.c.change)}
      </td>
    </>
  );
}

function ChangeHead(props: { t: RT; first: string }): JSX.Element {
  const { t } = props;
  return (
    <thead>
      <tr>
        <th scope="col" safe>
          {props.first}
        </th>
        <th scope="col" class="kn-num" safe>
          {t('mapping.results.compare.col.before')}
        </th>
        <th scope="col" class="kn-num" safe>
          {t('mapping.results.compare.col.after')}
        </th>
        <th scope="col" class="kn-num" safe>
          {t('mapping.results.compare.col.change')}
        </th>
      </tr>
    </thead>
  );
}

function Chooser(props: CompareProps): JSX.Element {
  const { t, locale } = props;
  return (
    <form
      method="get"
      action={`/mappings/${props.mappingId}/results#compare-heading`}
      class="kn-inline-fields kn-no-print"
    >
      <Select
        name="compare"
        label={t('mapping.results.compare.with')}
        errors={[]}
        t={t}
        value={props.selected ?? ''}
        options={props.earlier.map((m) => ({
          value: m.id,
          label: `${locale === 'sv' ? m.roundNameSv : m.roundNameEn} (${formatDate(m.submittedAt)})`,
        }))}
      />
      <button type="submit" class="ds-button" data-variant="secondary" safe>
        {t('mapping.results.compare.show')}
      </button>
    </form>
  );
}

function Body(props: CompareProps & { result: ComparisonResult }): JSX.Element {
  const { t, locale, result } = props;
  const c = result.comparison;
  if (!c.comparable)
    return (
      <div class="ds-alert" data-color="warning" data-testid="compare-not-comparable">
        <p class="ds-paragraph" safe>
          {t('mapping.results.compare.notComparable', {
            parts: [...new Set(c.differences.map((d) => t(`mapping.results.core.${d.core}`)))].join(', '),
          })}
        </p>
      </div>
    );
  const statusKey = {
    closed: 'mapping.results.compare.closed',
    remaining: 'mapping.results.compare.remaining',
    new: 'mapping.results.compare.new',
  } as const;
  return (
    <>
      <div class="kn-table-wrap">
        <table class="ds-table" data-testid="compare-gaps">
          <caption safe>{t('mapping.results.compare.gapsCaption')}</caption>
          <ChangeHead t={t} first={t('mapping.results.compare.col.measure')} />
          <tbody>
            {(
              [
                ['mapping.results.compare.maturityScore', c.maturity],
                ['mapping.results.compare.gaps', c.gaps],
                ['mapping.results.compare.people', c.people],
                ['mapping.results.compare.women', c.women],
                ['mapping.results.compare.men', c.men],
              ] as const
            ).map(([key, change]) => (
              <tr>
                <th scope="row" safe>
                  {t(key)}
                </th>
                <ChangeCells c={change} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="kn-table-wrap">
        <table class="ds-table" data-testid="compare-maturity">
          <caption safe>{t('mapping.results.compare.maturityCaption')}</caption>
          <ChangeHead t={t} first={t('mapping.results.col.statement')} />
          <tbody>
            {c.statements.map((s) => (
              <tr>
                <th scope="row" safe>
                  {s.label[locale]}
                </th>
                <ChangeCells c={s} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="kn-table-wrap">
        <table class="ds-table" data-testid="compare-competences">
          <caption safe>{t('mapping.results.compare.competenceCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('mapping.results.col.competence')}
              </th>
              <th scope="col" safe>
                {t('mapping.results.compare.col.status')}
              </th>
              <th scope="col" class="kn-num" safe>
                {t('mapping.results.compare.peopleCol')}
              </th>
            </tr>
          </thead>
          <tbody>
            {c.competences.map((x) => (
              <tr>
                <th scope="row">
                  <CompetenceName t={t} competence={x.competence} />
                </th>
                <td data-status={x.status} safe>
                  {t(statusKey[x.status])}
                </td>
                <td class="kn-num" safe>
                  {`${formatNumber(x.peopleBefore)} → ${formatNumber(x.peopleAfter)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function CompareSection(props: CompareProps): JSX.Element {
  const { t, locale, result } = props;
  return (
    <section class="kn-results-section" aria-labelledby="compare-heading" data-testid="results-compare">
      <h2 id="compare-heading" class="ds-heading" data-size="md" safe>
        {t('mapping.results.compare')}
      </h2>
      <p class="ds-paragraph" safe>
        {result
          ? t('mapping.results.compare.between', {
              before: result.before.roundName[locale],
              after: result.after.roundName[locale],
            })
          : t('mapping.results.compare.intro')}
      </p>
      {props.print || props.earlier.length === 0 ? '' : <Chooser {...props} />}
      {result ? <Body {...props} result={result} /> : ''}
    </section>
  );
}
