// The roles × competences matrix: required level now → in 12–36 months against the current state.
import type { Locale } from '../../../platform/i18n/index.ts';
import type { LevelLabel, Matrix, MatrixCell } from '../results/model.ts';
import { CompetenceName, levelText, type RT } from './results-shared.tsx';

const statusIcon = { met: '✓', partial: '▲', none: '✕' } as const;

/** A small bar of how many reach the level: decoration only, the same is said in words beside it. */
function Meter(props: { cell: MatrixCell }): JSX.Element {
  const { cell } = props;
  const w = cell.people > 0 ? Math.round((Math.min(cell.meetingNow, cell.people) / cell.people) * 60) : 0;
  return (
    <svg class="kn-meter" width="62" height="10" viewBox="0 0 62 10" aria-hidden="true" focusable="false">
      <rect x="0.5" y="0.5" width="61" height="9" fill="#ffffff" stroke="#1a1a1a" />
      <rect x="1" y="1" width={String(w)} height="8" fill="#1f4e79" />
    </svg>
  );
}

function Cell(props: { t: RT; locale: Locale; levels: LevelLabel[]; cell: MatrixCell }): JSX.Element {
  const { t, cell, levels, locale } = props;
  const gapText =
    cell.status === 'met'
      ? t('mapping.results.matrix.met')
      : cell.status === 'none'
        ? t('mapping.results.matrix.noneMeet')
        : t('mapping.results.matrix.partial', { short: cell.short });
  return (
    <td class="kn-cell" data-status={cell.status}>
      <span class="kn-cell__levels" safe>
        {t('mapping.results.matrix.levels', {
          now: levelText(levels, cell.levelNow, locale),
          future: levelText(levels, cell.levelFuture, locale),
        })}
      </span>
      {cell.rising ? (
        <span class="kn-cell__rising" safe>
          {`(${t('mapping.results.matrix.rising')})`}
        </span>
      ) : (
        ''
      )}
      <span class="kn-cell__meeting" safe>
        {t('mapping.results.matrix.meeting', { meeting: cell.meetingNow, people: cell.people })}
      </span>
      <span class="kn-gap" data-status={cell.status}>
        <Meter cell={cell} />
        <span aria-hidden="true" class="kn-gap__icon">
          {statusIcon[cell.status]}
        </span>{' '}
        <span safe>{gapText}</span>
      </span>
    </td>
  );
}

export function MatrixSection(props: {
  t: RT;
  locale: Locale;
  matrix: Matrix;
  levels: LevelLabel[];
  horizon: { min: number; max: number };
}): JSX.Element {
  const { t, locale, matrix, levels } = props;
  return (
    <section class="kn-results-section" aria-labelledby="matrix-heading" data-testid="results-matrix">
      <h2 id="matrix-heading" class="ds-heading" data-size="md" safe>
        {t('mapping.results.matrix')}
      </h2>
      {matrix.roles.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('mapping.results.none')}
        </p>
      ) : (
        <div class="kn-table-wrap" role="region" aria-labelledby="matrix-caption" tabindex="0">
          <table class="ds-table kn-matrix" data-border>
            <caption id="matrix-caption" safe>
              {t('mapping.results.matrix.caption', { min: props.horizon.min, max: props.horizon.max })}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('mapping.results.matrix.role')}
                </th>
                {matrix.competences.map((c) => (
                  <th scope="col">
                    <CompetenceName t={t} competence={c} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.roles.map((r, ri) => (
                <tr>
                  <th scope="row">
                    <span class="kn-role__title" safe>
                      {r.title}
                    </span>
                    <span class="kn-role__meta" safe>
                      {r.ssykName ? `${r.ssyk} ${r.ssykName}` : r.ssyk}
                    </span>
                    <span class="kn-role__meta" safe>
                      {t('mapping.results.matrix.people', { women: r.women, men: r.men })}
                    </span>
                    {r.critical || r.keyPerson ? (
                      <span class="kn-role__meta" safe>
                        {[
                          r.critical ? t('mapping.results.matrix.critical') : '',
                          r.keyPerson ? t('mapping.results.matrix.keyPerson') : '',
                        ]
                          .filter(Boolean)
                          .join(', ')}
                      </span>
                    ) : (
                      ''
                    )}
                  </th>
                  {matrix.competences.map((_, ci) => {
                    const cell = matrix.cells[ri]?.[ci] ?? null;
                    return cell ? (
                      <Cell t={t} locale={locale} levels={levels} cell={cell} />
                    ) : (
                      <td class="kn-cell" data-status="empty">
                        <span aria-hidden="true">–</span>
                        <span class="ds-sr-only" safe>
                          {t('mapping.results.matrix.noRequirement')}
                        </span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 class="ds-heading" data-size="xs" safe>
        {t('mapping.results.levelScale')}
      </h3>
      <ul class="ds-list kn-levels" data-testid="results-levels">
        {levels.map((l) => (
          <li safe>{`${l.value} ${l.label[locale]}`}</li>
        ))}
      </ul>
    </section>
  );
}
