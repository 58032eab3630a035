import { CsrfField } from '../../../../platform/http/views.tsx';
import { formatDateTime, formatNumber, type Locale, type T } from '../../../../platform/i18n/index.ts';
import type { ImportRecord } from '../import-service.ts';
import type { TransferKey } from '../messages.ts';
import { displayOrgNumber, rowErrorText } from '../present.ts';
import { type Outcome, outcomes } from '../schema.ts';

export const GOOD_ROWS_SHOWN = 20;

export interface PreviewViewProps {
  t: T<TransferKey>;
  locale: Locale;
  imp: ImportRecord;
  csrf: string;
  municipalityNames: Map<string, string>;
  /** A problem to show at the top (a confirmation that could not be completed). */
  alert?: string;
}

export function previewTitle(t: T<TransferKey>, imp: ImportRecord): string {
  if (imp.status === 'done') return t('transfer.done.title');
  if (imp.status === 'cancelled') return t('transfer.cancelled.title');
  return t('transfer.preview.title');
}

export function PreviewView(props: PreviewViewProps): JSX.Element {
  const { t, imp } = props;
  const counts = imp.summary.counts;
  const writable = counts.new + counts.update;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {previewTitle(t, imp)}
      </h1>
      {props.alert ? (
        <div class="ds-alert" data-color="danger" role="alert">
          <p class="ds-paragraph" safe>
            {props.alert}
          </p>
        </div>
      ) : (
        ''
      )}
      <p class="ds-paragraph" safe>
        {t('transfer.preview.file', {
          file: imp.fileName,
          rows: imp.summary.total,
          mode: t(`transfer.import.mode.${imp.duplicateMode}`),
        })}
      </p>
      <Status {...props} />
      {imp.status === 'cancelled' ? '' : <CountsTable t={t} counts={counts} />}
      {imp.summary.ignoredHeaders.length > 0 && imp.status !== 'cancelled' ? (
        <p class="ds-paragraph" data-size="sm" safe>
          {t('transfer.preview.ignored', { columns: imp.summary.ignoredHeaders.join(', ') })}
        </p>
      ) : (
        ''
      )}
      {imp.status === 'cancelled' ? '' : <ErrorRows {...props} />}
      {imp.status === 'pending' ? <GoodRows {...props} /> : ''}
      {imp.status === 'pending' ? <Actions {...props} writable={writable} /> : ''}
    </>
  );
}

function Status(props: PreviewViewProps): JSX.Element {
  const { t, imp } = props;
  if (imp.status === 'cancelled')
    return (
      <p class="ds-paragraph" safe>
        {t('transfer.cancelled.body')}
      </p>
    );
  if (imp.status === 'done') {
    const r = imp.summary.result ?? { added: 0, updated: 0, unchanged: 0, skipped: 0, errors: 0 };
    return (
      <>
        <div class="ds-alert" data-color="success" role="status">
          <p class="ds-paragraph" data-testid="import-result" safe>
            {t('transfer.done.summary', { ...r })}
          </p>
        </div>
        <p class="ds-paragraph">
          <a class="ds-link" href="/companies" safe>
            {t('transfer.done.list')}
          </a>
        </p>
      </>
    );
  }
  return (
    <p class="ds-paragraph" safe>
      {`${t('transfer.preview.notSaved')} ${t('transfer.preview.expires', { time: formatDateTime(new Date(imp.expiresAt)) })}`}
    </p>
  );
}

