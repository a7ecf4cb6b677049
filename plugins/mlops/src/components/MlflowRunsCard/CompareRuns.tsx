import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { MlflowRunSummary } from '@mlops-portal/plugin-mlops-common';
import { formatNumber, TableHeader, WideTable } from '../common';

const useStyles = makeStyles(theme => ({
  differs: {
    background: theme.palette.type === 'dark' ? '#3d3300' : '#fff8e1',
  },
  best: { fontWeight: 'bold' },
}));

type Row =
  | { kind: 'param'; key: string; values: Array<string | undefined> }
  | { kind: 'metric'; key: string; values: Array<number | undefined> };

/** Param and metric rows of the compared runs; `differs` when the runs disagree. */
export function compareRows(
  runs: MlflowRunSummary[],
): Array<Row & { differs: boolean }> {
  const paramKeys = [
    ...new Set(runs.flatMap(r => Object.keys(r.params))),
  ].sort();
  const metricKeys = [
    ...new Set(runs.flatMap(r => Object.keys(r.metrics))),
  ].sort();
  const differs = (values: unknown[]) =>
    new Set(values.map(v => String(v))).size > 1;
  return [
    ...paramKeys.map(key => {
      const values = runs.map(r => r.params[key]);
      return { kind: 'param' as const, key, values, differs: differs(values) };
    }),
    ...metricKeys.map(key => {
      const values = runs.map(r => {
        const value = r.metrics[key];
        return typeof value === 'number' ? value : undefined;
      });
      return { kind: 'metric' as const, key, values, differs: differs(values) };
    }),
  ];
}

/**
 * The ticked runs side by side: every param and metric, the rows where they
 * differ highlighted and marked, and each metric's min and max across them.
 */
export const CompareRuns = ({ runs }: { runs: MlflowRunSummary[] }) => {
  const classes = useStyles();
  const rows = compareRows(runs);
  return (
    <section aria-label="Compared runs">
      <Typography variant="subtitle2" component="h3">
        {runs.length} runs side by side
      </Typography>
      <WideTable aria-label="Compared runs">
        <TableHeader
          columns={[
            'Param or metric',
            ...runs.map(run => run.runName),
            { label: 'Min', align: 'right' },
            { label: 'Max', align: 'right' },
            'Differs',
          ]}
        />
        <TableBody>
          {rows.map(row => {
            const numbers =
              row.kind === 'metric'
                ? row.values.filter((v): v is number => v !== undefined)
                : [];
            const min = numbers.length ? Math.min(...numbers) : undefined;
            const max = numbers.length ? Math.max(...numbers) : undefined;
            return (
              <TableRow
                key={`${row.kind}:${row.key}`}
                className={row.differs ? classes.differs : undefined}
              >
                <TableCell>
                  {row.kind === 'param' ? 'params.' : 'metrics.'}
                  {row.key}
                </TableCell>
                {row.values.map((value, i) => (
                  <TableCell
                    key={runs[i].runId}
                    align={row.kind === 'metric' ? 'right' : 'left'}
                    className={
                      row.kind === 'metric' && row.differs && value === max
                        ? classes.best
                        : undefined
                    }
                  >
                    {row.kind === 'metric'
                      ? formatNumber(value as number | undefined)
                      : value ?? '–'}
                  </TableCell>
                ))}
                <TableCell align="right">{formatNumber(min)}</TableCell>
                <TableCell align="right">{formatNumber(max)}</TableCell>
                <TableCell>{row.differs ? 'differs' : ''}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </WideTable>
    </section>
  );
};
