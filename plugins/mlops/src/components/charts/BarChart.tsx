import { formatNumber, formatTicks } from '../common/format';
import { barAxis, linearScale, SERIES_COLORS } from './scale';
import { ChartFrame } from './ChartFrame';

const BAR_HEIGHT = 20;
const GAP = 6;
const WIDTH = 560;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 60;
const AXIS_HEIGHT = 22;

/**
 * Horizontal bars, one per item, as a small SVG, over a labelled value axis
 * that fits the data: it starts at zero only when that leaves the
 * differences visible (0.81 and 0.85 must not look equal), and its first
 * tick says where it starts. Screen readers get a table of the values.
 */
export const BarChart = ({
  title,
  itemLabel,
  valueLabel,
  bars,
}: {
  title: string;
  itemLabel: string;
  valueLabel: string;
  bars: Array<{ label: string; value: number }>;
}) => {
  const axis = barAxis(bars.map(b => b.value));
  const labels = formatTicks(axis.ticks);
  const x = linearScale(axis.domain, [LABEL_WIDTH, WIDTH - VALUE_WIDTH]);
  // Bars grow from zero when zero is on the axis, else from the axis start.
  const base = axis.fromZero ? 0 : axis.domain[0];
  const plotHeight = bars.length * (BAR_HEIGHT + GAP) + GAP;
  const height = plotHeight + AXIS_HEIGHT;

  return (
    <ChartFrame
      title={title}
      width={WIDTH}
      height={height}
      style={{ fontSize: 11 }}
      columns={[itemLabel, valueLabel]}
      rows={bars.map((bar, i) => ({
        key: `${bar.label}-${i}`,
        cells: [bar.label, formatNumber(bar.value)],
      }))}
    >
      {axis.ticks.map((t, i) => (
        <g key={`t${t}`}>
          <line
            x1={x(t)}
            x2={x(t)}
            y1={0}
            y2={plotHeight}
            stroke="currentColor"
            strokeOpacity={t === 0 ? 0.4 : 0.1}
          />
          <text
            x={x(t)}
            y={plotHeight + 14}
            textAnchor="middle"
            fill="currentColor"
          >
            {labels[i]}
          </text>
        </g>
      ))}
      {bars.map((bar, i) => {
        const top = GAP + i * (BAR_HEIGHT + GAP);
        const x0 = x(Math.min(base, bar.value));
        const x1 = x(Math.max(base, bar.value));
        return (
          <g key={`${bar.label}-${i}`}>
            <text
              x={LABEL_WIDTH - 6}
              y={top + BAR_HEIGHT / 2 + 4}
              textAnchor="end"
              fill="currentColor"
            >
              {bar.label}
            </text>
            <rect
              x={x0}
              y={top}
              width={Math.max(x1 - x0, 1)}
              height={BAR_HEIGHT}
              fill={SERIES_COLORS[0]}
            />
            <text x={x1 + 4} y={top + BAR_HEIGHT / 2 + 4} fill="currentColor">
              {formatNumber(bar.value)}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
};