function CountsTable(props: { t: T<TransferKey>; counts: Record<Outcome, number> }): JSX.Element {
  const { t } = props;
  return (
    <table class="ds-table kn-counts" data-testid="import-counts">
      <caption safe>{t('transfer.preview.counts')}</caption>
      <tbody>
        {outcomes.map((o) => (
          <tr data-outcome={o}>
            <th scope="row" safe>
              {t(`transfer.outcome.${o}`)}
            </th>
            <td safe>{formatNumber(props.counts[o])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ErrorRows(props: PreviewViewProps): JSX.Element {
  const { t, imp } = props;
  const bad = imp.rows.filter((r) => r.outcome === 'error');
  if (bad.length === 0) return '';
  return (
    <section aria-labelledby="import-errors">
      <h2 id="import-errors" class="ds-heading" data-size="md" safe>
        {t('transfer.preview.errors', { n: bad.length })}
      </h2>
      <p class="ds-paragraph" safe>
        {t('transfer.preview.errors.intro')}
      </p>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/companies/import/${imp.id}/errors.csv`} download="" safe>
          {t('transfer.preview.errors.download')}
        </a>
      </p>
      <div class="kn-table-wrap">
        <table class="ds-table" data-testid="import-errors">
          <caption safe>{t('transfer.preview.errors.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('transfer.preview.line')}
              </th>
              <th scope="col" safe>
                {t('transfer.col.orgNumber')}
              </th>
              <th scope="col" safe>
                {t('transfer.col.name')}
              </th>
              <th scope="col" safe>
                {t('transfer.preview.reason')}
              </th>
            </tr>
          </thead>
          <tbody>
            {bad.map((r) => (
              <tr data-line={String(r.line)}>
                <th scope="row" safe>
                  {String(r.line)}
                </th>
                <td class="kn-nowrap" safe>
                  {displayOrgNumber(r.values.orgNumber)}
                </td>
                <td safe>{r.values.name ?? ''}</td>
                <td>
                  <ul class="ds-list">
                    {r.errors.map((e) => (
                      <li safe>{rowErrorText(t, props.locale, e)}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function GoodRows(props: PreviewViewProps): JSX.Element {
  const { t, imp } = props;
  const good = imp.rows.filter((r) => r.outcome !== 'error');
  if (good.length === 0) return '';
  const shown = good.slice(0, GOOD_ROWS_SHOWN);
  const municipality = (code: string | undefined) =>
    code ? `${code}${props.municipalityNames.has(code) ? ` ${props.municipalityNames.get(code)}` : ''}` : '';
  return (
    <section aria-labelledby="import-good">
      <h2 id="import-good" class="ds-heading" data-size="md" safe>
        {t('transfer.preview.good', { n: shown.length, total: good.length })}
      </h2>
      <div class="kn-table-wrap">
        <table class="ds-table" data-testid="import-good">
          <caption safe>{t('transfer.preview.good.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('transfer.preview.line')}
              </th>
              <th scope="col" safe>
                {t('transfer.col.orgNumber')}
              </th>
              <th scope="col" safe>
                {t('transfer.col.name')}
              </th>
              <th scope="col" safe>
                {t('transfer.col.municipalityCode')}
              </th>
              <th scope="col" safe>
                {t('transfer.preview.action')}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr data-line={String(r.line)}>
                <th scope="row" safe>
                  {String(r.line)}
                </th>
                <td class="kn-nowrap" safe>
                  {displayOrgNumber(r.values.orgNumber)}
                </td>
                <td safe>{r.values.name ?? ''}</td>
                <td safe>{municipality(r.values.municipalityCode)}</td>
                <td safe>{t(`transfer.action.${r.outcome as Exclude<Outcome, 'error'>}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Actions(props: PreviewViewProps & { writable: number }): JSX.Element {
  const { t, imp } = props;
  return (
    <div class="kn-actions">
      {props.writable > 0 ? (
        <form method="post" action={`/companies/import/${imp.id}/confirm`} class="kn-inline-form">
          <CsrfField token={props.csrf} />
          <button type="submit" class="ds-button" data-variant="primary" data-testid="import-confirm" safe>
            {t('transfer.preview.confirm')}
          </button>
        </form>
      ) : (
        <p class="ds-paragraph" safe>
          {t('transfer.preview.nothing')}
        </p>
      )}
      <form method="post" action={`/companies/import/${imp.id}/cancel`} class="kn-inline-form">
        <CsrfField token={props.csrf} />
        <button type="submit" class="ds-button" data-variant="secondary" safe>
          {t('transfer.preview.cancel')}
        </button>
      </form>
      <a class="ds-link" href="/companies/import" safe>
        {t('transfer.preview.again')}
      </a>
    </div>
  );
}
