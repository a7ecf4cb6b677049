import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  GpuClusterUsage,
  GpuNode,
  GpuPod,
  GpuUsageResponse,
} from '@mlops-portal/plugin-mlops-common';
import { MlopsApiError } from '../../api';
import {
  formatDuration,
  formatMiB,
  Meter,
  MlopsAsyncCard,
  MlopsErrorPanel,
  withCardAnnotation,
  TableHeader,
  WideTable,
} from '../common';
import { describeHolding } from './holding';
import { GpuHoursSection } from './GpuHoursSection';
import { useGpuUsage } from './useGpuUsage';

const TITLE = 'GPU usage';

const UtilisationMeter = ({
  label,
  percent,
}: {
  label: string;
  percent?: number;
}) =>
  percent === undefined ? (
    <>–</>
  ) : (
    <Meter
      label={label}
      value={percent}
      max={100}
      valueText={`${Math.round(percent)}%`}
    />
  );

/** The DCGM columns of a node's or a pod's row: utilisation and memory used. */
const MetricCells = ({
  of,
}: {
  of: { name: string; utilizationPercent?: number; memoryUsedMiB?: number };
}) => (
  <>
    <TableCell style={{ minWidth: 120 }}>
      <UtilisationMeter
        label={`GPU utilisation of ${of.name}`}
        percent={of.utilizationPercent}
      />
    </TableCell>
    <TableCell>{formatMiB(of.memoryUsedMiB)}</TableCell>
  </>
);

/** What a node's devices are: whole GPUs, MIG slices per profile, shared replicas. */
const deviceSummary = (node: GpuNode) =>
  node.resources
    .map(r => {
      if (r.kind === 'mig') return `${r.capacity}× MIG ${r.profile}`;
      if (r.kind === 'shared') {
        return `${r.capacity} shares (${r.sharingStrategy ?? 'shared'}${
          r.replicasPerGpu ? `, ${r.replicasPerGpu} per GPU` : ''
        })`;
      }
      return `${r.capacity}× ${r.resource}`;
    })
    .join(', ');

const podDevices = (pod: GpuPod) =>
  pod.devices
    .map(d => {
      if (d.kind === 'mig') return `${d.count}× MIG ${d.profile}`;
      if (d.kind === 'shared') return `${d.count} shared`;
      return String(d.count);
    })
    .join(', ');

const NodesTable = ({
  cluster,
  metrics,
}: {
  cluster: GpuClusterUsage;
  metrics: boolean;
}) => (
  <WideTable aria-label={`GPU nodes of ${cluster.cluster}`}>
    <TableHeader
      columns={[
        'Node',
        'GPU',
        'Instance type',
        'Allocated / capacity',
        metrics && 'Utilisation',
        metrics && 'Memory used',
      ]}
    />
    <TableBody>
      {cluster.nodes.map(node => (
        <TableRow key={node.name}>
          <TableCell>
            {node.name}
            {!node.ready && (
              <Chip size="small" label="not ready" style={{ marginLeft: 4 }} />
            )}
          </TableCell>
          <TableCell>
            {node.gpuProduct ?? '–'}
            <Typography variant="caption" display="block" color="textSecondary">
              {deviceSummary(node)}
              {node.resources.some(r => r.kind !== 'gpu') &&
                ` from ${node.physicalGpus} GPU${
                  node.physicalGpus === 1 ? '' : 's'
                }`}
            </Typography>
          </TableCell>
          <TableCell>{node.instanceType ?? '–'}</TableCell>
          <TableCell style={{ minWidth: 160 }}>
            <Meter
              label={`GPUs allocated on ${node.name}`}
              value={node.allocated}
              max={node.capacity}
              valueText={`${node.allocated} of ${node.capacity} ${
                node.resources.every(r => r.kind === 'gpu') ? 'GPUs' : 'devices'
              }`}
              warnAbove={0.9}
              errorAbove={1}
            />
          </TableCell>
          {metrics && <MetricCells of={node} />}
        </TableRow>
      ))}
    </TableBody>
  </WideTable>
);

