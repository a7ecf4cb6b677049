import { useId } from 'react';
import { VisuallyHidden } from '../common/VisuallyHidden';
import { formatNumber } from '../common/format';
import { SERIES_COLORS } from './scale';

const BAR_HEIGHT = 20;
const GAP = 6;
const WIDTH = 560;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 60;

/**
 * Horizontal bars, one per item, as a small SVG; the bars start at zero so
 * their lengths compare honestly. Screen readers get a table of the values.
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
  const titleId = useId();
  const max = Math.max(0, ...bars.map(b => b.value)) || 1;
  const min = Math.min(0, ...bars.map(b => b.value));
  const span = max - min || 1;
  const plotWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const x = (v: number) => LABEL_WIDTH + ((v - min) / span) * plotWidth;
  const height = bars.length * (BAR_HEIGHT + GAP) + GAP;

  return (
    <figure style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={titleId}
        style={{ fontSize: 11 }}
      >
        <title id={titleId}>{title}</title>
        {bars.map((bar, i) => {
          const top = GAP + i * (BAR_HEIGHT + GAP);
          const x0 = x(Math.min(0, bar.value));
          const x1 = x(Math.max(0, bar.value));
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
      </svg>
      <VisuallyHidden>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{itemLabel}</th>
              <th scope="col">{valueLabel}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar, i) => (
              <tr key={`${bar.label}-${i}`}>
                <td>{bar.label}</td>
                <td>{formatNumber(bar.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </figure>
  );
};
