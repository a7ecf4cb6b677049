import { formatNumber, formatTicks } from '../common/format';
import { extent, linearScale, niceAxis, SERIES_COLORS, ticks } from './scale';
import { ChartFrame } from './ChartFrame';

/** One line of a {@link LineChart}. */
export interface LineSeries {
  name: string;
  points: Array<{ x: number; y: number }>;
}

const WIDTH = 560;
const HEIGHT = 220;
const PAD = { top: 12, right: 16, bottom: 32, left: 52 };
const MAX_DOTS = 60;

/**
 * Lines over a shared x axis, as a small SVG. Screen readers get the title
 * and a table of every point.
 */
export const LineChart = ({
  title,
  series,
  xLabel,
  yLabel,
}: {
  title: string;
  series: LineSeries[];
  xLabel: string;
  yLabel: string;
}) => {
  const all = series.flatMap(s => s.points);
  const xDomain = extent(all.map(p => p.x));
  // The y axis runs from one round tick to another (0.76 … 0.84).
  const yAxis = niceAxis(extent(all.map(p => p.y)));
  const yLabels = formatTicks(yAxis.ticks);
  const x = linearScale(xDomain, [PAD.left, WIDTH - PAD.right]);
  const y = linearScale(yAxis.domain, [HEIGHT - PAD.bottom, PAD.top]);
  // Few distinct x values (e.g. steps 0..2): label exactly those.
  const xs = [...new Set(all.map(p => p.x))].sort((a, b) => a - b);
  const xTicks = xs.length <= 8 ? xs : ticks(xDomain, 6);
  const xLabels = formatTicks(xTicks);

  return (
    <ChartFrame
      title={title}
      width={WIDTH}
      height={HEIGHT}
      style={{ maxHeight: HEIGHT, fontSize: 11 }}
      columns={['series', xLabel, yLabel]}
      rows={series.flatMap(s =>
        s.points.map((p, j) => ({
          key: `${s.name}-${j}`,
          cells: [s.name, formatNumber(p.x), formatNumber(p.y)],
        })),
      )}
      caption={
        <figcaption aria-hidden="true" style={{ fontSize: 12 }}>
          {series.map((s, i) => (
            <span
              key={s.name}
              style={{ marginRight: 12, whiteSpace: 'nowrap' }}
            >
              <span style={{ color: SERIES_COLORS[i % SERIES_COLORS.length] }}>
                ■
              </span>{' '}
              {s.name}
            </span>
          ))}
        </figcaption>
      }
    >
      {yAxis.ticks.map((t, i) => (
        <g key={`y${t}`}>
          <line
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={y(t)}
            y2={y(t)}
            stroke="currentColor"
            strokeOpacity={0.1}
          />
          <text
            x={PAD.left - 6}
            y={y(t) + 4}
            textAnchor="end"
            fill="currentColor"
          >
            {yLabels[i]}
          </text>
        </g>
      ))}
      {xTicks.map((t, i) => (
        <text
          key={`x${t}`}
          x={x(t)}
          y={HEIGHT - PAD.bottom + 14}
          textAnchor="middle"
          fill="currentColor"
        >
          {xLabels[i]}
        </text>
      ))}
      <text
        x={WIDTH / 2}
        y={HEIGHT - 4}
        textAnchor="middle"
        fill="currentColor"
      >
        {xLabel}
      </text>
      {series.map((s, i) => (
        <g key={s.name}>
          <polyline
            fill="none"
            stroke={SERIES_COLORS[i % SERIES_COLORS.length]}
            strokeWidth={2}
            points={s.points.map(p => `${x(p.x)},${y(p.y)}`).join(' ')}
          />
          {/* A dot per point while they stay apart; a long curve (a ROC) is the line alone. */}
          {(s.points.length <= MAX_DOTS ? s.points : []).map((p, j) => (
            <circle
              key={j}
              cx={x(p.x)}
              cy={y(p.y)}
              r={3}
              fill={SERIES_COLORS[i % SERIES_COLORS.length]}
            />
          ))}
        </g>
      ))}
    </ChartFrame>
  );
};