const PodsTable = ({
  cluster,
  metrics,
}: {
  cluster: GpuClusterUsage;
  metrics: boolean;
}) => (
  <WideTable aria-label={`GPU pods of this project on ${cluster.cluster}`}>
    <TableHeader
      columns={[
        'Pod',
        'Node',
        'Phase',
        { label: 'GPUs', align: 'right' },
        metrics && 'Utilisation',
        metrics && 'Memory used',
      ]}
    />
    <TableBody>
      {cluster.pods.map(pod => (
        <TableRow key={`${pod.namespace}/${pod.name}`}>
          <TableCell>
            {pod.name}
            {pod.idle && (
              <Chip
                size="small"
                label="idle"
                title="Holds GPUs but does not use them"
                style={{ marginLeft: 4, background: '#b45309', color: '#fff' }}
              />
            )}
            <Typography variant="caption" display="block" color="textSecondary">
              namespace {pod.namespace}
            </Typography>
          </TableCell>
          <TableCell>{pod.nodeName ?? '–'}</TableCell>
          <TableCell>{pod.phase}</TableCell>
          <TableCell align="right">{podDevices(pod)}</TableCell>
          {metrics && <MetricCells of={pod} />}
        </TableRow>
      ))}
    </TableBody>
  </WideTable>
);

/** How old the cluster's GPU inventory is, and why it is stale when its refresh failed. */
const InventoryAge = ({ cluster }: { cluster: GpuClusterUsage }) => {
  const inventory = cluster.inventory!;
  const age = `${formatDuration(
    Math.max(0, Date.now() - Date.parse(inventory.refreshedAt)),
  )} old`;
  return inventory.stale ? (
    <Alert severity="warning" style={{ marginBottom: 8 }}>
      Inventory {age} (stale): the last refresh failed
      {inventory.error ? `: ${inventory.error.message}` : ''}.
    </Alert>
  ) : (
    <Typography variant="caption" display="block" color="textSecondary">
      Inventory {age}
    </Typography>
  );
};

const ClusterSection = ({
  cluster,
  metrics,
}: {
  cluster: GpuClusterUsage;
  metrics: boolean;
}) => (
  <Box component="section" mb={3} aria-label={`Cluster ${cluster.cluster}`}>
    <Typography variant="subtitle1" component="h3">
      Cluster {cluster.cluster}
    </Typography>
    {cluster.error ? (
      <MlopsErrorPanel error={new MlopsApiError(cluster.error)} />
    ) : (
      <>
        {cluster.inventory && <InventoryAge cluster={cluster} />}
        <Typography variant="body2" paragraph>
          This project {describeHolding(cluster)}; the cluster has{' '}
          {cluster.totals.allocated} of {cluster.totals.capacity} allocated.
        </Typography>
        {cluster.totals.idleAllocated > 0 && (
          <Alert severity="warning" style={{ marginBottom: 8 }}>
            {cluster.totals.idleAllocated} GPU
            {cluster.totals.idleAllocated === 1 ? ' is' : 's are'} allocated to
            idle pods of this project.
          </Alert>
        )}
        {cluster.nodes.length > 0 ? (
          <NodesTable cluster={cluster} metrics={metrics} />
        ) : (
          <Typography variant="body2">No GPU nodes in this cluster.</Typography>
        )}
        {cluster.pods.length > 0 ? (
          <PodsTable cluster={cluster} metrics={metrics} />
        ) : (
          <Typography variant="body2">
            This project runs no GPU pods here.
          </Typography>
        )}
      </>
    )}
  </Box>
);

const UsageView = ({ usage }: { usage: GpuUsageResponse }) => {
  if (usage.clusters.length === 0) {
    return (
      <Typography variant="body2">
        No Kubernetes clusters are configured for this portal.
      </Typography>
    );
  }
  return (
    <>
      {!usage.metricsAvailable && (
        <Typography variant="body2" color="textSecondary" paragraph>
          GPU utilisation and memory appear when Prometheus with DCGM metrics is
          configured.
        </Typography>
      )}
      {usage.clusters.map(cluster => (
        <ClusterSection
          key={cluster.cluster}
          cluster={cluster}
          metrics={usage.metricsAvailable}
        />
      ))}
      <GpuHoursSection />
    </>
  );
};

const UsageCard = () => {
  const state = useGpuUsage();
  return (
    <MlopsAsyncCard title={TITLE} state={state}>
      {usage => <UsageView usage={usage} />}
    </MlopsAsyncCard>
  );
};

/**
 * GPU nodes per cluster with capacity/allocation gauges, the project's GPU
 * pods with idle ones flagged, and DCGM utilisation/memory when available.
 */
export const GpuUsageCard = withCardAnnotation('gpuUsage', TITLE, UsageCard);
