import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';

/** A header cell: its text, or its text with alignment and a minimum width. */
export type TableColumn =
  | string
  | { label: string; align?: 'right'; minWidth?: number };

/**
 * The header row of a card's table. `false` entries stand for columns a
 * table shows only sometimes (e.g. DCGM metrics) and are left out.
 */
export const TableHeader = ({
  columns,
}: {
  columns: ReadonlyArray<TableColumn | false>;
}) => (
  <TableHead>
    <TableRow>
      {columns.map((column, index) => {
        if (column === false) return null;
        const { label, align, minWidth } =
          typeof column === 'string' ? { label: column } : column;
        return (
          <TableCell
            key={index}
            align={align}
            style={minWidth ? { minWidth } : undefined}
          >
            {label}
          </TableCell>
        );
      })}
    </TableRow>
  </TableHead>
);
