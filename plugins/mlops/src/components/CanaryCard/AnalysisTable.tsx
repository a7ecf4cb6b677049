import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { CanaryAnalysisRun } from '@mlops-portal/plugin-mlops-common';
import {
  formatNumber,
  StatusKind,
  StatusText,
  TableHeader,
  WideTable,
} from '../common';

const PHASE_KINDS = new Map<string, StatusKind>([
  ['Successful', 'ok'],
  ['Failed', 'error'],
  ['Error', 'error'],
  ['Running', 'running'],
  ['Inconclusive', 'warning'],
]);

const MetricPhase = ({ phase }: { phase: string }) => (
  <StatusText kind={PHASE_KINDS.get(phase) ?? 'pending'}>{phase}</StatusText>
);

/** Each metric of an analysis run: measured value against its condition. */
export const AnalysisTable = ({ run }: { run: CanaryAnalysisRun }) => (
  <>
    <Typography variant="subtitle2" component="h4">
      Analysis {run.name}: <MetricPhase phase={run.phase} />
    </Typography>
    <WideTable aria-label={`Metrics of analysis ${run.name}`}>
      <TableHeader
        columns={[
          'Metric',
          'Result',
          { label: 'Value', align: 'right' },
          'Threshold',
          'Passed / failed (limit)',
        ]}
      />
      <TableBody>
        {run.metrics.map(metric => (
          <TableRow key={metric.name}>
            <TableCell>
              {metric.name}
              {metric.message && (
                <Typography variant="caption" display="block">
                  {metric.message}
                </Typography>
              )}
            </TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              <MetricPhase phase={metric.phase} />
            </TableCell>
            <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
              {formatNumber(metric.value)}
            </TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              <code>{metric.condition ?? '–'}</code>
            </TableCell>
            <TableCell>
              {metric.successful ?? 0} / {metric.failed ?? 0}
              {metric.failureLimit !== undefined && ` (${metric.failureLimit})`}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </WideTable>
  </>
);
