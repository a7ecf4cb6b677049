import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import Link from '@material-ui/core/Link';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import { MlflowRunSummary } from '@mlops-portal/plugin-mlops-common';
import {
  formatNumber,
  formatRunDuration,
  formatTime,
  UpstreamLink,
  WideTable,
} from '../common';
import { firstSortOrder } from './useMlflowRuns';
import { RunStatus } from './RunStatus';

interface SortableColumn {
  label: string;
  /** MLflow `order_by` key; absent when MLflow cannot sort by it. */
  sortKey?: string;
  numeric?: boolean;
}

const SortHeader = ({
  column,
  orderBy,
  order,
  onSort,
}: {
  column: SortableColumn;
  orderBy: string;
  order: 'asc' | 'desc';
  onSort: (key: string) => void;
}) => {
  const active = column.sortKey === orderBy;
  return (
    <TableCell
      align={column.numeric ? 'right' : 'left'}
      sortDirection={active ? order : false}
    >
      {column.sortKey ? (
        <TableSortLabel
          active={active}
          direction={active ? order : firstSortOrder(column.sortKey)}
          onClick={() => onSort(column.sortKey!)}
        >
          {column.label}
        </TableSortLabel>
      ) : (
        column.label
      )}
    </TableCell>
  );
};

/**
 * The page of runs as a real table; sorting is done by the server. The first
 * column (the compare box and the run's name) stays in view while the param
 * and metric columns scroll.
 */
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
  demo,
  now,
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
  /** The runs are demo data: MLflow links explain there is no MLflow. */
  demo?: boolean;
  /** For the elapsed time of running runs. */
  now?: number;
}) => {
  // What matters first comes first (status, metrics, params); when the
  // card is narrow, start, duration and user are the columns that scroll.
  const columns: SortableColumn[] = [
    { label: 'Status', sortKey: 'status' },
    ...metrics.map(m => ({ label: m, sortKey: `metrics.${m}`, numeric: true })),
    ...params.map(p => ({ label: p, sortKey: `params.${p}` })),
    { label: 'Start', sortKey: 'start_time' },
    { label: 'Duration' },
    { label: 'User' },
  ];
  const header = { orderBy, order, onSort };
  // Dataset and LoggedModel columns only where the server tracks them (MLflow 2.4+ / 3).
  const withDatasets = runs.some(r => r.datasets?.length);
  const withModels = runs.some(r => r.loggedModelIds?.length);
  return (
    <WideTable aria-label="MLflow runs">
      <TableHead>
        <TableRow>
          <SortHeader
            column={{ label: 'Run', sortKey: 'run_name' }}
            {...header}
          />
          {columns.map(column => (
            <SortHeader
              key={column.sortKey ?? column.label}
              column={column}
              {...header}
            />
          ))}
          {withDatasets && <TableCell>Datasets</TableCell>}
          {withModels && <TableCell>Logged models</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {runs.map(run => (
          <TableRow key={run.runId} hover>
            <TableCell padding="none">
              <Box display="flex" alignItems="center" pr={1}>
                <Checkbox
                  size="small"
                  checked={compared.includes(run.runId)}
                  onChange={() => onToggleCompare(run.runId)}
                  inputProps={{ 'aria-label': `Compare ${run.runName}` }}
                />
                <Link
                  component="button"
                  variant="body2"
                  onClick={() => onOpenRun(run.runId)}
                  aria-label={`Details of run ${run.runName}`}
                >
                  {run.runName}
                </Link>
                &nbsp;
                <UpstreamLink
                  href={run.runUrl}
                  demo={demo}
                  variant="caption"
                  aria-label={`Open run ${run.runName} in MLflow`}
                >
                  MLflow ↗
                </UpstreamLink>
              </Box>
            </TableCell>
            <TableCell>
              <RunStatus status={run.status} />
            </TableCell>
            {metrics.map(m => (
              <TableCell key={`m-${m}`} align="right">
                {formatNumber(run.metrics[m])}
              </TableCell>
            ))}
            {params.map(p => (
              <TableCell key={`p-${p}`}>{run.params[p] ?? '–'}</TableCell>
            ))}
            <TableCell>{formatTime(run.startTime)}</TableCell>
            <TableCell>{formatRunDuration(run, now)}</TableCell>
            <TableCell>{run.userId ?? '–'}</TableCell>
            {withDatasets && (
              <TableCell>
                {run.datasets?.length
                  ? run.datasets.map(d => (
                      <div key={`${d.name}@${d.digest}`}>
                        {d.name}
                        {d.context ? ` (${d.context})` : ''}{' '}
                        <Typography
                          variant="caption"
                          color="textSecondary"
                          component="span"
                        >
                          <code>{d.digest}</code>
                        </Typography>
                      </div>
                    ))
                  : '–'}
              </TableCell>
            )}
            {withModels && (
              <TableCell>
                {run.loggedModelIds?.length
                  ? run.loggedModelIds.map(id => (
                      <div key={id}>
                        <code>{id}</code>
                      </div>
                    ))
                  : '–'}
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </WideTable>
  );
};
