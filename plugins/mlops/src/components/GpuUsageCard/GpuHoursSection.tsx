import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  GPU_COST_WINDOWS,
  GpuCostResponse,
  GpuCostWindow,
} from '@mlops-portal/plugin-mlops-common';
import { useState } from 'react';
import { LineChart } from '../charts/LineChart';
import {
  formatNumber,
  MlopsErrorPanel,
  TableHeader,
  WideTable,
} from '../common';
import { useGpuCost } from './useGpuUsage';

const hours = (value?: number) =>
  value === undefined ? '–' : `${formatNumber(value)} GPU-h`;

const money = (value: number | undefined, currency: string | undefined) =>
  value === undefined || currency === undefined
    ? '–'
    : new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(
        value,
      );

const DailyChart = ({ cost }: { cost: GpuCostResponse }) => {
  const last = cost.entity.daily.length - 1;
  // x: days before the last day shown (0 = the last day).
  const points = (key: 'allocatedGpuHours' | 'usedGpuHours') =>
    cost.entity.daily.map((d, i) => ({ x: i - last, y: d[key] }));
  return (
    <LineChart
      title={`GPU-hours per day, allocated and used, last ${cost.window}`}
      xLabel={`days before ${cost.entity.daily[last].day.slice(0, 10)} (UTC)`}
      yLabel="GPU-hours"
      series={[
        { name: 'allocated', points: points('allocatedGpuHours') },
        ...(cost.entity.usedGpuHours !== undefined
          ? [{ name: 'used', points: points('usedGpuHours') }]
          : []),
      ]}
    />
  );
};

const IdlePods = ({ cost }: { cost: GpuCostResponse }) => (
  <WideTable aria-label="Pods that held GPUs idle">
    <TableHeader
      columns={[
        'Pod',
        { label: 'Held GPUs for', align: 'right' },
        { label: 'Idle for', align: 'right' },
        { label: 'Idle GPU-hours', align: 'right' },
        { label: 'Average utilisation', align: 'right' },
      ]}
    />
    <TableBody>
      {cost.entity.topIdlePods.map(pod => (
        <TableRow key={`${pod.cluster ?? ''}/${pod.namespace}/${pod.name}`}>
          <TableCell>
            {pod.name}
            <Typography variant="caption" display="block" color="textSecondary">
              namespace {pod.namespace}
              {pod.cluster ? `, cluster ${pod.cluster}` : ''}
            </Typography>
          </TableCell>
          <TableCell align="right">{formatNumber(pod.heldHours)} h</TableCell>
          <TableCell align="right">{formatNumber(pod.idleHours)} h</TableCell>
          <TableCell align="right">{formatNumber(pod.idleGpuHours)}</TableCell>
          <TableCell align="right">
            {pod.averageUtilizationPercent === undefined
              ? '–'
              : `${formatNumber(pod.averageUtilizationPercent)}%`}
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </WideTable>
);

const CostView = ({ cost }: { cost: GpuCostResponse }) => {
  const { entity } = cost;
  const idleShare =
    entity.idleGpuHours !== undefined && entity.allocatedGpuHours > 0
      ? (entity.idleGpuHours / entity.allocatedGpuHours) * 100
      : undefined;
  return (
    <>
      {cost.missing.map(m => (
        <Alert key={m.metric} severity="info" style={{ marginBottom: 8 }}>
          {m.metric} ({m.series}) is missing from Prometheus: {m.effect}.
        </Alert>
      ))}
      <Typography variant="body2" paragraph>
        Allocated {hours(entity.allocatedGpuHours)}, used{' '}
        {hours(entity.usedGpuHours)}, idle {hours(entity.idleGpuHours)}
        {idleShare !== undefined &&
          ` (${formatNumber(Math.round(idleShare * 10) / 10)}% of allocated)`}
        . Cost {money(entity.cost, cost.currency)}
        {entity.unpricedGpuHours > 0 &&
          `, ${hours(entity.unpricedGpuHours)} without a configured price`}
        .
      </Typography>
      {cost.currency === undefined && (
        <Typography variant="body2" color="textSecondary" paragraph>
          Cost appears when mlops.gpuPricing is configured.
        </Typography>
      )}
      {entity.daily.length > 0 && <DailyChart cost={cost} />}
      {entity.topIdlePods.length > 0 ? (
        <IdlePods cost={cost} />
      ) : (
        <Typography variant="body2">
          No pod held GPUs below {cost.idleThresholdPercent}% utilisation for an
          hour or more.
        </Typography>
      )}
    </>
  );
};

/** GPU-hours over a chosen window: allocated vs used per day, idle share, cost and the top idle pods. */
export const GpuHoursSection = () => {
  const [window, setWindow] = useState<GpuCostWindow>('7d');
  const state = useGpuCost(window);
  return (
    <Box component="section" mt={2} aria-label="GPU-hours and cost">
      <Box display="flex" alignItems="center" mb={1} style={{ gap: 12 }}>
        <Typography variant="subtitle1" component="h3">
          GPU-hours and cost
        </Typography>
        <ButtonGroup size="small" aria-label="Window">
          {GPU_COST_WINDOWS.map(w => (
            <Button
              key={w}
              aria-pressed={w === window}
              variant={w === window ? 'contained' : 'outlined'}
              onClick={() => setWindow(w)}
            >
              {w}
            </Button>
          ))}
        </ButtonGroup>
      </Box>
      {state.error && <MlopsErrorPanel error={state.error} />}
      {state.loading && !state.value && (
        <Typography variant="body2">Loading GPU-hours…</Typography>
      )}
      {state.value && !state.error && <CostView cost={state.value} />}
    </Box>
  );
};
