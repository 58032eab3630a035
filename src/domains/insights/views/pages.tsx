import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, Select } from '../../../platform/http/views.tsx';
import { formatNumber, type T } from '../../../platform/i18n/index.ts';
import type { InsightsKey } from '../messages.ts';
import type { MissingCompany } from '../repo.ts';
import type { CoverageView } from '../service/coverage.ts';
import type { PublicSummary, RankedRow } from '../service.ts';
import { RankedTable, RollupTable } from './table.tsx';

export function OverviewPage(props: {
  t: T<InsightsKey>;
  top: RankedRow[];
  recruit: RankedRow[];
  canSeeCoverage: boolean;
}): JSX.Element {
  const { t } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('insights.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('insights.intro')}
      </p>
      <ul class="ds-list">
        <li>
          <a class="ds-link" href="/insights/needs" safe>
            {t('insights.needs')}
          </a>
        </li>
        {props.canSeeCoverage ? (
          <li>
            <a class="ds-link" href="/insights/coverage" safe>
              {t('insights.coverage')}
            </a>
          </li>
        ) : (
          ''
        )}
        <li>
          <a class="ds-link" href="/statistik" safe>
            {t('insights.public')}
          </a>
        </li>
      </ul>
      <RankedTable
        rows={props.top}
        t={t}
        caption={t('insights.top.title')}
        nameHeader={t('insights.dim.competence')}
        valueHeader={t('insights.measure.people')}
      />
      <RankedTable
        rows={props.recruit}
        t={t}
        caption={t('insights.recruit.title')}
        nameHeader={t('insights.dim.ssykUnit')}
        valueHeader={t('insights.recruit.count')}
        difficulty
      />
    </>
  );
}

export function CoveragePage(props: {
  t: T<InsightsKey>;
  view: CoverageView;
  csrf: string;
  errors: FieldError[];
  values: Record<string, string>;
}): JSX.Element {
  const { t, view } = props;
  const round = view.roundId ?? '';
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('coverage.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('coverage.intro')}
      </p>
      <form method="get" action="/insights/coverage" class="kn-filter-form">
        <Select
          name="round"
          label={t('insights.form.round')}
          value={round}
          options={view.rounds.map((r) => ({ value: r.id, label: r.name }))}
          errors={[]}
          t={t}
        />
        <button type="submit" class="ds-button" safe>
          {t('insights.form.show')}
        </button>
      </form>
      <table class="ds-table" data-testid="coverage-table">
        <caption safe>{t('coverage.title')}</caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('insights.dim.municipality')}
            </th>
            <th scope="col" safe>
              {t('insights.dim.sniSection')}
            </th>
            <th scope="col" safe>
              {t('coverage.submitted')}
            </th>
            <th scope="col" safe>
              {t('coverage.inProgress')}
            </th>
            <th scope="col" safe>
              {t('coverage.target')}
            </th>
            <th scope="col" safe>
              {t('coverage.eligible')}
            </th>
            <th scope="col" safe>
              {t('coverage.missing')}
            </th>
          </tr>
        </thead>
        <tbody>
          {view.rows.map((r) => (
            <tr>
              <th scope="row" safe>
                {r.municipalityName}
              </th>
              <td safe>{r.sectionName}</td>
              <td class="kn-num" safe>
                {formatNumber(r.submitted)}
              </td>
              <td class="kn-num" safe>
                {formatNumber(r.inProgress)}
              </td>
              <td class="kn-num" safe>
                {r.target === null ? '' : formatNumber(r.target)}
              </td>
              <td class="kn-num" safe>
                {formatNumber(r.eligible)}
              </td>
              <td>
                <a
                  class="ds-link"
                  href={`/insights/coverage/missing?${new URLSearchParams({ round, municipality: r.municipalityCode, sniSection: r.sniSection })}`}
                  safe
                >
                  {t('coverage.showMissing', { municipality: r.municipalityName, section: r.sniSection })}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.canSetTargets && view.roundId ? (
        <form method="post" action="/insights/coverage/targets" novalidate>
          <h2 class="ds-heading" data-size="sm" safe>
            {t('coverage.setTarget')}
          </h2>
          <ErrorSummary errors={props.errors} t={t} />
          <CsrfField token={props.csrf} />
          <input type="hidden" name="roundId" value={view.roundId} />
          <Select
            name="municipalityCode"
            label={t('insights.dim.municipality')}
            value={props.values.municipalityCode}
            options={view.municipalities.map((m) => ({ value: m.code, label: m.name }))}
            errors={props.errors}
            t={t}
          />
          <Select
            name="sniSection"
            label={t('insights.dim.sniSection')}
            value={props.values.sniSection}
            options={view.sections.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))}
            errors={props.errors}
            t={t}
          />
          <Field
            name="target"
            label={t('coverage.target')}
            value={props.values.target}
            type="number"
            inputmode="numeric"
            errors={props.errors}
            t={t}
          />
          <button type="submit" class="ds-button" safe>
            {t('coverage.save')}
          </button>
        </form>
      ) : (
        ''
      )}
    </>
  );
}

export function MissingPage(props: {
  t: T<InsightsKey>;
  companies: MissingCompany[];
  back: string;
}): JSX.Element {
  const { t } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('coverage.missingTitle')}
      </h1>
      <p class="ds-paragraph">
        <a class="ds-link" href={props.back} safe>
          {t('coverage.back')}
        </a>
      </p>
      {props.companies.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('coverage.missingEmpty')}
        </p>
      ) : (
        <table class="ds-table" data-testid="missing-table">
          <caption safe>{t('coverage.missingTitle')}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('coverage.company')}
              </th>
              <th scope="col" safe>
                {t('coverage.status')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.companies.map((c) => (
              <tr>
                <th scope="row">
                  <a class="ds-link" href={`/companies/${c.id}`} safe>
                    {c.name}
                  </a>
                </th>
                <td safe>
                  {c.mappingStatus === 'in_progress' ? t('coverage.inProgress') : t('coverage.notStarted')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function PublicPage(props: { t: T<InsightsKey>; summary: PublicSummary }): JSX.Element {
  const { t, summary } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('public.title')}
      </h1>
      {summary.byUrgency && summary.bySection ? (
        <>
          <p class="ds-paragraph" safe>
            {t('public.intro', { region: summary.regionName })}
          </p>
          {summary.roundName ? (
            <p class="ds-paragraph" safe>
              {t('public.round', { name: summary.roundName })}
            </p>
          ) : (
            ''
          )}
          <RollupTable view={summary.byUrgency} t={t} caption={t('public.byUrgency')} />
          <RollupTable view={summary.bySection} t={t} caption={t('public.bySection')} />
          <RankedTable
            rows={summary.top}
            t={t}
            caption={t('insights.top.title')}
            nameHeader={t('insights.dim.competence')}
            valueHeader={t('insights.measure.people')}
          />
        </>
      ) : (
        <p class="ds-paragraph" safe>
          {t('public.none')}
        </p>
      )}
    </>
  );
}
