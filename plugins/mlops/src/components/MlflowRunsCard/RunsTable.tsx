import Checkbox from '@material-ui/core/Checkbox';
import Link from '@material-ui/core/Link';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import { MlflowRunSummary } from '@mlops-portal/plugin-mlops-common';
import { formatDuration, formatNumber, formatTime, WideTable } from '../common';
import { RunStatus } from './RunStatus';

interface SortableColumn {
  label: string;
  /** MLflow `order_by` key; absent when MLflow cannot sort by it. */
  sortKey?: string;
  numeric?: boolean;
}

/** The page of runs as a real table; sorting is done by the server. */
export const RunsTable = ({
  runs,
  params,
  metrics,
  orderBy,
  order,
  onSort,
  compared,
  onToggleCompare,
  onOpenRun,
}: {
  runs: MlflowRunSummary[];
  params: string[];
  metrics: string[];
  orderBy: string;
  order: 'asc' | 'desc';
  onSort: (key: string) => void;
  compared: string[];
  onToggleCompare: (runId: string) => void;
  onOpenRun: (runId: string) => void;
}) => {
  const columns: SortableColumn[] = [
    { label: 'Run', sortKey: 'run_name' },
    { label: 'Status', sortKey: 'status' },
    { label: 'User' },
    { label: 'Start', sortKey: 'start_time' },
    { label: 'Duration' },
    ...params.map(p => ({ label: p, sortKey: `params.${p}` })),
    ...metrics.map(m => ({ label: m, sortKey: `metrics.${m}`, numeric: true })),
  ];
  return (
    <WideTable aria-label="MLflow runs">
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox" style={{ whiteSpace: 'nowrap' }}>
            Compare
          </TableCell>
          {columns.map(column => (
            <TableCell
              key={column.sortKey ?? column.label}
              align={column.numeric ? 'right' : 'left'}
              sortDirection={column.sortKey === orderBy ? order : false}
            >
              {column.sortKey ? (
                <TableSortLabel
                  active={column.sortKey === orderBy}
                  direction={column.sortKey === orderBy ? order : 'desc'}
                  onClick={() => onSort(column.sortKey!)}
                >
                  {column.label}
                </TableSortLabel>
              ) : (
                column.label
              )}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {runs.map(run => (
          <TableRow key={run.runId} hover>
            <TableCell padding="checkbox">
              <Checkbox
                size="small"
                checked={compared.includes(run.runId)}
                onChange={() => onToggleCompare(run.runId)}
                inputProps={{ 'aria-label': `Compare ${run.runName}` }}
              />
            </TableCell>
            <TableCell>
              <Link
                component="button"
                variant="body2"
                onClick={() => onOpenRun(run.runId)}
                aria-label={`Details of run ${run.runName}`}
              >
                {run.runName}
              </Link>{' '}
              <Link
                href={run.runUrl}
                target="_blank"
                rel="noopener noreferrer"
                variant="caption"
                aria-label={`Open run ${run.runName} in MLflow`}
              >
                MLflow ↗
              </Link>
            </TableCell>
            <TableCell>
              <RunStatus status={run.status} />
            </TableCell>
            <TableCell>{run.userId ?? '–'}</TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {formatTime(run.startTime)}
            </TableCell>
            <TableCell>{formatDuration(run.durationMs)}</TableCell>
            {params.map(p => (
              <TableCell key={`p-${p}`}>{run.params[p] ?? '–'}</TableCell>
            ))}
            {metrics.map(m => (
              <TableCell key={`m-${m}`} align="right">
                {formatNumber(run.metrics[m])}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </WideTable>
  );
};
