// A bar chart of budget and outcome per month, drawn as SVG on the server (no script). The chart is an image
// with a title and a description; the same figures are in the table below it on the page.

import type { T } from '../../../platform/i18n/index.ts';
import { formatMoney } from '../../../platform/i18n/index.ts';
import type { EsfKey } from '../messages.ts';

export interface ChartPoint {
  month: string;
  budget: number;
  outcome: number;
}

const W = 760;
const H = 260;
const PAD = { left: 70, right: 10, top: 20, bottom: 40 };

/** Budget and outcome per month as grouped bars, with a legend and a y axis in kronor. */
export function EconomyChart(props: { t: T<EsfKey>; points: ChartPoint[] }): JSX.Element {
  const { t, points } = props;
  const max = Math.max(1, ...points.flatMap((p) => [p.budget, p.outcome]));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, points.length);
  const bar = Math.max(1, slot * 0.38);
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const ticks = [0, 0.5, 1].map((f) => Math.round(max * f));
  const every = Math.max(1, Math.ceil(points.length / 12));
  const total = (k: 'budget' | 'outcome') => points.reduce((s, p) => s + p[k], 0);
  const desc = t('esf.economy.chartDesc', {
    months: points.length,
    budget: formatMoney(total('budget')),
    outcome: formatMoney(total('outcome')),
  });
  return (
    <figure class="kn-chart">
      <svg
        role="img"
        aria-labelledby="economy-chart-title economy-chart-desc"
        viewBox={`0 0 ${W} ${H + 24}`}
        width="100%"
      >
        <title id="economy-chart-title" safe>
          {t('esf.economy.chartTitle')}
        </title>
        <desc id="economy-chart-desc" safe>
          {desc}
        </desc>
        {ticks.map((v) => (
          <g>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#c4c8ce" stroke-width="1" />
            <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end" font-size="11" fill="#1f2328" safe>
              {formatMoney(v)}
            </text>
          </g>
        ))}
        {points.map((p, i) => {
          const x = PAD.left + i * slot + slot * 0.1;
          return (
            <g>
              <rect
                x={x}
                y={y(p.budget)}
                width={bar}
                height={Math.max(0, y(0) - y(p.budget))}
                fill="#6b7280"
              />
              <rect
                x={x + bar}
                y={y(p.outcome)}
                width={bar}
                height={Math.max(0, y(0) - y(p.outcome))}
                fill="#1e5aa8"
              />
              {i % every === 0 ? (
                <text
                  x={x + bar}
                  y={H - PAD.bottom + 16}
                  text-anchor="middle"
                  font-size="11"
                  fill="#1f2328"
                  safe
                >
                  {p.month}
                </text>
              ) : (
                ''
              )}
            </g>
          );
        })}
        <rect x={PAD.left} y={H + 6} width="12" height="12" fill="#6b7280" />
        <text x={PAD.left + 18} y={H + 16} font-size="12" fill="#1f2328" safe>
          {t('esf.economy.budget')}
        </text>
        <rect x={PAD.left + 140} y={H + 6} width="12" height="12" fill="#1e5aa8" />
        <text x={PAD.left + 158} y={H + 16} font-size="12" fill="#1f2328" safe>
          {t('esf.economy.outcome')}
        </text>
      </svg>
      <figcaption class="ds-paragraph" data-size="sm" safe>
        {desc}
      </figcaption>
    </figure>
  );
}
