// The results page of one mapping, in the common layout or as a printable document without navigation.
import { formatDate, type Locale } from '../../../platform/i18n/index.ts';
import type { MappingResults } from '../service/results.ts';
import { type CompareProps, CompareSection } from './results-compare.tsx';
import { MatrixSection } from './results-matrix.tsx';
import { GapsSection, MaturitySection, RecruitmentSection } from './results-sections.tsx';
import type { RT } from './results-shared.tsx';

export interface ResultsPageProps {
  t: RT;
  locale: Locale;
  results: MappingResults;
  /** Present when this mapping is submitted and the company has an earlier submitted mapping. */
  compare: Pick<CompareProps, 'selected' | 'result'> | null;
  print: boolean;
}

export const RESULTS_CSS = '/assets/results.css';

function resultsHref(id: string, query: Record<string, string | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  const s = q.toString();
  return `/mappings/${id}/results${s ? `?${s}` : ''}`;
}

function Intro(props: ResultsPageProps): JSX.Element {
  const { t, locale, results } = props;
  const { head, model } = results;
  const compare = props.compare?.selected ?? null;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('mapping.results.heading', { company: head.companyName })}
      </h1>
      <p class="ds-paragraph" safe>
        {t('mapping.results.meta', {
          round: head.roundName[locale],
          instrument: head.instrumentTitle[locale],
        })}
      </p>
      {model.preliminary ? (
        <div class="ds-alert" data-color="warning" data-testid="results-preliminary">
          <p class="ds-paragraph" safe>
            {t('mapping.results.preliminary')}
          </p>
        </div>
      ) : head.submittedAt ? (
        <p class="ds-paragraph" safe>
          {t('mapping.results.submittedOn', { date: formatDate(head.submittedAt) })}
        </p>
      ) : (
        ''
      )}
      {props.print ? (
        <p class="ds-paragraph kn-no-print">
          <a class="ds-link" href={resultsHref(head.id, { compare })} safe>
            {t('mapping.results.backToResults')}
          </a>{' '}
          <span safe>{t('mapping.results.printHint')}</span>
        </p>
      ) : (
        <p class="kn-actions kn-no-print">
          <a class="ds-link" href={`/mappings/${head.id}`} safe>
            {t('mapping.results.backToMapping')}
          </a>
          <a
            class="ds-link"
            href={resultsHref(head.id, { print: '1', compare })}
            data-testid="results-print-link"
            safe
          >
            {t('mapping.results.print')}
          </a>
        </p>
      )}
    </>
  );
}

function Contents(props: { t: RT; compare: boolean }): JSX.Element {
  const { t } = props;
  const items: [string, string][] = [
    ['#matrix-heading', t('mapping.results.matrix')],
    ['#gaps-heading', t('mapping.results.gaps')],
    ['#maturity-heading', t('mapping.results.maturity')],
    ['#recruitment-heading', t('mapping.results.recruitment')],
  ];
  if (props.compare) items.push(['#compare-heading', t('mapping.results.compare')]);
  return (
    <nav aria-labelledby="results-contents" class="kn-no-print">
      <h2 id="results-contents" class="ds-heading" data-size="xs" safe>
        {t('mapping.results.contents')}
      </h2>
      <ul class="ds-list">
        {items.map(([href, label]) => (
          <li>
            <a class="ds-link" href={href} safe>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The page content (inside the layout's <main>, or the print document's). */
export function ResultsPageView(props: ResultsPageProps): JSX.Element {
  const { t, locale, results } = props;
  const { model } = results;
  return (
    <div class="kn-results" data-testid="results">
      <link rel="stylesheet" href={RESULTS_CSS} />
      <Intro {...props} />
      {props.print ? '' : <Contents t={t} compare={props.compare !== null} />}
      <MatrixSection
        t={t}
        locale={locale}
        matrix={model.matrix}
        levels={model.levels}
        horizon={model.horizonMonths}
      />
      <GapsSection t={t} model={model} />
      <MaturitySection t={t} locale={locale} model={model} />
      <RecruitmentSection t={t} model={model} />
      {props.compare ? (
        <CompareSection
          t={t}
          locale={locale}
          mappingId={results.head.id}
          earlier={results.earlier}
          selected={props.compare.selected}
          result={props.compare.result}
          print={props.print}
        />
      ) : (
        ''
      )}
    </div>
  );
}

/** A whole document without the navigation chrome, for printing (works without JavaScript). */
export function ResultsPrintDocument(
  props: ResultsPageProps & { title: string; appName: string },
): JSX.Element {
  return (
    <>
      {'<!doctype html>'}
      <html lang={props.locale} data-color-scheme="light">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{`${props.title} – ${props.appName}`}</title>
          <link rel="stylesheet" href="/assets/ds/theme/designsystemet.css" />
          <link rel="stylesheet" href="/assets/ds/src/index.css" />
          <link rel="stylesheet" href="/assets/app.css" />
        </head>
        <body class="kn-print">
          <main id="main" class="kn-main">
            <ResultsPageView {...props} />
          </main>
        </body>
      </html>
    </>
  );
}
