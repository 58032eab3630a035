// The rows behind one indicator figure: participants (masked numbers only), companies, or training hours
// per participant, for the ESF and region administrators.
import { formatNumber, type T } from '../../../platform/i18n/index.ts';
import type { EsfKey } from '../messages.ts';
import type { Figure, FigureRows } from '../service/indicators.ts';

type ET = T<EsfKey>;

export interface RowsVM {
  figure: Figure;
  from: string;
  to: string;
  result: FigureRows;
}

function Head(props: { cols: string[] }): JSX.Element {
  return (
    <thead>
      <tr>
        {props.cols.map((c) => (
          <th scope="col" safe>
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}

function Body(props: { t: ET; r: FigureRows }): JSX.Element {
  const { t, r } = props;
  const unknown = t('esf.indicators.unknown');
  if (r.kind === 'participants')
    return (
      <>
        <Head
          cols={[
            t('esf.indicators.col.name'),
            t('esf.indicators.col.masked'),
            t('esf.indicators.col.gender'),
            t('esf.indicators.ageBand'),
            t('esf.indicators.company'),
            t('esf.indicators.municipality'),
            t('esf.indicators.col.started'),
          ]}
        />
        <tbody>
          {r.rows.map((p) => (
            <tr>
              <th scope="row">
                <a class="ds-link" href={`/esf/participants/${p.id}`} safe>
                  {`${p.lastName}, ${p.firstName}`}
                </a>
              </th>
              <td safe>{p.masked ?? '–'}</td>
              <td safe>{t(p.gender === 'woman' ? 'esf.indicators.woman' : 'esf.indicators.man')}</td>
              <td safe>{p.ageBand || unknown}</td>
              <td safe>{p.companyName}</td>
              <td safe>{p.municipalityName ?? unknown}</td>
              <td safe>{p.startedOn}</td>
            </tr>
          ))}
        </tbody>
      </>
    );
  if (r.kind === 'hours')
    return (
      <>
        <Head
          cols={[t('esf.indicators.col.name'), t('esf.indicators.col.masked'), t('esf.indicators.col.hours')]}
        />
        <tbody>
          {r.rows.map((p) => (
            <tr>
              <th scope="row" safe>
                {`${p.lastName}, ${p.firstName}`}
              </th>
              <td safe>{p.masked ?? '–'}</td>
              <td data-numeric safe>
                {formatNumber(p.hours)}
              </td>
            </tr>
          ))}
        </tbody>
      </>
    );
  return (
    <>
      <Head
        cols={[t('esf.indicators.company'), t('esf.indicators.municipality'), t('esf.indicators.col.date')]}
      />
      <tbody>
        {r.rows.map((c) => (
          <tr>
            <th scope="row">
              <a class="ds-link" href={`/companies/${c.companyId}`} safe>
                {c.companyName}
              </a>
            </th>
            <td safe>{c.municipalityName ?? unknown}</td>
            <td safe>{c.date}</td>
          </tr>
        ))}
      </tbody>
    </>
  );
}

export function IndicatorRowsPage(props: { t: ET; vm: RowsVM }): JSX.Element {
  const { t, vm } = props;
  const name = t(`esf.indicators.figure.${vm.figure}`);
  return (
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/esf/indicators?from=${vm.from}&to=${vm.to}`} safe>
          {t('esf.indicators.back')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.indicators.rowsTitle', { figure: name })}
      </h1>
      <p class="ds-paragraph" safe>
        {t('esf.indicators.rowsIntro', { from: vm.from, to: vm.to, count: vm.result.rows.length })}
      </p>
      <div class="kn-table-wrap" role="region" aria-label={name} tabindex="0">
        <table class="ds-table" data-size="sm">
          <caption safe>{t('esf.indicators.caption', { from: vm.from, to: vm.to })}</caption>
          <Body t={t} r={vm.result} />
        </table>
      </div>
    </>
  );
}
