// Horizontal bar charts as inline SVG made on the server: no chart library, no JavaScript. Each chart is
// an image with a text alternative (its caption and summary); every bar carries its label and value as
// text, and bars are hatched as well as coloured, so nothing relies on colour alone. The same data is
// always given as a table next to the chart by the caller.

export interface Bar {
  label: string;
  value: number;
  /** The value as shown next to the bar (e.g. "3 – Stämmer till stor del"). */
  display: string;
}

export interface BarChartProps {
  id: string;
  title: string;
  summary: string;
  bars: Bar[];
  /** The value of a full-length bar. */
  max: number;
  /** Optional tick values drawn as vertical guide lines with their numbers. */
  ticks?: number[];
}

const WIDTH = 720;
const LABEL_H = 18;
const BAR_H = 18;
const GAP = 12;
const LEFT = 8;
const VALUE_W = 250;
const TOP = 8;
const AXIS_H = 20;

/** Keep a label on one line of the SVG (the table beside the chart has the full text). */
function clip(text: string, max = 95): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function BarChart(props: BarChartProps): JSX.Element {
  const { id, bars } = props;
  const plot = WIDTH - LEFT - VALUE_W;
  const step = LABEL_H + BAR_H + GAP;
  const ticks = props.ticks ?? [];
  const height = TOP + bars.length * step + (ticks.length ? AXIS_H : 0);
  const x = (v: number) => LEFT + (props.max > 0 ? (Math.max(0, v) / props.max) * plot : 0);
  return (
    <figure class="kn-chart" data-testid={`${id}-chart`}>
      <figcaption id={`${id}-title`} class="kn-chart__title" safe>
        {props.title}
      </figcaption>
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-summary`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
        class="kn-chart__svg"
        xmlns="http://www.w3.org/2000/svg"
      >
        <defs>
          <pattern
            id={`${id}-hatch`}
            width="8"
            height="8"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="8" height="8" fill="#1f4e79" />
            <rect width="3" height="8" fill="#8fb3d9" />
          </pattern>
        </defs>
        {ticks.map((t) => (
          <>
            <line
              x1={String(x(t))}
              x2={String(x(t))}
              y1={String(TOP)}
              y2={String(TOP + bars.length * step)}
              stroke="#6b6b6b"
              stroke-dasharray="2 3"
            />
            <text
              x={String(x(t))}
              y={String(TOP + bars.length * step + 14)}
              font-size="12"
              text-anchor="middle"
              fill="#1a1a1a"
              safe
            >
              {String(t)}
            </text>
          </>
        ))}
        {bars.map((b, i) => {
          const y = TOP + i * step;
          const w = Math.max(x(b.value) - LEFT, b.value > 0 ? 2 : 0);
          return (
            <g>
              <text x={String(LEFT)} y={String(y + 13)} font-size="13" fill="#1a1a1a" safe>
                {clip(b.label)}
              </text>
              <rect
                x={String(LEFT)}
                y={String(y + LABEL_H)}
                width={String(w)}
                height={String(BAR_H)}
                fill={`url(#${id}-hatch)`}
                stroke="#1a1a1a"
                stroke-width="1"
              />
              <text
                x={String(LEFT + w + 6)}
                y={String(y + LABEL_H + 13)}
                font-size="13"
                font-weight="600"
                fill="#1a1a1a"
                safe
              >
                {b.display}
              </text>
            </g>
          );
        })}
      </svg>
      <p id={`${id}-summary`} class="ds-paragraph kn-chart__summary" data-size="sm" safe>
        {props.summary}
      </p>
    </figure>
  );
}
