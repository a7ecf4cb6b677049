import { MlopsErrorBody } from './errors';
import { MlopsResponseMeta } from './meta';

/** A Kubernetes node taint. @public */
export interface GpuNodeTaint {
  key: string;
  value?: string;
  effect: string;
}

/**
 * How a device plugin advertises a GPU resource: whole GPUs (`gpu`), MIG
 * slices (`mig`, NVIDIA's single or mixed strategy) or replicas of a shared
 * GPU (`shared`, time-slicing or MPS), where "1" is a share, not a card.
 * @public
 */
export type GpuDeviceKind = 'gpu' | 'mig' | 'shared';

/** One GPU resource a node advertises (`nvidia.com/gpu`, `nvidia.com/mig-1g.10gb`, `amd.com/gpu`...). @public */
export interface GpuNodeResource {
  /** The extended resource name pods request. */
  resource: string;
  kind: GpuDeviceKind;
  vendor: 'nvidia' | 'amd' | 'intel' | 'other';
  /** MIG profile (`1g.10gb`) of a `mig` resource. */
  profile?: string;
  /** Replicas per physical GPU of a `shared` resource (`nvidia.com/gpu.replicas`). */
  replicasPerGpu?: number;
  /** Time-slicing or MPS, for a `shared` resource (`nvidia.com/gpu.sharing-strategy`). */
  sharingStrategy?: string;
  capacity: number;
  allocatable: number;
  allocated: number;
}

/** When a cluster's GPU inventory was last refreshed, and whether that refresh failed. @public */
export interface GpuInventoryState {
  /** When the nodes and allocations shown were listed (the last good refresh). */
  refreshedAt: string;
  /** True when the latest refresh failed: nodes and allocations are the last good answer. */
  stale: boolean;
  /** Why the latest refresh failed. */
  error?: MlopsErrorBody['error'];
}

/** A node with GPU capacity of any kind and vendor. @public */
export interface GpuNode {
  name: string;
  ready: boolean;
  /** `node.kubernetes.io/instance-type` label. */
  instanceType?: string;
  /** `nvidia.com/gpu.product` label (GPU feature discovery). */
  gpuProduct?: string;
  /** Devices advertised over all GPU resources (a MIG slice or a shared replica counts one). */
  capacity: number;
  allocatable: number;
  /** Devices requested by running/pending pods scheduled on the node. */
  allocated: number;
  /** Physical GPUs of the node (`nvidia.com/gpu.count` label, else whole-GPU capacity). */
  physicalGpus: number;
  /** Each GPU resource the node advertises. */
  resources: GpuNodeResource[];
  /** `nvidia.com/mig.strategy` label (`single`, `mixed`) on MIG nodes. */
  migStrategy?: string;
  taints: GpuNodeTaint[];
  /** DCGM_FI_DEV_GPU_UTIL averaged over the node's GPUs, 0..100, when Prometheus is configured. */
  utilizationPercent?: number;
  /** DCGM_FI_DEV_FB_USED summed over the node's GPUs, MiB. */
  memoryUsedMiB?: number;
}

/** A pod of the entity that requests GPUs. @public */
export interface GpuPod {
  namespace: string;
  name: string;
  nodeName?: string;
  phase: string;
  /** Devices requested over all GPU resources (MIG slices and shared replicas count one each). */
  gpuRequested: number;
  /** What the pod requests per GPU resource, with its kind. */
  devices: Array<{
    resource: string;
    kind: GpuDeviceKind;
    count: number;
    profile?: string;
  }>;
  /** True when any of its devices is a share of a GPU (time-slicing/MPS), not a whole card. */
  shared: boolean;
  /** DCGM utilisation per MIG instance the pod holds (`GPU_I_PROFILE`, `GPU_I_ID`). */
  migInstances?: Array<{
    gpu: string;
    profile: string;
    instanceId: string;
    utilizationPercent: number;
  }>;
  utilizationPercent?: number;
  memoryUsedMiB?: number;
  /** Holds GPUs but DCGM shows (near) zero utilisation, or is not Running. */
  idle: boolean;
}

/** GPU usage of one cluster. `error` is set when that cluster could not be read. @public */
export interface GpuClusterUsage {
  cluster: string;
  nodes: GpuNode[];
  pods: GpuPod[];
  totals: {
    capacity: number;
    allocatable: number;
    allocated: number;
    /** GPUs held by the entity's pods: Running, or Pending on a node. */
    requestedByEntity: number;
    /** GPUs requested by the entity's pods that wait for a node (Pending, unscheduled); not held. */
    waitingByEntity: number;
    /** GPUs held by the entity's idle pods. */
    idleAllocated: number;
  };
  /** Age and state of the cluster's GPU inventory (absent when it was never read). */
  inventory?: GpuInventoryState;
  error?: MlopsErrorBody['error'];
}

/** `GET .../gpu`. @public */
export interface GpuUsageResponse {
  clusters: GpuClusterUsage[];
  /** True when DCGM utilisation/memory came from Prometheus. */
  metricsAvailable: boolean;
  meta: MlopsResponseMeta;
}

/** Windows of the GPU-hours figures. @public */
export const GPU_COST_WINDOWS = ['24h', '7d', '30d'] as const;

/** @public */
export type GpuCostWindow = (typeof GPU_COST_WINDOWS)[number];

/** GPU-hours of one day (or of the window when shorter), allocated vs used. @public */
export interface GpuHoursPoint {
  /** Start of the day, UTC ISO time. */
  day: string;
  allocatedGpuHours: number;
  /** Allocated hours weighted by DCGM utilisation. */
  usedGpuHours: number;
}

/** GPU-hours and cost of a set of pods over the window. @public */
export interface GpuHoursTotals {
  allocatedGpuHours: number;
  /** Absent when DCGM series are missing. */
  usedGpuHours?: number;
  /** Allocated below the idle threshold for at least an hour; absent without DCGM series. */
  idleGpuHours?: number;
  /** Cost at `mlops.gpuPricing` of the priced hours; absent when nothing could be priced. */
  cost?: number;
  /** Allocated GPU-hours no configured price matched. */
  unpricedGpuHours: number;
}

/** A pod that held GPUs while idle for an hour or more in the window. @public */
export interface GpuIdlePod {
  cluster?: string;
  namespace: string;
  name: string;
  /** Hours it held GPUs in the window. */
  heldHours: number;
  /** Hours of that below the idle threshold (runs of an hour or more). */
  idleHours: number;
  /** Idle GPU-hours (idle hours times GPUs held). */
  idleGpuHours: number;
  /** Average utilisation while it held GPUs, 0..100. */
  averageUtilizationPercent?: number;
}

/** `GET .../gpu/cost?window=7d`. @public */
export interface GpuCostResponse {
  window: GpuCostWindow;
  /** Seconds between points of the range queries. */
  stepSeconds: number;
  /** Utilisation (percent) below which allocated GPUs count as idle. */
  idleThresholdPercent: number;
  /** Currency of `cost` (`mlops.gpuPricing.currency`); absent when no pricing is configured. */
  currency?: string;
  entity: GpuHoursTotals & {
    daily: GpuHoursPoint[];
    topIdlePods: GpuIdlePod[];
  };
  /** Per cluster (Prometheus `cluster` label; one unnamed cluster without it). */
  clusters: Array<GpuHoursTotals & { cluster: string }>;
  /** Series the figures need that Prometheus has not, and what is missing because of it. */
  missing: Array<{
    series: 'kube-state-metrics' | 'dcgm-exporter';
    metric: string;
    effect: string;
  }>;
  meta: MlopsResponseMeta;
}
