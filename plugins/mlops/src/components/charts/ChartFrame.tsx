import { CSSProperties, ReactNode, useId } from 'react';
import { VisuallyHidden } from '../common/VisuallyHidden';

/**
 * The frame both charts share: a figure with the SVG titled for screen
 * readers, an optional visible caption, and the data as a table only screen
 * readers get.
 */
export const ChartFrame = ({
  title,
  width,
  height,
  style,
  columns,
  rows,
  caption,
  children,
}: {
  title: string;
  width: number;
  height: number;
  style?: CSSProperties;
  /** Header cells of the screen reader table. */
  columns: string[];
  rows: Array<{ key: string; cells: ReactNode[] }>;
  caption?: ReactNode;
  /** The SVG's content. */
  children: ReactNode;
}) => {
  const titleId = useId();
  return (
    <figure style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={titleId}
        style={style}
      >
        <title id={titleId}>{title}</title>
        {children}
      </svg>
      {caption}
      <VisuallyHidden>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              {columns.map(column => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(row => (
              <tr key={row.key}>
                {row.cells.map((cell, i) => (
                  <td key={i}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </figure>
  );
};
